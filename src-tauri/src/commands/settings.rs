//! Settings, zones, backups and reminders.

use std::path::PathBuf;

use golive::store::Store;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::{Db, lock};
use crate::dto::{CommandError, ReminderDto, SettingsDto};
use crate::{files, prefs, reminders};

type Res<T> = Result<T, CommandError>;

/// Reminders cover tasks due within this many working days.
const REMINDER_WORKING_DAYS: u32 = 3;

#[tauri::command]
pub async fn get_settings(db: State<'_, Db>) -> Res<SettingsDto> {
    prefs::load(&*lock(&db)?)
}

#[tauri::command]
pub async fn save_settings(db: State<'_, Db>, settings: SettingsDto) -> Res<SettingsDto> {
    prefs::save(&mut *lock(&db)?, &settings)
}

#[tauri::command]
pub async fn list_zones() -> Res<Vec<String>> {
    Ok(chrono_tz::TZ_VARIANTS
        .iter()
        .map(|z| z.name().to_string())
        .collect())
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
    let written = tauri::async_runtime::spawn_blocking(move || {
        files::backup(&*lock(&handle.state::<Db>())?, &path)
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("the backup was interrupted: {e}")))??;
    let _ = app.emit("backup-progress", BackupProgress { stage: "done" });
    Ok(written)
}

/// Open tasks of active plans due within three working days, and overdue ones; empty when
/// the user turned reminders off.
#[tauri::command]
pub async fn due_reminders(db: State<'_, Db>) -> Res<Vec<ReminderDto>> {
    let store = lock(&db)?;
    if !prefs::reminders_on(&store)? {
        return Ok(Vec::new());
    }
    collect_reminders(&store)
}

fn collect_reminders(store: &Store) -> Res<Vec<ReminderDto>> {
    let mut out = Vec::new();
    for summary in store.list_plans(false)? {
        let (plan, snap) = store.snapshot(summary.plan.id, None)?;
        for v in reminders::due_soon(&snap, &plan.settings.calendar, REMINDER_WORKING_DAYS) {
            out.push(ReminderDto {
                plan_id: plan.id,
                plan_name: plan.name.clone(),
                task_id: v.task.id.clone(),
                title: v.task.title.clone(),
                due: v.due,
                overdue: v.overdue,
            });
        }
    }
    Ok(out)
}
