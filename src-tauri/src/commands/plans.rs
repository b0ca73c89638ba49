//! Plans: list, create, rename, duplicate, archive, delete, and the board of one plan.

use golive::plan::assess;
use golive::probe::history::failing_checks;
use tauri::State;

use super::{Db, lock};
use crate::dto::{BoardDto, CommandError, NewPlanDto, PlanDto, PlanSummaryDto};
use crate::prefs;

type Res<T> = Result<T, CommandError>;

#[tauri::command]
pub async fn list_plans(db: State<'_, Db>, include_archived: bool) -> Res<Vec<PlanSummaryDto>> {
    let list = lock(&db)?.list_plans(include_archived)?;
    Ok(list.iter().map(PlanSummaryDto::from).collect())
}

#[tauri::command]
pub async fn create_plan(db: State<'_, Db>, plan: NewPlanDto) -> Res<PlanDto> {
    let mut store = lock(&db)?;
    let new = plan.into_new_plan(&prefs::working_days(&store)?)?;
    Ok(PlanDto::from(&store.create_plan(&new)?))
}

#[tauri::command]
pub async fn rename_plan(db: State<'_, Db>, id: i64, name: String) -> Res<PlanDto> {
    Ok(PlanDto::from(&lock(&db)?.rename_plan(id, &name)?))
}

#[tauri::command]
pub async fn set_plan_client(db: State<'_, Db>, id: i64, client: Option<String>) -> Res<PlanDto> {
    Ok(PlanDto::from(
        &lock(&db)?.set_client(id, client.as_deref())?,
    ))
}

#[tauri::command]
pub async fn duplicate_plan(db: State<'_, Db>, id: i64, name: String) -> Res<PlanDto> {
    Ok(PlanDto::from(&lock(&db)?.duplicate_plan(id, &name)?))
}

#[tauri::command]
pub async fn archive_plan(db: State<'_, Db>, id: i64, archived: bool) -> Res<PlanDto> {
    Ok(PlanDto::from(&lock(&db)?.archive_plan(id, archived)?))
}

#[tauri::command]
pub async fn delete_plan(db: State<'_, Db>, id: i64) -> Res<()> {
    Ok(lock(&db)?.delete_plan(id)?)
}

/// Everything the plan's views show, as of today in the plan's zone; the verdict counts the
/// failing probe checks of the latest runs.
#[tauri::command]
pub async fn plan_board(db: State<'_, Db>, id: i64) -> Res<BoardDto> {
    let store = lock(&db)?;
    let (plan, snap) = store.snapshot(id, None)?;
    let failing = failing_checks(&store, id)?;
    Ok(BoardDto::new(
        PlanDto::from(&plan),
        &snap,
        &assess(&snap, &failing),
    ))
}
