//! The one error type of loket-core. It carries a kind (what the caller may do
//! about it), a message for a person in both languages, and for validation
//! failures the problem of each form field, so a window can show each message
//! next to its field.

use crate::i18n::{Lang, Text};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The input is wrong; `fields` says where.
    Invalid,
    /// The thing asked for does not exist.
    NotFound,
    /// The caller's role does not allow this.
    Forbidden,
    /// Nobody is signed in, or the password is wrong.
    Unauthenticated,
    /// The action clashes with what is stored (a duplicate, a wrong state).
    Conflict,
    /// A file could not be read or written.
    Io,
    /// The database failed.
    Storage,
    /// A bug: something that should not happen.
    Internal,
}

impl ErrorKind {
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Invalid => "invalid",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Unauthenticated => "unauthenticated",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Io => "io",
            ErrorKind::Storage => "storage",
            ErrorKind::Internal => "internal",
        }
    }
}

/// The problem with one field of a form or one key of a JSON input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldIssue {
    pub field: String,
    pub message: Text,
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, message: Text) -> FieldIssue {
        FieldIssue {
            field: field.into(),
            message,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldIssue>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: Text) -> Error {
        Error {
            kind,
            message,
            fields: Vec::new(),
        }
    }

    pub fn invalid(message: Text) -> Error {
        Error::new(ErrorKind::Invalid, message)
    }

    /// A validation failure listing each field's problem. The summary names
    /// how many fields need attention; the first one's text follows.
    pub fn invalid_fields(fields: Vec<FieldIssue>) -> Error {
        let message = match fields.as_slice() {
            [] => Text::new("Data tidak valid.", "The data is not valid."),
            [one] => one.message.clone(),
            [first, ..] => {
                let n = fields.len();
                Text::new(
                    format!("{n} isian perlu diperbaiki. {}", first.message.id),
                    format!("{n} fields need correcting. {}", first.message.en),
                )
            }
        };
        Error {
            kind: ErrorKind::Invalid,
            message,
            fields,
        }
    }

    pub fn not_found(message: Text) -> Error {
        Error::new(ErrorKind::NotFound, message)
    }

    pub fn forbidden(message: Text) -> Error {
        Error::new(ErrorKind::Forbidden, message)
    }

    pub fn conflict(message: Text) -> Error {
        Error::new(ErrorKind::Conflict, message)
    }

    pub fn internal(detail: impl std::fmt::Display) -> Error {
        Error::new(
            ErrorKind::Internal,
            Text::new(
                format!("Terjadi kesalahan internal: {detail}"),
                format!("Internal error: {detail}"),
            ),
        )
    }

    pub fn io(path: &std::path::Path, err: &std::io::Error) -> Error {
        let p = path.display();
        Error::new(
            ErrorKind::Io,
            Text::new(
                format!("Berkas {p} tidak dapat dibaca atau ditulis: {err}"),
                format!("File {p} could not be read or written: {err}"),
            ),
        )
    }

    /// The message in one language, with each field's problem on its own line.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.message.get(lang).to_string();
        if self.fields.len() > 1 {
            for f in &self.fields {
                out.push_str(&format!("\n  - {}: {}", f.field, f.message.get(lang)));
            }
        }
        out
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::Id))
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Error {
        if let rusqlite::Error::SqliteFailure(e, _) = &err
            && (e.code == rusqlite::ErrorCode::DatabaseBusy
                || e.code == rusqlite::ErrorCode::DatabaseLocked)
        {
            return Error::new(
                ErrorKind::Storage,
                Text::new(
                    "Basis data sedang dipakai proses lain. Coba lagi sebentar lagi.",
                    "The database is busy in another process. Try again in a moment.",
                ),
            );
        }
        Error::new(
            ErrorKind::Storage,
            Text::new(
                format!("Basis data gagal: {err}"),
                format!("Database failure: {err}"),
            ),
        )
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Error {
        Error::invalid(Text::new(
            format!("JSON tidak dapat dibaca: {err}"),
            format!("The JSON could not be read: {err}"),
        ))
    }
}
