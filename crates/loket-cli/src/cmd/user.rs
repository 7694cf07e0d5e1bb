use crate::Ctx;
use crate::out;
use clap::Subcommand;
use loket_core::accounts::NewUser;
use loket_core::model::Role;
use loket_core::{Caller, Error, Text};
use std::io::BufRead;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum UserCmd {
    /// Add a local account. Without --password-stdin a random password is made and printed once.
    Add {
        name: String,
        /// admin | verifikator | pimpinan | pemohon
        #[arg(long)]
        role: String,
        /// Display name (default: the user name).
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: UserCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    match cmd {
        UserCmd::Add {
            name,
            role,
            display_name,
            password_stdin,
        } => {
            let role_parsed = Role::parse(&role).ok_or_else(|| {
                Error::invalid(Text::new(
                    format!("Peran \"{role}\" tidak dikenal; pilih admin, verifikator, pimpinan atau pemohon."),
                    format!("Unknown role \"{role}\"; choose admin, verifikator, pimpinan or pemohon."),
                ))
            })?;
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .map_err(|e| Error::io(std::path::Path::new("<stdin>"), &e))?;
                (line.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (random_password(), true)
            };
            let loket = ctx.open()?;
            let user = loket.add_user(
                &caller,
                &NewUser {
                    username: name,
                    display_name: display_name.unwrap_or_default(),
                    role: Some(role_parsed),
                    password: password.clone(),
                },
            )?;
            println!("{} ({})", user.username, user.role.code());
            if generated {
                println!(
                    "{}: {password}",
                    out::pick(
                        ctx.lang,
                        "kata sandi awal (catat sekarang, tidak ditampilkan lagi)",
                        "initial password (note it now, it is not shown again)"
                    )
                );
            }
        }
        UserCmd::List { json } => {
            let loket = ctx.open()?;
            let users = loket.list_users(&caller)?;
            if json {
                out::json(&users)?;
            } else {
                let rows: Vec<Vec<String>> = users
                    .iter()
                    .map(|u| {
                        vec![
                            u.id.to_string(),
                            u.username.clone(),
                            u.role.code().to_string(),
                            u.display_name.clone(),
                            if u.active {
                                "aktif".into()
                            } else {
                                "nonaktif".into()
                            },
                        ]
                    })
                    .collect();
                out::table(&["ID", "USERNAME", "PERAN", "NAMA", "STATUS"], &rows);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A 16-character password from a v4 UUID's random bits, without look-alike
/// characters.
fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes = loket_core::uuid_bytes();
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}
