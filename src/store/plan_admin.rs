//! Managing plans as a whole: rename, client, archive, delete, duplicate.

use rusqlite::params;

use super::plans::{PlanRecord, check_name, name_taken};
use super::{Change, EventKind, Gid, Store, StoreError};

impl Store {
    /// Gives a plan a new name, unique among all plans regardless of case.
    pub fn rename_plan(&mut self, plan_id: i64, name: &str) -> Result<PlanRecord, StoreError> {
        let name = check_name(name)?;
        let old = self.plan(plan_id)?;
        self.write(|tx, actor| {
            if name_taken(tx, &name, Some(plan_id))? {
                return Err(StoreError::DuplicatePlanName(name.clone()));
            }
            tx.execute(
                "UPDATE plan SET name = ?2 WHERE id = ?1",
                params![plan_id, name],
            )?;
            actor.record(
                tx,
                Change {
                    field: Some("name"),
                    old: Some(old.name.clone()),
                    new: Some(name.clone()),
                    ..Change::plan(plan_id, EventKind::Renamed)
                },
            )
        })?;
        self.plan(plan_id)
    }

    /// Sets or clears (empty or `None`) the client a plan is for.
    pub fn set_client(
        &mut self,
        plan_id: i64,
        client: Option<&str>,
    ) -> Result<PlanRecord, StoreError> {
        let old = self.plan(plan_id)?;
        let client = client.map(str::trim).filter(|c| !c.is_empty());
        self.write(|tx, actor| {
            tx.execute(
                "UPDATE plan SET client = ?2 WHERE id = ?1",
                params![plan_id, client],
            )?;
            actor.record(
                tx,
                Change {
                    field: Some("client"),
                    old: old.client.clone(),
                    new: client.map(str::to_string),
                    ..Change::plan(plan_id, EventKind::Updated)
                },
            )
        })?;
        self.plan(plan_id)
    }

    /// Hides a plan from the default list (`archived = false` brings it back).
    pub fn archive_plan(&mut self, plan_id: i64, archived: bool) -> Result<PlanRecord, StoreError> {
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            tx.execute(
                "UPDATE plan SET archived = ?2 WHERE id = ?1",
                params![plan_id, archived],
            )?;
            actor.record(
                tx,
                Change::plan(
                    plan_id,
                    if archived {
                        EventKind::Archived
                    } else {
                        EventKind::Unarchived
                    },
                ),
            )
        })?;
        self.plan(plan_id)
    }

    /// Deletes a plan with its items and evidence rows; its history stays in the event log.
    /// Evidence files stay in the content store, where other plans may share them.
    pub fn delete_plan(&mut self, plan_id: i64) -> Result<(), StoreError> {
        let plan = self.plan(plan_id)?;
        self.write(|tx, actor| {
            // First the event: it takes the plan's global id from the row.
            actor.record(
                tx,
                Change {
                    old: Some(plan.name.clone()),
                    ..Change::plan(plan_id, EventKind::PlanDeleted)
                },
            )?;
            tx.execute("DELETE FROM plan WHERE id = ?1", [plan_id])?;
            Ok(())
        })
    }

    /// Copies a plan (settings and probe endpoints, item state and evidence) under a new name.
    pub fn duplicate_plan(&mut self, plan_id: i64, name: &str) -> Result<PlanRecord, StoreError> {
        let name = check_name(name)?;
        let source = self.plan(plan_id)?;
        let id = self.write(|tx, actor| {
            if name_taken(tx, &name, None)? {
                return Err(StoreError::DuplicatePlanName(name.clone()));
            }
            tx.execute(
                "INSERT INTO plan (gid, name, client, launch_local, zone, pentest, working_days,
                                   holidays, planned_on, template_sha256, created_at)
                 SELECT ?4, ?2, client, launch_local, zone, pentest, working_days, holidays,
                        planned_on, template_sha256, ?3
                 FROM plan WHERE id = ?1",
                params![plan_id, name, actor.at, Gid::new()],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO item (plan_id, task_id, status, owner, pinned_due, waiver_reason,
                                   waiver_until, updated_at, added_in, retired_at,
                                   retired_from, reconfirm, blocked_reason, waiver_approver,
                                   waiver_approved_on, waiver_accepted_risk, waiver_control)
                 SELECT ?2, task_id, status, owner, pinned_due, waiver_reason, waiver_until, ?3,
                        added_in, retired_at, retired_from, reconfirm, blocked_reason,
                        waiver_approver, waiver_approved_on, waiver_accepted_risk, waiver_control
                 FROM item WHERE plan_id = ?1",
                params![plan_id, id, actor.at],
            )?;
            // Own tasks travel with their items; each copy gets a global id of its own.
            let own: Vec<String> = tx
                .prepare("SELECT task_id FROM own_task WHERE plan_id = ?1")?
                .query_map([plan_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut copy_own = tx.prepare(
                "INSERT INTO own_task (plan_id, task_id, gid, phase, area, title, guidance,
                                       blocking, due_offset, due_date, evidence, probes,
                                       depends_on, created_at, removed_at)
                 SELECT ?2, task_id, ?4, phase, area, title, guidance, blocking, due_offset,
                        due_date, evidence, probes, depends_on, created_at, removed_at
                 FROM own_task WHERE plan_id = ?1 AND task_id = ?3",
            )?;
            for task_id in own {
                copy_own.execute(params![plan_id, id, task_id, Gid::new()])?;
            }
            // Each copy is evidence of its own, with an id of its own; retracted evidence
            // stays with the original, whose history says why.
            let originals: Vec<i64> = tx
                .prepare(
                    "SELECT id FROM evidence WHERE plan_id = ?1 AND retracted_at IS NULL
                     ORDER BY id",
                )?
                .query_map([plan_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut copy = tx.prepare(
                "INSERT INTO evidence (gid, plan_id, task_id, kind, body, title, sha256, size,
                                       created_at, created_by)
                 SELECT ?3, ?2, task_id, kind, body, title, sha256, size, created_at, created_by
                 FROM evidence WHERE id = ?1",
            )?;
            for original in originals {
                copy.execute(params![original, id, Gid::new()])?;
            }
            // The plan's people come along: the copy is run by the same team.
            let people: Vec<(String, Option<String>, Option<String>)> = tx
                .prepare("SELECT name, role, email FROM person WHERE plan_id = ?1 ORDER BY id")?
                .query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            for (name, role, email) in people {
                tx.execute(
                    "INSERT INTO person (gid, plan_id, name, role, email, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![Gid::new(), id, name, role, email, actor.at],
                )?;
            }
            // The shop's addresses are part of the plan's settings; probe runs and sign-offs
            // record what happened to the original and stay with it.
            tx.execute(
                "INSERT INTO probe_endpoints (plan_id, config, updated_at)
                 SELECT ?2, config, ?3 FROM probe_endpoints WHERE plan_id = ?1",
                params![plan_id, id, actor.at],
            )?;
            actor.record(
                tx,
                Change {
                    old: Some(source.name.clone()),
                    new: Some(format!("{name}, copied from {}", source.name)),
                    ..Change::plan(id, EventKind::PlanCreated)
                },
            )?;
            Ok(id)
        })?;
        self.plan(id)
    }
}
