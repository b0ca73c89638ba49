//! A merge's "newer wins" for the plan itself: its launch (moved on the other machine), its
//! name and its client, taken when the bundle changed them later by the clock than this
//! database did. A name another plan here already has is left as it is.

use rusqlite::{Transaction, params};

use super::super::PlanData;
use super::later::Latest;
use crate::store::StoreError;
use crate::store::plans::name_taken;

pub(super) fn take_later_plan_fields(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
    here: &Latest,
    there: &Latest,
) -> Result<Vec<String>, StoreError> {
    let later = |field: &str| there.plan_field_later_than(here, field);
    let p = &data.plan;
    let mut taken = Vec::new();
    // `changes()` counts only rows whose values differ, thanks to the WHERE clauses.
    if later("launch")
        && tx.execute(
            "UPDATE plan SET launch_local = ?2, zone = ?3, planned_on = ?4
             WHERE id = ?1 AND (launch_local, zone, planned_on) IS NOT (?2, ?3, ?4)",
            params![plan_id, p.launch_local, p.zone, p.planned_on],
        )? > 0
    {
        taken.push("launch".to_string());
    }
    if later("name")
        && !name_taken(tx, &p.name, Some(plan_id))?
        && tx.execute(
            "UPDATE plan SET name = ?2 WHERE id = ?1 AND name IS NOT ?2",
            params![plan_id, p.name],
        )? > 0
    {
        taken.push("plan name".to_string());
    }
    if later("client")
        && tx.execute(
            "UPDATE plan SET client = ?2 WHERE id = ?1 AND client IS NOT ?2",
            params![plan_id, p.client],
        )? > 0
    {
        taken.push("client".to_string());
    }
    Ok(taken)
}
