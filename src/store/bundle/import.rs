//! [`PlanData`] written into the store: as a new plan, or merged into the plan with the same
//! global id, in one transaction.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::validate::validate;
use super::{ImportMode, ImportOutcome, ItemRow, PlanData};
use crate::store::plans::{check_name, name_taken};
use crate::store::{Actor, Change, EventKind, Gid, Hlc, Store, StoreError, migrations};

impl Store {
    /// Brings a plan's data in: as a new plan (under `name` if given), or merged into the plan
    /// with the same global id. Evidence files must already be in the content store.
    pub fn import_plan(
        &mut self,
        data: &PlanData,
        mode: ImportMode,
        name: Option<&str>,
    ) -> Result<ImportOutcome, StoreError> {
        validate(data)?;
        let existing = self.plan_by_gid(data.plan.gid)?;
        match (mode, existing) {
            (ImportMode::New, Some(id)) => Err(StoreError::PlanAlreadyHere(id)),
            (ImportMode::Merge, None) => Err(StoreError::InvalidInput(
                "this database does not have the bundle's plan, so there is nothing to merge into; \
                 import it as a new plan"
                    .into(),
            )),
            (ImportMode::New, None) => {
                let name = check_name(name.unwrap_or(&data.plan.name))?;
                self.write(|tx, actor| {
                    if name_taken(tx, &name, None)? {
                        return Err(StoreError::DuplicatePlanName(name.clone()));
                    }
                    let plan_id = insert_plan(tx, data, &name)?;
                    let mut out = add_rows(tx, plan_id, data)?;
                    observe(tx, actor, data)?;
                    actor.record(
                        tx,
                        Change {
                            new: Some(format!("{name}, from a bundle of {}", data.plan.name)),
                            ..Change::plan(plan_id, EventKind::PlanImported)
                        },
                    )?;
                    out.plan_id = plan_id;
                    Ok(out)
                })
            }
            (ImportMode::Merge, Some(plan_id)) => self.write(|tx, actor| {
                // Before the bundle's history joins this one: what each side changed last.
                let local = latest_changes(tx, plan_id)?;
                let mut out = add_rows(tx, plan_id, data)?;
                out.fields_taken = take_later_fields(tx, plan_id, data, &local)?;
                out.merged = true;
                out.plan_id = plan_id;
                observe(tx, actor, data)?;
                let nothing = out.evidence_added + out.events_added + out.stakeholders_added
                    + out.decisions_added + out.runs_added
                    + out.fields_taken.len()
                    == 0;
                if nothing {
                    return Ok(out);
                }
                actor.record(
                    tx,
                    Change {
                        new: Some(format!(
                            "{} evidence, {} history entries, {} decisions, {} probe runs added; {} fields taken",
                            out.evidence_added,
                            out.events_added,
                            out.decisions_added,
                            out.runs_added,
                            out.fields_taken.len()
                        )),
                        ..Change::plan(plan_id, EventKind::PlanMerged)
                    },
                )?;
                Ok(out)
            }),
        }
    }
}

/// Moves this node's clock past every stamp the bundle brings, so what is done here next
/// sorts after it.
fn observe(tx: &Transaction<'_>, actor: &Actor, data: &PlanData) -> Result<(), StoreError> {
    let latest = data
        .events
        .iter()
        .filter_map(|e| e.hlc.parse::<Hlc>().ok())
        .max();
    if let Some(remote) = latest {
        let now = u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0);
        let next = actor.clock.borrow().observe(&remote, now);
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![migrations::CLOCK_KEY, next.to_string()],
        )?;
        *actor.clock.borrow_mut() = next;
    }
    Ok(())
}

fn insert_plan(tx: &Transaction<'_>, data: &PlanData, name: &str) -> Result<i64, StoreError> {
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
    for i in &data.items {
        tx.execute(
            "INSERT INTO item (plan_id, task_id, status, owner, pinned_due, waiver_reason,
                               waiver_until, updated_at, added_in, retired_at, retired_from,
                               reconfirm)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
                i.reconfirm
            ],
        )?;
    }
    for own in &data.own_tasks {
        insert_own_task(tx, plan_id, own)?;
    }
    if let Some(config) = &data.endpoints {
        tx.execute(
            "INSERT INTO probe_endpoints (plan_id, config, updated_at) VALUES (?1, ?2, ?3)",
            params![plan_id, config, p.created_at],
        )?;
    }
    Ok(plan_id)
}

fn insert_own_task(
    tx: &Transaction<'_>,
    plan_id: i64,
    own: &super::OwnTaskRow,
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

fn known(tx: &Transaction<'_>, table: &str, gid: Gid) -> Result<bool, StoreError> {
    Ok(tx
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE gid = ?1"),
            [gid],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Evidence, history, sign-offs and runs the plan does not have yet, by global id.
fn add_rows(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
) -> Result<ImportOutcome, StoreError> {
    let mut out = ImportOutcome::default();
    // Own tasks the plan lacks arrive with their items (an id taken here by another own
    // task keeps the local one: the bundle's task stays out rather than overwrite it).
    for own in &data.own_tasks {
        let taken: bool = tx
            .query_row(
                "SELECT 1 FROM own_task WHERE plan_id = ?1 AND task_id = ?2",
                params![plan_id, own.task_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if known(tx, "own_task", own.gid)? || taken {
            continue;
        }
        insert_own_task(tx, plan_id, own)?;
        if let Some(i) = data.items.iter().find(|i| i.task_id == own.task_id) {
            tx.execute(
                "INSERT OR IGNORE INTO item (plan_id, task_id, status, owner, pinned_due,
                                   waiver_reason, waiver_until, updated_at, retired_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    plan_id,
                    i.task_id,
                    i.status,
                    i.owner,
                    i.pinned_due,
                    i.waiver_reason,
                    i.waiver_until,
                    i.updated_at,
                    i.retired_at
                ],
            )?;
        }
    }
    let tasks: HashSet<String> = tx
        .prepare("SELECT task_id FROM item WHERE plan_id = ?1")?
        .query_map([plan_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for e in &data.evidence {
        // A merge into a plan whose checklist lacks the task keeps the rest of the bundle.
        if known(tx, "evidence", e.gid)? || !tasks.contains(&e.task_id) {
            continue;
        }
        tx.execute(
            "INSERT INTO evidence (gid, plan_id, task_id, kind, body, title, sha256, size,
                                   created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
                e.created_by
            ],
        )?;
        out.evidence_added += 1;
    }
    for e in &data.events {
        if known(tx, "event", e.gid)? {
            continue;
        }
        tx.execute(
            "INSERT INTO event (gid, hlc, plan_id, plan_gid, task_id, at, who, action, field,
                                old, new, touches)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                e.gid,
                e.hlc,
                plan_id,
                data.plan.gid,
                e.task_id,
                e.at,
                e.who,
                e.kind,
                e.field,
                e.old,
                e.new,
                e.touches
            ],
        )?;
        out.events_added += 1;
    }
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
            if known(tx, "decision", d.gid)? {
                continue;
            }
            tx.execute(
                "INSERT INTO decision (gid, stakeholder_id, decision, conditions, decided_on,
                                       recorded_at, recorded_by, basis)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    d.gid,
                    stakeholder_id,
                    d.decision,
                    d.conditions,
                    d.decided_on,
                    d.recorded_at,
                    d.recorded_by,
                    d.basis
                ],
            )?;
            out.decisions_added += 1;
        }
    }
    for r in &data.runs {
        if known(tx, "probe_run", r.gid)? {
            continue;
        }
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
        out.runs_added += 1;
    }
    Ok(out)
}

/// The latest clock stamp of each (task, field) this database's history changed.
fn latest_changes(
    tx: &Transaction<'_>,
    plan_id: i64,
) -> Result<HashMap<(String, String), String>, StoreError> {
    let rows = tx
        .prepare(
            "SELECT task_id, field, max(hlc) FROM event
             WHERE plan_id = ?1 AND action = 'updated' AND task_id IS NOT NULL
               AND field IS NOT NULL
             GROUP BY task_id, field",
        )?
        .query_map([plan_id], |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(rows)
}

/// For each task field the bundle's history changed later than `local` (this database's
/// latest stamps before the merge), the bundle's value; answers which fields were taken.
fn take_later_fields(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
    local: &HashMap<(String, String), String>,
) -> Result<Vec<String>, StoreError> {
    let mut remote: HashMap<(String, String), String> = HashMap::new();
    for e in &data.events {
        if let (Some(task), Some(field)) = (&e.task_id, &e.field)
            && e.kind == EventKind::Updated.key()
        {
            let key = (task.clone(), field.clone());
            if remote.get(&key).is_none_or(|h| *h < e.hlc) {
                remote.insert(key, e.hlc.clone());
            }
        }
    }
    let items: HashMap<&str, &ItemRow> =
        data.items.iter().map(|i| (i.task_id.as_str(), i)).collect();
    let mut taken = Vec::new();
    let mut keys: Vec<_> = remote.into_iter().collect();
    keys.sort();
    for ((task, field), hlc) in keys {
        if local
            .get(&(task.clone(), field.clone()))
            .is_some_and(|l| *l >= hlc)
        {
            continue;
        }
        let Some(item) = items.get(task.as_str()) else {
            continue;
        };
        let sql = match field.as_str() {
            "status" => "UPDATE item SET status = ?3 WHERE plan_id = ?1 AND task_id = ?2",
            "owner" => "UPDATE item SET owner = ?3 WHERE plan_id = ?1 AND task_id = ?2",
            "due" => "UPDATE item SET pinned_due = ?3 WHERE plan_id = ?1 AND task_id = ?2",
            "reconfirm" => "UPDATE item SET reconfirm = ?3 WHERE plan_id = ?1 AND task_id = ?2",
            "waiver" => {
                tx.execute(
                    "UPDATE item SET waiver_reason = ?3, waiver_until = ?4
                     WHERE plan_id = ?1 AND task_id = ?2",
                    params![plan_id, task, item.waiver_reason, item.waiver_until],
                )?;
                taken.push(format!("{task} {field}"));
                continue;
            }
            _ => continue,
        };
        let value = match field.as_str() {
            "status" => Some(item.status.clone()),
            "owner" => item.owner.clone(),
            "due" => item.pinned_due.clone(),
            _ => item.reconfirm.clone(),
        };
        if tx.execute(sql, params![plan_id, task, value])? > 0 {
            taken.push(format!("{task} {field}"));
        }
    }
    Ok(taken)
}
