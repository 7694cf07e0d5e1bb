//! Identity data of an applicant: NIK, NIP, golongan, official email, phone
//! and name, checked the way the verifier would check them by hand before
//! entering the person in AMS.
//!
//! Why this matters: BSrE rejects a request whose data does not match the KTP
//! (seed 004, *Peringatan*), and AMS refuses an email outside the Pemda's
//! domain. Every rejection costs the applicant days, so the app catches the
//! mistake at the counter and says, in words a clerk understands, what is
//! wrong and what the number actually says.
//!
//! Every parser takes the input as typed (spaces, dots, dashes, a pasted
//! `NIP.` prefix) and returns either the normalised value with what it
//! encodes, or one [`Text`] in both languages. [`validate_person`] runs them
//! all over a [`PersonInput`](crate::model::PersonInput) and reports every
//! field's problem at once.
//!
//! Checks that depend on the date (a birth date in the future, a two-digit
//! year's century) take `today` as an argument, so tests and batch imports are
//! reproducible.

mod email;
mod golongan;
mod name;
mod nik;
mod nip;
mod person;
mod phone;

pub use email::check_email;
pub use golongan::{Golongan, parse_golongan, pns_ranks, pppk_grades};
pub use name::{has_titles, strip_titles};
pub use nik::{NikInfo, Province, parse_nik, province_name, provinces};
pub use nip::{NipInfo, NipKind, format_nip, parse_nip};
pub use person::{ValidationContext, check_nik_nip, validate_person};
pub use phone::{display_phone, normalize_phone};

use crate::i18n::Text;
use crate::t;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Sex as NIK and NIP record it. Serialised as `L`/`P`, the letters the KTP
/// and the office's spreadsheets use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "L")]
    Laki,
    #[serde(rename = "P")]
    Perempuan,
}

impl Sex {
    /// `L` or `P`.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Laki => "L",
            Sex::Perempuan => "P",
        }
    }

    /// Capitalised label for forms and tables.
    pub fn label(self) -> Text {
        match self {
            Sex::Laki => Text::new("Laki-laki", "Male"),
            Sex::Perempuan => Text::new("Perempuan", "Female"),
        }
    }

    /// Lower-case word for use inside a sentence.
    pub fn word(self) -> Text {
        match self {
            Sex::Laki => Text::new("laki-laki", "male"),
            Sex::Perempuan => Text::new("perempuan", "female"),
        }
    }
}

/// A date the way Indonesian forms write it: `17-08-1966`.
fn fmt_date(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// Full years of age on `on` for someone born on `birth`.
fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Several messages about one field shown as one, in both languages.
fn join_texts(texts: &[Text]) -> Text {
    let id: Vec<&str> = texts.iter().map(|t| t.id.as_str()).collect();
    let en: Vec<&str> = texts.iter().map(|t| t.en.as_str()).collect();
    Text::new(id.join(" "), en.join(" "))
}

/// Reduces a typed identity number (`NIK`, `NIP`) to its digits. Separators
/// people type or paste (spaces, dots, dashes) are dropped, and so is a
/// leading label copied from a letter (`NIP. 19660817 199112 1 003`). Any
/// other character is refused, naming it, with a hint for the letters most
/// often typed for digits.
fn digits_of(input: &str, label: &str) -> Result<String, Text> {
    let mut rest = input.trim();
    if rest.len() >= label.len()
        && rest.is_char_boundary(label.len())
        && rest[..label.len()].eq_ignore_ascii_case(label)
    {
        rest = rest[label.len()..].trim_start_matches(['.', ':', ' ']);
    }
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c.is_whitespace() || c == '.' || c == '-' {
            continue;
        } else {
            let hint = match c {
                'O' | 'o' => Text::new(
                    " Huruf O mungkin maksudnya angka 0.",
                    " The letter O is probably meant to be the digit 0.",
                ),
                'I' | 'l' => Text::new(
                    " Huruf I/l mungkin maksudnya angka 1.",
                    " The letter I/l is probably meant to be the digit 1.",
                ),
                _ => Text::new("", ""),
            };
            let (hid, hen) = (hint.id, hint.en);
            return Err(t!(
                "{label} hanya boleh berisi angka (boleh dipisah spasi, titik atau tanda hubung); ada karakter '{c}'.{hid}",
                "{label} may contain only digits (spaces, dots or dashes between them are fine); it contains '{c}'.{hen}"
            ));
        }
    }
    Ok(digits)
}

#[cfg(test)]
// Tests fail loudly by design; the workspace has no clippy.toml to allow
// unwrap in tests, so allow it here.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sex_serialises_as_ktp_letters() {
        assert_eq!(serde_json::to_string(&Sex::Laki).unwrap(), "\"L\"");
        assert_eq!(serde_json::to_string(&Sex::Perempuan).unwrap(), "\"P\"");
        let back: Sex = serde_json::from_str("\"P\"").unwrap();
        assert_eq!(back, Sex::Perempuan);
        assert_eq!(Sex::Laki.label().en, "Male");
        assert_eq!(Sex::Perempuan.word().id, "perempuan");
    }

    #[test]
    fn age_counts_full_years() {
        let birth = NaiveDate::from_ymd_opt(1990, 8, 17).unwrap();
        let check = |on: (i32, u32, u32), expected: i32| {
            let on = NaiveDate::from_ymd_opt(on.0, on.1, on.2).unwrap();
            assert_eq!(age_on(birth, on), expected, "on {on}");
        };
        check((2026, 8, 16), 35);
        check((2026, 8, 17), 36);
        check((1990, 8, 17), 0);
    }

    #[test]
    fn digits_of_strips_separators_and_label() {
        let check = |input: &str, expected: Result<&str, &str>| {
            let got = digits_of(input, "NIP");
            match expected {
                Ok(d) => assert_eq!(got, Ok(d.to_string()), "{input}"),
                Err(fragment) => {
                    let msg = got.expect_err(input);
                    assert!(msg.id.contains(fragment), "{input}: {}", msg.id);
                }
            }
        };
        check("19660817 199112 1 003", Ok("196608171991121003"));
        check("NIP. 19660817 199112 1 003", Ok("196608171991121003"));
        check("nip: 1966.0817-1991", Ok("196608171991"));
        check("  12\t34  ", Ok("1234"));
        check("", Ok(""));
        check(
            "19660817 l99112",
            Err("Huruf I/l mungkin maksudnya angka 1"),
        );
        check("63O5", Err("Huruf O mungkin maksudnya angka 0"));
        check("1966/08", Err("ada karakter '/'"));
    }
}
