//! The checklist as a spreadsheet: one row per task (ID, phase, area, title, owner, status,
//! due, days left, blocking, waiver, evidence count, last change), as CSV or as an XLSX
//! workbook with a real table, a status drop-down and a summary sheet.
//!
//! CSV is written for Excel: UTF-8 with a byte-order mark, and a German variant with `;`
//! (Excel's separator where the comma is the decimal mark). Text that a spreadsheet would run
//! as a formula (`= + - @`, tab, CR first) is defused with a leading apostrophe; numbers are
//! written as they are.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{
    ConditionalFormatFormula, DataValidation, Format, FormatBorder, Table, TableColumn, Workbook,
    XlsxError,
};

use super::ExportError;
use crate::plan::{Readiness, Snapshot, Status};
use crate::store::{Event, PlanRecord};

/// One task as a spreadsheet row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub phase: String,
    pub area: String,
    pub title: String,
    pub owner: String,
    pub status: Status,
    pub due: NaiveDate,
    /// Days from today to the due date; negative when overdue.
    pub days_left: i64,
    pub blocking: bool,
    /// The waiver's reason and date, empty without one.
    pub waiver: String,
    pub evidence: usize,
    /// When the task last changed (RFC 3339 to the minute, UTC), empty if never.
    pub last_change: String,
    pub overdue: bool,
}

pub const HEADERS: [&str; 12] = [
    "ID",
    "Phase",
    "Area",
    "Title",
    "Owner",
    "Status",
    "Due",
    "Days left",
    "Blocking",
    "Waiver",
    "Evidence",
    "Last change",
];

/// The rows of a plan's tasks in template order; `history` gives each its last change.
pub fn rows(snapshot: &Snapshot, history: &[Event]) -> Vec<Row> {
    let mut last: HashMap<&str, &str> = HashMap::new();
    for e in history {
        if let Some(task) = e.task_id.as_deref() {
            last.insert(task, e.at.as_str());
        }
    }
    snapshot
        .items
        .iter()
        .map(|v| Row {
            id: v.task.id.clone(),
            phase: v.task.phase.label().to_string(),
            area: v.task.area.label().to_string(),
            title: v.task.title.clone(),
            owner: v.item.owner.clone().unwrap_or_default(),
            status: v.item.status,
            due: v.due,
            days_left: (v.due - snapshot.today).num_days(),
            blocking: v.task.blocking,
            waiver: v
                .item
                .waiver
                .as_ref()
                .map(|w| format!("{} (until {})", w.reason, w.until))
                .unwrap_or_default(),
            evidence: v.evidence_count,
            last_change: last
                .get(v.task.id.as_str())
                .map(|at| at.get(..16).unwrap_or(at).replace('T', " "))
                .unwrap_or_default(),
            overdue: v.overdue,
        })
        .collect()
}

/// Which CSV Excel opens without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvDialect {
    /// Comma-separated (Excel in English, every other tool).
    Comma,
    /// Semicolon-separated: Excel where the comma is the decimal mark (German and others).
    ExcelGerman,
}

/// Text a spreadsheet would take for a formula gets a leading apostrophe.
fn defused(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The rows as CSV (UTF-8 with BOM).
pub fn csv(rows: &[Row], dialect: CsvDialect) -> Result<Vec<u8>, ExportError> {
    let delimiter = match dialect {
        CsvDialect::Comma => b',',
        CsvDialect::ExcelGerman => b';',
    };
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer("\u{feff}".as_bytes().to_vec());
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    out.write_record(HEADERS).map_err(err)?;
    for r in rows {
        out.write_record([
            defused(&r.id),
            defused(&r.phase),
            defused(&r.area),
            defused(&r.title),
            defused(&r.owner),
            r.status.label().to_string(),
            r.due.to_string(),
            r.days_left.to_string(),
            yes_no(r.blocking).to_string(),
            defused(&r.waiver),
            r.evidence.to_string(),
            r.last_change.clone(),
        ])
        .map_err(err)?;
    }
    out.into_inner()
        .map_err(|e| ExportError::Csv(e.to_string()))
}

fn xlsx_error(e: XlsxError) -> ExportError {
    ExportError::Xlsx(e.to_string())
}

/// A workbook: the tasks as a filterable table with a frozen header, a status drop-down and
/// overdue rows in red, and a summary sheet with the verdict's counts per phase.
pub fn xlsx(
    plan: &PlanRecord,
    readiness: &Readiness,
    rows: &[Row],
) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let sheet = book.add_worksheet();
    sheet.set_name("Tasks").map_err(xlsx_error)?;
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| ExportError::Xlsx("too many tasks".into()))?;
        sheet.write_string(row, 0, &r.id).map_err(xlsx_error)?;
        sheet.write_string(row, 1, &r.phase).map_err(xlsx_error)?;
        sheet.write_string(row, 2, &r.area).map_err(xlsx_error)?;
        sheet.write_string(row, 3, &r.title).map_err(xlsx_error)?;
        sheet.write_string(row, 4, &r.owner).map_err(xlsx_error)?;
        sheet
            .write_string(row, 5, r.status.label())
            .map_err(xlsx_error)?;
        sheet
            .write_date_with_format(row, 6, r.due, &date)
            .map_err(xlsx_error)?;
        sheet
            .write_number(row, 7, r.days_left as f64)
            .map_err(xlsx_error)?;
        sheet
            .write_string(row, 8, yes_no(r.blocking))
            .map_err(xlsx_error)?;
        sheet.write_string(row, 9, &r.waiver).map_err(xlsx_error)?;
        sheet
            .write_number(row, 10, r.evidence as f64)
            .map_err(xlsx_error)?;
        sheet
            .write_string(row, 11, &r.last_change)
            .map_err(xlsx_error)?;
    }
    let last =
        u32::try_from(rows.len().max(1)).map_err(|_| ExportError::Xlsx("too many tasks".into()))?;
    let columns: Vec<TableColumn> = HEADERS
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    let table = Table::new().set_name("Tasks").set_columns(&columns);
    sheet
        .add_table(0, 0, last, 11, &table)
        .map_err(xlsx_error)?;
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    let labels: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
    let statuses = DataValidation::new()
        .allow_list_strings(&labels)
        .map_err(xlsx_error)?
        .set_error_title("Unknown status")
        .map_err(xlsx_error)?
        .set_error_message("Pick one of the statuses in the list.")
        .map_err(xlsx_error)?;
    sheet
        .add_data_validation(1, 5, last, 5, &statuses)
        .map_err(xlsx_error)?;
    // Overdue: past due and not closed, recomputed when the status is changed in Excel.
    let overdue = ConditionalFormatFormula::new()
        .set_rule(
            format!(
                "=AND($H2<0,$F2<>\"{}\",$F2<>\"{}\")",
                Status::Done.label(),
                Status::NotApplicable.label()
            )
            .as_str(),
        )
        .set_format(
            Format::new()
                .set_font_color("9C0006")
                .set_background_color("FFC7CE"),
        );
    sheet
        .add_conditional_format(1, 0, last, 11, &overdue)
        .map_err(xlsx_error)?;
    for (col, width) in [
        (0, 10),
        (1, 20),
        (2, 22),
        (3, 60),
        (4, 16),
        (5, 15),
        (6, 12),
        (7, 10),
        (8, 9),
        (9, 36),
        (10, 9),
        (11, 17),
    ] {
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
    }

    let summary = book.add_worksheet();
    summary.set_name("Summary").map_err(xlsx_error)?;
    let launch = plan.settings.launch;
    let facts = [
        ("Plan", plan.name.clone()),
        ("Client", plan.client.clone().unwrap_or_default()),
        (
            "Launch",
            format!("{} {}", launch.local_text(), launch.zone.name()),
        ),
        ("Verdict", readiness.verdict.label().to_string()),
        ("Days to launch", readiness.days_to_launch.to_string()),
    ];
    for (i, (k, v)) in facts.iter().enumerate() {
        let row = i as u32;
        summary
            .write_string_with_format(row, 0, *k, &bold)
            .map_err(xlsx_error)?;
        summary.write_string(row, 1, v).map_err(xlsx_error)?;
    }
    let top = facts.len() as u32 + 1;
    let head = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    for (col, h) in [
        "Phase",
        "Tasks",
        "Done",
        "Not applicable",
        "Open",
        "Waived",
        "Overdue",
        "Blocking open",
    ]
    .iter()
    .enumerate()
    {
        summary
            .write_string_with_format(top, col as u16, *h, &head)
            .map_err(xlsx_error)?;
    }
    let mut all = readiness
        .phases
        .iter()
        .map(|p| (p.phase.label(), p.counts))
        .collect::<Vec<_>>();
    all.push(("All tasks", readiness.counts));
    for (i, (label, c)) in all.iter().enumerate() {
        let row = top + 1 + i as u32;
        let format = if i + 1 == all.len() {
            &bold
        } else {
            &Format::new()
        };
        summary
            .write_string_with_format(row, 0, *label, format)
            .map_err(xlsx_error)?;
        for (col, n) in [
            c.total,
            c.done,
            c.not_applicable,
            c.open,
            c.waived,
            c.overdue,
            c.blocking_open,
        ]
        .iter()
        .enumerate()
        {
            summary
                .write_number_with_format(row, col as u16 + 1, *n as f64, format)
                .map_err(xlsx_error)?;
        }
    }
    summary.set_column_width(0, 20).map_err(xlsx_error)?;
    summary.set_column_width(1, 40).map_err(xlsx_error)?;
    book.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("\tcmd"), "'\tcmd");
        assert_eq!(defused("Plain text"), "Plain text");
    }
}
