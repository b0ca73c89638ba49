//! Probes: the plan's endpoints, runs (all checks or one) with live progress and Cancel,
//! stored runs and the diff of the latest two. The runs, their logins and their history are
//! `golive::ops`' work; this file only forwards progress to the window as `probe-progress`.

use golive::probe::{CheckId, Endpoints, Progress};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::{Res, Workspace};
use crate::dto::{
    EndpointsDto, ProbeProgressDto, ProbeRunDto, ProbeRunResultsDto, ProbeSetupDto, RunDiffDto,
    SavedLoginDto, run_request,
};

/// The event the Probes view listens to.
pub const PROGRESS_EVENT: &str = "probe-progress";

/// The plan's endpoints, and every check with whether they feed it.
#[tauri::command]
pub async fn probe_endpoints(ws: State<'_, Workspace>, plan_id: i64) -> Res<ProbeSetupDto> {
    Ok(ProbeSetupDto::new(&ws.endpoints(plan_id)?)?)
}

/// Checks and saves the form; answers with the endpoints as stored (trimmed) and the
/// checks they now feed.
#[tauri::command]
pub async fn save_probe_endpoints(
    ws: State<'_, Workspace>,
    plan_id: i64,
    endpoints: EndpointsDto,
) -> Res<ProbeSetupDto> {
    let saved = ws.save_endpoints(plan_id, Endpoints::try_from(&endpoints)?)?;
    Ok(ProbeSetupDto::new(&saved)?)
}

/// Runs `checks` (every check that applies when empty). `user` and `password` log in to the
/// plan's staging origins; `remember` keeps them in the OS keyring (never the database).
/// Without a user, the login remembered for those origins is used.
#[tauri::command]
pub async fn run_probes<R: Runtime>(
    app: AppHandle<R>,
    plan_id: i64,
    checks: Vec<CheckId>,
    user: Option<String>,
    password: Option<String>,
    remember: Option<bool>,
) -> Res<ProbeRunResultsDto> {
    let ws = app.state::<Workspace>();
    let request = run_request(checks, user, password, remember);
    let progress = emitter(app.clone(), plan_id, ws.endpoints(plan_id)?);
    let outcome = ws.run_probes(plan_id, request, &progress).await?;
    Ok(ProbeRunResultsDto::from(&outcome))
}

/// Sends each step of a run to the window; `endpoints` place the results as the answer will.
fn emitter<R: Runtime>(
    app: AppHandle<R>,
    plan_id: i64,
    endpoints: Endpoints,
) -> impl Fn(Progress) + Send + Sync {
    move |p| {
        // A window that has gone away misses the progress; the run still finishes and saves.
        let _ = app.emit(
            PROGRESS_EVENT,
            ProbeProgressDto::new(plan_id, &endpoints, p),
        );
    }
}

/// The login remembered for the plan's origins (user only) and whether a keyring answers.
#[tauri::command]
pub async fn probe_saved_login(ws: State<'_, Workspace>, plan_id: i64) -> Res<SavedLoginDto> {
    Ok(SavedLoginDto::from(ws.saved_login(plan_id).await?))
}

/// Forgets the logins remembered for the plan's origins; answers how many there were.
#[tauri::command]
pub async fn forget_probe_login(ws: State<'_, Workspace>, plan_id: i64) -> Res<u32> {
    let forgotten = ws.forget_login(plan_id).await?;
    Ok(u32::try_from(forgotten).unwrap_or(u32::MAX))
}

/// Stops the plan's running probes; results that finished are kept and saved.
#[tauri::command]
pub async fn cancel_probes(ws: State<'_, Workspace>, plan_id: i64) -> Res<bool> {
    Ok(ws.cancel_probes(plan_id)?)
}

/// The plan's runs, newest first.
#[tauri::command]
pub async fn probe_runs(ws: State<'_, Workspace>, plan_id: i64) -> Res<Vec<ProbeRunDto>> {
    Ok(ws
        .probe_runs(plan_id)?
        .iter()
        .map(ProbeRunDto::from)
        .collect())
}

#[tauri::command]
pub async fn probe_run(
    ws: State<'_, Workspace>,
    plan_id: i64,
    run_id: i64,
) -> Res<ProbeRunResultsDto> {
    Ok(ProbeRunResultsDto::from(&ws.probe_run(plan_id, run_id)?))
}

/// What changed between the two newest runs; `null` with fewer than two.
#[tauri::command]
pub async fn probe_diff(ws: State<'_, Workspace>, plan_id: i64) -> Res<Option<RunDiffDto>> {
    Ok(ws.probe_diff(plan_id)?.as_ref().map(RunDiffDto::from))
}
