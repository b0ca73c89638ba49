//! Sign-off in the store: stakeholders and decisions are changes like any other, each one
//! transaction with its event (who, when, old → new decision, conditions).

use golive::error::ErrorKind;
use golive::plan::{Condition, Decision};
use golive::store::{EventKind, NewDecision};

use crate::common::{TestDb, day};

#[test]
fn every_sign_off_change_is_in_the_log() {
    let mut db = TestDb::new();
    db.store.set_user_name("Priya Project-Lead").unwrap();
    let plan = db.plan("Sign-off", "2027-06-07 09:00");
    let before = db.store.history(plan.id, None).unwrap().len();

    let maria = db
        .store
        .add_stakeholder(plan.id, " Maria Lopez ", "Head of E-commerce", None)
        .unwrap();
    assert_eq!(maria.name, "Maria Lopez");
    let again = db
        .store
        .add_stakeholder(plan.id, "Maria Lopez", "Head of E-commerce", None)
        .unwrap();
    assert_eq!(again.gid, maria.gid, "the same person keeps their id");
    db.store
        .add_stakeholder(plan.id, "Maria Lopez", "COO", Some("maria@acme.example"))
        .unwrap();
    let klarna = [Condition {
        text: "Klarna live".into(),
        owner: "Dana".into(),
        due: day("2027-06-04"),
    }];
    db.store
        .record_decision(
            plan.id,
            "Maria Lopez",
            &NewDecision {
                conditions: &klarna,
                ..NewDecision::new(Decision::GoWithConditions, day("2027-05-31"))
            },
        )
        .unwrap();
    let decided = db
        .store
        .record_decision(
            plan.id,
            "Maria Lopez",
            &NewDecision {
                text: Some("load test not run"),
                ..NewDecision::new(Decision::NoGo, day("2027-06-01"))
            },
        )
        .unwrap();
    let current = decided.decision.unwrap();
    assert_eq!(current.decision, Decision::NoGo);
    assert_eq!(current.recorded_by, "Priya Project-Lead");
    db.store.remove_stakeholder(plan.id, "Maria Lopez").unwrap();
    assert!(db.store.stakeholders(plan.id).unwrap().is_empty());

    let events = db.store.history(plan.id, None).unwrap();
    let (conditions, new): (Vec<_>, Vec<_>) =
        events[before..].iter().partition(|e| e.task_id.is_some());
    // The condition became an own task owned by whom the stakeholder named.
    assert_eq!(
        conditions
            .iter()
            .map(|e| (e.kind, e.task_id.as_deref(), e.new.as_deref()))
            .collect::<Vec<_>>(),
        [
            (EventKind::OwnTaskAdded, Some("X-01"), Some("Klarna live")),
            (EventKind::Updated, Some("X-01"), Some("Dana")),
        ]
    );
    let kinds: Vec<EventKind> = new.iter().map(|e| e.kind).collect();
    // Adding the same person unchanged is no change, so no event.
    assert_eq!(
        kinds,
        [
            EventKind::StakeholderAdded,
            EventKind::StakeholderUpdated,
            EventKind::DecisionRecorded,
            EventKind::DecisionRecorded,
            EventKind::StakeholderRemoved,
        ]
    );
    assert!(new.iter().all(|e| e.who == "Priya Project-Lead"));
    assert!(new.iter().all(|e| e.touches.contains(&maria.gid)));
    let first = new[2];
    assert_eq!(first.old, None);
    assert_eq!(
        first.new.as_deref(),
        Some("Go with conditions (Klarna live), on 2027-05-31")
    );
    assert_eq!(
        new[3].sentence(),
        "Decision of Maria Lopez: Go with conditions (Klarna live), on 2027-05-31 → No-Go (load test not run), on 2027-06-01"
    );
    assert!(
        new[4].old.as_deref().unwrap().contains("No-Go"),
        "{:?}",
        new[4].old
    );
    // Each decision has an id of its own, besides the stakeholder's.
    assert_ne!(new[2].touches, new[3].touches);
}

#[test]
fn a_refused_sign_off_change_writes_nothing() {
    let mut db = TestDb::new();
    let plan = db.plan("Sign-off", "2027-06-07 09:00");
    db.store
        .add_stakeholder(plan.id, "Tom", "CTO", None)
        .unwrap();
    let before = db.store.history(plan.id, None).unwrap().len();

    let unknown = db
        .store
        .record_decision(
            plan.id,
            "Nobody",
            &NewDecision::new(Decision::Go, day("2027-06-01")),
        )
        .unwrap_err();
    assert_eq!(unknown.kind(), ErrorKind::UnknownStakeholder);
    let no_conditions = db
        .store
        .record_decision(
            plan.id,
            "Tom",
            &NewDecision {
                text: Some("HSTS first, but no owner or date"),
                ..NewDecision::new(Decision::GoWithConditions, day("2027-06-01"))
            },
        )
        .unwrap_err();
    assert_eq!(no_conditions.kind(), ErrorKind::InvalidInput);
    assert!(
        no_conditions.to_string().contains("conditions"),
        "{no_conditions}"
    );
    let nameless = db
        .store
        .add_stakeholder(plan.id, " ", "CTO", None)
        .unwrap_err();
    assert_eq!(nameless.kind(), ErrorKind::InvalidInput);
    let gone = db.store.remove_stakeholder(plan.id, "Nobody").unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::UnknownStakeholder);

    assert_eq!(db.store.history(plan.id, None).unwrap().len(), before);
    assert!(
        db.store.stakeholders(plan.id).unwrap()[0]
            .decision
            .is_none()
    );
}

/// Regression: a decision recorded, then a blocking task marked done, and the next report
/// showed the same decision as if it had been made on today's state.
#[test]
fn a_report_says_which_decisions_were_made_on_an_earlier_state() {
    let mut db = TestDb::new();
    let plan = db.plan("Decided", "2027-06-07 09:00").id;
    db.store
        .add_stakeholder(plan, "Maria", "CTO", None)
        .unwrap();
    db.store.add_stakeholder(plan, "Tom", "COO", None).unwrap();
    db.store
        .record_decision(
            plan,
            "Maria",
            &NewDecision::new(Decision::Go, day("2027-06-01")),
        )
        .unwrap();
    let basis = db.store.stakeholders(plan).unwrap()[0]
        .decision
        .clone()
        .unwrap()
        .basis
        .unwrap();
    assert_eq!(basis.tasks.len(), 89, "the state the decision saw is kept");
    db.store
        .update_item(
            plan,
            "GEN-01",
            &golive::store::ItemChange {
                status: Some(golive::plan::Status::Done),
                ..Default::default()
            },
        )
        .unwrap();
    db.store
        .record_decision(
            plan,
            "Tom",
            &NewDecision {
                conditions: &[Condition {
                    text: "HSTS first".into(),
                    owner: "Ana".into(),
                    due: day("2027-06-04"),
                }],
                ..NewDecision::new(Decision::GoWithConditions, day("2027-06-02"))
            },
        )
        .unwrap();

    let TestDb { dir, store } = db;
    let ws = golive::ops::Workspace::new(store);
    let pdf = dir.path().join("report.pdf");
    ws.export_report(plan, &pdf, &|_| {}).unwrap();
    let (_, text) = crate::report::run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Sign-off outcome: Go with conditions."),
        "{text}"
    );
    assert!(
        text.contains("1 of 2 decisions was made on an earlier state of the plan"),
        "{text}"
    );
    assert!(
        text.contains(
            "Made on an earlier state of the plan — re-confirm. Since then: GEN-01: To do → Done; \
             X-01 is new in the checklist."
        ),
        "{text}"
    );
    // Once on the sign-off page, once on the executive page: Tom decided on today's state.
    assert_eq!(
        text.matches("re-confirm. Since then").count(),
        1,
        "Tom decided on today's state"
    );
    assert_eq!(text.matches("re-confirm (section 8)").count(), 1, "{text}");
}
