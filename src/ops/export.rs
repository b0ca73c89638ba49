//! Exports and imports: the plan's timeline as a calendar, its checklist as CSV or XLSX,
//! and status, owner and due-date changes back from such a sheet.

use std::path::Path;

use chrono::Utc;

use super::{Error, Workspace};
use crate::export::{self, CalendarOptions, CsvDialect, ImportPlan, SheetKind};

/// The spreadsheet formats a checklist exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv(CsvDialect),
    Xlsx,
}

/// Writes `bytes` beside `out` and renames, so a half-written export never looks complete.
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |path: &Path, source: std::io::Error| {
        Error::Store(crate::store::StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let partial = out.with_extension("partial");
    std::fs::write(&partial, bytes).map_err(|e| io(&partial, e))?;
    std::fs::rename(&partial, out).map_err(|e| io(out, e))
}

impl Workspace {
    /// Writes the plan's timeline as an iCalendar file; answers the number of events.
    pub fn export_calendar(
        &self,
        plan_id: i64,
        out: &Path,
        options: CalendarOptions,
    ) -> Result<usize, Error> {
        let board = self.board(plan_id, None)?;
        let history = self.history(plan_id, None)?;
        let people = self.people(plan_id)?;
        let text = export::calendar_for(
            &board.plan,
            &board.snapshot,
            &history,
            &people,
            options,
            Utc::now(),
        );
        write_atomically(out, text.as_bytes())?;
        Ok(board.snapshot.items.len() + 1)
    }

    /// Writes the plan's checklist as a spreadsheet; answers the number of task rows.
    pub fn export_sheet(
        &self,
        plan_id: i64,
        out: &Path,
        format: SheetFormat,
    ) -> Result<usize, Error> {
        let board = self.board(plan_id, None)?;
        let history = self.history(plan_id, None)?;
        let rows = export::rows(&board.snapshot, &history);
        let bytes = match format {
            SheetFormat::Csv(dialect) => export::csv(&rows, dialect)?,
            SheetFormat::Xlsx => export::xlsx(&board.plan, &board.readiness, &rows)?,
        };
        write_atomically(out, &bytes)?;
        Ok(rows.len())
    }
}

impl Workspace {
    /// What importing the sheet at `path` would change, old → new; nothing is written. A
    /// sheet with any problem is refused whole, every problem named with line and column.
    pub fn preview_import(
        &self,
        plan_id: i64,
        path: &Path,
        kind: SheetKind,
    ) -> Result<ImportPlan, Error> {
        let bytes = std::fs::read(path).map_err(|source| {
            Error::Store(crate::store::StoreError::Io {
                path: path.to_path_buf(),
                source,
            })
        })?;
        let rows = export::read_sheet(&bytes, kind)?;
        let snapshot = self.board(plan_id, None)?.snapshot;
        Ok(export::plan_changes(&rows, &snapshot)?)
    }

    /// Imports the sheet's status, owner and due-date changes: all in one transaction, each
    /// change in the history as the importing user, or nothing when a row is refused.
    pub fn import_sheet(
        &self,
        plan_id: i64,
        path: &Path,
        kind: SheetKind,
    ) -> Result<ImportPlan, Error> {
        let plan = self.preview_import(plan_id, path, kind)?;
        if !plan.changes.is_empty() {
            self.store()?.update_items(plan_id, &plan.changes)?;
        }
        Ok(plan)
    }
}
