//! The user's settings (name, default zone, working days, reminders), backups, and the
//! reminders of tasks due soon across all plans.

use std::path::{Path, PathBuf};

use chrono::Weekday;
use chrono_tz::Tz;

use super::{Error, Workspace};
use crate::plan::{WorkCalendar, due_soon};
use crate::store::Store;

const ZONE: &str = "desktop.default_zone";
const DAYS: &str = "desktop.working_days";
const REMINDERS: &str = "desktop.reminders";
/// The RFC 3161 timestamp authority's URL that report signatures are stamped by; unset or
/// empty: none, the signing time is the signer's clock.
const TSA_URL: &str = "report.tsa_url";
/// Reminders name open tasks due within this many working days (and overdue ones).
const REMINDER_WORKING_DAYS: u32 = 3;

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preferences {
    /// The name recorded with every change.
    pub user_name: String,
    /// IANA zone new plans start in; empty: the system's.
    pub default_zone: String,
    /// Working days new plans start with.
    pub working_days: Vec<Weekday>,
    pub reminders: bool,
    pub db_path: PathBuf,
    pub data_dir: PathBuf,
}

/// An open task due soon (or overdue) in one of the plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub plan_id: i64,
    pub plan_name: String,
    pub task_id: String,
    pub title: String,
    pub due: chrono::NaiveDate,
    pub overdue: bool,
}

/// The working days new plans start with: the setting, else Monday to Friday.
pub(super) fn working_days(store: &Store) -> Result<Vec<Weekday>, Error> {
    match store.setting(DAYS)? {
        Some(text) if !text.trim().is_empty() => Ok(WorkCalendar::parse_weekdays(&text)?),
        _ => Ok(WorkCalendar::default().working_days().to_vec()),
    }
}

/// The timestamp authority reports are signed with, if the user set one.
pub(super) fn timestamp_authority(
    store: &Store,
) -> Result<Option<crate::report::TimestampAuthority>, Error> {
    match store.setting(TSA_URL)? {
        Some(url) if !url.trim().is_empty() => {
            Ok(Some(crate::report::TimestampAuthority::new(&url)?))
        }
        _ => Ok(None),
    }
}

fn reminders_on(store: &Store) -> Result<bool, Error> {
    Ok(store.setting(REMINDERS)?.as_deref() != Some("off"))
}

fn preferences(store: &Store) -> Result<Preferences, Error> {
    Ok(Preferences {
        user_name: store.user_name()?,
        default_zone: store.setting(ZONE)?.unwrap_or_default(),
        working_days: working_days(store)?,
        reminders: reminders_on(store)?,
        db_path: store.path().to_path_buf(),
        data_dir: store.data_dir(),
    })
}

impl Workspace {
    /// The name recorded with every change.
    pub fn user_name(&self) -> Result<String, Error> {
        Ok(self.store()?.user_name()?)
    }

    pub fn set_user_name(&self, name: &str) -> Result<(), Error> {
        Ok(self.store()?.set_user_name(name)?)
    }

    /// The URL of the timestamp authority report signatures are stamped by, if any.
    pub fn timestamp_authority_url(&self) -> Result<Option<String>, Error> {
        Ok(timestamp_authority(&*self.store()?)?.map(|tsa| tsa.url().to_string()))
    }

    /// Sets (a checked http(s) URL) or clears (`None` or empty) the timestamp authority.
    pub fn set_timestamp_authority_url(&self, url: Option<&str>) -> Result<(), Error> {
        let url = url.map(str::trim).unwrap_or_default();
        if !url.is_empty() {
            crate::report::TimestampAuthority::new(url)?;
        }
        Ok(self.store()?.set_setting(TSA_URL, url)?)
    }

    pub fn preferences(&self) -> Result<Preferences, Error> {
        preferences(&*self.store()?)
    }

    /// Saves the settings; the zone must be an IANA name (or empty), working days not none.
    pub fn save_preferences(&self, p: &Preferences) -> Result<Preferences, Error> {
        let zone = p.default_zone.trim();
        if !zone.is_empty() && zone.parse::<Tz>().is_err() {
            return Err(Error::UnknownZone(zone.to_string()));
        }
        let calendar = WorkCalendar::new(p.working_days.clone(), Vec::new())?;
        let days: Vec<String> = calendar
            .working_days()
            .iter()
            .map(|d| d.to_string().to_ascii_lowercase())
            .collect();
        let mut store = self.store()?;
        store.set_user_name(&p.user_name)?;
        store.set_setting(ZONE, zone)?;
        store.set_setting(DAYS, &days.join(","))?;
        store.set_setting(REMINDERS, if p.reminders { "on" } else { "off" })?;
        preferences(&store)
    }

    /// A consistent copy of the whole database at `dest` (which must not exist yet).
    pub fn backup_to(&self, dest: &Path) -> Result<PathBuf, Error> {
        self.store()?.backup_to(dest)?;
        Ok(dest.to_path_buf())
    }

    /// Open tasks due within the next working days or overdue, over every active plan;
    /// none when the user turned reminders off.
    pub fn due_reminders(&self) -> Result<Vec<Reminder>, Error> {
        let store = self.store()?;
        if !reminders_on(&store)? {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for summary in store.list_plans(false)? {
            let (plan, snap) = store.snapshot(summary.plan.id, None)?;
            for v in due_soon(&snap, &plan.settings.calendar, REMINDER_WORKING_DAYS) {
                out.push(Reminder {
                    plan_id: plan.id,
                    plan_name: plan.name.clone(),
                    task_id: v.task.id.clone(),
                    title: v.task.title.clone(),
                    due: v.due,
                    overdue: v.overdue,
                });
            }
        }
        Ok(out)
    }
}
