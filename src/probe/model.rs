//! The vocabulary of probes: check ids, verdicts and results.
//!
//! Plain data shared by every check, the runner, the store and the front doors. No network
//! code lives here.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One kind of check. The string form is the id used in templates
/// ([`crate::catalog::PROBE_CHECKS`]), the database and the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum CheckId {
    Dns,
    TlsTrust,
    TlsExpiry,
    TlsVersion,
    HttpsRedirect,
    Hsts,
    Headers,
    Cookies,
    StorefrontAccess,
    BackofficeAuth,
    BackendGateway,
    Robots,
    HomepageSeo,
    Sitemap,
    Favicon,
    Spf,
    Dmarc,
    Dkim,
    Mx,
    RedirectMap,
}

impl CheckId {
    /// Every check, in the order of the catalog.
    pub const ALL: [CheckId; 20] = [
        CheckId::Dns,
        CheckId::TlsTrust,
        CheckId::TlsExpiry,
        CheckId::TlsVersion,
        CheckId::HttpsRedirect,
        CheckId::Hsts,
        CheckId::Headers,
        CheckId::Cookies,
        CheckId::StorefrontAccess,
        CheckId::BackofficeAuth,
        CheckId::BackendGateway,
        CheckId::Robots,
        CheckId::HomepageSeo,
        CheckId::Sitemap,
        CheckId::Favicon,
        CheckId::Spf,
        CheckId::Dmarc,
        CheckId::Dkim,
        CheckId::Mx,
        CheckId::RedirectMap,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::Dns => "dns",
            CheckId::TlsTrust => "tls-trust",
            CheckId::TlsExpiry => "tls-expiry",
            CheckId::TlsVersion => "tls-version",
            CheckId::HttpsRedirect => "https-redirect",
            CheckId::Hsts => "hsts",
            CheckId::Headers => "headers",
            CheckId::Cookies => "cookies",
            CheckId::StorefrontAccess => "storefront-access",
            CheckId::BackofficeAuth => "backoffice-auth",
            CheckId::BackendGateway => "backend-gateway",
            CheckId::Robots => "robots",
            CheckId::HomepageSeo => "homepage-seo",
            CheckId::Sitemap => "sitemap",
            CheckId::Favicon => "favicon",
            CheckId::Spf => "spf",
            CheckId::Dmarc => "dmarc",
            CheckId::Dkim => "dkim",
            CheckId::Mx => "mx",
            CheckId::RedirectMap => "redirect-map",
        }
    }

    /// A short human title for lists and reports.
    pub fn title(self) -> &'static str {
        match self {
            CheckId::Dns => "DNS resolution and TTL",
            CheckId::TlsTrust => "TLS certificate trusted and matching the host",
            CheckId::TlsExpiry => "TLS certificate expiry",
            CheckId::TlsVersion => "TLS protocol versions",
            CheckId::HttpsRedirect => "HTTP redirects to HTTPS",
            CheckId::Hsts => "HSTS",
            CheckId::Headers => "Security headers",
            CheckId::Cookies => "Session cookie flags",
            CheckId::StorefrontAccess => "Storefront access (basic auth)",
            CheckId::BackofficeAuth => "Back office requires authentication",
            CheckId::BackendGateway => "Backend gateway closed to browsers",
            CheckId::Robots => "robots.txt",
            CheckId::HomepageSeo => "Homepage SEO",
            CheckId::Sitemap => "Sitemap",
            CheckId::Favicon => "Favicon",
            CheckId::Spf => "SPF record",
            CheckId::Dmarc => "DMARC policy",
            CheckId::Dkim => "DKIM selectors",
            CheckId::Mx => "MX records",
            CheckId::RedirectMap => "Redirect map",
        }
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not a known check id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown probe check {0:?}; known checks: {known}", known = known_checks())]
pub struct UnknownCheck(pub String);

fn known_checks() -> String {
    CheckId::ALL.map(CheckId::as_str).join(", ")
}

impl FromStr for CheckId {
    type Err = UnknownCheck;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        CheckId::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownCheck(s.to_string()))
    }
}

/// The outcome of one check. `Error` means the check could not be made (timeout, refused
/// connection, unparsable answer): it is never counted as a fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(rename = "ProbeVerdict"))]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
    Error,
}

impl Verdict {
    /// From best to worst.
    pub const ALL: [Verdict; 4] = [Verdict::Pass, Verdict::Warn, Verdict::Fail, Verdict::Error];

    /// The word people read (the report, the desktop).
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "Pass",
            Verdict::Warn => "Warning",
            Verdict::Fail => "Fail",
            Verdict::Error => "Could not check",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
            Verdict::Error => "error",
        }
    }

    /// Parses the stored form; unknown text reads as `Error` (could not tell).
    pub fn parse(s: &str) -> Verdict {
        match s {
            "pass" => Verdict::Pass,
            "warn" => Verdict::Warn,
            "fail" => Verdict::Fail,
            _ => Verdict::Error,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Observed values of a check, by name (`days_left`, `max_age`, `policy`, …).
pub type Observed = BTreeMap<String, serde_json::Value>;

/// A verdict with its finding and observed values, before timing is attached. The pure
/// judge functions of every check return this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Judgement {
    pub verdict: Verdict,
    pub finding: String,
    pub observed: Observed,
}

impl Judgement {
    pub fn new(verdict: Verdict, finding: impl Into<String>) -> Judgement {
        Judgement {
            verdict,
            finding: finding.into(),
            observed: Observed::new(),
        }
    }

    pub fn pass(finding: impl Into<String>) -> Judgement {
        Judgement::new(Verdict::Pass, finding)
    }

    pub fn warn(finding: impl Into<String>) -> Judgement {
        Judgement::new(Verdict::Warn, finding)
    }

    pub fn fail(finding: impl Into<String>) -> Judgement {
        Judgement::new(Verdict::Fail, finding)
    }

    pub fn error(finding: impl Into<String>) -> Judgement {
        Judgement::new(Verdict::Error, finding)
    }

    /// Adds an observed value.
    pub fn with(mut self, key: &str, value: impl Into<serde_json::Value>) -> Judgement {
        self.observed.insert(key.to_string(), value.into());
        self
    }
}

/// One check on one target, as stored and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProbeResult {
    pub check: CheckId,
    /// What was checked: a URL, a host, `host:port` or a mail domain.
    pub target: String,
    pub verdict: Verdict,
    /// One line a person understands.
    pub finding: String,
    pub observed: Observed,
    pub started_at: DateTime<Utc>,
    pub duration_ms: u64,
}

impl ProbeResult {
    pub fn new(
        check: CheckId,
        target: impl Into<String>,
        judgement: Judgement,
        started_at: DateTime<Utc>,
        duration_ms: u64,
    ) -> ProbeResult {
        ProbeResult {
            check,
            target: target.into(),
            verdict: judgement.verdict,
            finding: judgement.finding,
            observed: judgement.observed,
            // Milliseconds, as stored: a result reads back equal to what was saved.
            started_at: chrono::SubsecRound::trunc_subsecs(started_at, 3),
            duration_ms,
        }
    }
}

/// The worst verdict of a set of results, for exit codes and summaries: a fail outranks an
/// error (a finding is more important than a scan problem), an error outranks a warn.
pub fn overall(results: &[ProbeResult]) -> Verdict {
    let mut worst = Verdict::Pass;
    for r in results {
        worst = match (worst, r.verdict) {
            (Verdict::Fail, _) | (_, Verdict::Fail) => Verdict::Fail,
            (Verdict::Error, _) | (_, Verdict::Error) => Verdict::Error,
            (Verdict::Warn, _) | (_, Verdict::Warn) => Verdict::Warn,
            _ => Verdict::Pass,
        };
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_ids_match_the_catalog() {
        let ours: Vec<&str> = CheckId::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(ours, crate::catalog::PROBE_CHECKS);
        for id in crate::catalog::PROBE_CHECKS {
            let parsed: CheckId = id.parse().unwrap();
            assert_eq!(parsed.as_str(), *id);
            assert_eq!(serde_json::to_value(parsed).unwrap(), serde_json::json!(id));
        }
        let err = "nope".parse::<CheckId>().unwrap_err();
        assert!(err.to_string().contains("tls-expiry"));
    }

    #[test]
    fn overall_ranks_fail_over_error_over_warn() {
        let mk = |v| ProbeResult::new(CheckId::Dns, "x", Judgement::new(v, "f"), Utc::now(), 1);
        assert_eq!(overall(&[]), Verdict::Pass);
        assert_eq!(
            overall(&[mk(Verdict::Pass), mk(Verdict::Warn)]),
            Verdict::Warn
        );
        assert_eq!(
            overall(&[mk(Verdict::Error), mk(Verdict::Warn)]),
            Verdict::Error
        );
        assert_eq!(
            overall(&[mk(Verdict::Error), mk(Verdict::Fail)]),
            Verdict::Fail
        );
    }
}
