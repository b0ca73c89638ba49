//! Importing status, owner and due-date changes from real CSV and XLSX files: a preview,
//! then all or nothing; every bad sheet refused with line and column and the database
//! byte for byte as it was.

use golive::error::ErrorKind;
use golive::export::SheetKind;
use golive::ops::Workspace;
use golive::plan::Status;
use golive::store::EventKind;
use rust_xlsxwriter::Workbook;

use crate::common::{TestDb, dump};

fn setup() -> (tempfile::TempDir, Workspace, i64, std::path::PathBuf) {
    let mut db = TestDb::new();
    db.store.set_user_name("Importing Ines").unwrap();
    let plan = db.plan("Import", "2027-06-07 09:00").id;
    let path = db.path();
    let TestDb { dir, store } = db;
    (dir, Workspace::new(store), plan, path)
}

fn workbook(rows: &[[&str; 4]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn an_edited_export_comes_back_as_changes_by_the_importing_user() {
    let (dir, ws, plan, _) = setup();
    let dir = dir.path();
    let sheet = dir.join("tasks.xlsx");
    std::fs::write(
        &sheet,
        workbook(&[
            ["ID", "Status", "Owner", "Due"],
            ["GEN-01", "Done", "Dana", ""],
            ["CLO-06", "in-progress", "", "2027-05-03"],
            ["GEN-02", "To do", "", ""],
        ]),
    )
    .unwrap();
    let preview = ws.preview_import(plan, &sheet, SheetKind::Xlsx).unwrap();
    assert_eq!(preview.rows, 3);
    assert_eq!(preview.changes.len(), 2, "GEN-02 is unchanged: {preview:?}");
    let fields: Vec<(&str, &str, &str)> = preview
        .fields
        .iter()
        .map(|f| (f.task_id.as_str(), f.field, f.new.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("GEN-01", "status", "Done"),
            ("GEN-01", "owner", "Dana"),
            ("CLO-06", "status", "In progress"),
            ("CLO-06", "due", "2027-05-03 (pinned)"),
        ]
    );
    assert_eq!(
        ws.board(plan, None).unwrap().readiness.counts.done,
        0,
        "a preview writes nothing"
    );

    ws.import_sheet(plan, &sheet, SheetKind::Xlsx).unwrap();
    let board = ws.board(plan, None).unwrap();
    let gen01 = board.snapshot.item("GEN-01").unwrap();
    assert_eq!(gen01.item.status, Status::Done);
    assert_eq!(gen01.item.owner.as_deref(), Some("Dana"));
    let clo06 = board.snapshot.item("CLO-06").unwrap();
    assert_eq!(clo06.due.to_string(), "2027-05-03");
    assert!(clo06.pinned);
    let changes: Vec<_> = ws
        .history(plan, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::Updated)
        .collect();
    assert_eq!(changes.len(), 4);
    assert!(changes.iter().all(|e| e.who == "Importing Ines"));
    // One transaction: one moment for all of them.
    assert!(changes.iter().all(|e| e.at == changes[0].at));

    // The CLI's own CSV round trip: exported, edited, imported.
    let csv = dir.join("tasks.csv");
    ws.export_sheet(
        plan,
        &csv,
        golive::ops::SheetFormat::Csv(golive::export::CsvDialect::ExcelGerman),
    )
    .unwrap();
    let text = std::fs::read_to_string(&csv)
        .unwrap()
        .replace(";Dana;Done;", ";Dana;Blocked;");
    std::fs::write(&csv, text).unwrap();
    let imported = ws.import_sheet(plan, &csv, SheetKind::Csv).unwrap();
    assert_eq!(imported.fields.len(), 1, "{:?}", imported.fields);
    let board = ws.board(plan, None).unwrap();
    assert_eq!(
        board.snapshot.item("GEN-01").unwrap().item.status,
        Status::Blocked
    );
}

#[test]
fn every_bad_sheet_is_refused_where_it_is_wrong_and_changes_nothing() {
    let (dir, ws, plan, path) = setup();
    let dir = dir.path();
    let cases: Vec<(&str, Vec<u8>, SheetKind, &str)> = vec![
        (
            "latin1.csv",
            b"ID,Owner\nGEN-01,J\xfcrgen\n".to_vec(),
            SheetKind::Csv,
            "line 2: the file is not UTF-8",
        ),
        (
            "no-id.csv",
            b"Task,Status\nGEN-01,Done\n".to_vec(),
            SheetKind::Csv,
            "line 1: no ID column",
        ),
        (
            "no-fields.csv",
            b"ID,Title\nGEN-01,x\n".to_vec(),
            SheetKind::Csv,
            "nothing to import",
        ),
        (
            "unknown-task.csv",
            b"ID,Status\nGEN-01,Done\nNOPE-1,Done\n".to_vec(),
            SheetKind::Csv,
            "line 3, column ID: \"NOPE-1\" is not a task",
        ),
        (
            "status.csv",
            b"ID,Status\nGEN-01,Finished\n".to_vec(),
            SheetKind::Csv,
            "line 2, column Status: unknown status \"Finished\"",
        ),
        (
            "date.csv",
            b"ID,Due\nGEN-01,01.03.2027\n".to_vec(),
            SheetKind::Csv,
            "line 2, column Due: \"01.03.2027\" is not a date",
        ),
        (
            "twice.csv",
            b"ID,Status\nGEN-01,Done\nGEN-01,Done\n".to_vec(),
            SheetKind::Csv,
            "line 3, column ID: GEN-01 appears twice",
        ),
        (
            "empty.csv",
            Vec::new(),
            SheetKind::Csv,
            "the sheet is empty",
        ),
        (
            "not.xlsx",
            b"ID,Status\nGEN-01,Done\n".to_vec(),
            SheetKind::Xlsx,
            "not a readable XLSX workbook",
        ),
        (
            "half.xlsx",
            {
                let full =
                    workbook(&[["ID", "Status", "Owner", "Due"], ["GEN-01", "Done", "", ""]]);
                full[..full.len() / 2].to_vec()
            },
            SheetKind::Xlsx,
            "not a readable XLSX workbook",
        ),
        (
            "status.xlsx",
            workbook(&[
                ["ID", "Status", "Owner", "Due"],
                ["GEN-01", "Done", "", ""],
                ["GEN-02", "Later", "", ""],
            ]),
            SheetKind::Xlsx,
            "line 3, column Status: unknown status \"Later\"",
        ),
    ];
    let before = dump(&path);
    for (name, bytes, kind, expected) in cases {
        let file = dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        let err = ws.import_sheet(plan, &file, kind).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidImport, "{name}: {err}");
        assert!(err.to_string().contains(expected), "{name}: {err}");
        assert!(
            err.to_string().contains("nothing was changed"),
            "{name}: {err}"
        );
        assert_eq!(dump(&path), before, "{name} changed the database");
    }
}
