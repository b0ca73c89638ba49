//! All plans at a glance: what is due, overdue or blocked soon across every active plan.

use tauri::State;

use super::{Res, Workspace};
use crate::dto::AgendaPlanDto;

/// Open tasks due within `days` days (overdue ones included) and blocked ones, per active
/// plan, soonest first; with `owner`, only that owner's (case ignored).
#[tauri::command]
pub async fn agenda(
    ws: State<'_, Workspace>,
    days: u32,
    owner: Option<String>,
) -> Res<Vec<AgendaPlanDto>> {
    let owner = owner.as_deref().map(str::trim).filter(|o| !o.is_empty());
    let list = ws.agenda(u64::from(days), owner)?;
    Ok(list.iter().map(AgendaPlanDto::from).collect())
}
