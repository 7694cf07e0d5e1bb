use super::Db;
use crate::error::Result;
use crate::model::{CertStatus, Certificate, Revocation, RevocationReason};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};

const CERT_COLUMNS: &str = "id, person_id, status, issued_on, expires_on, revoked_on, revocation_reason, \
                            revocation_wording, revocation_crl, request_id, created_at, updated_at";

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn cert_from_row(r: &Row) -> rusqlite::Result<Certificate> {
    let status: String = r.get(2)?;
    let reason: Option<String> = r.get(6)?;
    let revocation = reason
        .as_deref()
        .and_then(RevocationReason::parse)
        .map(|reason| Revocation {
            reason,
            wording: r
                .get::<_, Option<String>>(7)
                .ok()
                .flatten()
                .unwrap_or_default(),
            crl: r.get::<_, Option<i64>>(8).ok().flatten().unwrap_or(0) as u8,
        });
    Ok(Certificate {
        id: r.get(0)?,
        person_id: r.get(1)?,
        status: CertStatus::parse(&status).unwrap_or(CertStatus::NoCertificate),
        issued_on: date(r.get(3)?),
        expires_on: date(r.get(4)?),
        revoked_on: date(r.get(5)?),
        revocation,
        request_id: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// A certificate record about to be written.
pub(crate) struct CertRow<'a> {
    pub person_id: i64,
    pub status: CertStatus,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
    pub revocation: Option<&'a Revocation>,
    pub request_id: Option<i64>,
}

impl Db<'_> {
    /// Records a certificate. The statement is cached: a spreadsheet
    /// import calls this once per row.
    pub(crate) fn insert_certificate(&self, c: &CertRow, now: &str) -> Result<i64> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO certificates(person_id, status, issued_on, expires_on, revoked_on, revocation_reason,
                                      revocation_wording, revocation_crl, request_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        )?;
        stmt.execute(rusqlite::params![
            c.person_id,
            c.status.code(),
            c.issued_on.map(|d| d.to_string()),
            c.expires_on.map(|d| d.to_string()),
            c.revoked_on.map(|d| d.to_string()),
            c.revocation.map(|r| r.reason.code()),
            c.revocation.map(|r| r.wording.as_str()),
            c.revocation.map(|r| i64::from(r.crl)),
            c.request_id,
            now
        ])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub(crate) fn update_certificate(&self, id: i64, c: &CertRow, now: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE certificates SET status = ?2, issued_on = ?3, expires_on = ?4, revoked_on = ?5,
                    revocation_reason = ?6, revocation_wording = ?7, revocation_crl = ?8, request_id = ?9,
                    updated_at = ?10
             WHERE id = ?1",
            rusqlite::params![
                id,
                c.status.code(),
                c.issued_on.map(|d| d.to_string()),
                c.expires_on.map(|d| d.to_string()),
                c.revoked_on.map(|d| d.to_string()),
                c.revocation.map(|r| r.reason.code()),
                c.revocation.map(|r| r.wording.as_str()),
                c.revocation.map(|r| r.crl as i64),
                c.request_id,
                now
            ],
        )?;
        Ok(())
    }

    pub(crate) fn get_certificate(&self, id: i64) -> Result<Option<Certificate>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {CERT_COLUMNS} FROM certificates WHERE id = ?1"),
                [id],
                cert_from_row,
            )
            .optional()?)
    }

    /// The person's most recent certificate record.
    pub(crate) fn latest_certificate(&self, person_id: i64) -> Result<Option<Certificate>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {CERT_COLUMNS} FROM certificates WHERE person_id = ?1
                     ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1"
                ),
                [person_id],
                cert_from_row,
            )
            .optional()?)
    }

    pub(crate) fn certificates_of(&self, person_id: i64) -> Result<Vec<Certificate>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {CERT_COLUMNS} FROM certificates WHERE person_id = ?1
             ORDER BY coalesce(issued_on, created_at) DESC, id DESC"
        ))?;
        let rows = stmt.query_map([person_id], cert_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
