//! Exports of a plan for the tools people already use: calendars (RFC 5545) and
//! spreadsheets (CSV, XLSX).
//!
//! Everything here is a function of a plan's board and history: it renders bytes and reads
//! nothing itself — [`crate::ops`] gathers the inputs and writes the file. Imports, bundles
//! and template updates are not here yet.

mod ics;
mod sheet;

pub use ics::{CalendarOptions, calendar};
pub use sheet::{CsvDialect, Row, csv, rows, xlsx};

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write the spreadsheet: {0}")]
    Xlsx(String),
    #[error("could not write the CSV: {0}")]
    Csv(String),
}
