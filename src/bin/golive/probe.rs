//! `golive probe …`: configure a plan's endpoints, run the network checks, check a redirect
//! map, show history. Thin: the checks, storage and diff live in `golive::probe`.
//!
//! Exit codes: 0 when everything passes or warns, 1 on a fail, 2 when something could not be
//! checked (including unusable input).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use golive::ops::{Login, ProbeRunRequest, Workspace};
use golive::probe::runner::block_on;
use golive::probe::{CheckId, Endpoints, Pin, ProbeResult, Progress, RunReport, Settings, Verdict};

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
    store: impl FnOnce() -> Result<Workspace, CliError>,
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
        } => run_plan(&store()?, &plan, checks, user, tuning, json),
        ProbeCommand::Url {
            url,
            pins,
            ca_files,
            user,
            tuning,
            json,
        } => {
            let login = login(user)?;
            let progress = progress(json);
            let (report, problem) = block_on(Workspace::probe_url(
                &url,
                pins,
                ca_files,
                login,
                tuning.settings(),
                &progress,
            ))??;
            warn_login(problem);
            show(&report.results, json, &report)?;
            Ok(exit_code(report.verdict()))
        }
        ProbeCommand::Login { plan, user } => {
            let store = store()?;
            let id = store.find_plan(&plan)?.id;
            let password = password(&user)?;
            let origins = block_on(store.remember_login(id, &user, &password))??;
            print(&format!(
                "Saved the staging login of {user} for {} in the system keyring.\n",
                origins.join(", ")
            ));
            Ok(ExitCode::SUCCESS)
        }
        ProbeCommand::Logout { plan } => {
            let store = store()?;
            let id = store.find_plan(&plan)?.id;
            let removed = block_on(store.forget_login(id))??;
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
        } => run_redirects(&store()?, &plan, &map, user, tuning, json),
    }
}

fn exit_code(v: Verdict) -> ExitCode {
    match v {
        Verdict::Pass | Verdict::Warn => ExitCode::SUCCESS,
        Verdict::Fail => ExitCode::from(1),
        Verdict::Error => ExitCode::from(2),
    }
}

/// The staging login: the one given with --user (password from the environment or a
/// prompt), else the one remembered in the OS keyring.
fn login(user: Option<String>) -> Result<Login, CliError> {
    Ok(match user {
        Some(user) => Login::Typed {
            password: password(&user)?,
            user,
            remember: false,
        },
        None => Login::Remembered,
    })
}

fn warn_login(problem: Option<String>) {
    if let Some(problem) = problem {
        eprintln!(
            "{}",
            styled(
                &format!("warning: {problem}; running without a login"),
                AMBER
            )
        );
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

fn endpoints(store: &Workspace, a: EndpointArgs) -> Result<ExitCode, CliError> {
    let plan = store.find_plan(&a.plan)?;
    let mut e = if a.clear {
        Endpoints::default()
    } else {
        store.endpoints(plan.id)?
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
        e.ca_files = a.ca_files;
    }
    e.http_port = a.http_port.or(e.http_port);
    e.nameserver = a.nameserver.or(e.nameserver);
    let e = store.save_endpoints(plan.id, e)?;
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
    store: &Workspace,
    key: &str,
    checks: Vec<CheckId>,
    user: Option<String>,
    tuning: Tuning,
    json: bool,
) -> Result<ExitCode, CliError> {
    let plan = store.find_plan(key)?;
    let request = ProbeRunRequest {
        checks,
        login: login(user)?,
        settings: tuning.settings(),
    };
    let progress = progress(json);
    let outcome = block_on(store.run_probes(plan.id, request, &progress))??;
    for check in &outcome.skipped {
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
    warn_login(outcome.login_problem);
    show(&outcome.report.results, json, &outcome.report)?;
    if !json {
        print(&format!(
            "{}\n",
            styled(
                &format!(
                    "Saved as run {}; {} evidence entries added.",
                    outcome.run.id, outcome.evidence_added
                ),
                DIM
            )
        ));
    }
    Ok(exit_code(outcome.report.verdict()))
}

fn run_redirects(
    store: &Workspace,
    key: &str,
    map_path: &std::path::Path,
    user: Option<String>,
    tuning: Tuning,
    json: bool,
) -> Result<ExitCode, CliError> {
    let plan = store.find_plan(key)?;
    let outcome =
        block_on(store.check_redirect_map(plan.id, map_path, login(user)?, tuning.settings()))??;
    warn_login(outcome.login_problem);
    let shown: Vec<ProbeResult> = std::iter::once(outcome.summary.clone())
        .chain(
            outcome
                .report
                .results
                .iter()
                .filter(|r| r.verdict != Verdict::Pass)
                .cloned(),
        )
        .collect();
    show(&shown, json, &outcome.report)?;
    Ok(exit_code(outcome.summary.verdict))
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

fn show_history(store: &Workspace, key: &str, json: bool) -> Result<ExitCode, CliError> {
    let plan = store.find_plan(key)?;
    let runs = store.probe_runs(plan.id)?;
    let diff = store.probe_diff(plan.id)?;
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
            r.kind.key().into(),
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
