//! Standard times (the *Waktu* column of an SOP's *Mutu Baku*).
//!
//! SOPs write them the way people do: "15 Menit", "1-2 Jam", "1 - 2 Hari",
//! "1x24 jam", or "-" when the step has no standard. The app needs minutes to
//! add them up and to tell which steps ran over, so each is read into a range
//! of minutes while the original wording is kept for printing.
//!
//! A day is counted as 24 hours (1440 minutes), not as a working day: the
//! seeds write "1x24 jam" and "1-2 Hari" interchangeably, and a working-day
//! calendar belongs to the engine that compares deadlines, not to the SOP.

use crate::i18n::{Lang, Text};
use crate::t;
use serde::{Deserialize, Serialize};

/// Minutes in an hour and in a (24-hour) day.
pub const MINUTES_PER_HOUR: u32 = 60;
pub const MINUTES_PER_DAY: u32 = 24 * MINUTES_PER_HOUR;

/// A standard time read from an SOP: a range of minutes (equal ends for a
/// single value) and the wording as the SOP wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeStd {
    pub min_minutes: u32,
    pub max_minutes: u32,
    /// The original wording, trimmed ("1-2 Jam"); printed on the SOP table
    /// and written back by `to_toml`, so an admin's text survives a round trip.
    pub text: String,
}

impl TimeStd {
    /// Whether the standard is a range ("1-2 Jam") rather than one value.
    pub fn is_range(&self) -> bool {
        self.min_minutes != self.max_minutes
    }

    /// The minutes in words, independent of how the SOP spelled them:
    /// "1 Jam – 2 Jam" / "1 hour – 2 hours".
    pub fn describe(&self, lang: Lang) -> String {
        format_range(self.min_minutes, self.max_minutes, lang)
    }
}

/// Reads a standard time. `""` and `"-"` (also en and em dashes) mean "no
/// standard" and give `Ok(None)`.
///
/// Accepted, case-insensitive: `N unit`, `A-B unit` (the unit after B also
/// applies to a bare A), `A unit - B unit`, `NxM unit` ("1x24 jam"), and sums
/// such as `1 Hari, 1 Jam, 25 Menit` (what [`format_minutes`] writes). Units:
/// menit/mnt/minute(s)/min, jam/hour(s)/hr(s), hari/day(s). A range may also
/// be written with `s/d`, `sampai`, `hingga` or `to`.
///
/// Anything else is refused rather than guessed: "sebentar", "1,5 jam" (a
/// decimal comma) and "2 hari kerja" (working days are not 24-hour days) all
/// give an error that says what is accepted.
pub fn parse_time(text: &str) -> Result<Option<TimeStd>, Text> {
    let trimmed = text.trim();
    if trimmed.is_empty() || matches!(trimmed, "-" | "–" | "—") {
        return Ok(None);
    }
    let (min, max) = read_range(trimmed).ok_or_else(|| unreadable(trimmed))?;
    if min > max {
        return Err(t!(
            "Waktu \"{trimmed}\": awal rentang lebih besar dari akhirnya.",
            "Time \"{trimmed}\": the start of the range is larger than its end."
        ));
    }
    Ok(Some(TimeStd {
        min_minutes: min,
        max_minutes: max,
        text: trimmed.to_string(),
    }))
}

fn unreadable(text: &str) -> Text {
    t!(
        "Waktu \"{text}\" tidak dapat dibaca. Tulis misalnya \"15 Menit\", \"1-2 Jam\", \"1-2 Hari\", \"1x24 jam\", atau \"-\" bila tidak ada waktu baku.",
        "The time \"{text}\" cannot be read. Write for example \"15 Menit\", \"1-2 Jam\", \"1-2 Hari\", \"1x24 jam\", or \"-\" when there is no standard time."
    )
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Num(u32),
    Word(String),
    Times,
    Dash,
}

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let lower = text
        .to_lowercase()
        .replace("s/d", " - ")
        .replace("s.d.", " - ");
    let mut tokens = Vec::new();
    let mut chars = lower.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut n: u32 = 0;
            while let Some(&d) = chars.peek() {
                let Some(v) = d.to_digit(10) else { break };
                n = n.checked_mul(10)?.checked_add(v)?;
                chars.next();
            }
            tokens.push(Token::Num(n));
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while let Some(&d) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                w.push(d);
                chars.next();
            }
            tokens.push(match w.as_str() {
                "x" => Token::Times,
                "sampai" | "hingga" | "to" => Token::Dash,
                _ => Token::Word(w),
            });
        } else {
            chars.next();
            match c {
                '-' | '–' | '—' | '−' => tokens.push(Token::Dash),
                '×' | '*' => tokens.push(Token::Times),
                // Commas separate the parts of a sum ("1 Jam, 25 Menit"); a
                // decimal comma is caught because "1, 5 jam" leaves the 1
                // without a unit.
                ',' => {}
                c if c.is_whitespace() => {}
                _ => return None,
            }
        }
    }
    Some(tokens)
}

fn unit_minutes(word: &str) -> Option<u32> {
    match word {
        "menit" | "mnt" | "minute" | "minutes" | "min" | "mins" => Some(1),
        "jam" | "hour" | "hours" | "hr" | "hrs" => Some(MINUTES_PER_HOUR),
        "hari" | "day" | "days" => Some(MINUTES_PER_DAY),
        _ => None,
    }
}

/// One side of a range: a list of terms, each a number (or `NxM`) with an
/// optional unit in minutes.
fn read_terms(tokens: &[Token]) -> Option<Vec<(u32, Option<u32>)>> {
    let mut terms = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Token::Word(w) = &tokens[i] {
            // "1 Jam dan 30 Menit"
            if w == "dan" || w == "and" {
                i += 1;
                continue;
            }
            return None;
        }
        let Token::Num(mut value) = tokens[i] else {
            return None;
        };
        i += 1;
        if tokens.get(i) == Some(&Token::Times) {
            let Some(Token::Num(factor)) = tokens.get(i + 1) else {
                return None;
            };
            value = value.checked_mul(*factor)?;
            i += 2;
        }
        let unit = match tokens.get(i) {
            Some(Token::Word(w)) if w != "dan" && w != "and" => {
                i += 1;
                Some(unit_minutes(w)?)
            }
            _ => None,
        };
        terms.push((value, unit));
    }
    if terms.is_empty() { None } else { Some(terms) }
}

fn sum_terms(terms: &[(u32, Option<u32>)]) -> Option<u32> {
    terms.iter().try_fold(0u32, |acc, (value, unit)| {
        acc.checked_add(value.checked_mul((*unit)?)?)
    })
}

fn read_range(text: &str) -> Option<(u32, u32)> {
    let tokens = tokenize(text)?;
    let sides: Vec<&[Token]> = tokens.split(|t| *t == Token::Dash).collect();
    match sides.as_slice() {
        [one] => {
            let total = sum_terms(&read_terms(one)?)?;
            Some((total, total))
        }
        [left, right] => {
            let right_terms = read_terms(right)?;
            let mut left_terms = read_terms(left)?;
            // "1-2 Jam": a bare number on the left takes the unit of the
            // first term on the right.
            if let [(_, unit @ None)] = left_terms.as_mut_slice() {
                *unit = right_terms.first().and_then(|(_, u)| *u);
            }
            Some((sum_terms(&left_terms)?, sum_terms(&right_terms)?))
        }
        _ => None,
    }
}

/// Minutes in words, largest unit first, zero parts left out:
/// 1525 -> "1 Hari, 1 Jam, 25 Menit" / "1 day, 1 hour, 25 minutes";
/// 0 -> "0 Menit" / "0 minutes".
pub fn format_minutes(minutes: u32, lang: Lang) -> String {
    let days = minutes / MINUTES_PER_DAY;
    let hours = (minutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR;
    let mins = minutes % MINUTES_PER_HOUR;
    let mut parts = Vec::new();
    for (n, id, en) in [
        (days, "Hari", "day"),
        (hours, "Jam", "hour"),
        (mins, "Menit", "minute"),
    ] {
        if n > 0 {
            parts.push(unit_words(n, id, en, lang));
        }
    }
    if parts.is_empty() {
        return unit_words(0, "Menit", "minute", lang);
    }
    parts.join(", ")
}

/// Indonesian nouns do not inflect for number; English ones take an "s"
/// except after exactly one.
fn unit_words(n: u32, id: &str, en: &str, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("{n} {id}"),
        Lang::En if n == 1 => format!("{n} {en}"),
        Lang::En => format!("{n} {en}s"),
    }
}

/// A range in words, "1 Jam – 2 Jam" (en dash), or one value when both ends
/// are equal. The ends are given in minutes.
pub fn format_range(min_minutes: u32, max_minutes: u32, lang: Lang) -> String {
    if min_minutes == max_minutes {
        format_minutes(min_minutes, lang)
    } else {
        format!(
            "{} – {}",
            format_minutes(min_minutes, lang),
            format_minutes(max_minutes, lang)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<(u32, u32)>) {
        let got = parse_time(input)
            .unwrap_or_else(|e| panic!("{input:?} should parse, got {}", e.en))
            .map(|t| (t.min_minutes, t.max_minutes));
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn reads_the_seed_spellings_and_their_variants() {
        check("15 Menit", Some((15, 15)));
        check("1 Mnt", Some((1, 1)));
        check("5 menit", Some((5, 5)));
        check("60 MENIT", Some((60, 60)));
        check("1 Jam", Some((60, 60)));
        check("1-2 Jam", Some((60, 120)));
        check("1 -2 Jam", Some((60, 120)));
        check("1 - 2 Jam", Some((60, 120)));
        check("1–2 jam", Some((60, 120)));
        check("1 Jam – 2 Jam", Some((60, 120)));
        check("30 Menit - 1 Jam", Some((30, 60)));
        check("1 s/d 2 Hari", Some((1440, 2880)));
        check("1 sampai 2 hari", Some((1440, 2880)));
        check("1-2 Hari", Some((1440, 2880)));
        check("1x24 jam", Some((1440, 1440)));
        check("2x24 jam", Some((2880, 2880)));
        check("2 x 24 Jam", Some((2880, 2880)));
        check("14 hari", Some((20160, 20160)));
        check("24 jam", Some((1440, 1440)));
        check("10 minutes", Some((10, 10)));
        check("2 hours", Some((120, 120)));
        check("1 day", Some((1440, 1440)));
        check("1 Hari, 1 Jam, 25 Menit", Some((1525, 1525)));
        check("1 jam dan 30 menit", Some((90, 90)));
        check("-", None);
        check("", None);
        check("  ", None);
        check("–", None);
    }

    #[test]
    fn keeps_the_original_wording() {
        let time = parse_time("  1 -2 Jam ").ok().flatten();
        assert_eq!(time.map(|t| t.text), Some("1 -2 Jam".to_string()));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        for bad in [
            "sebentar",
            "15",
            "Menit",
            "1,5 jam",
            "2 hari kerja",
            "1-2-3 Jam",
            "1 Mentt",
            "-2 jam",
            "5 Menit -",
            "99999999999 menit",
            "3000000 hari",
        ] {
            let err = parse_time(bad).err();
            assert!(err.is_some(), "{bad:?} should be refused");
        }
        let err = parse_time("sebentar").err().map(|e| e.id);
        assert_eq!(
            err.as_deref(),
            Some(
                "Waktu \"sebentar\" tidak dapat dibaca. Tulis misalnya \"15 Menit\", \"1-2 Jam\", \"1-2 Hari\", \"1x24 jam\", atau \"-\" bila tidak ada waktu baku."
            )
        );
    }

    #[test]
    fn refuses_a_reversed_range() {
        let err = parse_time("2-1 Jam").err().map(|e| e.en);
        assert_eq!(
            err.as_deref(),
            Some("Time \"2-1 Jam\": the start of the range is larger than its end.")
        );
    }

    #[test]
    fn formats_minutes_in_both_languages() {
        let table: [(u32, &str, &str); 12] = [
            (0, "0 Menit", "0 minutes"),
            (1, "1 Menit", "1 minute"),
            (2, "2 Menit", "2 minutes"),
            (59, "59 Menit", "59 minutes"),
            (60, "1 Jam", "1 hour"),
            (61, "1 Jam, 1 Menit", "1 hour, 1 minute"),
            (120, "2 Jam", "2 hours"),
            (1440, "1 Hari", "1 day"),
            (1500, "1 Hari, 1 Jam", "1 day, 1 hour"),
            (1525, "1 Hari, 1 Jam, 25 Menit", "1 day, 1 hour, 25 minutes"),
            (2880 + 5, "2 Hari, 5 Menit", "2 days, 5 minutes"),
            (
                3 * 1440 + 2 * 60 + 2,
                "3 Hari, 2 Jam, 2 Menit",
                "3 days, 2 hours, 2 minutes",
            ),
        ];
        for (minutes, id, en) in table {
            assert_eq!(format_minutes(minutes, Lang::Id), id, "{minutes} in id");
            assert_eq!(format_minutes(minutes, Lang::En), en, "{minutes} in en");
        }
    }

    #[test]
    fn formatted_minutes_read_back_to_the_same_number() {
        for minutes in [1, 59, 60, 61, 1439, 1440, 1525, 2881, 20160] {
            let words = format_minutes(minutes, Lang::Id);
            check(&words, Some((minutes, minutes)));
        }
    }

    #[test]
    fn formats_ranges() {
        assert_eq!(format_range(60, 120, Lang::Id), "1 Jam – 2 Jam");
        assert_eq!(format_range(60, 120, Lang::En), "1 hour – 2 hours");
        assert_eq!(format_range(26, 26, Lang::Id), "26 Menit");
        assert_eq!(
            format_range(1560, 3000, Lang::En),
            "1 day, 2 hours – 2 days, 2 hours"
        );
        check(&format_range(60, 120, Lang::Id), Some((60, 120)));
    }
}
