//! Hostile servers: each must end within the timeout with an `error` verdict and a clear
//! finding, never a crash or a fail. Also: cancelling a run stops it at once.

use std::sync::Arc;
use std::time::{Duration, Instant};

use golive::probe::{CheckId, Endpoints, RunRequest, Verdict, run};
use tokio_util::sync::CancellationToken;

use super::servers::{Hostile, Reply, Routes, hostile, serve};
use super::shop::{fast, today};

fn req(url: String, checks: Vec<CheckId>) -> RunRequest {
    RunRequest {
        endpoints: Endpoints {
            storefronts: vec![url],
            ..Endpoints::default()
        },
        checks,
        launch: today() + chrono::Days::new(30),
        today: today(),
        settings: fast(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_servers_end_in_time_with_a_clear_error() {
    let loop_routes: Routes = Arc::new(|r| match r.path.as_str() {
        "/a" => Reply::redirect(302, "/b"),
        _ => Reply::redirect(302, "/a"),
    });
    let looping = serve(None, loop_routes).await;
    let cases = [
        (
            format!("http://{}/", hostile(Hostile::Silent).await),
            "timeout",
        ),
        (
            format!("http://{}/", hostile(Hostile::Trickle).await),
            "timeout",
        ),
        (
            format!("http://{}/", hostile(Hostile::Reset).await),
            "connect",
        ),
        (
            format!("http://{}/", hostile(Hostile::Huge).await),
            "MB limit",
        ),
        (
            format!("http://127.0.0.1:{}/a", looping.port()),
            "redirect loop",
        ),
    ];
    for (url, expect) in cases {
        let clock = Instant::now();
        let report = run(
            &req(url.clone(), vec![CheckId::HomepageSeo]),
            &CancellationToken::new(),
            &|_| {},
        )
        .await
        .unwrap();
        let elapsed = clock.elapsed();
        let r = &report.results[0];
        assert_eq!(r.verdict, Verdict::Error, "{url}: {}", r.finding);
        let lower = r.finding.to_lowercase();
        let ok = match expect {
            "timeout" => lower.contains("timeout") || lower.contains("within"),
            "connect" => {
                lower.contains("connect") || lower.contains("reset") || lower.contains("closed")
            }
            other => lower.contains(&other.to_lowercase()),
        };
        assert!(ok, "{url}: expected {expect:?} in {:?}", r.finding);
        assert!(elapsed < Duration::from_secs(6), "{url} took {elapsed:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_text_on_the_https_port_is_an_error_for_every_tls_check() {
    let addr = hostile(Hostile::PlainText).await;
    let url = format!("https://{addr}/");
    let checks = vec![
        CheckId::TlsTrust,
        CheckId::TlsExpiry,
        CheckId::TlsVersion,
        CheckId::Hsts,
    ];
    let clock = Instant::now();
    let report = run(&req(url, checks), &CancellationToken::new(), &|_| {})
        .await
        .unwrap();
    assert!(clock.elapsed() < Duration::from_secs(6));
    assert_eq!(report.results.len(), 4);
    for r in &report.results {
        assert_eq!(r.verdict, Verdict::Error, "{}: {}", r.check, r.finding);
    }
    assert!(
        report.results[0]
            .finding
            .contains("did not answer with TLS"),
        "{}",
        report.results[0].finding
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_run_stops_at_once_and_reports_progress() {
    let addr = hostile(Hostile::Silent).await;
    let mut r = req(format!("http://{addr}/"), vec![]);
    r.settings.request_timeout = Duration::from_secs(60);
    r.settings.check_timeout = Duration::from_secs(60);
    let cancel = CancellationToken::new();
    let stopper = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        stopper.cancel();
    });
    let events = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = events.clone();
    let clock = Instant::now();
    let report = run(&r, &cancel, &move |p| log.lock().unwrap().push(p))
        .await
        .unwrap();
    assert!(
        clock.elapsed() < Duration::from_secs(3),
        "{:?}",
        clock.elapsed()
    );
    assert!(report.cancelled);
    let events = events.lock().unwrap();
    assert!(matches!(events[0], golive::probe::Progress::Planned { total } if total > 0));
}
