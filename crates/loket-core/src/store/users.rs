use super::Db;
use crate::error::{Error, Result};
use crate::model::{Role, User};
use rusqlite::{OptionalExtension, Row};

const USER_COLUMNS: &str = "id, username, display_name, role, person_id, active, created_at";

fn user_from_row(r: &Row) -> rusqlite::Result<User> {
    let role: String = r.get(3)?;
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Pemohon),
        person_id: r.get(4)?,
        active: r.get::<_, i64>(5)? == 1,
        created_at: r.get(6)?,
    })
}

impl Db<'_> {
    pub(crate) fn count_users(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
    }

    pub(crate) fn count_active_admins(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1",
            [],
            |r| r.get(0),
        )?)
    }

    pub(crate) fn insert_user(
        &self,
        username: &str,
        display_name: &str,
        role: Role,
        password_hash: &str,
        now: &str,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO users(username, display_name, role, password_hash, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            (username, display_name, role.code(), password_hash, now),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub(crate) fn get_user(&self, id: i64) -> Result<Option<User>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"),
                [id],
                user_from_row,
            )
            .optional()?)
    }

    pub(crate) fn user_by_name(&self, username: &str) -> Result<Option<User>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE username = ?1"),
                [username],
                user_from_row,
            )
            .optional()?)
    }

    /// The stored Argon2 hash of a user, for signing in.
    pub(crate) fn password_hash(&self, user_id: i64) -> Result<String> {
        self.conn
            .query_row(
                "SELECT password_hash FROM users WHERE id = ?1",
                [user_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::internal(format!("user {user_id} vanished")))
    }

    pub(crate) fn list_users(&self) -> Result<Vec<User>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY username"
        ))?;
        let rows = stmt.query_map([], user_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub(crate) fn set_user_person(&self, user_id: i64, person_id: i64, now: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE users SET person_id = ?2, updated_at = ?3 WHERE id = ?1",
            (user_id, person_id, now),
        )?;
        Ok(())
    }

    pub(crate) fn set_user_password(&self, user_id: i64, hash: &str, now: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
            (user_id, hash, now),
        )?;
        Ok(())
    }

    pub(crate) fn update_user(
        &self,
        user_id: i64,
        display_name: &str,
        role: Role,
        active: bool,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE users SET display_name = ?2, role = ?3, active = ?4, updated_at = ?5 WHERE id = ?1",
            (user_id, display_name, role.code(), active as i64, now),
        )?;
        Ok(())
    }
}
