//! The go-live day's runbook: its live state at a moment (now by default), checking a step
//! off at the exact time, and the plan's changes to its steps.

use chrono::{DateTime, Utc};

use super::{Error, Workspace};
use crate::plan::Runbook;
use crate::store::{NewRunbookStep, RunbookEdit};

impl Workspace {
    /// The runbook as it stands at `now` (default: this moment).
    pub fn runbook(&self, plan_id: i64, now: Option<DateTime<Utc>>) -> Result<Runbook, Error> {
        Ok(self
            .store()?
            .runbook(plan_id, now.unwrap_or_else(Utc::now))?)
    }

    /// Checks a step off now (the exact time is recorded), or takes the check-off back;
    /// answers the runbook as it now stands.
    pub fn check_runbook_step(
        &self,
        plan_id: i64,
        step_id: &str,
        undo: bool,
    ) -> Result<Runbook, Error> {
        let now = Utc::now();
        let mut store = self.store()?;
        store.check_runbook_step(plan_id, step_id, now, undo)?;
        Ok(store.runbook(plan_id, now)?)
    }

    /// Adds a step of the plan's own; answers the runbook with it.
    pub fn add_runbook_step(&self, plan_id: i64, step: NewRunbookStep) -> Result<Runbook, Error> {
        let mut store = self.store()?;
        store.add_runbook_step(plan_id, step)?;
        Ok(store.runbook(plan_id, Utc::now())?)
    }

    /// Moves a step, renames it or gives it another owner or checkpoint.
    pub fn edit_runbook_step(
        &self,
        plan_id: i64,
        step_id: &str,
        edit: &RunbookEdit,
    ) -> Result<Runbook, Error> {
        let mut store = self.store()?;
        store.edit_runbook_step(plan_id, step_id, edit)?;
        Ok(store.runbook(plan_id, Utc::now())?)
    }

    /// Takes a step out of the runbook (its history stays).
    pub fn remove_runbook_step(&self, plan_id: i64, step_id: &str) -> Result<Runbook, Error> {
        let mut store = self.store()?;
        store.remove_runbook_step(plan_id, step_id)?;
        Ok(store.runbook(plan_id, Utc::now())?)
    }

    /// Puts a removed step back (Undo of a removal); answers the runbook with it.
    pub fn restore_runbook_step(&self, plan_id: i64, step_id: &str) -> Result<Runbook, Error> {
        let mut store = self.store()?;
        store.restore_runbook_step(plan_id, step_id)?;
        Ok(store.runbook(plan_id, Utc::now())?)
    }
}
