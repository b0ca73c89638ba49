//! A plan's people, the names owner fields suggest, and changes to many tasks at once.

use tauri::State;

use super::{Res, Workspace};
use crate::dto::{NameSuggestionDto, PersonDto, TaskChangeDto};

#[tauri::command]
pub async fn list_people(ws: State<'_, Workspace>, plan_id: i64) -> Res<Vec<PersonDto>> {
    Ok(ws.people(plan_id)?.iter().map(PersonDto::from).collect())
}

#[tauri::command]
pub async fn add_person(
    ws: State<'_, Workspace>,
    plan_id: i64,
    name: String,
    role: Option<String>,
    email: Option<String>,
) -> Res<PersonDto> {
    let added = ws.add_person(plan_id, &name, role.as_deref(), email.as_deref())?;
    Ok(PersonDto::from(&added))
}

#[tauri::command]
pub async fn remove_person(ws: State<'_, Workspace>, plan_id: i64, name: String) -> Res<()> {
    ws.remove_person(plan_id, &name)
        .map(drop)
        .map_err(Into::into)
}

#[tauri::command]
pub async fn owner_suggestions(
    ws: State<'_, Workspace>,
    plan_id: i64,
) -> Res<Vec<NameSuggestionDto>> {
    let names = ws.owner_suggestions(plan_id)?;
    Ok(names.iter().map(NameSuggestionDto::from).collect())
}

/// Each task's change in one transaction (a bulk edit, or its undo with the old values);
/// answers how many tasks changed, and the UI reloads the board once.
#[tauri::command]
pub async fn update_items(
    ws: State<'_, Workspace>,
    plan_id: i64,
    changes: Vec<TaskChangeDto>,
) -> Res<usize> {
    let changes: Vec<_> = changes
        .into_iter()
        .map(|c| (c.task_id, c.change.into()))
        .collect();
    Ok(ws.change_tasks(plan_id, &changes)?)
}
