//! Moving a plan to a new version of its template: new tasks arrive as to-do and marked
//! new, renamed tasks keep their state and evidence under the new id, dropped tasks are
//! retired (never deleted: their evidence and history stay), and a done task whose
//! requirements changed asks to be confirmed again. One transaction, one event.
//!
//! What the versions differ in is [`crate::catalog::diff`]; this applies it.

use rusqlite::params;
use serde::Serialize;

use super::items::{ITEM_COLUMN_COUNT, ITEM_COLUMNS, ItemRow};
use super::plans::keep_template;
use super::{Change, EventKind, Store, StoreError};
use crate::catalog::{TaskTemplate, Template, TemplateDiff, diff};
use crate::plan::{Item, Status};

/// A task a template update retired, as the version that still had it describes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetiredTask {
    pub task: TaskTemplate,
    pub item: Item,
    /// RFC 3339, UTC.
    pub retired_at: String,
    /// The version that still had the task.
    pub version: String,
}

impl Store {
    /// What moving the plan to `template` would change, without changing anything.
    pub fn template_diff(
        &self,
        plan_id: i64,
        template: &Template,
    ) -> Result<TemplateDiff, StoreError> {
        let plan = self.plan(plan_id)?;
        let current = self.base_template_of(&plan)?;
        check_same_template(&current, template)?;
        Ok(diff(&current, template))
    }

    /// Moves the plan to `template` (whose text is `text`); answers what changed.
    pub fn apply_template(
        &mut self,
        plan_id: i64,
        template: &Template,
        text: &str,
    ) -> Result<TemplateDiff, StoreError> {
        let plan = self.plan(plan_id)?;
        let current = self.base_template_of(&plan)?;
        check_same_template(&current, template)?;
        let changes = diff(&current, template);
        let old_sha = plan.template_sha256().to_string();
        self.write(|tx, actor| {
            let sha = keep_template(tx, template, text)?;
            if sha == old_sha {
                return Ok(changes.clone());
            }
            tx.execute(
                "UPDATE plan SET template_sha256 = ?2 WHERE id = ?1",
                params![plan_id, sha],
            )?;
            for (old_id, new_id) in &changes.renamed {
                // The new row first: the evidence moves to it before the old one goes.
                tx.execute(
                    "INSERT INTO item (plan_id, task_id, status, owner, pinned_due, waiver_reason,
                                       waiver_until, updated_at, added_in, reconfirm,
                                       blocked_reason, waiver_approver, waiver_approved_on,
                                       waiver_accepted_risk, waiver_control)
                     SELECT plan_id, ?3, status, owner, pinned_due, waiver_reason, waiver_until,
                            ?4, added_in, reconfirm, blocked_reason, waiver_approver,
                            waiver_approved_on, waiver_accepted_risk, waiver_control
                     FROM item WHERE plan_id = ?1 AND task_id = ?2",
                    params![plan_id, old_id, new_id, actor.at],
                )?;
                tx.execute(
                    "UPDATE evidence SET task_id = ?3 WHERE plan_id = ?1 AND task_id = ?2",
                    params![plan_id, old_id, new_id],
                )?;
                tx.execute(
                    "DELETE FROM item WHERE plan_id = ?1 AND task_id = ?2",
                    params![plan_id, old_id],
                )?;
            }
            for id in &changes.added {
                // A task an earlier update retired may come back: it keeps its state.
                tx.execute(
                    "INSERT INTO item (plan_id, task_id, updated_at, added_in) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (plan_id, task_id) DO UPDATE SET retired_at = NULL,
                         retired_from = NULL, added_in = excluded.added_in",
                    params![plan_id, id, actor.at, template.info.version],
                )?;
            }
            for id in &changes.removed {
                tx.execute(
                    "UPDATE item SET retired_at = ?3, retired_from = ?4
                     WHERE plan_id = ?1 AND task_id = ?2",
                    params![plan_id, id, actor.at, old_sha],
                )?;
            }
            for task in changes.changed.iter().filter(|c| c.needs_reconfirm()) {
                let what: Vec<String> = task
                    .fields
                    .iter()
                    .filter(|f| matches!(f.field, "blocking" | "due" | "evidence"))
                    .map(|f| format!("{}: {} → {}", f.field, f.old, f.new))
                    .collect();
                tx.execute(
                    "UPDATE item SET reconfirm = ?3
                     WHERE plan_id = ?1 AND task_id = ?2 AND status = ?4",
                    params![
                        plan_id,
                        task.id,
                        format!("{} changed it ({})", template.info.version, what.join("; ")),
                        Status::Done.key()
                    ],
                )?;
            }
            actor.record(
                tx,
                Change {
                    field: Some("template"),
                    old: Some(changes.old_version.clone()),
                    new: Some(changes.summary()),
                    ..Change::plan(plan_id, EventKind::TemplateUpdated)
                },
            )?;
            Ok(changes.clone())
        })
    }

    /// The plan's retired tasks, in the order they were retired.
    pub fn retired_tasks(&self, plan_id: i64) -> Result<Vec<RetiredTask>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS}, retired_at, retired_from FROM item
             WHERE plan_id = ?1 AND retired_at IS NOT NULL AND retired_from IS NOT NULL
             ORDER BY retired_at, task_id"
        ))?;
        let rows = stmt
            .query_map([plan_id], |r| {
                Ok((
                    ItemRow::read(r)?,
                    r.get::<_, String>(ITEM_COLUMN_COUNT)?,
                    r.get::<_, String>(ITEM_COLUMN_COUNT + 1)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (row, retired_at, sha) in rows {
            let item = row.into_item()?;
            let (body, version): (String, String) = self.conn.query_row(
                "SELECT body, version FROM template WHERE sha256 = ?1",
                [&sha],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let old = Template::parse(&body, &format!("template version {version}"))?;
            let task = old.task(&item.task_id).cloned().ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "retired task {} is not in version {version}",
                    item.task_id
                ))
            })?;
            out.push(RetiredTask {
                task,
                item,
                retired_at,
                version,
            });
        }
        Ok(out)
    }
}

fn check_same_template(current: &Template, new: &Template) -> Result<(), StoreError> {
    if current.info.id == new.info.id {
        return Ok(());
    }
    Err(StoreError::InvalidInput(format!(
        "that file is the template {:?}, but this plan follows {:?}; give a version of {:?}",
        new.info.id, current.info.id, current.info.id
    )))
}
