//! Items: status, owner, pinned due date and waiver of one task.

use golive::store::ItemChange;
use tauri::State;

use super::{Db, lock};
use crate::dto::{CommandError, ItemChangeDto, TaskDto};

/// Applies the change and returns the task as the board now shows it.
#[tauri::command]
pub async fn update_item(
    db: State<'_, Db>,
    plan_id: i64,
    task_id: String,
    change: ItemChangeDto,
) -> Result<TaskDto, CommandError> {
    let mut store = lock(&db)?;
    store.update_item(plan_id, &task_id, &ItemChange::try_from(change)?)?;
    let (_, snap) = store.snapshot(plan_id, None)?;
    snap.item(&task_id).map(TaskDto::from).ok_or_else(|| {
        CommandError::new(
            "unknown-task",
            format!("{task_id} is not a task of this plan"),
        )
    })
}
