//! Letter number patterns: `{kode}/{urut:3}/{unit}/{bulan_romawi}/{tahun}`
//! becomes `000.6.5.6/012/Diskominfo/XI/2026`. Patterns are checked when an
//! admin saves them, so drawing a number never meets a bad one.

use crate::i18n::Text;
use crate::letters::format::bulan_romawi;
use crate::t;
use chrono::{Datelike, NaiveDate};

/// The tokens a pattern may use, for messages and the settings page.
pub const TOKENS: [&str; 6] = [
    "{kode}",
    "{urut}",
    "{unit}",
    "{bulan_romawi}",
    "{bulan}",
    "{tahun}",
];

/// One piece of a parsed pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Lit(String),
    Kode,
    /// The sequence, zero-padded to this width (0: no padding).
    Urut(usize),
    Unit,
    BulanRomawi,
    Bulan(usize),
    Tahun,
}

/// A checked pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pattern(Vec<Piece>);

/// What fills a pattern.
pub(crate) struct NumberParts<'a> {
    pub kode: &'a str,
    pub urut: i64,
    pub unit: &'a str,
    pub date: NaiveDate,
}

impl Pattern {
    /// Parses a pattern; on failure, every problem in one text.
    pub(crate) fn parse(pattern: &str) -> Result<Pattern, Text> {
        let mut pieces = Vec::new();
        let mut problems: Vec<Text> = Vec::new();
        let mut lit = String::new();
        let mut rest = pattern;
        while let Some(open) = rest.find(['{', '}']) {
            lit.push_str(&rest[..open]);
            if rest[open..].starts_with('}') {
                problems.push(t!(
                    "Kurung kurawal tutup tanpa pembuka dalam pola \"{pattern}\".",
                    "A closing brace without an opening one in the pattern \"{pattern}\"."
                ));
                rest = &rest[open + 1..];
                continue;
            }
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                problems.push(t!(
                    "Kurung kurawal dalam pola \"{pattern}\" tidak ditutup.",
                    "A brace in the pattern \"{pattern}\" is not closed."
                ));
                rest = "";
                break;
            };
            let token = &after[..close];
            if !lit.is_empty() {
                pieces.push(Piece::Lit(std::mem::take(&mut lit)));
            }
            match parse_token(token) {
                Ok(p) => pieces.push(p),
                Err(m) => problems.push(m),
            }
            rest = &after[close + 1..];
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            pieces.push(Piece::Lit(lit));
        }
        if problems.is_empty() && !pieces.iter().any(|p| matches!(p, Piece::Urut(_))) {
            problems.push(t!(
                "Pola nomor \"{pattern}\" harus memuat {{urut}} (nomor urut); tanpa itu setiap surat mendapat nomor yang sama.",
                "The number pattern \"{pattern}\" must contain {{urut}} (the sequence); without it every letter gets the same number."
            ));
        }
        if problems.is_empty() && pattern.trim().is_empty() {
            problems.push(t!("Pola nomor kosong.", "The number pattern is empty."));
        }
        match problems.as_slice() {
            [] => Ok(Pattern(pieces)),
            [one] => Err(one.clone()),
            many => Err(Text::new(
                many.iter()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                many.iter()
                    .map(|m| m.en.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )),
        }
    }

    /// The number for these parts.
    pub(crate) fn format(&self, parts: &NumberParts) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Lit(s) => out.push_str(s),
                Piece::Kode => out.push_str(parts.kode),
                Piece::Urut(w) => out.push_str(&format!("{:0w$}", parts.urut, w = *w)),
                Piece::Unit => out.push_str(parts.unit),
                Piece::BulanRomawi => {
                    out.push_str(bulan_romawi(parts.date.month()).unwrap_or_default())
                }
                Piece::Bulan(w) => out.push_str(&format!("{:0w$}", parts.date.month(), w = *w)),
                Piece::Tahun => out.push_str(&parts.date.year().to_string()),
            }
        }
        out
    }
}

fn parse_token(token: &str) -> Result<Piece, Text> {
    let (name, width) = match token.split_once(':') {
        Some((n, w)) => (n.trim(), Some(w.trim())),
        None => (token.trim(), None),
    };
    let width = match width {
        None => 0,
        Some(w) => match w.parse::<usize>() {
            Ok(n) if (1..=6).contains(&n) && matches!(name, "urut" | "bulan") => n,
            _ => {
                return Err(t!(
                    "Lebar \"{w}\" pada {{{token}}} tidak dapat dipakai; hanya {{urut:N}} dan {{bulan:N}} dengan N antara 1 dan 6, misalnya {{urut:3}} → 012.",
                    "The width \"{w}\" in {{{token}}} cannot be used; only {{urut:N}} and {{bulan:N}} with N from 1 to 6, e.g. {{urut:3}} → 012."
                ));
            }
        },
    };
    Ok(match name {
        "kode" => Piece::Kode,
        "urut" => Piece::Urut(width),
        "unit" => Piece::Unit,
        "bulan_romawi" => Piece::BulanRomawi,
        "bulan" => Piece::Bulan(width),
        "tahun" => Piece::Tahun,
        _ => {
            let known = TOKENS.join(", ");
            return Err(t!(
                "Penanda {{{name}}} dalam pola nomor tidak dikenal. Yang dikenal: {known} (dan {{urut:3}} untuk nomor urut tiga digit).",
                "Unknown token {{{name}}} in the number pattern. Known: {known} (and {{urut:3}} for a three-digit sequence)."
            ));
        }
    })
}

/// A number written out in Indonesian words, as letters write counts:
/// `60` → `enam puluh`. Up to 999 999; larger numbers are written as digits.
pub(crate) fn terbilang(n: u64) -> String {
    const ONES: [&str; 12] = [
        "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
        "sepuluh", "sebelas",
    ];
    fn words(n: u64) -> String {
        match n {
            0..=11 => ONES[n as usize].to_string(),
            12..=19 => format!("{} belas", ONES[(n - 10) as usize]),
            20..=99 => join(format!("{} puluh", ONES[(n / 10) as usize]), words(n % 10)),
            100..=199 => join("seratus".to_string(), words(n - 100)),
            200..=999 => join(
                format!("{} ratus", ONES[(n / 100) as usize]),
                words(n % 100),
            ),
            1000..=1999 => join("seribu".to_string(), words(n - 1000)),
            _ => join(format!("{} ribu", words(n / 1000)), words(n % 1000)),
        }
    }
    fn join(a: String, b: String) -> String {
        if b.is_empty() { a } else { format!("{a} {b}") }
    }
    match n {
        0 => "nol".to_string(),
        1..=999_999 => words(n),
        _ => n.to_string(),
    }
}

/// `3 (tiga)`: a count as letters write it.
pub(crate) fn count_words(n: usize) -> String {
    format!("{n} ({})", terbilang(n as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn number(pattern: &str, urut: i64, date: NaiveDate) -> String {
        Pattern::parse(pattern).unwrap().format(&NumberParts {
            kode: "000.6",
            urut,
            unit: "Diskominfo",
            date,
        })
    }

    #[test]
    fn patterns_fill_every_token() {
        let check = |pattern: &str, urut: i64, date: NaiveDate, expected: &str| {
            assert_eq!(number(pattern, urut, date), expected, "{pattern}");
        };
        check(
            "{kode}/{urut}/{unit}/{bulan_romawi}/{tahun}",
            140,
            d(2025, 7, 1),
            "000.6/140/Diskominfo/VII/2025",
        );
        check(
            "{kode}/{urut:3}/{tahun}",
            12,
            d(2026, 11, 21),
            "000.6/012/2026",
        );
        check("{urut:3}", 1234, d(2026, 1, 1), "1234");
        check(
            "{tahun}.{bulan:2}.{urut:4}",
            7,
            d(2026, 3, 9),
            "2026.03.0007",
        );
        check("{bulan}-{urut}", 7, d(2026, 3, 9), "3-7");
    }

    #[test]
    fn bad_patterns_name_the_problem() {
        let e = Pattern::parse("{kode}/{nomor}/{tahun}").unwrap_err();
        assert!(e.id.contains("{nomor}"), "{}", e.id);
        assert!(
            e.id.contains("{urut}"),
            "the known tokens are listed: {}",
            e.id
        );
        let e = Pattern::parse("{kode}/{tahun}").unwrap_err();
        assert!(e.en.contains("must contain {urut}"), "{}", e.en);
        assert!(Pattern::parse("{urut:9}").is_err());
        assert!(Pattern::parse("{kode:3}/{urut}").is_err());
        assert!(Pattern::parse("{urut").is_err());
        assert!(Pattern::parse("urut}/{urut}").is_err());
    }

    #[test]
    fn numbers_in_words() {
        let check = |n: u64, w: &str| assert_eq!(terbilang(n), w, "{n}");
        check(1, "satu");
        check(11, "sebelas");
        check(12, "dua belas");
        check(20, "dua puluh");
        check(60, "enam puluh");
        check(99, "sembilan puluh sembilan");
        check(100, "seratus");
        check(115, "seratus lima belas");
        check(250, "dua ratus lima puluh");
        check(1000, "seribu");
        check(2026, "dua ribu dua puluh enam");
        assert_eq!(count_words(3), "3 (tiga)");
    }
}
