//! Local accounts: first-run setup, signing in, and the admin's user list.

use crate::agency::AgencyProfile;
use crate::auth::{self, Caller};
use crate::error::{Error, ErrorKind, FieldIssue, Result};
use crate::i18n::Text;
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{Role, User};
use crate::t;
use serde::{Deserialize, Serialize};

/// A new account as typed by an admin (or the first-run form).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Option<Role>,
    pub password: String,
}

/// What the first-run screen collects: the first admin and the profile.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SetupInput {
    pub admin: NewUser,
    pub agency: AgencyProfile,
}

impl NewUser {
    fn validate(&self) -> Result<(String, String, Role)> {
        let mut issues = Vec::new();
        let username = self.username.trim().to_lowercase();
        if let Err(m) = check_username(&username) {
            issues.push(FieldIssue::new("username", m));
        }
        let display = self.display_name.trim().to_string();
        let display = if display.is_empty() {
            username.clone()
        } else {
            display
        };
        let role = match self.role {
            Some(r) => r,
            None => {
                issues.push(FieldIssue::new(
                    "role",
                    t!("Peran wajib dipilih.", "Choose a role."),
                ));
                Role::Pemohon
            }
        };
        if let Err(m) = auth::check_new_password(&self.password) {
            issues.push(FieldIssue::new("password", m));
        }
        if issues.is_empty() {
            Ok((username, display, role))
        } else {
            Err(Error::invalid_fields(issues))
        }
    }
}

fn check_username(name: &str) -> Result<(), Text> {
    let n = name.chars().count();
    if !(3..=32).contains(&n) {
        return Err(t!(
            "Nama pengguna harus 3 sampai 32 karakter; yang diisi {n}.",
            "The user name needs 3 to 32 characters; {n} given."
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    {
        return Err(Text::new(
            "Nama pengguna hanya boleh huruf kecil, angka, titik, garis bawah atau tanda hubung (tanpa spasi).",
            "The user name may hold only lower-case letters, digits, dots, underscores or hyphens (no spaces).",
        ));
    }
    Ok(())
}

fn wrong_credentials() -> Error {
    Error::new(
        ErrorKind::Unauthenticated,
        Text::new(
            "Nama pengguna atau kata sandi salah.",
            "Wrong user name or password.",
        ),
    )
}

impl Loket {
    /// True until the first admin account exists: the window then shows the
    /// first-run setup instead of the sign-in screen.
    pub fn needs_setup(&self) -> Result<bool> {
        Ok(self.store.read(|db| db.count_users())? == 0)
    }

    /// Creates the first admin and the agency profile in one transaction.
    /// Refused once any account exists, so the setup screen cannot be
    /// replayed to take over an office.
    pub fn complete_setup(&self, input: &SetupInput) -> Result<Caller> {
        let admin = NewUser {
            role: Some(Role::Admin),
            ..input.admin.clone()
        };
        let admin_v = admin.validate();
        let agency_v = input.agency.validate(self.today());
        let (username, display, _) = match (admin_v, agency_v) {
            (Ok(a), Ok(_)) => a,
            (a, g) => {
                // Report the problems of both parts of the form at once.
                let mut fields = Vec::new();
                if let Err(e) = a {
                    fields.extend(
                        e.fields
                            .into_iter()
                            .map(|f| FieldIssue::new(format!("admin.{}", f.field), f.message)),
                    );
                }
                if let Err(e) = g {
                    fields.extend(
                        e.fields
                            .into_iter()
                            .map(|f| FieldIssue::new(format!("agency.{}", f.field), f.message)),
                    );
                }
                return Err(Error::invalid_fields(fields));
            }
        };
        let agency = input.agency.validate(self.today())?;
        let hash = auth::hash_password(&admin.password)?;
        let now = self.stamp_now();
        let id = self.store.write(|db| {
            if db.count_users()? > 0 {
                return Err(Error::conflict(Text::new(
                    "Aplikasi sudah disiapkan; masuk dengan akun admin yang ada.",
                    "The app is already set up; sign in with the existing admin account.",
                )));
            }
            let id = db.insert_user(&username, &display, Role::Admin, &hash, &now)?;
            db.put_setting("agency", &agency)?;
            let caller = Caller {
                user_id: Some(id),
                username: username.clone(),
                display_name: display.clone(),
                role: Role::Admin,
            };
            Audit {
                action: "setup.complete",
                entity: "user",
                entity_id: Some(id.to_string()),
                summary: format!("Penyiapan awal: admin {username} dan profil dinas dibuat"),
                old_value: None,
                new_value: audit_json(&agency),
            }
            .write(db, &caller, &now)?;
            Ok(id)
        })?;
        Ok(Caller {
            user_id: Some(id),
            username,
            display_name: display,
            role: Role::Admin,
        })
    }

    /// Checks a user name and password. The hash is verified outside the
    /// database lock: Argon2 is deliberately slow.
    pub fn sign_in(&self, username: &str, password: &str) -> Result<Caller> {
        let name = username.trim().to_lowercase();
        let found = self.store.read(|db| match db.user_by_name(&name)? {
            Some(u) => Ok(Some((db.password_hash(u.id)?, u))),
            None => Ok(None),
        })?;
        let Some((hash, user)) = found else {
            let _ = auth::verify_password(password, auth::dummy_hash());
            return Err(wrong_credentials());
        };
        if !auth::verify_password(password, &hash) {
            return Err(wrong_credentials());
        }
        if !user.active {
            return Err(Error::new(
                ErrorKind::Unauthenticated,
                Text::new(
                    "Akun ini dinonaktifkan. Hubungi admin.",
                    "This account is deactivated. Contact the admin.",
                ),
            ));
        }
        let caller = Caller {
            user_id: Some(user.id),
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: user.role,
        };
        let now = self.stamp_now();
        self.store.write(|db| {
            Audit {
                action: "user.sign_in",
                entity: "user",
                entity_id: Some(user.id.to_string()),
                summary: format!("{} masuk", user.username),
                old_value: None,
                new_value: None,
            }
            .write(db, &caller, &now)
        })?;
        Ok(caller)
    }

    /// The CLI's `--as USER`: acts as an existing, active account without its
    /// password. Only the command line uses this; whoever runs it can already
    /// write the database file, and the audit log records the user named.
    pub fn act_as(&self, username: &str) -> Result<Caller> {
        let name = username.trim().to_lowercase();
        let user = self
            .store
            .read(|db| db.user_by_name(&name))?
            .ok_or_else(|| {
                Error::not_found(t!(
                    "Pengguna \"{name}\" tidak ada. Lihat `loket user list`.",
                    "User \"{name}\" does not exist. See `loket user list`."
                ))
            })?;
        if !user.active {
            return Err(Error::forbidden(t!(
                "Akun {name} dinonaktifkan.",
                "Account {name} is deactivated."
            )));
        }
        Ok(Caller {
            user_id: Some(user.id),
            username: user.username,
            display_name: user.display_name,
            role: user.role,
        })
    }

    pub fn add_user(&self, caller: &Caller, new: &NewUser) -> Result<User> {
        caller.require(&[Role::Admin], &t!("menambah pengguna", "add users"))?;
        let (username, display, role) = new.validate()?;
        let hash = auth::hash_password(&new.password)?;
        let now = self.stamp_now();
        self.store.write(|db| {
            if db.user_by_name(&username)?.is_some() {
                return Err(Error::invalid_fields(vec![FieldIssue::new(
                    "username",
                    t!(
                        "Nama pengguna \"{username}\" sudah dipakai.",
                        "The user name \"{username}\" is taken."
                    ),
                )]));
            }
            let id = db.insert_user(&username, &display, role, &hash, &now)?;
            let user = db
                .get_user(id)?
                .ok_or_else(|| Error::internal("new user vanished"))?;
            Audit {
                action: "user.create",
                entity: "user",
                entity_id: Some(id.to_string()),
                summary: format!("Pengguna {username} ({}) ditambahkan", role.code()),
                old_value: None,
                new_value: audit_json(&user),
            }
            .write(db, caller, &now)?;
            Ok(user)
        })
    }

    pub fn list_users(&self, caller: &Caller) -> Result<Vec<User>> {
        caller.require(
            &[Role::Admin],
            &t!("melihat daftar pengguna", "see the user list"),
        )?;
        self.store.read(|db| db.list_users())
    }

    /// The caller's own account.
    pub fn me(&self, caller: &Caller) -> Result<User> {
        let id = caller.user_id.ok_or_else(|| {
            Error::not_found(Text::new(
                "CLI tidak memiliki akun.",
                "The CLI has no account.",
            ))
        })?;
        self.store.read(|db| db.get_user(id))?.ok_or_else(|| {
            Error::not_found(Text::new("Akun tidak ditemukan.", "Account not found."))
        })
    }

    /// Changes a role, display name or active flag. The last active admin
    /// cannot be demoted or deactivated, or nobody could manage the office.
    pub fn update_user(
        &self,
        caller: &Caller,
        user_id: i64,
        display_name: &str,
        role: Role,
        active: bool,
    ) -> Result<User> {
        caller.require(&[Role::Admin], &t!("mengubah pengguna", "change users"))?;
        let now = self.stamp_now();
        self.store.write(|db| {
            let old = db.get_user(user_id)?.ok_or_else(|| {
                Error::not_found(Text::new("Pengguna tidak ditemukan.", "User not found."))
            })?;
            let stays_admin = role == Role::Admin && active;
            if old.role == Role::Admin
                && old.active
                && !stays_admin
                && db.count_active_admins()? <= 1
            {
                return Err(Error::conflict(Text::new(
                    "Ini admin aktif terakhir; tambahkan admin lain dahulu.",
                    "This is the last active admin; add another admin first.",
                )));
            }
            let display = if display_name.trim().is_empty() {
                old.display_name.clone()
            } else {
                display_name.trim().to_string()
            };
            db.update_user(user_id, &display, role, active, &now)?;
            let new = db
                .get_user(user_id)?
                .ok_or_else(|| Error::internal("user vanished"))?;
            Audit {
                action: "user.update",
                entity: "user",
                entity_id: Some(user_id.to_string()),
                summary: format!("Pengguna {} diubah", old.username),
                old_value: audit_json(&old),
                new_value: audit_json(&new),
            }
            .write(db, caller, &now)?;
            Ok(new)
        })
    }

    /// Sets a password: an admin for anyone, a user for themselves (with the
    /// current password).
    pub fn set_password(
        &self,
        caller: &Caller,
        user_id: i64,
        current: Option<&str>,
        new_password: &str,
    ) -> Result<()> {
        let own = caller.user_id == Some(user_id);
        if !own {
            caller.require(
                &[Role::Admin],
                &t!(
                    "mengganti kata sandi pengguna lain",
                    "change another user's password"
                ),
            )?;
        } else {
            // Changing one's own password always asks for the current one, so
            // an unlocked, unattended window cannot be used to take an account.
            let hash = self.store.read(|db| db.password_hash(user_id))?;
            if !auth::verify_password(current.unwrap_or_default(), &hash) {
                return Err(Error::invalid_fields(vec![FieldIssue::new(
                    "current",
                    Text::new("Kata sandi lama salah.", "The current password is wrong."),
                )]));
            }
        }
        auth::check_new_password(new_password)
            .map_err(|m| Error::invalid_fields(vec![FieldIssue::new("password", m)]))?;
        let hash = auth::hash_password(new_password)?;
        let now = self.stamp_now();
        self.store.write(|db| {
            let user = db.get_user(user_id)?.ok_or_else(|| {
                Error::not_found(Text::new("Pengguna tidak ditemukan.", "User not found."))
            })?;
            db.set_user_password(user_id, &hash, &now)?;
            Audit {
                action: "user.password",
                entity: "user",
                entity_id: Some(user_id.to_string()),
                summary: format!("Kata sandi {} diganti", user.username),
                old_value: None,
                new_value: None,
            }
            .write(db, caller, &now)
        })
    }
}
