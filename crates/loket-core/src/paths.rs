//! Where the office's data lives. The window and the CLI compute the same
//! default folder, so both work on the same database unless told otherwise.

use std::path::{Path, PathBuf};

/// The app identifier. It decides the data folder and must never change.
pub const APP_IDENTIFIER: &str = "id.lokettte.desktop";

/// Environment variable that overrides the data folder (tests, scripts).
pub const DATA_DIR_ENV: &str = "LOKET_DATA_DIR";

/// The folder name under the OS's local data folder. Debug builds use their
/// own folder so a developer's experiments never touch a real office's data.
pub fn folder_name() -> String {
    if cfg!(debug_assertions) {
        format!("{APP_IDENTIFIER}-debug")
    } else {
        APP_IDENTIFIER.to_string()
    }
}

/// The default data folder: `%LOCALAPPDATA%\id.lokettte.desktop` on Windows
/// (local, not roaming: the document store can be large), and
/// `~/.local/share/id.lokettte.desktop` on Linux.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_local_dir().map(|d| d.join(folder_name()))
}

/// Resolves the data folder: an explicit `--data-dir`, then `LOKET_DATA_DIR`,
/// then the OS default.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    match std::env::var_os(DATA_DIR_ENV) {
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ => default_data_dir(),
    }
}

/// The files and folders inside one data folder.
#[derive(Clone, Debug)]
pub struct DataPaths {
    pub root: PathBuf,
}

impl DataPaths {
    pub fn new(root: impl Into<PathBuf>) -> DataPaths {
        DataPaths { root: root.into() }
    }

    pub fn database(&self) -> PathBuf {
        self.root.join("loket.sqlite3")
    }

    pub fn documents(&self) -> PathBuf {
        self.root.join("dokumen")
    }

    pub fn letters(&self) -> PathBuf {
        self.root.join("surat")
    }

    pub fn backups(&self) -> PathBuf {
        self.root.join("cadangan")
    }
}
