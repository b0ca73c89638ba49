//! What needs attention soon across plans: open tasks due within a horizon (overdue ones
//! included) and blocked ones, optionally only one owner's. Reads snapshots; which plans
//! and how the list is shown are the caller's.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::{ItemView, Snapshot, Status};

/// One task on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaEntry {
    pub task_id: String,
    pub title: String,
    pub owner: Option<String>,
    pub status: Status,
    pub due: NaiveDate,
    pub overdue: bool,
    pub blocking: bool,
}

fn entry(v: &ItemView) -> AgendaEntry {
    AgendaEntry {
        task_id: v.task.id.clone(),
        title: v.task.title.clone(),
        owner: v.item.owner.clone(),
        status: v.item.status,
        due: v.due,
        overdue: v.overdue,
        blocking: v.task.blocking,
    }
}

/// The plan's open tasks due by `today + days` (or blocked), not waived, soonest first; with
/// `owner`, only tasks of that owner (case and surrounding spaces ignored).
pub fn agenda(snapshot: &Snapshot, days: u64, owner: Option<&str>) -> Vec<AgendaEntry> {
    let until = snapshot
        .today
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX);
    let owner = owner.map(|o| o.trim().to_lowercase());
    let mut out: Vec<AgendaEntry> = snapshot
        .items
        .iter()
        .filter(|v| !v.item.status.is_closed() && !v.waived)
        .filter(|v| v.due <= until || v.item.status == Status::Blocked)
        .filter(|v| match &owner {
            None => true,
            Some(o) => v
                .item
                .owner
                .as_deref()
                .is_some_and(|mine| mine.trim().to_lowercase() == *o),
        })
        .map(entry)
        .collect();
    out.sort_by(|a, b| (a.due, &a.task_id).cmp(&(b.due, &b.task_id)));
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::catalog::Template;
    use crate::plan::{Item, Launch, PlanSettings, WorkCalendar, snapshot};

    #[test]
    fn soon_overdue_and_blocked_only_and_one_owners() {
        let t = Template::builtin().unwrap();
        let settings = PlanSettings {
            launch: Launch::parse("2027-03-01 09:00", "Europe/Berlin").unwrap(),
            pentest: None,
            calendar: WorkCalendar::default(),
            planned_on: "2026-12-01".parse().unwrap(),
        };
        let mut items: Vec<Item> = t.tasks.iter().map(|x| Item::new(x.id.clone())).collect();
        let first_due = t.tasks[0].id.clone();
        items[0].owner = Some(" Dana ".into());
        let late = t.tasks.last().unwrap().id.clone();
        items.last_mut().unwrap().status = Status::Blocked;
        let today: NaiveDate = "2027-01-20".parse().unwrap();
        let snap = snapshot(&t, &settings, &items, &HashMap::new(), today);
        let week = agenda(&snap, 7, None);
        assert!(
            week.iter()
                .all(|e| e.due <= "2027-01-27".parse().unwrap() || e.status == Status::Blocked)
        );
        assert!(
            week.iter().any(|e| e.task_id == late),
            "blocked shows whenever it is due"
        );
        assert!(week.windows(2).all(|w| w[0].due <= w[1].due));
        let danas = agenda(&snap, 7, Some("dana"));
        assert_eq!(
            danas.iter().map(|e| e.task_id.as_str()).collect::<Vec<_>>(),
            [first_due.as_str()]
        );
    }
}
