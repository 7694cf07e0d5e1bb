//! Who is acting, and what their role allows. Every operation of [`crate::Loket`]
//! takes a [`Caller`] and checks it here, so the window and the CLI enforce the
//! same rules; the UI only hides what the core would refuse anyway.

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::model::Role;
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use serde::{Deserialize, Serialize};

/// The acting user of one operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    /// `None` for the admin command line, which acts for the office itself.
    pub user_id: Option<i64>,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// The name the audit log records for work done through the CLI.
pub const CLI_ACTOR: &str = "loket-cli";

impl Caller {
    /// The admin command line. Whoever can run it can already read and write
    /// the database file, so it acts with the admin role; its actions are
    /// logged as `loket-cli`.
    pub fn cli() -> Caller {
        Caller {
            user_id: None,
            username: CLI_ACTOR.to_string(),
            display_name: "Loket CLI".to_string(),
            role: Role::Admin,
        }
    }

    pub fn is(&self, role: Role) -> bool {
        self.role == role
    }

    /// Refuses unless the caller holds one of `roles`. `action` names what
    /// was attempted, for the message.
    pub fn require(&self, roles: &[Role], action: &Text) -> Result<()> {
        if roles.contains(&self.role) {
            return Ok(());
        }
        let role = self.role.label();
        let allowed_id = roles
            .iter()
            .map(|r| r.label().id)
            .collect::<Vec<_>>()
            .join(", ");
        let allowed_en = roles
            .iter()
            .map(|r| r.label().en)
            .collect::<Vec<_>>()
            .join(", ");
        Err(Error::forbidden(Text::new(
            format!(
                "Peran {} tidak boleh {}. Yang boleh: {allowed_id}.",
                role.id, action.id
            ),
            format!(
                "The {} role may not {}. Allowed: {allowed_en}.",
                role.en, action.en
            ),
        )))
    }
}

pub(crate) const MIN_PASSWORD_LEN: usize = 8;

/// Checks a new password against the office's minimum.
pub(crate) fn check_new_password(password: &str) -> Result<(), Text> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(Text::new(
            format!("Kata sandi minimal {MIN_PASSWORD_LEN} karakter; yang diisi {n}."),
            format!("The password needs at least {MIN_PASSWORD_LEN} characters; {n} given."),
        ));
    }
    if password.trim() != password {
        return Err(Text::new(
            "Kata sandi tidak boleh diawali atau diakhiri spasi.",
            "The password must not start or end with a space.",
        ));
    }
    Ok(())
}

/// Hashes a password with Argon2id and a random salt (PHC string format).
pub(crate) fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::internal(format!("password hashing failed: {e}")))
}

/// Verifies a password against a stored hash. A malformed hash never matches.
pub(crate) fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A fixed hash verified when the user does not exist, so that a wrong user
/// name takes as long as a wrong password and reveals nothing.
pub(crate) fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("loket-dummy-password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash_password("rahasia-123").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("rahasia-123", &h));
        assert!(!verify_password("rahasia-124", &h));
        assert!(!verify_password("rahasia-123", "not a hash"));
    }

    #[test]
    fn password_rules() {
        assert!(check_new_password("pendek").is_err());
        assert!(check_new_password(" spasi-di-depan").is_err());
        assert!(check_new_password("cukup-panjang").is_ok());
    }

    #[test]
    fn role_refusal_names_the_role_and_the_action() {
        let c = Caller {
            user_id: Some(1),
            username: "budi".into(),
            display_name: "Budi".into(),
            role: Role::Pemohon,
        };
        let e = c
            .require(&[Role::Admin], &Text::new("menambah pengguna", "add users"))
            .unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Forbidden);
        assert!(
            e.message
                .id
                .contains("Pemohon tidak boleh menambah pengguna"),
            "{}",
            e.message.id
        );
        assert!(
            e.message.en.contains("Applicant role may not add users"),
            "{}",
            e.message.en
        );
    }
}
