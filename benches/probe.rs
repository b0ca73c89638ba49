//! Probe budgets, measured against loopback servers (the same ones the tests use):
//!
//! 1. all checks on 5 storefront endpoints vs the slowest single check (budget: ≤ 1.5×);
//! 2. a 10,000-entry redirect map: checks per second (budget ≥ 5,000/s) and peak memory
//!    (budget < 100 MB), and in the same run a sequential `curl` loop over the same map.
//!
//! A plain timing harness (not criterion): the numbers are ratios and rates of whole runs.
//! `PROBE_BENCH_CURL=N` limits the curl loop to the first N entries (default: all).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/probe/dns_server.rs"]
mod dns_server;
#[path = "support/latency.rs"]
mod latency;
#[path = "../tests/probe/servers.rs"]
mod servers;

use std::net::Ipv4Addr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use golive::probe::{
    CheckId, Endpoints, RedirectMap, RunRequest, Settings, check_redirects, net::Http, run,
};
use tokio_util::sync::CancellationToken;

use dns_server::{Zone, serve_dns};
use servers::{Reply, Routes, TestCa, TlsVersions, serve, server_config};

const HOME: &str = r#"<html><head><title>Bench shop</title>
<meta name="description" content="Bench"></head><body>x</body></html>"#;

fn routes() -> Routes {
    Arc::new(|req| match req.path.as_str() {
        "/" => Reply::new(200)
            .header("content-type", "text/html")
            .header("strict-transport-security", "max-age=31536000")
            .header("x-content-type-options", "nosniff")
            .header("x-frame-options", "DENY")
            .body(HOME),
        "/robots.txt" => Reply::new(200)
            .header("content-type", "text/plain")
            .body("User-agent: *\nDisallow:\n"),
        "/sitemap.xml" => Reply::new(200)
            .header("content-type", "application/xml")
            .body("<urlset><url><loc>https://x/</loc></url></urlset>"),
        "/favicon.ico" => Reply::new(200)
            .header("content-type", "image/x-icon")
            .body(vec![0u8; 8]),
        p if p.starts_with("/old/") => Reply::redirect(301, &p.replace("/old/", "/new/")),
        _ => Reply::new(404),
    })
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn timed(req: &RunRequest, rounds: usize) -> Duration {
    let mut times = Vec::new();
    for _ in 0..rounds {
        let clock = Instant::now();
        let report = run(req, &CancellationToken::new(), &|_| {}).await.unwrap();
        times.push(clock.elapsed());
        assert!(
            report
                .results
                .iter()
                .all(|r| r.verdict != golive::probe::Verdict::Error),
            "{:#?}",
            report.results
        );
    }
    median(times)
}

/// Where the time of one run goes: per-run set-up parts, then the per-check durations of a
/// full run (sum of check times vs wall time shows how much waiting for a permit costs).
async fn profile(endpoints: &Endpoints, base: &RunRequest, checks: &[CheckId]) {
    use golive::probe::dns::DnsClient;
    use golive::probe::net::read_ca_files;
    use golive::probe::tls::root_store;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ep = Arc::new(endpoints.clone());
    let settings = Settings::default();
    let mut parts: Vec<(&str, Vec<Duration>)> = vec![
        ("DnsClient::new", vec![]),
        ("Http::new (reqwest client + verifier)", vec![]),
        ("root store (native + extra CA)", vec![]),
        ("first GET /robots.txt on a new client", vec![]),
        ("second GET on the same client (keep-alive)", vec![]),
    ];
    let robots: reqwest::Url = format!("{}robots.txt", endpoints.storefronts[0])
        .parse()
        .unwrap();
    for _ in 0..9 {
        let t = Instant::now();
        let dns = DnsClient::new(endpoints.nameserver, settings.connect_timeout).unwrap();
        parts[0].1.push(t.elapsed());
        let t = Instant::now();
        let http = Http::new(ep.clone(), &settings, Some(&dns)).unwrap();
        parts[1].1.push(t.elapsed());
        let t = Instant::now();
        let _roots = root_store(&read_ca_files(&endpoints.ca_files).unwrap());
        parts[2].1.push(t.elapsed());
        for part in &mut parts[3..5] {
            let t = Instant::now();
            http.fetch(&robots, golive::probe::net::FetchOptions::PAGE)
                .await
                .unwrap();
            part.1.push(t.elapsed());
        }
    }
    for (name, times) in parts {
        println!("  profile: {name}: median {:.2} ms", ms(median(times)));
    }
    let report = run(
        &RunRequest {
            checks: checks.to_vec(),
            ..base.clone()
        },
        &CancellationToken::new(),
        &|_| {},
    )
    .await
    .unwrap();
    let mut by_check: std::collections::BTreeMap<String, (u64, u64, usize)> = Default::default();
    for r in &report.results {
        let e = by_check.entry(r.check.to_string()).or_default();
        e.0 += r.duration_ms;
        e.1 = e.1.max(r.duration_ms);
        e.2 += 1;
    }
    let wall = (report.finished_at - report.started_at).num_milliseconds();
    let sum: u64 = report.results.iter().map(|r| r.duration_ms).sum();
    println!("  profile: full run wall {wall} ms, sum of check times {sum} ms");
    for (check, (total, max, n)) in by_check {
        println!(
            "  profile:   {check:<18} n={n:<2} mean {:>5.1} ms  max {max:>4} ms",
            total as f64 / n as f64
        );
    }
}

/// All checks on 5 endpoints vs the slowest single check. With `rtt`, every server (HTTPS
/// and DNS) sits behind a relay that adds that round-trip time, as across a WAN.
async fn five_endpoints(rtt: Option<Duration>) {
    let label = match rtt {
        None => "loopback, no added delay (CPU-bound)".to_string(),
        Some(d) => format!("loopback + {} ms round trip per exchange", d.as_millis()),
    };
    println!("scenario: {label}");
    let ca = TestCa::new("Bench CA");
    let dir = tempfile::tempdir().unwrap();
    let mut zone = Zone::default();
    zone.txt("shop.test", "v=spf1 mx -all")
        .txt("_dmarc.shop.test", "v=DMARC1; p=reject")
        .txt("s1._domainkey.shop.test", "v=DKIM1; p=MIIB")
        .mx("shop.test", 10, "mx.shop.test");
    let mut storefronts = Vec::new();
    let mut pins = Vec::new();
    for i in 1..=5 {
        let host = format!("shop{i}.test");
        zone.a(&host, 300, Ipv4Addr::LOCALHOST);
        let leaf = ca.leaf(&[host.as_str()], 400);
        let server = serve(Some(server_config(&leaf, TlsVersions::Both)), routes()).await;
        let port = match rtt {
            None => server.port(),
            Some(d) => latency::tcp(server.addr, d).await.port(),
        };
        storefronts.push(format!("https://{host}:{port}/"));
        pins.push(format!("{host}:{port}:127.0.0.1").parse().unwrap());
        std::mem::forget(server);
    }
    let ns = serve_dns(zone).await;
    let ns = match rtt {
        None => ns,
        Some(d) => latency::udp(ns, d).await,
    };
    let endpoints = Endpoints {
        storefronts,
        mail_domain: Some("shop.test".into()),
        dkim_selectors: vec!["s1".into()],
        pins,
        ca_files: vec![ca.write_pem(dir.path())],
        nameserver: Some(ns),
        ..Endpoints::default()
    };
    let today = chrono::Utc::now().date_naive();
    let base = RunRequest {
        endpoints: endpoints.clone(),
        checks: vec![],
        launch: today + chrono::Days::new(90),
        today,
        settings: Settings::default(),
    };
    // Plain HTTP has no server here: leave the HTTPS-redirect check out of both sides.
    let checks: Vec<CheckId> = CheckId::ALL
        .into_iter()
        .filter(|c| {
            !matches!(
                c,
                CheckId::HttpsRedirect
                    | CheckId::RedirectMap
                    | CheckId::BackofficeAuth
                    | CheckId::BackendGateway
            )
        })
        .collect();
    profile(&endpoints, &base, &checks).await;
    let rounds = 15;
    let all = timed(
        &RunRequest {
            checks: checks.clone(),
            ..base.clone()
        },
        rounds,
    )
    .await;
    let jobs = golive::probe::runner::plan_jobs(&endpoints, &checks)
        .unwrap()
        .len();
    let mut one = endpoints.clone();
    one.storefronts.truncate(1);
    let mut slowest = (Duration::ZERO, CheckId::Dns);
    for c in &checks {
        let t = timed(
            &RunRequest {
                endpoints: one.clone(),
                checks: vec![*c],
                ..base.clone()
            },
            rounds,
        )
        .await;
        if t > slowest.0 {
            slowest = (t, *c);
        }
    }
    println!(
        "all checks, 5 endpoints ({jobs} results): median {:.1} ms; slowest single check ({}) {:.1} ms; ratio {:.2} (budget ≤ 1.5)",
        all.as_secs_f64() * 1000.0,
        slowest.1,
        slowest.0.as_secs_f64() * 1000.0,
        all.as_secs_f64() / slowest.0.as_secs_f64()
    );
    if rtt.is_some() {
        // What the permit queue costs when waiting dominates: the earlier default of 16.
        const NARROW: usize = 16;
        let narrow = timed(
            &RunRequest {
                checks: checks.clone(),
                settings: Settings {
                    concurrency: NARROW,
                    ..Settings::default()
                },
                ..base.clone()
            },
            rounds,
        )
        .await;
        println!(
            "  for comparison, concurrency {NARROW} (default {}): median {:.1} ms; ratio {:.2}",
            Settings::default().concurrency,
            narrow.as_secs_f64() * 1000.0,
            narrow.as_secs_f64() / slowest.0.as_secs_f64()
        );
    }
}

async fn redirect_map() {
    let server = serve(None, routes()).await;
    let base = format!("http://127.0.0.1:{}", server.port());
    let n = 10_000;
    let csv: String = (0..n)
        .map(|i| format!("{base}/old/{i},{base}/new/{i}\n"))
        .collect();
    let map = RedirectMap::parse(&csv).unwrap();
    let settings = Settings {
        concurrency: 64,
        ..Settings::default()
    };
    let http = Http::new(Arc::new(Endpoints::default()), &settings, None).unwrap();
    let before = peak_rss_mb();
    let clock = Instant::now();
    let results = check_redirects(&http, &map, &CancellationToken::new()).await;
    let elapsed = clock.elapsed();
    assert_eq!(results.len(), n);
    assert!(
        results
            .iter()
            .all(|r| r.verdict == golive::probe::Verdict::Pass)
    );
    let ours = n as f64 / elapsed.as_secs_f64();
    println!(
        "redirect map, {n} entries: {:.2} s, {ours:.0} checks/s (budget ≥ 5000); peak RSS {:.1} MB (before the map: {before:.1} MB; budget < 100 MB)",
        elapsed.as_secs_f64(),
        peak_rss_mb()
    );

    let sample: usize = std::env::var("PROBE_BENCH_CURL")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(n)
        .min(n);
    let entries: Vec<_> = map.entries.iter().take(sample).cloned().collect();
    let clock = Instant::now();
    let curl_ok = tokio::task::spawn_blocking(move || {
        let mut ok = 0;
        for e in &entries {
            let out = std::process::Command::new("curl")
                .args([
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code} %{redirect_url}",
                    e.old.as_str(),
                ])
                .output();
            if let Ok(out) = out
                && String::from_utf8_lossy(&out.stdout) == format!("301 {}", e.expected)
            {
                ok += 1;
            }
        }
        ok
    })
    .await
    .unwrap();
    let curl_elapsed = clock.elapsed();
    let curl_rate = sample as f64 / curl_elapsed.as_secs_f64();
    println!(
        "sequential curl loop, {sample} entries: {:.1} s, {curl_rate:.0} checks/s ({curl_ok} matched); ratio ours/curl {:.1}×",
        curl_elapsed.as_secs_f64(),
        ours / curl_rate
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not: then only prove it runs.
    let full = std::env::args().any(|a| a == "--bench");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    if !full {
        println!("probe bench: run with `cargo bench --bench probe` for numbers");
        return;
    }
    rt.block_on(async {
        five_endpoints(None).await;
        five_endpoints(Some(Duration::from_millis(20))).await;
        redirect_map().await;
    });
}
