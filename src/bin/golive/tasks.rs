//! Task-level commands: item set, evidence add, list, edit and retract; own tasks are in
//! `own_tasks.rs`.

use golive::ops::Workspace;
use golive::plan::{Status, Waiver, parse_date};
use golive::store::{DueChange, EvidenceKind, ItemChange, NewEvidence};

use crate::args::{EvidenceAddArgs, EvidenceCommand, EvidenceEditArgs, ItemCommand, ItemSetArgs};
use crate::error::CliError;
use crate::output::{Table, print};

pub fn item(store: &Workspace, cmd: ItemCommand) -> Result<(), CliError> {
    let args = match cmd {
        ItemCommand::Set(args) => args,
        ItemCommand::Add(args) => return crate::own_tasks::add(store, args),
        ItemCommand::Edit(args) => return crate::own_tasks::edit(store, args),
        ItemCommand::Remove { plan, id, force } => {
            return crate::own_tasks::remove(store, &plan, &id, force);
        }
    };
    let change = change_from(&args)?;
    let plan = store.find_plan(&args.plan)?;
    let view = store.change_task(plan.id, &args.id, &change)?;
    if change.status == Some(Status::Done) && view.done_without_evidence() && !args.without_evidence
    {
        eprintln!(
            "warning: {} is done without evidence; its checklist asks for: {}\n  \
             Add it with `golive evidence add {} {} --note TEXT` (or --link, --file); until then \
             the readiness verdict lists the task as a risk. --without-evidence skips this warning.",
            view.task.id,
            view.task.evidence.trim(),
            plan.id,
            view.task.id
        );
    }
    let item = view.item;
    let mut parts = vec![format!("status {}", item.status.label())];
    if let Some(owner) = &item.owner {
        parts.push(format!("owner {owner}"));
    }
    if let Some(due) = item.pinned_due {
        parts.push(format!("due {due} (pinned)"));
    }
    if let Some(reason) = &item.blocked_reason {
        parts.push(format!("blocked: {reason}"));
    }
    if let Some(w) = &item.waiver {
        parts.push(format!("waived until {}: {}", w.until, w.reason));
        if let Some(approver) = &w.approver {
            parts.push(format!("approved by {approver}"));
        }
    }
    print(&format!(
        "{} in {:?}: {}.\n",
        item.task_id,
        plan.name,
        parts.join(", ")
    ));
    Ok(())
}

fn change_from(args: &ItemSetArgs) -> Result<ItemChange, CliError> {
    let status = args
        .status
        .as_deref()
        .map(str::parse::<Status>)
        .transpose()?;
    let due = match (&args.due, args.unpin) {
        (Some(date), _) => Some(DueChange::Pin(parse_date(date)?)),
        (None, true) => Some(DueChange::Unpin),
        (None, false) => None,
    };
    let approved_on = match (&args.approver, &args.approved_on) {
        (_, Some(day)) => Some(parse_date(day)?),
        (Some(_), None) => Some(chrono::Local::now().date_naive()),
        (None, None) => None,
    };
    let waiver = match (&args.waive, &args.until, args.unwaive) {
        (Some(reason), Some(until), _) => Some(Some(Waiver {
            reason: reason.clone(),
            until: parse_date(until)?,
            approver: args.approver.clone(),
            approved_on,
            accepted_risk: args.accepted_risk.clone(),
            control: args.control.clone(),
        })),
        (_, _, true) => Some(None),
        _ => None,
    };
    let blocked_reason = args
        .reason
        .as_ref()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if status == Some(Status::Blocked) && blocked_reason.is_none() {
        return Err(CliError::Usage(
            "a blocked task needs its reason: pass --reason TEXT (what it waits for)".into(),
        ));
    }
    if blocked_reason.is_some() && status.is_some_and(|s| s != Status::Blocked) {
        return Err(CliError::Usage(
            "--reason says why a task is blocked; use it with --status blocked".into(),
        ));
    }
    let change = ItemChange {
        status,
        owner: args
            .owner
            .as_ref()
            .map(|o| Some(o.clone()).filter(|o| !o.trim().is_empty())),
        due,
        waiver,
        blocked_reason,
    };
    if change.is_empty() {
        return Err(CliError::Usage(
            "nothing to change: give --status, --owner, --due, --unpin, --waive/--until or --unwaive".into(),
        ));
    }
    Ok(change)
}

pub fn evidence(store: &Workspace, cmd: EvidenceCommand) -> Result<(), CliError> {
    match cmd {
        EvidenceCommand::Add(args) => add(store, args),
        EvidenceCommand::Edit(args) => edit(store, args),
        EvidenceCommand::Retract {
            plan,
            evidence,
            reason,
        } => {
            let plan = store.find_plan(&plan)?;
            let e = store.retract_evidence(plan.id, evidence, &reason)?;
            print(&format!(
                "Retracted {} #{} of {} in {:?}: it no longer counts for the verdict or the \
                 report; the history keeps it and why.\n",
                e.kind.key(),
                e.id,
                e.task_id,
                plan.name
            ));
            Ok(())
        }
        EvidenceCommand::List { plan, id, json } => {
            let plan = store.find_plan(&plan)?;
            let list = store.evidence(plan.id, Some(&id))?;
            if json {
                print(&format!("{}\n", serde_json::to_string_pretty(&list)?));
                return Ok(());
            }
            if list.is_empty() {
                print(&format!(
                    "No evidence for {id} yet. Add some with `golive evidence add {} {id} --note TEXT`.\n",
                    plan.id
                ));
                return Ok(());
            }
            let mut table = Table::new(&["#", "Added (UTC)", "By", "Kind", "Evidence"]);
            for e in &list {
                let text = match e.kind {
                    EvidenceKind::File => format!(
                        "{} ({} bytes, sha256 {})",
                        e.body,
                        e.size.unwrap_or(0),
                        e.sha256.as_deref().unwrap_or("")
                    ),
                    EvidenceKind::Link => match &e.title {
                        Some(t) => format!("{t} <{}>", e.body),
                        None => e.body.clone(),
                    },
                    EvidenceKind::Probe => {
                        format!("{}: {}", e.title.as_deref().unwrap_or("probe"), e.body)
                    }
                    EvidenceKind::Note => e.body.lines().next().unwrap_or_default().to_string(),
                };
                let text = match (&e.retracted, &e.edited) {
                    (Some(r), _) => format!("[retracted by {}: {}] {text}", r.by, r.reason),
                    (None, Some(_)) => format!("{text} (corrected)"),
                    (None, None) => text,
                };
                table.row(vec![
                    e.id.to_string().into(),
                    e.created_at
                        .get(..16)
                        .unwrap_or(&e.created_at)
                        .replace('T', " ")
                        .into(),
                    e.created_by.clone().into(),
                    e.kind.key().into(),
                    text.into(),
                ]);
            }
            print(&table.render());
            Ok(())
        }
    }
}

fn add(store: &Workspace, args: EvidenceAddArgs) -> Result<(), CliError> {
    let plan = store.find_plan(&args.plan)?;
    let new = match (args.note, args.link, args.file) {
        (Some(note), _, _) => NewEvidence::Note(note),
        (_, Some(url), _) => NewEvidence::Link {
            url,
            title: args.title,
        },
        (_, _, Some(path)) => NewEvidence::File(path),
        _ => return Err(CliError::Usage("give --note, --link or --file".into())),
    };
    let e = store.add_evidence(plan.id, &args.id, new)?;
    let what = match e.kind {
        EvidenceKind::File => format!(
            "file {} (sha256 {})",
            e.body,
            e.sha256.as_deref().unwrap_or("")
        ),
        kind => kind.key().to_string(),
    };
    print(&format!(
        "Added {what} to {} in {:?}.\n",
        e.task_id, plan.name
    ));
    Ok(())
}

fn edit(store: &Workspace, args: EvidenceEditArgs) -> Result<(), CliError> {
    let plan = store.find_plan(&args.plan)?;
    let edit = match (args.note, args.link) {
        (Some(note), _) => NewEvidence::Note(note),
        (_, Some(url)) => {
            // Left out, the title stays as it is; "" removes it.
            let title = match args.title {
                Some(title) => Some(title),
                None => store
                    .evidence(plan.id, None)?
                    .into_iter()
                    .find(|e| e.id == args.evidence)
                    .and_then(|e| e.title),
            };
            NewEvidence::Link { url, title }
        }
        _ => return Err(CliError::Usage("give --note or --link".into())),
    };
    let e = store.edit_evidence(plan.id, args.evidence, edit)?;
    let now = match (&e.kind, &e.title) {
        (EvidenceKind::Link, Some(t)) => format!("{t} <{}>", e.body),
        _ => e.body.lines().next().unwrap_or_default().to_string(),
    };
    print(&format!(
        "Corrected {} #{} of {} in {:?}: {now}\n",
        e.kind.key(),
        e.id,
        e.task_id,
        plan.name
    ));
    Ok(())
}
