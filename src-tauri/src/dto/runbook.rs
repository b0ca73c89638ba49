//! The go-live day's runbook as the UI's live mode shows it, and the step changes it sends.

use chrono::{DateTime, Utc};
use golive::plan::{OldShopClock, Runbook, RunbookStep, StepState};
use golive::store::{NewRunbookStep, RunbookEdit};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunbookStepDto {
    pub id: String,
    /// A step of the plan's own (it can be removed; template steps can be too).
    pub own: bool,
    pub title: String,
    pub task_id: Option<String>,
    #[ts(type = "number")]
    pub at_minutes: i64,
    /// "T−4h".
    pub at_text: String,
    /// RFC 3339, UTC.
    pub at: DateTime<Utc>,
    /// "06:00" in the plan's zone.
    pub local_time: String,
    pub owner: Option<String>,
    pub checkpoint: Option<String>,
    pub dns_switch: bool,
    pub checked_at: Option<DateTime<Utc>>,
    /// The check-off's time, "06:02" in the plan's zone like `local_time`.
    pub checked_local_time: Option<String>,
    pub checked_by: Option<String>,
    pub state: StepState,
    #[ts(type = "number | null")]
    pub checked_late_minutes: Option<i64>,
}

impl From<&RunbookStep> for RunbookStepDto {
    fn from(s: &RunbookStep) -> Self {
        RunbookStepDto {
            id: s.id.clone(),
            own: s.own,
            title: s.title.clone(),
            task_id: s.task.clone(),
            at_minutes: s.at_minutes,
            at_text: s.at_text.clone(),
            at: s.at,
            local_time: s.local_time.clone(),
            owner: s.owner.clone(),
            checkpoint: s.checkpoint.clone(),
            dns_switch: s.dns_switch,
            checked_at: s.checked_at,
            checked_local_time: s.checked_local_time.clone(),
            checked_by: s.checked_by.clone(),
            state: s.state,
            checked_late_minutes: s.checked_late_minutes,
        }
    }
}

/// The 72 hours of keeping the old shop live after the DNS switch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OldShopClockDto {
    pub switched_at: DateTime<Utc>,
    /// False while the switch is only planned.
    pub switched: bool,
    pub keep_until: DateTime<Utc>,
    #[ts(type = "number")]
    pub hours_left: i64,
}

impl From<&OldShopClock> for OldShopClockDto {
    fn from(c: &OldShopClock) -> Self {
        OldShopClockDto {
            switched_at: c.switched_at,
            switched: c.switched,
            keep_until: c.keep_until,
            hours_left: c.hours_left,
        }
    }
}

/// The runbook at one moment: countdown, steps by the clock, current and next, missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunbookDto {
    pub launch: DateTime<Utc>,
    pub now: DateTime<Utc>,
    #[ts(type = "number")]
    pub minutes_to_launch: i64,
    pub steps: Vec<RunbookStepDto>,
    pub current: Option<String>,
    pub next: Option<String>,
    /// Go/no-go checkpoints whose time passed without a check-off.
    pub missed: Vec<String>,
    pub old_shop: Option<OldShopClockDto>,
}

impl From<&Runbook> for RunbookDto {
    fn from(r: &Runbook) -> Self {
        RunbookDto {
            launch: r.launch,
            now: r.now,
            minutes_to_launch: r.minutes_to_launch,
            steps: r.steps.iter().map(RunbookStepDto::from).collect(),
            current: r.current.clone(),
            next: r.next.clone(),
            missed: r.missed.clone(),
            old_shop: r.old_shop.as_ref().map(OldShopClockDto::from),
        }
    }
}

/// A step the plan adds to its runbook.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewRunbookStepDto {
    pub title: String,
    /// Minutes from the launch (negative = before).
    #[ts(type = "number")]
    pub at_minutes: i64,
    #[ts(optional)]
    pub owner: Option<String>,
    #[ts(optional)]
    pub checkpoint: Option<String>,
    #[ts(optional)]
    pub task_id: Option<String>,
    #[serde(default)]
    pub dns_switch: bool,
}

impl From<NewRunbookStepDto> for NewRunbookStep {
    fn from(d: NewRunbookStepDto) -> Self {
        NewRunbookStep {
            title: d.title,
            at_minutes: d.at_minutes,
            owner: d.owner,
            checkpoint: d.checkpoint,
            task: d.task_id,
            dns_switch: d.dns_switch,
        }
    }
}

/// What to change on a step; left out stays. An empty owner, checkpoint or task clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct RunbookEditDto {
    #[ts(optional)]
    pub title: Option<String>,
    #[ts(optional, type = "number")]
    pub at_minutes: Option<i64>,
    #[ts(optional)]
    pub owner: Option<String>,
    #[ts(optional)]
    pub checkpoint: Option<String>,
    /// The task the step carries out ("" unlinks it).
    #[ts(optional)]
    pub task_id: Option<String>,
    /// True makes the step the DNS switch (the step that was it stops being it).
    #[ts(optional)]
    pub dns_switch: Option<bool>,
}

impl From<RunbookEditDto> for RunbookEdit {
    fn from(d: RunbookEditDto) -> Self {
        RunbookEdit {
            title: d.title,
            at_minutes: d.at_minutes,
            owner: d.owner,
            checkpoint: d.checkpoint,
            task: d.task_id,
            dns_switch: d.dns_switch,
        }
    }
}
