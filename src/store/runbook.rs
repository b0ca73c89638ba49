//! The go-live day's runbook in the database: the plan's own steps, its changes to the
//! template's steps, and each check-off with its exact time and who made it.
//!
//! The live state (current and next step, missed checkpoints, the old-shop clock) is
//! [`crate::plan::runbook`]; this module loads its inputs and saves what the team did, each
//! change one transaction with its event.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Change, EventKind, Gid, Store, StoreError};
use crate::catalog::{MAX_RUNBOOK_MINUTES, offset_text};
use crate::plan::{Runbook, StepRecord, runbook};

/// A step the plan adds to its runbook.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewRunbookStep {
    pub title: String,
    pub at_minutes: i64,
    pub owner: Option<String>,
    pub checkpoint: Option<String>,
    /// The task it carries out, if any.
    pub task: Option<String>,
    pub dns_switch: bool,
}

/// What to change on a step; `None` leaves it. An empty owner, checkpoint or task clears it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RunbookEdit {
    pub title: Option<String>,
    pub at_minutes: Option<i64>,
    pub owner: Option<String>,
    pub checkpoint: Option<String>,
    /// The task the step carries out.
    pub task: Option<String>,
    /// Makes the step the DNS switch (any other step stops being it) or not.
    pub dns_switch: Option<bool>,
}

impl RunbookEdit {
    pub fn is_empty(&self) -> bool {
        *self == RunbookEdit::default()
    }
}

const COLUMNS: &str = "step_id, own, title, task_id, at_minutes, owner, checkpoint, dns_switch, \
                       checked_at, checked_by, removed_at";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<(StepRecord, Option<String>)> {
    Ok((
        StepRecord {
            id: r.get(0)?,
            own: r.get(1)?,
            title: r.get(2)?,
            task: r.get(3)?,
            at_minutes: r.get(4)?,
            owner: r.get(5)?,
            checkpoint: r.get(6)?,
            dns_switch: r.get(7)?,
            checked_at: None,
            checked_by: r.get(9)?,
            removed: r.get::<_, Option<String>>(10)?.is_some(),
        },
        r.get(8)?,
    ))
}

fn check_minutes(minutes: i64) -> Result<i64, StoreError> {
    if minutes.abs() > MAX_RUNBOOK_MINUTES {
        return Err(StoreError::InvalidInput(format!(
            "{} is too far from the launch; a runbook step lies within 48 hours of it",
            offset_text(minutes)
        )));
    }
    Ok(minutes)
}

fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string())
}

impl Store {
    /// What the plan recorded about its runbook's steps.
    pub fn runbook_records(&self, plan_id: i64) -> Result<Vec<StepRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM runbook_step WHERE plan_id = ?1 ORDER BY step_id"
        ))?;
        let rows = stmt
            .query_map([plan_id], read)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(mut record, checked)| {
                record.checked_at = checked
                    .map(|c| {
                        DateTime::parse_from_rfc3339(&c)
                            .map(|t| t.with_timezone(&Utc))
                            .map_err(|_| StoreError::Corrupt(format!("check-off time {c:?}")))
                    })
                    .transpose()?;
                Ok(record)
            })
            .collect()
    }

    /// The plan's runbook as it stands at `now`.
    pub fn runbook(&self, plan_id: i64, now: DateTime<Utc>) -> Result<Runbook, StoreError> {
        let plan = self.plan(plan_id)?;
        let template = self.base_template_of(&plan)?;
        Ok(runbook(
            &template.runbook,
            &self.runbook_records(plan_id)?,
            &plan.settings.launch,
            now,
        ))
    }

    /// The step, or an error that lists the plan's steps.
    fn runbook_step_id(&self, plan_id: i64, step_id: &str) -> Result<String, StoreError> {
        let book = self.runbook(plan_id, Utc::now())?;
        book.step(step_id.trim())
            .map(|s| s.id.clone())
            .ok_or_else(|| {
                let ids: Vec<&str> = book.steps.iter().map(|s| s.id.as_str()).collect();
                StoreError::InvalidInput(format!(
                    "the runbook has no step {:?}; its steps are {}",
                    step_id.trim(),
                    if ids.is_empty() {
                        "none yet".to_string()
                    } else {
                        ids.join(", ")
                    }
                ))
            })
    }

    /// Checks a step off at `at` (or, with `undo`, takes the check-off back).
    pub fn check_runbook_step(
        &mut self,
        plan_id: i64,
        step_id: &str,
        at: DateTime<Utc>,
        undo: bool,
    ) -> Result<(), StoreError> {
        let id = self.runbook_step_id(plan_id, step_id)?;
        self.write(|tx, actor| {
            let gid = ensure_row(tx, plan_id, &id, &actor.at)?;
            let old: Option<String> = tx.query_row(
                "SELECT checked_at FROM runbook_step WHERE plan_id = ?1 AND step_id = ?2",
                params![plan_id, id],
                |r| r.get(0),
            )?;
            let new = (!undo).then(|| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
            if old == new {
                return Ok(());
            }
            tx.execute(
                "UPDATE runbook_step SET checked_at = ?3, checked_by = ?4, updated_at = ?5
                 WHERE plan_id = ?1 AND step_id = ?2",
                params![
                    plan_id,
                    id,
                    new,
                    new.as_ref().map(|_| actor.who.clone()),
                    actor.at
                ],
            )?;
            actor.record(
                tx,
                Change {
                    task_id: Some(&id),
                    field: Some("runbook"),
                    old,
                    new,
                    touches: vec![gid],
                    ..Change::plan(plan_id, EventKind::RunbookStepChecked)
                },
            )?;
            Ok(())
        })
    }

    /// Adds a step of the plan's own; answers its id (`R-01`, `R-02`, …, never reused).
    pub fn add_runbook_step(
        &mut self,
        plan_id: i64,
        step: NewRunbookStep,
    ) -> Result<String, StoreError> {
        let plan = self.plan(plan_id)?;
        let title = step.title.trim().to_string();
        if title.is_empty() {
            return Err(StoreError::InvalidInput(
                "a runbook step needs a title: say what is done at that time".into(),
            ));
        }
        let minutes = check_minutes(step.at_minutes)?;
        let task = clean(step.task).filter(|t| !t.is_empty());
        if let Some(task) = &task {
            self.check_task(&plan, task)?;
        }
        let other_switches = if step.dns_switch {
            self.dns_switches(plan_id, None)?
        } else {
            Vec::new()
        };
        self.write(|tx, actor| {
            let taken: Vec<String> = tx
                .prepare("SELECT step_id FROM runbook_step WHERE plan_id = ?1 AND own = 1")?
                .query_map([plan_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let next = taken
                .iter()
                .filter_map(|id| id.strip_prefix("R-")?.parse::<u32>().ok())
                .max()
                .unwrap_or(0)
                + 1;
            let id = format!("R-{next:02}");
            let gid = Gid::new();
            tx.execute(
                "INSERT INTO runbook_step (plan_id, step_id, gid, own, title, task_id, at_minutes,
                                           owner, checkpoint, dns_switch, updated_at)
                 VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    plan_id,
                    id,
                    gid,
                    title,
                    task,
                    minutes,
                    clean(step.owner),
                    clean(step.checkpoint),
                    step.dns_switch,
                    actor.at
                ],
            )?;
            actor.record(
                tx,
                Change {
                    task_id: Some(&id),
                    new: Some(format!("{} {title}", offset_text(minutes))),
                    touches: vec![gid],
                    ..Change::plan(plan_id, EventKind::RunbookStepAdded)
                },
            )?;
            for other in &other_switches {
                unset_dns_switch(tx, actor, plan_id, other)?;
            }
            Ok(id)
        })
    }

    /// Changes a step's time, title, owner, checkpoint, task or whether it is the DNS switch
    /// (a template step keeps the rest). One runbook has one DNS switch: making a step it
    /// takes the mark off the step that had it, in the same transaction.
    pub fn edit_runbook_step(
        &mut self,
        plan_id: i64,
        step_id: &str,
        edit: &RunbookEdit,
    ) -> Result<(), StoreError> {
        if edit.is_empty() {
            return Err(StoreError::InvalidInput(
                "nothing to change: give a new time, title, owner, checkpoint, task or DNS switch"
                    .into(),
            ));
        }
        if let Some(m) = edit.at_minutes {
            check_minutes(m)?;
        }
        if edit.title.as_ref().is_some_and(|t| t.trim().is_empty()) {
            return Err(StoreError::InvalidInput(
                "a runbook step's title cannot be empty".into(),
            ));
        }
        let task = clean(edit.task.clone());
        if let Some(task) = task.as_deref().filter(|t| !t.is_empty()) {
            let plan = self.plan(plan_id)?;
            self.check_task(&plan, task)?;
        }
        let id = self.runbook_step_id(plan_id, step_id)?;
        let before = self.runbook(plan_id, Utc::now())?;
        let current = before.step(&id).cloned();
        let other_switches = if edit.dns_switch == Some(true) {
            self.dns_switches(plan_id, Some(&id))?
        } else {
            Vec::new()
        };
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        self.write(|tx, actor| {
            let gid = ensure_row(tx, plan_id, &id, &actor.at)?;
            let changes: [FieldChange; 6] = [
                (
                    "title",
                    "runbook title",
                    edit.title.clone().map(|t| t.trim().to_string()),
                    current.as_ref().map(|c| c.title.clone()),
                    edit.title.clone().map(|t| t.trim().to_string().into()),
                ),
                (
                    "at_minutes",
                    "runbook time",
                    edit.at_minutes.map(offset_text),
                    current.as_ref().map(|c| c.at_text.clone()),
                    edit.at_minutes.map(rusqlite::types::Value::from),
                ),
                (
                    "owner",
                    "runbook owner",
                    clean(edit.owner.clone()),
                    current.as_ref().and_then(|c| c.owner.clone()),
                    clean(edit.owner.clone()).map(rusqlite::types::Value::from),
                ),
                (
                    "checkpoint",
                    "runbook checkpoint",
                    clean(edit.checkpoint.clone()),
                    current.as_ref().and_then(|c| c.checkpoint.clone()),
                    clean(edit.checkpoint.clone()).map(rusqlite::types::Value::from),
                ),
                (
                    "task_id",
                    "runbook task",
                    task.clone(),
                    current.as_ref().and_then(|c| c.task.clone()),
                    task.clone().map(rusqlite::types::Value::from),
                ),
                (
                    "dns_switch",
                    "runbook DNS switch",
                    edit.dns_switch.map(yes_no),
                    current.as_ref().map(|c| yes_no(c.dns_switch)),
                    edit.dns_switch
                        .map(|b| rusqlite::types::Value::from(i64::from(b))),
                ),
            ];
            for (column, field, new, old, value) in changes {
                let (Some(new), Some(value)) = (new, value) else {
                    continue;
                };
                // An empty text clears; the history shows nothing (not "") as its value.
                let old = old.filter(|o| !o.is_empty());
                if Some(&new) == old.as_ref() || (new.is_empty() && old.is_none()) {
                    continue;
                }
                tx.execute(
                    &format!(
                        "UPDATE runbook_step SET {column} = ?3, updated_at = ?4
                         WHERE plan_id = ?1 AND step_id = ?2"
                    ),
                    params![plan_id, id, value, actor.at],
                )?;
                actor.record(
                    tx,
                    Change {
                        task_id: Some(&id),
                        field: Some(field),
                        old,
                        new: Some(new).filter(|n| !n.is_empty()),
                        touches: vec![gid],
                        ..Change::plan(plan_id, EventKind::Updated)
                    },
                )?;
            }
            for other in &other_switches {
                unset_dns_switch(tx, actor, plan_id, other)?;
            }
            Ok(())
        })
    }

    /// An error unless the plan has the task for a step to carry out.
    fn check_task(&self, plan: &super::PlanRecord, task: &str) -> Result<(), StoreError> {
        if self.template_of(plan)?.task(task).is_none() {
            return Err(StoreError::InvalidInput(format!(
                "the plan has no task {task:?} for this step to carry out; give a task id \
                 from its checklist, e.g. CLO-14 or X-01"
            )));
        }
        Ok(())
    }

    /// The steps marked as the DNS switch now, but for `except`.
    fn dns_switches(&self, plan_id: i64, except: Option<&str>) -> Result<Vec<String>, StoreError> {
        Ok(self
            .runbook(plan_id, Utc::now())?
            .steps
            .into_iter()
            .filter(|s| s.dns_switch && Some(s.id.as_str()) != except)
            .map(|s| s.id)
            .collect())
    }

    /// Takes a step out of the plan's runbook (its history stays).
    pub fn remove_runbook_step(&mut self, plan_id: i64, step_id: &str) -> Result<(), StoreError> {
        let id = self.runbook_step_id(plan_id, step_id)?;
        let title = self
            .runbook(plan_id, Utc::now())?
            .step(&id)
            .map(|s| s.title.clone());
        self.write(|tx, actor| {
            let gid = ensure_row(tx, plan_id, &id, &actor.at)?;
            tx.execute(
                "UPDATE runbook_step SET removed_at = ?3, updated_at = ?3
                 WHERE plan_id = ?1 AND step_id = ?2",
                params![plan_id, id, actor.at],
            )?;
            actor.record(
                tx,
                Change {
                    task_id: Some(&id),
                    old: title.clone(),
                    touches: vec![gid],
                    ..Change::plan(plan_id, EventKind::RunbookStepRemoved)
                },
            )?;
            Ok(())
        })
    }

    /// Puts a removed step back (the Undo of a removal): its time, owner, checkpoint and
    /// check-off as they were. Answers an error when the step was never removed.
    pub fn restore_runbook_step(&mut self, plan_id: i64, step_id: &str) -> Result<(), StoreError> {
        let id = step_id.trim().to_string();
        let mut records = self.runbook_records(plan_id)?;
        let Some(record) = records.iter_mut().find(|r| r.id == id) else {
            return Err(StoreError::InvalidInput(format!(
                "the runbook has no removed step {id:?} to put back"
            )));
        };
        if !record.removed {
            return Err(StoreError::InvalidInput(format!(
                "{id} is in the runbook: only a removed step can be put back"
            )));
        }
        record.removed = false;
        let plan = self.plan(plan_id)?;
        let template = self.base_template_of(&plan)?;
        let back = runbook(
            &template.runbook,
            &records,
            &plan.settings.launch,
            Utc::now(),
        );
        let text = back
            .step(&id)
            .map(|s| format!("{} {}", s.at_text, s.title))
            .unwrap_or_else(|| id.clone());
        // A DNS switch put back is the switch again; a step marked since gives the mark up.
        let other_switches = if back.step(&id).is_some_and(|s| s.dns_switch) {
            self.dns_switches(plan_id, Some(&id))?
        } else {
            Vec::new()
        };
        self.write(|tx, actor| {
            let gid = ensure_row(tx, plan_id, &id, &actor.at)?;
            tx.execute(
                "UPDATE runbook_step SET removed_at = NULL, updated_at = ?3
                 WHERE plan_id = ?1 AND step_id = ?2",
                params![plan_id, id, actor.at],
            )?;
            // Back in the runbook is added to it again, as the history tells it.
            actor.record(
                tx,
                Change {
                    task_id: Some(&id),
                    new: Some(text.clone()),
                    touches: vec![gid],
                    ..Change::plan(plan_id, EventKind::RunbookStepAdded)
                },
            )?;
            for other in &other_switches {
                unset_dns_switch(tx, actor, plan_id, other)?;
            }
            Ok(())
        })
    }
}

/// One field of an edit: its column, its name in the history, its new and old text and the
/// value to store (`None` when the edit leaves the field).
type FieldChange = (
    &'static str,
    &'static str,
    Option<String>,
    Option<String>,
    Option<rusqlite::types::Value>,
);

/// Takes the DNS-switch mark off a step because another step became the switch.
fn unset_dns_switch(
    tx: &Transaction<'_>,
    actor: &super::Actor,
    plan_id: i64,
    step_id: &str,
) -> Result<(), StoreError> {
    let gid = ensure_row(tx, plan_id, step_id, &actor.at)?;
    tx.execute(
        "UPDATE runbook_step SET dns_switch = 0, updated_at = ?3
         WHERE plan_id = ?1 AND step_id = ?2",
        params![plan_id, step_id, actor.at],
    )?;
    actor.record(
        tx,
        Change {
            task_id: Some(step_id),
            field: Some("runbook DNS switch"),
            old: Some("yes".into()),
            new: Some("no".into()),
            touches: vec![gid],
            ..Change::plan(plan_id, EventKind::Updated)
        },
    )?;
    Ok(())
}

/// The step's row, made for a template step on its first change; answers its global id.
fn ensure_row(
    tx: &Transaction<'_>,
    plan_id: i64,
    step_id: &str,
    now: &str,
) -> Result<Gid, StoreError> {
    let found: Option<Gid> = tx
        .query_row(
            "SELECT gid FROM runbook_step WHERE plan_id = ?1 AND step_id = ?2",
            params![plan_id, step_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(gid) = found {
        return Ok(gid);
    }
    let gid = Gid::new();
    tx.execute(
        "INSERT INTO runbook_step (plan_id, step_id, gid, updated_at) VALUES (?1, ?2, ?3, ?4)",
        params![plan_id, step_id, gid, now],
    )?;
    Ok(gid)
}
