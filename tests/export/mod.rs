//! Exports read back with independent parsers: the calendar with Python's `icalendar` (from
//! PyPI, `scripts/setup.sh pytools`), the CSV with the `csv` crate, the workbook with
//! `calamine` and its XML parts with Python's zipfile; imports from real CSV and XLSX files.

mod bundle;
mod import;
mod own_tasks;

use std::path::{Path, PathBuf};
use std::process::Command;

use golive::export::{CalendarOptions, CsvDialect};
use golive::ops::{SheetFormat, Workspace};
use golive::plan::{Launch, Status};
use golive::store::{DueChange, ItemChange};

use crate::common::{TestDb, day};

fn python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/py-tools/bin/python");
    assert!(
        venv.exists(),
        "{} is missing; run scripts/setup.sh pytools",
        venv.display()
    );
    venv
}

/// The calendar's events as Python's icalendar reads them: uid, start, end, sequence,
/// summary and the alarms' triggers, one JSON object per event.
fn read_calendar(path: &Path) -> Vec<serde_json::Value> {
    let script = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for e in cal.walk('VEVENT'):
    start, end = e.decoded('DTSTART'), e.decoded('DTEND')
    out.append({
        'uid': str(e['UID']),
        'start': start.isoformat(),
        'end': end.isoformat(),
        'timed': hasattr(start, 'hour'),
        'sequence': int(e['SEQUENCE']),
        'summary': str(e['SUMMARY']),
        'alarms': [str(a.decoded('TRIGGER')) for a in e.walk('VALARM')],
        'alarm_uids': [str(a['UID']) for a in e.walk('VALARM')],
        'attendees': [[str(a), str(a.params.get('CN'))] for a in
                      (lambda v: v if isinstance(v, list) else ([v] if v else []))(e.get('ATTENDEE'))],
    })
print(json.dumps({'name': str(cal.get('X-WR-CALNAME', cal.get('NAME'))), 'events': out}))
"#;
    let out = Command::new(python())
        .args(["-c", script])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["events"].as_array().unwrap().clone()
}

fn workspace() -> (TestDb, i64) {
    let mut db = TestDb::new();
    let plan = db.plan("Acme calendar", "2027-06-07 09:00");
    (db, plan.id)
}

#[test]
fn the_calendar_is_the_timeline_and_a_re_export_updates_it() {
    let (db, plan) = workspace();
    let dir = db.dir.path().to_path_buf();
    let ws = Workspace::new(db.store);
    let first = dir.join("first.ics");
    let events = ws
        .export_calendar(plan, &first, CalendarOptions { alarm_days: 2 })
        .unwrap();
    let board = ws.board(plan, None).unwrap();
    assert_eq!(events, board.snapshot.items.len() + 1);

    let read = read_calendar(&first);
    assert_eq!(read.len(), events);
    let gid = board.plan.gid.to_string();
    let launch = &read[0];
    assert_eq!(launch["uid"], format!("{gid}-launch@golive-planner"));
    assert_eq!(launch["timed"], true);
    // 09:00 in Berlin in June is 07:00 UTC.
    assert_eq!(launch["start"], "2027-06-07T07:00:00+00:00");
    for (event, view) in read[1..].iter().zip(&board.snapshot.items) {
        assert_eq!(
            event["uid"],
            format!("{gid}-{}@golive-planner", view.task.id)
        );
        assert_eq!(event["timed"], false, "{event}");
        assert_eq!(event["start"], view.due.to_string());
        assert_eq!(
            event["end"],
            view.due.succ_opt().unwrap().to_string(),
            "all day: DTEND is the next day"
        );
        assert!(
            event["summary"]
                .as_str()
                .unwrap()
                .starts_with(&view.task.id)
        );
        assert_eq!(event["alarms"][0], "-2 days, 0:00:00");
        assert_eq!(event["sequence"], 0);
    }

    // The launch moves a week, one task is pinned: same UIDs, higher SEQUENCE, new dates.
    let pinned = board.snapshot.items[3].task.id.clone();
    ws.change_task(
        plan,
        &pinned,
        &ItemChange {
            due: Some(DueChange::Pin(day("2027-04-01"))),
            status: Some(Status::Done),
            ..ItemChange::default()
        },
    )
    .unwrap();
    ws.reschedule(
        plan,
        Launch::parse("2027-06-14 09:00", "Europe/Berlin").unwrap(),
    )
    .unwrap();
    let second = dir.join("second.ics");
    ws.export_calendar(plan, &second, CalendarOptions { alarm_days: 2 })
        .unwrap();
    let again = read_calendar(&second);
    let board = ws.board(plan, None).unwrap();
    assert_eq!(again.len(), read.len());
    assert_eq!(again[0]["start"], "2027-06-14T07:00:00+00:00");
    assert_eq!(again[0]["sequence"], 1);
    for ((before, after), view) in read[1..].iter().zip(&again[1..]).zip(&board.snapshot.items) {
        assert_eq!(before["uid"], after["uid"]);
        assert_eq!(after["start"], view.due.to_string());
        if view.task.id == pinned {
            assert_eq!(after["start"], "2027-04-01");
            assert_eq!(after["sequence"], 2, "a reschedule and a pin");
            assert!(
                after["alarms"].as_array().unwrap().is_empty(),
                "a done task needs no reminder"
            );
        } else {
            assert_eq!(after["sequence"], 1);
            assert_eq!(before["alarm_uids"], after["alarm_uids"]);
        }
    }
}

#[test]
fn csv_for_excel_defuses_formulas_and_keeps_numbers() {
    let (mut db, plan) = workspace();
    db.store
        .update_item(
            plan,
            "GEN-01",
            &ItemChange {
                owner: Some(Some("=HYPERLINK(\"http://evil\")".into())),
                ..ItemChange::default()
            },
        )
        .unwrap();
    let dir = db.dir.path().to_path_buf();
    let ws = Workspace::new(db.store);
    for (dialect, separator) in [(CsvDialect::Comma, b','), (CsvDialect::ExcelGerman, b';')] {
        let out = dir.join("tasks.csv");
        let rows = ws
            .export_sheet(plan, &out, SheetFormat::Csv(dialect))
            .unwrap();
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .from_reader(&bytes[3..]);
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header[0], "ID");
        assert_eq!(header[7], "Days left");
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), rows);
        let gen01 = records.iter().find(|r| &r[0] == "GEN-01").unwrap();
        assert_eq!(&gen01[4], "'=HYPERLINK(\"http://evil\")");
        assert_eq!(&gen01[5], "To do");
        assert!(
            gen01[7].parse::<i64>().is_ok(),
            "days left stays a number: {}",
            &gen01[7]
        );
    }
}

#[test]
fn the_workbook_has_a_table_a_status_list_and_the_verdicts_counts() {
    use calamine::{Data, Reader, Xlsx, open_workbook};

    let (mut db, plan) = workspace();
    db.store
        .update_item(
            plan,
            "GEN-01",
            &ItemChange {
                status: Some(Status::Done),
                ..ItemChange::default()
            },
        )
        .unwrap();
    let dir = db.dir.path().to_path_buf();
    let ws = Workspace::new(db.store);
    let out = dir.join("tasks.xlsx");
    let rows = ws.export_sheet(plan, &out, SheetFormat::Xlsx).unwrap();

    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["Tasks", "Summary"]);
    let tasks = book.worksheet_range("Tasks").unwrap();
    assert_eq!(tasks.height(), rows + 1);
    assert_eq!(tasks.get((0, 0)), Some(&Data::String("ID".into())));
    let gen01 = (1..tasks.height())
        .find(|r| tasks.get((*r, 0)) == Some(&Data::String("GEN-01".into())))
        .unwrap();
    assert_eq!(tasks.get((gen01, 5)), Some(&Data::String("Done".into())));
    assert!(
        matches!(tasks.get((gen01, 6)), Some(Data::DateTime(_))),
        "{:?}",
        tasks.get((gen01, 6))
    );
    book.load_tables().unwrap();
    assert_eq!(book.table_names(), ["Tasks"]);

    let summary = book.worksheet_range("Summary").unwrap();
    let board = ws.board(plan, None).unwrap();
    let all = (0..summary.height())
        .find(|r| summary.get((*r, 0)) == Some(&Data::String("All tasks".into())))
        .unwrap();
    assert_eq!(
        summary.get((all, 1)),
        Some(&Data::Float(board.readiness.counts.total as f64))
    );
    assert_eq!(summary.get((all, 2)), Some(&Data::Float(1.0)));

    // The parts calamine does not read: the frozen header, the list and the red overdue rule.
    let script = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
                  print(z.read('xl/worksheets/sheet1.xml').decode())";
    let xml = Command::new(python())
        .args(["-c", script])
        .arg(&out)
        .output()
        .unwrap();
    let xml = String::from_utf8_lossy(&xml.stdout);
    assert!(xml.contains(r#"<pane ySplit="1""#), "frozen header");
    assert!(
        xml.contains(r#"<dataValidation type="list""#),
        "status drop-down"
    );
    assert!(
        xml.contains("To do,In progress,Done,Blocked,Not applicable"),
        "{xml}"
    );
    assert!(xml.contains("<conditionalFormatting"), "overdue in red");
}

#[test]
fn a_task_owned_by_one_of_the_plans_people_invites_them_in_the_calendar() {
    let (mut db, plan) = workspace();
    db.store
        .add_person(plan, "Dana", Some("Ops lead"), Some("dana@acme.example"))
        .unwrap();
    db.store.add_person(plan, "Lee", None, None).unwrap();
    let owner = |name: &str| ItemChange {
        owner: Some(Some(name.to_string())),
        ..ItemChange::default()
    };
    // Owners match people without case; a person without e-mail is invited nowhere.
    db.store
        .update_item(plan, "CLO-12", &owner("dana"))
        .unwrap();
    db.store.update_item(plan, "CLO-13", &owner("Lee")).unwrap();
    let dir = db.dir.path().to_path_buf();
    let ws = Workspace::new(db.store);
    let out = dir.join("people.ics");
    ws.export_calendar(plan, &out, CalendarOptions { alarm_days: 1 })
        .unwrap();
    let read = read_calendar(&out);
    let of = |task: &str| {
        read.iter()
            .find(|e| e["summary"].as_str().unwrap().starts_with(task))
            .unwrap()["attendees"]
            .clone()
    };
    assert_eq!(
        of("CLO-12"),
        serde_json::json!([["mailto:dana@acme.example", "Dana"]])
    );
    assert_eq!(of("CLO-13"), serde_json::json!([]));
    assert_eq!(of("GEN-01"), serde_json::json!([]));
}
