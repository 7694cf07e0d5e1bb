use super::Validation;
use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::model::{Request, RequestSummary};
use loket_core::requests::{RequestFilter, RequestForm};
use tauri::State;

#[tauri::command]
pub async fn check_request_form(
    state: State<'_, AppState>,
    form: RequestForm,
) -> CmdResult<Validation<()>> {
    let lang = state.lang();
    let result = state
        .run(move |l, _| Ok(l.check_request_form(&form)))
        .await?;
    Ok(Validation::from(result, lang))
}

#[tauri::command]
pub async fn submit_request(state: State<'_, AppState>, form: RequestForm) -> CmdResult<Request> {
    state.run(move |l, c| l.submit_request(c, &form)).await
}

#[tauri::command]
pub async fn list_requests(
    state: State<'_, AppState>,
    filter: RequestFilter,
) -> CmdResult<Vec<RequestSummary>> {
    state.run(move |l, c| l.list_requests(c, &filter)).await
}

#[tauri::command]
pub async fn get_request(state: State<'_, AppState>, key: String) -> CmdResult<Request> {
    state.run(move |l, c| l.get_request(c, &key)).await
}

#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, form: RequestForm) -> CmdResult<Request> {
    state.run(move |l, c| l.save_draft(c, &form)).await
}

#[tauri::command]
pub async fn update_draft(
    state: State<'_, AppState>,
    key: String,
    form: RequestForm,
) -> CmdResult<Request> {
    state.run(move |l, c| l.update_draft(c, &key, &form)).await
}

#[tauri::command]
pub async fn submit_draft(state: State<'_, AppState>, key: String) -> CmdResult<Request> {
    state.run(move |l, c| l.submit_draft(c, &key)).await
}

#[tauri::command]
pub async fn applicant_documents(
    state: State<'_, AppState>,
    jenis: loket_core::model::RequestType,
) -> CmdResult<Vec<loket_core::model::DocKind>> {
    state.run(move |l, _| l.applicant_documents(jenis)).await
}
