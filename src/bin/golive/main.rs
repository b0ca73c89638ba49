//! `golive`, the command-line front door of GoLive Planner.
//!
//! It parses arguments, calls one operation of `golive::ops` and prints the answer; it holds
//! no logic of its own. Exit codes: 0 on success, 1 when the command failed (the
//! message says what is wrong and what to do), 2 on a usage error.

mod args;
mod error;
mod export;
mod output;
mod own_tasks;
mod people;
mod plans;
mod probe;
mod report;
mod tasks;
mod template;

use std::process::ExitCode;

use clap::Parser;
use golive::ops::Workspace;

use args::{Cli, Command};
use error::CliError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let mut err = anstream::stderr();
            let _ = std::io::Write::write_fmt(
                &mut err,
                format_args!("{} {e}\n", output::styled("error:", output::RED.bold())),
            );
            e.exit_code()
        }
    }
}

fn open(cli_db: Option<&std::path::Path>) -> Result<Workspace, CliError> {
    Ok(match cli_db {
        Some(path) => Workspace::open(path)?,
        None => Workspace::open_default()?,
    })
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let db = cli.db.as_deref();
    match cli.command {
        Command::Plan(cmd) => plans::plan(&open(db)?, cmd),
        Command::Timeline { plan, json } => plans::timeline(&open(db)?, &plan, json),
        Command::Readiness { plan, json } => plans::readiness(&open(db)?, &plan, json),
        Command::Reschedule {
            plan,
            launch,
            tz,
            dry_run,
        } => plans::reschedule(&open(db)?, &plan, &launch, tz.as_deref(), dry_run),
        Command::Agenda { owner, days, json } => {
            plans::agenda(&open(db)?, owner.as_deref(), days, json)
        }
        Command::History { plan, task } => plans::history(&open(db)?, &plan, task.as_deref()),
        Command::Item(cmd) => tasks::item(&open(db)?, cmd),
        Command::Evidence(cmd) => tasks::evidence(&open(db)?, cmd),
        Command::Db(cmd) => plans::db(db, cmd),
        Command::Config(cmd) => plans::config(&open(db)?, cmd),
        // Probe commands have their own exit codes (0 pass/warn, 1 fail, 2 not checked).
        Command::Probe(cmd) => return probe::probe(|| open(db), cmd),
        Command::Report(args) => return report::report(|| open(db), args),
        Command::Verify { file, json } => return report::verify(&file, json),
        Command::Signoff(cmd) => return report::signoff(&open(db)?, cmd),
        Command::Export(cmd) => export::export(&open(db)?, cmd),
        Command::Import(cmd) => export::import(&open(db)?, cmd),
        Command::Template(cmd) => template::template(&open(db)?, cmd),
        Command::People(cmd) => people::people(&open(db)?, cmd),
    }?;
    Ok(ExitCode::SUCCESS)
}
