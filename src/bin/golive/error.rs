//! The CLI's error: any library error, shown as its message, with an exit code.

use std::process::ExitCode;

use golive::catalog::CatalogError;
use golive::plan::{CalendarError, LaunchError, StatusParseError};
use golive::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Template(#[from] CatalogError),
    #[error(transparent)]
    Launch(#[from] LaunchError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Status(#[from] StatusParseError),
    #[error(transparent)]
    Report(#[from] golive::report::ReportError),
    #[error("{0}")]
    Usage(String),
    #[error("cannot write output: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Probe(#[from] golive::probe::ProbeError),
    #[error(transparent)]
    ProbeHistory(#[from] golive::probe::history::HistoryError),
    #[error(transparent)]
    Keyring(#[from] golive::probe::logins::KeyringError),
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            // A probe that cannot start is "could not check": exit 2, as the README says.
            CliError::Usage(_) | CliError::Probe(_) | CliError::Keyring(_) => ExitCode::from(2),
            _ => ExitCode::FAILURE,
        }
    }
}
