//! `golive probe …`: configure a plan's endpoints, run the network checks, check a redirect
//! map, show history. Thin: the checks, storage and diff live in `golive::probe`.
//!
//! Exit codes: 0 when everything passes or warns, 1 on a fail, 2 when something could not be
//! checked (including unusable input).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use chrono::Utc;
use clap::{Args, Subcommand};
use golive::probe::history::{self, RunKind};
use golive::probe::logins::{self, KeyringError};
use golive::probe::runner::{block_on, inapplicable};
use golive::probe::{
    BasicAuth, CheckId, Endpoints, Pin, ProbeError, ProbeResult, Progress, RedirectMap, RunReport,
    RunRequest, Settings, Verdict, check_redirects, net::Http, overall, probe_url, redirects, run,
};
use golive::store::Store;
use tokio_util::sync::CancellationToken;

use crate::error::CliError;
use crate::output::{AMBER, BOLD, Cell, DIM, GREEN, RED, Table, print, styled};

/// Environment variable holding the staging basic-auth password.
pub const PASSWORD_ENV: &str = "GOLIVE_PROBE_PASSWORD";

#[derive(Subcommand)]
pub enum ProbeCommand {
    /// Set what a plan probes (only the options given change).
    Endpoints(EndpointArgs),
    /// Run the checks on a plan's endpoints; results become evidence on linked tasks.
    Run {
        plan: String,
        /// Only these checks (repeatable), e.g. --check tls-expiry.
        #[arg(long = "check", value_name = "ID")]
        checks: Vec<CheckId>,
        /// Staging basic-auth user for the plan's origins; the password comes from
        /// GOLIVE_PROBE_PASSWORD or is asked for. Without it, the login saved with
        /// `golive probe login` is used. Never stored in the database.
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        #[command(flatten)]
        tuning: Tuning,
        #[arg(long)]
        json: bool,
    },
    /// Remember a staging login for the plan's origins in the OS keyring (not the database);
    /// later runs use it without --user.
    Login {
        plan: String,
        #[arg(long, value_name = "USER")]
        user: String,
    },
    /// Forget the staging logins remembered for the plan's origins.
    Logout { plan: String },
    /// Check one URL without a plan (DNS, TLS, headers, SEO files).
    Url {
        url: String,
        /// Pin HOST:PORT:IP like curl --resolve (repeatable).
        #[arg(long = "resolve", value_name = "HOST:PORT:IP")]
        pins: Vec<Pin>,
        /// Extra trusted CA certificate, PEM (repeatable).
        #[arg(long = "cacert", value_name = "FILE")]
        ca_files: Vec<PathBuf>,
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        #[command(flatten)]
        tuning: Tuning,
        #[arg(long)]
        json: bool,
    },
    /// Past runs of a plan and what changed between the last two.
    History {
        plan: String,
        #[arg(long)]
        json: bool,
    },
    /// Check a redirect map (CSV: old URL, expected URL, optional status).
    Redirects {
        plan: String,
        #[arg(long, value_name = "FILE")]
        map: PathBuf,
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        #[command(flatten)]
        tuning: Tuning,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct EndpointArgs {
    plan: String,
    /// Storefront URL (repeatable; replaces the list).
    #[arg(long = "storefront", value_name = "URL")]
    storefronts: Vec<String>,
    #[arg(long, value_name = "URL")]
    backoffice: Option<String>,
    #[arg(long, value_name = "URL")]
    merchant_portal: Option<String>,
    #[arg(long, value_name = "URL")]
    api: Option<String>,
    #[arg(long, value_name = "URL")]
    gateway: Option<String>,
    #[arg(long, value_name = "DOMAIN")]
    mail_domain: Option<String>,
    /// DKIM selector (repeatable; replaces the list).
    #[arg(long = "dkim-selector", value_name = "S")]
    dkim_selectors: Vec<String>,
    /// Pin HOST:PORT:IP like curl --resolve (repeatable; replaces the list).
    #[arg(long = "resolve", value_name = "HOST:PORT:IP")]
    pins: Vec<Pin>,
    /// Extra trusted CA certificate, PEM (repeatable; replaces the list).
    #[arg(long = "cacert", value_name = "FILE")]
    ca_files: Vec<PathBuf>,
    /// Port of plain HTTP for the HTTPS-redirect check.
    #[arg(long, value_name = "PORT")]
    http_port: Option<u16>,
    #[arg(long, value_name = "PATH")]
    sitemap_path: Option<String>,
    /// DNS server to ask instead of the system's.
    #[arg(long, value_name = "IP:PORT")]
    nameserver: Option<std::net::SocketAddr>,
    /// Forget every endpoint first.
    #[arg(long)]
    clear: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Clone, Copy)]
pub struct Tuning {
    /// Seconds allowed per request.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    timeout: u64,
    /// Checks run at the same time.
    #[arg(long, value_name = "N", default_value_t = Settings::default().concurrency)]
    concurrency: usize,
}

impl Tuning {
    fn settings(self) -> Settings {
        let t = Duration::from_secs(self.timeout.max(1));
        Settings {
            connect_timeout: t.min(Duration::from_secs(5)),
            request_timeout: t,
            check_timeout: t * 3,
            concurrency: self.concurrency.max(1),
            ..Settings::default()
        }
    }
}

pub fn probe(
    store: impl FnOnce() -> Result<Store, CliError>,
    cmd: ProbeCommand,
) -> Result<ExitCode, CliError> {
    match cmd {
        ProbeCommand::Endpoints(a) => endpoints(&store()?, a),
        ProbeCommand::Run {
            plan,
            checks,
            user,
            tuning,
            json,
        } => run_plan(store()?, &plan, checks, user, tuning, json),
        ProbeCommand::Url {
            url,
            pins,
            ca_files,
            user,
            tuning,
            json,
        } => {
            let mut e = Endpoints {
                pins,
                ca_files,
                ..Endpoints::default()
            };
            e.credentials = login(user, std::slice::from_ref(&url))?;
            let report = block_on(probe_url(
                &url,
                e,
                tuning.settings(),
                &CancellationToken::new(),
                &progress(json),
            ))??;
            show(&report.results, json, &report)?;
            Ok(exit_code(report.verdict()))
        }
        ProbeCommand::Login { plan, user } => {
            let origins = plan_origins(&store()?, &plan)?;
            logins::save(&origins, &user, &password(&user)?)?;
            print(&format!(
                "Saved the staging login of {user} for {} in the system keyring.\n",
                origins.join(", ")
            ));
            Ok(ExitCode::SUCCESS)
        }
        ProbeCommand::Logout { plan } => {
            let removed = logins::forget(&plan_origins(&store()?, &plan)?)?;
            print(&format!(
                "Forgot {removed} saved staging login{}.\n",
                if removed == 1 { "" } else { "s" }
            ));
            Ok(ExitCode::SUCCESS)
        }
        ProbeCommand::History { plan, json } => show_history(&store()?, &plan, json),
        ProbeCommand::Redirects {
            plan,
            map,
            user,
            tuning,
            json,
        } => run_redirects(store()?, &plan, &map, user, tuning, json),
    }
}

fn exit_code(v: Verdict) -> ExitCode {
    match v {
        Verdict::Pass | Verdict::Warn => ExitCode::SUCCESS,
        Verdict::Fail => ExitCode::from(1),
        Verdict::Error => ExitCode::from(2),
    }
}

/// The staging login for `origins`: the one given with --user, else the ones remembered in the
/// OS keyring. No keyring simply means no remembered login.
fn login(user: Option<String>, origins: &[String]) -> Result<Vec<BasicAuth>, CliError> {
    if let Some(user) = user {
        return Ok(logins::login_for(origins, &user, &password(&user)?)?);
    }
    match logins::load(origins) {
        Ok(saved) => Ok(saved),
        Err(KeyringError::Unavailable(_)) => Ok(Vec::new()),
        Err(e) => {
            eprintln!(
                "{}",
                styled(&format!("warning: {e}; running without a login"), AMBER)
            );
            Ok(Vec::new())
        }
    }
}

fn password(user: &str) -> Result<String, CliError> {
    match std::env::var(PASSWORD_ENV) {
        Ok(p) => Ok(p),
        Err(_) => rpassword::prompt_password(format!("Password for {user}: ")).map_err(|e| {
            CliError::Usage(format!(
                "cannot read the password ({e}); set {PASSWORD_ENV}"
            ))
        }),
    }
}

fn plan_origins(store: &Store, key: &str) -> Result<Vec<String>, CliError> {
    let plan = store.find_plan(key)?;
    let origins = logins::origins(&history::load_endpoints(store, plan.id)?)?;
    if origins.is_empty() {
        return Err(CliError::Usage(format!(
            "plan {:?} has no web endpoints yet; set them with `golive probe endpoints`",
            plan.name
        )));
    }
    Ok(origins)
}

fn progress(json: bool) -> impl Fn(Progress) + Send + Sync {
    move |p| {
        if let (
            false,
            Progress::Finished {
                done,
                total,
                result,
            },
        ) = (json, p)
        {
            eprintln!(
                "[{done}/{total}] {} {} {}",
                result.verdict, result.check, result.target
            );
        }
    }
}

fn endpoints(store: &Store, a: EndpointArgs) -> Result<ExitCode, CliError> {
    let plan = store.find_plan(&a.plan)?;
    let mut e = if a.clear {
        Endpoints::default()
    } else {
        history::load_endpoints(store, plan.id)?
    };
    if !a.storefronts.is_empty() {
        e.storefronts = a.storefronts;
    }
    let set = |slot: &mut Option<String>, v: Option<String>| {
        if v.is_some() {
            *slot = v;
        }
    };
    set(&mut e.backoffice, a.backoffice);
    set(&mut e.merchant_portal, a.merchant_portal);
    set(&mut e.api, a.api);
    set(&mut e.gateway, a.gateway);
    set(&mut e.mail_domain, a.mail_domain);
    set(&mut e.sitemap_path, a.sitemap_path);
    if !a.dkim_selectors.is_empty() {
        e.dkim_selectors = a.dkim_selectors;
    }
    if !a.pins.is_empty() {
        e.pins = a.pins;
    }
    if !a.ca_files.is_empty() {
        for f in &a.ca_files {
            golive::probe::net::check_ca_file(f)?;
        }
        e.ca_files = a
            .ca_files
            .iter()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
            .collect();
    }
    e.http_port = a.http_port.or(e.http_port);
    e.nameserver = a.nameserver.or(e.nameserver);
    e.validate()?;
    history::save_endpoints(store, plan.id, &e)?;
    if a.json {
        print(&format!("{}\n", serde_json::to_string_pretty(&e)?));
    } else {
        print(&format!(
            "Endpoints of {} saved.\n{}\n",
            styled(&plan.name, BOLD),
            serde_json::to_string_pretty(&e)?
        ));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_plan(
    mut store: Store,
    key: &str,
    checks: Vec<CheckId>,
    user: Option<String>,
    tuning: Tuning,
    json: bool,
) -> Result<ExitCode, CliError> {
    let plan = store.find_plan(key)?;
    let mut endpoints = history::load_endpoints(&store, plan.id)?;
    endpoints.credentials = login(user, &logins::origins(&endpoints)?)?;
    let skipped = inapplicable(&endpoints, &checks)?;
    // When none applies, the run's own error says so once.
    let skipped = if skipped.len() < checks.len() {
        skipped
    } else {
        Vec::new()
    };
    for check in skipped {
        let hint = match check {
            CheckId::RedirectMap => "redirect maps run with `golive probe redirects`",
            _ => "set the endpoints it needs with `golive probe endpoints`",
        };
        eprintln!(
            "{}",
            styled(
                &format!(
                    "warning: --check {} has nothing to check in this plan ({hint}); skipped",
                    check.as_str()
                ),
                AMBER
            )
        );
    }
    let launch = plan.settings.launch;
    let req = RunRequest {
        endpoints,
        checks,
        launch: launch.date(),
        today: launch.today_at(Utc::now()),
        settings: tuning.settings(),
    };
    let report = match block_on(run(&req, &CancellationToken::new(), &progress(json)))? {
        Err(ProbeError::NothingToProbe(why)) => {
            return Err(CliError::Usage(format!(
                "nothing to probe: {why}, with `golive probe endpoints {key:?} …`"
            )));
        }
        result => result?,
    };
    let saved = history::save_run(&mut store, plan.id, RunKind::Checks, &report, None)?;
    show(&report.results, json, &report)?;
    if !json {
        print(&format!(
            "{}\n",
            styled(
                &format!(
                    "Saved as run {}; {} evidence entries added.",
                    saved.run_id, saved.evidence_added
                ),
                DIM
            )
        ));
    }
    Ok(exit_code(report.verdict()))
}

fn run_redirects(
    mut store: Store,
    key: &str,
    map_path: &std::path::Path,
    user: Option<String>,
    tuning: Tuning,
    json: bool,
) -> Result<ExitCode, CliError> {
    let plan = store.find_plan(key)?;
    let map = RedirectMap::load(map_path)?;
    let mut endpoints = history::load_endpoints(&store, plan.id)?;
    let olds: Vec<String> = map
        .entries
        .iter()
        .map(|e| e.old.origin().ascii_serialization())
        .collect();
    let mut origins = olds;
    origins.sort();
    origins.dedup();
    endpoints.credentials = login(user, &origins)?;
    let settings = Settings {
        concurrency: tuning.concurrency.max(32),
        ..tuning.settings()
    };
    let http = Http::new(std::sync::Arc::new(endpoints), &settings, None)?;
    let started_at = Utc::now();
    let results = block_on(check_redirects(&http, &map, &CancellationToken::new()))?;
    let summary = ProbeResult::new(
        CheckId::RedirectMap,
        map_path.display().to_string(),
        redirects::summarize(&map_path.display().to_string(), &results),
        started_at,
        (Utc::now() - started_at).num_milliseconds().max(0) as u64,
    );
    let report = RunReport {
        started_at,
        finished_at: Utc::now(),
        results,
        cancelled: false,
    };
    history::save_run(
        &mut store,
        plan.id,
        RunKind::Redirects,
        &report,
        Some(&summary),
    )?;
    let shown: Vec<ProbeResult> = std::iter::once(summary.clone())
        .chain(
            report
                .results
                .iter()
                .filter(|r| r.verdict != Verdict::Pass)
                .cloned(),
        )
        .collect();
    show(&shown, json, &report)?;
    Ok(exit_code(overall(&[summary])))
}

fn verdict_cell(v: Verdict) -> Cell {
    let style = match v {
        Verdict::Pass => GREEN,
        Verdict::Warn => AMBER,
        Verdict::Fail => RED,
        Verdict::Error => AMBER.bold(),
    };
    Cell::styled(v.as_str().to_uppercase(), style)
}

fn show(results: &[ProbeResult], json: bool, report: &RunReport) -> Result<(), CliError> {
    if json {
        print(&format!("{}\n", serde_json::to_string_pretty(report)?));
        return Ok(());
    }
    let mut t = Table::new(&["VERDICT", "CHECK", "TARGET", "FINDING"]);
    for r in results {
        t.row(vec![
            verdict_cell(r.verdict),
            r.check.as_str().into(),
            r.target.clone().into(),
            r.finding.clone().into(),
        ]);
    }
    print(&t.render());
    Ok(())
}

fn show_history(store: &Store, key: &str, json: bool) -> Result<ExitCode, CliError> {
    let plan = store.find_plan(key)?;
    let runs = history::runs(store, plan.id)?;
    let diff = history::latest_diff(store, plan.id)?;
    if json {
        let v = serde_json::json!({ "runs": runs, "diff": diff });
        print(&format!("{}\n", serde_json::to_string_pretty(&v)?));
        return Ok(ExitCode::SUCCESS);
    }
    if runs.is_empty() {
        print("No probe runs yet; run `golive probe run PLAN`.\n");
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = Table::new(&[
        "RUN", "KIND", "STARTED", "VERDICT", "PASS", "WARN", "FAIL", "ERROR",
    ]);
    for r in &runs {
        let n = |v| r.counts.get(&v).copied().unwrap_or(0).to_string();
        t.row(vec![
            r.id.to_string().into(),
            r.kind.clone().into(),
            r.started_at.clone().into(),
            verdict_cell(r.verdict),
            n(Verdict::Pass).into(),
            n(Verdict::Warn).into(),
            n(Verdict::Fail).into(),
            n(Verdict::Error).into(),
        ]);
    }
    let mut out = t.render();
    if let Some(d) = diff {
        out.push_str(&format!(
            "\nSince the previous run: {} new failure(s), {} fixed, {} other change(s), {} unchanged.\n",
            d.new_failures.len(),
            d.fixed.len(),
            d.changed.len(),
            d.unchanged.len()
        ));
        for c in &d.new_failures {
            out.push_str(&format!(
                "  {} {} {}: {}\n",
                styled("NEW FAIL", RED),
                c.check,
                c.target,
                c.finding
            ));
        }
        for c in &d.fixed {
            out.push_str(&format!(
                "  {} {} {}: {}\n",
                styled("FIXED", GREEN),
                c.check,
                c.target,
                c.finding
            ));
        }
    }
    print(&out);
    Ok(ExitCode::SUCCESS)
}
