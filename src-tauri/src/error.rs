//! The one error shape the window receives: `{ kind, message, fields }`, with
//! the message already in the UI language.

use loket_core::{Error, Lang};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct FieldMessage {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct CommandError {
    pub kind: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldMessage>,
}

impl CommandError {
    pub fn from_core(e: Error, lang: Lang) -> CommandError {
        CommandError {
            kind: e.kind.code(),
            message: e.message.get(lang).to_string(),
            fields: e
                .fields
                .into_iter()
                .map(|f| FieldMessage {
                    field: f.field,
                    message: f.message.get(lang).to_string(),
                })
                .collect(),
        }
    }

    pub fn signed_out(lang: Lang) -> CommandError {
        CommandError {
            kind: "unauthenticated",
            message: match lang {
                Lang::Id => "Sesi berakhir; silakan masuk lagi.".into(),
                Lang::En => "The session has ended; please sign in again.".into(),
            },
            fields: Vec::new(),
        }
    }

    pub fn internal(detail: impl std::fmt::Display, lang: Lang) -> CommandError {
        CommandError::from_core(Error::internal(detail), lang)
    }
}

pub type CmdResult<T> = Result<T, CommandError>;
