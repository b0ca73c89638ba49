//! Reading the event log: who changed what, when.

use rusqlite::params;
use serde::Serialize;

use super::{Store, StoreError};

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub action: String,
    pub task_id: Option<String>,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Store {
    /// A plan's history, oldest first; with `task_id`, only that task's.
    pub fn history(&self, plan_id: i64, task_id: Option<&str>) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, who, action, task_id, field, old, new FROM event
             WHERE plan_id = ?1 AND (?2 IS NULL OR task_id = ?2) ORDER BY id",
        )?;
        let events = stmt
            .query_map(params![plan_id, task_id], |r| {
                Ok(Event {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    who: r.get(2)?,
                    action: r.get(3)?,
                    task_id: r.get(4)?,
                    field: r.get(5)?,
                    old: r.get(6)?,
                    new: r.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(events)
    }
}
