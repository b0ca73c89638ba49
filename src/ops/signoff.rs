//! Sign-off: a plan's stakeholders, adding and removing them, recording their decisions.

use std::path::Path;

use chrono::{NaiveDate, Utc};

use super::{Error, Workspace};
use crate::plan::{Decision, Outcome, changes_since};
use crate::report::{self, ReportError};
use crate::store::{ReportRef, Stakeholder};

/// The sign-off as it stands: the outcome, and each stakeholder with what changed in the
/// plan since their decision (`None`: no decision, or one recorded before bases were kept).
#[derive(Debug, Clone)]
pub struct SignOffState {
    pub outcome: Outcome,
    pub stakeholders: Vec<(Stakeholder, Option<Vec<String>>)>,
}

impl Workspace {
    /// A plan's stakeholders in the order they were added, with their current decisions.
    pub fn stakeholders(&self, plan_id: i64) -> Result<Vec<Stakeholder>, Error> {
        Ok(self.store()?.stakeholders(plan_id)?)
    }

    /// The outcome of the decisions and what changed since each one was made.
    pub fn sign_off_state(&self, plan_id: i64) -> Result<SignOffState, Error> {
        let store = self.store()?;
        let now = store.plan_state(plan_id)?;
        let stakeholders = store.stakeholders(plan_id)?;
        let outcome = Outcome::of(
            &stakeholders
                .iter()
                .map(|s| s.decision.as_ref().map(|d| d.decision))
                .collect::<Vec<_>>(),
        );
        Ok(SignOffState {
            outcome,
            stakeholders: stakeholders
                .into_iter()
                .map(|s| {
                    let changes = s
                        .decision
                        .as_ref()
                        .and_then(|d| d.basis.as_ref())
                        .map(|then| changes_since(then, &now));
                    (s, changes)
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

    /// Records a stakeholder's decision made on `on` (default: today in the plan's zone).
    pub fn record_decision(
        &self,
        plan_id: i64,
        name: &str,
        decision: Decision,
        conditions: Option<&str>,
        on: Option<NaiveDate>,
    ) -> Result<Stakeholder, Error> {
        let mut store = self.store()?;
        let on = match on {
            Some(day) => day,
            None => store.plan(plan_id)?.settings.launch.today_at(Utc::now()),
        };
        Ok(store.record_decision(plan_id, name, decision, conditions, on)?)
    }

    /// Records a decision made on the report file at `report`: the file must verify (seal
    /// and signatures) and be a report of this plan; the decision keeps the report's id and
    /// the SHA-256 of its sealed data.
    pub fn record_decision_on_report(
        &self,
        plan_id: i64,
        name: &str,
        decision: Decision,
        conditions: Option<&str>,
        on: Option<NaiveDate>,
        report: &Path,
    ) -> Result<Stakeholder, Error> {
        let basis = report_ref(report, &self.plan(plan_id)?.name)?;
        let mut store = self.store()?;
        let on = match on {
            Some(day) => day,
            None => store.plan(plan_id)?.settings.launch.today_at(Utc::now()),
        };
        Ok(store.record_decision_on(plan_id, name, decision, conditions, on, Some(&basis))?)
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
    Ok(ReportRef {
        report_id,
        data_sha256,
    })
}
