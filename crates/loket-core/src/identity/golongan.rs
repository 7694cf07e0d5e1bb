//! Golongan (grade) and pangkat (rank name).
//!
//! A PNS has one of 17 grades from I/a to IV/e, each with a pangkat name that
//! letters print beside it ("Penata Muda (III/a)"). A PPPK has a grade from I
//! to XVII written without a letter and with no pangkat name. Non-ASN staff
//! have neither.
//!
//! People type grades in many ways ("iii/a", "III a", "3a", "Penata Muda
//! (III/a)", "Pembina Tk. I"); all are reduced to the canonical code. A grade
//! of the wrong scheme for the staff kind is refused with a message saying
//! which scheme the kind uses, because that is nearly always a wrong
//! `jenis_pegawai` or a PNS grade copied onto a PPPK form.

use super::join_texts;
use crate::i18n::Text;
use crate::model::StaffKind;
use crate::t;
use serde::Serialize;

/// The PNS grades and their pangkat names, lowest first.
const PNS_RANKS: [(&str, &str); 17] = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
];

/// Roman numerals I to XVII, for PPPK grades and the PNS group.
const ROMAN: [&str; 17] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII",
];

/// A grade in its canonical form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Golongan {
    /// `III/a` for PNS, `IX` for PPPK.
    pub code: String,
    /// The pangkat name; PNS only.
    pub pangkat: Option<&'static str>,
}

impl Golongan {
    /// As letters print it: "Penata Muda (III/a)" for PNS, "IX" for PPPK.
    pub fn display(&self) -> String {
        match self.pangkat {
            Some(p) => format!("{p} ({})", self.code),
            None => self.code.clone(),
        }
    }

    /// Whether this is a PNS grade (it has a pangkat name).
    pub fn is_pns(&self) -> bool {
        self.pangkat.is_some()
    }

    /// Position within its scheme, 1 (I/a or I) to 17 (IV/e or XVII), for
    /// sorting and comparing.
    pub fn level(&self) -> u8 {
        let index = if self.is_pns() {
            PNS_RANKS.iter().position(|(c, _)| *c == self.code)
        } else {
            ROMAN.iter().position(|r| *r == self.code)
        };
        index.map_or(0, |i| i as u8 + 1)
    }

    fn pns(index: usize) -> Golongan {
        let (code, pangkat) = PNS_RANKS[index];
        Golongan {
            code: code.to_string(),
            pangkat: Some(pangkat),
        }
    }

    fn pppk(grade: u8) -> Golongan {
        Golongan {
            code: ROMAN[usize::from(grade) - 1].to_string(),
            pangkat: None,
        }
    }
}

/// The 17 PNS grades, lowest first, for a drop-down.
pub fn pns_ranks() -> Vec<Golongan> {
    (0..PNS_RANKS.len()).map(Golongan::pns).collect()
}

/// The 17 PPPK grades, I to XVII, for a drop-down.
pub fn pppk_grades() -> Vec<Golongan> {
    (1..=17).map(Golongan::pppk).collect()
}

/// What the code part of the input says, before the staff kind is applied.
#[derive(Debug, PartialEq, Eq)]
enum Code {
    /// Group 1-4 and room letter a-e, already checked to exist: index into
    /// `PNS_RANKS`.
    Pns(usize),
    /// A number without a letter: a PPPK grade, or a PNS group missing its
    /// room letter.
    Plain(u8),
}

/// Parses a grade typed for a person of `kind`. For [`StaffKind::NonAsn`]
/// there is no grade, so every input is refused; callers that accept an
/// empty grade for non-ASN staff check emptiness first (as
/// [`validate_person`](super::validate_person) does).
pub fn parse_golongan(input: &str, kind: StaffKind) -> Result<Golongan, Text> {
    let raw = input.trim();
    if kind == StaffKind::NonAsn {
        return Err(if raw.is_empty() {
            t!(
                "Pegawai non-ASN tidak memiliki golongan.",
                "Non-civil-servant staff have no grade (golongan)."
            )
        } else {
            t!(
                "Pegawai non-ASN tidak memiliki golongan; kosongkan isian golongan (yang diisi: {raw}).",
                "Non-civil-servant staff have no grade (golongan); leave it empty (it says: {raw})."
            )
        });
    }
    if raw.is_empty() {
        return Err(match kind {
            StaffKind::Pppk => t!(
                "Golongan belum diisi; PPPK memakai golongan I sampai XVII.",
                "The grade (golongan) is empty; PPPK staff have grades I to XVII."
            ),
            _ => t!(
                "Golongan belum diisi; PNS memakai golongan I/a sampai IV/e.",
                "The grade (golongan) is empty; civil servants (PNS) have grades I/a to IV/e."
            ),
        });
    }

    let norm = normalise(raw);
    let named = PNS_RANKS
        .iter()
        .enumerate()
        .filter(|(_, (_, name))| starts_with_words(&norm, &name.to_lowercase()))
        .max_by_key(|(_, (_, name))| name.len())
        .map(|(i, (_, name))| (i, name.len()));
    let rest = match named {
        Some((_, len)) => &norm[len..],
        None => strip_golongan_word(&norm),
    };
    let code_text: String = rest
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | '/' | '-' | '.' | ',' | ' ' | ':'))
        .collect();

    let code = if code_text.is_empty() {
        match named {
            Some((index, _)) => Code::Pns(index),
            None => return Err(unknown(raw)),
        }
    } else {
        parse_code(&code_text, raw)?
    };
    if let (Some((name_index, _)), Code::Pns(index)) = (named, &code)
        && name_index != *index
    {
        let (code, name) = PNS_RANKS[*index];
        let typed = PNS_RANKS[name_index].1;
        return Err(t!(
            "Pangkat {typed} tidak sesuai dengan golongan {code}; pangkat golongan {code} adalah {name}.",
            "The rank {typed} does not match grade {code}; the rank of grade {code} is {name}."
        ));
    }

    match (kind, code) {
        (StaffKind::Pppk, Code::Plain(n)) if (1..=17).contains(&n) => Ok(Golongan::pppk(n)),
        (StaffKind::Pppk, Code::Plain(n)) => Err(t!(
            "Golongan PPPK hanya I sampai XVII; yang diisi {n}.",
            "PPPK grades run from I to XVII only; this says {n}."
        )),
        (StaffKind::Pppk, Code::Pns(index)) => {
            let g = Golongan::pns(index);
            let shown = g.display();
            Err(join_texts(&[
                t!(
                    "{shown} adalah golongan PNS; PPPK memakai golongan I sampai XVII tanpa huruf (misalnya IX).",
                    "{shown} is a civil-servant (PNS) grade; PPPK staff have grades I to XVII without a letter (for example IX)."
                ),
                check_kind_hint(),
            ]))
        }
        (_, Code::Pns(index)) => Ok(Golongan::pns(index)),
        (_, Code::Plain(n)) if (1..=4).contains(&n) => {
            let roman = ROMAN[usize::from(n) - 1];
            Err(t!(
                "Golongan PNS harus ditulis lengkap dengan ruangnya, misalnya {roman}/a; yang diisi hanya {roman}. (Golongan tanpa huruf dipakai PPPK.)",
                "A civil-servant (PNS) grade needs its letter, for example {roman}/a; this says only {roman}. (Grades without a letter are PPPK grades.)"
            ))
        }
        (_, Code::Plain(n)) if (5..=17).contains(&n) => {
            let roman = ROMAN[usize::from(n) - 1];
            Err(join_texts(&[
                t!(
                    "Golongan {roman} adalah golongan PPPK; PNS memakai golongan I/a sampai IV/e (misalnya III/a).",
                    "Grade {roman} is a PPPK grade; civil servants (PNS) have grades I/a to IV/e (for example III/a)."
                ),
                check_kind_hint(),
            ]))
        }
        (_, Code::Plain(_)) => Err(unknown(raw)),
    }
}

fn check_kind_hint() -> Text {
    Text::new(
        "Periksa golongan atau jenis pegawai.",
        "Check the grade or the kind of staff.",
    )
}

fn unknown(raw: &str) -> Text {
    t!(
        "Golongan \"{raw}\" tidak dikenali. Tulis seperti III/a untuk PNS atau IX untuk PPPK.",
        "The grade \"{raw}\" is not recognised. Write it like III/a for a civil servant (PNS) or IX for PPPK."
    )
}

/// Lower-case, `(` set off by a space (the seed writes "Pembina Utama
/// Muda(IV/c)"), the abbreviations `Tk.`/`Tkt.` spelt out as `tingkat`, and
/// whitespace collapsed, so pangkat names can be matched word by word.
fn normalise(raw: &str) -> String {
    let spelt = raw
        .to_lowercase()
        .replace('(', " (")
        .replace("tkt.", "tingkat ")
        .replace("tk.", "tingkat ");
    spelt
        .split_whitespace()
        .map(|w| {
            if w == "tk" || w == "tkt" {
                "tingkat"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` begins with the words of `name`, ending at a word boundary
/// ("penata" matches "penata (iii/c)" but not "penatax").
fn starts_with_words(text: &str, name: &str) -> bool {
    text.starts_with(name)
        && text[name.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Drops a leading "golongan", "gol." or "gol" ("Gol. III/a").
fn strip_golongan_word(norm: &str) -> &str {
    for word in ["golongan", "gol.", "gol"] {
        if starts_with_words(norm, word) {
            return norm[word.len()..].trim_start();
        }
        if word == "gol." && norm.starts_with(word) {
            return &norm[word.len()..];
        }
    }
    norm
}

/// Reads the compact code (`iiia`, `3a`, `ix`, `9`): a group in Roman or Arabic
/// numerals, optionally followed by a room letter a-e.
fn parse_code(compact: &str, raw: &str) -> Result<Code, Text> {
    let upper = compact.to_uppercase();
    let (number, letter) = match upper.chars().last() {
        Some(c @ 'A'..='E') if upper.len() > 1 => (&upper[..upper.len() - 1], Some(c)),
        _ => (upper.as_str(), None),
    };
    let n = ROMAN
        .iter()
        .position(|r| *r == number)
        .map(|i| i as u8 + 1)
        .or_else(|| {
            (number.len() <= 2 && number.bytes().all(|b| b.is_ascii_digit()))
                .then(|| number.parse::<u8>().ok())
                .flatten()
        })
        .ok_or_else(|| unknown(raw))?;
    let Some(letter) = letter else {
        return Ok(Code::Plain(n));
    };
    let room = letter.to_ascii_lowercase();
    let code = match n {
        1..=4 => format!("{}/{room}", ROMAN[usize::from(n) - 1]),
        _ => {
            return Err(t!(
                "Golongan \"{raw}\" tidak ada: golongan PNS hanya I sampai IV, dengan ruang a sampai d (IV sampai e).",
                "Grade \"{raw}\" does not exist: civil-servant (PNS) groups are I to IV, with rooms a to d (IV up to e)."
            ));
        }
    };
    match PNS_RANKS.iter().position(|(c, _)| *c == code) {
        Some(index) => Ok(Code::Pns(index)),
        None => {
            let group = ROMAN[usize::from(n) - 1];
            Err(t!(
                "Golongan {code} tidak ada; golongan {group} hanya sampai {group}/d.",
                "Grade {code} does not exist; group {group} only goes up to {group}/d."
            ))
        }
    }
}

#[cfg(test)]
// Tests fail loudly by design; the workspace has no clippy.toml to allow
// unwrap in tests, so allow it here.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn check(input: &str, kind: StaffKind, expected: Result<&str, &[&str]>) {
        match (parse_golongan(input, kind), expected) {
            (Ok(g), Ok(code)) => assert_eq!(g.code, code, "{input:?} as {kind:?}"),
            (Err(msg), Err(fragments)) => {
                for f in fragments {
                    assert!(msg.id.contains(f), "{input:?}: {:?} lacks {f:?}", msg.id);
                }
                assert!(!msg.en.is_empty());
            }
            (got, expected) => panic!("{input:?} as {kind:?}: got {got:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn pns_typings() {
        let pns = StaffKind::Pns;
        for input in [
            "III/a",
            "iii/a",
            "III a",
            "III-a",
            "IIIa",
            "3a",
            "3/a",
            "3 A",
            " III / a ",
            "Penata Muda (III/a)",
            "penata muda (iii/a)",
            "Penata Muda",
            "PENATA MUDA",
            "Penata Muda, III/a",
            "Penata Muda III/a",
            "Gol. III/a",
            "Golongan III/a",
            "gol III a",
            "(III/a)",
        ] {
            check(input, pns, Ok("III/a"));
        }
        check("Pembina Utama Muda(IV/c)", pns, Ok("IV/c"));
        check("Pembina Utama Muda", pns, Ok("IV/c"));
        check("Pembina Utama", pns, Ok("IV/e"));
        check("Pembina Utama Madya (IV/d)", pns, Ok("IV/d"));
        check("Pembina Tk. I", pns, Ok("IV/b"));
        check("Pembina Tk.I (IV/b)", pns, Ok("IV/b"));
        check("Pembina Tkt I", pns, Ok("IV/b"));
        check("Penata Tingkat I", pns, Ok("III/d"));
        check("Penata", pns, Ok("III/c"));
        check("Juru Muda", pns, Ok("I/a"));
        check("i/d", pns, Ok("I/d"));
        check("2b", pns, Ok("II/b"));
        check("IV/e", pns, Ok("IV/e"));
        check("4E", pns, Ok("IV/e"));
    }

    #[test]
    fn pppk_typings() {
        let pppk = StaffKind::Pppk;
        check("IX", pppk, Ok("IX"));
        check("ix", pppk, Ok("IX"));
        check("9", pppk, Ok("IX"));
        check("Gol. IX", pppk, Ok("IX"));
        check("golongan 9", pppk, Ok("IX"));
        check("(IX)", pppk, Ok("IX"));
        check("I", pppk, Ok("I"));
        check("1", pppk, Ok("I"));
        check("III", pppk, Ok("III"));
        check("XVII", pppk, Ok("XVII"));
        check("17", pppk, Ok("XVII"));
        check("XIV", pppk, Ok("XIV"));
        check("VII", pppk, Ok("VII"));
    }

    #[test]
    fn refused() {
        let (pns, pppk, non) = (StaffKind::Pns, StaffKind::Pppk, StaffKind::NonAsn);
        check("", pns, Err(&["Golongan belum diisi", "I/a sampai IV/e"]));
        check("  ", pppk, Err(&["Golongan belum diisi", "I sampai XVII"]));
        check(
            "III/e",
            pns,
            Err(&["Golongan III/e tidak ada; golongan III hanya sampai III/d."]),
        );
        check("I/e", pns, Err(&["I/e tidak ada"]));
        check("V/a", pns, Err(&["hanya I sampai IV"]));
        check("5a", pns, Err(&["hanya I sampai IV"]));
        check("III/f", pns, Err(&["tidak dikenali"]));
        check("abc", pns, Err(&["Golongan \"abc\" tidak dikenali"]));
        check("Penata Agung", pns, Err(&["tidak dikenali"]));
        check("Gol.", pns, Err(&["tidak dikenali"]));
        check("IIII", pppk, Err(&["tidak dikenali"]));
        check("123", pppk, Err(&["tidak dikenali"]));
        // Name and code disagree.
        check(
            "Penata (III/a)",
            pns,
            Err(&[
                "Pangkat Penata tidak sesuai dengan golongan III/a; pangkat golongan III/a adalah Penata Muda.",
            ]),
        );
        // A PNS grade without its letter.
        check(
            "III",
            pns,
            Err(&["harus ditulis lengkap dengan ruangnya, misalnya III/a"]),
        );
        check("3", pns, Err(&["misalnya III/a; yang diisi hanya III"]));
        // The wrong scheme for the kind.
        check(
            "IX",
            pns,
            Err(&[
                "Golongan IX adalah golongan PPPK",
                "I/a sampai IV/e",
                "jenis pegawai",
            ]),
        );
        check("17", pns, Err(&["Golongan XVII adalah golongan PPPK"]));
        check("18", pns, Err(&["tidak dikenali"]));
        check("18", pppk, Err(&["hanya I sampai XVII; yang diisi 18"]));
        check("XVIII", pppk, Err(&["tidak dikenali"]));
        check(
            "III/a",
            pppk,
            Err(&[
                "Penata Muda (III/a) adalah golongan PNS; PPPK memakai golongan I sampai XVII tanpa huruf",
            ]),
        );
        check("Penata Muda", pppk, Err(&["adalah golongan PNS"]));
        // Non-ASN staff have none.
        check(
            "III/a",
            non,
            Err(&["non-ASN tidak memiliki golongan; kosongkan", "III/a"]),
        );
        check("", non, Err(&["non-ASN tidak memiliki golongan"]));
    }

    #[test]
    fn english_wording() {
        let msg = parse_golongan("IX", StaffKind::Pns).unwrap_err();
        assert_eq!(
            msg.en,
            "Grade IX is a PPPK grade; civil servants (PNS) have grades I/a to IV/e (for example III/a). Check the grade or the kind of staff."
        );
        let msg = parse_golongan("III/a", StaffKind::Pppk).unwrap_err();
        assert!(
            msg.en
                .starts_with("Penata Muda (III/a) is a civil-servant (PNS) grade")
        );
    }

    #[test]
    fn lists_and_display() {
        let ranks = pns_ranks();
        assert_eq!(ranks.len(), 17);
        assert_eq!(ranks[0].display(), "Juru Muda (I/a)");
        assert_eq!(ranks[8].display(), "Penata Muda (III/a)");
        assert_eq!(ranks[16].display(), "Pembina Utama (IV/e)");
        let names: Vec<String> = ranks.iter().map(Golongan::display).collect();
        assert_eq!(
            names,
            [
                "Juru Muda (I/a)",
                "Juru Muda Tingkat I (I/b)",
                "Juru (I/c)",
                "Juru Tingkat I (I/d)",
                "Pengatur Muda (II/a)",
                "Pengatur Muda Tingkat I (II/b)",
                "Pengatur (II/c)",
                "Pengatur Tingkat I (II/d)",
                "Penata Muda (III/a)",
                "Penata Muda Tingkat I (III/b)",
                "Penata (III/c)",
                "Penata Tingkat I (III/d)",
                "Pembina (IV/a)",
                "Pembina Tingkat I (IV/b)",
                "Pembina Utama Muda (IV/c)",
                "Pembina Utama Madya (IV/d)",
                "Pembina Utama (IV/e)",
            ]
        );
        let grades = pppk_grades();
        assert_eq!(grades.len(), 17);
        assert_eq!(grades[8].display(), "IX");
        assert_eq!(grades[16].code, "XVII");
        for (i, g) in ranks.iter().chain(grades.iter()).enumerate() {
            assert_eq!(usize::from(g.level()), i % 17 + 1, "{}", g.code);
        }
        // Every listed grade parses back to itself, by code and by display.
        for g in &ranks {
            assert_eq!(parse_golongan(&g.code, StaffKind::Pns).as_ref(), Ok(g));
            assert_eq!(parse_golongan(&g.display(), StaffKind::Pns).as_ref(), Ok(g));
        }
        for g in &grades {
            assert_eq!(parse_golongan(&g.code, StaffKind::Pppk).as_ref(), Ok(g));
        }
    }
}
