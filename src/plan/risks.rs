//! The risk register: what could stop or spoil the go-live, each entry with its task, owner
//! and date, so a stakeholder reads who must act by when instead of bare task ids.
//!
//! Pure: built from a [`Snapshot`] and the probe findings linked to tasks. It lists open
//! blocking tasks nobody owns, blocked tasks with their reason, overdue tasks, failing and
//! warning probe checks, and waivers that expired, outlast the launch or lack an approver.
//! It does not decide the verdict; [`super::readiness`] turns it into reasons.

use chrono::NaiveDate;
use serde::Serialize;

use super::item::Status;
use super::readiness::FailingCheck;
use super::snapshot::{ItemView, Snapshot};

/// What kind of risk an entry is, from the most to the least pressing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum RiskKind {
    /// A probe check failed on a task.
    ProbeFail,
    /// An open blocking task without an owner: nobody is on the hook for it.
    UnownedBlocker,
    /// A task marked blocked.
    Blocked,
    /// A waiver that ran out while its task is still open: the task counts again.
    WaiverExpired,
    /// A waiver on a blocking task that no one approved.
    WaiverUnapproved,
    /// An open task past its due date.
    Overdue,
    /// A probe check warned on a task (e.g. a certificate expiring soon after launch).
    ProbeWarn,
    /// A waiver that runs past the launch day: the shop goes live without the task.
    WaiverPostLaunch,
}

impl RiskKind {
    pub fn label(self) -> &'static str {
        match self {
            RiskKind::ProbeFail => "Probe check fails",
            RiskKind::UnownedBlocker => "Blocking, no owner",
            RiskKind::Blocked => "Blocked",
            RiskKind::WaiverExpired => "Waiver expired",
            RiskKind::WaiverUnapproved => "Waiver not approved",
            RiskKind::Overdue => "Overdue",
            RiskKind::ProbeWarn => "Probe warning",
            RiskKind::WaiverPostLaunch => "Waived past launch",
        }
    }
}

/// One entry of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub kind: RiskKind,
    pub task_id: String,
    pub title: String,
    pub owner: Option<String>,
    /// The date that matters for this entry: the task's due date, or the waiver's expiry.
    pub date: NaiveDate,
    /// Whether the task blocks the go-live.
    pub blocking: bool,
    /// What is wrong, in words (the blocked reason, the probe's finding, the waiver's reason).
    pub detail: String,
}

fn entry(view: &ItemView, kind: RiskKind, date: NaiveDate, detail: String) -> Risk {
    Risk {
        kind,
        task_id: view.task.id.clone(),
        title: view.task.title.clone(),
        owner: view.item.owner.clone(),
        date,
        blocking: view.task.blocking,
        detail,
    }
}

fn probe_entries(
    snapshot: &Snapshot,
    findings: &[FailingCheck],
    kind: RiskKind,
    out: &mut Vec<Risk>,
) {
    for f in findings {
        let Some(view) = snapshot.item(&f.task_id) else {
            continue;
        };
        if view.item.status == Status::NotApplicable {
            continue;
        }
        out.push(entry(
            view,
            kind,
            view.due,
            format!("{}: {}", f.check, f.finding),
        ));
    }
}

/// The register of a plan as of its snapshot's day, most pressing first, then by date.
pub fn register(
    snapshot: &Snapshot,
    failing: &[FailingCheck],
    warnings: &[FailingCheck],
) -> Vec<Risk> {
    let launch = snapshot.launch.date();
    let mut out = Vec::new();
    probe_entries(snapshot, failing, RiskKind::ProbeFail, &mut out);
    probe_entries(snapshot, warnings, RiskKind::ProbeWarn, &mut out);
    for view in &snapshot.items {
        if view.item.status.is_closed() {
            continue;
        }
        if let Some(w) = &view.item.waiver {
            if !view.waived {
                out.push(entry(
                    view,
                    RiskKind::WaiverExpired,
                    w.until,
                    format!("expired; the task is open again. Waived for: {}", w.reason),
                ));
            } else {
                if view.task.blocking && w.approver.is_none() {
                    out.push(entry(
                        view,
                        RiskKind::WaiverUnapproved,
                        w.until,
                        format!("no approver recorded. Waived for: {}", w.reason),
                    ));
                }
                if w.outlasts(launch) {
                    let risk = w
                        .accepted_risk
                        .as_deref()
                        .map(|r| format!("; accepted risk: {r}"))
                        .unwrap_or_default();
                    out.push(entry(
                        view,
                        RiskKind::WaiverPostLaunch,
                        w.until,
                        format!("waived until after launch: {}{risk}", w.reason),
                    ));
                }
                continue;
            }
        }
        if view.task.blocking && view.item.owner.is_none() {
            out.push(entry(
                view,
                RiskKind::UnownedBlocker,
                view.due,
                "blocks the go-live and nobody owns it".into(),
            ));
        }
        if view.item.status == Status::Blocked {
            let reason = view
                .item
                .blocked_reason
                .clone()
                .unwrap_or_else(|| "no reason recorded".into());
            out.push(entry(view, RiskKind::Blocked, view.due, reason));
        }
        if view.overdue {
            out.push(entry(
                view,
                RiskKind::Overdue,
                view.due,
                format!(
                    "due {}, {} days ago",
                    view.due,
                    (snapshot.today - view.due).num_days()
                ),
            ));
        }
    }
    out.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.blocking.cmp(&a.blocking))
            .then(a.date.cmp(&b.date))
    });
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::catalog::Template;
    use crate::plan::{Item, Launch, PlanSettings, Waiver, WorkCalendar, snapshot};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn snap(items: &[Item], today: &str) -> Snapshot {
        let settings = PlanSettings {
            launch: Launch::parse("2027-06-07 09:00", "Europe/Berlin").unwrap(),
            pentest: None,
            calendar: WorkCalendar::default(),
            planned_on: d("2027-03-01"),
        };
        snapshot(
            &Template::builtin().unwrap(),
            &settings,
            items,
            &HashMap::new(),
            d(today),
        )
    }

    #[test]
    fn every_entry_names_task_owner_and_date() {
        let t = Template::builtin().unwrap();
        let blocking: Vec<_> = t.tasks.iter().filter(|t| t.blocking).collect();
        let mut items: Vec<Item> = t
            .tasks
            .iter()
            .map(|t| Item {
                status: Status::Done,
                ..Item::new(t.id.clone())
            })
            .collect();
        let set = |items: &mut Vec<Item>, id: &str, f: &dyn Fn(&mut Item)| {
            f(items.iter_mut().find(|i| i.task_id == id).unwrap())
        };
        set(&mut items, &blocking[0].id, &|i| i.status = Status::Todo);
        set(&mut items, &blocking[1].id, &|i| {
            i.status = Status::Blocked;
            i.owner = Some("dana".into());
            i.blocked_reason = Some("waiting for the CDN contract".into());
        });
        set(&mut items, &blocking[2].id, &|i| {
            i.status = Status::Todo;
            i.owner = Some("lee".into());
            i.waiver = Some(Waiver {
                reason: "vendor late".into(),
                until: d("2027-06-30"),
                ..Waiver::default()
            });
        });
        let warn = FailingCheck {
            task_id: blocking[3].id.clone(),
            check: "tls-expiry".into(),
            finding: "certificate expires 24 days after launch".into(),
        };
        let r = register(&snap(&items, "2027-03-02"), &[], &[warn]);
        let kinds: Vec<RiskKind> = r.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            vec![
                RiskKind::UnownedBlocker,
                RiskKind::Blocked,
                RiskKind::WaiverUnapproved,
                RiskKind::ProbeWarn,
                RiskKind::WaiverPostLaunch,
            ]
        );
        let blocked = &r[1];
        assert_eq!(blocked.owner.as_deref(), Some("dana"));
        assert_eq!(blocked.detail, "waiting for the CDN contract");
        assert_eq!(blocked.title, blocking[1].title);
        assert_eq!(r[4].date, d("2027-06-30"));

        // Once the waiver runs out, the task is open again and the register says so.
        let r = register(&snap(&items, "2027-07-01"), &[], &[]);
        assert!(
            r.iter()
                .any(|r| r.kind == RiskKind::WaiverExpired && r.task_id == blocking[2].id)
        );
    }
}
