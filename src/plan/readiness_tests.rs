//! Tests of the readiness verdict: which states make a plan Ready, Ready with risks or Not
//! ready, and the reasons and counts each one gives.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::readiness::*;
use crate::catalog::Template;
use crate::plan::{Item, Launch, PlanSettings, Snapshot, Status, Waiver, WorkCalendar, snapshot};

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

/// The verdict with one evidence item on every task, so "done" means proven.
fn judge(items: &[Item], today: &str) -> Readiness {
    let t = Template::builtin().unwrap();
    let proven: HashMap<String, usize> = t.tasks.iter().map(|t| (t.id.clone(), 1)).collect();
    let snap = snapshot(&t, &settings(), items, &proven, d(today));
    assess(&snap, &[])
}

/// Issue 14: a task marked done with none of the evidence its template names is a risk,
/// not a readiness; evidence attached (or added later) takes the risk away.
#[test]
fn done_without_evidence_is_a_risk_listing_the_tasks() {
    let t = Template::builtin().unwrap();
    let items = all(Status::Done);
    let mut counts: HashMap<String, usize> = t.tasks.iter().map(|t| (t.id.clone(), 1)).collect();
    let bare = t.tasks[0].id.clone();
    counts.remove(&bare);
    let snap = snapshot(&t, &settings(), &items, &counts, d("2027-06-01"));
    let r = assess(&snap, &[]);
    assert_eq!(r.verdict, Verdict::ReadyWithRisks);
    assert_eq!(r.reasons.len(), 1);
    assert_eq!(r.reasons[0].kind, ReasonKind::DoneWithoutEvidence);
    assert_eq!(r.reasons[0].task_ids, vec![bare.clone()]);
    assert!(
        r.reasons[0]
            .message
            .starts_with("1 task done without the evidence its")
    );
    assert_eq!(r.counts.done_without_evidence, 1);
}

/// The built-in checklist with every task in `status` and no evidence, as of `today`.
fn all_in(status: Status, today: &str) -> (Template, Snapshot) {
    let t = Template::builtin().unwrap();
    let snap = snapshot(&t, &settings(), &all(status), &HashMap::new(), d(today));
    (t, snap)
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
    // Done with its evidence: a task done without the evidence its template asks for is
    // a risk of its own.
    let t = Template::builtin().unwrap();
    let proven: HashMap<String, usize> = t.tasks.iter().map(|t| (t.id.clone(), 1)).collect();
    let snap = snapshot(
        &t,
        &settings(),
        &all(Status::Done),
        &proven,
        d("2027-06-01"),
    );
    let r = assess(&snap, &[]);
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
                ..Waiver::default()
            });
        }
    }
    let r = judge(&items, "2027-06-01");
    assert_eq!(r.verdict, Verdict::ReadyWithRisks);
    let kinds: Vec<_> = r.reasons.iter().map(|r| r.kind).collect();
    // The waiver on a blocking task has no approver and runs past the launch: both are
    // risks of their own besides the waiver itself. Every done task here has its evidence
    // (`judge`), so done-without-evidence is not among them.
    assert_eq!(
        kinds,
        vec![
            ReasonKind::Overdue,
            ReasonKind::WaiverUnapproved,
            ReasonKind::WaiverPostLaunch,
            ReasonKind::Waived
        ]
    );

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
    let (t, snap) = all_in(Status::Done, "2027-06-01");
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

/// Regression: fails arrive by check, so one task failing two checks with another task
/// between them was listed twice (`dedup` on an unsorted list).
#[test]
fn a_task_failing_several_checks_is_named_once() {
    let (t, snap) = all_in(Status::Todo, "2027-03-01");
    let mut blocking = t.tasks.iter().filter(|t| t.blocking);
    let (a, b) = (blocking.next().unwrap(), blocking.next().unwrap());
    let fail = |task: &str, check: &str| FailingCheck {
        task_id: task.into(),
        check: check.into(),
        finding: "bad".into(),
    };
    let r = assess(
        &snap,
        &[
            fail(&a.id, "tls-trust"),
            fail(&b.id, "tls-trust"),
            fail(&a.id, "tls-expiry"),
        ],
    );
    let reason = r
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::FailingCheck)
        .unwrap();
    assert_eq!(reason.task_ids, vec![a.id.clone(), b.id.clone()]);
    assert_eq!(
        reason.message.matches(a.id.as_str()).count(),
        1,
        "{}",
        reason.message
    );
    assert!(
        reason.message.contains("(tls-trust, tls-expiry)"),
        "{}",
        reason.message
    );
}

/// Regression: with a waived blocking task and a not-applicable one, the per-phase table
/// said 2 done and 30 blocking open while the verdict said 1 done and 29 blocking open.
#[test]
fn per_phase_counts_add_up_to_the_verdicts() {
    let t = Template::builtin().unwrap();
    let mut items = all(Status::Todo);
    let mut blocking = t.tasks.iter().filter(|t| t.blocking);
    let (waived, done) = (blocking.next().unwrap(), blocking.next().unwrap());
    let not_applicable = t.tasks.iter().find(|t| !t.blocking).unwrap();
    for i in &mut items {
        if i.task_id == waived.id {
            i.waiver = Some(Waiver {
                reason: "vendor late".into(),
                until: d("2027-06-30"),
                ..Waiver::default()
            });
        } else if i.task_id == done.id {
            i.status = Status::Done;
        } else if i.task_id == not_applicable.id {
            i.status = Status::NotApplicable;
        }
    }
    let r = judge(&items, "2027-03-01");
    assert_eq!(
        (r.counts.done, r.counts.not_applicable, r.counts.waived),
        (1, 1, 1)
    );
    let sum = |f: fn(&Counts) -> usize| r.phases.iter().map(|p| f(&p.counts)).sum::<usize>();
    assert_eq!(sum(|c| c.total), r.counts.total);
    assert_eq!(sum(|c| c.done), r.counts.done);
    assert_eq!(sum(|c| c.not_applicable), r.counts.not_applicable);
    assert_eq!(sum(|c| c.open), r.counts.open);
    assert_eq!(sum(|c| c.waived), r.counts.waived);
    assert_eq!(sum(|c| c.blocking_open), r.counts.blocking_open);
    assert_eq!(sum(|c| c.overdue), r.counts.overdue);
}

/// Regression: the checklist's Blocking filter showed 31 where the header said 29 (it
/// counted done and waived blocking tasks); the filters now take each task's tally, the
/// one the counts add up.
#[test]
fn counts_are_the_sum_of_the_tasks_tallies() {
    let t = Template::builtin().unwrap();
    let mut items = all(Status::Todo);
    let mut blocking = t.tasks.iter().filter(|t| t.blocking);
    let (waived, done) = (blocking.next().unwrap(), blocking.next().unwrap());
    for i in &mut items {
        if i.task_id == waived.id {
            i.waiver = Some(Waiver {
                reason: "vendor late".into(),
                until: d("2027-06-30"),
                ..Waiver::default()
            });
        } else if i.task_id == done.id {
            i.status = Status::Done;
        }
    }
    let snap = snapshot(&t, &settings(), &items, &HashMap::new(), d("2027-05-20"));
    let r = assess(&snap, &[]);
    let tallies: Vec<Tally> = snap.items.iter().map(Tally::of).collect();
    let sum = |f: fn(&Tally) -> bool| tallies.iter().filter(|x| f(x)).count();
    assert_eq!(sum(|x| x.blocking_open), r.counts.blocking_open);
    assert_eq!(sum(|x| x.overdue), r.counts.overdue);
    assert_eq!(sum(|x| x.waived), r.counts.waived);
    assert_eq!(
        sum(|x| x.done_without_evidence),
        r.counts.done_without_evidence
    );
    let all_blocking = t.tasks.iter().filter(|t| t.blocking).count();
    assert_eq!(r.counts.blocking_open, all_blocking - 2);
    assert_eq!(r.counts.done_without_evidence, 1, "the done task has none");
    assert!(r.counts.overdue > 0, "some tasks are past due on 20 May");
    let reason = &r.reasons[0];
    assert_eq!(reason.task_ids.len(), r.counts.blocking_open);
}

#[test]
fn a_reasons_headline_leaves_out_its_list() {
    let r = judge(&[], "2027-03-02");
    let reason = &r.reasons[0];
    assert_eq!(
        reason.headline(),
        format!("{} blocking tasks open", reason.task_ids.len())
    );
}
