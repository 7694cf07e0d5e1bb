//! Named queries of the registry of TTE users and of the spreadsheet import.
//!
//! The registry reads `registry_latest` (each person's latest certificate
//! record, kept by triggers of migration 005) and `people_fts` (names and
//! units). The derived status (aktif, kedaluwarsa, …) depends on today's
//! date, so it is never stored: [`status_condition`] turns it into a WHERE
//! clause over the stored BSrE status and expiry date, and
//! `crate::registry::registry_status` derives it in Rust for each row. A test
//! checks that both agree.

use super::Db;
use super::people::person_from_row;
use crate::error::Result;
use crate::model::{CertStatus, Person, PersonData, Revocation, RevocationReason};
use crate::registry::{RegistrySort, RegistryStatus};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};

/// The person columns with the `p.` alias, in `person_from_row` order.
const P_COLUMNS: &str = "p.id, p.nama, p.nama_tanpa_gelar, p.nik, p.nip, p.jenis_pegawai, p.golongan, \
     p.jabatan, p.unit_kerja, p.email, p.telepon, p.created_at, p.updated_at";

/// Columns after the person's: the latest certificate and its revocation.
const L_COLUMNS: &str = "l.certificate_id, l.status, l.issued_on, l.expires_on, l.revoked_on, \
     c.revocation_reason, c.revocation_wording, c.revocation_crl";

/// BSrE statuses whose holder has no usable certificate yet (or is in the
/// middle of getting one). A person with no record at all is `belum` too.
pub(crate) const BELUM_STATUSES: [CertStatus; 5] = [
    CertStatus::NoCertificate,
    CertStatus::NotRegistered,
    CertStatus::New,
    CertStatus::WaitingForVerification,
    CertStatus::Renew,
];

/// A person with their latest certificate record, as stored.
#[derive(Clone, Debug)]
pub(crate) struct LatestRow {
    pub person: Person,
    pub certificate_id: Option<i64>,
    pub status: Option<CertStatus>,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
    pub revocation: Option<Revocation>,
}

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn revocation_at(r: &Row, at: usize) -> rusqlite::Result<Option<Revocation>> {
    let reason: Option<String> = r.get(at)?;
    let wording: Option<String> = r.get(at + 1)?;
    let crl: Option<i64> = r.get(at + 2)?;
    Ok(reason
        .as_deref()
        .and_then(RevocationReason::parse)
        .map(|reason| Revocation {
            reason,
            wording: wording.unwrap_or_else(|| reason.wording().id),
            crl: crl
                .and_then(|c| u8::try_from(c).ok())
                .unwrap_or(reason.crl().code()),
        }))
}

fn latest_from_row(r: &Row) -> rusqlite::Result<LatestRow> {
    let person = person_from_row(r)?;
    let status: Option<String> = r.get(14)?;
    Ok(LatestRow {
        person,
        certificate_id: r.get(13)?,
        status: status.as_deref().and_then(CertStatus::parse),
        issued_on: date(r.get(15)?),
        expires_on: date(r.get(16)?),
        revoked_on: date(r.get(17)?),
        revocation: revocation_at(r, 18)?,
    })
}

/// A revoked certificate with its holder, for the revoked list.
#[derive(Clone, Debug)]
pub(crate) struct RevokedRow {
    pub certificate_id: i64,
    pub person_id: i64,
    pub nama: String,
    pub nik: String,
    pub nip: Option<String>,
    pub unit_kerja: String,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
    pub revocation: Option<Revocation>,
    pub recorded_at: String,
}

/// What the registry is asked for, in store terms.
#[derive(Clone, Debug)]
pub(crate) struct RegistryFilter {
    /// An FTS5 query over names and units (`"ami"* "dinas"*`).
    pub fts: Option<String>,
    /// Digit prefixes, each matched against NIK or NIP.
    pub digits: Vec<String>,
    pub unit: Option<String>,
    pub status: Option<RegistryStatus>,
    /// Active certificates expiring between today and this date, inclusive.
    pub expiring_until: Option<NaiveDate>,
    pub today: NaiveDate,
    pub sort: RegistrySort,
}

/// Counts of one work unit (or of the whole office when `unit_kerja` is
/// empty), by derived status.
#[derive(Clone, Debug, Default)]
pub(crate) struct StatusCounts {
    pub unit_kerja: String,
    pub pegawai: i64,
    pub aktif: i64,
    pub kedaluwarsa: i64,
    pub dicabut: i64,
    pub ditangguhkan: i64,
}

/// The WHERE condition on `l` (registry_latest) for a derived status.
/// `today` is the parameter's SQL text (e.g. `?1`).
fn status_condition(status: RegistryStatus, today: &str) -> String {
    match status {
        RegistryStatus::Aktif => {
            format!("(l.status = 'ISSUE' AND (l.expires_on IS NULL OR l.expires_on >= {today}))")
        }
        RegistryStatus::Kedaluwarsa => {
            format!("(l.status = 'EXPIRED' OR (l.status = 'ISSUE' AND l.expires_on < {today}))")
        }
        RegistryStatus::Dicabut => "(l.status = 'REVOKE')".to_string(),
        RegistryStatus::Ditangguhkan => "(l.status = 'SUSPEND')".to_string(),
        RegistryStatus::Belum => {
            let list = BELUM_STATUSES
                .iter()
                .map(|s| format!("'{}'", s.code()))
                .collect::<Vec<_>>()
                .join(", ");
            format!("(l.status IS NULL OR l.status IN ({list}))")
        }
    }
}

fn order_by(sort: RegistrySort) -> &'static str {
    match sort {
        RegistrySort::Nama => "p.nama_tanpa_gelar COLLATE NOCASE, p.id",
        RegistrySort::Nik => "p.nik",
        RegistrySort::UnitKerja => "p.unit_kerja, p.nama_tanpa_gelar COLLATE NOCASE, p.id",
        RegistrySort::BerlakuSampai => "l.expires_on IS NULL, l.expires_on, p.id",
    }
}

/// The FROM and WHERE of a registry query, with its parameters.
fn registry_where(f: &RegistryFilter) -> (String, Vec<Value>) {
    let mut params: Vec<Value> = vec![Value::Text(f.today.to_string())];
    // ?1 is today; it is always referenced so that the parameter count is
    // the same whichever conditions use it.
    let mut conds: Vec<String> = vec!["?1 IS NOT NULL".to_string()];
    if let Some(fts) = &f.fts {
        params.push(Value::Text(fts.clone()));
        conds.push(format!(
            "p.id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?{})",
            params.len()
        ));
    }
    for d in &f.digits {
        params.push(Value::Text(d.clone()));
        let n = params.len();
        // A digit prefix as a B-tree range: every digit string starting with
        // `d` sorts between `d` and `d:` (':' follows '9' in ASCII).
        conds.push(format!(
            "((p.nik >= ?{n} AND p.nik < ?{n} || ':') OR (p.nip >= ?{n} AND p.nip < ?{n} || ':'))"
        ));
    }
    if let Some(unit) = &f.unit {
        params.push(Value::Text(unit.clone()));
        conds.push(format!("p.unit_kerja = ?{}", params.len()));
    }
    if let Some(status) = f.status {
        conds.push(status_condition(status, "?1"));
    }
    if let Some(until) = f.expiring_until {
        params.push(Value::Text(until.to_string()));
        conds.push(format!(
            "(l.status = 'ISSUE' AND l.expires_on >= ?1 AND l.expires_on <= ?{})",
            params.len()
        ));
    }
    let sql = format!(
        "FROM people p LEFT JOIN registry_latest l ON l.person_id = p.id WHERE {}",
        conds.join(" AND ")
    );
    (sql, params)
}

impl Db<'_> {
    /// How many people match the filter.
    pub(crate) fn registry_count(&self, f: &RegistryFilter) -> Result<i64> {
        let (from, params) = registry_where(f);
        let sql = format!("SELECT count(*) {from}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row(rusqlite::params_from_iter(params), |r| r.get(0))?)
    }

    /// One page of the registry. `limit` None means every matching row.
    pub(crate) fn registry_page(
        &self,
        f: &RegistryFilter,
        limit: Option<i64>,
        offset: i64,
    ) -> Result<Vec<LatestRow>> {
        let mut out = Vec::new();
        self.registry_each(f, limit, offset, |row| {
            out.push(row);
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `each` for every matching row in order, without collecting
    /// them (the export of 200,000 rows).
    pub(crate) fn registry_each(
        &self,
        f: &RegistryFilter,
        limit: Option<i64>,
        offset: i64,
        mut each: impl FnMut(LatestRow) -> Result<()>,
    ) -> Result<()> {
        let (from, mut params) = registry_where(f);
        let order = order_by(f.sort);
        params.push(Value::Integer(limit.unwrap_or(-1)));
        let lim = params.len();
        params.push(Value::Integer(offset.max(0)));
        let off = params.len();
        // The page's ids are chosen first, touching only what the filter and
        // the order need (an index-only scan for a plain page by name); the
        // full rows are read for those ids alone. With OFFSET 100000 this
        // skips 100,000 index entries instead of 100,000 joined rows.
        let sql = format!(
            "WITH page AS (SELECT p.id AS id {from} ORDER BY {order} LIMIT ?{lim} OFFSET ?{off})
             SELECT {P_COLUMNS}, {L_COLUMNS}
             FROM page JOIN people p ON p.id = page.id
             LEFT JOIN registry_latest l ON l.person_id = p.id
             LEFT JOIN certificates c ON c.id = l.certificate_id
             ORDER BY {order}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            each(latest_from_row(r)?)?;
        }
        Ok(())
    }

    /// Counts by derived status, per work unit (`by_unit`) or for the whole
    /// office (one row with an empty unit).
    pub(crate) fn registry_counts(
        &self,
        today: NaiveDate,
        by_unit: bool,
    ) -> Result<Vec<StatusCounts>> {
        let aktif = status_condition(RegistryStatus::Aktif, "?1");
        let kedaluwarsa = status_condition(RegistryStatus::Kedaluwarsa, "?1");
        let (unit_col, group) = if by_unit {
            (
                "p.unit_kerja",
                "GROUP BY p.unit_kerja ORDER BY p.unit_kerja",
            )
        } else {
            ("''", "")
        };
        let sql = format!(
            "SELECT {unit_col}, count(*),
                    total({aktif}), total({kedaluwarsa}),
                    total(l.status = 'REVOKE'), total(l.status = 'SUSPEND')
             FROM people p LEFT JOIN registry_latest l ON l.person_id = p.id
             {group}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([today.to_string()], |r| {
            Ok(StatusCounts {
                unit_kerja: r.get(0)?,
                pegawai: r.get(1)?,
                aktif: r.get::<_, f64>(2)? as i64,
                kedaluwarsa: r.get::<_, f64>(3)? as i64,
                dicabut: r.get::<_, f64>(4)? as i64,
                ditangguhkan: r.get::<_, f64>(5)? as i64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every certificate record with status REVOKE, newest revocation first.
    pub(crate) fn revoked_certificates(&self) -> Result<Vec<RevokedRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.person_id, p.nama, p.nik, p.nip, p.unit_kerja, c.issued_on, c.expires_on,
                    c.revoked_on, c.revocation_reason, c.revocation_wording, c.revocation_crl,
                    c.created_at
             FROM certificates c JOIN people p ON p.id = c.person_id
             WHERE c.status = 'REVOKE'
             ORDER BY coalesce(c.revoked_on, substr(c.created_at, 1, 10)) DESC, c.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RevokedRow {
                certificate_id: r.get(0)?,
                person_id: r.get(1)?,
                nama: r.get(2)?,
                nik: r.get(3)?,
                nip: r.get(4)?,
                unit_kerja: r.get(5)?,
                issued_on: date(r.get(6)?),
                expires_on: date(r.get(7)?),
                revoked_on: date(r.get(8)?),
                revocation: revocation_at(r, 9)?,
                recorded_at: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// A person and their latest certificate, found by NIK (the import's
    /// key). Cached statement: the import asks this once per row.
    pub(crate) fn latest_by_nik(&self, nik: &str) -> Result<Option<LatestRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {P_COLUMNS}, {L_COLUMNS}
             FROM people p LEFT JOIN registry_latest l ON l.person_id = p.id
             LEFT JOIN certificates c ON c.id = l.certificate_id
             WHERE p.nik = ?1"
        ))?;
        Ok(stmt.query_row([nik], latest_from_row).optional()?)
    }

    /// The id and name of whoever holds a NIP.
    pub(crate) fn nip_holder(&self, nip: &str) -> Result<Option<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, nama FROM people WHERE nip = ?1")?;
        Ok(stmt
            .query_row([nip], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The `created_at` of a certificate record (the import compares it with
    /// the date of a new record to keep the latest record the latest).
    pub(crate) fn certificate_created_at(&self, id: i64) -> Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT created_at FROM certificates WHERE id = ?1")?;
        Ok(stmt.query_row([id], |r| r.get(0)).optional()?)
    }

    /// Inserts a person (cached statement, for imports of many rows).
    pub(crate) fn import_insert_person(&self, p: &PersonData, now: &str) -> Result<i64> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO people(nama, nama_tanpa_gelar, nik, nip, jenis_pegawai, golongan, jabatan,
                                unit_kerja, email, telepon, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )?;
        stmt.execute(rusqlite::params![
            p.nama,
            p.nama_tanpa_gelar,
            p.nik,
            p.nip,
            p.jenis_pegawai.code(),
            p.golongan,
            p.jabatan,
            p.unit_kerja,
            p.email,
            p.telepon,
            now
        ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Updates a person (cached statement, for imports of many rows).
    pub(crate) fn import_update_person(&self, id: i64, p: &PersonData, now: &str) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "UPDATE people SET nama = ?2, nama_tanpa_gelar = ?3, nik = ?4, nip = ?5, jenis_pegawai = ?6,
                    golongan = ?7, jabatan = ?8, unit_kerja = ?9, email = ?10, telepon = ?11,
                    updated_at = ?12
             WHERE id = ?1",
        )?;
        stmt.execute(rusqlite::params![
            id,
            p.nama,
            p.nama_tanpa_gelar,
            p.nik,
            p.nip,
            p.jenis_pegawai.code(),
            p.golongan,
            p.jabatan,
            p.unit_kerja,
            p.email,
            p.telepon,
            now
        ])?;
        Ok(())
    }

    /// Records a certificate (cached statement, for imports of many rows).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn import_insert_certificate(
        &self,
        person_id: i64,
        status: CertStatus,
        issued_on: Option<NaiveDate>,
        expires_on: Option<NaiveDate>,
        revoked_on: Option<NaiveDate>,
        revocation: Option<&Revocation>,
        now: &str,
    ) -> Result<i64> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO certificates(person_id, status, issued_on, expires_on, revoked_on, revocation_reason,
                                      revocation_wording, revocation_crl, request_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?9)",
        )?;
        stmt.execute(rusqlite::params![
            person_id,
            status.code(),
            issued_on.map(|d| d.to_string()),
            expires_on.map(|d| d.to_string()),
            revoked_on.map(|d| d.to_string()),
            revocation.map(|r| r.reason.code()),
            revocation.map(|r| r.wording.as_str()),
            revocation.map(|r| i64::from(r.crl)),
            now
        ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The query plan of a registry page, for tests that guard against a
    /// full scan creeping back in.
    #[cfg(test)]
    pub(crate) fn registry_plan(&self, f: &RegistryFilter) -> Result<Vec<String>> {
        let (from, params) = registry_where(f);
        let order = order_by(f.sort);
        let sql = format!("EXPLAIN QUERY PLAN SELECT p.id {from} ORDER BY {order} LIMIT 50");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            r.get::<_, String>(3)
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
