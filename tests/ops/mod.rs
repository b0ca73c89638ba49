//! The operations as the front doors call them, on a real database: probe runs with their
//! progress, cancellation and saved evidence, and the report export that leaves the
//! database free while it renders.

mod own_tasks;
mod runbook;
mod signoff;

use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use golive::error::ErrorKind;
use golive::ops::{ExportStage, Login, ProbeRunRequest, Workspace};
use golive::probe::{CheckId, Endpoints, Progress, Settings};
use golive::store::EventKind;

use crate::common::TestDb;
use crate::probe::servers::{Hostile, TestCa, hostile};
use crate::probe::shop::{fast, good_routes, shop};

fn workspace(name: &str) -> (tempfile::TempDir, Workspace, i64) {
    let mut db = TestDb::new();
    let plan = db.plan(name, "2027-06-07 09:00");
    let TestDb { dir, store } = db;
    (dir, Workspace::new(store), plan.id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_probe_run_reports_progress_and_files_its_evidence() {
    let (_dir, ws, plan) = workspace("Ops shop");
    let ca = TestCa::new("GoLive Test CA");
    let shop = shop(good_routes(), &ca, 400, &["shop.test"]).await;
    ws.save_endpoints(plan, shop.endpoints.clone()).unwrap();

    let seen = Mutex::new(Vec::new());
    let progress = |p: Progress| {
        seen.lock().unwrap().push(match p {
            Progress::Planned { .. } => "planned",
            Progress::Started { .. } => "started",
            Progress::Finished { .. } => "finished",
        })
    };
    let request = ProbeRunRequest {
        checks: vec![CheckId::Hsts, CheckId::Headers, CheckId::Dmarc],
        login: Login::Remembered,
        settings: fast(),
    };
    let outcome = ws.run_probes(plan, request, &progress).await.unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.first(), Some(&"planned"));
    assert_eq!(
        seen.iter().filter(|s| **s == "finished").count(),
        outcome.report.results.len()
    );
    assert!(outcome.evidence_added >= 3, "{}", outcome.evidence_added);
    assert!(outcome.skipped.is_empty());
    assert_eq!(ws.probe_runs(plan).unwrap()[0].id, outcome.run.id);

    let history = ws.history(plan, None).unwrap();
    let endpoints = history
        .iter()
        .find(|e| e.kind == EventKind::EndpointsSaved)
        .unwrap();
    assert!(
        endpoints
            .sentence()
            .contains("storefront https://shop.test:"),
        "{}",
        endpoints.sentence()
    );
    let saved = history
        .iter()
        .find(|e| e.kind == EventKind::ProbeRunSaved)
        .unwrap();
    assert!(saved.touches.contains(&outcome.run.gid));
    assert!(
        saved
            .sentence()
            .contains(&format!("run {}", outcome.run.id)),
        "{}",
        saved.sentence()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_run_keeps_what_finished_and_one_run_at_a_time() {
    let (_dir, ws, plan) = workspace("Silent shop");
    let silent = hostile(Hostile::Silent).await;
    ws.save_endpoints(
        plan,
        Endpoints {
            storefronts: vec![format!("http://127.0.0.1:{}/", silent.port())],
            ..Endpoints::default()
        },
    )
    .unwrap();
    let slow = Settings {
        request_timeout: Duration::from_secs(60),
        check_timeout: Duration::from_secs(60),
        ..fast()
    };
    let (started, mut on_start) = tokio::sync::mpsc::unbounded_channel();
    let progress = move |p: Progress| {
        if matches!(p, Progress::Planned { .. }) {
            let _ = started.send(());
        }
    };
    let request = ProbeRunRequest {
        checks: Vec::new(),
        login: Login::Remembered,
        settings: slow,
    };
    let control = async {
        tokio::time::timeout(Duration::from_secs(30), on_start.recv())
            .await
            .unwrap();
        let second = ws.run_probes(plan, request.clone(), &|_| {}).await;
        let cancelled = ws.cancel_probes(plan).unwrap();
        (second, cancelled)
    };
    let (outcome, (second, cancelled)) =
        tokio::join!(ws.run_probes(plan, request.clone(), &progress), control);
    let outcome = outcome.unwrap();
    assert!(cancelled);
    assert_eq!(second.unwrap_err().kind(), ErrorKind::ProbeRunning);
    assert!(outcome.report.cancelled);
    assert!(outcome.run.cancelled);
    assert!(!ws.cancel_probes(plan).unwrap(), "nothing runs any more");
}

/// Regression: the desktop export held the database while it rendered and signed the PDF,
/// so every other command waited for it.
#[test]
fn the_database_is_free_while_a_report_renders() {
    let (dir, ws, plan) = workspace("Report");
    let out = dir.path().join("report.pdf");
    let (answered, answer) = mpsc::channel();
    let exported = std::thread::scope(|scope| {
        let stage = |s: ExportStage| {
            if s == ExportStage::Rendering {
                let answered = answered.clone();
                let ws = &ws;
                scope.spawn(move || {
                    let _ = answered.send(ws.list_plans(true).map(|p| p.len()));
                });
                // Another command gets the database while this one renders.
                let other = answer.recv_timeout(Duration::from_secs(20));
                assert_eq!(other.expect("the export held the database").unwrap(), 1);
            }
        };
        ws.export_report(plan, &out, &stage)
    });
    let exported = exported.unwrap();
    assert!(exported.verification.is_ok());
    assert!(out.exists());
}
