//! What the window's commands share: the office's data (`Loket`), who is
//! signed in, the UI language, and the one long job that may be running. The
//! session lives here, in Rust, so the web page cannot claim a role it was
//! not given.
//!
//! The `Loket` sits behind a lock as an `Option<Arc<_>>` because a restore
//! must close the database (drop every handle), replace the data folder and
//! open it again.

use crate::error::{CmdResult, CommandError};
use loket_core::{Caller, Error, Lang, Loket, Text};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

pub struct AppState {
    loket: RwLock<Option<Arc<Loket>>>,
    session: Mutex<Option<Caller>>,
    lang: Mutex<Lang>,
    /// Set to cancel the running long job (backup, restore, import).
    pub cancel: Arc<AtomicBool>,
    /// Whether a long job is running; only one at a time.
    busy: AtomicBool,
    pub data_dir: PathBuf,
}

/// Marks the long job finished when dropped, however it ends.
pub struct JobGuard<'a>(&'a AtomicBool);

impl Drop for JobGuard<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl AppState {
    /// Opens the data folder: `--data-dir DIR` on the command line, then
    /// `LOKET_DATA_DIR`, then the OS default (the same rule as the CLI).
    pub fn open(args: &[String]) -> loket_core::Result<AppState> {
        let explicit = data_dir_arg(args);
        let dir = loket_core::paths::resolve_data_dir(explicit.as_deref()).ok_or_else(|| {
            Error::invalid(Text::new(
                "Folder data tidak dapat ditentukan.",
                "The data folder cannot be determined.",
            ))
        })?;
        AppState::open_at(&dir)
    }

    pub fn open_at(dir: &Path) -> loket_core::Result<AppState> {
        let loket = Loket::open(dir)?;
        Ok(AppState {
            loket: RwLock::new(Some(Arc::new(loket))),
            session: Mutex::new(None),
            lang: Mutex::new(Lang::Id),
            cancel: Arc::new(AtomicBool::new(false)),
            busy: AtomicBool::new(false),
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

    /// The office's data, while it is open.
    pub fn loket(&self) -> CmdResult<Arc<Loket>> {
        let lang = self.lang();
        let guard = self
            .loket
            .read()
            .map_err(|_| CommandError::internal("state lock poisoned", lang))?;
        guard.clone().ok_or_else(|| {
            CommandError::from_core(
                Error::conflict(Text::new(
                    "Data sedang dipulihkan dari cadangan; tunggu sampai selesai.",
                    "The data is being restored from a backup; wait until it finishes.",
                )),
                lang,
            )
        })
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
        let loket = self.loket()?;
        let lang = self.lang();
        tauri::async_runtime::spawn_blocking(move || f(&loket))
            .await
            .map_err(|e| CommandError::internal(e, lang))?
            .map_err(|e| CommandError::from_core(e, lang))
    }

    /// Starts a long job; refused while another runs. The job's cancel flag
    /// starts cleared.
    pub fn start_job(&self) -> CmdResult<JobGuard<'_>> {
        if self.busy.swap(true, Ordering::SeqCst) {
            return Err(CommandError::from_core(
                Error::conflict(Text::new(
                    "Pekerjaan lain (cadangan atau pemulihan) masih berjalan; tunggu atau batalkan dulu.",
                    "Another job (backup or restore) is still running; wait or cancel it first.",
                )),
                self.lang(),
            ));
        }
        self.cancel.store(false, Ordering::SeqCst);
        Ok(JobGuard(&self.busy))
    }

    /// Closes the office's data for a restore: takes the handle out and
    /// waits (briefly) until commands still running have let go of it, so the
    /// database connection really closes.
    pub fn close_for_restore(&self) -> CmdResult<()> {
        let lang = self.lang();
        let mut guard = self
            .loket
            .write()
            .map_err(|_| CommandError::internal("state lock poisoned", lang))?;
        let Some(mut arc) = guard.take() else {
            return Ok(());
        };
        let start = Instant::now();
        loop {
            match Arc::try_unwrap(arc) {
                Ok(loket) => {
                    drop(loket);
                    return Ok(());
                }
                Err(still_shared) if start.elapsed() < Duration::from_secs(10) => {
                    arc = still_shared;
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(still_shared) => {
                    *guard = Some(still_shared);
                    return Err(CommandError::from_core(
                        Error::conflict(Text::new(
                            "Data masih dipakai pekerjaan lain; coba pulihkan lagi sebentar lagi.",
                            "The data is still in use by other work; try the restore again in a moment.",
                        )),
                        lang,
                    ));
                }
            }
        }
    }

    /// Opens the data folder again after a restore (or after a refused one).
    pub fn reopen(&self) -> CmdResult<()> {
        let lang = self.lang();
        let loket = Loket::open(&self.data_dir).map_err(|e| CommandError::from_core(e, lang))?;
        let mut guard = self
            .loket
            .write()
            .map_err(|_| CommandError::internal("state lock poisoned", lang))?;
        *guard = Some(Arc::new(loket));
        Ok(())
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
