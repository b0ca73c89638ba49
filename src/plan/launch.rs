//! The launch moment: a local date and time in an IANA time zone.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LaunchError {
    #[error("invalid launch {0:?}: write it as \"YYYY-MM-DD HH:MM\", e.g. \"2027-03-15 09:00\"")]
    Format(String),
    #[error("unknown time zone {0:?}: use an IANA name such as \"Europe/Berlin\" or \"UTC\"")]
    Zone(String),
    #[error(
        "{local} does not exist in {zone} (the clocks skip it for daylight saving); pick another time"
    )]
    Skipped { local: String, zone: String },
    #[error("invalid date {0:?}: write it as YYYY-MM-DD, e.g. 2027-03-01")]
    Date(String),
}

/// When the shop goes public, as the client says it: local wall time in the shop's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Launch {
    pub local: NaiveDateTime,
    #[serde(serialize_with = "serialize_tz")]
    pub zone: Tz,
}

fn serialize_tz<S: serde::Serializer>(zone: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(zone.name())
}

impl Launch {
    /// Parses "YYYY-MM-DD HH:MM" (or "YYYY-MM-DDTHH:MM") in the named zone.
    pub fn parse(local: &str, zone: &str) -> Result<Launch, LaunchError> {
        let zone: Tz = zone
            .trim()
            .parse()
            .map_err(|_| LaunchError::Zone(zone.to_string()))?;
        let text = local.trim().replace('T', " ");
        let local_time = NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S"))
            .map_err(|_| LaunchError::Format(local.to_string()))?;
        Launch::new(local_time, zone)
    }

    pub fn new(local: NaiveDateTime, zone: Tz) -> Result<Launch, LaunchError> {
        match zone.from_local_datetime(&local) {
            LocalResult::None => Err(LaunchError::Skipped {
                local: local.format("%Y-%m-%d %H:%M").to_string(),
                zone: zone.name().to_string(),
            }),
            _ => Ok(Launch { local, zone }),
        }
    }

    /// The launch day in the shop's zone.
    pub fn date(&self) -> NaiveDate {
        self.local.date()
    }

    /// The launch as an instant; for an ambiguous local time (clocks going back), the
    /// earlier of the two.
    pub fn instant(&self) -> DateTime<Utc> {
        match self.zone.from_local_datetime(&self.local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            // Launch::new refuses skipped times, so this arm is never reached; treat the wall
            // time as UTC rather than panic.
            LocalResult::None => Utc.from_utc_datetime(&self.local),
        }
    }

    /// "2027-03-15 09:00", the form the CLI and the database use.
    pub fn local_text(&self) -> String {
        self.local.format("%Y-%m-%d %H:%M").to_string()
    }

    /// Today's date in the shop's zone at the given instant.
    pub fn today_at(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.zone).date_naive()
    }
}

/// Parses a plain date argument with an error that says how to write it.
pub fn parse_date(text: &str) -> Result<NaiveDate, LaunchError> {
    text.trim()
        .parse()
        .map_err(|_| LaunchError::Date(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_local_time_in_zone() {
        let l = Launch::parse("2027-03-15 09:00", "Europe/Berlin").unwrap();
        assert_eq!(l.local_text(), "2027-03-15 09:00");
        assert_eq!(l.instant().to_rfc3339(), "2027-03-15T08:00:00+00:00");
    }

    #[test]
    fn bad_inputs_say_what_to_do() {
        assert!(matches!(
            Launch::parse("15.03.2027", "UTC"),
            Err(LaunchError::Format(_))
        ));
        assert!(matches!(
            Launch::parse("2027-03-15 09:00", "Mars/Olympus"),
            Err(LaunchError::Zone(_))
        ));
        let skipped = Launch::parse("2027-03-28 02:30", "Europe/Berlin").unwrap_err();
        assert!(skipped.to_string().contains("daylight saving"), "{skipped}");
    }
}
