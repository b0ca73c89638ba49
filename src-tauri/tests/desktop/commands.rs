//! Every command is registered and answers through the IPC; failures arrive as typed
//! `{ kind, message }` errors. Runs on a temporary real database.

use golive::store::Store;
use golive_desktop::commands::{COMMANDS, Db, evidence, items, plans, settings, timeline};
use golive_desktop::dto::{CommandError, ItemChangeDto, NewPlanDto};
use serde_json::{Value, json};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct Fixture {
    _dir: tempfile::TempDir,
    app: App<MockRuntime>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("golive.db")).unwrap();
    let app = golive_desktop::with_commands(mock_builder(), store)
        .build(mock_context(noop_assets()))
        .unwrap();
    Fixture { _dir: dir, app }
}

fn window(app: &App<MockRuntime>) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, "main", Default::default())
        .build()
        .unwrap()
}

fn invoke(w: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

fn new_plan(name: &str) -> NewPlanDto {
    NewPlanDto {
        name: name.into(),
        client: Some("Acme".into()),
        launch_local: "2031-03-17 09:00".into(),
        zone: "Europe/Berlin".into(),
        pentest: None,
        working_days: vec![],
    }
}

fn kind<T: std::fmt::Debug>(r: Result<T, CommandError>) -> String {
    r.unwrap_err().kind
}

fn block<T>(f: impl std::future::Future<Output = T>) -> T {
    tauri::async_runtime::block_on(f)
}

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

    let err = invoke(&w, "plan_board", json!({ "id": 4242 })).unwrap_err();
    assert_eq!(err["kind"], "plan-not-found", "{err}");
    assert!(err["message"].as_str().unwrap().len() > 10);
}

#[test]
fn commands_change_the_store_and_fail_with_kinds() {
    let f = fixture();
    let db = || f.app.state::<Db>();
    let plan = block(plans::create_plan(db(), new_plan("Acme DE"))).unwrap();
    let board = block(plans::plan_board(db(), plan.id)).unwrap();
    let task = board.tasks[0].id.clone();

    let done = ItemChangeDto {
        status: Some("done".into()),
        ..Default::default()
    };
    let t = block(items::update_item(db(), plan.id, task.clone(), done)).unwrap();
    assert_eq!(t.status, "done");
    block(evidence::add_note(
        db(),
        plan.id,
        task.clone(),
        "**Shared** with the team".into(),
    ))
    .unwrap();
    let notes = block(evidence::list_evidence(db(), plan.id, task.clone())).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, "note");

    let preview = block(timeline::preview_reschedule(
        db(),
        plan.id,
        "2031-04-14 09:00".into(),
        "Europe/Berlin".into(),
    ))
    .unwrap();
    assert!(!preview.is_empty());
    assert!(preview.iter().all(|m| m.new > m.old));
    let moved = block(timeline::reschedule(
        db(),
        plan.id,
        "2031-04-14 09:00".into(),
        "Europe/Berlin".into(),
    ))
    .unwrap();
    assert_eq!(moved, preview);
    let history = block(timeline::history(db(), plan.id, Some(task.clone()))).unwrap();
    assert!(history.iter().any(|e| e.field.as_deref() == Some("status")));

    let copy = block(plans::duplicate_plan(db(), plan.id, "Acme copy".into())).unwrap();
    block(plans::archive_plan(db(), copy.id, true)).unwrap();
    assert_eq!(block(plans::list_plans(db(), false)).unwrap().len(), 1);
    assert_eq!(block(plans::list_plans(db(), true)).unwrap().len(), 2);
    block(plans::delete_plan(db(), copy.id)).unwrap();

    assert_eq!(kind(block(plans::plan_board(db(), 999))), "plan-not-found");
    let mut bad = new_plan("Bad zone");
    bad.zone = "Mars/Olympus".into();
    assert_eq!(kind(block(plans::create_plan(db(), bad))), "invalid-launch");
    assert_eq!(
        kind(block(plans::create_plan(db(), new_plan("Acme DE")))),
        "duplicate-plan-name"
    );
    let wrong = ItemChangeDto {
        status: Some("finished".into()),
        ..Default::default()
    };
    assert_eq!(
        kind(block(items::update_item(
            db(),
            plan.id,
            task.clone(),
            wrong
        ))),
        "invalid-status"
    );
    let open = ItemChangeDto {
        status: Some("todo".into()),
        ..Default::default()
    };
    assert_eq!(
        kind(block(items::update_item(
            db(),
            plan.id,
            "NOPE-1".into(),
            open
        ))),
        "unknown-task"
    );
    assert_eq!(
        kind(block(evidence::add_link(
            db(),
            plan.id,
            task.clone(),
            "not a url".into(),
            None
        ))),
        "invalid-input"
    );
    assert_eq!(
        kind(block(evidence::open_evidence_file(
            f.app.handle().clone(),
            db(),
            plan.id,
            77
        ))),
        "not-found"
    );

    let mut s = block(settings::get_settings(db())).unwrap();
    s.default_zone = "Nowhere/Land".into();
    assert_eq!(
        kind(block(settings::save_settings(db(), s.clone()))),
        "invalid-zone"
    );
    s.default_zone = "Europe/Berlin".into();
    s.working_days = vec![];
    assert_eq!(
        kind(block(settings::save_settings(db(), s.clone()))),
        "invalid-calendar"
    );
    s.working_days = vec!["mon".into(), "wed".into()];
    s.reminders = false;
    let saved = block(settings::save_settings(db(), s)).unwrap();
    assert_eq!(saved.working_days, ["mon", "wed"]);
    assert!(
        block(settings::due_reminders(db())).unwrap().is_empty(),
        "reminders are off"
    );
}

#[test]
fn backup_writes_a_database_that_opens() {
    let f = fixture();
    block(plans::create_plan(
        f.app.state::<Db>(),
        new_plan("Backed up"),
    ))
    .unwrap();
    let dest = f._dir.path().join("copy.db");
    let written = block(settings::backup_now(f.app.handle().clone(), dest.clone())).unwrap();
    assert_eq!(written, dest.display().to_string());
    let copy = Store::open(&dest).unwrap();
    assert_eq!(copy.list_plans(false).unwrap().len(), 1);
}
