//! Waivers that ran out: each expiry is recorded once as its own event, so the history says
//! when a waived task became open (and, if it blocks, blocking) again.
//!
//! The waiver itself stays on the item as the record of what was accepted; the snapshot
//! stops treating an expired waiver as cover ([`crate::plan::Waiver::is_active`]). Nothing
//! here changes a task's status.

use rusqlite::params;

use super::{Change, EventKind, Store, StoreError};
use crate::plan::Snapshot;

impl Store {
    /// Records a [`EventKind::WaiverLapsed`] event for every open task of `snapshot` whose
    /// waiver has expired and has no such event yet. Returns the tasks it recorded.
    pub fn record_lapsed_waivers(
        &mut self,
        plan_id: i64,
        snapshot: &Snapshot,
    ) -> Result<Vec<String>, StoreError> {
        let lapsed: Vec<(String, String, String)> = snapshot
            .items
            .iter()
            .filter(|v| !v.item.status.is_closed() && !v.waived)
            .filter_map(|v| {
                v.item
                    .waiver
                    .as_ref()
                    .map(|w| (v.task.id.clone(), w.until.to_string(), w.reason.clone()))
            })
            .collect();
        if lapsed.is_empty() {
            return Ok(Vec::new());
        }
        let key = EventKind::WaiverLapsed.key();
        self.write(|tx, actor| {
            let mut recorded = Vec::new();
            for (task_id, until, reason) in &lapsed {
                let seen: i64 = tx.query_row(
                    "SELECT COUNT(*) FROM event
                     WHERE plan_id = ?1 AND task_id = ?2 AND action = ?3 AND new = ?4",
                    params![plan_id, task_id, key, until],
                    |r| r.get(0),
                )?;
                if seen > 0 {
                    continue;
                }
                actor.record(
                    tx,
                    Change {
                        task_id: Some(task_id),
                        old: Some(reason.clone()),
                        new: Some(until.clone()),
                        ..Change::plan(plan_id, EventKind::WaiverLapsed)
                    },
                )?;
                recorded.push(task_id.clone());
            }
            Ok(recorded)
        })
    }
}
