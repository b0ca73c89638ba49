//! The timeline: preview and apply a new launch moment, and the plan's history.

use chrono::NaiveDate;
use tauri::State;

use super::{Res, Workspace};
use crate::dto::{EventDto, MoveDto, launch};

#[tauri::command]
pub async fn preview_reschedule(
    ws: State<'_, Workspace>,
    plan_id: i64,
    launch_local: String,
    zone: String,
) -> Res<Vec<MoveDto>> {
    let moves = ws.preview_reschedule(plan_id, launch(&launch_local, &zone)?)?;
    Ok(moves.iter().map(MoveDto::from).collect())
}

#[tauri::command]
pub async fn reschedule(
    ws: State<'_, Workspace>,
    plan_id: i64,
    launch_local: String,
    zone: String,
) -> Res<Vec<MoveDto>> {
    let moves = ws.reschedule(plan_id, launch(&launch_local, &zone)?)?;
    Ok(moves.iter().map(MoveDto::from).collect())
}

/// Undo of a reschedule: the launch it replaced, and the day that launch had been set on.
#[tauri::command]
pub async fn restore_launch(
    ws: State<'_, Workspace>,
    plan_id: i64,
    launch_local: String,
    zone: String,
    planned_on: NaiveDate,
) -> Res<Vec<MoveDto>> {
    let moves = ws.restore_launch(plan_id, launch(&launch_local, &zone)?, planned_on)?;
    Ok(moves.iter().map(MoveDto::from).collect())
}

/// The plan's history (only `task_id`'s when given), oldest first, each entry with its
/// sentence.
#[tauri::command]
pub async fn history(
    ws: State<'_, Workspace>,
    plan_id: i64,
    task_id: Option<String>,
) -> Res<Vec<EventDto>> {
    let events = ws.history(plan_id, task_id.as_deref())?;
    Ok(events.iter().map(EventDto::from).collect())
}
