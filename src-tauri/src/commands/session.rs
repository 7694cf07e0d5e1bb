use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::accounts::SetupInput;
use loket_core::model::Role;
use loket_core::{Caller, Lang};
use serde::Serialize;
use tauri::State;

#[derive(Serialize)]
pub struct AppInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub data_dir: String,
    pub needs_setup: bool,
    pub lang: Lang,
    pub user: Option<Me>,
}

/// The signed-in user as the window sees it.
#[derive(Serialize)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

impl From<&Caller> for Me {
    fn from(c: &Caller) -> Me {
        Me {
            username: c.username.clone(),
            display_name: c.display_name.clone(),
            role: c.role,
        }
    }
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    let needs_setup = state.run_open(|l| l.needs_setup()).await?;
    Ok(AppInfo {
        name: "Loket TTE",
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.data_dir.display().to_string(),
        needs_setup,
        lang: state.lang(),
        user: state.caller().ok().as_ref().map(Me::from),
    })
}

#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, lang: String) -> CmdResult<Lang> {
    state.set_lang(Lang::parse(&lang));
    Ok(state.lang())
}

#[tauri::command]
pub async fn complete_setup(state: State<'_, AppState>, input: SetupInput) -> CmdResult<Me> {
    let caller = state.run_open(move |l| l.complete_setup(&input)).await?;
    let me = Me::from(&caller);
    state.set_session(Some(caller));
    Ok(me)
}

#[tauri::command]
pub async fn sign_in(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> CmdResult<Me> {
    let caller = state
        .run_open(move |l| l.sign_in(&username, &password))
        .await?;
    let me = Me::from(&caller);
    state.set_session(Some(caller));
    Ok(me)
}

#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> CmdResult<()> {
    state.set_session(None);
    Ok(())
}
