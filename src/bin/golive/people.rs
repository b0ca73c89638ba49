//! `golive people`: a plan's people (name, role, e-mail), whom owner fields suggest.

use clap::Subcommand;
use golive::ops::Workspace;

use crate::error::CliError;
use crate::output::{Table, print};

#[derive(Subcommand)]
pub enum PeopleCommand {
    /// Add a person to the plan, or change the role and e-mail of one with that name.
    Add {
        plan: String,
        #[arg(long)]
        name: String,
        /// What they do, e.g. "Ops lead".
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        email: Option<String>,
    },
    /// The plan's people.
    List {
        plan: String,
        #[arg(long)]
        json: bool,
    },
    /// Take a person off the list (tasks they own keep the name).
    Remove { plan: String, name: String },
}

pub fn people(store: &Workspace, cmd: PeopleCommand) -> Result<(), CliError> {
    match cmd {
        PeopleCommand::Add {
            plan,
            name,
            role,
            email,
        } => {
            let plan = store.find_plan(&plan)?;
            let p = store.add_person(plan.id, &name, role.as_deref(), email.as_deref())?;
            print(&format!("{} is one of {:?}'s people.\n", p.name, plan.name));
        }
        PeopleCommand::List { plan, json } => {
            let plan = store.find_plan(&plan)?;
            let list = store.people(plan.id)?;
            if json {
                print(&format!("{}\n", serde_json::to_string_pretty(&list)?));
                return Ok(());
            }
            if list.is_empty() {
                print(&format!(
                    "{:?} has no people yet. Add some with `golive people add {} --name NAME --role ROLE`.\n",
                    plan.name, plan.id
                ));
                return Ok(());
            }
            let mut table = Table::new(&["Name", "Role", "E-mail"]);
            for p in list {
                table.row(vec![
                    p.name.into(),
                    p.role.unwrap_or_default().into(),
                    p.email.unwrap_or_default().into(),
                ]);
            }
            print(&table.render());
        }
        PeopleCommand::Remove { plan, name } => {
            let plan = store.find_plan(&plan)?;
            let gone = store.remove_person(plan.id, &name)?;
            print(&format!(
                "Removed {} from {:?}'s people; tasks they own keep the name.\n",
                gone.name, plan.name
            ));
        }
    }
    Ok(())
}
