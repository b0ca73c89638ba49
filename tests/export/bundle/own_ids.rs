//! Own tasks numbered apart: each database gives a plan's own tasks its own `X-nn`, so two
//! machines can each have an X-01 that is another task. A merge keeps both.

use golive::catalog::{Area, Phase};
use golive::plan::{Condition, Decision, OwnTask};

use super::*;

/// Regression: a merge dropped the bundle's own task, with its evidence, when this plan had
/// given the same id to an own task of its own.
#[test]
fn own_tasks_numbered_apart_on_two_machines_both_survive_a_merge() {
    let a = machine("Anna");
    let b = machine("Ben");
    let plan = plan_on(&a);
    let first = a.db.with_file_name("first.golive");
    a.ws.export_bundle(plan, &first).unwrap();
    let on_b = b.ws.import_bundle(&first, false, None).unwrap().plan_id;

    let klarna =
        a.ws.add_own_task(
            plan,
            OwnTask::new("Klarna production credentials", Phase::TwoWeeks, Area::App),
        )
        .unwrap();
    let briefing =
        b.ws.add_own_task(
            on_b,
            OwnTask::new("Brief the call centre", Phase::LaunchDay, Area::Gen),
        )
        .unwrap();
    assert_eq!(
        (klarna.task.id.as_str(), briefing.task.id.as_str()),
        ("X-01", "X-01")
    );
    a.ws.add_evidence(plan, "X-01", NewEvidence::Note("keys in the vault".into()))
        .unwrap();
    // A go with conditions on A: its condition is A's X-02.
    a.ws.add_stakeholder(plan, "Tom", "COO", None).unwrap();
    a.ws.record_decision(
        plan,
        "Tom",
        &DecisionInput {
            conditions: vec![Condition {
                text: "Rollback rehearsed".into(),
                owner: "Dana".into(),
                due: "2027-06-01".parse().unwrap(),
            }],
            ..DecisionInput::new(Decision::GoWithConditions)
        },
    )
    .unwrap();
    a.ws.edit_own_task(
        plan,
        "X-02",
        &OwnTaskEdit {
            depends_on: Some(vec!["X-01".into()]),
            ..OwnTaskEdit::default()
        },
    )
    .unwrap();

    let forth = a.db.with_file_name("forth.golive");
    a.ws.export_bundle(plan, &forth).unwrap();
    let merged = b.ws.import_bundle(&forth, true, None).unwrap();
    assert_eq!(merged.renumbered, ["X-01 → X-03"], "what the user is told");
    let titles = |m: &Machine, plan: i64| -> Vec<(String, String, Vec<String>)> {
        let mut out: Vec<_> =
            m.ws.own_tasks(plan)
                .unwrap()
                .into_iter()
                .map(|t| (t.id, t.title, t.depends_on))
                .collect();
        out.sort();
        out
    };
    assert_eq!(
        titles(&b, on_b),
        [
            ("X-01".into(), "Brief the call centre".into(), vec![]),
            (
                "X-02".into(),
                "Rollback rehearsed".into(),
                vec!["X-03".into()]
            ),
            (
                "X-03".into(),
                "Klarna production credentials".into(),
                vec![]
            ),
        ],
        "A's X-01 under the next free id, its X-02 where it was free, the dependency following"
    );
    let notes = b.ws.evidence(on_b, Some("X-03")).unwrap();
    assert_eq!(notes.len(), 1, "the evidence follows its task");
    assert_eq!(notes[0].body, "keys in the vault");
    assert!(b.ws.evidence(on_b, Some("X-01")).unwrap().is_empty());
    let state = b.ws.sign_off_state(on_b).unwrap();
    let tom = state
        .stakeholders
        .iter()
        .find(|s| s.stakeholder.name == "Tom")
        .unwrap();
    assert_eq!(
        tom.conditions[0].task_id, "X-02",
        "the condition, A's X-02, kept its id here"
    );
    assert_eq!(tom.conditions[0].owner.as_deref(), Some("Dana"));
    let history = b.ws.history(on_b, Some("X-03")).unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.kind == EventKind::OwnTaskAdded && e.who == "Anna"),
        "{history:?}"
    );

    // The same bundle again adds nothing; a later edit on A reaches B's X-03 by global id.
    let again = b.ws.import_bundle(&forth, true, None).unwrap();
    assert_eq!((again.events_added, again.evidence_added), (0, 0));
    assert!(
        again.renumbered.is_empty(),
        "told once, when the task arrives"
    );
    assert!(again.fields_taken.is_empty(), "{:?}", again.fields_taken);
    std::thread::sleep(std::time::Duration::from_millis(5));
    a.ws.edit_own_task(
        plan,
        "X-01",
        &OwnTaskEdit {
            title: Some("Klarna live credentials".into()),
            ..OwnTaskEdit::default()
        },
    )
    .unwrap();
    let later = a.db.with_file_name("later.golive");
    a.ws.export_bundle(plan, &later).unwrap();
    b.ws.import_bundle(&later, true, None).unwrap();
    assert_eq!(titles(&b, on_b)[2].1, "Klarna live credentials");
    assert_eq!(titles(&b, on_b)[0].1, "Brief the call centre");
}
