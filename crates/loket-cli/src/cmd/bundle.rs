//! `loket bundle …`: offline handoff bundles (`.loket`) between the
//! applicant's laptop and the office: export a request or its status,
//! look inside a bundle, import it.

use crate::Ctx;
use crate::out::{self, pick};
use clap::Subcommand;
use loket_core::bundle::{BundleKind, BundlePreview, ImportAction, ImportOptions};
use loket_core::{Caller, Error, Lang, Text};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum BundleCmd {
    /// Write a request bundle (for the office), or with --status the
    /// office's status bundle (for the applicant).
    Export {
        /// Request number (REQ-…), UUID or id.
        request: String,
        /// Where to write it, e.g. E:\permohonan.loket.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The office's status, step, history, certificate and letters,
        /// to take back to the applicant.
        #[arg(long)]
        status: bool,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// Import a bundle. A new request is created at once; an update of a
    /// request from an earlier bundle asks first (or --yes).
    Import {
        file: PathBuf,
        /// Only show what the bundle holds and what would change.
        #[arg(long)]
        preview: bool,
        /// Apply an update without asking.
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show what a bundle holds and what importing it would change
    /// (the same as import --preview).
    Show {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: BundleCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    let lang = ctx.lang;
    match cmd {
        BundleCmd::Export {
            request,
            out: path,
            status,
            force,
            json,
        } => {
            if path.exists() && !force {
                let p = path.display();
                return Err(Error::conflict(Text::new(
                    format!(
                        "Berkas {p} sudah ada. Pilih nama lain, atau tambahkan --force untuk menimpanya."
                    ),
                    format!(
                        "The file {p} exists. Choose another name, or add --force to replace it."
                    ),
                )));
            }
            let kind = if status {
                BundleKind::Status
            } else {
                BundleKind::Request
            };
            let loket = ctx.open()?;
            let summary = loket.export_bundle(&caller, &request, kind, &path)?;
            if json {
                out::json(&summary)?;
            } else {
                let (p, n, nomor) = (summary.path.display(), summary.files, &summary.nomor);
                let size = &summary.file_size;
                let label = kind.label();
                println!(
                    "{}",
                    Text::new(
                        format!(
                            "{} {nomor} ditulis: {p} ({}; {n} berkas)",
                            label.id, size.id
                        ),
                        format!("{} {nomor} written: {p} ({}; {n} files)", label.en, size.en),
                    )
                    .get(lang)
                );
            }
        }
        BundleCmd::Show { file, json } => show(ctx, &caller, &file, json)?,
        BundleCmd::Import {
            file,
            preview,
            yes,
            json,
        } => {
            if preview {
                show(ctx, &caller, &file, json)?;
                return Ok(ExitCode::SUCCESS);
            }
            let loket = ctx.open()?;
            let seen = loket.preview_bundle(&caller, &file)?;
            let mut options = ImportOptions {
                expected_sha256: Some(seen.content_sha256.clone()),
                confirm_update: yes,
            };
            if seen.action == ImportAction::Update && !yes {
                if seen.blocked.is_none() && !confirm(lang, &seen)? {
                    eprintln!(
                        "{}",
                        pick(
                            lang,
                            "Dibatalkan; tidak ada yang diubah.",
                            "Cancelled; nothing was changed."
                        )
                    );
                    return Ok(ExitCode::from(1));
                }
                options.confirm_update = true;
            }
            let done = loket.import_bundle(&caller, &file, &options)?;
            if json {
                out::json(&done)?;
                return Ok(ExitCode::SUCCESS);
            }
            let nomor = &done.request.nomor;
            let (added, removed) = (done.documents_added, done.documents_removed);
            let message = match done.action {
                ImportAction::Create => Text::new(
                    format!("Diimpor sebagai permohonan {nomor} ({added} lampiran)."),
                    format!("Imported as request {nomor} ({added} attachments)."),
                ),
                ImportAction::Update => Text::new(
                    format!(
                        "Permohonan {nomor} diperbarui: {added} lampiran baru, {removed} lampiran dihapus."
                    ),
                    format!("Request {nomor} updated: {added} new attachments, {removed} removed."),
                ),
                ImportAction::Status => Text::new(
                    format!(
                        "Status dari kantor disimpan pada permohonan {nomor} ({} berkas).",
                        done.files_stored
                    ),
                    format!(
                        "The office's status was stored with request {nomor} ({} files).",
                        done.files_stored
                    ),
                ),
                ImportAction::Unchanged | ImportAction::StatusUnchanged => Text::new(
                    format!("Bundel ini sudah pernah diimpor ({nomor}); tidak ada yang baru."),
                    format!("This bundle was imported before ({nomor}); nothing new."),
                ),
            };
            println!("{}", message.get(lang));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the preview (exit 0 even when importing would be refused: the
/// preview itself succeeded and says why).
fn show(ctx: &Ctx, caller: &Caller, file: &Path, json: bool) -> Result<(), Error> {
    let loket = ctx.open()?;
    let preview = loket.preview_bundle(caller, file)?;
    if json {
        return out::json(&preview);
    }
    println!("{}", preview.describe().get(ctx.lang));
    Ok(())
}

/// Shows the changes and asks for `YA` on stdin.
fn confirm(lang: Lang, preview: &BundlePreview) -> Result<bool, Error> {
    println!("{}", preview.describe().get(lang));
    println!();
    print!(
        "{}",
        pick(
            lang,
            "Ketik YA untuk menerapkan perubahan ini: ",
            "Type YA (yes) to apply these changes: "
        )
    );
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io(Path::new("<stdin>"), &e))?;
    if line.is_empty() {
        println!();
    }
    Ok(line.trim().eq_ignore_ascii_case("ya"))
}
