//! `golive template diff|apply PLAN FILE`: a new version of the checklist for a running plan.

use std::path::PathBuf;

use clap::Subcommand;
use golive::catalog::TemplateDiff;
use golive::ops::Workspace;

use crate::error::CliError;
use crate::output::{BOLD, Table, print, styled};

#[derive(Subcommand)]
pub enum TemplateCommand {
    /// What a new version of the template changes for the plan; changes nothing.
    Diff {
        plan: String,
        /// The new version (TOML, the same template id).
        file: PathBuf,
    },
    /// Move the plan to the new version: new tasks arrive as to-do, removed ones are retired
    /// (their evidence and history stay), renamed ones keep their state.
    Apply { plan: String, file: PathBuf },
    /// Tasks earlier updates retired.
    Retired { plan: String },
}

fn show(d: &TemplateDiff, applied: bool) -> String {
    let mut out = format!(
        "{} {}\n",
        styled(
            if applied {
                "Applied"
            } else {
                "Template update"
            },
            BOLD
        ),
        d.summary()
    );
    if d.is_empty() {
        out.push_str("Nothing changes for this plan.\n");
        return out;
    }
    let mut table = Table::new(&["Task", "Change", "Old", "New"]);
    for id in &d.added {
        table.row(vec![
            id.clone().into(),
            "added (to do)".into(),
            "".into(),
            "".into(),
        ]);
    }
    for id in &d.removed {
        table.row(vec![
            id.clone().into(),
            "retired".into(),
            "".into(),
            "".into(),
        ]);
    }
    for (old, new) in &d.renamed {
        table.row(vec![
            new.clone().into(),
            "renamed".into(),
            old.clone().into(),
            new.clone().into(),
        ]);
    }
    for c in &d.changed {
        for f in &c.fields {
            let short = |t: &str| {
                if t.chars().count() > 50 {
                    format!("{}…", t.chars().take(50).collect::<String>())
                } else {
                    t.to_string()
                }
            };
            table.row(vec![
                c.id.clone().into(),
                f.field.into(),
                short(&f.old).into(),
                short(&f.new).into(),
            ]);
        }
    }
    out.push_str(&table.render());
    let reconfirm = d.changed.iter().filter(|c| c.needs_reconfirm()).count();
    if reconfirm > 0 {
        out.push_str(&format!(
            "{reconfirm} task(s) changed what they must meet; done ones are asked to be confirmed again (`golive item set PLAN ID --status done`).\n"
        ));
    }
    out
}

pub fn template(store: &Workspace, cmd: TemplateCommand) -> Result<(), CliError> {
    match cmd {
        TemplateCommand::Diff { plan, file } => {
            let id = store.find_plan(&plan)?.id;
            print(&show(&store.template_diff(id, &file)?, false));
        }
        TemplateCommand::Apply { plan, file } => {
            let id = store.find_plan(&plan)?.id;
            print(&show(&store.apply_template(id, &file)?, true));
        }
        TemplateCommand::Retired { plan } => {
            let id = store.find_plan(&plan)?.id;
            let retired = store.retired_tasks(id)?;
            if retired.is_empty() {
                print("No retired tasks.\n");
                return Ok(());
            }
            let mut table = Table::new(&["ID", "Status", "Retired (UTC)", "Version", "Task"]);
            for r in retired {
                table.row(vec![
                    r.task.id.clone().into(),
                    r.item.status.label().into(),
                    r.retired_at
                        .get(..16)
                        .unwrap_or(&r.retired_at)
                        .replace('T', " ")
                        .into(),
                    r.version.clone().into(),
                    r.task.title.clone().into(),
                ]);
            }
            print(&table.render());
        }
    }
    Ok(())
}
