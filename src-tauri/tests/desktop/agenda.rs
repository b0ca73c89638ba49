//! The "This week" command: every active plan's soon, overdue and blocked tasks through the
//! IPC, one owner's with `owner`, archived plans and closed tasks left out.

use chrono::{Days, Utc};
use serde_json::{Value, json};

use crate::support::{fixture, invoke, window};

fn create(w: &tauri::WebviewWindow<tauri::test::MockRuntime>, name: &str, launch_in: u64) -> i64 {
    let launch = Utc::now()
        .date_naive()
        .checked_add_days(Days::new(launch_in))
        .unwrap();
    let plan = invoke(
        w,
        "create_plan",
        json!({ "plan": { "name": name, "client": "Acme", "launch_local": format!("{launch} 09:00"),
            "zone": "Europe/Berlin", "pentest": null, "working_days": [] } }),
    )
    .unwrap();
    plan["id"].as_i64().unwrap()
}

fn ids(plan: &Value) -> Vec<String> {
    plan["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["task_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn agenda_lists_each_active_plans_soon_overdue_and_blocked_tasks() {
    let f = fixture();
    let w = window(&f.app);
    // Launching in 30 days: most windows have passed, so much is overdue or due soon.
    let soon = create(&w, "Soon", 30);
    // Launching in five years: nothing due within two weeks, until a task is blocked.
    let later = create(&w, "Later", 5 * 365);
    let archived = create(&w, "Archived", 30);
    invoke(
        &w,
        "archive_plan",
        json!({ "id": archived, "archived": true }),
    )
    .unwrap();

    let board = invoke(&w, "plan_board", json!({ "id": later })).unwrap();
    let far = board["tasks"][0]["id"].as_str().unwrap().to_string();
    invoke(
        &w,
        "update_item",
        json!({ "planId": later, "taskId": far, "change": { "status": "blocked", "owner": " Mira " } }),
    )
    .unwrap();

    let all = invoke(&w, "agenda", json!({ "days": 13, "owner": null })).unwrap();
    let plans = all.as_array().unwrap();
    let names: Vec<&str> = plans
        .iter()
        .map(|p| p["plan_name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "archived plans stay out: {names:?}");
    assert!(
        names.contains(&"Soon") && names.contains(&"Later"),
        "{names:?}"
    );
    let soon_part = plans.iter().find(|p| p["plan_id"] == soon).unwrap();
    let today = soon_part["today"].as_str().unwrap();
    assert!(
        soon_part["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["overdue"] == true && t["due"].as_str().unwrap() < today),
        "a plan 30 days from launch has overdue tasks: {soon_part}"
    );
    let later_part = plans.iter().find(|p| p["plan_id"] == later).unwrap();
    assert_eq!(
        ids(later_part),
        [far.as_str()],
        "only the blocked task, whenever due"
    );
    assert_eq!(later_part["tasks"][0]["status"], "blocked");

    // Closing a task takes it off the agenda.
    let first = ids(soon_part)[0].clone();
    invoke(
        &w,
        "update_item",
        json!({ "planId": soon, "taskId": first, "change": { "status": "done" } }),
    )
    .unwrap();
    let after = invoke(&w, "agenda", json!({ "days": 13, "owner": null })).unwrap();
    let soon_after = after
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["plan_id"] == soon)
        .unwrap();
    assert!(
        !ids(soon_after).contains(&first),
        "a done task stays on the agenda"
    );

    // "My tasks": the owner's name, case and spaces ignored; a blank one means everyone.
    let mine = invoke(&w, "agenda", json!({ "days": 13, "owner": "mira" })).unwrap();
    let mine = mine.as_array().unwrap();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(ids(&mine[0]), [far]);
    let blank = invoke(&w, "agenda", json!({ "days": 13, "owner": "  " })).unwrap();
    assert_eq!(blank.as_array().unwrap().len(), 2);
}
