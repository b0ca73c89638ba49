//! The plan's own fields in a merge: a launch moved, a plan renamed or its client set on the
//! other machine arrives when that change is the later one.

use golive::plan::Launch;

use super::*;

/// Regression: a merge took every task change but never the plan's launch, so a launch moved
/// on the other machine stayed where it was here.
#[test]
fn a_moved_launch_a_new_name_and_client_arrive_in_a_merge_when_later() {
    let a = machine("Anna");
    let b = machine("Ben");
    let plan = plan_on(&a);
    let first = a.db.with_file_name("first.golive");
    a.ws.export_bundle(plan, &first).unwrap();
    let on_b = b.ws.import_bundle(&first, false, None).unwrap().plan_id;

    let later = Launch::parse("2027-07-05 10:00", "Europe/Berlin").unwrap();
    a.ws.reschedule(plan, later).unwrap();
    a.ws.rename_plan(plan, "Acme DE relaunch (July)").unwrap();
    a.ws.set_client(plan, Some("Acme Europe GmbH")).unwrap();
    let forth = a.db.with_file_name("forth.golive");
    a.ws.export_bundle(plan, &forth).unwrap();
    let merged = b.ws.import_bundle(&forth, true, None).unwrap();
    for field in ["launch", "plan name", "client"] {
        assert!(
            merged.fields_taken.iter().any(|f| f == field),
            "{field}: {:?}",
            merged.fields_taken
        );
    }
    let here = b.ws.plan(on_b).unwrap();
    assert_eq!(here.settings.launch, later);
    assert_eq!(here.name, "Acme DE relaunch (July)");
    assert_eq!(here.client.as_deref(), Some("Acme Europe GmbH"));
    let again = b.ws.import_bundle(&forth, true, None).unwrap();
    assert!(again.fields_taken.is_empty(), "{:?}", again.fields_taken);

    // Moved again here, later: an older bundle does not move it back.
    std::thread::sleep(std::time::Duration::from_millis(5));
    let ours = Launch::parse("2027-07-12 10:00", "Europe/Berlin").unwrap();
    b.ws.reschedule(on_b, ours).unwrap();
    b.ws.import_bundle(&forth, true, None).unwrap();
    assert_eq!(b.ws.plan(on_b).unwrap().settings.launch, ours);
}
