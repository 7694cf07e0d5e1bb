use super::Db;
use crate::error::Result;
use crate::model::{
    PersonData, Request, RequestStatus, RequestSummary, RequestType, RevocationReason,
};
use rusqlite::{OptionalExtension, Row};

const REQUEST_COLUMNS: &str = "r.id, r.uuid, r.nomor, r.jenis, r.person_id, r.alasan, r.alasan_teks, \
     r.alasan_crl, r.catatan, r.status, r.attempt, r.created_by, r.created_at, r.updated_at, \
     r.sop_ref, r.current_step, r.step_started_at, r.data_baru";

fn request_from_row(r: &Row) -> rusqlite::Result<Request> {
    let jenis: String = r.get(3)?;
    let alasan: Option<String> = r.get(5)?;
    let status: String = r.get(9)?;
    Ok(Request {
        id: r.get(0)?,
        uuid: r.get(1)?,
        nomor: r.get(2)?,
        jenis: RequestType::parse(&jenis).unwrap_or(RequestType::Penerbitan),
        person_id: r.get(4)?,
        alasan: alasan.as_deref().and_then(RevocationReason::parse),
        alasan_teks: r.get(6)?,
        alasan_crl: r.get::<_, Option<i64>>(7)?.map(|c| c as u8),
        catatan: r.get(8)?,
        status: RequestStatus::parse(&status).unwrap_or(RequestStatus::Diproses),
        attempt: r.get(10)?,
        created_by: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        sop_ref: r.get(14)?,
        current_step: r.get::<_, Option<i64>>(15)?.map(|n| n as u32),
        step_started_at: r.get(16)?,
        data_baru: r
            .get::<_, Option<String>>(17)?
            .and_then(|s| serde_json::from_str(&s).ok()),
    })
}

fn summary_from_row(r: &Row) -> rusqlite::Result<RequestSummary> {
    Ok(RequestSummary {
        request: request_from_row(r)?,
        nama: r.get(18)?,
        nik: r.get(19)?,
        unit_kerja: r.get(20)?,
    })
}

/// A request about to be stored.
pub(crate) struct NewRequestRow<'a> {
    pub uuid: &'a str,
    pub nomor: &'a str,
    pub jenis: RequestType,
    pub person_id: i64,
    pub alasan: Option<RevocationReason>,
    pub alasan_teks: Option<&'a str>,
    pub catatan: Option<&'a str>,
    pub status: RequestStatus,
    pub created_by: Option<i64>,
    pub now: &'a str,
    pub sop_ref: Option<i64>,
    pub current_step: Option<u32>,
    pub data_baru: Option<&'a PersonData>,
}

/// Filters for listing requests.
#[derive(Clone, Debug, Default)]
pub(crate) struct RequestQuery<'a> {
    pub search: Option<&'a str>,
    pub status: Option<RequestStatus>,
    pub jenis: Option<RequestType>,
    /// Only requests created by this user (an applicant's own).
    pub created_by: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

impl Db<'_> {
    pub(crate) fn insert_request(&self, n: &NewRequestRow) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO requests(uuid, nomor, jenis, person_id, alasan, alasan_teks, alasan_crl,
                                  catatan, status, attempt, created_by, created_at, updated_at,
                                  sop_ref, current_step, step_started_at, data_baru)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11, ?11, ?12, ?13, ?11, ?14)",
            rusqlite::params![
                n.uuid,
                n.nomor,
                n.jenis.code(),
                n.person_id,
                n.alasan.map(|a| a.code()),
                n.alasan_teks,
                n.alasan.map(|a| a.crl().code()),
                n.catatan,
                n.status.code(),
                n.created_by,
                n.now,
                n.sop_ref,
                n.current_step,
                n.data_baru.map(serde_json::to_string).transpose()?
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub(crate) fn get_request(&self, id: i64) -> Result<Option<Request>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {REQUEST_COLUMNS} FROM requests r WHERE r.id = ?1"),
                [id],
                request_from_row,
            )
            .optional()?)
    }

    pub(crate) fn request_id_by_nomor(&self, nomor: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM requests WHERE nomor = ?1 COLLATE NOCASE",
                [nomor],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub(crate) fn request_id_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM requests WHERE uuid = ?1", [uuid], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// An unfinished request of this type for this person, if any.
    pub(crate) fn open_request_for(
        &self,
        person_id: i64,
        jenis: RequestType,
    ) -> Result<Option<Request>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {REQUEST_COLUMNS} FROM requests r
                     WHERE r.person_id = ?1 AND r.jenis = ?2 AND r.status IN ('draf', 'diproses', 'ditolak')
                     ORDER BY r.id DESC LIMIT 1"
                ),
                (person_id, jenis.code()),
                request_from_row,
            )
            .optional()?)
    }

    pub(crate) fn list_requests(&self, q: &RequestQuery) -> Result<Vec<RequestSummary>> {
        let pattern = q.search.map(super::people::like_pattern);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {REQUEST_COLUMNS}, p.nama, p.nik, p.unit_kerja
             FROM requests r JOIN people p ON p.id = r.person_id
             WHERE (?1 IS NULL OR r.nomor LIKE ?1 ESCAPE '\\' OR p.nama LIKE ?1 ESCAPE '\\'
                    OR p.nik LIKE ?1 ESCAPE '\\' OR p.nip LIKE ?1 ESCAPE '\\'
                    OR p.unit_kerja LIKE ?1 ESCAPE '\\')
               AND (?2 IS NULL OR r.status = ?2)
               AND (?3 IS NULL OR r.jenis = ?3)
               AND (?4 IS NULL OR r.created_by = ?4)
             ORDER BY r.id DESC
             LIMIT ?5 OFFSET ?6"
        ))?;
        let rows = stmt.query_map(
            rusqlite::params![
                pattern,
                q.status.map(|s| s.code()),
                q.jenis.map(|j| j.code()),
                q.created_by,
                q.limit,
                q.offset
            ],
            summary_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Moves a request: its status, the step it waits on and when that step
    /// started, and its attempt counter.
    pub(crate) fn set_request_progress(
        &self,
        id: i64,
        status: RequestStatus,
        current_step: Option<u32>,
        step_started_at: Option<&str>,
        attempt: i64,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE requests SET status = ?2, current_step = ?3, step_started_at = ?4, attempt = ?5,
                    updated_at = ?6
             WHERE id = ?1",
            rusqlite::params![id, status.code(), current_step, step_started_at, attempt, now],
        )?;
        Ok(())
    }

    /// Corrects the revocation reason of a request.
    pub(crate) fn set_request_reason(
        &self,
        id: i64,
        reason: RevocationReason,
        wording: Option<&str>,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE requests SET alasan = ?2, alasan_teks = ?3, alasan_crl = ?4, updated_at = ?5 WHERE id = ?1",
            rusqlite::params![id, reason.code(), wording, reason.crl().code(), now],
        )?;
        Ok(())
    }

    /// Requests in progress, with their SOP reference and current step.
    pub(crate) fn requests_in_progress(&self) -> Result<Vec<Request>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {REQUEST_COLUMNS} FROM requests r WHERE r.status = 'diproses' ORDER BY r.id"
        ))?;
        let rows = stmt.query_map([], request_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Puts a draft on an SOP version at step 1: it is now in progress.
    pub(crate) fn start_request_sop(&self, id: i64, sop_ref: i64, now: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE requests SET status = 'diproses', sop_ref = ?2, current_step = 1, step_started_at = ?3,
                    updated_at = ?3
             WHERE id = ?1",
            rusqlite::params![id, sop_ref, now],
        )?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn update_draft_request(
        &self,
        id: i64,
        jenis: RequestType,
        person_id: i64,
        alasan: Option<RevocationReason>,
        alasan_teks: Option<&str>,
        catatan: Option<&str>,
        data_baru: Option<&PersonData>,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE requests SET jenis = ?2, person_id = ?3, alasan = ?4, alasan_teks = ?5, alasan_crl = ?6,
                    catatan = ?7, data_baru = ?8, updated_at = ?9
             WHERE id = ?1 AND status = 'draf'",
            rusqlite::params![
                id,
                jenis.code(),
                person_id,
                alasan.map(|a| a.code()),
                alasan_teks,
                alasan.map(|a| a.crl().code()),
                catatan,
                data_baru.map(serde_json::to_string).transpose()?,
                now
            ],
        )?;
        Ok(())
    }
}
