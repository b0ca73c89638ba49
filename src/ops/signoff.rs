//! Sign-off: a plan's stakeholders, adding and removing them, recording their decisions
//! (on a report or on the plan as it is, with conditions that become tasks).

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};

use super::{Error, Workspace};
use crate::plan::{Condition, Decision, Outcome, Status, changes_since};
use crate::report::{self, ReportError};
use crate::store::{NewDecision, ReportRef, Stakeholder};

/// The sign-off as it stands: the outcome, and each stakeholder with their decision's
/// standing.
#[derive(Debug, Clone)]
pub struct SignOffState {
    pub outcome: Outcome,
    pub stakeholders: Vec<StakeholderState>,
}

/// A stakeholder, what changed since their decision and where its conditions stand.
#[derive(Debug, Clone)]
pub struct StakeholderState {
    pub stakeholder: Stakeholder,
    /// What changed in the plan since the decision (`None`: no decision, or one recorded
    /// before bases were kept).
    pub changes: Option<Vec<String>>,
    /// The tasks the decision's conditions became, as they stand today.
    pub conditions: Vec<ConditionTask>,
}

/// A condition's task as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionTask {
    pub task_id: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: NaiveDate,
    pub status: Status,
}

impl Workspace {
    /// A plan's stakeholders in the order they were added, with their current decisions.
    pub fn stakeholders(&self, plan_id: i64) -> Result<Vec<Stakeholder>, Error> {
        Ok(self.store()?.stakeholders(plan_id)?)
    }

    /// The outcome of the decisions, what changed since each one was made and where its
    /// conditions stand.
    pub fn sign_off_state(&self, plan_id: i64) -> Result<SignOffState, Error> {
        let store = self.store()?;
        let now = store.plan_state(plan_id)?;
        let (_, snapshot) = store.snapshot(plan_id, None)?;
        let stakeholders = store.stakeholders(plan_id)?;
        let outcome = Outcome::of(
            &stakeholders
                .iter()
                .map(|s| s.decision.as_ref().map(|d| d.decision))
                .collect::<Vec<_>>(),
        );
        let task = |id: &String| {
            snapshot
                .items
                .iter()
                .find(|v| &v.task.id == id)
                .map(|v| ConditionTask {
                    task_id: v.task.id.clone(),
                    title: v.task.title.clone(),
                    owner: v.item.owner.clone(),
                    due: v.due,
                    status: v.item.status,
                })
        };
        Ok(SignOffState {
            outcome,
            stakeholders: stakeholders
                .into_iter()
                .map(|s| {
                    let decision = s.decision.as_ref();
                    StakeholderState {
                        changes: decision
                            .and_then(|d| d.basis.as_ref())
                            .map(|then| changes_since(then, &now)),
                        // A condition task removed since is no longer the plan's to show.
                        conditions: decision
                            .map(|d| d.condition_tasks.iter().filter_map(task).collect())
                            .unwrap_or_default(),
                        stakeholder: s,
                    }
                })
                .collect(),
        })
    }

    /// Adds a stakeholder, or changes the role and e-mail of the one with that name.
    pub fn add_stakeholder(
        &self,
        plan_id: i64,
        name: &str,
        role: &str,
        email: Option<&str>,
    ) -> Result<Stakeholder, Error> {
        Ok(self.store()?.add_stakeholder(plan_id, name, role, email)?)
    }

    /// Removes a stakeholder and their decisions (the history keeps them).
    pub fn remove_stakeholder(&self, plan_id: i64, name: &str) -> Result<(), Error> {
        Ok(self.store()?.remove_stakeholder(plan_id, name)?)
    }

    /// Records a stakeholder's decision: on the report file `input.report` when given (it
    /// must verify and be a report of this plan; the decision keeps its id, the SHA-256 of
    /// its sealed data and the state it shows), else on the plan as it is now. A "go with
    /// conditions" adds its conditions to the plan as own tasks in the same transaction.
    pub fn record_decision(
        &self,
        plan_id: i64,
        name: &str,
        input: &DecisionInput,
    ) -> Result<Stakeholder, Error> {
        let report = match &input.report {
            Some(path) => Some(report_ref(path, &self.plan(plan_id)?.name)?),
            None => None,
        };
        let mut store = self.store()?;
        let on = match input.on {
            Some(day) => day,
            None => store.plan(plan_id)?.settings.launch.today_at(Utc::now()),
        };
        let new = NewDecision {
            decision: input.decision,
            text: input.text.as_deref(),
            conditions: &input.conditions,
            on,
            report: report.as_ref(),
        };
        Ok(store.record_decision(plan_id, name, &new)?)
    }
}

/// A decision as a stakeholder gives it.
#[derive(Debug, Clone)]
pub struct DecisionInput {
    pub decision: Decision,
    /// The conditions in words, or the No-Go's reason.
    pub text: Option<String>,
    /// What must be done, by whom and when, for a "go with conditions".
    pub conditions: Vec<Condition>,
    /// The day of the decision; `None`: today in the plan's zone.
    pub on: Option<NaiveDate>,
    /// The exported report the decision is made on.
    pub report: Option<PathBuf>,
}

impl DecisionInput {
    pub fn new(decision: Decision) -> DecisionInput {
        DecisionInput {
            decision,
            text: None,
            conditions: Vec::new(),
            on: None,
            report: None,
        }
    }
}

/// The id and sealed-data hash of a verified report of the plan named `plan_name`.
fn report_ref(path: &Path, plan_name: &str) -> Result<ReportRef, Error> {
    let verification = report::verify(path)?.into_result()?;
    let bytes = std::fs::read(path).map_err(|e| ReportError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let embedded = report::seal::extract(&bytes)?.ok_or(ReportError::NotSealed)?;
    let data: serde_json::Value =
        serde_json::from_slice(&embedded.json).map_err(ReportError::Json)?;
    let field = |key: &str| data.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let (Some(report_id), Some(data_sha256)) = (field("report_id"), verification.data_sha256)
    else {
        return Err(ReportError::NotSealed.into());
    };
    if field("plan_name").as_deref() != Some(plan_name) {
        return Err(ReportError::Tampered(format!(
            "{} is a report of {:?}, not of {plan_name:?}; pick a report of this plan",
            path.display(),
            field("plan_name").unwrap_or_default()
        ))
        .into());
    }
    // A report from before reports carried their state: the plan as it is now stands in.
    let state = data
        .get("plan_state")
        .filter(|v| !v.is_null())
        .map(|v| serde_json::from_value(v.clone()))
        .transpose()
        .map_err(ReportError::Json)?;
    Ok(ReportRef {
        report_id,
        data_sha256,
        state,
    })
}
