//! A whole applicant, validated field by field. Every field's problem is
//! reported at once (one message per field, several sentences if needed), so
//! the clerk fixes the form in one pass instead of meeting the errors one by
//! one, and the JSON key of each problem lets the window put the message
//! under its field.

use super::{
    NikInfo, NipInfo, Sex, age_on, check_email, fmt_date, has_titles, join_texts,
    name::split_titles, normalize_phone, parse_golongan, parse_nik, parse_nip,
};
use crate::error::FieldIssue;
use crate::i18n::Text;
use crate::model::{PersonData, PersonInput, StaffKind};
use crate::t;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What validation needs besides the person: the office's email domain
/// (from its profile; `None` when not configured) and the date to judge
/// birth dates against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationContext {
    pub email_domain: Option<String>,
    pub today: NaiveDate,
}

const MAX_NAME_CHARS: usize = 150;
const MAX_TEXT_CHARS: usize = 200;
/// A KTP-el is issued from age 17, and a certificate applicant must have
/// one; a NIK that says the holder is younger is nearly always a mistyped
/// birth year.
const MIN_APPLICANT_AGE: i32 = 17;
/// Punctuation found in real names: initials, apostrophes (Ma'rief),
/// hyphens, and the comma and brackets of titles.
const NAME_PUNCTUATION: &str = ".,'’‘`-()";

/// Checks that NIK and NIP describe the same person: the same birth date
/// (the NIK's two-digit year against the NIP's full year) and the same sex.
/// Each disagreement is its own message naming both values, because the
/// clerk must decide which document is wrong.
pub fn check_nik_nip(nik: &NikInfo, nip: &NipInfo) -> Vec<Text> {
    let mut problems = Vec::new();
    let (a, b) = (nik.birth_date, nip.birth_date);
    let mut parts_id = Vec::new();
    let mut parts_en = Vec::new();
    if a.day() != b.day() {
        parts_id.push("tanggal");
        parts_en.push("day");
    }
    if a.month() != b.month() {
        parts_id.push("bulan");
        parts_en.push("month");
    }
    if a.year().rem_euclid(100) != b.year().rem_euclid(100) {
        parts_id.push("tahun");
        parts_en.push("year");
    }
    if !parts_id.is_empty() {
        let nik_date = nik.birth_date_as_written();
        let nip_date = fmt_date(b);
        let (pid, pen) = (parts_id.join(", "), parts_en.join(", "));
        problems.push(t!(
            "Tanggal lahir pada NIK ({nik_date}) berbeda dengan tanggal lahir pada NIP ({nip_date}): {pid} tidak sama. Cocokkan kedua nomor dengan KTP dan SK.",
            "The birth date in the NIK ({nik_date}) differs from the one in the NIP ({nip_date}): different {pen}. Compare both numbers with the KTP and the decree (SK)."
        ));
    }
    if nik.sex != nip.sex {
        let (nik_sex, nip_sex) = (nik.sex.word(), nip.sex.word());
        let (a_id, a_en, b_id, b_en) = (nik_sex.id, nik_sex.en, nip_sex.id, nip_sex.en);
        let nik_how = match nik.sex {
            Sex::Perempuan => Text::new("tanggal lahir ditambah 40", "birth day plus 40"),
            Sex::Laki => Text::new(
                "tanggal lahir tanpa tambahan 40",
                "birth day without the 40",
            ),
        };
        let digit = &nip.nip[14..15];
        let (hid, hen) = (nik_how.id, nik_how.en);
        problems.push(t!(
            "Jenis kelamin pada NIK ({a_id}; {hid}) berbeda dengan pada NIP ({b_id}; digit ke-15 = {digit}).",
            "The sex in the NIK ({a_en}; {hen}) differs from the one in the NIP ({b_en}; digit 15 = {digit})."
        ));
    }
    problems
}

/// Validates and normalises a person. On failure, returns one
/// [`FieldIssue`] per field that needs correcting, keyed by the JSON field
/// name, in form order.
pub fn validate_person(
    input: &PersonInput,
    ctx: &ValidationContext,
) -> Result<PersonData, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let mut report = |field: &str, message: Text| issues.push(FieldIssue::new(field, message));
    let text = |value: &Option<String>| value.as_deref().map(str::trim).unwrap_or("").to_string();

    // nama: required, with titles as letters print it.
    let nama = match check_name(&text(&input.nama)) {
        Ok(nama) => Some(nama),
        Err(message) => {
            report("nama", message);
            None
        }
    };

    // nama_tanpa_gelar: derived when empty; when given, free of titles.
    let given = text(&input.nama_tanpa_gelar);
    let nama_tanpa_gelar = if given.is_empty() {
        nama.as_deref()
            .map(super::strip_titles)
            .and_then(|derived| match check_name(&derived) {
                Ok(derived) => Some(derived),
                Err(_) => {
                    report(
                        "nama_tanpa_gelar",
                        t!(
                            "Nama tanpa gelar tidak dapat diturunkan dari nama (hasilnya \"{derived}\"); isi nama tanpa gelar seperti pada KTP.",
                            "The name without titles cannot be derived from the name (it gives \"{derived}\"); enter the name without titles as on the KTP."
                        ),
                    );
                    None
                }
            })
    } else {
        match check_name(&given) {
            Err(message) => {
                report("nama_tanpa_gelar", message);
                None
            }
            Ok(_) if has_titles(&given) => {
                let (plain, titles) = split_titles(&given);
                let found = titles.join(" ");
                report(
                    "nama_tanpa_gelar",
                    t!(
                        "Nama tanpa gelar masih memuat gelar ({found}); AMS meminta nama tanpa gelar, yaitu \"{plain}\".",
                        "The name without titles still has titles ({found}); AMS wants the name without them, that is \"{plain}\"."
                    ),
                );
                None
            }
            Ok(_) => Some(super::strip_titles(&given)),
        }
    };

    // jenis_pegawai: decides what NIP and golongan must be.
    let kind_text = text(&input.jenis_pegawai);
    let kind = if kind_text.is_empty() {
        report(
            "jenis_pegawai",
            t!(
                "Jenis pegawai wajib diisi: pns, pppk atau non_asn.",
                "The kind of staff is required: pns, pppk or non_asn."
            ),
        );
        None
    } else {
        let kind = parse_kind(&kind_text);
        if kind.is_none() {
            report(
                "jenis_pegawai",
                t!(
                    "Jenis pegawai \"{kind_text}\" tidak dikenal; pilih pns, pppk atau non_asn.",
                    "The kind of staff \"{kind_text}\" is not known; choose pns, pppk or non_asn."
                ),
            );
        }
        kind
    };

    // nik: required; the holder must be old enough to own a KTP-el.
    let nik = match parse_nik(&text(&input.nik), ctx.today) {
        Ok(info) => {
            let age = age_on(info.birth_date, ctx.today);
            if age < MIN_APPLICANT_AGE {
                let date = fmt_date(info.birth_date);
                report(
                    "nik",
                    t!(
                        "Menurut NIK, pemiliknya lahir {date} (umur {age} tahun), padahal pemohon sertifikat harus sudah memiliki KTP-el (umur {MIN_APPLICANT_AGE} tahun ke atas). Periksa tanggal lahir pada NIK.",
                        "By the NIK, its holder was born on {date} (age {age}), but a certificate applicant must already hold an electronic KTP (age {MIN_APPLICANT_AGE} or over). Check the birth date in the NIK."
                    ),
                );
                None
            } else {
                Some(info)
            }
        }
        Err(message) => {
            report("nik", message);
            None
        }
    };

    // nip: by kind; must agree with the NIK.
    let nip_text = text(&input.nip);
    let mut nip_problems = Vec::new();
    let nip = match kind {
        Some(StaffKind::NonAsn) => {
            if !nip_text.is_empty() {
                nip_problems.push(match parse_nip(&nip_text, ctx.today) {
                    Ok(info) => {
                        let label = info.kind.label();
                        let staff = info.kind.staff_kind().label();
                        let (lid, len, sid, sen) = (label.id, label.en, staff.id, staff.en);
                        t!(
                            "Pegawai non-ASN tidak memiliki NIP, padahal nomor ini {lid} yang sah. Jika pegawai ini {sid}, ubah jenis pegawai; jika bukan, kosongkan NIP.",
                            "Non-civil-servant staff have no NIP, yet this is a valid {len}. If this employee is a {sen}, change the kind of staff; if not, leave the NIP empty."
                        )
                    }
                    Err(_) => t!(
                        "Pegawai non-ASN tidak memiliki NIP; kosongkan isian NIP.",
                        "Non-civil-servant staff have no NIP; leave the NIP empty."
                    ),
                });
            }
            None
        }
        Some(expected) if nip_text.is_empty() => {
            let label = expected.label();
            let (lid, len) = (label.id, label.en);
            nip_problems.push(t!(
                "NIP wajib diisi untuk {lid}; salin 18 digit NIP dari SK.",
                "A NIP is required for a {len}; copy the 18 digits from the decree (SK)."
            ));
            None
        }
        _ if nip_text.is_empty() => None,
        expected => match parse_nip(&nip_text, ctx.today) {
            Err(message) => {
                nip_problems.push(message);
                None
            }
            Ok(info) => {
                if let Some(expected) = expected
                    && info.kind.staff_kind() != expected
                {
                    nip_problems.push(wrong_nip_kind(&info, expected));
                }
                if let Some(nik) = &nik {
                    nip_problems.extend(check_nik_nip(nik, &info));
                }
                Some(info.nip)
            }
        },
    };
    if !nip_problems.is_empty() {
        report("nip", join_texts(&nip_problems));
    }

    // golongan: by kind; empty for non-ASN staff.
    let golongan_text = text(&input.golongan);
    let golongan = match kind {
        Some(StaffKind::NonAsn) if golongan_text.is_empty() => None,
        Some(kind) => match parse_golongan(&golongan_text, kind) {
            Ok(g) => Some(g.code),
            Err(message) => {
                report("golongan", message);
                None
            }
        },
        // Unknown kind: the grade is judged once the kind is fixed.
        None => None,
    };

    let jabatan = required_text(
        &text(&input.jabatan),
        t!(
            "Jabatan wajib diisi, sesuai SK jabatan terakhir.",
            "The position is required, as in the latest appointment decree (SK)."
        ),
    )
    .map_err(|m| report("jabatan", m))
    .ok();
    let unit_kerja = required_text(
        &text(&input.unit_kerja),
        t!(
            "Unit kerja wajib diisi (perangkat daerah tempat pemohon bekerja).",
            "The work unit is required (the regional office where the applicant works)."
        ),
    )
    .map_err(|m| report("unit_kerja", m))
    .ok();
    let email = check_email(&text(&input.email), ctx.email_domain.as_deref())
        .map_err(|m| report("email", m))
        .ok();
    let phone_text = text(&input.telepon);
    let telepon = if phone_text.is_empty() {
        Some(None)
    } else {
        normalize_phone(&phone_text)
            .map(Some)
            .map_err(|m| report("telepon", m))
            .ok()
    };

    match (
        nama,
        nama_tanpa_gelar,
        kind,
        nik,
        jabatan,
        unit_kerja,
        email,
        telepon,
    ) {
        (
            Some(nama),
            Some(nama_tanpa_gelar),
            Some(jenis_pegawai),
            Some(nik),
            Some(jabatan),
            Some(unit_kerja),
            Some(email),
            Some(telepon),
        ) if issues.is_empty() => Ok(PersonData {
            nama,
            nama_tanpa_gelar,
            nik: nik.nik,
            nip,
            jenis_pegawai,
            golongan,
            jabatan,
            unit_kerja,
            email,
            telepon,
        }),
        _ => Err(issues),
    }
}

/// `pns`, `pppk`, `non_asn`, forgiving case, spaces and dashes, and the
/// common `P3K`.
fn parse_kind(raw: &str) -> Option<StaffKind> {
    let code = raw.trim().to_lowercase().replace([' ', '-'], "_");
    match code.as_str() {
        "p3k" => Some(StaffKind::Pppk),
        "nonasn" => Some(StaffKind::NonAsn),
        other => StaffKind::parse(other),
    }
}

fn wrong_nip_kind(info: &NipInfo, expected: StaffKind) -> Text {
    let label = info.kind.label();
    let want = expected.label();
    let (lid, len, wid, wen) = (label.id, label.en, want.id, want.en);
    let d13 = &info.nip[12..13];
    t!(
        "Nomor ini adalah {lid} (digit ke-13 = {d13}), padahal jenis pegawai {wid}. Periksa NIP atau jenis pegawai.",
        "This number is a {len} (digit 13 = {d13}), but the kind of staff is {wen}. Check the NIP or the kind of staff."
    )
}

/// A name as a person would write it: letters, spaces and the punctuation
/// of initials and titles; at least two letters; at most 150 characters.
/// Returns it with spaces collapsed.
fn check_name(value: &str) -> Result<String, Text> {
    if value.is_empty() {
        return Err(t!(
            "Nama wajib diisi, lengkap dengan gelar seperti pada surat.",
            "The name is required, with titles as printed on letters."
        ));
    }
    if let Some(c) = value.chars().find(|c| c.is_numeric()) {
        return Err(t!(
            "Nama tidak boleh berisi angka ('{c}'); tulis nama seperti pada KTP.",
            "A name cannot contain digits ('{c}'); write it as on the KTP."
        ));
    }
    if let Some(c) = value.chars().find(|&c| {
        !(c.is_alphabetic()
            || c.is_whitespace()
            || NAME_PUNCTUATION.contains(c)
            || ('\u{300}'..='\u{36f}').contains(&c))
    }) {
        return Err(t!(
            "Nama memuat karakter '{c}' yang tidak lazim pada nama; tulis nama seperti pada KTP.",
            "The name contains '{c}', which names do not have; write it as on the KTP."
        ));
    }
    if value.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return Err(t!(
            "Nama terlalu pendek; isi nama lengkap seperti pada KTP.",
            "The name is too short; enter the full name as on the KTP."
        ));
    }
    let n = value.chars().count();
    if n > MAX_NAME_CHARS {
        return Err(t!(
            "Nama terlalu panjang ({n} karakter; paling banyak {MAX_NAME_CHARS}).",
            "The name is too long ({n} characters; at most {MAX_NAME_CHARS})."
        ));
    }
    Ok(collapse(value))
}

/// A required free-text field (jabatan, unit kerja): trimmed, inner
/// whitespace collapsed (pasted text often carries line breaks), at most 200
/// characters.
fn required_text(value: &str, when_empty: Text) -> Result<String, Text> {
    let value = collapse(value);
    if value.is_empty() {
        return Err(when_empty);
    }
    let n = value.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(t!(
            "Isian terlalu panjang ({n} karakter; paling banyak {MAX_TEXT_CHARS}).",
            "The entry is too long ({n} characters; at most {MAX_TEXT_CHARS})."
        ));
    }
    Ok(value)
}

fn collapse(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
// Tests fail loudly by design; the workspace has no clippy.toml to allow
// unwrap in tests, so allow it here.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ctx() -> ValidationContext {
        ValidationContext {
            email_domain: Some("tapinkab.go.id".into()),
            today: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        }
    }

    fn pns() -> PersonInput {
        PersonInput {
            nama: Some("Dr. Ir. H. Ahmad Fauzi, M.Si.".into()),
            nama_tanpa_gelar: None,
            nik: Some("6305 0317 0866 0001".into()),
            nip: Some("19660817 199112 1 003".into()),
            jenis_pegawai: Some("pns".into()),
            golongan: Some("Pembina Tk. I".into()),
            jabatan: Some("  Kepala \n Dinas  ".into()),
            unit_kerja: Some("Dinas Komunikasi dan Informatika".into()),
            email: Some(" Ahmad.Fauzi@TapinKab.go.id".into()),
            telepon: Some("0812-3456-7890".into()),
        }
    }

    fn pppk() -> PersonInput {
        PersonInput {
            nama: Some("Siti Aminah, S.Kom".into()),
            nik: Some("6305034101900002".into()),
            nip: Some("199001012021212001".into()),
            jenis_pegawai: Some("PPPK".into()),
            golongan: Some("ix".into()),
            jabatan: Some("Pranata Komputer Ahli Pertama".into()),
            unit_kerja: Some("Diskominfo".into()),
            email: Some("siti@diskominfo.tapinkab.go.id".into()),
            ..PersonInput::default()
        }
    }

    fn non_asn() -> PersonInput {
        PersonInput {
            nama: Some("Budi Santoso".into()),
            nik: Some("6305031212950003".into()),
            jenis_pegawai: Some("non_asn".into()),
            jabatan: Some("Tenaga Teknis".into()),
            unit_kerja: Some("Diskominfo".into()),
            email: Some("budi@tapinkab.go.id".into()),
            telepon: Some("  ".into()),
            ..PersonInput::default()
        }
    }

    /// Validates `input` changed by `edit` and expects exactly the listed
    /// fields to fail, each message containing the given Indonesian fragment.
    fn check(
        base: fn() -> PersonInput,
        edit: impl FnOnce(&mut PersonInput),
        expected: &[(&str, &str)],
    ) {
        let mut input = base();
        edit(&mut input);
        let issues = validate_person(&input, &ctx()).expect_err("should fail");
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        let want: Vec<&str> = expected.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, want, "{issues:#?}");
        for ((_, fragment), issue) in expected.iter().zip(&issues) {
            assert!(
                issue.message.id.contains(fragment),
                "{}: {:?} lacks {fragment:?}",
                issue.field,
                issue.message.id
            );
            assert!(!issue.message.en.is_empty());
        }
    }

    #[test]
    fn valid_pns_is_normalised() {
        let data = validate_person(&pns(), &ctx()).unwrap();
        assert_eq!(
            data,
            PersonData {
                nama: "Dr. Ir. H. Ahmad Fauzi, M.Si.".into(),
                nama_tanpa_gelar: "Ahmad Fauzi".into(),
                nik: "6305031708660001".into(),
                nip: Some("196608171991121003".into()),
                jenis_pegawai: StaffKind::Pns,
                golongan: Some("IV/b".into()),
                jabatan: "Kepala Dinas".into(),
                unit_kerja: "Dinas Komunikasi dan Informatika".into(),
                email: "ahmad.fauzi@tapinkab.go.id".into(),
                telepon: Some("+6281234567890".into()),
            }
        );
    }

    #[test]
    fn valid_pppk_and_non_asn() {
        let data = validate_person(&pppk(), &ctx()).unwrap();
        assert_eq!(data.jenis_pegawai, StaffKind::Pppk);
        assert_eq!(data.nama_tanpa_gelar, "Siti Aminah");
        assert_eq!(data.golongan.as_deref(), Some("IX"));
        assert_eq!(data.nip.as_deref(), Some("199001012021212001"));
        assert_eq!(data.telepon, None);

        let data = validate_person(&non_asn(), &ctx()).unwrap();
        assert_eq!(data.jenis_pegawai, StaffKind::NonAsn);
        assert_eq!((data.nip, data.golongan, data.telepon), (None, None, None));
        assert_eq!(data.nama_tanpa_gelar, "Budi Santoso");
    }

    #[test]
    fn forgiving_kinds_and_given_plain_name() {
        for kind in ["PNS", " pns ", "Pns"] {
            let mut input = pns();
            input.jenis_pegawai = Some(kind.into());
            assert!(validate_person(&input, &ctx()).is_ok(), "{kind}");
        }
        for kind in ["P3K", "pppk"] {
            let mut input = pppk();
            input.jenis_pegawai = Some(kind.into());
            assert!(validate_person(&input, &ctx()).is_ok(), "{kind}");
        }
        for kind in ["Non ASN", "non-asn", "NONASN"] {
            let mut input = non_asn();
            input.jenis_pegawai = Some(kind.into());
            assert!(validate_person(&input, &ctx()).is_ok(), "{kind}");
        }
        let mut input = pns();
        input.nama_tanpa_gelar = Some("  Ahmad   Fauzi ".into());
        assert_eq!(
            validate_person(&input, &ctx()).unwrap().nama_tanpa_gelar,
            "Ahmad Fauzi"
        );
        // Without a configured domain any valid email is fine.
        let mut open = ctx();
        open.email_domain = None;
        let mut input = pns();
        input.email = Some("ahmad@gmail.com".into());
        assert_eq!(
            validate_person(&input, &open).unwrap().email,
            "ahmad@gmail.com"
        );
    }

    #[test]
    fn empty_form_names_every_required_field() {
        check(
            PersonInput::default,
            |_| {},
            &[
                ("nama", "Nama wajib diisi"),
                ("jenis_pegawai", "Jenis pegawai wajib diisi"),
                ("nik", "NIK belum diisi"),
                ("jabatan", "Jabatan wajib diisi"),
                ("unit_kerja", "Unit kerja wajib diisi"),
                ("email", "Email belum diisi"),
            ],
        );
    }

    #[test]
    fn every_field_wrong_at_once() {
        check(
            pns,
            |p| {
                p.nama = Some("Ahmad 2".into());
                p.nama_tanpa_gelar = Some("Ahmad, S.T.".into());
                p.nik = Some("630503170866001".into());
                p.nip = Some("196608171991123003".into());
                p.golongan = Some("IX".into());
                p.jabatan = Some("x".repeat(201));
                p.unit_kerja = Some(" ".into());
                p.email = Some("ahmad@gmail.com".into());
                p.telepon = Some("12345".into());
            },
            &[
                ("nama", "tidak boleh berisi angka"),
                ("nama_tanpa_gelar", "masih memuat gelar (S.T.)"),
                ("nik", "yang diisi 15 digit"),
                ("nip", "Digit ke-15 NIP (jenis kelamin)"),
                ("golongan", "Golongan IX adalah golongan PPPK"),
                ("jabatan", "201 karakter; paling banyak 200"),
                ("unit_kerja", "Unit kerja wajib diisi"),
                ("email", "harus memakai email dinas @tapinkab.go.id"),
                ("telepon", "harus diawali 0, +62 atau 62"),
            ],
        );
        check(
            pns,
            |p| p.jenis_pegawai = Some("honorer".into()),
            &[("jenis_pegawai", "Jenis pegawai \"honorer\" tidak dikenal")],
        );
    }

    #[test]
    fn nip_must_fit_the_kind() {
        check(
            pns,
            |p| p.nip = None,
            &[("nip", "NIP wajib diisi untuk PNS")],
        );
        check(
            pppk,
            |p| p.nip = Some(" ".into()),
            &[("nip", "NIP wajib diisi untuk PPPK")],
        );
        check(
            pns,
            |p| {
                p.nip = Some("196608172021211003".into());
            },
            &[(
                "nip",
                "Nomor ini adalah NIP PPPK (digit ke-13 = 2), padahal jenis pegawai PNS",
            )],
        );
        check(
            pppk,
            |p| p.nip = Some("199001012015052001".into()),
            &[(
                "nip",
                "Nomor ini adalah NIP PNS (digit ke-13 = 0), padahal jenis pegawai PPPK",
            )],
        );
        check(
            non_asn,
            |p| p.nip = Some("199512122019031002".into()),
            &[(
                "nip",
                "non-ASN tidak memiliki NIP, padahal nomor ini NIP PNS yang sah",
            )],
        );
        check(
            non_asn,
            |p| p.nip = Some("12345".into()),
            &[("nip", "non-ASN tidak memiliki NIP; kosongkan")],
        );
        // Unknown kind: the NIP is still checked on its own.
        check(
            pns,
            |p| {
                p.jenis_pegawai = Some("guru".into());
                p.nip = Some("1966".into());
            },
            &[
                ("jenis_pegawai", "tidak dikenal"),
                ("nip", "yang diisi 4 digit"),
            ],
        );
    }

    #[test]
    fn golongan_must_fit_the_kind() {
        check(
            pns,
            |p| p.golongan = None,
            &[("golongan", "Golongan belum diisi")],
        );
        check(
            pppk,
            |p| p.golongan = Some("III/a".into()),
            &[("golongan", "adalah golongan PNS")],
        );
        check(
            non_asn,
            |p| p.golongan = Some("III/a".into()),
            &[("golongan", "non-ASN tidak memiliki golongan")],
        );
    }

    #[test]
    fn nik_and_nip_must_agree() {
        // Same person, but the NIK says 1967 and a woman.
        check(
            pns,
            |p| p.nik = Some("6305035708670001".into()),
            &[(
                "nip",
                "Tanggal lahir pada NIK (17-08-67) berbeda dengan tanggal lahir pada NIP (17-08-1966): tahun tidak sama.",
            )],
        );
        let mut input = pns();
        input.nik = Some("6305035708670001".into());
        let issues = validate_person(&input, &ctx()).unwrap_err();
        assert_eq!(issues.len(), 1);
        assert!(
            issues[0]
                .message
                .id
                .contains("Jenis kelamin pada NIK (perempuan")
        );
        assert!(issues[0].message.en.contains("The sex in the NIK (female"));
    }

    #[test]
    fn names() {
        check(
            pns,
            |p| p.nama = Some("   ".into()),
            &[("nama", "Nama wajib diisi")],
        );
        check(
            pns,
            |p| p.nama = Some("A".into()),
            &[("nama", "terlalu pendek")],
        );
        check(
            pns,
            |p| p.nama = Some("Ahmad @ Fauzi".into()),
            &[("nama", "karakter '@'")],
        );
        check(
            pns,
            |p| p.nama = Some("A".repeat(151)),
            &[("nama", "151 karakter; paling banyak 150")],
        );
        let mut input = pns();
        input.nama = Some("A".repeat(150));
        assert!(validate_person(&input, &ctx()).is_ok());
        let mut input = pns();
        input.nama = Some("Ma'rief Mokodompit, S.Kom".into());
        assert_eq!(
            validate_person(&input, &ctx()).unwrap().nama_tanpa_gelar,
            "Ma'rief Mokodompit"
        );
        check(
            pns,
            |p| p.nama_tanpa_gelar = Some("Dr. Ahmad Fauzi".into()),
            &[(
                "nama_tanpa_gelar",
                "masih memuat gelar (Dr.); AMS meminta nama tanpa gelar, yaitu \"Ahmad Fauzi\"",
            )],
        );
    }

    #[test]
    fn nik_of_a_child_is_refused() {
        check(
            non_asn,
            |p| p.nik = Some("6305031505150003".into()),
            &[("nik", "lahir 15-05-2015 (umur 11 tahun)")],
        );
    }

    #[test]
    fn check_nik_nip_table() {
        let today = ctx().today;
        let check = |nik: &str, nip: &str, expected: &[&str]| {
            let nik = parse_nik(nik, today).unwrap();
            let nip = parse_nip(nip, today).unwrap();
            let problems = check_nik_nip(&nik, &nip);
            assert_eq!(problems.len(), expected.len(), "{problems:#?}");
            for (p, fragment) in problems.iter().zip(expected) {
                assert!(p.id.contains(fragment), "{:?} lacks {fragment:?}", p.id);
            }
        };
        check("6305031708660001", "196608171991121003", &[]);
        check("6305035708660001", "196608171991122003", &[]);
        check(
            "6305031708670001",
            "196608171991121003",
            &[
                "NIK (17-08-67) berbeda dengan tanggal lahir pada NIP (17-08-1966): tahun tidak sama.",
            ],
        );
        check(
            "6305031808660001",
            "196608171991121003",
            &[": tanggal tidak sama"],
        );
        check(
            "6305031709660001",
            "196608171991121003",
            &[": bulan tidak sama"],
        );
        check(
            "6305030108660001",
            "196601081991121003",
            &["tanggal, bulan tidak sama"],
        );
        check(
            "6305035708660001",
            "196608171991121003",
            &[
                "Jenis kelamin pada NIK (perempuan; tanggal lahir ditambah 40) berbeda dengan pada NIP (laki-laki; digit ke-15 = 1).",
            ],
        );
        check(
            "6305031808670001",
            "199001012021212001",
            &[
                "tanggal, bulan, tahun tidak sama",
                "Jenis kelamin pada NIK (laki-laki",
            ],
        );
        let nik = parse_nik("6305031708670001", today).unwrap();
        let nip = parse_nip("196608171991121003", today).unwrap();
        assert_eq!(
            check_nik_nip(&nik, &nip)[0].en,
            "The birth date in the NIK (17-08-67) differs from the one in the NIP (17-08-1966): different year. Compare both numbers with the KTP and the decree (SK)."
        );
    }
}
