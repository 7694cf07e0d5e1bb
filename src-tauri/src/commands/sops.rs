use crate::dialogs::{self};
use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::model::RequestType;
use loket_core::sop::Sop;
use loket_core::sop_admin::{SopImport, SopSummary};
use loket_core::{Error, Text};
use std::collections::BTreeMap;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

const SOP_FILTER: &[dialogs::Filter] = &[("SOP (TOML)", &["toml"])];

#[tauri::command]
pub async fn list_sops(state: State<'_, AppState>) -> CmdResult<Vec<SopSummary>> {
    state.run(|l, c| l.list_sops(c)).await
}

#[tauri::command]
pub async fn get_sop(
    state: State<'_, AppState>,
    id: String,
    version: Option<u32>,
) -> CmdResult<Sop> {
    state
        .run(move |l, c| Ok(l.get_sop(c, &id, version)?.sop))
        .await
}

#[tauri::command]
pub async fn sop_defaults(state: State<'_, AppState>) -> CmdResult<BTreeMap<RequestType, String>> {
    state.run(|l, _| l.sop_defaults()).await
}

#[tauri::command]
pub async fn set_sop_default(
    state: State<'_, AppState>,
    jenis: RequestType,
    id: String,
) -> CmdResult<()> {
    state
        .run(move |l, c| l.set_sop_default(c, jenis, &id))
        .await
}

/// Imports an SOP file chosen in a native dialog; `None` when cancelled.
#[tauri::command]
pub async fn import_sop_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<SopImport>> {
    let title = ("Pilih berkas SOP", "Choose an SOP file");
    let Some(path) = dialogs::pick_one(&app, window, state.lang(), title, SOP_FILTER).await else {
        return Ok(None);
    };
    state
        .run(move |l, c| {
            let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidData => Error::invalid(Text::new(
                    "Berkas ini bukan teks UTF-8; SOP harus berupa berkas TOML.",
                    "This file is not UTF-8 text; an SOP must be a TOML file.",
                )),
                _ => Error::io(&path, &e),
            })?;
            l.import_sop(c, &text).map(Some)
        })
        .await
}

/// Saves an SOP's file where the person chooses; returns the path.
#[tauri::command]
pub async fn export_sop_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Option<String>> {
    let id2 = id.clone();
    let text = state.run(move |l, c| l.export_sop(c, &id2)).await?;
    let title = ("Simpan berkas SOP", "Save the SOP file");
    let name = format!("{id}.toml");
    let Some(path) = dialogs::save_as(&app, window, state.lang(), title, SOP_FILTER, name).await
    else {
        return Ok(None);
    };
    state
        .run(move |_, _| {
            std::fs::write(&path, text).map_err(|e| Error::io(&path, &e))?;
            Ok(Some(path.display().to_string()))
        })
        .await
}
