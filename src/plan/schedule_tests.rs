//! Tests of the whole schedule: the seed's lead times, the pentest and post-launch rules,
//! dependencies, the catch-up and the critical path, and the properties that must hold for
//! any calendar and launch (no task due before a prerequisite, pre-launch windows end by
//! launch − 7, pinned dates never move, rescheduling there and back changes nothing).

use std::collections::HashMap;

use chrono::{Days, NaiveDate, Weekday};
use proptest::prelude::*;

use super::calendar::WorkCalendar;
use super::timeline::{FINAL_WEEK_DAYS, Schedule, ScheduleInput, add_days, reschedule, schedule};
use crate::catalog::{Phase, Template, find_cycle};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn back(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap()
}

fn due<'a>(t: &Template, s: &'a Schedule, id: &str) -> &'a super::Scheduled {
    s.entries
        .iter()
        .find(|e| t.tasks[e.index].id == id)
        .unwrap()
}

/// Every dependency holds: the task is due on or after each prerequisite, unless the
/// schedule names that pair as a conflict.
fn check_order(t: &Template, s: &Schedule) -> Result<(), TestCaseError> {
    for e in &s.entries {
        let task = &t.tasks[e.index];
        for dep in &task.depends_on {
            let p = due(t, s, dep);
            let conflict = s
                .conflicts
                .iter()
                .any(|c| c.prerequisite == *dep && c.task_id == task.id);
            prop_assert!(
                conflict || e.due >= p.due,
                "{} due {} before its prerequisite {dep} due {}",
                task.id,
                e.due,
                p.due
            );
            prop_assert!(e.start <= e.due, "{} starts after its due date", task.id);
        }
    }
    Ok(())
}

#[test]
fn a_prerequisite_moves_before_the_task_that_needs_it_and_says_why() {
    let mut t = Template::builtin().unwrap();
    // GEN-01 (eight weeks) now needs a two-week task first: the prerequisite moves earlier.
    let gen01 = t.tasks.iter().position(|x| x.id == "GEN-01").unwrap();
    let two_week = t
        .tasks
        .iter()
        .find(|x| x.phase == Phase::TwoWeeks && x.depends_on.is_empty())
        .unwrap()
        .id
        .clone();
    t.tasks[gen01].depends_on = vec![two_week.clone()];
    let cal = WorkCalendar::default();
    let input = ScheduleInput {
        launch: d("2027-06-07"),
        pentest: None,
        calendar: &cal,
        planned_on: d("2027-01-04"),
    };
    let s = schedule(&t, &HashMap::new(), &input);
    let pre = due(&t, &s, &two_week);
    assert!(pre.due < due(&t, &s, "GEN-01").due);
    let why = s
        .adjustments
        .iter()
        .find(|a| a.task_id == two_week)
        .unwrap();
    assert!(
        why.sentence().contains("GEN-01 needs it first"),
        "{}",
        why.sentence()
    );
    assert!(s.entries.iter().any(|e| e.critical), "a path is marked");
}

#[test]
fn a_plan_fifty_days_ahead_catches_up_without_a_date_in_the_past() {
    let t = Template::builtin().unwrap();
    let cal = WorkCalendar::default();
    let planned_on = d("2027-04-19");
    let launch = d("2027-06-08");
    let input = ScheduleInput {
        launch,
        pentest: None,
        calendar: &cal,
        planned_on,
    };
    let s = schedule(&t, &HashMap::new(), &input);
    assert!(s.compressed);
    let catch_up = s.catch_up.clone().expect("windows had passed");
    assert!(catch_up.tasks > 0);
    let last = back(launch, FINAL_WEEK_DAYS as u64);
    for e in &s.entries {
        assert!(e.due >= planned_on, "{} in the past", t.tasks[e.index].id);
        if e.caught_up {
            assert!(e.due <= last && cal.is_working_day(e.due));
        }
    }
    // Blocking tasks first: the first caught-up day holds a blocking task or a prerequisite.
    let first_day = s
        .entries
        .iter()
        .filter(|e| e.caught_up)
        .map(|e| e.due)
        .min()
        .unwrap();
    assert!(
        s.entries
            .iter()
            .any(|e| { e.caught_up && e.due == first_day && t.tasks[e.index].blocking })
    );
    assert!(catch_up.per_day > 0.0);
    let feasible = catch_up.feasible_launch.unwrap();
    assert!(feasible > launch);
    // At that launch nothing has to catch up.
    let later = ScheduleInput {
        launch: feasible,
        ..input
    };
    assert!(schedule(&t, &HashMap::new(), &later).catch_up.is_none());
    check_order(&t, &s).unwrap();
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn dependencies_windows_and_pins_hold(
        cal in calendar_strategy(),
        launch_offset in 20u64..400,
        planned_back in 0u64..120,
        extra in proptest::collection::vec((0usize..89, 0usize..89), 0..12),
        pin_every in 3usize..12,
        pin_offset in 0u64..300,
    ) {
        let base = d("2027-01-01");
        let launch = base.checked_add_days(Days::new(launch_offset)).unwrap();
        let planned_on = back(launch, planned_back + 10);
        let mut t = Template::builtin().unwrap();
        let pin_date = base.checked_add_days(Days::new(pin_offset)).unwrap();
        let pinned_ids: Vec<String> =
            t.tasks.iter().step_by(pin_every).map(|x| x.id.clone()).collect();
        let pins: HashMap<&str, NaiveDate> =
            pinned_ids.iter().map(|id| (id.as_str(), pin_date)).collect();
        let input = ScheduleInput { launch, pentest: None, calendar: &cal, planned_on };
        let before = schedule(&t, &pins, &input);
        check_order(&t, &before)?;
        let final_day = cal.on_or_before(back(launch, FINAL_WEEK_DAYS as u64));
        for e in &before.entries {
            let task = &t.tasks[e.index];
            if e.pinned {
                prop_assert_eq!(e.due, pin_date, "pinned dates never move");
            } else if task.phase.is_pre_launch() && final_day >= planned_on {
                prop_assert!(e.due <= final_day, "{} due {} after launch − 7", task.id, e.due);
            }
            if !e.pinned {
                prop_assert!(e.due >= planned_on.min(final_day), "{} due in the past", task.id);
            }
        }
        // Adding dependencies (that make no circle) never moves a pinned date.
        let n = t.tasks.len();
        for (a, b) in extra {
            let (a, b) = (a % n, b % n);
            if a == b { continue; }
            let dep = t.tasks[b].id.clone();
            if t.tasks[a].depends_on.contains(&dep) { continue; }
            t.tasks[a].depends_on.push(dep);
            if find_cycle(&t.tasks).is_some() {
                t.tasks[a].depends_on.pop();
            }
        }
        let after = schedule(&t, &pins, &input);
        check_order(&t, &after)?;
        for (x, y) in before.entries.iter().zip(&after.entries) {
            if x.pinned {
                prop_assert_eq!(x.due, y.due, "a dependency moved a pinned date");
            }
        }
        // Only a fixed date (a pin, the go-live day) or a prerequisite from a later phase
        // can keep the order from holding.
        for c in &after.conflicts {
            let fixed = |id: &str| {
                pins.contains_key(id)
                    || t.task(id).is_some_and(|x| x.phase == Phase::LaunchDay)
            };
            let later_phase = t.task(&c.prerequisite).is_some_and(|x| !x.phase.is_pre_launch());
            prop_assert!(
                fixed(&c.prerequisite) || fixed(&c.task_id) || later_phase,
                "conflict {} → {} without a fixed date", c.prerequisite, c.task_id
            );
        }
    }
}

#[test]
fn seed_lead_times_hold_for_a_monday_launch() {
    let t = Template::builtin().unwrap();
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
    assert_eq!(due(&t, &s, "GEN-01").due, d("2027-04-12"), "8-week mark");
    assert_eq!(
        due(&t, &s, "GEN-03").due,
        d("2027-05-24"),
        "code freeze 14 days before"
    );
    // Default pentest: four-week mark (Mon 2027-05-10), notice two weeks earlier.
    assert_eq!(due(&t, &s, "TES-07").due, d("2027-05-10"));
    assert_eq!(due(&t, &s, "TES-13").due, d("2027-04-26"));
    assert_eq!(
        due(&t, &s, "CLO-17").due,
        d("2027-06-07"),
        "launch-day task"
    );
    assert_eq!(
        due(&t, &s, "GEN-10").due,
        d("2027-06-10"),
        "72 hours after the switch"
    );
}

#[test]
fn explicit_pentest_date_moves_the_notice() {
    let t = Template::builtin().unwrap();
    let cal = WorkCalendar::default();
    let input = ScheduleInput {
        launch: d("2027-06-07"),
        pentest: Some(d("2027-05-19")),
        calendar: &cal,
        planned_on: d("2027-03-01"),
    };
    let s = schedule(&t, &HashMap::new(), &input);
    assert_eq!(due(&t, &s, "TES-07").due, d("2027-05-19"));
    assert_eq!(due(&t, &s, "TES-13").due, d("2027-05-05"));
}

#[test]
fn late_plan_is_compressed_and_flags_passed_windows() {
    let t = Template::builtin().unwrap();
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
    let t = Template::builtin().unwrap();
    let cal = WorkCalendar::default();
    // Thursday launch: +3 days is Sunday, so the old shop may go on Monday.
    let input = ScheduleInput {
        launch: d("2027-06-10"),
        pentest: None,
        calendar: &cal,
        planned_on: d("2027-01-01"),
    };
    let s = schedule(&t, &HashMap::new(), &input);
    assert_eq!(due(&t, &s, "GEN-10").due, d("2027-06-14"));
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
        let t = Template::builtin().unwrap();
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
