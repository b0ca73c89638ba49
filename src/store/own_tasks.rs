//! A plan's own tasks in the database: add, edit, remove, and read them back to merge into
//! the plan's checklist ([`Store::template_of`]).
//!
//! Each own task has an `item` row like a template task, so status, owner, evidence and
//! history need nothing new. Checking a definition is [`crate::plan::OwnTask::checked`];
//! this module only stores what passed. A removed task keeps its row (`removed_at`) and its
//! item is retired, so the id is never given again and its evidence and history stay.

use rusqlite::{Transaction, params};
use serde::Serialize;

use super::plans::PlanRecord;
use super::{Actor, Change, EventKind, Gid, Store, StoreError};
use crate::catalog::{Area, Phase, TaskTemplate};
use crate::plan::{OwnDue, OwnTask, next_own_id};

/// What to change on an own task; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnTaskEdit {
    pub phase: Option<Phase>,
    pub area: Option<Area>,
    pub title: Option<String>,
    pub guidance: Option<String>,
    pub blocking: Option<bool>,
    pub due: Option<OwnDue>,
    pub evidence: Option<String>,
    pub probes: Option<Vec<String>>,
    pub depends_on: Option<Vec<String>>,
}

impl OwnTaskEdit {
    pub fn is_empty(&self) -> bool {
        *self == OwnTaskEdit::default()
    }

    fn apply(&self, task: &OwnTask) -> OwnTask {
        let mut out = task.clone();
        if let Some(v) = self.phase {
            out.phase = v;
        }
        if let Some(v) = self.area {
            out.area = v;
        }
        if let Some(v) = &self.title {
            out.title = v.clone();
        }
        if let Some(v) = &self.guidance {
            out.guidance = v.clone();
        }
        if let Some(v) = self.blocking {
            out.blocking = v;
        }
        if let Some(v) = self.due {
            out.due = v;
        }
        if let Some(v) = &self.evidence {
            out.evidence = v.clone();
        }
        if let Some(v) = &self.probes {
            out.probes = v.clone();
        }
        if let Some(v) = &self.depends_on {
            out.depends_on = v.clone();
        }
        out
    }
}

/// An own task that was removed, with what it still holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedOwnTask {
    pub task_id: String,
    pub title: String,
    /// Evidence items kept with the retired task.
    pub evidence_kept: usize,
}

/// How a due rule reads in the history and the CLI.
pub fn due_text(due: &OwnDue) -> String {
    match due {
        OwnDue::Phase => "phase deadline".into(),
        OwnDue::Offset(days) if *days < 0 => format!("{} days before launch", -days),
        OwnDue::Offset(0) => "launch day".into(),
        OwnDue::Offset(days) => format!("{days} days after launch"),
        OwnDue::Date(date) => date.to_string(),
    }
}

const COLUMNS: &str = "task_id, phase, area, title, guidance, blocking, due_offset, due_date, evidence, probes, \
     depends_on";

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<OwnTask, StoreError>> {
    let phase: String = r.get(1)?;
    let area: String = r.get(2)?;
    let offset: Option<i64> = r.get(6)?;
    let date: Option<String> = r.get(7)?;
    let due = match (offset, date) {
        (Some(days), _) => Ok(OwnDue::Offset(days)),
        (None, Some(d)) => d
            .parse()
            .map(OwnDue::Date)
            .map_err(|_| StoreError::Corrupt(format!("own task due date {d:?}"))),
        (None, None) => Ok(OwnDue::Phase),
    };
    let phase = Phase::ALL.into_iter().find(|p| p.key() == phase);
    let area = Area::ALL.into_iter().find(|a| a.key() == area);
    let (id, title, guidance, blocking, evidence, probes, deps): (
        String,
        String,
        String,
        bool,
        String,
        String,
        String,
    ) = (
        r.get(0)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
    );
    Ok((|| {
        Ok(OwnTask {
            phase: phase.ok_or_else(|| StoreError::Corrupt(format!("phase of own task {id}")))?,
            area: area.ok_or_else(|| StoreError::Corrupt(format!("area of own task {id}")))?,
            due: due?,
            id,
            title,
            guidance,
            blocking,
            evidence,
            probes: list(&probes),
            depends_on: list(&deps),
        })
    })())
}

fn load(
    conn: &rusqlite::Connection,
    plan_id: i64,
    task_id: Option<&str>,
) -> Result<Vec<OwnTask>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM own_task
         WHERE plan_id = ?1 AND removed_at IS NULL AND (?2 IS NULL OR task_id = ?2)
         ORDER BY created_at, task_id"
    ))?;
    let rows = stmt
        .query_map(params![plan_id, task_id], read)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().collect()
}

fn write_row(tx: &Transaction<'_>, plan_id: i64, task: &OwnTask) -> Result<(), StoreError> {
    let (offset, date) = match task.due {
        OwnDue::Phase => (None, None),
        OwnDue::Offset(days) => (Some(days), None),
        OwnDue::Date(d) => (None, Some(d.to_string())),
    };
    tx.execute(
        "UPDATE own_task SET phase = ?3, area = ?4, title = ?5, guidance = ?6, blocking = ?7,
                due_offset = ?8, due_date = ?9, evidence = ?10, probes = ?11, depends_on = ?12
         WHERE plan_id = ?1 AND task_id = ?2",
        params![
            plan_id,
            task.id,
            task.phase.key(),
            task.area.key(),
            task.title,
            task.guidance,
            task.blocking,
            offset,
            date,
            task.evidence,
            task.probes.join(","),
            task.depends_on.join(",")
        ],
    )?;
    Ok(())
}

fn not_own(plan: &PlanRecord, task_id: &str) -> StoreError {
    StoreError::InvalidInput(format!(
        "{task_id} is not an own task of plan {:?}: only tasks the plan added (X-01, X-02, …) \
         can be edited or removed; change a checklist task with `golive item set`",
        plan.name
    ))
}

fn gid_of(tx: &Transaction<'_>, plan_id: i64, task_id: &str) -> Result<Gid, StoreError> {
    Ok(tx.query_row(
        "SELECT gid FROM own_task WHERE plan_id = ?1 AND task_id = ?2",
        params![plan_id, task_id],
        |r| r.get(0),
    )?)
}

impl Store {
    /// The plan's own tasks that are not removed, in the order they were added.
    pub fn own_tasks(&self, plan_id: i64) -> Result<Vec<OwnTask>, StoreError> {
        load(&self.conn, plan_id, None)
    }

    /// The plan's checklist without `except`: what a new or changed own task is checked
    /// against.
    fn checklist_without(
        &self,
        plan: &PlanRecord,
        except: Option<&str>,
    ) -> Result<Vec<TaskTemplate>, StoreError> {
        Ok(self
            .template_of(plan)?
            .tasks
            .into_iter()
            .filter(|t| Some(t.id.as_str()) != except)
            .collect())
    }

    /// Adds an own task (its `id` is ignored: the store gives the next `X-nn`); answers it
    /// as saved.
    pub fn add_own_task(&mut self, plan_id: i64, task: OwnTask) -> Result<OwnTask, StoreError> {
        let checklist = self.checklist_of(plan_id)?;
        self.write(|tx, actor| insert_own_task(tx, actor, plan_id, task, &checklist))
    }

    /// The plan's whole checklist, own tasks included: what new own tasks are checked
    /// against.
    pub(super) fn checklist_of(&self, plan_id: i64) -> Result<Vec<TaskTemplate>, StoreError> {
        let plan = self.plan(plan_id)?;
        self.checklist_without(&plan, None)
    }

    /// Changes an own task; each changed field is one entry of its history.
    pub fn edit_own_task(
        &mut self,
        plan_id: i64,
        task_id: &str,
        edit: &OwnTaskEdit,
    ) -> Result<OwnTask, StoreError> {
        let plan = self.plan(plan_id)?;
        let task_id = task_id.trim().to_ascii_uppercase();
        let current = load(&self.conn, plan_id, Some(&task_id))?
            .pop()
            .ok_or_else(|| not_own(&plan, &task_id))?;
        if edit.is_empty() {
            return Err(StoreError::InvalidInput(
                "nothing to change: give a new title, phase, area, guidance, blocking, due, \
                 evidence hint, probes or dependencies"
                    .into(),
            ));
        }
        let checklist = self.checklist_without(&plan, Some(&task_id))?;
        let changed = edit.apply(&current).checked(&checklist)?;
        self.write(|tx, actor| {
            write_row(tx, plan_id, &changed)?;
            tx.execute(
                "UPDATE item SET updated_at = ?3 WHERE plan_id = ?1 AND task_id = ?2",
                params![plan_id, task_id, actor.at],
            )?;
            let gid = gid_of(tx, plan_id, &task_id)?;
            let fields: [(&str, String, String); 9] = [
                ("title", current.title.clone(), changed.title.clone()),
                (
                    "phase",
                    current.phase.label().into(),
                    changed.phase.label().into(),
                ),
                (
                    "area",
                    current.area.label().into(),
                    changed.area.label().into(),
                ),
                (
                    "guidance",
                    current.guidance.clone(),
                    changed.guidance.clone(),
                ),
                (
                    "blocking",
                    yes_no(current.blocking),
                    yes_no(changed.blocking),
                ),
                ("due", due_text(&current.due), due_text(&changed.due)),
                (
                    "evidence hint",
                    current.evidence.clone(),
                    changed.evidence.clone(),
                ),
                (
                    "probes",
                    current.probes.join(", "),
                    changed.probes.join(", "),
                ),
                (
                    "depends on",
                    current.depends_on.join(", "),
                    changed.depends_on.join(", "),
                ),
            ];
            for (field, old, new) in fields.into_iter().filter(|(_, o, n)| o != n) {
                actor.record(
                    tx,
                    Change {
                        task_id: Some(&task_id),
                        field: Some(field),
                        old: Some(old),
                        new: Some(new),
                        touches: vec![gid],
                        ..Change::plan(plan_id, EventKind::Updated)
                    },
                )?;
            }
            Ok(changed.clone())
        })
    }

    /// Removes an own task. One with evidence is refused unless `confirmed`: the evidence
    /// stays in the database with the retired task, but no view shows it any more.
    pub fn remove_own_task(
        &mut self,
        plan_id: i64,
        task_id: &str,
        confirmed: bool,
    ) -> Result<RemovedOwnTask, StoreError> {
        let plan = self.plan(plan_id)?;
        let task_id = task_id.trim().to_ascii_uppercase();
        let current = load(&self.conn, plan_id, Some(&task_id))?
            .pop()
            .ok_or_else(|| not_own(&plan, &task_id))?;
        self.write(|tx, actor| {
            let evidence: i64 = tx.query_row(
                "SELECT COUNT(*) FROM evidence WHERE plan_id = ?1 AND task_id = ?2",
                params![plan_id, task_id],
                |r| r.get(0),
            )?;
            let evidence = usize::try_from(evidence).unwrap_or(0);
            if evidence > 0 && !confirmed {
                return Err(StoreError::HasEvidence {
                    task_id: task_id.clone(),
                    count: evidence,
                });
            }
            let gid = gid_of(tx, plan_id, &task_id)?;
            tx.execute(
                "UPDATE own_task SET removed_at = ?3 WHERE plan_id = ?1 AND task_id = ?2",
                params![plan_id, task_id, actor.at],
            )?;
            tx.execute(
                "UPDATE item SET retired_at = ?3 WHERE plan_id = ?1 AND task_id = ?2",
                params![plan_id, task_id, actor.at],
            )?;
            actor.record(
                tx,
                Change {
                    task_id: Some(&task_id),
                    old: Some(current.title.clone()),
                    touches: vec![gid],
                    ..Change::plan(plan_id, EventKind::OwnTaskRemoved)
                },
            )?;
            Ok(RemovedOwnTask {
                task_id: task_id.clone(),
                title: current.title.clone(),
                evidence_kept: evidence,
            })
        })
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

/// Adds an own task inside the caller's transaction (a decision's conditions add several
/// with the decision): the next free `X-nn`, checked against `checklist`, with its item and
/// its event.
pub(super) fn insert_own_task(
    tx: &Transaction<'_>,
    actor: &Actor,
    plan_id: i64,
    task: OwnTask,
    checklist: &[TaskTemplate],
) -> Result<OwnTask, StoreError> {
    let taken: Vec<String> = tx
        .prepare("SELECT task_id FROM own_task WHERE plan_id = ?1")?
        .query_map([plan_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let id = next_own_id(taken.iter().map(String::as_str));
    let task = OwnTask { id, ..task }.checked(checklist)?;
    let gid = Gid::new();
    tx.execute(
        "INSERT INTO own_task (plan_id, task_id, gid, phase, area, title, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            plan_id,
            task.id,
            gid,
            task.phase.key(),
            task.area.key(),
            task.title,
            actor.at
        ],
    )?;
    write_row(tx, plan_id, &task)?;
    tx.execute(
        "INSERT INTO item (plan_id, task_id, updated_at) VALUES (?1, ?2, ?3)",
        params![plan_id, task.id, actor.at],
    )?;
    actor.record(
        tx,
        Change {
            task_id: Some(&task.id),
            new: Some(task.title.clone()),
            touches: vec![gid],
            ..Change::plan(plan_id, EventKind::OwnTaskAdded)
        },
    )?;
    Ok(task)
}
