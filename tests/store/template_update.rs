//! A running plan takes a new version of its checklist: nothing of the user's work is lost,
//! and a bad or foreign template changes nothing.

use golive::catalog::{BUILTIN_TEMPLATE_TOML, Template};
use golive::error::ErrorKind;
use golive::ops::Workspace;
use golive::plan::{ReasonKind, Status};
use golive::store::{EventKind, ItemChange, NewEvidence};

use crate::common::{TestDb, dump};

/// The built-in template as version 2: GEN-02 dropped, CLO-06 renamed CLO-06B, GEN-01's
/// evidence criterion changed, GEN-50 new.
fn version_two() -> String {
    let mut blocks: Vec<String> = BUILTIN_TEMPLATE_TOML
        .split("\n[[task]]")
        .map(str::to_string)
        .collect();
    blocks[0] = blocks[0].replacen(
        "version = \"2023.01.23-1\"",
        "version = \"2027.01.01-1\"",
        1,
    );
    blocks.retain(|b| !b.contains("\nid = \"GEN-02\"") && !b.starts_with("\nid = \"GEN-02\""));
    for b in &mut blocks {
        if b.contains("id = \"CLO-06\"") {
            *b = b.replace(
                "id = \"CLO-06\"",
                "id = \"CLO-06B\"\nreplaces = [\"CLO-06\"]",
            );
        }
        if b.contains("id = \"GEN-01\"") {
            let start = b.find("\nevidence = ").unwrap();
            let end = start + 1 + b[start + 1..].find('\n').unwrap();
            b.replace_range(
                start..end,
                "\nevidence = \"A written confirmation from the platform team\"",
            );
        }
        *b = b.replace("depends_on = [\"CLO-06\"]", "depends_on = [\"CLO-06B\"]");
    }
    let mut text = blocks.join("\n[[task]]");
    text.push_str("\n[[task]]\nid = \"GEN-50\"\nphase = \"2w\"\narea = \"GEN\"\ntitle = \"Brief the call centre\"\n");
    text
}

#[test]
fn a_new_version_keeps_every_status_and_piece_of_evidence() {
    let mut db = TestDb::new();
    let plan = db.plan("Updated", "2027-06-07 09:00").id;
    let change = |status| ItemChange {
        status: Some(status),
        ..ItemChange::default()
    };
    db.store
        .update_item(plan, "GEN-01", &change(Status::Done))
        .unwrap();
    db.store
        .update_item(plan, "CLO-06", &change(Status::InProgress))
        .unwrap();
    db.store
        .update_item(plan, "GEN-02", &change(Status::Done))
        .unwrap();
    db.store
        .add_evidence(plan, "CLO-06", NewEvidence::Note("DNS plan agreed".into()))
        .unwrap();
    db.store
        .add_evidence(plan, "GEN-02", NewEvidence::Note("rollback tested".into()))
        .unwrap();
    let text = version_two();
    let v2 = Template::parse(&text, "v2").unwrap();

    let preview = db.store.template_diff(plan, &v2).unwrap();
    assert_eq!(preview.added, ["GEN-50"]);
    assert_eq!(preview.removed, ["GEN-02"]);
    assert_eq!(
        preview.renamed,
        [("CLO-06".to_string(), "CLO-06B".to_string())]
    );
    let before_events = db.store.history(plan, None).unwrap().len();

    let applied = db.store.apply_template(plan, &v2, &text).unwrap();
    assert_eq!(applied, preview);
    let (record, snap) = db.store.snapshot(plan, None).unwrap();
    assert_eq!(record.template.version, "2027.01.01-1");
    assert!(
        snap.item("GEN-02").is_none(),
        "retired tasks leave the checklist"
    );
    let new = snap.item("GEN-50").unwrap();
    assert_eq!(new.item.status, Status::Todo);
    assert_eq!(new.item.added_in.as_deref(), Some("2027.01.01-1"));
    let renamed = snap.item("CLO-06B").unwrap();
    assert_eq!(renamed.item.status, Status::InProgress);
    assert_eq!(renamed.evidence_count, 1);
    let gen01 = snap.item("GEN-01").unwrap();
    assert_eq!(gen01.item.status, Status::Done, "a done task stays done");
    assert!(
        gen01
            .item
            .reconfirm
            .as_deref()
            .unwrap()
            .contains("evidence"),
        "{:?}",
        gen01.item.reconfirm
    );

    let retired = db.store.retired_tasks(plan).unwrap();
    assert_eq!(retired.len(), 1);
    assert_eq!(retired[0].task.id, "GEN-02");
    assert_eq!(retired[0].item.status, Status::Done);
    assert_eq!(retired[0].version, "2023.01.23-1");
    assert_eq!(
        db.store.evidence(plan, Some("GEN-02")).unwrap().len(),
        1,
        "evidence stays"
    );
    let closed = db
        .store
        .add_evidence(plan, "GEN-02", NewEvidence::Note("late".into()))
        .unwrap_err();
    assert_eq!(
        closed.kind(),
        ErrorKind::UnknownTask,
        "a retired task takes no new work"
    );

    let events = db.store.history(plan, None).unwrap();
    assert_eq!(events.len(), before_events + 1, "one event for the update");
    let last = events.last().unwrap();
    assert_eq!(last.kind, EventKind::TemplateUpdated);
    assert!(
        last.sentence()
            .contains("2023.01.23-1 → 2027.01.01-1: 1 added, 1 removed, 1 renamed"),
        "{}",
        last.sentence()
    );

    // The verdict asks for the confirmation; setting the status gives it, in the history.
    let readiness = db.store.readiness(plan, None).unwrap();
    assert!(
        readiness
            .reasons
            .iter()
            .any(|r| r.kind == ReasonKind::Reconfirm && r.task_ids == ["GEN-01"])
    );
    db.store
        .update_item(plan, "GEN-01", &change(Status::Done))
        .unwrap();
    let readiness = db.store.readiness(plan, None).unwrap();
    assert!(
        !readiness
            .reasons
            .iter()
            .any(|r| r.kind == ReasonKind::Reconfirm)
    );
    let confirmed = db
        .store
        .history(plan, Some("GEN-01"))
        .unwrap()
        .pop()
        .unwrap();
    assert!(
        confirmed.sentence().starts_with("Confirmed again"),
        "{}",
        confirmed.sentence()
    );

    // The same version again changes nothing and logs nothing.
    let events = db.store.history(plan, None).unwrap().len();
    assert!(
        db.store
            .apply_template(plan, &v2, &text)
            .unwrap()
            .is_empty()
    );
    assert_eq!(db.store.history(plan, None).unwrap().len(), events);

    // A copy of the plan keeps its retired tasks retired.
    let copy = db.store.duplicate_plan(plan, "Updated copy").unwrap();
    assert_eq!(db.store.retired_tasks(copy.id).unwrap().len(), 1);
}

#[test]
fn a_broken_or_foreign_template_changes_nothing() {
    let db = TestDb::new();
    let path = db.path();
    let dir = db.dir.path().to_path_buf();
    let TestDb { dir: _keep, store } = db;
    let ws = Workspace::new(store);
    let plan = ws
        .create_plan(golive::ops::NewPlanInput {
            name: "Guarded".into(),
            client: None,
            launch: golive::plan::Launch::parse("2027-06-07 09:00", "Europe/Berlin").unwrap(),
            pentest: None,
            calendar: None,
            template: None,
        })
        .unwrap()
        .id;
    let before = dump(&path);
    let broken = dir.join("broken.toml");
    std::fs::write(
        &broken,
        version_two().replace("title = \"Brief the call centre\"", "title = "),
    )
    .unwrap();
    let err = ws.apply_template(plan, &broken).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidTemplate);
    assert!(
        err.to_string().contains("broken.toml:"),
        "names the file and line: {err}"
    );
    let foreign = dir.join("foreign.toml");
    std::fs::write(
        &foreign,
        version_two().replacen("id = \"spryker-go-live\"", "id = \"other\"", 1),
    )
    .unwrap();
    let err = ws.apply_template(plan, &foreign).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("this plan follows"), "{err}");
    let missing = ws
        .apply_template(plan, &dir.join("missing.toml"))
        .unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::InvalidTemplate);
    assert_eq!(dump(&path), before);
}

#[test]
fn the_report_lists_retired_tasks() {
    let mut db = TestDb::new();
    let plan = db.plan("Reported", "2027-06-07 09:00").id;
    let text = version_two();
    db.store
        .apply_template(plan, &Template::parse(&text, "v2").unwrap(), &text)
        .unwrap();
    let TestDb { dir, store } = db;
    let ws = Workspace::new(store);
    let pdf = dir.path().join("report.pdf");
    ws.export_report(plan, &pdf, &|_| {}).unwrap();
    let (_, text) = crate::report::run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Retired by checklist updates"), "{text}");
    let line = text.lines().find(|l| l.contains("GEN-02")).unwrap();
    assert!(line.contains("version 2023.01.23-1"), "{line}");
}
