//! The commands for bulk edits, evidence corrections and people, through the IPC on a real
//! temporary database: one bulk call changes every task in one go and its undo puts each
//! task's own value back; a retracted link leaves the task's evidence count.

use serde_json::json;

use crate::support::{fixture, invoke, window};

fn owners(board: &serde_json::Value, ids: &[String]) -> Vec<serde_json::Value> {
    ids.iter()
        .map(|id| {
            board["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == id.as_str())
                .unwrap()["owner"]
                .clone()
        })
        .collect()
}

#[test]
fn update_items_changes_every_selected_task_at_once_and_undoes_with_each_old_value() {
    let f = fixture();
    let w = window(&f.app);
    let id = f.plan("Bulk");
    let board = invoke(&w, "plan_board", json!({ "id": id })).unwrap();
    let ids: Vec<String> = board["tasks"].as_array().unwrap()[..20]
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    invoke(
        &w,
        "update_item",
        json!({ "planId": id, "taskId": ids[0], "change": { "owner": "Mira" } }),
    )
    .unwrap();
    let before = owners(
        &invoke(&w, "plan_board", json!({ "id": id })).unwrap(),
        &ids,
    );

    let changes: Vec<_> = ids
        .iter()
        .map(|t| json!({ "task_id": t, "change": { "owner": "Client ops" } }))
        .collect();
    let changed = invoke(
        &w,
        "update_items",
        json!({ "planId": id, "changes": changes }),
    )
    .unwrap();
    assert_eq!(changed, 20);
    let after = invoke(&w, "plan_board", json!({ "id": id })).unwrap();
    assert!(owners(&after, &ids).iter().all(|o| o == "Client ops"));
    let history = invoke(&w, "history", json!({ "planId": id, "taskId": null })).unwrap();
    let owner_entries = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["field"] == "owner" && e["new"] == "Client ops")
        .count();
    assert_eq!(owner_entries, 20, "one history entry per task");

    let undo: Vec<_> = ids
        .iter()
        .zip(&before)
        .map(|(t, o)| json!({ "task_id": t, "change": { "owner": o } }))
        .collect();
    invoke(&w, "update_items", json!({ "planId": id, "changes": undo })).unwrap();
    let undone = invoke(&w, "plan_board", json!({ "id": id })).unwrap();
    assert_eq!(owners(&undone, &ids), before);

    // All or nothing: one unknown task refuses the whole change.
    let bad = json!([
        { "task_id": ids[0], "change": { "status": "done" } },
        { "task_id": "NOPE-99", "change": { "status": "done" } },
    ]);
    let err = invoke(&w, "update_items", json!({ "planId": id, "changes": bad })).unwrap_err();
    assert_eq!(err["kind"], "unknown-task", "{err}");
    let still = invoke(&w, "plan_board", json!({ "id": id })).unwrap();
    assert_eq!(still["tasks"][0]["status"], "todo");
}

#[test]
fn a_link_is_corrected_then_retracted_and_leaves_the_count() {
    let f = fixture();
    let w = window(&f.app);
    let id = f.plan("Evidence");
    let board = invoke(&w, "plan_board", json!({ "id": id })).unwrap();
    let task = board["tasks"][0]["id"].as_str().unwrap().to_string();
    let link = invoke(
        &w,
        "add_link",
        json!({ "planId": id, "taskId": task, "url": "status.exmaple.com", "title": null }),
    )
    .unwrap();
    assert_eq!(link["body"], "https://status.exmaple.com");
    let ev = link["id"].as_i64().unwrap();
    let fixed = invoke(
        &w,
        "edit_link",
        json!({ "planId": id, "evidenceId": ev, "url": "status.example.com", "title": "Status" }),
    )
    .unwrap();
    assert_eq!(fixed["body"], "https://status.example.com");
    assert!(fixed["edited_at"].is_string());
    let err = invoke(
        &w,
        "retract_evidence",
        json!({ "planId": id, "evidenceId": ev, "reason": "" }),
    )
    .unwrap_err();
    assert_eq!(err["kind"], "invalid-input", "{err}");
    let gone = invoke(
        &w,
        "retract_evidence",
        json!({ "planId": id, "evidenceId": ev, "reason": "wrong task" }),
    )
    .unwrap();
    assert_eq!(gone["retract_reason"], "wrong task");
    let board = invoke(&w, "plan_board", json!({ "id": id })).unwrap();
    assert_eq!(board["tasks"][0]["evidence_count"], 0);
    let listed = invoke(&w, "list_evidence", json!({ "planId": id, "taskId": task })).unwrap();
    assert_eq!(listed[0]["retracted_by"], gone["retracted_by"]);
}

#[test]
fn people_are_listed_and_suggested_as_owners() {
    let f = fixture();
    let w = window(&f.app);
    let id = f.plan("People");
    invoke(
        &w,
        "add_person",
        json!({ "planId": id, "name": "Dana", "role": "Ops lead", "email": "dana@acme.example" }),
    )
    .unwrap();
    let people = invoke(&w, "list_people", json!({ "planId": id })).unwrap();
    assert_eq!(people[0]["name"], "Dana");
    let names = invoke(&w, "owner_suggestions", json!({ "planId": id })).unwrap();
    assert_eq!(names[0]["name"], "Dana");
    assert_eq!(names[0]["source"], "person");
    assert_eq!(names.as_array().unwrap().last().unwrap()["source"], "you");
    invoke(&w, "remove_person", json!({ "planId": id, "name": "dana" })).unwrap();
    let empty = invoke(&w, "list_people", json!({ "planId": id })).unwrap();
    assert_eq!(empty, json!([]));
}
