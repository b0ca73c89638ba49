//! `golive export ics|csv|xlsx PLAN --out FILE`: the plan for calendars and spreadsheets.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use golive::export::{CalendarOptions, CsvDialect};
use golive::ops::{SheetFormat, Workspace};

use crate::error::CliError;
use crate::output::print;

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
    };
    print(&format!("Wrote {} ({written}).\n", target.out.display()));
    Ok(())
}
