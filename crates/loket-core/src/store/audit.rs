use super::Db;
use crate::error::Result;
use serde::{Deserialize, Serialize};

/// One line of the audit log: who did what, when, with old and new values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub summary: String,
    pub old_value: Option<serde_json::Value>,
    pub new_value: Option<serde_json::Value>,
}

/// What a domain operation writes to the log.
pub(crate) struct NewAudit<'a> {
    pub at: &'a str,
    pub user_id: Option<i64>,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub summary: String,
    pub old_value: Option<serde_json::Value>,
    pub new_value: Option<serde_json::Value>,
}

impl Db<'_> {
    pub(crate) fn insert_audit(&self, a: &NewAudit) -> Result<()> {
        self.conn.execute(
            "INSERT INTO audit_log(at, user_id, actor, action, entity, entity_id, summary, old_value, new_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            (
                a.at,
                a.user_id,
                a.actor,
                a.action,
                a.entity,
                a.entity_id.as_deref(),
                &a.summary,
                a.old_value.as_ref().map(|v| v.to_string()),
                a.new_value.as_ref().map(|v| v.to_string()),
            ),
        )?;
        Ok(())
    }

    /// The log for one entity, oldest first.
    pub(crate) fn audit_for(&self, entity: &str, entity_id: &str) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, user_id, actor, action, entity, entity_id, summary, old_value, new_value
             FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map((entity, entity_id), audit_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

pub(super) fn audit_from_row(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        user_id: r.get(2)?,
        actor: r.get(3)?,
        action: r.get(4)?,
        entity: r.get(5)?,
        entity_id: r.get(6)?,
        summary: r.get(7)?,
        old_value: parse(r.get(8)?),
        new_value: parse(r.get(9)?),
    })
}
