//! The catch-up schedule of a compressed plan: tasks whose window had passed when the launch
//! was set are spread over the working days left before launch − 7, instead of all being
//! overdue on day one.
//!
//! Order: blocking tasks and what they wait for first, then other prerequisites, then the
//! rest by their original date; a prerequisite is never placed after a task that needs it.
//! The plan also learns how tight it is (tasks per working day) and the earliest launch at
//! which every task keeps its own window. Pure date logic; the engine calls it.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::WorkCalendar;
use crate::catalog::TaskTemplate;

/// How a compressed plan catches up.
#[derive(Debug, Clone, Serialize)]
pub struct CatchUp {
    /// Tasks whose window had passed and that the catch-up placed.
    pub tasks: usize,
    /// Working days from the day the launch was set to launch − 7 (both included).
    pub working_days: usize,
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// Pre-launch tasks due in that span, per working day: how tight the plan is.
    pub per_day: f64,
    /// The earliest launch day at which no task's window would have passed (none within
    /// a year and a half).
    pub feasible_launch: Option<NaiveDate>,
}

impl PartialEq for CatchUp {
    fn eq(&self, other: &CatchUp) -> bool {
        // The ratio is computed from the counts; comparing its bits keeps equality total.
        (
            self.tasks,
            self.working_days,
            self.from,
            self.until,
            self.feasible_launch,
        ) == (
            other.tasks,
            other.working_days,
            other.from,
            other.until,
            other.feasible_launch,
        ) && self.per_day.to_bits() == other.per_day.to_bits()
    }
}

impl Eq for CatchUp {}

impl CatchUp {
    /// "23 tasks caught up over 18 working days (2.6 per day); every task keeps its window
    /// with a launch on Mon 05 Jul 2027 or later".
    pub fn sentence(&self) -> String {
        let feasible = match self.feasible_launch {
            Some(day) => format!(
                "every task would keep its own window with a launch on {} or later",
                day.format("%a %d %b %Y")
            ),
            None => "no launch within a year and a half gives every task its window".into(),
        };
        format!(
            "Catch-up schedule: {} tasks whose window had passed are spread over {} working days \
             to {} ({:.1} tasks per working day); {feasible}",
            self.tasks,
            self.working_days,
            self.until.format("%a %d %b"),
            self.per_day
        )
    }
}

/// The working days from `from` to `until`, both included.
pub(super) fn working_days(
    calendar: &WorkCalendar,
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<NaiveDate> {
    if until < from {
        return Vec::new();
    }
    from.iter_days()
        .take_while(|d| *d <= until)
        .filter(|d| calendar.is_working_day(*d))
        .collect()
}

/// The order the catch-up works through `late` (indices into `tasks`).
pub(super) fn catch_up_order(
    tasks: &[TaskTemplate],
    prereqs: &[Vec<usize>],
    late: &[usize],
    due: &[NaiveDate],
) -> Vec<usize> {
    let in_set: BTreeSet<usize> = late.iter().copied().collect();
    // Rank 0: blocking, or something a blocking task waits for; 1: any other prerequisite.
    let mut rank = vec![2u8; tasks.len()];
    let mut stack: Vec<usize> = late
        .iter()
        .copied()
        .filter(|i| tasks[*i].blocking)
        .collect();
    while let Some(t) = stack.pop() {
        if rank[t] == 0 {
            continue;
        }
        rank[t] = 0;
        stack.extend(prereqs[t].iter().copied().filter(|p| in_set.contains(p)));
    }
    for &t in late {
        for &p in &prereqs[t] {
            if in_set.contains(&p) && rank[p] == 2 {
                rank[p] = 1;
            }
        }
    }
    let mut waiting: Vec<usize> = vec![0; tasks.len()];
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); tasks.len()];
    for &t in late {
        for &p in &prereqs[t] {
            if in_set.contains(&p) {
                waiting[t] += 1;
                successors[p].push(t);
            }
        }
    }
    let key = |i: usize| (rank[i], due[i], i);
    let mut ready: BTreeSet<(u8, NaiveDate, usize)> = late
        .iter()
        .copied()
        .filter(|i| waiting[*i] == 0)
        .map(key)
        .collect();
    let mut order = Vec::with_capacity(late.len());
    while let Some((_, _, next)) = ready.pop_first() {
        order.push(next);
        for &s in &successors[next] {
            waiting[s] -= 1;
            if waiting[s] == 0 {
                ready.insert(key(s));
            }
        }
    }
    order
}

/// The day of the `k`-th of `n` tasks spread evenly over `days` (in order, so a later task
/// is never placed earlier).
pub(super) fn slot(days: &[NaiveDate], k: usize, n: usize) -> Option<NaiveDate> {
    if days.is_empty() || n == 0 {
        return None;
    }
    days.get(k * days.len() / n).copied()
}
