//! The desktop side of a probe run: builds the request from the saved endpoints and the
//! run-time credentials, runs it on the async runtime with a cancellation token the UI can
//! trigger, forwards progress as `probe-progress` events and saves the run.
//!
//! The checks themselves, their verdicts and the history live in `golive::probe`; this file
//! only wires them to the window. The database lock is never held while the network runs.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::Utc;
use golive::probe::history::{self, RunKind};
use golive::probe::logins;
use golive::probe::{BasicAuth, CheckId, Endpoints, Progress, RunRequest, Settings};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tokio_util::sync::CancellationToken;

use crate::commands::{Db, lock};
use crate::dto::{
    CommandError, ProbeProgressDto, ProbeResultDto, ProbeRunDto, ProbeRunResultsDto, SavedLoginDto,
};

/// The event the Probes view listens to.
pub const PROGRESS_EVENT: &str = "probe-progress";

/// Running probe runs by plan, so Cancel can reach them.
#[derive(Default)]
pub struct ProbeRuns(Mutex<HashMap<i64, CancellationToken>>);

impl ProbeRuns {
    fn start(&self, plan_id: i64) -> Result<CancellationToken, CommandError> {
        let mut runs = self.0.lock().map_err(|_| poisoned())?;
        if runs.contains_key(&plan_id) {
            return Err(CommandError::new(
                "probe-running",
                "probes are already running for this plan; wait for them or cancel them first",
            ));
        }
        let token = CancellationToken::new();
        runs.insert(plan_id, token.clone());
        Ok(token)
    }

    fn finish(&self, plan_id: i64) {
        if let Ok(mut runs) = self.0.lock() {
            runs.remove(&plan_id);
        }
    }

    /// Cancels the plan's run; false when none is running.
    pub fn cancel(&self, plan_id: i64) -> Result<bool, CommandError> {
        let runs = self.0.lock().map_err(|_| poisoned())?;
        Ok(runs.get(&plan_id).map(CancellationToken::cancel).is_some())
    }
}

fn poisoned() -> CommandError {
    CommandError::new(
        "internal",
        "an earlier error left the probe runs unusable; restart GoLive Planner",
    )
}

/// A staging login typed for this run; `remember` keeps it in the OS keyring.
pub struct Login {
    pub user: String,
    pub password: String,
    pub remember: bool,
}

/// Runs `checks` (all when empty) on the plan's saved endpoints and saves the run.
pub async fn run<R: Runtime>(
    app: AppHandle<R>,
    plan_id: i64,
    checks: Vec<String>,
    login: Option<Login>,
) -> Result<ProbeRunResultsDto, CommandError> {
    let checks = checks
        .iter()
        .map(|c| c.parse::<CheckId>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| CommandError::new("unknown-check", e.to_string()))?;
    let (plan, endpoints) = {
        let db = app.state::<Db>();
        let store = lock(&db)?;
        (
            store.plan(plan_id)?,
            history::load_endpoints(&store, plan_id)?,
        )
    };
    // The run gets the login; `endpoints` stays without it for the progress and results.
    let mut with_login = endpoints.clone();
    with_login.credentials = credentials(&endpoints, login).await?;
    let launch = plan.settings.launch;
    let req = RunRequest {
        endpoints: with_login,
        checks,
        launch: launch.date(),
        today: launch.today_at(Utc::now()),
        settings: Settings::default(),
    };
    let runs = app.state::<ProbeRuns>();
    let token = runs.start(plan_id)?;
    let events = app.clone();
    let shown = endpoints.clone();
    let progress = move |p: Progress| {
        let _ = events.emit(PROGRESS_EVENT, progress_dto(plan_id, &shown, p));
    };
    let task_token = token.clone();
    let outcome = tauri::async_runtime::spawn(async move {
        golive::probe::run(&req, &task_token, &progress).await
    })
    .await;
    runs.finish(plan_id);
    let report = outcome
        .map_err(|e| CommandError::new("internal", format!("the probe run stopped: {e}")))??;
    let db = app.state::<Db>();
    let mut store = lock(&db)?;
    let saved = history::save_run(&mut store, plan_id, RunKind::Checks, &report, None)?;
    let summary = history::runs(&store, plan_id)?
        .into_iter()
        .find(|r| r.id == saved.run_id)
        .ok_or_else(|| CommandError::new("internal", "the saved probe run is missing"))?;
    Ok(ProbeRunResultsDto {
        run: ProbeRunDto::from(&summary),
        results: report
            .results
            .iter()
            .map(|r| ProbeResultDto::new(r, &endpoints))
            .collect(),
        evidence_added: saved.evidence_added as u32,
    })
}

/// The login for every web endpoint's origin (the library sends each to its own origin only):
/// the one typed for this run, saved first when asked to, else the one the keyring holds.
async fn credentials(e: &Endpoints, login: Option<Login>) -> Result<Vec<BasicAuth>, CommandError> {
    let origins = logins::origins(e)?;
    match login.filter(|l| !l.user.trim().is_empty()) {
        Some(l) => {
            let user = l.user.trim().to_string();
            let typed = logins::login_for(&origins, &user, &l.password)?;
            if l.remember {
                keyring(move || logins::save(&origins, &user, &l.password)).await?;
            }
            Ok(typed)
        }
        // No keyring, or nothing saved: the run goes without a login, as the user chose.
        None => Ok(keyring(move || logins::load(&origins))
            .await
            .unwrap_or_default()),
    }
}

/// What the keyring holds for the endpoints' origins.
pub async fn saved_login(e: Endpoints) -> Result<SavedLoginDto, CommandError> {
    let origins = logins::origins(&e)?;
    let lookup = origins.clone();
    let (keyring_ok, problem, user) = match keyring(move || logins::load(&lookup)).await {
        Ok(saved) => (true, None, saved.first().map(|l| l.user().to_string())),
        Err(e) if e.kind == "keyring-unavailable" => (false, Some(e.message), None),
        Err(e) => (true, Some(e.message), None),
    };
    Ok(SavedLoginDto {
        keyring: keyring_ok,
        problem,
        user,
        origins,
    })
}

/// Forgets the logins of the endpoints' origins.
pub async fn forget_login(e: Endpoints) -> Result<u32, CommandError> {
    let origins = logins::origins(&e)?;
    Ok(keyring(move || logins::forget(&origins)).await? as u32)
}

/// Keyring calls block on D-Bus, so they run off the async workers.
async fn keyring<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, logins::KeyringError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| CommandError::new("internal", format!("the keyring call stopped: {e}")))?
        .map_err(CommandError::from)
}

fn progress_dto(plan_id: i64, endpoints: &Endpoints, p: Progress) -> ProbeProgressDto {
    let base = ProbeProgressDto {
        plan_id,
        stage: String::new(),
        done: 0,
        total: 0,
        check: None,
        target: None,
        result: None,
    };
    match p {
        Progress::Planned { total } => ProbeProgressDto {
            stage: "planned".into(),
            total: total as u32,
            ..base
        },
        Progress::Started { check, target } => ProbeProgressDto {
            stage: "started".into(),
            check: Some(check.as_str().into()),
            target: Some(target),
            ..base
        },
        Progress::Finished {
            done,
            total,
            result,
        } => ProbeProgressDto {
            stage: "finished".into(),
            done: done as u32,
            total: total as u32,
            check: Some(result.check.as_str().into()),
            target: Some(result.target.clone()),
            result: Some(ProbeResultDto::new(&result, endpoints)),
            ..base
        },
    }
}

/// A stored run with its results.
pub fn stored(
    store: &golive::store::Store,
    plan_id: i64,
    run_id: i64,
) -> Result<ProbeRunResultsDto, CommandError> {
    let endpoints = history::load_endpoints(store, plan_id)?;
    let summary = history::runs(store, plan_id)?
        .into_iter()
        .find(|r| r.id == run_id)
        .ok_or(history::HistoryError::NoSuchRun(run_id))?;
    let results = history::results(store, plan_id, run_id)?;
    Ok(ProbeRunResultsDto {
        run: ProbeRunDto::from(&summary),
        results: results
            .iter()
            .map(|r| ProbeResultDto::new(r, &endpoints))
            .collect(),
        evidence_added: 0,
    })
}
