//! Moving a plan's launch: what a new launch would move, and moving it.

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
}
