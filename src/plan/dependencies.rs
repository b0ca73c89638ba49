//! Dependencies in the schedule: a task is never due before its prerequisites.
//!
//! Two passes over the tasks in dependency order. Backwards (successors first): a
//! prerequisite due on or after a task that needs it moves to the working day before, and
//! says why. Forwards (prerequisites first): a task due before a prerequisite that could not
//! move (pinned, a go-live-day task) or that the catch-up placed later waits for it, never
//! past its phase's limit. Pinned dates never move; where a pin makes the order impossible
//! the pair is reported as a [`Conflict`]. Here: dates only; no statuses, no clock.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::WorkCalendar;
use crate::catalog::{Phase, TaskTemplate};

/// Why the engine gave a task another date than its rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Because {
    /// Moved earlier: the task named needs it done first.
    NeededBy { task_id: String },
    /// Moved later: it waits for the task named.
    WaitsFor { task_id: String },
    /// Its window had passed when the launch was set: the catch-up schedule placed it.
    CatchUp,
}

/// One date the engine moved, with the reason people read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Adjustment {
    pub task_id: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub because: Because,
}

impl Adjustment {
    /// "Moved from Fri 14 May to Thu 13 May: TES-04 needs it first".
    pub fn sentence(&self) -> String {
        let day = |d: NaiveDate| d.format("%a %d %b").to_string();
        let why = match &self.because {
            Because::NeededBy { task_id } => format!("{task_id} needs it first"),
            Because::WaitsFor { task_id } => format!("it waits for {task_id}"),
            Because::CatchUp => "its window had passed; catch-up schedule".to_string(),
        };
        format!("Moved from {} to {}: {why}", day(self.from), day(self.to))
    }
}

/// A prerequisite that stays due after a task needing it, because a pin keeps it there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub prerequisite: String,
    pub task_id: String,
}

/// Indices of each task's prerequisites (unknown ids ignored).
pub(super) fn prerequisites(tasks: &[TaskTemplate]) -> Vec<Vec<usize>> {
    let index: HashMap<&str, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    tasks
        .iter()
        .map(|t| {
            t.depends_on
                .iter()
                .filter_map(|d| index.get(d.as_str()).copied())
                .collect()
        })
        .collect()
}

/// The latest day a prerequisite of `task` may be due: the working day before it, or the
/// same day when both happen on the go-live day (the runbook orders them by the hour).
pub(super) fn latest_for_prerequisite(
    calendar: &WorkCalendar,
    prerequisite: Phase,
    task: Phase,
    task_due: NaiveDate,
) -> NaiveDate {
    if prerequisite == Phase::LaunchDay && task == Phase::LaunchDay {
        return task_due;
    }
    calendar.on_or_before(task_due.pred_opt().unwrap_or(task_due))
}

/// The date itself when it is worked, else the next working day (a year at most).
pub(super) fn on_or_after(calendar: &WorkCalendar, date: NaiveDate) -> NaiveDate {
    date.iter_days()
        .take(366)
        .find(|d| calendar.is_working_day(*d))
        .unwrap_or(date)
}

/// What the passes may change: the current dates, which of them are fixed.
pub(super) struct Dates<'a> {
    pub tasks: &'a [TaskTemplate],
    pub prereqs: &'a [Vec<usize>],
    pub due: Vec<NaiveDate>,
    /// Pinned by the user, or a go-live-day task (due on the launch by definition).
    pub fixed: Vec<bool>,
    pub adjustments: Vec<(usize, NaiveDate, Because)>,
}

impl Dates<'_> {
    fn note(&mut self, task: usize, from: NaiveDate, because: Because) {
        // One reason per task: the first move explains it, later ones refine the date.
        if !self.adjustments.iter().any(|(t, _, _)| *t == task) {
            self.adjustments.push((task, from, because));
        }
    }

    /// Prerequisites move earlier than the tasks that need them (`order`: prerequisites first).
    pub fn pull_prerequisites_forward(&mut self, calendar: &WorkCalendar, order: &[usize]) {
        for &task in order.iter().rev() {
            for &p in &self.prereqs[task] {
                if self.fixed[p] {
                    continue;
                }
                let latest = latest_for_prerequisite(
                    calendar,
                    self.tasks[p].phase,
                    self.tasks[task].phase,
                    self.due[task],
                );
                if self.due[p] > latest {
                    let from = self.due[p];
                    self.due[p] = latest;
                    self.note(
                        p,
                        from,
                        Because::NeededBy {
                            task_id: self.tasks[task].id.clone(),
                        },
                    );
                }
            }
        }
    }

    /// Tasks wait for prerequisites that are due later (to the next working day from the
    /// prerequisite's), up to `limit(task)`; what cannot wait long enough is a conflict.
    pub fn push_successors_back(
        &mut self,
        calendar: &WorkCalendar,
        order: &[usize],
        limit: impl Fn(usize) -> NaiveDate,
    ) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        for &task in order {
            for &p in &self.prereqs[task] {
                if self.due[task] >= self.due[p] {
                    continue;
                }
                if !self.fixed[task] {
                    let wanted = on_or_after(calendar, self.due[p]).min(limit(task));
                    if wanted > self.due[task] {
                        let from = self.due[task];
                        self.due[task] = wanted;
                        self.note(
                            task,
                            from,
                            Because::WaitsFor {
                                task_id: self.tasks[p].id.clone(),
                            },
                        );
                    }
                }
                if self.due[task] < self.due[p] {
                    conflicts.push(Conflict {
                        prerequisite: self.tasks[p].id.clone(),
                        task_id: self.tasks[task].id.clone(),
                    });
                }
            }
        }
        conflicts
    }
}
