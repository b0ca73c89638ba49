//! Moving a plan's launch: preview what moves, then save the new launch moment.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use rusqlite::params;

use super::plans::PlanRecord;
use super::{Change, EventKind, Store, StoreError};
use crate::catalog::Template;
use crate::plan::{Item, Launch, Move, reschedule};

impl Store {
    /// What a new launch moment would move, without saving anything.
    pub fn preview_reschedule(
        &self,
        plan_id: i64,
        launch: Launch,
    ) -> Result<Vec<Move>, StoreError> {
        let plan = self.plan(plan_id)?;
        let template = self.template_of(&plan)?;
        let items = self.items(plan_id)?;
        let today = launch.today_at(Utc::now());
        Ok(moves(&plan, &template, &items, launch, today))
    }

    /// Sets a new launch moment; unpinned dates follow, pinned ones stay. Returns what moved.
    pub fn reschedule(&mut self, plan_id: i64, launch: Launch) -> Result<Vec<Move>, StoreError> {
        self.set_launch(plan_id, launch, None)
    }

    /// Undoes a reschedule: the launch moment it replaced, and the day that one was set on
    /// (so the tasks whose window had passed then are the same again, not judged from today).
    pub fn restore_launch(
        &mut self,
        plan_id: i64,
        launch: Launch,
        planned_on: NaiveDate,
    ) -> Result<Vec<Move>, StoreError> {
        self.set_launch(plan_id, launch, Some(planned_on))
    }

    fn set_launch(
        &mut self,
        plan_id: i64,
        launch: Launch,
        planned_on: Option<NaiveDate>,
    ) -> Result<Vec<Move>, StoreError> {
        let plan = self.plan(plan_id)?;
        let template = self.template_of(&plan)?;
        let items = self.items(plan_id)?;
        let today = planned_on.unwrap_or_else(|| launch.today_at(Utc::now()));
        let moved = moves(&plan, &template, &items, launch, today);
        self.write(|tx, actor| {
            tx.execute(
                "UPDATE plan SET launch_local = ?2, zone = ?3, planned_on = ?4 WHERE id = ?1",
                params![
                    plan_id,
                    launch.local_text(),
                    launch.zone.name(),
                    today.to_string()
                ],
            )?;
            actor.record(
                tx,
                Change {
                    field: Some("launch"),
                    old: Some(format!(
                        "{} {}",
                        plan.settings.launch.local_text(),
                        plan.settings.launch.zone.name()
                    )),
                    new: Some(format!(
                        "{} {} ({} tasks moved)",
                        launch.local_text(),
                        launch.zone.name(),
                        moved.len()
                    )),
                    ..Change::plan(plan_id, EventKind::Rescheduled)
                },
            )
        })?;
        Ok(moved)
    }
}

fn moves(
    plan: &PlanRecord,
    template: &Template,
    items: &[Item],
    launch: Launch,
    planned_on: NaiveDate,
) -> Vec<Move> {
    let pins: HashMap<&str, NaiveDate> = items
        .iter()
        .filter_map(|i| i.pinned_due.map(|d| (i.task_id.as_str(), d)))
        .collect();
    let mut new_settings = plan.settings.clone();
    new_settings.launch = launch;
    new_settings.planned_on = planned_on;
    reschedule(
        template,
        &pins,
        &plan.settings.schedule_input(),
        &new_settings.schedule_input(),
    )
}
