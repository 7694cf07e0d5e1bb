//! Database files for backup and restore: a consistent copy of the live
//! database made with SQLite's online backup API (never a file copy, which
//! under WAL can miss committed pages still in the `-wal` file), and the
//! checks a restored file must pass before it may replace the office's data.

use super::{BUSY_TIMEOUT, MIGRATIONS, Store};
use crate::error::{Error, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// Pages copied per backup step: 256 pages of 4 KiB is 1 MiB, small enough
/// for smooth progress and a prompt cancel; a step costs microseconds more.
const PAGES_PER_STEP: i32 = 256;

/// What the snapshot captured.
pub(crate) struct SnapshotFacts {
    pub bytes: u64,
    pub schema_version: i64,
    /// The newest audit entry inside the copy.
    pub audit_last_id: Option<i64>,
}

/// What a database file inside a backup holds, read without trusting it.
pub(crate) struct DatabaseFacts {
    /// `PRAGMA integrity_check` rows; `["ok"]` when sound.
    pub integrity: Vec<String>,
    pub schema_version: i64,
    /// Whether the tables of a Loket database are there.
    pub is_loket: bool,
    pub people: i64,
    pub requests: i64,
    pub users: i64,
    pub agency: Option<serde_json::Value>,
}

impl Store {
    /// Writes a consistent copy of the database into the new file `dest`.
    ///
    /// For a file database the copy is read through a connection of its own
    /// inside one read transaction: under WAL that pins a snapshot, so writers
    /// (this app or another process) carry on and the copy still shows the
    /// database as it was at one instant. `step` is called after every chunk
    /// with (bytes copied, bytes in total); an error from it stops the copy.
    pub(crate) fn snapshot(
        &self,
        dest: &Path,
        step: &mut dyn FnMut(u64, u64) -> Result<()>,
    ) -> Result<SnapshotFacts> {
        let file =
            self.read(|db| Ok(db.conn.path().filter(|p| !p.is_empty()).map(PathBuf::from)))?;
        match file {
            Some(path) => {
                let src = Connection::open_with_flags(
                    &path,
                    OpenFlags::SQLITE_OPEN_READ_WRITE
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX
                        | OpenFlags::SQLITE_OPEN_URI,
                )?;
                src.busy_timeout(BUSY_TIMEOUT)?;
                // The first read after BEGIN starts the read transaction and
                // fixes the snapshot that every backup step then copies.
                src.execute_batch("BEGIN DEFERRED")?;
                let facts = copy_database(&src, dest, step);
                let _ = src.execute_batch("COMMIT");
                facts
            }
            None => {
                // An in-memory office (tests): copy under the store's lock.
                let conn = self.lock()?;
                copy_database(&conn, dest, step)
            }
        }
    }
}

fn copy_database(
    src: &Connection,
    dest: &Path,
    step: &mut dyn FnMut(u64, u64) -> Result<()>,
) -> Result<SnapshotFacts> {
    let schema_version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let audit_last_id: Option<i64> =
        src.query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))?;
    let page_size: i64 = src.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    let page_size = u64::try_from(page_size).unwrap_or(4096);

    let mut out = Connection::open(dest)?;
    // The copy is a scratch file until it is packed: no journal, no syncs.
    out.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    {
        let backup = Backup::new(src, &mut out)?;
        loop {
            let r = backup.step(PAGES_PER_STEP)?;
            let p = backup.progress();
            let total = u64::try_from(p.pagecount).unwrap_or(0) * page_size;
            let left = u64::try_from(p.remaining).unwrap_or(0) * page_size;
            step(total.saturating_sub(left), total)?;
            match r {
                StepResult::Done => break,
                StepResult::More => {}
                // Only another writer on this very connection's pager can
                // cause these; wait a moment and go on.
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    // The copy carries the live file's WAL flag; turn it back into a plain
    // self-contained file, so it opens anywhere without a -wal beside it.
    let _mode: String = out.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    drop(out);
    let bytes = std::fs::metadata(dest)
        .map_err(|e| Error::io(dest, &e))?
        .len();
    Ok(SnapshotFacts {
        bytes,
        schema_version,
        audit_last_id,
    })
}

/// The schema version this build brings a database up to.
pub(crate) fn latest_schema_version() -> Result<i64> {
    static LATEST: OnceLock<i64> = OnceLock::new();
    if let Some(v) = LATEST.get() {
        return Ok(*v);
    }
    let mut conn = Connection::open_in_memory()?;
    MIGRATIONS
        .to_latest(&mut conn)
        .map_err(|e| Error::internal(format!("migration failed: {e}")))?;
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(*LATEST.get_or_init(|| v))
}

/// Reads a database file that came out of a backup, without trusting it:
/// the integrity check first, then the schema version, then a few counts to
/// show the person what they are about to restore. A file that is not a
/// database at all reports the reason in `integrity`.
pub(crate) fn inspect_database(path: &Path) -> Result<DatabaseFacts> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // A crafted file's triggers and views must not run functions, and its
    // schema must not be writable through PRAGMAs.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    let mut facts = DatabaseFacts {
        integrity: Vec::new(),
        schema_version: 0,
        is_loket: false,
        people: 0,
        requests: 0,
        users: 0,
        agency: None,
    };
    let integrity = conn.prepare("PRAGMA integrity_check").and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
    });
    match integrity {
        Ok(rows) => facts.integrity = rows,
        Err(e) => {
            facts.integrity = vec![e.to_string()];
            return Ok(facts);
        }
    }
    if facts.integrity != ["ok"] {
        return Ok(facts);
    }
    facts.schema_version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'
           AND name IN ('settings', 'users', 'people', 'requests', 'audit_log')",
        [],
        |r| r.get(0),
    )?;
    facts.is_loket = tables == 5;
    if !facts.is_loket {
        return Ok(facts);
    }
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    facts.people = count("people")?;
    facts.requests = count("requests")?;
    facts.users = count("users")?;
    let agency: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = 'agency'", [], |r| {
            r.get(0)
        })
        .ok();
    facts.agency = agency.and_then(|s| serde_json::from_str(&s).ok());
    Ok(facts)
}

/// Whether another connection (this process or another: the window, the
/// CLI) has the database open. Asking for SQLite's exclusive locking mode
/// fails at once while anyone else holds the file.
pub(crate) fn database_in_use(path: &Path) -> Result<bool> {
    if !path.exists() {
        return Ok(false);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::ZERO)?;
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE")?;
    // A write transaction takes the exclusive lock for good in this mode.
    match conn.execute_batch("BEGIN IMMEDIATE; SELECT count(*) FROM sqlite_schema; COMMIT;") {
        Ok(()) => Ok(false),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::DatabaseBusy
                || e.code == rusqlite::ErrorCode::DatabaseLocked =>
        {
            Ok(true)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_store_is_in_use_and_a_closed_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let store = Store::open(&path).unwrap();
        assert!(
            database_in_use(&path).unwrap(),
            "an open store must be seen"
        );
        drop(store);
        assert!(!database_in_use(&path).unwrap());
        // The probe itself leaves the file usable.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    }

    #[test]
    fn snapshot_is_a_plain_sound_copy() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("live.sqlite3")).unwrap();
        store.write(|db| db.next_counter("c")).unwrap();
        let dest = dir.path().join("copy.sqlite3");
        let mut calls = 0;
        let facts = store
            .snapshot(&dest, &mut |done, total| {
                calls += 1;
                assert!(done <= total);
                Ok(())
            })
            .unwrap();
        assert!(calls >= 1);
        assert_eq!(facts.schema_version, latest_schema_version().unwrap());
        let f = inspect_database(&dest).unwrap();
        assert_eq!(f.integrity, ["ok"]);
        assert!(f.is_loket);
        let conn = Connection::open(&dest).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
    }

    #[test]
    fn garbage_is_reported_not_raised() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.sqlite3");
        std::fs::write(&path, vec![7u8; 8192]).unwrap();
        let f = inspect_database(&path).unwrap();
        assert_ne!(f.integrity, ["ok"]);
        assert!(!f.is_loket);
    }
}
