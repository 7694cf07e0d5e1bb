use super::Validation;
use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::model::{Person, PersonData, PersonInput};
use tauri::State;

#[tauri::command]
pub async fn check_person(
    state: State<'_, AppState>,
    input: PersonInput,
) -> CmdResult<Validation<PersonData>> {
    let lang = state.lang();
    let result = state.run(move |l, _| Ok(l.check_person(&input))).await?;
    Ok(Validation::from(result, lang))
}

#[tauri::command]
pub async fn list_people(
    state: State<'_, AppState>,
    search: Option<String>,
) -> CmdResult<Vec<Person>> {
    state
        .run(move |l, c| l.list_people(c, search.as_deref(), 500, 0))
        .await
}

#[tauri::command]
pub async fn get_person(state: State<'_, AppState>, id: i64) -> CmdResult<Person> {
    state.run(move |l, c| l.get_person(c, id)).await
}

#[tauri::command]
pub async fn own_person(state: State<'_, AppState>) -> CmdResult<Option<Person>> {
    state.run(|l, c| l.own_person(c)).await
}
