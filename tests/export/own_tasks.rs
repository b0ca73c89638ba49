//! A plan's own tasks in its exports, read back with real parsers: the calendar (Python's
//! icalendar), the CSV (the `csv` crate) and the workbook (calamine), and a sheet import
//! that changes an own task's status.

use calamine::{Reader, Xlsx, open_workbook};
use golive::catalog::{Area, Phase};
use golive::export::{CalendarOptions, CsvDialect, SheetKind};
use golive::ops::{SheetFormat, Workspace};
use golive::plan::{OwnDue, OwnTask};

use super::{read_calendar, workspace};

#[test]
fn own_tasks_are_in_the_calendar_and_the_sheets() {
    let (db, plan) = workspace();
    let dir = db.dir.path().to_path_buf();
    let ws = Workspace::new(db.store);
    let added = ws
        .add_own_task(
            plan,
            OwnTask {
                due: OwnDue::Offset(-12),
                ..OwnTask::new("Freeze the ERP export", Phase::TwoWeeks, Area::Dat)
            },
        )
        .unwrap();

    let ics = dir.join("plan.ics");
    ws.export_calendar(plan, &ics, CalendarOptions { alarm_days: 1 })
        .unwrap();
    let events = read_calendar(&ics);
    let own = events
        .iter()
        .find(|e| e["summary"].as_str().unwrap().starts_with("X-01"))
        .expect("the own task is an event");
    assert_eq!(own["start"], added.due.to_string());
    assert!(
        own["summary"]
            .as_str()
            .unwrap()
            .contains("Freeze the ERP export")
    );

    let csv_path = dir.join("plan.csv");
    ws.export_sheet(plan, &csv_path, SheetFormat::Csv(CsvDialect::Comma))
        .unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "X-01")
        .expect("the own task is a row");
    assert!(row.iter().any(|c| c == "Freeze the ERP export"));

    let xlsx = dir.join("plan.xlsx");
    ws.export_sheet(plan, &xlsx, SheetFormat::Xlsx).unwrap();
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    assert!(
        range
            .rows()
            .any(|r| r.first().is_some_and(|c| *c == "X-01")),
        "the own task is a row of the workbook"
    );

    // The same sheet, edited, brings a status change back to the own task.
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let edited: String = text
        .lines()
        .map(|l| {
            if l.starts_with("X-01,") {
                l.replacen(",To do,", ",Done,", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let back = dir.join("back.csv");
    std::fs::write(&back, format!("\u{feff}{edited}\n")).unwrap();
    let preview = ws.preview_import(plan, &back, SheetKind::Csv).unwrap();
    assert!(
        preview.changes.iter().any(|(id, _)| id == "X-01"),
        "{:?}",
        preview.changes
    );
}
