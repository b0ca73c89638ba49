//! A whole plan as data that can travel: everything the store holds about it (settings,
//! template texts, tasks, evidence rows, the event log, stakeholders and their decisions,
//! endpoints, probe runs), and bringing such data back — as a new plan, or merged into the
//! same plan (matched by its global id) when asked explicitly.
//!
//! Every value is checked before a row is written, and the whole import is one transaction.
//! Evidence files travel beside this data (content-addressed); packing both into one file
//! is [`crate::export`]'s. A merge only adds what is missing (evidence, history, sign-offs
//! and runs only grow) and takes a task's or the plan's field from the bundle only when the
//! bundle changed it later, by the hybrid logical clock; it never overwrites silently: what
//! it took is answered and logged.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::plans::check_name;
use super::{Change, EventKind, Gid, Hlc, Store, StoreError, StoredResult};
use crate::catalog::Template;
use crate::plan::{Decision, Launch, Status, WorkCalendar};

/// The version of [`PlanData`]'s layout this build writes and reads.
pub const PLAN_DATA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub gid: Gid,
    pub name: String,
    pub client: Option<String>,
    pub launch_local: String,
    pub zone: String,
    pub pentest: Option<String>,
    pub working_days: String,
    pub holidays: String,
    pub planned_on: String,
    pub template_sha256: String,
    pub archived: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRow {
    pub sha256: String,
    pub template_id: String,
    pub version: String,
    pub name: String,
    pub source_url: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRow {
    pub task_id: String,
    pub status: String,
    pub owner: Option<String>,
    pub pinned_due: Option<String>,
    pub waiver_reason: Option<String>,
    pub waiver_until: Option<String>,
    pub updated_at: String,
    pub added_in: Option<String>,
    pub retired_at: Option<String>,
    pub retired_from: Option<String>,
    pub reconfirm: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRow {
    pub gid: Gid,
    pub task_id: String,
    pub kind: String,
    pub body: String,
    pub title: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub gid: Gid,
    pub hlc: String,
    pub task_id: Option<String>,
    pub at: String,
    pub who: String,
    pub kind: String,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub touches: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRow {
    pub gid: Gid,
    pub decision: String,
    pub conditions: Option<String>,
    pub decided_on: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StakeholderRow {
    pub gid: Gid,
    pub name: String,
    pub role: String,
    pub email: Option<String>,
    pub created_at: String,
    pub decisions: Vec<DecisionRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRow {
    pub gid: Gid,
    pub kind: String,
    pub started_at: String,
    pub finished_at: String,
    pub cancelled: bool,
    pub verdict: String,
    pub created_by: String,
    pub results: Vec<StoredResult>,
}

/// Everything the store holds about one plan, as plain rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanData {
    pub version: u32,
    pub plan: PlanRow,
    /// The template the plan follows and every earlier one a retired task still needs.
    pub templates: Vec<TemplateRow>,
    pub items: Vec<ItemRow>,
    pub evidence: Vec<EvidenceRow>,
    pub events: Vec<EventRow>,
    pub stakeholders: Vec<StakeholderRow>,
    pub endpoints: Option<String>,
    pub runs: Vec<RunRow>,
}

impl PlanData {
    /// The content addresses of the evidence files the data names.
    pub fn file_hashes(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.evidence
            .iter()
            .filter_map(|e| e.sha256.clone())
            .filter(|s| seen.insert(s.clone()))
            .collect()
    }
}

/// How an import treats a plan this database already has (the same global id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// A new plan; refused when the plan is already here.
    New,
    /// Into the plan with the same global id.
    Merge,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImportOutcome {
    pub plan_id: i64,
    pub merged: bool,
    pub evidence_added: usize,
    pub events_added: usize,
    pub stakeholders_added: usize,
    pub decisions_added: usize,
    pub runs_added: usize,
    /// Fields the bundle had changed later than this database, as "TASK field" or "field".
    pub fields_taken: Vec<String>,
}

fn bad(what: &str, value: &str) -> StoreError {
    StoreError::InvalidInput(format!("the bundle holds an unreadable {what}: {value:?}"))
}

fn check_day(what: &str, value: &str) -> Result<(), StoreError> {
    value
        .parse::<NaiveDate>()
        .map(drop)
        .map_err(|_| bad(what, value))
}

fn check_instant(what: &str, value: &str) -> Result<(), StoreError> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map(drop)
        .map_err(|_| bad(what, value))
}

/// Every value checked as the store's own typed mappings would read it, before any write.
fn validate(data: &PlanData) -> Result<(), StoreError> {
    if data.version > PLAN_DATA_VERSION {
        return Err(StoreError::InvalidInput(format!(
            "the bundle was written by a newer GoLive Planner (plan data version {}, this one \
             reads up to {PLAN_DATA_VERSION}); update GoLive Planner to import it",
            data.version
        )));
    }
    let p = &data.plan;
    check_name(&p.name)?;
    Launch::parse(&p.launch_local, &p.zone).map_err(|_| bad("launch", &p.launch_local))?;
    WorkCalendar::parse_weekdays(&p.working_days)
        .map_err(|_| bad("working days", &p.working_days))?;
    for h in p.holidays.split(',').filter(|h| !h.is_empty()) {
        check_day("holiday", h)?;
    }
    if let Some(d) = &p.pentest {
        check_day("pen-test date", d)?;
    }
    check_day("planned-on date", &p.planned_on)?;
    check_instant("creation time", &p.created_at)?;
    let mut shas = HashSet::new();
    for t in &data.templates {
        Template::parse(&t.body, &format!("template {} in the bundle", t.version))?;
        let sha = super::plans::hex(&Sha256::digest(t.body.as_bytes()));
        if sha != t.sha256 {
            return Err(bad("template checksum", &t.sha256));
        }
        shas.insert(t.sha256.as_str());
    }
    if !shas.contains(p.template_sha256.as_str()) {
        return Err(bad("template reference", &p.template_sha256));
    }
    let mut tasks = HashSet::new();
    for i in &data.items {
        i.status
            .parse::<Status>()
            .map_err(|_| bad("status", &i.status))?;
        for d in [&i.pinned_due, &i.waiver_until].into_iter().flatten() {
            check_day("task date", d)?;
        }
        if i.waiver_reason.is_some() != i.waiver_until.is_some() {
            return Err(bad("waiver of task", &i.task_id));
        }
        if let Some(sha) = &i.retired_from
            && !shas.contains(sha.as_str())
        {
            return Err(bad("template reference", sha));
        }
        if !tasks.insert(i.task_id.as_str()) {
            return Err(bad("duplicate task", &i.task_id));
        }
    }
    for e in &data.evidence {
        super::evidence::EvidenceKind::parse(&e.kind).map_err(|_| bad("evidence kind", &e.kind))?;
        if !tasks.contains(e.task_id.as_str()) {
            return Err(bad("evidence task", &e.task_id));
        }
        if let Some(sha) = &e.sha256
            && (sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            return Err(bad("file checksum", sha));
        }
        check_instant("evidence time", &e.created_at)?;
    }
    for e in &data.events {
        e.hlc
            .parse::<Hlc>()
            .map_err(|_| bad("clock stamp", &e.hlc))?;
        e.kind.parse::<EventKind>()?;
        serde_json::from_str::<Vec<Gid>>(&e.touches).map_err(|_| bad("event ids", &e.touches))?;
        check_instant("event time", &e.at)?;
    }
    for s in &data.stakeholders {
        for d in &s.decisions {
            d.decision
                .parse::<Decision>()
                .map_err(|_| bad("decision", &d.decision))?;
            check_day("decision day", &d.decided_on)?;
        }
    }
    for r in &data.runs {
        if !matches!(r.kind.as_str(), "checks" | "redirects") {
            return Err(bad("probe run kind", &r.kind));
        }
        for v in std::iter::once(&r.verdict).chain(r.results.iter().map(|x| &x.verdict)) {
            if !matches!(v.as_str(), "pass" | "warn" | "fail" | "error") {
                return Err(bad("verdict", v));
            }
        }
    }
    Ok(())
}

impl Store {
    /// Everything about the plan, as rows that can travel.
    pub fn plan_data(&self, plan_id: i64) -> Result<PlanData, StoreError> {
        let c = &self.conn;
        let plan = c
            .query_row(
                "SELECT gid, name, client, launch_local, zone, pentest, working_days, holidays,
                        planned_on, template_sha256, archived, created_at
                 FROM plan WHERE id = ?1",
                [plan_id],
                |r| {
                    Ok(PlanRow {
                        gid: r.get(0)?,
                        name: r.get(1)?,
                        client: r.get(2)?,
                        launch_local: r.get(3)?,
                        zone: r.get(4)?,
                        pentest: r.get(5)?,
                        working_days: r.get(6)?,
                        holidays: r.get(7)?,
                        planned_on: r.get(8)?,
                        template_sha256: r.get(9)?,
                        archived: r.get(10)?,
                        created_at: r.get(11)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::PlanNotFound(plan_id.to_string()))?;
        let templates = c
            .prepare(
                "SELECT sha256, template_id, version, name, source_url, body FROM template
                 WHERE sha256 = ?2 OR sha256 IN
                       (SELECT retired_from FROM item WHERE plan_id = ?1)",
            )?
            .query_map(params![plan_id, plan.template_sha256], |r| {
                Ok(TemplateRow {
                    sha256: r.get(0)?,
                    template_id: r.get(1)?,
                    version: r.get(2)?,
                    name: r.get(3)?,
                    source_url: r.get(4)?,
                    body: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let items = c
            .prepare(
                "SELECT task_id, status, owner, pinned_due, waiver_reason, waiver_until,
                        updated_at, added_in, retired_at, retired_from, reconfirm
                 FROM item WHERE plan_id = ?1 ORDER BY task_id",
            )?
            .query_map([plan_id], |r| {
                Ok(ItemRow {
                    task_id: r.get(0)?,
                    status: r.get(1)?,
                    owner: r.get(2)?,
                    pinned_due: r.get(3)?,
                    waiver_reason: r.get(4)?,
                    waiver_until: r.get(5)?,
                    updated_at: r.get(6)?,
                    added_in: r.get(7)?,
                    retired_at: r.get(8)?,
                    retired_from: r.get(9)?,
                    reconfirm: r.get(10)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let evidence = c
            .prepare(
                "SELECT gid, task_id, kind, body, title, sha256, size, created_at, created_by
                 FROM evidence WHERE plan_id = ?1 ORDER BY id",
            )?
            .query_map([plan_id], |r| {
                Ok(EvidenceRow {
                    gid: r.get(0)?,
                    task_id: r.get(1)?,
                    kind: r.get(2)?,
                    body: r.get(3)?,
                    title: r.get(4)?,
                    sha256: r.get(5)?,
                    size: r.get(6)?,
                    created_at: r.get(7)?,
                    created_by: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let events = c
            .prepare(
                "SELECT gid, hlc, task_id, at, who, action, field, old, new, touches
                 FROM event WHERE plan_id = ?1 ORDER BY hlc, id",
            )?
            .query_map([plan_id], |r| {
                Ok(EventRow {
                    gid: r.get(0)?,
                    hlc: r.get(1)?,
                    task_id: r.get(2)?,
                    at: r.get(3)?,
                    who: r.get(4)?,
                    kind: r.get(5)?,
                    field: r.get(6)?,
                    old: r.get(7)?,
                    new: r.get(8)?,
                    touches: r.get(9)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stakeholders: Vec<(i64, StakeholderRow)> = c
            .prepare(
                "SELECT id, gid, name, role, email, created_at FROM stakeholder
                 WHERE plan_id = ?1 ORDER BY id",
            )?
            .query_map([plan_id], |r| {
                Ok((
                    r.get(0)?,
                    StakeholderRow {
                        gid: r.get(1)?,
                        name: r.get(2)?,
                        role: r.get(3)?,
                        email: r.get(4)?,
                        created_at: r.get(5)?,
                        decisions: Vec::new(),
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        for (id, s) in &mut stakeholders {
            s.decisions = c
                .prepare_cached(
                    "SELECT gid, decision, conditions, decided_on, recorded_at, recorded_by
                     FROM decision WHERE stakeholder_id = ?1 ORDER BY id",
                )?
                .query_map([*id], |r| {
                    Ok(DecisionRow {
                        gid: r.get(0)?,
                        decision: r.get(1)?,
                        conditions: r.get(2)?,
                        decided_on: r.get(3)?,
                        recorded_at: r.get(4)?,
                        recorded_by: r.get(5)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
        }
        let endpoints = c
            .query_row(
                "SELECT config FROM probe_endpoints WHERE plan_id = ?1",
                [plan_id],
                |r| r.get(0),
            )
            .optional()?;
        let mut runs: Vec<(i64, RunRow)> = c
            .prepare(
                "SELECT id, gid, kind, started_at, finished_at, cancelled, verdict, created_by
                 FROM probe_run WHERE plan_id = ?1 ORDER BY id",
            )?
            .query_map([plan_id], |r| {
                Ok((
                    r.get(0)?,
                    RunRow {
                        gid: r.get(1)?,
                        kind: r.get(2)?,
                        started_at: r.get(3)?,
                        finished_at: r.get(4)?,
                        cancelled: r.get(5)?,
                        verdict: r.get(6)?,
                        created_by: r.get(7)?,
                        results: Vec::new(),
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        for (id, run) in &mut runs {
            run.results = self.probe_results(plan_id, *id)?;
        }
        Ok(PlanData {
            version: PLAN_DATA_VERSION,
            plan,
            templates,
            items,
            evidence,
            events,
            stakeholders: stakeholders.into_iter().map(|(_, s)| s).collect(),
            endpoints,
            runs: runs.into_iter().map(|(_, r)| r).collect(),
        })
    }

    /// The local plan with this global id, if this database has it.
    pub fn plan_by_gid(&self, gid: Gid) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT id FROM plan WHERE gid = ?1", [gid], |r| r.get(0))
            .optional()?)
    }

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
                    if super::plans::name_taken(tx, &name, None)? {
                        return Err(StoreError::DuplicatePlanName(name.clone()));
                    }
                    let plan_id = insert_plan(tx, data, &name)?;
                    let mut out = add_rows(tx, plan_id, data)?;
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
                // Before the bundle's history joins this one: what each side changed last.
                let local = latest_changes(tx, plan_id)?;
                let mut out = add_rows(tx, plan_id, data)?;
                out.fields_taken = take_later_fields(tx, plan_id, data, &local)?;
                out.merged = true;
                out.plan_id = plan_id;
                observe(tx, actor, data)?;
                let nothing = out.evidence_added + out.events_added + out.stakeholders_added
                    + out.decisions_added + out.runs_added
                    + out.fields_taken.len()
                    == 0;
                if nothing {
                    return Ok(out);
                }
                actor.record(
                    tx,
                    Change {
                        new: Some(format!(
                            "{} evidence, {} history entries, {} decisions, {} probe runs added; {} fields taken",
                            out.evidence_added,
                            out.events_added,
                            out.decisions_added,
                            out.runs_added,
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
fn observe(tx: &Transaction<'_>, actor: &super::Actor, data: &PlanData) -> Result<(), StoreError> {
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
            params![super::migrations::CLOCK_KEY, next.to_string()],
        )?;
        *actor.clock.borrow_mut() = next;
    }
    Ok(())
}

fn insert_plan(tx: &Transaction<'_>, data: &PlanData, name: &str) -> Result<i64, StoreError> {
    for t in &data.templates {
        tx.execute(
            "INSERT OR IGNORE INTO template (sha256, template_id, version, name, source_url, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                t.sha256,
                t.template_id,
                t.version,
                t.name,
                t.source_url,
                t.body
            ],
        )?;
    }
    let p = &data.plan;
    tx.execute(
        "INSERT INTO plan (gid, name, client, launch_local, zone, pentest, working_days,
                           holidays, planned_on, template_sha256, archived, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            p.gid,
            name,
            p.client,
            p.launch_local,
            p.zone,
            p.pentest,
            p.working_days,
            p.holidays,
            p.planned_on,
            p.template_sha256,
            p.archived,
            p.created_at
        ],
    )?;
    let plan_id = tx.last_insert_rowid();
    for i in &data.items {
        tx.execute(
            "INSERT INTO item (plan_id, task_id, status, owner, pinned_due, waiver_reason,
                               waiver_until, updated_at, added_in, retired_at, retired_from,
                               reconfirm)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                plan_id,
                i.task_id,
                i.status,
                i.owner,
                i.pinned_due,
                i.waiver_reason,
                i.waiver_until,
                i.updated_at,
                i.added_in,
                i.retired_at,
                i.retired_from,
                i.reconfirm
            ],
        )?;
    }
    if let Some(config) = &data.endpoints {
        tx.execute(
            "INSERT INTO probe_endpoints (plan_id, config, updated_at) VALUES (?1, ?2, ?3)",
            params![plan_id, config, p.created_at],
        )?;
    }
    Ok(plan_id)
}

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

/// Evidence, history, sign-offs and runs the plan does not have yet, by global id.
fn add_rows(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
) -> Result<ImportOutcome, StoreError> {
    let mut out = ImportOutcome::default();
    let tasks: HashSet<String> = tx
        .prepare("SELECT task_id FROM item WHERE plan_id = ?1")?
        .query_map([plan_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for e in &data.evidence {
        // A merge into a plan whose checklist lacks the task keeps the rest of the bundle.
        if known(tx, "evidence", e.gid)? || !tasks.contains(&e.task_id) {
            continue;
        }
        tx.execute(
            "INSERT INTO evidence (gid, plan_id, task_id, kind, body, title, sha256, size,
                                   created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                e.gid,
                plan_id,
                e.task_id,
                e.kind,
                e.body,
                e.title,
                e.sha256,
                e.size,
                e.created_at,
                e.created_by
            ],
        )?;
        out.evidence_added += 1;
    }
    for e in &data.events {
        if known(tx, "event", e.gid)? {
            continue;
        }
        tx.execute(
            "INSERT INTO event (gid, hlc, plan_id, plan_gid, task_id, at, who, action, field,
                                old, new, touches)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                e.gid,
                e.hlc,
                plan_id,
                data.plan.gid,
                e.task_id,
                e.at,
                e.who,
                e.kind,
                e.field,
                e.old,
                e.new,
                e.touches
            ],
        )?;
        out.events_added += 1;
    }
    for s in &data.stakeholders {
        let local: Option<i64> = tx
            .query_row(
                "SELECT id FROM stakeholder WHERE gid = ?1 OR (plan_id = ?2 AND name = ?3)",
                params![s.gid, plan_id, s.name],
                |r| r.get(0),
            )
            .optional()?;
        let stakeholder_id = match local {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO stakeholder (gid, plan_id, name, role, email, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![s.gid, plan_id, s.name, s.role, s.email, s.created_at],
                )?;
                out.stakeholders_added += 1;
                tx.last_insert_rowid()
            }
        };
        for d in &s.decisions {
            if known(tx, "decision", d.gid)? {
                continue;
            }
            tx.execute(
                "INSERT INTO decision (gid, stakeholder_id, decision, conditions, decided_on,
                                       recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    d.gid,
                    stakeholder_id,
                    d.decision,
                    d.conditions,
                    d.decided_on,
                    d.recorded_at,
                    d.recorded_by
                ],
            )?;
            out.decisions_added += 1;
        }
    }
    for r in &data.runs {
        if known(tx, "probe_run", r.gid)? {
            continue;
        }
        tx.execute(
            "INSERT INTO probe_run (gid, plan_id, kind, started_at, finished_at, cancelled,
                                    verdict, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                r.gid,
                plan_id,
                r.kind,
                r.started_at,
                r.finished_at,
                r.cancelled,
                r.verdict,
                r.created_by
            ],
        )?;
        let run_id = tx.last_insert_rowid();
        for x in &r.results {
            tx.execute(
                "INSERT INTO probe_result (run_id, check_id, target, verdict, finding, observed,
                                           started_at, duration_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    run_id,
                    x.check,
                    x.target,
                    x.verdict,
                    x.finding,
                    x.observed,
                    x.started_at,
                    x.duration_ms
                ],
            )?;
        }
        out.runs_added += 1;
    }
    Ok(out)
}

/// The latest clock stamp of each (task, field) this database's history changed.
fn latest_changes(
    tx: &Transaction<'_>,
    plan_id: i64,
) -> Result<HashMap<(String, String), String>, StoreError> {
    let rows = tx
        .prepare(
            "SELECT task_id, field, max(hlc) FROM event
             WHERE plan_id = ?1 AND action = 'updated' AND task_id IS NOT NULL
               AND field IS NOT NULL
             GROUP BY task_id, field",
        )?
        .query_map([plan_id], |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(rows)
}

/// For each task field the bundle's history changed later than `local` (this database's
/// latest stamps before the merge), the bundle's value; answers which fields were taken.
fn take_later_fields(
    tx: &Transaction<'_>,
    plan_id: i64,
    data: &PlanData,
    local: &HashMap<(String, String), String>,
) -> Result<Vec<String>, StoreError> {
    let mut remote: HashMap<(String, String), String> = HashMap::new();
    for e in &data.events {
        if let (Some(task), Some(field)) = (&e.task_id, &e.field)
            && e.kind == EventKind::Updated.key()
        {
            let key = (task.clone(), field.clone());
            if remote.get(&key).is_none_or(|h| *h < e.hlc) {
                remote.insert(key, e.hlc.clone());
            }
        }
    }
    let items: HashMap<&str, &ItemRow> =
        data.items.iter().map(|i| (i.task_id.as_str(), i)).collect();
    let mut taken = Vec::new();
    let mut keys: Vec<_> = remote.into_iter().collect();
    keys.sort();
    for ((task, field), hlc) in keys {
        if local
            .get(&(task.clone(), field.clone()))
            .is_some_and(|l| *l >= hlc)
        {
            continue;
        }
        let Some(item) = items.get(task.as_str()) else {
            continue;
        };
        let sql = match field.as_str() {
            "status" => "UPDATE item SET status = ?3 WHERE plan_id = ?1 AND task_id = ?2",
            "owner" => "UPDATE item SET owner = ?3 WHERE plan_id = ?1 AND task_id = ?2",
            "due" => "UPDATE item SET pinned_due = ?3 WHERE plan_id = ?1 AND task_id = ?2",
            "reconfirm" => "UPDATE item SET reconfirm = ?3 WHERE plan_id = ?1 AND task_id = ?2",
            "waiver" => {
                tx.execute(
                    "UPDATE item SET waiver_reason = ?3, waiver_until = ?4
                     WHERE plan_id = ?1 AND task_id = ?2",
                    params![plan_id, task, item.waiver_reason, item.waiver_until],
                )?;
                taken.push(format!("{task} {field}"));
                continue;
            }
            _ => continue,
        };
        let value = match field.as_str() {
            "status" => Some(item.status.clone()),
            "owner" => item.owner.clone(),
            "due" => item.pinned_due.clone(),
            _ => item.reconfirm.clone(),
        };
        if tx.execute(sql, params![plan_id, task, value])? > 0 {
            taken.push(format!("{task} {field}"));
        }
    }
    Ok(taken)
}
