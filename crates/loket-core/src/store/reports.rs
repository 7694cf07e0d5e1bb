//! The report queries: counts and aggregates over requests, their history
//! and certificate records, computed in SQL so a year of a big office is
//! summed where the rows are instead of being carried into Rust.
//!
//! Periods arrive as text bounds (`from` inclusive, `until` exclusive, e.g.
//! `2026-11-01` and `2026-12-01`). Stored times are RFC 3339 with the local
//! offset and certificate dates are `YYYY-MM-DD`, so both begin with the
//! local date and compare as text: a stamp written at 23:59 WITA on
//! 30 November belongs to November, as the office saw it.
//!
//! Durations are whole minutes, `(unixepoch(acted) - unixepoch(started)) /
//! 60` truncated, the same figure the request page shows
//! (`lifecycle::StepView::actual_minutes`), and a step is over its standard
//! when it took more than the standard's upper end, as there.

use super::Db;
use crate::error::Result;
use rusqlite::params;

/// The end states of a request and the events that put it there.
const END_KINDS: &str = "'done', 'skipped', 'reject', 'cancel'";

/// Minutes a completed step took, from its event row `e`.
const STEP_MINUTES: &str = "max(0, (unixepoch(e.acted_at) - unixepoch(e.started_at)) / 60)";

/// The upper end of each step's standard time, given as a JSON array of
/// `[sop_ref, step_no, max_minutes]` in the parameter named here. Only steps
/// that have a standard are listed.
const STANDARDS_CTE: &str = "std(sop_ref, step_no, max_min) AS MATERIALIZED (
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
        FROM json_each(:std))";

/// A count for a (request type, status) pair; codes as stored.
#[derive(Debug)]
pub(crate) struct TypeStatusCount {
    pub jenis: String,
    pub status: String,
    pub count: i64,
}

/// Completions of one SOP step in the period.
#[derive(Debug)]
pub(crate) struct StepAgg {
    pub sop_ref: i64,
    pub step_no: u32,
    pub completions: i64,
    pub total_minutes: i64,
    pub max_minutes: i64,
    pub over_standard: i64,
}

/// A step completed (or, for `elapsed`, still waiting) over its standard.
#[derive(Debug)]
pub(crate) struct OverdueRow {
    pub nomor: String,
    pub jenis: String,
    pub nama: String,
    pub sop_ref: i64,
    pub step_no: u32,
    pub started_at: String,
    /// When it was completed; `None` for a step still waiting.
    pub acted_at: Option<String>,
    pub minutes: i64,
    pub standard_max: i64,
}

/// A revoked certificate.
#[derive(Debug)]
pub(crate) struct RevokedRow {
    pub revoked_on: String,
    pub nama: String,
    pub nip: Option<String>,
    pub unit_kerja: String,
    pub reason: Option<String>,
    pub wording: Option<String>,
    pub crl: Option<i64>,
    pub nomor: Option<String>,
}

/// Revocations per reason code and CRL code.
#[derive(Debug)]
pub(crate) struct ReasonAgg {
    pub reason: Option<String>,
    pub crl: Option<i64>,
    pub count: i64,
}

/// Requests created in one month, by type; certificates issued and revoked.
#[derive(Debug)]
pub(crate) struct MonthAgg {
    /// `YYYY-MM`.
    pub month: String,
    pub jenis: Option<String>,
    pub count: i64,
}

/// The condition "certificate `c` was in force on day `:d`" (a `YYYY-MM-DD`
/// parameter), from the record as it stands:
/// - issued on or before that day (a record without an issue date counts
///   only while it is ISSUE: the office entered it as active);
/// - not expired before that day (expiry on the day still signs, as in
///   `Certificate::effective_status`); no expiry date counts only for ISSUE;
/// - not revoked on or before that day;
/// - a renewed (RENEW) certificate ends when the person's next certificate
///   was issued;
/// - other statuses (SUSPEND, NEW, …) never count.
const IN_FORCE: &str = "c.status IN ('ISSUE', 'EXPIRED', 'REVOKE', 'RENEW')
    AND (c.issued_on <= :d OR (c.issued_on IS NULL AND c.status = 'ISSUE'))
    AND (c.expires_on >= :d OR (c.expires_on IS NULL AND c.status = 'ISSUE'))
    AND (c.revoked_on IS NULL OR c.revoked_on > :d)
    AND (c.status <> 'RENEW' OR NOT EXISTS (
            SELECT 1 FROM certificates n
            WHERE n.person_id = c.person_id AND n.id > c.id AND n.issued_on <= :d))";

impl Db<'_> {
    /// Requests created in the period, by type and by their status now.
    pub(crate) fn report_created(&self, from: &str, until: &str) -> Result<Vec<TypeStatusCount>> {
        let mut stmt = self.conn.prepare(
            "SELECT jenis, status, count(*) FROM requests
             WHERE created_at >= ?1 AND created_at < ?2
             GROUP BY jenis, status",
        )?;
        let rows = stmt.query_map([from, until], |r| {
            Ok(TypeStatusCount {
                jenis: r.get(0)?,
                status: r.get(1)?,
                count: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Requests that reached an end state (selesai, ditolak, dibatalkan) in
    /// the period and are still in it, by type and status. The end is the
    /// time of the request's latest done, skipped, reject or cancel event.
    ///
    /// `updated_after` is a bound below which no candidate can have ended
    /// (a day before `from`: an event may be dated up to a few minutes
    /// after it was recorded), so the history is read only for requests
    /// touched around the period.
    pub(crate) fn report_ended(
        &self,
        from: &str,
        until: &str,
        updated_after: &str,
    ) -> Result<Vec<TypeStatusCount>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT jenis, status, count(*) FROM (
                SELECT r.jenis AS jenis, r.status AS status,
                       (SELECT max(e.acted_at) FROM request_events e
                        WHERE e.request_id = r.id AND e.kind IN ({END_KINDS})) AS ended
                FROM requests r
                WHERE r.status IN ('selesai', 'ditolak', 'dibatalkan')
                  AND r.created_at < ?2 AND r.updated_at >= ?3)
             WHERE ended >= ?1 AND ended < ?2
             GROUP BY jenis, status"
        ))?;
        let rows = stmt.query_map([from, until, updated_after], |r| {
            Ok(TypeStatusCount {
                jenis: r.get(0)?,
                status: r.get(1)?,
                count: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every completion of an SOP step in the period, summed per SOP version
    /// and step. `standards` is the JSON described at [`STANDARDS_CTE`].
    pub(crate) fn report_step_times(
        &self,
        from: &str,
        until: &str,
        standards: &str,
    ) -> Result<Vec<StepAgg>> {
        let mut stmt = self.conn.prepare(&format!(
            "WITH {STANDARDS_CTE},
             d AS (
                SELECT r.sop_ref AS sop_ref, e.step_no AS step_no, {STEP_MINUTES} AS m
                FROM request_events e JOIN requests r ON r.id = e.request_id
                WHERE e.kind = 'done' AND e.step_no IS NOT NULL AND e.started_at IS NOT NULL
                  AND r.sop_ref IS NOT NULL
                  AND e.acted_at >= :from AND e.acted_at < :until)
             SELECT d.sop_ref, d.step_no, count(*), sum(d.m), max(d.m),
                    sum(CASE WHEN d.m > s.max_min THEN 1 ELSE 0 END)
             FROM d LEFT JOIN std s ON s.sop_ref = d.sop_ref AND s.step_no = d.step_no
             GROUP BY d.sop_ref, d.step_no
             ORDER BY d.sop_ref, d.step_no"
        ))?;
        let rows = stmt.query_map(
            rusqlite::named_params! {":from": from, ":until": until, ":std": standards},
            |r| {
                Ok(StepAgg {
                    sop_ref: r.get(0)?,
                    step_no: r.get::<_, i64>(1)? as u32,
                    completions: r.get(2)?,
                    total_minutes: r.get(3)?,
                    max_minutes: r.get(4)?,
                    over_standard: r.get(5)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Steps completed in the period over their standard, the most overdue
    /// first, at most `limit`.
    pub(crate) fn report_overdue_done(
        &self,
        from: &str,
        until: &str,
        standards: &str,
        limit: i64,
    ) -> Result<Vec<OverdueRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "WITH {STANDARDS_CTE},
             d AS (
                SELECT e.request_id AS request_id, r.sop_ref AS sop_ref, e.step_no AS step_no,
                       e.started_at AS started_at, e.acted_at AS acted_at, {STEP_MINUTES} AS m
                FROM request_events e JOIN requests r ON r.id = e.request_id
                WHERE e.kind = 'done' AND e.step_no IS NOT NULL AND e.started_at IS NOT NULL
                  AND r.sop_ref IS NOT NULL
                  AND e.acted_at >= :from AND e.acted_at < :until)
             SELECT r.nomor, r.jenis, p.nama, d.sop_ref, d.step_no, d.started_at, d.acted_at,
                    d.m, s.max_min
             FROM d JOIN std s ON s.sop_ref = d.sop_ref AND s.step_no = d.step_no
                    JOIN requests r ON r.id = d.request_id
                    JOIN people p ON p.id = r.person_id
             WHERE d.m > s.max_min
             ORDER BY d.m - s.max_min DESC, d.acted_at
             LIMIT :limit"
        ))?;
        let rows = stmt.query_map(
            rusqlite::named_params! {
                ":from": from, ":until": until, ":std": standards, ":limit": limit
            },
            |r| {
                Ok(OverdueRow {
                    nomor: r.get(0)?,
                    jenis: r.get(1)?,
                    nama: r.get(2)?,
                    sop_ref: r.get(3)?,
                    step_no: r.get::<_, i64>(4)? as u32,
                    started_at: r.get(5)?,
                    acted_at: r.get(6)?,
                    minutes: r.get(7)?,
                    standard_max: r.get(8)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Requests in progress whose current step has run over its standard at
    /// `now` (an RFC 3339 stamp), the most overdue first. All of them: they
    /// are few in any office that works its queue, and the caller counts
    /// them.
    pub(crate) fn report_overdue_now(&self, now: &str, standards: &str) -> Result<Vec<OverdueRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "WITH {STANDARDS_CTE},
             d AS (
                SELECT r.id AS request_id, r.sop_ref AS sop_ref, r.current_step AS step_no,
                       r.step_started_at AS started_at,
                       max(0, (unixepoch(:now) - unixepoch(r.step_started_at)) / 60) AS m
                FROM requests r
                WHERE r.status = 'diproses' AND r.current_step IS NOT NULL
                  AND r.step_started_at IS NOT NULL AND r.sop_ref IS NOT NULL)
             SELECT r.nomor, r.jenis, p.nama, d.sop_ref, d.step_no, d.started_at, NULL,
                    d.m, s.max_min
             FROM d JOIN std s ON s.sop_ref = d.sop_ref AND s.step_no = d.step_no
                    JOIN requests r ON r.id = d.request_id
                    JOIN people p ON p.id = r.person_id
             WHERE d.m > s.max_min
             ORDER BY d.m - s.max_min DESC, d.started_at"
        ))?;
        let rows = stmt.query_map(
            rusqlite::named_params! {":now": now, ":std": standards},
            |r| {
                Ok(OverdueRow {
                    nomor: r.get(0)?,
                    jenis: r.get(1)?,
                    nama: r.get(2)?,
                    sop_ref: r.get(3)?,
                    step_no: r.get::<_, i64>(4)? as u32,
                    started_at: r.get(5)?,
                    acted_at: r.get(6)?,
                    minutes: r.get(7)?,
                    standard_max: r.get(8)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The SOP versions that requests in progress run on, so the caller
    /// knows which standards to load for [`Db::report_overdue_now`].
    pub(crate) fn report_sop_refs_in_progress(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT sop_ref FROM requests
             WHERE status = 'diproses' AND sop_ref IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The SOP versions with a completed step in the period.
    pub(crate) fn report_sop_refs_done(&self, from: &str, until: &str) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT r.sop_ref
             FROM request_events e JOIN requests r ON r.id = e.request_id
             WHERE e.kind = 'done' AND e.acted_at >= ?1 AND e.acted_at < ?2
               AND r.sop_ref IS NOT NULL",
        )?;
        let rows = stmt.query_map([from, until], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Certificate records issued in the period, and revoked in it.
    pub(crate) fn report_cert_counts(&self, from: &str, until: &str) -> Result<(i64, i64)> {
        let issued: i64 = self.conn.query_row(
            "SELECT count(*) FROM certificates WHERE issued_on >= ?1 AND issued_on < ?2",
            [from, until],
            |r| r.get(0),
        )?;
        let revoked: i64 = self.conn.query_row(
            "SELECT count(*) FROM certificates
             WHERE status = 'REVOKE' AND revoked_on >= ?1 AND revoked_on < ?2",
            [from, until],
            |r| r.get(0),
        )?;
        Ok((issued, revoked))
    }

    /// Certificates revoked in the period, oldest first, with the holder
    /// and the request that revoked it.
    pub(crate) fn report_revocations(&self, from: &str, until: &str) -> Result<Vec<RevokedRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.revoked_on, p.nama, p.nip, p.unit_kerja, c.revocation_reason,
                    c.revocation_wording, c.revocation_crl, r.nomor
             FROM certificates c JOIN people p ON p.id = c.person_id
                  LEFT JOIN requests r ON r.id = c.request_id
             WHERE c.status = 'REVOKE' AND c.revoked_on >= ?1 AND c.revoked_on < ?2
             ORDER BY c.revoked_on, c.id",
        )?;
        let rows = stmt.query_map([from, until], |r| {
            Ok(RevokedRow {
                revoked_on: r.get(0)?,
                nama: r.get(1)?,
                nip: r.get(2)?,
                unit_kerja: r.get(3)?,
                reason: r.get(4)?,
                wording: r.get(5)?,
                crl: r.get(6)?,
                nomor: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Revocations in the period per reason and CRL code.
    pub(crate) fn report_revocation_reasons(
        &self,
        from: &str,
        until: &str,
    ) -> Result<Vec<ReasonAgg>> {
        let mut stmt = self.conn.prepare(
            "SELECT revocation_reason, revocation_crl, count(*) FROM certificates
             WHERE status = 'REVOKE' AND revoked_on >= ?1 AND revoked_on < ?2
             GROUP BY revocation_reason, revocation_crl
             ORDER BY count(*) DESC, revocation_reason",
        )?;
        let rows = stmt.query_map([from, until], |r| {
            Ok(ReasonAgg {
                reason: r.get(0)?,
                crl: r.get(1)?,
                count: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// People holding a certificate in force on `day` (`YYYY-MM-DD`), and
    /// how many of them hold one that expires from `day` up to and
    /// including `soon`.
    pub(crate) fn report_active(&self, day: &str, soon: &str) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            &format!(
                "SELECT count(DISTINCT c.person_id),
                        count(DISTINCT CASE WHEN c.expires_on <= :soon THEN c.person_id END)
                 FROM certificates c WHERE {IN_FORCE}"
            ),
            rusqlite::named_params! {":d": day, ":soon": soon},
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// [`Db::report_active`] per work unit (the person's unit now), largest
    /// first.
    pub(crate) fn report_active_by_unit(&self, day: &str) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT p.unit_kerja, count(DISTINCT c.person_id)
             FROM certificates c JOIN people p ON p.id = c.person_id
             WHERE {IN_FORCE}
             GROUP BY p.unit_kerja
             ORDER BY count(DISTINCT c.person_id) DESC, p.unit_kerja"
        ))?;
        let rows = stmt.query_map(rusqlite::named_params! {":d": day}, |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Requests created per month and type in `[from, until)`.
    pub(crate) fn report_monthly_requests(&self, from: &str, until: &str) -> Result<Vec<MonthAgg>> {
        let mut stmt = self.conn.prepare(
            "SELECT substr(created_at, 1, 7), jenis, count(*) FROM requests
             WHERE created_at >= ?1 AND created_at < ?2
             GROUP BY substr(created_at, 1, 7), jenis",
        )?;
        let rows = stmt.query_map([from, until], |r| {
            Ok(MonthAgg {
                month: r.get(0)?,
                jenis: r.get(1)?,
                count: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Certificates issued (`jenis` = `issued`) and revoked (`revoked`) per
    /// month in `[from, until)`.
    pub(crate) fn report_monthly_certs(&self, from: &str, until: &str) -> Result<Vec<MonthAgg>> {
        let mut stmt = self.conn.prepare(
            "SELECT substr(issued_on, 1, 7), 'issued', count(*) FROM certificates
             WHERE issued_on >= ?1 AND issued_on < ?2
             GROUP BY substr(issued_on, 1, 7)
             UNION ALL
             SELECT substr(revoked_on, 1, 7), 'revoked', count(*) FROM certificates
             WHERE status = 'REVOKE' AND revoked_on >= ?1 AND revoked_on < ?2
             GROUP BY substr(revoked_on, 1, 7)",
        )?;
        let rows = stmt.query_map(params![from, until], |r| {
            Ok(MonthAgg {
                month: r.get(0)?,
                jenis: r.get(1)?,
                count: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Rows for the benchmark's synthetic office, inserted without validation or
/// audit entries (see `reports::synthetic`). Never used by the app.
#[doc(hidden)]
pub(crate) mod bulk {
    pub(crate) struct Person {
        pub nama: String,
        pub nik: String,
        pub nip: String,
        pub unit_kerja: &'static str,
        pub jabatan: &'static str,
        pub golongan: &'static str,
        pub email: String,
    }

    pub(crate) struct Event {
        pub step_no: Option<u32>,
        pub kind: &'static str,
        pub acted_at: String,
        pub started_at: Option<String>,
        pub to_step: Option<u32>,
        pub condition_held: Option<bool>,
        pub note: Option<&'static str>,
    }

    pub(crate) struct Request {
        pub nomor: String,
        pub jenis: &'static str,
        /// Index into the people slice.
        pub person: usize,
        pub alasan: Option<crate::model::RevocationReason>,
        pub status: &'static str,
        pub created_at: String,
        pub updated_at: String,
        pub sop_ref: i64,
        pub current_step: Option<u32>,
        pub step_started_at: Option<String>,
        pub events: Vec<Event>,
    }

    pub(crate) struct Cert {
        pub person: usize,
        pub status: &'static str,
        pub issued_on: Option<String>,
        pub expires_on: Option<String>,
        pub revoked_on: Option<String>,
        pub reason: Option<crate::model::RevocationReason>,
        /// Index into the requests slice.
        pub request: Option<usize>,
    }
}

impl Db<'_> {
    /// Inserts the synthetic rows with prepared statements (one
    /// transaction: the caller's `write`).
    pub(crate) fn insert_bulk(
        &self,
        people: &[bulk::Person],
        requests: &[bulk::Request],
        certs: &[bulk::Cert],
        now: &str,
    ) -> Result<(usize, usize)> {
        let mut person_ids = Vec::with_capacity(people.len());
        {
            let mut stmt = self.conn.prepare(
                "INSERT INTO people(nama, nama_tanpa_gelar, nik, nip, jenis_pegawai, golongan,
                                    jabatan, unit_kerja, email, telepon, created_at, updated_at)
                 VALUES (?1, ?1, ?2, ?3, 'pns', ?4, ?5, ?6, ?7, NULL, ?8, ?8)",
            )?;
            for p in people {
                stmt.execute(params![
                    p.nama,
                    p.nik,
                    p.nip,
                    p.golongan,
                    p.jabatan,
                    p.unit_kerja,
                    p.email,
                    now
                ])?;
                person_ids.push(self.conn.last_insert_rowid());
            }
        }
        let mut request_ids = Vec::with_capacity(requests.len());
        let mut events = 0;
        {
            let mut req = self.conn.prepare(
                "INSERT INTO requests(uuid, nomor, jenis, person_id, alasan, alasan_crl, status,
                                      attempt, created_at, updated_at, sop_ref, current_step,
                                      step_started_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let mut ev = self.conn.prepare(
                "INSERT INTO request_events(request_id, attempt, step_no, kind, actor, acted_at,
                                            recorded_at, started_at, note, to_step, condition_held)
                 VALUES (?1, 1, ?2, ?3, 'sintetis', ?4, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (i, r) in requests.iter().enumerate() {
                req.execute(params![
                    format!("sintetis-{i}"),
                    r.nomor,
                    r.jenis,
                    person_ids[r.person],
                    r.alasan.map(|a| a.code()),
                    r.alasan.map(|a| a.crl().code()),
                    r.status,
                    r.created_at,
                    r.updated_at,
                    r.sop_ref,
                    r.current_step,
                    r.step_started_at
                ])?;
                let id = self.conn.last_insert_rowid();
                request_ids.push(id);
                for e in &r.events {
                    ev.execute(params![
                        id,
                        e.step_no,
                        e.kind,
                        e.acted_at,
                        e.started_at,
                        e.note,
                        e.to_step,
                        e.condition_held.map(i64::from)
                    ])?;
                    events += 1;
                }
            }
        }
        {
            let mut stmt = self.conn.prepare(
                "INSERT INTO certificates(person_id, status, issued_on, expires_on, revoked_on,
                                          revocation_reason, revocation_wording, revocation_crl,
                                          request_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?;
            for c in certs {
                stmt.execute(params![
                    person_ids[c.person],
                    c.status,
                    c.issued_on,
                    c.expires_on,
                    c.revoked_on,
                    c.reason.map(|r| r.code()),
                    c.reason.map(|r| r.wording().id),
                    c.reason.map(|r| r.crl().code()),
                    c.request.map(|i| request_ids[i]),
                    now
                ])?;
            }
        }
        Ok((requests.len(), events))
    }
}
