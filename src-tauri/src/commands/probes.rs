//! Probes: the plan's endpoints, runs (all checks or one) with live progress and Cancel,
//! stored runs and the diff of the latest two. The work is in `golive::probe`.

use golive::probe::{Endpoints, history};
use tauri::{AppHandle, Runtime, State};

use super::{Db, lock};
use crate::dto::{
    CommandError, EndpointsDto, ProbeRunDto, ProbeRunResultsDto, ProbeSetupDto, RunDiffDto,
    SavedLoginDto,
};
use crate::probing::{self, Login, ProbeRuns};

type Res<T> = Result<T, CommandError>;

/// The plan's endpoints, and every check with whether they feed it.
#[tauri::command]
pub async fn probe_endpoints(db: State<'_, Db>, plan_id: i64) -> Res<ProbeSetupDto> {
    ProbeSetupDto::new(&history::load_endpoints(&*lock(&db)?, plan_id)?)
}

/// Validates and saves the form; answers with the endpoints as stored (trimmed) and the
/// checks they now feed.
#[tauri::command]
pub async fn save_probe_endpoints(
    db: State<'_, Db>,
    plan_id: i64,
    endpoints: EndpointsDto,
) -> Res<ProbeSetupDto> {
    let e = Endpoints::try_from(&endpoints)?;
    history::save_endpoints(&*lock(&db)?, plan_id, &e)?;
    ProbeSetupDto::new(&e)
}

/// Runs `checks` (every check that applies when empty). `user` and `password` log in to the
/// plan's staging origins; `remember` keeps them in the OS keyring (never the database).
/// Without a user, the login remembered for those origins is used.
#[tauri::command]
pub async fn run_probes<R: Runtime>(
    app: AppHandle<R>,
    plan_id: i64,
    checks: Vec<String>,
    user: Option<String>,
    password: Option<String>,
    remember: Option<bool>,
) -> Res<ProbeRunResultsDto> {
    let login = user.map(|user| Login {
        user,
        password: password.unwrap_or_default(),
        remember: remember.unwrap_or(false),
    });
    probing::run(app, plan_id, checks, login).await
}

/// The login remembered for the plan's origins (user only) and whether a keyring answers.
#[tauri::command]
pub async fn probe_saved_login(db: State<'_, Db>, plan_id: i64) -> Res<SavedLoginDto> {
    let endpoints = history::load_endpoints(&*lock(&db)?, plan_id)?;
    probing::saved_login(endpoints).await
}

/// Forgets the logins remembered for the plan's origins; answers how many there were.
#[tauri::command]
pub async fn forget_probe_login(db: State<'_, Db>, plan_id: i64) -> Res<u32> {
    let endpoints = history::load_endpoints(&*lock(&db)?, plan_id)?;
    probing::forget_login(endpoints).await
}

/// Stops the plan's running probes; results that finished are kept and saved.
#[tauri::command]
pub async fn cancel_probes(runs: State<'_, ProbeRuns>, plan_id: i64) -> Res<bool> {
    runs.cancel(plan_id)
}

#[tauri::command]
pub async fn probe_runs(db: State<'_, Db>, plan_id: i64) -> Res<Vec<ProbeRunDto>> {
    let runs = history::runs(&*lock(&db)?, plan_id)?;
    Ok(runs.iter().map(ProbeRunDto::from).collect())
}

#[tauri::command]
pub async fn probe_run(db: State<'_, Db>, plan_id: i64, run_id: i64) -> Res<ProbeRunResultsDto> {
    probing::stored(&*lock(&db)?, plan_id, run_id)
}

/// What changed between the two newest runs; `null` with fewer than two.
#[tauri::command]
pub async fn probe_diff(db: State<'_, Db>, plan_id: i64) -> Res<Option<RunDiffDto>> {
    Ok(history::latest_diff(&*lock(&db)?, plan_id)?
        .as_ref()
        .map(RunDiffDto::from))
}
