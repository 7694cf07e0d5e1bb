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

/// The upper end of a step's standard time, looked up in the `:std`
/// parameter: a JSON object `{"<sop_ref>:<step_no>": max_minutes}` holding
/// the steps that have a standard (NULL for the others, so `m > STANDARD`
/// is never true for them). SQLite keeps the parsed object for the whole
/// statement, so this is a hash lookup per row; joining a table of
/// standards instead made SQLite scan it for every event.
fn standard(sop_ref: &str, step_no: &str) -> String {
    format!("json_extract(:std, '$.\"' || {sop_ref} || ':' || {step_no} || '\"')")
}

/// A count for a (request type, status) pair; codes as stored.
#[derive(Debug)]
pub(crate) struct TypeStatusCount {
    pub jenis: String,
    pub status: String,
    pub count: i64,
}

/// How many completions of one SOP step in the period took `minutes`.
#[derive(Debug)]
pub(crate) struct StepMinutes {
    pub sop_ref: i64,
    pub step_no: u32,
    pub minutes: i64,
    pub count: i64,
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

fn overdue_from_row(r: &rusqlite::Row) -> rusqlite::Result<OverdueRow> {
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
    /// Runs `f` inside one read transaction, so every query of a report
    /// sees the database at one instant (under WAL another process may
    /// keep writing meanwhile). Only for reads: `f` must not write.
    pub(crate) fn report_snapshot<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = f(self);
        // Nothing was written, so ending the transaction either way is the
        // same; it must end even when a query failed.
        let end = self.conn.execute_batch("COMMIT");
        let out = out?;
        end?;
        Ok(out)
    }

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
    /// Candidates are the requests with such an event in the period (read
    /// through the `(kind, acted_at)` index, so a month costs a month's
    /// events); a candidate counts when its latest one falls before the
    /// period's end. The `+` signs steer SQLite: candidates are looked up by
    /// id rather than by walking every finished request's status, and the
    /// latest event is found through the per-request index; through the
    /// `(kind, acted_at)` index it would read the whole history once per
    /// request (measured: 40 s instead of 40 ms).
    pub(crate) fn report_ended(&self, from: &str, until: &str) -> Result<Vec<TypeStatusCount>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.jenis, r.status, count(*) FROM requests r
             WHERE r.id IN (SELECT e.request_id FROM request_events e
                            WHERE e.kind IN ({END_KINDS}) AND e.acted_at >= ?1 AND e.acted_at < ?2)
               AND +r.status IN ('selesai', 'ditolak', 'dibatalkan')
               AND (SELECT max(e.acted_at) FROM request_events e
                    WHERE e.request_id = r.id AND +e.kind IN ({END_KINDS})) < ?2
             GROUP BY r.jenis, r.status"
        ))?;
        let rows = stmt.query_map([from, until], |r| {
            Ok(TypeStatusCount {
                jenis: r.get(0)?,
                status: r.get(1)?,
                count: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every completion of an SOP step in the period, as a histogram: per
    /// SOP version, step and whole minutes taken, how many. Counts,
    /// averages, maxima and "over the standard" follow from it exactly, and
    /// it stays small (a few thousand rows for a big office's year) while
    /// the standards stay in Rust.
    pub(crate) fn report_step_minutes(&self, from: &str, until: &str) -> Result<Vec<StepMinutes>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.sop_ref, e.step_no, {STEP_MINUTES} AS m, count(*)
             FROM request_events e JOIN requests r ON r.id = e.request_id
             WHERE e.kind = 'done' AND e.step_no IS NOT NULL AND e.started_at IS NOT NULL
               AND r.sop_ref IS NOT NULL
               AND e.acted_at >= ?1 AND e.acted_at < ?2
             GROUP BY r.sop_ref, e.step_no, m"
        ))?;
        let rows = stmt.query_map([from, until], |r| {
            Ok(StepMinutes {
                sop_ref: r.get(0)?,
                step_no: r.get::<_, i64>(1)? as u32,
                minutes: r.get(2)?,
                count: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Steps completed in the period over their standard, the most overdue
    /// first, at most `limit`. `standards` is the JSON described at
    /// [`standard`]. The names are joined only to the rows kept.
    pub(crate) fn report_overdue_done(
        &self,
        from: &str,
        until: &str,
        standards: &str,
        limit: i64,
    ) -> Result<Vec<OverdueRow>> {
        let std = standard("r.sop_ref", "e.step_no");
        let mut stmt = self.conn.prepare(&format!(
            "WITH o AS MATERIALIZED (
                SELECT * FROM (
                    SELECT e.request_id AS request_id, r.sop_ref AS sop_ref, e.step_no AS step_no,
                           e.started_at AS started_at, e.acted_at AS acted_at,
                           {STEP_MINUTES} AS m, {std} AS max_min
                    FROM request_events e JOIN requests r ON r.id = e.request_id
                    WHERE e.kind = 'done' AND e.step_no IS NOT NULL AND e.started_at IS NOT NULL
                      AND r.sop_ref IS NOT NULL
                      AND e.acted_at >= :from AND e.acted_at < :until)
                WHERE m > max_min
                ORDER BY m - max_min DESC, acted_at
                LIMIT :limit)
             SELECT r.nomor, r.jenis, p.nama, o.sop_ref, o.step_no, o.started_at, o.acted_at,
                    o.m, o.max_min
             FROM o JOIN requests r ON r.id = o.request_id
                    JOIN people p ON p.id = r.person_id
             ORDER BY o.m - o.max_min DESC, o.acted_at"
        ))?;
        let rows = stmt.query_map(
            rusqlite::named_params! {
                ":from": from, ":until": until, ":std": standards, ":limit": limit
            },
            overdue_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Requests in progress whose current step has run over its standard at
    /// `now` (an RFC 3339 stamp), the most overdue first. All of them: they
    /// are few in any office that works its queue, and the caller counts
    /// them.
    pub(crate) fn report_overdue_now(&self, now: &str, standards: &str) -> Result<Vec<OverdueRow>> {
        let std = standard("r.sop_ref", "r.current_step");
        let mut stmt = self.conn.prepare(&format!(
            "WITH o AS MATERIALIZED (
                SELECT * FROM (
                    SELECT r.id AS request_id, r.sop_ref AS sop_ref, r.current_step AS step_no,
                           r.step_started_at AS started_at,
                           max(0, (unixepoch(:now) - unixepoch(r.step_started_at)) / 60) AS m,
                           {std} AS max_min
                    FROM requests r
                    WHERE r.status = 'diproses' AND r.current_step IS NOT NULL
                      AND r.step_started_at IS NOT NULL AND r.sop_ref IS NOT NULL)
                WHERE m > max_min)
             SELECT r.nomor, r.jenis, p.nama, o.sop_ref, o.step_no, o.started_at, NULL,
                    o.m, o.max_min
             FROM o JOIN requests r ON r.id = o.request_id
                    JOIN people p ON p.id = r.person_id
             ORDER BY o.m - o.max_min DESC, o.started_at"
        ))?;
        let rows = stmt.query_map(
            rusqlite::named_params! {":now": now, ":std": standards},
            overdue_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every stored SOP version (they are few: presets and imports).
    pub(crate) fn report_sop_refs(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare("SELECT id FROM sops ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
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

    /// People holding a certificate in force on `day` (`YYYY-MM-DD`) per
    /// work unit (the person's unit now), largest first, and how many of
    /// them hold one that expires from `day` up to and including `soon`.
    /// A person counts once however many certificates they hold; a person
    /// has one unit, so the units' counts add up to the office's.
    ///
    /// The certificates are read whole (`NOT INDEXED`): most of them are in
    /// force, and going through the `(status, expires_on)` index, as SQLite
    /// would guess, costs a row lookup per certificate (measured: 0.8 s
    /// instead of 0.1 s for 130,000 certificates).
    pub(crate) fn report_in_force(&self, day: &str, soon: &str) -> Result<Vec<(String, i64, i64)>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT p.unit_kerja, count(*), sum(x.soon)
             FROM (SELECT c.person_id AS person_id, max(c.expires_on <= :soon) AS soon
                   FROM certificates c NOT INDEXED
                   WHERE {IN_FORCE}
                   GROUP BY c.person_id) x
                  JOIN people p ON p.id = x.person_id
             GROUP BY p.unit_kerja
             ORDER BY count(*) DESC, p.unit_kerja"
        ))?;
        let rows = stmt.query_map(rusqlite::named_params! {":d": day, ":soon": soon}, |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<i64>>(2)?.unwrap_or(0),
            ))
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
