//! Exports and imports: the plan's timeline as a calendar, its checklist as a spreadsheet,
//! and status, owner and due-date changes back from one, previewed before they are applied;
//! the whole plan as a bundle, and a bundle back as a new plan or merged into its own.
//! Paths come from the native save and open dialogs; the library writes each file whole or
//! not at all, and applies an import in one transaction or refuses it with every problem.

use std::path::PathBuf;

use golive::export::{CalendarOptions, SheetKind};
use tauri::{AppHandle, Manager, Runtime, State};

use super::{Res, Workspace, stopped};
use crate::dto::{BundleDto, ImportOutcomeDto, ImportPlanDto, SheetFormatDto};

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
    let plan = ws.preview_import(
        plan_id,
        &path,
        SheetKind::of_path(&path).map_err(golive::ops::Error::from)?,
    )?;
    Ok(ImportPlanDto::from(&plan))
}

/// Applies the sheet's changes, all or nothing, each in the history as the user's.
#[tauri::command]
pub async fn import_sheet(
    ws: State<'_, Workspace>,
    plan_id: i64,
    path: PathBuf,
) -> Res<ImportPlanDto> {
    let plan = ws.import_sheet(
        plan_id,
        &path,
        SheetKind::of_path(&path).map_err(golive::ops::Error::from)?,
    )?;
    Ok(ImportPlanDto::from(&plan))
}

/// Writes the plan with its evidence files, history, sign-offs and probe runs to `path`, off
/// the UI thread (a bundle with large evidence takes a while).
#[tauri::command]
pub async fn export_bundle<R: Runtime>(
    app: AppHandle<R>,
    plan_id: i64,
    path: PathBuf,
) -> Res<BundleDto> {
    let manifest = tauri::async_runtime::spawn_blocking(move || {
        app.state::<Workspace>().export_bundle(plan_id, &path)
    })
    .await
    .map_err(|e| stopped("the export", e))??;
    Ok(BundleDto::from(&manifest))
}

/// Imports the bundle at `path` as a new plan (named `name` if given), or with `merge` into
/// the plan with the same global id. A plan already here fails with `plan-exists`; a bundle
/// cut short or altered with `invalid-bundle`, and nothing of it is kept.
#[tauri::command]
pub async fn import_bundle<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    merge: bool,
    name: Option<String>,
) -> Res<ImportOutcomeDto> {
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        app.state::<Workspace>()
            .import_bundle(&path, merge, name.as_deref())
    })
    .await
    .map_err(|e| stopped("the import", e))??;
    Ok(ImportOutcomeDto::from(&outcome))
}
