//! The plan's timeline as an iCalendar file: each task an all-day event on its due date, the
//! launch a timed event, with reminders.
//!
//! A re-import must update, not duplicate: every event's UID is made of the plan's global id
//! and the task id, so it never changes across exports or machines, and its SEQUENCE counts
//! the changes that can move the date (reschedules of the plan, pins of the task), so it grows
//! whenever the date moves. DTSTAMP is the export's time; DTEND of an all-day event is the
//! next day, as Google Calendar and Outlook read it. A task whose owner is one of the plan's
//! people with an e-mail address has them as ATTENDEE, so the calendar reminds the person who
//! does it.

use std::collections::HashMap;

use chrono::{DateTime, Days, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Trigger};

use crate::plan::Snapshot;
use crate::store::{Event as Change, EventKind, Person, PlanRecord};

/// How the calendar is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarOptions {
    /// A reminder this many days before each task's due day; none when 0.
    pub alarm_days: u32,
}

impl Default for CalendarOptions {
    fn default() -> Self {
        CalendarOptions { alarm_days: 1 }
    }
}

const DOMAIN: &str = "golive-planner";

/// How often each task's date (and, under `None`, the launch) may have moved: every
/// reschedule of the plan, plus the task's own pinning and unpinning.
fn sequences(history: &[Change]) -> (u32, HashMap<&str, u32>) {
    let mut plan = 0u32;
    let mut tasks: HashMap<&str, u32> = HashMap::new();
    for e in history {
        match (e.kind, e.task_id.as_deref(), e.field.as_deref()) {
            (EventKind::Rescheduled, _, _) => plan += 1,
            (EventKind::Updated, Some(task), Some("due")) => *tasks.entry(task).or_insert(0) += 1,
            _ => {}
        }
    }
    (plan, tasks)
}

/// A reminder `alarm_days` before the event. Its UID is fixed too: the crate would make a
/// random one, and a re-import would then see a new alarm each time.
fn alarm(event_uid: &str, text: &str, options: CalendarOptions, now: DateTime<Utc>) -> Alarm {
    let mut alarm = Alarm::display(
        text,
        Trigger::before_start(chrono::Duration::days(i64::from(options.alarm_days))),
    );
    alarm.uid(&format!("{event_uid}-alarm")).timestamp(now);
    alarm
}

/// The calendar of a plan's tasks and launch, as of `now`.
pub fn calendar(
    plan: &PlanRecord,
    snapshot: &Snapshot,
    history: &[Change],
    options: CalendarOptions,
    now: DateTime<Utc>,
) -> String {
    calendar_for(plan, snapshot, history, &[], options, now)
}

/// [`calendar`], with the owners among `people` who have an e-mail address as attendees of
/// their tasks.
pub fn calendar_for(
    plan: &PlanRecord,
    snapshot: &Snapshot,
    history: &[Change],
    people: &[Person],
    options: CalendarOptions,
    now: DateTime<Utc>,
) -> String {
    let emails: HashMap<String, (&str, &str)> = people
        .iter()
        .filter_map(|p| {
            let email = p.email.as_deref()?;
            Some((p.name.to_lowercase(), (p.name.as_str(), email)))
        })
        .collect();
    let (reschedules, pins) = sequences(history);
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//GoLive Planner//Go-live timeline//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name(&format!("Go-live: {}", plan.name));

    let launch = plan.settings.launch;
    let launch_uid = format!("{}-launch@{DOMAIN}", plan.gid);
    let mut event = Event::new();
    event
        .uid(&launch_uid)
        .timestamp(now)
        .sequence(reschedules)
        .summary(&format!("Go-live: {}", plan.name))
        .description(&format!(
            "Launch of {} at {} {}",
            plan.name,
            launch.local_text(),
            launch.zone.name()
        ))
        .starts(launch.instant())
        .ends(launch.instant() + chrono::Duration::hours(1));
    if options.alarm_days > 0 {
        event.alarm(alarm(
            &launch_uid,
            &format!("Go-live of {} is coming up", plan.name),
            options,
            now,
        ));
    }
    cal.push(event.done());

    for view in &snapshot.items {
        let task = &view.task;
        let Some(next_day) = view.due.checked_add_days(Days::new(1)) else {
            continue;
        };
        let mut description = format!(
            "{} — {}\n\n{}",
            task.phase.label(),
            task.area.label(),
            task.guidance
        );
        if let Some(owner) = &view.item.owner {
            description.push_str(&format!("\n\nOwner: {owner}"));
        }
        description.push_str(&format!("\nStatus: {}", view.item.status.label()));
        let uid = format!("{}-{}@{DOMAIN}", plan.gid, task.id);
        let mut event = Event::new();
        event
            .uid(&uid)
            .timestamp(now)
            .sequence(reschedules + pins.get(task.id.as_str()).copied().unwrap_or(0))
            .summary(&format!(
                "{} {}{}",
                task.id,
                task.title,
                if task.blocking {
                    " (blocks go-live)"
                } else {
                    ""
                }
            ))
            .description(&description)
            .starts(view.due)
            .ends(next_day)
            .add_property("TRANSP", "TRANSPARENT")
            .add_property("CATEGORIES", task.phase.label());
        if let Some((name, email)) = view
            .item
            .owner
            .as_ref()
            .and_then(|o| emails.get(&o.to_lowercase()))
        {
            event.append_property(
                Property::new("ATTENDEE", format!("mailto:{email}"))
                    .add_parameter("CN", name)
                    .add_parameter("ROLE", "REQ-PARTICIPANT")
                    .done(),
            );
        }
        if options.alarm_days > 0 && !view.item.status.is_closed() {
            event.alarm(alarm(
                &uid,
                &format!("{} {} is due", task.id, task.title),
                options,
                now,
            ));
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}
