//! What can go wrong with the store, in words that tell the user what to do.

use crate::error::ErrorKind;
use std::path::PathBuf;

use crate::catalog::CatalogError;
use crate::plan::{CalendarError, LaunchError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "the database could not be brought up to date (migration {name}: {source}); it was left \
         as it was. Restore a backup or report a bug"
    )]
    Migration {
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} was written by a newer GoLive Planner (schema {found}, this one knows up to {supported}); \
         it was not changed. Update GoLive Planner, or choose another database",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{} is not a GoLive Planner database; choose another file", path.display())]
    NotADatabase { path: PathBuf },
    #[error("cannot find a data directory for this user; choose where the database lives")]
    NoDataDir,
    #[error("no plan named or numbered {0:?}")]
    PlanNotFound(String),
    #[error("{key:?} matches several plans ({}); use the plan's id instead", candidates.join(", "))]
    AmbiguousPlan {
        key: String,
        candidates: Vec<String>,
    },
    #[error("a plan named {0:?} already exists; choose another name")]
    DuplicatePlanName(String),
    #[error("plan {plan:?} has no task {task_id:?}{hint}")]
    UnknownTask {
        plan: String,
        task_id: String,
        hint: String,
    },
    #[error("{0:?} is not a stakeholder of this plan; add them as a stakeholder first")]
    UnknownStakeholder(String),
    #[error("this plan has no probe run {0}")]
    NoSuchRun(i64),
    #[error("this database already has that plan (plan {0}); merge the bundle into it instead")]
    PlanAlreadyHere(i64),
    #[error("{0}")]
    InvalidInput(String),
    #[error(transparent)]
    OwnTask(#[from] crate::plan::OwnTaskError),
    #[error(
        "{task_id} has {count} piece(s) of evidence; removing it hides them with the task (the \
         history keeps every entry); confirm to remove it anyway"
    )]
    HasEvidence { task_id: String, count: usize },
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
    pub fn kind(&self) -> ErrorKind {
        match self {
            StoreError::Sqlite(_) => ErrorKind::Database,
            StoreError::Migration { .. } => ErrorKind::Migration,
            StoreError::Io { .. } => ErrorKind::Io,
            StoreError::NewerSchema { .. } => ErrorKind::NewerSchema,
            StoreError::NotADatabase { .. } => ErrorKind::NotADatabase,
            StoreError::NoDataDir => ErrorKind::NoDataDir,
            StoreError::PlanNotFound(_) => ErrorKind::PlanNotFound,
            StoreError::AmbiguousPlan { .. } => ErrorKind::AmbiguousPlan,
            StoreError::DuplicatePlanName(_) => ErrorKind::DuplicatePlanName,
            StoreError::UnknownTask { .. } => ErrorKind::UnknownTask,
            StoreError::UnknownStakeholder(_) => ErrorKind::UnknownStakeholder,
            StoreError::NoSuchRun(_) => ErrorKind::NoSuchRun,
            StoreError::PlanAlreadyHere(_) => ErrorKind::PlanExists,
            StoreError::InvalidInput(_) => ErrorKind::InvalidInput,
            StoreError::OwnTask(e) => e.kind(),
            StoreError::HasEvidence { .. } => ErrorKind::HasEvidence,
            StoreError::Template(_) => ErrorKind::InvalidTemplate,
            StoreError::Launch(_) => ErrorKind::InvalidDate,
            StoreError::Calendar(_) => ErrorKind::InvalidCalendar,
            StoreError::Corrupt(_) => ErrorKind::Corrupt,
        }
    }
}
