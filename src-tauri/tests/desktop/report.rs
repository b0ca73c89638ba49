//! The report commands on a real database and real files: stakeholders and decisions, a
//! signed export that verifies, a tampered copy that does not, and typed errors.

use golive::store::Store;
use golive_desktop::commands::{Db, plans, report};
use golive_desktop::dto::{CommandError, NewPlanDto};
use tauri::Manager;
use tauri::test::{mock_builder, mock_context, noop_assets};

fn block<T>(f: impl std::future::Future<Output = T>) -> T {
    tauri::async_runtime::block_on(f)
}

fn kind<T: std::fmt::Debug>(r: Result<T, CommandError>) -> String {
    r.unwrap_err().kind
}

#[test]
fn sign_off_export_verify_and_tamper() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("golive.db")).unwrap();
    let app = golive_desktop::with_commands(mock_builder(), store)
        .build(mock_context(noop_assets()))
        .unwrap();
    let db = || app.state::<Db>();
    let plan = block(plans::create_plan(
        db(),
        NewPlanDto {
            name: "Signed".into(),
            client: Some("Acme".into()),
            launch_local: "2031-03-17 09:00".into(),
            zone: "Europe/Berlin".into(),
            pentest: None,
            working_days: vec![],
        },
    ))
    .unwrap();
    let id = plan.id;
    let day = chrono::NaiveDate::from_ymd_opt(2031, 3, 10).unwrap();

    let marta = block(report::add_stakeholder(
        db(),
        id,
        "Marta Nowak".into(),
        "Head of E-commerce".into(),
        Some("marta@acme.example".into()),
    ))
    .unwrap();
    assert_eq!(marta.decision, None);
    assert_eq!(
        kind(block(report::decide(
            db(),
            id,
            "Marta Nowak".into(),
            "maybe".into(),
            None,
            day
        ))),
        "invalid-decision"
    );
    assert_eq!(
        kind(block(report::decide(
            db(),
            id,
            "Marta Nowak".into(),
            "go-with-conditions".into(),
            None,
            day
        ))),
        "store",
        "conditions are required"
    );
    let decided = block(report::decide(
        db(),
        id,
        "Marta Nowak".into(),
        "go-with-conditions".into(),
        Some("HSTS live first".into()),
        day,
    ))
    .unwrap();
    assert_eq!(
        decided.decision_label.as_deref(),
        Some("Go with conditions")
    );
    assert_eq!(decided.decided_on, Some(day));
    assert!(decided.fingerprint.is_some());
    assert_eq!(block(report::list_stakeholders(db(), id)).unwrap().len(), 1);

    let out = dir.path().join("signed.pdf");
    let exported = block(report::export_report(app.handle().clone(), id, out.clone())).unwrap();
    assert!(exported.verification.ok, "{exported:?}");
    assert!(exported.size > 1000);
    let checked = block(report::verify_report(out.clone())).unwrap();
    assert!(checked.ok);
    assert_eq!(checked.seal_valid, Some(true));
    assert!(
        checked
            .signatures
            .iter()
            .all(|s| s.valid && s.covers_whole_document)
    );

    // One byte of the signed content changed: the file must no longer pass.
    let mut bytes = std::fs::read(&out).unwrap();
    let at = bytes.windows(6).position(|w| w == b"stream").unwrap() + 20;
    bytes[at] ^= 0x20;
    let tampered = dir.path().join("tampered.pdf");
    std::fs::write(&tampered, &bytes).unwrap();
    match block(report::verify_report(tampered)) {
        Ok(v) => assert!(!v.ok, "a tampered file verified: {v:?}"),
        Err(e) => assert_ne!(e.kind, "internal"),
    }
    assert_eq!(
        kind(block(report::verify_report(dir.path().join("missing.pdf")))),
        "io"
    );
}
