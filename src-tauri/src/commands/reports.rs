//! Reports: the recap of a month or a year, and saving it as PDF or Excel
//! where the person chooses.

use crate::dialogs::{self, Kind};
use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::Lang;
use loket_core::reports::{Recap, RecapPeriod, ReportExport, ReportFormat};
use tauri::{AppHandle, Runtime, State, WebviewWindow};

const PDF_FILTER: &[dialogs::Filter] = &[("PDF", &["pdf"])];
const XLSX_FILTER: &[dialogs::Filter] = &[("Excel (.xlsx)", &["xlsx"])];

#[tauri::command]
pub async fn report_recap(state: State<'_, AppState>, period: RecapPeriod) -> CmdResult<Recap> {
    state.run(move |l, c| l.recap(c, &period)).await
}

/// Saves the recap as PDF or Excel to a file chosen in a save dialog, in
/// the UI language; `None` when cancelled there.
#[tauri::command]
pub async fn export_report_dialog<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    period: RecapPeriod,
    format: ReportFormat,
) -> CmdResult<Option<ReportExport>> {
    let lang = state.lang();
    // Refuse before the dialog: a wrong period or role is no reason to
    // make someone pick a file first.
    state
        .run(move |l, c| l.recap(c, &period).map(|_| ()))
        .await?;
    let (title, filter) = match (format, lang) {
        (ReportFormat::Pdf, Lang::Id) => ("Simpan rekapitulasi (PDF)", PDF_FILTER),
        (ReportFormat::Pdf, Lang::En) => ("Save the recap (PDF)", PDF_FILTER),
        (ReportFormat::Xlsx, Lang::Id) => ("Simpan rekapitulasi (Excel)", XLSX_FILTER),
        (ReportFormat::Xlsx, Lang::En) => ("Save the recap (Excel)", XLSX_FILTER),
    };
    let kind = Kind::Save {
        file_name: period.file_name(format),
    };
    let Some(mut path) = dialogs::ask(&app, Some(window), title.into(), filter, kind)
        .await
        .and_then(|p| p.into_iter().next())
    else {
        return Ok(None);
    };
    // A name typed without the extension gets the chosen format's.
    if ReportFormat::from_path(&path).is_none() {
        path.set_extension(format.extension());
    }
    state
        .run(move |l, c| l.export_report(c, &period, lang, &path).map(Some))
        .await
}
