//! Named queries of the registry of TTE users and of the spreadsheet import.
//!
//! The registry reads `registry_entries` (one row per person with the
//! latest certificate record, kept by triggers of migration 004) and
//! `people_fts` (names and units). The derived status (aktif, kedaluwarsa,
//! …) depends on today's date, so it is never stored: [`status_condition`]
//! turns it into a WHERE clause over the stored status group and expiry
//! date, and `crate::registry::registry_status` derives it in Rust for each
//! row. A test checks that both agree.
//!
//! How a page stays fast with 200,000 people: every filter and sort key is
//! a column of `registry_entries` with an index in the needed order, so a
//! page is an index range scan that stops after `offset + limit` rows. A
//! search is the exception: SQLite would fetch every match and sort them.
//! When the matches are many and the page is near the front, the search
//! term is made non-indexable (`+column`) so that SQLite walks the sort
//! index instead and checks each row against the (materialised) matches;
//! [`Drive`] picks by comparing the rows each way would touch.

use super::Db;
use super::people::person_from_row;
use crate::error::Result;
use crate::model::{CertStatus, Person, Revocation, RevocationReason};
use crate::registry::{RegistrySort, RegistryStatus};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};

/// The person columns with the `p.` alias, in `person_from_row` order.
const P_COLUMNS: &str = "p.id, p.nama, p.nama_tanpa_gelar, p.nik, p.nip, p.jenis_pegawai, p.golongan, \
     p.jabatan, p.unit_kerja, p.email, p.telepon, p.created_at, p.updated_at";

/// Columns after the person's: the latest certificate and its revocation.
const R_COLUMNS: &str = "r.certificate_id, r.status, r.issued_on, r.expires_on, r.revoked_on, \
     c.revocation_reason, c.revocation_wording, c.revocation_crl";

/// BSrE statuses whose holder has no usable certificate yet (or is in the
/// middle of getting one): status group B, with people who have no record.
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

/// Connection settings saved by [`Db::begin_bulk`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct BulkSettings {
    cache_size: i64,
    temp_store: i64,
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

impl RegistryFilter {
    fn has_search(&self) -> bool {
        self.fts.is_some() || !self.digits.is_empty()
    }
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

/// The WHERE condition on `r` (registry_entries) for a derived status.
/// `today` is the parameter's SQL text (e.g. `?1`).
fn status_condition(status: RegistryStatus, today: &str) -> String {
    match status {
        RegistryStatus::Aktif => {
            format!("(r.grp = 'A' AND (r.expires_on IS NULL OR r.expires_on >= {today}))")
        }
        RegistryStatus::Kedaluwarsa => {
            format!("(r.grp = 'X' OR (r.grp = 'A' AND r.expires_on < {today}))")
        }
        RegistryStatus::Dicabut => "(r.grp = 'R')".to_string(),
        RegistryStatus::Ditangguhkan => "(r.grp = 'S')".to_string(),
        RegistryStatus::Belum => "(r.grp = 'B')".to_string(),
    }
}

fn order_by(sort: RegistrySort) -> &'static str {
    match sort {
        RegistrySort::Nama => "r.name_key, r.person_id",
        RegistrySort::Nik => "p.nik",
        RegistrySort::UnitKerja => "r.unit_kerja, r.name_key, r.person_id",
        RegistrySort::BerlakuSampai => "coalesce(r.expires_on, '9999-12-31'), r.person_id",
    }
}

/// How SQLite should find a page's rows when there is a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Drive {
    /// From the search's matches (few matches, or a deep page).
    Matches,
    /// Along the sort order, checking each row against the matches (many
    /// matches and a page near the front).
    Order,
}

/// What a query built by [`registry_where`] is for: a count wants every
/// index it can use; a page wants the one that delivers rows in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Purpose {
    Count,
    Page,
}

/// The FROM and WHERE of a registry query, with its parameters. `drive`
/// matters only when there is a search.
fn registry_where(f: &RegistryFilter, drive: Drive, purpose: Purpose) -> Built {
    let mut params: Vec<Value> = vec![Value::Text(f.today.to_string())];
    // ?1 is today; it is always referenced so that the parameter count is
    // the same whichever conditions use it.
    let mut conds: Vec<String> = vec!["?1 IS NOT NULL".to_string()];
    // `+` makes a term unusable as an index constraint, so SQLite cannot
    // start from it (see the module comment).
    let plus = if drive == Drive::Order { "+" } else { "" };
    if let Some(fts) = &f.fts {
        params.push(Value::Text(fts.clone()));
        conds.push(format!(
            "{plus}r.person_id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?{})",
            params.len()
        ));
    }
    for d in &f.digits {
        params.push(Value::Text(d.clone()));
        let n = params.len();
        // A digit prefix as a B-tree range: every digit string starting with
        // `d` sorts between `d` and `d:` (':' follows '9' in ASCII).
        conds.push(format!(
            "(({plus}p.nik >= ?{n} AND {plus}p.nik < ?{n} || ':') OR ({plus}p.nip >= ?{n} AND {plus}p.nip < ?{n} || ':'))"
        ));
    }
    if let Some(unit) = &f.unit {
        params.push(Value::Text(unit.clone()));
        conds.push(format!("r.unit_kerja = ?{}", params.len()));
    }
    // A page in name or unit order is best found walking an index in that
    // order that holds status and expiry too (registry_name, or
    // registry_unit_name for one unit), not starting from an expiry range,
    // from two status groups, or from a status group when one unit is asked
    // for, all of which would then be looked up or sorted. `+` keeps SQLite
    // from starting at those terms. Counts want the opposite.
    let by_name =
        purpose == Purpose::Page && matches!(f.sort, RegistrySort::Nama | RegistrySort::UnitKerja);
    let exp = if by_name {
        "+r.expires_on"
    } else {
        "r.expires_on"
    };
    if let Some(status) = f.status {
        let cond = status_condition(status, "?1");
        let steer_grp = by_name && (status == RegistryStatus::Kedaluwarsa || f.unit.is_some());
        conds.push(if steer_grp {
            cond.replace("r.grp", "+r.grp")
        } else {
            cond
        });
    }
    if let Some(until) = f.expiring_until {
        params.push(Value::Text(until.to_string()));
        let n = params.len();
        let by_expiry = purpose == Purpose::Page && f.sort == RegistrySort::BerlakuSampai;
        let grp = if (by_name && f.unit.is_some()) || by_expiry {
            "+r.grp"
        } else {
            "r.grp"
        };
        let exp = if by_expiry { "+r.expires_on" } else { exp };
        conds.push(format!("({grp} = 'A' AND {exp} >= ?1 AND {exp} <= ?{n})"));
        if by_expiry {
            // The same range on the sort index's expression, so that the
            // page is a range of registry_expiry, already in order.
            conds.push(format!(
                "coalesce(r.expires_on, '9999-12-31') >= ?1 \
                 AND coalesce(r.expires_on, '9999-12-31') <= ?{n}"
            ));
        }
    }
    Built {
        join_people: !f.digits.is_empty() || f.sort == RegistrySort::Nik,
        conds: conds.join(" AND "),
        params,
    }
}

/// The conditions of a registry query and whether they need `people`.
struct Built {
    join_people: bool,
    conds: String,
    params: Vec<Value>,
}

impl Built {
    /// FROM and WHERE for the ids of a page or for a count.
    fn from(&self) -> String {
        let tables = if self.join_people {
            "registry_entries r JOIN people p ON p.id = r.person_id"
        } else {
            "registry_entries r"
        };
        format!("FROM {tables} WHERE {}", self.conds)
    }
}

impl Db<'_> {
    /// How many people the search alone matches (no other filter), and so
    /// how many rows a page driven by the matches would touch.
    pub(crate) fn registry_search_count(&self, f: &RegistryFilter) -> Result<Option<i64>> {
        if !f.has_search() {
            return Ok(None);
        }
        let search_only = RegistryFilter {
            unit: None,
            status: None,
            expiring_until: None,
            sort: RegistrySort::Nama,
            ..f.clone()
        };
        match (&f.fts, f.digits.as_slice()) {
            (Some(fts), []) => {
                // Names and units only: FTS5 counts its own matches.
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT count(*) FROM people_fts WHERE people_fts MATCH ?1")?;
                Ok(Some(stmt.query_row([fts], |r| r.get(0))?))
            }
            (None, [digits]) => self.digit_prefix_count(digits).map(Some),
            _ => self
                .registry_count_with(&search_only, Drive::Matches)
                .map(Some),
        }
    }

    /// How many people have a NIK or a NIP starting with `digits`: two
    /// index range counts, and their overlap only when both are non-zero
    /// (a NIK starts with a province code, a NIP with a birth year, so they
    /// rarely share a prefix). Counting the OR directly would gather every
    /// matching rowid first: 200,000 for "6305".
    fn digit_prefix_count(&self, digits: &str) -> Result<i64> {
        let mut nik = self
            .conn
            .prepare_cached("SELECT count(*) FROM people WHERE nik >= ?1 AND nik < ?1 || ':'")?;
        let by_nik: i64 = nik.query_row([digits], |r| r.get(0))?;
        let mut nip = self
            .conn
            .prepare_cached("SELECT count(*) FROM people WHERE nip >= ?1 AND nip < ?1 || ':'")?;
        let by_nip: i64 = nip.query_row([digits], |r| r.get(0))?;
        if by_nik == 0 || by_nip == 0 {
            return Ok(by_nik + by_nip);
        }
        let mut both = self.conn.prepare_cached(
            "SELECT count(*) FROM people WHERE nik >= ?1 AND nik < ?1 || ':'
                                          AND nip >= ?1 AND nip < ?1 || ':'",
        )?;
        let by_both: i64 = both.query_row([digits], |r| r.get(0))?;
        Ok(by_nik + by_nip - by_both)
    }

    /// How many people the registry holds (an upper bound from the rowid,
    /// for choosing a plan; exact enough, and O(1)).
    fn registry_size(&self) -> Result<i64> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT coalesce(max(person_id), 0) FROM registry_entries")?;
        Ok(stmt.query_row([], |r| r.get(0))?)
    }

    /// Picks how to find a page: along the sort order when the search's
    /// matches are many and the page is near the front.
    pub(crate) fn registry_drive(
        &self,
        f: &RegistryFilter,
        matches: Option<i64>,
        limit: i64,
        offset: i64,
    ) -> Result<Drive> {
        let Some(matches) = matches.filter(|m| *m > 0) else {
            return Ok(Drive::Matches);
        };
        if f.sort == RegistrySort::Nik {
            return Ok(Drive::Matches);
        }
        // Rows walked along the order before limit + offset matches turn up,
        // if matches are spread evenly; against the matches fetched and
        // sorted the other way.
        let size = self.registry_size()?.max(1);
        let walked = (offset + limit).saturating_mul(size) / matches;
        Ok(if walked < matches {
            Drive::Order
        } else {
            Drive::Matches
        })
    }

    /// How many people match the filter. A search alone is counted by
    /// the search; status and unit alone by the kept counts; anything else
    /// by counting the rows.
    pub(crate) fn registry_count(&self, f: &RegistryFilter, matches: Option<i64>) -> Result<i64> {
        let only_search = f.unit.is_none() && f.status.is_none() && f.expiring_until.is_none();
        match matches {
            Some(n) if only_search => Ok(n),
            None if f.expiring_until.is_none() => self.kept_count(f),
            _ => self.registry_count_with(f, Drive::Matches),
        }
    }

    /// People of one status and/or unit from `registry_counts`, with
    /// group A split by today's date.
    fn kept_count(&self, f: &RegistryFilter) -> Result<i64> {
        let unit = f.unit.as_deref();
        let mut kept = self.conn.prepare_cached(
            "SELECT coalesce(sum(n), 0) FROM registry_counts
             WHERE (?1 IS NULL OR unit_kerja = ?1) AND (?2 IS NULL OR grp = ?2)",
        )?;
        let mut kept = |grp: Option<&str>| -> Result<i64> {
            Ok(kept.query_row(rusqlite::params![unit, grp], |r| r.get(0))?)
        };
        let mut past = self.conn.prepare_cached(
            "SELECT count(*) FROM registry_entries
             WHERE grp = 'A' AND expires_on < ?1 AND (?2 IS NULL OR unit_kerja = ?2)",
        )?;
        let mut past = || -> Result<i64> {
            Ok(past.query_row(rusqlite::params![f.today.to_string(), unit], |r| r.get(0))?)
        };
        Ok(match f.status {
            None => kept(None)?,
            Some(RegistryStatus::Aktif) => kept(Some("A"))? - past()?,
            Some(RegistryStatus::Kedaluwarsa) => kept(Some("X"))? + past()?,
            Some(RegistryStatus::Dicabut) => kept(Some("R"))?,
            Some(RegistryStatus::Ditangguhkan) => kept(Some("S"))?,
            Some(RegistryStatus::Belum) => kept(Some("B"))?,
        })
    }

    fn registry_count_with(&self, f: &RegistryFilter, drive: Drive) -> Result<i64> {
        let built = registry_where(f, drive, Purpose::Count);
        let from = built.from();
        let params = built.params;
        let sql = format!("SELECT count(*) {from}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row(rusqlite::params_from_iter(params), |r| r.get(0))?)
    }

    /// One page of the registry. `limit` None means every matching row.
    pub(crate) fn registry_page(
        &self,
        f: &RegistryFilter,
        drive: Drive,
        limit: Option<i64>,
        offset: i64,
    ) -> Result<Vec<LatestRow>> {
        let mut out = Vec::new();
        self.registry_each(f, drive, limit, offset, |row| {
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
        drive: Drive,
        limit: Option<i64>,
        offset: i64,
        mut each: impl FnMut(LatestRow) -> Result<()>,
    ) -> Result<()> {
        let built = registry_where(f, drive, Purpose::Page);
        let order = order_by(f.sort);
        let mut params = built.params.clone();
        params.push(Value::Integer(limit.unwrap_or(-1)));
        let lim = params.len();
        params.push(Value::Integer(offset.max(0)));
        let off = params.len();
        // The page's ids are chosen first, touching only the indexes the
        // filter and the order need; the full rows are read for those ids
        // alone. With OFFSET 150000 this skips 150,000 index entries instead
        // of 150,000 joined rows.
        let sql = if limit.is_some() {
            let from = built.from();
            format!(
                "WITH page AS (SELECT r.person_id AS id {from}
                               ORDER BY {order} LIMIT ?{lim} OFFSET ?{off})
                 SELECT {P_COLUMNS}, {R_COLUMNS}
                 FROM page JOIN people p ON p.id = page.id
                 JOIN registry_entries r ON r.person_id = p.id
                 LEFT JOIN certificates c ON c.id = r.certificate_id
                 ORDER BY {order}"
            )
        } else {
            // Every row (an export): straight along the order, each row
            // completed as it comes, nothing sorted or held back. CROSS JOIN
            // fixes the loop order so the order's index drives.
            let tables = if f.sort == RegistrySort::Nik {
                "people p CROSS JOIN registry_entries r ON r.person_id = p.id"
            } else {
                "registry_entries r CROSS JOIN people p ON p.id = r.person_id"
            };
            let conds = &built.conds;
            format!(
                "SELECT {P_COLUMNS}, {R_COLUMNS}
                 FROM {tables} LEFT JOIN certificates c ON c.id = r.certificate_id
                 WHERE {conds} AND ?{lim} < 0 AND ?{off} >= 0
                 ORDER BY {order}"
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            each(latest_from_row(r)?)?;
        }
        Ok(())
    }

    /// Counts by derived status, per work unit (`by_unit`, in unit order)
    /// or for the whole office (one row with an empty unit): the kept counts
    /// per status group, with group A split by today's date.
    pub(crate) fn registry_counts(
        &self,
        today: NaiveDate,
        by_unit: bool,
    ) -> Result<Vec<StatusCounts>> {
        use std::collections::BTreeMap;
        let mut units: BTreeMap<String, StatusCounts> = BTreeMap::new();
        let key = |unit: String| if by_unit { unit } else { String::new() };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT unit_kerja, grp, n FROM registry_counts WHERE n > 0")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let unit = key(r.get(0)?);
            let grp: String = r.get(1)?;
            let n: i64 = r.get(2)?;
            let c = units.entry(unit.clone()).or_insert_with(|| StatusCounts {
                unit_kerja: unit,
                ..StatusCounts::default()
            });
            c.pegawai += n;
            match grp.as_str() {
                "A" => c.aktif += n,
                "X" => c.kedaluwarsa += n,
                "R" => c.dicabut += n,
                "S" => c.ditangguhkan += n,
                _ => {}
            }
        }
        let mut past = self.conn.prepare_cached(
            "SELECT unit_kerja, count(*) FROM registry_entries
             WHERE grp = 'A' AND expires_on < ?1 GROUP BY unit_kerja",
        )?;
        let mut rows = past.query([today.to_string()])?;
        while let Some(r) = rows.next()? {
            let unit = key(r.get(0)?);
            let n: i64 = r.get(1)?;
            if let Some(c) = units.get_mut(&unit) {
                c.aktif -= n;
                c.kedaluwarsa += n;
            }
        }
        if !by_unit && units.is_empty() {
            units.insert(String::new(), StatusCounts::default());
        }
        Ok(units.into_values().collect())
    }

    /// Every certificate record with status REVOKE, newest revocation first.
    pub(crate) fn revoked_certificates(&self) -> Result<Vec<RevokedRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.person_id, p.nama, p.nik, p.nip, p.unit_kerja, c.issued_on, c.expires_on,
                    c.revoked_on, c.revocation_reason, c.revocation_wording, c.revocation_crl,
                    c.created_at
             FROM certificates c INDEXED BY certificates_revoked
             JOIN people p ON p.id = c.person_id
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
            "SELECT {P_COLUMNS}, {R_COLUMNS}
             FROM people p JOIN registry_entries r ON r.person_id = p.id
             LEFT JOIN certificates c ON c.id = r.certificate_id
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

    /// Prepares the connection for a bulk write of many rows: a page cache
    /// of `cache_kib` (if larger than the current one) and statement
    /// journals in memory. Returns the settings to restore with
    /// [`Db::end_bulk`].
    ///
    /// Why: an import touches a dozen indexes at random places. With
    /// SQLite's default 2 MB cache nearly every insert misses, and every
    /// statement with triggers writes the pages it changes to a statement
    /// journal that spills to a temporary file: measured on 50,000 rows,
    /// 9.7 s with the defaults, 6.1 s with 64 MB and journals in memory.
    pub(crate) fn begin_bulk(&self, cache_kib: i64) -> Result<BulkSettings> {
        let saved = BulkSettings {
            cache_size: self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?,
            temp_store: self.conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?,
        };
        let current_kib = if saved.cache_size < 0 {
            -saved.cache_size
        } else {
            saved.cache_size * 4
        };
        if cache_kib > current_kib {
            self.conn.pragma_update(None, "cache_size", -cache_kib)?;
        }
        self.conn.pragma_update(None, "temp_store", 2)?;
        Ok(saved)
    }

    pub(crate) fn end_bulk(&self, saved: BulkSettings) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", saved.cache_size)?;
        self.conn
            .pragma_update(None, "temp_store", saved.temp_store)?;
        Ok(())
    }

    /// The query plan of a registry page, for tests that guard the indexes.
    #[cfg(test)]
    pub(crate) fn registry_plan(&self, f: &RegistryFilter, drive: Drive) -> Result<String> {
        let built = registry_where(f, drive, Purpose::Page);
        let (from, params) = (built.from(), built.params);
        let order = order_by(f.sort);
        let sql = format!("EXPLAIN QUERY PLAN SELECT r.person_id {from} ORDER BY {order} LIMIT 50");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            r.get::<_, String>(3)
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.join(" | "))
    }
}
