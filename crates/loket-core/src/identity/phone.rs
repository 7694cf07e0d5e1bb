//! Indonesian phone numbers, stored as `+62` and the national number
//! without its leading 0 (`+6281234567890`), the one form that compares
//! equal however the number was typed and that messaging apps accept.
//!
//! Mobile numbers start with 8 after the country code and have 9 to 12
//! national digits. Landlines have an area code (Jakarta 21, Bandung 22,
//! Semarang 24, Surabaya 31 and Medan 61 have two digits, all others three,
//! none starts with 8) and a subscriber number of 5 to 8 digits.

use crate::i18n::Text;
use crate::t;

/// Area codes of two digits (after the trunk 0); every other area code has
/// three. Needed to print a landline as "(021) 3456789".
const TWO_DIGIT_AREAS: [&str; 5] = ["21", "22", "24", "31", "61"];

/// Normalises a typed Indonesian number to `+62…`. Accepts `0812-3456-7890`,
/// `0812 3456 7890`, `+62 812 3456 7890`, `62812…`, `0062…`, `(0511)
/// 4781234`, and the common slip `+62 0812…`.
pub fn normalize_phone(input: &str) -> Result<String, Text> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(t!("Nomor telepon kosong.", "The phone number is empty."));
    }
    let mut digits = String::new();
    let mut plus = false;
    for c in typed.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !plus => plus = true,
            '+' => {
                return Err(t!(
                    "Tanda + hanya boleh di depan nomor telepon (+62…).",
                    "A + may only start the phone number (+62…)."
                ));
            }
            '/' | ',' | ';' => {
                return Err(t!(
                    "Isi satu nomor telepon saja.",
                    "Enter a single phone number."
                ));
            }
            '-' | '.' | '(' | ')' => {}
            c if c.is_whitespace() => {}
            c => {
                return Err(t!(
                    "Nomor telepon hanya boleh berisi angka (boleh dengan spasi, tanda hubung, kurung, atau + di depan); ada karakter '{c}'.",
                    "A phone number may contain only digits (with spaces, hyphens, brackets or a leading + if you like); it contains '{c}'."
                ));
            }
        }
    }

    let national = if plus {
        digits.strip_prefix("62").ok_or_else(|| foreign(typed))?
    } else if let Some(rest) = digits.strip_prefix("0062") {
        rest
    } else if digits.starts_with("00") {
        return Err(foreign(typed));
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest
    } else if let Some(rest) = digits.strip_prefix("62") {
        rest
    } else if digits.starts_with('8') {
        // A mobile number typed without its leading 0.
        digits.as_str()
    } else {
        return Err(t!(
            "Nomor telepon harus diawali 0, +62 atau 62, misalnya 0812-3456-7890 atau (0511) 4781234.",
            "A phone number must start with 0, +62 or 62, for example 0812-3456-7890 or (0511) 4781234."
        ));
    };
    // "+62 0812…": the trunk 0 kept after the country code.
    let national = match national.strip_prefix('0') {
        Some(rest) if plus || digits.starts_with("62") || digits.starts_with("0062") => rest,
        _ => national,
    };

    let n = national.len();
    match national.chars().next() {
        Some('8') => {
            if (9..=12).contains(&n) {
                Ok(format!("+62{national}"))
            } else {
                let with_zero = n + 1;
                Err(t!(
                    "Nomor ponsel harus 10 sampai 13 digit termasuk 0 di depan (misalnya 0812-3456-7890); yang diisi {with_zero} digit.",
                    "A mobile number must have 10 to 13 digits including the leading 0 (for example 0812-3456-7890); this one has {with_zero}."
                ))
            }
        }
        Some('2'..='7' | '9') => {
            let area = area_len(national);
            let subscriber = n.saturating_sub(area);
            let (min, max) = if area == 2 { (7, 8) } else { (5, 8) };
            if (min..=max).contains(&subscriber) {
                Ok(format!("+62{national}"))
            } else {
                let code = &national[..area.min(n)];
                Err(t!(
                    "Nomor telepon kantor/rumah dengan kode wilayah (0{code}) harus punya {min} sampai {max} digit sesudah kode wilayah; yang diisi {subscriber} digit.",
                    "A landline with area code (0{code}) must have {min} to {max} digits after the area code; this one has {subscriber}."
                ))
            }
        }
        Some(_) => Err(t!(
            "Nomor telepon ini tidak dikenal: sesudah 0 (atau +62) nomor ponsel diawali 8 dan kode wilayah diawali 2 sampai 7 atau 9.",
            "This phone number is not recognised: after the 0 (or +62) a mobile number starts with 8 and an area code with 2 to 7 or 9."
        )),
        None => Err(t!(
            "Nomor telepon terlalu pendek.",
            "The phone number is too short."
        )),
    }
}

/// Formats a normalised number for people and letters: mobile numbers as
/// `0812-3456-7890`, landlines as `(0511) 4781234`. Anything not in the
/// normalised form is returned unchanged, so nothing is lost.
pub fn display_phone(normalized: &str) -> String {
    let Some(national) = normalized
        .strip_prefix("+62")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    else {
        return normalized.to_string();
    };
    if national.starts_with('8') {
        let full = format!("0{national}");
        let (head, rest) = full.split_at(4.min(full.len()));
        let groups: Vec<&str> = match rest.len() {
            0 => vec![],
            1..=4 => vec![rest],
            5 | 6 => {
                let (a, b) = rest.split_at(3);
                vec![a, b]
            }
            _ => {
                let (a, b) = rest.split_at(4);
                vec![a, b]
            }
        };
        std::iter::once(head)
            .chain(groups)
            .collect::<Vec<_>>()
            .join("-")
    } else {
        let area = area_len(national).min(national.len());
        let (code, subscriber) = national.split_at(area);
        format!("(0{code}) {subscriber}")
    }
}

fn area_len(national: &str) -> usize {
    if TWO_DIGIT_AREAS.iter().any(|a| national.starts_with(a)) {
        2
    } else {
        3
    }
}

fn foreign(typed: &str) -> Text {
    t!(
        "Nomor {typed} bukan nomor Indonesia; isi nomor Indonesia (diawali 08, 0 kode wilayah, atau +62).",
        "{typed} is not an Indonesian number; enter an Indonesian number (starting 08, 0 and the area code, or +62)."
    )
}

#[cfg(test)]
// Tests fail loudly by design; the workspace has no clippy.toml to allow
// unwrap in tests, so allow it here.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Result<&str, &[&str]>) {
        match (normalize_phone(input), expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{input}"),
            (Err(msg), Err(fragments)) => {
                for f in fragments {
                    assert!(msg.id.contains(f), "{input}: {:?} lacks {f:?}", msg.id);
                }
                assert!(!msg.en.is_empty());
            }
            (got, expected) => panic!("{input}: got {got:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn accepted() {
        for input in [
            "081234567890",
            "0812-3456-7890",
            "0812 3456 7890",
            "0812.3456.7890",
            "+62 812 3456 7890",
            "+62-812-3456-7890",
            "+6281234567890",
            "6281234567890",
            "006281234567890",
            "+62 0812 3456 7890",
            "(+62) 812 3456 7890",
            "81234567890",
            " 0812-3456-7890 ",
        ] {
            check(input, Ok("+6281234567890"));
        }
        // Mobile lengths: 9 to 12 national digits.
        check("0812345678", Ok("+62812345678"));
        check("0812-3456-78901", Ok("+62812345678901"));
        // Landlines.
        check("(0511) 4781234", Ok("+625114781234"));
        check("0511-4781234", Ok("+625114781234"));
        check("+62 511 4781234", Ok("+625114781234"));
        check("(021) 3456 7890", Ok("+622134567890"));
        check("021-3456789", Ok("+62213456789"));
        check("(0517) 31234", Ok("+6251731234"));
        check("(0967) 533123", Ok("+62967533123"));
        check("(0274) 512345", Ok("+62274512345"));
    }

    #[test]
    fn refused() {
        check("", Err(&["kosong"]));
        check("0812-3456-789O", Err(&["ada karakter 'O'"]));
        check("0812 3456 7890 ext 12", Err(&["ada karakter 'e'"]));
        check("0812-3456-7890 / 0813-1111-2222", Err(&["satu nomor"]));
        check("0812+3456", Err(&["Tanda + hanya boleh di depan"]));
        check("+1 555 123 4567", Err(&["bukan nomor Indonesia"]));
        check(
            "+60 12 345 6789",
            Err(&["+60 12 345 6789 bukan nomor Indonesia"]),
        );
        check("0060123456789", Err(&["bukan nomor Indonesia"]));
        check("1234567", Err(&["harus diawali 0, +62 atau 62"]));
        check(
            "0812345",
            Err(&[
                "Nomor ponsel harus 10 sampai 13 digit",
                "yang diisi 7 digit",
            ]),
        );
        check("08123456789012", Err(&["yang diisi 14 digit"]));
        check(
            "(0511) 1234",
            Err(&["(0511)", "5 sampai 8 digit", "yang diisi 4 digit"]),
        );
        check(
            "(021) 123456",
            Err(&["(021)", "7 sampai 8 digit", "yang diisi 6 digit"]),
        );
        check("(0511) 123456789", Err(&["yang diisi 9 digit"]));
        check("0112345678", Err(&["tidak dikenal"]));
        check("00", Err(&["bukan nomor Indonesia"]));
        check("0", Err(&["terlalu pendek"]));
        check("+62", Err(&["terlalu pendek"]));
        check("+62 00812", Err(&["tidak dikenal"]));
    }

    #[test]
    fn english_wording() {
        let msg = normalize_phone("0812345").unwrap_err();
        assert_eq!(
            msg.en,
            "A mobile number must have 10 to 13 digits including the leading 0 (for example 0812-3456-7890); this one has 7."
        );
    }

    #[test]
    fn display() {
        let check = |normalized: &str, expected: &str| {
            assert_eq!(display_phone(normalized), expected, "{normalized}");
        };
        check("+6281234567890", "0812-3456-7890");
        check("+628123456789", "0812-3456-789");
        check("+62812345678", "0812-345-678");
        check("+62812345678901", "0812-3456-78901");
        check("+625114781234", "(0511) 4781234");
        check("+622134567890", "(021) 34567890");
        check("+6251731234", "(0517) 31234");
        // Not normalised: unchanged.
        check("0812-3456-7890", "0812-3456-7890");
        check("+62", "+62");
        check("+62abc", "+62abc");
        check("", "");
        // Every accepted typing displays the same.
        for input in ["0812 3456 7890", "+62 812-3456-7890", "62812.3456.7890"] {
            assert_eq!(
                display_phone(&normalize_phone(input).unwrap()),
                "0812-3456-7890"
            );
        }
    }
}
