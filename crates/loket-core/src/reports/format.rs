//! How report figures are written for people: counts with the thousands
//! separator of the language (`1.234` / `1,234`), averages of minutes with
//! one decimal (`12,5` / `12.5`) or in words, and the report's title.

use super::Recap;
use crate::i18n::{Lang, Text};
use crate::sop::format_minutes;
use crate::t;

pub(crate) use crate::i18n::month_name;

/// `1.234.567` in Indonesian, `1,234,567` in English.
pub fn format_count(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A number with one decimal: `12,5` / `12.5`; whole numbers without it.
pub(crate) fn format_decimal(v: f64, lang: Lang) -> String {
    let tenths = (v * 10.0).round() as i64;
    let whole = format_count(tenths / 10, lang);
    let frac = (tenths % 10).abs();
    if frac == 0 {
        return whole;
    }
    let mark = match lang {
        Lang::Id => ',',
        Lang::En => '.',
    };
    format!("{whole}{mark}{frac}")
}

/// An average of minutes in words, rounded to the minute below an hour's
/// precision: `12,5 Menit`, `1 Jam, 3 Menit` (`format_minutes` wording).
pub fn format_avg_minutes(v: f64, lang: Lang) -> String {
    if v < 60.0 && v.fract().abs() > f64::EPSILON {
        let unit = match lang {
            Lang::Id => "Menit",
            Lang::En => "minutes",
        };
        return format!("{} {unit}", format_decimal(v, lang));
    }
    format_minutes(v.round().max(0.0) as u32, lang)
}

/// Whole minutes in words (`format_minutes`); negative values as zero.
pub(crate) fn minutes_words(m: i64, lang: Lang) -> String {
    format_minutes(u32::try_from(m.max(0)).unwrap_or(u32::MAX), lang)
}

/// "Rekapitulasi Layanan Sertifikat Elektronik — November 2026".
pub fn report_title(recap: &Recap) -> Text {
    let (id, en) = (&recap.label.id, &recap.label.en);
    t!(
        "Rekapitulasi Layanan Sertifikat Elektronik — {id}",
        "Electronic Certificate Service Recap — {en}"
    )
}

/// A stored timestamp (`2026-11-21T09:05:00+08:00`) as `21-11-2026 09.05`
/// in Indonesian or `21-11-2026 09:05` in English, in the time it was
/// written with.
pub(crate) fn short_time(s: &str, lang: Lang) -> String {
    match crate::clock::parse_stamp(s) {
        Some(t) => match lang {
            Lang::Id => t.format("%d-%m-%Y %H.%M").to_string(),
            Lang::En => t.format("%d-%m-%Y %H:%M").to_string(),
        },
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_decimals_follow_the_language() {
        let cases = [
            (0, "0", "0"),
            (999, "999", "999"),
            (1000, "1.000", "1,000"),
            (200_000, "200.000", "200,000"),
            (1_234_567, "1.234.567", "1,234,567"),
            (-4321, "-4.321", "-4,321"),
        ];
        for (n, id, en) in cases {
            assert_eq!(format_count(n, Lang::Id), id);
            assert_eq!(format_count(n, Lang::En), en);
        }
        assert_eq!(format_decimal(12.5, Lang::Id), "12,5");
        assert_eq!(format_decimal(12.5, Lang::En), "12.5");
        assert_eq!(format_decimal(1234.04, Lang::Id), "1.234");
        assert_eq!(format_avg_minutes(12.5, Lang::Id), "12,5 Menit");
        assert_eq!(format_avg_minutes(15.0, Lang::Id), "15 Menit");
        assert_eq!(format_avg_minutes(63.4, Lang::En), "1 hour, 3 minutes");
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name(1).id, "Januari");
        assert_eq!(month_name(12).en, "December");
        assert_eq!(month_name(13).id, "13");
        assert_eq!(month_name(0).id, "0");
    }
}
