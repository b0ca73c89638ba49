//! What a go-live decision was made on: the plan's state as a stakeholder saw it (launch,
//! checklist version, every task's status and waiver, the failing probe checks), and what
//! has changed since, in words. Pure: the store records a state with each decision, the
//! report compares it with today's.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Decision, FailingCheck, Snapshot, Status};

/// One task as a decision saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskState {
    pub status: Status,
    pub waived: bool,
}

/// The state of a plan a decision is made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanState {
    /// "YYYY-MM-DD HH:MM Zone".
    pub launch: String,
    pub template_version: String,
    pub tasks: BTreeMap<String, TaskState>,
    /// "TASK check" of every failing probe check linked to a task.
    pub failing: BTreeSet<String>,
}

/// The state of the plan `snapshot` shows, with its failing checks.
pub fn plan_state(
    snapshot: &Snapshot,
    template_version: &str,
    failing: &[FailingCheck],
) -> PlanState {
    PlanState {
        launch: format!(
            "{} {}",
            snapshot.launch.local_text(),
            snapshot.launch.zone.name()
        ),
        template_version: template_version.to_string(),
        tasks: snapshot
            .items
            .iter()
            .map(|v| {
                (
                    v.task.id.clone(),
                    TaskState {
                        status: v.item.status,
                        waived: v.waived,
                    },
                )
            })
            .collect(),
        failing: failing
            .iter()
            .map(|f| format!("{} {}", f.task_id, f.check))
            .collect(),
    }
}

/// What differs between the state a decision was made on and `now`, one line each.
pub fn changes_since(then: &PlanState, now: &PlanState) -> Vec<String> {
    let mut out = Vec::new();
    if then.launch != now.launch {
        out.push(format!("launch moved: {} → {}", then.launch, now.launch));
    }
    if then.template_version != now.template_version {
        out.push(format!(
            "checklist version: {} → {}",
            then.template_version, now.template_version
        ));
    }
    for (id, was) in &then.tasks {
        match now.tasks.get(id) {
            None => out.push(format!("{id} is no longer in the checklist")),
            Some(is) => {
                if was.status != is.status {
                    out.push(format!(
                        "{id}: {} → {}",
                        was.status.label(),
                        is.status.label()
                    ));
                }
                if was.waived != is.waived {
                    out.push(format!(
                        "{id}: {}",
                        if is.waived {
                            "now waived"
                        } else {
                            "no longer waived"
                        }
                    ));
                }
            }
        }
    }
    for id in now.tasks.keys().filter(|id| !then.tasks.contains_key(*id)) {
        out.push(format!("{id} is new in the checklist"));
    }
    for f in now.failing.difference(&then.failing) {
        out.push(format!("probe check now failing: {f}"));
    }
    for f in then.failing.difference(&now.failing) {
        out.push(format!("probe check no longer failing: {f}"));
    }
    out
}

/// The stakeholders' decisions taken together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Nobody asked yet.
    NoStakeholders,
    /// Some have not decided.
    Pending {
        decided: usize,
        of: usize,
    },
    /// Everyone decided and one said No-Go.
    NoGo,
    /// Everyone decided, Go, some with conditions.
    GoWithConditions,
    Go,
}

impl Outcome {
    /// The decisions of every stakeholder (`None`: not decided) taken together; a No-Go
    /// stands even while others are pending.
    pub fn of(decisions: &[Option<Decision>]) -> Outcome {
        let decided = decisions.iter().filter(|d| d.is_some()).count();
        if decisions.is_empty() {
            Outcome::NoStakeholders
        } else if decisions.contains(&Some(Decision::NoGo)) {
            Outcome::NoGo
        } else if decided < decisions.len() {
            Outcome::Pending {
                decided,
                of: decisions.len(),
            }
        } else if decisions.contains(&Some(Decision::GoWithConditions)) {
            Outcome::GoWithConditions
        } else {
            Outcome::Go
        }
    }

    pub fn label(self) -> String {
        match self {
            Outcome::NoStakeholders => "No stakeholders yet".into(),
            Outcome::Pending { decided, of } => format!("Pending: {decided} of {of} decided"),
            Outcome::NoGo => "No-Go".into(),
            Outcome::GoWithConditions => "Go with conditions".into(),
            Outcome::Go => "Go".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(status: Status, failing: &[&str]) -> PlanState {
        PlanState {
            launch: "2027-03-01 09:00 Europe/Berlin".into(),
            template_version: "1".into(),
            tasks: [(
                "GEN-01".to_string(),
                TaskState {
                    status,
                    waived: false,
                },
            )]
            .into(),
            failing: failing.iter().map(|f| f.to_string()).collect(),
        }
    }

    #[test]
    fn what_changed_since_a_decision_in_words() {
        let then = state(Status::Todo, &["CLO-12 tls-expiry"]);
        let mut now = state(Status::Done, &[]);
        now.launch = "2027-03-08 09:00 Europe/Berlin".into();
        assert_eq!(
            changes_since(&then, &now),
            [
                "launch moved: 2027-03-01 09:00 Europe/Berlin → 2027-03-08 09:00 Europe/Berlin",
                "GEN-01: To do → Done",
                "probe check no longer failing: CLO-12 tls-expiry",
            ]
        );
        assert!(changes_since(&now, &now).is_empty());
    }

    #[test]
    fn outcomes_of_decisions() {
        use Decision::*;
        assert_eq!(Outcome::of(&[]), Outcome::NoStakeholders);
        assert_eq!(
            Outcome::of(&[Some(Go), None]),
            Outcome::Pending { decided: 1, of: 2 }
        );
        assert_eq!(Outcome::of(&[Some(NoGo), None]), Outcome::NoGo);
        assert_eq!(
            Outcome::of(&[Some(Go), Some(GoWithConditions)]),
            Outcome::GoWithConditions
        );
        assert_eq!(Outcome::of(&[Some(Go), Some(Go)]), Outcome::Go);
    }
}
