//! A plan's own tasks: what a launch needs beyond its checklist ("Klarna production
//! credentials", "Brief the call centre"), defined by the team and kept with the plan.
//!
//! An own task becomes a [`TaskTemplate`] with an `X-nn` id (a prefix templates may not
//! use) and is then scheduled, assessed, reported and exported like any template task.
//! Here: the definition, its checks and the merge into the plan's checklist. Not here:
//! storing it (that is [`crate::store`]) or any date arithmetic (that is the timeline).

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalog::{
    Anchor, Area, Due, OWN_TASK_PREFIX, PROBE_CHECKS, Phase, TaskTemplate, Template, cycle_text,
    find_cycle,
};

/// Longest lead time an own task may ask for, as for template tasks: a year.
const MAX_OFFSET_DAYS: i64 = 366;

/// When an own task is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum OwnDue {
    /// Its phase's deadline, as a template task without a rule of its own.
    Phase,
    /// This many days from the launch day (negative = before).
    Offset(#[cfg_attr(feature = "bindings", ts(type = "number"))] i64),
    /// A fixed date that stays when the launch moves.
    Date(NaiveDate),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "cannot read the due {0:?}: give days from the launch (e.g. -21 or +3), a date (YYYY-MM-DD) \
     or \"phase\" for the phase deadline"
)]
pub struct OwnDueParseError(pub String);

impl std::str::FromStr for OwnDue {
    type Err = OwnDueParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.eq_ignore_ascii_case("phase") {
            return Ok(OwnDue::Phase);
        }
        if let Ok(date) = text.parse::<NaiveDate>() {
            return Ok(OwnDue::Date(date));
        }
        let days = text.strip_suffix('d').unwrap_or(text);
        let days = days.strip_prefix('+').unwrap_or(days);
        days.parse::<i64>()
            .map(OwnDue::Offset)
            .map_err(|_| OwnDueParseError(s.to_string()))
    }
}

/// The definition of one own task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnTask {
    /// `X-01`, `X-02`, …: given by the store, never reused within a plan.
    pub id: String,
    pub phase: Phase,
    pub area: Area,
    pub title: String,
    /// Markdown.
    pub guidance: String,
    pub blocking: bool,
    pub due: OwnDue,
    /// What proves it done.
    pub evidence: String,
    /// Probe checks that give it evidence.
    pub probes: Vec<String>,
    /// Ids of the tasks (template or own) that must be done first.
    pub depends_on: Vec<String>,
}

/// Why an own task cannot be saved as given.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OwnTaskError {
    #[error("a task needs a title; say in a few words what has to be done")]
    EmptyTitle,
    #[error(
        "a task after go-live needs its own due: an offset of 1 day or more after the launch, or a date"
    )]
    PostLaunchNeedsDue,
    #[error("an offset of {0} days is too far from the launch; keep it within a year (±366)")]
    OffsetTooFar(i64),
    #[error(
        "a task of phase {phase} must be due {rule}; an offset of {offset} days does not fit that phase"
    )]
    OffsetOutsidePhase {
        phase: &'static str,
        rule: &'static str,
        offset: i64,
    },
    #[error("unknown probe check {0:?}; known checks: {known}", known = PROBE_CHECKS.join(", "))]
    UnknownProbe(String),
    #[error(
        "{task} cannot depend on {dep:?}: the plan has no such task; see `golive timeline PLAN`"
    )]
    UnknownDependency { task: String, dep: String },
    #[error("{0} cannot depend on itself")]
    SelfDependency(String),
    #[error(
        "these tasks would depend on each other in a circle ({}); drop one of the dependencies",
        cycle_text(.0)
    )]
    Cycle(Vec<String>),
}

impl OwnTaskError {
    pub fn kind(&self) -> crate::error::ErrorKind {
        match self {
            OwnTaskError::Cycle(_) => crate::error::ErrorKind::DependencyCycle,
            OwnTaskError::UnknownProbe(_) => crate::error::ErrorKind::UnknownCheck,
            _ => crate::error::ErrorKind::InvalidInput,
        }
    }
}

impl OwnTask {
    /// A task with only the essentials; the store gives it its id. Other modules that turn
    /// something into a task (a sign-off condition, say) start here.
    pub fn new(title: impl Into<String>, phase: Phase, area: Area) -> OwnTask {
        OwnTask {
            id: String::new(),
            phase,
            area,
            title: title.into(),
            guidance: String::new(),
            blocking: false,
            due: OwnDue::Phase,
            evidence: String::new(),
            probes: Vec::new(),
            depends_on: Vec::new(),
        }
    }

    /// The task as the timeline and every view see it.
    pub fn to_task(&self) -> TaskTemplate {
        let (due, due_date) = match self.due {
            OwnDue::Phase => (None, None),
            OwnDue::Offset(days) => (
                Some(Due {
                    anchor: Anchor::Launch,
                    offset_days: days,
                }),
                None,
            ),
            OwnDue::Date(date) => (None, Some(date)),
        };
        TaskTemplate {
            id: self.id.clone(),
            phase: self.phase,
            area: self.area,
            title: self.title.clone(),
            guidance: self.guidance.clone(),
            source: "Own task of this plan".into(),
            blocking: self.blocking,
            evidence: self.evidence.clone(),
            due,
            probes: self.probes.clone(),
            steps: Vec::new(),
            depends_on: self.depends_on.clone(),
            replaces: Vec::new(),
            due_date,
        }
    }

    /// Trims what people typed and checks the task against the plan's checklist
    /// (`checklist` already holds every other task, own ones included, but not this one).
    pub fn checked(mut self, checklist: &[TaskTemplate]) -> Result<OwnTask, OwnTaskError> {
        self.title = self.title.trim().to_string();
        self.guidance = self.guidance.trim().to_string();
        self.evidence = self.evidence.trim().to_string();
        if self.title.is_empty() {
            return Err(OwnTaskError::EmptyTitle);
        }
        match self.due {
            OwnDue::Offset(days) if days.abs() > MAX_OFFSET_DAYS => {
                return Err(OwnTaskError::OffsetTooFar(days));
            }
            OwnDue::Offset(days) if self.phase == Phase::PostLaunch && days < 1 => {
                return Err(OwnTaskError::OffsetOutsidePhase {
                    phase: self.phase.label(),
                    rule: "at least 1 day after the launch",
                    offset: days,
                });
            }
            OwnDue::Offset(days) if self.phase.is_pre_launch() && days > -1 => {
                return Err(OwnTaskError::OffsetOutsidePhase {
                    phase: self.phase.label(),
                    rule: "before the launch (a negative offset, e.g. -21)",
                    offset: days,
                });
            }
            OwnDue::Phase if self.phase == Phase::PostLaunch => {
                return Err(OwnTaskError::PostLaunchNeedsDue);
            }
            _ => {}
        }
        let mut probes = Vec::new();
        for probe in &self.probes {
            let probe = probe.trim().to_ascii_lowercase();
            if probe.is_empty() {
                continue;
            }
            if !PROBE_CHECKS.contains(&probe.as_str()) {
                return Err(OwnTaskError::UnknownProbe(probe));
            }
            if !probes.contains(&probe) {
                probes.push(probe);
            }
        }
        self.probes = probes;
        let mut deps: Vec<String> = Vec::new();
        for dep in &self.depends_on {
            let wanted = dep.trim().to_ascii_uppercase();
            if wanted.is_empty() {
                continue;
            }
            if wanted == self.id.to_ascii_uppercase() {
                return Err(OwnTaskError::SelfDependency(self.id.clone()));
            }
            let Some(found) = checklist
                .iter()
                .find(|t| t.id.eq_ignore_ascii_case(&wanted))
            else {
                return Err(OwnTaskError::UnknownDependency {
                    task: self.id.clone(),
                    dep: dep.trim().to_string(),
                });
            };
            if !deps.contains(&found.id) {
                deps.push(found.id.clone());
            }
        }
        self.depends_on = deps;
        let mut all: Vec<TaskTemplate> = checklist
            .iter()
            .filter(|t| t.id != self.id)
            .cloned()
            .collect();
        all.push(self.to_task());
        if let Some(cycle) = find_cycle(&all) {
            return Err(OwnTaskError::Cycle(cycle));
        }
        Ok(self)
    }
}

/// The next free own id: one more than the highest ever given in the plan (`taken` holds
/// every own id the plan has had, removed ones too, so an id never names two tasks).
pub fn next_own_id<'a>(taken: impl IntoIterator<Item = &'a str>) -> String {
    let highest = taken
        .into_iter()
        .filter_map(|id| id.strip_prefix(OWN_TASK_PREFIX))
        .filter_map(|n| n.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{OWN_TASK_PREFIX}{:02}", highest + 1)
}

/// The plan's checklist: its template's tasks, then its own, in the order they were added.
/// A dependency on a task the template no longer has (an update retired it) is dropped, so
/// the timeline never waits for a task that is gone.
pub fn with_own_tasks(template: &Template, own: &[OwnTask]) -> Template {
    let mut merged = template.clone();
    merged.tasks.extend(own.iter().map(OwnTask::to_task));
    let ids: HashSet<String> = merged.tasks.iter().map(|t| t.id.clone()).collect();
    for task in merged.tasks.iter_mut().filter(|t| t.is_own()) {
        task.depends_on.retain(|d| ids.contains(d));
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str) -> OwnTask {
        OwnTask {
            id: id.into(),
            phase: Phase::TwoWeeks,
            area: Area::App,
            title: "  Klarna production credentials ".into(),
            guidance: String::new(),
            blocking: true,
            due: OwnDue::Offset(-10),
            evidence: String::new(),
            probes: vec!["HSTS".into()],
            depends_on: vec!["gen-01".into()],
        }
    }

    #[test]
    fn checks_trim_and_resolve_ids() {
        let t = Template::builtin().unwrap();
        let ok = task("X-01").checked(&t.tasks).unwrap();
        assert_eq!(ok.title, "Klarna production credentials");
        assert_eq!(ok.depends_on, vec!["GEN-01"]);
        assert_eq!(ok.probes, vec!["hsts"]);
    }

    #[test]
    fn bad_definitions_say_what_to_do() {
        let t = Template::builtin().unwrap();
        let mut bad = task("X-01");
        bad.depends_on = vec!["GEN-99".into()];
        let err = bad.checked(&t.tasks).unwrap_err();
        assert!(err.to_string().contains("no such task"), "{err}");
        let mut late = task("X-01");
        late.due = OwnDue::Offset(3);
        assert!(matches!(
            late.checked(&t.tasks),
            Err(OwnTaskError::OffsetOutsidePhase { .. })
        ));
        let mut post = task("X-01");
        post.phase = Phase::PostLaunch;
        post.due = OwnDue::Phase;
        assert_eq!(
            post.checked(&t.tasks),
            Err(OwnTaskError::PostLaunchNeedsDue)
        );
    }

    #[test]
    fn a_circle_through_own_tasks_is_refused_with_its_ids() {
        let t = Template::builtin().unwrap();
        let first = task("X-01").checked(&t.tasks).unwrap();
        let mut checklist = t.tasks.clone();
        checklist.push(first.to_task());
        let mut second = task("X-02");
        second.depends_on = vec!["X-01".into()];
        let second = second.checked(&checklist).unwrap();
        checklist.push(second.to_task());
        let mut again = first.clone();
        again.depends_on = vec!["X-02".into()];
        let without_first: Vec<_> = checklist.into_iter().filter(|t| t.id != "X-01").collect();
        let err = again.checked(&without_first).unwrap_err();
        assert!(matches!(err, OwnTaskError::Cycle(_)));
        assert!(
            err.to_string().contains("X-01 → X-02 → X-01")
                || err.to_string().contains("X-02 → X-01 → X-02"),
            "{err}"
        );
    }

    #[test]
    fn ids_are_never_reused() {
        assert_eq!(next_own_id([]), "X-01");
        assert_eq!(next_own_id(["X-01", "X-07", "X-03"]), "X-08");
    }
}
