//! Formatting helpers that turn domain values into the exact strings printed
//! on a letter. They know nothing about PDF: the view ([`super::LetterDoc`])
//! holds their output, so the stored view shows what the letter said even if
//! these rules change later.

use crate::i18n::Lang;
use chrono::NaiveDate;

const ROMAWI: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// `21 November 2026`: the day without a leading zero, the Indonesian month
/// name, the year. This is the form official letters use (never `21/11/2026`).
pub fn tanggal_indonesia(date: NaiveDate) -> String {
    tanggal(date, Lang::Id)
}

/// `21 November 2026` in English (for English reports); day first, like the
/// Indonesian form, so the two read alike side by side.
pub fn date_english(date: NaiveDate) -> String {
    tanggal(date, Lang::En)
}

/// The date in the given language: `21 Agustus 2026` / `21 August 2026`.
pub fn tanggal(date: NaiveDate, lang: Lang) -> String {
    crate::i18n::long_date(date).get(lang).to_string()
}

/// `Rantau, 21 November 2026`: the place-and-date line above the letter
/// number and above the signature.
pub fn place_date(city: &str, date: NaiveDate) -> String {
    format!("{}, {}", city.trim(), tanggal_indonesia(date))
}

/// The month as a Roman numeral (`XI` for November), as letter numbers write
/// it: `000.6.5/012/Diskominfo/XI/2026`. `None` outside 1..=12.
pub fn bulan_romawi(month: u32) -> Option<&'static str> {
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    ROMAWI.get(index).copied()
}

/// `NIP. 19660817 199112 1 003`: the label and the 18 digits grouped 8-6-1-3
/// (birth date, start date, sex, serial), as signature blocks print it.
/// Spaces, dots and an existing `NIP` label in the input are tolerated.
/// Anything that is not 18 digits is printed as given after the label, so a
/// wrong value stays visible instead of being mangled; an empty value gives
/// an empty string (staff without a NIP print no NIP line).
pub fn format_nip(nip: &str) -> String {
    let bare = strip_nip_label(nip);
    if bare.is_empty() {
        return String::new();
    }
    format!("NIP. {}", group_nip(bare))
}

/// The 18 NIP digits grouped 8-6-1-3 without the label (`19660817 199112 1
/// 003`), for table columns headed "NIP". Other input is returned trimmed.
pub fn group_nip(nip: &str) -> String {
    let bare = strip_nip_label(nip);
    let only_digit_like = bare
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '.');
    let digits: String = bare.chars().filter(char::is_ascii_digit).collect();
    if !only_digit_like || digits.len() != 18 {
        return bare.to_string();
    }
    format!(
        "{} {} {} {}",
        &digits[0..8],
        &digits[8..14],
        &digits[14..15],
        &digits[15..18]
    )
}

fn strip_nip_label(nip: &str) -> &str {
    let t = nip.trim();
    let has_label = t.len() >= 3 && t.is_char_boundary(3) && t[..3].eq_ignore_ascii_case("nip");
    if has_label {
        t[3..].trim_start_matches(['.', ':', ' ']).trim()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn indonesian_dates_use_indonesian_month_names_without_leading_zero() {
        let check = |date: NaiveDate, expected: &str| {
            assert_eq!(tanggal_indonesia(date), expected);
        };
        check(d(2026, 11, 21), "21 November 2026");
        check(d(2026, 1, 2), "2 Januari 2026");
        check(d(2026, 2, 28), "28 Februari 2026");
        check(d(2026, 3, 1), "1 Maret 2026");
        check(d(2026, 5, 1), "1 Mei 2026");
        check(d(2026, 8, 17), "17 Agustus 2026");
        check(d(2026, 10, 9), "9 Oktober 2026");
        check(d(2026, 12, 31), "31 Desember 2026");
    }

    #[test]
    fn english_dates() {
        assert_eq!(date_english(d(2026, 8, 17)), "17 August 2026");
        assert_eq!(tanggal(d(2026, 5, 1), Lang::En), "1 May 2026");
    }

    #[test]
    fn place_date_joins_city_and_date() {
        assert_eq!(
            place_date(" Rantau ", d(2026, 11, 21)),
            "Rantau, 21 November 2026"
        );
    }

    #[test]
    fn roman_months() {
        let all: Vec<&str> = (1..=12).filter_map(bulan_romawi).collect();
        assert_eq!(all.join(" "), "I II III IV V VI VII VIII IX X XI XII");
        assert_eq!(bulan_romawi(0), None);
        assert_eq!(bulan_romawi(13), None);
    }

    #[test]
    fn nip_is_grouped_8_6_1_3() {
        let check = |input: &str, expected: &str| {
            assert_eq!(format_nip(input), expected, "input {input:?}");
        };
        check("196608171991121003", "NIP. 19660817 199112 1 003");
        check(" 19660817 199112 1 003 ", "NIP. 19660817 199112 1 003");
        check("NIP. 196608171991121003", "NIP. 19660817 199112 1 003");
        check("nip:196608171991121003", "NIP. 19660817 199112 1 003");
        // Not 18 digits: shown as given, never silently reshaped.
        check("19660817199112100", "NIP. 19660817199112100");
        check("1966O8171991121003", "NIP. 1966O8171991121003");
        check("-", "NIP. -");
        check("", "");
        check("  ", "");
        assert_eq!(group_nip("197101301999031005"), "19710130 199903 1 005");
        assert_eq!(group_nip("abc"), "abc");
    }
}
