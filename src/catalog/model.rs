//! The typed shape of a checklist template.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The timeframe a task belongs to, counted back from the launch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub enum Phase {
    #[serde(rename = "8w")]
    EightWeeks,
    #[serde(rename = "4w")]
    FourWeeks,
    #[serde(rename = "2w")]
    TwoWeeks,
    #[serde(rename = "launch-day")]
    LaunchDay,
    #[serde(rename = "post-launch")]
    PostLaunch,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::EightWeeks,
        Phase::FourWeeks,
        Phase::TwoWeeks,
        Phase::LaunchDay,
        Phase::PostLaunch,
    ];

    /// The phase deadline in days relative to the launch day; post-launch tasks have none
    /// and must carry their own due offset.
    pub fn deadline_offset_days(self) -> Option<i64> {
        match self {
            Phase::EightWeeks => Some(-56),
            Phase::FourWeeks => Some(-28),
            Phase::TwoWeeks => Some(-14),
            Phase::LaunchDay => Some(0),
            Phase::PostLaunch => None,
        }
    }

    /// True for the phases whose tasks must be done a week before the launch.
    pub fn is_pre_launch(self) -> bool {
        matches!(self, Phase::EightWeeks | Phase::FourWeeks | Phase::TwoWeeks)
    }

    /// The key used in template files and JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Phase::EightWeeks => "8w",
            Phase::FourWeeks => "4w",
            Phase::TwoWeeks => "2w",
            Phase::LaunchDay => "launch-day",
            Phase::PostLaunch => "post-launch",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::EightWeeks => "Eight weeks before",
            Phase::FourWeeks => "Four weeks before",
            Phase::TwoWeeks => "Two weeks before",
            Phase::LaunchDay => "Go-live day",
            Phase::PostLaunch => "After go-live",
        }
    }
}

/// A phase or area name that is not one of the known keys.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown {what} {given:?}; use one of {choices}")]
pub struct KeyParseError {
    pub what: &'static str,
    pub given: String,
    pub choices: String,
}

impl std::str::FromStr for Phase {
    type Err = KeyParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Phase::ALL
            .into_iter()
            .find(|p| p.key() == wanted)
            .ok_or_else(|| KeyParseError {
                what: "phase",
                given: s.to_string(),
                choices: Phase::ALL.map(Phase::key).join(", "),
            })
    }
}

impl std::str::FromStr for Area {
    type Err = KeyParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase();
        Area::ALL
            .into_iter()
            .find(|a| a.key() == wanted)
            .ok_or_else(|| KeyParseError {
                what: "area",
                given: s.to_string(),
                choices: Area::ALL.map(Area::key).join(", "),
            })
    }
}

/// The work area of a task, as in the platform guide's ID prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "UPPERCASE")]
pub enum Area {
    Gen,
    Clo,
    App,
    Tes,
    Dat,
    Seo,
    Tr,
}

impl Area {
    pub const ALL: [Area; 7] = [
        Area::Gen,
        Area::Clo,
        Area::App,
        Area::Tes,
        Area::Dat,
        Area::Seo,
        Area::Tr,
    ];

    /// The key used in template files and JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Area::Gen => "GEN",
            Area::Clo => "CLO",
            Area::App => "APP",
            Area::Tes => "TES",
            Area::Dat => "DAT",
            Area::Seo => "SEO",
            Area::Tr => "TR",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Area::Gen => "General",
            Area::Clo => "Cloud",
            Area::App => "Application",
            Area::Tes => "Testing",
            Area::Dat => "Data",
            Area::Seo => "SEO",
            Area::Tr => "Training",
        }
    }
}

/// What a task's due offset is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The launch day.
    Launch,
    /// The penetration-test date, an input of the plan.
    Pentest,
}

/// A task's own due rule: `offset_days` from its anchor (negative = before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Due {
    pub anchor: Anchor,
    pub offset_days: i64,
}

/// One task of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskTemplate {
    /// Stable, opaque ID such as `CLO-12`.
    pub id: String,
    pub phase: Phase,
    pub area: Area,
    pub title: String,
    pub guidance: String,
    /// The section of the source guide the task comes from.
    pub source: String,
    /// The go-live is at risk while this task is open.
    pub blocking: bool,
    /// What proves the task done.
    pub evidence: String,
    /// The task's own due rule; `None` means its phase deadline.
    pub due: Option<Due>,
    /// Probe checks that can give evidence for the task.
    pub probes: Vec<String>,
    pub steps: Vec<String>,
    pub depends_on: Vec<String>,
    /// Ids of earlier versions' tasks this one takes over, with their state and evidence.
    pub replaces: Vec<String>,
    /// A fixed due date instead of a rule: only a plan's own tasks have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date: Option<NaiveDate>,
}

/// Task ids with this prefix belong to a plan's own tasks; templates may not use it.
pub const OWN_TASK_PREFIX: &str = "X-";

impl TaskTemplate {
    /// A task the plan added itself, not one of its template's.
    pub fn is_own(&self) -> bool {
        self.id.starts_with(OWN_TASK_PREFIX)
    }
}

/// A template's identity, which a plan records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    pub version: String,
    pub source_url: String,
    pub source_date: Option<String>,
}

/// A validated checklist template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    pub info: TemplateInfo,
    pub tasks: Vec<TaskTemplate>,
    /// The go-live day's steps by the hour (templates before runbooks have none).
    pub runbook: Vec<super::runbook::RunbookTemplateStep>,
}

impl Template {
    pub fn task(&self, id: &str) -> Option<&TaskTemplate> {
        self.tasks.iter().find(|t| t.id == id)
    }
}
