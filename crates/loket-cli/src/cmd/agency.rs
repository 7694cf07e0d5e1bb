//! `loket agency show|set`: the agency profile, and with it the regional
//! emblem (`lambang`) and the letter settings (`surat`).
//!
//! The JSON is the profile's fields plus two optional keys:
//! - `lambang`: on `set`, the path of a PNG or JPEG to import (relative to
//!   the JSON file's folder); `show` prints the stored copy's path inside
//!   the data folder, and giving that same value back changes nothing;
//! - `surat`: the letter settings (see `loket letter settings show`).

use crate::Ctx;
use crate::out;
use clap::Subcommand;
use loket_core::agency::AgencyProfile;
use loket_core::naskah::LetterSettings;
use loket_core::{Caller, Error};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AgencyCmd {
    /// Show the agency profile, the emblem and the letter settings.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Replace the agency profile with a JSON file (`-` for stdin); `lambang`
    /// imports an emblem image, `surat` replaces the letter settings.
    Set {
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
}

fn shown(
    profile: &AgencyProfile,
    lambang: Option<String>,
    surat: &LetterSettings,
) -> Result<serde_json::Value, Error> {
    let mut v = serde_json::to_value(profile)?;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("lambang".into(), serde_json::json!(lambang));
        obj.insert("surat".into(), serde_json::to_value(surat)?);
    }
    Ok(v)
}

pub fn run(ctx: &Ctx, cmd: AgencyCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    match cmd {
        AgencyCmd::Show { json } => {
            let loket = ctx.open()?;
            let profile = loket.agency()?.unwrap_or_default();
            let lambang = loket.emblem()?.map(|e| e.path);
            let surat = loket.letter_settings()?;
            if json {
                out::json(&shown(&profile, lambang, &surat)?)?;
            } else {
                let delegate = match surat.penandatangan.prefix() {
                    Some(p) => format!("{p} {} ({})", surat.wakil.nama, surat.wakil.jabatan),
                    None => "-".into(),
                };
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
                    vec!["lambang".into(), lambang.unwrap_or_else(|| "-".into())],
                    vec!["penanda tangan".into(), delegate],
                    vec![
                        "huruf / spasi".into(),
                        format!("{} pt / {}", surat.ukuran_huruf, surat.spasi),
                    ],
                    vec![
                        "margin (mm)".into(),
                        format!(
                            "atas {} kanan {} bawah {} kiri {}",
                            surat.margin_mm.top,
                            surat.margin_mm.right,
                            surat.margin_mm.bottom,
                            surat.margin_mm.left
                        ),
                    ],
                ];
                out::table(&["", ""], &rows);
            }
        }
        AgencyCmd::Set { json } => {
            let mut input: serde_json::Value = out::read_json_file(&json)?;
            let lambang = input
                .get("lambang")
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string);
            let surat = match input.as_object_mut().and_then(|o| o.remove("surat")) {
                Some(v) if !v.is_null() => Some(serde_json::from_value::<LetterSettings>(v)?),
                _ => None,
            };
            if let Some(o) = input.as_object_mut() {
                o.remove("lambang");
            }
            let profile: AgencyProfile = serde_json::from_value(input)?;
            let loket = ctx.open()?;
            let stored = loket.emblem()?.map(|e| e.path);
            let emblem = match lambang {
                // `show --json` given back: the stored copy, unchanged.
                Some(l) if Some(&l) == stored.as_ref() => None,
                Some(l) => {
                    let path = resolve(&json, Path::new(&l));
                    Some(std::fs::read(&path).map_err(|e| Error::io(&path, &e))?)
                }
                None => None,
            };
            let saved = loket.set_agency_with_emblem(
                &caller,
                &profile,
                emblem.as_deref(),
                surat.as_ref(),
            )?;
            out::json(&shown(
                &saved.profile,
                saved.lambang.map(|e| e.path),
                &saved.surat,
            )?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A path in the JSON file, relative to the file's folder (or to the
/// current folder when the JSON came from stdin).
fn resolve(json_file: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() || json_file.as_os_str() == "-" {
        return p.to_path_buf();
    }
    match json_file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(p),
        _ => p.to_path_buf(),
    }
}
