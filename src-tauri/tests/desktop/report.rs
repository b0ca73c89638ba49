//! The report commands on a real database and real files: stakeholders and decisions (added,
//! removed, in the history), a signed export with its progress that verifies, a tampered copy
//! that does not, typed errors, the timestamp authority setting, and what Verify tells of
//! timestamps, countersignatures and removed signatures.

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use golive::error::ErrorKind;
use golive::plan::{Condition, Decision, Status};
use golive::store::EventKind;
use golive_desktop::commands::{Workspace, report, settings, timeline};
use golive_desktop::dto::{DecisionFormDto, VerificationDto};
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
            DecisionFormDto {
                decision: Decision::GoWithConditions,
                text: Some("HSTS live first".into()),
                conditions: Vec::new(),
                on: day,
                report: None,
            }
        ))),
        ErrorKind::InvalidInput,
        "conditions with owner and due date are required, words alone are not"
    );
    assert_eq!(
        kind(block(report::decide(
            ws(),
            id,
            "Nobody".into(),
            DecisionFormDto {
                decision: Decision::Go,
                text: None,
                conditions: Vec::new(),
                on: day,
                report: None,
            }
        ))),
        ErrorKind::UnknownStakeholder
    );
    let decided = block(report::decide(
        ws(),
        id,
        "Marta Nowak".into(),
        DecisionFormDto {
            decision: Decision::GoWithConditions,
            text: None,
            conditions: vec![Condition {
                text: "HSTS live first".into(),
                owner: "Ana Lopez".into(),
                due: day,
            }],
            on: day,
            report: None,
        },
    ))
    .unwrap();
    assert_eq!(decided.decision, Some(Decision::GoWithConditions));
    assert_eq!(
        decided.decision_label.as_deref(),
        Some("Go with conditions")
    );
    assert_eq!(decided.decided_on, Some(day));
    assert!(decided.fingerprint.is_some());
    assert_eq!(decided.conditions.as_deref(), Some("HSTS live first"));
    let [condition] = &decided.condition_tasks[..] else {
        panic!("one condition task: {:?}", decided.condition_tasks)
    };
    assert!(condition.task_id.starts_with("X-"), "{condition:?}");
    assert_eq!(condition.title, "HSTS live first");
    assert_eq!(condition.owner.as_deref(), Some("Ana Lopez"));
    assert_eq!(condition.due, day);
    assert_eq!(condition.status, Status::Todo);
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
    // Judged by validity: validation data added after a signature leaves it valid, though
    // no longer reaching the end of the file.
    assert!(checked.signatures.iter().all(|s| s.valid), "{checked:?}");

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
        DecisionFormDto {
            decision: Decision::NoGo,
            text: Some("load test not run".into()),
            conditions: Vec::new(),
            on: day,
            report: None,
        },
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

#[test]
fn the_timestamp_authority_setting_round_trips() {
    let f = fixture();
    let ws = || f.ws();
    assert_eq!(
        block(settings::get_timestamp_authority(ws())).unwrap(),
        None
    );

    // Refused with a message that says what a good one looks like; nothing is stored.
    let bad = block(settings::set_timestamp_authority(
        ws(),
        Some("ftp://tsa.example.com".into()),
    ))
    .unwrap_err();
    assert_ne!(bad.kind, ErrorKind::Internal);
    assert!(bad.message.contains("http(s) URL"), "{bad:?}");
    assert_eq!(
        block(settings::get_timestamp_authority(ws())).unwrap(),
        None
    );

    block(settings::set_timestamp_authority(
        ws(),
        Some("  https://tsa.example.com/tsr ".into()),
    ))
    .unwrap();
    assert_eq!(
        block(settings::get_timestamp_authority(ws())).unwrap(),
        Some("https://tsa.example.com/tsr".into())
    );

    // The UI's way in; empty clears it.
    let w = window(&f.app);
    assert_eq!(
        invoke(&w, "get_timestamp_authority", json!({})).unwrap(),
        json!("https://tsa.example.com/tsr")
    );
    invoke(&w, "set_timestamp_authority", json!({ "url": "" })).unwrap();
    assert_eq!(
        invoke(&w, "get_timestamp_authority", json!({})).unwrap(),
        json!(null)
    );
    block(settings::set_timestamp_authority(
        ws(),
        Some("http://tsa.example.com".into()),
    ))
    .unwrap();
    block(settings::set_timestamp_authority(ws(), None)).unwrap();
    assert_eq!(
        block(settings::get_timestamp_authority(ws())).unwrap(),
        None
    );
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl is missing; run scripts/setup.sh pdf");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A certificate and key as `<name>.pem` and `<name>.key` in `dir`, issued by `issuer` (its
/// own .pem and .key there) or self-signed.
fn certificate(dir: &Path, name: &str, subject: &str, issuer: Option<&str>, extensions: &[&str]) {
    let (key, pem) = (format!("{name}.key"), format!("{name}.pem"));
    let mut args = vec![
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &pem, "-days",
        "30", "-subj", subject,
    ];
    let (ca_pem, ca_key) = issuer
        .map(|ca| (format!("{ca}.pem"), format!("{ca}.key")))
        .unwrap_or_default();
    if issuer.is_some() {
        args.extend(["-CA", &ca_pem, "-CAkey", &ca_key]);
    }
    for ext in extensions {
        args.extend(["-addext", ext]);
    }
    openssl(dir, &args);
}

/// What the test authority needs in `dir` (tsa.pem and tsa.key under a root, the root as
/// tsa-chain.pem), and a stakeholder's PKCS#12 identity (password "secret") to countersign
/// with.
fn keys(dir: &Path) -> std::path::PathBuf {
    certificate(
        dir,
        "root",
        "/CN=GoLive Desktop Test Root",
        None,
        &[
            "basicConstraints=critical,CA:TRUE",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    certificate(
        dir,
        "tsa",
        "/CN=GoLive Desktop Test TSA",
        Some("root"),
        &[
            "basicConstraints=critical,CA:FALSE",
            "keyUsage=critical,digitalSignature",
            "extendedKeyUsage=critical,timeStamping",
        ],
    );
    std::fs::copy(dir.join("root.pem"), dir.join("tsa-chain.pem")).unwrap();
    certificate(
        dir,
        "marta",
        "/CN=Marta Nowak",
        Some("root"),
        &[
            "basicConstraints=critical,CA:FALSE",
            "keyUsage=critical,digitalSignature,nonRepudiation",
        ],
    );
    openssl(
        dir,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "marta.key",
            "-in",
            "marta.pem",
            "-certfile",
            "root.pem",
            "-out",
            "marta.p12",
            "-passout",
            "pass:secret",
            "-keypbe",
            "PBE-SHA1-3DES",
            "-certpbe",
            "PBE-SHA1-3DES",
            "-macalg",
            "sha1",
        ],
    );
    dir.join("marta.p12")
}

#[test]
fn verify_tells_the_trusted_time_and_judges_each_signature_by_its_validity() {
    let pki = tempfile::tempdir().unwrap();
    let marta = keys(pki.path());
    let tsa = crate::tsa::start(pki.path());
    let f = fixture();
    let id = f.plan("Stamped");
    let export = |name: &str| {
        let out = f.dir.path().join(name);
        block(report::export_report(
            f.app.handle().clone(),
            id,
            out.clone(),
        ))
        .unwrap();
        out
    };

    // Without an authority: the time is the signer's own clock.
    let plain = block(report::verify_report(export("plain.pdf"))).unwrap();
    assert!(plain.ok, "{plain:?}");
    assert!(plain.removed_signatures.is_empty());
    let s = &plain.signatures[0];
    assert!(!s.field.is_empty());
    assert!(s.time.is_some());
    assert_eq!((&s.timestamp, &s.timestamp_authority), (&None, &None));

    block(settings::set_timestamp_authority(
        f.ws(),
        Some(tsa.url.clone()),
    ))
    .unwrap();
    let stamped = export("stamped.pdf");
    assert_eq!(tsa.served.load(std::sync::atomic::Ordering::SeqCst), 1);
    let checked = block(report::verify_report(stamped.clone())).unwrap();
    assert!(checked.ok, "{checked:?}");
    let s = &checked.signatures[0];
    assert!(
        s.timestamp
            .as_deref()
            .is_some_and(|t| t.parse::<chrono::DateTime<chrono::Utc>>().is_ok()),
        "{s:?}"
    );
    assert!(
        s.timestamp_authority
            .as_deref()
            .is_some_and(|a| a.contains("GoLive Desktop Test TSA")),
        "{s:?}"
    );

    // A countersignature: the first signature no longer reaches the end of the file, and is
    // still valid; so is the file.
    Workspace::countersign_report(&stamped, &marta, "secret", None).unwrap();
    let both = block(report::verify_report(stamped.clone())).unwrap();
    assert!(both.ok, "{both:?}");
    assert_eq!(both.signatures.len(), 2);
    assert!(both.signatures.iter().all(|s| s.valid), "{both:?}");
    assert!(!both.signatures[0].covers_whole_document);
    assert!(both.signatures[0].timestamp.is_some());
    assert!(both.signatures[1].signer.contains("Marta Nowak"));
    assert_eq!(
        both.signatures[1].timestamp, None,
        "countersigned without one"
    );

    // Had a revision's signature been taken out, the file fails, and Verify names it.
    let mut removed = Workspace::verify_report(&stamped).unwrap();
    removed.removed_signatures = vec!["Countersignature3".into()];
    let dto = VerificationDto::new(&stamped, &removed);
    assert!(!dto.ok, "a stakeholder's signature is gone");
    assert_eq!(dto.removed_signatures, ["Countersignature3"]);
    assert!(
        dto.signatures.iter().all(|s| s.valid),
        "the ones left are valid by themselves"
    );
}
