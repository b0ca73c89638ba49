use golive::plan::{Launch, Status, Verdict, Waiver};
use golive::store::{DueChange, ItemChange, NewEvidence, SCHEMA_VERSION, Store, StoreError};

use crate::common::{TestDb, day, new_plan};

#[test]
fn plan_round_trip_with_items_evidence_and_history() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme relaunch", "2027-06-07 09:00");
    assert_eq!(plan.client.as_deref(), Some("Acme GmbH"));
    assert_eq!(
        db.store.find_plan("acme").unwrap().id,
        plan.id,
        "unique prefix, any case"
    );
    assert_eq!(
        db.store.find_plan(&plan.id.to_string()).unwrap().name,
        "Acme relaunch"
    );

    db.store.set_user_name("Dana Consultant").unwrap();
    let item = db
        .store
        .update_item(
            plan.id,
            "CLO-12",
            &ItemChange {
                status: Some(Status::Done),
                owner: Some(Some("Ops".into())),
                ..ItemChange::default()
            },
        )
        .unwrap();
    assert_eq!(item.status, Status::Done);

    let note = db
        .store
        .add_evidence(
            plan.id,
            "CLO-12",
            NewEvidence::Note("Certificates live".into()),
        )
        .unwrap();
    let file_path = db.dir.path().join("proof.txt");
    std::fs::write(&file_path, b"tls proof").unwrap();
    let file = db
        .store
        .add_evidence(plan.id, "CLO-12", NewEvidence::File(file_path))
        .unwrap();
    let stored = db.store.evidence_file(&file).unwrap();
    assert_eq!(std::fs::read(stored).unwrap(), b"tls proof");
    assert_eq!(file.size, Some(9));

    let evidence = db.store.evidence(plan.id, Some("CLO-12")).unwrap();
    assert_eq!(
        evidence.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![note.id, file.id]
    );

    let (_, snap) = db.store.snapshot(plan.id, Some(day("2027-03-01"))).unwrap();
    let view = snap.item("CLO-12").unwrap();
    assert_eq!((view.item.status, view.evidence_count), (Status::Done, 2));

    let history = db.store.history(plan.id, Some("CLO-12")).unwrap();
    let fields: Vec<_> = history
        .iter()
        .map(|e| e.field.clone().unwrap_or_default())
        .collect();
    assert_eq!(fields, vec!["status", "owner", "note", "file"]);
    assert!(history.iter().all(|e| e.who == "Dana Consultant"));
    assert_eq!(history[0].old.as_deref(), Some("todo"));
    assert_eq!(history[0].new.as_deref(), Some("done"));
}

#[test]
fn file_evidence_is_content_addressed() {
    let mut db = TestDb::new();
    let plan = db.plan("P", "2027-06-07 09:00");
    let a = db.dir.path().join("a.txt");
    let b = db.dir.path().join("b.txt");
    std::fs::write(&a, b"same").unwrap();
    std::fs::write(&b, b"same").unwrap();
    let ea = db
        .store
        .add_evidence(plan.id, "GEN-01", NewEvidence::File(a))
        .unwrap();
    let eb = db
        .store
        .add_evidence(plan.id, "GEN-02", NewEvidence::File(b))
        .unwrap();
    assert_eq!(ea.sha256, eb.sha256);
    // sha256("same")
    assert_eq!(
        ea.sha256.as_deref(),
        Some("0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5")
    );
    assert_eq!((ea.body.as_str(), eb.body.as_str()), ("a.txt", "b.txt"));
}

#[test]
fn reschedule_previews_then_moves_unpinned_dates_only() {
    let mut db = TestDb::new();
    let plan = db.plan("P", "2027-06-07 09:00");
    db.store
        .update_item(
            plan.id,
            "GEN-03",
            &ItemChange {
                due: Some(DueChange::Pin(day("2027-05-20"))),
                ..ItemChange::default()
            },
        )
        .unwrap();
    let later = Launch::parse("2027-06-21 09:00", "Europe/Berlin").unwrap();
    let preview = db.store.preview_reschedule(plan.id, later).unwrap();
    assert!(preview.iter().any(|m| m.task_id == "GEN-01"
        && m.old == day("2027-04-12")
        && m.new == day("2027-04-26")));
    assert!(
        preview.iter().all(|m| m.task_id != "GEN-03"),
        "pinned task moved"
    );
    assert_eq!(
        db.store.plan(plan.id).unwrap().settings.launch.local_text(),
        "2027-06-07 09:00",
        "preview saved"
    );

    let moved = db.store.reschedule(plan.id, later).unwrap();
    assert_eq!(moved, preview);
    let (record, snap) = db.store.snapshot(plan.id, Some(day("2027-03-01"))).unwrap();
    assert_eq!(record.settings.launch.local_text(), "2027-06-21 09:00");
    assert_eq!(snap.item("GEN-03").unwrap().due, day("2027-05-20"));
    assert_eq!(snap.item("GEN-01").unwrap().due, day("2027-04-26"));
    let last = db.store.history(plan.id, None).unwrap().pop().unwrap();
    assert_eq!(last.kind.key(), "rescheduled");
}

#[test]
fn readiness_follows_items_and_waivers() {
    let mut db = TestDb::new();
    let plan = db.plan("P", "2027-06-07 09:00");
    let template = db.store.template_of(&plan).unwrap();
    for task in &template.tasks {
        let change = if task.id == "CLO-17" {
            ItemChange {
                waiver: Some(Some(Waiver {
                    reason: "done by host".into(),
                    until: day("2027-06-30"),
                    // CLO-17 blocks the go-live: its waiver needs an approver.
                    approver: Some("Marta Nowak".into()),
                    ..Waiver::default()
                })),
                ..ItemChange::default()
            }
        } else {
            ItemChange {
                status: Some(Status::Done),
                ..ItemChange::default()
            }
        };
        db.store.update_item(plan.id, &task.id, &change).unwrap();
    }
    let r = db
        .store
        .readiness(plan.id, Some(day("2027-06-01")))
        .unwrap();
    assert_eq!(r.verdict, Verdict::ReadyWithRisks);
    assert_eq!(r.counts.waived, 1);
}

#[test]
fn plan_lifecycle_rename_duplicate_archive_delete() {
    let mut db = TestDb::new();
    let plan = db.plan("Alpha", "2027-06-07 09:00");
    db.store
        .add_evidence(plan.id, "GEN-01", NewEvidence::Note("shared".into()))
        .unwrap();
    let renamed = db.store.rename_plan(plan.id, "Alpha shop").unwrap();
    assert_eq!(renamed.name, "Alpha shop");
    let copy = db.store.duplicate_plan(plan.id, "Beta shop").unwrap();
    assert_eq!(db.store.evidence(copy.id, None).unwrap().len(), 1);
    db.store.archive_plan(plan.id, true).unwrap();
    let listed: Vec<_> = db
        .store
        .list_plans(false)
        .unwrap()
        .into_iter()
        .map(|s| s.plan.name)
        .collect();
    assert_eq!(listed, vec!["Beta shop"]);
    assert_eq!(db.store.list_plans(true).unwrap().len(), 2);
    db.store.delete_plan(plan.id).unwrap();
    assert!(matches!(
        db.store.plan(plan.id),
        Err(StoreError::PlanNotFound(_))
    ));
    // The history of a deleted plan stays readable.
    let history = db.store.history(plan.id, None).unwrap();
    assert_eq!(history.last().unwrap().kind.key(), "plan-deleted");
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    let events = db.store.history(plan.id, None).unwrap().len();

    let dup = db
        .store
        .create_plan(&new_plan("acme", "2027-06-07 09:00"))
        .unwrap_err();
    assert_eq!(dup.kind().as_str(), "duplicate-plan-name");
    let unknown = db
        .store
        .update_item(
            plan.id,
            "clo-12x",
            &ItemChange {
                status: Some(Status::Done),
                ..ItemChange::default()
            },
        )
        .unwrap_err();
    assert_eq!(unknown.kind().as_str(), "unknown-task");
    let typo = db
        .store
        .update_item(
            plan.id,
            "clo-12",
            &ItemChange {
                status: Some(Status::Done),
                ..ItemChange::default()
            },
        )
        .unwrap_err();
    assert!(typo.to_string().contains("did you mean CLO-12?"), "{typo}");
    let missing = db
        .store
        .add_evidence(
            plan.id,
            "CLO-12",
            NewEvidence::File(db.dir.path().join("nope.pdf")),
        )
        .unwrap_err();
    assert_eq!(missing.kind().as_str(), "io");
    assert!(missing.to_string().contains("nope.pdf"), "{missing}");
    let link = db
        .store
        .add_evidence(
            plan.id,
            "CLO-12",
            NewEvidence::Link {
                // A bare host such as "example.com" gets https:// (issue 14); words do not.
                url: "see the wiki".into(),
                title: None,
            },
        )
        .unwrap_err();
    assert!(link.to_string().contains("not a link"), "{link}");
    assert_eq!(
        db.store.find_plan("zzz").unwrap_err().kind().as_str(),
        "plan-not-found"
    );

    assert_eq!(db.store.history(plan.id, None).unwrap().len(), events);
    let (_, snap) = db.store.snapshot(plan.id, None).unwrap();
    assert!(
        snap.items
            .iter()
            .all(|i| i.item.status == Status::Todo && i.evidence_count == 0)
    );
}

#[test]
fn newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE x (y); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.kind().as_str(), "newer-schema");
    let message = err.to_string();
    assert!(
        message.contains("schema 999") && message.contains(&format!("up to {SCHEMA_VERSION}")),
        "{message}"
    );
    assert!(message.contains("not changed"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("future.db-wal").exists());
}

#[test]
fn not_a_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "this is not sqlite, just some text that is long enough to be a header",
    )
    .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.kind().as_str(), "not-a-database", "{err}");
}

#[test]
fn backup_is_a_complete_database() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    db.store
        .add_evidence(plan.id, "GEN-01", NewEvidence::Note("n".into()))
        .unwrap();
    let dest = db.dir.path().join("backup.db");
    db.store.backup_to(&dest).unwrap();
    let copy = Store::open(&dest).unwrap();
    assert_eq!(copy.evidence(plan.id, None).unwrap().len(), 1);
    assert_eq!(
        db.store.backup_to(&dest).unwrap_err().kind().as_str(),
        "invalid-input"
    );
}
