//! The agency profile: who the office is, what its kop surat says, whose
//! signature closes its letters and which email domain AMS accepts.

use crate::auth::Caller;
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::identity;
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{PaperSize, Role};
use crate::t;
use serde::{Deserialize, Serialize};

pub(crate) const AGENCY_KEY: &str = "agency";

/// The head of office (or the delegate) who signs the office's letters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Signatory {
    /// Full name with titles.
    pub nama: String,
    pub nip: String,
    /// Pangkat and golongan as printed, e.g. "Pembina Utama Muda (IV/c)".
    pub pangkat: String,
    /// Position, e.g. "Kepala Dinas Komunikasi dan Informatika".
    pub jabatan: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AgencyProfile {
    /// Regional government, e.g. "Pemerintah Kabupaten Tapin".
    pub pemda: String,
    /// Office, e.g. "Dinas Komunikasi dan Informatika".
    pub dinas: String,
    pub alamat: String,
    pub telepon: String,
    pub email: String,
    pub laman: String,
    /// The official email domain AMS accepts, e.g. `tapinkab.go.id`.
    pub domain_email: String,
    /// City written in letter dates, e.g. "Rantau".
    pub kota: String,
    pub kepala: Signatory,
    pub kertas: PaperSize,
}

impl AgencyProfile {
    /// Checks the profile; returns it normalised or every field's problem.
    pub fn validate(&self, today: chrono::NaiveDate) -> Result<AgencyProfile> {
        let mut p = self.clone();
        let mut issues = Vec::new();
        let trim = |s: &mut String| *s = s.trim().to_string();
        for s in [
            &mut p.pemda,
            &mut p.dinas,
            &mut p.alamat,
            &mut p.telepon,
            &mut p.email,
            &mut p.laman,
            &mut p.domain_email,
            &mut p.kota,
            &mut p.kepala.nama,
            &mut p.kepala.nip,
            &mut p.kepala.pangkat,
            &mut p.kepala.jabatan,
        ] {
            trim(s);
        }
        let required = [
            (
                "pemda",
                &p.pemda,
                t!("Nama pemerintah daerah", "The regional government's name"),
            ),
            ("dinas", &p.dinas, t!("Nama dinas", "The office's name")),
            (
                "kota",
                &p.kota,
                t!("Kota untuk tanggal surat", "The city for letter dates"),
            ),
            (
                "domain_email",
                &p.domain_email,
                t!("Domain email dinas", "The official email domain"),
            ),
        ];
        for (field, value, what) in required {
            if value.is_empty() {
                issues.push(FieldIssue::new(
                    field,
                    Text::new(
                        format!("{} wajib diisi.", what.id),
                        format!("{} is required.", what.en),
                    ),
                ));
            }
        }
        if !p.domain_email.is_empty() {
            p.domain_email = p.domain_email.trim_start_matches('@').to_ascii_lowercase();
            if let Err(m) = check_domain(&p.domain_email) {
                issues.push(FieldIssue::new("domain_email", m));
            }
        }
        if !p.email.is_empty() {
            match identity::check_email(&p.email, None) {
                Ok(e) => p.email = e,
                Err(m) => issues.push(FieldIssue::new("email", m)),
            }
        }
        if !p.kepala.nip.is_empty() {
            match identity::parse_nip(&p.kepala.nip, today) {
                Ok(info) => p.kepala.nip = info.nip,
                Err(m) => issues.push(FieldIssue::new("kepala.nip", m)),
            }
        }
        if issues.is_empty() {
            Ok(p)
        } else {
            Err(Error::invalid_fields(issues))
        }
    }
}

/// An official domain: lower-case labels ending in `.go.id`, which is what
/// AMS requires of applicants' addresses.
fn check_domain(domain: &str) -> Result<(), Text> {
    let labels_ok = domain.split('.').all(|l| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    });
    if !labels_ok || !domain.contains('.') {
        return Err(t!(
            "Domain email \"{domain}\" tidak valid; contoh yang benar: tapinkab.go.id.",
            "Email domain \"{domain}\" is not valid; a correct example: tapinkab.go.id."
        ));
    }
    if !domain.ends_with(".go.id") {
        return Err(t!(
            "Domain email dinas harus berakhiran .go.id (AMS hanya menerima email dinas); \"{domain}\" tidak.",
            "The official email domain must end in .go.id (AMS accepts only official email); \"{domain}\" does not."
        ));
    }
    Ok(())
}

impl Loket {
    /// The agency profile, or `None` before first-run setup.
    pub fn agency(&self) -> Result<Option<AgencyProfile>> {
        self.store.read(|db| db.get_setting(AGENCY_KEY))
    }

    /// The email domain applicants' addresses must use, once configured.
    pub(crate) fn email_domain(&self) -> Result<Option<String>> {
        Ok(self
            .agency()?
            .map(|a| a.domain_email)
            .filter(|d| !d.is_empty()))
    }

    pub fn set_agency(&self, caller: &Caller, profile: &AgencyProfile) -> Result<AgencyProfile> {
        caller.require(
            &[Role::Admin],
            &t!("mengubah profil dinas", "change the agency profile"),
        )?;
        let profile = profile.validate(self.today())?;
        let now = self.stamp_now();
        self.store.write(|db| {
            let old: Option<AgencyProfile> = db.get_setting(AGENCY_KEY)?;
            db.put_setting(AGENCY_KEY, &profile)?;
            Audit {
                action: "agency.update",
                entity: "agency",
                entity_id: None,
                summary: "Profil dinas diubah".into(),
                old_value: old.as_ref().and_then(audit_json),
                new_value: audit_json(&profile),
            }
            .write(db, caller, &now)
        })?;
        Ok(profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    pub(crate) fn tapin() -> AgencyProfile {
        AgencyProfile {
            pemda: "Pemerintah Kabupaten Tapin".into(),
            dinas: "Dinas Komunikasi dan Informatika".into(),
            alamat: "Jalan Jenderal Sudirman No. 1, Rantau 71111".into(),
            telepon: "(0517) 31234".into(),
            email: "Diskominfo@TapinKab.go.id".into(),
            laman: "diskominfo.tapinkab.go.id".into(),
            domain_email: "@TAPINKAB.GO.ID".into(),
            kota: "Rantau".into(),
            kepala: Signatory {
                nama: "Wahyudi Pranoto, S.Sos., M.T".into(),
                nip: "19710130 199903 1 005".into(),
                pangkat: "Pembina Utama Muda (IV/c)".into(),
                jabatan: "Kepala Dinas Komunikasi dan Informatika".into(),
            },
            kertas: PaperSize::F4,
        }
    }

    #[test]
    fn valid_profile_is_normalised() {
        let p = tapin().validate(today()).unwrap();
        assert_eq!(p.domain_email, "tapinkab.go.id");
        assert_eq!(p.email, "diskominfo@tapinkab.go.id");
        assert_eq!(p.kepala.nip, "197101301999031005");
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut p = tapin();
        p.pemda.clear();
        p.domain_email = "gmail.com".into();
        p.kepala.nip = "123".into();
        let e = p.validate(today()).unwrap_err();
        let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["pemda", "domain_email", "kepala.nip"]);
        assert!(e.fields[1].message.id.contains(".go.id"));
    }

    #[test]
    fn json_uses_the_documented_field_names() {
        let json = serde_json::to_value(tapin()).unwrap();
        for key in [
            "pemda",
            "dinas",
            "alamat",
            "telepon",
            "email",
            "laman",
            "domain_email",
            "kota",
            "kepala",
            "kertas",
        ] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        assert_eq!(json["kertas"], "F4");
        assert!(serde_json::from_str::<AgencyProfile>(r#"{"pemda":"x","salah":1}"#).is_err());
    }
}
