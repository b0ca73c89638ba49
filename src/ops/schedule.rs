//! Moving a plan's launch: what a new launch would move, and moving it.

use chrono::NaiveDate;

use super::{Error, Workspace};
use crate::plan::{Launch, Move};

impl Workspace {
    /// What a new launch moment would move, without saving anything.
    pub fn preview_reschedule(&self, plan_id: i64, launch: Launch) -> Result<Vec<Move>, Error> {
        Ok(self.store()?.preview_reschedule(plan_id, launch)?)
    }

    /// Sets a new launch moment; unpinned dates follow, pinned ones stay. Answers what moved.
    pub fn reschedule(&self, plan_id: i64, launch: Launch) -> Result<Vec<Move>, Error> {
        Ok(self.store()?.reschedule(plan_id, launch)?)
    }

    /// Undoes a reschedule: back to the launch moment it replaced and the day that was set.
    pub fn restore_launch(
        &self,
        plan_id: i64,
        launch: Launch,
        planned_on: NaiveDate,
    ) -> Result<Vec<Move>, Error> {
        Ok(self.store()?.restore_launch(plan_id, launch, planned_on)?)
    }
}
