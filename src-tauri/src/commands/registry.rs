//! Pengguna TTE: the registry, its figures, the expiry radar, the revoked
//! list, and spreadsheets in and out.

use crate::dialogs::{self};
use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::registry::{
    BatchResult, ExportReport, ImportMapping, ImportPreview, ImportReport, ImportSource,
    RegistryPage, RegistryQuery, RegistryRow, RegistryTotals, RevokedEntry, UnitCount,
};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

const SHEET_FILTER: &[dialogs::Filter] = &[("Excel (.xlsx), CSV", &["xlsx", "csv", "XLSX", "CSV"])];
const EXPORT_FILTER: &[dialogs::Filter] = &[("Excel (.xlsx)", &["xlsx"]), ("CSV", &["csv"])];

#[tauri::command]
pub async fn registry(state: State<'_, AppState>, query: RegistryQuery) -> CmdResult<RegistryPage> {
    state.run(move |l, c| l.registry(c, &query)).await
}

#[tauri::command]
pub async fn registry_totals(state: State<'_, AppState>) -> CmdResult<RegistryTotals> {
    state.run(|l, c| l.registry_totals(c)).await
}

#[tauri::command]
pub async fn active_per_unit(state: State<'_, AppState>) -> CmdResult<Vec<UnitCount>> {
    state.run(|l, c| l.active_per_unit(c)).await
}

#[tauri::command]
pub async fn expiring(
    state: State<'_, AppState>,
    days: Option<u32>,
) -> CmdResult<Vec<RegistryRow>> {
    state.run(move |l, c| l.expiring(c, days)).await
}

#[tauri::command]
pub async fn start_renewals(
    state: State<'_, AppState>,
    person_ids: Vec<i64>,
) -> CmdResult<BatchResult> {
    state
        .run(move |l, c| l.start_renewals(c, &person_ids))
        .await
}

#[tauri::command]
pub async fn revoked_list(state: State<'_, AppState>) -> CmdResult<Vec<RevokedEntry>> {
    state.run(|l, c| l.revoked_list(c)).await
}

/// A spreadsheet chosen for import, read and checked; nothing written yet.
#[derive(Serialize)]
pub struct PickedImport {
    pub path: String,
    pub preview: ImportPreview,
}

/// Picks a spreadsheet and previews its import (nothing is written).
#[tauri::command]
pub async fn import_pick<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<PickedImport>> {
    let Some(path) = dialogs::pick_one(
        &app,
        window,
        state.lang(),
        (
            "Pilih daftar pegawai (Excel atau CSV)",
            "Choose the staff list (Excel or CSV)",
        ),
        SHEET_FILTER,
    )
    .await
    else {
        return Ok(None);
    };
    state
        .run(move |l, c| {
            let preview = l.import_preview(c, &ImportSource::File(path.clone()), None)?;
            Ok(Some(PickedImport {
                path: path.display().to_string(),
                preview,
            }))
        })
        .await
}

/// Previews again with a column mapping chosen by the person.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    path: String,
    mapping: ImportMapping,
) -> CmdResult<ImportPreview> {
    state
        .run(move |l, c| {
            l.import_preview(c, &ImportSource::File(PathBuf::from(path)), Some(&mapping))
        })
        .await
}

/// Imports the valid rows in one transaction, after the person confirmed.
#[tauri::command]
pub async fn import_apply(
    state: State<'_, AppState>,
    path: String,
    mapping: ImportMapping,
) -> CmdResult<ImportReport> {
    state
        .run(move |l, c| {
            l.import_apply(c, &ImportSource::File(PathBuf::from(path)), Some(&mapping))
        })
        .await
}

/// Exports the registry (as filtered) to a file chosen in a save dialog.
#[tauri::command]
pub async fn export_registry_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    query: RegistryQuery,
) -> CmdResult<Option<ExportReport>> {
    let Some(path) = dialogs::save_as(
        &app,
        window,
        state.lang(),
        ("Ekspor daftar pengguna TTE", "Export the TTE user list"),
        EXPORT_FILTER,
        "pengguna-tte.xlsx".into(),
    )
    .await
    else {
        return Ok(None);
    };
    state
        .run(move |l, c| l.export_registry(c, &query, &path).map(Some))
        .await
}
