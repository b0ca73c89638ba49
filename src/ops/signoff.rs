//! Sign-off: a plan's stakeholders, adding and removing them, recording their decisions.

use chrono::{NaiveDate, Utc};

use super::{Error, Workspace};
use crate::plan::Decision;
use crate::store::Stakeholder;

impl Workspace {
    /// A plan's stakeholders in the order they were added, with their current decisions.
    pub fn stakeholders(&self, plan_id: i64) -> Result<Vec<Stakeholder>, Error> {
        Ok(self.store()?.stakeholders(plan_id)?)
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
}
