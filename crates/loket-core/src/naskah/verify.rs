//! Verifikasi Surat: is this letter one the office made, and for whom?
//!
//! - By file: the SHA-256 of the file's bytes equals a stored version's →
//!   genuine (or voided, when its number was voided). Otherwise the file's
//!   verification code is looked for, first as plain text after
//!   [`CODE_MARKER`](super::CODE_MARKER) in the raw bytes (the writer puts it
//!   uncompressed in `/Keywords`), then with a PDF parser (a file re-saved by
//!   another program may keep its keywords in a compressed object stream). A
//!   known code in a file whose bytes differ means an altered copy of that
//!   letter; no code, or an unknown one, means unknown.
//! - By code (typed from the paper, or read from the QR code): the code is
//!   looked up; the answer says which letter it belongs to so the person can
//!   compare the paper with it.

use super::{CODE_MARKER, LetterSummary, NumberStatus, normalize_code, summary};
use crate::auth::Caller;
use crate::documents::sha256_hex;
use crate::error::Result;
use crate::i18n::Text;
use crate::letters::format::{date_english, tanggal_indonesia};
use crate::letters::pdf_keywords;
use crate::loket::Loket;
use crate::model::Role;
use crate::store::Db;
use crate::store::letters::VersionRow;
use crate::t;
use serde::Serialize;

/// The answer of a verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Made by the office, exactly as stored (by file), or a code the office
    /// issued (by code); its number is in force.
    Genuine,
    /// Made by the office, but its number was voided: not in force.
    Voided,
    /// Carries the code of a letter of the office, but its bytes differ
    /// from every version made.
    Altered,
    /// Not a letter of this office, as far as the register knows.
    Unknown,
}

#[derive(Clone, Debug, Serialize)]
pub struct Verification {
    pub verdict: Verdict,
    /// What it means, for a person.
    pub message: Text,
    /// The code found or typed.
    pub code: Option<String>,
    /// The letter it belongs to.
    pub letter: Option<LetterSummary>,
    /// The version the file or code is.
    pub version: Option<i64>,
    /// The newest version of that letter.
    pub latest_version: Option<i64>,
}

/// The code after the marker in raw bytes, if it is there.
fn raw_code(bytes: &[u8]) -> Option<String> {
    let marker = CODE_MARKER.as_bytes();
    let at = bytes.windows(marker.len()).position(|w| w == marker)?;
    let code: String = bytes[at + marker.len()..]
        .iter()
        .take(9)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .map(|b| char::from(*b))
        .collect();
    (!code.is_empty()).then_some(code)
}

fn code_in(bytes: &[u8]) -> Option<String> {
    raw_code(bytes).or_else(|| {
        let k = pdf_keywords(bytes)?;
        let at = k.find(CODE_MARKER)?;
        let code: String = k[at + CODE_MARKER.len()..]
            .chars()
            .take(9)
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        (!code.is_empty()).then_some(code)
    })
}

/// A few words about the letter for the messages: number, subject, date and
/// whom it is for.
fn describe(l: &LetterSummary) -> (String, String) {
    let nomor = l.nomor.clone().unwrap_or_else(|| "(tanpa nomor)".into());
    let nomor_en = l.nomor.clone().unwrap_or_else(|| "(no number)".into());
    let who = l
        .requests
        .iter()
        .map(|r| format!("{} ({})", r.nomor, r.nama))
        .collect::<Vec<_>>()
        .join(", ");
    let hal = &l.hal;
    let (tanggal, date) = match chrono::NaiveDate::parse_from_str(&l.tanggal, "%Y-%m-%d") {
        Ok(d) => (tanggal_indonesia(d), date_english(d)),
        Err(_) => (l.tanggal.clone(), l.tanggal.clone()),
    };
    (
        format!("{nomor}, {hal}, tanggal {tanggal}, untuk permohonan {who}"),
        format!("{nomor_en}, {hal}, dated {date}, for request(s) {who}"),
    )
}

fn found(db: &Db, v: &VersionRow, by_file: bool) -> Result<Verification> {
    let row = db
        .get_letter(v.letter_id)?
        .ok_or_else(|| crate::Error::internal("letter of a version vanished"))?;
    let letter = summary(db, row)?;
    let latest = letter.latest().map(|l| l.version);
    let (about_id, about_en) = describe(&letter);
    let version = v.version;
    let newer = match latest {
        Some(l) if l > version => (
            format!(" Catatan: sudah ada versi yang lebih baru (versi {l})."),
            format!(" Note: a newer version exists (version {l})."),
        ),
        _ => (String::new(), String::new()),
    };
    let (newer_id, newer_en) = newer;
    let code = v.code.clone();
    if letter.number_status == Some(NumberStatus::Batal) {
        let reason = letter.void_reason.clone().unwrap_or_default();
        return Ok(Verification {
            verdict: Verdict::Voided,
            message: t!(
                "DIBATALKAN: surat ini dibuat oleh dinas (versi {version}; {about_id}), tetapi nomornya telah dibatalkan ({reason}). Surat ini tidak berlaku.",
                "VOIDED: this letter was made by the office (version {version}; {about_en}), but its number was voided ({reason}). It is not in force."
            ),
            code: Some(code),
            letter: Some(letter),
            version: Some(version),
            latest_version: latest,
        });
    }
    let message = if by_file {
        t!(
            "ASLI: berkas ini sama persis dengan surat yang dibuat dinas, versi {version} ({about_id}).{newer_id}",
            "GENUINE: this file is exactly the letter the office made, version {version} ({about_en}).{newer_en}"
        )
    } else {
        t!(
            "Kode {code} terdaftar: surat versi {version} ({about_id}). Cocokkan isi surat yang Anda pegang dengan data ini.{newer_id}",
            "Code {code} is registered: letter version {version} ({about_en}). Compare the letter you hold with these details.{newer_en}"
        )
    };
    Ok(Verification {
        verdict: Verdict::Genuine,
        message,
        code: Some(code),
        letter: Some(letter),
        version: Some(version),
        latest_version: latest,
    })
}

fn unknown(code: Option<String>, message: Text) -> Verification {
    Verification {
        verdict: Verdict::Unknown,
        message,
        code,
        letter: None,
        version: None,
        latest_version: None,
    }
}

impl Loket {
    /// Verifies a letter's PDF bytes.
    pub fn verify_letter_file(&self, caller: &Caller, bytes: &[u8]) -> Result<Verification> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pimpinan],
            &t!("memverifikasi surat", "verify letters"),
        )?;
        let sha = sha256_hex(bytes);
        let code = code_in(bytes);
        self.store.read(|db| {
            if let Some(v) = db.letter_version_by_pdf(&sha)? {
                return found(db, &v, true);
            }
            let Some(code) = code else {
                return Ok(unknown(
                    None,
                    Text::new(
                        "TIDAK DIKENAL: berkas ini tidak sama dengan surat mana pun yang dibuat dinas dan tidak memuat kode verifikasi Loket TTE.",
                        "UNKNOWN: this file matches no letter the office made and carries no Loket TTE verification code.",
                    ),
                ));
            };
            let code = normalize_code(&code);
            let Some(v) = db.letter_version_by_code(&code)? else {
                return Ok(unknown(
                    Some(code.clone()),
                    t!(
                        "TIDAK DIKENAL: berkas ini memuat kode {code}, tetapi kode itu tidak ada di buku agenda dinas ini.",
                        "UNKNOWN: this file carries code {code}, but that code is not in this office's register."
                    ),
                ));
            };
            let mut v = found(db, &v, false)?;
            let (about_id, about_en) = v
                .letter
                .as_ref()
                .map(describe)
                .unwrap_or_default();
            let version = v.version.unwrap_or_default();
            v.verdict = Verdict::Altered;
            v.message = t!(
                "DIUBAH: berkas ini memuat kode {code} milik surat versi {version} ({about_id}), tetapi isinya tidak sama dengan surat yang dibuat dinas. Jangan dipakai; minta salinan aslinya.",
                "ALTERED: this file carries code {code} of letter version {version} ({about_en}), but its content differs from the letter the office made. Do not rely on it; ask for the original."
            );
            Ok(v)
        })
    }

    /// Verifies a code typed from a letter or read from its QR code.
    pub fn verify_letter_code(&self, caller: &Caller, code: &str) -> Result<Verification> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pimpinan],
            &t!("memverifikasi surat", "verify letters"),
        )?;
        // A QR code holds more than the code: take the code from it.
        let code = match code.find("kode verifikasi ") {
            Some(at) => &code[at + "kode verifikasi ".len()..],
            None => code,
        };
        let code = normalize_code(code);
        self.store
            .read(|db| match db.letter_version_by_code(&code)? {
                Some(v) => found(db, &v, false),
                None => Ok(unknown(
                    Some(code.clone()),
                    t!(
                        "TIDAK DIKENAL: kode {code} tidak ada di buku agenda dinas ini.",
                        "UNKNOWN: code {code} is not in this office's register."
                    ),
                )),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_read_after_the_marker() {
        let mut pdf = b"%PDF-1.7 ... /Keywords (".to_vec();
        pdf.extend(CODE_MARKER.as_bytes());
        pdf.extend(b"7Q4K-92XD) >> ...");
        assert_eq!(raw_code(&pdf).as_deref(), Some("7Q4K-92XD"));
        assert_eq!(raw_code(b"%PDF-1.7 nothing here"), None);
    }
}
