use super::Db;
use crate::error::{Error, Result};
use crate::sop::Sop;
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// One stored version of an SOP.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredSop {
    /// The row id: what a request points to.
    pub ref_id: i64,
    pub sop: Sop,
    pub origin: String,
    pub imported_at: String,
}

fn stored_from_row(r: &Row) -> rusqlite::Result<(i64, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn decode(row: (i64, String, String, String)) -> Result<StoredSop> {
    let (ref_id, content, origin, imported_at) = row;
    let sop: Sop = serde_json::from_str(&content)
        .map_err(|e| Error::internal(format!("stored SOP {ref_id} is unreadable: {e}")))?;
    Ok(StoredSop {
        ref_id,
        sop,
        origin,
        imported_at,
    })
}

impl Db<'_> {
    pub(crate) fn insert_sop(
        &self,
        sop: &Sop,
        source: &str,
        origin: &str,
        user_id: Option<i64>,
        now: &str,
    ) -> Result<i64> {
        let content = serde_json::to_string(sop)?;
        self.conn.execute(
            "INSERT INTO sops(sop_id, version, title, content, source, origin, imported_by, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                sop.meta.id,
                sop.meta.version,
                sop.meta.title,
                content,
                source,
                origin,
                user_id,
                now
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub(crate) fn sop_version_exists(&self, sop_id: &str, version: u32) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM sops WHERE sop_id = ?1 AND version = ?2",
                (sop_id, version),
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// The newest stored version of an SOP.
    pub(crate) fn latest_sop(&self, sop_id: &str) -> Result<Option<StoredSop>> {
        self.conn
            .query_row(
                "SELECT id, content, origin, imported_at FROM sops WHERE sop_id = ?1
                 ORDER BY version DESC LIMIT 1",
                [sop_id],
                stored_from_row,
            )
            .optional()?
            .map(decode)
            .transpose()
    }

    pub(crate) fn sop_by_ref(&self, ref_id: i64) -> Result<Option<StoredSop>> {
        self.conn
            .query_row(
                "SELECT id, content, origin, imported_at FROM sops WHERE id = ?1",
                [ref_id],
                stored_from_row,
            )
            .optional()?
            .map(decode)
            .transpose()
    }

    pub(crate) fn sop_source(&self, ref_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT source FROM sops WHERE id = ?1", [ref_id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The newest version of every SOP, ordered by id.
    pub(crate) fn latest_sops(&self) -> Result<Vec<StoredSop>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.content, s.origin, s.imported_at FROM sops s
             WHERE s.version = (SELECT max(version) FROM sops t WHERE t.sop_id = s.sop_id)
             ORDER BY s.sop_id",
        )?;
        let rows = stmt.query_map([], stored_from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(decode)
            .collect()
    }

    /// How many requests run on each stored version of an SOP.
    pub(crate) fn sop_versions(&self, sop_id: &str) -> Result<Vec<(i64, u32, String, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.version, s.imported_at,
                    (SELECT count(*) FROM requests r WHERE r.sop_ref = s.id)
             FROM sops s WHERE s.sop_id = ?1 ORDER BY s.version DESC",
        )?;
        let rows = stmt.query_map([sop_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
