//! Evidence: list, add a note, a link or a file, correct or retract it, open a stored file.

use std::path::PathBuf;

use golive::store::NewEvidence;
use tauri::{AppHandle, Runtime, State};

use super::{Res, Workspace, open_path};
use crate::dto::EvidenceDto;

#[tauri::command]
pub async fn list_evidence(
    ws: State<'_, Workspace>,
    plan_id: i64,
    task_id: String,
) -> Res<Vec<EvidenceDto>> {
    let list = ws.evidence(plan_id, Some(&task_id))?;
    Ok(list.iter().map(EvidenceDto::from).collect())
}

#[tauri::command]
pub async fn add_note(
    ws: State<'_, Workspace>,
    plan_id: i64,
    task_id: String,
    markdown: String,
) -> Res<EvidenceDto> {
    let added = ws.add_evidence(plan_id, &task_id, NewEvidence::Note(markdown))?;
    Ok(EvidenceDto::from(&added))
}

#[tauri::command]
pub async fn add_link(
    ws: State<'_, Workspace>,
    plan_id: i64,
    task_id: String,
    url: String,
    title: Option<String>,
) -> Res<EvidenceDto> {
    let added = ws.add_evidence(plan_id, &task_id, NewEvidence::Link { url, title })?;
    Ok(EvidenceDto::from(&added))
}

/// `path` comes from the native open dialog; the store copies the file in by SHA-256.
#[tauri::command]
pub async fn add_file(
    ws: State<'_, Workspace>,
    plan_id: i64,
    task_id: String,
    path: PathBuf,
) -> Res<EvidenceDto> {
    let added = ws.add_evidence(plan_id, &task_id, NewEvidence::File(path))?;
    Ok(EvidenceDto::from(&added))
}

/// Opens the stored copy of a file evidence with the system's default app.
#[tauri::command]
pub async fn open_evidence_file<R: Runtime>(
    app: AppHandle<R>,
    ws: State<'_, Workspace>,
    plan_id: i64,
    evidence_id: i64,
) -> Res<()> {
    let path = ws.evidence_file(plan_id, evidence_id)?;
    open_path(&app, &path)
}

/// Corrects a note's text; the history keeps the old one.
#[tauri::command]
pub async fn edit_note(
    ws: State<'_, Workspace>,
    plan_id: i64,
    evidence_id: i64,
    markdown: String,
) -> Res<EvidenceDto> {
    let edited = ws.edit_evidence(plan_id, evidence_id, NewEvidence::Note(markdown))?;
    Ok(EvidenceDto::from(&edited))
}

/// Corrects a link's address and title.
#[tauri::command]
pub async fn edit_link(
    ws: State<'_, Workspace>,
    plan_id: i64,
    evidence_id: i64,
    url: String,
    title: Option<String>,
) -> Res<EvidenceDto> {
    let edited = ws.edit_evidence(plan_id, evidence_id, NewEvidence::Link { url, title })?;
    Ok(EvidenceDto::from(&edited))
}

/// Takes evidence back for `reason`; it leaves the verdict and the report.
#[tauri::command]
pub async fn retract_evidence(
    ws: State<'_, Workspace>,
    plan_id: i64,
    evidence_id: i64,
    reason: String,
) -> Res<EvidenceDto> {
    let retracted = ws.retract_evidence(plan_id, evidence_id, &reason)?;
    Ok(EvidenceDto::from(&retracted))
}
