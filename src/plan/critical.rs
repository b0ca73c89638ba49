//! The critical path to the launch: the chain of dependent tasks with the least room.
//!
//! Tasks carry no durations, so room is measured in dates: each task's latest possible due
//! date follows backwards from the launch (launch − 7 for pre-launch tasks, the launch day
//! for go-live tasks, and the working day before whatever needs it). Its float is the
//! working days between its due date and that latest date. The path ends at the task
//! nearest the launch with the least float and walks back through the prerequisite with
//! the least float (the later due date on a tie). Tasks after go-live are not on the path
//! to it. A plan without dependencies has no path.

use chrono::NaiveDate;

use super::calendar::WorkCalendar;
use super::dependencies::latest_for_prerequisite;
use crate::catalog::{Phase, TaskTemplate};

/// Marks the tasks of the critical path (`order`: prerequisites first).
pub(super) fn critical_path(
    tasks: &[TaskTemplate],
    prereqs: &[Vec<usize>],
    order: &[usize],
    due: &[NaiveDate],
    launch: NaiveDate,
    calendar: &WorkCalendar,
    final_week_days: i64,
) -> Vec<bool> {
    let n = tasks.len();
    let mut critical = vec![false; n];
    let on_path = |i: usize| tasks[i].phase != Phase::PostLaunch;
    let cap = calendar.on_or_before(
        launch
            .checked_sub_days(chrono::Days::new(final_week_days.unsigned_abs()))
            .unwrap_or(launch),
    );
    let mut latest: Vec<NaiveDate> = (0..n)
        .map(|i| match tasks[i].phase {
            Phase::LaunchDay | Phase::PostLaunch => launch,
            _ => cap.max(due[i]),
        })
        .collect();
    let mut has_successor = vec![false; n];
    for &task in order.iter().rev() {
        if !on_path(task) {
            continue;
        }
        for &p in &prereqs[task] {
            has_successor[p] = true;
            let l =
                latest_for_prerequisite(calendar, tasks[p].phase, tasks[task].phase, latest[task]);
            latest[p] = latest[p].min(l);
        }
    }
    let float = |i: usize| calendar.working_days_between(due[i], latest[i]).max(0);
    // Chain length behind each task, for ties between equally tight ends.
    let mut depth = vec![0usize; n];
    for &task in order {
        depth[task] = prereqs[task]
            .iter()
            .map(|p| depth[*p] + 1)
            .max()
            .unwrap_or(0);
    }
    let end = (0..n)
        .filter(|i| on_path(*i) && !has_successor[*i] && !prereqs[*i].is_empty())
        .min_by_key(|i| {
            (
                float(*i),
                std::cmp::Reverse(depth[*i]),
                std::cmp::Reverse(due[*i]),
            )
        });
    let Some(mut at) = end else {
        return critical;
    };
    loop {
        critical[at] = true;
        let next = prereqs[at]
            .iter()
            .copied()
            .filter(|p| !critical[*p])
            .min_by_key(|p| {
                (
                    float(*p),
                    std::cmp::Reverse(due[*p]),
                    std::cmp::Reverse(depth[*p]),
                )
            });
        match next {
            Some(p) => at = p,
            None => break,
        }
    }
    critical
}
