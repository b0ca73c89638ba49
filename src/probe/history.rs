//! Probe persistence: a plan's endpoints (without secrets), runs and their results, evidence
//! on the tasks a check proves, history with a diff, and the failing checks the readiness
//! verdict needs.
//!
//! Tables come from migration `002_probes.sql`; this file only reads and writes them through
//! [`Store::conn`]. Credentials never reach it: [`Endpoints`] skips them when serialised.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{CheckId, Endpoints, ProbeResult, RunDiff, RunReport, Verdict, diff};
use crate::plan::FailingCheck;
use crate::store::{NewEvidence, Store, StoreError};

/// Why probe history could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("database error while saving probe results: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored probe data cannot be read ({0}); restore a backup or report a bug")]
    Corrupt(String),
    #[error("no probe run {0} in this plan; `golive probe history PLAN` lists the runs")]
    NoSuchRun(i64),
}

impl HistoryError {
    pub fn kind(&self) -> &'static str {
        match self {
            HistoryError::Store(_) => "store",
            HistoryError::Sqlite(_) => "database",
            HistoryError::Corrupt(_) => "corrupt",
            HistoryError::NoSuchRun(_) => "no-such-run",
        }
    }
}

/// What a run is: the plan's checks, or a redirect map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunKind {
    Checks,
    Redirects,
}

impl RunKind {
    fn key(self) -> &'static str {
        match self {
            RunKind::Checks => "checks",
            RunKind::Redirects => "redirects",
        }
    }
}

/// A stored run as listed in the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    pub id: i64,
    pub kind: String,
    pub started_at: String,
    pub finished_at: String,
    pub cancelled: bool,
    pub verdict: Verdict,
    pub counts: BTreeMap<Verdict, usize>,
    pub created_by: String,
}

/// What saving a run did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedRun {
    pub run_id: i64,
    /// Evidence rows added, one per (task, result) pair.
    pub evidence_added: usize,
}

fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Saves a plan's endpoints (without credentials).
pub fn save_endpoints(
    store: &Store,
    plan_id: i64,
    endpoints: &Endpoints,
) -> Result<(), HistoryError> {
    store.plan(plan_id)?;
    let json =
        serde_json::to_string(endpoints).map_err(|e| HistoryError::Corrupt(e.to_string()))?;
    store.conn().execute(
        "INSERT INTO probe_endpoints (plan_id, config, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (plan_id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at",
        params![plan_id, json, ts(&Utc::now())],
    )?;
    Ok(())
}

/// A plan's endpoints; empty when none were set.
pub fn load_endpoints(store: &Store, plan_id: i64) -> Result<Endpoints, HistoryError> {
    store.plan(plan_id)?;
    let json: Option<String> = store
        .conn()
        .query_row(
            "SELECT config FROM probe_endpoints WHERE plan_id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?;
    match json {
        None => Ok(Endpoints::default()),
        Some(j) => serde_json::from_str(&j).map_err(|e| HistoryError::Corrupt(e.to_string())),
    }
}

/// Stores a run with its results and attaches each result as evidence to the tasks whose
/// template names the check. A redirect run attaches only `summary`, not every row.
pub fn save_run(
    store: &mut Store,
    plan_id: i64,
    kind: RunKind,
    report: &RunReport,
    summary: Option<&ProbeResult>,
) -> Result<SavedRun, HistoryError> {
    let plan = store.plan(plan_id)?;
    let template = store.template_of(&plan)?;
    let who = store.user_name()?;
    let mut all: Vec<&ProbeResult> = report.results.iter().collect();
    if let Some(s) = summary {
        all.insert(0, s);
    }
    let verdict = super::overall(&all.iter().map(|r| (*r).clone()).collect::<Vec<_>>());
    let run_id = {
        let tx = store.conn_mut().transaction()?;
        tx.execute(
            "INSERT INTO probe_run (plan_id, kind, started_at, finished_at, cancelled, verdict, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                plan_id,
                kind.key(),
                ts(&report.started_at),
                ts(&report.finished_at),
                report.cancelled,
                verdict.as_str(),
                who
            ],
        )?;
        let run_id = tx.last_insert_rowid();
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO probe_result (run_id, check_id, target, verdict, finding, observed, started_at, duration_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for r in &all {
                let observed = serde_json::to_string(&r.observed)
                    .map_err(|e| HistoryError::Corrupt(e.to_string()))?;
                stmt.execute(params![
                    run_id,
                    r.check.as_str(),
                    r.target,
                    r.verdict.as_str(),
                    r.finding,
                    observed,
                    ts(&r.started_at),
                    r.duration_ms as i64
                ])?;
            }
        }
        tx.commit()?;
        run_id
    };
    let evidence_from: Vec<&ProbeResult> = match (kind, summary) {
        (RunKind::Redirects, Some(s)) => vec![s],
        (RunKind::Redirects, None) => Vec::new(),
        (RunKind::Checks, _) => report.results.iter().collect(),
    };
    let mut evidence_added = 0;
    for r in evidence_from {
        for task in template
            .tasks
            .iter()
            .filter(|t| t.probes.iter().any(|p| p == r.check.as_str()))
        {
            store.add_evidence(
                plan_id,
                &task.id,
                NewEvidence::Probe {
                    check: r.check.as_str().to_string(),
                    finding: format!(
                        "{} {}: {} (run {run_id})",
                        r.verdict.as_str().to_uppercase(),
                        r.target,
                        r.finding
                    ),
                },
            )?;
            evidence_added += 1;
        }
    }
    Ok(SavedRun {
        run_id,
        evidence_added,
    })
}

/// The plan's runs, newest first.
pub fn runs(store: &Store, plan_id: i64) -> Result<Vec<RunSummary>, HistoryError> {
    store.plan(plan_id)?;
    let mut stmt = store.conn().prepare_cached(
        "SELECT r.id, r.kind, r.started_at, r.finished_at, r.cancelled, r.verdict, r.created_by,
                (SELECT group_concat(verdict) FROM probe_result WHERE run_id = r.id)
         FROM probe_run r WHERE r.plan_id = ?1 ORDER BY r.id DESC",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        let verdicts: Option<String> = r.get(7)?;
        let mut counts = BTreeMap::new();
        for v in verdicts
            .unwrap_or_default()
            .split(',')
            .filter(|s| !s.is_empty())
        {
            *counts.entry(Verdict::parse(v)).or_insert(0) += 1;
        }
        Ok(RunSummary {
            id: r.get(0)?,
            kind: r.get(1)?,
            started_at: r.get(2)?,
            finished_at: r.get(3)?,
            cancelled: r.get(4)?,
            verdict: Verdict::parse(&r.get::<_, String>(5)?),
            created_by: r.get(6)?,
            counts,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The results of one run of the plan, in stored order.
pub fn results(store: &Store, plan_id: i64, run_id: i64) -> Result<Vec<ProbeResult>, HistoryError> {
    let owner: Option<i64> = store
        .conn()
        .query_row(
            "SELECT plan_id FROM probe_run WHERE id = ?1",
            [run_id],
            |r| r.get(0),
        )
        .optional()?;
    if owner != Some(plan_id) {
        return Err(HistoryError::NoSuchRun(run_id));
    }
    let mut stmt = store.conn().prepare_cached(
        "SELECT check_id, target, verdict, finding, observed, started_at, duration_ms
         FROM probe_result WHERE run_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([run_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (check, target, verdict, finding, observed, started, ms) = row?;
        let corrupt = |what: &str| HistoryError::Corrupt(format!("{what} in probe run {run_id}"));
        out.push(ProbeResult {
            check: check
                .parse::<CheckId>()
                .map_err(|_| corrupt("unknown check"))?,
            target,
            verdict: Verdict::parse(&verdict),
            finding,
            observed: serde_json::from_str(&observed).map_err(|_| corrupt("observed values"))?,
            started_at: DateTime::parse_from_rfc3339(&started)
                .map_err(|_| corrupt("start time"))?
                .with_timezone(&Utc),
            duration_ms: ms.max(0) as u64,
        });
    }
    Ok(out)
}

/// The diff between the two newest check runs; `None` with fewer than two.
pub fn latest_diff(store: &Store, plan_id: i64) -> Result<Option<RunDiff>, HistoryError> {
    let checks: Vec<RunSummary> = runs(store, plan_id)?
        .into_iter()
        .filter(|r| r.kind == "checks")
        .take(2)
        .collect();
    match checks.as_slice() {
        [newer, older] => Ok(Some(diff(
            &results(store, plan_id, older.id)?,
            &results(store, plan_id, newer.id)?,
        ))),
        _ => Ok(None),
    }
}

/// Fails of the latest run of each kind, on the tasks the template links them to: the input
/// of [`crate::plan::assess`].
pub fn failing_checks(store: &Store, plan_id: i64) -> Result<Vec<FailingCheck>, HistoryError> {
    let plan = store.plan(plan_id)?;
    let template = store.template_of(&plan)?;
    Ok(store.failing_checks(plan_id, &template)?)
}
