//! The operations: one function per user action, the only door the CLI and the desktop
//! shell call. Each opens no transaction of its own design: it checks and converts what the
//! user gave, calls the store (one transaction with its event), probes or the report, and
//! answers with what the front door shows.
//!
//! The front doors only translate — arguments in, results and [`Error`]s out; if one of them
//! needs more than a few lines to do its job, the work belongs here. Nothing here prints,
//! knows a CLI flag or a window: wording for people that every front door shares (history
//! sentences, per-phase progress) comes from the modules below.
//!
//! A [`Workspace`] is one open database plus the probe runs in flight. It holds the store
//! behind a lock that is taken only while the database is read or written, never while
//! the network runs or a report is rendered and signed, so one slow action never holds up
//! another.

mod bulk;
mod bundle;
mod error;
mod export;
mod own_tasks;
mod people;
mod plans;
mod probes;
mod report;
mod runbook;
mod schedule;
mod settings;
mod signoff;
mod tasks;
mod template;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use tokio_util::sync::CancellationToken;

use crate::store::Store;

pub use error::Error;
pub use export::SheetFormat;
pub use plans::{Board, NewPlanInput, PlanAgenda};
pub use probes::{Login, ProbeOutcome, ProbeRunRequest, RedirectOutcome, SavedLogin, StoredRun};
pub use report::ExportStage;
pub use settings::{Preferences, Reminder};
pub use signoff::{ConditionTask, DecisionInput, SignOffState, StakeholderState};

/// An open GoLive database and the work running on it.
pub struct Workspace {
    store: Mutex<Store>,
    /// Probe runs in flight by plan, so Cancel reaches them.
    runs: Mutex<HashMap<i64, CancellationToken>>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace").finish_non_exhaustive()
    }
}

impl Workspace {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Workspace, Error> {
        Ok(Workspace::new(Store::open(path)?))
    }

    /// Opens the database `GOLIVE_DB` names, else the platform default.
    pub fn open_default() -> Result<Workspace, Error> {
        Ok(Workspace::new(Store::open_default()?))
    }

    /// The database `GOLIVE_DB` names, else the platform data directory's.
    pub fn default_path() -> Result<PathBuf, Error> {
        Ok(Store::default_path()?)
    }

    pub fn new(store: Store) -> Workspace {
        Workspace {
            store: Mutex::new(store),
            runs: Mutex::new(HashMap::new()),
        }
    }

    /// Where the database file is.
    pub fn db_path(&self) -> Result<PathBuf, Error> {
        Ok(self.store()?.path().to_path_buf())
    }

    /// The store, for one read or one write; dropped before anything slow runs.
    fn store(&self) -> Result<MutexGuard<'_, Store>, Error> {
        self.store.lock().map_err(|_| {
            Error::Internal(
                "an earlier error left the database handle unusable; restart GoLive Planner".into(),
            )
        })
    }
}
