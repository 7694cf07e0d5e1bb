//! `loket audit`: read and export the audit log.

use crate::Ctx;
use crate::out;
use clap::{Args, Subcommand};
use loket_core::audit_log::AuditQuery;
use loket_core::{Caller, Error, Text};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AuditCmd {
    /// List log entries, newest first.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
        #[arg(long)]
        json: bool,
    },
    /// Write every matching entry to FILE: .csv or .xlsx.
    Export {
        file: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
    },
}

#[derive(Args)]
pub struct FilterArgs {
    /// Words to find in the summary, user name, action or entity id.
    #[arg(long)]
    search: Option<String>,
    /// User name (loket-cli for this command line).
    #[arg(long)]
    actor: Option<String>,
    /// An action (request.create) or a group (request).
    #[arg(long)]
    action: Option<String>,
    /// request, person, user, certificate, backup, …
    #[arg(long)]
    entity: Option<String>,
    #[arg(long)]
    entity_id: Option<String>,
    /// First day, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

impl FilterArgs {
    fn query(self) -> Result<AuditQuery, Error> {
        Ok(AuditQuery {
            search: self.search,
            actor: self.actor,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            from: date("--from", self.from)?,
            to: date("--to", self.to)?,
            limit: None,
            offset: None,
        })
    }
}

fn date(flag: &str, value: Option<String>) -> Result<Option<chrono::NaiveDate>, Error> {
    let Some(v) = value else {
        return Ok(None);
    };
    chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            Error::invalid(Text::new(
                format!("Tanggal {flag} \"{v}\" tidak terbaca; tulis seperti 2026-11-21."),
                format!("The {flag} date \"{v}\" is unreadable; write it like 2026-11-21."),
            ))
        })
}

pub fn run(ctx: &Ctx, cmd: AuditCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    match cmd {
        AuditCmd::List {
            filter,
            limit,
            offset,
            json,
        } => {
            let query = AuditQuery {
                limit: Some(limit),
                offset: Some(offset),
                ..filter.query()?
            };
            let loket = ctx.open()?;
            let page = loket.audit_log(&caller, &query)?;
            if json {
                out::json(&page)?;
            } else {
                let rows: Vec<Vec<String>> = page
                    .entries
                    .iter()
                    .map(|e| {
                        vec![
                            e.id.to_string(),
                            e.at.clone(),
                            e.actor.clone(),
                            e.action.clone(),
                            format!("{} {}", e.entity, e.entity_id.as_deref().unwrap_or("")),
                            e.summary.clone(),
                        ]
                    })
                    .collect();
                out::table(
                    &["ID", "WAKTU", "PENGGUNA", "AKSI", "ENTITAS", "RINGKASAN"],
                    &rows,
                );
                let shown = page.entries.len();
                let total = page.total;
                eprintln!(
                    "{}",
                    Text::new(
                        format!("{shown} dari {total} entri"),
                        format!("{shown} of {total} entries"),
                    )
                    .get(ctx.lang)
                );
            }
        }
        AuditCmd::Export { file, filter } => {
            let query = filter.query()?;
            let loket = ctx.open()?;
            let done = loket.export_audit(&caller, &query, &file)?;
            let path = done.path.display();
            let rows = done.rows;
            println!(
                "{}",
                Text::new(
                    format!("{rows} baris log audit ditulis ke {path}"),
                    format!("{rows} audit log rows written to {path}"),
                )
                .get(ctx.lang)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
