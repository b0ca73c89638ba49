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
