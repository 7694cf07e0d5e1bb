//! loket-core: everything a Diskominfo office does with electronic-certificate
//! requests, without a window. The desktop shell (src-tauri) and the admin CLI
//! (crates/loket-cli) are thin layers over this crate: they call [`Loket`]'s
//! methods and turn [`Error`] into their own shape.

pub mod accounts;
pub mod agency;
pub mod ams;
pub mod audit_log;
pub mod auth;
pub mod backup;
pub mod bundle;
pub mod certificates;
pub mod clock;
pub mod documents;
pub mod error;
pub mod i18n;
pub mod identity;
pub mod letters;
pub mod lifecycle;
mod loket;
pub mod model;
pub mod naskah;
pub mod paths;
pub mod people;
pub mod registry;
pub mod reports;
pub mod requests;
pub mod sop;
pub mod sop_admin;
pub mod store;
#[doc(hidden)]
pub mod testing;

pub use auth::Caller;
pub use error::{Error, ErrorKind, FieldIssue, Result};
pub use i18n::{Lang, Text};
pub use loket::Loket;

/// Sixteen random bytes (from a v4 UUID), for generated passwords and codes.
pub fn uuid_bytes() -> [u8; 16] {
    *uuid::Uuid::new_v4().as_bytes()
}
