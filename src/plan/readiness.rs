//! The readiness verdict: Ready, Ready with risks or Not ready, and the reasons for it.
//!
//! Open blocking tasks and failing probe checks on blocking tasks make a plan Not ready;
//! overdue tasks, active waivers and expired waivers are risks. A percentage alone would
//! hide the one open blocker that matters, so the verdict always comes with its reasons.

use serde::Serialize;

use super::item::Status;
use super::snapshot::Snapshot;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Ready,
    ReadyWithRisks,
    NotReady,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ready => "Ready",
            Verdict::ReadyWithRisks => "Ready with risks",
            Verdict::NotReady => "Not ready",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    BlockingOpen,
    FailingCheck,
    Overdue,
    Waived,
    WaiverExpired,
    WindowPassed,
}

/// One reason behind a verdict, with the tasks it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub kind: ReasonKind,
    pub message: String,
    pub task_ids: Vec<String>,
}

/// A probe check that failed on a task (from [`crate::probe`] results).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailingCheck {
    pub task_id: String,
    pub check: String,
    pub finding: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub not_applicable: usize,
    pub open: usize,
    pub in_progress: usize,
    pub blocked: usize,
    pub overdue: usize,
    pub blocking_open: usize,
    pub waived: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    pub counts: Counts,
    pub days_to_launch: i64,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn list(ids: &[String]) -> String {
    const SHOWN: usize = 8;
    if ids.len() <= SHOWN {
        ids.join(", ")
    } else {
        format!("{} and {} more", ids[..SHOWN].join(", "), ids.len() - SHOWN)
    }
}

/// Judges a plan as of its snapshot's day.
pub fn assess(snapshot: &Snapshot, failing: &[FailingCheck]) -> Readiness {
    let mut counts = Counts {
        total: snapshot.items.len(),
        ..Counts::default()
    };
    let mut blocking_open = Vec::new();
    let mut overdue = Vec::new();
    let mut waived = Vec::new();
    let mut expired = Vec::new();
    let mut window_passed = Vec::new();
    for view in &snapshot.items {
        let status = view.item.status;
        match status {
            Status::Done => counts.done += 1,
            Status::NotApplicable => counts.not_applicable += 1,
            Status::InProgress => counts.in_progress += 1,
            Status::Blocked => counts.blocked += 1,
            Status::Todo => {}
        }
        if status.is_closed() {
            continue;
        }
        counts.open += 1;
        let id = view.task.id.clone();
        if view.waived {
            counts.waived += 1;
            waived.push(id);
            continue;
        }
        if view.item.waiver.is_some() {
            expired.push(id.clone());
        }
        if view.task.blocking {
            counts.blocking_open += 1;
            blocking_open.push(id.clone());
        }
        if view.overdue {
            counts.overdue += 1;
            if view.window_passed {
                window_passed.push(id.clone());
            }
            overdue.push(id);
        }
    }

    let mut reasons = Vec::new();
    if !blocking_open.is_empty() {
        reasons.push(Reason {
            kind: ReasonKind::BlockingOpen,
            message: format!(
                "{} open: {}",
                plural(blocking_open.len(), "blocking task", "blocking tasks"),
                list(&blocking_open)
            ),
            task_ids: blocking_open,
        });
    }
    let blocking_failures: Vec<&FailingCheck> = failing
        .iter()
        .filter(|f| {
            snapshot.item(&f.task_id).is_some_and(|v| {
                v.task.blocking && !v.waived && v.item.status != Status::NotApplicable
            })
        })
        .collect();
    if !blocking_failures.is_empty() {
        let mut ids: Vec<String> = blocking_failures
            .iter()
            .map(|f| f.task_id.clone())
            .collect();
        ids.dedup();
        let checks: Vec<&str> = blocking_failures.iter().map(|f| f.check.as_str()).collect();
        reasons.push(Reason {
            kind: ReasonKind::FailingCheck,
            message: format!(
                "{} failing on blocking tasks ({}): {}",
                plural(blocking_failures.len(), "probe check", "probe checks"),
                checks.join(", "),
                list(&ids)
            ),
            task_ids: ids,
        });
    }
    if !overdue.is_empty() {
        reasons.push(Reason {
            kind: ReasonKind::Overdue,
            message: format!(
                "{} overdue: {}",
                plural(overdue.len(), "task", "tasks"),
                list(&overdue)
            ),
            task_ids: overdue,
        });
    }
    if !window_passed.is_empty() {
        reasons.push(Reason {
            kind: ReasonKind::WindowPassed,
            message: format!(
                "Compressed plan: the window of {} had passed when the launch date was set",
                plural(window_passed.len(), "task", "tasks")
            ),
            task_ids: window_passed,
        });
    }
    if !expired.is_empty() {
        reasons.push(Reason {
            kind: ReasonKind::WaiverExpired,
            message: format!(
                "{} expired; renew or close: {}",
                plural(expired.len(), "waiver has", "waivers have"),
                list(&expired)
            ),
            task_ids: expired,
        });
    }
    if !waived.is_empty() {
        reasons.push(Reason {
            kind: ReasonKind::Waived,
            message: format!(
                "{} waived: {}",
                plural(waived.len(), "task", "tasks"),
                list(&waived)
            ),
            task_ids: waived,
        });
    }

    let verdict = if reasons
        .iter()
        .any(|r| matches!(r.kind, ReasonKind::BlockingOpen | ReasonKind::FailingCheck))
    {
        Verdict::NotReady
    } else if reasons.is_empty() {
        Verdict::Ready
    } else {
        Verdict::ReadyWithRisks
    };
    Readiness {
        verdict,
        reasons,
        counts,
        days_to_launch: snapshot.days_to_launch(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use chrono::NaiveDate;

    use super::*;
    use crate::catalog::Template;
    use crate::plan::{Item, Launch, PlanSettings, Waiver, WorkCalendar, snapshot};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn settings() -> PlanSettings {
        PlanSettings {
            launch: Launch::parse("2027-06-07 09:00", "Europe/Berlin").unwrap(),
            pentest: None,
            calendar: WorkCalendar::default(),
            planned_on: d("2027-03-01"),
        }
    }

    fn judge(items: &[Item], today: &str) -> Readiness {
        let t = Template::builtin().unwrap();
        let snap = snapshot(&t, &settings(), items, &HashMap::new(), d(today));
        assess(&snap, &[])
    }

    fn all(status: crate::plan::Status) -> Vec<Item> {
        Template::builtin()
            .unwrap()
            .tasks
            .iter()
            .map(|t| Item {
                status,
                ..Item::new(t.id.clone())
            })
            .collect()
    }

    #[test]
    fn fresh_plan_is_not_ready_with_blocking_reason() {
        let r = judge(&[], "2027-03-02");
        assert_eq!(r.verdict, Verdict::NotReady);
        assert_eq!(r.reasons[0].kind, ReasonKind::BlockingOpen);
        assert!(
            r.reasons[0].message.contains("blocking tasks open"),
            "{}",
            r.reasons[0].message
        );
        assert_eq!(r.counts.overdue, 0);
        assert_eq!(r.days_to_launch, 97);
    }

    #[test]
    fn everything_done_is_ready() {
        let r = judge(&all(Status::Done), "2027-06-01");
        assert_eq!(r.verdict, Verdict::Ready);
        assert!(r.reasons.is_empty());
    }

    #[test]
    fn overdue_non_blocking_and_waivers_are_risks() {
        let t = Template::builtin().unwrap();
        let non_blocking = t
            .tasks
            .iter()
            .find(|t| !t.blocking && t.phase.is_pre_launch())
            .unwrap();
        let blocking = t.tasks.iter().find(|t| t.blocking).unwrap();
        let mut items = all(Status::Done);
        for i in &mut items {
            if i.task_id == non_blocking.id {
                i.status = Status::InProgress;
            }
            if i.task_id == blocking.id {
                i.status = Status::Todo;
                i.waiver = Some(Waiver {
                    reason: "vendor late".into(),
                    until: d("2027-06-30"),
                });
            }
        }
        let r = judge(&items, "2027-06-01");
        assert_eq!(r.verdict, Verdict::ReadyWithRisks);
        let kinds: Vec<_> = r.reasons.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, vec![ReasonKind::Overdue, ReasonKind::Waived]);

        // Once the waiver expires the blocking task counts again.
        let r = judge(&items, "2027-07-01");
        assert_eq!(r.verdict, Verdict::NotReady);
        assert!(
            r.reasons
                .iter()
                .any(|r| r.kind == ReasonKind::WaiverExpired)
        );
    }

    #[test]
    fn failing_probe_on_blocking_task_is_not_ready() {
        let t = Template::builtin().unwrap();
        let snap = snapshot(
            &t,
            &settings(),
            &all(Status::Done),
            &HashMap::new(),
            d("2027-06-01"),
        );
        let blocking = t.tasks.iter().find(|t| t.blocking).unwrap();
        let r = assess(
            &snap,
            &[FailingCheck {
                task_id: blocking.id.clone(),
                check: "tls-expiry".into(),
                finding: "expires".into(),
            }],
        );
        assert_eq!(r.verdict, Verdict::NotReady);
        assert_eq!(r.reasons[0].kind, ReasonKind::FailingCheck);
    }
}
