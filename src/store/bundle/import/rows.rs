//! One insert per table a bundle fills, each with every column the bundle carries, so a new
//! plan and a merge write the same row the same way. Not for deciding what to insert
//! ([`super::add`], [`super::later`]).

use rusqlite::{Transaction, params};

use super::super::{
    DecisionRow, EventRow, EvidenceRow, ItemRow, OwnTaskRow, PersonRow, PlanData, RunRow,
    RunbookRow,
};
use crate::store::{Gid, StoreError};

/// The plan's row (under `name`) and the template texts it needs; answers its local id.
pub(super) fn insert_plan(
    tx: &Transaction<'_>,
    data: &PlanData,
    name: &str,
) -> Result<i64, StoreError> {
    for t in &data.templates {
        tx.execute(
            "INSERT OR IGNORE INTO template (sha256, template_id, version, name, source_url, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                t.sha256,
                t.template_id,
                t.version,
                t.name,
                t.source_url,
                t.body
            ],
        )?;
    }
    let p = &data.plan;
    tx.execute(
        "INSERT INTO plan (gid, name, client, launch_local, zone, pentest, working_days,
                           holidays, planned_on, template_sha256, archived, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            p.gid,
            name,
            p.client,
            p.launch_local,
            p.zone,
            p.pentest,
            p.working_days,
            p.holidays,
            p.planned_on,
            p.template_sha256,
            p.archived,
            p.created_at
        ],
    )?;
    let plan_id = tx.last_insert_rowid();
    if let Some(config) = &data.endpoints {
        tx.execute(
            "INSERT INTO probe_endpoints (plan_id, config, updated_at) VALUES (?1, ?2, ?3)",
            params![plan_id, config, p.created_at],
        )?;
    }
    Ok(plan_id)
}

/// A task's state; a task the plan already has keeps its row.
pub(super) fn insert_item(
    tx: &Transaction<'_>,
    plan_id: i64,
    i: &ItemRow,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR IGNORE INTO item (plan_id, task_id, status, owner, pinned_due, waiver_reason,
                                     waiver_until, updated_at, added_in, retired_at,
                                     retired_from, reconfirm, blocked_reason, waiver_approver,
                                     waiver_approved_on, waiver_accepted_risk, waiver_control)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            plan_id,
            i.task_id,
            i.status,
            i.owner,
            i.pinned_due,
            i.waiver_reason,
            i.waiver_until,
            i.updated_at,
            i.added_in,
            i.retired_at,
            i.retired_from,
            i.reconfirm,
            i.blocked_reason,
            i.waiver_approver,
            i.waiver_approved_on,
            i.waiver_accepted_risk,
            i.waiver_control
        ],
    )?;
    Ok(())
}

pub(super) fn insert_own_task(
    tx: &Transaction<'_>,
    plan_id: i64,
    own: &OwnTaskRow,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO own_task (plan_id, task_id, gid, phase, area, title, guidance, blocking,
                               due_offset, due_date, evidence, probes, depends_on, created_at,
                               removed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            plan_id,
            own.task_id,
            own.gid,
            own.phase,
            own.area,
            own.title,
            own.guidance,
            own.blocking,
            own.due_offset,
            own.due_date,
            own.evidence,
            own.probes,
            own.depends_on,
            own.created_at,
            own.removed_at
        ],
    )?;
    Ok(())
}

pub(super) fn insert_runbook_row(
    tx: &Transaction<'_>,
    plan_id: i64,
    row: &RunbookRow,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO runbook_step (plan_id, step_id, gid, own, title, task_id, at_minutes, owner,
                                   checkpoint, dns_switch, checked_at, checked_by, removed_at,
                                   updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            plan_id,
            row.step_id,
            row.gid,
            row.own,
            row.title,
            row.task_id,
            row.at_minutes,
            row.owner,
            row.checkpoint,
            row.dns_switch,
            row.checked_at,
            row.checked_by,
            row.removed_at,
            row.updated_at
        ],
    )?;
    Ok(())
}

/// An evidence row as it stands: corrected or retracted, with who and when.
pub(super) fn insert_evidence(
    tx: &Transaction<'_>,
    plan_id: i64,
    e: &EvidenceRow,
) -> Result<(), StoreError> {
    let r = e.retracted.as_ref();
    tx.execute(
        "INSERT INTO evidence (gid, plan_id, task_id, kind, body, title, sha256, size,
                               created_at, created_by, edited_at, edited_by, retracted_at,
                               retracted_by, retract_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            e.gid,
            plan_id,
            e.task_id,
            e.kind,
            e.body,
            e.title,
            e.sha256,
            e.size,
            e.created_at,
            e.created_by,
            e.edited_at,
            e.edited_by,
            r.map(|r| &r.at),
            r.map(|r| &r.by),
            r.map(|r| &r.reason)
        ],
    )?;
    Ok(())
}

pub(super) fn insert_event(
    tx: &Transaction<'_>,
    plan_id: i64,
    plan_gid: Gid,
    e: &EventRow,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO event (gid, hlc, plan_id, plan_gid, task_id, at, who, action, field,
                            old, new, touches)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            e.gid, e.hlc, plan_id, plan_gid, e.task_id, e.at, e.who, e.kind, e.field, e.old, e.new,
            e.touches
        ],
    )?;
    Ok(())
}

/// A decision with the own tasks its conditions became; `linked` says which of them are
/// the bundle's own tasks here (a task id another own task took here is left unlinked).
pub(super) fn insert_decision(
    tx: &Transaction<'_>,
    stakeholder_id: i64,
    d: &DecisionRow,
    linked: impl Fn(&str) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO decision (gid, stakeholder_id, decision, conditions, decided_on,
                               recorded_at, recorded_by, basis, report_id, report_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            d.gid,
            stakeholder_id,
            d.decision,
            d.conditions,
            d.decided_on,
            d.recorded_at,
            d.recorded_by,
            d.basis,
            d.report_id,
            d.report_sha256
        ],
    )?;
    let decision_id = tx.last_insert_rowid();
    for (position, task_id) in d.condition_tasks.iter().enumerate() {
        if !linked(task_id)? {
            continue;
        }
        tx.execute(
            "INSERT INTO decision_condition (decision_id, position, task_id) VALUES (?1, ?2, ?3)",
            params![decision_id, position as i64, task_id],
        )?;
    }
    Ok(())
}

/// A probe run with its results.
pub(super) fn insert_run(tx: &Transaction<'_>, plan_id: i64, r: &RunRow) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO probe_run (gid, plan_id, kind, started_at, finished_at, cancelled,
                                verdict, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            r.gid,
            plan_id,
            r.kind,
            r.started_at,
            r.finished_at,
            r.cancelled,
            r.verdict,
            r.created_by
        ],
    )?;
    let run_id = tx.last_insert_rowid();
    for x in &r.results {
        tx.execute(
            "INSERT INTO probe_result (run_id, check_id, target, verdict, finding, observed,
                                       started_at, duration_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                run_id,
                x.check,
                x.target,
                x.verdict,
                x.finding,
                x.observed,
                x.started_at,
                x.duration_ms
            ],
        )?;
    }
    Ok(())
}

pub(super) fn insert_person(
    tx: &Transaction<'_>,
    plan_id: i64,
    p: &PersonRow,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO person (gid, plan_id, name, role, email, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.gid, plan_id, p.name, p.role, p.email, p.created_at],
    )?;
    Ok(())
}
