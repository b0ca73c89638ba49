//! A plan as the views show it: every task with its schedule and state, and the verdict with
//! its progress per phase (both computed by `golive::plan`, never re-counted here).

use chrono::NaiveDate;
use golive::catalog::{Area, Phase};
use golive::ops::Board;
use golive::plan::{
    Counts, ItemView, PhaseProgress, Readiness, ReasonKind, Risk, RiskKind, Status, Tally, Verdict,
    Waiver,
};
use golive::probe::CheckId;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::records::PlanDto;

/// A waiver with its governance: who approved it and when, the accepted risk, the control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WaiverDto {
    pub reason: String,
    pub until: NaiveDate,
    #[ts(optional = nullable)]
    #[serde(default)]
    pub approver: Option<String>,
    #[ts(optional = nullable)]
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
    #[ts(optional = nullable)]
    #[serde(default)]
    pub accepted_risk: Option<String>,
    #[ts(optional = nullable)]
    #[serde(default)]
    pub control: Option<String>,
}

impl From<&Waiver> for WaiverDto {
    fn from(w: &Waiver) -> Self {
        WaiverDto {
            reason: w.reason.clone(),
            until: w.until,
            approver: w.approver.clone(),
            approved_on: w.approved_on,
            accepted_risk: w.accepted_risk.clone(),
            control: w.control.clone(),
        }
    }
}

impl From<WaiverDto> for Waiver {
    fn from(w: WaiverDto) -> Self {
        Waiver {
            reason: w.reason,
            until: w.until,
            approver: w.approver,
            approved_on: w.approved_on,
            accepted_risk: w.accepted_risk,
            control: w.control,
        }
    }
}

/// One entry of the risk register (`golive::plan::Risk`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RiskDto {
    pub kind: RiskKind,
    pub kind_label: String,
    pub task_id: String,
    pub title: String,
    pub owner: Option<String>,
    pub date: NaiveDate,
    pub blocking: bool,
    pub detail: String,
}

impl From<&Risk> for RiskDto {
    fn from(r: &Risk) -> Self {
        RiskDto {
            kind: r.kind,
            kind_label: r.kind.label().to_string(),
            task_id: r.task_id.clone(),
            title: r.title.clone(),
            owner: r.owner.clone(),
            date: r.date,
            blocking: r.blocking,
            detail: r.detail.clone(),
        }
    }
}

/// One task of a plan: the template's text and the team's state, flattened.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TaskDto {
    pub id: String,
    pub title: String,
    pub phase: Phase,
    pub phase_label: String,
    pub area: Area,
    pub area_label: String,
    pub guidance: String,
    pub source: String,
    pub evidence_hint: String,
    pub blocking: bool,
    pub steps: Vec<String>,
    /// The checks whose results are evidence for this task.
    pub probes: Vec<CheckId>,
    pub depends_on: Vec<String>,
    pub status: Status,
    pub owner: Option<String>,
    pub due: NaiveDate,
    pub computed_due: NaiveDate,
    pub pinned: bool,
    pub window_passed: bool,
    pub overdue: bool,
    pub waived: bool,
    pub waiver: Option<WaiverDto>,
    pub evidence_count: u32,
    /// Why a blocked task is blocked.
    pub blocked_reason: Option<String>,
    /// The first day of the task's window (its phase's start, after its prerequisites).
    pub start: NaiveDate,
    /// On the critical path to the launch.
    pub critical: bool,
    /// The late prerequisite that puts this open task at risk.
    pub at_risk: Option<String>,
    /// Placed by the catch-up schedule of a compressed plan.
    pub caught_up: bool,
    /// Why the engine moved its date ("Moved from … to …: TES-04 needs it first").
    pub moved: Option<String>,
    /// A task the plan added itself (X-nn): it can be edited and removed.
    pub own: bool,
    /// The task's due rule: its phase deadline, days from the launch, or a fixed date.
    pub due_rule: golive::plan::OwnDue,
    /// The readiness counts this task adds to (the library's tally): the checklist's filters
    /// for those counts match on it, so they show the header's numbers.
    pub counted_in: CountedInDto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct CountedInDto {
    pub blocking_open: bool,
    pub overdue: bool,
    pub waived: bool,
    pub done_without_evidence: bool,
}

impl From<Tally> for CountedInDto {
    fn from(t: Tally) -> Self {
        CountedInDto {
            blocking_open: t.blocking_open,
            overdue: t.overdue,
            waived: t.waived,
            done_without_evidence: t.done_without_evidence,
        }
    }
}

impl From<&ItemView> for TaskDto {
    fn from(v: &ItemView) -> Self {
        TaskDto {
            id: v.task.id.clone(),
            title: v.task.title.clone(),
            phase: v.task.phase,
            phase_label: v.task.phase.label().to_string(),
            area: v.task.area,
            area_label: v.task.area.label().to_string(),
            guidance: v.task.guidance.clone(),
            source: v.task.source.clone(),
            evidence_hint: v.task.evidence.clone(),
            blocking: v.task.blocking,
            steps: v.task.steps.clone(),
            // The template's loader accepts known check ids only, so none is dropped here.
            probes: v
                .task
                .probes
                .iter()
                .filter_map(|p| p.parse().ok())
                .collect(),
            depends_on: v.task.depends_on.clone(),
            status: v.item.status,
            owner: v.item.owner.clone(),
            due: v.due,
            computed_due: v.computed_due,
            pinned: v.pinned,
            window_passed: v.window_passed,
            overdue: v.overdue,
            waived: v.waived,
            waiver: v.item.waiver.as_ref().map(WaiverDto::from),
            evidence_count: n(v.evidence_count),
            blocked_reason: v.item.blocked_reason.clone(),
            start: v.start,
            critical: v.critical,
            at_risk: v.at_risk.clone(),
            caught_up: v.caught_up,
            moved: v.moved.clone(),
            own: v.task.is_own(),
            due_rule: match (v.task.due_date, v.task.due) {
                (Some(date), _) => golive::plan::OwnDue::Date(date),
                (None, Some(due)) => golive::plan::OwnDue::Offset(due.offset_days),
                (None, None) => golive::plan::OwnDue::Phase,
            },
            counted_in: CountedInDto::from(Tally::of(v)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReasonDto {
    pub kind: ReasonKind,
    pub message: String,
    /// The message without its list of tasks, which the header shows as links.
    pub headline: String,
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
    /// Done plus not applicable.
    pub closed: u32,
    pub to_do: u32,
    pub done_without_evidence: u32,
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
            closed: n(c.closed),
            to_do: n(c.to_do),
            done_without_evidence: n(c.done_without_evidence),
        }
    }
}

/// One phase's progress: the verdict's own counts for its tasks, and its next open due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PhaseProgressDto {
    pub phase: Phase,
    pub counts: CountsDto,
    pub next_due: Option<NaiveDate>,
}

impl From<&PhaseProgress> for PhaseProgressDto {
    fn from(p: &PhaseProgress) -> Self {
        PhaseProgressDto {
            phase: p.phase,
            counts: CountsDto::from(&p.counts),
            next_due: p.next_due,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReadinessDto {
    pub verdict: Verdict,
    pub verdict_label: String,
    pub reasons: Vec<ReasonDto>,
    pub counts: CountsDto,
    /// Phases with tasks, in phase order; their counts add up to `counts`.
    pub phases: Vec<PhaseProgressDto>,
    #[ts(type = "number")]
    pub days_to_launch: i64,
    /// The risk register, most pressing first.
    pub risks: Vec<RiskDto>,
    /// How a compressed plan catches up, when windows had passed.
    pub catch_up: Option<CatchUpDto>,
}

/// The catch-up schedule of a compressed plan: its tightness and what would make it fit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CatchUpDto {
    pub tasks: u32,
    pub working_days: u32,
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// Pre-launch tasks due per working day in that span.
    pub per_day: f64,
    /// The earliest launch at which every task keeps its own window.
    pub feasible_launch: Option<NaiveDate>,
    /// The sentence every front door shows.
    pub summary: String,
}

impl From<&golive::plan::CatchUp> for CatchUpDto {
    fn from(c: &golive::plan::CatchUp) -> Self {
        CatchUpDto {
            tasks: n(c.tasks),
            working_days: n(c.working_days),
            from: c.from,
            until: c.until,
            per_day: c.per_day,
            feasible_launch: c.feasible_launch,
            summary: c.sentence(),
        }
    }
}

/// A pin that keeps a prerequisite due after a task that needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConflictDto {
    pub prerequisite: String,
    pub task_id: String,
}

impl From<&Readiness> for ReadinessDto {
    fn from(r: &Readiness) -> Self {
        ReadinessDto {
            verdict: r.verdict,
            verdict_label: r.verdict.label().to_string(),
            reasons: r
                .reasons
                .iter()
                .map(|x| ReasonDto {
                    kind: x.kind,
                    message: x.message.clone(),
                    headline: x.headline().to_string(),
                    task_ids: x.task_ids.clone(),
                })
                .collect(),
            counts: CountsDto::from(&r.counts),
            phases: r.phases.iter().map(PhaseProgressDto::from).collect(),
            days_to_launch: r.days_to_launch,
            risks: r.risks.iter().map(RiskDto::from).collect(),
            catch_up: r.catch_up.as_ref().map(CatchUpDto::from),
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
    pub conflicts: Vec<ConflictDto>,
}

impl From<&Board> for BoardDto {
    fn from(b: &Board) -> Self {
        BoardDto {
            plan: PlanDto::from(&b.plan),
            today: b.snapshot.today,
            compressed: b.snapshot.compressed,
            tasks: b.snapshot.items.iter().map(TaskDto::from).collect(),
            readiness: ReadinessDto::from(&b.readiness),
            conflicts: b
                .snapshot
                .conflicts
                .iter()
                .map(|c| ConflictDto {
                    prerequisite: c.prerequisite.clone(),
                    task_id: c.task_id.clone(),
                })
                .collect(),
        }
    }
}
