//! Plans, evidence, history, moves and settings as the UI sees them.
//!
//! Rows that travel between machines carry their global id (`gid`) beside the local `id`;
//! the UI addresses rows by `id` and only shows or passes on `gid`.

use chrono::NaiveDate;
use golive::plan::{Status, Verdict};
use golive::store::{EventKind, EvidenceKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::board::WaiverDto;

/// A plan's identity and settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanDto {
    #[ts(type = "number")]
    pub id: i64,
    pub gid: String,
    pub name: String,
    pub client: Option<String>,
    /// Local wall time of the launch, "YYYY-MM-DD HH:MM".
    pub launch_local: String,
    pub launch_date: NaiveDate,
    /// IANA zone of the launch, e.g. "Europe/Berlin".
    pub zone: String,
    pub pentest: Option<NaiveDate>,
    /// "mon", "tue", …
    pub working_days: Vec<String>,
    pub holidays: Vec<NaiveDate>,
    pub planned_on: NaiveDate,
    pub template_name: String,
    pub template_version: String,
    pub archived: bool,
    pub created_at: String,
}

/// One row of the plans sidebar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanSummaryDto {
    #[ts(type = "number")]
    pub id: i64,
    pub gid: String,
    pub name: String,
    pub client: Option<String>,
    pub launch_local: String,
    pub launch_date: NaiveDate,
    pub zone: String,
    #[ts(type = "number")]
    pub days_to_launch: i64,
    pub verdict: Verdict,
    pub archived: bool,
}

/// What the "New plan" form sends.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewPlanDto {
    pub name: String,
    pub client: Option<String>,
    /// "YYYY-MM-DD HH:MM" in `zone`.
    pub launch_local: String,
    pub zone: String,
    pub pentest: Option<NaiveDate>,
    /// Empty means the user's default working days.
    pub working_days: Vec<String>,
}

/// A change to one task; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct ItemChangeDto {
    #[ts(optional)]
    pub status: Option<Status>,
    /// `{ owner: null }` clears the owner; leaving `owner` out keeps it.
    #[ts(optional)]
    #[serde(default, deserialize_with = "double_option")]
    pub owner: Option<Option<String>>,
    /// Pin the due date to this day.
    #[ts(optional)]
    pub pin_due: Option<NaiveDate>,
    /// Drop a pinned due date and use the computed one again.
    #[ts(optional)]
    pub unpin_due: Option<bool>,
    #[ts(optional)]
    #[serde(default, deserialize_with = "double_option")]
    pub waiver: Option<Option<WaiverDto>>,
    /// Why the task is blocked (with `status: "blocked"`).
    #[ts(optional)]
    pub blocked_reason: Option<String>,
}

/// Tells "field absent" (outer None) from "field null" (Some(None)).
fn double_option<'de, T, D>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    Deserialize::deserialize(de).map(Some)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MoveDto {
    pub task_id: String,
    pub title: String,
    pub old: NaiveDate,
    pub new: NaiveDate,
    pub window_passed: bool,
}

impl From<&golive::plan::Move> for MoveDto {
    fn from(m: &golive::plan::Move) -> Self {
        MoveDto {
            task_id: m.task_id.clone(),
            title: m.title.clone(),
            old: m.old,
            new: m.new,
            window_passed: m.window_passed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceDto {
    #[ts(type = "number")]
    pub id: i64,
    pub gid: String,
    pub task_id: String,
    pub kind: EvidenceKind,
    /// The note's Markdown, the link's URL, the file's original name or the probe finding.
    pub body: String,
    /// The link's title.
    pub title: Option<String>,
    pub sha256: Option<String>,
    #[ts(type = "number | null")]
    pub size: Option<u64>,
    pub created_at: String,
    pub created_by: String,
    /// When the text was last corrected (RFC 3339, UTC), and by whom; null while as added.
    pub edited_at: Option<String>,
    pub edited_by: Option<String>,
    /// Set once retracted: the item then counts for nothing and is shown struck through.
    pub retracted_at: Option<String>,
    pub retracted_by: Option<String>,
    pub retract_reason: Option<String>,
}

/// One entry of a plan's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EventDto {
    #[ts(type = "number")]
    pub id: i64,
    pub gid: String,
    /// RFC 3339, UTC.
    pub at: String,
    pub who: String,
    pub kind: EventKind,
    pub task_id: Option<String>,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// What happened, in the words every front door shows (`golive::store::Event::sentence`).
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingsDto {
    pub user_name: String,
    pub default_zone: String,
    pub working_days: Vec<String>,
    pub reminders: bool,
    /// Where the database lives (read-only in the UI).
    pub db_path: String,
    /// The folder beside the database that holds evidence files.
    pub data_dir: String,
}

/// A task that needs attention soon, for the reminder notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReminderDto {
    #[ts(type = "number")]
    pub plan_id: i64,
    pub plan_name: String,
    pub task_id: String,
    pub title: String,
    pub due: NaiveDate,
    pub overdue: bool,
}
