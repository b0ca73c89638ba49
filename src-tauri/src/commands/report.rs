//! The report: stakeholders and their decisions, Export (off the UI thread, with
//! `report-progress` events, then opened in the system viewer) and Verify. The work is in
//! `golive::ops`, which renders and signs without holding the database.

use std::path::PathBuf;

use golive::ops::ExportStage;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::{Res, Workspace, open_path, stopped};
use crate::dto::{
    DecisionFormDto, ExportedDto, ReportProgressDto, ReportStage, StakeholderDto, VerificationDto,
};

/// The event the Report view listens to.
pub const PROGRESS_EVENT: &str = "report-progress";

#[tauri::command]
pub async fn list_stakeholders(ws: State<'_, Workspace>, plan_id: i64) -> Res<Vec<StakeholderDto>> {
    let state = ws.sign_off_state(plan_id)?;
    Ok(state
        .stakeholders
        .iter()
        .map(StakeholderDto::from)
        .collect())
}

/// Adds a stakeholder, or changes the role and e-mail of the one with that name.
#[tauri::command]
pub async fn add_stakeholder(
    ws: State<'_, Workspace>,
    plan_id: i64,
    name: String,
    role: String,
    email: Option<String>,
) -> Res<StakeholderDto> {
    let added = ws.add_stakeholder(plan_id, &name, &role, email.as_deref())?;
    Ok(StakeholderDto::from(&added))
}

/// Removes a stakeholder with their decisions; the history keeps both.
#[tauri::command]
pub async fn remove_stakeholder(ws: State<'_, Workspace>, plan_id: i64, name: String) -> Res<()> {
    Ok(ws.remove_stakeholder(plan_id, &name)?)
}

/// Records `name`'s decision, on the report file the form names or on the plan as it is;
/// a go-with-conditions' conditions become tasks. Answers the stakeholder as listed.
#[tauri::command]
pub async fn decide(
    ws: State<'_, Workspace>,
    plan_id: i64,
    name: String,
    form: DecisionFormDto,
) -> Res<StakeholderDto> {
    let decided = ws.record_decision(plan_id, &name, &form.into())?;
    let state = ws.sign_off_state(plan_id)?;
    Ok(state
        .stakeholders
        .iter()
        .find(|s| s.stakeholder.id == decided.id)
        .map_or_else(|| StakeholderDto::from(&decided), StakeholderDto::from))
}

fn progress<R: Runtime>(app: &AppHandle<R>, stage: ReportStage) {
    // A window that has gone away misses the progress; the export still finishes.
    let _ = app.emit(PROGRESS_EVENT, ReportProgressDto { stage });
}

/// Writes the signed PDF to `path` (from the native save dialog) off the UI thread; other
/// commands go on while it renders.
#[tauri::command]
pub async fn export_report<R: Runtime>(
    app: AppHandle<R>,
    plan_id: i64,
    path: PathBuf,
) -> Res<ExportedDto> {
    let handle = app.clone();
    let exported = tauri::async_runtime::spawn_blocking(move || {
        let stage = |s: ExportStage| progress(&handle, ReportStage::from(s));
        handle
            .state::<Workspace>()
            .export_report(plan_id, &path, &stage)
    })
    .await
    .map_err(|e| stopped("the export", e))??;
    progress(&app, ReportStage::Done);
    Ok(ExportedDto::from(&exported))
}

/// Opens an exported report in the system's PDF viewer.
#[tauri::command]
pub async fn open_report<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> Res<()> {
    open_path(&app, &path)
}

/// Checks every signature of the PDF at `path` and the seal of its embedded data.
#[tauri::command]
pub async fn verify_report(path: PathBuf) -> Res<VerificationDto> {
    let checked = tauri::async_runtime::spawn_blocking(move || {
        Workspace::verify_report(&path).map(|v| VerificationDto::new(&path, &v))
    })
    .await
    .map_err(|e| stopped("the check", e))??;
    Ok(checked)
}
