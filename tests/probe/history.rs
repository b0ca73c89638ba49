//! Probe runs stored in a real SQLite database: evidence on linked tasks, history with a
//! diff, failing checks for the readiness verdict, and no credentials in the database files.

use std::sync::Arc;

use golive::probe::history::{
    RunKind, failing_checks, latest_diff, load_endpoints, results, runs, save_endpoints, save_run,
};
use golive::probe::{BasicAuth, CheckId, RunRequest, Verdict, run};
use golive::store::EvidenceKind;
use tokio_util::sync::CancellationToken;

use super::servers::{Reply, Routes, TestCa};
use super::shop::{HOME, fast, good_routes, shop, today};
use crate::common::TestDb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_become_evidence_history_and_failing_checks_without_secrets() {
    let mut db = TestDb::new();
    let plan = db.plan("Probe shop", "2027-03-01 09:00");
    let ca = TestCa::new("GoLive Test CA");
    let good = shop(good_routes(), &ca, 400, &["shop.test"]).await;
    // A second server where HSTS is missing: the newer run must show it as a new failure.
    let weak_routes: Routes = Arc::new(|req| match req.path.as_str() {
        "/" => Reply::new(200)
            .header("content-type", "text/html")
            .header("x-content-type-options", "nosniff")
            .header("x-frame-options", "DENY")
            .body(HOME),
        _ => Reply::new(404),
    });
    let weak = shop(weak_routes, &ca, 400, &["shop.test"]).await;

    let mut endpoints = good.endpoints.clone();
    endpoints.credentials =
        vec![BasicAuth::new(&endpoints.storefronts[0], "stage-user", "hunter2-secret").unwrap()];
    save_endpoints(&mut db.store, plan.id, &endpoints).unwrap();
    let loaded = load_endpoints(&db.store, plan.id).unwrap();
    assert_eq!(loaded.storefronts, endpoints.storefronts);
    assert!(loaded.credentials.is_empty());

    let request = |e: golive::probe::Endpoints| RunRequest {
        endpoints: e,
        checks: vec![CheckId::Hsts, CheckId::Headers, CheckId::Dns],
        launch: today() + chrono::Days::new(60),
        today: today(),
        settings: fast(),
    };
    let first = run(
        &request(endpoints.clone()),
        &CancellationToken::new(),
        &|_| {},
    )
    .await
    .unwrap();
    assert_eq!(first.verdict(), Verdict::Pass);
    let saved = save_run(&mut db.store, plan.id, RunKind::Checks, &first, None).unwrap();
    assert!(saved.evidence_added >= 3, "{saved:?}");
    let evidence = db.store.evidence(plan.id, None).unwrap();
    let hsts: Vec<_> = evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Probe && e.title.as_deref() == Some("hsts"))
        .collect();
    assert!(!hsts.is_empty());
    assert!(hsts[0].body.starts_with("PASS "), "{}", hsts[0].body);
    assert!(failing_checks(&db.store, plan.id).unwrap().is_empty());

    let mut weak_endpoints = weak.endpoints.clone();
    let weak_port = weak.https.port();
    weak_endpoints.storefronts = vec![format!("https://shop.test:{weak_port}/")];
    weak_endpoints.pins = vec![format!("shop.test:{weak_port}:127.0.0.1").parse().unwrap()];
    let mut second = run(&request(weak_endpoints), &CancellationToken::new(), &|_| {})
        .await
        .unwrap();
    // Make targets comparable across the two servers' ports.
    for r in &mut second.results {
        r.target = r
            .target
            .replace(&weak_port.to_string(), &good.https.port().to_string());
    }
    save_run(&mut db.store, plan.id, RunKind::Checks, &second, None).unwrap();

    let history = runs(&db.store, plan.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].verdict, Verdict::Fail);
    assert_eq!(history[0].counts[&Verdict::Fail], 1);
    let stored = results(&db.store, plan.id, history[1].id).unwrap();
    assert_eq!(stored, first.results);

    let d = latest_diff(&db.store, plan.id).unwrap().unwrap();
    assert_eq!(d.new_failures.len(), 1, "{d:#?}");
    assert_eq!(d.new_failures[0].check, CheckId::Hsts);
    // DNS has volatile values (TTL counting down) but the same verdict: unchanged.
    assert!(d.unchanged.iter().any(|c| c.check == CheckId::Dns));

    let failing = failing_checks(&db.store, plan.id).unwrap();
    assert!(!failing.is_empty());
    assert!(failing.iter().all(|f| f.check == "hsts"));
    let template = db.store.template_of(&plan).unwrap();
    for f in &failing {
        let task = template.tasks.iter().find(|t| t.id == f.task_id).unwrap();
        assert!(task.probes.iter().any(|p| p == "hsts"));
    }
    // CLO-12 (DNS names and TLS) is blocking, so a failing HSTS check makes it Not ready.
    let readiness = db.store.readiness(plan.id, None).unwrap();
    let reason = readiness
        .reasons
        .iter()
        .find(|r| r.kind == golive::plan::ReasonKind::FailingCheck)
        .expect("a failing-check reason");
    assert!(
        reason.task_ids.contains(&"CLO-12".to_string()),
        "{reason:?}"
    );
    assert_eq!(readiness.verdict, golive::plan::Verdict::NotReady);

    // A duplicated plan keeps the shop's endpoints (settings) but not the original's runs.
    let copy = db.store.duplicate_plan(plan.id, "Probe shop copy").unwrap();
    let copied = load_endpoints(&db.store, copy.id).unwrap();
    assert_eq!(copied.storefronts, endpoints.storefronts);
    assert!(runs(&db.store, copy.id).unwrap().is_empty());

    // The secret is in no file of the database folder (db, WAL, shared memory).
    drop(db.store);
    for entry in std::fs::read_dir(db.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("hunter2"),
                "{} holds the password",
                path.display()
            );
            assert!(
                !text.contains("c3RhZ2UtdXNlcjpodW50ZXIy"),
                "{}",
                path.display()
            );
        }
    }
}
