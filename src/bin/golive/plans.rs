//! Plan-level commands: plan, timeline, readiness, reschedule, history, db, config.

use chrono::NaiveDate;
use golive::catalog::Phase;
use golive::ops::{NewPlanInput, Workspace};
use golive::plan::{Launch, Readiness, Snapshot, WorkCalendar, parse_date};
use golive::store::PlanRecord;
use serde_json::json;

use crate::args::{ConfigCommand, DbCommand, NewPlanArgs, PlanCommand};
use crate::error::CliError;
use crate::output::{
    AMBER, BOLD, Cell, DIM, RED, Table, date, print, relative, status_style, styled, verdict_style,
};

pub fn plan(store: &Workspace, cmd: PlanCommand) -> Result<(), CliError> {
    match cmd {
        PlanCommand::New(args) => new_plan(store, args),
        PlanCommand::List { all, json } => list(store, all, json),
        PlanCommand::Show { plan, json } => show(store, &plan, json),
        PlanCommand::Rename { plan, name } => {
            let id = store.find_plan(&plan)?.id;
            let p = store.rename_plan(id, &name)?;
            print(&format!("Renamed plan {} to {:?}.\n", p.id, p.name));
            Ok(())
        }
        PlanCommand::Duplicate { plan, name } => {
            let id = store.find_plan(&plan)?.id;
            let p = store.duplicate_plan(id, &name)?;
            print(&format!("Copied to plan {} {:?}.\n", p.id, p.name));
            Ok(())
        }
        PlanCommand::Archive { plan, undo } => {
            let id = store.find_plan(&plan)?.id;
            let p = store.archive_plan(id, !undo)?;
            let what = if undo {
                "back in the list"
            } else {
                "archived; `golive plan list --all` still shows it"
            };
            print(&format!("Plan {:?} is {what}.\n", p.name));
            Ok(())
        }
        PlanCommand::Delete { plan, yes } => {
            let p = store.find_plan(&plan)?;
            if !yes {
                return Err(CliError::Usage(format!(
                    "deleting plan {:?} removes its tasks and evidence; run again with --yes to confirm \
                     (or `golive db backup FILE` first)",
                    p.name
                )));
            }
            store.delete_plan(p.id)?;
            print(&format!(
                "Deleted plan {:?}; its history stays in the log.\n",
                p.name
            ));
            Ok(())
        }
    }
}

fn new_plan(store: &Workspace, args: NewPlanArgs) -> Result<(), CliError> {
    let launch = Launch::parse(&args.launch, &args.tz)?;
    let pentest = args.pentest.as_deref().map(parse_date).transpose()?;
    let calendar = calendar(args.working_days.as_deref(), args.holidays.as_deref())?;
    let plan = store.create_plan(NewPlanInput {
        name: args.name,
        client: args.client,
        launch,
        pentest,
        calendar: Some(calendar),
        template: args.template,
    })?;
    let snap = store.board(plan.id, None)?.snapshot;
    print(&format!(
        "Created plan {} {:?}: {} tasks, launch {}.\n",
        plan.id,
        plan.name,
        snap.items.len(),
        launch_text(&plan, &snap)
    ));
    if snap.compressed {
        let passed = snap.items.iter().filter(|i| i.window_passed).count();
        print(&format!(
            "{} the launch is less than eight weeks away: {passed} tasks were due before today and are flagged.\n",
            styled("Compressed plan:", AMBER.bold())
        ));
    }
    if let Some(c) = &snap.catch_up {
        print(&format!("{}.\n", c.sentence()));
    }
    print(&format!("Next: `golive timeline {}`\n", plan.id));
    Ok(())
}

fn calendar(days: Option<&str>, holidays: Option<&str>) -> Result<WorkCalendar, CliError> {
    let default = WorkCalendar::default();
    let days = match days {
        Some(text) => WorkCalendar::parse_weekdays(text)?,
        None => default.working_days().to_vec(),
    };
    let holidays = holidays
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_date)
        .collect::<Result<Vec<NaiveDate>, _>>()?;
    Ok(WorkCalendar::new(days, holidays)?)
}

fn launch_text(plan: &PlanRecord, snap: &Snapshot) -> String {
    let l = plan.settings.launch;
    let days = (l.date() - snap.today).num_days();
    let when = match days {
        0 => "today".to_string(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    };
    format!(
        "{} {} {} ({when})",
        date(l.date()),
        l.local.format("%H:%M"),
        l.zone.name()
    )
}

fn list(store: &Workspace, all: bool, json: bool) -> Result<(), CliError> {
    let plans = store.list_plans(all)?;
    if json {
        let out: Vec<_> = plans
            .iter()
            .map(|s| {
                json!({
                    "id": s.plan.id,
                    "name": s.plan.name,
                    "client": s.plan.client,
                    "launch": s.plan.settings.launch.local_text(),
                    "zone": s.plan.settings.launch.zone.name(),
                    "days_to_launch": s.days_to_launch,
                    "verdict": s.verdict,
                    "done": s.done,
                    "total": s.total,
                    "archived": s.plan.archived,
                })
            })
            .collect();
        print(&format!("{}\n", serde_json::to_string_pretty(&out)?));
        return Ok(());
    }
    if plans.is_empty() {
        print(
            "No plans yet. Start one:\n  golive plan new \"Acme relaunch\" --launch \"2027-03-15 09:00\" --tz Europe/Berlin\n",
        );
        return Ok(());
    }
    let mut table = Table::new(&["ID", "Plan", "Client", "Launch", "Days", "Done", "Verdict"]);
    for s in &plans {
        let l = s.plan.settings.launch;
        let mut name = s.plan.name.clone();
        if s.plan.archived {
            name.push_str(" (archived)");
        }
        table.row(vec![
            s.plan.id.to_string().into(),
            name.into(),
            s.plan.client.clone().unwrap_or_default().into(),
            format!(
                "{} {} {}",
                date(l.date()),
                l.local.format("%H:%M"),
                l.zone.name()
            )
            .into(),
            s.days_to_launch.to_string().into(),
            format!("{}/{}", s.done, s.total).into(),
            Cell::styled(s.verdict.label(), verdict_style(s.verdict)),
        ]);
    }
    print(&table.render());
    Ok(())
}

fn show(store: &Workspace, key: &str, json: bool) -> Result<(), CliError> {
    let plan = store.find_plan(key)?;
    let board = store.board(plan.id, None)?;
    let (snap, readiness) = (&board.snapshot, &board.readiness);
    if json {
        let out = json!({
            "plan": plan_json(&plan),
            "template": { "id": plan.template.id, "name": plan.template.name, "version": plan.template.version },
            "pentest": plan.settings.pentest_date().to_string(),
            "readiness": readiness,
        });
        print(&format!("{}\n", serde_json::to_string_pretty(&out)?));
        return Ok(());
    }
    let mut out = String::new();
    out.push_str(&format!("{}  #{}", styled(&plan.name, BOLD), plan.id));
    if let Some(client) = &plan.client {
        out.push_str(&format!("  ·  {client}"));
    }
    if plan.archived {
        out.push_str("  (archived)");
    }
    out.push('\n');
    out.push_str(&format!("Launch     {}\n", launch_text(&plan, snap)));
    out.push_str(&format!(
        "Template   {} {}\n",
        plan.template.name, plan.template.version
    ));
    out.push_str(&format!(
        "Pen test   {}\n",
        date(plan.settings.pentest_date())
    ));
    out.push_str(&verdict_block(readiness));
    out.push('\n');
    let mut table = Table::new(&[
        "Phase",
        "Tasks",
        "Done",
        "N/A",
        "Open",
        "Waived",
        "Overdue",
        "Blocking open",
        "Next due",
    ]);
    for p in &readiness.phases {
        let c = &p.counts;
        table.row(vec![
            p.phase.label().into(),
            c.total.to_string().into(),
            c.done.to_string().into(),
            c.not_applicable.to_string().into(),
            c.open.to_string().into(),
            c.waived.to_string().into(),
            if c.overdue > 0 {
                Cell::styled(c.overdue.to_string(), RED)
            } else {
                "0".into()
            },
            c.blocking_open.to_string().into(),
            p.next_due
                .map(|d| relative(d, snap.today))
                .unwrap_or_else(|| "-".into())
                .into(),
        ]);
    }
    out.push_str(&table.render());
    print(&out);
    Ok(())
}

fn verdict_block(r: &Readiness) -> String {
    let c = &r.counts;
    let mut out = format!(
        "Verdict    {}  ({}; {} open, {} waived, {} overdue, {} blocking open, {} done without evidence)
",
        styled(r.verdict.label(), verdict_style(r.verdict)),
        c.closed_phrase(),
        c.open,
        c.waived,
        c.overdue,
        c.blocking_open,
        c.done_without_evidence
    );
    for reason in &r.reasons {
        out.push_str(&format!("           - {}\n", reason.message));
    }
    if let Some(c) = &r.catch_up {
        out.push_str(&format!("Tightness  {}\n", c.sentence()));
    }
    out
}

fn plan_json(plan: &PlanRecord) -> serde_json::Value {
    json!({
        "id": plan.id,
        "name": plan.name,
        "client": plan.client,
        "launch": plan.settings.launch.local_text(),
        "zone": plan.settings.launch.zone.name(),
    })
}

pub fn timeline(store: &Workspace, key: &str, json: bool) -> Result<(), CliError> {
    let plan = store.find_plan(key)?;
    let snap = store.board(plan.id, None)?.snapshot;
    if json {
        let items: Vec<_> = snap
            .items
            .iter()
            .map(|i| {
                json!({
                    "id": i.task.id,
                    "phase": i.task.phase.key(),
                    "area": i.task.area.key(),
                    "title": i.task.title,
                    "status": i.item.status.key(),
                    "owner": i.item.owner,
                    "due": i.due.to_string(),
                    "pinned": i.pinned,
                    "blocking": i.task.blocking,
                    "overdue": i.overdue,
                    "window_passed": i.window_passed,
                    "start": i.start.to_string(),
                    "depends_on": i.task.depends_on,
                    "critical": i.critical,
                    "at_risk": i.at_risk,
                    "caught_up": i.caught_up,
                    "moved": i.moved,
                    "own": i.task.is_own(),
                })
            })
            .collect();
        let out = json!({
            "plan": plan_json(&plan),
            "compressed": snap.compressed,
            "catch_up": snap.catch_up,
            "conflicts": snap.conflicts,
            "items": items,
        });
        print(&format!("{}\n", serde_json::to_string_pretty(&out)?));
        return Ok(());
    }
    let mut out = format!(
        "{}  launch {}\n",
        styled(&plan.name, BOLD),
        launch_text(&plan, &snap)
    );
    if snap.compressed {
        out.push_str(&format!(
            "{} tasks marked ! were already due when the launch date was set.\n",
            styled("Compressed plan:", AMBER.bold())
        ));
    }
    if let Some(c) = &snap.catch_up {
        out.push_str(&format!("{}.\n", c.sentence()));
    }
    for c in &snap.conflicts {
        out.push_str(&format!(
            "{} {} is pinned after {}, which needs it first.\n",
            styled("Conflict:", RED.bold()),
            c.prerequisite,
            c.task_id
        ));
    }
    for phase in Phase::ALL {
        let items: Vec<_> = snap
            .items
            .iter()
            .filter(|i| i.task.phase == phase)
            .collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", styled(phase.label(), BOLD)));
        let mut table = Table::new(&["ID", "Due", "Status", "Owner", "Task"]);
        for i in items {
            let mut flags = String::new();
            if i.task.blocking {
                flags.push_str(" [blocking]");
            }
            if i.pinned {
                flags.push_str(" [pinned]");
            }
            if i.item.waiver.is_some() {
                flags.push_str(" [waived]");
            }
            if i.critical {
                flags.push_str(" [critical]");
            }
            if !i.task.depends_on.is_empty() {
                flags.push_str(&format!(" [after {}]", i.task.depends_on.join(", ")));
            }
            if let Some(late) = &i.at_risk {
                flags.push_str(&format!(" [at risk: {late} is late]"));
            }
            let due = format!("{}{}", date(i.due), if i.window_passed { " !" } else { "" });
            table.row(vec![
                i.task.id.clone().into(),
                if i.overdue {
                    Cell::styled(due, RED)
                } else {
                    due.into()
                },
                Cell::styled(i.item.status.label(), status_style(i.item.status)),
                i.item.owner.clone().unwrap_or_else(|| "-".into()).into(),
                format!("{}{}", i.task.title, styled(&flags, DIM)).into(),
            ]);
        }
        out.push_str(&table.render());
    }
    print(&out);
    Ok(())
}

pub fn readiness(store: &Workspace, key: &str, json: bool) -> Result<(), CliError> {
    let plan = store.find_plan(key)?;
    let r = store.board(plan.id, None)?.readiness;
    if json {
        print(&format!("{}\n", serde_json::to_string_pretty(&r)?));
    } else {
        let days = match r.days_to_launch {
            0 => "launch is today".to_string(),
            n if n > 0 => format!("{n} days to launch"),
            n => format!("launched {} days ago", -n),
        };
        print(&format!(
            "{}  ({days})\n{}",
            styled(&plan.name, BOLD),
            verdict_block(&r)
        ));
    }
    Ok(())
}

pub fn reschedule(
    store: &Workspace,
    key: &str,
    launch: &str,
    tz: Option<&str>,
    dry_run: bool,
) -> Result<(), CliError> {
    let plan = store.find_plan(key)?;
    let zone = tz.unwrap_or(plan.settings.launch.zone.name()).to_string();
    let new_launch = Launch::parse(launch, &zone)?;
    let moves = if dry_run {
        store.preview_reschedule(plan.id, new_launch)?
    } else {
        store.reschedule(plan.id, new_launch)?
    };
    let mut out = format!(
        "{} launch {} {} → {} {}\n",
        if dry_run { "Would move" } else { "Moved" },
        plan.settings.launch.local_text(),
        plan.settings.launch.zone.name(),
        new_launch.local_text(),
        new_launch.zone.name()
    );
    if moves.is_empty() {
        out.push_str("No due date changes.\n");
    } else {
        let mut table = Table::new(&["ID", "Old due", "New due", "Task"]);
        for m in &moves {
            let new = format!(
                "{}{}",
                date(m.new),
                if m.window_passed {
                    " (already passed)"
                } else {
                    ""
                }
            );
            table.row(vec![
                m.task_id.clone().into(),
                date(m.old).into(),
                if m.window_passed {
                    Cell::styled(new, RED)
                } else {
                    new.into()
                },
                m.title.clone().into(),
            ]);
        }
        out.push_str(&table.render());
        out.push_str(&format!("{} tasks move; pinned dates stay.\n", moves.len()));
    }
    if dry_run {
        out.push_str("Nothing saved (--dry-run).\n");
    }
    print(&out);
    Ok(())
}

pub fn agenda(
    store: &Workspace,
    owner: Option<&str>,
    days: u64,
    json: bool,
) -> Result<(), CliError> {
    let agenda = store.agenda(days, owner)?;
    if json {
        let out: Vec<_> = agenda
            .iter()
            .map(|a| json!({ "plan": plan_json(&a.plan), "tasks": a.entries }))
            .collect();
        print(&format!("{}\n", serde_json::to_string_pretty(&out)?));
        return Ok(());
    }
    if agenda.is_empty() {
        print(&format!(
            "Nothing due in the next {days} days{}.\n",
            owner.map(|o| format!(" for {o}")).unwrap_or_default()
        ));
        return Ok(());
    }
    let mut out = String::new();
    for a in &agenda {
        let today = a.plan.settings.launch.today_at(chrono::Utc::now());
        out.push_str(&format!(
            "{}  launch {}\n",
            styled(&a.plan.name, BOLD),
            date(a.plan.settings.launch.date())
        ));
        let mut table = Table::new(&["ID", "Due", "Status", "Owner", "Task"]);
        for e in &a.entries {
            let due = relative(e.due, today);
            table.row(vec![
                e.task_id.clone().into(),
                if e.overdue {
                    Cell::styled(due, RED)
                } else {
                    due.into()
                },
                Cell::styled(e.status.label(), status_style(e.status)),
                e.owner.clone().unwrap_or_else(|| "-".into()).into(),
                format!(
                    "{}{}",
                    e.title,
                    if e.blocking {
                        styled(" [blocking]", DIM)
                    } else {
                        String::new()
                    }
                )
                .into(),
            ]);
        }
        out.push_str(&table.render());
        out.push('\n');
    }
    print(&out);
    Ok(())
}

pub fn history(store: &Workspace, key: &str, task: Option<&str>) -> Result<(), CliError> {
    let plan = store.find_plan(key)?;
    let events = store.history(plan.id, task)?;
    if events.is_empty() {
        print("No recorded changes yet.\n");
        return Ok(());
    }
    let mut table = Table::new(&["When (UTC)", "Who", "Task", "What"]);
    for e in events {
        let when = e.at.get(..16).unwrap_or(&e.at).replace('T', " ");
        let what = e.sentence();
        table.row(vec![
            when.into(),
            e.who.into(),
            e.task_id.unwrap_or_else(|| "-".into()).into(),
            what.into(),
        ]);
    }
    print(&table.render());
    Ok(())
}

pub fn db(path: Option<&std::path::Path>, cmd: DbCommand) -> Result<(), CliError> {
    let db_path = match path {
        Some(p) => p.to_path_buf(),
        None => Workspace::default_path()?,
    };
    match cmd {
        DbCommand::Path => {
            print(&format!("{}\n", db_path.display()));
        }
        DbCommand::Backup { path: dest } => {
            Workspace::open(&db_path)?.backup_to(&dest)?;
            print(&format!(
                "Backed up {} to {}.\n",
                db_path.display(),
                dest.display()
            ));
        }
    }
    Ok(())
}

pub fn config(store: &Workspace, cmd: ConfigCommand) -> Result<(), CliError> {
    match cmd {
        ConfigCommand::User { name: Some(name) } => {
            store.set_user_name(&name)?;
            print(&format!("Changes are now recorded as {:?}.\n", name.trim()));
        }
        ConfigCommand::User { name: None } => {
            print(&format!("{}\n", store.user_name()?));
        }
    }
    Ok(())
}
