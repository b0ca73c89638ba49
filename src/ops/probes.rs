//! Probes: a plan's endpoints, runs with progress and cancellation (with the staging login
//! they need), stored runs and their diff, redirect maps, and remembered logins.
//!
//! The database is read before a run and written after it, never locked while the network
//! runs. Keyring calls block on D-Bus, so they run off the async workers.

use std::path::{Path, PathBuf};

use chrono::Utc;
use tokio_util::sync::CancellationToken;

use super::{Error, Workspace};
use crate::probe::history::{self, RunKind, RunSummary};
use crate::probe::logins::{self, KeyringError};
use crate::probe::net::{Http, check_ca_file};
use crate::probe::runner::inapplicable;
use crate::probe::{
    BasicAuth, CheckId, Endpoints, Pin, ProbeResult, Progress, RedirectMap, RunDiff, RunReport,
    RunRequest, Settings, check_redirects, redirects,
};

/// The staging login a run uses for the plan's origins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Login {
    /// The login the OS keyring remembers for the origins, if any; none otherwise.
    Remembered,
    /// A login typed for this run; `remember` keeps it in the OS keyring (never the
    /// database).
    Typed {
        user: String,
        password: String,
        remember: bool,
    },
}

/// What to run on a plan.
#[derive(Debug, Clone)]
pub struct ProbeRunRequest {
    /// Only these checks; empty: every check that applies.
    pub checks: Vec<CheckId>,
    pub login: Login,
    pub settings: Settings,
}

/// What a run found and what was saved of it.
#[derive(Debug, Clone)]
pub struct ProbeOutcome {
    pub run: RunSummary,
    pub report: RunReport,
    pub evidence_added: usize,
    /// The endpoints as saved (no credentials), to name the targets.
    pub endpoints: Endpoints,
    /// Checks asked for that have nothing to check in this plan, and were skipped.
    pub skipped: Vec<CheckId>,
    /// Why the remembered login could not be read; the run went without one.
    pub login_problem: Option<String>,
}

/// A stored run with its results.
#[derive(Debug, Clone)]
pub struct StoredRun {
    pub run: RunSummary,
    pub results: Vec<ProbeResult>,
    pub endpoints: Endpoints,
}

/// What a redirect-map check found: one summary result and every row's.
#[derive(Debug, Clone)]
pub struct RedirectOutcome {
    pub run: RunSummary,
    pub summary: ProbeResult,
    pub report: RunReport,
    pub evidence_added: usize,
    pub login_problem: Option<String>,
}

/// The login the keyring remembers for a plan's origins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedLogin {
    /// Whether a keyring answered at all.
    pub keyring: bool,
    /// What went wrong asking it, if anything.
    pub problem: Option<String>,
    pub user: Option<String>,
    pub origins: Vec<String>,
}

/// Removes a plan's cancellation token when its run ends, however it ends.
struct Running<'a> {
    workspace: &'a Workspace,
    plan_id: i64,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        if let Ok(mut runs) = self.workspace.runs.lock() {
            runs.remove(&self.plan_id);
        }
    }
}

async fn keyring<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, KeyringError> + Send + 'static,
) -> Result<Result<T, KeyringError>, Error> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::stopped("the keyring call", e))
}

/// The credentials for `origins`: typed (saved first when asked to), else remembered. A
/// keyring that cannot answer means no login, with the reason unless there is no keyring.
async fn credentials(
    origins: Vec<String>,
    login: Login,
) -> Result<(Vec<BasicAuth>, Option<String>), Error> {
    match login {
        Login::Typed {
            user,
            password,
            remember,
        } if !user.trim().is_empty() => {
            let user = user.trim().to_string();
            let typed = logins::login_for(&origins, &user, &password)?;
            if remember {
                keyring(move || logins::save(&origins, &user, &password)).await??;
            }
            Ok((typed, None))
        }
        Login::Typed { .. } | Login::Remembered => {
            match keyring(move || logins::load(&origins)).await? {
                Ok(saved) => Ok((saved, None)),
                Err(KeyringError::Unavailable(_)) => Ok((Vec::new(), None)),
                Err(e) => Ok((Vec::new(), Some(e.to_string()))),
            }
        }
    }
}

impl Workspace {
    /// A plan's endpoints (empty when none were set).
    pub fn endpoints(&self, plan_id: i64) -> Result<Endpoints, Error> {
        Ok(history::load_endpoints(&*self.store()?, plan_id)?)
    }

    /// Checks and saves a plan's endpoints; CA files must be readable PEM and are kept by
    /// their absolute path. Answers the endpoints as saved.
    pub fn save_endpoints(
        &self,
        plan_id: i64,
        mut endpoints: Endpoints,
    ) -> Result<Endpoints, Error> {
        for file in &endpoints.ca_files {
            check_ca_file(file)?;
        }
        endpoints.ca_files = endpoints
            .ca_files
            .iter()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
            .collect();
        endpoints.validate()?;
        history::save_endpoints(&mut *self.store()?, plan_id, &endpoints)?;
        Ok(endpoints)
    }

    /// Runs the checks on the plan's endpoints and saves the run with the evidence it files,
    /// reporting each step to `progress`. [`Workspace::cancel_probes`] stops it; what
    /// finished is kept and saved.
    pub async fn run_probes(
        &self,
        plan_id: i64,
        request: ProbeRunRequest,
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<ProbeOutcome, Error> {
        let (plan, endpoints) = {
            let store = self.store()?;
            (
                store.plan(plan_id)?,
                history::load_endpoints(&store, plan_id)?,
            )
        };
        let skipped = inapplicable(&endpoints, &request.checks)?;
        // When none applies, the run's own error says so, once.
        let skipped = if skipped.len() < request.checks.len() {
            skipped
        } else {
            Vec::new()
        };
        let (auth, login_problem) =
            credentials(logins::origins(&endpoints)?, request.login).await?;
        let mut with_login = endpoints.clone();
        with_login.credentials = auth;
        let launch = plan.settings.launch;
        let req = RunRequest {
            endpoints: with_login,
            checks: request.checks,
            launch: launch.date(),
            today: launch.today_at(Utc::now()),
            settings: request.settings,
        };
        let token = self.start_run(plan_id)?;
        let report = {
            let _running = Running {
                workspace: self,
                plan_id,
            };
            crate::probe::run(&req, &token, progress).await?
        };
        let saved =
            history::save_run(&mut *self.store()?, plan_id, RunKind::Checks, &report, None)?;
        let run = history::run(&*self.store()?, plan_id, saved.run_id)?;
        Ok(ProbeOutcome {
            run,
            report,
            evidence_added: saved.evidence_added,
            endpoints,
            skipped,
            login_problem,
        })
    }

    fn start_run(&self, plan_id: i64) -> Result<CancellationToken, Error> {
        let mut runs = self.runs.lock().map_err(|_| {
            Error::Internal("the probe runs are unusable; restart GoLive Planner".into())
        })?;
        if runs.contains_key(&plan_id) {
            return Err(Error::ProbeRunning);
        }
        let token = CancellationToken::new();
        runs.insert(plan_id, token.clone());
        Ok(token)
    }

    /// Cancels the plan's running probes; false when none is running.
    pub fn cancel_probes(&self, plan_id: i64) -> Result<bool, Error> {
        let runs = self.runs.lock().map_err(|_| {
            Error::Internal("the probe runs are unusable; restart GoLive Planner".into())
        })?;
        Ok(runs.get(&plan_id).map(CancellationToken::cancel).is_some())
    }

    /// Checks a redirect map (CSV: old URL, expected URL, optional status) and saves the run;
    /// the plan's evidence gets the one summary result.
    pub async fn check_redirect_map(
        &self,
        plan_id: i64,
        map_path: &Path,
        login: Login,
        settings: Settings,
    ) -> Result<RedirectOutcome, Error> {
        let map = RedirectMap::load(map_path)?;
        let mut endpoints = self.endpoints(plan_id)?;
        let mut origins: Vec<String> = map
            .entries
            .iter()
            .map(|e| e.old.origin().ascii_serialization())
            .collect();
        origins.sort();
        origins.dedup();
        let (auth, login_problem) = credentials(origins, login).await?;
        endpoints.credentials = auth;
        let settings = Settings {
            concurrency: settings.concurrency.max(32),
            ..settings
        };
        let http = Http::new(std::sync::Arc::new(endpoints), &settings, None)?;
        let started_at = Utc::now();
        let token = self.start_run(plan_id)?;
        let results = {
            let _running = Running {
                workspace: self,
                plan_id,
            };
            check_redirects(&http, &map, &token).await
        };
        let target = map_path.display().to_string();
        let summary = ProbeResult::new(
            CheckId::RedirectMap,
            target.clone(),
            redirects::summarize(&target, &results),
            started_at,
            u64::try_from((Utc::now() - started_at).num_milliseconds()).unwrap_or(0),
        );
        let report = RunReport {
            started_at,
            finished_at: Utc::now(),
            cancelled: token.is_cancelled(),
            results,
        };
        let saved = history::save_run(
            &mut *self.store()?,
            plan_id,
            RunKind::Redirects,
            &report,
            Some(&summary),
        )?;
        let run = history::run(&*self.store()?, plan_id, saved.run_id)?;
        Ok(RedirectOutcome {
            run,
            summary,
            report,
            evidence_added: saved.evidence_added,
            login_problem,
        })
    }

    /// Checks one URL without a plan: DNS, TLS, headers and SEO files, judged as of today.
    pub async fn probe_url(
        url: &str,
        pins: Vec<Pin>,
        ca_files: Vec<PathBuf>,
        login: Login,
        settings: Settings,
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<(RunReport, Option<String>), Error> {
        let mut endpoints = Endpoints {
            pins,
            ca_files,
            ..Endpoints::default()
        };
        let (auth, problem) = credentials(vec![url.to_string()], login).await?;
        endpoints.credentials = auth;
        let report = crate::probe::probe_url(
            url,
            endpoints,
            settings,
            &CancellationToken::new(),
            progress,
        )
        .await?;
        Ok((report, problem))
    }

    /// The plan's runs, newest first.
    pub fn probe_runs(&self, plan_id: i64) -> Result<Vec<RunSummary>, Error> {
        Ok(history::runs(&*self.store()?, plan_id)?)
    }

    /// One stored run with its results.
    pub fn probe_run(&self, plan_id: i64, run_id: i64) -> Result<StoredRun, Error> {
        let store = self.store()?;
        Ok(StoredRun {
            run: history::run(&store, plan_id, run_id)?,
            results: history::results(&store, plan_id, run_id)?,
            endpoints: history::load_endpoints(&store, plan_id)?,
        })
    }

    /// What changed between the two newest check runs; `None` with fewer than two.
    pub fn probe_diff(&self, plan_id: i64) -> Result<Option<RunDiff>, Error> {
        Ok(history::latest_diff(&*self.store()?, plan_id)?)
    }

    /// The web origins a plan's staging login applies to.
    pub fn login_origins(&self, plan_id: i64) -> Result<Vec<String>, Error> {
        Ok(logins::origins(&self.endpoints(plan_id)?)?)
    }

    /// What the keyring remembers for the plan's origins, and whether a keyring answers.
    pub async fn saved_login(&self, plan_id: i64) -> Result<SavedLogin, Error> {
        let origins = self.login_origins(plan_id)?;
        let lookup = origins.clone();
        let (keyring_ok, problem, user) = match keyring(move || logins::load(&lookup)).await? {
            Ok(saved) => (true, None, saved.first().map(|l| l.user().to_string())),
            Err(e @ KeyringError::Unavailable(_)) => (false, Some(e.to_string()), None),
            Err(e) => (true, Some(e.to_string()), None),
        };
        Ok(SavedLogin {
            keyring: keyring_ok,
            problem,
            user,
            origins,
        })
    }

    /// Remembers a staging login for the plan's origins in the OS keyring; answers them.
    pub async fn remember_login(
        &self,
        plan_id: i64,
        user: &str,
        password: &str,
    ) -> Result<Vec<String>, Error> {
        let origins = self.login_origins(plan_id)?;
        if origins.is_empty() {
            return Err(Error::Probe(crate::probe::ProbeError::NothingToProbe(
                "this plan has no web endpoints yet, so there is no origin to log in to; \
                 set its storefront or back office first"
                    .into(),
            )));
        }
        let (saving, user, password) = (origins.clone(), user.to_string(), password.to_string());
        keyring(move || logins::save(&saving, &user, &password)).await??;
        Ok(origins)
    }

    /// Forgets the logins remembered for the plan's origins; answers how many there were.
    pub async fn forget_login(&self, plan_id: i64) -> Result<usize, Error> {
        let origins = self.login_origins(plan_id)?;
        Ok(keyring(move || logins::forget(&origins)).await??)
    }
}
