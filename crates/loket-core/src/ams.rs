//! The identity panel the verifier keeps open beside AMS: the applicant's
//! fields in the order AMS asks for them, ready to copy, and warnings about
//! anything BSrE would reject, raised before the verifier goes online.
//!
//! The warnings are computed from the stored record every time, never
//! assumed: a person saved before a validation rule existed (or changed),
//! imported from an old spreadsheet, or edited outside the app can be
//! inconsistent, and an inconsistency found at the counter costs minutes
//! while one found by BSrE costs the applicant days.

use crate::auth::Caller;
use crate::error::Result;
use crate::i18n::Text;
use crate::identity::{
    NipInfo, check_email, check_nik_nip, has_titles, parse_golongan, parse_nik, parse_nip,
    strip_titles,
};
use crate::loket::Loket;
use crate::model::{Person, Role, StaffKind};
use crate::people::person_not_found;
use crate::requests::visible_request;
use crate::t;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One field to enter in AMS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmsField {
    /// `nama`, `nik`, `nip`, `email`, `jabatan`, `unit_kerja`.
    pub key: String,
    pub label: Text,
    /// Exactly what to type or paste (NIK and NIP as bare digits).
    pub value: String,
}

/// The applicant's data for AMS, and what to fix before entering it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmsPanel {
    pub request_id: i64,
    pub request_nomor: String,
    pub person_id: i64,
    pub fields: Vec<AmsField>,
    /// Empty when the record is consistent.
    pub warnings: Vec<Text>,
}

impl Loket {
    /// The AMS panel for a request's applicant. Admins and verifiers only:
    /// they are the ones who enter applicants in AMS.
    pub fn ams_panel(&self, caller: &Caller, request_key: &str) -> Result<AmsPanel> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!("membuka data untuk AMS", "open the data for AMS"),
        )?;
        let domain = self.email_domain()?;
        let today = self.today();
        let (request, person) = self.store.read(|db| {
            let request = visible_request(db, caller, request_key)?;
            let person = db
                .get_person(request.person_id)?
                .ok_or_else(|| person_not_found(request.person_id))?;
            Ok((request, person))
        })?;
        Ok(AmsPanel {
            request_id: request.id,
            request_nomor: request.nomor,
            person_id: person.id,
            fields: ams_fields(&person),
            warnings: ams_warnings(&person, domain.as_deref(), today),
        })
    }
}

fn field(key: &str, label: Text, value: &str) -> AmsField {
    AmsField {
        key: key.to_string(),
        label,
        value: value.trim().to_string(),
    }
}

/// The fields in AMS's order. A person without a NIP (non-ASN staff) has no
/// NIP field: AMS leaves it empty for them.
fn ams_fields(p: &Person) -> Vec<AmsField> {
    let d = &p.data;
    let mut fields = vec![
        field(
            "nama",
            t!("Nama (tanpa gelar)", "Name (without titles)"),
            &d.nama_tanpa_gelar,
        ),
        field("nik", t!("NIK", "NIK"), &d.nik),
    ];
    if let Some(nip) = d.nip.as_deref().filter(|n| !n.trim().is_empty()) {
        fields.push(field("nip", t!("NIP", "NIP"), nip));
    }
    fields.extend([
        field("email", t!("Email dinas", "Official email"), &d.email),
        field(
            "jabatan",
            t!("Jabatan (sesuai SK)", "Position (as in the SK)"),
            &d.jabatan,
        ),
        field("unit_kerja", t!("Unit kerja", "Work unit"), &d.unit_kerja),
    ]);
    fields
}

/// Every inconsistency in the stored record that AMS or BSrE would trip
/// over, judged by today's rules.
pub(crate) fn ams_warnings(p: &Person, domain: Option<&str>, today: NaiveDate) -> Vec<Text> {
    let d = &p.data;
    let mut warnings = Vec::new();

    let name = d.nama_tanpa_gelar.trim();
    if name.is_empty() {
        warnings.push(t!(
            "Nama tanpa gelar kosong; AMS memerlukan nama seperti pada KTP.",
            "The name without titles is empty; AMS needs the name as on the KTP."
        ));
    } else if has_titles(name) {
        let plain = strip_titles(name);
        warnings.push(t!(
            "Nama tanpa gelar masih memuat gelar (\"{name}\"); AMS meminta nama seperti pada KTP, yaitu \"{plain}\". Perbaiki data pegawai sebelum memasukkannya ke AMS.",
            "The name without titles still carries titles (\"{name}\"); AMS wants the name as on the KTP, that is \"{plain}\". Correct the person's record before entering it in AMS."
        ));
    }

    let nik = match parse_nik(&d.nik, today) {
        Ok(info) => Some(info),
        Err(problem) => {
            warnings.push(prefixed("NIK", &problem));
            None
        }
    };
    let nip = check_stored_nip(d.nip.as_deref(), d.jenis_pegawai, today, &mut warnings);
    if let (Some(nik), Some(nip)) = (&nik, &nip) {
        warnings.extend(check_nik_nip(nik, nip));
    }

    if let Err(problem) = check_email(&d.email, domain) {
        warnings.push(prefixed("Email", &problem));
    }

    let golongan = d.golongan.as_deref().map(str::trim).unwrap_or("");
    match d.jenis_pegawai {
        StaffKind::NonAsn if golongan.is_empty() => {}
        kind => {
            if let Err(problem) = parse_golongan(golongan, kind) {
                warnings.push(prefixed("Golongan", &problem));
            }
        }
    }

    if d.jabatan.trim().is_empty() {
        warnings.push(t!(
            "Jabatan kosong; isi sesuai SK jabatan terakhir.",
            "The position is empty; fill it in as in the latest appointment decree (SK)."
        ));
    }
    if d.unit_kerja.trim().is_empty() {
        warnings.push(t!("Unit kerja kosong.", "The work unit is empty."));
    }
    warnings
}

/// A NIP judged against the staff kind: required for PNS and PPPK, absent
/// for non-ASN staff, and of the scheme the kind uses.
fn check_stored_nip(
    nip: Option<&str>,
    kind: StaffKind,
    today: NaiveDate,
    warnings: &mut Vec<Text>,
) -> Option<NipInfo> {
    let nip = nip.map(str::trim).filter(|n| !n.is_empty());
    let label = kind.label();
    let (lid, len) = (label.id, label.en);
    match (nip, kind) {
        (None, StaffKind::NonAsn) => None,
        (None, _) => {
            warnings.push(t!(
                "NIP kosong, padahal jenis pegawai {lid}.",
                "The NIP is empty, but the kind of staff is {len}."
            ));
            None
        }
        (Some(nip), kind) => match parse_nip(nip, today) {
            Err(problem) => {
                warnings.push(prefixed("NIP", &problem));
                None
            }
            Ok(info) => {
                if kind == StaffKind::NonAsn {
                    warnings.push(t!(
                        "Pegawai ini tercatat non-ASN tetapi memiliki NIP; periksa jenis pegawai.",
                        "This person is recorded as non-civil-servant staff but has a NIP; check the kind of staff."
                    ));
                } else if info.kind.staff_kind() != kind {
                    let nl = info.kind.label();
                    let (nid, nen) = (nl.id, nl.en);
                    warnings.push(t!(
                        "NIP ini adalah {nid}, padahal jenis pegawai {lid}.",
                        "This NIP is a {nen}, but the kind of staff is {len}."
                    ));
                }
                Some(info)
            }
        },
    }
}

/// A problem message with the field it belongs to, unless it names it
/// already.
fn prefixed(field: &str, problem: &Text) -> Text {
    if problem.id.starts_with(field) && problem.en.starts_with(field) {
        return problem.clone();
    }
    Text::new(
        format!("{field}: {}", problem.id),
        format!("{field}: {}", problem.en),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::PersonData;

    fn person(edit: impl FnOnce(&mut PersonData)) -> Person {
        let mut data = PersonData {
            nama: "Dr. Siti Aminah, S.Kom., M.T.".into(),
            nama_tanpa_gelar: "Siti Aminah".into(),
            nik: "6305015708660001".into(),
            nip: Some("196608171991122001".into()),
            jenis_pegawai: StaffKind::Pns,
            golongan: Some("III/c".into()),
            jabatan: "Pranata Komputer".into(),
            unit_kerja: "Dinas Komunikasi dan Informatika".into(),
            email: "siti.aminah@tapinkab.go.id".into(),
            telepon: None,
        };
        edit(&mut data);
        Person {
            id: 1,
            data,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn warnings(p: &Person) -> Vec<String> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        ams_warnings(p, Some("tapinkab.go.id"), today)
            .into_iter()
            .map(|t| t.en)
            .collect()
    }

    #[test]
    fn a_consistent_record_has_no_warnings() {
        assert_eq!(warnings(&person(|_| {})), Vec::<String>::new());
    }

    #[test]
    fn each_inconsistency_is_named() {
        let check = |edit: fn(&mut PersonData), fragment: &str| {
            let got = warnings(&person(edit));
            assert!(
                got.iter().any(|w| w.contains(fragment)),
                "{fragment:?} not in {got:#?}"
            );
        };
        check(
            |d| d.nama_tanpa_gelar = "Dr. Siti Aminah, S.Kom.".into(),
            "still carries titles",
        );
        check(|d| d.nik = "6305011708660001".into(), "sex in the NIK");
        check(
            |d| d.nik = "6305015808660001".into(),
            "birth date in the NIK",
        );
        check(|d| d.email = "siti@gmail.com".into(), "Email");
        check(|d| d.golongan = Some("XV".into()), "Golongan");
        check(|d| d.golongan = None, "Golongan");
        check(
            |d| d.jenis_pegawai = StaffKind::Pppk,
            "but the kind of staff is",
        );
        check(|d| d.jenis_pegawai = StaffKind::NonAsn, "has a NIP");
        check(|d| d.nip = None, "The NIP is empty");
        check(|d| d.jabatan = " ".into(), "position is empty");
    }

    #[test]
    fn fields_follow_ams_order_and_skip_a_missing_nip() {
        let keys = |p: &Person| ams_fields(p).into_iter().map(|f| f.key).collect::<Vec<_>>();
        assert_eq!(
            keys(&person(|_| {})),
            ["nama", "nik", "nip", "email", "jabatan", "unit_kerja"]
        );
        assert_eq!(
            keys(&person(|d| {
                d.nip = None;
                d.jenis_pegawai = StaffKind::NonAsn;
                d.golongan = None;
            })),
            ["nama", "nik", "email", "jabatan", "unit_kerja"]
        );
    }
}
