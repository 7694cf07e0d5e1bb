use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::lifecycle::{DueItem, RequestView, StepAction};
use loket_core::model::{Request, RevocationReason};
use loket_core::{Error, Text};
use tauri::State;

#[tauri::command]
pub async fn request_view(state: State<'_, AppState>, key: String) -> CmdResult<RequestView> {
    state.run(move |l, c| l.request_view(c, &key)).await
}

#[tauri::command]
pub async fn act_on_step(
    state: State<'_, AppState>,
    key: String,
    action: StepAction,
) -> CmdResult<RequestView> {
    state.run(move |l, c| l.act_on_step(c, &key, &action)).await
}

#[tauri::command]
pub async fn resubmit_request(
    state: State<'_, AppState>,
    key: String,
    note: Option<String>,
) -> CmdResult<RequestView> {
    state
        .run(move |l, c| l.resubmit(c, &key, note.as_deref()))
        .await
}

#[tauri::command]
pub async fn cancel_request(
    state: State<'_, AppState>,
    key: String,
    note: String,
) -> CmdResult<RequestView> {
    state
        .run(move |l, c| l.cancel_request(c, &key, &note))
        .await
}

#[tauri::command]
pub async fn correct_reason(
    state: State<'_, AppState>,
    key: String,
    reason: String,
    text: Option<String>,
) -> CmdResult<Request> {
    state
        .run(move |l, c| {
            let r = RevocationReason::parse(&reason).ok_or_else(|| {
                Error::invalid(Text::new("Alasan tidak dikenal.", "Unknown reason."))
            })?;
            l.correct_revocation_reason(c, &key, r, text.as_deref())
        })
        .await
}

#[tauri::command]
pub async fn due_list(state: State<'_, AppState>) -> CmdResult<Vec<DueItem>> {
    state.run(|l, c| l.due_list(c)).await
}

#[tauri::command]
pub async fn my_queue(state: State<'_, AppState>) -> CmdResult<Vec<DueItem>> {
    state.run(|l, c| l.my_queue(c)).await
}
