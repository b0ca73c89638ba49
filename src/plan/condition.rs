//! A condition of a "go with conditions" decision: what must be done, by whom and by when.
//! Each one becomes an own task of the plan, so it is scheduled, owned, evidenced and
//! reported like any other task. Here: the condition, how it is typed and the task it
//! becomes. Not here: storing either (that is [`crate::store`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Decision, OwnDue, OwnTask};
use crate::catalog::{Area, Phase};

/// One condition a stakeholder set for going live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct Condition {
    /// What must be true, in a few words ("HSTS enabled on the storefront").
    pub text: String,
    /// Who sees to it.
    pub owner: String,
    /// By when.
    pub due: NaiveDate,
}

/// Why a condition cannot be taken as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConditionError {
    #[error(
        "cannot read the condition {0:?}: write it as \"WHAT | OWNER | YYYY-MM-DD\", e.g. \
         \"HSTS enabled on the storefront | Ana Lopez | 2027-02-20\""
    )]
    Shape(String),
    #[error("a condition needs {0}: {1}")]
    Missing(&'static str, &'static str),
    #[error("cannot read the due date {0:?} of a condition; write it as YYYY-MM-DD")]
    Due(String),
}

impl std::str::FromStr for Condition {
    type Err = ConditionError;

    /// "WHAT | OWNER | YYYY-MM-DD", as the CLI takes it.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('|').map(str::trim).collect();
        let [text, owner, due] = parts[..] else {
            return Err(ConditionError::Shape(s.to_string()));
        };
        let due = due
            .parse()
            .map_err(|_| ConditionError::Due(due.to_string()))?;
        Condition {
            text: text.to_string(),
            owner: owner.to_string(),
            due,
        }
        .checked()
    }
}

impl Condition {
    /// Trims what was typed and refuses a condition without its text or owner.
    pub fn checked(self) -> Result<Condition, ConditionError> {
        let text = self.text.trim().to_string();
        let owner = self.owner.trim().to_string();
        if text.is_empty() {
            return Err(ConditionError::Missing(
                "its text",
                "say in a few words what must be true to go live",
            ));
        }
        if owner.is_empty() {
            return Err(ConditionError::Missing(
                "an owner",
                "name who sees to it (a person of the plan or anyone)",
            ));
        }
        Ok(Condition {
            text,
            owner,
            due: self.due,
        })
    }

    /// The own task this condition becomes in a plan launching on `launch_day`, set by
    /// `stakeholder` on `decided_on`. It blocks the go-live unless it is due after the
    /// launch (a condition for the first weeks live, say), and its phase is the one its
    /// due date falls in.
    pub fn to_task(
        &self,
        launch_day: NaiveDate,
        stakeholder: &str,
        decided_on: NaiveDate,
    ) -> OwnTask {
        let offset = (self.due - launch_day).num_days();
        let phase = match offset {
            o if o > 0 => Phase::PostLaunch,
            o if o <= -56 => Phase::EightWeeks,
            o if o <= -28 => Phase::FourWeeks,
            o if o <= -14 => Phase::TwoWeeks,
            _ => Phase::LaunchDay,
        };
        OwnTask {
            guidance: format!(
                "A condition of {stakeholder}'s decision \"{}\" of {decided_on}. Record what \
                 shows it is met; the decision's basis changes when it is done, so the next \
                 report asks {stakeholder} to re-confirm.",
                Decision::GoWithConditions.label()
            ),
            blocking: offset <= 0,
            due: OwnDue::Date(self.due),
            evidence: format!("What shows the condition is met, as {stakeholder} asked"),
            ..OwnTask::new(self.text.clone(), phase, Area::Gen)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_condition_is_typed_as_what_owner_and_due() {
        let c: Condition = " HSTS on the storefront | Ana Lopez |2027-02-20 "
            .parse()
            .unwrap();
        assert_eq!(c.text, "HSTS on the storefront");
        assert_eq!(c.owner, "Ana Lopez");
        assert_eq!(c.due, day("2027-02-20"));
        assert!(matches!(
            "HSTS | Ana".parse::<Condition>(),
            Err(ConditionError::Shape(_))
        ));
        assert!(matches!(
            "HSTS | Ana | next week".parse::<Condition>(),
            Err(ConditionError::Due(_))
        ));
        assert!(matches!(
            "HSTS |  | 2027-02-20".parse::<Condition>(),
            Err(ConditionError::Missing("an owner", _))
        ));
    }

    #[test]
    fn a_condition_becomes_a_task_in_the_phase_of_its_due_date() {
        let launch = day("2027-03-01");
        let task = |due: &str| {
            Condition {
                text: "HSTS".into(),
                owner: "Ana".into(),
                due: day(due),
            }
            .to_task(launch, "Jane", day("2027-02-01"))
        };
        assert_eq!(task("2027-02-20").phase, Phase::LaunchDay);
        assert!(task("2027-02-20").blocking);
        assert_eq!(task("2027-02-15").phase, Phase::TwoWeeks);
        assert_eq!(task("2027-01-01").phase, Phase::EightWeeks);
        assert_eq!(task("2027-03-01").phase, Phase::LaunchDay);
        let after = task("2027-03-10");
        assert_eq!(after.phase, Phase::PostLaunch);
        assert!(
            !after.blocking,
            "a condition for after the launch does not block it"
        );
        assert_eq!(after.due, OwnDue::Date(day("2027-03-10")));
    }
}
