//! Native file dialogs, the way Tauri's official dialog plugin runs them: the
//! rfd dialog is built on the main (GTK) thread, and its future is awaited on
//! another thread, so an async command never blocks the event loop (a
//! blocking dialog from a sync command deadlocks the app for good).
//!
//! End-to-end tests cannot click a native dialog. In debug builds only, the
//! environment variable `LOKET_TEST_DIALOG` answers the dialog instead of
//! showing it, so the test drives the same buttons, commands and code paths
//! as a person does: either the answer itself (paths separated by `;`, or
//! `cancel`), given to every dialog, or `@FILE`, a file of answers, one per
//! line, each dialog taking (and removing) the first.

use std::path::PathBuf;
use tauri::{AppHandle, Runtime, WebviewWindow};

/// A filter: label and extensions without dots.
pub type Filter = (&'static str, &'static [&'static str]);

/// What kind of dialog to show.
pub enum Kind {
    Open { multiple: bool },
    Save { file_name: String },
}

fn test_answer() -> Option<Option<Vec<PathBuf>>> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let mut v = std::env::var("LOKET_TEST_DIALOG").ok()?;
    if let Some(file) = v.strip_prefix('@') {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next().unwrap_or("cancel").trim().to_string();
        let rest: Vec<&str> = lines.collect();
        let _ = std::fs::write(file, rest.join("\n"));
        v = first;
    }
    if v == "cancel" {
        return Some(None);
    }
    Some(Some(
        v.split(';')
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect(),
    ))
}

/// Shows a file dialog over `window` and returns the chosen paths, or `None`
/// when the person cancels.
pub async fn ask<R: Runtime>(
    app: &AppHandle<R>,
    window: Option<WebviewWindow<R>>,
    title: String,
    filters: &'static [Filter],
    kind: Kind,
) -> Option<Vec<PathBuf>> {
    if let Some(answer) = test_answer() {
        return answer;
    }
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let built = app.run_on_main_thread(move || {
        let mut dialog = rfd::AsyncFileDialog::new().set_title(title);
        for (name, exts) in filters {
            dialog = dialog.add_filter(*name, exts);
        }
        if let Some(w) = &window {
            dialog = dialog.set_parent(w);
        }
        match kind {
            Kind::Open { multiple: true } => {
                let fut = dialog.pick_files();
                std::thread::spawn(move || {
                    let picked = tauri::async_runtime::block_on(fut);
                    let _ =
                        tx.send(picked.map(|v| v.iter().map(|h| h.path().to_path_buf()).collect()));
                });
            }
            Kind::Open { multiple: false } => {
                let fut = dialog.pick_file();
                std::thread::spawn(move || {
                    let picked = tauri::async_runtime::block_on(fut);
                    let _ = tx.send(picked.map(|h| vec![h.path().to_path_buf()]));
                });
            }
            Kind::Save { file_name } => {
                let fut = dialog.set_file_name(file_name).save_file();
                std::thread::spawn(move || {
                    let picked = tauri::async_runtime::block_on(fut);
                    let _ = tx.send(picked.map(|h| vec![h.path().to_path_buf()]));
                });
            }
        }
    });
    if built.is_err() {
        return None;
    }
    tauri::async_runtime::spawn_blocking(move || rx.recv().ok().flatten())
        .await
        .ok()
        .flatten()
}

/// One file chosen to open, with the title in the UI language; `None` when
/// the person cancels.
pub async fn pick_one<R: Runtime>(
    app: &AppHandle<R>,
    window: WebviewWindow<R>,
    lang: loket_core::Lang,
    title: (&str, &str),
    filters: &'static [Filter],
) -> Option<PathBuf> {
    let title = match lang {
        loket_core::Lang::Id => title.0,
        loket_core::Lang::En => title.1,
    };
    ask(
        app,
        Some(window),
        title.into(),
        filters,
        Kind::Open { multiple: false },
    )
    .await
    .and_then(|p| p.into_iter().next())
}

/// Where to save a file, proposing `file_name`; `None` when cancelled.
pub async fn save_as<R: Runtime>(
    app: &AppHandle<R>,
    window: WebviewWindow<R>,
    lang: loket_core::Lang,
    title: (&str, &str),
    filters: &'static [Filter],
    file_name: String,
) -> Option<PathBuf> {
    let title = match lang {
        loket_core::Lang::Id => title.0,
        loket_core::Lang::En => title.1,
    };
    ask(
        app,
        Some(window),
        title.into(),
        filters,
        Kind::Save { file_name },
    )
    .await
    .and_then(|p| p.into_iter().next())
}
