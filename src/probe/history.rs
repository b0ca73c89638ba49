//! Probe history in the probe vocabulary: a plan's endpoints, saved runs with typed results,
//! the evidence a run files on the tasks its checks prove, and the diff of the latest two.
//!
//! The rows live in [`crate::store`] (`store/probes.rs`); this module only translates
//! between them and [`ProbeResult`], [`Endpoints`] and [`Verdict`], and decides which task a
//! result is evidence for. Credentials never reach the store: [`Endpoints`] skips them when
//! serialised.

use crate::error::ErrorKind;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{CheckId, Endpoints, ProbeResult, RunDiff, RunReport, Verdict, diff};
use crate::plan::FailingCheck;
pub use crate::store::RunKind;
use crate::store::{
    Gid, NewProbeResult, NewProbeRun, RunEvidence, SavedRun, Store, StoreError, StoredResult,
};

/// Why probe history could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("stored probe data cannot be read ({0}); restore a backup or report a bug")]
    Corrupt(String),
}

impl HistoryError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            HistoryError::Store(e) => e.kind(),
            HistoryError::Corrupt(_) => ErrorKind::Corrupt,
        }
    }
}

/// A stored run as listed in the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    pub id: i64,
    pub gid: Gid,
    pub kind: RunKind,
    pub started_at: String,
    pub finished_at: String,
    pub cancelled: bool,
    pub verdict: Verdict,
    pub counts: BTreeMap<Verdict, usize>,
    pub created_by: String,
}

fn verdict(text: &str) -> Result<Verdict, HistoryError> {
    match text {
        "pass" => Ok(Verdict::Pass),
        "warn" => Ok(Verdict::Warn),
        "fail" => Ok(Verdict::Fail),
        "error" => Ok(Verdict::Error),
        other => Err(HistoryError::Corrupt(format!("verdict {other:?}"))),
    }
}

/// One line for the history: "12 results: 10 pass, 2 fail".
fn run_summary(results: &[&ProbeResult], cancelled: bool) -> String {
    let mut counts: BTreeMap<Verdict, usize> = BTreeMap::new();
    for r in results {
        *counts.entry(r.verdict).or_insert(0) += 1;
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(v, n)| format!("{n} {}", v.as_str()))
        .collect();
    format!(
        "{} result{}{}{}",
        results.len(),
        if results.len() == 1 { "" } else { "s" },
        if parts.is_empty() {
            String::new()
        } else {
            format!(": {}", parts.join(", "))
        },
        if cancelled { " (cancelled)" } else { "" }
    )
}

/// Saves a plan's endpoints (without credentials).
pub fn save_endpoints(
    store: &mut Store,
    plan_id: i64,
    endpoints: &Endpoints,
) -> Result<(), HistoryError> {
    let json =
        serde_json::to_string(endpoints).map_err(|e| HistoryError::Corrupt(e.to_string()))?;
    Ok(store.save_endpoints(plan_id, &json, &endpoints.summary())?)
}

/// A plan's endpoints; empty when none were set.
pub fn load_endpoints(store: &Store, plan_id: i64) -> Result<Endpoints, HistoryError> {
    match store.endpoints(plan_id)? {
        None => Ok(Endpoints::default()),
        Some(j) => serde_json::from_str(&j).map_err(|e| HistoryError::Corrupt(e.to_string())),
    }
}

/// Stores a run with its results and, in the same transaction, attaches each result as
/// evidence to the tasks whose template names the check. A redirect run attaches only
/// `summary`, not every row.
pub fn save_run(
    store: &mut Store,
    plan_id: i64,
    kind: RunKind,
    report: &RunReport,
    summary: Option<&ProbeResult>,
) -> Result<SavedRun, HistoryError> {
    let plan = store.plan(plan_id)?;
    let template = store.template_of(&plan)?;
    let mut all: Vec<&ProbeResult> = report.results.iter().collect();
    if let Some(s) = summary {
        all.insert(0, s);
    }
    let overall = super::overall(&all.iter().map(|r| (*r).clone()).collect::<Vec<_>>());
    let results = all
        .iter()
        .map(|r| {
            Ok(NewProbeResult {
                check: r.check.as_str().to_string(),
                target: r.target.clone(),
                verdict: r.verdict.as_str().to_string(),
                finding: r.finding.clone(),
                observed: serde_json::to_string(&r.observed)
                    .map_err(|e| HistoryError::Corrupt(e.to_string()))?,
                started_at: r.started_at,
                duration_ms: r.duration_ms,
            })
        })
        .collect::<Result<Vec<_>, HistoryError>>()?;
    let evidence_from: Vec<&ProbeResult> = match (kind, summary) {
        (RunKind::Redirects, Some(s)) => vec![s],
        (RunKind::Redirects, None) => Vec::new(),
        (RunKind::Checks, _) => report.results.iter().collect(),
    };
    let evidence = evidence_from
        .iter()
        .flat_map(|r| {
            template
                .tasks
                .iter()
                .filter(|t| t.probes.iter().any(|p| p == r.check.as_str()))
                .map(|task| RunEvidence {
                    task_id: task.id.clone(),
                    check: r.check.as_str().to_string(),
                    finding: format!(
                        "{} {}: {}",
                        r.verdict.as_str().to_uppercase(),
                        r.target,
                        r.finding
                    ),
                })
        })
        .collect();
    let run = NewProbeRun {
        kind,
        started_at: report.started_at,
        finished_at: report.finished_at,
        cancelled: report.cancelled,
        verdict: overall.as_str().to_string(),
        summary: run_summary(&all, report.cancelled),
        results,
        evidence,
    };
    Ok(store.save_probe_run(plan_id, &run)?)
}

/// The plan's runs, newest first.
pub fn runs(store: &Store, plan_id: i64) -> Result<Vec<RunSummary>, HistoryError> {
    store
        .probe_runs(plan_id)?
        .into_iter()
        .map(|r| {
            let mut counts = BTreeMap::new();
            for v in &r.verdicts {
                *counts.entry(verdict(v)?).or_insert(0) += 1;
            }
            Ok(RunSummary {
                id: r.id,
                gid: r.gid,
                kind: r.kind,
                verdict: verdict(&r.verdict)?,
                started_at: r.started_at,
                finished_at: r.finished_at,
                cancelled: r.cancelled,
                created_by: r.created_by,
                counts,
            })
        })
        .collect()
}

/// One stored run of the plan.
pub fn run(store: &Store, plan_id: i64, run_id: i64) -> Result<RunSummary, HistoryError> {
    runs(store, plan_id)?
        .into_iter()
        .find(|r| r.id == run_id)
        .ok_or(HistoryError::Store(StoreError::NoSuchRun(run_id)))
}

fn typed(run_id: i64, r: StoredResult) -> Result<ProbeResult, HistoryError> {
    let corrupt = |what: &str| HistoryError::Corrupt(format!("{what} in probe run {run_id}"));
    Ok(ProbeResult {
        check: r
            .check
            .parse::<CheckId>()
            .map_err(|_| corrupt("unknown check"))?,
        target: r.target,
        verdict: verdict(&r.verdict)?,
        finding: r.finding,
        observed: serde_json::from_str(&r.observed).map_err(|_| corrupt("observed values"))?,
        started_at: DateTime::parse_from_rfc3339(&r.started_at)
            .map_err(|_| corrupt("start time"))?
            .with_timezone(&Utc),
        duration_ms: u64::try_from(r.duration_ms).unwrap_or(0),
    })
}

/// The results of one run of the plan, in stored order.
pub fn results(store: &Store, plan_id: i64, run_id: i64) -> Result<Vec<ProbeResult>, HistoryError> {
    store
        .probe_results(plan_id, run_id)?
        .into_iter()
        .map(|r| typed(run_id, r))
        .collect()
}

/// The diff between the two newest check runs; `None` with fewer than two.
pub fn latest_diff(store: &Store, plan_id: i64) -> Result<Option<RunDiff>, HistoryError> {
    let checks: Vec<RunSummary> = runs(store, plan_id)?
        .into_iter()
        .filter(|r| r.kind == RunKind::Checks)
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
