//! What a bundle brings that the plan does not have yet, by global id: own tasks with their
//! items, runbook rows, evidence (live and retracted), history, stakeholders and their
//! decisions with the conditions' tasks, probe runs. Rows here are never changed
//! ([`super::later`] takes what the bundle changed later).

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Transaction, params};

use super::super::{ImportOutcome, PlanData};
use super::known;
use super::rows::{
    insert_decision, insert_event, insert_evidence, insert_item, insert_own_task, insert_run,
    insert_runbook_row,
};
use crate::store::{Gid, StoreError};

/// Whether the plan has a row of `table` keyed by (`plan_id`, `column` = `value`).
fn taken(
    tx: &Transaction<'_>,
    table: &str,
    column: &str,
    plan_id: i64,
    value: &str,
) -> Result<bool, StoreError> {
    Ok(tx
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE plan_id = ?1 AND {column} = ?2"),
            params![plan_id, value],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub(super) fn add_rows(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
) -> Result<ImportOutcome, StoreError> {
    let mut out = ImportOutcome::default();
    // Own tasks the plan lacks arrive with their items. A merge has put them under free ids
    // already ([`super::renumber`]); should an id still be taken, the local task is kept
    // rather than overwritten.
    for own in &data.own_tasks {
        if known(tx, "own_task", own.gid)?
            || taken(tx, "own_task", "task_id", plan_id, &own.task_id)?
        {
            continue;
        }
        insert_own_task(tx, plan_id, own)?;
        if let Some(i) = data.items.iter().find(|i| i.task_id == own.task_id) {
            insert_item(tx, plan_id, i)?;
        }
    }
    // Runbook rows the plan lacks (by global id and step id) arrive whole; what the bundle
    // changed later on a step this database has is `later`'s.
    for row in &data.runbook {
        if !taken(tx, "runbook_step", "step_id", plan_id, &row.step_id)?
            && !known(tx, "runbook_step", row.gid)?
        {
            insert_runbook_row(tx, plan_id, row)?;
        }
    }
    let tasks: HashSet<String> = tx
        .prepare("SELECT task_id FROM item WHERE plan_id = ?1")?
        .query_map([plan_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for e in data.evidence.iter().chain(&data.retracted_evidence) {
        // A merge into a plan whose checklist lacks the task keeps the rest of the bundle.
        if known(tx, "evidence", e.gid)? || !tasks.contains(&e.task_id) {
            continue;
        }
        insert_evidence(tx, plan_id, e)?;
        out.evidence_added += 1;
    }
    for e in &data.events {
        if !known(tx, "event", e.gid)? {
            insert_event(tx, plan_id, data.plan.gid, e)?;
            out.events_added += 1;
        }
    }
    // A condition's task is linked where it is the bundle's own task (same global id).
    let linked = |task_id: &str| -> Result<bool, StoreError> {
        let Some(own) = data.own_tasks.iter().find(|o| o.task_id == task_id) else {
            return Ok(false);
        };
        let here: Option<Gid> = tx
            .query_row(
                "SELECT gid FROM own_task WHERE plan_id = ?1 AND task_id = ?2",
                params![plan_id, task_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(here == Some(own.gid))
    };
    for s in &data.stakeholders {
        let local: Option<i64> = tx
            .query_row(
                "SELECT id FROM stakeholder WHERE gid = ?1 OR (plan_id = ?2 AND name = ?3)",
                params![s.gid, plan_id, s.name],
                |r| r.get(0),
            )
            .optional()?;
        let stakeholder_id = match local {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO stakeholder (gid, plan_id, name, role, email, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![s.gid, plan_id, s.name, s.role, s.email, s.created_at],
                )?;
                out.stakeholders_added += 1;
                tx.last_insert_rowid()
            }
        };
        for d in &s.decisions {
            if !known(tx, "decision", d.gid)? {
                insert_decision(tx, stakeholder_id, d, linked)?;
                out.decisions_added += 1;
            }
        }
    }
    for r in &data.runs {
        if !known(tx, "probe_run", r.gid)? {
            insert_run(tx, plan_id, r)?;
            out.runs_added += 1;
        }
    }
    Ok(out)
}
