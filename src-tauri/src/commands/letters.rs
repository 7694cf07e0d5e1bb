//! Letters (naskah dinas): making them from requests, the register, opening
//! and saving copies, verification, letter settings, the emblem and the
//! templates. Each command unpacks the state, calls loket-core on the
//! blocking pool and converts the error.

use crate::dialogs::{self};
use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::naskah::{
    EmblemInfo, GeneratedLetter, LetterOption, LetterOrder, LetterSettings, LetterSummary,
    ManualNumber, NUMBER_TOKENS, RegisterEntry, SignatoryMode, TemplateOverrides, TemplateView,
    Verification, numbered_by_office,
};
use loket_core::sop::LetterKind;
use loket_core::{Error, Lang, Text};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

const PDF_FILTER: &[dialogs::Filter] = &[("PDF", &["pdf"])];
const IMAGE_FILTER: &[dialogs::Filter] = &[("PNG / JPEG", &["png", "jpg", "jpeg"])];

fn opened(path: PathBuf) -> loket_core::Result<String> {
    crate::open::open_in_system_viewer(&path).map_err(|e| Error::io(&path, &e))?;
    Ok(path.display().to_string())
}

/// The letter settings page: the settings, the emblem and what the forms
/// offer.
#[derive(Serialize)]
pub struct LetterSettingsPage {
    pub settings: LetterSettings,
    pub emblem: Option<EmblemInfo>,
    /// The emblem as a `data:` URL for the kop preview.
    pub emblem_url: Option<String>,
    pub tokens: Vec<&'static str>,
    pub modes: Vec<Choice>,
    /// Every kind, with whether the office numbers it.
    pub kinds: Vec<KindChoice>,
}

#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct KindChoice {
    pub value: String,
    pub label: String,
    pub numbered: bool,
}

fn page(l: &loket_core::Loket, lang: Lang) -> loket_core::Result<LetterSettingsPage> {
    Ok(LetterSettingsPage {
        settings: l.letter_settings()?,
        emblem: l.emblem()?,
        emblem_url: l.emblem_data_url()?,
        tokens: NUMBER_TOKENS.to_vec(),
        modes: SignatoryMode::ALL
            .iter()
            .map(|m| Choice {
                value: serde_json::to_value(m)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                label: m.label().get(lang).to_string(),
            })
            .collect(),
        kinds: LetterKind::ALL
            .iter()
            .map(|k| KindChoice {
                value: k.code().to_string(),
                label: k.label().get(lang).to_string(),
                numbered: numbered_by_office(*k),
            })
            .collect(),
    })
}

#[tauri::command]
pub async fn letter_settings(state: State<'_, AppState>) -> CmdResult<LetterSettingsPage> {
    let lang = state.lang();
    state.run(move |l, _| page(l, lang)).await
}

#[tauri::command]
pub async fn save_letter_settings(
    state: State<'_, AppState>,
    settings: LetterSettings,
) -> CmdResult<LetterSettings> {
    state
        .run(move |l, c| l.set_letter_settings(c, &settings))
        .await
}

/// Imports an emblem image chosen in a native dialog; `None` when cancelled.
#[tauri::command]
pub async fn emblem_upload_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<LetterSettingsPage>> {
    let lang = state.lang();
    let title = (
        "Pilih gambar lambang daerah (PNG atau JPEG)",
        "Choose the regional emblem (PNG or JPEG)",
    );
    let Some(path) = dialogs::pick_one(&app, window, lang, title, IMAGE_FILTER).await else {
        return Ok(None);
    };
    state
        .run(move |l, c| {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, &e))?;
            l.set_emblem(c, &bytes)?;
            page(l, lang).map(Some)
        })
        .await
}

#[tauri::command]
pub async fn letter_templates(state: State<'_, AppState>) -> CmdResult<Vec<TemplateView>> {
    state.run(|l, c| l.letter_templates(c)).await
}

#[tauri::command]
pub async fn save_letter_template(
    state: State<'_, AppState>,
    kind: LetterKind,
    texts: TemplateOverrides,
) -> CmdResult<TemplateView> {
    state
        .run(move |l, c| l.set_letter_template(c, kind, &texts))
        .await
}

#[tauri::command]
pub async fn reset_letter_template(
    state: State<'_, AppState>,
    kind: LetterKind,
) -> CmdResult<TemplateView> {
    state
        .run(move |l, c| l.reset_letter_template(c, kind))
        .await
}

/// Makes a sample letter with the current settings and opens it.
#[tauri::command]
pub async fn open_sample_letter(state: State<'_, AppState>, kind: LetterKind) -> CmdResult<String> {
    state
        .run(move |l, c| opened(l.sample_letter(c, kind)?))
        .await
}

#[tauri::command]
pub async fn letter_options(
    state: State<'_, AppState>,
    key: String,
) -> CmdResult<Vec<LetterOption>> {
    state.run(move |l, c| l.letter_options(c, &key)).await
}

#[tauri::command]
pub async fn request_letters(
    state: State<'_, AppState>,
    key: String,
) -> CmdResult<Vec<LetterSummary>> {
    state.run(move |l, c| l.letters_of_request(c, &key)).await
}

#[tauri::command]
pub async fn recent_letters(state: State<'_, AppState>) -> CmdResult<Vec<LetterSummary>> {
    state.run(|l, c| l.recent_letters(c, 100)).await
}

#[tauri::command]
pub async fn generate_letter(
    state: State<'_, AppState>,
    order: LetterOrder,
) -> CmdResult<GeneratedLetter> {
    state.run(move |l, c| l.generate_letter(c, &order)).await
}

/// Opens a version's PDF (checked against its hash) in the system viewer.
#[tauri::command]
pub async fn open_letter(state: State<'_, AppState>, version_id: i64) -> CmdResult<String> {
    state
        .run(move |l, c| opened(l.letter_file(c, version_id)?))
        .await
}

/// Saves a copy of a version's PDF where the person chooses; the path, or
/// `None` when cancelled.
#[tauri::command]
pub async fn save_letter_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    version_id: i64,
    file_name: String,
) -> CmdResult<Option<String>> {
    let title = ("Simpan salinan surat", "Save a copy of the letter");
    let Some(path) =
        dialogs::save_as(&app, window, state.lang(), title, PDF_FILTER, file_name).await
    else {
        return Ok(None);
    };
    state
        .run(move |l, c| {
            l.copy_letter(c, version_id, &path)?;
            Ok(Some(path.display().to_string()))
        })
        .await
}

#[tauri::command]
pub async fn letter_register(
    state: State<'_, AppState>,
    year: Option<i32>,
) -> CmdResult<Vec<RegisterEntry>> {
    state.run(move |l, c| l.letter_register(c, year)).await
}

#[tauri::command]
pub async fn void_letter_number(
    state: State<'_, AppState>,
    nomor: String,
    reason: String,
) -> CmdResult<RegisterEntry> {
    state
        .run(move |l, c| l.void_letter_number(c, &nomor, &reason))
        .await
}

#[tauri::command]
pub async fn enter_letter_number(
    state: State<'_, AppState>,
    input: ManualNumber,
) -> CmdResult<RegisterEntry> {
    state
        .run(move |l, c| l.enter_letter_number(c, &input))
        .await
}

#[tauri::command]
pub async fn verify_letter_code(
    state: State<'_, AppState>,
    code: String,
) -> CmdResult<Verification> {
    state.run(move |l, c| l.verify_letter_code(c, &code)).await
}

/// Verifies a PDF chosen in a native dialog; `None` when cancelled.
#[tauri::command]
pub async fn verify_letter_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<Verification>> {
    let title = (
        "Pilih berkas surat (PDF) yang akan diperiksa",
        "Choose the letter (PDF) to verify",
    );
    let Some(path) = dialogs::pick_one(&app, window, state.lang(), title, PDF_FILTER).await else {
        return Ok(None);
    };
    state
        .run(move |l, c| {
            let size = std::fs::metadata(&path)
                .map_err(|e| Error::io(&path, &e))?
                .len();
            if size > 50_000_000 {
                return Err(Error::invalid(Text::new(
                    "Berkas ini terlalu besar untuk sebuah surat (lebih dari 50 MB).",
                    "This file is too large to be a letter (over 50 MB).",
                )));
            }
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, &e))?;
            l.verify_letter_file(c, &bytes).map(Some)
        })
        .await
}
