//! NIP, the 18-digit civil-servant number (Perka BKN 22/2007), for PNS and
//! for PPPK (whose number BKN calls *NI PPPK* but offices call NIP too).
//!
//! PNS:  birth YYYYMMDD | TMT CPNS YYYYMM | sex (1 man, 2 woman) | serial (3)
//! PPPK: birth YYYYMMDD | start year YYYY | `2` | one digit | sex | serial (3)
//!
//! Digit 13 tells them apart: in a PNS number it is the first digit of the
//! TMT month, so 0 or 1; a PPPK number has a 2 there. Like the NIK, the NIP has
//! no check digit, so plausibility (dates that exist, an age at appointment
//! that a recruitment could allow) is what catches a typing slip.

use super::{Sex, age_on, digits_of, fmt_date, join_texts};
use crate::i18n::Text;
use crate::model::StaffKind;
use crate::t;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which scheme a NIP follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NipKind {
    Pns,
    Pppk,
}

impl NipKind {
    pub fn label(self) -> Text {
        match self {
            NipKind::Pns => Text::new("NIP PNS", "civil-servant (PNS) NIP"),
            NipKind::Pppk => Text::new("NIP PPPK", "contract civil-servant (PPPK) NIP"),
        }
    }

    /// The staff kind that carries this kind of number.
    pub fn staff_kind(self) -> StaffKind {
        match self {
            NipKind::Pns => StaffKind::Pns,
            NipKind::Pppk => StaffKind::Pppk,
        }
    }
}

/// PPPK did not exist before the first recruitment under PP 49/2018, in
/// 2019; an earlier year in a PPPK number is a typing slip.
const FIRST_PPPK_YEAR: i32 = 2019;
/// Youngest age at first appointment that any recruitment rule allowed.
const MIN_START_AGE: i32 = 18;
/// A CPNS is at most 35 (40 for some posts; older honorer appointments went
/// to 46); 60 leaves room for every rule while still catching a wrong year.
const MAX_PNS_START_AGE: i32 = 60;
/// PPPK may be appointed up to a year before their retirement age, which is
/// 65 for senior functional posts.
const MAX_PPPK_START_AGE: i32 = 64;
/// Nobody older than this still deals with a certificate.
const MAX_AGE: i32 = 100;

/// A NIP that passed the checks, with what it encodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NipInfo {
    /// The 18 digits, separators removed.
    pub nip: String,
    pub kind: NipKind,
    pub birth_date: NaiveDate,
    /// Year of first appointment (TMT CPNS for PNS, start of contract for
    /// PPPK).
    pub start_year: i32,
    /// Month of the TMT CPNS; PPPK numbers carry no month.
    pub start_month: Option<u32>,
    pub sex: Sex,
    /// Last 3 digits.
    pub serial: String,
}

impl NipInfo {
    /// What the number says, for showing beside the field.
    pub fn describe(&self) -> Text {
        let birth = fmt_date(self.birth_date);
        let year = self.start_year;
        let sex = self.sex.word();
        let (sid, sen) = (sex.id, sex.en);
        let serial = &self.serial;
        match (self.kind, self.start_month) {
            (NipKind::Pns, Some(month)) => t!(
                "NIP PNS: lahir {birth}, TMT CPNS {month:02}-{year}, {sid}, nomor urut {serial}",
                "Civil-servant (PNS) NIP: born {birth}, first appointed (TMT CPNS) {month:02}-{year}, {sen}, serial {serial}"
            ),
            _ => t!(
                "NIP PPPK: lahir {birth}, diangkat tahun {year}, {sid}, nomor urut {serial}",
                "Contract civil-servant (PPPK) NIP: born {birth}, appointed in {year}, {sen}, serial {serial}"
            ),
        }
    }

    /// The printed form, `19660817 199112 1 003`.
    pub fn formatted(&self) -> String {
        format_nip(&self.nip)
    }
}

/// Groups an 18-digit NIP the way letters print it: 8-6-1-3, as in
/// `NIP. 19660817 199112 1 003`. The same grouping is used for PPPK numbers,
/// as BKN's documents do. Anything that is not 18 digits (after dropping
/// separators) is returned trimmed but otherwise unchanged, so a letter never
/// silently prints a different number than the one stored.
pub fn format_nip(nip: &str) -> String {
    match digits_of(nip, "NIP") {
        Ok(d) if d.len() == 18 => format!("{} {} {} {}", &d[0..8], &d[8..14], &d[14..15], &d[15..]),
        _ => nip.trim().to_string(),
    }
}

/// Parses and checks a NIP as typed. Spaces, dots, dashes and a leading
/// `NIP.` are ignored. All problems of an 18-digit number are reported
/// together.
pub fn parse_nip(input: &str, today: NaiveDate) -> Result<NipInfo, Text> {
    let nip = digits_of(input, "NIP")?;
    if nip.is_empty() {
        return Err(t!("NIP belum diisi.", "The NIP is empty."));
    }
    let n = nip.len();
    if n != 18 {
        let (oid, oen) = if n == 9 {
            (
                " NIP lama 9 digit sudah diganti NIP 18 digit sejak 2007; lihat SK terakhir.",
                " The old 9-digit NIP was replaced by the 18-digit NIP in 2007; see the latest decree (SK).",
            )
        } else {
            ("", "")
        };
        return Err(t!(
            "NIP harus 18 digit angka; yang diisi {n} digit.{oid}",
            "A NIP must have 18 digits; this one has {n}.{oen}"
        ));
    }
    let num = |range: std::ops::Range<usize>| -> u32 {
        nip[range]
            .bytes()
            .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
    };
    let digit = |i: usize| nip.as_bytes()[i] - b'0';
    let mut problems = Vec::new();

    let birth = check_birth(&nip[0..8], today, &mut problems);

    let start_year = num(8..12) as i32;
    let (kind, start_month) = match digit(12) {
        0 | 1 => {
            let month = num(12..14);
            if !(1..=12).contains(&month) {
                problems.push(t!(
                    "Bulan TMT CPNS pada NIP (digit ke-13 dan ke-14) harus 01–12; yang tertulis {month:02}.",
                    "The TMT CPNS month in the NIP (digits 13-14) must be 01-12; it is {month:02}."
                ));
            }
            (Some(NipKind::Pns), Some(month))
        }
        2 => (Some(NipKind::Pppk), None),
        other => {
            problems.push(t!(
                "Digit ke-13 NIP harus 0 atau 1 (awal bulan TMT pada NIP PNS) atau 2 (penanda NIP PPPK); yang tertulis {other}.",
                "Digit 13 of a NIP must be 0 or 1 (start of the TMT month in a PNS NIP) or 2 (the mark of a PPPK NIP); it is {other}."
            ));
            (None, None)
        }
    };

    let sex = match digit(14) {
        1 => Some(Sex::Laki),
        2 => Some(Sex::Perempuan),
        other => {
            problems.push(t!(
                "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan {other}.",
                "Digit 15 of the NIP (sex) must be 1 (male) or 2 (female), not {other}."
            ));
            None
        }
    };

    if &nip[15..18] == "000" {
        problems.push(t!(
            "Nomor urut pada NIP (3 digit terakhir) tidak boleh 000.",
            "The serial number of the NIP (last 3 digits) cannot be 000."
        ));
    }

    match (kind, start_month) {
        (Some(NipKind::Pns), Some(month)) if (1..=12).contains(&month) => {
            check_pns_start(birth, start_year, month, today, &mut problems);
        }
        (Some(NipKind::Pppk), _) => check_pppk_start(birth, start_year, today, &mut problems),
        _ => {}
    }

    match (problems.is_empty(), kind, birth, sex) {
        (true, Some(kind), Some(birth_date), Some(sex)) => Ok(NipInfo {
            kind,
            birth_date,
            start_year,
            start_month,
            sex,
            serial: nip[15..18].to_string(),
            nip,
        }),
        _ => Err(join_texts(&problems)),
    }
}

/// Checks digits 1-8 (YYYYMMDD). Returns the date only when it is usable
/// for the start-date checks: real, not in the future, not absurdly old.
fn check_birth(raw: &str, today: NaiveDate, problems: &mut Vec<Text>) -> Option<NaiveDate> {
    let num = |s: &str| {
        s.bytes()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'))
    };
    let (y, m, d) = (num(&raw[0..4]) as i32, num(&raw[4..6]), num(&raw[6..8]));
    let Some(birth) = NaiveDate::from_ymd_opt(y, m, d) else {
        // A common slip is writing the date day-first, as on the KTP.
        let day_first =
            NaiveDate::from_ymd_opt(num(&raw[4..8]) as i32, num(&raw[2..4]), num(&raw[0..2]))
                .filter(|date| date.year() > 1900);
        let (hid, hen) = if day_first.is_some() {
            (
                " Tampaknya ditulis tanggal-bulan-tahun; NIP memakai tahun-bulan-tanggal.",
                " It looks written day-month-year; a NIP uses year-month-day.",
            )
        } else {
            ("", "")
        };
        problems.push(t!(
            "Tanggal lahir pada NIP (8 digit pertama {raw}, dibaca tahun {y}, bulan {m:02}, tanggal {d:02}) tidak ada di kalender.{hid}",
            "The birth date in the NIP (first 8 digits {raw}, read as year {y}, month {m:02}, day {d:02}) does not exist in the calendar.{hen}"
        ));
        return None;
    };
    let date = fmt_date(birth);
    if birth > today {
        problems.push(t!(
            "Tanggal lahir pada NIP ({date}) belum terjadi.",
            "The birth date in the NIP ({date}) is in the future."
        ));
        return None;
    }
    let age = age_on(birth, today);
    if age > MAX_AGE {
        problems.push(t!(
            "Tanggal lahir pada NIP ({date}) berarti umur {age} tahun; periksa tahun lahirnya.",
            "The birth date in the NIP ({date}) means an age of {age}; check the year of birth."
        ));
        return None;
    }
    Some(birth)
}

fn check_pns_start(
    birth: Option<NaiveDate>,
    year: i32,
    month: u32,
    today: NaiveDate,
    problems: &mut Vec<Text>,
) {
    if (year, month) > (today.year(), today.month()) {
        problems.push(t!(
            "TMT CPNS pada NIP ({month:02}-{year}) belum terjadi.",
            "The TMT CPNS in the NIP ({month:02}-{year}) is in the future."
        ));
        return;
    }
    let (Some(birth), Some(start)) = (birth, NaiveDate::from_ymd_opt(year, month, 1)) else {
        return;
    };
    let date = fmt_date(birth);
    if start < birth {
        problems.push(t!(
            "TMT CPNS pada NIP ({month:02}-{year}) lebih awal daripada tanggal lahirnya ({date}).",
            "The TMT CPNS in the NIP ({month:02}-{year}) is before the birth date ({date})."
        ));
        return;
    }
    let age = age_on(birth, start);
    if !(MIN_START_AGE..=MAX_PNS_START_AGE).contains(&age) {
        problems.push(t!(
            "Menurut NIP, pegawai diangkat menjadi CPNS (TMT {month:02}-{year}) pada umur {age} tahun (lahir {date}); umur saat pengangkatan pertama seharusnya {MIN_START_AGE}–{MAX_PNS_START_AGE} tahun. Periksa tanggal lahir dan TMT pada NIP.",
            "By the NIP, the employee became a CPNS (TMT {month:02}-{year}) at age {age} (born {date}); the age at first appointment should be {MIN_START_AGE}-{MAX_PNS_START_AGE}. Check the birth date and the TMT in the NIP."
        ));
    }
}

fn check_pppk_start(
    birth: Option<NaiveDate>,
    year: i32,
    today: NaiveDate,
    problems: &mut Vec<Text>,
) {
    if year > today.year() {
        problems.push(t!(
            "Tahun pengangkatan pada NIP PPPK ({year}) belum terjadi.",
            "The year of appointment in the PPPK NIP ({year}) is in the future."
        ));
        return;
    }
    if year < FIRST_PPPK_YEAR {
        problems.push(t!(
            "Tahun pengangkatan pada NIP PPPK ({year}) tidak mungkin: PPPK pertama diangkat tahun {FIRST_PPPK_YEAR}. Periksa digit ke-9 sampai ke-13 NIP.",
            "The year of appointment in the PPPK NIP ({year}) is impossible: the first PPPK were appointed in {FIRST_PPPK_YEAR}. Check digits 9 to 13 of the NIP."
        ));
        return;
    }
    let Some(birth) = birth else { return };
    let date = fmt_date(birth);
    // Only the year is known: judge the youngest age at its last day and the
    // oldest at its first, so a real appointment is never refused.
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return;
    };
    let youngest = age_on(birth, last);
    let oldest = age_on(birth, first);
    if youngest < MIN_START_AGE || oldest > MAX_PPPK_START_AGE {
        let age = if youngest < MIN_START_AGE {
            youngest
        } else {
            oldest
        };
        problems.push(t!(
            "Menurut NIP, pegawai diangkat menjadi PPPK tahun {year} pada umur sekitar {age} tahun (lahir {date}); umur saat pengangkatan seharusnya {MIN_START_AGE}–{MAX_PPPK_START_AGE} tahun. Periksa tanggal lahir dan tahun pengangkatan pada NIP.",
            "By the NIP, the employee became a PPPK in {year} at about age {age} (born {date}); the age at appointment should be {MIN_START_AGE}-{MAX_PPPK_START_AGE}. Check the birth date and the year of appointment in the NIP."
        ));
    }
}

#[cfg(test)]
// Tests fail loudly by design; the workspace has no clippy.toml to allow
// unwrap in tests, so allow it here.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// What a valid NIP must decode to.
    type Decoded = (NipKind, NaiveDate, i32, Option<u32>, Sex, &'static str);

    fn check(input: &str, expected: Result<Decoded, &[&str]>) {
        match (parse_nip(input, today()), expected) {
            (Ok(info), Ok((kind, birth, year, month, sex, serial))) => {
                assert_eq!(
                    (
                        info.kind,
                        info.birth_date,
                        info.start_year,
                        info.start_month,
                        info.sex
                    ),
                    (kind, birth, year, month, sex),
                    "{input}"
                );
                assert_eq!(info.serial, serial, "{input}");
                assert_eq!(info.nip.len(), 18);
            }
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
    fn valid_nips() {
        use NipKind::*;
        use Sex::*;
        let pns_1966 = Ok((Pns, date(1966, 8, 17), 1991, Some(12), Laki, "003"));
        check("196608171991121003", pns_1966);
        check("19660817 199112 1 003", pns_1966);
        check("NIP. 19660817 199112 1 003", pns_1966);
        check("19660817-199112-1-003", pns_1966);
        // From seed 000 (Tapin).
        check(
            "19710130 199903 1 005",
            Ok((Pns, date(1971, 1, 30), 1999, Some(3), Laki, "005")),
        );
        check(
            "19860926 201505 2 001",
            Ok((Pns, date(1986, 9, 26), 2015, Some(5), Perempuan, "001")),
        );
        check(
            "199501012019101001",
            Ok((Pns, date(1995, 1, 1), 2019, Some(10), Laki, "001")),
        );
        // TMT in the current month is not in the future.
        check(
            "200001012026111001",
            Ok((Pns, date(2000, 1, 1), 2026, Some(11), Laki, "001")),
        );
        // Age limits at first appointment: exactly 18 and exactly 60.
        check(
            "199006012008061001",
            Ok((Pns, date(1990, 6, 1), 2008, Some(6), Laki, "001")),
        );
        check(
            "195001012010011001",
            Ok((Pns, date(1950, 1, 1), 2010, Some(1), Laki, "001")),
        );
        // PPPK.
        check(
            "199001012021212001",
            Ok((Pppk, date(1990, 1, 1), 2021, None, Perempuan, "001")),
        );
        check(
            "19850515 2022 2 1 1 003",
            Ok((Pppk, date(1985, 5, 15), 2022, None, Laki, "003")),
        );
        check(
            "195806012022211001",
            Ok((Pppk, date(1958, 6, 1), 2022, None, Laki, "001")),
        );
        check(
            "200612312024212001",
            Ok((Pppk, date(2006, 12, 31), 2024, None, Perempuan, "001")),
        );
        check(
            "199001012019212001",
            Ok((Pppk, date(1990, 1, 1), 2019, None, Perempuan, "001")),
        );
    }

    #[test]
    fn invalid_nips() {
        check("", Err(&["NIP belum diisi"]));
        check(
            "19660817199112100",
            Err(&["NIP harus 18 digit angka; yang diisi 17 digit."]),
        );
        check("1966081719911210031", Err(&["yang diisi 19 digit"]));
        check(
            "131110468",
            Err(&["yang diisi 9 digit", "NIP lama 9 digit"]),
        );
        check("19660817 199112 1 OO3", Err(&["ada karakter 'O'"]));
        check("19660817_199112_1_003", Err(&["ada karakter '_'"]));
        // Birth dates.
        check("196602301991121003", Err(&["tidak ada di kalender"]));
        check(
            "196613011991121003",
            Err(&["bulan 13", "tidak ada di kalender"]),
        );
        check(
            "170819661991121003",
            Err(&["tidak ada di kalender", "tanggal-bulan-tahun"]),
        );
        check(
            "202712011991121003",
            Err(&["Tanggal lahir pada NIP (01-12-2027) belum terjadi."]),
        );
        check("192001011945011001", Err(&["umur 106 tahun"]));
        // TMT month and digit 13.
        check(
            "196608171991001003",
            Err(&["Bulan TMT CPNS", "yang tertulis 00"]),
        );
        check(
            "196608171991131003",
            Err(&["Bulan TMT CPNS", "yang tertulis 13"]),
        );
        check(
            "196608171991301003",
            Err(&["Digit ke-13 NIP", "yang tertulis 3"]),
        );
        check(
            "196608171991901003",
            Err(&["Digit ke-13 NIP", "yang tertulis 9"]),
        );
        // Sex digit.
        check(
            "196608171991123003",
            Err(&[
                "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan 3.",
            ]),
        );
        check("196608171991120003", Err(&["bukan 0."]));
        check("199001012021213001", Err(&["bukan 3."]));
        // Serial.
        check(
            "196608171991121000",
            Err(&["Nomor urut pada NIP", "tidak boleh 000"]),
        );
        // Start in the future.
        check(
            "199001012026121001",
            Err(&["TMT CPNS pada NIP (12-2026) belum terjadi."]),
        );
        check("199001012027011001", Err(&["(01-2027) belum terjadi"]));
        check("199001012027212001", Err(&["PPPK (2027) belum terjadi"]));
        // Implausible ages at first appointment.
        check("199001012000011001", Err(&["pada umur 10 tahun", "18–60"]));
        check("199006012008051001", Err(&["pada umur 17 tahun"]));
        check("195001012011011001", Err(&["pada umur 61 tahun"]));
        check(
            "199001011985011001",
            Err(&["lebih awal daripada tanggal lahirnya (01-01-1990)"]),
        );
        check("195606012022211001", Err(&["sekitar 65 tahun", "18–64"]));
        check("201001012024212001", Err(&["sekitar 14 tahun"]));
        check(
            "199001012015212001",
            Err(&["PPPK pertama diangkat tahun 2019"]),
        );
    }

    #[test]
    fn several_problems_are_reported_together() {
        let msg = parse_nip("196602301991133000", today()).unwrap_err();
        for fragment in [
            "Tanggal lahir",
            "Bulan TMT CPNS",
            "Digit ke-15",
            "Nomor urut",
        ] {
            assert!(msg.id.contains(fragment), "{} lacks {fragment}", msg.id);
        }
    }

    #[test]
    fn english_wording() {
        let msg = parse_nip("196608171991123003", today()).unwrap_err();
        assert_eq!(
            msg.en,
            "Digit 15 of the NIP (sex) must be 1 (male) or 2 (female), not 3."
        );
        let msg = parse_nip("19660817199112100", today()).unwrap_err();
        assert_eq!(msg.en, "A NIP must have 18 digits; this one has 17.");
    }

    #[test]
    fn description() {
        let pns = parse_nip("196608171991121003", today()).unwrap();
        assert_eq!(
            pns.describe().id,
            "NIP PNS: lahir 17-08-1966, TMT CPNS 12-1991, laki-laki, nomor urut 003"
        );
        assert!(
            pns.describe()
                .en
                .starts_with("Civil-servant (PNS) NIP: born 17-08-1966")
        );
        let pppk = parse_nip("199001012021212001", today()).unwrap();
        assert_eq!(
            pppk.describe().id,
            "NIP PPPK: lahir 01-01-1990, diangkat tahun 2021, perempuan, nomor urut 001"
        );
        assert_eq!(pppk.kind.staff_kind(), StaffKind::Pppk);
        assert_eq!(pppk.formatted(), "19900101 202121 2 001");
    }

    #[test]
    fn formatting() {
        let check = |input: &str, expected: &str| assert_eq!(format_nip(input), expected);
        check("196608171991121003", "19660817 199112 1 003");
        check("19660817 199112 1 003", "19660817 199112 1 003");
        check("NIP. 196608171991121003", "19660817 199112 1 003");
        check("199001012021212001", "19900101 202121 2 001");
        // Not a NIP: left as it is, never reshaped.
        check(" 12345 ", "12345");
        check("1966081719911210031", "1966081719911210031");
        check("-", "-");
    }
}
