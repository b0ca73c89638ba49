//! The go-live day's runbook of one plan, live: every step at its clock time, what is done
//! (with the exact time it was checked off), the current and the next step, missed go/no-go
//! checkpoints, the countdown, and the 72-hour clock the DNS switch starts.
//!
//! Steps come from the template's runbook and the plan's own; the plan may move a step,
//! give it another owner or checkpoint. Pure: "now" is an input, nothing is read or stored.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::launch::Launch;
use crate::catalog::{RunbookTemplateStep, offset_text};

/// How long the old shop stays live after the DNS switch (DESIGN.md §4).
pub const KEEP_OLD_SHOP_HOURS: i64 = 72;

/// What the plan recorded about one step: its own step, or its changes to a template step.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StepRecord {
    pub id: String,
    /// A step of the plan's own (not the template's).
    pub own: bool,
    pub title: Option<String>,
    pub task: Option<String>,
    pub at_minutes: Option<i64>,
    pub owner: Option<String>,
    pub checkpoint: Option<String>,
    pub dns_switch: Option<bool>,
    pub checked_at: Option<DateTime<Utc>>,
    pub checked_by: Option<String>,
    pub removed: bool,
}

/// Where a step stands at "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum StepState {
    Done,
    /// A go/no-go checkpoint whose time has passed without being checked off.
    Missed,
    /// Its time has passed and it is not done (not a checkpoint).
    Late,
    /// The step to do now.
    Current,
    Upcoming,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunbookStep {
    pub id: String,
    pub own: bool,
    pub title: String,
    pub task: Option<String>,
    pub at_minutes: i64,
    /// "T−4h".
    pub at_text: String,
    pub at: DateTime<Utc>,
    /// Wall time in the plan's zone, "05:00".
    pub local_time: String,
    pub owner: Option<String>,
    pub checkpoint: Option<String>,
    pub dns_switch: bool,
    pub checked_at: Option<DateTime<Utc>>,
    /// The check-off's wall time in the plan's zone, "06:02", like `local_time`.
    #[serde(default)]
    pub checked_local_time: Option<String>,
    pub checked_by: Option<String>,
    pub state: StepState,
    /// Minutes after its time that it was checked off (negative: early).
    pub checked_late_minutes: Option<i64>,
}

/// The 72 hours of keeping the old shop live after the DNS switch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OldShopClock {
    /// When DNS was switched (the step's check-off), or is planned to be.
    pub switched_at: DateTime<Utc>,
    /// False while the switch is only planned.
    pub switched: bool,
    pub keep_until: DateTime<Utc>,
    /// Hours left until the old shop may go (0 once passed).
    pub hours_left: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Runbook {
    pub launch: DateTime<Utc>,
    pub now: DateTime<Utc>,
    /// Minutes to the launch (negative after it).
    pub minutes_to_launch: i64,
    /// In time order.
    pub steps: Vec<RunbookStep>,
    pub current: Option<String>,
    pub next: Option<String>,
    pub missed: Vec<String>,
    pub old_shop: Option<OldShopClock>,
}

impl Runbook {
    pub fn step(&self, id: &str) -> Option<&RunbookStep> {
        self.steps.iter().find(|s| s.id.eq_ignore_ascii_case(id))
    }
}

/// The plan's runbook at `now`.
pub fn runbook(
    template: &[RunbookTemplateStep],
    records: &[StepRecord],
    launch: &Launch,
    now: DateTime<Utc>,
) -> Runbook {
    let start = launch.instant();
    let record = |id: &str| records.iter().find(|r| r.id == id);
    let mut steps: Vec<RunbookStep> = Vec::new();
    let mut push =
        |id: &str, own: bool, base: Option<&RunbookTemplateStep>, r: Option<&StepRecord>| {
            if r.is_some_and(|r| r.removed) {
                return;
            }
            let at_minutes = r
                .and_then(|r| r.at_minutes)
                .or(base.map(|b| b.at_minutes))
                .unwrap_or(0);
            let at = start + Duration::minutes(at_minutes);
            let title = r
                .and_then(|r| r.title.clone())
                .or(base.map(|b| b.title.clone()))
                .unwrap_or_else(|| id.to_string());
            let checked_at = r.and_then(|r| r.checked_at);
            steps.push(RunbookStep {
                id: id.to_string(),
                own,
                title,
                // An empty text is the plan clearing the template's value.
                task: r
                    .and_then(|r| r.task.clone())
                    .or(base.and_then(|b| b.task.clone()))
                    .filter(|t| !t.is_empty()),
                at_minutes,
                at_text: offset_text(at_minutes),
                at,
                local_time: at.with_timezone(&launch.zone).format("%H:%M").to_string(),
                owner: r
                    .and_then(|r| r.owner.clone())
                    .or(base.and_then(|b| b.owner.clone()))
                    .filter(|o| !o.is_empty()),
                checkpoint: r
                    .and_then(|r| r.checkpoint.clone())
                    .or(base.and_then(|b| b.checkpoint.clone()))
                    .filter(|c| !c.is_empty()),
                dns_switch: r
                    .and_then(|r| r.dns_switch)
                    .or(base.map(|b| b.dns_switch))
                    .unwrap_or(false),
                checked_at,
                checked_local_time: checked_at
                    .map(|c| c.with_timezone(&launch.zone).format("%H:%M").to_string()),
                checked_by: r.and_then(|r| r.checked_by.clone()),
                state: StepState::Upcoming,
                checked_late_minutes: checked_at.map(|c| (c - at).num_minutes()),
            });
        };
    for base in template {
        push(&base.id, false, Some(base), record(&base.id));
    }
    for r in records.iter().filter(|r| r.own) {
        push(&r.id, true, None, Some(r));
    }
    steps.sort_by_key(|s| (s.at, s.own, s.id.clone()));

    let mut current = None;
    for s in &mut steps {
        s.state = if s.checked_at.is_some() {
            StepState::Done
        } else if s.at < now && s.checkpoint.is_some() {
            StepState::Missed
        } else if s.at < now {
            StepState::Late
        } else if current.is_none() {
            current = Some(s.id.clone());
            StepState::Current
        } else {
            StepState::Upcoming
        };
    }
    // The step to do now is the earliest open one; late and missed ones come first.
    let open: Vec<&RunbookStep> = steps.iter().filter(|s| s.checked_at.is_none()).collect();
    let current = open.first().map(|s| s.id.clone()).or(current);
    let next = open.get(1).map(|s| s.id.clone());
    for s in &mut steps {
        if Some(&s.id) == current.as_ref() && s.state == StepState::Upcoming {
            s.state = StepState::Current;
        } else if s.state == StepState::Current && Some(&s.id) != current.as_ref() {
            s.state = StepState::Upcoming;
        }
    }
    let missed = steps
        .iter()
        .filter(|s| s.state == StepState::Missed)
        .map(|s| s.id.clone())
        .collect();
    let old_shop = steps.iter().find(|s| s.dns_switch).map(|s| {
        let switched_at = s.checked_at.unwrap_or(s.at);
        let keep_until = switched_at + Duration::hours(KEEP_OLD_SHOP_HOURS);
        OldShopClock {
            switched_at,
            switched: s.checked_at.is_some(),
            keep_until,
            hours_left: (keep_until - now).num_hours().max(0),
        }
    });
    Runbook {
        launch: start,
        now,
        minutes_to_launch: (start - now).num_minutes(),
        steps,
        current,
        next,
        missed,
        old_shop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Template;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_day_runs_by_the_clock_and_a_missed_checkpoint_shows() {
        let t = Template::builtin().unwrap();
        let launch = Launch::parse("2027-06-07 10:00", "Europe/Berlin").unwrap();
        // 08:00 UTC launch; deploy at 04:00 UTC, DNS 06:00, e2e 07:00.
        let before = runbook(&t.runbook, &[], &launch, at("2027-06-07T03:00:00Z"));
        assert_eq!(before.current.as_deref(), Some("deploy"));
        assert_eq!(before.next.as_deref(), Some("dns-switch"));
        assert_eq!(before.minutes_to_launch, 300);
        assert_eq!(before.step("deploy").unwrap().local_time, "06:00");
        assert!(before.missed.is_empty());

        let records = vec![
            StepRecord {
                id: "deploy".into(),
                checked_at: Some(at("2027-06-07T04:10:00Z")),
                checked_by: Some("Dana".into()),
                ..StepRecord::default()
            },
            StepRecord {
                id: "dns-switch".into(),
                checked_at: Some(at("2027-06-07T06:05:00Z")),
                ..StepRecord::default()
            },
        ];
        let later = runbook(&t.runbook, &records, &launch, at("2027-06-07T07:20:00Z"));
        let deploy = later.step("deploy").unwrap();
        assert_eq!(deploy.state, StepState::Done);
        assert_eq!(deploy.checked_late_minutes, Some(10));
        assert_eq!(
            later.missed,
            vec!["e2e-production"],
            "the go/no-go at T−1h passed"
        );
        assert_eq!(later.current.as_deref(), Some("e2e-production"));
        let clock = later.old_shop.unwrap();
        assert!(clock.switched);
        assert_eq!(clock.keep_until, at("2027-06-10T06:05:00Z"));
        assert_eq!(clock.hours_left, 70);
    }
}
