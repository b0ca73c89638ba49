//! A plan's own tasks through the IPC, as the UI sends them: add with a due rule, edit,
//! the circle and evidence refusals with their kinds, the board's new schedule fields.

use golive::error::ErrorKind;
use serde_json::json;

use crate::support::{fixture, invoke, window};

#[test]
fn own_tasks_travel_through_the_ipc() {
    let f = fixture();
    let w = window(&f.app);
    let plan = f.plan("Own tasks");
    let added = invoke(
        &w,
        "add_own_task",
        json!({ "planId": plan, "task": {
            "title": "Klarna production credentials", "phase": "2w", "area": "APP",
            "due": { "kind": "offset", "value": -20 }, "blocking": true,
            "depends_on": ["CLO-12"] } }),
    )
    .unwrap();
    assert_eq!(added["id"], "X-01");
    assert_eq!(added["own"], true);
    assert_eq!(added["due_rule"], json!({ "kind": "offset", "value": -20 }));
    assert!(added["start"].as_str().unwrap() <= added["due"].as_str().unwrap());

    let second = invoke(
        &w,
        "add_own_task",
        json!({ "planId": plan, "task": {
            "title": "Brief the call centre", "phase": "2w", "area": "GEN",
            "due": { "kind": "date", "value": "2031-03-03" }, "depends_on": ["X-01"] } }),
    )
    .unwrap();
    assert_eq!(second["due"], "2031-03-03");
    let cycle = invoke(
        &w,
        "edit_own_task",
        json!({ "planId": plan, "taskId": "X-01", "edit": { "depends_on": ["X-02"] } }),
    )
    .unwrap_err();
    assert_eq!(cycle["kind"], ErrorKind::DependencyCycle.as_str());
    assert!(
        cycle["message"].as_str().unwrap().contains("X-0"),
        "{cycle}"
    );

    let edited = invoke(
        &w,
        "edit_own_task",
        json!({ "planId": plan, "taskId": "X-01", "edit": { "title": "Klarna live keys" } }),
    )
    .unwrap();
    assert_eq!(edited["title"], "Klarna live keys");

    invoke(
        &w,
        "add_note",
        json!({ "planId": plan, "taskId": "X-01", "markdown": "Requested" }),
    )
    .unwrap();
    let refused = invoke(
        &w,
        "remove_own_task",
        json!({ "planId": plan, "taskId": "X-01", "confirmed": false }),
    )
    .unwrap_err();
    assert_eq!(refused["kind"], ErrorKind::HasEvidence.as_str());
    let removed = invoke(
        &w,
        "remove_own_task",
        json!({ "planId": plan, "taskId": "X-01", "confirmed": true }),
    )
    .unwrap();
    assert_eq!(removed["evidence_kept"], 1);

    let board = invoke(&w, "plan_board", json!({ "id": plan })).unwrap();
    let tasks = board["tasks"].as_array().unwrap();
    assert!(tasks.iter().all(|t| t["id"] != "X-01"));
    assert!(tasks.iter().any(|t| t["critical"] == true));
    assert!(board["conflicts"].as_array().unwrap().is_empty());
}

#[test]
fn the_runbook_travels_through_the_ipc() {
    let f = fixture();
    let w = window(&f.app);
    let plan = f.plan("Runbook");
    let book = invoke(&w, "runbook", json!({ "planId": plan })).unwrap();
    let steps = book["steps"].as_array().unwrap();
    assert_eq!(steps[0]["id"], "deploy");
    assert_eq!(steps[0]["at_text"], "T−4h");
    assert_eq!(steps[0]["state"], "current");
    let checked = invoke(
        &w,
        "check_runbook_step",
        json!({ "planId": plan, "stepId": "deploy", "undo": false }),
    )
    .unwrap();
    assert!(checked["steps"][0]["checked_at"].is_string());
    assert_eq!(checked["steps"][0]["state"], "done");
    let added = invoke(
        &w,
        "add_runbook_step",
        json!({ "planId": plan, "step": { "title": "Brief the call centre", "at_minutes": -15 } }),
    )
    .unwrap();
    assert!(
        added["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "R-01")
    );
    let edited = invoke(
        &w,
        "edit_runbook_step",
        json!({ "planId": plan, "stepId": "R-01", "edit": { "at_minutes": -10 } }),
    )
    .unwrap();
    let step = edited["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "R-01")
        .unwrap()
        .clone();
    assert_eq!(step["at_text"], "T−10m");
    // The desktop's editor sends the linked task and the DNS switch as an edit too.
    let moved = invoke(
        &w,
        "edit_runbook_step",
        json!({ "planId": plan, "stepId": "R-01", "edit": { "task_id": "CLO-14", "dns_switch": true } }),
    )
    .unwrap();
    let switches: Vec<&str> = moved["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["dns_switch"] == true)
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(switches, ["R-01"], "one DNS switch per runbook");
    let bad_task = invoke(
        &w,
        "edit_runbook_step",
        json!({ "planId": plan, "stepId": "R-01", "edit": { "task_id": "NOPE-1" } }),
    )
    .unwrap_err();
    assert_eq!(bad_task["kind"], ErrorKind::InvalidInput.as_str());
    assert!(
        bad_task["message"]
            .as_str()
            .unwrap()
            .contains("no task \"NOPE-1\""),
        "{bad_task}"
    );
    let removed = invoke(
        &w,
        "remove_runbook_step",
        json!({ "planId": plan, "stepId": "R-01" }),
    )
    .unwrap();
    assert!(
        removed["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["id"] != "R-01")
    );
    let restored = invoke(
        &w,
        "restore_runbook_step",
        json!({ "planId": plan, "stepId": "R-01" }),
    )
    .unwrap();
    assert!(
        restored["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "R-01" && s["dns_switch"] == true),
        "the Undo of a removal puts the step back as it was"
    );
    let unknown = invoke(
        &w,
        "check_runbook_step",
        json!({ "planId": plan, "stepId": "lunch", "undo": false }),
    )
    .unwrap_err();
    assert_eq!(unknown["kind"], ErrorKind::InvalidInput.as_str());
    assert!(book["old_shop"]["keep_until"].is_string());
}
