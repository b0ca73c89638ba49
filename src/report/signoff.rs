//! Sign-off records in the store: a plan's stakeholders and their go-live decisions.
//!
//! The table comes from migration `003_signoff`; this module only reads and writes it.
//! The decision itself is the stakeholder's: nothing here derives it from readiness.

use chrono::{NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::ReportError;
use super::data::{Decision, SignOff};
use crate::store::Store;

fn db(e: rusqlite::Error) -> ReportError {
    ReportError::Store(e.to_string())
}

/// Adds a stakeholder to a plan (or updates their role and e-mail).
pub fn add_stakeholder(
    store: &Store,
    plan_id: i64,
    name: &str,
    role: &str,
    email: Option<&str>,
) -> Result<SignOff, ReportError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ReportError::Store(
            "a stakeholder needs a name; pass --name".into(),
        ));
    }
    store
        .conn()
        .execute(
            "INSERT INTO stakeholder (plan_id, name, role, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (plan_id, name) DO UPDATE SET role = excluded.role, email = excluded.email",
            params![plan_id, name, role.trim(), email.map(str::trim), Utc::now().to_rfc3339()],
        )
        .map_err(db)?;
    stakeholder(store, plan_id, name)?
        .ok_or_else(|| ReportError::Store(format!("stakeholder {name:?} was not saved")))
}

/// Records a stakeholder's decision; conditions are required for "go with conditions".
pub fn decide(
    store: &Store,
    plan_id: i64,
    name: &str,
    decision: Decision,
    conditions: Option<&str>,
    on: NaiveDate,
) -> Result<SignOff, ReportError> {
    let conditions = conditions.map(str::trim).filter(|c| !c.is_empty());
    if decision == Decision::GoWithConditions && conditions.is_none() {
        return Err(ReportError::Store(
            "\"go with conditions\" needs the conditions; pass --conditions TEXT".into(),
        ));
    }
    let changed = store
        .conn()
        .execute(
            "UPDATE stakeholder SET decision = ?3, conditions = ?4, decided_on = ?5
             WHERE plan_id = ?1 AND name = ?2",
            params![
                plan_id,
                name.trim(),
                decision.key(),
                conditions,
                on.to_string()
            ],
        )
        .map_err(db)?;
    if changed == 0 {
        return Err(ReportError::Store(format!(
            "{name:?} is not a stakeholder of this plan; add them first with `golive signoff add`"
        )));
    }
    stakeholder(store, plan_id, name.trim())?
        .ok_or_else(|| ReportError::Store(format!("stakeholder {name:?} vanished")))
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SignOff> {
    let decision: Option<String> = r.get(3)?;
    let decided_on: Option<String> = r.get(5)?;
    Ok(SignOff {
        name: r.get(0)?,
        role: r.get(1)?,
        email: r.get(2)?,
        decision: decision.and_then(|d| d.parse().ok()),
        conditions: r.get(4)?,
        decided_on: decided_on.and_then(|d| d.parse().ok()),
    })
}

const COLUMNS: &str = "name, role, email, decision, conditions, decided_on";

fn stakeholder(store: &Store, plan_id: i64, name: &str) -> Result<Option<SignOff>, ReportError> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM stakeholder WHERE plan_id = ?1 AND name = ?2"),
            params![plan_id, name],
            row,
        )
        .optional()
        .map_err(db)
}

/// A plan's stakeholders in the order they were added.
pub fn signoffs(store: &Store, plan_id: i64) -> Result<Vec<SignOff>, ReportError> {
    let mut stmt = store
        .conn()
        .prepare(&format!(
            "SELECT {COLUMNS} FROM stakeholder WHERE plan_id = ?1 ORDER BY id"
        ))
        .map_err(db)?;
    let rows = stmt.query_map(params![plan_id], row).map_err(db)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(db)
}
