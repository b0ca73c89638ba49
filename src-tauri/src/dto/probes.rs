//! Probes as the Probes view shows them: the endpoints form, results with the endpoint they
//! belong to, stored runs, the diff of the latest two runs and live progress.
//!
//! Credentials are not part of any of these shapes: the password arrives as a command
//! argument for one run and is never sent back or saved.

use std::str::FromStr;

use golive::probe::diff::Change;
use golive::probe::history::RunSummary;
use golive::probe::{CheckId, EndpointKind, Endpoints, Pin, ProbeResult, RunDiff, Verdict, runner};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CommandError;

/// A plan's endpoints as the form edits them. Empty strings mean "not set".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EndpointsDto {
    pub storefronts: Vec<String>,
    pub backoffice: Option<String>,
    pub merchant_portal: Option<String>,
    pub api: Option<String>,
    pub gateway: Option<String>,
    pub mail_domain: Option<String>,
    pub dkim_selectors: Vec<String>,
    /// `HOST:PORT:IP`, like `curl --resolve`.
    pub pins: Vec<String>,
    /// Extra CA certificates (PEM files), absolute paths.
    pub ca_files: Vec<String>,
    pub http_port: Option<u16>,
    pub sitemap_path: Option<String>,
    /// DNS server `IP:port`; empty means the system's.
    pub nameserver: Option<String>,
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn list(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

impl From<&Endpoints> for EndpointsDto {
    fn from(e: &Endpoints) -> Self {
        EndpointsDto {
            storefronts: e.storefronts.clone(),
            backoffice: e.backoffice.clone(),
            merchant_portal: e.merchant_portal.clone(),
            api: e.api.clone(),
            gateway: e.gateway.clone(),
            mail_domain: e.mail_domain.clone(),
            dkim_selectors: e.dkim_selectors.clone(),
            pins: e.pins.iter().map(Pin::to_string).collect(),
            ca_files: e.ca_files.iter().map(|p| p.display().to_string()).collect(),
            http_port: e.http_port,
            sitemap_path: e.sitemap_path.clone(),
            nameserver: e.nameserver.map(|n| n.to_string()),
        }
    }
}

impl TryFrom<&EndpointsDto> for Endpoints {
    type Error = CommandError;

    /// Trims the form's text, drops empty rows and validates every field.
    fn try_from(d: &EndpointsDto) -> Result<Self, CommandError> {
        let pins = list(&d.pins)
            .iter()
            .map(|p| Pin::from_str(p))
            .collect::<Result<Vec<_>, _>>()?;
        let nameserver = match opt(&d.nameserver) {
            None => None,
            Some(n) => Some(n.parse().map_err(|_| {
                CommandError::new(
                    "invalid-nameserver",
                    format!("{n:?} is not a DNS server address; write IP:PORT, e.g. 127.0.0.1:53"),
                )
            })?),
        };
        let e = Endpoints {
            storefronts: list(&d.storefronts),
            backoffice: opt(&d.backoffice),
            merchant_portal: opt(&d.merchant_portal),
            api: opt(&d.api),
            gateway: opt(&d.gateway),
            mail_domain: opt(&d.mail_domain),
            dkim_selectors: list(&d.dkim_selectors),
            pins,
            ca_files: list(&d.ca_files).into_iter().map(Into::into).collect(),
            http_port: d.http_port,
            sitemap_path: opt(&d.sitemap_path),
            nameserver,
            credentials: Vec::new(),
        };
        e.validate()?;
        Ok(e)
    }
}

/// The staging login remembered in the OS keyring for a plan's origins; never the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedLoginDto {
    /// False when no OS keyring answers; the view then asks at each run.
    pub keyring: bool,
    /// Why the keyring cannot be used, for the hint under the login form.
    pub problem: Option<String>,
    /// The remembered user, when one is saved for any of the plan's origins.
    pub user: Option<String>,
    /// The origins a login for this plan is sent to.
    pub origins: Vec<String>,
}

/// A check the view can run on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckInfoDto {
    pub id: String,
    pub title: String,
    /// False while the plan has none of the endpoints the check needs (running it alone would
    /// answer "nothing to probe").
    pub applies: bool,
}

impl CheckInfoDto {
    pub fn new(c: CheckId, applies: bool) -> Self {
        CheckInfoDto {
            id: c.as_str().into(),
            title: c.title().into(),
            applies,
        }
    }
}

/// A plan's endpoints with every check and whether they feed it: what the Probes view's
/// form and "One check…" list need, read once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProbeSetupDto {
    pub endpoints: EndpointsDto,
    pub checks: Vec<CheckInfoDto>,
}

impl ProbeSetupDto {
    pub fn new(endpoints: &Endpoints) -> Result<Self, CommandError> {
        let idle = runner::inapplicable(endpoints, &CheckId::ALL)?;
        Ok(ProbeSetupDto {
            endpoints: EndpointsDto::from(endpoints),
            checks: CheckId::ALL
                .into_iter()
                .map(|c| CheckInfoDto::new(c, !idle.contains(&c)))
                .collect(),
        })
    }
}

/// Words for verdicts; "could not check" is never called a failure.
pub fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "Pass",
        Verdict::Warn => "Warning",
        Verdict::Fail => "Fail",
        Verdict::Error => "Could not check",
    }
}

/// One check on one target, with the endpoint it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProbeResultDto {
    /// `tls-expiry`, `hsts`, …
    pub check: String,
    pub check_title: String,
    pub target: String,
    /// `pass`, `warn`, `fail`, `error` (could not check).
    pub verdict: String,
    pub verdict_label: String,
    pub finding: String,
    /// The endpoint the target belongs to, e.g. `https://shop.example.com/`; the mail
    /// domain for mail checks.
    pub endpoint: String,
    /// `Storefront`, `Back office`, `Merchant portal`, `API`, `Backend gateway`, `Mail`.
    pub endpoint_label: String,
    pub started_at: String,
    #[ts(type = "number")]
    pub duration_ms: u64,
}

fn kind_label(k: EndpointKind) -> &'static str {
    match k {
        EndpointKind::Storefront => "Storefront",
        EndpointKind::Backoffice => "Back office",
        EndpointKind::MerchantPortal => "Merchant portal",
        EndpointKind::Api => "API",
        EndpointKind::Gateway => "Backend gateway",
    }
}

/// The host a target names: a URL's host, or the text before `:port`.
fn target_host(target: &str) -> String {
    match reqwest_host(target) {
        Some(h) => h,
        None => target
            .rsplit_once(':')
            .map_or(target, |(h, _)| h)
            .to_ascii_lowercase(),
    }
}

fn reqwest_host(target: &str) -> Option<String> {
    let (_, rest) = target.split_once("://")?;
    let authority = rest.split('/').next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host.split(':').next()?,
    };
    Some(host.to_ascii_lowercase())
}

impl ProbeResultDto {
    /// Places `r` under the first endpoint with the same URL, else the same host; mail
    /// checks go under the mail domain.
    pub fn new(r: &ProbeResult, endpoints: &Endpoints) -> ProbeResultDto {
        let web = endpoints.web().unwrap_or_default();
        let mail = matches!(
            r.check,
            CheckId::Spf | CheckId::Dmarc | CheckId::Dkim | CheckId::Mx
        );
        let host = target_host(&r.target);
        let owner = web
            .iter()
            .find(|(_, u)| u.as_str() == r.target)
            .or_else(|| {
                web.iter()
                    .find(|(_, u)| u.host_str().is_some_and(|h| h.eq_ignore_ascii_case(&host)))
            });
        let (endpoint, endpoint_label) = match owner {
            Some((k, u)) if !mail => (u.to_string(), kind_label(*k).to_string()),
            _ if mail => (r.target.clone(), "Mail".to_string()),
            _ => (r.target.clone(), "Other".to_string()),
        };
        ProbeResultDto {
            check: r.check.as_str().into(),
            check_title: r.check.title().into(),
            target: r.target.clone(),
            verdict: r.verdict.as_str().into(),
            verdict_label: verdict_label(r.verdict).into(),
            finding: r.finding.clone(),
            endpoint,
            endpoint_label,
            started_at: r.started_at.to_rfc3339(),
            duration_ms: r.duration_ms,
        }
    }
}

/// A stored run as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProbeRunDto {
    #[ts(type = "number")]
    pub id: i64,
    /// `checks` or `redirects`.
    pub kind: String,
    pub started_at: String,
    pub finished_at: String,
    pub cancelled: bool,
    pub verdict: String,
    pub verdict_label: String,
    pub passed: u32,
    pub warned: u32,
    pub failed: u32,
    pub errors: u32,
    pub created_by: String,
}

impl From<&RunSummary> for ProbeRunDto {
    fn from(r: &RunSummary) -> Self {
        let n = |v| r.counts.get(&v).copied().unwrap_or(0) as u32;
        ProbeRunDto {
            id: r.id,
            kind: r.kind.clone(),
            started_at: r.started_at.clone(),
            finished_at: r.finished_at.clone(),
            cancelled: r.cancelled,
            verdict: r.verdict.as_str().into(),
            verdict_label: verdict_label(r.verdict).into(),
            passed: n(Verdict::Pass),
            warned: n(Verdict::Warn),
            failed: n(Verdict::Fail),
            errors: n(Verdict::Error),
            created_by: r.created_by.clone(),
        }
    }
}

/// A run with its results, grouped by the view.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProbeRunResultsDto {
    pub run: ProbeRunDto,
    pub results: Vec<ProbeResultDto>,
    /// Evidence entries the run added to tasks (0 when read back from the history).
    pub evidence_added: u32,
}

/// One (check, target) in the diff of the latest two runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChangeDto {
    pub check: String,
    pub check_title: String,
    pub target: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub finding: String,
}

impl From<&Change> for ChangeDto {
    fn from(c: &Change) -> Self {
        ChangeDto {
            check: c.check.as_str().into(),
            check_title: c.check.title().into(),
            target: c.target.clone(),
            before: c.before.map(|v| v.as_str().into()),
            after: c.after.map(|v| v.as_str().into()),
            finding: c.finding.clone(),
        }
    }
}

/// What changed between the two newest runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunDiffDto {
    pub new_failures: Vec<ChangeDto>,
    pub fixed: Vec<ChangeDto>,
    pub changed: Vec<ChangeDto>,
    pub unchanged: Vec<ChangeDto>,
}

impl From<&RunDiff> for RunDiffDto {
    fn from(d: &RunDiff) -> Self {
        let map = |v: &[Change]| v.iter().map(ChangeDto::from).collect();
        RunDiffDto {
            new_failures: map(&d.new_failures),
            fixed: map(&d.fixed),
            changed: map(&d.changed),
            unchanged: map(&d.unchanged),
        }
    }
}

/// A `probe-progress` event: `planned` (total known), `started` or `finished` (with the
/// result).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProbeProgressDto {
    #[ts(type = "number")]
    pub plan_id: i64,
    pub stage: String,
    pub done: u32,
    pub total: u32,
    pub check: Option<String>,
    pub target: Option<String>,
    pub result: Option<ProbeResultDto>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_targets() {
        assert_eq!(
            target_host("https://Shop.example.com:8443/x"),
            "shop.example.com"
        );
        assert_eq!(target_host("shop.example.com:443"), "shop.example.com");
        assert_eq!(target_host("http://[::1]:80/"), "::1");
        assert_eq!(target_host("example.com"), "example.com");
    }
}
