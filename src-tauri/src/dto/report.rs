//! The Report view's shapes: stakeholders with their decisions, an export's outcome and
//! progress, and a verification of a PDF (every signature, and the seal of the embedded data).

use chrono::NaiveDate;
use std::path::PathBuf;

use golive::ops::{ConditionTask, DecisionInput, ExportStage, StakeholderState};
use golive::plan::{Condition, Decision, Status};
use golive::report::{Exported, SignOff, SignatureCheck, Verification};
use golive::store::Stakeholder;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A stakeholder and, once given, their decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StakeholderDto {
    #[ts(type = "number")]
    pub id: i64,
    pub gid: String,
    pub name: String,
    pub role: String,
    pub email: Option<String>,
    /// `null` while undecided.
    pub decision: Option<Decision>,
    pub decision_label: Option<String>,
    pub conditions: Option<String>,
    pub decided_on: Option<NaiveDate>,
    /// SHA-256 of the recorded decision, as printed on the sign-off form.
    pub fingerprint: Option<String>,
    /// What changed in the plan since the decision (empty: it stands on today's state).
    pub changed_since: Vec<String>,
    /// The report the decision was made on, when it was made from one.
    pub report_id: Option<String>,
    /// The tasks the decision's conditions became, as they stand.
    pub condition_tasks: Vec<ConditionTaskDto>,
}

/// The sign-off form as the UI sends it: a decision, its words, its conditions (each
/// becomes a task), its day and the report file it was made on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DecisionFormDto {
    pub decision: Decision,
    /// The conditions in words, or the No-Go's reason.
    #[ts(optional)]
    pub text: Option<String>,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    pub on: NaiveDate,
    /// The exported report the decision is made on (a path from the open dialog).
    #[ts(optional)]
    pub report: Option<String>,
}

impl From<DecisionFormDto> for DecisionInput {
    fn from(d: DecisionFormDto) -> Self {
        DecisionInput {
            decision: d.decision,
            text: d.text,
            conditions: d.conditions,
            on: Some(d.on),
            report: d.report.map(PathBuf::from),
        }
    }
}

/// A condition of a decision: the own task it became, as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConditionTaskDto {
    pub task_id: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: NaiveDate,
    pub status: Status,
    pub status_label: String,
}

impl From<&ConditionTask> for ConditionTaskDto {
    fn from(c: &ConditionTask) -> Self {
        ConditionTaskDto {
            task_id: c.task_id.clone(),
            title: c.title.clone(),
            owner: c.owner.clone(),
            due: c.due,
            status: c.status,
            status_label: c.status.label().into(),
        }
    }
}

impl From<&StakeholderState> for StakeholderDto {
    fn from(s: &StakeholderState) -> Self {
        StakeholderDto {
            changed_since: s.changes.clone().unwrap_or_default(),
            condition_tasks: s.conditions.iter().map(ConditionTaskDto::from).collect(),
            ..StakeholderDto::from(&s.stakeholder)
        }
    }
}

impl From<&Stakeholder> for StakeholderDto {
    fn from(s: &Stakeholder) -> Self {
        let decided = s.decision.as_ref();
        StakeholderDto {
            id: s.id,
            gid: s.gid.to_string(),
            name: s.name.clone(),
            role: s.role.clone(),
            email: s.email.clone(),
            decision: decided.map(|d| d.decision),
            decision_label: decided.map(|d| d.decision.label().into()),
            conditions: decided.and_then(|d| d.conditions.clone()),
            decided_on: decided.map(|d| d.decided_on),
            // The report's own fingerprint, so the window shows what the PDF prints.
            fingerprint: SignOff::from(s).fingerprint(),
            changed_since: Vec::new(),
            report_id: decided.and_then(|d| d.report_id.clone()),
            condition_tasks: Vec::new(),
        }
    }
}

/// One PDF signature as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignatureDto {
    /// The signature field's name, as a removed signature is named too.
    pub field: String,
    /// The signer certificate's subject.
    pub signer: String,
    /// Signing time as the signature states it: the signer's own clock.
    pub time: Option<String>,
    /// The time an RFC 3161 timestamp authority vouches for, when the signature carries one.
    pub timestamp: Option<String>,
    /// Who issued that timestamp (the authority certificate's subject).
    pub timestamp_authority: Option<String>,
    /// Unchanged, correct, and nothing but further signatures added after it: what to judge
    /// a signature by.
    pub valid: bool,
    /// Only the latest signature can cover the whole file; an earlier one that does not is
    /// still valid when `valid` says so.
    pub covers_whole_document: bool,
    pub problems: Vec<String>,
}

impl From<&SignatureCheck> for SignatureDto {
    fn from(c: &SignatureCheck) -> Self {
        SignatureDto {
            field: c.field.clone(),
            signer: c.signer.clone(),
            time: c.time.clone(),
            timestamp: c.timestamp.clone(),
            timestamp_authority: c.timestamp_authority.clone(),
            valid: c.valid,
            covers_whole_document: c.covers_whole_document,
            problems: c.problems.clone(),
        }
    }
}

/// What Verify found in a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VerificationDto {
    pub path: String,
    /// At least one signature, all valid, none removed, and the seal matching
    /// (`golive::report::Verification::is_ok`).
    pub ok: bool,
    pub signatures: Vec<SignatureDto>,
    /// Signature fields an earlier revision of the file has and the final one lacks: a
    /// stakeholder's decision has disappeared.
    pub removed_signatures: Vec<String>,
    /// `null` when the file carries no sealed data.
    pub seal_valid: Option<bool>,
    pub seal_problem: Option<String>,
    pub sealed_by: Option<String>,
}

impl VerificationDto {
    pub fn new(path: &std::path::Path, v: &Verification) -> VerificationDto {
        VerificationDto {
            path: path.display().to_string(),
            ok: v.is_ok(),
            signatures: v.signatures.iter().map(SignatureDto::from).collect(),
            removed_signatures: v.removed_signatures.clone(),
            seal_valid: v.seal_valid,
            seal_problem: v.seal_problem.clone(),
            sealed_by: v.sealed_by.clone(),
        }
    }
}

/// What Export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedDto {
    pub path: String,
    pub report_id: String,
    #[ts(type = "number")]
    pub size: u64,
    pub verification: VerificationDto,
}

impl From<&Exported> for ExportedDto {
    fn from(e: &Exported) -> Self {
        ExportedDto {
            path: e.path.display().to_string(),
            report_id: e.report_id.clone(),
            size: u64::try_from(e.size).unwrap_or(u64::MAX),
            verification: VerificationDto::new(&e.path, &e.verification),
        }
    }
}

/// Where an export stands, as `report-progress` events tell the Report view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ReportStage {
    /// Reading the plan.
    Gathering,
    /// Laying out, sealing and signing the PDF (the database is free meanwhile).
    Rendering,
    Done,
}

impl From<ExportStage> for ReportStage {
    fn from(s: ExportStage) -> Self {
        match s {
            ExportStage::Gathering => ReportStage::Gathering,
            ExportStage::Rendering => ReportStage::Rendering,
        }
    }
}

/// A `report-progress` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ReportProgressDto {
    pub stage: ReportStage,
}
