//! A plan's own tasks as the UI sends them (a new task, a change) and what a removal answers.

use golive::catalog::{Area, Phase};
use golive::plan::{OwnDue, OwnTask};
use golive::store::{OwnTaskEdit, RemovedOwnTask};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A task the plan adds itself; the store gives it its `X-nn` id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewOwnTaskDto {
    pub title: String,
    pub phase: Phase,
    pub area: Area,
    #[serde(default)]
    pub guidance: String,
    #[serde(default)]
    pub blocking: bool,
    pub due: OwnDue,
    #[serde(default)]
    pub evidence_hint: String,
    #[serde(default)]
    pub probes: Vec<String>,
    #[serde(default)]
    pub depends_on: Vec<String>,
}

impl From<NewOwnTaskDto> for OwnTask {
    fn from(d: NewOwnTaskDto) -> Self {
        OwnTask {
            guidance: d.guidance,
            blocking: d.blocking,
            due: d.due,
            evidence: d.evidence_hint,
            probes: d.probes,
            depends_on: d.depends_on,
            ..OwnTask::new(d.title, d.phase, d.area)
        }
    }
}

/// What to change on an own task; a field left out stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct OwnTaskEditDto {
    #[ts(optional)]
    pub title: Option<String>,
    #[ts(optional)]
    pub phase: Option<Phase>,
    #[ts(optional)]
    pub area: Option<Area>,
    #[ts(optional)]
    pub guidance: Option<String>,
    #[ts(optional)]
    pub blocking: Option<bool>,
    #[ts(optional)]
    pub due: Option<OwnDue>,
    #[ts(optional)]
    pub evidence_hint: Option<String>,
    #[ts(optional)]
    pub probes: Option<Vec<String>>,
    #[ts(optional)]
    pub depends_on: Option<Vec<String>>,
}

impl From<OwnTaskEditDto> for OwnTaskEdit {
    fn from(d: OwnTaskEditDto) -> Self {
        OwnTaskEdit {
            phase: d.phase,
            area: d.area,
            title: d.title,
            guidance: d.guidance,
            blocking: d.blocking,
            due: d.due,
            evidence: d.evidence_hint,
            probes: d.probes,
            depends_on: d.depends_on,
        }
    }
}

/// An own task that was removed; its evidence stays in the database, its history too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RemovedOwnTaskDto {
    pub task_id: String,
    pub title: String,
    pub evidence_kept: u32,
}

impl From<&RemovedOwnTask> for RemovedOwnTaskDto {
    fn from(r: &RemovedOwnTask) -> Self {
        RemovedOwnTaskDto {
            task_id: r.task_id.clone(),
            title: r.title.clone(),
            evidence_kept: u32::try_from(r.evidence_kept).unwrap_or(u32::MAX),
        }
    }
}
