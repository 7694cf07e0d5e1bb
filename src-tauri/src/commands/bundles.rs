//! Offline handoff bundles (`.loket`): export through a save dialog, import
//! in two steps (pick and preview, then apply exactly what was previewed),
//! the bundles behind a request and opening the office's letters.

use crate::dialogs::{self, Kind};
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use loket_core::bundle::{
    BundleKind, BundlePreview, ExportSummary, ImportOptions, ImportOutcome, RequestBundles,
};
use loket_core::{Error, Lang};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

const BUNDLE_FILTER: &[dialogs::Filter] = &[("Bundel Loket TTE (.loket)", &["loket", "LOKET"])];

/// A bundle picked in the dialog and checked, for the confirmation screen.
#[derive(Serialize)]
pub struct BundlePick {
    pub path: String,
    pub preview: BundlePreview,
}

/// Writes a request bundle (or the office's status bundle) of a request to
/// a file chosen in a save dialog; `None` when cancelled there.
#[tauri::command]
pub async fn bundle_export_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    key: String,
    kind: BundleKind,
) -> CmdResult<Option<ExportSummary>> {
    let k = key.clone();
    let file_name = state
        .run(move |l, c| l.bundle_file_name(c, &k, kind))
        .await?;
    let title = match (state.lang(), kind) {
        (Lang::Id, BundleKind::Request) => "Simpan bundel permohonan",
        (Lang::Id, BundleKind::Status) => "Simpan bundel status untuk pemohon",
        (Lang::En, BundleKind::Request) => "Save the request bundle",
        (Lang::En, BundleKind::Status) => "Save the status bundle for the applicant",
    };
    let Some(path) = dialogs::ask(
        &app,
        Some(window),
        title.into(),
        BUNDLE_FILTER,
        Kind::Save { file_name },
    )
    .await
    .and_then(|p| p.into_iter().next()) else {
        return Ok(None);
    };
    state
        .run(move |l, c| l.export_bundle(c, &key, kind, &path).map(Some))
        .await
}

/// Picks a bundle and checks it completely; nothing is changed yet.
/// A refused bundle comes back as the error, with its reason.
#[tauri::command]
pub async fn bundle_import_pick<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<BundlePick>> {
    let Some(path) = dialogs::pick_one(
        &app,
        window,
        state.lang(),
        (
            "Pilih berkas bundel (.loket)",
            "Choose a bundle file (.loket)",
        ),
        BUNDLE_FILTER,
    )
    .await
    else {
        return Ok(None);
    };
    state
        .run(move |l, c| {
            l.preview_bundle(c, &path).map(|preview| {
                Some(BundlePick {
                    path: path.display().to_string(),
                    preview,
                })
            })
        })
        .await
}

/// Imports the bundle the person previewed: refused if its content changed
/// since (`expected_sha256`); an update only with `confirm_update`.
#[tauri::command]
pub async fn bundle_import_apply(
    state: State<'_, AppState>,
    path: String,
    expected_sha256: String,
    confirm_update: bool,
) -> CmdResult<ImportOutcome> {
    let options = ImportOptions {
        expected_sha256: Some(expected_sha256),
        confirm_update,
    };
    let file = PathBuf::from(path);
    state
        .run(move |l, c| l.import_bundle(c, &file, &options))
        .await
}

#[tauri::command]
pub async fn request_bundles(state: State<'_, AppState>, key: String) -> CmdResult<RequestBundles> {
    state.run(move |l, c| l.request_bundles(c, &key)).await
}

/// Opens a letter that came in a status bundle (checked against its hash)
/// in the system viewer.
#[tauri::command]
pub async fn open_bundle_file(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    let lang = state.lang();
    let path = state.run(move |l, c| l.bundle_file_path(c, id)).await?;
    crate::open::open_in_system_viewer(&path)
        .map_err(|e| CommandError::from_core(Error::io(&path, &e), lang))
}
