//! Evidence: list, add a note, a link or a file, open a stored file.

use std::path::PathBuf;

use golive::store::NewEvidence;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use super::{Db, lock};
use crate::dto::{CommandError, EvidenceDto};

type Res<T> = Result<T, CommandError>;

#[tauri::command]
pub async fn list_evidence(
    db: State<'_, Db>,
    plan_id: i64,
    task_id: String,
) -> Res<Vec<EvidenceDto>> {
    let list = lock(&db)?.evidence(plan_id, Some(&task_id))?;
    Ok(list.iter().map(EvidenceDto::from).collect())
}

#[tauri::command]
pub async fn add_note(
    db: State<'_, Db>,
    plan_id: i64,
    task_id: String,
    markdown: String,
) -> Res<EvidenceDto> {
    let added = lock(&db)?.add_evidence(plan_id, &task_id, NewEvidence::Note(markdown))?;
    Ok(EvidenceDto::from(&added))
}

#[tauri::command]
pub async fn add_link(
    db: State<'_, Db>,
    plan_id: i64,
    task_id: String,
    url: String,
    title: Option<String>,
) -> Res<EvidenceDto> {
    let added = lock(&db)?.add_evidence(plan_id, &task_id, NewEvidence::Link { url, title })?;
    Ok(EvidenceDto::from(&added))
}

/// `path` comes from the native open dialog; the store copies the file in by SHA-256.
#[tauri::command]
pub async fn add_file(
    db: State<'_, Db>,
    plan_id: i64,
    task_id: String,
    path: PathBuf,
) -> Res<EvidenceDto> {
    let added = lock(&db)?.add_evidence(plan_id, &task_id, NewEvidence::File(path))?;
    Ok(EvidenceDto::from(&added))
}

/// Opens the stored copy of a file evidence with the system's default app.
#[tauri::command]
pub async fn open_evidence_file<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    plan_id: i64,
    evidence_id: i64,
) -> Res<()> {
    let path = crate::files::stored_file(&*lock(&db)?, plan_id, evidence_id)?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            CommandError::new(
                "open-failed",
                format!("could not open {}: {e}", path.display()),
            )
        })
}
