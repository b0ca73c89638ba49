//! The commands the UI invokes, grouped by domain. Each calls one `golive::ops` function on
//! the managed [`Workspace`] and converts its answer to a DTO, in a few lines (slow ones add
//! a blocking thread and progress events); the work, the locking and the wording live in the
//! library, not here.

pub mod agenda;
pub mod evidence;
pub mod export;
pub mod items;
pub mod own_tasks;
pub mod people;
pub mod plans;
pub mod probes;
pub mod report;
pub mod runbook;
pub mod settings;
pub mod template;
pub mod timeline;

use std::path::Path;

use golive::error::ErrorKind;
use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;

use crate::dto::CommandError;

/// The managed state: one open database and the probe runs in flight, shared by all
/// commands. Re-exported so the shell and its tests name one type.
pub use golive::ops::Workspace;

/// Every command the UI may call. build.rs turns each into an `allow-<name>` permission and
/// the capability lists them; the command-layer test checks all are registered, and the
/// bindings test writes them as the UI's `Command` type.
pub const COMMANDS: &[&str] = &include!("names.rs");

type Res<T> = Result<T, CommandError>;

/// Hands `path` to the system's default app for its type (a PDF viewer, an image viewer).
fn open_path<R: Runtime>(app: &AppHandle<R>, path: &Path) -> Res<()> {
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            // The file is there; what failed is the desktop's program for it. Say that first,
            // and keep the launcher's words last for whoever fixes the desktop setup.
            CommandError::new(
                ErrorKind::OpenFailed,
                format!(
                    "{} is there, but no program opened it: open it from your file manager, or \
                     set a default program for this kind of file ({e})",
                    path.display()
                ),
            )
        })
}

/// A blocking task that ended without an answer (it panicked or was cancelled).
fn stopped(what: &str, e: impl std::fmt::Display) -> CommandError {
    CommandError::new(ErrorKind::Internal, format!("{what} was interrupted: {e}"))
}

/// The invoke handler with every command of [`COMMANDS`].
#[macro_export]
macro_rules! handler {
    () => {
        tauri::generate_handler![
            $crate::commands::plans::list_plans,
            $crate::commands::plans::create_plan,
            $crate::commands::plans::rename_plan,
            $crate::commands::plans::set_plan_client,
            $crate::commands::plans::duplicate_plan,
            $crate::commands::plans::archive_plan,
            $crate::commands::plans::delete_plan,
            $crate::commands::plans::plan_board,
            $crate::commands::items::update_item,
            $crate::commands::evidence::list_evidence,
            $crate::commands::evidence::add_note,
            $crate::commands::evidence::add_link,
            $crate::commands::evidence::add_file,
            $crate::commands::evidence::open_evidence_file,
            $crate::commands::timeline::preview_reschedule,
            $crate::commands::timeline::reschedule,
            $crate::commands::timeline::history,
            $crate::commands::settings::get_settings,
            $crate::commands::settings::save_settings,
            $crate::commands::settings::get_timestamp_authority,
            $crate::commands::settings::set_timestamp_authority,
            $crate::commands::settings::list_zones,
            $crate::commands::settings::backup_now,
            $crate::commands::settings::due_reminders,
            $crate::commands::settings::vocabulary,
            $crate::commands::probes::probe_endpoints,
            $crate::commands::probes::save_probe_endpoints,
            $crate::commands::probes::run_probes,
            $crate::commands::probes::cancel_probes,
            $crate::commands::probes::probe_runs,
            $crate::commands::probes::probe_run,
            $crate::commands::probes::probe_diff,
            $crate::commands::probes::probe_saved_login,
            $crate::commands::probes::forget_probe_login,
            $crate::commands::report::list_stakeholders,
            $crate::commands::report::add_stakeholder,
            $crate::commands::report::remove_stakeholder,
            $crate::commands::report::decide,
            $crate::commands::report::export_report,
            $crate::commands::report::open_report,
            $crate::commands::report::verify_report,
            $crate::commands::export::export_calendar,
            $crate::commands::export::export_sheet,
            $crate::commands::export::preview_import,
            $crate::commands::export::import_sheet,
            $crate::commands::export::export_bundle,
            $crate::commands::export::import_bundle,
            $crate::commands::template::template_diff,
            $crate::commands::template::apply_template,
            $crate::commands::timeline::restore_launch,
            $crate::commands::agenda::agenda,
            $crate::commands::own_tasks::add_own_task,
            $crate::commands::own_tasks::edit_own_task,
            $crate::commands::own_tasks::remove_own_task,
            $crate::commands::evidence::edit_note,
            $crate::commands::evidence::edit_link,
            $crate::commands::evidence::retract_evidence,
            $crate::commands::people::list_people,
            $crate::commands::people::add_person,
            $crate::commands::people::remove_person,
            $crate::commands::people::owner_suggestions,
            $crate::commands::people::update_items,
            $crate::commands::runbook::runbook,
            $crate::commands::runbook::check_runbook_step,
            $crate::commands::runbook::add_runbook_step,
            $crate::commands::runbook::edit_runbook_step,
            $crate::commands::runbook::remove_runbook_step,
            $crate::commands::runbook::restore_runbook_step,
        ]
    };
}
