//! Plans: list, find, create, rename, set the client, duplicate, archive, delete, and the
//! board (a plan with its tasks as of today and its verdict).

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Error, Workspace};
use crate::catalog::{BUILTIN_TEMPLATE_TOML, CatalogError, Template};
use crate::plan::{Launch, Readiness, Snapshot, WorkCalendar};
use crate::store::{NewPlan, PlanRecord, PlanSummary};

/// What the user gives to start a plan.
#[derive(Debug, Clone)]
pub struct NewPlanInput {
    pub name: String,
    pub client: Option<String>,
    pub launch: Launch,
    pub pentest: Option<NaiveDate>,
    /// `None`: the user's default working days, no holidays.
    pub calendar: Option<WorkCalendar>,
    /// A template file; `None`: the built-in checklist.
    pub template: Option<PathBuf>,
}

/// A plan as its views show it: the record, every task as of today, the verdict (with the
/// progress per phase).
#[derive(Debug, Clone)]
pub struct Board {
    pub plan: PlanRecord,
    pub snapshot: Snapshot,
    pub readiness: Readiness,
}

impl Workspace {
    /// Every plan with its verdict today, nearest launch first.
    pub fn list_plans(&self, include_archived: bool) -> Result<Vec<PlanSummary>, Error> {
        Ok(self.store()?.list_plans(include_archived)?)
    }

    /// A plan by id, name or unique name prefix.
    pub fn find_plan(&self, key: &str) -> Result<PlanRecord, Error> {
        Ok(self.store()?.find_plan(key)?)
    }

    pub fn plan(&self, plan_id: i64) -> Result<PlanRecord, Error> {
        Ok(self.store()?.plan(plan_id)?)
    }

    /// Creates a plan with one task per template entry.
    pub fn create_plan(&self, new: NewPlanInput) -> Result<PlanRecord, Error> {
        let (template, template_text) = match &new.template {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Read {
                    file: path.display().to_string(),
                    source,
                })?;
                (Template::parse(&text, &path.display().to_string())?, text)
            }
            None => (Template::builtin()?, BUILTIN_TEMPLATE_TOML.to_string()),
        };
        let mut store = self.store()?;
        let calendar = match new.calendar {
            Some(calendar) => calendar,
            None => WorkCalendar::new(super::settings::working_days(&store)?, Vec::new())?,
        };
        Ok(store.create_plan(&NewPlan {
            name: new.name,
            client: new.client,
            launch: new.launch,
            pentest: new.pentest,
            calendar,
            template,
            template_text,
        })?)
    }

    pub fn rename_plan(&self, plan_id: i64, name: &str) -> Result<PlanRecord, Error> {
        Ok(self.store()?.rename_plan(plan_id, name)?)
    }

    /// Sets or clears (empty or `None`) the client a plan is for.
    pub fn set_client(&self, plan_id: i64, client: Option<&str>) -> Result<PlanRecord, Error> {
        Ok(self.store()?.set_client(plan_id, client)?)
    }

    /// Copies a plan's settings, endpoints, task state and evidence under a new name.
    pub fn duplicate_plan(&self, plan_id: i64, name: &str) -> Result<PlanRecord, Error> {
        Ok(self.store()?.duplicate_plan(plan_id, name)?)
    }

    /// Archives a plan (`false` brings it back).
    pub fn archive_plan(&self, plan_id: i64, archived: bool) -> Result<PlanRecord, Error> {
        Ok(self.store()?.archive_plan(plan_id, archived)?)
    }

    /// Deletes a plan with its tasks and evidence; its history stays in the log.
    pub fn delete_plan(&self, plan_id: i64) -> Result<(), Error> {
        Ok(self.store()?.delete_plan(plan_id)?)
    }

    /// The plan, its tasks and its verdict as of `today` (default: today in its zone).
    pub fn board(&self, plan_id: i64, today: Option<NaiveDate>) -> Result<Board, Error> {
        let mut store = self.store()?;
        let (plan, snapshot) = store.snapshot(plan_id, today)?;
        if today.is_none() {
            // Only for the real today: a look at another day must not write history.
            store.record_lapsed_waivers(plan_id, &snapshot)?;
        }
        let template = store.template_of(&plan)?;
        let readiness = crate::plan::assess_with(
            &snapshot,
            &store.failing_checks(plan_id, &template)?,
            &store.warning_checks(plan_id, &template)?,
        );
        Ok(Board {
            plan,
            snapshot,
            readiness,
        })
    }
}

/// One plan's part of the agenda.
#[derive(Debug, Clone)]
pub struct PlanAgenda {
    pub plan: PlanRecord,
    /// Today in the plan's zone, the day its entries were picked on.
    pub today: NaiveDate,
    pub entries: Vec<crate::plan::AgendaEntry>,
}

impl Workspace {
    /// What is due, overdue or blocked in the next `days` days across every active plan,
    /// soonest plan launch first; with `owner`, only that owner's tasks. Plans with nothing
    /// on it are left out.
    pub fn agenda(&self, days: u64, owner: Option<&str>) -> Result<Vec<PlanAgenda>, Error> {
        let store = self.store()?;
        let mut out = Vec::new();
        for summary in store.list_plans(false)? {
            let (plan, snapshot) = store.snapshot(summary.plan.id, None)?;
            let entries = crate::plan::agenda(&snapshot, days, owner);
            if !entries.is_empty() {
                out.push(PlanAgenda {
                    plan,
                    today: snapshot.today,
                    entries,
                });
            }
        }
        Ok(out)
    }
}
