use crate::Ctx;
use crate::out;
use clap::Subcommand;
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

pub fn run(ctx: &Ctx, cmd: RequestCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    match cmd {
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
