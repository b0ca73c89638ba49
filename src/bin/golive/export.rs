//! `golive export ics|csv|xlsx PLAN --out FILE` and `golive import csv|xlsx PLAN FILE`: the
//! plan for calendars and spreadsheets, and changes back from a sheet.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use golive::error::ErrorKind;
use golive::export::{CalendarOptions, CsvDialect, SheetKind};
use golive::ops::{SheetFormat, Workspace};

use crate::error::CliError;
use crate::output::{Table, print};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The timeline as an iCalendar file (each task on its due day, the launch at its hour);
    /// importing it again updates the events instead of adding new ones.
    Ics {
        #[command(flatten)]
        target: Target,
        /// A reminder this many days before each due day (0: none).
        #[arg(long, value_name = "DAYS", default_value_t = 1)]
        alarm_days: u32,
    },
    /// The checklist as CSV (UTF-8 for Excel).
    Csv {
        #[command(flatten)]
        target: Target,
        /// Semicolons instead of commas, for Excel where the comma is the decimal mark.
        #[arg(long)]
        excel_de: bool,
    },
    /// The checklist as an Excel workbook: a filterable table and a summary sheet.
    Xlsx {
        #[command(flatten)]
        target: Target,
    },
    /// The whole plan as one file for another machine: tasks, evidence files, history,
    /// stakeholders and decisions, probe runs.
    Bundle {
        #[command(flatten)]
        target: Target,
    },
}

#[derive(Args)]
pub struct Target {
    /// The plan to export.
    plan: String,
    /// Where to write the file.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn export(store: &Workspace, cmd: ExportCommand) -> Result<(), CliError> {
    let (target, written) = match cmd {
        ExportCommand::Ics { target, alarm_days } => {
            let id = store.find_plan(&target.plan)?.id;
            let n = store.export_calendar(id, &target.out, CalendarOptions { alarm_days })?;
            (target, format!("{n} events"))
        }
        ExportCommand::Csv { target, excel_de } => {
            let id = store.find_plan(&target.plan)?.id;
            let dialect = if excel_de {
                CsvDialect::ExcelGerman
            } else {
                CsvDialect::Comma
            };
            let n = store.export_sheet(id, &target.out, SheetFormat::Csv(dialect))?;
            (target, format!("{n} tasks"))
        }
        ExportCommand::Xlsx { target } => {
            let id = store.find_plan(&target.plan)?.id;
            let n = store.export_sheet(id, &target.out, SheetFormat::Xlsx)?;
            (target, format!("{n} tasks"))
        }
        ExportCommand::Bundle { target } => {
            let id = store.find_plan(&target.plan)?.id;
            let m = store.export_bundle(id, &target.out)?;
            (
                target,
                format!(
                    "plan {:?} with {} evidence files",
                    m.plan_name,
                    m.files.len()
                ),
            )
        }
    };
    print(&format!("Wrote {} ({written}).\n", target.out.display()));
    Ok(())
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Status, owner and due-date changes from a CSV (as `golive export csv` writes it).
    Csv(ImportArgs),
    /// Status, owner and due-date changes from an XLSX workbook (its first sheet).
    Xlsx(ImportArgs),
    /// A plan bundle (`golive export bundle`): a new plan, or with --merge into the same plan.
    Bundle {
        file: PathBuf,
        /// Merge into the plan the bundle came from (by its id): adds what is missing and
        /// takes the fields the bundle changed later.
        #[arg(long)]
        merge: bool,
        /// Import under this name instead of the bundle's.
        #[arg(long, value_name = "NAME", conflicts_with = "merge")]
        name: Option<String>,
    },
}

#[derive(Args)]
pub struct ImportArgs {
    /// The plan to change.
    plan: String,
    /// The sheet: a header row with ID and any of Status, Owner, Due.
    file: PathBuf,
    /// Show what would change, and change nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn import(store: &Workspace, cmd: ImportCommand) -> Result<(), CliError> {
    let (args, kind) = match cmd {
        ImportCommand::Csv(args) => (args, SheetKind::Csv),
        ImportCommand::Xlsx(args) => (args, SheetKind::Xlsx),
        ImportCommand::Bundle { file, merge, name } => {
            let o = store
                .import_bundle(&file, merge, name.as_deref())
                .map_err(|e| match e.kind() {
                    ErrorKind::DuplicatePlanName => CliError::Hinted(e, " with --name NAME"),
                    _ => CliError::Ops(e),
                })?;
            let plan = store.plan(o.plan_id)?;
            if o.merged {
                print(&format!(
                    "Merged into plan {} {:?}: {} evidence, {} history entries, {} stakeholders, {} decisions, {} probe runs, {} people added.\n",
                    plan.id,
                    plan.name,
                    o.evidence_added,
                    o.events_added,
                    o.stakeholders_added,
                    o.decisions_added,
                    o.runs_added,
                    o.people_added
                ));
                if !o.fields_taken.is_empty() {
                    print(&format!(
                        "Taken from the bundle (changed there later): {}.\n",
                        o.fields_taken.join(", ")
                    ));
                }
                if !o.renumbered.is_empty() {
                    print(&format!(
                        "Own tasks of the bundle under new ids here (this plan uses theirs): {}.\n",
                        o.renumbered.join(", ")
                    ));
                }
            } else {
                print(&format!(
                    "Imported plan {} {:?}: {} evidence, {} history entries, {} stakeholders, {} probe runs, {} people.\n",
                    plan.id,
                    plan.name,
                    o.evidence_added,
                    o.events_added,
                    o.stakeholders_added,
                    o.runs_added,
                    o.people_added
                ));
            }
            return Ok(());
        }
    };
    let id = store.find_plan(&args.plan)?.id;
    let plan = if args.dry_run {
        store.preview_import(id, &args.file, kind)?
    } else {
        store.import_sheet(id, &args.file, kind)?
    };
    if plan.fields.is_empty() {
        print(&format!("{} rows read; nothing to change.\n", plan.rows));
        return Ok(());
    }
    let mut table = Table::new(&["Task", "Field", "Old", "New"]);
    for f in &plan.fields {
        table.row(vec![
            f.task_id.clone().into(),
            f.field.into(),
            f.old.clone().into(),
            f.new.clone().into(),
        ]);
    }
    print(&table.render());
    print(&format!(
        "{} {} change(s) to {} task(s) from {} rows.\n",
        if args.dry_run { "Would make" } else { "Made" },
        plan.fields.len(),
        plan.changes.len(),
        plan.rows
    ));
    if args.dry_run {
        print("Nothing saved (--dry-run).\n");
    }
    Ok(())
}
