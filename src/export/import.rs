//! Reading status, owner and due-date changes back from a spreadsheet (CSV or XLSX), the
//! same columns the export writes.
//!
//! Nothing here writes: [`read_sheet`] turns the file into rows (or every problem, each with
//! its line and column), and [`plan_changes`] compares them with the plan and answers what
//! would change, old → new. [`crate::ops`] shows that preview and applies it in one
//! transaction. Columns are found by their header, so a sheet may drop or reorder columns;
//! `ID` and at least one of `Status`, `Owner`, `Due` are needed.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use crate::plan::{ItemView, Snapshot, Status};
use crate::store::{DueChange, ItemChange};

/// One problem of an import, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// 1-based line of the file (the header is line 1); 0 for the file as a whole.
    pub line: usize,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, &self.column) {
            (0, _) => f.write_str(&self.message),
            (line, Some(column)) => write!(f, "line {line}, column {column}: {}", self.message),
            (line, None) => write!(f, "line {line}: {}", self.message),
        }
    }
}

/// Why an import cannot be made: every problem found, not just the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the sheet cannot be imported, nothing was changed:\n{}", .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
pub struct ImportError(pub Vec<ImportProblem>);

/// What kind of file the sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Csv,
    Xlsx,
}

impl SheetKind {
    /// The kind of sheet at `path`, by its extension.
    pub fn of_path(path: &std::path::Path) -> Result<SheetKind, ImportError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if ext.eq_ignore_ascii_case("csv") {
            Ok(SheetKind::Csv)
        } else if ext.eq_ignore_ascii_case("xlsx") {
            Ok(SheetKind::Xlsx)
        } else {
            Err(ImportError(vec![problem(
                0,
                None,
                format!(
                    "{} is neither a .csv nor an .xlsx file; export the checklist as one, change \
                     it and import that",
                    path.display()
                ),
            )]))
        }
    }
}

/// A cell as read: text, or a date an XLSX stored as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
}

/// One row of the sheet: its line and the cells of the columns the import reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: usize,
    pub id: String,
    pub status: Option<Cell>,
    pub owner: Option<Cell>,
    pub due: Option<Cell>,
}

/// One field that an import changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub task_id: String,
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// What an import would do: the changes per task, and each field change for the preview.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    pub changes: Vec<(String, ItemChange)>,
    pub fields: Vec<FieldChange>,
    /// Rows read, changed or not.
    pub rows: usize,
}

fn problem(line: usize, column: Option<&str>, message: impl Into<String>) -> ImportProblem {
    ImportProblem {
        line,
        column: column.map(str::to_string),
        message: message.into(),
    }
}

/// The grid of cells of the file, first row the header.
fn grid(bytes: &[u8], kind: SheetKind) -> Result<Vec<Vec<Cell>>, ImportError> {
    match kind {
        SheetKind::Csv => {
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    let line = bytes[..e.valid_up_to()]
                        .iter()
                        .filter(|b| **b == b'\n')
                        .count()
                        + 1;
                    return Err(ImportError(vec![problem(
                        line,
                        None,
                        "the file is not UTF-8 text; save it as \"CSV UTF-8\"",
                    )]));
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let header = text.lines().next().unwrap_or_default();
            let delimiter = if header.matches(';').count() > header.matches(',').count() {
                b';'
            } else {
                b','
            };
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for (i, record) in reader.records().enumerate() {
                let record = record.map_err(|e| {
                    ImportError(vec![problem(i + 1, None, format!("unreadable CSV: {e}"))])
                })?;
                rows.push(record.iter().map(|c| Cell::Text(c.to_string())).collect());
            }
            Ok(rows)
        }
        SheetKind::Xlsx => {
            let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
                ImportError(vec![problem(
                    0,
                    None,
                    format!("not a readable XLSX workbook: {e}"),
                )])
            })?;
            let name = match book.sheet_names().first() {
                Some(name) => name.clone(),
                None => {
                    return Err(ImportError(vec![problem(
                        0,
                        None,
                        "the workbook has no sheet",
                    )]));
                }
            };
            let range = book.worksheet_range(&name).map_err(|e| {
                ImportError(vec![problem(
                    0,
                    None,
                    format!("cannot read sheet {name:?}: {e}"),
                )])
            })?;
            Ok(range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|c| match c {
                            Data::DateTime(d) => d
                                .as_datetime()
                                .map(|t| Cell::Date(t.date()))
                                .unwrap_or_else(|| Cell::Text(c.to_string())),
                            Data::Empty => Cell::Text(String::new()),
                            other => Cell::Text(other.to_string()),
                        })
                        .collect()
                })
                .collect())
        }
    }
}

fn text(cell: Option<&Cell>) -> String {
    match cell {
        Some(Cell::Text(t)) => t.trim().to_string(),
        Some(Cell::Date(d)) => d.to_string(),
        None => String::new(),
    }
}

/// Reads the rows of a sheet; problems of the file or its header come back all at once.
pub fn read_sheet(bytes: &[u8], kind: SheetKind) -> Result<Vec<SheetRow>, ImportError> {
    let grid = grid(bytes, kind)?;
    let Some((header, body)) = grid.split_first() else {
        return Err(ImportError(vec![problem(
            0,
            None,
            "the sheet is empty; export one first",
        )]));
    };
    let find = |name: &str| {
        header
            .iter()
            .position(|c| text(Some(c)).eq_ignore_ascii_case(name))
    };
    let Some(id) = find("ID") else {
        return Err(ImportError(vec![problem(
            1,
            None,
            "no ID column; the header needs ID and at least one of Status, Owner, Due",
        )]));
    };
    let (status, owner, due) = (find("Status"), find("Owner"), find("Due"));
    if status.is_none() && owner.is_none() && due.is_none() {
        return Err(ImportError(vec![problem(
            1,
            None,
            "nothing to import: the header needs at least one of Status, Owner, Due",
        )]));
    }
    Ok(body
        .iter()
        .enumerate()
        .map(|(i, row)| SheetRow {
            line: i + 2,
            id: text(row.get(id)),
            status: status.map(|c| row.get(c).cloned().unwrap_or(Cell::Text(String::new()))),
            owner: owner.map(|c| row.get(c).cloned().unwrap_or(Cell::Text(String::new()))),
            due: due.map(|c| row.get(c).cloned().unwrap_or(Cell::Text(String::new()))),
        })
        .filter(|r| {
            !(r.id.is_empty()
                && text(r.status.as_ref()).is_empty()
                && text(r.owner.as_ref()).is_empty()
                && text(r.due.as_ref()).is_empty())
        })
        .collect())
}

/// A status as a sheet writes it: its label ("In progress") or its key ("in-progress").
fn status_of(text: &str) -> Option<Status> {
    Status::ALL
        .into_iter()
        .find(|s| s.label().eq_ignore_ascii_case(text))
        .or_else(|| text.parse().ok())
}

fn date_of(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("{t:?} is not a date; write YYYY-MM-DD, e.g. 2027-03-01")),
    }
}

/// Compares the rows with the plan: what changes, or every problem with its line and column.
pub fn plan_changes(rows: &[SheetRow], snapshot: &Snapshot) -> Result<ImportPlan, ImportError> {
    let by_id: HashMap<&str, &ItemView> = snapshot
        .items
        .iter()
        .map(|v| (v.task.id.as_str(), v))
        .collect();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut out = ImportPlan {
        rows: rows.len(),
        ..ImportPlan::default()
    };
    for row in rows {
        let Some(view) = by_id.get(row.id.as_str()) else {
            let message = if row.id.is_empty() {
                "the task ID is empty".to_string()
            } else {
                format!("{:?} is not a task of this plan", row.id)
            };
            problems.push(problem(row.line, Some("ID"), message));
            continue;
        };
        if !seen.insert(row.id.as_str()) {
            problems.push(problem(
                row.line,
                Some("ID"),
                format!("{} appears twice", row.id),
            ));
            continue;
        }
        let mut change = ItemChange::default();
        let mut fields = Vec::new();
        if let Some(cell) = &row.status {
            let wanted = text(Some(cell));
            match status_of(&wanted) {
                Some(status) if status != view.item.status => {
                    fields.push((
                        "status",
                        view.item.status.label().to_string(),
                        status.label().to_string(),
                    ));
                    change.status = Some(status);
                }
                Some(_) => {}
                None => problems.push(problem(
                    row.line,
                    Some("Status"),
                    format!(
                        "unknown status {wanted:?}; use {}",
                        Status::ALL
                            .iter()
                            .map(|s| s.label())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            }
        }
        if let Some(cell) = &row.owner {
            let wanted = text(Some(cell));
            let current = view.item.owner.clone().unwrap_or_default();
            if wanted != current {
                fields.push(("owner", current, wanted.clone()));
                change.owner = Some(Some(wanted).filter(|o| !o.is_empty()));
            }
        }
        if let Some(cell) = &row.due {
            match date_of(cell) {
                Ok(Some(date)) if date != view.due => {
                    fields.push(("due", view.due.to_string(), format!("{date} (pinned)")));
                    change.due = Some(DueChange::Pin(date));
                }
                Ok(_) => {}
                Err(message) => problems.push(problem(row.line, Some("Due"), message)),
            }
        }
        if !change.is_empty() {
            out.fields
                .extend(fields.into_iter().map(|(field, old, new)| FieldChange {
                    task_id: row.id.clone(),
                    field,
                    old,
                    new,
                }));
            out.changes.push((row.id.clone(), change));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(ImportError(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn labels_and_keys_both_read_as_statuses() {
        assert_eq!(status_of("In progress"), Some(Status::InProgress));
        assert_eq!(status_of("n/a"), Some(Status::NotApplicable));
        assert_eq!(status_of("finished"), None);
    }

    #[test]
    fn a_semicolon_sheet_with_a_bom_reads() {
        let rows = read_sheet(
            "\u{feff}ID;Status\nGEN-01;Done\n".as_bytes(),
            SheetKind::Csv,
        )
        .unwrap();
        assert_eq!(rows[0].id, "GEN-01");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].status, Some(Cell::Text("Done".into())));
    }

    proptest! {
        /// Whatever bytes arrive, the readers answer rows or problems; they never panic.
        #[test]
        fn any_bytes_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_sheet(&bytes, SheetKind::Csv);
            let _ = read_sheet(&bytes, SheetKind::Xlsx);
        }

        #[test]
        fn mutated_sheets_read_without_panic(cut in 0usize..60, flip in 0usize..60, byte in any::<u8>()) {
            let mut sheet = b"ID,Status,Owner,Due\nGEN-01,Done,Dana,2027-03-01\nGEN-02,\"To do\",,\n".to_vec();
            if flip < sheet.len() { sheet[flip] = byte; }
            sheet.truncate(sheet.len().saturating_sub(cut));
            let _ = read_sheet(&sheet, SheetKind::Csv);
        }
    }
}
