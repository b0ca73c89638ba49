//! Every command is registered and answers through the IPC; failures arrive as typed
//! `{ kind, message }` errors. Runs on a temporary real database.

use golive::error::ErrorKind;
use golive::plan::Status;
use golive::store::{EventKind, EvidenceKind, Store};
use golive_desktop::commands::{COMMANDS, evidence, items, plans, settings, timeline};
use golive_desktop::dto::ItemChangeDto;
use serde_json::json;

use crate::support::{block, fixture, invoke, kind, new_plan, window};

#[test]
fn every_command_is_registered() {
    let f = fixture();
    let w = window(&f.app);
    for cmd in COMMANDS {
        // No arguments: a registered command answers with an argument error (or a result),
        // an unknown one with "not found".
        let answer = invoke(&w, cmd, json!({}));
        if let Err(e) = &answer {
            let text = e.to_string();
            assert!(
                !text.contains("not found"),
                "{cmd} is not registered: {text}"
            );
        }
    }
    let unknown = invoke(&w, "no_such_command", json!({})).unwrap_err();
    assert!(unknown.to_string().contains("not found"), "{unknown}");
}

#[test]
fn ipc_round_trip_and_typed_error_shape() {
    let f = fixture();
    let w = window(&f.app);
    let plan = invoke(
        &w,
        "create_plan",
        json!({ "plan": {
        "name": "Shop", "client": null, "launch_local": "2031-03-17 09:00",
        "zone": "Europe/Berlin", "pentest": null, "working_days": [] } }),
    )
    .unwrap();
    let id = plan["id"].as_i64().unwrap();
    let board = invoke(&w, "plan_board", json!({ "id": id })).unwrap();
    assert!(board["tasks"].as_array().unwrap().len() > 50);
    assert_eq!(board["plan"]["launch_local"], "2031-03-17 09:00");
    // The vocabulary travels as the library's serde keys, e.g. "n/a" and "8w".
    assert_eq!(board["tasks"][0]["status"], "todo");
    assert_eq!(board["readiness"]["verdict"], "not-ready");
    let phases = board["readiness"]["phases"].as_array().unwrap();
    assert_eq!(phases[0]["phase"], "8w");
    let total: u64 = phases
        .iter()
        .map(|p| p["counts"]["total"].as_u64().unwrap())
        .sum();
    assert_eq!(
        total,
        board["readiness"]["counts"]["total"].as_u64().unwrap()
    );

    let err = invoke(&w, "plan_board", json!({ "id": 4242 })).unwrap_err();
    assert_eq!(err["kind"], "plan-not-found", "{err}");
    assert!(err["message"].as_str().unwrap().len() > 10);

    // A status outside the vocabulary does not get past the door.
    let task = board["tasks"][0]["id"].clone();
    let wrong = invoke(
        &w,
        "update_item",
        json!({ "planId": id, "taskId": task, "change": { "status": "finished" } }),
    )
    .unwrap_err();
    assert!(wrong.to_string().contains("unknown variant"), "{wrong}");
}

#[test]
fn the_vocabulary_has_every_key_with_the_librarys_words() {
    let f = fixture();
    let w = window(&f.app);
    let words = invoke(&w, "vocabulary", json!({})).unwrap();
    let label = |list: &str, key: &str| {
        words[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["key"] == key)
            .map(|t| t["label"].as_str().unwrap().to_string())
    };
    assert_eq!(
        words["statuses"].as_array().unwrap().len(),
        Status::ALL.len()
    );
    assert_eq!(label("statuses", "n/a").as_deref(), Some("Not applicable"));
    assert_eq!(
        label("verdicts", "ready-with-risks").as_deref(),
        Some("Ready with risks")
    );
    assert_eq!(
        label("phases", "launch-day").as_deref(),
        Some("Go-live day")
    );
    assert_eq!(label("areas", "TR").as_deref(), Some("Training"));
    assert_eq!(label("decisions", "no-go").as_deref(), Some("No-Go"));
    assert_eq!(
        label("checks", "tls-expiry").as_deref(),
        Some("TLS certificate expiry")
    );
    assert_eq!(
        label("probe_verdicts", "error").as_deref(),
        Some("Could not check")
    );
    // In the library's order: the checklist and the timeline list phases this way.
    let phases: Vec<_> = words["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(phases, ["8w", "4w", "2w", "launch-day", "post-launch"]);
}

#[test]
fn commands_change_the_store_and_fail_with_kinds() {
    let f = fixture();
    let ws = || f.ws();
    let plan = block(plans::create_plan(ws(), new_plan("Acme DE"))).unwrap();
    let board = block(plans::plan_board(ws(), plan.id)).unwrap();
    let task = board.tasks[0].id.clone();

    let done = ItemChangeDto {
        status: Some(Status::Done),
        ..Default::default()
    };
    let t = block(items::update_item(ws(), plan.id, task.clone(), done)).unwrap();
    assert_eq!(t.status, Status::Done);
    block(evidence::add_note(
        ws(),
        plan.id,
        task.clone(),
        "**Shared** with the team".into(),
    ))
    .unwrap();
    let notes = block(evidence::list_evidence(ws(), plan.id, task.clone())).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, EvidenceKind::Note);
    assert!(!notes[0].gid.is_empty());

    let preview = block(timeline::preview_reschedule(
        ws(),
        plan.id,
        "2031-04-14 09:00".into(),
        "Europe/Berlin".into(),
    ))
    .unwrap();
    assert!(!preview.is_empty());
    assert!(preview.iter().all(|m| m.new > m.old));
    let moved = block(timeline::reschedule(
        ws(),
        plan.id,
        "2031-04-14 09:00".into(),
        "Europe/Berlin".into(),
    ))
    .unwrap();
    assert_eq!(moved, preview);
    let history = block(timeline::history(ws(), plan.id, Some(task.clone()))).unwrap();
    let status = history
        .iter()
        .find(|e| e.field.as_deref() == Some("status"))
        .unwrap();
    assert_eq!(status.kind, EventKind::Updated);
    assert_eq!(
        status.sentence, "Status: To do → Done",
        "the library's words"
    );
    assert!(
        history
            .iter()
            .any(|e| e.sentence.starts_with("Added a note: Shared with the team")),
        "{history:?}"
    );

    let copy = block(plans::duplicate_plan(ws(), plan.id, "Acme copy".into())).unwrap();
    block(plans::archive_plan(ws(), copy.id, true)).unwrap();
    assert_eq!(block(plans::list_plans(ws(), false)).unwrap().len(), 1);
    assert_eq!(block(plans::list_plans(ws(), true)).unwrap().len(), 2);
    block(plans::delete_plan(ws(), copy.id)).unwrap();

    assert_eq!(
        kind(block(plans::plan_board(ws(), 999))),
        ErrorKind::PlanNotFound
    );
    let mut bad = new_plan("Bad zone");
    bad.zone = "Mars/Olympus".into();
    assert_eq!(
        kind(block(plans::create_plan(ws(), bad))),
        ErrorKind::InvalidLaunch
    );
    let mut no_days = new_plan("Bad days");
    no_days.working_days = vec!["someday".into()];
    assert_eq!(
        kind(block(plans::create_plan(ws(), no_days))),
        ErrorKind::InvalidCalendar
    );
    assert_eq!(
        kind(block(plans::create_plan(ws(), new_plan("Acme DE")))),
        ErrorKind::DuplicatePlanName
    );
    let open = ItemChangeDto {
        status: Some(Status::Todo),
        ..Default::default()
    };
    assert_eq!(
        kind(block(items::update_item(
            ws(),
            plan.id,
            "NOPE-1".into(),
            open
        ))),
        ErrorKind::UnknownTask
    );
    assert_eq!(
        kind(block(evidence::add_link(
            ws(),
            plan.id,
            task.clone(),
            "not a url".into(),
            None
        ))),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        kind(block(evidence::open_evidence_file(
            f.app.handle().clone(),
            ws(),
            plan.id,
            77
        ))),
        ErrorKind::NotFound
    );

    let mut s = block(settings::get_settings(ws())).unwrap();
    s.default_zone = "Nowhere/Land".into();
    assert_eq!(
        kind(block(settings::save_settings(ws(), s.clone()))),
        ErrorKind::InvalidZone
    );
    s.default_zone = "Europe/Berlin".into();
    s.working_days = vec![];
    assert_eq!(
        kind(block(settings::save_settings(ws(), s.clone()))),
        ErrorKind::InvalidCalendar
    );
    s.working_days = vec!["mon".into(), "wed".into()];
    s.reminders = false;
    let saved = block(settings::save_settings(ws(), s)).unwrap();
    assert_eq!(saved.working_days, ["mon", "wed"]);
    assert!(
        block(settings::due_reminders(ws())).unwrap().is_empty(),
        "reminders are off"
    );
    // New plans start with the user's working days.
    let later = block(plans::create_plan(ws(), new_plan("Two days a week"))).unwrap();
    assert_eq!(later.working_days, ["mon", "wed"]);
}

#[test]
fn backup_writes_a_database_that_opens() {
    let f = fixture();
    f.plan("Backed up");
    let dest = f.dir.path().join("copy.db");
    let written = block(settings::backup_now(f.app.handle().clone(), dest.clone())).unwrap();
    assert_eq!(written, dest.display().to_string());
    let copy = Store::open(&dest).unwrap();
    assert_eq!(copy.list_plans(false).unwrap().len(), 1);
}
