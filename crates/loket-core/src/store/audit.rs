use super::Db;
use crate::error::Result;
use rusqlite::types::Value;
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

/// Filters for reading the log; every given filter must hold.
#[derive(Clone, Debug, Default)]
pub(crate) struct AuditFilter {
    /// Each word must appear in the summary, actor, action or entity id.
    pub words: Vec<String>,
    /// The user name, any case.
    pub actor: Option<String>,
    /// An action (`request.create`) or a whole group (`request`).
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// `at >= from` and `at < until`, as stored timestamps or dates.
    pub from: Option<String>,
    pub until: Option<String>,
}

const AUDIT_COLUMNS: &str =
    "id, at, user_id, actor, action, entity, entity_id, summary, old_value, new_value";

impl AuditFilter {
    /// The WHERE clause with only the filters given, so that SQLite can use
    /// the indexes on `at` and `(entity, entity_id)`.
    fn clause(&self) -> (String, Vec<Value>) {
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        for word in &self.words {
            args.push(Value::Text(super::people::like_pattern(word)));
            let n = args.len();
            conds.push(format!(
                "(summary LIKE ?{n} ESCAPE '\\' OR actor LIKE ?{n} ESCAPE '\\' \
                 OR action LIKE ?{n} ESCAPE '\\' OR entity_id LIKE ?{n} ESCAPE '\\')"
            ));
        }
        if let Some(actor) = &self.actor {
            args.push(Value::Text(actor.clone()));
            conds.push(format!("actor = ?{} COLLATE NOCASE", args.len()));
        }
        if let Some(action) = &self.action {
            args.push(Value::Text(action.clone()));
            let n = args.len();
            conds.push(format!(
                "(action = ?{n} OR substr(action, 1, length(?{n}) + 1) = ?{n} || '.')"
            ));
        }
        if let Some(entity) = &self.entity {
            args.push(Value::Text(entity.clone()));
            conds.push(format!("entity = ?{}", args.len()));
        }
        if let Some(id) = &self.entity_id {
            args.push(Value::Text(id.clone()));
            conds.push(format!("entity_id = ?{}", args.len()));
        }
        if let Some(from) = &self.from {
            args.push(Value::Text(from.clone()));
            conds.push(format!("at >= ?{}", args.len()));
        }
        if let Some(until) = &self.until {
            args.push(Value::Text(until.clone()));
            conds.push(format!("at < ?{}", args.len()));
        }
        let clause = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        (clause, args)
    }
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

impl Db<'_> {
    /// How many entries match.
    pub(crate) fn count_audit(&self, f: &AuditFilter) -> Result<i64> {
        let (clause, args) = f.clause();
        let n = self.conn.query_row(
            &format!("SELECT count(*) FROM audit_log {clause}"),
            rusqlite::params_from_iter(args),
            |r| r.get(0),
        )?;
        Ok(n)
    }

    /// One page of matching entries, newest first.
    pub(crate) fn list_audit(
        &self,
        f: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<AuditEntry>> {
        let (clause, mut args) = f.clause();
        args.push(Value::Integer(limit));
        args.push(Value::Integer(offset));
        let n = args.len();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log {clause}
             ORDER BY id DESC LIMIT ?{} OFFSET ?{n}",
            n - 1
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), audit_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Hands every matching entry, newest first, to `each` without holding
    /// them all in memory (exports of a whole year's log).
    pub(crate) fn each_audit(
        &self,
        f: &AuditFilter,
        each: &mut dyn FnMut(AuditEntry) -> Result<()>,
    ) -> Result<u64> {
        let (clause, args) = f.clause();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log {clause} ORDER BY id DESC"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            each(audit_from_row(row)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// The id of the newest entry; `None` for an empty log.
    pub(crate) fn audit_last_id(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))?)
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
