//! A plan's own tasks through the operations, on a real database: ids that never clash or
//! come back, behaving as template tasks in the timeline and the verdict, dependencies and
//! their circles, removal that asks first and keeps the history, a template update and a
//! plan bundle that keep them.

use golive::catalog::{Area, BUILTIN_TEMPLATE_TOML, Phase};
use golive::error::ErrorKind;
use golive::ops::Workspace;
use golive::plan::{OwnDue, OwnTask, ReasonKind, Status};
use golive::store::{EventKind, ItemChange, NewEvidence, OwnTaskEdit};

use crate::common::{TestDb, day};

fn workspace() -> (tempfile::TempDir, Workspace, i64) {
    let mut db = TestDb::new();
    let plan = db.plan("Own tasks", "2027-06-07 09:00");
    let TestDb { dir, store } = db;
    (dir, Workspace::new(store), plan.id)
}

fn klarna() -> OwnTask {
    OwnTask {
        blocking: true,
        due: OwnDue::Offset(-20),
        guidance: "Ask **Klarna** for the live keys.".into(),
        evidence: "Keys stored in the vault".into(),
        depends_on: vec!["clo-12".into()],
        ..OwnTask::new("Klarna production credentials", Phase::TwoWeeks, Area::App)
    }
}

#[test]
fn own_tasks_get_their_own_ids_and_behave_as_template_tasks() {
    let (_dir, ws, plan) = workspace();
    let first = ws.add_own_task(plan, klarna()).unwrap();
    assert_eq!(first.task.id, "X-01");
    assert_eq!(first.task.depends_on, vec!["CLO-12"], "ids are resolved");
    // 20 days before Mon 7 June 2027 is Tue 18 May, a working day.
    assert_eq!(first.due, day("2027-05-18"));
    assert!(first.task.is_own());
    let second = ws
        .add_own_task(
            plan,
            OwnTask::new("Brief the call centre", Phase::LaunchDay, Area::Gen),
        )
        .unwrap();
    assert_eq!(second.task.id, "X-02");

    let board = ws.board(plan, None).unwrap();
    assert_eq!(board.snapshot.items.len(), 89 + 2);
    let blocking = board
        .readiness
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::BlockingOpen)
        .unwrap();
    assert!(blocking.task_ids.contains(&"X-01".to_string()));
    // Status and owner go through the same door as for template tasks.
    let done = ws
        .change_task(
            plan,
            "X-01",
            &ItemChange {
                status: Some(Status::Done),
                owner: Some(Some("Payments team".into())),
                ..ItemChange::default()
            },
        )
        .unwrap();
    assert_eq!(done.item.status, Status::Done);

    // A fixed date stays where it is when the launch moves.
    let edited = ws
        .edit_own_task(
            plan,
            "x-02",
            &OwnTaskEdit {
                phase: Some(Phase::TwoWeeks),
                due: Some(OwnDue::Date(day("2027-05-20"))),
                ..OwnTaskEdit::default()
            },
        )
        .unwrap();
    assert_eq!(edited.due, day("2027-05-20"));
    let moved = ws
        .reschedule(
            plan,
            golive::plan::Launch::parse("2027-06-21 09:00", "Europe/Berlin").unwrap(),
        )
        .unwrap();
    assert!(moved.iter().any(|m| m.task_id == "X-01"));
    assert!(moved.iter().all(|m| m.task_id != "X-02"));

    let history = ws.history(plan, Some("X-02")).unwrap();
    let sentences: Vec<String> = history.iter().map(|e| e.sentence()).collect();
    assert_eq!(history[0].kind, EventKind::OwnTaskAdded);
    assert!(
        sentences.contains(&"Phase: Go-live day → Two weeks before".to_string()),
        "{sentences:?}"
    );
    assert!(
        sentences
            .iter()
            .any(|s| s.starts_with("Due: phase deadline → 2027-05-20")),
        "{sentences:?}"
    );
}

#[test]
fn bad_own_tasks_are_refused_with_what_to_do() {
    let (_dir, ws, plan) = workspace();
    let empty = ws
        .add_own_task(plan, OwnTask::new("  ", Phase::TwoWeeks, Area::App))
        .unwrap_err();
    assert_eq!(empty.kind(), ErrorKind::InvalidInput);
    assert!(empty.to_string().contains("needs a title"), "{empty}");
    let mut unknown = klarna();
    unknown.depends_on = vec!["CLO-99".into()];
    let err = ws.add_own_task(plan, unknown).unwrap_err();
    assert!(err.to_string().contains("\"CLO-99\""), "{err}");
    let mut probe = klarna();
    probe.probes = vec!["ping".into()];
    assert_eq!(
        ws.add_own_task(plan, probe).unwrap_err().kind(),
        ErrorKind::UnknownCheck
    );
    // A template task cannot be edited as an own task.
    let err = ws
        .edit_own_task(
            plan,
            "GEN-01",
            &OwnTaskEdit {
                title: Some("x".into()),
                ..OwnTaskEdit::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("golive item set"), "{err}");

    // A circle through two own tasks is refused with the ids in it.
    ws.add_own_task(plan, klarna()).unwrap();
    let mut second = klarna();
    second.depends_on = vec!["X-01".into()];
    ws.add_own_task(plan, second).unwrap();
    let err = ws
        .edit_own_task(
            plan,
            "X-01",
            &OwnTaskEdit {
                depends_on: Some(vec!["X-02".into()]),
                ..OwnTaskEdit::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DependencyCycle);
    assert!(
        err.to_string().contains("X-01 → X-02 → X-01")
            || err.to_string().contains("X-02 → X-01 → X-02"),
        "{err}"
    );
}

#[test]
fn removing_an_own_task_with_evidence_asks_first_and_keeps_the_history() {
    let (_dir, ws, plan) = workspace();
    ws.add_own_task(plan, klarna()).unwrap();
    ws.add_evidence(plan, "X-01", NewEvidence::Note("Keys requested".into()))
        .unwrap();
    let err = ws.remove_own_task(plan, "X-01", false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::HasEvidence);
    assert!(
        ws.board(plan, None)
            .unwrap()
            .snapshot
            .item("X-01")
            .is_some()
    );

    let removed = ws.remove_own_task(plan, "X-01", true).unwrap();
    assert_eq!(removed.evidence_kept, 1);
    let board = ws.board(plan, None).unwrap();
    assert!(board.snapshot.item("X-01").is_none());
    assert!(
        ws.retired_tasks(plan).unwrap().is_empty(),
        "not a template retirement"
    );
    let history = ws.history(plan, Some("X-01")).unwrap();
    assert_eq!(history.last().unwrap().kind, EventKind::OwnTaskRemoved);
    assert!(history.iter().any(|e| e.kind == EventKind::EvidenceAdded));
    // The id is never given again.
    let next = ws.add_own_task(plan, klarna()).unwrap();
    assert_eq!(next.task.id, "X-02");
}

#[test]
fn own_tasks_survive_a_template_update_and_travel_in_a_bundle() {
    let (dir, ws, plan) = workspace();
    ws.add_own_task(plan, klarna()).unwrap();
    // A new version that drops CLO-12, which X-01 depends on.
    let text = BUILTIN_TEMPLATE_TOML.replacen("version = \"", "version = \"2099.", 1);
    let start = text.find("id = \"CLO-12\"").unwrap();
    let block_start = text[..start].rfind("[[task]]").unwrap();
    let block_end = text[start..]
        .find("[[task]]")
        .map_or(text.len(), |e| start + e);
    let mut newer = text.clone();
    newer.replace_range(block_start..block_end, "");
    // Whatever depended on CLO-12 in the template no longer does.
    let newer = newer.replace("depends_on = [\"CLO-12\"]", "");
    let path = dir.path().join("newer.toml");
    std::fs::write(&path, &newer).unwrap();
    let diff = ws.apply_template(plan, &path).unwrap();
    assert!(diff.removed.contains(&"CLO-12".to_string()));
    assert!(!diff.removed.iter().any(|id| id.starts_with("X-")));
    let board = ws.board(plan, None).unwrap();
    let own = board.snapshot.item("X-01").unwrap();
    assert!(
        own.task.depends_on.is_empty(),
        "a retired prerequisite is dropped"
    );

    let bundle = dir.path().join("plan.golive");
    ws.export_bundle(plan, &bundle).unwrap();
    let other = TestDb::new();
    let TestDb {
        dir: _other_dir,
        store,
    } = other;
    let there = Workspace::new(store);
    let outcome = there.import_bundle(&bundle, false, None).unwrap();
    let copy = there.board(outcome.plan_id, None).unwrap();
    let travelled = copy.snapshot.item("X-01").unwrap();
    assert_eq!(travelled.task.title, "Klarna production credentials");
    assert_eq!(travelled.due, own.due);
    assert_eq!(
        there.own_tasks(outcome.plan_id).unwrap(),
        ws.own_tasks(plan).unwrap()
    );
}
