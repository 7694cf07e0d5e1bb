//! `loket letter …`: letters made from requests, the numbering register
//! (buku agenda), verification, templates and letter settings.

use crate::Ctx;
use crate::out::{self, pick};
use clap::Subcommand;
use loket_core::naskah::{
    LetterOrder, LetterSettings, LetterSummary, ManualNumber, NumberStatus, RegisterEntry,
    Superior, TemplateOverrides, TemplateView, Verdict, Verification,
};
use loket_core::sop::LetterKind;
use loket_core::{Caller, Error, Lang, Loket, Text};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum LetterCmd {
    /// Make a letter (or its next version) and copy the PDF to --out. Several
    /// requests (comma-separated) make a collective recommendation. Prints
    /// the letter number.
    Render {
        /// Request number(s) (REQ-…), UUIDs or ids, comma-separated.
        requests: String,
        /// permohonan_penerbitan | permohonan_pencabutan | keterangan_pencabutan |
        /// rekomendasi_penerbitan | rekomendasi_pencabutan | disposisi |
        /// tanda_terima | pemberitahuan
        #[arg(long)]
        kind: String,
        /// Where to write a copy of the PDF (the app keeps its own under surat/).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// A number typed by hand: printed on the applicant's letters; for
        /// the office's letters, registered instead of drawing one.
        #[arg(long, value_name = "NUMBER")]
        nomor: Option<String>,
        /// keterangan_pencabutan: the superior who approves (else blank lines).
        #[arg(long, value_name = "NAME")]
        atasan_nama: Option<String>,
        #[arg(long, value_name = "NIP")]
        atasan_nip: Option<String>,
        #[arg(long, value_name = "POSITION")]
        atasan_jabatan: Option<String>,
        /// Act as this user (default: the CLI, with the admin role).
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The letters of a request, with their versions.
    List {
        request: String,
        #[arg(long)]
        json: bool,
    },
    /// The numbering register (buku agenda) of a year (default: all years).
    Register {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Is this letter genuine? A PDF file or a verification code. Exit 0
    /// when genuine; 1 when altered, voided or unknown.
    Verify {
        /// A PDF file, or the code printed on the letter (e.g. 7Q4K-92XD).
        file_or_code: String,
        #[arg(long)]
        json: bool,
    },
    /// Void a number: it stays in the register with the reason, never reused.
    Void {
        number: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Enter a number given elsewhere into the register (checked for clashes).
    Number {
        /// One of the kinds the office numbers.
        #[arg(long)]
        kind: String,
        /// The number exactly as written on the letter.
        #[arg(long, value_name = "NUMBER")]
        manual: String,
        #[arg(long, value_name = "TEXT")]
        subject: String,
        /// The letter's date (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Letter templates: show, change parts from a JSON file, reset.
    #[command(subcommand)]
    Template(TemplateCmd),
    /// Letter settings (signatory, margins, font, numbering) as JSON.
    #[command(subcommand)]
    Settings(SettingsCmd),
}

#[derive(Subcommand)]
pub enum TemplateCmd {
    /// A kind's template: each part's text and the placeholders it may use.
    Show {
        kind: String,
        #[arg(long)]
        json: bool,
    },
    /// Change parts of a kind's template from a JSON object `{"part": "text"}`.
    Set {
        kind: String,
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// Put a kind's template back to the shipped wording.
    Reset { kind: String },
}

#[derive(Subcommand)]
pub enum SettingsCmd {
    Show,
    /// Replace the letter settings with a JSON file (`-` for stdin).
    Set {
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
}

fn parse_kind(kind: &str) -> Result<LetterKind, Error> {
    LetterKind::parse(kind).ok_or_else(|| {
        let known = LetterKind::ALL.map(|k| k.code()).join(", ");
        Error::invalid(Text::new(
            format!("Jenis surat \"{kind}\" tidak dikenal; pilih salah satu: {known}."),
            format!("Unknown letter kind \"{kind}\"; choose one of: {known}."),
        ))
    })
}

fn who(loket: &Loket, as_user: Option<&str>) -> Result<Caller, Error> {
    match as_user {
        Some(u) => loket.act_as(u),
        None => Ok(Caller::cli()),
    }
}

pub fn run(ctx: &Ctx, cmd: LetterCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    let lang = ctx.lang;
    match cmd {
        LetterCmd::Render {
            requests,
            kind,
            out,
            nomor,
            atasan_nama,
            atasan_nip,
            atasan_jabatan,
            as_user,
            json,
        } => {
            let kind = parse_kind(&kind)?;
            let loket = ctx.open()?;
            let by = who(&loket, as_user.as_deref())?;
            let atasan = (atasan_nama.is_some()
                || atasan_nip.is_some()
                || atasan_jabatan.is_some())
            .then(|| Superior {
                nama: atasan_nama.unwrap_or_default(),
                nip: atasan_nip.unwrap_or_default(),
                jabatan: atasan_jabatan.unwrap_or_default(),
            });
            let made = loket.generate_letter(
                &by,
                &LetterOrder {
                    kind: Some(kind),
                    requests: requests.split(',').map(str::to_string).collect(),
                    nomor,
                    atasan,
                },
            )?;
            if let Some(dest) = &out {
                loket.copy_letter(&by, made.version.id, dest)?;
            }
            if json {
                out::json(&made)?;
            } else {
                println!(
                    "{}",
                    made.letter.nomor.clone().unwrap_or_else(|| pick(
                        lang,
                        "(tanpa nomor)",
                        "(no number)"
                    )
                    .into())
                );
                let v = &made.version;
                println!(
                    "  {} {} {}, {} {}, {} {}",
                    made.letter.kind_label.get(lang),
                    pick(lang, "versi", "version"),
                    v.version,
                    pick(lang, "kode", "code"),
                    v.code,
                    v.pages,
                    pick(lang, "halaman", if v.pages == 1 { "page" } else { "pages" })
                );
                println!(
                    "  {}: {}",
                    pick(lang, "tersimpan", "stored"),
                    made.path.display()
                );
                if let Some(dest) = &out {
                    println!("  {}: {}", pick(lang, "salinan", "copy"), dest.display());
                }
            }
        }
        LetterCmd::List { request, json } => {
            let loket = ctx.open()?;
            let letters = loket.letters_of_request(&caller, &request)?;
            if json {
                out::json(&letters)?;
            } else {
                print_letters(&letters, lang);
            }
        }
        LetterCmd::Register { year, json } => {
            let loket = ctx.open()?;
            let entries = loket.letter_register(&caller, year)?;
            if json {
                out::json(&entries)?;
            } else {
                print_register(&entries, lang);
            }
        }
        LetterCmd::Verify { file_or_code, json } => {
            let loket = ctx.open()?;
            let path = Path::new(&file_or_code);
            let v = if path.is_file() {
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
                loket.verify_letter_file(&caller, &bytes)?
            } else {
                loket.verify_letter_code(&caller, &file_or_code)?
            };
            if json {
                out::json(&v)?;
            } else {
                print_verification(&v, lang);
            }
            return Ok(if v.verdict == Verdict::Genuine {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        LetterCmd::Void {
            number,
            reason,
            json,
        } => {
            let loket = ctx.open()?;
            let e = loket.void_letter_number(&caller, &number, &reason)?;
            if json {
                out::json(&e)?;
            } else {
                println!(
                    "{}: {} ({})",
                    pick(lang, "Dibatalkan", "Voided"),
                    e.nomor,
                    e.void_reason.unwrap_or_default()
                );
            }
        }
        LetterCmd::Number {
            kind,
            manual,
            subject,
            date,
            json,
        } => {
            let kind = parse_kind(&kind)?;
            let tanggal = match date {
                None => None,
                Some(d) => Some(
                    chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                        Error::invalid(Text::new(
                            format!("Tanggal \"{d}\" tidak terbaca; tulis YYYY-MM-DD."),
                            format!("The date \"{d}\" is unreadable; write YYYY-MM-DD."),
                        ))
                    })?,
                ),
            };
            let loket = ctx.open()?;
            let e = loket.enter_letter_number(
                &caller,
                &ManualNumber {
                    kind: Some(kind),
                    nomor: manual,
                    hal: subject,
                    tanggal,
                },
            )?;
            if json {
                out::json(&e)?;
            } else {
                println!(
                    "{}: {} ({}, {})",
                    pick(lang, "Dicatat", "Recorded"),
                    e.nomor,
                    e.kind_label.get(lang),
                    e.tanggal
                );
            }
        }
        LetterCmd::Template(t) => run_template(ctx, t, &caller)?,
        LetterCmd::Settings(s) => {
            let loket = ctx.open()?;
            match s {
                SettingsCmd::Show => out::json(&loket.letter_settings()?)?,
                SettingsCmd::Set { json } => {
                    let input: LetterSettings = out::read_json_file(&json)?;
                    out::json(&loket.set_letter_settings(&caller, &input)?)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_template(ctx: &Ctx, cmd: TemplateCmd, caller: &Caller) -> Result<(), Error> {
    let loket = ctx.open()?;
    match cmd {
        TemplateCmd::Show { kind, json } => {
            let kind = parse_kind(&kind)?;
            let all = loket.letter_templates(caller)?;
            let Some(t) = all.into_iter().find(|t| t.kind == kind) else {
                return Err(Error::internal("template missing"));
            };
            if json {
                out::json(&t)?;
            } else {
                print_template(&t, ctx.lang);
            }
        }
        TemplateCmd::Set { kind, json } => {
            let kind = parse_kind(&kind)?;
            let edited: TemplateOverrides = out::read_json_file(&json)?;
            let t = loket.set_letter_template(caller, kind, &edited)?;
            print_template(&t, ctx.lang);
        }
        TemplateCmd::Reset { kind } => {
            let kind = parse_kind(&kind)?;
            let t = loket.reset_letter_template(caller, kind)?;
            print_template(&t, ctx.lang);
        }
    }
    Ok(())
}

fn print_template(t: &TemplateView, lang: Lang) {
    println!("{} ({})", t.label.get(lang), t.kind.code());
    for s in &t.slots {
        let mark = if s.changed {
            pick(lang, " [diubah]", " [changed]")
        } else {
            ""
        };
        println!("\n[{}] {}{mark}", s.key, s.label.get(lang));
        for line in s.text.lines() {
            println!("  {line}");
        }
        println!("  ({})", s.placeholders.join(" "));
    }
}

fn status_word(s: Option<NumberStatus>, lang: Lang) -> &'static str {
    match s {
        Some(NumberStatus::Aktif) => pick(lang, "aktif", "in force"),
        Some(NumberStatus::Batal) => pick(lang, "BATAL", "VOID"),
        None => "-",
    }
}

fn print_letters(letters: &[LetterSummary], lang: Lang) {
    let rows: Vec<Vec<String>> = letters
        .iter()
        .flat_map(|l| {
            l.versions.iter().map(move |v| {
                vec![
                    l.kind.code().to_string(),
                    l.nomor.clone().unwrap_or_else(|| "-".into()),
                    status_word(l.number_status, lang).to_string(),
                    l.tanggal.clone(),
                    v.version.to_string(),
                    v.code.clone(),
                    v.path.clone(),
                ]
            })
        })
        .collect();
    out::table(
        &[
            pick(lang, "JENIS", "KIND"),
            pick(lang, "NOMOR", "NUMBER"),
            "STATUS",
            pick(lang, "TANGGAL", "DATE"),
            pick(lang, "VERSI", "VERSION"),
            pick(lang, "KODE", "CODE"),
            pick(lang, "BERKAS", "FILE"),
        ],
        &rows,
    );
}

fn print_register(entries: &[RegisterEntry], lang: Lang) {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let mut requests = e
                .requests
                .iter()
                .take(2)
                .map(|r| r.nomor.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            if e.requests.len() > 2 {
                let more = e.requests.len() - 2;
                requests.push_str(&match lang {
                    Lang::Id => format!(" (+{more} lainnya)"),
                    Lang::En => format!(" (+{more} more)"),
                });
            }
            let mut status = status_word(Some(e.status), lang).to_string();
            if let Some(r) = &e.void_reason {
                status.push_str(&format!(": {r}"));
            }
            vec![
                e.nomor.clone(),
                e.tanggal.clone(),
                e.kind.map_or_else(
                    || e.kind_label.get(lang).to_string(),
                    |k| k.code().to_string(),
                ),
                if e.manual {
                    pick(lang, "manual", "by hand").to_string()
                } else {
                    e.urutan.clone().unwrap_or_default()
                },
                e.hal.clone(),
                if requests.is_empty() {
                    "-".into()
                } else {
                    requests
                },
                status,
            ]
        })
        .collect();
    out::table(
        &[
            pick(lang, "NOMOR", "NUMBER"),
            pick(lang, "TANGGAL", "DATE"),
            pick(lang, "JENIS", "KIND"),
            pick(lang, "URUTAN", "SEQUENCE"),
            pick(lang, "HAL", "SUBJECT"),
            pick(lang, "PERMOHONAN", "REQUESTS"),
            "STATUS",
        ],
        &rows,
    );
}

fn print_verification(v: &Verification, lang: Lang) {
    println!("{}", v.message.get(lang));
    if let Some(l) = &v.letter {
        for r in &l.requests {
            println!("  {} {}", r.nomor, r.nama);
        }
    }
}
