//! What a report shows: the plan as of one moment, gathered into one serializable value.
//!
//! [`ReportData`] is both the input of the layout and the JSON sealed inside the PDF, so the
//! embedded data is exactly what was rendered. It holds no layout decisions and does no IO.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::catalog::TemplateInfo;
pub use crate::plan::Decision;
use crate::plan::{Launch, PlanState, Readiness, Snapshot};

/// Everything one readiness report shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    /// Stable identifier printed in every footer, e.g. "GLR-20270601-0930-3F2A".
    pub report_id: String,
    pub plan_name: String,
    pub client: Option<String>,
    pub launch: Launch,
    pub template: TemplateInfo,
    pub generated_at: DateTime<Utc>,
    /// Who issued the report (the consultant's name).
    pub issued_by: String,
    /// SHA-256 fingerprint of the consultant's Ed25519 seal key, printed on the sign-off page.
    pub seal_key_fingerprint: Option<String>,
    /// The RFC 3161 timestamp authority whose time the signatures carry (its URL); `None`
    /// when signing times are the signer's own clock.
    pub timestamp_authority: Option<String>,
    pub snapshot: Snapshot,
    pub readiness: Readiness,
    pub evidence: Vec<EvidenceEntry>,
    pub probes: Vec<ProbeResult>,
    pub signoffs: Vec<SignOff>,
    /// Tasks earlier versions of the checklist had and a template update retired.
    pub retired: Vec<RetiredEntry>,
    /// The go-live day's runbook as of `generated_at`; none when the plan has no steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runbook: Option<crate::plan::Runbook>,
    /// What the history recorded since the plan's previous report; `None` for the first.
    #[serde(default)]
    pub since_previous: Option<SincePrevious>,
    /// The plan's state this report shows, as a decision made on it keeps it (launch,
    /// checklist version, each task's status and waiver, failing checks).
    #[serde(default)]
    pub plan_state: Option<PlanState>,
}

/// The plan's history since the report before this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SincePrevious {
    pub report_id: String,
    pub issued_at: DateTime<Utc>,
    /// Every change since, oldest first, as the history words it ("CLO-05 status: To do →
    /// Done").
    pub changes: Vec<String>,
}

/// A task a template update retired, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetiredEntry {
    pub task_id: String,
    pub title: String,
    pub status: crate::plan::Status,
    /// The checklist version that still had the task.
    pub version: String,
    pub retired_at: String,
}

impl ReportData {
    /// A report id that is stable for one plan at one moment, readable on paper.
    pub fn make_id(plan_name: &str, generated_at: DateTime<Utc>) -> String {
        let digest = Sha256::digest(format!("{plan_name}\n{}", generated_at.to_rfc3339()));
        format!(
            "GLR-{}-{}",
            generated_at.format("%Y%m%d-%H%M"),
            hex::encode_upper(&digest[..2])
        )
    }

    /// The canonical JSON that is embedded and sealed.
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec_pretty(self)
    }
}

/// The kind of a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    Note,
    Link,
    File,
    Probe,
}

impl EvidenceKind {
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Note => "Note",
            EvidenceKind::Link => "Link",
            EvidenceKind::File => "File",
            EvidenceKind::Probe => "Probe",
        }
    }
}

/// One piece of evidence recorded on a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceEntry {
    pub task_id: String,
    pub kind: EvidenceKind,
    /// The note text, the link URL, or a description.
    pub text: String,
    pub file_name: Option<String>,
    pub sha256: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// The outcome of one probe check, whatever module ran it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProbeVerdict {
    Pass,
    Warn,
    Fail,
    /// Could not check (network error, timeout): never counted as a failure.
    Error,
}

impl ProbeVerdict {
    pub fn label(self) -> &'static str {
        match self {
            ProbeVerdict::Pass => "Pass",
            ProbeVerdict::Warn => "Warning",
            ProbeVerdict::Fail => "Fail",
            ProbeVerdict::Error => "Could not check",
        }
    }
}

/// One probe result as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeResult {
    pub check: String,
    pub target: String,
    pub verdict: ProbeVerdict,
    pub finding: String,
    pub at: DateTime<Utc>,
}

/// A stakeholder and, once given, their decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub name: String,
    pub role: String,
    pub email: Option<String>,
    pub decision: Option<Decision>,
    pub conditions: Option<String>,
    pub decided_on: Option<NaiveDate>,
    /// What changed in the plan since the decision was made (empty: it stands on this
    /// report's state; `None`: no decision, or made before the app recorded its basis).
    #[serde(default)]
    pub changed_since: Option<Vec<String>>,
    /// The report the decision was made on, when it was made from one: its id and the
    /// SHA-256 of its sealed data.
    #[serde(default)]
    pub report_id: Option<String>,
    #[serde(default)]
    pub report_sha256: Option<String>,
    /// The own tasks the decision's conditions became (look them up in the snapshot).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition_tasks: Vec<String>,
}

impl From<&crate::store::Stakeholder> for SignOff {
    fn from(s: &crate::store::Stakeholder) -> Self {
        SignOff {
            name: s.name.clone(),
            role: s.role.clone(),
            email: s.email.clone(),
            decision: s.decision.as_ref().map(|d| d.decision),
            conditions: s.decision.as_ref().and_then(|d| d.conditions.clone()),
            decided_on: s.decision.as_ref().map(|d| d.decided_on),
            changed_since: None,
            report_id: s.decision.as_ref().and_then(|d| d.report_id.clone()),
            report_sha256: s.decision.as_ref().and_then(|d| d.report_sha256.clone()),
            condition_tasks: s
                .decision
                .as_ref()
                .map(|d| d.condition_tasks.clone())
                .unwrap_or_default(),
        }
    }
}

impl SignOff {
    /// SHA-256 of the recorded decision, printed on the sign-off form so a paper copy can be
    /// matched to the sealed data.
    pub fn fingerprint(&self) -> Option<String> {
        let decision = self.decision?;
        let text = format!(
            "{}\n{}\n{}\n{}\n{}\n{}",
            self.name,
            self.role,
            self.email.as_deref().unwrap_or(""),
            decision.key(),
            self.conditions.as_deref().unwrap_or(""),
            self.decided_on.map(|d| d.to_string()).unwrap_or_default()
        );
        Some(hex::encode(Sha256::digest(text)))
    }
}
