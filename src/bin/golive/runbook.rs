//! `golive runbook`: the go-live day hour by hour — show it live, check steps off, move and
//! add steps.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use clap::{Args, Subcommand};
use golive::catalog::parse_offset;
use golive::ops::Workspace;
use golive::plan::{Runbook, StepState};
use golive::store::{NewRunbookStep, RunbookEdit};

use crate::error::CliError;
use crate::output::{AMBER, BOLD, Cell, DIM, RED, Table, print, styled};

#[derive(Subcommand)]
pub enum RunbookCommand {
    /// The steps by the clock: countdown, current and next step, missed checkpoints.
    Show {
        plan: String,
        /// Show it as at this moment, "YYYY-MM-DD HH:MM" in the plan's zone (default: now).
        #[arg(long, value_name = "DATETIME")]
        now: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Check a step off now (the exact time is recorded), or take it back with --undo.
    Check {
        plan: String,
        /// The step's id, e.g. deploy or R-01.
        step: String,
        #[arg(long)]
        undo: bool,
    },
    /// Add a step of the plan's own.
    Add(RunbookAddArgs),
    /// Move a step, rename it or give it another owner, checkpoint or task ("" clears).
    Edit {
        plan: String,
        step: String,
        /// Time from the launch, e.g. T-3h, -45m, T0, +1h.
        #[arg(long, allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        /// The go/no-go question to answer at this step.
        #[arg(long)]
        checkpoint: Option<String>,
        /// The task the step carries out ("" unlinks it).
        #[arg(long)]
        task: Option<String>,
        /// Whether this step switches DNS; true takes the mark off the step that had it.
        #[arg(long, value_name = "true|false")]
        dns_switch: Option<bool>,
    },
    /// Take a step out of the runbook (its history stays).
    Remove { plan: String, step: String },
    /// Put a removed step back, as it was.
    Restore { plan: String, step: String },
}

#[derive(Args)]
pub struct RunbookAddArgs {
    pub plan: String,
    #[arg(long)]
    pub title: String,
    /// Time from the launch, e.g. T-3h, -45m, T0, +1h.
    #[arg(long, allow_hyphen_values = true)]
    pub at: String,
    #[arg(long)]
    pub owner: Option<String>,
    /// The go/no-go question to answer at this step.
    #[arg(long)]
    pub checkpoint: Option<String>,
    /// The task the step carries out.
    #[arg(long)]
    pub task: Option<String>,
    /// This step switches DNS (it starts the 72 hours of keeping the old shop live).
    #[arg(long)]
    pub dns_switch: bool,
}

fn minutes(text: &str) -> Result<i64, CliError> {
    parse_offset(text).ok_or_else(|| {
        CliError::Usage(format!(
            "cannot read the time {text:?}: write it from the launch as T-4h, -30m, T0 or +1h30m (at most 48 h)"
        ))
    })
}

pub fn runbook(store: &Workspace, cmd: RunbookCommand) -> Result<(), CliError> {
    match cmd {
        RunbookCommand::Show { plan, now, json } => {
            let plan = store.find_plan(&plan)?;
            let now = match now {
                Some(text) => Some(local_moment(&text, &plan.settings.launch.zone)?),
                None => None,
            };
            let book = store.runbook(plan.id, now)?;
            if json {
                print(&format!("{}\n", serde_json::to_string_pretty(&book)?));
            } else {
                print(&render(&plan.name, &book, plan.settings.launch.zone));
            }
        }
        RunbookCommand::Check { plan, step, undo } => {
            let plan = store.find_plan(&plan)?;
            let book = store.check_runbook_step(plan.id, &step, undo)?;
            if let Some(s) = book.step(&step) {
                match s.checked_at {
                    Some(at) => print(&format!(
                        "Checked off {} ({}) at {}{}.\n",
                        s.id,
                        s.title,
                        at.with_timezone(&plan.settings.launch.zone)
                            .format("%H:%M:%S"),
                        late_text(s.checked_late_minutes)
                    )),
                    None => print(&format!("{} is open again.\n", s.id)),
                }
            }
            if let Some(next) = book.current.as_deref().and_then(|id| book.step(id)) {
                print(&format!(
                    "Now: {} {} — {}\n",
                    next.at_text, next.id, next.title
                ));
            }
        }
        RunbookCommand::Add(args) => {
            let plan = store.find_plan(&args.plan)?;
            let book = store.add_runbook_step(
                plan.id,
                NewRunbookStep {
                    title: args.title,
                    at_minutes: minutes(&args.at)?,
                    owner: args.owner,
                    checkpoint: args.checkpoint,
                    task: args.task,
                    dns_switch: args.dns_switch,
                },
            )?;
            if let Some(s) = book
                .steps
                .iter()
                .filter(|s| s.own)
                .max_by_key(|s| s.id.clone())
            {
                print(&format!(
                    "Added {} at {} ({}): {}.\n",
                    s.id, s.at_text, s.local_time, s.title
                ));
            }
        }
        RunbookCommand::Edit {
            plan,
            step,
            at,
            title,
            owner,
            checkpoint,
            task,
            dns_switch,
        } => {
            let plan = store.find_plan(&plan)?;
            let edit = RunbookEdit {
                title,
                at_minutes: at.as_deref().map(minutes).transpose()?,
                owner,
                checkpoint,
                task,
                dns_switch,
            };
            let book = store.edit_runbook_step(plan.id, &step, &edit)?;
            if let Some(s) = book.step(&step) {
                print(&format!(
                    "{} now at {} ({}): {}.\n",
                    s.id, s.at_text, s.local_time, s.title
                ));
            }
        }
        RunbookCommand::Remove { plan, step } => {
            let plan = store.find_plan(&plan)?;
            store.remove_runbook_step(plan.id, &step)?;
            print(&format!(
                "Removed {step} from the runbook of {:?}; its history stays.\n",
                plan.name
            ));
        }
        RunbookCommand::Restore { plan, step } => {
            let plan = store.find_plan(&plan)?;
            let book = store.restore_runbook_step(plan.id, &step)?;
            if let Some(s) = book.step(&step) {
                print(&format!(
                    "Put {} back at {} ({}): {}.\n",
                    s.id, s.at_text, s.local_time, s.title
                ));
            }
        }
    }
    Ok(())
}

fn local_moment(text: &str, zone: &chrono_tz::Tz) -> Result<DateTime<Utc>, CliError> {
    let local = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M").map_err(|_| {
        CliError::Usage(format!(
            "cannot read {text:?}: write the moment as \"YYYY-MM-DD HH:MM\" in the plan's zone"
        ))
    })?;
    zone.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| CliError::Usage(format!("{text} does not exist in {zone}")))
}

fn late_text(minutes: Option<i64>) -> String {
    let span = |m: i64| match m {
        m if m >= 2 * 1440 => format!("{} days", m / 1440),
        m if m >= 120 => format!("{} h", m / 60),
        m => format!("{m} min"),
    };
    match minutes {
        Some(m) if m > 0 => format!(", {} after its time", span(m)),
        Some(m) if m < 0 => format!(", {} before its time", span(-m)),
        _ => String::new(),
    }
}

fn countdown(minutes: i64) -> String {
    let (sign, m) = if minutes < 0 {
        ("launched ", -minutes)
    } else {
        ("", minutes)
    };
    let (d, h, r) = (m / 1440, (m % 1440) / 60, m % 60);
    let body = match (d, h) {
        (0, 0) => format!("{r} min"),
        (0, h) => format!("{h} h {r:02} min"),
        (d, h) => format!("{d} d {h} h"),
    };
    if minutes < 0 {
        format!("{sign}{body} ago")
    } else {
        format!("{body} to launch")
    }
}

fn render(name: &str, book: &Runbook, zone: chrono_tz::Tz) -> String {
    let mut out = format!(
        "{}  go-live day runbook · launch {} · {}\n",
        styled(name, BOLD),
        book.launch
            .with_timezone(&zone)
            .format("%a %d %b %Y %H:%M %Z"),
        countdown(book.minutes_to_launch)
    );
    if book.steps.is_empty() {
        out.push_str(
            "No steps yet. Add one with `golive runbook add PLAN --title TEXT --at T-1h`.\n",
        );
        return out;
    }
    let mut table = Table::new(&["Time", "Local", "Step", "Owner", "State", "Task"]);
    for s in &book.steps {
        let state = match s.state {
            StepState::Done => Cell::from(format!(
                "done {}",
                s.checked_at
                    .map(|t| t.with_timezone(&zone).format("%H:%M").to_string())
                    .unwrap_or_default()
            )),
            StepState::Missed => Cell::styled("MISSED checkpoint", RED.bold()),
            StepState::Late => Cell::styled("late", RED),
            StepState::Current => Cell::styled("now", AMBER.bold()),
            StepState::Upcoming => Cell::styled("upcoming", DIM),
        };
        let mut title = format!("{} {}", s.id, s.title);
        if s.checkpoint.is_some() {
            title.push_str(" [go/no-go]");
        }
        table.row(vec![
            s.at_text.clone().into(),
            s.local_time.clone().into(),
            title.into(),
            s.owner.clone().unwrap_or_else(|| "-".into()).into(),
            state,
            s.task.clone().unwrap_or_else(|| "-".into()).into(),
        ]);
    }
    out.push_str(&table.render());
    for s in book.steps.iter().filter(|s| s.checkpoint.is_some()) {
        out.push_str(&format!(
            "Go/no-go at {} ({}): {}\n",
            s.at_text,
            s.id,
            s.checkpoint.as_deref().unwrap_or_default()
        ));
    }
    if let Some(next) = book.next.as_deref().and_then(|id| book.step(id)) {
        out.push_str(&format!(
            "Next: {} {} — {}\n",
            next.at_text, next.id, next.title
        ));
    }
    if !book.missed.is_empty() {
        out.push_str(&format!(
            "{} missed go/no-go checkpoint(s): {}\n",
            styled("Attention:", RED.bold()),
            book.missed.join(", ")
        ));
    }
    if let Some(clock) = &book.old_shop {
        out.push_str(&format!(
            "Old shop: keep it live until {} ({} after the DNS switch{}; {} h left).\n",
            clock
                .keep_until
                .with_timezone(&zone)
                .format("%a %d %b %H:%M"),
            "72 h",
            if clock.switched { "" } else { " as planned" },
            clock.hours_left
        ));
    }
    out
}
