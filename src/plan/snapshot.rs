//! A plan as the user sees it at a given day: every task with its state, due date and flags.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::WorkCalendar;
use super::catchup::CatchUp;
use super::dependencies::Conflict;
use super::item::{Item, Status};
use super::launch::Launch;
use super::timeline::{ScheduleInput, default_pentest, schedule};
use crate::catalog::{TaskTemplate, Template};

/// The inputs of a plan's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSettings {
    pub launch: Launch,
    pub pentest: Option<NaiveDate>,
    pub calendar: WorkCalendar,
    /// The day the current launch date was set.
    pub planned_on: NaiveDate,
}

impl PlanSettings {
    pub fn schedule_input(&self) -> ScheduleInput<'_> {
        ScheduleInput {
            launch: self.launch.date(),
            pentest: self.pentest,
            calendar: &self.calendar,
            planned_on: self.planned_on,
        }
    }

    /// The penetration-test date in force: the user's, or the default.
    pub fn pentest_date(&self) -> NaiveDate {
        self.pentest
            .unwrap_or_else(|| default_pentest(self.launch.date(), &self.calendar))
    }
}

/// One task of a plan with everything a view needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemView {
    pub task: TaskTemplate,
    pub item: Item,
    pub due: NaiveDate,
    pub computed_due: NaiveDate,
    pub pinned: bool,
    pub window_passed: bool,
    /// Past its due date and not closed.
    pub overdue: bool,
    /// Covered by a waiver that has not expired.
    pub waived: bool,
    pub evidence_count: usize,
    /// The first day of the task's window.
    pub start: NaiveDate,
    /// On the critical path to the launch.
    pub critical: bool,
    /// Placed by the catch-up schedule of a compressed plan.
    pub caught_up: bool,
    /// Why the engine moved its date, as people read it.
    pub moved: Option<String>,
    /// The late prerequisite (the first found) that puts this open task at risk.
    pub at_risk: Option<String>,
}

/// A plan's tasks in template order, as of `today`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    pub today: NaiveDate,
    pub launch: Launch,
    pub compressed: bool,
    pub items: Vec<ItemView>,
    /// How a compressed plan catches up, when windows had passed.
    pub catch_up: Option<CatchUp>,
    /// Pins that keep a prerequisite due after a task that needs it.
    pub conflicts: Vec<Conflict>,
}

impl ItemView {
    /// Done, though its template names evidence and none (not retracted) is attached.
    pub fn done_without_evidence(&self) -> bool {
        self.item.status == Status::Done
            && !self.task.evidence.trim().is_empty()
            && self.evidence_count == 0
    }
}

impl Snapshot {
    pub fn item(&self, task_id: &str) -> Option<&ItemView> {
        self.items.iter().find(|i| i.task.id == task_id)
    }

    /// Days from today to the launch day (negative after it).
    pub fn days_to_launch(&self) -> i64 {
        (self.launch.date() - self.today).num_days()
    }
}

/// Joins template, settings, recorded items and evidence counts into a [`Snapshot`].
/// Tasks without a recorded item are shown as untouched.
pub fn snapshot(
    template: &Template,
    settings: &PlanSettings,
    items: &[Item],
    evidence_counts: &HashMap<String, usize>,
    today: NaiveDate,
) -> Snapshot {
    let by_id: HashMap<&str, &Item> = items.iter().map(|i| (i.task_id.as_str(), i)).collect();
    let pins: HashMap<&str, NaiveDate> = items
        .iter()
        .filter_map(|i| i.pinned_due.map(|d| (i.task_id.as_str(), d)))
        .collect();
    let schedule = schedule(template, &pins, &settings.schedule_input());
    let mut items: Vec<ItemView> = schedule
        .entries
        .iter()
        .map(|e| {
            let task = &template.tasks[e.index];
            let item = by_id
                .get(task.id.as_str())
                .map(|i| (*i).clone())
                .unwrap_or_else(|| Item::new(task.id.clone()));
            let waived = item.waiver.as_ref().is_some_and(|w| w.is_active(today));
            ItemView {
                overdue: e.due < today && !item.status.is_closed() && !waived,
                waived,
                evidence_count: evidence_counts.get(&task.id).copied().unwrap_or(0),
                task: task.clone(),
                item,
                due: e.due,
                computed_due: e.computed,
                pinned: e.pinned,
                window_passed: e.window_passed,
                start: e.start,
                critical: e.critical,
                caught_up: e.caught_up,
                moved: schedule
                    .adjustments
                    .iter()
                    .find(|a| a.task_id == task.id)
                    .map(|a| a.sentence()),
                at_risk: None,
            }
        })
        .collect();
    mark_at_risk(&mut items);
    Snapshot {
        today,
        launch: settings.launch,
        compressed: schedule.compressed,
        items,
        catch_up: schedule.catch_up,
        conflicts: schedule.conflicts,
    }
}

/// Every open task after a late prerequisite (directly or through others) is at risk; it
/// names the late task nearest the start of its chain that it found first.
fn mark_at_risk(items: &mut [ItemView]) {
    let index: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, v)| (v.task.id.clone(), i))
        .collect();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for (i, v) in items.iter().enumerate() {
        for dep in &v.task.depends_on {
            if let Some(&p) = index.get(dep) {
                successors[p].push(i);
            }
        }
    }
    let late: Vec<usize> = (0..items.len()).filter(|i| items[*i].overdue).collect();
    for source in late {
        let id = items[source].task.id.clone();
        let mut stack = successors[source].clone();
        let mut seen = vec![false; items.len()];
        while let Some(t) = stack.pop() {
            if std::mem::replace(&mut seen[t], true) {
                continue;
            }
            let view = &mut items[t];
            if view.item.status.is_closed() || view.waived {
                continue;
            }
            if view.at_risk.is_none() {
                view.at_risk = Some(id.clone());
            }
            stack.extend(successors[t].iter().copied());
        }
    }
}
