//! Exports and imports: the plan's timeline as a calendar, its checklist as a spreadsheet,
//! and status, owner and due-date changes back from one, previewed before they are applied.
//! Paths come from the native save and open dialogs; the library writes each file whole or
//! not at all, and applies an import in one transaction or refuses it with every problem.

use std::path::PathBuf;

use golive::export::CalendarOptions;
use tauri::State;

use super::{Res, Workspace};
use crate::dto::{ImportPlanDto, SheetFormatDto, sheet_kind};

/// Writes the plan's timeline as an iCalendar file, each task with a reminder `alarm_days`
/// before it (none when 0; `null`: the library's default); answers the number of events.
#[tauri::command]
pub async fn export_calendar(
    ws: State<'_, Workspace>,
    plan_id: i64,
    path: PathBuf,
    alarm_days: Option<u32>,
) -> Res<usize> {
    let options = alarm_days.map_or_else(CalendarOptions::default, |alarm_days| CalendarOptions {
        alarm_days,
    });
    Ok(ws.export_calendar(plan_id, &path, options)?)
}

/// Writes the plan's checklist as CSV or XLSX; answers the number of task rows.
#[tauri::command]
pub async fn export_sheet(
    ws: State<'_, Workspace>,
    plan_id: i64,
    path: PathBuf,
    format: SheetFormatDto,
) -> Res<usize> {
    Ok(ws.export_sheet(plan_id, &path, format.into())?)
}

/// What importing the sheet (.csv or .xlsx) would change; nothing is written. A sheet with
/// problems fails with `invalid-import`, one "line N, column X: …" per line of the message.
#[tauri::command]
pub async fn preview_import(
    ws: State<'_, Workspace>,
    plan_id: i64,
    path: PathBuf,
) -> Res<ImportPlanDto> {
    let plan = ws.preview_import(plan_id, &path, sheet_kind(&path)?)?;
    Ok(ImportPlanDto::from(&plan))
}

/// Applies the sheet's changes, all or nothing, each in the history as the user's.
#[tauri::command]
pub async fn import_sheet(
    ws: State<'_, Workspace>,
    plan_id: i64,
    path: PathBuf,
) -> Res<ImportPlanDto> {
    let plan = ws.import_sheet(plan_id, &path, sheet_kind(&path)?)?;
    Ok(ImportPlanDto::from(&plan))
}
