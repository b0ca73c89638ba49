//! The export and import commands on a real database and real files: a calendar and the
//! spreadsheets written where the save dialog said, an import previewed (nothing changes),
//! applied (one change per field in the history), refused whole with every problem named,
//! and the arguments as the UI sends them.

use std::path::Path;

use golive::error::ErrorKind;
use golive::plan::Status;
use golive_desktop::commands::{export, plans, timeline};
use golive_desktop::dto::{SheetFormatDto, TaskDto};
use serde_json::json;

use crate::support::{Fixture, block, fixture, invoke, kind, window};

fn tasks(f: &Fixture, id: i64) -> Vec<TaskDto> {
    block(plans::plan_board(f.ws(), id)).unwrap().tasks
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_calendar_has_every_task_and_the_launch() {
    let f = fixture();
    let id = f.plan("Calendar");
    let n = tasks(&f, id).len();

    let ics = f.dir.path().join("plan.ics");
    let steps = f.ws().runbook(id, None).unwrap().steps.len();
    let events = block(export::export_calendar(f.ws(), id, ics.clone(), None)).unwrap();
    assert_eq!(
        events,
        n + 1 + steps,
        "every task, the launch and the runbook's steps"
    );
    let text = read(&ics);
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{}", &text[..80]);
    assert!(text.trim_end().ends_with("END:VCALENDAR"));
    assert_eq!(text.matches("BEGIN:VEVENT").count(), n + 1 + steps);
    // The library's default: a reminder the day before, for the launch and each open task.
    assert_eq!(text.matches("BEGIN:VALARM").count(), n + 1);
    assert!(text.contains("TRIGGER;RELATED=START:-PT86400S"), "{text}");

    let quiet = f.dir.path().join("quiet.ics");
    block(export::export_calendar(f.ws(), id, quiet.clone(), Some(0))).unwrap();
    assert!(
        !read(&quiet).contains("BEGIN:VALARM"),
        "0 days: no reminders"
    );

    // The UI's way in: camelCase arguments through the IPC.
    let w = window(&f.app);
    let week = f.dir.path().join("week.ics");
    let answer = invoke(
        &w,
        "export_calendar",
        json!({ "planId": id, "path": week, "alarmDays": 7 }),
    )
    .unwrap();
    assert_eq!(answer, json!(n + 1 + steps));
    assert!(read(&week).contains("TRIGGER;RELATED=START:-PT604800S"));

    assert_eq!(
        kind(block(export::export_calendar(
            f.ws(),
            4242,
            f.dir.path().join("none.ics"),
            None
        ))),
        ErrorKind::PlanNotFound
    );
}

#[test]
fn the_checklist_is_written_as_csv_and_xlsx() {
    let f = fixture();
    let id = f.plan("Sheets");
    let list = tasks(&f, id);

    let csv = f.dir.path().join("plan.csv");
    let rows = block(export::export_sheet(
        f.ws(),
        id,
        csv.clone(),
        SheetFormatDto::Csv,
    ))
    .unwrap();
    assert_eq!(rows, list.len());
    let text = read(&csv);
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some("ID,Phase,Area,Title,Owner,Status,Due,Days left,Blocking,Waiver,Evidence,Last change")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with(&format!("{},", list[0].id))
    );
    assert_eq!(body.lines().count(), rows + 1);

    let german = f.dir.path().join("plan-de.csv");
    block(export::export_sheet(
        f.ws(),
        id,
        german.clone(),
        SheetFormatDto::CsvExcelGerman,
    ))
    .unwrap();
    assert!(read(&german).starts_with("\u{feff}ID;Phase;Area;Title;"));

    let xlsx = f.dir.path().join("plan.xlsx");
    let w = window(&f.app);
    let answer = invoke(
        &w,
        "export_sheet",
        json!({ "planId": id, "path": xlsx, "format": "xlsx" }),
    )
    .unwrap();
    assert_eq!(answer, json!(list.len()));
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "a zip, as every XLSX"
    );

    let wrong = invoke(
        &w,
        "export_sheet",
        json!({ "planId": id, "path": xlsx, "format": "ods" }),
    )
    .unwrap_err();
    assert!(wrong.to_string().contains("unknown variant"), "{wrong}");
}

#[test]
fn an_import_is_previewed_then_applied_in_the_history() {
    let f = fixture();
    let id = f.plan("Imported");
    let list = tasks(&f, id);
    let (first, second) = (&list[0], &list[1]);
    let sheet = f.dir.path().join("changes.csv");
    std::fs::write(
        &sheet,
        format!(
            "ID,Status,Owner,Due\n{},Done,Dana,\n{},{},,{}\n{},To do,,\n",
            first.id, second.id, "In progress", "2031-01-05", list[2].id
        ),
    )
    .unwrap();

    let preview = block(export::preview_import(f.ws(), id, sheet.clone())).unwrap();
    assert_eq!(preview.rows, 3);
    assert_eq!(preview.tasks, 2, "the third row changes nothing");
    let fields: Vec<_> = preview
        .fields
        .iter()
        .map(|c| {
            (
                c.task_id.as_str(),
                c.field.as_str(),
                c.old.as_str(),
                c.new.as_str(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            (first.id.as_str(), "status", "To do", "Done"),
            (first.id.as_str(), "owner", "", "Dana"),
            (second.id.as_str(), "status", "To do", "In progress"),
            (
                second.id.as_str(),
                "due",
                second.due.to_string().as_str(),
                "2031-01-05 (pinned)"
            ),
        ]
    );
    assert_eq!(tasks(&f, id), list, "a preview changes nothing");

    let w = window(&f.app);
    let applied = invoke(
        &w,
        "import_sheet",
        json!({ "planId": id, "path": sheet.clone() }),
    )
    .unwrap();
    assert_eq!(applied["tasks"], 2);
    assert_eq!(applied["fields"].as_array().unwrap().len(), 4);
    let now = tasks(&f, id);
    assert_eq!(now[0].status, Status::Done);
    assert_eq!(now[0].owner.as_deref(), Some("Dana"));
    assert_eq!(now[1].status, Status::InProgress);
    assert!(now[1].pinned);
    assert_eq!(now[1].due.to_string(), "2031-01-05");
    let history = block(timeline::history(f.ws(), id, Some(first.id.clone()))).unwrap();
    assert!(
        history.iter().any(|e| e.sentence == "Status: To do → Done"),
        "{history:?}"
    );

    // The same sheet again: everything is as it says.
    let again = block(export::preview_import(f.ws(), id, sheet)).unwrap();
    assert!(again.fields.is_empty() && again.tasks == 0, "{again:?}");
    assert_eq!(again.rows, 3);
}

#[test]
fn an_exported_sheet_comes_back_with_the_change_made_in_it() {
    let f = fixture();
    let id = f.plan("Round trip");
    let list = tasks(&f, id);
    let csv = f.dir.path().join("round.csv");
    block(export::export_sheet(
        f.ws(),
        id,
        csv.clone(),
        SheetFormatDto::CsvExcelGerman,
    ))
    .unwrap();
    let edited = read(&csv).replacen(";To do;", ";Blocked;", 1);
    std::fs::write(&csv, edited).unwrap();

    let preview = block(export::preview_import(f.ws(), id, csv.clone())).unwrap();
    assert_eq!(preview.rows, list.len());
    assert_eq!(preview.tasks, 1, "{preview:?}");
    assert_eq!(preview.fields[0].task_id, list[0].id);
    assert_eq!(preview.fields[0].new, "Blocked");
    block(export::import_sheet(f.ws(), id, csv)).unwrap();
    assert_eq!(tasks(&f, id)[0].status, Status::Blocked);
}

#[test]
fn a_sheet_with_problems_is_refused_whole_and_names_each() {
    let f = fixture();
    let id = f.plan("Refused");
    let list = tasks(&f, id);
    let sheet = f.dir.path().join("bad.csv");
    std::fs::write(
        &sheet,
        format!(
            "ID,Status,Due\n{},Done,\nNOPE-9,Done,\n{},finished,01.03.2031\n",
            list[0].id, list[1].id
        ),
    )
    .unwrap();

    for result in [
        block(export::preview_import(f.ws(), id, sheet.clone())),
        block(export::import_sheet(f.ws(), id, sheet.clone())),
    ] {
        let e = result.unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidImport, "{e:?}");
        let problems: Vec<&str> = e.message.lines().skip(1).map(str::trim).collect();
        assert_eq!(problems.len(), 3, "{}", e.message);
        assert!(
            problems[0].starts_with("line 3, column ID: "),
            "{problems:?}"
        );
        assert!(problems[1].starts_with("line 4, column Status: "));
        assert!(problems[2].starts_with("line 4, column Due: "));
    }
    assert_eq!(tasks(&f, id), list, "not even the good row was applied");

    let ods = f.dir.path().join("plan.ods");
    std::fs::write(&ods, "ID,Status\n").unwrap();
    assert_eq!(
        kind(block(export::preview_import(f.ws(), id, ods))),
        ErrorKind::InvalidImport,
        "neither .csv nor .xlsx"
    );
    let not_xlsx = f.dir.path().join("plan.xlsx");
    std::fs::write(&not_xlsx, "ID,Status\n").unwrap();
    assert_eq!(
        kind(block(export::preview_import(f.ws(), id, not_xlsx))),
        ErrorKind::InvalidImport
    );
    assert_eq!(
        kind(block(export::preview_import(
            f.ws(),
            id,
            f.dir.path().join("gone.csv")
        ))),
        ErrorKind::Io
    );
}
