//! A merge's "newer wins" for the plan's own tasks: a title, phase, area, guidance, blocking
//! flag, due rule, evidence hint, probes, dependencies or a removal the bundle changed later
//! than this database is taken, on the own task with the same global id only (the merge has
//! put the bundle's own tasks under this plan's ids first, [`super::renumber`]).

use rusqlite::types::Null;
use rusqlite::{OptionalExtension, ToSql, Transaction, params};

use super::super::PlanData;
use super::later::{DUE_RULE, Latest, OWN_TASK_REMOVED, set_changed};
use crate::store::{Gid, StoreError};

pub(super) fn take_later_own_tasks(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
    here: &Latest,
    there: &Latest,
) -> Result<Vec<String>, StoreError> {
    let mut taken = Vec::new();
    for (task, field) in there.fields_later_than(here) {
        let Some(own) = data.own_tasks.iter().find(|o| &o.task_id == task) else {
            continue;
        };
        let local: Option<Gid> = tx
            .query_row(
                "SELECT gid FROM own_task WHERE plan_id = ?1 AND task_id = ?2",
                params![plan_id, task],
                |r| r.get(0),
            )
            .optional()?;
        if local != Some(own.gid) {
            continue;
        }
        let (columns, values): (&[&str], [&dyn ToSql; 2]) = match field.as_str() {
            "title" => (&["title"], [&own.title, &Null]),
            "phase" => (&["phase"], [&own.phase, &Null]),
            "area" => (&["area"], [&own.area, &Null]),
            "guidance" => (&["guidance"], [&own.guidance, &Null]),
            "blocking" => (&["blocking"], [&own.blocking, &Null]),
            DUE_RULE => (
                &["due_offset", "due_date"],
                [&own.due_offset, &own.due_date],
            ),
            "evidence hint" => (&["evidence"], [&own.evidence, &Null]),
            "probes" => (&["probes"], [&own.probes, &Null]),
            "depends on" => (&["depends_on"], [&own.depends_on, &Null]),
            OWN_TASK_REMOVED => (&["removed_at"], [&own.removed_at, &Null]),
            _ => continue,
        };
        let changed = set_changed(
            tx,
            "own_task",
            ("task_id", task),
            plan_id,
            columns,
            &values[..columns.len()],
        )?;
        if !changed {
            continue;
        }
        if field == OWN_TASK_REMOVED {
            // A removed own task's item is retired with it, as the store removes one.
            tx.execute(
                "UPDATE item SET retired_at = ?3 WHERE plan_id = ?1 AND task_id = ?2",
                params![plan_id, task, own.removed_at],
            )?;
        }
        taken.push(format!("{task} {field}"));
    }
    Ok(taken)
}
