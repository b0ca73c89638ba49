//! `golive probe …` end to end: the real binary against loopback servers, with its exit
//! codes (0 pass/warn, 1 fail, 2 could not check).

use std::sync::Arc;

use super::servers::{Hostile, Reply, TestCa, hostile, serve};
use super::shop::{good_routes, shop};
use super::{STAGE_PASSWORD, golive_async};
use crate::common::TestDb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probe_commands_configure_run_and_report_with_exit_codes() {
    let mut db = TestDb::new();
    let launch = chrono::Utc::now().date_naive() + chrono::Days::new(90);
    db.plan("Cli shop", &format!("{launch} 09:00"));
    let path = db.path();
    let ca = TestCa::new("GoLive Test CA");
    let s = shop(good_routes(), &ca, 400, &["shop.test"]).await;
    let e = &s.endpoints;
    let ns = e.nameserver.unwrap().to_string();
    let ca_file = e.ca_files[0].display().to_string();
    let mut args = vec![
        "probe",
        "endpoints",
        "Cli shop",
        "--storefront",
        &e.storefronts[0],
    ];
    let pins: Vec<String> = e.pins.iter().map(|p| p.to_string()).collect();
    for p in &pins {
        args.extend(["--resolve", p]);
    }
    let http_port = e.http_port.unwrap().to_string();
    args.extend([
        "--cacert",
        &ca_file,
        "--nameserver",
        &ns,
        "--http-port",
        &http_port,
    ]);
    args.extend(["--mail-domain", "shop.test", "--dkim-selector", "s1"]);
    let (code, out, err) = golive_async(&path, &args).await;
    assert_eq!(code, 0, "{out}{err}");

    // Everything passes or warns (storefront public before launch, DMARC p=none): exit 0.
    let (code, out, err) =
        golive_async(&path, &["probe", "run", "Cli shop", "--user", "stage"]).await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("PASS") && out.contains("tls-expiry"), "{out}");
    assert!(out.contains("Saved as run 1"), "{out}");

    // Only the TLS checks, as JSON.
    let (code, out, _) = golive_async(
        &path,
        &["probe", "run", "Cli shop", "--check", "tls-trust", "--json"],
    )
    .await;
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["results"][0]["check"], "tls-trust");
    assert_eq!(report["results"][0]["verdict"], "pass");

    // A check with nothing to check in this plan (no back office) is named, not dropped
    // silently (regression: it vanished whenever another --check applied).
    let (code, out, err) = golive_async(
        &path,
        &[
            "probe",
            "run",
            "Cli shop",
            "--check",
            "tls-trust",
            "--check",
            "backoffice-auth",
        ],
    )
    .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("--check backoffice-auth has nothing to check in this plan"),
        "{err}"
    );

    let (code, out, _) = golive_async(&path, &["probe", "history", "Cli shop"]).await;
    assert_eq!(code, 0);
    assert!(
        out.contains("checks") && out.contains("Since the previous run"),
        "{out}"
    );

    // A redirect map with one mismatch: exit 1, the mismatch explained.
    let redirects = serve(
        None,
        Arc::new(|r| match r.path.as_str() {
            "/a" => Reply::redirect(301, "/new-a"),
            _ => Reply::redirect(302, "/elsewhere"),
        }),
    )
    .await;
    let base = format!("http://127.0.0.1:{}", redirects.port());
    let map = db.dir.path().join("map.csv");
    std::fs::write(&map, format!("{base}/a,/new-a\n{base}/b,/new-b\n")).unwrap();
    let map_arg = map.display().to_string();
    let (code, out, _) = golive_async(
        &path,
        &["probe", "redirects", "Cli shop", "--map", &map_arg],
    )
    .await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("1 of 2 redirects do not match") && out.contains("line 2"),
        "{out}"
    );

    // A URL that cannot be reached: could not check, exit 2.
    let silent = hostile(Hostile::Reset).await;
    let url = format!("http://{silent}/");
    let (code, out, _) = golive_async(&path, &["probe", "url", &url, "--timeout", "2"]).await;
    assert_eq!(code, 2, "{out}");
    // Bad input is also "could not check".
    let (code, _, err) = golive_async(
        &path,
        &["probe", "url", "https://x.test/", "--resolve", "nonsense"],
    )
    .await;
    assert_eq!(code, 2, "{err}");

    // The password given through the environment is in no database file.
    for entry in std::fs::read_dir(db.dir.path()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            assert!(!text.contains(STAGE_PASSWORD), "{}", p.display());
        }
    }
}
