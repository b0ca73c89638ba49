//! Probe data: a plan's endpoints (JSON, without secrets), its runs with their results, the
//! evidence a run files on the tasks its checks prove, and the fails the verdict needs.
//!
//! A run, its results and its evidence are saved in one transaction: a crash leaves the whole
//! run or nothing. The store does not know the probe vocabulary beyond its text keys;
//! [`crate::probe::history`] turns these rows into typed results, so the store can judge a
//! plan without depending on the network code.

use std::collections::HashSet;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::evidence::{EvidenceKind, insert_evidence};
use super::{Change, EventKind, Gid, Store, StoreError};
use crate::catalog::Template;
use crate::plan::FailingCheck;

/// What a run is: the plan's checks, or a redirect map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum RunKind {
    Checks,
    Redirects,
}

impl RunKind {
    pub fn key(self) -> &'static str {
        match self {
            RunKind::Checks => "checks",
            RunKind::Redirects => "redirects",
        }
    }

    fn parse(text: &str) -> Result<RunKind, StoreError> {
        match text {
            "checks" => Ok(RunKind::Checks),
            "redirects" => Ok(RunKind::Redirects),
            other => Err(StoreError::Corrupt(format!("probe run kind {other:?}"))),
        }
    }
}

/// One result of a run as it is stored (check and verdict by their keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProbeResult {
    pub check: String,
    pub target: String,
    pub verdict: String,
    pub finding: String,
    /// JSON object of what was observed.
    pub observed: String,
    pub started_at: DateTime<Utc>,
    pub duration_ms: u64,
}

/// Evidence a run files on a task: a check's result in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunEvidence {
    pub task_id: String,
    pub check: String,
    /// The finding; the store adds which run it came from.
    pub finding: String,
}

/// A finished (or cancelled) run to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProbeRun {
    pub kind: RunKind,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub cancelled: bool,
    /// The run's overall verdict key.
    pub verdict: String,
    pub results: Vec<NewProbeResult>,
    pub evidence: Vec<RunEvidence>,
    /// One line for the history, e.g. "12 checks: 10 pass, 2 fail".
    pub summary: String,
}

/// What saving a run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedRun {
    pub run_id: i64,
    pub gid: Gid,
    /// Evidence rows added, one per (task, result) pair.
    pub evidence_added: usize,
}

/// A stored run as listed in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRun {
    pub id: i64,
    pub gid: Gid,
    pub kind: RunKind,
    pub started_at: String,
    pub finished_at: String,
    pub cancelled: bool,
    pub verdict: String,
    /// The verdict key of every result.
    pub verdicts: Vec<String>,
    pub created_by: String,
}

/// A stored result, in the keys it was saved with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredResult {
    pub check: String,
    pub target: String,
    pub verdict: String,
    pub finding: String,
    pub observed: String,
    pub started_at: String,
    pub duration_ms: i64,
}

fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Store {
    /// Saves a plan's endpoints (JSON without credentials); `summary` goes to the history.
    pub fn save_endpoints(
        &mut self,
        plan_id: i64,
        json: &str,
        summary: &str,
    ) -> Result<(), StoreError> {
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            let before: Option<String> = tx
                .query_row(
                    "SELECT config FROM probe_endpoints WHERE plan_id = ?1",
                    [plan_id],
                    |r| r.get(0),
                )
                .optional()?;
            if before.as_deref() == Some(json) {
                return Ok(());
            }
            tx.execute(
                "INSERT INTO probe_endpoints (plan_id, config, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (plan_id) DO UPDATE SET config = excluded.config,
                                                     updated_at = excluded.updated_at",
                params![plan_id, json, actor.at],
            )?;
            actor.record(
                tx,
                Change {
                    new: Some(summary.to_string()),
                    ..Change::plan(plan_id, EventKind::EndpointsSaved)
                },
            )?;
            Ok(())
        })
    }

    /// A plan's endpoints as saved (JSON); `None` when none were set.
    pub fn endpoints(&self, plan_id: i64) -> Result<Option<String>, StoreError> {
        self.plan(plan_id)?;
        Ok(self
            .conn
            .query_row(
                "SELECT config FROM probe_endpoints WHERE plan_id = ?1",
                [plan_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Stores a run, its results and the evidence it files, with their events, in one
    /// transaction.
    pub fn save_probe_run(
        &mut self,
        plan_id: i64,
        run: &NewProbeRun,
    ) -> Result<SavedRun, StoreError> {
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            let gid = Gid::new();
            tx.execute(
                "INSERT INTO probe_run (gid, plan_id, kind, started_at, finished_at, cancelled,
                                        verdict, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    gid,
                    plan_id,
                    run.kind.key(),
                    ts(&run.started_at),
                    ts(&run.finished_at),
                    run.cancelled,
                    run.verdict,
                    actor.who
                ],
            )?;
            let run_id = tx.last_insert_rowid();
            {
                let mut insert = tx.prepare_cached(
                    "INSERT INTO probe_result (run_id, check_id, target, verdict, finding,
                                               observed, started_at, duration_ms)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?;
                for r in &run.results {
                    insert.execute(params![
                        run_id,
                        r.check,
                        r.target,
                        r.verdict,
                        r.finding,
                        r.observed,
                        ts(&r.started_at),
                        i64::try_from(r.duration_ms).unwrap_or(i64::MAX)
                    ])?;
                }
            }
            actor.record(
                tx,
                Change {
                    new: Some(format!("run {run_id}, {}", run.summary)),
                    touches: vec![gid],
                    ..Change::plan(plan_id, EventKind::ProbeRunSaved)
                },
            )?;
            for e in &run.evidence {
                insert_evidence(
                    tx,
                    actor,
                    plan_id,
                    &e.task_id,
                    EvidenceKind::Probe,
                    &format!("{} (run {run_id})", e.finding),
                    Some(&e.check),
                    None,
                )?;
            }
            Ok(SavedRun {
                run_id,
                gid,
                evidence_added: run.evidence.len(),
            })
        })
    }

    /// The plan's runs, newest first.
    pub fn probe_runs(&self, plan_id: i64) -> Result<Vec<StoredRun>, StoreError> {
        self.plan(plan_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.gid, r.kind, r.started_at, r.finished_at, r.cancelled, r.verdict,
                    r.created_by,
                    (SELECT group_concat(verdict) FROM probe_result WHERE run_id = r.id)
             FROM probe_run r WHERE r.plan_id = ?1 ORDER BY r.id DESC",
        )?;
        let rows = stmt
            .query_map([plan_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Gid>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, bool>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(id, gid, kind, started_at, finished_at, cancelled, verdict, by, verdicts)| {
                    Ok(StoredRun {
                        id,
                        gid,
                        kind: RunKind::parse(&kind)?,
                        started_at,
                        finished_at,
                        cancelled,
                        verdict,
                        verdicts: verdicts
                            .unwrap_or_default()
                            .split(',')
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect(),
                        created_by: by,
                    })
                },
            )
            .collect()
    }

    /// The results of one run of the plan, in stored order.
    pub fn probe_results(
        &self,
        plan_id: i64,
        run_id: i64,
    ) -> Result<Vec<StoredResult>, StoreError> {
        let owner: Option<i64> = self
            .conn
            .query_row(
                "SELECT plan_id FROM probe_run WHERE id = ?1",
                [run_id],
                |r| r.get(0),
            )
            .optional()?;
        if owner != Some(plan_id) {
            return Err(StoreError::NoSuchRun(run_id));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT check_id, target, verdict, finding, observed, started_at, duration_ms
             FROM probe_result WHERE run_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([run_id], |r| {
                Ok(StoredResult {
                    check: r.get(0)?,
                    target: r.get(1)?,
                    verdict: r.get(2)?,
                    finding: r.get(3)?,
                    observed: r.get(4)?,
                    started_at: r.get(5)?,
                    duration_ms: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Fails of the newest run of each kind (checks, redirects), one per task and check,
    /// on the tasks whose template entry names the check.
    pub fn failing_checks(
        &self,
        plan_id: i64,
        template: &Template,
    ) -> Result<Vec<FailingCheck>, StoreError> {
        self.latest_checks_with(plan_id, template, "fail")
    }

    /// The checks that warned in each kind's newest run (a certificate expiring soon after
    /// launch, DMARC p=none), once per task and check: the register's and the verdict's risks.
    pub fn warning_checks(
        &self,
        plan_id: i64,
        template: &Template,
    ) -> Result<Vec<FailingCheck>, StoreError> {
        self.latest_checks_with(plan_id, template, "warn")
    }

    fn latest_checks_with(
        &self,
        plan_id: i64,
        template: &Template,
        verdict: &str,
    ) -> Result<Vec<FailingCheck>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT check_id, target, finding FROM probe_result
             WHERE verdict = ?2
               AND run_id IN (SELECT max(id) FROM probe_run WHERE plan_id = ?1 GROUP BY kind)
             ORDER BY id",
        )?;
        let found = stmt
            .query_map(rusqlite::params![plan_id, verdict], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (check, target, finding) in found {
            for task in template.tasks.iter().filter(|t| t.probes.contains(&check)) {
                if seen.insert((task.id.clone(), check.clone())) {
                    out.push(FailingCheck {
                        task_id: task.id.clone(),
                        check: check.clone(),
                        finding: format!("{target}: {finding}"),
                    });
                }
            }
        }
        Ok(out)
    }
}
