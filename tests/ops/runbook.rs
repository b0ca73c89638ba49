//! The go-live day's runbook through the operations, on a real database: the template's
//! steps at their clock times, a check-off with its exact time and author, missed
//! checkpoints given "now", the plan's own steps, moved steps, the DNS switch's 72-hour
//! clock, and every change in the history.

use chrono::{DateTime, Utc};
use golive::ops::Workspace;
use golive::plan::StepState;
use golive::store::{EventKind, NewRunbookStep, RunbookEdit};

use crate::common::TestDb;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn the_go_live_day_runs_by_the_clock() {
    let mut db = TestDb::new();
    // 09:00 in Berlin in June is 07:00 UTC.
    let plan = db.plan("Runbook", "2027-06-07 09:00").id;
    db.store.set_user_name("Dana").unwrap();
    let TestDb { dir: _dir, store } = db;
    let ws = Workspace::new(store);

    let book = ws.runbook(plan, Some(at("2027-06-07T02:00:00Z"))).unwrap();
    let ids: Vec<&str> = book.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids[..3], ["deploy", "dns-switch", "e2e-production"]);
    let deploy = book.step("deploy").unwrap();
    assert_eq!(
        (deploy.at_text.as_str(), deploy.local_time.as_str()),
        ("T−4h", "05:00")
    );
    assert_eq!(deploy.owner.as_deref(), Some("DevOps"));
    assert!(deploy.checkpoint.is_some());
    assert_eq!(book.current.as_deref(), Some("deploy"));
    assert_eq!(book.minutes_to_launch, 300);

    let checked = ws.check_runbook_step(plan, "deploy", false).unwrap();
    let deploy = checked.step("deploy").unwrap();
    let when = deploy.checked_at.expect("the exact time is recorded");
    assert!((Utc::now() - when).num_seconds().abs() < 5);
    assert_eq!(deploy.checked_by.as_deref(), Some("Dana"));

    // Late on the day, the end-to-end test's go/no-go has passed without a check-off.
    let later = ws.runbook(plan, Some(at("2027-06-07T06:30:00Z"))).unwrap();
    assert_eq!(later.missed, vec!["e2e-production"]);
    assert_eq!(later.step("dns-switch").unwrap().state, StepState::Late);
    let clock = later.old_shop.clone().unwrap();
    assert!(!clock.switched);
    assert_eq!(
        clock.keep_until,
        at("2027-06-08T05:00:00Z") + chrono::Duration::hours(48)
    );

    ws.edit_runbook_step(
        plan,
        "e2e-production",
        &RunbookEdit {
            at_minutes: Some(-20),
            owner: Some("Mira (QA)".into()),
            ..RunbookEdit::default()
        },
    )
    .unwrap();
    let moved = ws.runbook(plan, Some(at("2027-06-07T06:30:00Z"))).unwrap();
    assert!(moved.missed.is_empty(), "the checkpoint moved to T−20m");
    assert_eq!(
        moved.step("e2e-production").unwrap().owner.as_deref(),
        Some("Mira (QA)")
    );

    let added = ws
        .add_runbook_step(
            plan,
            NewRunbookStep {
                title: "Brief the call centre".into(),
                at_minutes: -15,
                owner: Some("Support lead".into()),
                ..NewRunbookStep::default()
            },
        )
        .unwrap();
    let own = added.step("R-01").unwrap();
    assert!(own.own);
    assert_eq!(own.local_time, "08:45");
    ws.remove_runbook_step(plan, "R-01").unwrap();
    assert!(ws.runbook(plan, None).unwrap().step("R-01").is_none());
    // The desktop's Undo of a removal: the step comes back as it was.
    let back = ws.restore_runbook_step(plan, "R-01").unwrap();
    let own = back.step("R-01").expect("R-01 is back");
    assert_eq!(
        (own.at_text.as_str(), own.owner.as_deref()),
        ("T−15m", Some("Support lead"))
    );
    let err = ws.restore_runbook_step(plan, "R-01").unwrap_err();
    assert!(err.to_string().contains("only a removed step"), "{err}");
    let err = ws.restore_runbook_step(plan, "R-09").unwrap_err();
    assert!(
        err.to_string().contains("no removed step \"R-09\""),
        "{err}"
    );
    ws.remove_runbook_step(plan, "R-01").unwrap();

    let err = ws.check_runbook_step(plan, "lunch", false).unwrap_err();
    assert!(err.to_string().contains("its steps are deploy"), "{err}");
    let err = ws
        .add_runbook_step(
            plan,
            NewRunbookStep {
                title: "Far away".into(),
                at_minutes: 60 * 72,
                ..NewRunbookStep::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("within 48 hours"), "{err}");

    let history = ws.history(plan, None).unwrap();
    let kinds: Vec<EventKind> = history.iter().map(|e| e.kind).collect();
    for kind in [
        EventKind::RunbookStepChecked,
        EventKind::RunbookStepAdded,
        EventKind::RunbookStepRemoved,
    ] {
        assert!(kinds.contains(&kind), "{kind} missing");
    }
    let sentences: Vec<String> = history.iter().map(|e| e.sentence()).collect();
    assert!(
        sentences.contains(&"Runbook time: T−1h → T−20m".to_string()),
        "{sentences:?}"
    );
}

/// The desktop's editor changes every field of a step, so an edit carries the linked task and
/// the DNS-switch mark too, and a runbook keeps one DNS switch (its 72-hour clock has one start).
#[test]
fn an_edit_links_a_task_and_moves_the_dns_switch() {
    let mut db = TestDb::new();
    let plan = db.plan("Runbook edit", "2027-06-07 09:00").id;
    let TestDb { dir: _dir, store } = db;
    let ws = Workspace::new(store);

    let book = ws
        .add_runbook_step(
            plan,
            NewRunbookStep {
                title: "Switch DNS at the registrar".into(),
                at_minutes: -90,
                dns_switch: true,
                ..NewRunbookStep::default()
            },
        )
        .unwrap();
    let switches: Vec<&str> = book
        .steps
        .iter()
        .filter(|s| s.dns_switch)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        switches,
        ["R-01"],
        "the template's dns-switch gave up the mark"
    );
    assert_eq!(
        book.old_shop.unwrap().switched_at,
        at("2027-06-07T05:30:00Z"),
        "the clock starts at the new switch, T−1h30m"
    );

    let book = ws
        .edit_runbook_step(
            plan,
            "dns-switch",
            &RunbookEdit {
                dns_switch: Some(true),
                task: Some(String::new()),
                owner: Some(String::new()),
                ..RunbookEdit::default()
            },
        )
        .unwrap();
    let template_step = book.step("dns-switch").unwrap();
    assert!(template_step.dns_switch);
    assert_eq!(
        template_step.task, None,
        "\"\" unlinks the template's CLO-14"
    );
    assert_eq!(
        template_step.owner, None,
        "\"\" clears the owner, not sets it to \"\""
    );
    assert!(!book.step("R-01").unwrap().dns_switch);

    let book = ws
        .edit_runbook_step(
            plan,
            "R-01",
            &RunbookEdit {
                task: Some("CLO-14".into()),
                ..RunbookEdit::default()
            },
        )
        .unwrap();
    assert_eq!(book.step("R-01").unwrap().task.as_deref(), Some("CLO-14"));

    // The DNS switch removed, another step marked, then the removal undone: one switch still.
    ws.remove_runbook_step(plan, "dns-switch").unwrap();
    ws.edit_runbook_step(
        plan,
        "R-01",
        &RunbookEdit {
            dns_switch: Some(true),
            ..RunbookEdit::default()
        },
    )
    .unwrap();
    let back = ws.restore_runbook_step(plan, "dns-switch").unwrap();
    let switches: Vec<&str> = back
        .steps
        .iter()
        .filter(|s| s.dns_switch)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(switches, ["dns-switch"]);

    let err = ws
        .edit_runbook_step(
            plan,
            "R-01",
            &RunbookEdit {
                task: Some("NOPE-1".into()),
                ..RunbookEdit::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("no task \"NOPE-1\""), "{err}");

    let sentences: Vec<String> = ws
        .history(plan, None)
        .unwrap()
        .iter()
        .map(|e| e.sentence())
        .collect();
    assert!(
        sentences.iter().any(|s| s.contains("DNS switch: no → yes")),
        "{sentences:?}"
    );
    assert!(
        sentences.iter().any(|s| s == "Runbook task: — → CLO-14"),
        "{sentences:?}"
    );
}
