//! The report: stakeholders and their decisions, Export (off the UI thread, with
//! `report-progress` events, then opened in the system viewer) and Verify. The work is in
//! `golive::report`.

use std::path::PathBuf;
use std::str::FromStr;

use chrono::NaiveDate;
use golive::report::{self, Decision};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use super::{Db, lock};
use crate::dto::{CommandError, ExportedDto, StakeholderDto, VerificationDto};

type Res<T> = Result<T, CommandError>;

#[tauri::command]
pub async fn list_stakeholders(db: State<'_, Db>, plan_id: i64) -> Res<Vec<StakeholderDto>> {
    let list = report::signoffs(&*lock(&db)?, plan_id)?;
    Ok(list.iter().map(StakeholderDto::from).collect())
}

#[tauri::command]
pub async fn add_stakeholder(
    db: State<'_, Db>,
    plan_id: i64,
    name: String,
    role: String,
    email: Option<String>,
) -> Res<StakeholderDto> {
    let added = report::add_stakeholder(&*lock(&db)?, plan_id, &name, &role, email.as_deref())?;
    Ok(StakeholderDto::from(&added))
}

/// Records `name`'s decision (`go`, `go-with-conditions` + conditions, `no-go`) on `on`.
#[tauri::command]
pub async fn decide(
    db: State<'_, Db>,
    plan_id: i64,
    name: String,
    decision: String,
    conditions: Option<String>,
    on: NaiveDate,
) -> Res<StakeholderDto> {
    let d = Decision::from_str(&decision).map_err(|m| CommandError::new("invalid-decision", m))?;
    let s = report::decide(&*lock(&db)?, plan_id, &name, d, conditions.as_deref(), on)?;
    Ok(StakeholderDto::from(&s))
}

#[derive(Clone, Serialize)]
struct ExportProgress {
    stage: &'static str,
}

/// Writes the signed PDF to `path` (from the native save dialog) off the UI thread.
#[tauri::command]
pub async fn export_report<R: Runtime>(
    app: AppHandle<R>,
    plan_id: i64,
    path: PathBuf,
) -> Res<ExportedDto> {
    let _ = app.emit("report-progress", ExportProgress { stage: "rendering" });
    let handle = app.clone();
    let done = tauri::async_runtime::spawn_blocking(move || {
        let exported = report::export(&*lock(&handle.state::<Db>())?, plan_id, &path, Vec::new())?;
        Ok::<_, CommandError>(ExportedDto {
            path: exported.path.display().to_string(),
            report_id: exported.report_id.clone(),
            size: exported.size as u64,
            verification: VerificationDto::new(&exported.path, &exported.verification),
        })
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("the export was interrupted: {e}")))??;
    let _ = app.emit("report-progress", ExportProgress { stage: "done" });
    Ok(done)
}

/// Opens an exported report in the system's PDF viewer.
#[tauri::command]
pub async fn open_report<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> Res<()> {
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            CommandError::new(
                "open-failed",
                format!("could not open {}: {e}", path.display()),
            )
        })
}

/// Checks every signature of the PDF at `path` and the seal of its embedded data.
#[tauri::command]
pub async fn verify_report(path: PathBuf) -> Res<VerificationDto> {
    let checked = tauri::async_runtime::spawn_blocking(move || {
        report::verify(&path).map(|v| VerificationDto::new(&path, &v))
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("the check was interrupted: {e}")))??;
    Ok(checked)
}
