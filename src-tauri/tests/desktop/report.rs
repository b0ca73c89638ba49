//! The report commands on a real database and real files: stakeholders and decisions (added,
//! removed, in the history), a signed export with its progress that verifies, a tampered copy
//! that does not, and typed errors.

use std::sync::{Arc, Mutex};

use golive::error::ErrorKind;
use golive::plan::Decision;
use golive::store::EventKind;
use golive_desktop::commands::{report, timeline};
use serde_json::json;
use tauri::Listener;

use crate::support::{block, fixture, invoke, kind, window};

#[test]
fn sign_off_export_verify_and_tamper() {
    let f = fixture();
    let ws = || f.ws();
    let id = f.plan("Signed");
    let day = chrono::NaiveDate::from_ymd_opt(2031, 3, 10).unwrap();

    let marta = block(report::add_stakeholder(
        ws(),
        id,
        "Marta Nowak".into(),
        "Head of E-commerce".into(),
        Some("marta@acme.example".into()),
    ))
    .unwrap();
    assert_eq!(marta.decision, None);
    assert!(!marta.gid.is_empty());
    assert_eq!(
        kind(block(report::decide(
            ws(),
            id,
            "Marta Nowak".into(),
            Decision::GoWithConditions,
            None,
            day
        ))),
        ErrorKind::InvalidInput,
        "conditions are required"
    );
    assert_eq!(
        kind(block(report::decide(
            ws(),
            id,
            "Nobody".into(),
            Decision::Go,
            None,
            day
        ))),
        ErrorKind::UnknownStakeholder
    );
    let decided = block(report::decide(
        ws(),
        id,
        "Marta Nowak".into(),
        Decision::GoWithConditions,
        Some("HSTS live first".into()),
        day,
    ))
    .unwrap();
    assert_eq!(decided.decision, Some(Decision::GoWithConditions));
    assert_eq!(
        decided.decision_label.as_deref(),
        Some("Go with conditions")
    );
    assert_eq!(decided.decided_on, Some(day));
    assert!(decided.fingerprint.is_some());
    assert_eq!(block(report::list_stakeholders(ws(), id)).unwrap().len(), 1);

    let stages = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = stages.clone();
    f.app.listen("report-progress", move |e| {
        seen.lock().unwrap().push(e.payload().to_string())
    });
    let out = f.dir.path().join("signed.pdf");
    let exported = block(report::export_report(
        f.app.handle().clone(),
        id,
        out.clone(),
    ))
    .unwrap();
    assert!(exported.verification.ok, "{exported:?}");
    assert!(exported.size > 1000);
    assert_eq!(
        *stages.lock().unwrap(),
        [
            r#"{"stage":"gathering"}"#,
            r#"{"stage":"rendering"}"#,
            r#"{"stage":"done"}"#
        ]
    );
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
    let tampered = f.dir.path().join("tampered.pdf");
    std::fs::write(&tampered, &bytes).unwrap();
    match block(report::verify_report(tampered)) {
        Ok(v) => assert!(!v.ok, "a tampered file verified: {v:?}"),
        Err(e) => assert_ne!(e.kind, ErrorKind::Internal),
    }
    assert_eq!(
        kind(block(report::verify_report(
            f.dir.path().join("missing.pdf")
        ))),
        ErrorKind::Io
    );
}

#[test]
fn a_removed_stakeholder_leaves_the_list_but_not_the_history() {
    let f = fixture();
    let ws = || f.ws();
    let id = f.plan("Signed off");
    for name in ["Marta Nowak", "Ben Ilić"] {
        block(report::add_stakeholder(
            ws(),
            id,
            name.into(),
            "Owner".into(),
            None,
        ))
        .unwrap();
    }
    let day = chrono::NaiveDate::from_ymd_opt(2031, 3, 10).unwrap();
    block(report::decide(
        ws(),
        id,
        "Ben Ilić".into(),
        Decision::NoGo,
        None,
        day,
    ))
    .unwrap();

    block(report::remove_stakeholder(ws(), id, "Ben Ilić".into())).unwrap();
    let left = block(report::list_stakeholders(ws(), id)).unwrap();
    assert_eq!(
        left.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["Marta Nowak"]
    );
    assert_eq!(
        kind(block(report::remove_stakeholder(
            ws(),
            id,
            "Ben Ilić".into()
        ))),
        ErrorKind::UnknownStakeholder,
        "gone already"
    );
    let history = block(timeline::history(ws(), id, None)).unwrap();
    let removed = history
        .iter()
        .find(|e| e.kind == EventKind::StakeholderRemoved)
        .unwrap();
    assert!(removed.sentence.contains("Ben Ilić"), "{removed:?}");
    assert!(
        history
            .iter()
            .any(|e| e.kind == EventKind::DecisionRecorded),
        "the decision stays in the log"
    );

    // The UI's way in: the command is registered and takes camelCase arguments.
    let w = window(&f.app);
    invoke(
        &w,
        "remove_stakeholder",
        json!({ "planId": id, "name": "Marta Nowak" }),
    )
    .unwrap();
    assert!(
        block(report::list_stakeholders(ws(), id))
            .unwrap()
            .is_empty()
    );
}
