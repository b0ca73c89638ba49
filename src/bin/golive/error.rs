//! The CLI's error: any library error, shown as its message plus the command or option
//! that helps (the library's messages name no flags), with an exit code.

use std::fmt;
use std::process::ExitCode;

use golive::error::ErrorKind;
use golive::ops;

#[derive(Debug)]
pub enum CliError {
    Ops(ops::Error),
    /// A library error with the command's own hint, where the kind alone does not tell it.
    Hinted(ops::Error, &'static str),
    Usage(String),
    Json(serde_json::Error),
}

/// Library errors the CLI meets outside an operation (parsing its arguments) read as the
/// operation's would.
macro_rules! from_library {
    ($($error:ty),*) => {$(
        impl From<$error> for CliError {
            fn from(e: $error) -> Self {
                CliError::Ops(e.into())
            }
        }
    )*};
}

from_library!(
    ops::Error,
    golive::plan::LaunchError,
    golive::plan::CalendarError,
    golive::plan::StatusParseError,
    golive::plan::DecisionParseError,
    golive::report::ReportError,
    golive::probe::ProbeError,
    golive::catalog::KeyParseError,
    golive::plan::OwnDueParseError
);

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Json(e)
    }
}

/// The command line's way to what the message asks for, worded to follow it.
fn hint(kind: ErrorKind) -> Option<&'static str> {
    Some(match kind {
        ErrorKind::NewerSchema | ErrorKind::NotADatabase | ErrorKind::NoDataDir => {
            " with --db PATH or GOLIVE_DB"
        }
        ErrorKind::PlanNotFound => "; `golive plan list --all` shows the plans",
        ErrorKind::AmbiguousPlan => "; `golive plan list --all` shows the ids",
        ErrorKind::UnknownTask => "; `golive timeline PLAN` lists the task ids",
        ErrorKind::HasEvidence => " with `golive item remove PLAN ID --force`",
        ErrorKind::UnknownStakeholder => " with `golive signoff add PLAN --name NAME --role ROLE`",
        ErrorKind::NoSuchRun => "; `golive probe history PLAN` lists the runs",
        ErrorKind::PlanExists => " with `golive import bundle FILE --merge`",
        ErrorKind::NothingToProbe => " with `golive probe endpoints PLAN …`",
        ErrorKind::KeyringUnavailable => {
            ": --user USER, the password from GOLIVE_PROBE_PASSWORD or a prompt"
        }
        ErrorKind::KeyringUnreadable => {
            " (`golive probe logout PLAN`, then `golive probe login PLAN --user USER`)"
        }
        ErrorKind::CaFile | ErrorKind::CaPem => " given to --cacert",
        ErrorKind::Resolver => " (--nameserver)",
        _ => return None,
    })
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Ops(e) => match hint(e.kind()) {
                Some(hint) => write!(f, "{e}{hint}"),
                None => write!(f, "{e}"),
            },
            CliError::Hinted(e, hint) => write!(f, "{e}{hint}"),
            CliError::Usage(text) => f.write_str(text),
            CliError::Json(e) => write!(f, "cannot write output: {e}"),
        }
    }
}

impl std::error::Error for CliError {}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::from(2),
            // A probe that cannot start is "could not check": exit 2, as the README says.
            CliError::Ops(ops::Error::Probe(_) | ops::Error::Keyring(_)) => ExitCode::from(2),
            _ => ExitCode::FAILURE,
        }
    }
}
