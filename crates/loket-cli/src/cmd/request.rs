use crate::Ctx;
use crate::out;
use crate::out::pick;
use clap::Subcommand;
use loket_core::Lang;
use loket_core::lifecycle::{Outcome, RequestView, StepAction, StepState};
use loket_core::model::{RequestStatus, RequestType, RevocationReason};
use loket_core::requests::RequestFilter;
use loket_core::{Caller, Error, Text};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum RequestCmd {
    /// Create a request for a stored person (id or NIK).
    Create {
        /// penerbitan | pencabutan | pembaruan | perubahan_data | reset_passphrase
        #[arg(long = "type", value_name = "TYPE")]
        jenis: String,
        #[arg(long, value_name = "ID")]
        person: String,
        /// Revocation reason: a code (lupa_passphrase, perubahan_data, mutasi, kehilangan,
        /// kunci_bocor, pensiun, berhenti, meninggal, pelanggaran) or free text (recorded as lainnya).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Act on the current step of a request.
    Step {
        id: String,
        /// done | return | reject
        #[arg(long)]
        outcome: String,
        /// For return: the step to go back to (default: the SOP's on_fail).
        #[arg(long)]
        to: Option<u32>,
        #[arg(long)]
        note: Option<String>,
        /// Act as this user (default: the CLI, recorded as an admin override).
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
        /// For a conditional step: yes | no.
        #[arg(long)]
        condition: Option<String>,
        /// For a head's step: to whom the disposisi goes.
        #[arg(long)]
        disposisi_to: Option<String>,
        /// A requirement ticked (repeatable), as the SOP words it; `all` ticks all.
        #[arg(long = "check", value_name = "TEXT")]
        checklist: Vec<String>,
        /// On the last step of an issuance or renewal: the certificate's expiry (YYYY-MM-DD).
        #[arg(long)]
        expires: Option<String>,
        /// Continue without the required documents, with this written reason (verifier).
        #[arg(long, value_name = "REASON")]
        override_documents: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show a request with its SOP steps, standard and actual minutes.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Resubmit a rejected request after correcting it.
    Resubmit {
        id: String,
        #[arg(long)]
        note: Option<String>,
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
    /// Cancel a request.
    Cancel {
        id: String,
        #[arg(long)]
        note: String,
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
    /// Correct a revocation's reason (recorded in the audit log).
    Reason {
        id: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        text: Option<String>,
    },
    /// Requests with overdue or soon-due steps and emailed links about to expire.
    Due {
        #[arg(long)]
        json: bool,
    },
    /// List requests, newest first.
    List {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        search: Option<String>,
        /// draf | diproses | ditolak | selesai | dibatalkan
        #[arg(long)]
        status: Option<String>,
        #[arg(long = "type", value_name = "TYPE")]
        jenis: Option<String>,
    },
}

fn who(loket: &loket_core::Loket, as_user: Option<&str>) -> Result<Caller, Error> {
    match as_user {
        Some(u) => loket.act_as(u),
        None => Ok(Caller::cli()),
    }
}

pub fn run(ctx: &Ctx, cmd: RequestCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    let lang = ctx.lang;
    match cmd {
        RequestCmd::Step {
            id,
            outcome,
            to,
            note,
            as_user,
            condition,
            disposisi_to,
            checklist,
            expires,
            override_documents,
            json,
        } => {
            let outcome = Outcome::parse(&outcome).ok_or_else(|| {
                Error::invalid(Text::new(
                    format!("Hasil \"{outcome}\" tidak dikenal; pilih done, return atau reject."),
                    format!("Unknown outcome \"{outcome}\"; choose done, return or reject."),
                ))
            })?;
            let condition = match condition.as_deref().map(|c| c.trim().to_ascii_lowercase()) {
                None => None,
                Some(c) if ["yes", "ya", "y"].contains(&c.as_str()) => Some(true),
                Some(c) if ["no", "tidak", "n"].contains(&c.as_str()) => Some(false),
                Some(c) => {
                    return Err(Error::invalid(Text::new(
                        format!("--condition \"{c}\" harus yes atau no."),
                        format!("--condition \"{c}\" must be yes or no."),
                    )));
                }
            };
            let expires_on = match expires {
                None => None,
                Some(e) => Some(
                    chrono::NaiveDate::parse_from_str(e.trim(), "%Y-%m-%d").map_err(|_| {
                        Error::invalid(Text::new(
                            format!("Tanggal --expires \"{e}\" tidak terbaca; tulis YYYY-MM-DD."),
                            format!("The --expires date \"{e}\" is unreadable; write YYYY-MM-DD."),
                        ))
                    })?,
                ),
            };
            let loket = ctx.open()?;
            let by = who(&loket, as_user.as_deref())?;
            let checklist = if checklist.iter().any(|c| c == "all") {
                let view = loket.request_view(&by, &id)?;
                view.current
                    .and_then(|c| view.steps.into_iter().find(|s| s.no == c.no))
                    .map(|s| s.requirements)
                    .unwrap_or_default()
            } else {
                checklist
            };
            let view = loket.act_on_step(
                &by,
                &id,
                &StepAction {
                    outcome,
                    step: None,
                    to,
                    note,
                    at: None,
                    condition,
                    checklist,
                    disposisi_to,
                    expires_on,
                    override_documents,
                },
            )?;
            if json {
                out::json(&view)?;
            } else {
                print_status(&view, lang);
            }
        }
        RequestCmd::Show { id, json } => {
            let loket = ctx.open()?;
            let view = loket.request_view(&caller, &id)?;
            if json {
                out::json(&view)?;
            } else {
                print_view(&view, lang);
            }
        }
        RequestCmd::Resubmit { id, note, as_user } => {
            let loket = ctx.open()?;
            let by = who(&loket, as_user.as_deref())?;
            let view = loket.resubmit(&by, &id, note.as_deref())?;
            print_status(&view, lang);
        }
        RequestCmd::Cancel { id, note, as_user } => {
            let loket = ctx.open()?;
            let by = who(&loket, as_user.as_deref())?;
            let view = loket.cancel_request(&by, &id, &note)?;
            print_status(&view, lang);
        }
        RequestCmd::Reason { id, reason, text } => {
            let r = RevocationReason::parse_loose(&reason).ok_or_else(|| {
                let known = RevocationReason::ALL.map(|r| r.code()).join(", ");
                Error::invalid(Text::new(
                    format!("Alasan \"{reason}\" tidak dikenal; pilih: {known}."),
                    format!("Unknown reason \"{reason}\"; choose: {known}."),
                ))
            })?;
            let loket = ctx.open()?;
            let req = loket.correct_revocation_reason(&caller, &id, r, text.as_deref())?;
            println!("{} {} (CRL {})", req.nomor, r.code(), r.crl().code());
        }
        RequestCmd::Due { json } => {
            let loket = ctx.open()?;
            let due = loket.due_list(&caller)?;
            if json {
                out::json(&due)?;
            } else {
                let rows: Vec<Vec<String>> = due
                    .iter()
                    .map(|d| {
                        let what = if d.link_expired {
                            pick(lang, "tautan kedaluwarsa", "link expired").to_string()
                        } else if d.overdue {
                            format!(
                                "{} {} {}",
                                pick(lang, "terlambat", "overdue"),
                                d.overdue_minutes,
                                pick(lang, "menit", "min")
                            )
                        } else if d.link_expiring {
                            pick(lang, "tautan segera habis", "link expiring").to_string()
                        } else {
                            pick(lang, "segera jatuh tempo", "soon due").to_string()
                        };
                        vec![
                            d.nomor.clone(),
                            d.step_no.to_string(),
                            d.actor.clone(),
                            what,
                            d.nama.clone(),
                        ]
                    })
                    .collect();
                let h = pick(
                    lang,
                    "NOMOR|LANGKAH|PELAKSANA|KEADAAN|NAMA",
                    "NUMBER|STEP|ACTOR|STATE|NAME",
                );
                out::table(&h.split('|').collect::<Vec<_>>(), &rows);
            }
        }
        RequestCmd::Create {
            jenis,
            person,
            reason,
            json,
        } => {
            let loket = ctx.open()?;
            let person_id = resolve_person(&loket, &caller, &person)?;
            let (code, text) = match reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                None => (None, None),
                Some(r) => match RevocationReason::parse_loose(r) {
                    Some(reason) => (Some(reason.code().to_string()), None),
                    None => (Some("lainnya".to_string()), Some(r.to_string())),
                },
            };
            let req = loket.create_request(
                &caller,
                &jenis,
                person_id,
                code.as_deref(),
                text.as_deref(),
            )?;
            if json {
                out::json(&req)?;
            } else {
                println!("{}", req.nomor);
            }
        }
        RequestCmd::List {
            json,
            search,
            status,
            jenis,
        } => {
            let status = match status {
                None => None,
                Some(s) => Some(RequestStatus::parse(&s).ok_or_else(|| {
                    Error::invalid(Text::new(
                        format!("Status \"{s}\" tidak dikenal (draf, diproses, ditolak, selesai, dibatalkan)."),
                        format!("Unknown status \"{s}\" (draf, diproses, ditolak, selesai, dibatalkan)."),
                    ))
                })?),
            };
            let jenis = match jenis {
                None => None,
                Some(j) => Some(RequestType::parse(&j).ok_or_else(|| {
                    Error::invalid(Text::new(
                        format!("Jenis \"{j}\" tidak dikenal."),
                        format!("Unknown type \"{j}\"."),
                    ))
                })?),
            };
            let loket = ctx.open()?;
            let list = loket.list_requests(
                &caller,
                &RequestFilter {
                    search,
                    status,
                    jenis,
                    ..RequestFilter::default()
                },
            )?;
            if json {
                out::json(&list)?;
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|r| {
                        vec![
                            r.request.nomor.clone(),
                            r.request.jenis.code().to_string(),
                            r.request.status.code().to_string(),
                            r.nama.clone(),
                            r.unit_kerja.clone(),
                        ]
                    })
                    .collect();
                out::table(&["NOMOR", "JENIS", "STATUS", "NAMA", "UNIT KERJA"], &rows);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A person given by id or by NIK.
fn resolve_person(loket: &loket_core::Loket, caller: &Caller, key: &str) -> Result<i64, Error> {
    let key = key.trim();
    if key.len() == 16 && key.chars().all(|c| c.is_ascii_digit()) {
        let found = loket.list_people(caller, Some(key), 2, 0)?;
        if let Some(p) = found.into_iter().find(|p| p.data.nik == key) {
            return Ok(p.id);
        }
    }
    key.parse::<i64>().map_err(|_| {
        Error::not_found(Text::new(
            format!("Pegawai \"{key}\" tidak ditemukan (berikan id atau NIK)."),
            format!("Person \"{key}\" not found (give an id or a NIK)."),
        ))
    })
}

/// One line: where the request stands now.
fn print_status(view: &RequestView, lang: Lang) {
    let r = &view.request;
    let status = r.status.label();
    match &view.current {
        Some(c) => {
            let step = &view.steps[(c.no - 1) as usize];
            println!(
                "{} {}: {} {} — {} ({})",
                r.nomor,
                status.get(lang),
                pick(lang, "langkah", "step"),
                c.no,
                step.activity,
                step.actor
            );
        }
        None => println!("{} {}", r.nomor, status.get(lang)),
    }
}

/// The request with its timeline.
fn print_view(view: &RequestView, lang: Lang) {
    let r = &view.request;
    println!(
        "{} · {} · {} ({})",
        r.nomor,
        r.jenis.label().get(lang),
        view.person.data.nama,
        view.person.data.unit_kerja
    );
    println!(
        "SOP {} v{} — {}: {}",
        view.sop_id,
        view.sop_version,
        pick(lang, "rencana", "planned"),
        view.planned_text.get(lang)
    );
    println!(
        "{}: {} ({} {})",
        pick(lang, "Status", "Status"),
        r.status.label().get(lang),
        pick(lang, "pengajuan ke-", "attempt"),
        r.attempt
    );
    println!();
    let rows: Vec<Vec<String>> = view
        .steps
        .iter()
        .map(|s| {
            let state = match s.state {
                StepState::Done => pick(lang, "selesai", "done"),
                StepState::Current => pick(lang, "SEKARANG", "CURRENT"),
                StepState::Skipped => pick(lang, "dilewati", "skipped"),
                StepState::Upcoming => pick(lang, "berikutnya", "upcoming"),
                StepState::Stopped => pick(lang, "berhenti", "stopped"),
            };
            let actual = s
                .actual_minutes
                .map(|m| format!("{m}"))
                .unwrap_or_else(|| "-".into());
            let mark = if s.overdue { "!" } else { "" };
            vec![
                s.no.to_string(),
                state.to_string(),
                s.actor.clone(),
                s.time_text.clone(),
                format!("{actual}{mark}"),
                s.activity.clone(),
            ]
        })
        .collect();
    let h = pick(
        lang,
        "NO|KEADAAN|PELAKSANA|BAKU|AKTUAL(MENIT)|KEGIATAN",
        "NO|STATE|ACTOR|STANDARD|ACTUAL(MIN)|ACTIVITY",
    );
    out::table(&h.split('|').collect::<Vec<_>>(), &rows);
}
