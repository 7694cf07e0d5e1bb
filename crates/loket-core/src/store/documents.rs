//! Named queries on the `documents` table (migration 003).

use super::Db;
use crate::error::Result;
use rusqlite::{OptionalExtension, Row};

/// A `documents` row as stored, joined with its request's number. The
/// documents module turns it into the public [`crate::documents::Document`].
#[derive(Clone, Debug)]
pub(crate) struct DocumentRow {
    pub id: i64,
    pub uuid: String,
    pub request_id: i64,
    pub request_nomor: String,
    pub kind: String,
    pub original_name: String,
    pub mime: String,
    pub size: i64,
    pub sha256: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub status: String,
    pub attached_by: Option<i64>,
    pub attached_actor: String,
    pub attached_name: String,
    pub attached_at: String,
    pub replaces: Option<i64>,
    pub ended_by: Option<i64>,
    pub ended_actor: Option<String>,
    pub ended_name: Option<String>,
    pub ended_at: Option<String>,
    pub end_reason: Option<String>,
    pub replaced_by: Option<i64>,
}

const DOCUMENT_COLUMNS: &str = "d.id, d.uuid, d.request_id, r.nomor, d.kind, d.original_name, \
     d.mime, d.size, d.sha256, d.width, d.height, d.status, d.attached_by, d.attached_actor, \
     d.attached_name, d.attached_at, d.replaces, d.ended_by, d.ended_actor, d.ended_name, \
     d.ended_at, d.end_reason, d.replaced_by";

fn document_from_row(r: &Row) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        request_id: r.get(2)?,
        request_nomor: r.get(3)?,
        kind: r.get(4)?,
        original_name: r.get(5)?,
        mime: r.get(6)?,
        size: r.get(7)?,
        sha256: r.get(8)?,
        width: r.get(9)?,
        height: r.get(10)?,
        status: r.get(11)?,
        attached_by: r.get(12)?,
        attached_actor: r.get(13)?,
        attached_name: r.get(14)?,
        attached_at: r.get(15)?,
        replaces: r.get(16)?,
        ended_by: r.get(17)?,
        ended_actor: r.get(18)?,
        ended_name: r.get(19)?,
        ended_at: r.get(20)?,
        end_reason: r.get(21)?,
        replaced_by: r.get(22)?,
    })
}

/// A new attachment.
pub(crate) struct NewDocumentRow<'a> {
    pub uuid: &'a str,
    pub request_id: i64,
    pub kind: &'a str,
    pub original_name: &'a str,
    pub mime: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub user_id: Option<i64>,
    pub actor: &'a str,
    pub actor_name: &'a str,
    pub at: &'a str,
    pub replaces: Option<i64>,
}

/// How a current document stops being current.
pub(crate) struct EndDocument<'a> {
    pub id: i64,
    /// `diganti` or `dihapus`.
    pub status: &'a str,
    pub user_id: Option<i64>,
    pub actor: &'a str,
    pub actor_name: &'a str,
    pub at: &'a str,
    pub reason: Option<&'a str>,
    pub replaced_by: Option<i64>,
}

impl Db<'_> {
    pub(crate) fn insert_document(&self, n: &NewDocumentRow) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO documents(uuid, request_id, kind, original_name, mime, size, sha256,
                                   width, height, status, attached_by, attached_actor,
                                   attached_name, attached_at, replaces)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'berlaku', ?10, ?11, ?12, ?13, ?14)",
            rusqlite::params![
                n.uuid,
                n.request_id,
                n.kind,
                n.original_name,
                n.mime,
                n.size,
                n.sha256,
                n.width,
                n.height,
                n.user_id,
                n.actor,
                n.actor_name,
                n.at,
                n.replaces
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Marks a current document replaced or removed. Returns false when it
    /// was no longer current (another process got there first).
    pub(crate) fn end_document(&self, e: &EndDocument) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE documents SET status = ?2, ended_by = ?3, ended_actor = ?4, ended_name = ?5,
                    ended_at = ?6, end_reason = ?7, replaced_by = ?8
             WHERE id = ?1 AND status = 'berlaku'",
            rusqlite::params![
                e.id,
                e.status,
                e.user_id,
                e.actor,
                e.actor_name,
                e.at,
                e.reason,
                e.replaced_by
            ],
        )?;
        Ok(n == 1)
    }

    pub(crate) fn get_document(&self, id: i64) -> Result<Option<DocumentRow>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {DOCUMENT_COLUMNS} FROM documents d JOIN requests r ON r.id = d.request_id
                     WHERE d.id = ?1"
                ),
                [id],
                document_from_row,
            )
            .optional()?)
    }

    /// The documents of a request, oldest first; only the current ones
    /// unless `include_history`.
    pub(crate) fn list_documents(
        &self,
        request_id: i64,
        include_history: bool,
    ) -> Result<Vec<DocumentRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents d JOIN requests r ON r.id = d.request_id
             WHERE d.request_id = ?1 AND (?2 OR d.status = 'berlaku')
             ORDER BY d.id"
        ))?;
        let rows = stmt.query_map((request_id, include_history), document_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The current document of this kind with this content on a request.
    pub(crate) fn current_document_with(
        &self,
        request_id: i64,
        kind: &str,
        sha256: &str,
    ) -> Result<Option<DocumentRow>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {DOCUMENT_COLUMNS} FROM documents d JOIN requests r ON r.id = d.request_id
                     WHERE d.request_id = ?1 AND d.kind = ?2 AND d.sha256 = ?3
                       AND d.status = 'berlaku'
                     ORDER BY d.id LIMIT 1"
                ),
                (request_id, kind, sha256),
                document_from_row,
            )
            .optional()?)
    }

    /// The kinds of the current documents of a request.
    pub(crate) fn current_document_kinds(&self, request_id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT kind FROM documents WHERE request_id = ?1 AND status = 'berlaku'",
        )?;
        let rows = stmt.query_map([request_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every document ever recorded (current and history), for the
    /// integrity check, ordered by content so each file is checked once.
    pub(crate) fn all_documents(&self) -> Result<Vec<DocumentRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents d JOIN requests r ON r.id = d.request_id
             ORDER BY d.sha256, d.id"
        ))?;
        let rows = stmt.query_map([], document_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
