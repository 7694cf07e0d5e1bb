//! The SQLite store. It owns its connection privately; the rest of the crate
//! reaches the data through [`Store::read`] and [`Store::write`], which hand a
//! [`Db`] with named methods (`insert_request`, `list_people`, …) to a closure.
//! SQL text never leaves this module.
//!
//! Every connection runs with foreign keys on, WAL journaling, synchronous
//! FULL (a committed write survives a crash of the app or the machine) and a
//! busy timeout, so a second app instance on the same file waits instead of
//! failing. Writes run in IMMEDIATE transactions: the write lock is taken at
//! the start, so read-then-write sequences such as drawing the next number
//! from a counter cannot interleave between processes.
//!
//! The mutex is taken once per `read`/`write`; `Db` methods never lock, so a
//! method cannot deadlock by calling another.

pub(crate) mod audit;
pub(crate) mod bundles;
pub(crate) mod certificates;
pub(crate) mod documents;
pub(crate) mod events;
pub(crate) mod letters;
pub(crate) mod people;
pub(crate) mod registry;
pub(crate) mod reports;
pub(crate) mod requests;
mod settings;
pub(crate) mod snapshot;
pub(crate) mod sops;
mod users;

pub use audit::AuditEntry;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rusqlite_migration::{M, Migrations};
use std::path::Path;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_foundation.sql")),
        M::up(include_str!("migrations/002_sop_engine.sql")),
        M::up(include_str!("migrations/003_documents.sql")),
        M::up(include_str!("migrations/004_registry.sql")),
        M::up(include_str!("migrations/005_letters.sql")),
        M::up(include_str!("migrations/006_bundles.sql")),
        M::up(include_str!("migrations/007_reports.sql")),
    ])
});

/// How long a connection waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Store {
    conn: Mutex<Connection>,
}

/// A connection inside a `read` or `write` call, with the named queries.
pub(crate) struct Db<'c> {
    conn: &'c Connection,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        Store::init(conn, true)
    }

    /// An in-memory database for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, false)
    }

    fn init(mut conn: Connection, wal: bool) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if wal {
            // journal_mode returns a row; query it rather than execute.
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::internal(format!("journal_mode is {mode}, not WAL")));
            }
        }
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             PRAGMA synchronous = FULL;",
        )?;
        MIGRATIONS
            .to_latest(&mut conn)
            .map_err(|e| Error::internal(format!("migration failed: {e}")))?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Connection>> {
        self.conn
            .lock()
            .map_err(|_| Error::internal("database lock poisoned by an earlier panic"))
    }

    /// Runs read-only queries.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        let conn = self.lock()?;
        f(&Db { conn: &conn })
    }

    /// Runs `f` in an IMMEDIATE transaction, committed only when `f` returns
    /// Ok. An error (or a panic) rolls everything back: nothing half-written.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&Db { conn: &tx })?;
        tx.commit()?;
        Ok(out)
    }

    /// Checks the file's integrity (`PRAGMA integrity_check`).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let conn = self.lock()?;
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The schema version (number of applied migrations).
    pub fn schema_version(&self) -> Result<i64> {
        let conn = self.lock()?;
        Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

impl Db<'_> {
    /// Draws the next value of a named counter. Only called inside `write`,
    /// whose IMMEDIATE transaction makes the read-increment atomic across
    /// processes.
    pub(crate) fn next_counter(&self, name: &str) -> Result<i64> {
        let value: i64 = self.conn.query_row(
            "INSERT INTO counters(name, value) VALUES (?1, 1)
             ON CONFLICT(name) DO UPDATE SET value = value + 1
             RETURNING value",
            [name],
            |r| r.get(0),
        )?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().expect("migrations validate");
    }

    #[test]
    fn pragmas_are_set_on_file_databases() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite3")).unwrap();
        store
            .read(|db| {
                let fk: i64 = db.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
                let jm: String = db.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
                let sync: i64 = db.conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
                let busy: i64 = db.conn.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?;
                assert_eq!(fk, 1);
                assert_eq!(jm, "wal");
                assert_eq!(sync, 2, "synchronous FULL");
                assert_eq!(busy, 10_000);
                Ok(())
            })
            .unwrap();
        assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    }

    #[test]
    fn failed_write_rolls_back_everything() {
        let store = Store::open_in_memory().unwrap();
        let r: Result<()> = store.write(|db| {
            db.next_counter("x")?;
            Err(Error::internal("boom"))
        });
        assert!(r.is_err());
        let v = store.write(|db| db.next_counter("x")).unwrap();
        assert_eq!(v, 1, "the failed transaction's increment must not survive");
    }

    #[test]
    fn counters_never_repeat_across_connections_on_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        drop(Store::open(&path).unwrap());
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let store = Store::open(&path).unwrap();
                    (0..50)
                        .map(|_| store.write(|db| db.next_counter("c")).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<i64> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect();
        all.sort();
        assert_eq!(all, (1..=200).collect::<Vec<_>>());
    }
}
