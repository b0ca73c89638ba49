//! The one error the operations return: any module's error, with its stable kind.

use crate::catalog::CatalogError;
use crate::error::ErrorKind;
use crate::plan::{CalendarError, DecisionParseError, LaunchError, StatusParseError};
use crate::probe::ProbeError;
use crate::probe::history::HistoryError;
use crate::probe::logins::KeyringError;
use crate::probe::model::UnknownCheck;
use crate::report::ReportError;
use crate::store::StoreError;

/// What went wrong in an operation; the message says what to do, [`Error::kind`] is stable.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Probe(#[from] ProbeError),
    #[error(transparent)]
    History(#[from] HistoryError),
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Template(#[from] CatalogError),
    #[error(transparent)]
    Launch(#[from] LaunchError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Status(#[from] StatusParseError),
    #[error(transparent)]
    Decision(#[from] DecisionParseError),
    #[error(transparent)]
    Check(#[from] UnknownCheck),
    #[error(transparent)]
    Key(#[from] crate::catalog::KeyParseError),
    #[error(transparent)]
    OwnDue(#[from] crate::plan::OwnDueParseError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Import(#[from] crate::export::ImportError),
    #[error(transparent)]
    Bundle(#[from] crate::export::BundleError),
    #[error("probes are already running for this plan; wait for them or cancel them first")]
    ProbeRunning,
    #[error("unknown time zone {0:?}; pick an IANA name such as Europe/Berlin")]
    UnknownZone(String),
    #[error("evidence {0} has no stored file; it may have been deleted")]
    NoStoredFile(i64),
    #[error("{0}")]
    Internal(String),
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Store(e) => e.kind(),
            Error::Probe(e) => e.kind(),
            Error::History(e) => e.kind(),
            Error::Keyring(e) => e.kind(),
            Error::Report(e) => e.kind(),
            Error::Template(_) => ErrorKind::InvalidTemplate,
            Error::Launch(_) => ErrorKind::InvalidLaunch,
            Error::Calendar(_) => ErrorKind::InvalidCalendar,
            Error::Status(_) => ErrorKind::InvalidStatus,
            Error::Decision(_) => ErrorKind::InvalidDecision,
            Error::Check(_) => ErrorKind::UnknownCheck,
            Error::Key(_) | Error::OwnDue(_) => ErrorKind::InvalidInput,
            Error::Export(_) => ErrorKind::Io,
            Error::Import(_) => ErrorKind::InvalidImport,
            Error::Bundle(crate::export::BundleError::Store(e)) => e.kind(),
            Error::Bundle(crate::export::BundleError::Io { .. }) => ErrorKind::Io,
            Error::Bundle(_) => ErrorKind::InvalidBundle,
            Error::ProbeRunning => ErrorKind::ProbeRunning,
            Error::UnknownZone(_) => ErrorKind::InvalidZone,
            Error::NoStoredFile(_) => ErrorKind::NotFound,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    pub(super) fn stopped(what: &str, e: impl std::fmt::Display) -> Error {
        Error::Internal(format!("{what} stopped: {e}"))
    }
}
