//! Network probes: checks a shop's DNS, TLS, HTTP, SEO files, mail records and redirect map
//! from outside and turns them into dated verdicts (pass, warn, fail, or error = could not
//! check).
//!
//! Each check family has a pure judge (parse + rule, unit-tested without sockets) and a
//! small async part that fetches what the judge needs. [`runner`] runs them with bounded
//! concurrency, timeouts, cancellation and progress. This module writes nothing itself
//! ([`history`] turns runs into the store's rows and back) and holds no credentials beyond
//! the run that was given them.
//!
//! Entry points for [`crate::ops`]: [`run`] (a plan's endpoints), [`probe_url`] (one ad-hoc
//! URL), [`redirects::RedirectMap::parse`] + [`check_redirects`], [`diff::diff`].

pub mod diff;
pub mod dns;
pub mod endpoints;
pub mod history;
pub mod http;
pub mod logins;
pub mod mail;
pub mod model;
pub mod net;
pub mod redirects;
pub mod runner;
pub mod seo;
pub mod tls;
pub mod tls_legacy;

use crate::error::ErrorKind;
use std::path::PathBuf;
use std::time::Duration;

pub use diff::{RunDiff, diff};
pub use endpoints::{BasicAuth, EndpointKind, Endpoints, Pin, Placement};
pub use model::{CheckId, Judgement, Observed, ProbeResult, Verdict, overall};
pub use redirects::{RedirectEntry, RedirectMap, check_redirects};
pub use runner::{Progress, RunReport, RunRequest, probe_url, run};

/// Timeouts and limits of a run.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// Time allowed to open a TCP connection.
    pub connect_timeout: Duration,
    /// Time allowed for one request, from connecting to the last body byte.
    pub request_timeout: Duration,
    /// Time allowed for one whole check (a check may make several requests).
    pub check_timeout: Duration,
    /// Checks running at the same time. The default lets every check of a typical plan (five
    /// storefronts and a mail domain make 64) wait on the network at once, so a run takes about
    /// as long as its slowest check; per origin that is at most ~9 connections, fewer than a
    /// browser opens for one page.
    pub concurrency: usize,
    /// Largest body read (homepage, robots.txt, sitemap); larger answers are an error.
    pub max_body_bytes: usize,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(10),
            check_timeout: Duration::from_secs(30),
            concurrency: 64,
            max_body_bytes: 5 * 1024 * 1024,
            max_redirects: 10,
        }
    }
}

/// Why a probe could not be set up or its input is unusable. A check that runs but cannot
/// reach its target is not an error: it becomes a result with verdict `error`.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("invalid pin {0:?}: write HOST:PORT:IP, for example shop.example.com:443:203.0.113.7")]
    InvalidPin(String),
    #[error("invalid mail domain {0:?}: give a domain name such as example.com")]
    InvalidDomain(String),
    #[error("invalid DKIM selector {0:?}: give the selector only, such as `s1`")]
    InvalidSelector(String),
    #[error("invalid path {0:?}: a path starts with `/`")]
    InvalidPath(String),
    #[error("cannot read CA certificate file {path}: {source}; check the path of the CA file")]
    CaFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no PEM certificate found in {0}; a CA file must be PEM (BEGIN CERTIFICATE)")]
    CaPem(PathBuf),
    #[error("cannot read redirect map {path}: {source}")]
    MapRead {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("redirect map is invalid:\n{}", .0.join("\n"))]
    MapInvalid(Vec<String>),
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
    #[error(
        "cannot set up the DNS resolver: {0}; check the DNS server setting or /etc/resolv.conf"
    )]
    Resolver(String),
    #[error("cannot start the probe runtime: {0}")]
    Runtime(String),
    #[error("nothing to probe: {0}")]
    NothingToProbe(String),
}

impl ProbeError {
    /// A stable code the desktop UI branches on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ProbeError::InvalidUrl { .. } => ErrorKind::InvalidUrl,
            ProbeError::InvalidPin(_) => ErrorKind::InvalidPin,
            ProbeError::InvalidDomain(_) => ErrorKind::InvalidDomain,
            ProbeError::InvalidSelector(_) => ErrorKind::InvalidSelector,
            ProbeError::InvalidPath(_) => ErrorKind::InvalidPath,
            ProbeError::CaFile { .. } => ErrorKind::CaFile,
            ProbeError::CaPem(_) => ErrorKind::CaPem,
            ProbeError::MapRead { .. } => ErrorKind::MapRead,
            ProbeError::MapInvalid(_) => ErrorKind::MapInvalid,
            ProbeError::Client(_) => ErrorKind::Client,
            ProbeError::Resolver(_) => ErrorKind::Resolver,
            ProbeError::Runtime(_) => ErrorKind::Runtime,
            ProbeError::NothingToProbe(_) => ErrorKind::NothingToProbe,
        }
    }
}

impl serde::Serialize for ProbeError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ProbeError", 2)?;
        st.serialize_field("kind", &self.kind())?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}
