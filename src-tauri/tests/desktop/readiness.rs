//! The readiness header's commands: its counts are the sum of each task's tally (so the
//! checklist's count filters show the header's numbers), its reasons carry their headline
//! apart from the task list, and moving the launch can be undone to the day it was set.

use golive::plan::Status;
use golive_desktop::commands::{evidence, items, plans, timeline};
use golive_desktop::dto::{BoardDto, ItemChangeDto};

use crate::support::{block, fixture};

fn board(f: &crate::support::Fixture, id: i64) -> BoardDto {
    block(plans::plan_board(f.ws(), id)).unwrap()
}

fn set(f: &crate::support::Fixture, id: i64, task: &str, change: ItemChangeDto) {
    block(items::update_item(f.ws(), id, task.into(), change)).unwrap();
}

/// Regression: the Blocking filter showed 31 where the header said 29 — it counted done and
/// waived blocking tasks. Each task now says which counts it adds to.
#[test]
fn the_counts_are_the_sum_of_the_tasks_tallies() {
    let f = fixture();
    let id = f.plan("Acme");
    let b = board(&f, id);
    let mut blocking = b.tasks.iter().filter(|t| t.blocking).map(|t| t.id.clone());
    let (done, waived, proven) = (
        blocking.next().unwrap(),
        blocking.next().unwrap(),
        blocking.next().unwrap(),
    );
    let status = |s| ItemChangeDto {
        status: Some(s),
        ..ItemChangeDto::default()
    };
    set(&f, id, &done, status(Status::Done));
    set(&f, id, &proven, status(Status::Done));
    block(evidence::add_note(
        f.ws(),
        id,
        proven.clone(),
        "Signed off in OPS-12".into(),
    ))
    .unwrap();
    set(
        &f,
        id,
        &waived,
        ItemChangeDto {
            waiver: Some(Some(golive_desktop::dto::WaiverDto {
                reason: "Vendor late".into(),
                until: "2031-06-30".parse().unwrap(),
                // A blocking task's waiver needs its approver.
                approver: Some("Marta Nowak".into()),
                approved_on: None,
                accepted_risk: None,
                control: None,
            })),
            ..ItemChangeDto::default()
        },
    );

    let b = board(&f, id);
    let c = b.readiness.counts;
    let sum = |f: fn(&golive_desktop::dto::TaskDto) -> bool| {
        u32::try_from(b.tasks.iter().filter(|t| f(t)).count()).unwrap()
    };
    assert_eq!(sum(|t| t.counted_in.blocking_open), c.blocking_open);
    assert_eq!(sum(|t| t.counted_in.overdue), c.overdue);
    assert_eq!(sum(|t| t.counted_in.waived), c.waived);
    assert_eq!(
        sum(|t| t.counted_in.done_without_evidence),
        c.done_without_evidence
    );
    let all_blocking = sum(|t| t.blocking);
    assert_eq!(
        c.blocking_open,
        all_blocking - 3,
        "done, waived and proven left out"
    );
    assert_eq!(c.waived, 1);
    assert_eq!(
        c.done_without_evidence, 1,
        "{done} is done with nothing attached"
    );
    let done_task = b.tasks.iter().find(|t| t.id == done).unwrap();
    assert!(done_task.counted_in.done_without_evidence);

    let reason = &b.readiness.reasons[0];
    assert_eq!(
        reason.headline,
        format!("{} blocking tasks open", c.blocking_open)
    );
    assert_eq!(
        u32::try_from(reason.task_ids.len()).unwrap(),
        c.blocking_open
    );
    assert!(reason.message.ends_with("more"), "{}", reason.message);
}

/// Moving the launch has an Undo, as status changes do: back to the launch it replaced and
/// the day that one was set on, so no task's "window passed" is judged from today.
#[test]
fn a_reschedule_is_undone_to_the_launch_and_day_it_replaced() {
    let f = fixture();
    let id = f.plan("Acme");
    let before = board(&f, id);
    block(timeline::reschedule(
        f.ws(),
        id,
        "2031-04-14 10:30".into(),
        "Europe/Berlin".into(),
    ))
    .unwrap();
    let moved = board(&f, id);
    assert_eq!(moved.plan.launch_local, "2031-04-14 10:30");

    // A plan made some while ago: the undo restores its day, not today's.
    let planned_on = "2031-01-06".parse().unwrap();
    let back = block(timeline::restore_launch(
        f.ws(),
        id,
        before.plan.launch_local.clone(),
        before.plan.zone.clone(),
        planned_on,
    ))
    .unwrap();
    assert!(!back.is_empty(), "the tasks move back");
    let after = board(&f, id);
    assert_eq!(after.plan.launch_local, before.plan.launch_local);
    assert_eq!(after.plan.planned_on, planned_on);
    let dues = |b: &BoardDto| b.tasks.iter().map(|t| t.due).collect::<Vec<_>>();
    assert_eq!(dues(&after), dues(&before));
    let history = block(timeline::history(f.ws(), id, None)).unwrap();
    assert_eq!(
        history
            .iter()
            .filter(|e| e.field.as_deref() == Some("launch"))
            .count(),
        2,
        "the move and its undo are both in the history"
    );
}
