//! Two-language text. Every message a person may read (validation, refusals,
//! labels printed in reports) is built once with both its Indonesian and its
//! English wording; the caller picks the language at the edge (window, CLI).

use serde::{Deserialize, Serialize};

/// The interface language. Indonesian is the default everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// Parses `id`/`en` (also `in`, `ind`, `eng`, case-insensitive); anything
    /// else falls back to Indonesian.
    pub fn parse(value: &str) -> Lang {
        match value.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Lang::En,
            _ => Lang::Id,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The same wording in both languages (names, numbers, codes).
    pub fn same(both: impl Into<String>) -> Text {
        let s = both.into();
        Text {
            id: s.clone(),
            en: s,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Text {
    /// Displays the Indonesian wording, the product's default.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)
    }
}

/// Builds a [`Text`] from two format strings, which may capture variables:
/// `t!("NIK harus 16 digit, bukan {n}", "NIK must have 16 digits, not {n}")`.
#[macro_export]
macro_rules! t {
    ($id:tt, $en:tt $(,)?) => {
        $crate::i18n::Text {
            id: format!($id),
            en: format!($en),
        }
    };
}

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month's name in both languages (1 = Januari); an out-of-range month
/// gives its number. The one list of month names in the product.
pub fn month_name(month: u32) -> Text {
    let i = (month as usize).wrapping_sub(1);
    match (BULAN.get(i), MONTHS.get(i)) {
        (Some(id), Some(en)) => Text::new(*id, *en),
        _ => Text::same(month.to_string()),
    }
}

/// A date written out: "21 November 2026" in both languages' month names
/// (day first in both, as official letters write it).
pub fn long_date(date: chrono::NaiveDate) -> Text {
    use chrono::Datelike;
    let m = month_name(date.month());
    Text::new(
        format!("{} {} {}", date.day(), m.id, date.year()),
        format!("{} {} {}", date.day(), m.en, date.year()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_captures_variables_in_both_languages() {
        let n = 15;
        let text = t!(
            "NIK harus 16 digit, bukan {n}",
            "NIK must have 16 digits, not {n}"
        );
        assert_eq!(text.get(Lang::Id), "NIK harus 16 digit, bukan 15");
        assert_eq!(text.get(Lang::En), "NIK must have 16 digits, not 15");
    }

    #[test]
    fn lang_parse_defaults_to_indonesian() {
        assert_eq!(Lang::parse("EN"), Lang::En);
        assert_eq!(Lang::parse("id"), Lang::Id);
        assert_eq!(Lang::parse("fr"), Lang::Id);
    }
}
