//! A plan for the tools people already use, and back: calendars (RFC 5545), spreadsheets
//! (CSV, XLSX) out, status, owner and due-date changes from a spreadsheet in, and the whole
//! plan as one bundle file for another machine.
//!
//! The calendar and spreadsheet code is a function of a plan's board and history, or of a
//! file's bytes; the bundle code reads and writes its archive file. None of it touches the
//! database — [`crate::ops`] gathers the inputs and applies what comes back.

mod bundle;
mod ics;
mod import;
mod sheet;

pub use bundle::{
    BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, FileEntry, Manifest, OpenedBundle, open_bundle,
    write_bundle,
};
pub use ics::{CalendarOptions, calendar, calendar_for};
pub use import::{
    Cell, FieldChange, ImportError, ImportPlan, ImportProblem, SheetKind, SheetRow, plan_changes,
    read_sheet,
};
pub use sheet::{CsvDialect, Row, csv, rows, xlsx};

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write the spreadsheet: {0}")]
    Xlsx(String),
    #[error("could not write the CSV: {0}")]
    Csv(String),
}
