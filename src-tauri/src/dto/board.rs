//! A plan as the views show it: every task with its schedule and state, and the verdict.

use chrono::NaiveDate;
use golive::plan::{Counts, ItemView, Readiness, Reason, Snapshot, Verdict, Waiver};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::records::PlanDto;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WaiverDto {
    pub reason: String,
    pub until: NaiveDate,
}

impl From<&Waiver> for WaiverDto {
    fn from(w: &Waiver) -> Self {
        WaiverDto {
            reason: w.reason.clone(),
            until: w.until,
        }
    }
}

/// One task of a plan: the template's text and the team's state, flattened.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TaskDto {
    pub id: String,
    pub title: String,
    /// `8w`, `4w`, `2w`, `launch-day`, `post-launch`.
    pub phase: String,
    pub phase_label: String,
    /// `GEN`, `CLO`, `APP`, `TES`, `DAT`, `SEO`, `TR`.
    pub area: String,
    pub area_label: String,
    pub guidance: String,
    pub source: String,
    pub evidence_hint: String,
    pub blocking: bool,
    pub steps: Vec<String>,
    pub probes: Vec<String>,
    pub depends_on: Vec<String>,
    /// `todo`, `in-progress`, `done`, `blocked`, `n/a`.
    pub status: String,
    pub owner: Option<String>,
    pub due: NaiveDate,
    pub computed_due: NaiveDate,
    pub pinned: bool,
    pub window_passed: bool,
    pub overdue: bool,
    pub waived: bool,
    pub waiver: Option<WaiverDto>,
    pub evidence_count: u32,
}

impl From<&ItemView> for TaskDto {
    fn from(v: &ItemView) -> Self {
        TaskDto {
            id: v.task.id.clone(),
            title: v.task.title.clone(),
            phase: v.task.phase.key().to_string(),
            phase_label: v.task.phase.label().to_string(),
            area: v.task.area.key().to_string(),
            area_label: v.task.area.label().to_string(),
            guidance: v.task.guidance.clone(),
            source: v.task.source.clone(),
            evidence_hint: v.task.evidence.clone(),
            blocking: v.task.blocking,
            steps: v.task.steps.clone(),
            probes: v.task.probes.clone(),
            depends_on: v.task.depends_on.clone(),
            status: v.item.status.key().to_string(),
            owner: v.item.owner.clone(),
            due: v.due,
            computed_due: v.computed_due,
            pinned: v.pinned,
            window_passed: v.window_passed,
            overdue: v.overdue,
            waived: v.waived,
            waiver: v.item.waiver.as_ref().map(WaiverDto::from),
            evidence_count: u32::try_from(v.evidence_count).unwrap_or(u32::MAX),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReasonDto {
    /// `blocking-open`, `failing-check`, `overdue`, `waived`, `waiver-expired`, `window-passed`.
    pub kind: String,
    pub message: String,
    pub task_ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct CountsDto {
    pub total: u32,
    pub done: u32,
    pub not_applicable: u32,
    pub open: u32,
    pub in_progress: u32,
    pub blocked: u32,
    pub overdue: u32,
    pub blocking_open: u32,
    pub waived: u32,
}

fn n(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

impl From<&Counts> for CountsDto {
    fn from(c: &Counts) -> Self {
        CountsDto {
            total: n(c.total),
            done: n(c.done),
            not_applicable: n(c.not_applicable),
            open: n(c.open),
            in_progress: n(c.in_progress),
            blocked: n(c.blocked),
            overdue: n(c.overdue),
            blocking_open: n(c.blocking_open),
            waived: n(c.waived),
        }
    }
}

pub fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Ready => "ready",
        Verdict::ReadyWithRisks => "ready-with-risks",
        Verdict::NotReady => "not-ready",
    }
}

fn reason_key(r: &Reason) -> String {
    // The library serializes ReasonKind as kebab-case; reuse that rather than repeat it.
    serde_json::to_value(r.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReadinessDto {
    /// `ready`, `ready-with-risks`, `not-ready`.
    pub verdict: String,
    pub verdict_label: String,
    pub reasons: Vec<ReasonDto>,
    pub counts: CountsDto,
    #[ts(type = "number")]
    pub days_to_launch: i64,
}

impl From<&Readiness> for ReadinessDto {
    fn from(r: &Readiness) -> Self {
        ReadinessDto {
            verdict: verdict_key(r.verdict).to_string(),
            verdict_label: r.verdict.label().to_string(),
            reasons: r
                .reasons
                .iter()
                .map(|x| ReasonDto {
                    kind: reason_key(x),
                    message: x.message.clone(),
                    task_ids: x.task_ids.clone(),
                })
                .collect(),
            counts: CountsDto::from(&r.counts),
            days_to_launch: r.days_to_launch,
        }
    }
}

/// Everything a plan's views need in one round trip.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BoardDto {
    pub plan: PlanDto,
    pub today: NaiveDate,
    pub compressed: bool,
    pub tasks: Vec<TaskDto>,
    pub readiness: ReadinessDto,
}

impl BoardDto {
    pub fn new(plan: PlanDto, snapshot: &Snapshot, readiness: &Readiness) -> BoardDto {
        BoardDto {
            plan,
            today: snapshot.today,
            compressed: snapshot.compressed,
            tasks: snapshot.items.iter().map(TaskDto::from).collect(),
            readiness: ReadinessDto::from(readiness),
        }
    }
}
