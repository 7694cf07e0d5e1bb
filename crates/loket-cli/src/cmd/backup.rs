//! `loket backup` and `loket restore`: the whole office in one file, and
//! back. Progress goes to stderr, results to stdout.

use crate::Ctx;
use crate::out;
use clap::{Args, Subcommand};
use loket_core::backup::{self, BackupInfo, BackupProgress, BackupSettings, Stage};
use loket_core::{Caller, Error, Lang, Text};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct BackupArgs {
    /// Where to write the backup, e.g. E:\cadangan\loket-20261121.loketbak.
    #[arg(long, value_name = "FILE", required = true)]
    out: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    force: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    cmd: Option<BackupCmd>,
}

#[derive(Subcommand)]
pub enum BackupCmd {
    /// Check a backup file completely and show what it holds; changes nothing.
    Verify {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Make an automatic backup in the data folder's cadangan/ now, as the
    /// app does when it closes (skipped when nothing changed).
    Auto,
    /// Show the backup settings, or change them.
    Settings {
        /// How many automatic backups to keep (1-100).
        #[arg(long)]
        keep: Option<u32>,
        /// Automatic backup when the app closes: on | off.
        #[arg(long, value_name = "on|off")]
        auto: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file (.loketbak).
    file: PathBuf,
    /// Do not ask for confirmation.
    #[arg(long)]
    yes: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run_backup(ctx: &Ctx, args: BackupArgs) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    match args.cmd {
        Some(BackupCmd::Verify { file, json }) => {
            let mut meter = Meter::new(ctx.lang);
            let info =
                backup::verify_backup_with(&file, &mut |p| meter.show(&p), &AtomicBool::new(false));
            meter.end();
            let info = info?;
            if json {
                out::json(&info)?;
            } else {
                println!("{}", info.describe().get(ctx.lang));
                println!(
                    "{}",
                    out::pick(
                        ctx.lang,
                        "Cadangan utuh: semua berkas cocok dengan daftar isinya dan basis datanya sehat.",
                        "The backup is intact: every file matches its table of contents and the database is sound."
                    )
                );
            }
        }
        Some(BackupCmd::Auto) => {
            let loket = ctx.open()?;
            match loket.auto_backup()? {
                Some(path) => println!("{}", path.display()),
                None => println!(
                    "{}",
                    out::pick(
                        ctx.lang,
                        "Tidak ada perubahan sejak cadangan otomatis terakhir (atau cadangan otomatis dimatikan); tidak ada yang ditulis.",
                        "Nothing changed since the last automatic backup (or automatic backups are off); nothing was written."
                    )
                ),
            }
        }
        Some(BackupCmd::Settings { keep, auto, json }) => {
            let loket = ctx.open()?;
            let mut settings = loket.backup_settings()?;
            if keep.is_some() || auto.is_some() {
                if let Some(k) = keep {
                    settings.keep = k;
                }
                if let Some(a) = auto {
                    settings.auto = parse_on_off(&a)?;
                }
                settings = loket.set_backup_settings(&caller, &settings)?;
            }
            print_settings(ctx.lang, &settings, json)?;
        }
        None => {
            let Some(out_path) = args.out else {
                return Ok(ExitCode::from(2));
            };
            if out_path.exists() && !args.force {
                let p = out_path.display();
                return Err(Error::conflict(Text::new(
                    format!(
                        "Berkas {p} sudah ada. Pilih nama lain, atau tambahkan --force untuk menimpanya."
                    ),
                    format!(
                        "The file {p} exists. Choose another name, or add --force to replace it."
                    ),
                )));
            }
            let loket = ctx.open()?;
            let mut meter = Meter::new(ctx.lang);
            let summary = loket.backup(
                &caller,
                &out_path,
                &mut |p| meter.show(&p),
                &AtomicBool::new(false),
            );
            meter.end();
            let summary = summary?;
            if args.json {
                out::json(&summary)?;
            } else {
                let size = backup::human_bytes(summary.file_bytes);
                let content = backup::human_bytes(summary.content_bytes);
                let msg = Text::new(
                    format!(
                        "Cadangan ditulis: {} ({}; {} berkas, {} sebelum dipadatkan)",
                        summary.path.display(),
                        size.id,
                        summary.files,
                        content.id
                    ),
                    format!(
                        "Backup written: {} ({}; {} files, {} before compression)",
                        summary.path.display(),
                        size.en,
                        summary.files,
                        content.en
                    ),
                );
                println!("{}", msg.get(ctx.lang));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_restore(ctx: &Ctx, args: RestoreArgs) -> Result<ExitCode, Error> {
    let data_dir = ctx.data_dir()?;
    if !args.yes {
        let mut meter = Meter::new(ctx.lang);
        let info = backup::verify_backup_with(
            &args.file,
            &mut |p| meter.show(&p),
            &AtomicBool::new(false),
        );
        meter.end();
        let info = info?;
        if !confirm(ctx.lang, &info, &data_dir)? {
            eprintln!(
                "{}",
                out::pick(
                    ctx.lang,
                    "Dibatalkan; data tidak diubah.",
                    "Cancelled; the data was not changed."
                )
            );
            return Ok(ExitCode::from(1));
        }
    }
    // No Loket is open in this process: restore needs the data closed.
    let mut meter = Meter::new(ctx.lang);
    let summary = backup::restore(
        &data_dir,
        &args.file,
        &mut |p| meter.show(&p),
        &AtomicBool::new(false),
    );
    meter.end();
    let summary = summary?;
    if args.json {
        out::json(&summary)?;
        return Ok(ExitCode::SUCCESS);
    }
    let file = args.file.display();
    let dir = summary.data_dir.display();
    println!(
        "{}",
        Text::new(
            format!("Data di {dir} dipulihkan dari {file}."),
            format!("The data in {dir} was restored from {file}."),
        )
        .get(ctx.lang)
    );
    if let Some(prev) = &summary.previous {
        let prev = prev.display();
        println!(
            "{}",
            Text::new(
                format!("Data sebelumnya disimpan di {prev}."),
                format!("The previous data was kept in {prev}."),
            )
            .get(ctx.lang)
        );
    }
    println!(
        "{}",
        out::pick(
            ctx.lang,
            "Semua pengguna perlu masuk lagi.",
            "Everyone needs to sign in again."
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// Shows what the file holds and asks for `YA` on stdin.
fn confirm(lang: Lang, info: &BackupInfo, data_dir: &std::path::Path) -> Result<bool, Error> {
    let dir = data_dir.display();
    println!("{}", info.describe().get(lang));
    println!();
    println!(
        "{}",
        Text::new(
            format!(
                "Data di {dir} akan DIGANTI dengan isi cadangan ini. Data yang sekarang disimpan di folder …-sebelum-pulih-<waktu> di sebelahnya."
            ),
            format!(
                "The data in {dir} will be REPLACED by this backup. The current data is kept in a …-sebelum-pulih-<time> folder beside it."
            ),
        )
        .get(lang)
    );
    print!(
        "{}",
        out::pick(
            lang,
            "Ketik YA untuk melanjutkan: ",
            "Type YA (yes) to continue: "
        )
    );
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io(std::path::Path::new("<stdin>"), &e))?;
    if line.is_empty() {
        // End of input: finish the prompt's line before the answer.
        println!();
    }
    Ok(line.trim().eq_ignore_ascii_case("ya"))
}

fn parse_on_off(value: &str) -> Result<bool, Error> {
    match value.trim().to_ascii_lowercase().as_str() {
        "on" | "ya" | "aktif" | "true" | "1" => Ok(true),
        "off" | "tidak" | "mati" | "false" | "0" => Ok(false),
        _ => Err(Error::invalid(Text::new(
            format!("Nilai --auto \"{value}\" tidak dikenal; pakai on atau off."),
            format!("Unknown --auto value \"{value}\"; use on or off."),
        ))),
    }
}

fn print_settings(lang: Lang, s: &BackupSettings, json: bool) -> Result<(), Error> {
    if json {
        return out::json(s);
    }
    let auto = match (s.auto, lang) {
        (true, Lang::Id) => "aktif",
        (false, Lang::Id) => "mati",
        (true, Lang::En) => "on",
        (false, Lang::En) => "off",
    };
    let rows = vec![
        vec![
            out::pick(lang, "simpan", "keep").to_string(),
            s.keep.to_string(),
        ],
        vec![
            out::pick(lang, "otomatis", "automatic").to_string(),
            auto.to_string(),
        ],
    ];
    out::table(&[out::pick(lang, "PENGATURAN", "SETTING"), "NILAI"], &rows);
    Ok(())
}

/// The progress line on stderr: rewritten in place on a terminal, one line
/// per stage otherwise (logs, tests).
struct Meter {
    lang: Lang,
    tty: bool,
    stage: Option<Stage>,
    pct: u64,
    drawn: bool,
}

impl Meter {
    fn new(lang: Lang) -> Meter {
        Meter {
            lang,
            tty: std::io::stderr().is_terminal(),
            stage: None,
            pct: u64::MAX,
            drawn: false,
        }
    }

    fn show(&mut self, p: &BackupProgress) {
        let pct = (p.done_bytes * 100).checked_div(p.total_bytes).unwrap_or(0);
        let new_stage = self.stage != Some(p.stage);
        if self.tty {
            if new_stage || pct != self.pct {
                eprint!("\r{}\x1b[K", backup::progress_line(p, self.lang));
                self.drawn = true;
            }
        } else if new_stage && p.stage != Stage::Done {
            // Not a terminal: one plain line per stage, no percentages.
            eprintln!("{}…", p.stage.label().get(self.lang));
        }
        self.stage = Some(p.stage);
        self.pct = pct;
    }

    fn end(&mut self) {
        if self.drawn {
            eprintln!();
            self.drawn = false;
        }
    }
}
