//! Backup, restore and the audit log. Backup and restore are long jobs: they
//! report progress to the window as `loket://progress` events and can be
//! cancelled with `cancel_job`.

use crate::dialogs::{self};
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use loket_core::audit_log::{AuditExport, AuditPage, AuditQuery};
use loket_core::backup::{
    self, BackupInfo, BackupProgress, BackupSettings, BackupSummary, RestoreSummary,
};
use loket_core::{Error, Lang, Text};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

const BACKUP_FILTER: &[dialogs::Filter] = &[("Cadangan Loket TTE (.loketbak)", &["loketbak"])];
const EXPORT_FILTER: &[dialogs::Filter] = &[("Excel (.xlsx)", &["xlsx"]), ("CSV", &["csv"])];

/// A backup progress callback feeding the window's progress bar.
fn reporter<R: Runtime>(window: WebviewWindow<R>, lang: Lang) -> impl FnMut(BackupProgress) {
    let mut r = crate::progress::Reporter::new(window);
    move |p: BackupProgress| r.report(p.stage.label().get(lang), p.done_bytes, p.total_bytes)
}

#[tauri::command]
pub async fn backup_settings(state: State<'_, AppState>) -> CmdResult<BackupSettings> {
    state.run(|l, _| l.backup_settings()).await
}

#[tauri::command]
pub async fn set_backup_settings(
    state: State<'_, AppState>,
    settings: BackupSettings,
) -> CmdResult<BackupSettings> {
    state
        .run(move |l, c| l.set_backup_settings(c, &settings))
        .await
}

#[tauri::command]
pub async fn cancel_job(state: State<'_, AppState>) -> CmdResult<()> {
    state
        .cancel
        .store(true, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

/// Backs up to a file chosen in a save dialog; `None` when cancelled there.
#[tauri::command]
pub async fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<BackupSummary>> {
    let lang = state.lang();
    let name = state
        .run(|l, c| l.may_restore(c).map(|_| l.backup_file_name()))
        .await?;
    let title = ("Simpan cadangan data", "Save the backup");
    let Some(path) = dialogs::save_as(&app, window.clone(), lang, title, BACKUP_FILTER, name).await
    else {
        return Ok(None);
    };
    let _job = state.start_job()?;
    let cancel: Arc<AtomicBool> = Arc::clone(&state.cancel);
    let mut progress = reporter(window, lang);
    state
        .run(move |l, c| l.backup(c, &path, &mut progress, &cancel).map(Some))
        .await
}

/// What a chosen backup file holds, checked, for the confirmation screen.
#[derive(Serialize)]
pub struct RestoreCandidate {
    pub path: String,
    pub info: BackupInfo,
    pub description: String,
}

/// Picks a backup file and checks it completely; nothing is changed yet.
#[tauri::command]
pub async fn restore_pick<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<RestoreCandidate>> {
    let lang = state.lang();
    state.run(|l, c| l.may_restore(c)).await?;
    let title = ("Pilih berkas cadangan", "Choose a backup file");
    let Some(path) = dialogs::pick_one(&app, window.clone(), lang, title, BACKUP_FILTER).await
    else {
        return Ok(None);
    };
    let _job = state.start_job()?;
    let cancel = Arc::clone(&state.cancel);
    let mut progress = reporter(window, lang);
    let info = tauri::async_runtime::spawn_blocking(move || {
        backup::verify_backup_with(&path, &mut progress, &cancel)
    })
    .await
    .map_err(|e| CommandError::internal(e, lang))?
    .map_err(|e| CommandError::from_core(e, lang))?;
    Ok(Some(RestoreCandidate {
        path: info.file.display().to_string(),
        description: info.describe().get(lang).to_string(),
        info,
    }))
}

/// Replaces the office's data with a checked backup. The data is closed
/// first and opened again after (also when the restore is refused); everyone
/// signs in again, because accounts come from the restored data.
#[tauri::command]
pub async fn restore_confirm<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<RestoreSummary> {
    let lang = state.lang();
    state.run(|l, c| l.may_restore(c)).await?;
    let _job = state.start_job()?;
    state.close_for_restore()?;
    let dir = state.data_dir.clone();
    let cancel = Arc::clone(&state.cancel);
    let mut progress = reporter(window, lang);
    let file = PathBuf::from(path);
    let result = tauri::async_runtime::spawn_blocking(move || {
        backup::restore(&dir, &file, &mut progress, &cancel)
    })
    .await
    .map_err(|e| CommandError::internal(e, lang));
    // Open the data again whatever happened: the old data if refused.
    let reopened = state.reopen();
    let summary = result?.map_err(|e| CommandError::from_core(e, lang))?;
    reopened?;
    state.set_session(None);
    Ok(summary)
}

#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, query: AuditQuery) -> CmdResult<AuditPage> {
    state.run(move |l, c| l.audit_log(c, &query)).await
}

/// Exports the audit log (filtered) to a file chosen in a save dialog.
#[tauri::command]
pub async fn export_audit_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    query: AuditQuery,
) -> CmdResult<Option<AuditExport>> {
    let Some(path) = dialogs::save_as(
        &app,
        window,
        state.lang(),
        ("Ekspor log aktivitas", "Export the activity log"),
        EXPORT_FILTER,
        "log-aktivitas.xlsx".into(),
    )
    .await
    else {
        return Ok(None);
    };
    state
        .run(move |l, c| {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            if ext != "xlsx" && ext != "csv" {
                return Err(Error::invalid(Text::new(
                    "Pilih nama berkas berakhiran .xlsx atau .csv.",
                    "Choose a file name ending in .xlsx or .csv.",
                )));
            }
            l.export_audit(c, &query, &path).map(Some)
        })
        .await
}
