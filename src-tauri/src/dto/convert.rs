//! Translations between the library's types and the DTOs, both ways. What the UI sends is
//! parsed by the library's own parsers; their errors are `golive::ops::Error`s like any other.

use std::path::PathBuf;

use chrono::Weekday;
use golive::ops::{Error, NewPlanInput, Preferences, Reminder};
use golive::plan::{Launch, Waiver, WorkCalendar};
use golive::store::{DueChange, Event, Evidence, ItemChange, PlanRecord, PlanSummary};

use super::{
    EventDto, EvidenceDto, ItemChangeDto, NewPlanDto, PlanDto, PlanSummaryDto, ReminderDto,
    SettingsDto,
};

fn weekday_keys(days: &[Weekday]) -> Vec<String> {
    days.iter()
        .map(|d| d.to_string().to_ascii_lowercase())
        .collect()
}

fn weekdays(keys: &[String]) -> Result<Vec<Weekday>, Error> {
    Ok(WorkCalendar::parse_weekdays(&keys.join(","))?)
}

/// The launch moment the reschedule dialog names.
pub fn launch(local: &str, zone: &str) -> Result<Launch, Error> {
    Ok(Launch::parse(local, zone)?)
}

impl From<&PlanRecord> for PlanDto {
    fn from(p: &PlanRecord) -> Self {
        let s = &p.settings;
        PlanDto {
            id: p.id,
            gid: p.gid.to_string(),
            name: p.name.clone(),
            client: p.client.clone(),
            launch_local: s.launch.local_text(),
            launch_date: s.launch.date(),
            zone: s.launch.zone.name().to_string(),
            pentest: s.pentest,
            working_days: weekday_keys(s.calendar.working_days()),
            holidays: s.calendar.holidays().iter().copied().collect(),
            planned_on: s.planned_on,
            template_name: p.template.name.clone(),
            template_version: p.template.version.clone(),
            archived: p.archived,
            created_at: p.created_at.to_rfc3339(),
        }
    }
}

impl From<&PlanSummary> for PlanSummaryDto {
    fn from(s: &PlanSummary) -> Self {
        let launch = &s.plan.settings.launch;
        PlanSummaryDto {
            id: s.plan.id,
            gid: s.plan.gid.to_string(),
            name: s.plan.name.clone(),
            client: s.plan.client.clone(),
            launch_local: launch.local_text(),
            launch_date: launch.date(),
            zone: launch.zone.name().to_string(),
            days_to_launch: s.days_to_launch,
            verdict: s.verdict,
            archived: s.plan.archived,
        }
    }
}

impl From<&Evidence> for EvidenceDto {
    fn from(e: &Evidence) -> Self {
        EvidenceDto {
            id: e.id,
            gid: e.gid.to_string(),
            task_id: e.task_id.clone(),
            kind: e.kind,
            body: e.body.clone(),
            title: e.title.clone(),
            sha256: e.sha256.clone(),
            size: e.size,
            created_at: e.created_at.clone(),
            created_by: e.created_by.clone(),
            edited_at: e.edited.as_ref().map(|s| s.at.clone()),
            edited_by: e.edited.as_ref().map(|s| s.by.clone()),
            retracted_at: e.retracted.as_ref().map(|r| r.at.clone()),
            retracted_by: e.retracted.as_ref().map(|r| r.by.clone()),
            retract_reason: e.retracted.as_ref().map(|r| r.reason.clone()),
        }
    }
}

impl From<&Event> for EventDto {
    fn from(e: &Event) -> Self {
        EventDto {
            id: e.id,
            gid: e.gid.to_string(),
            at: e.at.clone(),
            who: e.who.clone(),
            kind: e.kind,
            task_id: e.task_id.clone(),
            field: e.field.clone(),
            old: e.old.clone(),
            new: e.new.clone(),
            sentence: e.sentence(),
        }
    }
}

impl TryFrom<NewPlanDto> for NewPlanInput {
    type Error = Error;

    /// On the built-in checklist; no working days means the user's default ones.
    fn try_from(d: NewPlanDto) -> Result<Self, Error> {
        let calendar = if d.working_days.is_empty() {
            None
        } else {
            Some(WorkCalendar::new(weekdays(&d.working_days)?, [])?)
        };
        Ok(NewPlanInput {
            launch: launch(&d.launch_local, &d.zone)?,
            name: d.name,
            client: d.client.filter(|c| !c.trim().is_empty()),
            pentest: d.pentest,
            calendar,
            template: None,
        })
    }
}

impl From<ItemChangeDto> for ItemChange {
    fn from(c: ItemChangeDto) -> Self {
        let due = match (c.pin_due, c.unpin_due) {
            (Some(day), _) => Some(DueChange::Pin(day)),
            (None, Some(true)) => Some(DueChange::Unpin),
            _ => None,
        };
        ItemChange {
            status: c.status,
            owner: c.owner.map(|o| o.filter(|name| !name.trim().is_empty())),
            due,
            waiver: c.waiver.map(|w| w.map(Waiver::from)),
            blocked_reason: c.blocked_reason,
        }
    }
}

impl From<&Preferences> for SettingsDto {
    fn from(p: &Preferences) -> Self {
        SettingsDto {
            user_name: p.user_name.clone(),
            // Empty: not chosen yet, the UI offers the computer's zone.
            default_zone: p.default_zone.clone(),
            working_days: weekday_keys(&p.working_days),
            reminders: p.reminders,
            db_path: p.db_path.display().to_string(),
            data_dir: p.data_dir.display().to_string(),
        }
    }
}

impl TryFrom<SettingsDto> for Preferences {
    type Error = Error;

    /// The paths are read-only: `save_preferences` ignores them.
    fn try_from(s: SettingsDto) -> Result<Self, Error> {
        Ok(Preferences {
            working_days: weekdays(&s.working_days)?,
            user_name: s.user_name,
            default_zone: s.default_zone,
            reminders: s.reminders,
            db_path: PathBuf::from(s.db_path),
            data_dir: PathBuf::from(s.data_dir),
        })
    }
}

impl From<&Reminder> for ReminderDto {
    fn from(r: &Reminder) -> Self {
        ReminderDto {
            plan_id: r.plan_id,
            plan_name: r.plan_name.clone(),
            task_id: r.task_id.clone(),
            title: r.title.clone(),
            due: r.due,
            overdue: r.overdue,
        }
    }
}
