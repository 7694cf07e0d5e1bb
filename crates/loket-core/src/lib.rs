//! loket-core: everything a Diskominfo office does with electronic-certificate
//! requests, without a window. The desktop shell (src-tauri) and the admin CLI
//! (crates/loket-cli) are thin layers over this crate.

pub mod error;
pub mod i18n;
pub mod letters;
pub mod model;

pub use error::{Error, ErrorKind, FieldIssue, Result};
pub use i18n::{Lang, Text};
