//! `loket`: the admin's command line over loket-core, for batch work and
//! scripting. It opens the same data folder as the window (or the one given
//! with `--data-dir` / `LOKET_DATA_DIR`) and goes through the same
//! `loket_core::Loket` methods, so both enforce the same rules and print the
//! same messages.
//!
//! Exit codes: 0 success, 1 refused or invalid input (the reason on stderr),
//! 2 a mistake in the command line itself.

mod cmd;
mod out;

use clap::{Parser, Subcommand};
use loket_core::{Lang, Loket, clock};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "loket",
    version,
    about = "Loket TTE: baris perintah admin / admin command line"
)]
struct Cli {
    /// Data folder (default: the app's own folder; or LOKET_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Language of messages: id (default) or en.
    #[arg(long, global = true, env = "LOKET_LANG", default_value = "id")]
    lang: String,
    /// Act as if it were this time (YYYY-MM-DD HH:MM or RFC 3339).
    #[arg(long, global = true, value_name = "TIME")]
    at: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a NIK or NIP and print what it encodes.
    #[command(subcommand)]
    Check(cmd::check::CheckCmd),
    /// People (applicants and certificate holders).
    #[command(subcommand)]
    Person(cmd::person::PersonCmd),
    /// Requests.
    #[command(subcommand)]
    Request(cmd::request::RequestCmd),
    /// Documents attached to requests (scans of KTP, SK, signed letters).
    #[command(subcommand)]
    Doc(cmd::doc::DocCmd),
    /// Check every stored document file against its hash: exit 1 when any
    /// is missing or altered.
    CheckFiles {
        #[arg(long)]
        json: bool,
    },
    /// Local user accounts.
    #[command(subcommand)]
    User(cmd::user::UserCmd),
    /// The registry of TTE users: list, counts, expiry, revoked list, import/export.
    #[command(subcommand)]
    Registry(cmd::registry::RegistryCmd),
    /// The agency profile and letter settings.
    #[command(subcommand)]
    Agency(cmd::agency::AgencyCmd),
    /// Letters (naskah dinas): render, register, verify, void, number,
    /// templates, settings.
    #[command(subcommand)]
    Letter(cmd::letter::LetterCmd),
    /// SOPs: list, show, validate, import, export, defaults.
    #[command(subcommand)]
    Sop(cmd::sop::SopCmd),
    /// Back up the whole office into one file (loket backup --out FILE),
    /// check a backup (loket backup verify FILE), backup settings.
    Backup(cmd::backup::BackupArgs),
    /// Replace the office's data with a backup file. Close the app first.
    Restore(cmd::backup::RestoreArgs),
    /// The audit log: list and export.
    #[command(subcommand)]
    Audit(cmd::audit::AuditCmd),
    /// Offline handoff bundles (.loket): export a request or its status,
    /// show a bundle, import it.
    #[command(subcommand)]
    Bundle(cmd::bundle::BundleCmd),
    /// Monthly and yearly recap: write PDF or Excel, or print it.
    #[command(subcommand)]
    Report(cmd::report::ReportCmd),
}

/// What every command gets: the language, the clock and a way to open the
/// office's data.
pub struct Ctx {
    pub lang: Lang,
    data_dir: Option<PathBuf>,
    clock: clock::Clock,
}

impl Ctx {
    /// The data folder this command works on.
    pub fn data_dir(&self) -> Result<PathBuf, loket_core::Error> {
        loket_core::paths::resolve_data_dir(self.data_dir.as_deref()).ok_or_else(|| {
            loket_core::Error::invalid(loket_core::Text::new(
                "Folder data tidak dapat ditentukan; berikan --data-dir.",
                "The data folder cannot be determined; pass --data-dir.",
            ))
        })
    }

    pub fn open(&self) -> Result<Loket, loket_core::Error> {
        let dir = self.data_dir()?;
        let mut loket = Loket::open(&dir)?;
        loket.set_clock(self.clock.clone());
        Ok(loket)
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::parse(&cli.lang);
    let clock = match &cli.at {
        None => clock::Clock::System,
        Some(s) => match clock::parse_user_time(s) {
            Some(t) => clock::Clock::Fixed(t),
            None => {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Id => format!(
                            "galat: waktu --at \"{s}\" tidak terbaca; contoh: 2026-11-21 09:30"
                        ),
                        Lang::En => format!(
                            "error: --at time \"{s}\" is unreadable; example: 2026-11-21 09:30"
                        ),
                    }
                );
                return ExitCode::from(2);
            }
        },
    };
    let ctx = Ctx {
        lang,
        data_dir: cli.data_dir,
        clock,
    };
    let result = match cli.command {
        Command::Check(c) => cmd::check::run(&ctx, c),
        Command::Person(c) => cmd::person::run(&ctx, c),
        Command::Request(c) => cmd::request::run(&ctx, c),
        Command::Doc(c) => cmd::doc::run(&ctx, c),
        Command::CheckFiles { json } => cmd::doc::check_files(&ctx, json),
        Command::User(c) => cmd::user::run(&ctx, c),
        Command::Registry(c) => cmd::registry::run(&ctx, c),
        Command::Agency(c) => cmd::agency::run(&ctx, c),
        Command::Letter(c) => cmd::letter::run(&ctx, c),
        Command::Sop(c) => cmd::sop::run(&ctx, c),
        Command::Backup(c) => cmd::backup::run_backup(&ctx, c),
        Command::Restore(c) => cmd::backup::run_restore(&ctx, c),
        Command::Audit(c) => cmd::audit::run(&ctx, c),
        Command::Bundle(c) => cmd::bundle::run(&ctx, c),
        Command::Report(c) => cmd::report::run(&ctx, c),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            out::print_error(&e, ctx.lang);
            ExitCode::from(1)
        }
    }
}
