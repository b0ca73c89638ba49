//! Translations between the store's records and the DTOs (both directions).

use chrono::Weekday;
use golive::catalog::Template;
use golive::plan::{Launch, Status, Waiver, WorkCalendar};
use golive::store::{DueChange, Event, Evidence, ItemChange, NewPlan, PlanRecord, PlanSummary};

use super::board::verdict_key;
use super::{
    CommandError, EventDto, EvidenceDto, ItemChangeDto, NewPlanDto, PlanDto, PlanSummaryDto,
};

pub fn weekday_key(day: Weekday) -> String {
    day.to_string().to_ascii_lowercase()
}

/// "mon,tue" style keys into a calendar; an empty list means `fallback`.
pub fn calendar_of(days: &[String], fallback: &[String]) -> Result<WorkCalendar, CommandError> {
    let chosen = if days.is_empty() { fallback } else { days };
    let parsed = WorkCalendar::parse_weekdays(&chosen.join(","))?;
    Ok(WorkCalendar::new(parsed, [])?)
}

impl From<&PlanRecord> for PlanDto {
    fn from(p: &PlanRecord) -> Self {
        let s = &p.settings;
        PlanDto {
            id: p.id,
            name: p.name.clone(),
            client: p.client.clone(),
            launch_local: s.launch.local_text(),
            launch_date: s.launch.date(),
            zone: s.launch.zone.name().to_string(),
            pentest: s.pentest,
            working_days: s
                .calendar
                .working_days()
                .iter()
                .map(|d| weekday_key(*d))
                .collect(),
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
            name: s.plan.name.clone(),
            client: s.plan.client.clone(),
            launch_local: launch.local_text(),
            launch_date: launch.date(),
            zone: launch.zone.name().to_string(),
            days_to_launch: s.days_to_launch,
            verdict: verdict_key(s.verdict).to_string(),
            archived: s.plan.archived,
        }
    }
}

impl From<&Evidence> for EvidenceDto {
    fn from(e: &Evidence) -> Self {
        EvidenceDto {
            id: e.id,
            task_id: e.task_id.clone(),
            kind: e.kind.key().to_string(),
            body: e.body.clone(),
            title: e.title.clone(),
            sha256: e.sha256.clone(),
            size: e.size,
            created_at: e.created_at.clone(),
            created_by: e.created_by.clone(),
        }
    }
}

impl From<&Event> for EventDto {
    fn from(e: &Event) -> Self {
        EventDto {
            at: e.at.clone(),
            who: e.who.clone(),
            action: e.action.clone(),
            task_id: e.task_id.clone(),
            field: e.field.clone(),
            old: e.old.clone(),
            new: e.new.clone(),
        }
    }
}

impl NewPlanDto {
    /// The store's `NewPlan` on the built-in template; `default_days` fills empty working days.
    pub fn into_new_plan(self, default_days: &[String]) -> Result<NewPlan, CommandError> {
        Ok(NewPlan {
            launch: Launch::parse(&self.launch_local, &self.zone)?,
            calendar: calendar_of(&self.working_days, default_days)?,
            name: self.name,
            client: self.client.filter(|c| !c.trim().is_empty()),
            pentest: self.pentest,
            template: Template::builtin()?,
            template_text: golive::catalog::BUILTIN_TEMPLATE_TOML.to_string(),
        })
    }
}

impl TryFrom<ItemChangeDto> for ItemChange {
    type Error = CommandError;
    fn try_from(c: ItemChangeDto) -> Result<Self, CommandError> {
        let due = match (c.pin_due, c.unpin_due) {
            (Some(day), _) => Some(DueChange::Pin(day)),
            (None, Some(true)) => Some(DueChange::Unpin),
            _ => None,
        };
        Ok(ItemChange {
            status: c.status.map(|s| s.parse::<Status>()).transpose()?,
            owner: c.owner.map(|o| o.filter(|name| !name.trim().is_empty())),
            due,
            waiver: c.waiver.map(|w| {
                w.map(|w| Waiver {
                    reason: w.reason,
                    until: w.until,
                })
            }),
        })
    }
}
