//! Probes as the Probes view shows them: the endpoints form, results with the endpoint they
//! belong to, stored runs, the diff of the latest two runs and live progress.
//!
//! Credentials are not part of any of these shapes: the password arrives as a command
//! argument for one run and is never sent back or saved. Checking and saving the endpoints
//! is `golive::ops`' work; the form's text is only trimmed and parsed here.

use std::net::SocketAddr;
use std::str::FromStr;

use golive::error::ErrorKind;
use golive::ops::{Login, ProbeOutcome, ProbeRunRequest, SavedLogin, StoredRun};
use golive::probe::diff::Change;
use golive::probe::history::{RunKind, RunSummary};
use golive::probe::{
    CheckId, Endpoints, Pin, Placement, ProbeResult, Progress, RunDiff, Settings, Verdict, runner,
};

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

    /// Trims the form's text and drops empty rows; `save_endpoints` validates the rest.
    fn try_from(d: &EndpointsDto) -> Result<Self, CommandError> {
        let pins = list(&d.pins)
            .iter()
            .map(|p| Pin::from_str(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(golive::ops::Error::from)?;
        let nameserver = opt(&d.nameserver)
            .map(|n| {
                n.parse::<SocketAddr>().map_err(|_| {
                    CommandError::new(
                        ErrorKind::InvalidInput,
                        format!(
                            "{n:?} is not a DNS server address; write IP:PORT, e.g. 127.0.0.1:53"
                        ),
                    )
                })
            })
            .transpose()?;
        Ok(Endpoints {
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
        })
    }
}

/// A run of `checks` (all that apply when empty) as the Probes view asks for it: with the
/// login typed in its dialog (`remember` keeps it in the OS keyring), else the remembered one.
pub fn run_request(
    checks: Vec<CheckId>,
    user: Option<String>,
    password: Option<String>,
    remember: Option<bool>,
) -> ProbeRunRequest {
    let login = match user {
        Some(user) => Login::Typed {
            user,
            password: password.unwrap_or_default(),
            remember: remember.unwrap_or(false),
        },
        None => Login::Remembered,
    };
    ProbeRunRequest {
        checks,
        login,
        settings: Settings::default(),
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

impl From<SavedLogin> for SavedLoginDto {
    fn from(s: SavedLogin) -> Self {
        SavedLoginDto {
            keyring: s.keyring,
            problem: s.problem,
            user: s.user,
            origins: s.origins,
        }
    }
}

/// A check the view can run on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckInfoDto {
    pub id: CheckId,
    pub title: String,
    /// False while the plan has none of the endpoints the check needs (running it alone would
    /// answer "nothing to probe").
    pub applies: bool,
}

impl CheckInfoDto {
    pub fn new(c: CheckId, applies: bool) -> Self {
        CheckInfoDto {
            id: c,
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
    pub fn new(endpoints: &Endpoints) -> Result<Self, golive::ops::Error> {
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

/// One check on one target, with the endpoint it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProbeResultDto {
    pub check: CheckId,
    pub check_title: String,
    pub target: String,
    pub verdict: Verdict,
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

impl ProbeResultDto {
    /// `r` under the endpoint the library places it under.
    pub fn new(r: &ProbeResult, endpoints: &Endpoints) -> ProbeResultDto {
        let (endpoint, endpoint_label) = match endpoints.place(r.check, &r.target) {
            Placement::Web { kind, url } => (url.to_string(), kind.label().to_string()),
            Placement::Mail => (r.target.clone(), "Mail".to_string()),
            Placement::Other => (r.target.clone(), "Other".to_string()),
        };
        ProbeResultDto {
            check: r.check,
            check_title: r.check.title().into(),
            target: r.target.clone(),
            verdict: r.verdict,
            verdict_label: r.verdict.label().into(),
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
    pub gid: String,
    pub kind: RunKind,
    pub started_at: String,
    pub finished_at: String,
    pub cancelled: bool,
    pub verdict: Verdict,
    pub verdict_label: String,
    pub passed: u32,
    pub warned: u32,
    pub failed: u32,
    pub errors: u32,
    pub created_by: String,
}

impl From<&RunSummary> for ProbeRunDto {
    fn from(r: &RunSummary) -> Self {
        let n = |v| u32::try_from(r.counts.get(&v).copied().unwrap_or(0)).unwrap_or(u32::MAX);
        ProbeRunDto {
            id: r.id,
            gid: r.gid.to_string(),
            kind: r.kind,
            started_at: r.started_at.clone(),
            finished_at: r.finished_at.clone(),
            cancelled: r.cancelled,
            verdict: r.verdict,
            verdict_label: r.verdict.label().into(),
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

impl From<&ProbeOutcome> for ProbeRunResultsDto {
    fn from(o: &ProbeOutcome) -> Self {
        ProbeRunResultsDto {
            run: ProbeRunDto::from(&o.run),
            results: o
                .report
                .results
                .iter()
                .map(|r| ProbeResultDto::new(r, &o.endpoints))
                .collect(),
            evidence_added: u32::try_from(o.evidence_added).unwrap_or(u32::MAX),
        }
    }
}

impl From<&StoredRun> for ProbeRunResultsDto {
    fn from(s: &StoredRun) -> Self {
        ProbeRunResultsDto {
            run: ProbeRunDto::from(&s.run),
            results: s
                .results
                .iter()
                .map(|r| ProbeResultDto::new(r, &s.endpoints))
                .collect(),
            evidence_added: 0,
        }
    }
}

/// One (check, target) in the diff of the latest two runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChangeDto {
    pub check: CheckId,
    pub check_title: String,
    pub target: String,
    pub before: Option<Verdict>,
    pub after: Option<Verdict>,
    pub finding: String,
}

impl From<&Change> for ChangeDto {
    fn from(c: &Change) -> Self {
        ChangeDto {
            check: c.check,
            check_title: c.check.title().into(),
            target: c.target.clone(),
            before: c.before,
            after: c.after,
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

/// Where a running probe run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ProgressStage {
    /// The number of checks is known.
    Planned,
    Started,
    /// One check finished; its result comes with the event.
    Finished,
}

/// A `probe-progress` event.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProbeProgressDto {
    #[ts(type = "number")]
    pub plan_id: i64,
    pub stage: ProgressStage,
    pub done: u32,
    pub total: u32,
    pub check: Option<CheckId>,
    pub target: Option<String>,
    pub result: Option<ProbeResultDto>,
}

impl ProbeProgressDto {
    /// `endpoints` place a finished result under its endpoint, as the run's answer will.
    pub fn new(plan_id: i64, endpoints: &Endpoints, p: Progress) -> ProbeProgressDto {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let base = ProbeProgressDto {
            plan_id,
            stage: ProgressStage::Planned,
            done: 0,
            total: 0,
            check: None,
            target: None,
            result: None,
        };
        match p {
            Progress::Planned { total } => ProbeProgressDto {
                total: count(total),
                ..base
            },
            Progress::Started { check, target } => ProbeProgressDto {
                stage: ProgressStage::Started,
                check: Some(check),
                target: Some(target),
                ..base
            },
            Progress::Finished {
                done,
                total,
                result,
            } => ProbeProgressDto {
                stage: ProgressStage::Finished,
                done: count(done),
                total: count(total),
                check: Some(result.check),
                target: Some(result.target.clone()),
                result: Some(ProbeResultDto::new(&result, endpoints)),
                ..base
            },
        }
    }
}
