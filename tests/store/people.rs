//! A plan's people and what owner fields suggest: people, stakeholders, past owners, you.

use golive::store::{EventKind, ItemChange, NameSource};

use crate::common::TestDb;

#[test]
fn people_are_added_changed_listed_and_removed_with_their_history() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    let dana = db
        .store
        .add_person(
            plan.id,
            " Dana ",
            Some("Ops lead"),
            Some("dana@acme.example"),
        )
        .unwrap();
    assert_eq!(dana.name, "Dana");
    db.store.add_person(plan.id, "Lee", None, None).unwrap();
    let changed = db
        .store
        .add_person(
            plan.id,
            "dana",
            Some("Head of ops"),
            Some("dana@acme.example"),
        )
        .unwrap();
    assert_eq!(
        (changed.id, changed.name.as_str()),
        (dana.id, "Dana"),
        "names compare without case"
    );
    let names: Vec<String> = db
        .store
        .people(plan.id)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Dana", "Lee"]);

    let bad = db
        .store
        .add_person(plan.id, "Kim", None, Some("kim at acme"))
        .unwrap_err();
    assert!(bad.to_string().contains("not an e-mail address"), "{bad}");
    let nameless = db.store.add_person(plan.id, "  ", None, None).unwrap_err();
    assert!(nameless.to_string().contains("needs a name"), "{nameless}");

    db.store.remove_person(plan.id, "LEE").unwrap();
    let unknown = db.store.remove_person(plan.id, "Lee").unwrap_err();
    assert!(
        unknown
            .to_string()
            .contains("not on this plan's people list"),
        "{unknown}"
    );

    let sentences: Vec<String> = db
        .store
        .history(plan.id, None)
        .unwrap()
        .into_iter()
        .filter(|e| matches!(e.kind, EventKind::PersonAdded | EventKind::PersonRemoved))
        .map(|e| e.sentence())
        .collect();
    assert_eq!(
        sentences,
        [
            "Person added: Dana (Ops lead, dana@acme.example)",
            "Person added: Lee",
            "Person changed: Dana (Ops lead, dana@acme.example) → Dana (Head of ops, dana@acme.example)",
            "Person removed: Lee",
        ]
    );
}

#[test]
fn owner_suggestions_list_people_stakeholders_past_owners_and_you_once_each() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    db.store.set_user_name("Sam Consultant").unwrap();
    db.store
        .add_person(plan.id, "Dana", Some("Ops lead"), None)
        .unwrap();
    db.store
        .add_stakeholder(plan.id, "Jo Client", "CEO", None)
        .unwrap();
    db.store
        .add_stakeholder(plan.id, "dana", "Ops", None)
        .unwrap();
    let owner = |name: &str| ItemChange {
        owner: Some(Some(name.to_string())),
        ..ItemChange::default()
    };
    db.store
        .update_item(plan.id, "CLO-12", &owner("Agency QA"))
        .unwrap();
    // Replaced since, but still someone who worked on the plan.
    db.store
        .update_item(plan.id, "CLO-12", &owner("Ops team"))
        .unwrap();
    let got: Vec<(String, NameSource, Option<String>)> = db
        .store
        .owner_suggestions(plan.id)
        .unwrap()
        .into_iter()
        .map(|s| (s.name, s.source, s.detail))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Dana".into(), NameSource::Person, Some("Ops lead".into())),
            (
                "Jo Client".into(),
                NameSource::Stakeholder,
                Some("CEO".into())
            ),
            ("Agency QA".into(), NameSource::PastOwner, None),
            ("Ops team".into(), NameSource::PastOwner, None),
            ("Sam Consultant".into(), NameSource::You, None),
        ]
    );
}

#[test]
fn a_copied_plan_keeps_its_people() {
    let mut db = TestDb::new();
    let plan = db.plan("Acme", "2027-06-07 09:00");
    db.store
        .add_person(plan.id, "Dana", Some("Ops lead"), None)
        .unwrap();
    let copy = db.store.duplicate_plan(plan.id, "Acme copy").unwrap();
    let people = db.store.people(copy.id).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].role.as_deref(), Some("Ops lead"));
}
