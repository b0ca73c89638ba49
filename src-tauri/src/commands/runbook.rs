//! The go-live day's runbook: its live state, checking a step off (the exact time is the
//! shell's clock), and the plan's changes to its steps.

use tauri::State;

use super::{Res, Workspace};
use crate::dto::{NewRunbookStepDto, RunbookDto, RunbookEditDto};

/// The runbook as it stands now.
#[tauri::command]
pub async fn runbook(ws: State<'_, Workspace>, plan_id: i64) -> Res<RunbookDto> {
    Ok(RunbookDto::from(&ws.runbook(plan_id, None)?))
}

#[tauri::command]
pub async fn check_runbook_step(
    ws: State<'_, Workspace>,
    plan_id: i64,
    step_id: String,
    undo: bool,
) -> Res<RunbookDto> {
    Ok(RunbookDto::from(
        &ws.check_runbook_step(plan_id, &step_id, undo)?,
    ))
}

#[tauri::command]
pub async fn add_runbook_step(
    ws: State<'_, Workspace>,
    plan_id: i64,
    step: NewRunbookStepDto,
) -> Res<RunbookDto> {
    Ok(RunbookDto::from(
        &ws.add_runbook_step(plan_id, step.into())?,
    ))
}

#[tauri::command]
pub async fn edit_runbook_step(
    ws: State<'_, Workspace>,
    plan_id: i64,
    step_id: String,
    edit: RunbookEditDto,
) -> Res<RunbookDto> {
    Ok(RunbookDto::from(&ws.edit_runbook_step(
        plan_id,
        &step_id,
        &edit.into(),
    )?))
}

#[tauri::command]
pub async fn remove_runbook_step(
    ws: State<'_, Workspace>,
    plan_id: i64,
    step_id: String,
) -> Res<RunbookDto> {
    Ok(RunbookDto::from(
        &ws.remove_runbook_step(plan_id, &step_id)?,
    ))
}

/// Puts a removed step back (the editor's Undo of a removal).
#[tauri::command]
pub async fn restore_runbook_step(
    ws: State<'_, Workspace>,
    plan_id: i64,
    step_id: String,
) -> Res<RunbookDto> {
    Ok(RunbookDto::from(
        &ws.restore_runbook_step(plan_id, &step_id)?,
    ))
}
