//! Template updates: what a new version of the plan's checklist (a .toml from the open
//! dialog) would change, and taking it. The library compares, applies in one transaction
//! and keeps what a dropped task had.

use std::path::PathBuf;

use tauri::State;

use super::{Res, Workspace};
use crate::dto::TemplateDiffDto;

/// What the template at `path` would change for the plan; nothing is written. A template
/// with an error fails with `invalid-template` (file:line), another template's file with
/// `invalid-input`.
#[tauri::command]
pub async fn template_diff(
    ws: State<'_, Workspace>,
    plan_id: i64,
    path: PathBuf,
) -> Res<TemplateDiffDto> {
    Ok(TemplateDiffDto::from(&ws.template_diff(plan_id, &path)?))
}

/// Moves the plan to the template at `path`; answers what changed.
#[tauri::command]
pub async fn apply_template(
    ws: State<'_, Workspace>,
    plan_id: i64,
    path: PathBuf,
) -> Res<TemplateDiffDto> {
    Ok(TemplateDiffDto::from(&ws.apply_template(plan_id, &path)?))
}
