//! Staging logins remembered in a real OS keyring: a GNOME Keyring daemon on a private D-Bus
//! session, started by `scripts/with-keyring.sh` (which `make test` wraps the Rust tests in
//! and which sets GOLIVE_TEST_KEYRING=1). Outside it these tests say so and pass, so a
//! developer's own keyring is never written to; inside it a missing keyring is a failure.

use std::sync::Arc;

use golive::probe::logins;

use super::servers::{Reply, Routes, serve};
use super::shop::HOME;
use super::{STAGE_PASSWORD, golive_async};
use crate::common::TestDb;

fn keyring_expected() -> bool {
    if std::env::var_os("GOLIVE_TEST_KEYRING").is_some() {
        return true;
    }
    eprintln!("skipped: run through scripts/with-keyring.sh for a private test keyring");
    false
}

#[test]
fn a_saved_login_is_found_by_origin_and_forgotten() {
    if !keyring_expected() {
        return;
    }
    let origins = vec![
        "https://stage.keyring-test.example:8443".to_string(),
        "https://bo.keyring-test.example".to_string(),
    ];
    logins::save(&origins, "stage", "pw-1").unwrap();
    // Another spelling of the same origin finds it; each login stays bound to its origin.
    let found = logins::load(&["https://STAGE.keyring-test.example:8443/de/".to_string()]).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].user(), "stage");
    assert_eq!(found[0].origin(), origins[0]);
    assert!(format!("{found:?}").contains("<redacted>"));
    logins::save(&origins[..1], "stage2", "pw-2").unwrap();
    assert_eq!(logins::load(&origins).unwrap()[0].user(), "stage2");
    assert_eq!(logins::forget(&origins).unwrap(), 2);
    assert!(logins::load(&origins).unwrap().is_empty());
    assert_eq!(logins::forget(&origins).unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_runs_with_the_saved_login_and_never_writes_it_to_the_database() {
    if !keyring_expected() {
        return;
    }
    let routes: Routes = Arc::new(|req| {
        if !req.headers.contains_key("authorization") {
            return Reply::new(401).header("www-authenticate", "Basic realm=staging");
        }
        Reply::new(200)
            .header("content-type", "text/html")
            .body(HOME)
    });
    let stage = serve(None, routes).await;
    let url = format!("http://127.0.0.1:{}/", stage.port());
    let mut db = TestDb::new();
    let launch = chrono::Utc::now().date_naive() + chrono::Days::new(60);
    db.plan("Keyring shop", &format!("{launch} 09:00"));
    let path = db.path();
    // Only the SEO check, which reads the page behind the staging login.
    let seo_run = [
        "probe",
        "run",
        "Keyring shop",
        "--check",
        "homepage-seo",
        "--json",
    ];

    let (code, out, err) = golive_async(
        &path,
        &["probe", "endpoints", "Keyring shop", "--storefront", &url],
    )
    .await;
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = golive_async(
        &path,
        &["probe", "login", "Keyring shop", "--user", "stage"],
    )
    .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("system keyring"), "{out}");

    // No --user: the saved login logs in (the SEO check reads the page behind it).
    let (_, out, err) = golive_async(&path, &seo_run).await;
    let report: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{err}"));
    assert_eq!(report["results"][0]["verdict"], "pass", "{out}");
    assert!(!stage.authorizations().is_empty());

    let bytes = std::fs::read(&path).unwrap();
    let wal = std::fs::read(path.with_extension("db-wal")).unwrap_or_default();
    for file in [&bytes, &wal] {
        let text = String::from_utf8_lossy(file);
        assert!(!text.contains(STAGE_PASSWORD), "password in the database");
    }

    let (code, out, _) = golive_async(&path, &["probe", "logout", "Keyring shop"]).await;
    assert_eq!(code, 0);
    assert!(out.contains("Forgot 1 saved staging login."), "{out}");
    let seen = stage.authorizations().len();
    let (_, out, _) = golive_async(&path, &seo_run).await;
    assert_ne!(out, "");
    assert_eq!(stage.authorizations().len(), seen, "no login after logout");
}
