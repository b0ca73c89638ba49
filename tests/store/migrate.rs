//! A database written by the release before global ids (tests/fixtures/release-0.1, made
//! with that release's CLI by its make.sh) opens in this one and loses nothing: every plan,
//! task state, evidence item and file, event and sign-off is there, now with global ids and
//! clock stamps.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use golive::plan::{Decision, Status};
use golive::probe::history;
use golive::store::{EventKind, EvidenceKind, NewEvidence, SCHEMA_VERSION, Store};
use sha2::{Digest, Sha256};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A private copy of the fixture (the migration writes to it).
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release-0.1");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(source.join("golive.db"), dir.path().join("golive.db")).unwrap();
    copy_dir(&source.join("files"), &dir.path().join("files"));
    let db = dir.path().join("golive.db");
    (dir, db)
}

#[test]
fn the_previous_release_database_migrates_without_losing_a_row() {
    let (_dir, path) = fixture();
    let version = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        version(&path),
        3,
        "the fixture is the release before global ids"
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(version(&path), SCHEMA_VERSION, "every migration since ran");
    assert_eq!(store.integrity_check().unwrap(), "ok");

    // Plans: both, as they were left (renamed, archived, rescheduled).
    let plans = store.list_plans(true).unwrap();
    let names: Vec<&str> = plans.iter().map(|p| p.plan.name.as_str()).collect();
    assert_eq!(names, ["Acme DE relaunch", "Beta UK shop"]);
    let acme = store.find_plan("Acme DE relaunch").unwrap();
    assert_eq!(acme.client.as_deref(), Some("Acme GmbH"));
    assert_eq!(acme.settings.launch.local_text(), "2027-03-22 09:00");
    assert!(store.find_plan("Beta UK shop").unwrap().archived);

    // Task states.
    let (_, snap) = store.snapshot(acme.id, None).unwrap();
    assert_eq!(snap.items.len(), 89);
    let item = |id: &str| snap.item(id).unwrap().item.clone();
    assert_eq!(item("GEN-01").status, Status::Done);
    assert_eq!(item("GEN-01").owner.as_deref(), Some("Dana"));
    assert_eq!(item("CLO-06").status, Status::InProgress);
    assert_eq!(item("GEN-02").status, Status::NotApplicable);
    assert_eq!(
        item("SEO-06").waiver.unwrap().reason,
        "Favicon ships with the new theme"
    );
    assert_eq!(item("CLO-12").pinned_due.unwrap().to_string(), "2027-02-01");

    // Evidence, each with an id of its own, and the file's bytes where the row says.
    let evidence = store.evidence(acme.id, None).unwrap();
    assert_eq!(evidence.len(), 8);
    let gids: HashSet<_> = evidence.iter().map(|e| e.gid).collect();
    assert_eq!(gids.len(), 8);
    let kinds: Vec<EvidenceKind> = evidence.iter().map(|e| e.kind).collect();
    assert_eq!(
        &kinds[..3],
        [EvidenceKind::Note, EvidenceKind::Link, EvidenceKind::File]
    );
    let file = evidence
        .iter()
        .find(|e| e.kind == EvidenceKind::File)
        .unwrap();
    let bytes = std::fs::read(store.evidence_file(file).unwrap()).unwrap();
    assert_eq!(bytes, b"pen test scope, v1\n");
    let sha: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(file.sha256.as_deref(), Some(sha.as_str()));

    // The event log: every entry, in its old order, stamped in that order, on its plan.
    let events = store.history(acme.id, None).unwrap();
    assert_eq!(events.len(), 17, "{events:#?}");
    assert!(
        events
            .windows(2)
            .all(|w| w[0].id < w[1].id && w[0].hlc < w[1].hlc)
    );
    assert!(events.iter().all(|e| e.plan_gid == events[0].plan_gid));
    assert!(
        events
            .iter()
            .all(|e| e.touches.first() == Some(&e.plan_gid))
    );
    assert!(events.iter().all(|e| e.who == "Fixture Consultant"));
    assert_eq!(events[0].kind, EventKind::PlanCreated);
    assert_eq!(events.last().unwrap().kind, EventKind::Rescheduled);
    assert!(events.iter().all(|e| !e.sentence().is_empty()));
    let beta = store.find_plan("Beta UK shop").unwrap();
    let beta_events = store.history(beta.id, None).unwrap();
    let beta_kinds: Vec<EventKind> = beta_events.iter().map(|e| e.kind).collect();
    assert_eq!(
        beta_kinds,
        [
            EventKind::PlanCreated,
            EventKind::Renamed,
            EventKind::Archived
        ]
    );
    assert_ne!(beta_events[0].plan_gid, events[0].plan_gid);

    // Sign-offs: both stakeholders and what they decided.
    let people = store.stakeholders(acme.id).unwrap();
    assert_eq!(people.len(), 2);
    let maria = &people[0];
    assert_eq!(
        (
            maria.name.as_str(),
            maria.role.as_str(),
            maria.email.as_deref()
        ),
        (
            "Maria Lopez",
            "Head of E-commerce",
            Some("maria@acme.example")
        )
    );
    let decision = maria.decision.as_ref().unwrap();
    assert_eq!(decision.decision, Decision::GoWithConditions);
    assert_eq!(
        decision.conditions.as_deref(),
        Some("Klarna live before launch")
    );
    assert_eq!(decision.recorded_by, "Fixture Consultant");
    assert_eq!(people[1].decision.as_ref().unwrap().decision, Decision::Go);
    assert_ne!(people[0].gid, people[1].gid);

    // The probe run and its results.
    let runs = history::runs(&store, acme.id).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(
        history::results(&store, acme.id, runs[0].id).unwrap().len(),
        2
    );

    // Opening again changes nothing; new changes follow the migrated log on its clock.
    let plan_gid = events[0].plan_gid;
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.history(acme.id, None).unwrap()[0].plan_gid, plan_gid);
    store
        .add_evidence(
            acme.id,
            "GEN-03",
            NewEvidence::Note("after the upgrade".into()),
        )
        .unwrap();
    let after = store.history(acme.id, None).unwrap();
    let newest = after.last().unwrap();
    assert_eq!(newest.kind, EventKind::EvidenceAdded);
    assert!(newest.hlc > events.last().unwrap().hlc);
    assert_eq!(
        newest.hlc.node, events[0].hlc.node,
        "one database, one node"
    );
}
