//! The window's commands, one file per area. Each command unpacks the state,
//! calls loket-core on the blocking pool and converts the error; no SQL, no
//! business rule and no formatting lives here.

pub mod agency;
pub mod backup;
pub mod bundles;
pub mod documents;
pub mod letters;
pub mod lifecycle;
pub mod people;
pub mod reference;
pub mod registry;
pub mod reports;
pub mod requests;
pub mod session;
pub mod sops;
pub mod users;

use crate::error::FieldMessage;
use loket_core::{Error, Lang};
use serde::Serialize;

/// The answer to a live-validation call: valid, or each field's message.
#[derive(Serialize)]
pub struct Validation<T> {
    pub valid: bool,
    pub fields: Vec<FieldMessage>,
    pub value: Option<T>,
    /// A problem not tied to a field (e.g. a rule about the person's
    /// certificate).
    pub message: Option<String>,
}

impl<T> Validation<T> {
    pub fn from(result: loket_core::Result<T>, lang: Lang) -> Validation<T> {
        match result {
            Ok(v) => Validation {
                valid: true,
                fields: Vec::new(),
                value: Some(v),
                message: None,
            },
            Err(Error {
                message, fields, ..
            }) => Validation {
                valid: false,
                message: if fields.is_empty() {
                    Some(message.get(lang).to_string())
                } else {
                    None
                },
                fields: fields
                    .into_iter()
                    .map(|f| FieldMessage {
                        field: f.field,
                        message: f.message.get(lang).to_string(),
                    })
                    .collect(),
                value: None,
            },
        }
    }
}
