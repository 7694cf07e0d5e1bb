//! Named queries on the bundle tables (migration 006): bundles accepted by
//! this data folder and the files they carried.

use super::Db;
use crate::error::Result;
use crate::model::PersonData;
use rusqlite::{OptionalExtension, Row};

/// A `bundle_imports` row.
#[derive(Clone, Debug)]
pub(crate) struct ImportRow {
    pub id: i64,
    pub kind: String,
    pub content_sha256: String,
    pub request_id: i64,
    pub outcome: String,
    pub source: Option<serde_json::Value>,
    pub bundle_created_at: String,
    pub app_version: String,
    pub payload: serde_json::Value,
    pub imported_actor: String,
    pub imported_at: String,
}

/// A bundle accepted now.
pub(crate) struct NewImport<'a> {
    pub kind: &'a str,
    pub request_uuid: &'a str,
    pub content_sha256: &'a str,
    pub request_id: i64,
    pub outcome: &'a str,
    pub source: Option<&'a serde_json::Value>,
    pub bundle_created_at: &'a str,
    pub app_version: &'a str,
    pub payload: &'a serde_json::Value,
    pub imported_by: Option<i64>,
    pub imported_actor: &'a str,
    pub imported_at: &'a str,
}

/// A `bundle_files` row.
#[derive(Clone, Debug)]
pub(crate) struct BundleFileRow {
    pub id: i64,
    pub kind: String,
    pub original_name: String,
    pub mime: String,
    pub size: i64,
    pub sha256: String,
    pub letter: Option<serde_json::Value>,
    /// The document the file became (request bundles).
    pub document_id: Option<i64>,
}

/// A file of a bundle accepted now.
pub(crate) struct NewBundleFile<'a> {
    pub import_id: i64,
    pub path: &'a str,
    pub kind: &'a str,
    pub original_name: &'a str,
    pub mime: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub letter: Option<&'a serde_json::Value>,
    pub document_id: Option<i64>,
}

const IMPORT_COLUMNS: &str = "id, kind, content_sha256, request_id, outcome, source, \
     bundle_created_at, app_version, payload, imported_actor, imported_at";

const FILE_COLUMNS: &str =
    "f.id, f.kind, f.original_name, f.mime, f.size, f.sha256, f.letter, f.document_id";

fn json_column(r: &Row, i: usize) -> rusqlite::Result<Option<serde_json::Value>> {
    Ok(r.get::<_, Option<String>>(i)?
        .and_then(|s| serde_json::from_str(&s).ok()))
}

fn import_from_row(r: &Row) -> rusqlite::Result<ImportRow> {
    Ok(ImportRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        content_sha256: r.get(2)?,
        request_id: r.get(3)?,
        outcome: r.get(4)?,
        source: json_column(r, 5)?,
        bundle_created_at: r.get(6)?,
        app_version: r.get(7)?,
        payload: json_column(r, 8)?.unwrap_or(serde_json::Value::Null),
        imported_actor: r.get(9)?,
        imported_at: r.get(10)?,
    })
}

fn file_from_row(r: &Row) -> rusqlite::Result<BundleFileRow> {
    Ok(BundleFileRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        original_name: r.get(2)?,
        mime: r.get(3)?,
        size: r.get(4)?,
        sha256: r.get(5)?,
        letter: json_column(r, 6)?,
        document_id: r.get(7)?,
    })
}

impl Db<'_> {
    pub(crate) fn insert_bundle_import(&self, n: &NewImport) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO bundle_imports(kind, request_uuid, content_sha256, request_id, outcome, source,
                                        bundle_created_at, app_version, payload, imported_by,
                                        imported_actor, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            rusqlite::params![
                n.kind,
                n.request_uuid,
                n.content_sha256,
                n.request_id,
                n.outcome,
                n.source.map(|s| s.to_string()),
                n.bundle_created_at,
                n.app_version,
                n.payload.to_string(),
                n.imported_by,
                n.imported_actor,
                n.imported_at,
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub(crate) fn insert_bundle_file(&self, n: &NewBundleFile) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO bundle_files(import_id, path, kind, original_name, mime, size, sha256, letter,
                                      document_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                n.import_id,
                n.path,
                n.kind,
                n.original_name,
                n.mime,
                n.size,
                n.sha256,
                n.letter.map(|l| l.to_string()),
                n.document_id,
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The accepted bundle with exactly this content, if any.
    pub(crate) fn bundle_import_with(
        &self,
        kind: &str,
        request_uuid: &str,
        content_sha256: &str,
    ) -> Result<Option<ImportRow>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {IMPORT_COLUMNS} FROM bundle_imports
                     WHERE kind = ?1 AND request_uuid = ?2 AND content_sha256 = ?3"
                ),
                (kind, request_uuid, content_sha256),
                import_from_row,
            )
            .optional()?)
    }

    /// The bundles of one kind accepted for a request, oldest first.
    pub(crate) fn bundle_imports_for(&self, request_id: i64, kind: &str) -> Result<Vec<ImportRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {IMPORT_COLUMNS} FROM bundle_imports
             WHERE request_id = ?1 AND kind = ?2 ORDER BY id"
        ))?;
        let rows = stmt.query_map((request_id, kind), import_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The files carried by one accepted bundle, in bundle order.
    pub(crate) fn bundle_files_of_import(&self, import_id: i64) -> Result<Vec<BundleFileRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {FILE_COLUMNS} FROM bundle_files f WHERE f.import_id = ?1 ORDER BY f.id"
        ))?;
        let rows = stmt.query_map([import_id], file_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every file that bundles of one kind brought to a request.
    pub(crate) fn bundle_files_of_request(
        &self,
        request_id: i64,
        kind: &str,
    ) -> Result<Vec<BundleFileRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {FILE_COLUMNS} FROM bundle_files f
             JOIN bundle_imports i ON i.id = f.import_id
             WHERE i.request_id = ?1 AND i.kind = ?2 ORDER BY f.id"
        ))?;
        let rows = stmt.query_map((request_id, kind), file_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One carried file and the request its bundle belongs to.
    pub(crate) fn bundle_file(&self, id: i64) -> Result<Option<(BundleFileRow, i64)>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {FILE_COLUMNS}, i.request_id FROM bundle_files f
                     JOIN bundle_imports i ON i.id = f.import_id WHERE f.id = ?1"
                ),
                [id],
                |r| Ok((file_from_row(r)?, r.get(8)?)),
            )
            .optional()?)
    }

    /// The stored files that only bundles name (hash and type), for the
    /// file check.
    pub(crate) fn bundle_only_blobs(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT f.sha256, f.mime FROM bundle_files f
             JOIN bundle_imports i ON i.id = f.import_id
             WHERE i.kind = 'status' ORDER BY f.sha256",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Changes a request's note (an applicant's updated bundle).
    pub(crate) fn set_request_catatan(
        &self,
        id: i64,
        catatan: Option<&str>,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE requests SET catatan = ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![id, catatan, now],
        )?;
        Ok(())
    }

    /// Changes the new data a data-change request carries.
    pub(crate) fn set_request_data_baru(
        &self,
        id: i64,
        data: Option<&PersonData>,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE requests SET data_baru = ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![id, data.map(serde_json::to_string).transpose()?, now],
        )?;
        Ok(())
    }
}
