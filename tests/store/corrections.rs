//! Correcting evidence: an edit keeps the old text in the history, a retraction takes the
//! item out of the evidence count, the verdict and the report but never out of the file.

use golive::plan::{ReasonKind, Status};
use golive::store::{EventKind, ItemChange, NewEvidence, StoreError};

use crate::common::TestDb;

fn done(db: &mut TestDb, plan: i64, task: &str) {
    db.store
        .update_item(
            plan,
            task,
            &ItemChange {
                status: Some(Status::Done),
                ..ItemChange::default()
            },
        )
        .unwrap();
}

#[test]
fn a_mistyped_link_is_corrected_and_the_history_keeps_the_old_one() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    db.store.set_user_name("Dana").unwrap();
    let link = db
        .store
        .add_evidence(
            plan.id,
            "CLO-12",
            NewEvidence::Link {
                url: "https://status.exmaple.com".into(),
                title: Some("Status".into()),
            },
        )
        .unwrap();
    // A bare host is what people paste from an address bar: https:// goes before it.
    let fixed = db
        .store
        .edit_evidence(
            plan.id,
            link.id,
            NewEvidence::Link {
                url: " status.example.com/ok ".into(),
                title: Some("Status page".into()),
            },
        )
        .unwrap();
    assert_eq!(fixed.body, "https://status.example.com/ok");
    assert_eq!(fixed.title.as_deref(), Some("Status page"));
    assert_eq!(fixed.edited.as_ref().map(|s| s.by.as_str()), Some("Dana"));
    assert_eq!(fixed.gid, link.gid, "the same item, corrected");
    let stored = db.store.evidence(plan.id, Some("CLO-12")).unwrap();
    assert_eq!(stored, vec![fixed]);

    let history = db.store.history(plan.id, Some("CLO-12")).unwrap();
    let edit = history.last().unwrap();
    assert_eq!(edit.kind, EventKind::EvidenceEdited);
    assert_eq!(edit.touches[1], link.gid);
    assert_eq!(
        edit.sentence(),
        "Corrected a link: Status: https://status.exmaple.com → Status page: \
         https://status.example.com/ok"
    );
}

#[test]
fn a_note_is_corrected_but_a_file_or_another_kind_is_refused() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    let note = db
        .store
        .add_evidence(plan.id, "CLO-12", NewEvidence::Note("Backup tested".into()))
        .unwrap();
    let edited = db
        .store
        .edit_evidence(
            plan.id,
            note.id,
            NewEvidence::Note("Restore tested on staging".into()),
        )
        .unwrap();
    assert_eq!(edited.body, "Restore tested on staging");

    let file = db.dir.path().join("scope.txt");
    std::fs::write(&file, "scope").unwrap();
    let attached = db
        .store
        .add_evidence(plan.id, "CLO-12", NewEvidence::File(file))
        .unwrap();
    let before = db.store.history(plan.id, None).unwrap().len();
    let refused = db
        .store
        .edit_evidence(plan.id, attached.id, NewEvidence::Note("x".into()))
        .unwrap_err();
    assert!(refused.to_string().contains("retract it"), "{refused}");
    let wrong_kind = db
        .store
        .edit_evidence(
            plan.id,
            note.id,
            NewEvidence::Link {
                url: "https://example.com".into(),
                title: None,
            },
        )
        .unwrap_err();
    assert!(wrong_kind.to_string().contains("same kind"), "{wrong_kind}");
    let empty = db
        .store
        .edit_evidence(plan.id, note.id, NewEvidence::Note("  ".into()))
        .unwrap_err();
    assert!(matches!(empty, StoreError::InvalidInput(_)));
    let missing = db
        .store
        .edit_evidence(plan.id, 9999, NewEvidence::Note("x".into()))
        .unwrap_err();
    assert!(
        missing.to_string().contains("no evidence #9999"),
        "{missing}"
    );
    assert_eq!(
        db.store.history(plan.id, None).unwrap().len(),
        before,
        "a refused edit writes nothing"
    );
}

#[test]
fn retracted_evidence_leaves_the_count_and_the_verdict_lists_the_task_done_without_it() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    db.store.set_user_name("Dana").unwrap();
    done(&mut db, plan.id, "CLO-12");
    let note = db
        .store
        .add_evidence(
            plan.id,
            "CLO-12",
            NewEvidence::Note("Restore tested".into()),
        )
        .unwrap();
    let risks = |db: &TestDb| {
        db.store
            .readiness(plan.id, None)
            .unwrap()
            .reasons
            .into_iter()
            .find(|r| r.kind == ReasonKind::DoneWithoutEvidence)
            .map(|r| r.task_ids)
            .unwrap_or_default()
    };
    assert!(!risks(&db).contains(&"CLO-12".to_string()));

    let empty = db
        .store
        .retract_evidence(plan.id, note.id, " ")
        .unwrap_err();
    assert!(empty.to_string().contains("say why"), "{empty}");
    let retracted = db
        .store
        .retract_evidence(plan.id, note.id, "belongs to CLO-13")
        .unwrap();
    let r = retracted.retracted.as_ref().unwrap();
    assert_eq!(
        (r.by.as_str(), r.reason.as_str()),
        ("Dana", "belongs to CLO-13")
    );
    assert!(!retracted.is_live());

    let (_, snapshot) = db.store.snapshot(plan.id, None).unwrap();
    assert_eq!(snapshot.item("CLO-12").unwrap().evidence_count, 0);
    assert!(risks(&db).contains(&"CLO-12".to_string()));
    // The row stays, marked, so the drawer and `evidence list` can show what was taken back.
    assert_eq!(
        db.store.evidence(plan.id, Some("CLO-12")).unwrap(),
        vec![retracted.clone()]
    );
    let again = db
        .store
        .retract_evidence(plan.id, note.id, "twice")
        .unwrap_err();
    assert!(
        again.to_string().contains("was retracted by Dana"),
        "{again}"
    );
    let edit = db
        .store
        .edit_evidence(plan.id, note.id, NewEvidence::Note("x".into()))
        .unwrap_err();
    assert!(edit.to_string().contains("add new evidence"), "{edit}");

    let event = db
        .store
        .history(plan.id, Some("CLO-12"))
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(event.kind, EventKind::EvidenceRetracted);
    assert_eq!(event.who, "Dana");
    assert_eq!(
        event.sentence(),
        "Retracted a note: Restore tested (why: belongs to CLO-13)"
    );
}

#[test]
fn a_copied_plan_leaves_retracted_evidence_behind() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    let kept = db
        .store
        .add_evidence(plan.id, "CLO-12", NewEvidence::Note("kept".into()))
        .unwrap();
    let gone = db
        .store
        .add_evidence(plan.id, "CLO-12", NewEvidence::Note("wrong".into()))
        .unwrap();
    db.store
        .retract_evidence(plan.id, gone.id, "wrong task")
        .unwrap();
    let copy = db.store.duplicate_plan(plan.id, "Acme copy").unwrap();
    let bodies: Vec<String> = db
        .store
        .evidence(copy.id, None)
        .unwrap()
        .into_iter()
        .map(|e| e.body)
        .collect();
    assert_eq!(bodies, vec![kept.body]);
}
