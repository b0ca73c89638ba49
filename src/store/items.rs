//! Item changes: status, owner, pinned due date and waiver, each logged with its old value.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Actor, Change, EventKind, Store, StoreError};
use crate::plan::{Item, Status, Waiver};

/// A change to a task's pinned due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueChange {
    Pin(NaiveDate),
    Unpin,
}

/// What to change on one item; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemChange {
    pub status: Option<Status>,
    /// `Some(None)` clears the owner.
    pub owner: Option<Option<String>>,
    pub due: Option<DueChange>,
    /// `Some(None)` lifts the waiver.
    pub waiver: Option<Option<Waiver>>,
    /// Why the task is blocked; kept with a blocked status, cleared when it leaves it.
    pub blocked_reason: Option<String>,
}

impl ItemChange {
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.owner.is_none()
            && self.due.is_none()
            && self.waiver.is_none()
            && self.blocked_reason.is_none()
    }
}

fn waiver_text(w: &Option<Waiver>) -> Option<String> {
    w.as_ref().map(|w| {
        let mut text = format!("{} (until {})", w.reason, w.until);
        if let Some(approver) = &w.approver {
            text.push_str(&format!(", approved by {approver}"));
            if let Some(on) = w.approved_on {
                text.push_str(&format!(" on {on}"));
            }
        }
        text
    })
}

/// Trims an optional text; empty means none.
fn tidy(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

pub(super) fn unknown_task(
    tx: &rusqlite::Connection,
    plan_id: i64,
    task_id: &str,
) -> Result<StoreError, StoreError> {
    let plan: String = tx.query_row("SELECT name FROM plan WHERE id = ?1", [plan_id], |r| {
        r.get(0)
    })?;
    let upper = task_id.trim().to_ascii_uppercase();
    let close: Option<String> = tx
        .query_row(
            "SELECT task_id FROM item WHERE plan_id = ?1 AND upper(task_id) = ?2",
            params![plan_id, upper],
            |r| r.get(0),
        )
        .optional()?;
    Ok(StoreError::UnknownTask {
        plan,
        task_id: task_id.to_string(),
        hint: close
            .map(|c| format!(" (did you mean {c}?)"))
            .unwrap_or_default(),
    })
}

/// The columns of [`ItemRow`], in its order.
pub(super) const ITEM_COLUMNS: &str = "task_id, status, owner, pinned_due, waiver_reason, \
     waiver_until, added_in, reconfirm, blocked_reason, waiver_approver, waiver_approved_on, \
     waiver_accepted_risk, waiver_control";
/// How many columns [`ITEM_COLUMNS`] names.
pub(super) const ITEM_COLUMN_COUNT: usize = 13;

/// One row of `item` as stored; [`ItemRow::into_item`] checks every value.
pub(super) struct ItemRow {
    task_id: String,
    status: String,
    owner: Option<String>,
    pinned_due: Option<String>,
    waiver_reason: Option<String>,
    waiver_until: Option<String>,
    added_in: Option<String>,
    reconfirm: Option<String>,
    blocked_reason: Option<String>,
    waiver_approver: Option<String>,
    waiver_approved_on: Option<String>,
    waiver_accepted_risk: Option<String>,
    waiver_control: Option<String>,
}

impl ItemRow {
    pub(super) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<ItemRow> {
        Ok(ItemRow {
            task_id: r.get(0)?,
            status: r.get(1)?,
            owner: r.get(2)?,
            pinned_due: r.get(3)?,
            waiver_reason: r.get(4)?,
            waiver_until: r.get(5)?,
            added_in: r.get(6)?,
            reconfirm: r.get(7)?,
            blocked_reason: r.get(8)?,
            waiver_approver: r.get(9)?,
            waiver_approved_on: r.get(10)?,
            waiver_accepted_risk: r.get(11)?,
            waiver_control: r.get(12)?,
        })
    }

    pub(super) fn into_item(self) -> Result<Item, StoreError> {
        let bad = |what: &str, v: &str| StoreError::Corrupt(format!("{what} {v:?}"));
        let day = |what: &str, v: &str| v.parse::<NaiveDate>().map_err(|_| bad(what, v));
        Ok(Item {
            status: self
                .status
                .parse()
                .map_err(|_| bad("status", &self.status))?,
            pinned_due: self
                .pinned_due
                .as_deref()
                .map(|p| day("pinned date", p))
                .transpose()?,
            waiver: match (self.waiver_reason, self.waiver_until) {
                (Some(reason), Some(until)) => Some(Waiver {
                    reason,
                    until: day("waiver date", &until)?,
                    approver: self.waiver_approver,
                    approved_on: self
                        .waiver_approved_on
                        .as_deref()
                        .map(|d| day("waiver approval date", d))
                        .transpose()?,
                    accepted_risk: self.waiver_accepted_risk,
                    control: self.waiver_control,
                }),
                (None, None) => None,
                _ => return Err(bad("waiver of task", &self.task_id)),
            },
            task_id: self.task_id,
            owner: self.owner,
            added_in: self.added_in,
            reconfirm: self.reconfirm,
            blocked_reason: self.blocked_reason,
        })
    }
}

/// A task of the plan that is not retired.
pub(super) fn load_item(
    tx: &Transaction<'_>,
    plan_id: i64,
    task_id: &str,
) -> Result<Option<Item>, StoreError> {
    tx.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM item
         WHERE plan_id = ?1 AND task_id = ?2 AND retired_at IS NULL"
    ))?
    .query_row(params![plan_id, task_id], ItemRow::read)
    .optional()?
    .map(ItemRow::into_item)
    .transpose()
}

impl Store {
    /// Applies one change to one task as a single transaction and returns the new state.
    pub fn update_item(
        &mut self,
        plan_id: i64,
        task_id: &str,
        change: &ItemChange,
    ) -> Result<Item, StoreError> {
        check_change(change)?;
        self.plan(plan_id)?;
        self.write(|tx, actor| apply(tx, actor, plan_id, task_id, change))
    }

    /// Applies changes to several tasks as one transaction: all of them, or none when one
    /// is refused (an import). Returns the new states in the order given.
    pub fn update_items(
        &mut self,
        plan_id: i64,
        changes: &[(String, ItemChange)],
    ) -> Result<Vec<Item>, StoreError> {
        for (_, change) in changes {
            check_change(change)?;
        }
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            changes
                .iter()
                .map(|(task_id, change)| apply(tx, actor, plan_id, task_id, change))
                .collect()
        })
    }
}

fn check_change(change: &ItemChange) -> Result<(), StoreError> {
    if change.is_empty() {
        return Err(StoreError::InvalidInput(
            "nothing to change: give a status, owner, due date or waiver".into(),
        ));
    }
    if let Some(Some(w)) = &change.waiver
        && w.reason.trim().is_empty()
    {
        return Err(StoreError::InvalidInput(
            "a waiver needs a reason that says why the go-live can proceed without the task".into(),
        ));
    }
    Ok(())
}

/// One task's change inside the caller's transaction, each changed field logged.
pub(super) fn apply(
    tx: &Transaction<'_>,
    actor: &Actor,
    plan_id: i64,
    task_id: &str,
    change: &ItemChange,
) -> Result<Item, StoreError> {
    let Some(old) = load_item(tx, plan_id, task_id)? else {
        return Err(unknown_task(tx, plan_id, task_id)?);
    };
    let mut new = old.clone();
    if let Some(status) = change.status {
        new.status = status;
        // Setting the status, even to the same, is the confirmation an update asked for.
        new.reconfirm = None;
    }
    if let Some(owner) = &change.owner {
        new.owner = owner
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_string);
    }
    match change.due {
        Some(DueChange::Pin(date)) => new.pinned_due = Some(date),
        Some(DueChange::Unpin) => new.pinned_due = None,
        None => {}
    }
    if let Some(waiver) = &change.waiver {
        new.waiver = waiver.clone().map(|w| Waiver {
            reason: w.reason.trim().to_string(),
            until: w.until,
            approver: tidy(&w.approver),
            approved_on: w.approved_on,
            accepted_risk: tidy(&w.accepted_risk),
            control: tidy(&w.control),
        });
    }
    if let Some(reason) = &change.blocked_reason {
        new.blocked_reason = tidy(&Some(reason.clone()));
    }
    if new.status != Status::Blocked {
        new.blocked_reason = None;
    }
    check_governed(tx, plan_id, &old, &new)?;
    tx.prepare_cached(
        "UPDATE item SET status = ?3, owner = ?4, pinned_due = ?5, waiver_reason = ?6,
                             waiver_until = ?7, updated_at = ?8, reconfirm = ?9,
                             blocked_reason = ?10, waiver_approver = ?11,
                             waiver_approved_on = ?12, waiver_accepted_risk = ?13,
                             waiver_control = ?14
             WHERE plan_id = ?1 AND task_id = ?2",
    )?
    .execute(params![
        plan_id,
        task_id,
        new.status.key(),
        new.owner,
        new.pinned_due.map(|d| d.to_string()),
        new.waiver.as_ref().map(|w| w.reason.clone()),
        new.waiver.as_ref().map(|w| w.until.to_string()),
        actor.at,
        new.reconfirm,
        new.blocked_reason,
        new.waiver.as_ref().and_then(|w| w.approver.clone()),
        new.waiver
            .as_ref()
            .and_then(|w| w.approved_on.map(|d| d.to_string())),
        new.waiver.as_ref().and_then(|w| w.accepted_risk.clone()),
        new.waiver.as_ref().and_then(|w| w.control.clone()),
    ])?;
    let log = |field: &'static str, old: Option<String>, new: Option<String>| {
        if old == new {
            return Ok(());
        }
        actor
            .record(
                tx,
                Change {
                    plan_id,
                    task_id: Some(task_id),
                    kind: EventKind::Updated,
                    field: Some(field),
                    old,
                    new,
                    touches: Vec::new(),
                },
            )
            .map(drop)
    };
    log(
        "status",
        Some(old.status.key().into()),
        Some(new.status.key().into()),
    )?;
    log("owner", old.owner.clone(), new.owner.clone())?;
    log(
        "due",
        old.pinned_due.map(|d| format!("pinned {d}")),
        new.pinned_due.map(|d| format!("pinned {d}")),
    )?;
    log("waiver", waiver_text(&old.waiver), waiver_text(&new.waiver))?;
    log("reconfirm", old.reconfirm.clone(), new.reconfirm.clone())?;
    log(
        "blocked_reason",
        old.blocked_reason.clone(),
        new.blocked_reason.clone(),
    )?;
    Ok(new)
}

/// A new or changed waiver on a blocking task needs an approver, and an approval date not
/// in the future of its expiry. Only checked when the waiver changes, so older waivers stay
/// readable (the risk register flags them).
fn check_governed(
    tx: &Transaction<'_>,
    plan_id: i64,
    old: &Item,
    new: &Item,
) -> Result<(), StoreError> {
    let Some(w) = &new.waiver else {
        return Ok(());
    };
    if old.waiver.as_ref() == Some(w) {
        return Ok(());
    }
    if let Some(on) = w.approved_on
        && on > w.until
    {
        return Err(StoreError::InvalidInput(format!(
            "the waiver of {} is approved on {on}, after it expires ({}); give an approval \
             date on or before the expiry",
            new.task_id, w.until
        )));
    }
    if w.approver.is_some() {
        return Ok(());
    }
    let blocking = task_blocks(tx, plan_id, &new.task_id)?;
    if blocking {
        return Err(StoreError::InvalidInput(format!(
            "{} blocks the go-live: its waiver needs an approver (who accepts the risk), e.g. \
             --approver \"Head of E-commerce\"",
            new.task_id
        )));
    }
    Ok(())
}

/// Whether the task blocks the go-live: a plan's own task by its row, a template task by the
/// plan's template.
fn task_blocks(tx: &Transaction<'_>, plan_id: i64, task_id: &str) -> Result<bool, StoreError> {
    let own: Option<bool> = tx
        .query_row(
            "SELECT blocking FROM own_task WHERE plan_id = ?1 AND task_id = ?2",
            params![plan_id, task_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(blocking) = own {
        return Ok(blocking);
    }
    let body: String = tx.query_row(
        "SELECT t.body FROM plan p JOIN template t ON t.sha256 = p.template_sha256
         WHERE p.id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    let template = crate::catalog::Template::parse(&body, "the plan's template")?;
    Ok(template.tasks.iter().any(|t| t.id == task_id && t.blocking))
}
