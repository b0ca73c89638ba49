//! Changes to many tasks at once — status, owner or due date of a selection — and their
//! undo, which is the same call with each task's old values. Not for one task's change
//! ([`Workspace::change_task`]).

use std::collections::HashSet;

use super::{Error, Workspace};
use crate::store::{ItemChange, StoreError};

/// The most tasks one bulk change takes: more than any checklist holds, few enough that a
/// runaway caller cannot hold the database for long.
const MAX_TASKS: usize = 5000;

impl Workspace {
    /// Applies each task's change in one transaction — all of them, or none when one is
    /// refused — with one history entry per changed field of each task. Answers how many
    /// tasks changed; the caller reloads the plan once (a bulk edit of 500 tasks answering
    /// each of them was a third of its time).
    pub fn change_tasks(
        &self,
        plan_id: i64,
        changes: &[(String, ItemChange)],
    ) -> Result<usize, Error> {
        if changes.is_empty() {
            return Err(StoreError::InvalidInput(
                "no task selected: select the tasks to change first".into(),
            )
            .into());
        }
        if changes.len() > MAX_TASKS {
            return Err(StoreError::InvalidInput(format!(
                "{} tasks in one change is more than the {MAX_TASKS} one change takes",
                changes.len()
            ))
            .into());
        }
        let mut seen = HashSet::new();
        if let Some((dup, _)) = changes.iter().find(|(id, _)| !seen.insert(id.as_str())) {
            return Err(StoreError::InvalidInput(format!(
                "{dup} is selected twice; give each task once"
            ))
            .into());
        }
        Ok(self.store()?.update_items(plan_id, changes)?.len())
    }

    /// The same change for every task of `task_ids`.
    pub fn change_selected(
        &self,
        plan_id: i64,
        task_ids: &[String],
        change: &ItemChange,
    ) -> Result<usize, Error> {
        let changes: Vec<(String, ItemChange)> = task_ids
            .iter()
            .map(|id| (id.clone(), change.clone()))
            .collect();
        self.change_tasks(plan_id, &changes)
    }
}
