//! What can go wrong with the store, in words that tell the user what to do.

use std::path::PathBuf;

use crate::catalog::CatalogError;
use crate::plan::{CalendarError, LaunchError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} was written by a newer GoLive Planner (schema {found}, this one knows up to {supported}); \
         it was not changed. Update GoLive Planner, or choose another database with --db",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{} is not a GoLive Planner database; choose another file with --db or GOLIVE_DB", path.display())]
    NotADatabase { path: PathBuf },
    #[error("cannot find a data directory for this user; set GOLIVE_DB or pass --db PATH")]
    NoDataDir,
    #[error("no plan named or numbered {0:?}; `golive plan list` shows the plans")]
    PlanNotFound(String),
    #[error("{key:?} matches several plans ({}); use the plan's id instead", candidates.join(", "))]
    AmbiguousPlan {
        key: String,
        candidates: Vec<String>,
    },
    #[error("a plan named {0:?} already exists; choose another name")]
    DuplicatePlanName(String),
    #[error(
        "plan {plan:?} has no task {task_id:?}{hint}; `golive timeline {plan}` lists the task ids"
    )]
    UnknownTask {
        plan: String,
        task_id: String,
        hint: String,
    },
    #[error("{0}")]
    InvalidInput(String),
    #[error(transparent)]
    Template(#[from] CatalogError),
    #[error(transparent)]
    Launch(#[from] LaunchError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(
        "the database holds a value this version cannot read ({0}); restore a backup or report a bug"
    )]
    Corrupt(String),
}

impl StoreError {
    /// A stable code the desktop UI branches on.
    pub fn kind(&self) -> &'static str {
        match self {
            StoreError::Sqlite(_) => "database",
            StoreError::Io { .. } => "io",
            StoreError::NewerSchema { .. } => "newer-schema",
            StoreError::NotADatabase { .. } => "not-a-database",
            StoreError::NoDataDir => "no-data-dir",
            StoreError::PlanNotFound(_) => "plan-not-found",
            StoreError::AmbiguousPlan { .. } => "ambiguous-plan",
            StoreError::DuplicatePlanName(_) => "duplicate-plan-name",
            StoreError::UnknownTask { .. } => "unknown-task",
            StoreError::InvalidInput(_) => "invalid-input",
            StoreError::Template(_) => "invalid-template",
            StoreError::Launch(_) => "invalid-date",
            StoreError::Calendar(_) => "invalid-calendar",
            StoreError::Corrupt(_) => "corrupt",
        }
    }
}
