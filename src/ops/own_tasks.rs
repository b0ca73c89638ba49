//! A plan's own tasks: add, edit and remove them, answering each as the plan now shows it.
//!
//! The checks are the plan's ([`crate::plan::OwnTask::checked`]), the storage the store's;
//! this is the one door both front doors use, and the one other operations call to turn
//! something into a task of the plan.

use super::{Error, Workspace};
use crate::plan::{ItemView, OwnTask};
use crate::store::{OwnTaskEdit, RemovedOwnTask, Store};

fn view(store: &Store, plan_id: i64, task_id: &str) -> Result<ItemView, Error> {
    let (_, snapshot) = store.snapshot(plan_id, None)?;
    snapshot
        .items
        .into_iter()
        .find(|v| v.task.id == task_id)
        .ok_or_else(|| Error::Internal(format!("{task_id} vanished from its plan")))
}

impl Workspace {
    /// Adds a task of the plan's own (its `id` is given by the store: `X-01`, `X-02`, …).
    pub fn add_own_task(&self, plan_id: i64, task: OwnTask) -> Result<ItemView, Error> {
        let mut store = self.store()?;
        let saved = store.add_own_task(plan_id, task)?;
        view(&store, plan_id, &saved.id)
    }

    /// Changes an own task's definition (status and owner go through [`Self::change_task`]).
    pub fn edit_own_task(
        &self,
        plan_id: i64,
        task_id: &str,
        edit: &OwnTaskEdit,
    ) -> Result<ItemView, Error> {
        let mut store = self.store()?;
        let saved = store.edit_own_task(plan_id, task_id, edit)?;
        view(&store, plan_id, &saved.id)
    }

    /// Removes an own task; one with evidence needs `confirmed` (error kind `has-evidence`
    /// otherwise, so a front door can ask and call again).
    pub fn remove_own_task(
        &self,
        plan_id: i64,
        task_id: &str,
        confirmed: bool,
    ) -> Result<RemovedOwnTask, Error> {
        Ok(self.store()?.remove_own_task(plan_id, task_id, confirmed)?)
    }

    /// The plan's own tasks as defined, in the order they were added.
    pub fn own_tasks(&self, plan_id: i64) -> Result<Vec<OwnTask>, Error> {
        Ok(self.store()?.own_tasks(plan_id)?)
    }
}
