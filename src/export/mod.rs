//! A plan for the tools people already use, and back: calendars (RFC 5545), spreadsheets
//! (CSV, XLSX) out, and status, owner and due-date changes from a spreadsheet in.
//!
//! Everything here is a function of a plan's board and history, or of a file's bytes: it
//! renders or parses and touches neither disk nor database — [`crate::ops`] gathers the
//! inputs, writes the file, applies an import. Bundles and template updates are not here yet.

mod ics;
mod import;
mod sheet;

pub use ics::{CalendarOptions, calendar};
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
