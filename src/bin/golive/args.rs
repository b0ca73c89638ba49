//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "golive",
    version,
    about = "Plan an e-commerce go-live: checklist timeline, evidence and readiness",
    after_help = "PLAN is a plan's id or its name (a unique prefix is enough).\n\
                  The database is GOLIVE_DB, else golive.db in your data directory."
)]
pub struct Cli {
    /// Database file to use instead of the default.
    #[arg(long, global = true, env = "GOLIVE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create, list and show plans.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Every task of a plan with its due date.
    Timeline {
        plan: String,
        /// Machine-readable output (documented in the README).
        #[arg(long)]
        json: bool,
    },
    /// The readiness verdict and its reasons.
    Readiness {
        plan: String,
        #[arg(long)]
        json: bool,
    },
    /// Move the launch; unpinned due dates follow.
    Reschedule {
        plan: String,
        /// New launch, "YYYY-MM-DD HH:MM" in the plan's zone.
        #[arg(long, value_name = "DATETIME")]
        launch: String,
        /// New time zone (default: the plan's).
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        /// Show what would move without saving.
        #[arg(long)]
        dry_run: bool,
    },
    /// What is due, overdue or blocked soon across every plan.
    Agenda {
        /// Only the tasks of this owner (e.g. your own name).
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// How many days ahead (overdue tasks always show).
        #[arg(long, value_name = "N", default_value_t = 14)]
        days: u64,
        #[arg(long)]
        json: bool,
    },
    /// Who changed what, when.
    History {
        plan: String,
        /// Only this task's history.
        task: Option<String>,
    },
    /// Change a task: status, owner, due date, waiver.
    #[command(subcommand)]
    Item(ItemCommand),
    /// Notes, links and files that prove a task done.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// The database itself.
    #[command(subcommand)]
    Db(DbCommand),
    /// Your settings.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Network checks of the shop: DNS, TLS, headers, SEO files, mail records, redirects.
    #[command(subcommand)]
    Probe(crate::probe::ProbeCommand),
    /// Export the signed PDF readiness report, or countersign one.
    Report(crate::report::ReportArgs),
    /// Check a report's signatures and sealed data; fails on any mismatch.
    Verify {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Stakeholders and their go-live decisions.
    #[command(subcommand)]
    Signoff(crate::report::SignoffCommand),
    /// The plan for calendars and spreadsheets: ics, csv, xlsx.
    #[command(subcommand)]
    Export(crate::export::ExportCommand),
    /// Status, owner and due-date changes from a spreadsheet: csv, xlsx.
    #[command(subcommand)]
    Import(crate::export::ImportCommand),
    /// A new version of the checklist for a running plan: diff, apply, retired.
    #[command(subcommand)]
    Template(crate::template::TemplateCommand),
    /// A plan's people: who owns tasks, signs off and gets reminders.
    #[command(subcommand)]
    People(crate::people::PeopleCommand),
    /// The go-live day hour by hour: show it live, check steps off, move and add steps.
    #[command(subcommand)]
    Runbook(crate::runbook::RunbookCommand),
}

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Start a plan from the checklist template.
    New(NewPlanArgs),
    /// All plans with launch, days to go and verdict.
    List {
        /// Include archived plans.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// One plan: launch, verdict, progress by phase.
    Show {
        plan: String,
        #[arg(long)]
        json: bool,
    },
    /// Give a plan a new name.
    Rename { plan: String, name: String },
    /// Copy a plan with its settings, probe endpoints, task state and evidence.
    Duplicate { plan: String, name: String },
    /// Hide a plan from the list (or bring it back with --undo).
    Archive {
        plan: String,
        #[arg(long)]
        undo: bool,
    },
    /// Delete a plan, its tasks and evidence (its history stays).
    Delete {
        plan: String,
        /// Confirm the deletion.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Args)]
pub struct NewPlanArgs {
    /// The plan's name, unique among your plans, e.g. "Acme DE relaunch".
    pub name: String,
    /// Launch date and time, "YYYY-MM-DD HH:MM", local to --tz.
    #[arg(long, value_name = "DATETIME")]
    pub launch: String,
    /// IANA time zone of the launch, e.g. Europe/Berlin.
    #[arg(long, value_name = "ZONE")]
    pub tz: String,
    /// The client the shop belongs to, shown in the plan list and on the report.
    #[arg(long)]
    pub client: Option<String>,
    /// Checklist template file (default: the built-in Spryker go-live template).
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Penetration-test date (default: four weeks before the launch).
    #[arg(long, value_name = "DATE")]
    pub pentest: Option<String>,
    /// Working days, e.g. mon,tue,wed,thu,fri (the default).
    #[arg(long, value_name = "DAYS")]
    pub working_days: Option<String>,
    /// Holidays, comma-separated dates.
    #[arg(long, value_name = "DATES")]
    pub holidays: Option<String>,
}

#[derive(Subcommand)]
pub enum ItemCommand {
    /// Set a task's status, owner, pinned due date or waiver.
    Set(ItemSetArgs),
    /// Add a task of the plan's own (it gets the next id, …).
    Add(ItemAddArgs),
    /// Change an own task's definition: title, phase, area, guidance, due, …
    Edit(ItemEditArgs),
    /// Remove an own task; one with evidence needs --force (its history stays).
    Remove {
        plan: String,
        /// The own task's id, e.g. X-01.
        id: String,
        /// Remove it even though it has evidence.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args)]
pub struct ItemAddArgs {
    pub plan: String,
    /// What has to be done, e.g. "Klarna production credentials".
    #[arg(long)]
    pub title: String,
    /// 8w, 4w, 2w, launch-day or post-launch.
    #[arg(long)]
    pub phase: String,
    /// GEN, CLO, APP, TES, DAT, SEO or TR.
    #[arg(long, default_value = "GEN")]
    pub area: String,
    #[command(flatten)]
    pub fields: OwnTaskFields,
    /// The go-live is at risk while this task is open.
    #[arg(long)]
    pub blocking: bool,
}

#[derive(Args)]
pub struct ItemEditArgs {
    pub plan: String,
    /// The own task's id, e.g. X-01.
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    /// 8w, 4w, 2w, launch-day or post-launch.
    #[arg(long)]
    pub phase: Option<String>,
    /// GEN, CLO, APP, TES, DAT, SEO or TR.
    #[arg(long)]
    pub area: Option<String>,
    #[command(flatten)]
    pub fields: OwnTaskFields,
    /// Make the task blocking (--blocking) or not (--blocking=false).
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub blocking: Option<bool>,
}

/// What an own task may say beyond its title, phase and area.
#[derive(Args)]
pub struct OwnTaskFields {
    /// How to do it (Markdown).
    #[arg(long, value_name = "MARKDOWN")]
    pub guidance: Option<String>,
    /// Days from the launch (-21, +3), a date (YYYY-MM-DD) or "phase" (the phase deadline).
    #[arg(long, value_name = "DUE", allow_hyphen_values = true)]
    pub due: Option<String>,
    /// What proves it done.
    #[arg(long, value_name = "TEXT")]
    pub evidence: Option<String>,
    /// Probe checks that give it evidence, comma-separated (e.g. hsts,dns); "" clears.
    #[arg(long, value_name = "CHECKS")]
    pub probes: Option<String>,
    /// Tasks that must be done first, comma-separated ids (e.g. CLO-12,X-02); "" clears.
    #[arg(long, value_name = "IDS")]
    pub depends_on: Option<String>,
}

#[derive(Args)]
pub struct ItemSetArgs {
    pub plan: String,
    /// Task ID, e.g. CLO-12.
    pub id: String,
    /// todo, in-progress, done, blocked or n/a.
    #[arg(long)]
    pub status: Option<String>,
    /// Who does it ("" clears).
    #[arg(long)]
    pub owner: Option<String>,
    /// Fix the due date by hand; a date set this way is pinned and survives a reschedule.
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Spell out that --due pins the date (it always does).
    #[arg(long, requires = "due")]
    pub pin: bool,
    /// Drop the pinned date; the task follows the launch again.
    #[arg(long, conflicts_with = "due")]
    pub unpin: bool,
    /// Go live without this task, for this reason (needs --until).
    #[arg(long, value_name = "REASON", requires = "until")]
    pub waive: Option<String>,
    /// Date the waiver must be revisited by.
    #[arg(long, value_name = "DATE", requires = "waive")]
    pub until: Option<String>,
    /// Lift the waiver.
    #[arg(long, conflicts_with = "waive")]
    pub unwaive: bool,
    /// Mark done although the task has none of the evidence its template asks for (no
    /// warning; the readiness verdict still lists it as a risk).
    #[arg(long)]
    pub without_evidence: bool,
    /// Who approved the waiver (needed when the task blocks the go-live).
    #[arg(long, value_name = "NAME", requires = "waive")]
    pub approver: Option<String>,
    /// The day the waiver was approved (default: today when --approver is given).
    #[arg(long, value_name = "DATE", requires = "approver")]
    pub approved_on: Option<String>,
    /// The risk the go-live accepts by proceeding without the task.
    #[arg(long, value_name = "TEXT", requires = "waive")]
    pub accepted_risk: Option<String>,
    /// What limits that risk meanwhile (monitoring, a manual step, a fallback).
    #[arg(long, value_name = "TEXT", requires = "waive")]
    pub control: Option<String>,
    /// Why the task is blocked (needed with --status blocked).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Attach a note, a link or a file to a task.
    Add(EvidenceAddArgs),
    /// A task's evidence (retracted items marked so).
    List {
        plan: String,
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Correct a note's text or a link's address and title (the history keeps the old one).
    Edit(EvidenceEditArgs),
    /// Take evidence back: it leaves the verdict and the report; the history keeps it.
    Retract {
        plan: String,
        /// The evidence number `golive evidence list` shows.
        evidence: i64,
        /// Why, e.g. "wrong link" (required).
        #[arg(long)]
        reason: String,
    },
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["note", "link"])))]
pub struct EvidenceEditArgs {
    pub plan: String,
    /// The evidence number `golive evidence list` shows.
    pub evidence: i64,
    /// The note's corrected text (Markdown).
    #[arg(long)]
    pub note: Option<String>,
    /// The link's corrected address.
    #[arg(long)]
    pub link: Option<String>,
    /// The link's title ("" removes it; left out, the title stays).
    #[arg(long, requires = "link")]
    pub title: Option<String>,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["note", "link", "file"])))]
pub struct EvidenceAddArgs {
    pub plan: String,
    pub id: String,
    /// A note (Markdown).
    #[arg(long)]
    pub note: Option<String>,
    /// A URL.
    #[arg(long)]
    pub link: Option<String>,
    /// Title of the link.
    #[arg(long, requires = "link")]
    pub title: Option<String>,
    /// A file, copied into the database folder.
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum DbCommand {
    /// Consistent copy of the database (safe while the app runs).
    Backup { path: PathBuf },
    /// Where the database lives.
    Path,
}

#[derive(Subcommand)]
pub enum ConfigCommand {
    /// Show or set the name recorded in the history.
    User { name: Option<String> },
}
