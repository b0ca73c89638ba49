//! The readiness verdict: Ready, Ready with risks or Not ready, and the reasons for it.
//!
//! Open blocking tasks and failing probe checks on blocking tasks make a plan Not ready;
//! overdue tasks, active waivers and expired waivers are risks. A percentage alone would
//! hide the one open blocker that matters, so the verdict always comes with its reasons.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::item::Status;
use super::risks::{Risk, RiskKind, register};
use super::snapshot::{ItemView, Snapshot};
use crate::catalog::Phase;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Ready,
    ReadyWithRisks,
    NotReady,
}

impl Verdict {
    /// From best to worst.
    pub const ALL: [Verdict; 3] = [Verdict::Ready, Verdict::ReadyWithRisks, Verdict::NotReady];

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ready => "Ready",
            Verdict::ReadyWithRisks => "Ready with risks",
            Verdict::NotReady => "Not ready",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    BlockingOpen,
    FailingCheck,
    Overdue,
    Waived,
    WaiverExpired,
    WindowPassed,
    /// Done tasks whose requirements a template update changed.
    Reconfirm,
    /// Open tasks that wait for a late prerequisite (one reason per late task).
    AtRisk,
    /// Done tasks whose template names evidence, with none attached (or all retracted).
    DoneWithoutEvidence,
    /// Open blocking tasks nobody owns.
    Unowned,
    /// Tasks marked blocked.
    Blocked,
    /// Probe checks that warn on a task.
    ProbeWarning,
    /// Waivers that run past the launch day.
    WaiverPostLaunch,
    /// Waivers on blocking tasks without an approver.
    WaiverUnapproved,
}

/// One reason behind a verdict, with the tasks it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub kind: ReasonKind,
    pub message: String,
    pub task_ids: Vec<String>,
}

impl Reason {
    /// The reason without its list of tasks ("3 blocking tasks open"), for a front door that
    /// shows the tasks itself, each one a link.
    pub fn headline(&self) -> &str {
        let listed = format!(": {}", list(&self.task_ids));
        self.message
            .strip_suffix(listed.as_str())
            .unwrap_or(&self.message)
    }
}

/// A probe check that failed on a task (from [`crate::probe`] results).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailingCheck {
    pub task_id: String,
    pub check: String,
    pub finding: String,
}

/// Which of the readiness counts one task adds to. The header, the checklist's filters, the
/// CLI and the report all take their numbers from here, so a filter opened from a count shows
/// exactly that many tasks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Blocking, not closed and not waived: what makes a plan Not ready.
    pub blocking_open: bool,
    /// Past its due date, not closed and not waived.
    pub overdue: bool,
    /// Not closed, covered by a waiver that has not expired.
    pub waived: bool,
    /// Done, although the task names what proves it and nothing is attached.
    pub done_without_evidence: bool,
}

impl Tally {
    /// A waived task is open but neither blocking nor overdue, since the waiver lets the
    /// go-live proceed without it.
    pub fn of(view: &ItemView) -> Tally {
        let status = view.item.status;
        let done_without_evidence = view.done_without_evidence();
        if status.is_closed() {
            return Tally {
                done_without_evidence,
                ..Tally::default()
            };
        }
        if view.waived {
            return Tally {
                waived: true,
                ..Tally::default()
            };
        }
        Tally {
            blocking_open: view.task.blocking,
            overdue: view.overdue,
            waived: false,
            done_without_evidence,
        }
    }
}

/// The one count of a plan or a phase that the chart, the report's sections and cover, the
/// CLI and the desktop all show: each word means the same everywhere.
///
/// - `done`: status done; `not_applicable`: status not applicable;
/// - `closed` = `done` + `not_applicable` (nothing left to do);
/// - `open` = `total` − `closed`, of which `to_do`, `in_progress` and `blocked` by status;
/// - `blocking_open`: open blocking tasks not covered by an active waiver (the ones that keep
///   the verdict at Not ready); `overdue`: open, past due, not waived; `waived`: open and
///   covered by an active waiver.
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
    pub done_without_evidence: usize,
    pub closed: usize,
    pub to_do: usize,
}

impl Counts {
    /// Counts the given tasks.
    pub fn of<'a>(views: impl IntoIterator<Item = &'a ItemView>) -> Counts {
        let mut counts = Counts::default();
        for view in views {
            counts.add(view);
        }
        counts
    }

    /// "12 of 40 closed (10 done, 2 not applicable)": the wording every front door uses.
    pub fn closed_phrase(&self) -> String {
        format!(
            "{} of {} closed ({} done, {} not applicable)",
            self.closed, self.total, self.done, self.not_applicable
        )
    }

    /// Adds one task, counted by its [`Tally`].
    fn add(&mut self, view: &ItemView) {
        self.total += 1;
        match view.item.status {
            Status::Done => self.done += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Blocked => self.blocked += 1,
            Status::Todo => self.to_do += 1,
        }
        if view.item.status.is_closed() {
            self.closed += 1;
        } else {
            self.open += 1;
        }
        let tally = Tally::of(view);
        self.waived += usize::from(tally.waived);
        self.blocking_open += usize::from(tally.blocking_open);
        self.overdue += usize::from(tally.overdue);
        self.done_without_evidence += usize::from(tally.done_without_evidence);
    }
}

/// How one phase stands: its counts (the verdict's own) and the next open due date from
/// today on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseProgress {
    pub phase: Phase,
    pub counts: Counts,
    pub next_due: Option<NaiveDate>,
}

/// Progress per phase, in phase order, phases without tasks left out.
pub fn phase_progress(snapshot: &Snapshot) -> Vec<PhaseProgress> {
    Phase::ALL
        .iter()
        .filter_map(|&phase| {
            let mut counts = Counts::default();
            let mut next_due: Option<NaiveDate> = None;
            for view in snapshot.items.iter().filter(|v| v.task.phase == phase) {
                counts.add(view);
                if !view.item.status.is_closed() && view.due >= snapshot.today {
                    next_due = Some(next_due.map_or(view.due, |d| d.min(view.due)));
                }
            }
            (counts.total > 0).then_some(PhaseProgress {
                phase,
                counts,
                next_due,
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    pub counts: Counts,
    /// The same counts per phase; they add up to `counts`.
    pub phases: Vec<PhaseProgress>,
    pub days_to_launch: i64,
    /// How a compressed plan catches up: tightness and the earliest feasible launch.
    pub catch_up: Option<super::CatchUp>,
    /// The risk register the reasons summarise, each entry with owner and date.
    pub risks: Vec<Risk>,
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
    assess_with(snapshot, failing, &[])
}

/// The register's entries of one kind, each task once, in register order.
fn risk_ids(risks: &[Risk], kind: RiskKind) -> Vec<String> {
    let mut seen = HashSet::new();
    risks
        .iter()
        .filter(|r| r.kind == kind && seen.insert(r.task_id.as_str()))
        .map(|r| r.task_id.clone())
        .collect()
}

/// Judges a plan with the probe checks that fail and those that warn on its tasks.
pub fn assess_with(
    snapshot: &Snapshot,
    failing: &[FailingCheck],
    warnings: &[FailingCheck],
) -> Readiness {
    let mut counts = Counts::default();
    let mut blocking_open = Vec::new();
    let mut overdue = Vec::new();
    let mut waived = Vec::new();
    let mut expired = Vec::new();
    let mut window_passed = Vec::new();
    let mut reconfirm = Vec::new();
    let mut unproven = Vec::new();
    for view in &snapshot.items {
        counts.add(view);
        if Tally::of(view).done_without_evidence {
            unproven.push(view.task.id.clone());
        }
        if view.item.status == Status::Done && view.item.reconfirm.is_some() {
            reconfirm.push(view.task.id.clone());
        }
        if view.item.status.is_closed() {
            continue;
        }
        let id = view.task.id.clone();
        let tally = Tally::of(view);
        if tally.waived {
            waived.push(id);
            continue;
        }
        if view.item.waiver.is_some() {
            expired.push(id.clone());
        }
        if tally.blocking_open {
            blocking_open.push(id.clone());
        }
        if tally.overdue {
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
        // In the order they first fail, each once: fails arrive by check, not by task.
        let mut seen = HashSet::new();
        let ids: Vec<String> = blocking_failures
            .iter()
            .filter(|f| seen.insert(f.task_id.as_str()))
            .map(|f| f.task_id.clone())
            .collect();
        let mut seen = HashSet::new();
        let checks: Vec<&str> = blocking_failures
            .iter()
            .map(|f| f.check.as_str())
            .filter(|c| seen.insert(*c))
            .collect();
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
    // Each late prerequisite, with what waits for it, in plan order.
    let mut late_prereqs: Vec<(&str, Vec<String>)> = Vec::new();
    for view in &snapshot.items {
        if let Some(late) = &view.at_risk {
            match late_prereqs.iter_mut().find(|(id, _)| id == late) {
                Some((_, waiting)) => waiting.push(view.task.id.clone()),
                None => late_prereqs.push((late.as_str(), vec![view.task.id.clone()])),
            }
        }
    }
    for (late, waiting) in late_prereqs {
        reasons.push(Reason {
            kind: ReasonKind::AtRisk,
            message: format!(
                "{late} is late and puts {} after it at risk: {}",
                plural(waiting.len(), "task", "tasks"),
                list(&waiting)
            ),
            task_ids: std::iter::once(late.to_string()).chain(waiting).collect(),
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
    if !reconfirm.is_empty() {
        reasons.push(Reason {
            kind: ReasonKind::Reconfirm,
            message: format!(
                "{} done, but the checklist's new version changed what {} must meet; confirm \
                 again: {}",
                plural(reconfirm.len(), "task is", "tasks are"),
                if reconfirm.len() == 1 { "it" } else { "they" },
                list(&reconfirm)
            ),
            task_ids: reconfirm,
        });
    }
    let risks = register(snapshot, failing, warnings);
    let from_register = [
        (ReasonKind::Unowned, RiskKind::UnownedBlocker),
        (ReasonKind::Blocked, RiskKind::Blocked),
        (ReasonKind::WaiverUnapproved, RiskKind::WaiverUnapproved),
        (ReasonKind::ProbeWarning, RiskKind::ProbeWarn),
        (ReasonKind::WaiverPostLaunch, RiskKind::WaiverPostLaunch),
    ];
    for (kind, risk) in from_register {
        let ids = risk_ids(&risks, risk);
        if ids.is_empty() {
            continue;
        }
        let n = ids.len();
        let message = match kind {
            ReasonKind::Unowned => format!(
                "{} without an owner: {}",
                plural(n, "open blocking task", "open blocking tasks"),
                list(&ids)
            ),
            ReasonKind::Blocked => {
                format!("{} blocked: {}", plural(n, "task", "tasks"), list(&ids))
            }
            ReasonKind::WaiverUnapproved => format!(
                "{} on blocking tasks without an approver: {}",
                plural(n, "waiver", "waivers"),
                list(&ids)
            ),
            ReasonKind::ProbeWarning => format!(
                "Probe checks warn on {}: {}",
                plural(n, "task", "tasks"),
                list(&ids)
            ),
            _ => format!(
                "{} past the launch day: {}",
                plural(n, "waiver runs", "waivers run"),
                list(&ids)
            ),
        };
        reasons.push(Reason {
            kind,
            message,
            task_ids: ids,
        });
    }
    if !unproven.is_empty() {
        reasons.push(Reason {
            kind: ReasonKind::DoneWithoutEvidence,
            message: format!(
                "{} done without the evidence {} template asks for: {}",
                plural(unproven.len(), "task", "tasks"),
                if unproven.len() == 1 { "its" } else { "their" },
                list(&unproven)
            ),
            task_ids: unproven,
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
        phases: phase_progress(snapshot),
        days_to_launch: snapshot.days_to_launch(),
        catch_up: snapshot.catch_up.clone(),
        risks,
    }
}
