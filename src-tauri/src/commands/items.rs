//! Items: status, owner, pinned due date and waiver of one task.

use tauri::State;

use super::{Res, Workspace};
use crate::dto::{ItemChangeDto, TaskDto};

/// Applies the change and returns the task as the board now shows it.
#[tauri::command]
pub async fn update_item(
    ws: State<'_, Workspace>,
    plan_id: i64,
    task_id: String,
    change: ItemChangeDto,
) -> Res<TaskDto> {
    Ok(TaskDto::from(&ws.change_task(
        plan_id,
        &task_id,
        &change.into(),
    )?))
}
