//! The state a team records for one task of a plan.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub enum Status {
    #[default]
    #[serde(rename = "todo")]
    Todo,
    #[serde(rename = "in-progress")]
    InProgress,
    #[serde(rename = "done")]
    Done,
    #[serde(rename = "blocked")]
    Blocked,
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Todo,
        Status::InProgress,
        Status::Done,
        Status::Blocked,
        Status::NotApplicable,
    ];

    /// The key used on the command line, in the database and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Blocked => "blocked",
            Status::NotApplicable => "n/a",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Todo => "To do",
            Status::InProgress => "In progress",
            Status::Done => "Done",
            Status::Blocked => "Blocked",
            Status::NotApplicable => "Not applicable",
        }
    }

    /// Done or not applicable: nothing left to do.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::NotApplicable)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown status {0:?}; use one of todo, in-progress, done, blocked, n/a")]
pub struct StatusParseError(pub String);

impl FromStr for Status {
    type Err = StatusParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        match wanted.as_str() {
            "todo" | "to-do" | "open" => Ok(Status::Todo),
            "in-progress" | "doing" | "wip" => Ok(Status::InProgress),
            "done" => Ok(Status::Done),
            "blocked" => Ok(Status::Blocked),
            "n/a" | "na" | "not-applicable" => Ok(Status::NotApplicable),
            _ => Err(StatusParseError(s.to_string())),
        }
    }
}

/// A decision to go live without a task, with a reason and a date it must be revisited by.
///
/// A governed waiver also names who approved it and when, the risk the go-live accepts and
/// the control that limits it; a waiver on a blocking task needs an approver.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiver {
    pub reason: String,
    pub until: NaiveDate,
    #[serde(default)]
    pub approver: Option<String>,
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
    /// The risk the go-live accepts by proceeding without the task.
    #[serde(default)]
    pub accepted_risk: Option<String>,
    /// What limits that risk meanwhile (monitoring, a manual step, a fallback).
    #[serde(default)]
    pub control: Option<String>,
}

impl Waiver {
    pub fn is_active(&self, today: NaiveDate) -> bool {
        today <= self.until
    }

    /// Runs past the launch day: the go-live happens while the task is still waived.
    pub fn outlasts(&self, launch: NaiveDate) -> bool {
        self.until >= launch
    }
}

/// The recorded state of one task in one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub task_id: String,
    pub status: Status,
    pub owner: Option<String>,
    /// A due date the user fixed by hand; it survives a change of launch date.
    pub pinned_due: Option<NaiveDate>,
    pub waiver: Option<Waiver>,
    /// The template version that brought the task by an update (none: the plan began with it).
    #[serde(default)]
    pub added_in: Option<String>,
    /// Why a done task should be confirmed again (its requirements changed in an update).
    #[serde(default)]
    pub reconfirm: Option<String>,
    /// Why a blocked task is blocked (kept while the status is blocked).
    #[serde(default)]
    pub blocked_reason: Option<String>,
}

impl Item {
    pub fn new(task_id: impl Into<String>) -> Item {
        Item {
            task_id: task_id.into(),
            status: Status::Todo,
            owner: None,
            pinned_due: None,
            waiver: None,
            added_in: None,
            reconfirm: None,
            blocked_reason: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_keys() {
        for s in Status::ALL {
            assert_eq!(s.key().parse::<Status>().unwrap(), s);
        }
        let err = "finished".parse::<Status>().unwrap_err();
        assert!(err.to_string().contains("use one of todo"), "{err}");
    }
}
