//! A plan's own tasks: add, edit and remove (one with evidence only when confirmed).

use tauri::State;

use super::{Res, Workspace};
use crate::dto::{NewOwnTaskDto, OwnTaskEditDto, RemovedOwnTaskDto, TaskDto};

#[tauri::command]
pub async fn add_own_task(
    ws: State<'_, Workspace>,
    plan_id: i64,
    task: NewOwnTaskDto,
) -> Res<TaskDto> {
    Ok(TaskDto::from(&ws.add_own_task(plan_id, task.into())?))
}

#[tauri::command]
pub async fn edit_own_task(
    ws: State<'_, Workspace>,
    plan_id: i64,
    task_id: String,
    edit: OwnTaskEditDto,
) -> Res<TaskDto> {
    Ok(TaskDto::from(&ws.edit_own_task(
        plan_id,
        &task_id,
        &edit.into(),
    )?))
}

/// Fails with kind `has-evidence` unless `confirmed` when the task has evidence.
#[tauri::command]
pub async fn remove_own_task(
    ws: State<'_, Workspace>,
    plan_id: i64,
    task_id: String,
    confirmed: bool,
) -> Res<RemovedOwnTaskDto> {
    Ok(RemovedOwnTaskDto::from(
        &ws.remove_own_task(plan_id, &task_id, confirmed)?,
    ))
}
