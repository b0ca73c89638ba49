//! A well-configured loopback shop and its broken variants, probed end to end.

use std::net::Ipv4Addr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use golive::probe::{
    BasicAuth, CheckId, Endpoints, Pin, ProbeResult, RedirectMap, RunRequest, Settings, Verdict,
    check_redirects, net::Http, run,
};
use tokio_util::sync::CancellationToken;

use super::dns_server::{Zone, serve_dns};
use super::servers::{Reply, Routes, TestCa, TestServer, TlsVersions, serve, server_config};

pub const HOME: &str = r#"<html><head><title>Test shop</title>
<meta name="description" content="Everything for tests">
<link rel="canonical" href="/"></head><body>Shop</body></html>"#;

pub fn good_routes() -> Routes {
    Arc::new(|req| match req.path.as_str() {
        "/" => Reply::new(200)
            .header("content-type", "text/html")
            .header("strict-transport-security", "max-age=31536000")
            .header("x-content-type-options", "nosniff")
            .header("x-frame-options", "SAMEORIGIN")
            .header("set-cookie", "PHPSESSID=abc; Path=/; Secure; HttpOnly")
            .body(HOME),
        "/robots.txt" => Reply::new(200)
            .header("content-type", "text/plain")
            .body("User-agent: *\nDisallow: /checkout\n"),
        "/sitemap.xml" => Reply::new(200)
            .header("content-type", "application/xml")
            .body(
                r#"<?xml version="1.0"?><urlset><url><loc>https://shop.test/</loc></url></urlset>"#,
            ),
        "/favicon.ico" => Reply::new(200)
            .header("content-type", "image/x-icon")
            .body(vec![0u8; 16]),
        _ => Reply::new(404),
    })
}

pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

pub fn fast() -> Settings {
    Settings {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(2),
        check_timeout: Duration::from_secs(5),
        concurrency: 16,
        max_body_bytes: 1024 * 1024,
        max_redirects: 5,
    }
}

pub fn mail_zone() -> Zone {
    let mut z = Zone::default();
    z.cname("shop.test", 3600, "lb.shop.test")
        .a("lb.shop.test", 3600, Ipv4Addr::LOCALHOST)
        .caa_issue("shop.test", "letsencrypt.org")
        .txt("shop.test", "v=spf1 include:_spf.mail.test mx -all")
        .txt("_spf.mail.test", "v=spf1 ip4:192.0.2.0/24 ~all")
        .txt(
            "_dmarc.shop.test",
            "v=DMARC1; p=none; rua=mailto:dmarc@shop.test",
        )
        .txt("s1._domainkey.shop.test", "v=DKIM1; k=rsa; p=MIIBIjANBgkq")
        .mx("shop.test", 10, "mx1.mail.test");
    z
}

pub async fn results(req: &RunRequest) -> Vec<ProbeResult> {
    run(req, &CancellationToken::new(), &|_| {})
        .await
        .unwrap()
        .results
}

pub fn verdict(results: &[ProbeResult], check: CheckId) -> (Verdict, String) {
    let r = results
        .iter()
        .find(|r| r.check == check)
        .unwrap_or_else(|| panic!("no result for {check}: {results:#?}"));
    (r.verdict, r.finding.clone())
}

/// A shop with a trusted certificate for shop.test, HTTP→HTTPS redirect and a DNS zone.
#[allow(dead_code)]
pub struct Shop {
    pub dir: tempfile::TempDir,
    pub https: TestServer,
    pub http: TestServer,
    pub endpoints: Endpoints,
}

pub async fn shop(routes: Routes, ca: &TestCa, leaf_days: i64, names: &[&str]) -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let leaf = ca.leaf(names, leaf_days);
    let https = serve(Some(server_config(&leaf, TlsVersions::Both)), routes).await;
    let port = https.port();
    let http = serve(
        None,
        Arc::new(move |_| Reply::redirect(301, &format!("https://shop.test:{port}/"))),
    )
    .await;
    let ns = serve_dns(mail_zone()).await;
    let endpoints = Endpoints {
        storefronts: vec![format!("https://shop.test:{port}/")],
        mail_domain: Some("shop.test".into()),
        dkim_selectors: vec!["s1".into()],
        pins: vec![
            format!("shop.test:{port}:127.0.0.1")
                .parse::<Pin>()
                .unwrap(),
            format!("shop.test:{}:127.0.0.1", http.port())
                .parse::<Pin>()
                .unwrap(),
        ],
        ca_files: vec![ca.write_pem(dir.path())],
        http_port: Some(http.port()),
        nameserver: Some(ns),
        ..Endpoints::default()
    };
    Shop {
        dir,
        https,
        http,
        endpoints,
    }
}

fn request(endpoints: Endpoints, launch_in_days: u64) -> RunRequest {
    RunRequest {
        endpoints,
        checks: vec![],
        launch: today() + chrono::Days::new(launch_in_days),
        today: today(),
        settings: fast(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_well_configured_shop_passes_every_check_except_early_dmarc() {
    let ca = TestCa::new("GoLive Test CA");
    let shop = shop(good_routes(), &ca, 400, &["shop.test"]).await;
    let results = results(&request(shop.endpoints.clone(), 90)).await;
    for r in &results {
        let expected = match r.check {
            // p=none is fine while testing, a warning before launch.
            CheckId::Dmarc => Verdict::Warn,
            // Still public 90 days before launch: basic auth should be on.
            CheckId::StorefrontAccess => Verdict::Warn,
            _ => Verdict::Pass,
        };
        assert_eq!(
            r.verdict, expected,
            "{}: {} ({:?})",
            r.check, r.finding, r.observed
        );
    }
    let checks: Vec<CheckId> = results.iter().map(|r| r.check).collect();
    for c in CheckId::ALL {
        if c != CheckId::RedirectMap && c != CheckId::BackofficeAuth && c != CheckId::BackendGateway
        {
            assert!(checks.contains(&c), "{c} was not run");
        }
    }
    let dns = results.iter().find(|r| r.check == CheckId::Dns).unwrap();
    assert_eq!(dns.observed["cname_chain"][0], "lb.shop.test.");
    assert_eq!(dns.observed["ttl"], 3600);
    assert!(
        dns.observed["caa"][0]
            .as_str()
            .unwrap()
            .contains("letsencrypt.org")
    );
    let spf = results.iter().find(|r| r.check == CheckId::Spf).unwrap();
    assert_eq!(spf.observed["lookups"], 2, "include + mx");
    let expiry = results
        .iter()
        .find(|r| r.check == CheckId::TlsExpiry)
        .unwrap();
    let days = expiry.observed["days_left"].as_i64().unwrap();
    assert!((398..=400).contains(&days), "{days}");
    // The https-redirect probe went to the plain HTTP server.
    assert_eq!(shop.http.seen.lock().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn launch_day_rules_dns_ttl_and_dmarc_tighten() {
    let ca = TestCa::new("GoLive Test CA");
    let shop = shop(good_routes(), &ca, 400, &["shop.test"]).await;
    let mut req = request(shop.endpoints.clone(), 0);
    req.checks = vec![
        CheckId::Dns,
        CheckId::Dmarc,
        CheckId::StorefrontAccess,
        CheckId::Robots,
    ];
    let r = results(&req).await;
    assert_eq!(
        verdict(&r, CheckId::Dns).0,
        Verdict::Warn,
        "TTL 3600 on launch day"
    );
    assert_eq!(
        verdict(&r, CheckId::Dmarc).0,
        Verdict::Fail,
        "p=none at launch"
    );
    assert_eq!(
        verdict(&r, CheckId::StorefrontAccess).0,
        Verdict::Pass,
        "public on launch day"
    );
    assert_eq!(verdict(&r, CheckId::Robots).0, Verdict::Pass);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn certificates_expired_wrong_host_untrusted_and_expiring_before_launch() {
    let ca = TestCa::new("GoLive Test CA");
    type Case = (
        &'static str,
        i64,
        &'static [&'static str],
        TestCaChoice,
        Verdict,
        Verdict,
    );
    let cases: [Case; 4] = [
        (
            "expired",
            -2,
            &["shop.test"],
            TestCaChoice::Trusted,
            Verdict::Fail,
            Verdict::Fail,
        ),
        (
            "wrong host",
            400,
            &["other.test"],
            TestCaChoice::Trusted,
            Verdict::Fail,
            Verdict::Pass,
        ),
        (
            "untrusted CA",
            400,
            &["shop.test"],
            TestCaChoice::Rogue,
            Verdict::Fail,
            Verdict::Pass,
        ),
        (
            "expires before launch + 30",
            100,
            &["shop.test"],
            TestCaChoice::Trusted,
            Verdict::Pass,
            Verdict::Fail,
        ),
    ];
    for (name, days, names, which, trust, expiry) in cases {
        let rogue = TestCa::new("Rogue CA");
        let signer = match which {
            TestCaChoice::Trusted => &ca,
            TestCaChoice::Rogue => &rogue,
        };
        let mut shop = shop(good_routes(), signer, days, names).await;
        // The client trusts only the good CA.
        shop.endpoints.ca_files = vec![ca.write_pem(shop.dir.path())];
        let mut req = request(shop.endpoints.clone(), 90);
        req.checks = vec![CheckId::TlsTrust, CheckId::TlsExpiry, CheckId::HomepageSeo];
        let r = results(&req).await;
        let (t, tf) = verdict(&r, CheckId::TlsTrust);
        assert_eq!(t, trust, "{name}: {tf}");
        let (e, ef) = verdict(&r, CheckId::TlsExpiry);
        assert_eq!(e, expiry, "{name}: {ef}");
        if trust == Verdict::Fail {
            // Pages behind a bad certificate cannot be checked: an error, not a fail.
            let (h, hf) = verdict(&r, CheckId::HomepageSeo);
            assert_eq!(h, Verdict::Error, "{name}: {hf}");
        }
        if name == "wrong host" {
            assert!(tf.contains("other.test"), "{tf}");
        }
        if name == "untrusted CA" {
            assert!(tf.contains("untrusted CA"), "{tf}");
        }
    }
}

enum TestCaChoice {
    Trusted,
    Rogue,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_12_only_and_13_only_servers_are_told_apart() {
    let ca = TestCa::new("GoLive Test CA");
    let dir = tempfile::tempdir().unwrap();
    let leaf = ca.leaf(&["shop.test"], 400);
    for (versions, v12, v13) in [
        (TlsVersions::Only12, true, false),
        (TlsVersions::Only13, false, true),
    ] {
        let server = serve(Some(server_config(&leaf, versions)), good_routes()).await;
        let endpoints = Endpoints {
            storefronts: vec![format!("https://shop.test:{}/", server.port())],
            pins: vec![
                format!("shop.test:{}:127.0.0.1", server.port())
                    .parse()
                    .unwrap(),
            ],
            ca_files: vec![ca.write_pem(dir.path())],
            ..Endpoints::default()
        };
        let mut req = request(endpoints, 90);
        req.checks = vec![CheckId::TlsVersion];
        let r = results(&req).await;
        let res = &r[0];
        assert_eq!(res.verdict, Verdict::Pass, "{}", res.finding);
        assert_eq!(res.observed["tls1_2"], v12);
        assert_eq!(res.observed["tls1_3"], v13);
        // The hand-made legacy hellos reached the server and were refused.
        assert_eq!(res.observed["tls1_0"], false);
        assert_eq!(res.observed["tls1_1"], false);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_records_fail_when_missing_or_weak() {
    let mut zone = Zone::default();
    zone.txt("weak.test", "v=spf1 a ?all")
        .txt("_dmarc.weak.test", "v=DMARC1; p=reject")
        .txt("many.test", "v=spf1 -all")
        .txt("many.test", "v=spf1 ~all");
    let ns = serve_dns(zone).await;
    let endpoints = |d: &str| Endpoints {
        mail_domain: Some(d.into()),
        dkim_selectors: vec!["s1".into()],
        nameserver: Some(ns),
        ..Endpoints::default()
    };
    let r = results(&request(endpoints("weak.test"), 90)).await;
    assert_eq!(verdict(&r, CheckId::Spf).0, Verdict::Fail);
    assert_eq!(verdict(&r, CheckId::Dmarc).0, Verdict::Pass);
    let (dkim, f) = verdict(&r, CheckId::Dkim);
    assert_eq!(dkim, Verdict::Fail);
    assert!(f.contains("s1._domainkey.weak.test"), "{f}");
    assert_eq!(verdict(&r, CheckId::Mx).0, Verdict::Fail);
    let r = results(&request(endpoints("many.test"), 90)).await;
    assert!(verdict(&r, CheckId::Spf).1.contains("2 SPF records"));
    assert_eq!(
        verdict(&r, CheckId::Dmarc).0,
        Verdict::Fail,
        "no DMARC record"
    );
    // A name server that does not answer gives errors, never fails.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut e = endpoints("shop.test");
    e.nameserver = Some(silent.local_addr().unwrap());
    let r = results(&request(e, 90)).await;
    for res in &r {
        assert_eq!(
            res.verdict,
            Verdict::Error,
            "{}: {}",
            res.check,
            res.finding
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_office_gateway_and_staging_access() {
    let routes: Routes = Arc::new(|req| match req.path.as_str() {
        "/open" => Reply::new(200).body("<h1>Orders</h1>"),
        "/locked" => Reply::new(401).header("www-authenticate", "Basic realm=x"),
        "/login-redirect" => Reply::redirect(302, "/security-gui/login"),
        "/security-gui/login" => Reply::new(200).body("<input type=\"password\" name=p>"),
        "/gw-open" => Reply::new(200),
        "/gw" => Reply::new(403),
        _ => Reply::new(404),
    });
    let server = serve(None, routes).await;
    let base = format!("http://127.0.0.1:{}", server.port());
    let run_one = |path: &str, kind: &str| {
        let mut e = Endpoints::default();
        match kind {
            "bo" => e.backoffice = Some(format!("{base}{path}")),
            "gw" => e.gateway = Some(format!("{base}{path}")),
            _ => e.storefronts = vec![format!("{base}{path}")],
        }
        let mut req = request(e, 10);
        req.checks = vec![
            CheckId::BackofficeAuth,
            CheckId::BackendGateway,
            CheckId::StorefrontAccess,
        ];
        req
    };
    assert_eq!(
        results(&run_one("/open", "bo")).await[0].verdict,
        Verdict::Fail
    );
    assert_eq!(
        results(&run_one("/locked", "bo")).await[0].verdict,
        Verdict::Pass
    );
    assert_eq!(
        results(&run_one("/login-redirect", "bo")).await[0].verdict,
        Verdict::Pass
    );
    assert_eq!(
        results(&run_one("/gw", "gw")).await[0].verdict,
        Verdict::Pass
    );
    assert_eq!(
        results(&run_one("/gw-open", "gw")).await[0].verdict,
        Verdict::Fail
    );
    assert_eq!(
        results(&run_one("/locked", "sf")).await[0].verdict,
        Verdict::Pass,
        "locked before launch"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_never_reach_another_origin_nor_the_results() {
    let other = serve(None, Arc::new(|_| Reply::new(200).body(HOME))).await;
    let other_port = other.port();
    let stage_routes: Routes = Arc::new(move |req| {
        if !req.headers.contains_key("authorization") {
            return Reply::new(401).header("www-authenticate", "Basic realm=staging");
        }
        match req.path.as_str() {
            "/" => Reply::redirect(302, &format!("http://127.0.0.1:{other_port}/landing")),
            _ => Reply::new(404),
        }
    });
    let stage = serve(None, stage_routes).await;
    let url = format!("http://127.0.0.1:{}/", stage.port());
    let mut endpoints = Endpoints {
        storefronts: vec![url.clone()],
        ..Endpoints::default()
    };
    endpoints.credentials = vec![BasicAuth::new(&url, "stage-user", "hunter2-secret").unwrap()];
    let mut req = request(endpoints, 10);
    req.checks = vec![
        CheckId::HomepageSeo,
        CheckId::Headers,
        CheckId::StorefrontAccess,
    ];
    let report = run(&req, &CancellationToken::new(), &|_| {}).await.unwrap();
    assert_eq!(
        verdict(&report.results, CheckId::HomepageSeo).0,
        Verdict::Pass
    );
    // Staging got the credentials; the other origin got the redirect without them.
    assert!(!stage.authorizations().is_empty());
    assert!(
        other.authorizations().is_empty(),
        "{:?}",
        other.authorizations()
    );
    assert_eq!(other.seen.lock().unwrap()[0].path, "/landing");
    // Access is judged without credentials.
    assert_eq!(
        verdict(&report.results, CheckId::StorefrontAccess).0,
        Verdict::Pass
    );
    let json =
        serde_json::to_string(&report).unwrap() + &serde_json::to_string(&req.endpoints).unwrap();
    let basic = "c3RhZ2UtdXNlcjpodW50ZXIyLXNlY3JldA"; // base64 of user:password, unpadded
    assert!(!json.contains("hunter2") && !json.contains(basic), "{json}");
    assert!(!format!("{req:?}").contains("hunter2"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_map_is_checked_in_bulk_with_mismatches_explained() {
    let routes: Routes = Arc::new(|req| match req.path.as_str() {
        "/old-1" => Reply::redirect(301, "/new-1"),
        "/old-2" => Reply::redirect(308, "https://new.test/two"),
        "/old-3" => Reply::redirect(302, "/new-3"),
        "/old-4" => Reply::new(200),
        _ => Reply::new(404),
    });
    let server = serve(None, routes).await;
    let base = format!("http://127.0.0.1:{}", server.port());
    let csv = format!(
        "old,new,status\n{base}/old-1,/new-1\n{base}/old-2,https://new.test/two,308\n{base}/old-3,/new-3\n{base}/old-4,/new-4\n"
    );
    let map = RedirectMap::parse(&csv).unwrap();
    let http = Http::new(Arc::new(Endpoints::default()), &fast(), None).unwrap();
    let r = check_redirects(&http, &map, &CancellationToken::new()).await;
    let v: Vec<Verdict> = r.iter().map(|r| r.verdict).collect();
    assert_eq!(
        v,
        [Verdict::Pass, Verdict::Pass, Verdict::Fail, Verdict::Fail]
    );
    assert!(
        r[2].finding.contains("line 4: answered 302"),
        "{}",
        r[2].finding
    );
    assert!(
        r[3].finding.contains("answered 200 → no Location"),
        "{}",
        r[3].finding
    );
}
