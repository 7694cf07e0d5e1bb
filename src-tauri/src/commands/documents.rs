//! Scans attached to requests: the native dialog and drag-and-drop, previews,
//! AMS-ready copies, the AMS data-entry panel and the integrity check.

use crate::dialogs::{self, Kind};
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use base64::Engine;
use loket_core::ams::AmsPanel;
use loket_core::documents::{AmsCopy, Attached, Document, IntegrityReport};
use loket_core::model::DocKind;
use loket_core::{Error, Lang, Text};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

const SCAN_FILTER: &[dialogs::Filter] = &[
    (
        "PDF, JPEG, PNG",
        &["pdf", "jpg", "jpeg", "png", "PDF", "JPG", "JPEG", "PNG"],
    ),
    ("*", &["*"]),
];
const JPEG_FILTER: &[dialogs::Filter] = &[("JPEG", &["jpg", "jpeg"])];

/// What happened to one file of a multi-file attach: attached, or why not.
#[derive(Serialize)]
pub struct AttachOutcome {
    pub file: String,
    pub attached: Option<Attached>,
    pub error: Option<String>,
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Attaches each path; a refused file does not stop the others.
async fn attach_paths(
    state: &AppState,
    key: String,
    kind: DocKind,
    paths: Vec<PathBuf>,
) -> CmdResult<Vec<AttachOutcome>> {
    let lang = state.lang();
    state
        .run(move |l, c| {
            Ok(paths
                .into_iter()
                .map(|p| match l.attach_document(c, &key, &p, kind) {
                    Ok(a) => AttachOutcome {
                        file: file_name(&p),
                        attached: Some(a),
                        error: None,
                    },
                    Err(e) => AttachOutcome {
                        file: file_name(&p),
                        attached: None,
                        error: Some(e.render(lang)),
                    },
                })
                .collect())
        })
        .await
}

/// Picks one or more files in the native dialog and attaches them.
#[tauri::command]
pub async fn attach_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    key: String,
    kind: DocKind,
) -> CmdResult<Vec<AttachOutcome>> {
    let title = match state.lang() {
        Lang::Id => "Pilih pindaian (PDF, JPEG atau PNG)",
        Lang::En => "Choose scans (PDF, JPEG or PNG)",
    };
    let Some(paths) = dialogs::ask(
        &app,
        Some(window),
        title.into(),
        SCAN_FILTER,
        Kind::Open { multiple: true },
    )
    .await
    else {
        return Ok(Vec::new());
    };
    attach_paths(&state, key, kind, paths).await
}

/// Attaches files dropped onto the window (their paths come from Tauri's
/// drag-and-drop event).
#[tauri::command]
pub async fn attach_paths_cmd(
    state: State<'_, AppState>,
    key: String,
    kind: DocKind,
    paths: Vec<String>,
) -> CmdResult<Vec<AttachOutcome>> {
    attach_paths(
        &state,
        key,
        kind,
        paths.into_iter().map(PathBuf::from).collect(),
    )
    .await
}

#[tauri::command]
pub async fn list_documents(
    state: State<'_, AppState>,
    key: String,
    history: bool,
) -> CmdResult<Vec<Document>> {
    state
        .run(move |l, c| l.list_documents(c, &key, history))
        .await
}

/// An image as a `data:` URL for the preview (PDFs open in the viewer).
#[tauri::command]
pub async fn document_preview(state: State<'_, AppState>, id: i64) -> CmdResult<String> {
    state
        .run(move |l, c| {
            let (doc, bytes) = l.read_document(c, id)?;
            if !doc.mime.starts_with("image/") {
                return Err(Error::invalid(Text::new(
                    "Pratinjau hanya untuk gambar; PDF dibuka di penampil sistem.",
                    "Previews are for images; PDFs open in the system viewer.",
                )));
            }
            let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
            Ok(format!("data:{};base64,{b64}", doc.mime))
        })
        .await
}

/// Opens the stored file (checked against its hash) in the system viewer.
#[tauri::command]
pub async fn open_document(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    let lang = state.lang();
    let path = state.run(move |l, c| l.document_file_path(c, id)).await?;
    crate::open::open_in_system_viewer(&path)
        .map_err(|e| CommandError::from_core(Error::io(&path, &e), lang))
}

#[tauri::command]
pub async fn remove_document(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> CmdResult<Document> {
    state
        .run(move |l, c| l.remove_document(c, id, &reason))
        .await
}

/// Replaces a document with a file picked in the dialog; the old one stays
/// in the history.
#[tauri::command]
pub async fn replace_document_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Option<Attached>> {
    let title = ("Pilih pindaian pengganti", "Choose the replacement scan");
    let Some(path) = dialogs::pick_one(&app, window, state.lang(), title, SCAN_FILTER).await else {
        return Ok(None);
    };
    state
        .run(move |l, c| l.replace_document(c, id, &path).map(Some))
        .await
}

/// Makes a copy under 1 MB for AMS and saves it where the person chooses.
#[tauri::command]
pub async fn ams_copy_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Option<AmsCopy>> {
    let doc = state.run(move |l, c| l.get_document(c, id)).await?;
    let stem = doc
        .original_name
        .rsplit_once('.')
        .map(|(s, _)| s.to_string())
        .unwrap_or_else(|| doc.original_name.clone());
    let title = (
        "Simpan salinan untuk AMS (di bawah 1 MB)",
        "Save the copy for AMS (under 1 MB)",
    );
    let name = format!("{stem}-ams.jpg");
    let Some(out) = dialogs::save_as(&app, window, state.lang(), title, JPEG_FILTER, name).await
    else {
        return Ok(None);
    };
    state
        .run(move |l, c| l.ams_copy(c, id, &out).map(Some))
        .await
}

#[tauri::command]
pub async fn ams_panel(state: State<'_, AppState>, key: String) -> CmdResult<AmsPanel> {
    state.run(move |l, c| l.ams_panel(c, &key)).await
}

#[tauri::command]
pub async fn check_files(state: State<'_, AppState>) -> CmdResult<IntegrityReport> {
    state.run(|l, c| l.check_files(c)).await
}
