//! The kinds of error every module of the library reports: one vocabulary the desktop UI
//! branches on (never on the message) and the CLI adds its hints to.
//!
//! Each module keeps its own error enum with messages that say what is wrong and what to
//! do; this is only the stable code beside the message. A kind's text never changes once
//! released (the UI and scripts compare it).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A stable, kebab-case code for what went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    // The database.
    Database,
    Migration,
    Io,
    NewerSchema,
    NotADatabase,
    NoDataDir,
    Corrupt,
    // What the user named or typed.
    PlanNotFound,
    AmbiguousPlan,
    DuplicatePlanName,
    /// A bundle's plan is already in this database.
    PlanExists,
    UnknownTask,
    UnknownStakeholder,
    NoSuchRun,
    InvalidInput,
    InvalidTemplate,
    InvalidDate,
    InvalidLaunch,
    InvalidCalendar,
    InvalidZone,
    InvalidStatus,
    InvalidDecision,
    UnknownCheck,
    /// A spreadsheet to import has problems (each named with line and column).
    InvalidImport,
    /// A plan bundle is cut short, altered, newer or incomplete.
    InvalidBundle,
    // Probes.
    InvalidUrl,
    InvalidPin,
    InvalidDomain,
    InvalidSelector,
    InvalidPath,
    CaFile,
    CaPem,
    MapRead,
    MapInvalid,
    Client,
    Resolver,
    Runtime,
    NothingToProbe,
    ProbeRunning,
    KeyringUnavailable,
    KeyringFailed,
    KeyringUnreadable,
    // Reports.
    Font,
    Json,
    NotAPdf,
    SignFailed,
    BadKey,
    BadPkcs12,
    NotSealed,
    Tampered,
    /// Something the user named is gone (an evidence file removed from disk).
    NotFound,
    // The app itself.
    OpenFailed,
    Internal,
    // Planning depth.
    /// Dependencies that would form a circle (the message names the ids).
    DependencyCycle,
    /// Removing the task would drop its evidence; ask first, then confirm.
    HasEvidence,
}

impl ErrorKind {
    /// The kind's stable text, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Database => "database",
            ErrorKind::Migration => "migration",
            ErrorKind::Io => "io",
            ErrorKind::NewerSchema => "newer-schema",
            ErrorKind::NotADatabase => "not-a-database",
            ErrorKind::NoDataDir => "no-data-dir",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::PlanNotFound => "plan-not-found",
            ErrorKind::AmbiguousPlan => "ambiguous-plan",
            ErrorKind::DuplicatePlanName => "duplicate-plan-name",
            ErrorKind::PlanExists => "plan-exists",
            ErrorKind::UnknownTask => "unknown-task",
            ErrorKind::UnknownStakeholder => "unknown-stakeholder",
            ErrorKind::NoSuchRun => "no-such-run",
            ErrorKind::InvalidInput => "invalid-input",
            ErrorKind::InvalidTemplate => "invalid-template",
            ErrorKind::InvalidDate => "invalid-date",
            ErrorKind::InvalidLaunch => "invalid-launch",
            ErrorKind::InvalidCalendar => "invalid-calendar",
            ErrorKind::InvalidZone => "invalid-zone",
            ErrorKind::InvalidStatus => "invalid-status",
            ErrorKind::InvalidDecision => "invalid-decision",
            ErrorKind::UnknownCheck => "unknown-check",
            ErrorKind::InvalidImport => "invalid-import",
            ErrorKind::InvalidBundle => "invalid-bundle",
            ErrorKind::InvalidUrl => "invalid-url",
            ErrorKind::InvalidPin => "invalid-pin",
            ErrorKind::InvalidDomain => "invalid-domain",
            ErrorKind::InvalidSelector => "invalid-selector",
            ErrorKind::InvalidPath => "invalid-path",
            ErrorKind::CaFile => "ca-file",
            ErrorKind::CaPem => "ca-pem",
            ErrorKind::MapRead => "map-read",
            ErrorKind::MapInvalid => "map-invalid",
            ErrorKind::Client => "client",
            ErrorKind::Resolver => "resolver",
            ErrorKind::Runtime => "runtime",
            ErrorKind::NothingToProbe => "nothing-to-probe",
            ErrorKind::ProbeRunning => "probe-running",
            ErrorKind::KeyringUnavailable => "keyring-unavailable",
            ErrorKind::KeyringFailed => "keyring-failed",
            ErrorKind::KeyringUnreadable => "keyring-unreadable",
            ErrorKind::Font => "font",
            ErrorKind::Json => "json",
            ErrorKind::NotAPdf => "not-a-pdf",
            ErrorKind::SignFailed => "sign-failed",
            ErrorKind::BadKey => "bad-key",
            ErrorKind::BadPkcs12 => "bad-pkcs12",
            ErrorKind::NotSealed => "not-sealed",
            ErrorKind::Tampered => "tampered",
            ErrorKind::NotFound => "not-found",
            ErrorKind::OpenFailed => "open-failed",
            ErrorKind::Internal => "internal",
            ErrorKind::DependencyCycle => "dependency-cycle",
            ErrorKind::HasEvidence => "has-evidence",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text the UI compares is the serialised form; the two must never drift apart.
    #[test]
    fn text_is_the_serialised_form() {
        for kind in [
            ErrorKind::Database,
            ErrorKind::NotAPdf,
            ErrorKind::KeyringUnavailable,
            ErrorKind::InvalidCalendar,
            ErrorKind::NothingToProbe,
            ErrorKind::Internal,
        ] {
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
    }
}
