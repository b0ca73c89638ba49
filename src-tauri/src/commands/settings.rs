//! Settings, the timestamp authority reports are signed with, backups and reminders, and the
//! fixed lists the UI offers: time zones and the library's vocabulary with its words.

use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::{Res, Workspace, stopped};
use crate::dto::{ReminderDto, SettingsDto, VocabularyDto};

#[tauri::command]
pub async fn get_settings(ws: State<'_, Workspace>) -> Res<SettingsDto> {
    Ok(SettingsDto::from(&ws.preferences()?))
}

/// Validates everything first, then writes; the paths are read-only and ignored.
#[tauri::command]
pub async fn save_settings(ws: State<'_, Workspace>, settings: SettingsDto) -> Res<SettingsDto> {
    Ok(SettingsDto::from(
        &ws.save_preferences(&settings.try_into()?)?,
    ))
}

/// The URL of the RFC 3161 timestamp authority report signatures are stamped by; `null`
/// when none is set (a signature's time is then the signer's own clock).
#[tauri::command]
pub async fn get_timestamp_authority(ws: State<'_, Workspace>) -> Res<Option<String>> {
    Ok(ws.timestamp_authority_url()?)
}

/// Sets the authority (an http(s) URL, checked) or clears it (`null` or empty).
#[tauri::command]
pub async fn set_timestamp_authority(ws: State<'_, Workspace>, url: Option<String>) -> Res<()> {
    Ok(ws.set_timestamp_authority_url(url.as_deref())?)
}

#[tauri::command]
pub async fn list_zones() -> Res<Vec<String>> {
    Ok(chrono_tz::TZ_VARIANTS
        .iter()
        .map(|z| z.name().to_string())
        .collect())
}

/// Every status, verdict, phase, area, decision and check with the word the UI shows.
#[tauri::command]
pub async fn vocabulary() -> Res<VocabularyDto> {
    Ok(VocabularyDto::new())
}

#[derive(Clone, Serialize)]
struct BackupProgress {
    stage: &'static str,
}

/// Copies the database off the UI thread; `backup-progress` events say where it stands.
#[tauri::command]
pub async fn backup_now<R: Runtime>(app: AppHandle<R>, path: PathBuf) -> Res<String> {
    let _ = app.emit("backup-progress", BackupProgress { stage: "copying" });
    let handle = app.clone();
    let written =
        tauri::async_runtime::spawn_blocking(move || handle.state::<Workspace>().backup_to(&path))
            .await
            .map_err(|e| stopped("the backup", e))??;
    let _ = app.emit("backup-progress", BackupProgress { stage: "done" });
    Ok(written.display().to_string())
}

/// Open tasks of active plans due within three working days, and overdue ones; empty when
/// the user turned reminders off.
#[tauri::command]
pub async fn due_reminders(ws: State<'_, Workspace>) -> Res<Vec<ReminderDto>> {
    Ok(ws.due_reminders()?.iter().map(ReminderDto::from).collect())
}
