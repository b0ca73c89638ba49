//! Deciding through the operations layer: a decision made on a report keeps the report's
//! state, not the plan's at the moment it is entered, and a go-with-conditions' conditions
//! become owned, dated tasks of the plan.

use golive::error::ErrorKind;
use golive::ops::DecisionInput;
use golive::plan::{Condition, Decision, Status};
use golive::store::ItemChange;

use super::workspace;
use crate::common::day;

fn done(ws: &golive::ops::Workspace, plan: i64, task: &str) {
    ws.change_task(
        plan,
        task,
        &ItemChange {
            status: Some(Status::Done),
            ..ItemChange::default()
        },
    )
    .unwrap();
}

/// Regression: a decision made on an exported report took the plan's state at the moment it
/// was entered, so what changed between the export and the decision went unnoticed.
#[test]
fn a_decision_on_a_report_stands_on_the_reports_state() {
    let (dir, ws, plan) = workspace("Decided on paper");
    ws.add_stakeholder(plan, "Maria", "CTO", None).unwrap();
    let pdf = dir.path().join("monday.pdf");
    ws.export_report(plan, &pdf, &|_| {}).unwrap();
    // Someone closes a task after the report went out, before Maria answers on it.
    done(&ws, plan, "GEN-01");
    let decided = ws
        .record_decision(
            plan,
            "Maria",
            &DecisionInput {
                report: Some(pdf.clone()),
                on: Some(day("2027-06-01")),
                ..DecisionInput::new(Decision::Go)
            },
        )
        .unwrap();
    let record = decided.decision.unwrap();
    assert!(record.report_id.is_some_and(|r| r.starts_with("GLR-")));
    assert_eq!(
        record.basis.unwrap().tasks["GEN-01"].status,
        Status::Todo,
        "the basis is what the report showed"
    );
    let state = ws.sign_off_state(plan).unwrap();
    assert_eq!(
        state.stakeholders[0].changes.as_deref(),
        Some(&["GEN-01: To do → Done".to_string()][..])
    );

    // A report of another plan is refused, and nothing is recorded.
    let other = ws
        .create_plan(golive::ops::NewPlanInput {
            name: "Other".into(),
            client: None,
            launch: golive::plan::Launch::parse("2027-06-07 09:00", "Europe/Berlin").unwrap(),
            pentest: None,
            calendar: None,
            template: None,
        })
        .unwrap();
    ws.add_stakeholder(other.id, "Maria", "CTO", None).unwrap();
    let refused = ws
        .record_decision(
            other.id,
            "Maria",
            &DecisionInput {
                report: Some(pdf),
                ..DecisionInput::new(Decision::Go)
            },
        )
        .unwrap_err();
    assert!(
        refused.to_string().contains("pick a report of this plan"),
        "{refused}"
    );
    assert!(ws.stakeholders(other.id).unwrap()[0].decision.is_none());
}

#[test]
fn conditions_become_owned_dated_tasks_of_the_plan() {
    let (_dir, ws, plan) = workspace("Conditional");
    ws.add_stakeholder(plan, "Tom", "COO", None).unwrap();
    let conditions = vec![
        Condition {
            text: "HSTS live on the storefront".into(),
            owner: "Ana Lopez".into(),
            due: day("2027-06-03"),
        },
        Condition {
            text: "Hypercare rota for the first week".into(),
            owner: "Ben".into(),
            due: day("2027-06-10"),
        },
    ];
    let bad = ws
        .record_decision(
            plan,
            "Tom",
            &DecisionInput {
                conditions: vec![Condition {
                    owner: " ".into(),
                    ..conditions[0].clone()
                }],
                ..DecisionInput::new(Decision::GoWithConditions)
            },
        )
        .unwrap_err();
    assert_eq!(bad.kind(), ErrorKind::InvalidInput);
    assert!(bad.to_string().contains("an owner"), "{bad}");
    assert!(
        ws.own_tasks(plan).unwrap().is_empty(),
        "a refused decision adds no task"
    );

    let decided = ws
        .record_decision(
            plan,
            "Tom",
            &DecisionInput {
                conditions: conditions.clone(),
                ..DecisionInput::new(Decision::GoWithConditions)
            },
        )
        .unwrap();
    let record = decided.decision.unwrap();
    assert_eq!(record.condition_tasks, ["X-01", "X-02"]);
    assert_eq!(
        record.conditions.as_deref(),
        Some("HSTS live on the storefront; Hypercare rota for the first week")
    );
    let state = ws.sign_off_state(plan).unwrap();
    let tom = &state.stakeholders[0];
    assert_eq!(
        tom.changes.as_deref(),
        Some(&[][..]),
        "the tasks a decision sets do not ask it to re-confirm"
    );
    let [hsts, rota] = &tom.conditions[..] else {
        panic!("{:?}", tom.conditions)
    };
    assert_eq!(
        (hsts.owner.as_deref(), hsts.due, hsts.status),
        (Some("Ana Lopez"), day("2027-06-03"), Status::Todo)
    );
    let board = ws.board(plan, None).unwrap();
    let item = |id: &str| {
        board
            .snapshot
            .items
            .iter()
            .find(|v| v.task.id == id)
            .unwrap()
    };
    assert!(
        item("X-01").task.blocking,
        "a condition before the launch blocks it"
    );
    assert!(
        !item("X-02").task.blocking,
        "one for after the launch does not"
    );
    assert_eq!(rota.due, day("2027-06-10"));

    // Closing a condition is a change since the decision: the next report asks again.
    done(&ws, plan, "X-01");
    let state = ws.sign_off_state(plan).unwrap();
    assert_eq!(
        state.stakeholders[0].changes.as_deref(),
        Some(&["X-01: To do → Done".to_string()][..])
    );
    assert_eq!(state.stakeholders[0].conditions[0].status, Status::Done);
}

/// Regression: re-confirming a go with conditions asked for a new condition, so each
/// re-confirmation added a copy of the same task.
#[test]
fn a_go_with_conditions_made_again_keeps_its_conditions() {
    let (_dir, ws, plan) = workspace("Re-confirmed");
    ws.add_stakeholder(plan, "Tom", "COO", None).unwrap();
    let condition = |text: &str| Condition {
        text: text.into(),
        owner: "Ana".into(),
        due: day("2027-06-03"),
    };
    let decide = |conditions: Vec<Condition>, decision: Decision| {
        ws.record_decision(
            plan,
            "Tom",
            &DecisionInput {
                conditions,
                ..DecisionInput::new(decision)
            },
        )
        .map(|s| s.decision.unwrap())
    };
    let first = decide(vec![condition("HSTS live")], Decision::GoWithConditions).unwrap();
    assert_eq!(first.condition_tasks, ["X-01"]);

    let again = decide(Vec::new(), Decision::GoWithConditions).unwrap();
    assert_eq!(again.condition_tasks, ["X-01"], "the same task, not a copy");
    assert_eq!(again.conditions.as_deref(), Some("HSTS live"));
    let more = decide(
        vec![condition("Rollback rehearsed")],
        Decision::GoWithConditions,
    )
    .unwrap();
    assert_eq!(more.condition_tasks, ["X-01", "X-02"]);
    assert_eq!(ws.own_tasks(plan).unwrap().len(), 2);

    // A plain Go has no conditions; the tasks stay the plan's, and a later go with
    // conditions starts anew.
    assert!(
        decide(Vec::new(), Decision::Go)
            .unwrap()
            .condition_tasks
            .is_empty()
    );
    let refused = decide(Vec::new(), Decision::GoWithConditions).unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::InvalidInput);
    assert!(
        refused.to_string().contains("needs its conditions"),
        "{refused}"
    );
}
