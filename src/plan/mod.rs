//! Plans as pure logic: item state, the timeline engine and the readiness verdict.
//!
//! Everything here is a function of its inputs (the template, the plan's settings, the items'
//! state and "today"): no clock reads, no database, no network. [`crate::store`] loads the
//! inputs and saves the results.

mod calendar;
mod item;
mod launch;
mod readiness;
mod snapshot;
mod timeline;

pub use calendar::{CalendarError, WorkCalendar};
pub use item::{Item, Status, StatusParseError, Waiver};
pub use launch::{Launch, LaunchError, parse_date};
pub use readiness::{Counts, FailingCheck, Readiness, Reason, ReasonKind, Verdict, assess};
pub use snapshot::{ItemView, PlanSettings, Snapshot, snapshot};
pub use timeline::{
    Move, Schedule, ScheduleInput, Scheduled, default_pentest, reschedule, schedule,
};
