//! A whole plan as data that can travel: everything the store holds about it (settings,
//! template texts, tasks, evidence rows, the event log, stakeholders and their decisions,
//! endpoints, probe runs, own tasks, the runbook, the people list, corrected and retracted
//! evidence, decisions' conditions), and bringing such data back — as a new plan, or merged
//! into the same plan (matched by its global id) when asked explicitly.
//!
//! Every value is checked before a row is written, and the whole import is one transaction.
//! Evidence files travel beside this data (content-addressed); packing both into one file
//! is [`crate::export`]'s. A merge only adds what is missing (evidence, retractions,
//! history, sign-offs and runs only grow) and takes a task's field, an own task's
//! definition, a runbook step's change or check-off, an evidence item's corrected text, a
//! person's or stakeholder's details (or a person's removal) from the bundle only when the
//! bundle changed it later, by the hybrid logical clock; the plan's own settings stay as
//! they are here. It never overwrites silently: what it took is answered and logged.
//!
//! [`PLAN_DATA_VERSION`] stays while the layout only gains fields an older build can leave
//! out without misreading the rest (`#[serde(default)]` here); that is why retracted
//! evidence is a list of its own rather than a flag an older build would not see.

mod import;
mod read;
mod validate;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Gid, StoredResult};

/// The version of [`PlanData`]'s layout this build writes and reads.
pub const PLAN_DATA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub gid: Gid,
    pub name: String,
    pub client: Option<String>,
    pub launch_local: String,
    pub zone: String,
    pub pentest: Option<String>,
    pub working_days: String,
    pub holidays: String,
    pub planned_on: String,
    pub template_sha256: String,
    pub archived: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRow {
    pub sha256: String,
    pub template_id: String,
    pub version: String,
    pub name: String,
    pub source_url: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRow {
    pub task_id: String,
    pub status: String,
    pub owner: Option<String>,
    pub pinned_due: Option<String>,
    pub waiver_reason: Option<String>,
    pub waiver_until: Option<String>,
    pub updated_at: String,
    pub added_in: Option<String>,
    pub retired_at: Option<String>,
    pub retired_from: Option<String>,
    pub reconfirm: Option<String>,
    /// Why a blocked task is blocked; bundles before governed waivers have none.
    #[serde(default)]
    pub blocked_reason: Option<String>,
    /// Who accepted the waiver's risk, on which day, the risk and the control that limits it.
    #[serde(default)]
    pub waiver_approver: Option<String>,
    #[serde(default)]
    pub waiver_approved_on: Option<String>,
    #[serde(default)]
    pub waiver_accepted_risk: Option<String>,
    #[serde(default)]
    pub waiver_control: Option<String>,
}

/// A plan's own task as stored (`own_task`); bundles before own tasks have none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnTaskRow {
    pub gid: Gid,
    pub task_id: String,
    pub phase: String,
    pub area: String,
    pub title: String,
    pub guidance: String,
    pub blocking: bool,
    pub due_offset: Option<i64>,
    pub due_date: Option<String>,
    pub evidence: String,
    pub probes: String,
    pub depends_on: String,
    pub created_at: String,
    pub removed_at: Option<String>,
}

/// A row of the plan's runbook (`runbook_step`): an own step or changes to a template one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunbookRow {
    pub gid: Gid,
    pub step_id: String,
    pub own: bool,
    pub title: Option<String>,
    pub task_id: Option<String>,
    pub at_minutes: Option<i64>,
    pub owner: Option<String>,
    pub checkpoint: Option<String>,
    pub dns_switch: Option<bool>,
    pub checked_at: Option<String>,
    pub checked_by: Option<String>,
    pub removed_at: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRow {
    pub gid: Gid,
    pub task_id: String,
    pub kind: String,
    pub body: String,
    pub title: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub created_at: String,
    pub created_by: String,
    /// When and by whom the text was last corrected; bundles before corrections have none.
    #[serde(default)]
    pub edited_at: Option<String>,
    #[serde(default)]
    pub edited_by: Option<String>,
    /// Set on the rows of [`PlanData::retracted_evidence`] only.
    #[serde(default)]
    pub retracted: Option<RetractionRow>,
}

/// Who took evidence back, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetractionRow {
    pub at: String,
    pub by: String,
    pub reason: String,
}

/// One of the plan's people (`person`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub gid: Gid,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub gid: Gid,
    pub hlc: String,
    pub task_id: Option<String>,
    pub at: String,
    pub who: String,
    pub kind: String,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub touches: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRow {
    pub gid: Gid,
    pub decision: String,
    pub conditions: Option<String>,
    pub decided_on: String,
    pub recorded_at: String,
    pub recorded_by: String,
    /// The plan's state the decision was made on (JSON), if recorded.
    #[serde(default)]
    pub basis: Option<String>,
    /// The report the decision was made on: its id and the SHA-256 of its sealed data.
    #[serde(default)]
    pub report_id: Option<String>,
    #[serde(default)]
    pub report_sha256: Option<String>,
    /// The own tasks its conditions became, in the order given (`decision_condition`).
    #[serde(default)]
    pub condition_tasks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StakeholderRow {
    pub gid: Gid,
    pub name: String,
    pub role: String,
    pub email: Option<String>,
    pub created_at: String,
    pub decisions: Vec<DecisionRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRow {
    pub gid: Gid,
    pub kind: String,
    pub started_at: String,
    pub finished_at: String,
    pub cancelled: bool,
    pub verdict: String,
    pub created_by: String,
    pub results: Vec<StoredResult>,
}

/// Everything the store holds about one plan, as plain rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanData {
    pub version: u32,
    pub plan: PlanRow,
    /// The template the plan follows and every earlier one a retired task still needs.
    pub templates: Vec<TemplateRow>,
    pub items: Vec<ItemRow>,
    pub evidence: Vec<EvidenceRow>,
    pub events: Vec<EventRow>,
    pub stakeholders: Vec<StakeholderRow>,
    pub endpoints: Option<String>,
    pub runs: Vec<RunRow>,
    /// The plan's own tasks, removed ones included.
    #[serde(default)]
    pub own_tasks: Vec<OwnTaskRow>,
    /// The go-live day's runbook rows: own steps, changes, check-offs.
    #[serde(default)]
    pub runbook: Vec<RunbookRow>,
    /// The plan's people list.
    #[serde(default)]
    pub people: Vec<PersonRow>,
    /// Evidence taken back, kept apart from [`PlanData::evidence`] so that a build from
    /// before retractions, which reads no `retracted` field, leaves it out rather than count
    /// it as live.
    #[serde(default)]
    pub retracted_evidence: Vec<EvidenceRow>,
}

impl PlanData {
    /// The content addresses of the evidence files the data names.
    pub fn file_hashes(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.evidence
            .iter()
            .chain(&self.retracted_evidence)
            .filter_map(|e| e.sha256.clone())
            .filter(|s| seen.insert(s.clone()))
            .collect()
    }
}

/// How an import treats a plan this database already has (the same global id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// A new plan; refused when the plan is already here.
    New,
    /// Into the plan with the same global id.
    Merge,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImportOutcome {
    pub plan_id: i64,
    pub merged: bool,
    pub evidence_added: usize,
    pub events_added: usize,
    pub stakeholders_added: usize,
    pub decisions_added: usize,
    pub runs_added: usize,
    pub people_added: usize,
    /// What the bundle had changed later than this database: "TASK field", "TASK evidence
    /// edited", "TASK evidence retracted", "person NAME", "person NAME removed".
    pub fields_taken: Vec<String>,
    /// The bundle's own tasks that are under another id here, "X-01 → X-03": this plan had
    /// given their id to an own task of its own.
    pub renumbered: Vec<String>,
}
