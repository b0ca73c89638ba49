//! A plan's tasks: change one (status, owner, pinned date, waiver), add, correct and list
//! evidence, find an evidence file, and read the history.

use std::path::PathBuf;

use super::{Error, Workspace};
use crate::plan::ItemView;
use crate::store::{Event, Evidence, ItemChange, NewEvidence};

impl Workspace {
    /// Applies one change to one task and answers with the task as the plan now shows it.
    pub fn change_task(
        &self,
        plan_id: i64,
        task_id: &str,
        change: &ItemChange,
    ) -> Result<ItemView, Error> {
        let mut store = self.store()?;
        store.update_item(plan_id, task_id, change)?;
        let (_, snapshot) = store.snapshot(plan_id, None)?;
        snapshot
            .items
            .into_iter()
            .find(|v| v.task.id == task_id)
            .ok_or_else(|| Error::Internal(format!("{task_id} vanished from its plan")))
    }

    /// Adds a note, link or file to a task (a file is copied into the store first).
    pub fn add_evidence(
        &self,
        plan_id: i64,
        task_id: &str,
        new: NewEvidence,
    ) -> Result<Evidence, Error> {
        Ok(self.store()?.add_evidence(plan_id, task_id, new)?)
    }

    /// Corrects a note's text or a link's address and title; the history keeps the old one.
    pub fn edit_evidence(
        &self,
        plan_id: i64,
        evidence_id: i64,
        edit: NewEvidence,
    ) -> Result<Evidence, Error> {
        Ok(self.store()?.edit_evidence(plan_id, evidence_id, edit)?)
    }

    /// Retracts evidence for `reason`: it leaves the verdict and the report, and the history
    /// keeps who retracted what and why.
    pub fn retract_evidence(
        &self,
        plan_id: i64,
        evidence_id: i64,
        reason: &str,
    ) -> Result<Evidence, Error> {
        Ok(self
            .store()?
            .retract_evidence(plan_id, evidence_id, reason)?)
    }

    /// A plan's evidence, oldest first; with `task_id`, only that task's.
    pub fn evidence(&self, plan_id: i64, task_id: Option<&str>) -> Result<Vec<Evidence>, Error> {
        Ok(self.store()?.evidence(plan_id, task_id)?)
    }

    /// The stored copy of a file evidence, to open it.
    pub fn evidence_file(&self, plan_id: i64, evidence_id: i64) -> Result<PathBuf, Error> {
        let store = self.store()?;
        store
            .evidence(plan_id, None)?
            .iter()
            .find(|e| e.id == evidence_id)
            .and_then(|e| store.evidence_file(e))
            .ok_or(Error::NoStoredFile(evidence_id))
    }

    /// A plan's history, oldest first; with `task_id`, only that task's. Each entry's
    /// [`Event::sentence`] is what every front door shows.
    pub fn history(&self, plan_id: i64, task_id: Option<&str>) -> Result<Vec<Event>, Error> {
        Ok(self.store()?.history(plan_id, task_id)?)
    }
}
