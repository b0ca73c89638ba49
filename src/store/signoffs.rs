//! Sign-off: a plan's stakeholders and every go-live decision they recorded.
//!
//! Adding, changing and removing a stakeholder and recording a decision are each one
//! transaction with their event (who, when, old → new decision, conditions). A decision is
//! a row of its own, so a changed mind keeps the decision before it; the stakeholder's
//! current decision is the newest. Each decision keeps the plan's state it was made on (the
//! report's, or the plan's at that moment), and a go-with-conditions' conditions become own
//! tasks of the plan in the same transaction. The decision itself is the stakeholder's:
//! nothing here derives it from readiness.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::items::{ItemChange, apply};
use super::own_tasks::insert_own_task;
use super::{Change, EventKind, Gid, Store, StoreError};
use crate::plan::{Condition, Decision, PlanState, Status, TaskState, plan_state};

/// One recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRecord {
    pub gid: Gid,
    pub decision: Decision,
    pub conditions: Option<String>,
    /// The day the stakeholder decided.
    pub decided_on: NaiveDate,
    /// When and by whom it was entered (RFC 3339, UTC).
    pub recorded_at: String,
    pub recorded_by: String,
    /// The plan's state when the decision was recorded; `None` before schema 6.
    pub basis: Option<PlanState>,
    /// The report the decision was made on (its id and the SHA-256 of its sealed data),
    /// when it was made from one.
    pub report_id: Option<String>,
    pub report_sha256: Option<String>,
    /// The own tasks its conditions became, in the order they were given.
    pub condition_tasks: Vec<String>,
}

/// The report a decision is made on: its id, the SHA-256 of its sealed data and the plan's
/// state it shows (`None` for reports from before reports carried it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRef {
    pub report_id: String,
    pub data_sha256: String,
    pub state: Option<PlanState>,
}

/// A decision as a stakeholder gives it.
#[derive(Debug, Clone, Copy)]
pub struct NewDecision<'a> {
    pub decision: Decision,
    /// What was said with it: the conditions in words, or the No-Go's reason.
    pub text: Option<&'a str>,
    /// What must be done, by whom and when, for a "go with conditions"; each becomes an own
    /// task of the plan.
    pub conditions: &'a [Condition],
    /// The day the stakeholder decided.
    pub on: NaiveDate,
    /// The report it was made on; without one, it is made on the plan as it is now.
    pub report: Option<&'a ReportRef>,
}

impl NewDecision<'static> {
    /// A decision with nothing said, no conditions, made on the plan as it is.
    pub fn new(decision: Decision, on: NaiveDate) -> Self {
        NewDecision {
            decision,
            text: None,
            conditions: &[],
            on,
            report: None,
        }
    }
}

impl NewDecision<'_> {
    /// The decision's text as said, trimmed.
    fn text(&self) -> Option<String> {
        self.text
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    }

    /// The conditions trimmed and checked, and the rules that need no database: only a go
    /// with conditions has conditions, a No-Go has its reason.
    fn checked(&self) -> Result<Vec<Condition>, StoreError> {
        let conditions = self
            .conditions
            .iter()
            .map(|c| c.clone().checked())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| StoreError::InvalidInput(e.to_string()))?;
        match self.decision {
            Decision::Go | Decision::NoGo if !conditions.is_empty() => {
                return Err(StoreError::InvalidInput(format!(
                    "only \"go with conditions\" has conditions; record it as that, or drop the \
                     conditions from this {}",
                    self.decision.label()
                )));
            }
            _ => {}
        }
        if self.decision == Decision::NoGo && self.text().is_none() {
            return Err(StoreError::InvalidInput(
                "a No-Go needs its reason: what stops the go-live (e.g. \"HSTS missing on the \
                 storefront\")"
                    .into(),
            ));
        }
        Ok(conditions)
    }
}

/// A stakeholder of a plan and their current decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stakeholder {
    pub id: i64,
    pub gid: Gid,
    pub name: String,
    pub role: String,
    pub email: Option<String>,
    pub decision: Option<DecisionRecord>,
}

fn described(s: &Stakeholder) -> String {
    match &s.email {
        Some(email) => format!("{} ({}, {email})", s.name, s.role),
        None => format!("{} ({})", s.name, s.role),
    }
}

fn decision_text(d: &DecisionRecord) -> String {
    match &d.conditions {
        Some(c) => format!("{} ({c}), on {}", d.decision.label(), d.decided_on),
        None => format!("{}, on {}", d.decision.label(), d.decided_on),
    }
}

const COLUMNS: &str = "s.id, s.gid, s.name, s.role, s.email, \
     d.gid, d.decision, d.conditions, d.decided_on, d.recorded_at, d.recorded_by, d.basis, d.report_id, d.report_sha256";

/// The stakeholders with their newest decision (if any).
const FROM: &str = "FROM stakeholder s LEFT JOIN decision d ON d.id = \
     (SELECT max(id) FROM decision WHERE stakeholder_id = s.id)";

struct Row {
    id: i64,
    gid: Gid,
    name: String,
    role: String,
    email: Option<String>,
    decision_gid: Option<Gid>,
    decision: Option<String>,
    conditions: Option<String>,
    decided_on: Option<String>,
    recorded_at: Option<String>,
    recorded_by: Option<String>,
    basis: Option<String>,
    report_id: Option<String>,
    report_sha256: Option<String>,
}

impl Row {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
        Ok(Row {
            id: r.get(0)?,
            gid: r.get(1)?,
            name: r.get(2)?,
            role: r.get(3)?,
            email: r.get(4)?,
            decision_gid: r.get(5)?,
            decision: r.get(6)?,
            conditions: r.get(7)?,
            decided_on: r.get(8)?,
            recorded_at: r.get(9)?,
            recorded_by: r.get(10)?,
            basis: r.get(11)?,
            report_id: r.get(12)?,
            report_sha256: r.get(13)?,
        })
    }

    fn into_stakeholder(self) -> Result<Stakeholder, StoreError> {
        let bad = |what: &str, v: &str| StoreError::Corrupt(format!("{what} {v:?}"));
        let decision = match (
            self.decision_gid,
            self.decision,
            self.decided_on,
            self.recorded_at,
            self.recorded_by,
        ) {
            (Some(gid), Some(decision), Some(on), Some(at), Some(by)) => Some(DecisionRecord {
                gid,
                decision: decision.parse().map_err(|_| bad("decision", &decision))?,
                conditions: self.conditions,
                decided_on: on.parse().map_err(|_| bad("decision day", &on))?,
                recorded_at: at,
                recorded_by: by,
                basis: self
                    .basis
                    .map(|b| serde_json::from_str(&b).map_err(|_| bad("decision basis", &b)))
                    .transpose()?,
                report_id: self.report_id,
                report_sha256: self.report_sha256,
                condition_tasks: Vec::new(),
            }),
            (None, None, None, None, None) => None,
            _ => return Err(bad("decision of stakeholder", &self.name)),
        };
        Ok(Stakeholder {
            id: self.id,
            gid: self.gid,
            name: self.name,
            role: self.role,
            email: self.email,
            decision,
        })
    }
}

fn find(
    tx: &rusqlite::Connection,
    plan_id: i64,
    name: &str,
) -> Result<Option<Stakeholder>, StoreError> {
    tx.query_row(
        &format!("SELECT {COLUMNS} {FROM} WHERE s.plan_id = ?1 AND s.name = ?2"),
        params![plan_id, name],
        Row::read,
    )
    .optional()?
    .map(|row| with_conditions(tx, row.into_stakeholder()?))
    .transpose()
}

/// The stakeholder with the own tasks their decision's conditions became.
fn with_conditions(
    conn: &rusqlite::Connection,
    mut s: Stakeholder,
) -> Result<Stakeholder, StoreError> {
    if let Some(d) = &mut s.decision {
        d.condition_tasks = conn
            .prepare_cached(
                "SELECT c.task_id FROM decision_condition c JOIN decision d ON d.id = c.decision_id
                 WHERE d.gid = ?1 ORDER BY c.position",
            )?
            .query_map([d.gid], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
    }
    Ok(s)
}

/// Of `task_ids`, the own tasks the plan still has (not removed), with their titles.
fn live_own_tasks(
    tx: &Transaction<'_>,
    plan_id: i64,
    task_ids: &[String],
) -> Result<Vec<(String, String)>, StoreError> {
    let mut out = Vec::new();
    for id in task_ids {
        let title: Option<String> = tx
            .query_row(
                "SELECT title FROM own_task
                 WHERE plan_id = ?1 AND task_id = ?2 AND removed_at IS NULL",
                params![plan_id, id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(title) = title {
            out.push((id.clone(), title));
        }
    }
    Ok(out)
}

fn existing(tx: &Transaction<'_>, plan_id: i64, name: &str) -> Result<Stakeholder, StoreError> {
    find(tx, plan_id, name)?.ok_or_else(|| StoreError::UnknownStakeholder(name.to_string()))
}

impl Store {
    /// Adds a stakeholder to a plan, or changes the role and e-mail of one with that name.
    pub fn add_stakeholder(
        &mut self,
        plan_id: i64,
        name: &str,
        role: &str,
        email: Option<&str>,
    ) -> Result<Stakeholder, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::InvalidInput(
                "a stakeholder needs a name: the person who decides".into(),
            ));
        }
        let role = role.trim();
        let email = email.map(str::trim).filter(|e| !e.is_empty());
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            let before = find(tx, plan_id, name)?;
            let gid = before.as_ref().map_or_else(Gid::new, |s| s.gid);
            tx.execute(
                "INSERT INTO stakeholder (gid, plan_id, name, role, email, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (plan_id, name) DO UPDATE SET role = excluded.role,
                                                           email = excluded.email",
                params![gid, plan_id, name, role, email, actor.at],
            )?;
            let after = existing(tx, plan_id, name)?;
            let (kind, old) = match &before {
                None => (EventKind::StakeholderAdded, None),
                Some(b) if described(b) == described(&after) => return Ok(after),
                Some(b) => (EventKind::StakeholderUpdated, Some(described(b))),
            };
            actor.record(
                tx,
                Change {
                    old,
                    new: Some(described(&after)),
                    touches: vec![after.gid],
                    ..Change::plan(plan_id, kind)
                },
            )?;
            Ok(after)
        })
    }

    /// Removes a stakeholder and their decisions; the event log keeps what they decided.
    pub fn remove_stakeholder(&mut self, plan_id: i64, name: &str) -> Result<(), StoreError> {
        let name = name.trim();
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            let gone = existing(tx, plan_id, name)?;
            let old = match &gone.decision {
                Some(d) => format!("{}, who had decided {}", described(&gone), decision_text(d)),
                None => described(&gone),
            };
            tx.execute("DELETE FROM stakeholder WHERE id = ?1", [gone.id])?;
            actor.record(
                tx,
                Change {
                    old: Some(old),
                    touches: vec![gone.gid],
                    ..Change::plan(plan_id, EventKind::StakeholderRemoved)
                },
            )?;
            Ok(())
        })
    }

    /// Records a decision with, for "go with conditions", its conditions as own tasks of the
    /// plan (each owned and due as given), all in one transaction. The decision keeps the
    /// state it was made on: the report's, or the plan's as it is now.
    pub fn record_decision(
        &mut self,
        plan_id: i64,
        name: &str,
        new: &NewDecision<'_>,
    ) -> Result<Stakeholder, StoreError> {
        let name = name.trim();
        let conditions = new.checked()?;
        let mut basis = match new.report.and_then(|r| r.state.clone()) {
            Some(state) => state,
            None => self.plan_state(plan_id)?,
        };
        let plan = self.plan(plan_id)?;
        let launch_day = plan.settings.launch.date();
        let checklist = if conditions.is_empty() {
            Vec::new()
        } else {
            self.checklist_of(plan_id)?
        };
        self.write(|tx, actor| {
            let before = existing(tx, plan_id, name)?;
            // A go with conditions made again (a re-confirmation, say) keeps the conditions
            // its stakeholder set before, as long as the plan still has their tasks.
            let kept = match (&before.decision, new.decision) {
                (Some(d), Decision::GoWithConditions)
                    if d.decision == Decision::GoWithConditions =>
                {
                    live_own_tasks(tx, plan_id, &d.condition_tasks)?
                }
                _ => Vec::new(),
            };
            if new.decision == Decision::GoWithConditions
                && kept.is_empty()
                && conditions.is_empty()
            {
                return Err(StoreError::InvalidInput(
                    "\"go with conditions\" needs its conditions: for each, what must be true \
                     to go live, who sees to it and by when"
                        .into(),
                ));
            }
            let mut condition_tasks: Vec<String> = kept.iter().map(|(id, _)| id.clone()).collect();
            let mut titles: Vec<String> = kept.into_iter().map(|(_, title)| title).collect();
            for condition in &conditions {
                let task = condition.to_task(launch_day, name, new.on);
                let task = insert_own_task(tx, actor, plan_id, task, &checklist)?;
                let owner = ItemChange {
                    owner: Some(Some(condition.owner.clone())),
                    ..ItemChange::default()
                };
                apply(tx, actor, plan_id, &task.id, &owner)?;
                // The tasks a decision sets are part of what it was made on, so they alone
                // do not ask for a re-confirmation.
                basis.tasks.insert(
                    task.id.clone(),
                    TaskState {
                        status: Status::Todo,
                        waived: false,
                    },
                );
                condition_tasks.push(task.id);
                titles.push(condition.text.clone());
            }
            let text = new
                .text()
                .or_else(|| (!titles.is_empty()).then(|| titles.join("; ")));
            let basis = serde_json::to_string(&basis)
                .map_err(|e| StoreError::Corrupt(format!("plan state: {e}")))?;
            let gid = Gid::new();
            tx.execute(
                "INSERT INTO decision (gid, stakeholder_id, decision, conditions, decided_on,
                                       recorded_at, recorded_by, basis, report_id,
                                       report_sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    gid,
                    before.id,
                    new.decision.key(),
                    text,
                    new.on.to_string(),
                    actor.at,
                    actor.who,
                    basis,
                    new.report.map(|r| r.report_id.as_str()),
                    new.report.map(|r| r.data_sha256.as_str())
                ],
            )?;
            let decision_id = tx.last_insert_rowid();
            for (position, task_id) in condition_tasks.iter().enumerate() {
                tx.execute(
                    "INSERT INTO decision_condition (decision_id, position, task_id)
                     VALUES (?1, ?2, ?3)",
                    params![decision_id, position as i64, task_id],
                )?;
            }
            let after = existing(tx, plan_id, name)?;
            actor.record(
                tx,
                Change {
                    field: Some(name),
                    old: before.decision.as_ref().map(decision_text),
                    new: after.decision.as_ref().map(decision_text),
                    touches: vec![after.gid, gid],
                    ..Change::plan(plan_id, EventKind::DecisionRecorded)
                },
            )?;
            Ok(after)
        })
    }

    /// The plan's state a decision is made on, as of today.
    pub fn plan_state(&self, plan_id: i64) -> Result<PlanState, StoreError> {
        let (plan, snapshot) = self.snapshot(plan_id, None)?;
        let template = self.template_of(&plan)?;
        let failing = self.failing_checks(plan_id, &template)?;
        Ok(plan_state(&snapshot, &plan.template.version, &failing))
    }

    /// A plan's stakeholders in the order they were added.
    pub fn stakeholders(&self, plan_id: i64) -> Result<Vec<Stakeholder>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} {FROM} WHERE s.plan_id = ?1 ORDER BY s.id"
        ))?;
        let rows = stmt
            .query_map([plan_id], Row::read)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|row| with_conditions(&self.conn, row.into_stakeholder()?))
            .collect()
    }
}
