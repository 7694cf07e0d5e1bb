//! `loket doc …`: documents attached to requests, and `loket check-files`.

use crate::Ctx;
use crate::out::{self, pick};
use clap::Subcommand;
use loket_core::documents::{Document, IntegrityReport, format_bytes, format_size};
use loket_core::model::DocKind;
use loket_core::{Caller, Error, Lang, Text};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DocCmd {
    /// Attach a scan (PDF, JPEG or PNG, judged by its content) to a request.
    Attach {
        /// Request number (REQ-…), UUID or id.
        request: String,
        file: PathBuf,
        /// ktp | sk_jabatan | sk_pangkat | surat_permohonan |
        /// surat_keterangan_pencabutan | surat_rekomendasi | formulir | lainnya
        #[arg(long)]
        kind: String,
        #[arg(long)]
        json: bool,
    },
    /// List a request's documents (current ones; --history for all).
    List {
        request: String,
        #[arg(long)]
        history: bool,
        #[arg(long)]
        json: bool,
    },
    /// Replace a document with a new file; the old one stays in the history.
    Replace {
        /// Document id.
        document: i64,
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Remove a document; it stays in the history with the reason.
    Remove {
        document: i64,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Write the AMS-ready copy of a JPEG/PNG scan (a JPEG under 1 MB).
    AmsCopy {
        document: i64,
        /// Output file, or an existing folder (named after the document).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

fn parse_kind(kind: &str) -> Result<DocKind, Error> {
    DocKind::parse(kind).ok_or_else(|| {
        let known = DocKind::ALL.map(|k| k.code()).join(", ");
        Error::invalid(Text::new(
            format!("Jenis dokumen \"{kind}\" tidak dikenal; pilih salah satu: {known}."),
            format!("Unknown document kind \"{kind}\"; choose one of: {known}."),
        ))
    })
}

pub fn run(ctx: &Ctx, cmd: DocCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    let lang = ctx.lang;
    match cmd {
        DocCmd::Attach {
            request,
            file,
            kind,
            json,
        } => {
            let kind = parse_kind(&kind)?;
            let loket = ctx.open()?;
            let attached = loket.attach_document(&caller, &request, &file, kind)?;
            if json {
                out::json(&attached)?;
            } else {
                let verb = if attached.already_attached {
                    pick(lang, "Sudah terlampir", "Already attached")
                } else {
                    pick(lang, "Dilampirkan", "Attached")
                };
                print_document_line(verb, &attached.document, lang);
            }
        }
        DocCmd::List {
            request,
            history,
            json,
        } => {
            let loket = ctx.open()?;
            let docs = loket.list_documents(&caller, &request, history)?;
            if json {
                out::json(&docs)?;
            } else {
                print_documents(&docs, history, lang);
            }
        }
        DocCmd::Replace {
            document,
            file,
            json,
        } => {
            let loket = ctx.open()?;
            let attached = loket.replace_document(&caller, document, &file)?;
            if json {
                out::json(&attached)?;
            } else {
                let verb = if attached.already_attached {
                    pick(lang, "Tidak berubah", "Unchanged")
                } else {
                    pick(lang, "Pengganti", "Replacement")
                };
                print_document_line(verb, &attached.document, lang);
            }
        }
        DocCmd::Remove {
            document,
            reason,
            json,
        } => {
            let loket = ctx.open()?;
            let doc = loket.remove_document(&caller, document, &reason)?;
            if json {
                out::json(&doc)?;
            } else {
                print_document_line(pick(lang, "Dihapus", "Removed"), &doc, lang);
            }
        }
        DocCmd::AmsCopy {
            document,
            out: path,
            json,
        } => {
            let loket = ctx.open()?;
            let copy = loket.ams_copy(&caller, document, &path)?;
            if json {
                out::json(&copy)?;
            } else {
                let size = format_size(copy.bytes);
                let exact = format_bytes(copy.bytes);
                let original = format_size(copy.original_bytes);
                println!(
                    "{}: {}",
                    pick(lang, "Salinan AMS", "AMS copy"),
                    copy.path.display()
                );
                println!(
                    "  {} ({} {}), {} x {} {}, {} {}",
                    size.get(lang),
                    exact.get(lang),
                    pick(lang, "byte", "bytes"),
                    copy.width,
                    copy.height,
                    pick(lang, "piksel", "pixels"),
                    pick(lang, "kualitas", "quality"),
                    copy.quality
                );
                println!(
                    "  {}: {}, {} x {}",
                    pick(lang, "asli", "original"),
                    original.get(lang),
                    copy.original_width,
                    copy.original_height
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `loket check-files`: every stored file against its hash. Exit 1 when a
/// file is missing or altered, each listed with the documents it carries.
pub fn check_files(ctx: &Ctx, json: bool) -> Result<ExitCode, Error> {
    let lang = ctx.lang;
    let loket = ctx.open()?;
    let report = loket.check_files(&Caller::cli())?;
    if json {
        out::json(&report)?;
    } else {
        print_report(&report, lang);
    }
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_report(report: &IntegrityReport, lang: Lang) {
    for (label, problems) in [
        (pick(lang, "HILANG", "MISSING"), &report.missing),
        (pick(lang, "BERUBAH", "ALTERED"), &report.altered),
    ] {
        for p in problems {
            println!("{label}  {}", p.path.display());
            for d in &p.documents {
                println!(
                    "  #{} {} \"{}\" ({}, {})",
                    d.id,
                    d.kind.label().get(lang),
                    d.original_name,
                    d.request_nomor,
                    d.status.label().get(lang).to_lowercase()
                );
            }
        }
    }
    for p in &report.unreferenced {
        println!(
            "{}  {}",
            pick(lang, "TIDAK DIRUJUK", "UNREFERENCED"),
            p.display()
        );
    }
    let size = format_size(report.bytes_checked);
    let (files, docs) = (report.files_checked, report.documents_checked);
    if report.is_clean() {
        println!(
            "{}",
            match lang {
                Lang::Id => format!(
                    "Semua berkas utuh: {files} berkas ({docs} dokumen, {}) diperiksa.",
                    size.id
                ),
                Lang::En => format!(
                    "All files intact: {files} files ({docs} documents, {}) checked.",
                    size.en
                ),
            }
        );
    } else {
        let (m, a) = (report.missing.len(), report.altered.len());
        println!(
            "{}",
            match lang {
                Lang::Id => format!(
                    "{files} berkas diperiksa: {m} hilang, {a} berubah. Pulihkan dari cadangan, atau lampirkan ulang berkas aslinya."
                ),
                Lang::En => format!(
                    "{files} files checked: {m} missing, {a} altered. Restore them from a backup, or attach the original files again."
                ),
            }
        );
    }
}

fn print_document_line(verb: &str, d: &Document, lang: Lang) {
    let ft = d.file_type().map_or(d.mime.as_str(), |t| t.label());
    println!(
        "{verb}: #{} {} \"{}\" ({ft}, {}) {} {}",
        d.id,
        d.kind.label().get(lang),
        d.original_name,
        format_size(d.size).get(lang),
        pick(lang, "pada", "on"),
        d.request_nomor
    );
    println!("  sha256 {}", d.sha256);
    if let Some(w) = &d.ams_warning {
        println!("  {}: {}", pick(lang, "peringatan", "warning"), w.get(lang));
    }
}

fn print_documents(docs: &[Document], history: bool, lang: Lang) {
    let mut headers = vec![
        "ID",
        "JENIS",
        "NAMA BERKAS",
        "TIPE",
        "UKURAN",
        "DILAMPIRKAN",
    ];
    if history {
        headers.push("STATUS");
    }
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            let mut row = vec![
                d.id.to_string(),
                d.kind.code().to_string(),
                d.original_name.clone(),
                d.file_type()
                    .map_or(d.mime.clone(), |t| t.label().to_string()),
                format_size(d.size).get(lang).to_string(),
                format!("{} {}", d.attached.at, d.attached.username),
            ];
            if history {
                let status = d.status.label().get(lang).to_string();
                row.push(match &d.ended {
                    Some(e) => {
                        let why = match (&e.reason, e.replaced_by) {
                            (Some(r), _) => format!(": {r}"),
                            (None, Some(by)) => format!(" -> #{by}"),
                            (None, None) => String::new(),
                        };
                        format!("{status} {} {}{why}", e.by.at, e.by.username)
                    }
                    None => status,
                });
            }
            row
        })
        .collect();
    out::table(&headers, &rows);
    for d in docs.iter().filter(|d| d.is_current()) {
        if let Some(w) = &d.ams_warning {
            println!("#{}: {}", d.id, w.get(lang));
        }
    }
}
