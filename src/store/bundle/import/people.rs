//! The plan's people list merged: a person the plan lacks arrives (unless this database
//! removed them later), a role or e-mail the bundle changed later is taken, and a person
//! the bundle removed later than this database last changed them leaves. Matched by global
//! id, or by name without case as the store's own people list does. A stakeholder's role
//! and e-mail merge the same way (the stakeholders themselves arrive with [`super::add`]).

use rusqlite::{OptionalExtension, Transaction, params};

use super::super::{ImportOutcome, PlanData};
use super::later::Latest;
use super::rows::insert_person;
use crate::store::{EventKind, Gid, StoreError};

pub(super) fn merge_people(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
    here: &Latest,
    there: &Latest,
    out: &mut ImportOutcome,
) -> Result<(), StoreError> {
    for p in &data.people {
        let local: Option<(Gid, Option<String>, Option<String>)> = tx
            .query_row(
                "SELECT gid, role, email FROM person
                 WHERE gid = ?1 OR (plan_id = ?2 AND name = ?3 COLLATE NOCASE)",
                params![p.gid, plan_id, p.name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match local {
            None => {
                let removed_here_later = matches!(
                    here.touched.get(&p.gid),
                    Some((hlc, EventKind::PersonRemoved))
                        if there.touched.get(&p.gid).is_none_or(|(t, _)| t < hlc)
                );
                if !removed_here_later {
                    insert_person(tx, plan_id, p)?;
                    out.people_added += 1;
                }
            }
            Some((gid, role, email)) => {
                if (role != p.role || email != p.email) && changed_later(p.gid, gid, here, there) {
                    tx.execute(
                        "UPDATE person SET role = ?2, email = ?3 WHERE gid = ?1",
                        params![gid, p.role, p.email],
                    )?;
                    out.fields_taken.push(format!("person {}", p.name));
                }
            }
        }
    }
    let mut removed_there: Vec<Gid> = there
        .touched
        .iter()
        .filter(|(gid, (_, kind))| {
            *kind == EventKind::PersonRemoved
                && !data.people.iter().any(|p| p.gid == **gid)
                && here.later_there(**gid, there)
        })
        .map(|(gid, _)| *gid)
        .collect();
    removed_there.sort();
    for gid in removed_there {
        let name: Option<String> = tx
            .query_row(
                "SELECT name FROM person WHERE plan_id = ?1 AND gid = ?2",
                params![plan_id, gid],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(name) = name {
            tx.execute("DELETE FROM person WHERE gid = ?1", [gid])?;
            out.fields_taken.push(format!("person {name} removed"));
        }
    }
    Ok(())
}

/// A stakeholder's role and e-mail the bundle changed later than this database are taken;
/// answers them as "stakeholder NAME". Removals stay out: a stakeholder's decisions only
/// grow.
pub(super) fn take_later_stakeholders(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
    here: &Latest,
    there: &Latest,
) -> Result<Vec<String>, StoreError> {
    let mut taken = Vec::new();
    for s in &data.stakeholders {
        let local: Option<(Gid, String, Option<String>)> = tx
            .query_row(
                "SELECT gid, role, email FROM stakeholder
                 WHERE gid = ?1 OR (plan_id = ?2 AND name = ?3)",
                params![s.gid, plan_id, s.name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((gid, role, email)) = local else {
            continue;
        };
        if (role != s.role || email != s.email) && changed_later(s.gid, gid, here, there) {
            tx.execute(
                "UPDATE stakeholder SET role = ?2, email = ?3 WHERE gid = ?1",
                params![gid, s.role, s.email],
            )?;
            taken.push(format!("stakeholder {}", s.name));
        }
    }
    Ok(taken)
}

/// Whether the bundle's row `theirs` was changed later there than the matching row `ours`
/// here (the two ids differ where both sides added the same name).
fn changed_later(theirs: Gid, ours: Gid, here: &Latest, there: &Latest) -> bool {
    match (there.touched.get(&theirs), here.touched.get(&ours)) {
        (Some((t, _)), Some((h, _))) => t > h,
        (Some(_), None) => true,
        (None, _) => false,
    }
}
