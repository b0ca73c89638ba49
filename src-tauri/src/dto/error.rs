//! The one error every command returns: a stable `kind` the UI branches on, and a message
//! for people.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    /// Stable kebab-case code, e.g. `not-found`, `invalid-launch`.
    pub kind: String,
    pub message: String,
}

impl CommandError {
    pub fn new(kind: &str, message: impl Into<String>) -> CommandError {
        CommandError {
            kind: kind.to_string(),
            message: message.into(),
        }
    }
}

impl From<golive::store::StoreError> for CommandError {
    fn from(e: golive::store::StoreError) -> Self {
        CommandError::new(e.kind(), e.to_string())
    }
}

impl From<golive::plan::LaunchError> for CommandError {
    fn from(e: golive::plan::LaunchError) -> Self {
        CommandError::new("invalid-launch", e.to_string())
    }
}

impl From<golive::plan::CalendarError> for CommandError {
    fn from(e: golive::plan::CalendarError) -> Self {
        CommandError::new("invalid-calendar", e.to_string())
    }
}

impl From<golive::plan::StatusParseError> for CommandError {
    fn from(e: golive::plan::StatusParseError) -> Self {
        CommandError::new("invalid-status", e.to_string())
    }
}

impl From<golive::catalog::CatalogError> for CommandError {
    fn from(e: golive::catalog::CatalogError) -> Self {
        CommandError::new("invalid-template", e.to_string())
    }
}

impl From<golive::probe::ProbeError> for CommandError {
    fn from(e: golive::probe::ProbeError) -> Self {
        CommandError::new(e.kind(), e.to_string())
    }
}

impl From<golive::probe::logins::KeyringError> for CommandError {
    fn from(e: golive::probe::logins::KeyringError) -> Self {
        CommandError::new(e.kind(), e.to_string())
    }
}

impl From<golive::probe::history::HistoryError> for CommandError {
    fn from(e: golive::probe::history::HistoryError) -> Self {
        use golive::probe::history::HistoryError;
        match e {
            // The UI branches on the store's own kinds (`plan-not-found`, …).
            HistoryError::Store(inner) => inner.into(),
            other => CommandError::new(other.kind(), other.to_string()),
        }
    }
}

impl From<golive::report::ReportError> for CommandError {
    fn from(e: golive::report::ReportError) -> Self {
        CommandError::new(e.kind(), e.to_string())
    }
}
