//! [`PlanData`] written into the store: as a new plan, or merged into the plan with the same
//! global id, in one transaction. A merge first puts the bundle's own tasks under this
//! plan's ids ([`renumber`]); the rows the plan lacks are [`add`]'s, what the bundle changed
//! later [`plan_fields`]', [`later`]'s, [`own_tasks`]' and [`people`]'s, the insert of each
//! table [`rows`]'.

mod add;
mod later;
mod own_tasks;
mod people;
mod plan_fields;
mod renumber;
mod rows;

use rusqlite::{OptionalExtension, Transaction, params};

use super::validate::validate;
use super::{ImportMode, ImportOutcome, PlanData};
use crate::store::plans::{check_name, name_taken};
use crate::store::{Actor, Change, EventKind, Gid, Hlc, Store, StoreError, migrations};
use add::add_rows;
use later::{Latest, take_corrections, take_later_fields, take_later_runbook};
use own_tasks::take_later_own_tasks;
use people::{merge_people, take_later_stakeholders};
use plan_fields::take_later_plan_fields;
use renumber::with_local_ids;
use rows::{insert_item, insert_own_task, insert_plan, insert_runbook_row};

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
                    for i in &data.items {
                        insert_item(tx, plan_id, i)?;
                    }
                    for own in &data.own_tasks {
                        insert_own_task(tx, plan_id, own)?;
                    }
                    for row in &data.runbook {
                        insert_runbook_row(tx, plan_id, row)?;
                    }
                    let mut out = add_rows(tx, plan_id, data)?;
                    let there = Latest::of(&data.events);
                    merge_people(tx, plan_id, data, &Latest::default(), &there, &mut out)?;
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
                let (local, renumbered) = with_local_ids(tx, plan_id, data)?;
                let data = local.as_ref().unwrap_or(data);
                // Before the bundle's history joins this one: what each side changed last.
                let here = Latest::here(tx, plan_id)?;
                let there = Latest::of(&data.events);
                let mut out = add_rows(tx, plan_id, data)?;
                out.fields_taken = take_later_plan_fields(tx, plan_id, data, &here, &there)?;
                out.fields_taken
                    .extend(take_later_fields(tx, plan_id, data, &here, &there)?);
                out.fields_taken
                    .extend(take_later_own_tasks(tx, plan_id, data, &here, &there)?);
                out.fields_taken
                    .extend(take_later_runbook(tx, plan_id, data, &here, &there)?);
                out.fields_taken
                    .extend(take_corrections(tx, plan_id, data, &here, &there)?);
                merge_people(tx, plan_id, data, &here, &there, &mut out)?;
                out.fields_taken
                    .extend(take_later_stakeholders(tx, plan_id, data, &here, &there)?);
                out.merged = true;
                out.renumbered = renumbered;
                out.plan_id = plan_id;
                observe(tx, actor, data)?;
                let nothing = out.evidence_added + out.events_added + out.stakeholders_added
                    + out.decisions_added + out.runs_added
                    + out.people_added
                    + out.fields_taken.len()
                    == 0;
                if nothing {
                    return Ok(out);
                }
                actor.record(
                    tx,
                    Change {
                        new: Some(format!(
                            "{} evidence, {} history entries, {} decisions, {} probe runs, {} people added; {} fields taken",
                            out.evidence_added,
                            out.events_added,
                            out.decisions_added,
                            out.runs_added,
                            out.people_added,
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

/// Whether a row of `table` has this global id.
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
