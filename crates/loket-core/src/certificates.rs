//! Certificates as the office records them, and the rules they impose on new
//! requests (renewal window, no second issuance while one is active).

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::i18n::{Text, long_date};
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{CertStatus, Certificate, RequestType, Role};
use crate::store::Db;
use crate::store::certificates::CertRow;
use crate::t;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// AMS accepts a renewal only in the last 30 days before expiry.
pub const RENEWAL_WINDOW_DAYS: u64 = 30;

/// BSrE's default validity when the verifier does not enter the real expiry.
pub const DEFAULT_VALIDITY_YEARS: u32 = 2;

/// The default expiry date for a certificate issued on `issued`.
pub fn default_expiry(issued: NaiveDate) -> NaiveDate {
    issued
        .checked_add_months(Months::new(12 * DEFAULT_VALIDITY_YEARS))
        .unwrap_or(issued)
}

/// Whether a renewal may be filed today for a certificate expiring on
/// `expires`: from 30 days before expiry up to and including the expiry day.
pub fn renewal_window(expires: NaiveDate, today: NaiveDate) -> Result<(), Text> {
    let opens = expires
        .checked_sub_days(Days::new(RENEWAL_WINDOW_DAYS))
        .unwrap_or(expires);
    if today < opens {
        let (o, e) = (long_date(opens), long_date(expires));
        return Err(Text::new(
            format!(
                "Pembaruan baru dapat diajukan mulai {} (30 hari sebelum masa berlaku berakhir pada {}). AMS menolak pembaruan sebelum itu.",
                o.id, e.id
            ),
            format!(
                "A renewal can be filed from {} on (30 days before the certificate expires on {}). AMS refuses earlier renewals.",
                o.en, e.en
            ),
        ));
    }
    if today > expires {
        let e = long_date(expires);
        return Err(Text::new(
            format!(
                "Sertifikat sudah kedaluwarsa sejak {}; sertifikat kedaluwarsa tidak dapat diperbarui. Ajukan penerbitan baru.",
                e.id
            ),
            format!(
                "The certificate expired on {}; an expired certificate cannot be renewed. File a new issuance instead.",
                e.en
            ),
        ));
    }
    Ok(())
}

/// The rules a certificate's state imposes on a new request.
pub(crate) fn check_request_allowed(
    db: &Db,
    jenis: RequestType,
    person_id: i64,
    today: NaiveDate,
) -> Result<()> {
    let latest = db.latest_certificate(person_id)?;
    let status = latest.as_ref().map(|c| c.effective_status(today));
    match jenis {
        RequestType::Penerbitan => {
            if let (Some(CertStatus::Issue), Some(c)) = (status, &latest) {
                let until = c
                    .expires_on
                    .map(long_date)
                    .unwrap_or_else(|| Text::same("-"));
                return Err(Error::conflict(Text::new(
                    format!(
                        "Pegawai ini masih memiliki sertifikat aktif (berlaku sampai {}). Untuk memperpanjang ajukan pembaruan; untuk menggantinya cabut dahulu.",
                        until.id
                    ),
                    format!(
                        "This person still holds an active certificate (valid until {}). To extend it file a renewal; to replace it revoke it first.",
                        until.en
                    ),
                )));
            }
        }
        RequestType::Pembaruan => match (status, &latest) {
            (Some(CertStatus::Issue), Some(c)) => match c.expires_on {
                Some(exp) => renewal_window(exp, today).map_err(Error::conflict)?,
                None => {
                    return Err(Error::conflict(Text::new(
                        "Tanggal berakhir sertifikat belum dicatat; catat dulu tanggalnya agar jendela pembaruan dapat diperiksa.",
                        "The certificate's expiry date is not recorded; record it first so the renewal window can be checked.",
                    )));
                }
            },
            (Some(CertStatus::Expired), Some(c)) => {
                let exp = c.expires_on.unwrap_or(today);
                renewal_window(exp, today).map_err(Error::conflict)?;
            }
            _ => {
                return Err(Error::conflict(Text::new(
                    "Pegawai ini tidak memiliki sertifikat aktif yang tercatat, jadi tidak ada yang dapat diperbarui. Ajukan penerbitan.",
                    "This person has no recorded active certificate, so there is nothing to renew. File an issuance.",
                )));
            }
        },
        RequestType::Pencabutan => {
            if let (Some(CertStatus::Revoke), Some(c)) = (status, &latest) {
                let on = c
                    .revoked_on
                    .map(long_date)
                    .unwrap_or_else(|| Text::same("-"));
                return Err(Error::conflict(Text::new(
                    format!("Sertifikat pegawai ini sudah dicabut pada {}.", on.id),
                    format!(
                        "This person's certificate was already revoked on {}.",
                        on.en
                    ),
                )));
            }
        }
        RequestType::PerubahanData | RequestType::ResetPassphrase => {}
    }
    Ok(())
}

/// A certificate entered by hand (e.g. one issued before the office used
/// this app, read from AMS).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CertificateInput {
    pub status: Option<CertStatus>,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
}

impl Loket {
    pub fn certificates_of(&self, caller: &Caller, person_id: i64) -> Result<Vec<Certificate>> {
        self.get_person(caller, person_id)?;
        self.store.read(|db| db.certificates_of(person_id))
    }

    /// Records a certificate the office knows of from AMS.
    pub fn record_certificate(
        &self,
        caller: &Caller,
        person_id: i64,
        input: &CertificateInput,
    ) -> Result<Certificate> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!("mencatat sertifikat", "record certificates"),
        )?;
        let status = input.status.unwrap_or(CertStatus::Issue);
        let expires_on = match (input.expires_on, input.issued_on, status) {
            (Some(e), _, _) => Some(e),
            (None, Some(i), CertStatus::Issue | CertStatus::Expired) => Some(default_expiry(i)),
            _ => None,
        };
        if let (Some(i), Some(e)) = (input.issued_on, expires_on)
            && e <= i
        {
            return Err(Error::invalid(Text::new(
                "Tanggal berakhir harus sesudah tanggal terbit.",
                "The expiry date must be after the issue date.",
            )));
        }
        let now = self.stamp_now();
        self.store.write(|db| {
            if db.get_person(person_id)?.is_none() {
                return Err(crate::people::person_not_found(person_id));
            }
            let id = db.insert_certificate(
                &CertRow {
                    person_id,
                    status,
                    issued_on: input.issued_on,
                    expires_on,
                    revoked_on: None,
                    revocation: None,
                    request_id: None,
                },
                &now,
            )?;
            let cert = db
                .get_certificate(id)?
                .ok_or_else(|| Error::internal("certificate vanished"))?;
            Audit {
                action: "certificate.record",
                entity: "person",
                entity_id: Some(person_id.to_string()),
                summary: format!("Sertifikat {} dicatat", status.code()),
                old_value: None,
                new_value: audit_json(&cert),
            }
            .write(db, caller, &now)?;
            Ok(cert)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn renewal_window_edges() {
        let exp = d("2026-12-31");
        // (today, allowed)
        let cases = [
            ("2026-11-30", false), // 31 days before: too early
            ("2026-12-01", true),  // exactly 30 days before: window opens
            ("2026-12-15", true),
            ("2026-12-31", true),  // the expiry day itself
            ("2027-01-01", false), // expired: needs a new issuance
        ];
        for (today, ok) in cases {
            let r = renewal_window(exp, d(today));
            assert_eq!(r.is_ok(), ok, "{today}: {r:?}");
        }
        let early = renewal_window(exp, d("2026-11-01")).unwrap_err();
        assert!(early.id.contains("1 Desember 2026"), "{}", early.id);
        assert!(early.en.contains("1 December 2026"), "{}", early.en);
        let late = renewal_window(exp, d("2027-02-01")).unwrap_err();
        assert!(late.id.contains("penerbitan baru"), "{}", late.id);
    }

    #[test]
    fn default_validity_is_two_years() {
        assert_eq!(default_expiry(d("2026-11-21")), d("2028-11-21"));
        assert_eq!(default_expiry(d("2024-02-29")), d("2026-02-28"));
    }
}
