//! What the window's commands share: the office's data (`Loket`), who is
//! signed in, and the UI language. The session lives here, in Rust, so the
//! web page cannot claim a role it was not given.

use crate::error::{CmdResult, CommandError};
use loket_core::{Caller, Lang, Loket};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct AppState {
    loket: Arc<Loket>,
    session: Mutex<Option<Caller>>,
    lang: Mutex<Lang>,
    pub data_dir: PathBuf,
}

impl AppState {
    /// Opens the data folder: `--data-dir DIR` on the command line, then
    /// `LOKET_DATA_DIR`, then the OS default (the same rule as the CLI).
    pub fn open(args: &[String]) -> loket_core::Result<AppState> {
        let explicit = data_dir_arg(args);
        let dir = loket_core::paths::resolve_data_dir(explicit.as_deref()).ok_or_else(|| {
            loket_core::Error::invalid(loket_core::Text::new(
                "Folder data tidak dapat ditentukan.",
                "The data folder cannot be determined.",
            ))
        })?;
        AppState::open_at(&dir)
    }

    pub fn open_at(dir: &Path) -> loket_core::Result<AppState> {
        let loket = Loket::open(dir)?;
        Ok(AppState {
            loket: Arc::new(loket),
            session: Mutex::new(None),
            lang: Mutex::new(Lang::Id),
            data_dir: dir.to_path_buf(),
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang.lock().map(|l| *l).unwrap_or_default()
    }

    pub fn set_lang(&self, lang: Lang) {
        if let Ok(mut l) = self.lang.lock() {
            *l = lang;
        }
    }

    pub fn caller(&self) -> CmdResult<Caller> {
        let session = self
            .session
            .lock()
            .map_err(|_| CommandError::internal("session lock poisoned", self.lang()))?;
        session
            .clone()
            .ok_or_else(|| CommandError::signed_out(self.lang()))
    }

    pub fn set_session(&self, caller: Option<Caller>) {
        if let Ok(mut s) = self.session.lock() {
            *s = caller;
        }
    }

    /// Runs core work for the signed-in caller on the blocking pool (database
    /// and PDF work must not stall the window's event loop).
    pub async fn run<T, F>(&self, f: F) -> CmdResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Loket, &Caller) -> loket_core::Result<T> + Send + 'static,
    {
        let caller = self.caller()?;
        self.run_open(move |loket| f(loket, &caller)).await
    }

    /// Runs core work that needs nobody signed in (setup, sign-in).
    pub async fn run_open<T, F>(&self, f: F) -> CmdResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Loket) -> loket_core::Result<T> + Send + 'static,
    {
        let loket = Arc::clone(&self.loket);
        let lang = self.lang();
        tauri::async_runtime::spawn_blocking(move || f(&loket))
            .await
            .map_err(|e| CommandError::internal(e, lang))?
            .map_err(|e| CommandError::from_core(e, lang))
    }
}

fn data_dir_arg(args: &[String]) -> Option<PathBuf> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--data-dir" {
            return it.next().map(PathBuf::from);
        }
        if let Some(v) = a.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(v));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_from_arguments() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            data_dir_arg(&args(&["app", "--data-dir", "/x"])),
            Some(PathBuf::from("/x"))
        );
        assert_eq!(
            data_dir_arg(&args(&["app", "--data-dir=/y"])),
            Some(PathBuf::from("/y"))
        );
        assert_eq!(data_dir_arg(&args(&["app"])), None);
    }
}
