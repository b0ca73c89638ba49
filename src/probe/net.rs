//! The transport shared by the HTTP-based checks: one reqwest client per run (pins, extra CA
//! certificates, custom DNS server, timeouts), redirects followed by hand, bodies read with a
//! size cap, credentials attached only to their own origin.
//!
//! It does not judge anything; the checks in [`super::http`], [`super::seo`] and
//! [`super::redirects`] do.

use std::fmt;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use reqwest::header::{self, HeaderMap};
use reqwest::{Client, Method, StatusCode, Url};

use super::dns::DnsClient;
use super::{Endpoints, ProbeError, Settings};

/// The user agent of every probe request; a browser-like product token so gateways that
/// answer browsers differently are judged as a browser would see them.
pub const USER_AGENT: &str = "Mozilla/5.0 (compatible; GoLivePlanner-probe/0.1)";

/// Reads extra CA certificates (PEM) from files.
pub fn read_ca_files(
    files: &[std::path::PathBuf],
) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, ProbeError> {
    use rustls::pki_types::pem::PemObject;
    let mut out = Vec::new();
    for path in files {
        let bytes = std::fs::read(path).map_err(|source| ProbeError::CaFile {
            path: path.clone(),
            source,
        })?;
        let certs: Vec<_> = rustls::pki_types::CertificateDer::pem_slice_iter(&bytes)
            .filter_map(Result::ok)
            .collect();
        if certs.is_empty() {
            return Err(ProbeError::CaPem(path.to_path_buf()));
        }
        out.extend(certs);
    }
    Ok(out)
}

/// Checks that a CA file holds at least one PEM certificate.
pub fn check_ca_file(path: &Path) -> Result<(), ProbeError> {
    read_ca_files(&[path.to_path_buf()]).map(|_| ())
}

/// Why a request gave no usable answer. Each becomes an `error` verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    Timeout,
    Connect(String),
    Tls(String),
    RedirectLoop(String),
    TooManyRedirects(usize),
    BadLocation(String),
    BodyTooLarge(usize),
    Other(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Timeout => f.write_str("no complete answer within the timeout"),
            FetchError::Connect(e) => write!(f, "cannot connect: {e}"),
            FetchError::Tls(e) => write!(f, "TLS handshake failed: {e}"),
            FetchError::RedirectLoop(u) => write!(f, "redirect loop back to {u}"),
            FetchError::TooManyRedirects(n) => write!(f, "more than {n} redirects"),
            FetchError::BadLocation(l) => write!(f, "redirect to an invalid location {l:?}"),
            FetchError::BodyTooLarge(n) => {
                write!(f, "answer larger than the {} MB limit", n / (1024 * 1024))
            }
            FetchError::Other(e) => f.write_str(e),
        }
    }
}

fn classify(err: &reqwest::Error) -> FetchError {
    if err.is_timeout() {
        return FetchError::Timeout;
    }
    let mut text = Vec::new();
    let mut source: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = source {
        let s = e.to_string();
        if !text.contains(&s) {
            text.push(s);
        }
        source = e.source();
    }
    let chain = text.join(": ");
    let lower = chain.to_ascii_lowercase();
    if lower.contains("timed out") {
        FetchError::Timeout
    } else if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
        || lower.contains("invalid peer")
        || lower.contains("corrupt message")
    {
        FetchError::Tls(chain)
    } else if err.is_connect() {
        FetchError::Connect(chain)
    } else {
        FetchError::Other(chain)
    }
}

/// One response seen while following redirects.
#[derive(Debug, Clone)]
pub struct Hop {
    pub url: Url,
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: HeaderMap,
}

/// The answer to a request after redirects: every hop, and the final body when asked.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub hops: Vec<Hop>,
    pub body: Vec<u8>,
}

impl Fetched {
    pub fn last(&self) -> &Hop {
        // `fetch` never returns an empty chain.
        &self.hops[self.hops.len() - 1]
    }

    pub fn first(&self) -> &Hop {
        &self.hops[0]
    }

    pub fn content_type(&self) -> String {
        header_str(&self.last().headers, header::CONTENT_TYPE).to_ascii_lowercase()
    }
}

pub fn header_str(headers: &HeaderMap, name: header::HeaderName) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// A fetch with its first answer kept apart (see [`Http::fetch_traced`]).
#[derive(Debug, Clone)]
pub struct Traced {
    pub first: Option<Hop>,
    pub result: Result<Fetched, FetchError>,
}

/// How to make one request.
#[derive(Debug, Clone, Copy)]
pub struct FetchOptions {
    pub follow: bool,
    pub read_body: bool,
    pub with_credentials: bool,
    pub method_head: bool,
}

impl FetchOptions {
    pub const PAGE: FetchOptions = FetchOptions {
        follow: true,
        read_body: true,
        with_credentials: true,
        method_head: false,
    };
    pub const FIRST_ANSWER: FetchOptions = FetchOptions {
        follow: false,
        read_body: false,
        with_credentials: true,
        method_head: false,
    };
}

/// The HTTP side of a run.
#[derive(Clone)]
pub struct Http {
    client: Client,
    endpoints: Arc<Endpoints>,
    settings: Settings,
}

impl Http {
    pub fn new(
        endpoints: Arc<Endpoints>,
        settings: &Settings,
        dns: Option<&DnsClient>,
    ) -> Result<Http, ProbeError> {
        let roots = super::tls::root_store(&read_ca_files(&endpoints.ca_files)?);
        Http::with_roots(endpoints, settings, dns, roots)
    }

    /// Like [`Http::new`] with a trust store already built (system roots plus the endpoints'
    /// extra CAs), so a run reads its CA files and builds its store once.
    pub fn with_roots(
        endpoints: Arc<Endpoints>,
        settings: &Settings,
        dns: Option<&DnsClient>,
        roots: Arc<rustls::RootCertStore>,
    ) -> Result<Http, ProbeError> {
        let tls = super::tls::http_client_config(roots).map_err(ProbeError::Client)?;
        let mut builder = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .user_agent(USER_AGENT)
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.request_timeout)
            .read_timeout(settings.request_timeout)
            .pool_max_idle_per_host(settings.concurrency.max(1) * 2);
        for pin in &endpoints.pins {
            builder = builder.resolve(&pin.host, SocketAddr::new(pin.ip, 0));
        }
        builder = builder.tls_backend_preconfigured(tls);
        if let Some(dns) = dns
            && endpoints.nameserver.is_some()
        {
            builder = builder.dns_resolver(Arc::new(dns.clone()));
        }
        let client = builder
            .build()
            .map_err(|e| ProbeError::Client(e.to_string()))?;
        Ok(Http {
            client,
            endpoints,
            settings: settings.clone(),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Requests `url`, following redirects by hand when asked. Credentials go only to the
    /// origin they were bound to, so a redirect to another origin drops them.
    pub async fn fetch(&self, url: &Url, opts: FetchOptions) -> Result<Fetched, FetchError> {
        self.fetch_traced(url, opts).await.result
    }

    /// Like [`Http::fetch`], and keeps the first answer even when a later hop or the body
    /// fails, so a check judging only the first answer can share the request.
    pub async fn fetch_traced(&self, url: &Url, opts: FetchOptions) -> Traced {
        let mut first = None;
        let result = self.fetch_inner(url, opts, &mut first).await;
        Traced { first, result }
    }

    async fn fetch_inner(
        &self,
        url: &Url,
        opts: FetchOptions,
        first: &mut Option<Hop>,
    ) -> Result<Fetched, FetchError> {
        let mut hops: Vec<Hop> = Vec::new();
        let mut current = url.clone();
        loop {
            let method = if opts.method_head {
                Method::HEAD
            } else {
                Method::GET
            };
            let mut req = self
                .client
                .request(method, current.clone())
                .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8");
            if opts.with_credentials
                && let Some(auth) = self.endpoints.credentials_for(&current)
            {
                req = req.basic_auth(auth.user(), Some(auth.password()));
            }
            let resp = req.send().await.map_err(|e| classify(&e))?;
            let status = resp.status();
            let headers = resp.headers().clone();
            let location = headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            hops.push(Hop {
                url: current.clone(),
                status,
                location: location.clone(),
                headers,
            });
            if first.is_none() {
                *first = hops.first().cloned();
            }
            if opts.follow && status.is_redirection() {
                let Some(loc) = location else {
                    return Ok(Fetched {
                        hops,
                        body: Vec::new(),
                    });
                };
                let next = current
                    .join(&loc)
                    .map_err(|_| FetchError::BadLocation(loc.clone()))?;
                if hops.iter().any(|h| h.url == next) {
                    return Err(FetchError::RedirectLoop(next.to_string()));
                }
                if hops.len() > self.settings.max_redirects {
                    return Err(FetchError::TooManyRedirects(self.settings.max_redirects));
                }
                current = next;
                continue;
            }
            let body = if opts.read_body {
                read_capped(resp, self.settings.max_body_bytes).await?
            } else {
                Vec::new()
            };
            return Ok(Fetched { hops, body });
        }
    }
}

async fn read_capped(mut resp: reqwest::Response, limit: usize) -> Result<Vec<u8>, FetchError> {
    if resp.content_length().is_some_and(|n| n as usize > limit) {
        return Err(FetchError::BodyTooLarge(limit));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| classify(&e))? {
        if body.len() + chunk.len() > limit {
            return Err(FetchError::BodyTooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
