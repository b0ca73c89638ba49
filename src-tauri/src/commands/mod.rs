//! The commands the UI invokes, grouped by domain. Each is a few lines that call
//! `golive::store::Store` and translate the answer; no planning logic lives here.

pub mod evidence;
pub mod items;
pub mod plans;
pub mod probes;
pub mod report;
pub mod settings;
pub mod timeline;

use std::sync::{Mutex, MutexGuard};

use golive::store::Store;

use crate::dto::CommandError;

/// The managed state: one open database, shared by all commands.
pub type Db = Mutex<Store>;

/// Every command the UI may call. build.rs turns each into an `allow-<name>` permission and
/// the capability lists them; the command-layer test checks all are registered.
pub const COMMANDS: &[&str] = &include!("names.rs");

pub fn lock(db: &Db) -> Result<MutexGuard<'_, Store>, CommandError> {
    db.lock().map_err(|_| {
        CommandError::new(
            "internal",
            "an earlier error left the database handle unusable; restart GoLive Planner",
        )
    })
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
            $crate::commands::settings::list_zones,
            $crate::commands::settings::backup_now,
            $crate::commands::settings::due_reminders,
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
            $crate::commands::report::decide,
            $crate::commands::report::export_report,
            $crate::commands::report::open_report,
            $crate::commands::report::verify_report,
        ]
    };
}
