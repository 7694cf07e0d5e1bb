//! [`Loket`]: the one entry point to an office's data. The window's commands
//! and the CLI call its methods; each method checks the caller's role,
//! validates, writes in one transaction and records the audit log.

use crate::auth::Caller;
use crate::clock::{Clock, stamp};
use crate::error::{Error, Result};
use crate::paths::DataPaths;
use crate::store::{Db, Store, audit::NewAudit};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::path::Path;

pub struct Loket {
    pub(crate) store: Store,
    pub(crate) paths: DataPaths,
    pub(crate) clock: Clock,
}

impl Loket {
    /// Opens the office's data folder, creating it and the database when
    /// this is the first run.
    pub fn open(data_dir: &Path) -> Result<Loket> {
        // A restore cut short between its two folder renames is finished
        // first, so the office never opens an empty new folder instead.
        crate::backup::finish_interrupted_restore(data_dir)?;
        std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, &e))?;
        let paths = DataPaths::new(data_dir);
        let store = Store::open(&paths.database())?;
        let loket = Loket {
            store,
            paths,
            clock: Clock::System,
        };
        loket.ensure_presets()?;
        Ok(loket)
    }

    /// An office in memory with its files in `scratch`, for tests.
    pub fn open_in_memory(scratch: &Path) -> Result<Loket> {
        let loket = Loket {
            store: Store::open_in_memory()?,
            paths: DataPaths::new(scratch),
            clock: Clock::System,
        };
        loket.ensure_presets()?;
        Ok(loket)
    }

    /// Fixes the clock (tests, the CLI's `--at`).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        self.clock.now()
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn paths(&self) -> &DataPaths {
        &self.paths
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn stamp_now(&self) -> String {
        stamp(self.now())
    }
}

/// One entry of the audit log, written in the same transaction as the change.
pub(crate) struct Audit<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub summary: String,
    pub old_value: Option<serde_json::Value>,
    pub new_value: Option<serde_json::Value>,
}

impl Audit<'_> {
    pub(crate) fn write(self, db: &Db, caller: &Caller, at: &str) -> Result<()> {
        db.insert_audit(&NewAudit {
            at,
            user_id: caller.user_id,
            actor: &caller.username,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            summary: self.summary,
            old_value: self.old_value,
            new_value: self.new_value,
        })
    }
}

/// Serialises a value for the audit log.
pub(crate) fn audit_json<T: serde::Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}
