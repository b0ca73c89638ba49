//! The probe commands against real HTTP servers on 127.0.0.1: endpoints round trip, a run
//! with progress events that becomes evidence, the history diff, Cancel, and typed errors.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use golive::error::ErrorKind;
use golive::probe::history::RunKind;
use golive::probe::{CheckId, Verdict};
use golive_desktop::commands::probes;
use golive_desktop::dto::EndpointsDto;
use serde_json::json;
use tauri::Listener;

use crate::support::{block, fixture, invoke, kind, window};

/// A tiny shop: every path answers 200 with an HTML page; `robots.txt` exists.
fn shop() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut conn = conn;
                let mut buf = [0u8; 4096];
                let n = conn.read(&mut buf).unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]);
                let body = if head.starts_with("GET /robots.txt") {
                    "User-agent: *\nAllow: /\n".to_string()
                } else {
                    "<html><head><title>Shop</title></head><body>Hi</body></html>".to_string()
                };
                let _ = write!(
                    conn,
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    format!("http://{addr}/")
}

/// Accepts connections and never answers: a run against it only ends by Cancel.
fn silent() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().flatten() {
            held.push(conn);
        }
    });
    format!("http://{addr}/")
}

fn storefront(url: &str) -> EndpointsDto {
    EndpointsDto {
        storefronts: vec![format!("  {url} "), String::new()],
        ..Default::default()
    }
}

#[test]
fn a_run_reports_progress_saves_evidence_and_diffs() {
    let f = fixture();
    let (app, id) = (&f.app, f.plan("Probed"));
    let url = shop();
    let saved = block(probes::save_probe_endpoints(f.ws(), id, storefront(&url))).unwrap();
    assert_eq!(
        saved.endpoints.storefronts,
        std::slice::from_ref(&url),
        "trimmed, empty rows dropped"
    );
    assert_eq!(block(probes::probe_endpoints(f.ws(), id)).unwrap(), saved);

    let events = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = events.clone();
    app.listen("probe-progress", move |e| {
        seen.lock().unwrap().push(e.payload().to_string())
    });
    let first = block(probes::run_probes(
        app.handle().clone(),
        id,
        vec![],
        None,
        None,
        None,
    ))
    .unwrap();
    assert!(!first.run.cancelled);
    assert_eq!(first.run.kind, RunKind::Checks);
    assert!(!first.run.gid.is_empty());
    assert!(first.results.len() >= 5, "{:?}", first.results);
    assert!(first.evidence_added > 0);
    let robots = first
        .results
        .iter()
        .find(|r| r.check == CheckId::Robots)
        .unwrap();
    assert_eq!(robots.endpoint, url);
    assert_eq!(robots.endpoint_label, "Storefront");
    // Plain HTTP never redirects to HTTPS here: a real fail, in words.
    let redirect = first
        .results
        .iter()
        .find(|r| r.check == CheckId::HttpsRedirect)
        .unwrap();
    assert_eq!(redirect.verdict, Verdict::Fail, "{redirect:?}");
    assert_eq!(redirect.verdict_label, "Fail");
    let finished = events
        .lock()
        .unwrap()
        .iter()
        .filter(|p| p.contains("\"finished\""))
        .count();
    assert_eq!(finished, first.results.len());

    assert!(block(probes::probe_diff(f.ws(), id)).unwrap().is_none());
    let second = block(probes::run_probes(
        app.handle().clone(),
        id,
        vec![CheckId::Robots],
        Some("stage".into()),
        Some("secret".into()),
        Some(false),
    ))
    .unwrap();
    assert_eq!(second.results.len(), 1);
    let runs = block(probes::probe_runs(f.ws(), id)).unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].id, second.run.id, "newest first");
    let diff = block(probes::probe_diff(f.ws(), id)).unwrap().unwrap();
    assert!(diff.unchanged.iter().any(|c| c.check == CheckId::Robots));
    let stored = block(probes::probe_run(f.ws(), id, first.run.id)).unwrap();
    assert_eq!(stored.results.len(), first.results.len());

    // Where a login would go; without a session bus there is no keyring to remember it in.
    let saved = block(probes::probe_saved_login(f.ws(), id)).unwrap();
    assert_eq!(saved.origins, [url.trim_end_matches('/')]);
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        assert!(!saved.keyring, "{saved:?}");
        assert!(saved.problem.unwrap().contains("no OS keyring"));
        let err = block(probes::forget_probe_login(f.ws(), id)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::KeyringUnavailable);
    }
}

#[test]
fn cancel_stops_a_running_probe_and_keeps_it() {
    let f = fixture();
    let (app, id) = (&f.app, f.plan("Probed"));
    block(probes::save_probe_endpoints(
        f.ws(),
        id,
        storefront(&silent()),
    ))
    .unwrap();
    let handle = app.handle().clone();
    let running =
        std::thread::spawn(move || block(probes::run_probes(handle, id, vec![], None, None, None)));
    let mut cancelled = false;
    for _ in 0..100 {
        if block(probes::cancel_probes(f.ws(), id)).unwrap() {
            cancelled = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(cancelled, "the run never started");
    let out = running.join().unwrap().unwrap();
    assert!(out.run.cancelled);
    assert!(!block(probes::cancel_probes(f.ws(), id)).unwrap());
}

#[test]
fn probe_commands_fail_with_kinds() {
    let f = fixture();
    let (app, id) = (&f.app, f.plan("Probed"));
    let ws = || f.ws();
    let bad = |f: fn(&mut EndpointsDto)| {
        let mut e = storefront("https://shop.example.com/");
        f(&mut e);
        kind(block(probes::save_probe_endpoints(ws(), id, e)))
    };
    assert_eq!(
        bad(|e| e.pins = vec!["shop.example.com".into()]),
        ErrorKind::InvalidPin
    );
    assert_eq!(
        bad(|e| e.nameserver = Some("dns".into())),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        bad(|e| e.mail_domain = Some("not a domain".into())),
        ErrorKind::InvalidDomain
    );
    assert_eq!(
        bad(|e| e.storefronts = vec!["ftp://x y".into()]),
        ErrorKind::InvalidUrl
    );
    assert_eq!(
        kind(block(probes::probe_endpoints(ws(), 999))),
        ErrorKind::PlanNotFound
    );
    assert_eq!(
        kind(block(probes::probe_run(ws(), id, 77))),
        ErrorKind::NoSuchRun
    );
    assert_eq!(
        kind(block(probes::run_probes(
            app.handle().clone(),
            id,
            vec![],
            None,
            None,
            None
        ))),
        ErrorKind::NothingToProbe
    );
    // A check outside the vocabulary does not get past the door.
    let w = window(app);
    let unknown = invoke(
        &w,
        "run_probes",
        json!({ "planId": id, "checks": ["nope"] }),
    )
    .unwrap_err();
    assert!(unknown.to_string().contains("unknown variant"), "{unknown}");
}

/// The desktop's "One check…" list offered checks the plan could not feed; picking one only
/// answered "nothing to probe". Each check now says whether it applies.
#[test]
fn checks_say_whether_the_plans_endpoints_feed_them() {
    let f = fixture();
    let id = f.plan("Probed");
    let ws = || f.ws();
    let applying = || -> Vec<CheckId> {
        block(probes::probe_endpoints(ws(), id))
            .unwrap()
            .checks
            .into_iter()
            .filter(|c| c.applies)
            .map(|c| c.id)
            .collect()
    };
    assert_eq!(
        block(probes::probe_endpoints(ws(), id))
            .unwrap()
            .checks
            .len(),
        20
    );
    assert!(applying().is_empty(), "no endpoints yet: {:?}", applying());
    let saved = block(probes::save_probe_endpoints(
        ws(),
        id,
        storefront("https://shop.example.com/"),
    ))
    .unwrap();
    let now = applying();
    assert_eq!(
        saved.checks,
        block(probes::probe_endpoints(ws(), id)).unwrap().checks,
        "saving answers with the checks the new endpoints feed"
    );
    assert!(now.contains(&CheckId::TlsExpiry), "{now:?}");
    assert!(!now.contains(&CheckId::Dkim), "{now:?}");
}
