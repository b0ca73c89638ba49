//! A merge's "newer wins": what each side changed last, by the hybrid logical clock, and
//! the bundle's value taken wherever the bundle changed it later — a task's fields, a
//! runbook step's time, title, owner, checkpoint, task, DNS switch, check-off or removal, an evidence item's
//! corrected text — and a retraction wherever the bundle has one (evidence only ever
//! leaves). Not for rows the plan lacks ([`super::add`]).

use std::collections::HashMap;

use rusqlite::types::Null;
use rusqlite::{OptionalExtension, ToSql, Transaction, params};

use super::super::{EventRow, ItemRow, PlanData, RunbookRow};
use crate::store::{EventKind, Gid, StoreError};

/// The fields a runbook step's history names, beside its `updated` entries' own: a check-off
/// (or taking it back) and a removal.
const RUNBOOK_CHECK: &str = "runbook check";
const RUNBOOK_REMOVED: &str = "runbook removed";
/// An own task's removal, and its due rule: an own task's edit logs its rule as "due" like
/// a pinned date, but touches the task's row, so the two are told apart.
pub(super) const OWN_TASK_REMOVED: &str = "removed";
pub(super) const DUE_RULE: &str = "due rule";

/// The kinds of history entries that stamp a row by its global id (`touches`) for a merge.
const TOUCHING: [EventKind; 5] = [
    EventKind::EvidenceEdited,
    EventKind::PersonAdded,
    EventKind::PersonRemoved,
    EventKind::StakeholderAdded,
    EventKind::StakeholderUpdated,
];

/// What one side changed last, before the other side's history joins it.
#[derive(Debug, Default)]
pub(super) struct Latest {
    /// (task or runbook step, field) → the latest stamp of an update of it.
    pub fields: HashMap<(String, String), String>,
    /// A row's global id → the latest stamp (and kind) of an evidence edit, a person or
    /// stakeholder added or changed, or a person removed.
    pub touched: HashMap<Gid, (String, EventKind)>,
    /// A field of the plan itself ("launch", "name", "client") → the latest stamp of a
    /// change of it.
    pub plan: HashMap<&'static str, String>,
}

impl Latest {
    /// This database's plan as it stands.
    pub fn here(tx: &Transaction<'_>, plan_id: i64) -> Result<Latest, StoreError> {
        let mut latest = Latest::default();
        let mut stmt = tx.prepare(
            "SELECT action, task_id, field, hlc, touches FROM event WHERE plan_id = ?1
             AND action IN ('updated', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut rows = stmt.query(params![
            plan_id,
            TOUCHING[0].key(),
            TOUCHING[1].key(),
            TOUCHING[2].key(),
            TOUCHING[3].key(),
            TOUCHING[4].key(),
            EventKind::RunbookStepChecked.key(),
            EventKind::RunbookStepRemoved.key(),
            EventKind::OwnTaskRemoved.key(),
            EventKind::Rescheduled.key(),
            EventKind::Renamed.key()
        ])?;
        while let Some(r) = rows.next()? {
            let (task, field): (Option<String>, Option<String>) = (r.get(1)?, r.get(2)?);
            latest.note(
                &r.get::<_, String>(0)?,
                task.as_deref(),
                field.as_deref(),
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
            );
        }
        Ok(latest)
    }

    /// The bundle's history.
    pub fn of(events: &[EventRow]) -> Latest {
        let mut latest = Latest::default();
        for e in events {
            latest.note(
                &e.kind,
                e.task_id.as_deref(),
                e.field.as_deref(),
                &e.hlc,
                &e.touches,
            );
        }
        latest
    }

    fn note(
        &mut self,
        kind: &str,
        task: Option<&str>,
        field: Option<&str>,
        hlc: &str,
        touches: &str,
    ) {
        let Ok(kind) = kind.parse::<EventKind>() else {
            return;
        };
        let plan_field = match (kind, task, field) {
            (EventKind::Rescheduled, None, _) => Some("launch"),
            (EventKind::Renamed, None, _) => Some("name"),
            (EventKind::Updated, None, Some("client")) => Some("client"),
            _ => None,
        };
        if let Some(f) = plan_field {
            if self.plan.get(f).is_none_or(|h| h.as_str() < hlc) {
                self.plan.insert(f, hlc.to_string());
            }
            return;
        }
        let field = match kind {
            // Every entry touches its plan; an own task's edit touches the task's row too.
            EventKind::Updated
                if field == Some("due")
                    && serde_json::from_str::<Vec<Gid>>(touches).is_ok_and(|t| t.len() > 1) =>
            {
                Some(DUE_RULE)
            }
            EventKind::Updated => field,
            EventKind::RunbookStepChecked => Some(RUNBOOK_CHECK),
            EventKind::RunbookStepRemoved => Some(RUNBOOK_REMOVED),
            EventKind::OwnTaskRemoved => Some(OWN_TASK_REMOVED),
            _ => None,
        };
        if let (Some(task), Some(field)) = (task, field) {
            let key = (task.to_string(), field.to_string());
            if self.fields.get(&key).is_none_or(|h| h.as_str() < hlc) {
                self.fields.insert(key, hlc.to_string());
            }
        }
        if !TOUCHING.contains(&kind) {
            return;
        }
        for gid in serde_json::from_str::<Vec<Gid>>(touches).unwrap_or_default() {
            if self.touched.get(&gid).is_none_or(|(h, _)| h.as_str() < hlc) {
                self.touched.insert(gid, (hlc.to_string(), kind));
            }
        }
    }

    /// The (task or step, field) pairs this side (the bundle) changed later than `here` did,
    /// or that `here` never changed, in a fixed order.
    pub fn fields_later_than<'a>(&'a self, here: &Latest) -> Vec<(&'a String, &'a String)> {
        let mut keys: Vec<_> = self
            .fields
            .iter()
            .filter(|(key, hlc)| here.fields.get(*key).is_none_or(|l| l < *hlc))
            .map(|((row, field), _)| (row, field))
            .collect();
        keys.sort();
        keys
    }

    /// Whether this side (the bundle) changed a field of the plan itself later than `here`.
    pub fn plan_field_later_than(&self, here: &Latest, field: &str) -> bool {
        match (self.plan.get(field), here.plan.get(field)) {
            (Some(there), Some(mine)) => there > mine,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// Whether `theirs` changed the row later than this side did (or this side never did).
    pub fn later_there(&self, gid: Gid, theirs: &Latest) -> bool {
        match (theirs.touched.get(&gid), self.touched.get(&gid)) {
            (Some((there, _)), Some((here, _))) => there > here,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// For each task field the bundle's history changed later than `here` (this database's
/// latest stamps before the merge), the bundle's value; answers which fields were taken.
pub(super) fn take_later_fields(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
    here: &Latest,
    there: &Latest,
) -> Result<Vec<String>, StoreError> {
    let items: HashMap<&str, &ItemRow> =
        data.items.iter().map(|i| (i.task_id.as_str(), i)).collect();
    let mut taken = Vec::new();
    for (task, field) in there.fields_later_than(here) {
        let Some(item) = items.get(task.as_str()) else {
            continue;
        };
        let changed = match field.as_str() {
            "status" => set(tx, plan_id, task, "status = ?3", params![item.status])?,
            "owner" => set(tx, plan_id, task, "owner = ?3", params![item.owner])?,
            "due" => set(
                tx,
                plan_id,
                task,
                "pinned_due = ?3",
                params![item.pinned_due],
            )?,
            "reconfirm" => set(tx, plan_id, task, "reconfirm = ?3", params![item.reconfirm])?,
            "blocked_reason" => set(
                tx,
                plan_id,
                task,
                "blocked_reason = ?3",
                params![item.blocked_reason],
            )?,
            // A waiver travels whole: its reason and expiry with who approved it, when, the
            // risk accepted and the control that limits it.
            "waiver" => set(
                tx,
                plan_id,
                task,
                "waiver_reason = ?3, waiver_until = ?4, waiver_approver = ?5,
                 waiver_approved_on = ?6, waiver_accepted_risk = ?7, waiver_control = ?8",
                params![
                    item.waiver_reason,
                    item.waiver_until,
                    item.waiver_approver,
                    item.waiver_approved_on,
                    item.waiver_accepted_risk,
                    item.waiver_control
                ],
            )?,
            _ => false,
        };
        if changed {
            // In words: "blocked reason", as the history's field keys are not.
            taken.push(format!("{task} {}", field.replace('_', " ")));
        }
    }
    Ok(taken)
}

/// Sets `assignments` (parameters from ?3 on, given in `values`) on one task's item.
fn set(
    tx: &Transaction<'_>,
    plan_id: i64,
    task: &str,
    assignments: &str,
    values: &[&dyn rusqlite::ToSql],
) -> Result<bool, StoreError> {
    let mut all: Vec<&dyn rusqlite::ToSql> = vec![&plan_id, &task];
    all.extend_from_slice(values);
    let sql = format!("UPDATE item SET {assignments} WHERE plan_id = ?1 AND task_id = ?2");
    Ok(tx.execute(&sql, all.as_slice())? > 0)
}

/// Evidence the bundle retracted and this database has live is retracted here too, with the
/// bundle's who, when and why; a text the bundle corrected later than this database did is
/// taken with its corrector. Answers what was taken, as "TASK evidence retracted|edited".
pub(super) fn take_corrections(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
    here: &Latest,
    there: &Latest,
) -> Result<Vec<String>, StoreError> {
    let mut taken = Vec::new();
    for e in data.evidence.iter().chain(&data.retracted_evidence) {
        let local: Option<(String, Option<String>, bool)> = tx
            .query_row(
                "SELECT body, title, retracted_at IS NOT NULL FROM evidence
                 WHERE plan_id = ?1 AND gid = ?2",
                params![plan_id, e.gid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((body, title, retracted_here)) = local else {
            continue;
        };
        if e.edited_at.is_some()
            && (body != e.body || title != e.title)
            && here.later_there(e.gid, there)
        {
            tx.execute(
                "UPDATE evidence SET body = ?3, title = ?4, edited_at = ?5, edited_by = ?6
                 WHERE plan_id = ?1 AND gid = ?2",
                params![plan_id, e.gid, e.body, e.title, e.edited_at, e.edited_by],
            )?;
            taken.push(format!("{} evidence edited", e.task_id));
        }
        if let Some(r) = &e.retracted
            && !retracted_here
        {
            tx.execute(
                "UPDATE evidence SET retracted_at = ?3, retracted_by = ?4, retract_reason = ?5
                 WHERE plan_id = ?1 AND gid = ?2",
                params![plan_id, e.gid, r.at, r.by, r.reason],
            )?;
            taken.push(format!("{} evidence retracted", e.task_id));
        }
    }
    Ok(taken)
}

/// For each runbook step field the bundle's history changed later than `here`, the
/// bundle's value (a check-off with who did it); answers them as "STEP field".
pub(super) fn take_later_runbook(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
    here: &Latest,
    there: &Latest,
) -> Result<Vec<String>, StoreError> {
    let steps: HashMap<&str, &RunbookRow> = data
        .runbook
        .iter()
        .map(|r| (r.step_id.as_str(), r))
        .collect();
    let mut taken = Vec::new();
    for (step, field) in there.fields_later_than(here) {
        let Some(row) = steps.get(step.as_str()) else {
            continue;
        };
        let (columns, values): (&[&str], [&dyn ToSql; 2]) = match field.as_str() {
            "runbook title" => (&["title"], [&row.title, &Null]),
            "runbook time" => (&["at_minutes"], [&row.at_minutes, &Null]),
            "runbook owner" => (&["owner"], [&row.owner, &Null]),
            "runbook checkpoint" => (&["checkpoint"], [&row.checkpoint, &Null]),
            "runbook task" => (&["task_id"], [&row.task_id, &Null]),
            "runbook DNS switch" => (&["dns_switch"], [&row.dns_switch, &Null]),
            RUNBOOK_CHECK => (
                &["checked_at", "checked_by"],
                [&row.checked_at, &row.checked_by],
            ),
            RUNBOOK_REMOVED => (&["removed_at"], [&row.removed_at, &Null]),
            _ => continue,
        };
        let changed = set_changed(
            tx,
            "runbook_step",
            ("step_id", step),
            plan_id,
            columns,
            &values[..columns.len()],
        )?;
        if changed {
            tx.execute(
                "UPDATE runbook_step SET updated_at = ?3 WHERE plan_id = ?1 AND step_id = ?2",
                params![plan_id, step, row.updated_at],
            )?;
            taken.push(format!("{step} {field}"));
        }
    }
    Ok(taken)
}

/// Sets `columns` to `values` on the plan's row of `table` keyed by `key` (column, value),
/// unless they already hold them; answers whether the row changed.
pub(super) fn set_changed(
    tx: &Transaction<'_>,
    table: &str,
    key: (&str, &str),
    plan_id: i64,
    columns: &[&str],
    values: &[&dyn ToSql],
) -> Result<bool, StoreError> {
    let slot = |i: usize| i + 3;
    let assignments: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", slot(i)))
        .collect();
    let unchanged: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} IS ?{}", slot(i)))
        .collect();
    let sql = format!(
        "UPDATE {table} SET {} WHERE plan_id = ?1 AND {} = ?2 AND NOT ({})",
        assignments.join(", "),
        key.0,
        unchanged.join(" AND ")
    );
    let mut all: Vec<&dyn ToSql> = vec![&plan_id, &key.1];
    all.extend_from_slice(values);
    Ok(tx.execute(&sql, all.as_slice())? > 0)
}
