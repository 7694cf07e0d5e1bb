use crate::Ctx;
use crate::out;
use clap::Subcommand;
use loket_core::model::{Person, PersonInput};
use loket_core::{Caller, Error};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum PersonCmd {
    /// Add a person from a JSON file (`-` for stdin); prints the stored person.
    Add {
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// List people.
    List {
        #[arg(long)]
        json: bool,
        /// Match name, NIK, NIP or work unit.
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: i64,
    },
    /// Show one person by id.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: PersonCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    match cmd {
        PersonCmd::Add { json } => {
            let input: PersonInput = out::read_json_file(&json)?;
            let loket = ctx.open()?;
            let person = loket.add_person(&caller, &input)?;
            out::json(&person)?;
        }
        PersonCmd::List {
            json,
            search,
            limit,
        } => {
            let loket = ctx.open()?;
            let people = loket.list_people(&caller, search.as_deref(), limit, 0)?;
            if json {
                out::json(&people)?;
            } else {
                print_people(&people);
            }
        }
        PersonCmd::Show { id, json } => {
            let loket = ctx.open()?;
            let person = loket.get_person(&caller, id)?;
            if json {
                out::json(&person)?;
            } else {
                print_people(std::slice::from_ref(&person));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_people(people: &[Person]) {
    let rows: Vec<Vec<String>> = people
        .iter()
        .map(|p| {
            vec![
                p.id.to_string(),
                p.data.nama.clone(),
                p.data.nik.clone(),
                p.data.nip.clone().unwrap_or_else(|| "-".into()),
                p.data.unit_kerja.clone(),
            ]
        })
        .collect();
    out::table(&["ID", "NAMA", "NIK", "NIP", "UNIT KERJA"], &rows);
}
