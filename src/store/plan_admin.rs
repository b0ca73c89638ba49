//! Managing plans as a whole: rename, client, schedule inputs, archive, delete, duplicate.

use chrono::NaiveDate;
use rusqlite::params;

use super::plans::{PlanRecord, check_name, holidays_text, name_taken, weekdays_text};
use super::{Change, Store, StoreError};
use crate::plan::WorkCalendar;

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
                    plan_id,
                    task_id: None,
                    action: "renamed",
                    field: Some("name"),
                    old: Some(old.name.clone()),
                    new: Some(name.clone()),
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
                    plan_id,
                    task_id: None,
                    action: "updated",
                    field: Some("client"),
                    old: old.client.clone(),
                    new: client.map(str::to_string),
                },
            )
        })?;
        self.plan(plan_id)
    }

    /// Changes the penetration-test date (`None`: back to the default) and the working days.
    pub fn set_schedule_inputs(
        &mut self,
        plan_id: i64,
        pentest: Option<NaiveDate>,
        calendar: &WorkCalendar,
    ) -> Result<PlanRecord, StoreError> {
        let old = self.plan(plan_id)?;
        self.write(|tx, actor| {
            tx.execute(
                "UPDATE plan SET pentest = ?2, working_days = ?3, holidays = ?4 WHERE id = ?1",
                params![
                    plan_id,
                    pentest.map(|d| d.to_string()),
                    weekdays_text(calendar),
                    holidays_text(calendar)
                ],
            )?;
            actor.record(
                tx,
                Change {
                    plan_id,
                    task_id: None,
                    action: "updated",
                    field: Some("schedule"),
                    old: Some(schedule_text(old.settings.pentest, &old.settings.calendar)),
                    new: Some(schedule_text(pentest, calendar)),
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
                Change {
                    plan_id,
                    task_id: None,
                    action: if archived { "archived" } else { "unarchived" },
                    field: None,
                    old: None,
                    new: None,
                },
            )
        })?;
        self.plan(plan_id)
    }

    /// Deletes a plan with its items and evidence rows; its history stays in the event log.
    /// Evidence files stay in the content store, where other plans may share them.
    pub fn delete_plan(&mut self, plan_id: i64) -> Result<(), StoreError> {
        let plan = self.plan(plan_id)?;
        self.write(|tx, actor| {
            tx.execute("DELETE FROM plan WHERE id = ?1", [plan_id])?;
            actor.record(
                tx,
                Change {
                    plan_id,
                    task_id: None,
                    action: "plan-deleted",
                    field: None,
                    old: Some(plan.name.clone()),
                    new: None,
                },
            )
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
                "INSERT INTO plan (name, client, launch_local, zone, pentest, working_days,
                                   holidays, planned_on, template_sha256, created_at)
                 SELECT ?2, client, launch_local, zone, pentest, working_days, holidays,
                        planned_on, template_sha256, ?3
                 FROM plan WHERE id = ?1",
                params![plan_id, name, actor.at],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO item (plan_id, task_id, status, owner, pinned_due, waiver_reason,
                                   waiver_until, updated_at)
                 SELECT ?2, task_id, status, owner, pinned_due, waiver_reason, waiver_until, ?3
                 FROM item WHERE plan_id = ?1",
                params![plan_id, id, actor.at],
            )?;
            tx.execute(
                "INSERT INTO evidence (plan_id, task_id, kind, body, title, sha256, size,
                                       created_at, created_by)
                 SELECT ?2, task_id, kind, body, title, sha256, size, created_at, created_by
                 FROM evidence WHERE plan_id = ?1 ORDER BY id",
                params![plan_id, id],
            )?;
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
                    plan_id: id,
                    task_id: None,
                    action: "plan-created",
                    field: None,
                    old: Some(source.name.clone()),
                    new: Some(format!("{name}, copied from {}", source.name)),
                },
            )?;
            Ok(id)
        })?;
        self.plan(id)
    }
}

fn schedule_text(pentest: Option<NaiveDate>, calendar: &WorkCalendar) -> String {
    format!(
        "pentest {}, working days {}{}",
        pentest.map_or_else(|| "default".to_string(), |d| d.to_string()),
        weekdays_text(calendar),
        if calendar.holidays().is_empty() {
            String::new()
        } else {
            format!(", holidays {}", holidays_text(calendar))
        }
    )
}
