//! Plans as pure logic: item state, the timeline engine and the readiness verdict.
//!
//! Everything here is a function of its inputs (the template, the plan's settings, the items'
//! state and "today"): no clock reads, no database, no network. [`crate::store`] loads the
//! inputs and saves the results.

mod agenda;
mod basis;
mod calendar;
mod catchup;
mod condition;
mod critical;
mod decision;
mod dependencies;
mod item;
mod launch;
mod own_task;
mod readiness;
#[cfg(test)]
mod readiness_tests;
mod reminders;
mod risks;
mod runbook;
#[cfg(test)]
mod schedule_tests;
mod snapshot;
mod timeline;

pub use agenda::{AgendaEntry, agenda};
pub use basis::{Outcome, PlanState, TaskState, changes_since, plan_state};
pub use calendar::{CalendarError, WorkCalendar};
pub use catchup::CatchUp;
pub use condition::{Condition, ConditionError};
pub use decision::{Decision, DecisionParseError};
pub use dependencies::{Adjustment, Because, Conflict};
pub use item::{Item, Status, StatusParseError, Waiver};
pub use launch::{Launch, LaunchError, parse_date};
pub use own_task::{OwnDue, OwnDueParseError, OwnTask, OwnTaskError, next_own_id, with_own_tasks};
pub use readiness::{
    Counts, FailingCheck, PhaseProgress, Readiness, Reason, ReasonKind, Tally, Verdict, assess,
    assess_with, phase_progress,
};
pub use reminders::{due_soon, horizon};
pub use risks::{Risk, RiskKind, register};
pub use runbook::{
    KEEP_OLD_SHOP_HOURS, OldShopClock, Runbook, RunbookStep, StepRecord, StepState, runbook,
};
pub use snapshot::{ItemView, PlanSettings, Snapshot, snapshot};
pub use timeline::{
    Move, Schedule, ScheduleInput, Scheduled, default_pentest, reschedule, schedule,
};
