//! Named queries on the letter tables (migration 005): the numbering
//! register, letters, the requests each letter covers and the versions made
//! of each letter.

use super::Db;
use crate::error::Result;
use rusqlite::{OptionalExtension, Row};

/// A `letter_numbers` row: one entry of the register.
#[derive(Clone, Debug)]
pub(crate) struct NumberRow {
    pub id: i64,
    pub nomor: String,
    pub kind: String,
    pub year: i64,
    pub seq: Option<i64>,
    pub sequence: Option<String>,
    pub manual: bool,
    pub tanggal: String,
    pub hal: String,
    pub status: String,
    pub created_actor: String,
    pub created_at: String,
    pub void_reason: Option<String>,
    pub voided_actor: Option<String>,
    pub voided_at: Option<String>,
}

const NUMBER_COLUMNS: &str = "id, nomor, kind, year, seq, sequence, manual, tanggal, hal, status, \
     created_actor, created_at, void_reason, voided_actor, voided_at";

fn number_from_row(r: &Row) -> rusqlite::Result<NumberRow> {
    Ok(NumberRow {
        id: r.get(0)?,
        nomor: r.get(1)?,
        kind: r.get(2)?,
        year: r.get(3)?,
        seq: r.get(4)?,
        sequence: r.get(5)?,
        manual: r.get::<_, i64>(6)? == 1,
        tanggal: r.get(7)?,
        hal: r.get(8)?,
        status: r.get(9)?,
        created_actor: r.get(10)?,
        created_at: r.get(11)?,
        void_reason: r.get(12)?,
        voided_actor: r.get(13)?,
        voided_at: r.get(14)?,
    })
}

pub(crate) struct NewNumber<'a> {
    pub nomor: &'a str,
    pub kind: &'a str,
    pub year: i64,
    pub seq: Option<i64>,
    pub sequence: Option<&'a str>,
    pub tanggal: &'a str,
    pub hal: &'a str,
    pub user_id: Option<i64>,
    pub actor: &'a str,
    pub at: &'a str,
}

/// A `letters` row with the state of its number.
#[derive(Clone, Debug)]
pub(crate) struct LetterRow {
    pub id: i64,
    pub uuid: String,
    pub kind: String,
    pub number_id: Option<i64>,
    pub nomor: Option<String>,
    pub tanggal: String,
    pub hal: String,
    pub created_actor: String,
    pub created_at: String,
    /// `aktif` or `batal` when the office numbered it.
    pub number_status: Option<String>,
    pub void_reason: Option<String>,
}

const LETTER_COLUMNS: &str = "l.id, l.uuid, l.kind, l.number_id, l.nomor, l.tanggal, l.hal, \
     l.created_actor, l.created_at, n.status, n.void_reason";

fn letter_from_row(r: &Row) -> rusqlite::Result<LetterRow> {
    Ok(LetterRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        kind: r.get(2)?,
        number_id: r.get(3)?,
        nomor: r.get(4)?,
        tanggal: r.get(5)?,
        hal: r.get(6)?,
        created_actor: r.get(7)?,
        created_at: r.get(8)?,
        number_status: r.get(9)?,
        void_reason: r.get(10)?,
    })
}

pub(crate) struct NewLetter<'a> {
    pub uuid: &'a str,
    pub kind: &'a str,
    pub number_id: Option<i64>,
    pub nomor: Option<&'a str>,
    pub tanggal: &'a str,
    pub hal: &'a str,
    pub request_set: &'a str,
    pub user_id: Option<i64>,
    pub actor: &'a str,
    pub at: &'a str,
}

/// A `letter_versions` row, without the stored view unless asked for.
#[derive(Clone, Debug)]
pub(crate) struct VersionRow {
    pub id: i64,
    pub letter_id: i64,
    pub version: i64,
    pub code: String,
    pub path: String,
    pub pdf_sha256: String,
    pub content_sha256: String,
    pub pages: i64,
    pub size: i64,
    pub created_actor: String,
    pub created_at: String,
}

const VERSION_COLUMNS: &str = "id, letter_id, version, code, path, pdf_sha256, content_sha256, \
     pages, size, created_actor, created_at";

fn version_from_row(r: &Row) -> rusqlite::Result<VersionRow> {
    Ok(VersionRow {
        id: r.get(0)?,
        letter_id: r.get(1)?,
        version: r.get(2)?,
        code: r.get(3)?,
        path: r.get(4)?,
        pdf_sha256: r.get(5)?,
        content_sha256: r.get(6)?,
        pages: r.get(7)?,
        size: r.get(8)?,
        created_actor: r.get(9)?,
        created_at: r.get(10)?,
    })
}

pub(crate) struct NewVersion<'a> {
    pub letter_id: i64,
    pub version: i64,
    pub code: &'a str,
    pub path: &'a str,
    pub pdf_sha256: &'a str,
    pub content_sha256: &'a str,
    pub view: &'a str,
    pub pages: i64,
    pub size: i64,
    pub user_id: Option<i64>,
    pub actor: &'a str,
    pub at: &'a str,
}

/// A request a letter covers, for lists: id, number and applicant's name.
#[derive(Clone, Debug)]
pub(crate) struct LetterRequestRow {
    pub request_id: i64,
    pub nomor: String,
    pub nama: String,
}

impl Db<'_> {
    pub(crate) fn insert_letter_number(&self, n: &NewNumber) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO letter_numbers(nomor, kind, year, seq, sequence, manual, tanggal, hal,
                                        created_by, created_actor, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            rusqlite::params![
                n.nomor,
                n.kind,
                n.year,
                n.seq,
                n.sequence,
                i64::from(n.seq.is_none()),
                n.tanggal,
                n.hal,
                n.user_id,
                n.actor,
                n.at
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The register entry with exactly this number (trimmed by the caller).
    pub(crate) fn letter_number_by_nomor(&self, nomor: &str) -> Result<Option<NumberRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {NUMBER_COLUMNS} FROM letter_numbers WHERE nomor = ?1"),
                [nomor],
                number_from_row,
            )
            .optional()?)
    }

    pub(crate) fn letter_number(&self, id: i64) -> Result<Option<NumberRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {NUMBER_COLUMNS} FROM letter_numbers WHERE id = ?1"),
                [id],
                number_from_row,
            )
            .optional()?)
    }

    /// Voids an active number. Returns false when it was already void.
    pub(crate) fn void_letter_number(
        &self,
        id: i64,
        reason: &str,
        user_id: Option<i64>,
        actor: &str,
        at: &str,
    ) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE letter_numbers SET status = 'batal', void_reason = ?2, voided_by = ?3,
                    voided_actor = ?4, voided_at = ?5
             WHERE id = ?1 AND status = 'aktif'",
            rusqlite::params![id, reason, user_id, actor, at],
        )?;
        Ok(n == 1)
    }

    /// The register of one year (or every year), in the order numbers were
    /// issued.
    pub(crate) fn letter_register(&self, year: Option<i64>) -> Result<Vec<NumberRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {NUMBER_COLUMNS} FROM letter_numbers
             WHERE ?1 IS NULL OR year = ?1 ORDER BY year, id"
        ))?;
        let rows = stmt.query_map([year], number_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Requests of the letters that carry each register number of a year:
    /// `(number id, request number, applicant's name)`.
    pub(crate) fn register_requests(
        &self,
        year: Option<i64>,
    ) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT n.id, r.nomor, p.nama
             FROM letter_numbers n
             JOIN letters l ON l.number_id = n.id
             JOIN letter_requests lr ON lr.letter_id = l.id
             JOIN requests r ON r.id = lr.request_id
             JOIN people p ON p.id = r.person_id
             WHERE ?1 IS NULL OR n.year = ?1
             ORDER BY n.id, r.id",
        )?;
        let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub(crate) fn insert_letter(&self, n: &NewLetter) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO letters(uuid, kind, number_id, nomor, tanggal, hal, request_set,
                                 created_by, created_actor, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            rusqlite::params![
                n.uuid,
                n.kind,
                n.number_id,
                n.nomor,
                n.tanggal,
                n.hal,
                n.request_set,
                n.user_id,
                n.actor,
                n.at
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The printed number of a letter the office does not number (the
    /// applicant's unit may give it after a first version).
    pub(crate) fn set_letter_nomor(&self, id: i64, nomor: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE letters SET nomor = ?2 WHERE id = ?1 AND number_id IS NULL",
            rusqlite::params![id, nomor],
        )?;
        Ok(())
    }

    pub(crate) fn insert_letter_request(&self, letter_id: i64, request_id: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO letter_requests(letter_id, request_id) VALUES (?1, ?2)",
            (letter_id, request_id),
        )?;
        Ok(())
    }

    pub(crate) fn get_letter(&self, id: i64) -> Result<Option<LetterRow>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {LETTER_COLUMNS} FROM letters l
                     LEFT JOIN letter_numbers n ON n.id = l.number_id WHERE l.id = ?1"
                ),
                [id],
                letter_from_row,
            )
            .optional()?)
    }

    /// The newest letter of this kind for exactly this set of requests whose
    /// number (if the office numbered it) is not void: regenerating it makes
    /// a new version instead of a new letter.
    pub(crate) fn current_letter_for(
        &self,
        kind: &str,
        request_set: &str,
    ) -> Result<Option<LetterRow>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {LETTER_COLUMNS} FROM letters l
                     LEFT JOIN letter_numbers n ON n.id = l.number_id
                     WHERE l.kind = ?1 AND l.request_set = ?2
                       AND (l.number_id IS NULL OR n.status = 'aktif')
                     ORDER BY l.id DESC LIMIT 1"
                ),
                (kind, request_set),
                letter_from_row,
            )
            .optional()?)
    }

    /// The letter that carries a register number, if any.
    pub(crate) fn letter_with_number(&self, number_id: i64) -> Result<Option<LetterRow>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {LETTER_COLUMNS} FROM letters l
                     LEFT JOIN letter_numbers n ON n.id = l.number_id
                     WHERE l.number_id = ?1 ORDER BY l.id LIMIT 1"
                ),
                [number_id],
                letter_from_row,
            )
            .optional()?)
    }

    /// Letters covering a request, newest first.
    pub(crate) fn letters_for_request(&self, request_id: i64) -> Result<Vec<LetterRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LETTER_COLUMNS} FROM letters l
             LEFT JOIN letter_numbers n ON n.id = l.number_id
             WHERE l.id IN (SELECT letter_id FROM letter_requests WHERE request_id = ?1)
             ORDER BY l.id DESC"
        ))?;
        let rows = stmt.query_map([request_id], letter_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The most recent letters of the office, newest first.
    pub(crate) fn recent_letters(&self, limit: i64) -> Result<Vec<LetterRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LETTER_COLUMNS} FROM letters l
             LEFT JOIN letter_numbers n ON n.id = l.number_id
             ORDER BY l.id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], letter_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The requests a letter covers, in request order.
    pub(crate) fn letter_requests(&self, letter_id: i64) -> Result<Vec<LetterRequestRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.id, r.nomor, p.nama
             FROM letter_requests lr
             JOIN requests r ON r.id = lr.request_id
             JOIN people p ON p.id = r.person_id
             WHERE lr.letter_id = ?1 ORDER BY r.id",
        )?;
        let rows = stmt.query_map([letter_id], |r| {
            Ok(LetterRequestRow {
                request_id: r.get(0)?,
                nomor: r.get(1)?,
                nama: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub(crate) fn insert_letter_version(&self, n: &NewVersion) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO letter_versions(letter_id, version, code, path, pdf_sha256,
                                         content_sha256, view, pages, size, created_by,
                                         created_actor, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            rusqlite::params![
                n.letter_id,
                n.version,
                n.code,
                n.path,
                n.pdf_sha256,
                n.content_sha256,
                n.view,
                n.pages,
                n.size,
                n.user_id,
                n.actor,
                n.at
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Versions of a letter, oldest first.
    pub(crate) fn letter_versions(&self, letter_id: i64) -> Result<Vec<VersionRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {VERSION_COLUMNS} FROM letter_versions WHERE letter_id = ?1 ORDER BY version"
        ))?;
        let rows = stmt.query_map([letter_id], version_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub(crate) fn letter_version(&self, id: i64) -> Result<Option<VersionRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {VERSION_COLUMNS} FROM letter_versions WHERE id = ?1"),
                [id],
                version_from_row,
            )
            .optional()?)
    }

    pub(crate) fn letter_version_by_code(&self, code: &str) -> Result<Option<VersionRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {VERSION_COLUMNS} FROM letter_versions WHERE code = ?1"),
                [code],
                version_from_row,
            )
            .optional()?)
    }

    pub(crate) fn letter_version_by_pdf(&self, sha256: &str) -> Result<Option<VersionRow>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {VERSION_COLUMNS} FROM letter_versions WHERE pdf_sha256 = ?1
                     ORDER BY id LIMIT 1"
                ),
                [sha256],
                version_from_row,
            )
            .optional()?)
    }

    /// The view (LetterDoc JSON) a version was made from.
    pub(crate) fn letter_version_view(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT view FROM letter_versions WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub(crate) fn letter_code_exists(&self, code: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM letter_versions WHERE code = ?1",
                [code],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Removes a setting (a template override going back to the default).
    pub(crate) fn remove_setting(&self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM settings WHERE key = ?1", [key])?;
        Ok(())
    }
}
