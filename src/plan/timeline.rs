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

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn builtin() -> Template {
        Template::builtin().unwrap()
    }

    fn due_of(t: &Template, s: &Schedule, id: &str) -> NaiveDate {
        s.entries
            .iter()
            .find(|e| t.tasks[e.index].id == id)
            .unwrap()
            .due
    }

    #[test]
    fn seed_lead_times_hold_for_a_monday_launch() {
        let t = builtin();
        let cal = WorkCalendar::default();
        // Monday 2027-06-07.
        let input = ScheduleInput {
            launch: d("2027-06-07"),
            pentest: None,
            calendar: &cal,
            planned_on: d("2027-03-01"),
        };
        let s = schedule(&t, &HashMap::new(), &input);
        assert!(!s.compressed);
        assert_eq!(due_of(&t, &s, "GEN-01"), d("2027-04-12"), "8-week mark");
        assert_eq!(
            due_of(&t, &s, "GEN-03"),
            d("2027-05-24"),
            "code freeze 14 days before"
        );
        // Default pentest: four-week mark (Mon 2027-05-10), notice two weeks earlier.
        assert_eq!(due_of(&t, &s, "TES-07"), d("2027-05-10"));
        assert_eq!(due_of(&t, &s, "TES-13"), d("2027-04-26"));
        assert_eq!(due_of(&t, &s, "CLO-17"), d("2027-06-07"), "launch-day task");
        assert_eq!(
            due_of(&t, &s, "GEN-10"),
            d("2027-06-10"),
            "72 hours after the switch"
        );
    }

    #[test]
    fn explicit_pentest_date_moves_the_notice() {
        let t = builtin();
        let cal = WorkCalendar::default();
        let input = ScheduleInput {
            launch: d("2027-06-07"),
            pentest: Some(d("2027-05-19")),
            calendar: &cal,
            planned_on: d("2027-03-01"),
        };
        let s = schedule(&t, &HashMap::new(), &input);
        assert_eq!(due_of(&t, &s, "TES-07"), d("2027-05-19"));
        assert_eq!(due_of(&t, &s, "TES-13"), d("2027-05-05"));
    }

    #[test]
    fn late_plan_is_compressed_and_flags_passed_windows() {
        let t = builtin();
        let cal = WorkCalendar::default();
        let input = ScheduleInput {
            launch: d("2027-06-07"),
            pentest: None,
            calendar: &cal,
            planned_on: d("2027-05-20"),
        };
        let s = schedule(&t, &HashMap::new(), &input);
        assert!(s.compressed);
        let passed: Vec<_> = s.entries.iter().filter(|e| e.window_passed).collect();
        assert!(passed.iter().any(|e| t.tasks[e.index].id == "GEN-01"));
        // The catch-up places them from the day the launch was set to launch − 7, none
        // in the past.
        assert!(
            passed
                .iter()
                .all(|e| e.caught_up && e.due >= d("2027-05-20") && e.due <= d("2027-05-31"))
        );
    }

    #[test]
    fn post_launch_waits_for_a_working_day() {
        let t = builtin();
        let cal = WorkCalendar::default();
        // Thursday launch: +3 days is Sunday, so the old shop may go on Monday.
        let input = ScheduleInput {
            launch: d("2027-06-10"),
            pentest: None,
            calendar: &cal,
            planned_on: d("2027-01-01"),
        };
        let s = schedule(&t, &HashMap::new(), &input);
        assert_eq!(due_of(&t, &s, "GEN-10"), d("2027-06-14"));
    }

    fn calendar_strategy() -> impl Strategy<Value = WorkCalendar> {
        (
            proptest::collection::vec(0u32..7, 1..7),
            proptest::collection::vec(0u64..400, 0..20),
        )
            .prop_map(|(days, holiday_offsets)| {
                let base = d("2027-01-01");
                WorkCalendar::new(
                    days.into_iter()
                        .map(|n| Weekday::try_from(n as u8).unwrap_or(Weekday::Mon)),
                    holiday_offsets
                        .into_iter()
                        .map(|o| base.checked_add_days(Days::new(o)).unwrap()),
                )
                .unwrap()
            })
    }

    fn date_strategy() -> impl Strategy<Value = NaiveDate> {
        (0u64..500).prop_map(|o| d("2027-01-01").checked_add_days(Days::new(o)).unwrap())
    }

    proptest! {
        #[test]
        fn invariants_hold(
            cal in calendar_strategy(),
            launch in date_strategy(),
            other_launch in date_strategy(),
            pentest_before in proptest::option::of(15i64..60),
            pin_every in 2usize..9,
            pin_date in date_strategy(),
        ) {
            let t = builtin();
            let pins: HashMap<&str, NaiveDate> = t.tasks.iter().step_by(pin_every)
                .map(|task| (task.id.as_str(), pin_date)).collect();
            let planned_on = d("2026-12-01");
            let input = |launch: NaiveDate| ScheduleInput {
                launch,
                pentest: pentest_before.map(|n| add_days(launch, -n)),
                calendar: &cal,
                planned_on,
            };
            let first = input(launch);
            let s = schedule(&t, &pins, &first);
            for e in &s.entries {
                let task = &t.tasks[e.index];
                if e.pinned {
                    prop_assert_eq!(e.due, pin_date, "pinned dates never move");
                    continue;
                }
                if task.phase.is_pre_launch() {
                    prop_assert!(e.due <= add_days(launch, -FINAL_WEEK_DAYS), "{} due {} after launch - 7", task.id, e.due);
                }
                if task.phase != Phase::LaunchDay {
                    prop_assert!(cal.is_working_day(e.due), "{} due on non-working {}", task.id, e.due);
                } else {
                    prop_assert_eq!(e.due, launch);
                }
                if task.phase == Phase::PostLaunch {
                    prop_assert!(e.due > launch);
                }
            }
            // There and back again changes nothing.
            let second = input(other_launch);
            let there = reschedule(&t, &pins, &first, &second);
            let back = reschedule(&t, &pins, &second, &first);
            prop_assert_eq!(there.len(), back.len());
            for (a, b) in there.iter().zip(&back) {
                prop_assert_eq!(&a.task_id, &b.task_id);
                prop_assert_eq!((a.old, a.new), (b.new, b.old));
                prop_assert!(!pins.contains_key(a.task_id.as_str()));
            }
            prop_assert_eq!(schedule(&t, &pins, &first), s);
        }
    }
}
