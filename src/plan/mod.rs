//! Plans as pure logic: item state, the timeline engine and the readiness verdict.
//!
//! Everything here is a function of its inputs (the template, the plan's settings, the items'
//! state and "today"): no clock reads, no database, no network. [`crate::store`] loads the
//! inputs and saves the results.

mod agenda;
mod basis;
mod calendar;
mod decision;
mod item;
mod launch;
mod readiness;
mod reminders;
mod risks;
mod snapshot;
mod timeline;

pub use agenda::{AgendaEntry, agenda};
pub use basis::{Outcome, PlanState, TaskState, changes_since, plan_state};
pub use calendar::{CalendarError, WorkCalendar};
pub use decision::{Decision, DecisionParseError};
pub use item::{Item, Status, StatusParseError, Waiver};
pub use launch::{Launch, LaunchError, parse_date};
pub use readiness::{
    Counts, FailingCheck, PhaseProgress, Readiness, Reason, ReasonKind, Tally, Verdict, assess,
    assess_with, phase_progress,
};
pub use reminders::{due_soon, horizon};
pub use risks::{Risk, RiskKind, register};
pub use snapshot::{ItemView, PlanSettings, Snapshot, snapshot};
pub use timeline::{
    Move, Schedule, ScheduleInput, Scheduled, default_pentest, reschedule, schedule,
};
