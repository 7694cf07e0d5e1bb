use crate::Ctx;
use crate::out;
use clap::Subcommand;
use loket_core::agency::AgencyProfile;
use loket_core::{Caller, Error};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AgencyCmd {
    /// Show the agency profile.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Replace the agency profile with a JSON file (`-` for stdin).
    Set {
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
}

pub fn run(ctx: &Ctx, cmd: AgencyCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    match cmd {
        AgencyCmd::Show { json } => {
            let loket = ctx.open()?;
            let profile = loket.agency()?.unwrap_or_default();
            if json {
                out::json(&profile)?;
            } else {
                let rows = vec![
                    vec!["pemda".into(), profile.pemda.clone()],
                    vec!["dinas".into(), profile.dinas.clone()],
                    vec!["alamat".into(), profile.alamat.clone()],
                    vec!["telepon".into(), profile.telepon.clone()],
                    vec!["email".into(), profile.email.clone()],
                    vec!["laman".into(), profile.laman.clone()],
                    vec!["domain_email".into(), profile.domain_email.clone()],
                    vec!["kota".into(), profile.kota.clone()],
                    vec![
                        "kepala".into(),
                        format!("{} ({})", profile.kepala.nama, profile.kepala.jabatan),
                    ],
                    vec!["kertas".into(), format!("{:?}", profile.kertas)],
                ];
                out::table(&["", ""], &rows);
            }
        }
        AgencyCmd::Set { json } => {
            let input: AgencyProfile = out::read_json_file(&json)?;
            let loket = ctx.open()?;
            let saved = loket.set_agency(&caller, &input)?;
            out::json(&saved)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
