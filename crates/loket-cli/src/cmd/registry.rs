//! `loket registry`: the registry of TTE users, its counts, the expiry
//! radar, batch renewals, the revoked list, and spreadsheet import/export.

use crate::Ctx;
use crate::out::{self, pick};
use clap::Subcommand;
use loket_core::registry::{
    ImportAction, ImportRow, ImportSource, RegistryQuery, RegistryRow, RegistrySort, RegistryStatus,
};
use loket_core::{Caller, Error, Lang};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum RegistryCmd {
    /// List TTE users with their certificate status as of today.
    List {
        /// Name or unit words (prefixes), or NIK/NIP digits (prefix).
        #[arg(long)]
        search: Option<String>,
        /// aktif | kedaluwarsa | dicabut | ditangguhkan | belum
        #[arg(long)]
        status: Option<String>,
        /// Only active certificates expiring within N days.
        #[arg(long, value_name = "N")]
        expiring_days: Option<u32>,
        /// Exactly this work unit.
        #[arg(long)]
        unit: Option<String>,
        /// nama | nik | unit_kerja | berlaku_sampai
        #[arg(long, default_value = "nama")]
        sort: String,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
        #[arg(long)]
        json: bool,
    },
    /// Counts per work unit (active = TTE users), with the office's totals.
    Units {
        #[arg(long)]
        json: bool,
    },
    /// Revoked certificates with reason and RFC 5280 code, like a CRL.
    Revoked {
        #[arg(long)]
        json: bool,
    },
    /// Active certificates expiring within N days (default 30).
    Expiring {
        #[arg(long, value_name = "N")]
        days: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Start a renewal request for each person id (each succeeds or fails on its own).
    Renew {
        #[arg(required = true, value_name = "PERSON_ID")]
        ids: Vec<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Import people and certificate status from CSV or XLSX. The header row uses the
    /// person JSON field names (nama, nik, nip, …) plus optional status_sertifikat, terbit,
    /// berlaku_sampai, dicabut, alasan_pencabutan. Exit 1 if any row is rejected.
    Import {
        file: PathBuf,
        /// Change nothing; print what would happen.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Export the registry (optionally filtered) to FILE.xlsx or FILE.csv.
    Export {
        file: PathBuf,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long, value_name = "N")]
        expiring_days: Option<u32>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, default_value = "nama")]
        sort: String,
    },
}

fn query(
    search: Option<String>,
    status: Option<String>,
    expiring_days: Option<u32>,
    unit: Option<String>,
    sort: &str,
) -> Result<RegistryQuery, Error> {
    Ok(RegistryQuery {
        search,
        unit,
        status: status
            .as_deref()
            .map(RegistryStatus::parse_or_explain)
            .transpose()?,
        expiring_within_days: expiring_days,
        sort: RegistrySort::parse_or_explain(sort)?,
        ..RegistryQuery::default()
    })
}

pub fn run(ctx: &Ctx, cmd: RegistryCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    let lang = ctx.lang;
    match cmd {
        RegistryCmd::List {
            search,
            status,
            expiring_days,
            unit,
            sort,
            limit,
            offset,
            json,
        } => {
            let mut q = query(search, status, expiring_days, unit, &sort)?;
            q.limit = Some(limit);
            q.offset = Some(offset);
            let loket = ctx.open()?;
            let page = loket.registry(&caller, &q)?;
            if json {
                out::json(&page)?;
            } else {
                print_rows(lang, &page.rows);
                let (from, to) = (offset + 1, offset + page.rows.len() as i64);
                println!(
                    "{}",
                    match lang {
                        Lang::Id =>
                            format!("{} pegawai cocok; ditampilkan {from}-{to}.", page.total),
                        Lang::En => format!("{} people match; showing {from}-{to}.", page.total),
                    }
                );
            }
        }
        RegistryCmd::Units { json } => {
            let loket = ctx.open()?;
            let units = loket.active_per_unit(&caller)?;
            let totals = loket.registry_totals(&caller)?;
            if json {
                out::json(&serde_json::json!({ "units": units, "totals": totals }))?;
            } else {
                let mut rows: Vec<Vec<String>> = units
                    .iter()
                    .map(|u| {
                        vec![
                            u.unit_kerja.clone(),
                            u.pegawai.to_string(),
                            u.aktif.to_string(),
                            u.kedaluwarsa.to_string(),
                            u.dicabut.to_string(),
                            u.ditangguhkan.to_string(),
                            u.belum.to_string(),
                        ]
                    })
                    .collect();
                rows.push(vec![
                    pick(lang, "JUMLAH", "TOTAL").to_string(),
                    totals.pegawai.to_string(),
                    totals.aktif.to_string(),
                    totals.kedaluwarsa.to_string(),
                    totals.dicabut.to_string(),
                    totals.ditangguhkan.to_string(),
                    totals.belum.to_string(),
                ]);
                let headers = match lang {
                    Lang::Id => [
                        "UNIT KERJA",
                        "PEGAWAI",
                        "AKTIF",
                        "KEDALUWARSA",
                        "DICABUT",
                        "DITANGGUHKAN",
                        "BELUM",
                    ],
                    Lang::En => [
                        "WORK UNIT",
                        "PEOPLE",
                        "ACTIVE",
                        "EXPIRED",
                        "REVOKED",
                        "SUSPENDED",
                        "NONE YET",
                    ],
                };
                out::table(&headers, &rows);
                let soon = totals.segera_kedaluwarsa;
                println!(
                    "{}",
                    match lang {
                        Lang::Id => format!(
                            "Pengguna TTE aktif: {}; {soon} sertifikat berakhir dalam 30 hari.",
                            totals.aktif
                        ),
                        Lang::En => format!(
                            "Active TTE users: {}; {soon} certificates expire within 30 days.",
                            totals.aktif
                        ),
                    }
                );
            }
        }
        RegistryCmd::Revoked { json } => {
            let loket = ctx.open()?;
            let list = loket.revoked_list(&caller)?;
            if json {
                out::json(&list)?;
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|r| {
                        vec![
                            r.revoked_on
                                .map(|d| d.to_string())
                                .unwrap_or_else(|| "-".into()),
                            r.nama.clone(),
                            r.nik.clone(),
                            r.reason_text.get(lang).to_string(),
                            format!("{} {}", r.crl_code, r.crl_name),
                        ]
                    })
                    .collect();
                let headers = match lang {
                    Lang::Id => ["DICABUT", "NAMA", "NIK", "ALASAN", "KODE CRL"],
                    Lang::En => ["REVOKED", "NAME", "NIK", "REASON", "CRL CODE"],
                };
                out::table(&headers, &rows);
            }
        }
        RegistryCmd::Expiring { days, json } => {
            let loket = ctx.open()?;
            let rows = loket.expiring(&caller, days)?;
            if json {
                out::json(&rows)?;
            } else {
                print_rows(lang, &rows);
            }
        }
        RegistryCmd::Renew { ids, json } => {
            let loket = ctx.open()?;
            let result = loket.start_renewals(&caller, &ids)?;
            if json {
                out::json(&result)?;
            } else {
                for item in &result.items {
                    let who = item.nama.clone().unwrap_or_else(|| "-".into());
                    match (&item.request, &item.error) {
                        (Some(nomor), _) => println!("{}  {who}: {nomor}", item.person_id),
                        (None, Some(e)) => println!(
                            "{}  {who}: {}: {}",
                            item.person_id,
                            pick(lang, "gagal", "failed"),
                            e.get(lang)
                        ),
                        (None, None) => {}
                    }
                }
                println!(
                    "{}",
                    match lang {
                        Lang::Id => format!(
                            "{} permohonan pembaruan dibuat, {} gagal.",
                            result.created, result.failed
                        ),
                        Lang::En => format!(
                            "{} renewal requests created, {} failed.",
                            result.created, result.failed
                        ),
                    }
                );
            }
            if result.failed > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        RegistryCmd::Import {
            file,
            dry_run,
            json,
        } => return import(ctx, &caller, file, dry_run, json),
        RegistryCmd::Export {
            file,
            search,
            status,
            expiring_days,
            unit,
            sort,
        } => {
            let q = query(search, status, expiring_days, unit, &sort)?;
            let loket = ctx.open()?;
            let report = loket.export_registry(&caller, &q, &file)?;
            let p = report.path.display();
            println!(
                "{}",
                match lang {
                    Lang::Id => format!("{} baris diekspor ke {p}.", report.rows),
                    Lang::En => format!("{} rows exported to {p}.", report.rows),
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_rows(lang: Lang, rows: &[RegistryRow]) {
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.person.id.to_string(),
                r.person.data.nama.clone(),
                r.person.data.nik.clone(),
                r.person.data.unit_kerja.clone(),
                r.status.label().get(lang).to_string(),
                r.expires_on
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                r.days_to_expiry
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let headers = match lang {
        Lang::Id => [
            "ID",
            "NAMA",
            "NIK",
            "UNIT KERJA",
            "STATUS",
            "BERLAKU SAMPAI",
            "SISA HARI",
        ],
        Lang::En => [
            "ID",
            "NAME",
            "NIK",
            "WORK UNIT",
            "STATUS",
            "VALID UNTIL",
            "DAYS LEFT",
        ],
    };
    out::table(&headers, &table);
}

fn action_word(lang: Lang, action: ImportAction) -> &'static str {
    match action {
        ImportAction::New => pick(lang, "baru", "new"),
        ImportAction::Update => pick(lang, "diubah", "update"),
        ImportAction::Unchanged => pick(lang, "tetap", "unchanged"),
        ImportAction::Rejected => pick(lang, "ditolak", "rejected"),
    }
}

fn print_rejected(lang: Lang, rows: &[&ImportRow]) {
    for row in rows {
        let who = row.nama.clone().unwrap_or_default();
        eprintln!(
            "{} {}: {} {}",
            pick(lang, "baris", "line"),
            row.line,
            action_word(lang, ImportAction::Rejected),
            who
        );
        for p in &row.problems {
            eprintln!("  - {}: {}", p.field, p.message.get(lang));
        }
    }
}

fn import(
    ctx: &Ctx,
    caller: &Caller,
    file: PathBuf,
    dry_run: bool,
    json: bool,
) -> Result<ExitCode, Error> {
    let lang = ctx.lang;
    let loket = ctx.open()?;
    let source = ImportSource::File(file);
    if dry_run {
        let preview = loket.import_preview(caller, &source, None)?;
        if !preview.missing.is_empty() {
            return Err(Error::invalid_fields(preview.missing));
        }
        if json {
            out::json(&preview)?;
        } else {
            for note in &preview.notes {
                println!("{}", note.get(lang));
            }
            for row in preview
                .rows
                .iter()
                .filter(|r| matches!(r.action, ImportAction::New | ImportAction::Update))
            {
                let nik = row.nik.clone().unwrap_or_default();
                let who = row.nama.clone().unwrap_or_default();
                println!(
                    "{} {}: {} {nik} {who}",
                    pick(lang, "baris", "line"),
                    row.line,
                    action_word(lang, row.action)
                );
                for c in &row.changes {
                    println!(
                        "  - {}: {} -> {}",
                        c.field,
                        c.old.as_deref().unwrap_or("-"),
                        c.new.as_deref().unwrap_or("-")
                    );
                }
            }
        }
        let rejected: Vec<&ImportRow> = preview
            .rows
            .iter()
            .filter(|r| r.action == ImportAction::Rejected)
            .collect();
        print_rejected(lang, &rejected);
        let c = &preview.counts;
        eprintln!(
            "{}",
            match lang {
                Lang::Id => format!(
                    "Uji coba, tidak ada yang disimpan: {} baru, {} diubah, {} tetap, {} ditolak, {} catatan sertifikat.",
                    c.new, c.update, c.unchanged, c.rejected, c.certificates
                ),
                Lang::En => format!(
                    "Dry run, nothing saved: {} new, {} updated, {} unchanged, {} rejected, {} certificate records.",
                    c.new, c.update, c.unchanged, c.rejected, c.certificates
                ),
            }
        );
        return Ok(if c.rejected > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let report = loket.import_apply(caller, &source, None)?;
    if json {
        out::json(&report)?;
    }
    print_rejected(lang, &report.rejected.iter().collect::<Vec<_>>());
    let c = &report.counts;
    let summary = match lang {
        Lang::Id => format!(
            "Impor {}: {} baru, {} diubah, {} tetap, {} ditolak, {} catatan sertifikat.",
            report.file, c.new, c.update, c.unchanged, c.rejected, c.certificates
        ),
        Lang::En => format!(
            "Import {}: {} new, {} updated, {} unchanged, {} rejected, {} certificate records.",
            report.file, c.new, c.update, c.unchanged, c.rejected, c.certificates
        ),
    };
    if json {
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }
    Ok(if c.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
