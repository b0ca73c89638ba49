//! Governed waivers and blocked reasons in the store: an approver for a blocking task's
//! waiver, the governance fields read back, and an expired waiver recorded once as its own
//! event while the task counts as open again.

use golive::plan::{RiskKind, Status, Waiver};
use golive::store::{EventKind, ItemChange, StoreError};

use crate::common::{TestDb, day};

fn waiver(approver: Option<&str>) -> ItemChange {
    ItemChange {
        waiver: Some(Some(Waiver {
            reason: "WAF covers it".into(),
            until: day("2027-05-20"),
            approver: approver.map(str::to_string),
            approved_on: approver.map(|_| day("2027-05-01")),
            accepted_risk: Some("Bots before the rules are tuned".into()),
            control: Some("Rate limit on checkout".into()),
        })),
        ..ItemChange::default()
    }
}

#[test]
fn a_blocking_tasks_waiver_needs_an_approver_and_keeps_its_governance() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    // GEN-01 blocks the go-live; CLO-01 does not.
    let err = db
        .store
        .update_item(plan.id, "GEN-01", &waiver(None))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::InvalidInput(m) if m.contains("needs an approver")),
        "{err}"
    );
    db.store
        .update_item(plan.id, "CLO-01", &waiver(None))
        .unwrap();
    let item = db
        .store
        .update_item(plan.id, "GEN-01", &waiver(Some("Marta Nowak")))
        .unwrap();
    let w = item.waiver.unwrap();
    assert_eq!(w.approver.as_deref(), Some("Marta Nowak"));
    assert_eq!(w.approved_on, Some(day("2027-05-01")));
    assert_eq!(w.control.as_deref(), Some("Rate limit on checkout"));

    let (_, snap) = db.store.snapshot(plan.id, Some(day("2027-05-10"))).unwrap();
    let read = snap.item("GEN-01").unwrap().item.waiver.clone().unwrap();
    assert_eq!(
        read.accepted_risk.as_deref(),
        Some("Bots before the rules are tuned")
    );
    assert!(snap.item("GEN-01").unwrap().waived);
}

#[test]
fn a_blocked_reason_is_kept_while_blocked_and_cleared_after() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    let blocked = ItemChange {
        status: Some(Status::Blocked),
        blocked_reason: Some("Waiting for the CDN contract".into()),
        ..ItemChange::default()
    };
    let item = db.store.update_item(plan.id, "CLO-05", &blocked).unwrap();
    assert_eq!(
        item.blocked_reason.as_deref(),
        Some("Waiting for the CDN contract")
    );
    let r = db
        .store
        .readiness(plan.id, Some(day("2027-03-01")))
        .unwrap();
    let risk = r
        .risks
        .iter()
        .find(|r| r.kind == RiskKind::Blocked)
        .unwrap();
    assert_eq!(
        (risk.task_id.as_str(), risk.detail.as_str()),
        ("CLO-05", "Waiting for the CDN contract")
    );
    let item = db
        .store
        .update_item(
            plan.id,
            "CLO-05",
            &ItemChange {
                status: Some(Status::InProgress),
                ..ItemChange::default()
            },
        )
        .unwrap();
    assert_eq!(item.blocked_reason, None);
}

#[test]
fn an_expired_waiver_reopens_its_task_with_one_event() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    db.store
        .update_item(plan.id, "GEN-01", &waiver(Some("Marta Nowak")))
        .unwrap();
    let (_, before) = db.store.snapshot(plan.id, Some(day("2027-05-10"))).unwrap();
    assert!(
        db.store
            .record_lapsed_waivers(plan.id, &before)
            .unwrap()
            .is_empty()
    );

    let (_, after) = db.store.snapshot(plan.id, Some(day("2027-05-21"))).unwrap();
    assert!(!after.item("GEN-01").unwrap().waived, "open again");
    assert_eq!(
        db.store.record_lapsed_waivers(plan.id, &after).unwrap(),
        vec!["GEN-01".to_string()]
    );
    // Seen again, it is not recorded twice.
    assert!(
        db.store
            .record_lapsed_waivers(plan.id, &after)
            .unwrap()
            .is_empty()
    );
    let lapsed: Vec<_> = db
        .store
        .history(plan.id, Some("GEN-01"))
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::WaiverLapsed)
        .collect();
    assert_eq!(lapsed.len(), 1);
    assert!(
        lapsed[0].sentence().contains("the task is open again"),
        "{}",
        lapsed[0].sentence()
    );
    let r = db
        .store
        .readiness(plan.id, Some(day("2027-05-21")))
        .unwrap();
    assert!(
        r.risks
            .iter()
            .any(|r| r.kind == RiskKind::WaiverExpired && r.task_id == "GEN-01")
    );
}
