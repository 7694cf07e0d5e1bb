use super::Db;
use crate::error::Result;
use rusqlite::OptionalExtension;
use serde::{Serialize, de::DeserializeOwned};

impl Db<'_> {
    /// Reads a JSON setting; `None` when it was never written.
    pub(crate) fn get_setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let raw: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        match raw {
            Some(s) => Ok(Some(serde_json::from_str(&s).map_err(|e| {
                crate::Error::internal(format!("setting {key} is unreadable: {e}"))
            })?)),
            None => Ok(None),
        }
    }

    pub(crate) fn put_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        let json = serde_json::to_string(value)?;
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json),
        )?;
        Ok(())
    }
}
