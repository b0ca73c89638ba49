//! `golive item add|edit|remove`: a plan's own tasks from the command line.

use golive::ops::Workspace;
use golive::plan::{ItemView, OwnDue, OwnTask};
use golive::store::{OwnTaskEdit, due_text};

use crate::args::{ItemAddArgs, ItemEditArgs, OwnTaskFields};
use crate::error::CliError;
use crate::output::print;

fn ids(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn due(fields: &OwnTaskFields) -> Result<Option<OwnDue>, CliError> {
    Ok(fields.due.as_deref().map(str::parse).transpose()?)
}

fn saved(verb: &str, plan: &str, view: &ItemView) {
    let task = &view.task;
    let blocking = if task.blocking { ", blocking" } else { "" };
    let deps = if task.depends_on.is_empty() {
        String::new()
    } else {
        format!(", after {}", task.depends_on.join(", "))
    };
    print(&format!(
        "{verb} {} in {plan:?}: {} ({}, {}{blocking}), due {}{deps}.\n",
        task.id,
        task.title,
        task.phase.label(),
        task.area.label(),
        view.due.format("%a %d %b %Y"),
    ));
}

pub fn add(store: &Workspace, args: ItemAddArgs) -> Result<(), CliError> {
    let plan = store.find_plan(&args.plan)?;
    let mut task = OwnTask::new(args.title, args.phase.parse()?, args.area.parse()?);
    task.blocking = args.blocking;
    task.due = due(&args.fields)?.unwrap_or(OwnDue::Phase);
    task.guidance = args.fields.guidance.unwrap_or_default();
    task.evidence = args.fields.evidence.unwrap_or_default();
    task.probes = args.fields.probes.as_deref().map(ids).unwrap_or_default();
    task.depends_on = args
        .fields
        .depends_on
        .as_deref()
        .map(ids)
        .unwrap_or_default();
    let view = store.add_own_task(plan.id, task)?;
    saved("Added", &plan.name, &view);
    Ok(())
}

pub fn edit(store: &Workspace, args: ItemEditArgs) -> Result<(), CliError> {
    let plan = store.find_plan(&args.plan)?;
    let edit = OwnTaskEdit {
        phase: args.phase.as_deref().map(str::parse).transpose()?,
        area: args.area.as_deref().map(str::parse).transpose()?,
        title: args.title,
        guidance: args.fields.guidance.clone(),
        blocking: args.blocking,
        due: due(&args.fields)?,
        evidence: args.fields.evidence.clone(),
        probes: args.fields.probes.as_deref().map(ids),
        depends_on: args.fields.depends_on.as_deref().map(ids),
    };
    if edit.is_empty() {
        return Err(CliError::Usage(
            "nothing to change: give --title, --phase, --area, --guidance, --blocking, --due, \
             --evidence, --probes or --depends-on"
                .into(),
        ));
    }
    let view = store.edit_own_task(plan.id, &args.id, &edit)?;
    saved("Changed", &plan.name, &view);
    if let Some(d) = edit.due {
        print(&format!("Due rule: {}.\n", due_text(&d)));
    }
    Ok(())
}

pub fn remove(store: &Workspace, key: &str, id: &str, force: bool) -> Result<(), CliError> {
    let plan = store.find_plan(key)?;
    let removed = store.remove_own_task(plan.id, id, force)?;
    let kept = match removed.evidence_kept {
        0 => String::new(),
        n => format!(" Its {n} piece(s) of evidence stay in the database."),
    };
    print(&format!(
        "Removed {} ({}) from {:?}; its history stays (`golive history {} {}`).{kept}\n",
        removed.task_id, removed.title, plan.name, plan.id, removed.task_id
    ));
    Ok(())
}
