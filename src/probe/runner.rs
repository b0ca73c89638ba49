//! Runs the checks of a plan's endpoints: works out which check applies to which target,
//! runs them with bounded concurrency, a timeout per check, cancellation and progress events,
//! and returns the results in a stable order.
//!
//! Network answers shared by several checks (the homepage, a TLS handshake) are fetched once
//! per run. Nothing is stored here; see [`super::history`].

use std::collections::{BTreeSet, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use hickory_resolver::proto::rr::RecordType;
use reqwest::Url;
use rustls::RootCertStore;
use serde::Serialize;
use tokio::sync::{OnceCell, Semaphore};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

mod mail_jobs;

use super::dns::{DnsClient, LookupError, judge_dns};
use super::net::{FetchError, FetchOptions, Fetched, Hop, Http, Traced, read_ca_files};
use super::tls::{Handshake, VersionSupport, Versions};
use super::tls_legacy::{LegacyAnswer, TLS10, TLS11};
use super::{
    CheckId, EndpointKind, Endpoints, Judgement, ProbeError, ProbeResult, Settings, Verdict, http,
    seo, tls, tls_legacy,
};

/// What to run.
#[derive(Debug, Clone)]
pub struct RunRequest {
    pub endpoints: Endpoints,
    /// Checks to run; empty means all that apply.
    pub checks: Vec<CheckId>,
    /// The launch date (in the plan's zone).
    pub launch: NaiveDate,
    /// Today in the plan's zone: decides "before launch day" rules.
    pub today: NaiveDate,
    pub settings: Settings,
}

/// A live event of a run, for progress bars.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Progress {
    Planned {
        total: usize,
    },
    Started {
        check: CheckId,
        target: String,
    },
    Finished {
        done: usize,
        total: usize,
        result: ProbeResult,
    },
}

/// The outcome of a run.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct RunReport {
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub results: Vec<ProbeResult>,
    /// True when the run was cancelled; `results` then holds what finished.
    pub cancelled: bool,
}

impl RunReport {
    pub fn verdict(&self) -> Verdict {
        super::overall(&self.results)
    }
}

/// One check on one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Job {
    pub check: CheckId,
    pub target: String,
    #[serde(skip)]
    what: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Host(String),
    Origin { host: String, port: u16 },
    Url(Url),
    Domain(String),
}

fn origin_url(url: &Url, path: &str) -> Url {
    let mut u = url.clone();
    u.set_path(path);
    u.set_query(None);
    u.set_fragment(None);
    u
}

/// The checks that apply to the endpoints, in a stable order.
pub fn plan_jobs(endpoints: &Endpoints, checks: &[CheckId]) -> Result<Vec<Job>, ProbeError> {
    let wanted: BTreeSet<CheckId> = if checks.is_empty() {
        CheckId::ALL.into_iter().collect()
    } else {
        checks.iter().copied().collect()
    };
    let web = endpoints.web()?;
    let storefronts: Vec<&Url> = web
        .iter()
        .filter(|(k, _)| *k == EndpointKind::Storefront)
        .map(|(_, u)| u)
        .collect();
    let mut jobs: Vec<Job> = Vec::new();
    let mut push = |check: CheckId, target: String, what: Target| {
        if wanted.contains(&check) && !jobs.iter().any(|j| j.check == check && j.target == target) {
            jobs.push(Job {
                check,
                target,
                what,
            });
        }
    };
    for (_, url) in &web {
        let host = url.host_str().unwrap_or_default().to_string();
        if host.parse::<IpAddr>().is_err() && !host.starts_with('[') {
            push(CheckId::Dns, host.clone(), Target::Host(host.clone()));
        }
    }
    for (_, url) in &web {
        if url.scheme() == "https" {
            let host = url.host_str().unwrap_or_default().to_string();
            let port = url.port_or_known_default().unwrap_or(443);
            for check in [CheckId::TlsTrust, CheckId::TlsExpiry, CheckId::TlsVersion] {
                push(
                    check,
                    format!("{host}:{port}"),
                    Target::Origin {
                        host: host.clone(),
                        port,
                    },
                );
            }
        }
    }
    for url in &storefronts {
        let mut http_url = origin_url(url, "/");
        let was_https = http_url.scheme() == "https";
        if http_url.set_scheme("http").is_ok() {
            // Plain HTTP listens on its own port: the given one, else the default 80.
            if endpoints.http_port.is_some() || was_https {
                let _ = http_url.set_port(endpoints.http_port);
            }
            push(
                CheckId::HttpsRedirect,
                http_url.to_string(),
                Target::Url(http_url),
            );
        }
        for check in [
            CheckId::Hsts,
            CheckId::Headers,
            CheckId::Cookies,
            CheckId::StorefrontAccess,
            CheckId::HomepageSeo,
        ] {
            push(check, url.to_string(), Target::Url((*url).clone()));
        }
        let sitemap = endpoints.sitemap_path.as_deref().unwrap_or("/sitemap.xml");
        for (check, path) in [
            (CheckId::Robots, "/robots.txt"),
            (CheckId::Sitemap, sitemap),
            (CheckId::Favicon, "/favicon.ico"),
        ] {
            let u = origin_url(url, path);
            push(check, u.to_string(), Target::Url(u));
        }
    }
    for (kind, url) in &web {
        let check = match kind {
            EndpointKind::Backoffice | EndpointKind::MerchantPortal => CheckId::BackofficeAuth,
            EndpointKind::Gateway => CheckId::BackendGateway,
            _ => continue,
        };
        push(check, url.to_string(), Target::Url(url.clone()));
    }
    if let Some(domain) = &endpoints.mail_domain {
        let d = domain.trim().trim_end_matches('.').to_ascii_lowercase();
        for check in [CheckId::Spf, CheckId::Dmarc, CheckId::Mx] {
            push(check, d.clone(), Target::Domain(d.clone()));
        }
        if !endpoints.dkim_selectors.is_empty() {
            push(CheckId::Dkim, d.clone(), Target::Domain(d.clone()));
        }
    }
    Ok(jobs)
}

type Shared<T> = Arc<OnceCell<T>>;
type PageCache = Mutex<HashMap<(String, bool), Shared<Traced>>>;
type HandshakeCache = Mutex<HashMap<(String, u16), Shared<Result<Handshake, String>>>>;

/// What a run shares between its checks.
struct Ctx {
    endpoints: Arc<Endpoints>,
    settings: Settings,
    http: Http,
    dns: DnsClient,
    roots: Arc<RootCertStore>,
    launch: NaiveDate,
    today: NaiveDate,
    pages: PageCache,
    handshakes: HandshakeCache,
}

impl Ctx {
    fn new(req: &RunRequest) -> Result<Ctx, ProbeError> {
        req.endpoints.validate()?;
        let endpoints = Arc::new(req.endpoints.clone());
        let dns = DnsClient::new(endpoints.nameserver, req.settings.connect_timeout)?;
        let roots = tls::root_store(&read_ca_files(&endpoints.ca_files)?);
        let http = Http::with_roots(endpoints.clone(), &req.settings, Some(&dns), roots.clone())?;
        Ok(Ctx {
            endpoints,
            settings: req.settings.clone(),
            http,
            dns,
            roots,
            launch: req.launch,
            today: req.today,
            pages: Mutex::new(HashMap::new()),
            handshakes: Mutex::new(HashMap::new()),
        })
    }

    fn launch_day_reached(&self) -> bool {
        self.today >= self.launch
    }

    /// The page at `url` (redirects followed, body read), fetched once per run.
    async fn page(&self, url: &Url, with_credentials: bool) -> Result<Fetched, FetchError> {
        self.traced_page(url, with_credentials).await.result
    }

    /// The first answer of the page request: the same GET (same headers, same credentials
    /// rule) a first-answer fetch would make, so checks judging only it share the request.
    async fn first_answer(&self, url: &Url, with_credentials: bool) -> Result<Hop, FetchError> {
        let traced = self.traced_page(url, with_credentials).await;
        match (traced.first, traced.result) {
            (Some(hop), _) => Ok(hop),
            (None, Err(e)) => Err(e),
            (None, Ok(f)) => Ok(f.first().clone()),
        }
    }

    async fn traced_page(&self, url: &Url, with_credentials: bool) -> Traced {
        let cell = {
            let Ok(mut map) = self.pages.lock() else {
                return Traced {
                    first: None,
                    result: Err(FetchError::Other("internal lock poisoned".into())),
                };
            };
            map.entry((url.to_string(), with_credentials))
                .or_default()
                .clone()
        };
        cell.get_or_init(|| async {
            let opts = FetchOptions {
                with_credentials,
                ..FetchOptions::PAGE
            };
            self.http.fetch_traced(url, opts).await
        })
        .await
        .clone()
    }

    async fn address(&self, host: &str, port: u16) -> Result<SocketAddr, String> {
        if let Some(ip) = self.endpoints.pin_for(host, port) {
            return Ok(SocketAddr::new(ip, port));
        }
        if let Ok(ip) = host.trim_matches(['[', ']']).parse::<IpAddr>() {
            return Ok(SocketAddr::new(ip, port));
        }
        match self.dns.addresses(host).await {
            Ok(ips) => Ok(SocketAddr::new(ips[0], port)),
            Err(LookupError::NoRecords) => Err(format!("{host} does not resolve")),
            Err(LookupError::Failed(e)) => Err(format!("cannot resolve {host}: {e}")),
        }
    }

    async fn handshake(&self, host: &str, port: u16) -> Result<Handshake, String> {
        let cell = {
            let Ok(mut map) = self.handshakes.lock() else {
                return Err("internal lock poisoned".into());
            };
            map.entry((host.to_string(), port)).or_default().clone()
        };
        cell.get_or_init(|| async {
            let addr = self.address(host, port).await?;
            tls::handshake(
                addr,
                host,
                self.roots.clone(),
                Versions::Any,
                self.settings.request_timeout,
            )
            .await
        })
        .await
        .clone()
    }

    async fn run_job(&self, job: &Job) -> Judgement {
        match (&job.what, job.check) {
            (Target::Host(host), CheckId::Dns) => {
                let days = (self.launch - self.today).num_days();
                let mut r = self.dns.lookup(host, RecordType::A).await;
                if r == Err(LookupError::NoRecords) {
                    r = self.dns.lookup(host, RecordType::AAAA).await;
                }
                let mut j = judge_dns(host, &r, days);
                if let Ok(caa) = self.dns.lookup(host, RecordType::CAA).await {
                    let issuers: Vec<String> = caa
                        .into_iter()
                        .filter(|a| a.kind == RecordType::CAA)
                        .map(|a| a.value)
                        .collect();
                    j = j.with("caa", issuers);
                }
                if let Some(ip) = self.endpoints.pins.iter().find(|p| p.host == *host) {
                    j = j.with("pinned_to", ip.ip.to_string());
                }
                j
            }
            (Target::Origin { host, port }, CheckId::TlsTrust) => {
                match self.handshake(host, *port).await {
                    Ok(hs) => tls::judge_trust(host, &hs),
                    Err(e) => Judgement::error(e),
                }
            }
            (Target::Origin { host, port }, CheckId::TlsExpiry) => {
                match self.handshake(host, *port).await {
                    Ok(Handshake {
                        leaf: Some(leaf), ..
                    }) => tls::judge_expiry(&leaf, Utc::now(), self.launch),
                    Ok(_) => Judgement::error("the server sent no readable certificate"),
                    Err(e) => Judgement::error(e),
                }
            }
            (Target::Origin { host, port }, CheckId::TlsVersion) => {
                self.versions(host, *port).await
            }
            (Target::Url(url), check) => self.web_check(check, url).await,
            (Target::Domain(d), check) => self.mail_check(check, d).await,
            _ => Judgement::error("this check does not apply to this target"),
        }
    }

    async fn versions(&self, host: &str, port: u16) -> Judgement {
        let addr = match self.address(host, port).await {
            Ok(a) => a,
            Err(e) => return Judgement::error(e),
        };
        let t = self.settings.request_timeout;
        let sni = host.parse::<IpAddr>().is_err().then_some(host);
        // A handshake offering every version that settled on TLS 1.3 proves 1.3 support, so
        // the run's shared handshake (the one trust and expiry judge) is used when it did;
        // otherwise a 1.3-only handshake is made, as before.
        let tls13_only = async {
            match self.handshake(host, port).await {
                Ok(hs) if hs.version == "TLSv1_3" => Ok(hs),
                _ => tls::handshake(addr, host, self.roots.clone(), Versions::Tls13Only, t).await,
            }
        };
        let (v12, v13, v10, v11) = tokio::join!(
            tls::handshake(addr, host, self.roots.clone(), Versions::Tls12Only, t),
            tls13_only,
            tls_legacy::probe(addr, sni, TLS10, t),
            tls_legacy::probe(addr, sni, TLS11, t),
        );
        let support = VersionSupport {
            tls10: v10.map(|a| a == LegacyAnswer::Accepted),
            tls11: v11.map(|a| a == LegacyAnswer::Accepted),
            tls12: v12.is_ok(),
            tls13: v13.is_ok(),
        };
        let mut j = tls::judge_versions(host, &support);
        if j.verdict == Verdict::Error
            && let (Err(e), _) | (_, Err(e)) = (&v13, &v12)
        {
            j.finding = format!("{}: {e}", j.finding);
        }
        j
    }

    async fn web_check(&self, check: CheckId, url: &Url) -> Judgement {
        let err = |e: FetchError| Judgement::error(format!("could not check {url}: {e}"));
        match check {
            CheckId::HttpsRedirect => {
                match self
                    .http
                    .fetch(
                        url,
                        FetchOptions {
                            with_credentials: false,
                            ..FetchOptions::FIRST_ANSWER
                        },
                    )
                    .await
                {
                    Ok(f) => http::judge_https_redirect(url, f.first()),
                    Err(e) => err(e),
                }
            }
            CheckId::Hsts => match self.first_answer(url, true).await {
                Ok(first) => http::judge_hsts(&first.headers),
                Err(e) => err(e),
            },
            CheckId::Headers => match self.page(url, true).await {
                Ok(f) => http::judge_headers(&f.last().headers),
                Err(e) => err(e),
            },
            CheckId::Cookies => match self.page(url, true).await {
                Ok(f) => http::judge_cookies(&f),
                Err(e) => err(e),
            },
            CheckId::StorefrontAccess => match self.page(url, false).await {
                Ok(f) => http::judge_storefront_access(f.last().status, self.launch_day_reached()),
                Err(e) => err(e),
            },
            CheckId::BackofficeAuth => match self.page(url, false).await {
                Ok(f) => http::judge_backoffice(&f),
                Err(e) => err(e),
            },
            CheckId::BackendGateway => {
                match self
                    .http
                    .fetch(
                        url,
                        FetchOptions {
                            with_credentials: false,
                            ..FetchOptions::FIRST_ANSWER
                        },
                    )
                    .await
                {
                    Ok(f) => http::judge_gateway(f.first()),
                    Err(e) => err(e),
                }
            }
            CheckId::HomepageSeo => match self.page(url, true).await {
                Ok(f) => seo::judge_homepage(&f),
                Err(e) => err(e),
            },
            CheckId::Robots => match self.page(url, true).await {
                Ok(f) => seo::judge_robots(&f, self.launch_day_reached()),
                Err(e) => err(e),
            },
            CheckId::Sitemap => match self.page(url, true).await {
                Ok(f) => seo::judge_sitemap(&f),
                Err(e) => err(e),
            },
            CheckId::Favicon => match self.page(url, true).await {
                Ok(f) => seo::judge_favicon(&f),
                Err(e) => err(e),
            },
            _ => Judgement::error("this check does not apply to a URL"),
        }
    }
}

/// The checks of `checks` that have nothing to check with these endpoints, which a run skips
/// (e.g. `dkim` without selectors), so a caller can say so instead of dropping them silently.
pub fn inapplicable(endpoints: &Endpoints, checks: &[CheckId]) -> Result<Vec<CheckId>, ProbeError> {
    let jobs = plan_jobs(endpoints, checks)?;
    let skipped: BTreeSet<CheckId> = checks
        .iter()
        .copied()
        .filter(|c| !jobs.iter().any(|j| j.check == *c))
        .collect();
    Ok(skipped.into_iter().collect())
}

/// Runs the checks of `req`. Cancelling `cancel` stops the run; finished results are kept.
pub async fn run(
    req: &RunRequest,
    cancel: &CancellationToken,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<RunReport, ProbeError> {
    let jobs = plan_jobs(&req.endpoints, &req.checks)?;
    if jobs.is_empty() {
        return Err(ProbeError::NothingToProbe(
            "no endpoint of this plan fits the chosen checks; set the endpoints they need \
             first (storefront URLs, back office, mail domain, DKIM selectors)"
                .into(),
        ));
    }
    let ctx = Arc::new(Ctx::new(req)?);
    let started_at = Utc::now();
    let total = jobs.len();
    progress(Progress::Planned { total });
    let limit = Arc::new(Semaphore::new(req.settings.concurrency.max(1)));
    let mut set = JoinSet::new();
    for (index, job) in jobs.into_iter().enumerate() {
        let ctx = ctx.clone();
        let limit = limit.clone();
        let cancel = cancel.clone();
        set.spawn(async move {
            let _permit = tokio::select! {
                p = limit.acquire_owned() => p.ok()?,
                _ = cancel.cancelled() => return None,
            };
            let started = Utc::now();
            let clock = Instant::now();
            let timeout = ctx.settings.check_timeout;
            let judgement = tokio::select! {
                r = tokio::time::timeout(timeout, ctx.run_job(&job)) => r.unwrap_or_else(|_| {
                    Judgement::error(format!("did not finish within {} s", timeout.as_secs()))
                }),
                _ = cancel.cancelled() => return None,
            };
            let ms = clock.elapsed().as_millis() as u64;
            let result = ProbeResult::new(job.check, job.target.clone(), judgement, started, ms);
            Some((index, job, result))
        });
    }
    let mut results = Vec::with_capacity(total);
    let mut done = 0;
    while let Some(joined) = set.join_next().await {
        if let Ok(Some((index, _job, result))) = joined {
            done += 1;
            progress(Progress::Finished {
                done,
                total,
                result: result.clone(),
            });
            results.push((index, result));
        }
    }
    results.sort_by_key(|(i, _)| *i);
    Ok(RunReport {
        started_at,
        finished_at: Utc::now(),
        results: results.into_iter().map(|(_, r)| r).collect(),
        cancelled: cancel.is_cancelled(),
    })
}

/// Checks one URL without a plan (like the CLI's `probe url`): DNS, TLS and the storefront
/// checks except access, judged as if launching today.
pub async fn probe_url(
    url: &str,
    mut endpoints: Endpoints,
    settings: Settings,
    cancel: &CancellationToken,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<RunReport, ProbeError> {
    endpoints.storefronts = vec![url.to_string()];
    let today = Utc::now().date_naive();
    let checks = CheckId::ALL
        .into_iter()
        .filter(|c| !matches!(c, CheckId::StorefrontAccess | CheckId::RedirectMap))
        .collect();
    let req = RunRequest {
        endpoints,
        checks,
        launch: today,
        today,
        settings,
    };
    run(&req, cancel, progress).await
}

/// Runs `future` on a fresh multi-threaded runtime, for callers without one (the CLI).
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, ProbeError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ProbeError::Runtime(e.to_string()))?;
    Ok(rt.block_on(future))
}
