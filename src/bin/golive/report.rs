//! `golive report`, `golive verify` and `golive signoff`: the signed readiness report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use golive::error::ErrorKind;
use golive::ops::{DecisionInput, StakeholderState, Workspace};
use golive::plan::Decision;
use golive::report::Verification;

use crate::error::CliError;
use crate::output::{self, BOLD, DIM, GREEN, RED, styled};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub action: Option<ReportAction>,
    /// The plan to report on.
    #[arg(required = true)]
    pub plan: Option<String>,
    /// Where to write the signed PDF.
    #[arg(long, value_name = "FILE", required = true)]
    pub out: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum ReportAction {
    /// Add your signature to an exported report (earlier signatures stay valid).
    Countersign {
        file: PathBuf,
        /// Your certificate and RSA key as PKCS#12 (.p12/.pfx).
        #[arg(long, value_name = "FILE")]
        p12: PathBuf,
        #[command(flatten)]
        password: P12Password,
        /// Why you sign, e.g. "Go with conditions".
        #[arg(long)]
        reason: Option<String>,
        /// Timestamp the signature by this RFC 3161 timestamp authority (http or https URL).
        #[arg(long, value_name = "URL")]
        tsa: Option<String>,
    },
    /// Show, set or clear the RFC 3161 timestamp authority that exported reports' signatures
    /// are timestamped by (without one, the signing time is your computer's clock).
    Tsa {
        /// The authority's URL, e.g. http://timestamp.example.com/tsa.
        url: Option<String>,
        /// Sign without a timestamp authority from now on.
        #[arg(long, conflicts_with = "url")]
        clear: bool,
    },
    /// Sign future reports with this PKCS#12 identity instead of the self-signed one.
    ImportKey {
        p12: PathBuf,
        #[command(flatten)]
        password: P12Password,
    },
}

/// The password of a PKCS#12 file, from the option or GOLIVE_P12_PASSWORD (empty if neither).
#[derive(Args)]
pub struct P12Password {
    #[arg(
        long = "password",
        value_name = "PASSWORD",
        env = "GOLIVE_P12_PASSWORD",
        default_value = "",
        hide_env_values = true
    )]
    value: String,
}

#[derive(Subcommand)]
pub enum SignoffCommand {
    /// Add a stakeholder who signs off the go-live.
    Add {
        plan: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: Option<String>,
    },
    /// Remove a stakeholder and their decisions (the history keeps them).
    Remove { plan: String, name: String },
    /// Record a stakeholder's decision.
    Decide {
        plan: String,
        name: String,
        /// go, go-with-conditions or no-go.
        #[arg(long)]
        decision: String,
        /// A condition of a go-with-conditions: "WHAT | OWNER | YYYY-MM-DD"; repeat it for
        /// each. Each becomes a task of the plan, owned and due as given.
        #[arg(long = "condition", value_name = "WHAT | OWNER | DUE")]
        condition: Vec<golive::plan::Condition>,
        /// The conditions in your own words (default: the conditions' texts).
        #[arg(long)]
        conditions: Option<String>,
        /// Why not (no-go; the same as --conditions).
        #[arg(long, conflicts_with = "conditions")]
        reason: Option<String>,
        /// The exported report the decision is made on; it is verified and its id and
        /// sealed-data hash are kept with the decision.
        #[arg(long, value_name = "FILE.pdf")]
        report: Option<std::path::PathBuf>,
    },
    /// The stakeholders and their decisions.
    List { plan: String },
}

pub fn report(
    open: impl FnOnce() -> Result<Workspace, CliError>,
    args: ReportArgs,
) -> Result<ExitCode, CliError> {
    match args.action {
        Some(ReportAction::Countersign {
            file,
            p12,
            password,
            reason,
            tsa,
        }) => {
            let v = Workspace::countersign_report_timestamped(
                &file,
                &p12,
                &password.value,
                reason.as_deref(),
                tsa.as_deref(),
            )?;
            say(&format!("Countersigned {}", file.display()));
            print_verification(&v);
            Ok(ExitCode::SUCCESS)
        }
        Some(ReportAction::Tsa { url, clear }) => {
            let store = open()?;
            if clear {
                store.set_timestamp_authority_url(None)?;
            } else if let Some(url) = url {
                store.set_timestamp_authority_url(Some(&url))?;
            }
            match store.timestamp_authority_url()? {
                Some(url) => say(&format!("Report signatures are timestamped by {url}")),
                None => say("No timestamp authority: signing times are this computer's clock"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(ReportAction::ImportKey { p12, password }) => {
            let subject = open()?.import_signing_identity(&p12, &password.value)?;
            say(&format!("Reports will be signed as {subject}"));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let (Some(plan), Some(out)) = (args.plan, args.out) else {
                return Err(CliError::Usage("give a plan and --out FILE".into()));
            };
            let store = open()?;
            let id = store.find_plan(&plan)?.id;
            let done = store.export_report(id, &out, &|_| {})?;
            say(&format!(
                "Wrote {} ({} KB, report {})",
                done.path.display(),
                done.size / 1024,
                done.report_id
            ));
            print_validation_data(&done.verification);
            for problem in &done.validation_problems {
                say(&format!("  {}", styled(problem, RED)));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_verification(v: &Verification) {
    for (n, s) in v.signatures.iter().enumerate() {
        let state = if s.valid {
            styled("valid", GREEN)
        } else {
            styled("INVALID", RED)
        };
        // A valid newest signature that does not reach the end of the file is followed by
        // nothing but what a signature allows after it: its validation data (DSS).
        let cover = if s.covers_whole_document {
            "whole document"
        } else if s.valid && n + 1 == v.signatures.len() {
            "whole document but its validation data"
        } else {
            "earlier revision"
        };
        let time = match (&s.timestamp, &s.timestamp_authority) {
            (Some(at), Some(by)) => format!("{at} (timestamp by {by})"),
            (Some(at), None) => format!("{at} (timestamp)"),
            (None, _) => format!(
                "{} (the signer's own clock; no timestamp)",
                s.time.as_deref().unwrap_or("not stated")
            ),
        };
        say(&format!(
            "Signature {}: {state}, {cover}\n  signer {}\n  time   {time}\n  cert   SHA-256 {}",
            styled(&s.field, BOLD),
            s.signer,
            s.certificate_sha256
        ));
        for p in &s.problems {
            say(&format!("  {}", styled(p, RED)));
        }
    }
    for field in &v.removed_signatures {
        say(&styled(
            &format!("Signature {field}: REMOVED in a later revision"),
            RED,
        ));
    }
    print_validation_data(v);
    let seal = match v.seal_valid {
        Some(true) => styled("matches its seal", GREEN),
        Some(false) => styled("DOES NOT match its seal", RED),
        None => styled("not present", RED),
    };
    say(&format!("Embedded data: {seal}"));
    if let Some(by) = &v.sealed_by {
        say(&styled(
            &format!(
                "  sealed by {by}, key SHA-256 {}",
                v.seal_key_sha256.as_deref().unwrap_or("")
            ),
            DIM,
        ));
    }
    if let Some(p) = &v.seal_problem {
        say(&format!("  {}", styled(p, RED)));
    }
}

/// The long-term validation data line, and which certificates it cannot show unrevoked.
fn print_validation_data(v: &Verification) {
    match &v.validation_data {
        Some(data) => {
            say(&format!("Validation data: {}", data.summary()));
            for cert in &data.without_revocation {
                say(&format!(
                    "  {}",
                    styled(
                        &format!(
                            "no revocation data for {cert}: it could not be fetched when \
                             signing, so the file cannot show offline that this certificate \
                             was not revoked"
                        ),
                        RED
                    )
                ));
            }
        }
        None => say(&styled(
            "Validation data: none (no DSS; validating it later needs the network)",
            DIM,
        )),
    }
}

pub fn verify(file: &std::path::Path, json: bool) -> Result<ExitCode, CliError> {
    let v = Workspace::verify_report(file)?;
    if json {
        say(&serde_json::to_string_pretty(&v)?);
    } else {
        print_verification(&v);
    }
    v.into_result()?;
    Ok(ExitCode::SUCCESS)
}

pub fn signoff(store: &Workspace, cmd: SignoffCommand) -> Result<ExitCode, CliError> {
    match cmd {
        SignoffCommand::Add {
            plan,
            name,
            role,
            email,
        } => {
            let id = store.find_plan(&plan)?.id;
            let s = store.add_stakeholder(id, &name, &role, email.as_deref())?;
            say(&format!("Added {} ({})", s.name, s.role));
        }
        SignoffCommand::Remove { plan, name } => {
            let id = store.find_plan(&plan)?.id;
            store.remove_stakeholder(id, &name)?;
            say(&format!(
                "Removed {name}; the history keeps what they decided"
            ));
        }
        SignoffCommand::Decide {
            plan,
            name,
            decision,
            condition,
            conditions,
            reason,
            report,
        } => {
            let id = store.find_plan(&plan)?.id;
            let decision: Decision = decision.parse()?;
            let text = conditions.or(reason);
            if decision == Decision::NoGo && text.as_deref().is_none_or(|c| c.trim().is_empty()) {
                return Err(CliError::Usage(
                    "a No-Go needs its reason; pass --reason TEXT".into(),
                ));
            }
            let input = DecisionInput {
                text,
                conditions: condition,
                report,
                ..DecisionInput::new(decision)
            };
            let s = match store.record_decision(id, &name, &input) {
                // Made again, a go with conditions keeps the conditions set before; only a
                // first one without any is refused, and the flag is what the user lacks.
                Err(e)
                    if decision == Decision::GoWithConditions
                        && input.conditions.is_empty()
                        && e.kind() == ErrorKind::InvalidInput =>
                {
                    return Err(CliError::Usage(format!(
                        "{e}; pass --condition \"WHAT | OWNER | YYYY-MM-DD\" for each"
                    )));
                }
                other => other?,
            };
            let on = s
                .decision
                .as_ref()
                .and_then(|d| d.report_id.as_deref())
                .map(|r| format!(" (on report {r})"))
                .unwrap_or_default();
            say(&format!("{}: {}{on}", s.name, decision.label()));
            for (task, c) in s
                .decision
                .iter()
                .flat_map(|d| d.condition_tasks.iter())
                .zip(&input.conditions)
            {
                say(&format!(
                    "  condition {task}: {} (owner {}, due {})",
                    c.text, c.owner, c.due
                ));
            }
        }
        SignoffCommand::List { plan } => {
            let id = store.find_plan(&plan)?.id;
            let state = store.sign_off_state(id)?;
            say(&format!("Outcome: {}", state.outcome.label()));
            for StakeholderState {
                stakeholder: s,
                changes,
                conditions,
            } in &state.stakeholders
            {
                match &s.decision {
                    None => say(&format!("{} ({}): no decision yet", s.name, s.role)),
                    Some(d) => {
                        say(&format!(
                            "{} ({}): {} {}",
                            s.name,
                            s.role,
                            d.decision.label(),
                            output::date(d.decided_on)
                        ));
                        if let Some(c) = &d.conditions {
                            let word = if d.decision == Decision::NoGo {
                                "reason"
                            } else {
                                "conditions"
                            };
                            say(&format!("  {word}: {c}"));
                        }
                        for c in conditions {
                            say(&format!(
                                "  condition {} {}: {}, owner {}, due {}",
                                c.task_id,
                                c.title,
                                c.status.label(),
                                c.owner.as_deref().unwrap_or("nobody"),
                                output::date(c.due)
                            ));
                        }
                        if let Some(r) = &d.report_id {
                            say(&format!("  made on report {r}"));
                        }
                        if let Some(changes) = changes.as_ref().filter(|c| !c.is_empty()) {
                            say(&styled(
                                &format!(
                                    "  made on an earlier state, re-confirm; since then: {}",
                                    changes.join("; ")
                                ),
                                RED,
                            ));
                        }
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn say(text: &str) {
    output::print(&format!("{text}\n"));
}
