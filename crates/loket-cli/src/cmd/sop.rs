use crate::Ctx;
use crate::out::{self, pick};
use clap::Subcommand;
use loket_core::model::RequestType;
use loket_core::sop::{Sop, format_minutes};
use loket_core::{Caller, Error, Lang, Loket, Text};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum SopCmd {
    /// List the stored SOPs (newest versions) and which request types use them.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Print an SOP as its table, with the planned total in words.
    Show {
        id: String,
        #[arg(long)]
        version: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Check an SOP file: every problem with its place; exit 1 if any.
    Validate { file: PathBuf },
    /// Import an SOP file (all or nothing).
    Import { file: PathBuf },
    /// Print the newest version of an SOP as a file.
    Export {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Choose the SOP a request type uses by default.
    Default {
        #[arg(value_name = "TYPE")]
        jenis: String,
        id: String,
    },
}

fn read(file: &PathBuf) -> Result<String, Error> {
    std::fs::read_to_string(file).map_err(|e| Error::io(file, &e))
}

pub fn run(ctx: &Ctx, cmd: SopCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    let lang = ctx.lang;
    match cmd {
        SopCmd::List { json } => {
            let loket = ctx.open()?;
            let list = loket.list_sops(&caller)?;
            if json {
                out::json(&list)?;
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|s| {
                        vec![
                            s.id.clone(),
                            s.version.to_string(),
                            s.steps.to_string(),
                            s.total_text.get(lang).to_string(),
                            s.default_for
                                .iter()
                                .map(|t| t.code())
                                .collect::<Vec<_>>()
                                .join(","),
                            s.title.clone(),
                        ]
                    })
                    .collect();
                let h = pick(
                    lang,
                    "ID|VERSI|LANGKAH|TOTAL|BAWAAN UNTUK|JUDUL",
                    "ID|VERSION|STEPS|TOTAL|DEFAULT FOR|TITLE",
                );
                out::table(&h.split('|').collect::<Vec<_>>(), &rows);
            }
        }
        SopCmd::Show { id, version, json } => {
            let loket = ctx.open()?;
            let stored = loket.get_sop(&caller, &id, version)?;
            if json {
                out::json(&stored.sop)?;
            } else {
                print_sop(&stored.sop, lang);
            }
        }
        SopCmd::Validate { file } => {
            let text = read(&file)?;
            match Loket::validate_sop(&text) {
                Ok(sop) => {
                    let (id, v, n) = (sop.id().to_string(), sop.version(), sop.steps.len());
                    println!(
                        "{}",
                        pick(
                            lang,
                            &format!(
                                "valid: SOP {id} versi {v}, {n} langkah, total {}",
                                sop.total_text(Lang::Id)
                            ),
                            &format!(
                                "valid: SOP {id} version {v}, {n} steps, total {}",
                                sop.total_text(Lang::En)
                            ),
                        )
                    );
                }
                Err(problems) => {
                    let n = problems.len();
                    println!(
                        "{}",
                        pick(
                            lang,
                            &format!("tidak valid: {n} masalah"),
                            &format!("invalid: {n} problems")
                        )
                    );
                    for p in problems {
                        println!("  {}", p.render(lang));
                    }
                    return Ok(ExitCode::from(1));
                }
            }
        }
        SopCmd::Import { file } => {
            let text = read(&file)?;
            let loket = ctx.open()?;
            let result = loket.import_sop(&caller, &text)?;
            println!("{}", result.message.get(lang));
        }
        SopCmd::Export { id, out } => {
            let loket = ctx.open()?;
            let text = loket.export_sop(&caller, &id)?;
            match out {
                Some(path) => std::fs::write(&path, text).map_err(|e| Error::io(&path, &e))?,
                None => print!("{text}"),
            }
        }
        SopCmd::Default { jenis, id } => {
            let t = RequestType::parse(&jenis).ok_or_else(|| {
                Error::invalid(Text::new(
                    format!("Jenis \"{jenis}\" tidak dikenal."),
                    format!("Unknown type \"{jenis}\"."),
                ))
            })?;
            let loket = ctx.open()?;
            loket.set_sop_default(&caller, t, &id)?;
            println!("{} -> {id}", t.code());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the header and the step table, as an office reads an SOP.
fn print_sop(sop: &Sop, lang: Lang) {
    let m = &sop.meta;
    println!("{}", m.title);
    println!(
        "{} — {} {} (versi/version {})",
        m.pemda,
        pick(lang, "SOP", "SOP"),
        m.id,
        m.version
    );
    if let Some(n) = &m.number {
        println!("{}: {n}", pick(lang, "Nomor", "Number"));
    }
    println!();
    let rows: Vec<Vec<String>> = sop
        .steps
        .iter()
        .map(|s| {
            let actor = sop
                .actor_of(s)
                .map(|a| a.name.clone())
                .unwrap_or_else(|| s.actor.clone());
            let mut activity = s.activity.clone();
            if let Some(c) = &s.condition {
                activity.push_str(&format!(" [{}: {c}]", pick(lang, "jika", "if")));
            }
            vec![
                s.no.to_string(),
                activity,
                actor,
                s.time
                    .as_ref()
                    .map(|t| t.text.clone())
                    .unwrap_or_else(|| "-".into()),
                if s.output.is_empty() {
                    "-".into()
                } else {
                    s.output.clone()
                },
            ]
        })
        .collect();
    let h = pick(
        lang,
        "NO|KEGIATAN|PELAKSANA|WAKTU|OUTPUT",
        "NO|ACTIVITY|ACTOR|TIME|OUTPUT",
    );
    out::table(&h.split('|').collect::<Vec<_>>(), &rows);
    let (min, max) = sop.total_minutes();
    println!();
    let total = if min == max {
        format_minutes(min, lang)
    } else {
        format!(
            "{} – {}",
            format_minutes(min, lang),
            format_minutes(max, lang)
        )
    };
    println!(
        "{}: {total} ({min}–{max} {})",
        pick(lang, "Total waktu baku", "Standard total"),
        pick(lang, "menit", "minutes")
    );
}
