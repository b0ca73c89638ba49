//! Plans: list, create, rename, duplicate, archive, delete, and the board of one plan.

use tauri::State;

use super::{Res, Workspace};
use crate::dto::{BoardDto, NewPlanDto, PlanDto, PlanSummaryDto};

#[tauri::command]
pub async fn list_plans(
    ws: State<'_, Workspace>,
    include_archived: bool,
) -> Res<Vec<PlanSummaryDto>> {
    let list = ws.list_plans(include_archived)?;
    Ok(list.iter().map(PlanSummaryDto::from).collect())
}

/// On the built-in checklist; no working days means the user's default ones.
#[tauri::command]
pub async fn create_plan(ws: State<'_, Workspace>, plan: NewPlanDto) -> Res<PlanDto> {
    Ok(PlanDto::from(&ws.create_plan(plan.try_into()?)?))
}

#[tauri::command]
pub async fn rename_plan(ws: State<'_, Workspace>, id: i64, name: String) -> Res<PlanDto> {
    Ok(PlanDto::from(&ws.rename_plan(id, &name)?))
}

#[tauri::command]
pub async fn set_plan_client(
    ws: State<'_, Workspace>,
    id: i64,
    client: Option<String>,
) -> Res<PlanDto> {
    Ok(PlanDto::from(&ws.set_client(id, client.as_deref())?))
}

#[tauri::command]
pub async fn duplicate_plan(ws: State<'_, Workspace>, id: i64, name: String) -> Res<PlanDto> {
    Ok(PlanDto::from(&ws.duplicate_plan(id, &name)?))
}

#[tauri::command]
pub async fn archive_plan(ws: State<'_, Workspace>, id: i64, archived: bool) -> Res<PlanDto> {
    Ok(PlanDto::from(&ws.archive_plan(id, archived)?))
}

#[tauri::command]
pub async fn delete_plan(ws: State<'_, Workspace>, id: i64) -> Res<()> {
    Ok(ws.delete_plan(id)?)
}

/// Everything the plan's views show, as of today in the plan's zone; the verdict counts the
/// failing probe checks of the latest runs.
#[tauri::command]
pub async fn plan_board(ws: State<'_, Workspace>, id: i64) -> Res<BoardDto> {
    Ok(BoardDto::from(&ws.board(id, None)?))
}
