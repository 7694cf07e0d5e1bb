use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::accounts::NewUser;
use loket_core::model::{Role, User};
use serde::Deserialize;
use tauri::State;

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> CmdResult<Vec<User>> {
    state.run(|l, c| l.list_users(c)).await
}

#[tauri::command]
pub async fn add_user(state: State<'_, AppState>, user: NewUser) -> CmdResult<User> {
    state.run(move |l, c| l.add_user(c, &user)).await
}

#[derive(Deserialize)]
pub struct UserUpdate {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
}

#[tauri::command]
pub async fn update_user(state: State<'_, AppState>, update: UserUpdate) -> CmdResult<User> {
    state
        .run(move |l, c| {
            l.update_user(
                c,
                update.id,
                &update.display_name,
                update.role,
                update.active,
            )
        })
        .await
}

#[derive(Deserialize)]
pub struct PasswordChange {
    pub user_id: Option<i64>,
    pub current: Option<String>,
    pub password: String,
}

/// Changes the signed-in user's own password (with the current one), or, for
/// an admin, another user's.
#[tauri::command]
pub async fn set_password(state: State<'_, AppState>, change: PasswordChange) -> CmdResult<()> {
    state
        .run(move |l, c| {
            let target = change.user_id.or(c.user_id).unwrap_or_default();
            l.set_password(c, target, change.current.as_deref(), &change.password)
        })
        .await
}
