//! The timeline: preview and apply a new launch moment, and the plan's history.

use golive::plan::Launch;
use tauri::State;

use super::{Db, lock};
use crate::dto::{CommandError, EventDto, MoveDto};

type Res<T> = Result<T, CommandError>;

#[tauri::command]
pub async fn preview_reschedule(
    db: State<'_, Db>,
    plan_id: i64,
    launch_local: String,
    zone: String,
) -> Res<Vec<MoveDto>> {
    let moves = lock(&db)?.preview_reschedule(plan_id, Launch::parse(&launch_local, &zone)?)?;
    Ok(moves.iter().map(MoveDto::from).collect())
}

#[tauri::command]
pub async fn reschedule(
    db: State<'_, Db>,
    plan_id: i64,
    launch_local: String,
    zone: String,
) -> Res<Vec<MoveDto>> {
    let moves = lock(&db)?.reschedule(plan_id, Launch::parse(&launch_local, &zone)?)?;
    Ok(moves.iter().map(MoveDto::from).collect())
}

#[tauri::command]
pub async fn history(
    db: State<'_, Db>,
    plan_id: i64,
    task_id: Option<String>,
) -> Res<Vec<EventDto>> {
    let events = lock(&db)?.history(plan_id, task_id.as_deref())?;
    Ok(events.iter().map(EventDto::from).collect())
}
