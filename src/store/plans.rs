//! Plans: create, find and list them, and read what a plan's views need: its template, its
//! tasks as of a day, its verdict. Changing a plan is `plan_admin.rs`; moving its launch,
//! `reschedule.rs`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::items::{ITEM_COLUMNS, ItemRow};
use super::{Change, EventKind, Gid, Store, StoreError};
use crate::catalog::{Template, TemplateInfo};
use crate::plan::{
    Item, Launch, PlanSettings, Readiness, Snapshot, Verdict, WorkCalendar, assess_with, snapshot,
    with_own_tasks,
};

/// What the user gives to start a plan.
#[derive(Debug, Clone)]
pub struct NewPlan {
    pub name: String,
    pub client: Option<String>,
    pub launch: Launch,
    pub pentest: Option<NaiveDate>,
    pub calendar: WorkCalendar,
    pub template: Template,
    /// The template's text, kept with the plan so it never depends on the file again.
    pub template_text: String,
}

/// A stored plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRecord {
    pub id: i64,
    /// The id that means this plan on every machine.
    pub gid: Gid,
    pub name: String,
    pub client: Option<String>,
    pub settings: PlanSettings,
    pub template: TemplateInfo,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    #[serde(skip)]
    template_sha256: String,
}

/// A plan as listed: its record and how it stands today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSummary {
    pub plan: PlanRecord,
    pub verdict: Verdict,
    pub days_to_launch: i64,
    pub done: usize,
    pub total: usize,
}

const PLAN_COLUMNS: &str = "p.id, p.name, p.client, p.launch_local, p.zone, p.pentest, \
     p.working_days, p.holidays, p.planned_on, p.archived, p.created_at, p.template_sha256, \
     t.template_id, t.name, t.version, t.source_url, p.gid";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}

fn parse_day(what: &str, value: &str) -> Result<NaiveDate, StoreError> {
    value.parse().map_err(|_| corrupt(what, value))
}

struct PlanRow {
    id: i64,
    gid: Gid,
    name: String,
    client: Option<String>,
    launch_local: String,
    zone: String,
    pentest: Option<String>,
    working_days: String,
    holidays: String,
    planned_on: String,
    archived: bool,
    created_at: String,
    template_sha256: String,
    template_id: String,
    template_name: String,
    template_version: String,
    template_source_url: String,
}

impl PlanRow {
    fn read(row: &Row<'_>) -> rusqlite::Result<PlanRow> {
        Ok(PlanRow {
            id: row.get(0)?,
            gid: row.get(16)?,
            name: row.get(1)?,
            client: row.get(2)?,
            launch_local: row.get(3)?,
            zone: row.get(4)?,
            pentest: row.get(5)?,
            working_days: row.get(6)?,
            holidays: row.get(7)?,
            planned_on: row.get(8)?,
            archived: row.get(9)?,
            created_at: row.get(10)?,
            template_sha256: row.get(11)?,
            template_id: row.get(12)?,
            template_name: row.get(13)?,
            template_version: row.get(14)?,
            template_source_url: row.get(15)?,
        })
    }

    fn into_record(self) -> Result<PlanRecord, StoreError> {
        let launch = Launch::parse(&self.launch_local, &self.zone)
            .map_err(|_| corrupt("launch", &format!("{} {}", self.launch_local, self.zone)))?;
        let days = WorkCalendar::parse_weekdays(&self.working_days)
            .map_err(|_| corrupt("working days", &self.working_days))?;
        let holidays = self
            .holidays
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| parse_day("holiday", s))
            .collect::<Result<Vec<_>, _>>()?;
        let calendar = WorkCalendar::new(days, holidays)
            .map_err(|_| corrupt("working days", &self.working_days))?;
        let pentest = self
            .pentest
            .as_deref()
            .map(|p| parse_day("pentest date", p))
            .transpose()?;
        Ok(PlanRecord {
            id: self.id,
            gid: self.gid,
            name: self.name,
            client: self.client,
            settings: PlanSettings {
                launch,
                pentest,
                calendar,
                planned_on: parse_day("planned-on date", &self.planned_on)?,
            },
            template: TemplateInfo {
                id: self.template_id,
                name: self.template_name,
                version: self.template_version,
                source_url: self.template_source_url,
                source_date: None,
            },
            archived: self.archived,
            created_at: DateTime::parse_from_rfc3339(&self.created_at)
                .map_err(|_| corrupt("creation time", &self.created_at))?
                .with_timezone(&Utc),
            template_sha256: self.template_sha256,
        })
    }
}

pub(super) fn weekdays_text(calendar: &WorkCalendar) -> String {
    calendar
        .working_days()
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) fn holidays_text(calendar: &WorkCalendar) -> String {
    calendar
        .holidays()
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) fn check_name(name: &str) -> Result<String, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::InvalidInput(
            "a plan needs a name, e.g. \"Acme shop relaunch\"".into(),
        ));
    }
    if name.parse::<i64>().is_ok() {
        return Err(StoreError::InvalidInput(format!(
            "a plan name cannot be a plain number ({name:?}): numbers refer to plan ids"
        )));
    }
    Ok(name.to_string())
}

pub(super) fn name_taken(
    tx: &Transaction<'_>,
    name: &str,
    except: Option<i64>,
) -> Result<bool, StoreError> {
    let other: Option<i64> = tx
        .query_row("SELECT id FROM plan WHERE name = ?1", [name], |r| r.get(0))
        .optional()?;
    Ok(other.is_some_and(|id| Some(id) != except))
}

impl Store {
    /// Creates a plan with one item per template task.
    pub fn create_plan(&mut self, new: &NewPlan) -> Result<PlanRecord, StoreError> {
        let name = check_name(&new.name)?;
        let today = new.launch.today_at(Utc::now());
        let id =
            self.write(|tx, actor| {
                if name_taken(tx, &name, None)? {
                    return Err(StoreError::DuplicatePlanName(name.clone()));
                }
                let sha = keep_template(tx, &new.template, &new.template_text)?;
                tx.execute(
                "INSERT INTO plan (gid, name, client, launch_local, zone, pentest, working_days,
                                   holidays, planned_on, template_sha256, created_at)
                 VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    name,
                    new.client.as_deref().map(str::trim).filter(|c| !c.is_empty()),
                    new.launch.local_text(),
                    new.launch.zone.name(),
                    new.pentest.map(|d| d.to_string()),
                    weekdays_text(&new.calendar),
                    holidays_text(&new.calendar),
                    today.to_string(),
                    sha,
                    actor.at,
                    Gid::new()
                ],
            )?;
                let id = tx.last_insert_rowid();
                let mut insert = tx.prepare(
                    "INSERT INTO item (plan_id, task_id, updated_at) VALUES (?1, ?2, ?3)",
                )?;
                for task in &new.template.tasks {
                    insert.execute(params![id, task.id, actor.at])?;
                }
                actor.record(
                    tx,
                    Change {
                        new: Some(format!(
                            "{name}, launch {} {}",
                            new.launch.local_text(),
                            new.launch.zone.name()
                        )),
                        ..Change::plan(id, EventKind::PlanCreated)
                    },
                )?;
                Ok(id)
            })?;
        self.plan(id)
    }

    pub fn plan(&self, id: i64) -> Result<PlanRecord, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {PLAN_COLUMNS} FROM plan p JOIN template t ON t.sha256 = p.template_sha256
                     WHERE p.id = ?1"
                ),
                [id],
                PlanRow::read,
            )
            .optional()?
            .ok_or_else(|| StoreError::PlanNotFound(id.to_string()))?
            .into_record()
    }

    /// Finds a plan by id or by its name (case-insensitive, or a unique prefix).
    pub fn find_plan(&self, key: &str) -> Result<PlanRecord, StoreError> {
        let key = key.trim();
        if let Ok(id) = key.parse::<i64>() {
            return self.plan(id).map_err(|e| match e {
                StoreError::PlanNotFound(_) => StoreError::PlanNotFound(key.to_string()),
                other => other,
            });
        }
        let exact: Option<i64> = self
            .conn
            .query_row("SELECT id FROM plan WHERE name = ?1", [key], |r| r.get(0))
            .optional()?;
        if let Some(id) = exact {
            return self.plan(id);
        }
        let escaped = key
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let mut stmt = self.conn.prepare(
            "SELECT id, name FROM plan WHERE name LIKE ?1 || '%' ESCAPE '\\' ORDER BY name",
        )?;
        let matches = stmt
            .query_map([escaped], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        match matches.as_slice() {
            [] => Err(StoreError::PlanNotFound(key.to_string())),
            [(id, _)] => self.plan(*id),
            many => Err(StoreError::AmbiguousPlan {
                key: key.to_string(),
                candidates: many.iter().map(|(id, n)| format!("{id}: {n}")).collect(),
            }),
        }
    }

    /// Every plan with its verdict today, nearest launch first.
    pub fn list_plans(&self, include_archived: bool) -> Result<Vec<PlanSummary>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {PLAN_COLUMNS} FROM plan p JOIN template t ON t.sha256 = p.template_sha256
             WHERE ?1 OR p.archived = 0 ORDER BY p.launch_local, p.name"
        ))?;
        let rows = stmt
            .query_map([include_archived], PlanRow::read)?
            .collect::<Result<Vec<_>, _>>()?;
        let mut templates: HashMap<String, Template> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let plan = row.into_record()?;
            if !templates.contains_key(&plan.template_sha256) {
                let template = self.template_of(&plan)?;
                templates.insert(plan.template_sha256.clone(), template);
            }
            let template = &templates[&plan.template_sha256];
            let snap = self.snapshot_with(&plan, template, None)?;
            let readiness = assess_with(
                &snap,
                &self.failing_checks(plan.id, template)?,
                &self.warning_checks(plan.id, template)?,
            );
            out.push(PlanSummary {
                verdict: readiness.verdict,
                days_to_launch: readiness.days_to_launch,
                done: readiness.counts.done,
                total: readiness.counts.total,
                plan,
            });
        }
        Ok(out)
    }

    /// The plan's checklist: the template it follows with the plan's own tasks after it.
    /// This is what every view schedules, assesses, reports and exports.
    pub fn template_of(&self, plan: &PlanRecord) -> Result<Template, StoreError> {
        Ok(with_own_tasks(
            &self.base_template_of(plan)?,
            &self.own_tasks(plan.id)?,
        ))
    }

    /// The template a plan was made from, exactly as it was then, without its own tasks.
    pub fn base_template_of(&self, plan: &PlanRecord) -> Result<Template, StoreError> {
        if let Some(parsed) = self.templates.borrow().get(&plan.template_sha256) {
            return Ok(parsed.clone());
        }
        let body: String = self.conn.query_row(
            "SELECT body FROM template WHERE sha256 = ?1",
            [&plan.template_sha256],
            |r| r.get(0),
        )?;
        let parsed = Template::parse(&body, &format!("template of plan {}", plan.name))?;
        self.templates
            .borrow_mut()
            .insert(plan.template_sha256.clone(), parsed.clone());
        Ok(parsed)
    }

    /// The plan's tasks that are not retired.
    pub(super) fn items(&self, plan_id: i64) -> Result<Vec<Item>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS} FROM item WHERE plan_id = ?1 AND retired_at IS NULL"
        ))?;
        let rows = stmt
            .query_map([plan_id], ItemRow::read)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(ItemRow::into_item).collect()
    }

    fn evidence_counts(&self, plan_id: i64) -> Result<HashMap<String, usize>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, COUNT(*) FROM evidence WHERE plan_id = ?1 AND retracted_at IS NULL
             GROUP BY task_id",
        )?;
        let counts = stmt
            .query_map([plan_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?
            .map(|r| r.map(|(k, v)| (k, usize::try_from(v).unwrap_or(0))))
            .collect::<Result<_, _>>()?;
        Ok(counts)
    }

    fn snapshot_with(
        &self,
        plan: &PlanRecord,
        template: &Template,
        today: Option<NaiveDate>,
    ) -> Result<Snapshot, StoreError> {
        let today = today.unwrap_or_else(|| plan.settings.launch.today_at(Utc::now()));
        Ok(snapshot(
            template,
            &plan.settings,
            &self.items(plan.id)?,
            &self.evidence_counts(plan.id)?,
            today,
        ))
    }

    /// The plan's tasks as of `today` (default: today in the plan's zone).
    pub fn snapshot(
        &self,
        plan_id: i64,
        today: Option<NaiveDate>,
    ) -> Result<(PlanRecord, Snapshot), StoreError> {
        let plan = self.plan(plan_id)?;
        let template = self.template_of(&plan)?;
        let snap = self.snapshot_with(&plan, &template, today)?;
        Ok((plan, snap))
    }

    pub fn readiness(
        &self,
        plan_id: i64,
        today: Option<NaiveDate>,
    ) -> Result<Readiness, StoreError> {
        let plan = self.plan(plan_id)?;
        let template = self.template_of(&plan)?;
        let snap = self.snapshot_with(&plan, &template, today)?;
        Ok(assess_with(
            &snap,
            &self.failing_checks(plan_id, &template)?,
            &self.warning_checks(plan_id, &template)?,
        ))
    }
}

/// Stores a template's text (once per content) and answers its address.
pub(super) fn keep_template(
    tx: &Transaction<'_>,
    template: &Template,
    text: &str,
) -> Result<String, StoreError> {
    let sha = hex(&Sha256::digest(text.as_bytes()));
    tx.execute(
        "INSERT OR IGNORE INTO template (sha256, template_id, version, name, source_url, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            sha,
            template.info.id,
            template.info.version,
            template.info.name,
            template.info.source_url,
            text
        ],
    )?;
    Ok(sha)
}

impl PlanRecord {
    /// The content address of the template text the plan follows.
    pub(super) fn template_sha256(&self) -> &str {
        &self.template_sha256
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
