use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::agency::AgencyProfile;
use tauri::State;

#[tauri::command]
pub async fn get_agency(state: State<'_, AppState>) -> CmdResult<AgencyProfile> {
    state.run(|l, _| Ok(l.agency()?.unwrap_or_default())).await
}

#[tauri::command]
pub async fn save_agency(
    state: State<'_, AppState>,
    profile: AgencyProfile,
) -> CmdResult<AgencyProfile> {
    state.run(move |l, c| l.set_agency(c, &profile)).await
}
