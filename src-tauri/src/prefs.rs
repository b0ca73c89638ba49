//! The desktop's own preferences (default zone, working days, reminders), kept in the
//! store's `setting` table so a backup carries them. Not plan data.

use chrono_tz::Tz;
use golive::store::Store;

use crate::dto::{CommandError, SettingsDto, calendar_of};

const ZONE: &str = "desktop.default_zone";
const DAYS: &str = "desktop.working_days";
const REMINDERS: &str = "desktop.reminders";
const WORKWEEK: [&str; 5] = ["mon", "tue", "wed", "thu", "fri"];

/// Working days for new plans; Monday to Friday until the user picks others.
pub fn working_days(store: &Store) -> Result<Vec<String>, CommandError> {
    Ok(match store.setting(DAYS)? {
        Some(text) if !text.trim().is_empty() => text.split(',').map(str::to_string).collect(),
        _ => WORKWEEK.iter().map(|d| d.to_string()).collect(),
    })
}

pub fn reminders_on(store: &Store) -> Result<bool, CommandError> {
    Ok(store.setting(REMINDERS)?.as_deref() != Some("off"))
}

pub fn load(store: &Store) -> Result<SettingsDto, CommandError> {
    Ok(SettingsDto {
        user_name: store.user_name()?,
        // Empty: not chosen yet, the UI offers the computer's zone.
        default_zone: store.setting(ZONE)?.unwrap_or_default(),
        working_days: working_days(store)?,
        reminders: reminders_on(store)?,
        db_path: store.path().display().to_string(),
        data_dir: store.data_dir().display().to_string(),
    })
}

/// Validates everything first, then writes; the paths are read-only and ignored.
pub fn save(store: &mut Store, s: &SettingsDto) -> Result<SettingsDto, CommandError> {
    let zone = s.default_zone.trim();
    if !zone.is_empty() && zone.parse::<Tz>().is_err() {
        return Err(CommandError::new(
            "invalid-zone",
            format!("unknown time zone {zone:?}: pick an IANA name such as Europe/Berlin"),
        ));
    }
    let calendar = calendar_of(&s.working_days, &[])?;
    let days: Vec<String> = calendar
        .working_days()
        .iter()
        .map(|d| crate::dto::weekday_key(*d))
        .collect();
    store.set_user_name(&s.user_name)?;
    store.set_setting(ZONE, zone)?;
    store.set_setting(DAYS, &days.join(","))?;
    store.set_setting(REMINDERS, if s.reminders { "on" } else { "off" })?;
    load(store)
}
