//! The timeline engine: due dates counted back from the launch.
//!
//! Rules (DESIGN.md §4): a task is due at its own offset from its anchor, or else at its
//! phase deadline (56, 28 and 14 days before the launch, or the launch day). Every pre-launch
//! task is due no later than a week before the launch and moves back to the previous working
//! day. Go-live day tasks are due on the launch day itself, worked by definition. Post-launch
//! tasks state a minimum wait (the old shop stays live for at least 72 hours), so they move
//! forward to the next working day, never earlier. Pinned dates are kept as the user set them.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::calendar::WorkCalendar;
use super::catchup::{CatchUp, catch_up_order, slot, working_days};
use super::critical::critical_path;
use super::dependencies::{Adjustment, Because, Conflict, Dates, prerequisites};
use crate::catalog::{Anchor, Phase, TaskTemplate, Template, topological_order};

/// Every pre-launch task must be done this many days before the launch.
pub const FINAL_WEEK_DAYS: i64 = 7;
/// A plan made less than this many days before its launch is compressed.
pub const FULL_PLAN_DAYS: i64 = 56;
/// Default penetration-test date: the four-week mark.
const DEFAULT_PENTEST_DAYS_BEFORE: i64 = 28;

/// What the engine needs to know about a plan.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleInput<'a> {
    pub launch: NaiveDate,
    /// The penetration-test date; `None` uses [`default_pentest`].
    pub pentest: Option<NaiveDate>,
    pub calendar: &'a WorkCalendar,
    /// The day the current launch date was set; tasks due before it had no window at all.
    pub planned_on: NaiveDate,
}

/// One task placed on the timeline; `index` points into the template's tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scheduled {
    pub index: usize,
    pub due: NaiveDate,
    /// The date the rules give, whether or not the user pinned another.
    pub computed: NaiveDate,
    pub pinned: bool,
    /// The task's window had already closed when the launch date was set.
    pub window_passed: bool,
    /// The first day of the task's window: its phase's start, after its prerequisites.
    pub start: NaiveDate,
    /// On the critical path to the launch.
    pub critical: bool,
    /// Placed by the catch-up schedule (its window had passed).
    pub caught_up: bool,
}

/// A whole plan on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    pub entries: Vec<Scheduled>,
    /// The launch was set less than eight weeks ahead.
    pub compressed: bool,
    /// Dates the engine moved away from the rules, with why.
    pub adjustments: Vec<Adjustment>,
    /// Pins that keep a prerequisite due after a task needing it.
    pub conflicts: Vec<Conflict>,
    /// How the plan catches up on passed windows, when any had passed.
    pub catch_up: Option<CatchUp>,
}

/// A task whose due date a reschedule changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub task_id: String,
    pub title: String,
    pub old: NaiveDate,
    pub new: NaiveDate,
    /// The new date lies before the day of the reschedule.
    pub window_passed: bool,
}

pub(super) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    // Offsets are bounded by the template validation (a year), so this only saturates for
    // launch dates at the very end of chrono's range.
    moved.unwrap_or(date)
}

/// The penetration test at the four-week mark, on a working day.
pub fn default_pentest(launch: NaiveDate, calendar: &WorkCalendar) -> NaiveDate {
    calendar.on_or_before(add_days(launch, -DEFAULT_PENTEST_DAYS_BEFORE))
}

fn next_working_day(calendar: &WorkCalendar, date: NaiveDate) -> NaiveDate {
    let mut day = date;
    for _ in 0..3660 {
        if calendar.is_working_day(day) {
            return day;
        }
        day = add_days(day, 1);
    }
    date
}

/// The due date the rules give one task.
pub fn computed_due(task: &TaskTemplate, input: &ScheduleInput<'_>) -> NaiveDate {
    // A date the team fixed for an own task is kept as given, whatever the launch.
    if let Some(date) = task.due_date {
        return date;
    }
    let launch = input.launch;
    let raw = match task.due {
        Some(due) => {
            let anchor = match due.anchor {
                Anchor::Launch => launch,
                Anchor::Pentest => input
                    .pentest
                    .unwrap_or_else(|| default_pentest(launch, input.calendar)),
            };
            add_days(anchor, due.offset_days)
        }
        None => add_days(launch, task.phase.deadline_offset_days().unwrap_or(0)),
    };
    match task.phase {
        Phase::EightWeeks | Phase::FourWeeks | Phase::TwoWeeks => input
            .calendar
            .on_or_before(raw.min(add_days(launch, -FINAL_WEEK_DAYS))),
        Phase::LaunchDay => launch,
        Phase::PostLaunch => next_working_day(input.calendar, raw.max(add_days(launch, 1))),
    }
}

/// Places every task of the template; `pins` holds the user's fixed dates by task ID.
///
/// Beyond each task's own rule: prerequisites move before the tasks that need them
/// ([`super::dependencies`]), a task whose window had passed when the launch was set is
/// placed by the catch-up schedule ([`super::catchup`]), every task gets a window (its
/// earliest start) and the critical path is marked ([`super::critical`]).
pub fn schedule(
    template: &Template,
    pins: &HashMap<&str, NaiveDate>,
    input: &ScheduleInput<'_>,
) -> Schedule {
    let tasks = &template.tasks;
    let n = tasks.len();
    let calendar = input.calendar;
    let launch = input.launch;
    let prereqs = prerequisites(tasks);
    // Templates and own tasks refuse circles; should one slip through, no order is imposed.
    let order = topological_order(tasks).unwrap_or_else(|| (0..n).collect());
    let computed: Vec<NaiveDate> = tasks.iter().map(|t| computed_due(t, input)).collect();
    let pinned: Vec<Option<NaiveDate>> = tasks
        .iter()
        .map(|t| pins.get(t.id.as_str()).copied())
        .collect();
    let mut dates = Dates {
        tasks,
        prereqs: &prereqs,
        due: (0..n).map(|i| pinned[i].unwrap_or(computed[i])).collect(),
        fixed: (0..n)
            .map(|i| {
                pinned[i].is_some()
                    || tasks[i].phase == Phase::LaunchDay
                    || tasks[i].due_date.is_some()
            })
            .collect(),
        adjustments: Vec::new(),
    };
    dates.pull_prerequisites_forward(calendar, &order);

    let final_day = calendar.on_or_before(add_days(launch, -FINAL_WEEK_DAYS));
    let passed: Vec<usize> = (0..n)
        .filter(|&i| !dates.fixed[i] && dates.due[i] < input.planned_on)
        .collect();
    let mut caught_up = vec![false; n];
    let mut catch_up = None;
    if !passed.is_empty() {
        let mut days = working_days(calendar, input.planned_on, final_day);
        if days.is_empty() {
            // No working day is left before launch − 7: the first one from today, if the
            // launch has not come yet.
            let first = next_working_day(calendar, input.planned_on);
            if first <= launch {
                days.push(first);
            }
        }
        let ordered = catch_up_order(tasks, &prereqs, &passed, &dates.due);
        for (k, &task) in ordered.iter().enumerate() {
            if let Some(day) = slot(&days, k, ordered.len()) {
                let from = dates.due[task];
                dates.due[task] = day;
                caught_up[task] = true;
                dates.adjustments.retain(|(t, _, _)| *t != task);
                dates.adjustments.push((task, from, Because::CatchUp));
            }
        }
        let span_end = days.last().copied().unwrap_or(final_day);
        let in_span = (0..n)
            .filter(|&i| {
                tasks[i].phase.is_pre_launch()
                    && dates.due[i] >= input.planned_on
                    && dates.due[i] <= span_end
            })
            .count();
        catch_up = Some(CatchUp {
            tasks: ordered.len(),
            working_days: days.len(),
            from: days.first().copied().unwrap_or(input.planned_on),
            until: span_end,
            per_day: if days.is_empty() {
                in_span as f64
            } else {
                in_span as f64 / days.len() as f64
            },
            feasible_launch: feasible_launch(template, pins, input),
        });
    }
    let limit = |i: usize| {
        if tasks[i].phase.is_pre_launch() {
            final_day.max(dates.due[i])
        } else {
            NaiveDate::MAX
        }
    };
    let limits: Vec<NaiveDate> = (0..n).map(limit).collect();
    let conflicts = dates.push_successors_back(calendar, &order, |i| limits[i]);

    let due = dates.due.clone();
    let critical = critical_path(
        tasks,
        &prereqs,
        &order,
        &due,
        launch,
        calendar,
        FINAL_WEEK_DAYS,
    );
    let entries = (0..n)
        .map(|i| {
            let phase_start = match tasks[i].phase {
                Phase::EightWeeks => input.planned_on,
                Phase::FourWeeks => add_days(launch, -FULL_PLAN_DAYS),
                Phase::TwoWeeks => add_days(launch, -28),
                Phase::LaunchDay => launch,
                Phase::PostLaunch => add_days(launch, 1),
            };
            let after_prereqs = prereqs[i]
                .iter()
                .map(|&p| {
                    if tasks[p].phase == Phase::LaunchDay && tasks[i].phase == Phase::LaunchDay {
                        due[p]
                    } else {
                        add_days(due[p], 1)
                    }
                })
                .max();
            let earliest = after_prereqs
                .map_or(phase_start, |a| a.max(phase_start))
                .max(input.planned_on.min(due[i]));
            let start = next_working_day(calendar, earliest).min(due[i]);
            Scheduled {
                index: i,
                due: due[i],
                computed: computed[i],
                pinned: pinned[i].is_some(),
                window_passed: caught_up[i] || due[i] < input.planned_on,
                start,
                critical: critical[i],
                caught_up: caught_up[i],
            }
        })
        .collect();
    let adjustments = dates
        .adjustments
        .iter()
        .filter(|(t, from, _)| due[*t] != *from)
        .map(|(t, from, because)| Adjustment {
            task_id: tasks[*t].id.clone(),
            from: *from,
            to: due[*t],
            because: because.clone(),
        })
        .collect();
    Schedule {
        entries,
        compressed: add_days(input.planned_on, FULL_PLAN_DAYS) > input.launch,
        adjustments,
        conflicts,
        catch_up,
    }
}

/// The earliest launch day, from the current one on, at which no unpinned task's window
/// would have passed on the day the launch was set.
fn feasible_launch(
    template: &Template,
    pins: &HashMap<&str, NaiveDate>,
    input: &ScheduleInput<'_>,
) -> Option<NaiveDate> {
    let tasks = &template.tasks;
    let prereqs = prerequisites(tasks);
    let order = topological_order(tasks).unwrap_or_else(|| (0..tasks.len()).collect());
    (0..550)
        .map(|extra| add_days(input.launch, extra))
        .find(|&launch| {
            let moved = ScheduleInput { launch, ..*input };
            let mut dates = Dates {
                tasks,
                prereqs: &prereqs,
                due: tasks
                    .iter()
                    .map(|t| {
                        pins.get(t.id.as_str())
                            .copied()
                            .unwrap_or_else(|| computed_due(t, &moved))
                    })
                    .collect(),
                fixed: tasks
                    .iter()
                    .map(|t| {
                        pins.contains_key(t.id.as_str())
                            || t.phase == Phase::LaunchDay
                            || t.due_date.is_some()
                    })
                    .collect(),
                adjustments: Vec::new(),
            };
            dates.pull_prerequisites_forward(input.calendar, &order);
            (0..tasks.len()).all(|i| dates.fixed[i] || dates.due[i] >= input.planned_on)
        })
}

/// What moves when the launch (or pentest date, or calendar) changes from `old` to `new`.
pub fn reschedule(
    template: &Template,
    pins: &HashMap<&str, NaiveDate>,
    old: &ScheduleInput<'_>,
    new: &ScheduleInput<'_>,
) -> Vec<Move> {
    let before = schedule(template, pins, old);
    let after = schedule(template, pins, new);
    before
        .entries
        .iter()
        .zip(&after.entries)
        .filter(|(a, b)| a.due != b.due)
        .map(|(a, b)| {
            let task = &template.tasks[a.index];
            Move {
                task_id: task.id.clone(),
                title: task.title.clone(),
                old: a.due,
                new: b.due,
                window_passed: b.window_passed,
            }
        })
        .collect()
}
