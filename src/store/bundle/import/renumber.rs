//! A merge's own-task ids. Each database numbers a plan's own tasks itself (`X-01`, `X-02`,
//! …), so the same id can name two different tasks on two machines. Own tasks are matched by
//! their global id: one this plan has under another id takes that id, and one new here whose
//! id another own task holds gets the next free id. The bundle's data is rewritten that way
//! before anything is written, so its items, evidence, history, dependencies, runbook links
//! and decisions' conditions follow their task and none of it is dropped. Not here: what is
//! then added or taken ([`super::add`], [`super::later`]).

use std::collections::{HashMap, HashSet};

use rusqlite::{Transaction, params};

use super::super::PlanData;
use crate::plan::next_own_id;
use crate::store::{Gid, StoreError};

/// The bundle's data with its own tasks under this plan's ids (`None` when every id already
/// matches), and the ids given anew here, "X-01 → X-03".
pub(super) fn with_local_ids(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
) -> Result<(Option<PlanData>, Vec<String>), StoreError> {
    // Removed own tasks keep their rows and ids: an id is never given twice.
    let local: Vec<(String, Gid)> = tx
        .prepare("SELECT task_id, gid FROM own_task WHERE plan_id = ?1")?
        .query_map(params![plan_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let map = renames(&local, data);
    if map.is_empty() {
        return Ok((None, Vec::new()));
    }
    let held: HashSet<Gid> = local.iter().map(|(_, g)| *g).collect();
    // Only what is new here is worth telling: a task this plan has keeps its id as before.
    let mut anew: Vec<String> = data
        .own_tasks
        .iter()
        .filter(|o| !held.contains(&o.gid))
        .filter_map(|o| {
            map.get(&o.task_id)
                .map(|to| format!("{} → {to}", o.task_id))
        })
        .collect();
    anew.sort();
    Ok((Some(renamed(data, &map)), anew))
}

/// Bundle id → local id for every own task whose id differs here.
fn renames(local: &[(String, Gid)], data: &PlanData) -> HashMap<String, String> {
    let by_gid: HashMap<Gid, &str> = local.iter().map(|(id, g)| (*g, id.as_str())).collect();
    let held: HashSet<&str> = local.iter().map(|(id, _)| id.as_str()).collect();
    let mut map = HashMap::new();
    let mut fresh_needed = Vec::new();
    for own in &data.own_tasks {
        match by_gid.get(&own.gid) {
            Some(here) if *here != own.task_id => {
                map.insert(own.task_id.clone(), here.to_string());
            }
            Some(_) => {}
            None if held.contains(own.task_id.as_str()) => fresh_needed.push(own.task_id.clone()),
            None => {}
        }
    }
    // Fresh ids pass every id in use here and every bundle id that stays as it is.
    let mut taken: Vec<String> = local.iter().map(|(id, _)| id.clone()).collect();
    taken.extend(
        data.own_tasks
            .iter()
            .filter(|o| !map.contains_key(&o.task_id) && !fresh_needed.contains(&o.task_id))
            .map(|o| o.task_id.clone()),
    );
    for id in fresh_needed {
        let next = next_own_id(taken.iter().map(String::as_str));
        taken.push(next.clone());
        map.insert(id, next);
    }
    map
}

fn renamed(data: &PlanData, map: &HashMap<String, String>) -> PlanData {
    let id = |task: &str| map.get(task).cloned().unwrap_or_else(|| task.to_string());
    let mut out = data.clone();
    for own in &mut out.own_tasks {
        own.task_id = id(&own.task_id);
        own.depends_on = own
            .depends_on
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(id)
            .collect::<Vec<_>>()
            .join(",");
    }
    for item in &mut out.items {
        item.task_id = id(&item.task_id);
    }
    for e in out.evidence.iter_mut().chain(&mut out.retracted_evidence) {
        e.task_id = id(&e.task_id);
    }
    for e in &mut out.events {
        e.task_id = e.task_id.as_deref().map(id);
    }
    for row in &mut out.runbook {
        row.task_id = row.task_id.as_deref().map(id);
    }
    for d in out.stakeholders.iter_mut().flat_map(|s| &mut s.decisions) {
        for task in &mut d.condition_tasks {
            *task = id(task);
        }
    }
    out
}
