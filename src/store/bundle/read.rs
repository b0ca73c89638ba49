//! A plan's rows read out of the store as [`PlanData`].

use rusqlite::{OptionalExtension, params};

use super::{
    DecisionRow, EventRow, EvidenceRow, ItemRow, OwnTaskRow, PLAN_DATA_VERSION, PersonRow,
    PlanData, PlanRow, RetractionRow, RunRow, RunbookRow, StakeholderRow, TemplateRow,
};
use crate::store::{Gid, Store, StoreError};

impl Store {
    /// Everything about the plan, as rows that can travel.
    pub fn plan_data(&self, plan_id: i64) -> Result<PlanData, StoreError> {
        let c = &self.conn;
        let plan = c
            .query_row(
                "SELECT gid, name, client, launch_local, zone, pentest, working_days, holidays,
                        planned_on, template_sha256, archived, created_at
                 FROM plan WHERE id = ?1",
                [plan_id],
                |r| {
                    Ok(PlanRow {
                        gid: r.get(0)?,
                        name: r.get(1)?,
                        client: r.get(2)?,
                        launch_local: r.get(3)?,
                        zone: r.get(4)?,
                        pentest: r.get(5)?,
                        working_days: r.get(6)?,
                        holidays: r.get(7)?,
                        planned_on: r.get(8)?,
                        template_sha256: r.get(9)?,
                        archived: r.get(10)?,
                        created_at: r.get(11)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::PlanNotFound(plan_id.to_string()))?;
        let templates = c
            .prepare(
                "SELECT sha256, template_id, version, name, source_url, body FROM template
                 WHERE sha256 = ?2 OR sha256 IN
                       (SELECT retired_from FROM item WHERE plan_id = ?1)",
            )?
            .query_map(params![plan_id, plan.template_sha256], |r| {
                Ok(TemplateRow {
                    sha256: r.get(0)?,
                    template_id: r.get(1)?,
                    version: r.get(2)?,
                    name: r.get(3)?,
                    source_url: r.get(4)?,
                    body: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let items = c
            .prepare(
                "SELECT task_id, status, owner, pinned_due, waiver_reason, waiver_until,
                        updated_at, added_in, retired_at, retired_from, reconfirm,
                        blocked_reason, waiver_approver, waiver_approved_on,
                        waiver_accepted_risk, waiver_control
                 FROM item WHERE plan_id = ?1 ORDER BY task_id",
            )?
            .query_map([plan_id], |r| {
                Ok(ItemRow {
                    task_id: r.get(0)?,
                    status: r.get(1)?,
                    owner: r.get(2)?,
                    pinned_due: r.get(3)?,
                    waiver_reason: r.get(4)?,
                    waiver_until: r.get(5)?,
                    updated_at: r.get(6)?,
                    added_in: r.get(7)?,
                    retired_at: r.get(8)?,
                    retired_from: r.get(9)?,
                    reconfirm: r.get(10)?,
                    blocked_reason: r.get(11)?,
                    waiver_approver: r.get(12)?,
                    waiver_approved_on: r.get(13)?,
                    waiver_accepted_risk: r.get(14)?,
                    waiver_control: r.get(15)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let (evidence, retracted_evidence): (Vec<_>, Vec<_>) = c
            .prepare(
                "SELECT gid, task_id, kind, body, title, sha256, size, created_at, created_by,
                        edited_at, edited_by, retracted_at, retracted_by, retract_reason
                 FROM evidence WHERE plan_id = ?1 ORDER BY id",
            )?
            .query_map([plan_id], |r| {
                let retracted = match (r.get(11)?, r.get(12)?) {
                    (Some(at), Some(by)) => Some(RetractionRow {
                        at,
                        by,
                        reason: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                    }),
                    _ => None,
                };
                Ok(EvidenceRow {
                    gid: r.get(0)?,
                    task_id: r.get(1)?,
                    kind: r.get(2)?,
                    body: r.get(3)?,
                    title: r.get(4)?,
                    sha256: r.get(5)?,
                    size: r.get(6)?,
                    created_at: r.get(7)?,
                    created_by: r.get(8)?,
                    edited_at: r.get(9)?,
                    edited_by: r.get(10)?,
                    retracted,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .partition(|e| e.retracted.is_none());
        let events = c
            .prepare(
                "SELECT gid, hlc, task_id, at, who, action, field, old, new, touches
                 FROM event WHERE plan_id = ?1 ORDER BY hlc, id",
            )?
            .query_map([plan_id], |r| {
                Ok(EventRow {
                    gid: r.get(0)?,
                    hlc: r.get(1)?,
                    task_id: r.get(2)?,
                    at: r.get(3)?,
                    who: r.get(4)?,
                    kind: r.get(5)?,
                    field: r.get(6)?,
                    old: r.get(7)?,
                    new: r.get(8)?,
                    touches: r.get(9)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stakeholders: Vec<(i64, StakeholderRow)> = c
            .prepare(
                "SELECT id, gid, name, role, email, created_at FROM stakeholder
                 WHERE plan_id = ?1 ORDER BY id",
            )?
            .query_map([plan_id], |r| {
                Ok((
                    r.get(0)?,
                    StakeholderRow {
                        gid: r.get(1)?,
                        name: r.get(2)?,
                        role: r.get(3)?,
                        email: r.get(4)?,
                        created_at: r.get(5)?,
                        decisions: Vec::new(),
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        for (id, s) in &mut stakeholders {
            s.decisions = c
                .prepare_cached(
                    "SELECT id, gid, decision, conditions, decided_on, recorded_at, recorded_by,
                            basis, report_id, report_sha256
                     FROM decision WHERE stakeholder_id = ?1 ORDER BY id",
                )?
                .query_map([*id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        DecisionRow {
                            gid: r.get(1)?,
                            decision: r.get(2)?,
                            conditions: r.get(3)?,
                            decided_on: r.get(4)?,
                            recorded_at: r.get(5)?,
                            recorded_by: r.get(6)?,
                            basis: r.get(7)?,
                            report_id: r.get(8)?,
                            report_sha256: r.get(9)?,
                            condition_tasks: Vec::new(),
                        },
                    ))
                })?
                .map(|row| {
                    let (decision_id, mut d) = row?;
                    d.condition_tasks = c
                        .prepare_cached(
                            "SELECT task_id FROM decision_condition WHERE decision_id = ?1
                             ORDER BY position",
                        )?
                        .query_map([decision_id], |r| r.get(0))?
                        .collect::<Result<_, _>>()?;
                    Ok(d)
                })
                .collect::<Result<_, StoreError>>()?;
        }
        let endpoints = c
            .query_row(
                "SELECT config FROM probe_endpoints WHERE plan_id = ?1",
                [plan_id],
                |r| r.get(0),
            )
            .optional()?;
        let mut runs: Vec<(i64, RunRow)> = c
            .prepare(
                "SELECT id, gid, kind, started_at, finished_at, cancelled, verdict, created_by
                 FROM probe_run WHERE plan_id = ?1 ORDER BY id",
            )?
            .query_map([plan_id], |r| {
                Ok((
                    r.get(0)?,
                    RunRow {
                        gid: r.get(1)?,
                        kind: r.get(2)?,
                        started_at: r.get(3)?,
                        finished_at: r.get(4)?,
                        cancelled: r.get(5)?,
                        verdict: r.get(6)?,
                        created_by: r.get(7)?,
                        results: Vec::new(),
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        for (id, run) in &mut runs {
            run.results = self.probe_results(plan_id, *id)?;
        }
        let own_tasks = c
            .prepare(
                "SELECT gid, task_id, phase, area, title, guidance, blocking, due_offset, due_date,
                        evidence, probes, depends_on, created_at, removed_at
                 FROM own_task WHERE plan_id = ?1 ORDER BY created_at, task_id",
            )?
            .query_map([plan_id], |r| {
                Ok(OwnTaskRow {
                    gid: r.get(0)?,
                    task_id: r.get(1)?,
                    phase: r.get(2)?,
                    area: r.get(3)?,
                    title: r.get(4)?,
                    guidance: r.get(5)?,
                    blocking: r.get(6)?,
                    due_offset: r.get(7)?,
                    due_date: r.get(8)?,
                    evidence: r.get(9)?,
                    probes: r.get(10)?,
                    depends_on: r.get(11)?,
                    created_at: r.get(12)?,
                    removed_at: r.get(13)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let runbook = c
            .prepare(
                "SELECT gid, step_id, own, title, task_id, at_minutes, owner, checkpoint,
                        dns_switch, checked_at, checked_by, removed_at, updated_at
                 FROM runbook_step WHERE plan_id = ?1 ORDER BY step_id",
            )?
            .query_map([plan_id], |r| {
                Ok(RunbookRow {
                    gid: r.get(0)?,
                    step_id: r.get(1)?,
                    own: r.get(2)?,
                    title: r.get(3)?,
                    task_id: r.get(4)?,
                    at_minutes: r.get(5)?,
                    owner: r.get(6)?,
                    checkpoint: r.get(7)?,
                    dns_switch: r.get(8)?,
                    checked_at: r.get(9)?,
                    checked_by: r.get(10)?,
                    removed_at: r.get(11)?,
                    updated_at: r.get(12)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let people = c
            .prepare(
                "SELECT gid, name, role, email, created_at FROM person WHERE plan_id = ?1
                 ORDER BY id",
            )?
            .query_map([plan_id], |r| {
                Ok(PersonRow {
                    gid: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    email: r.get(3)?,
                    created_at: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(PlanData {
            version: PLAN_DATA_VERSION,
            people,
            retracted_evidence,
            runbook,
            own_tasks,
            plan,
            templates,
            items,
            evidence,
            events,
            stakeholders: stakeholders.into_iter().map(|(_, s)| s).collect(),
            endpoints,
            runs: runs.into_iter().map(|(_, r)| r).collect(),
        })
    }

    /// The local plan with this global id, if this database has it.
    pub fn plan_by_gid(&self, gid: Gid) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT id FROM plan WHERE gid = ?1", [gid], |r| r.get(0))
            .optional()?)
    }
}
