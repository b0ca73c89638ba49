//! Global ids: the UUIDv7 every plan, evidence item, stakeholder, decision, probe run and
//! event carries beside its local integer key, so rows keep their identity when they travel
//! to another machine.
//!
//! Local keys stay the way the UI and the CLI address rows on this machine; they are not
//! meaningful anywhere else. This module does not decide what travels (that is sync's).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use uuid::{NoContext, Timestamp, Uuid};

/// A globally unique id (UUIDv7: ordered by creation time, random below the millisecond).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Gid(Uuid);

impl Gid {
    /// A new id for something made now.
    pub fn new() -> Gid {
        Gid(Uuid::now_v7())
    }

    /// A new id for something made at `at`: used when older rows get their ids, so the ids
    /// sort as the rows were made.
    pub fn at(at: DateTime<Utc>) -> Gid {
        let secs = u64::try_from(at.timestamp()).unwrap_or(0);
        Gid(Uuid::new_v7(Timestamp::from_unix(
            NoContext,
            secs,
            at.timestamp_subsec_nanos(),
        )))
    }

    pub fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl Default for Gid {
    fn default() -> Self {
        Gid::new()
    }
}

impl fmt::Display for Gid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for Gid {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Gid)
    }
}

impl ToSql for Gid {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Gid {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        text.parse()
            .map_err(|e: uuid::Error| FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_made_later_sort_later() {
        let early = Gid::at("2026-01-01T00:00:00Z".parse().unwrap());
        let late = Gid::at("2026-01-01T00:00:01Z".parse().unwrap());
        assert!(early < late);
        assert!(late < Gid::new());
        assert_eq!(early.as_uuid().get_version_num(), 7);
    }

    #[test]
    fn text_round_trip() {
        let id = Gid::new();
        assert_eq!(id.to_string().parse::<Gid>().unwrap(), id);
        assert!("not-a-uuid".parse::<Gid>().is_err());
    }
}
