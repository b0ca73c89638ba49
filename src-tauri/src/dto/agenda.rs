//! The "This week" view's shapes: per active plan, its tasks that are due soon, overdue or
//! blocked (picked by `golive::plan::agenda`, never re-filtered here).

use chrono::NaiveDate;
use golive::ops::PlanAgenda;
use golive::plan::{AgendaEntry, Status};
use serde::Serialize;
use ts_rs::TS;

/// One task on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgendaTaskDto {
    pub task_id: String,
    pub title: String,
    pub owner: Option<String>,
    pub status: Status,
    pub due: NaiveDate,
    pub overdue: bool,
    pub blocking: bool,
}

impl From<&AgendaEntry> for AgendaTaskDto {
    fn from(e: &AgendaEntry) -> Self {
        AgendaTaskDto {
            task_id: e.task_id.clone(),
            title: e.title.clone(),
            owner: e.owner.clone(),
            status: e.status,
            due: e.due,
            overdue: e.overdue,
            blocking: e.blocking,
        }
    }
}

/// One plan's part of the agenda, with the day it was picked on in the plan's zone (so
/// "this week" is the plan's week).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgendaPlanDto {
    #[ts(type = "number")]
    pub plan_id: i64,
    pub plan_name: String,
    pub client: Option<String>,
    pub launch_date: NaiveDate,
    pub today: NaiveDate,
    pub tasks: Vec<AgendaTaskDto>,
}

impl From<&PlanAgenda> for AgendaPlanDto {
    fn from(a: &PlanAgenda) -> Self {
        AgendaPlanDto {
            plan_id: a.plan.id,
            plan_name: a.plan.name.clone(),
            client: a.plan.client.clone(),
            launch_date: a.plan.settings.launch.date(),
            today: a.today,
            tasks: a.entries.iter().map(AgendaTaskDto::from).collect(),
        }
    }
}
