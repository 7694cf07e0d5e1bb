use crate::Ctx;
use crate::out::pick;
use clap::Subcommand;
use loket_core::{Error, identity};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum CheckCmd {
    /// Check a NIK (16 digits): exit 0 valid, 1 invalid.
    Nik { value: String },
    /// Check a NIP of a PNS or a PPPK (18 digits): exit 0 valid, 1 invalid.
    Nip { value: String },
}

pub fn run(ctx: &Ctx, cmd: CheckCmd) -> Result<ExitCode, Error> {
    let today = ctx.today();
    let lang = ctx.lang;
    let verdict = match cmd {
        CheckCmd::Nik { value } => identity::parse_nik(&value, today).map(|info| info.describe()),
        CheckCmd::Nip { value } => identity::parse_nip(&value, today).map(|info| info.describe()),
    };
    match verdict {
        Ok(desc) => {
            println!("{}: {}", pick(lang, "valid", "valid"), desc.get(lang));
            Ok(ExitCode::SUCCESS)
        }
        Err(msg) => {
            println!(
                "{}: {}",
                pick(lang, "tidak valid", "invalid"),
                msg.get(lang)
            );
            Ok(ExitCode::from(1))
        }
    }
}
