//! NIK, the 16-digit population number on the KTP.
//!
//! Layout: province (2) regency (2) district (2) birth date DDMMYY (4+2) with
//! 40 added to the day for women, then a serial (4). The number carries no
//! check digit, so the structural checks below are all that can be done
//! offline; they still catch most slips of the keyboard (a digit dropped, two
//! swapped into an impossible date, a man's NIK typed for a woman).

use super::{Sex, digits_of, fmt_date, join_texts};
use crate::i18n::Text;
use crate::t;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A province as its code appears in NIK digits 1-2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Province {
    pub code: &'static str,
    pub name: &'static str,
    /// What the code meant before the 2022 renumbering of Papua. A NIK is
    /// never reissued when codes change, so people registered before 2022
    /// still carry the old meaning.
    pub before_2022: Option<&'static str>,
}

const fn prov(code: &'static str, name: &'static str) -> Province {
    Province {
        code,
        name,
        before_2022: None,
    }
}

/// Province codes of Kemendagri, including the Papua split of 2022 (Papua 91,
/// Papua Barat 92, Papua Selatan 93, Papua Tengah 94, Papua Pegunungan 95,
/// Papua Barat Daya 96). Before 2022, 91 was Papua Barat and 94 was Papua.
const PROVINCES: [Province; 38] = [
    prov("11", "Aceh"),
    prov("12", "Sumatera Utara"),
    prov("13", "Sumatera Barat"),
    prov("14", "Riau"),
    prov("15", "Jambi"),
    prov("16", "Sumatera Selatan"),
    prov("17", "Bengkulu"),
    prov("18", "Lampung"),
    prov("19", "Kepulauan Bangka Belitung"),
    prov("21", "Kepulauan Riau"),
    prov("31", "DKI Jakarta"),
    prov("32", "Jawa Barat"),
    prov("33", "Jawa Tengah"),
    prov("34", "DI Yogyakarta"),
    prov("35", "Jawa Timur"),
    prov("36", "Banten"),
    prov("51", "Bali"),
    prov("52", "Nusa Tenggara Barat"),
    prov("53", "Nusa Tenggara Timur"),
    prov("61", "Kalimantan Barat"),
    prov("62", "Kalimantan Tengah"),
    prov("63", "Kalimantan Selatan"),
    prov("64", "Kalimantan Timur"),
    prov("65", "Kalimantan Utara"),
    prov("71", "Sulawesi Utara"),
    prov("72", "Sulawesi Tengah"),
    prov("73", "Sulawesi Selatan"),
    prov("74", "Sulawesi Tenggara"),
    prov("75", "Gorontalo"),
    prov("76", "Sulawesi Barat"),
    prov("81", "Maluku"),
    prov("82", "Maluku Utara"),
    Province {
        code: "91",
        name: "Papua",
        before_2022: Some("Papua Barat"),
    },
    prov("92", "Papua Barat"),
    prov("93", "Papua Selatan"),
    Province {
        code: "94",
        name: "Papua Tengah",
        before_2022: Some("Papua"),
    },
    prov("95", "Papua Pegunungan"),
    prov("96", "Papua Barat Daya"),
];

/// The summary of valid codes quoted in messages, so a clerk can see at once
/// that, say, 20 or 54 cannot be right.
const PROVINCE_RANGES: &str = "11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–96";

/// All province codes, in code order (for lists and reports).
pub fn provinces() -> &'static [Province] {
    &PROVINCES
}

/// The current name of a province code (`"63"` -> `Kalimantan Selatan`).
pub fn province_name(code: &str) -> Option<&'static str> {
    PROVINCES.iter().find(|p| p.code == code).map(|p| p.name)
}

/// A NIK that passed the structural checks, with what it encodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NikInfo {
    /// The 16 digits, separators removed.
    pub nik: String,
    pub province_code: String,
    pub province_name: &'static str,
    /// Digits 3-4, within the province.
    pub regency_code: String,
    /// Digits 5-6, within the regency.
    pub district_code: String,
    /// With the century chosen so that the date is not after `today`.
    pub birth_date: NaiveDate,
    pub sex: Sex,
    /// Digits 13-16.
    pub serial: String,
}

impl NikInfo {
    /// What the number says, for showing beside the field:
    /// "Provinsi 63 (Kalimantan Selatan), lahir 17-08-1966, laki-laki".
    pub fn describe(&self) -> Text {
        let code = &self.province_code;
        let (pid, pen) = match PROVINCES
            .iter()
            .find(|p| p.code == code)
            .and_then(|p| p.before_2022)
        {
            Some(old) => (
                format!(
                    "{}; NIK terbitan sebelum 2022 dengan kode ini berasal dari {old}",
                    self.province_name
                ),
                format!(
                    "{}; a NIK issued before 2022 with this code is from {old}",
                    self.province_name
                ),
            ),
            None => (
                self.province_name.to_string(),
                self.province_name.to_string(),
            ),
        };
        let date = fmt_date(self.birth_date);
        let sex = self.sex.word();
        let (sid, sen) = (sex.id, sex.en);
        t!(
            "Provinsi {code} ({pid}), lahir {date}, {sid}",
            "Province {code} ({pen}), born {date}, {sen}"
        )
    }

    /// The birth date as the NIK itself writes it, `17-08-66`: the century is
    /// only a guess, so comparisons with other documents quote this form.
    pub fn birth_date_as_written(&self) -> String {
        self.birth_date.format("%d-%m-%y").to_string()
    }
}

/// Parses and checks a NIK as typed. Spaces, dots and dashes between digits
/// and a leading `NIK` label are ignored. All structural problems of a
/// 16-digit number are reported together, so the clerk fixes them in one go.
///
/// The two-digit birth year gets the latest century that does not put the
/// birth after `today`; a NIK therefore never describes someone more than 99
/// years old or not yet born.
pub fn parse_nik(input: &str, today: NaiveDate) -> Result<NikInfo, Text> {
    let nik = digits_of(input, "NIK")?;
    if nik.is_empty() {
        return Err(t!(
            "NIK belum diisi; salin 16 digit NIK dari KTP.",
            "The NIK is empty; copy the 16 digits from the identity card (KTP)."
        ));
    }
    let n = nik.len();
    if n != 16 {
        return Err(t!(
            "NIK harus 16 digit angka; yang diisi {n} digit.",
            "A NIK must have 16 digits; this one has {n}."
        ));
    }
    let num = |range: std::ops::Range<usize>| -> u32 {
        nik[range]
            .bytes()
            .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
    };
    let mut problems = Vec::new();

    let province_code = &nik[0..2];
    let province = PROVINCES.iter().find(|p| p.code == province_code);
    if province.is_none() {
        problems.push(t!(
            "Kode provinsi pada NIK (2 digit pertama) {province_code} tidak dikenal; kode provinsi yang ada: {PROVINCE_RANGES}.",
            "The province code of the NIK (first 2 digits) {province_code} does not exist; valid codes are {PROVINCE_RANGES}."
        ));
    }
    if &nik[2..4] == "00" {
        problems.push(t!(
            "Kode kabupaten/kota pada NIK (digit ke-3 dan ke-4) tidak boleh 00.",
            "The regency/city code of the NIK (digits 3-4) cannot be 00."
        ));
    }
    if &nik[4..6] == "00" {
        problems.push(t!(
            "Kode kecamatan pada NIK (digit ke-5 dan ke-6) tidak boleh 00.",
            "The district code of the NIK (digits 5-6) cannot be 00."
        ));
    }

    let (dd, mm, yy) = (num(6..8), num(8..10), num(10..12));
    let day_sex = match dd {
        1..=31 => Some((dd, Sex::Laki)),
        41..=71 => Some((dd - 40, Sex::Perempuan)),
        _ => {
            problems.push(t!(
                "Tanggal lahir pada NIK (digit ke-7 dan ke-8) harus 01–31 untuk laki-laki atau 41–71 untuk perempuan (tanggal ditambah 40); yang tertulis {dd:02}.",
                "The birth day in the NIK (digits 7-8) must be 01-31 for a man or 41-71 for a woman (day plus 40); it is {dd:02}."
            ));
            None
        }
    };
    if !(1..=12).contains(&mm) {
        problems.push(t!(
            "Bulan lahir pada NIK (digit ke-9 dan ke-10) harus 01–12; yang tertulis {mm:02}.",
            "The birth month in the NIK (digits 9-10) must be 01-12; it is {mm:02}."
        ));
    }
    let mut birth = None;
    if let Some((day, sex)) = day_sex
        && (1..=12).contains(&mm)
    {
        let year = century_for(yy, mm, day, today);
        match NaiveDate::from_ymd_opt(year, mm, day) {
            Some(date) => birth = Some((date, sex)),
            None => {
                let (mut nid, mut nen) = (String::new(), String::new());
                if sex == Sex::Perempuan {
                    nid.push_str(&format!(
                        " (tertulis {dd}; untuk perempuan tanggal ditambah 40)"
                    ));
                    nen.push_str(&format!(" (written {dd}; for women the day is plus 40)"));
                }
                if mm == 2 && day == 29 {
                    nid.push_str(&format!(": tahun {yy:02} bukan tahun kabisat"));
                    nen.push_str(&format!(": year {yy:02} is not a leap year"));
                }
                problems.push(t!(
                    "Tanggal lahir pada NIK ({day:02}-{mm:02}-{yy:02}){nid} tidak ada di kalender.",
                    "The birth date in the NIK ({day:02}-{mm:02}-{yy:02}){nen} does not exist in the calendar."
                ));
            }
        }
    }

    if &nik[12..16] == "0000" {
        problems.push(t!(
            "Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000.",
            "The serial number of the NIK (last 4 digits) cannot be 0000."
        ));
    }

    match (problems.is_empty(), province, birth) {
        (true, Some(province), Some((birth_date, sex))) => Ok(NikInfo {
            province_code: province_code.to_string(),
            province_name: province.name,
            regency_code: nik[2..4].to_string(),
            district_code: nik[4..6].to_string(),
            birth_date,
            sex,
            serial: nik[12..16].to_string(),
            nik,
        }),
        _ => Err(join_texts(&problems)),
    }
}

/// The full year for a two-digit NIK year: this century unless that would
/// put the birth after `today`. Compares (year, month, day) as numbers, so a
/// 29 February that exists in only one of the two centuries is still placed
/// consistently and then reported as missing from the calendar if it is.
fn century_for(yy: u32, month: u32, day: u32, today: NaiveDate) -> i32 {
    let this_century = today.year() - today.year().rem_euclid(100);
    let year = this_century + yy as i32;
    if (year, month, day) <= (today.year(), today.month(), today.day()) {
        year
    } else {
        year - 100
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

    /// `Ok((birth, sex))` for a valid NIK, or fragments that the Indonesian
    /// message must contain.
    fn check(input: &str, expected: Result<(NaiveDate, Sex), &[&str]>) {
        let got = parse_nik(input, today());
        match (got, expected) {
            (Ok(info), Ok((birth, sex))) => {
                assert_eq!(info.birth_date, birth, "{input}");
                assert_eq!(info.sex, sex, "{input}");
                assert_eq!(info.nik.len(), 16);
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
    fn valid_niks() {
        use Sex::*;
        check("6305031708660001", Ok((date(1966, 8, 17), Laki)));
        // Women: day plus 40.
        check("6305035708660002", Ok((date(1966, 8, 17), Perempuan)));
        check("6305034101900001", Ok((date(1990, 1, 1), Perempuan)));
        check("6305037112900001", Ok((date(1990, 12, 31), Perempuan)));
        check("6305033112900001", Ok((date(1990, 12, 31), Laki)));
        // Separators and a pasted label.
        check("63.05.03 170866 0001", Ok((date(1966, 8, 17), Laki)));
        check("6305-0317-0866-0001", Ok((date(1966, 8, 17), Laki)));
        check(" NIK: 6305031708660001 ", Ok((date(1966, 8, 17), Laki)));
        // Leap days.
        check("3171012902000001", Ok((date(2000, 2, 29), Laki)));
        check("3171016902000001", Ok((date(2000, 2, 29), Perempuan)));
        check("3171012902960001", Ok((date(1996, 2, 29), Laki)));
        check("3171016902880001", Ok((date(1988, 2, 29), Perempuan)));
        // Century: not after today (2026-11-21).
        check("3171010101250001", Ok((date(2025, 1, 1), Laki)));
        check("3171012111260001", Ok((date(2026, 11, 21), Laki)));
        check("3171012211260001", Ok((date(1926, 11, 22), Laki)));
        check("3171010112260001", Ok((date(1926, 12, 1), Laki)));
        check("3171010101270001", Ok((date(1927, 1, 1), Laki)));
        // Every edge of the province list, including the Papua split.
        for code in ["11", "19", "21", "31", "36", "51", "53", "61", "65"] {
            check(
                &format!("{code}01011708660001"),
                Ok((date(1966, 8, 17), Laki)),
            );
        }
        for code in ["71", "76", "81", "82", "91", "92", "93", "94", "95", "96"] {
            check(
                &format!("{code}01011708660001"),
                Ok((date(1966, 8, 17), Laki)),
            );
        }
    }

    #[test]
    fn invalid_niks() {
        check("", Err(&["NIK belum diisi"]));
        check("   ", Err(&["NIK belum diisi"]));
        check(
            "630503170866001",
            Err(&["NIK harus 16 digit angka; yang diisi 15 digit."]),
        );
        check("63050317086600011", Err(&["yang diisi 17 digit"]));
        check("6305 0317 0866 00O1", Err(&["ada karakter 'O'", "angka 0"]));
        check("6305031708660001x", Err(&["ada karakter 'x'"]));
        check("6305031708660001/", Err(&["ada karakter '/'"]));
        // Provinces that do not exist.
        for code in [
            "00", "10", "20", "22", "37", "54", "66", "77", "83", "90", "97", "99",
        ] {
            check(
                &format!("{code}01011708660001"),
                Err(&[&format!(
                    "Kode provinsi pada NIK (2 digit pertama) {code} tidak dikenal"
                )]),
            );
        }
        check(
            "6300031708660001",
            Err(&["Kode kabupaten/kota", "tidak boleh 00"]),
        );
        check(
            "6305001708660001",
            Err(&["Kode kecamatan", "tidak boleh 00"]),
        );
        check("6305031708660000", Err(&["Nomor urut", "tidak boleh 0000"]));
        // Days outside 01-31 and 41-71.
        for dd in ["00", "32", "40", "72", "99"] {
            check(
                &format!("630503{dd}08660001"),
                Err(&[&format!("yang tertulis {dd}.")]),
            );
        }
        check(
            "6305031700660001",
            Err(&["Bulan lahir", "yang tertulis 00"]),
        );
        check(
            "6305031713660001",
            Err(&["Bulan lahir", "yang tertulis 13"]),
        );
        // Dates missing from the calendar.
        check(
            "3171013102900001",
            Err(&["Tanggal lahir pada NIK (31-02-90) tidak ada di kalender."]),
        );
        check(
            "3171013104900001",
            Err(&["(31-04-90) tidak ada di kalender"]),
        );
        check(
            "3171017102900001",
            Err(&["(31-02-90)", "tertulis 71", "ditambah 40"]),
        );
        check(
            "3171012902010001",
            Err(&["(29-02-01)", "bukan tahun kabisat"]),
        );
        check(
            "3171016902970001",
            Err(&["(29-02-97)", "bukan tahun kabisat"]),
        );
        check("3171012902260001", Err(&["bukan tahun kabisat"]));
    }

    #[test]
    fn every_problem_of_one_nik_is_reported_together() {
        let msg = parse_nik("9900000013000000", today()).unwrap_err();
        for fragment in [
            "Kode provinsi",
            "Kode kabupaten/kota",
            "Kode kecamatan",
            "Tanggal lahir",
            "Bulan lahir",
            "Nomor urut",
        ] {
            assert!(msg.id.contains(fragment), "{} lacks {fragment}", msg.id);
        }
        for fragment in ["province code", "regency/city", "district code", "serial"] {
            assert!(msg.en.contains(fragment), "{} lacks {fragment}", msg.en);
        }
    }

    #[test]
    fn english_wording() {
        let msg = parse_nik("630503170866001", today()).unwrap_err();
        assert_eq!(msg.en, "A NIK must have 16 digits; this one has 15.");
        let msg = parse_nik("3171013102900001", today()).unwrap_err();
        assert_eq!(
            msg.en,
            "The birth date in the NIK (31-02-90) does not exist in the calendar."
        );
    }

    #[test]
    fn fields_and_description() {
        let info = parse_nik("63.05.03.170866.0001", today()).unwrap();
        assert_eq!(info.nik, "6305031708660001");
        assert_eq!(info.province_code, "63");
        assert_eq!(info.province_name, "Kalimantan Selatan");
        assert_eq!(info.regency_code, "05");
        assert_eq!(info.district_code, "03");
        assert_eq!(info.serial, "0001");
        assert_eq!(info.birth_date_as_written(), "17-08-66");
        let text = info.describe();
        assert_eq!(
            text.id,
            "Provinsi 63 (Kalimantan Selatan), lahir 17-08-1966, laki-laki"
        );
        assert_eq!(
            text.en,
            "Province 63 (Kalimantan Selatan), born 17-08-1966, male"
        );

        let woman = parse_nik("9401035708660002", today()).unwrap();
        assert_eq!(woman.province_name, "Papua Tengah");
        let text = woman.describe();
        assert!(text.id.contains("sebelum 2022"), "{}", text.id);
        assert!(
            text.id.ends_with("lahir 17-08-1966, perempuan"),
            "{}",
            text.id
        );
        assert!(text.en.contains("before 2022 with this code is from Papua"));
    }

    #[test]
    fn province_table() {
        assert_eq!(provinces().len(), 38);
        assert_eq!(province_name("63"), Some("Kalimantan Selatan"));
        assert_eq!(province_name("96"), Some("Papua Barat Daya"));
        assert_eq!(province_name("54"), None);
        // Codes are unique and in order, so the table reads like the official list.
        let codes: Vec<&str> = provinces().iter().map(|p| p.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }
}
