//! The event log's ids and clock: every event has a global id, a stamp that orders it, its
//! plan's id and the ids of what it touched; two databases are two nodes of the clock.

use std::collections::HashSet;

use golive::store::{EventKind, NewEvidence, Store};

use crate::common::TestDb;

#[test]
fn events_carry_global_ids_and_a_clock_that_only_grows() {
    let mut db = TestDb::new();
    let plan = db.plan("Clocked", "2027-06-07 09:00");
    for i in 0..20 {
        db.store
            .add_evidence(plan.id, "GEN-01", NewEvidence::Note(format!("note {i}")))
            .unwrap();
    }
    let evidence = db.store.evidence(plan.id, None).unwrap();
    let events = db.store.history(plan.id, None).unwrap();
    assert_eq!(events.len(), 21);
    assert!(
        events.windows(2).all(|w| w[0].hlc < w[1].hlc),
        "{events:#?}"
    );
    let ids: HashSet<_> = events.iter().map(|e| e.gid).collect();
    assert_eq!(ids.len(), events.len());
    let plan_gid = events[0].plan_gid;
    assert!(events.iter().all(|e| e.plan_gid == plan_gid));
    for (event, item) in events[1..].iter().zip(&evidence) {
        assert_eq!(event.kind, EventKind::EvidenceAdded);
        assert_eq!(event.touches, [plan_gid, item.gid]);
    }

    // A reopened database keeps its clock and its node.
    let last = events.last().unwrap().hlc.clone();
    let path = db.path();
    drop(db.store);
    let mut store = Store::open(&path).unwrap();
    store.rename_plan(plan.id, "Clocked again").unwrap();
    let renamed = store.history(plan.id, None).unwrap().pop().unwrap();
    assert!(renamed.hlc > last);
    assert_eq!(renamed.hlc.node, last.node);

    // Another database is another node: its stamps never equal this one's.
    let mut other = TestDb::new();
    other.plan("Elsewhere", "2027-06-07 09:00");
    let theirs = other.store.history(1, None).unwrap();
    assert_ne!(theirs[0].hlc.node, last.node);
}

#[test]
fn a_deleted_plan_keeps_its_id_in_the_log() {
    let mut db = TestDb::new();
    let plan = db.plan("Short-lived", "2027-06-07 09:00");
    let created = db.store.history(plan.id, None).unwrap()[0].plan_gid;
    db.store.delete_plan(plan.id).unwrap();
    let events = db.store.history(plan.id, None).unwrap();
    assert_eq!(events.last().unwrap().kind, EventKind::PlanDeleted);
    assert!(events.iter().all(|e| e.plan_gid == created));
}
