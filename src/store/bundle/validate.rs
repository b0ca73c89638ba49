//! Every value of a bundle's plan data checked as the store's own typed mappings would read
//! it, before anything is written.

use std::collections::HashSet;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::{PLAN_DATA_VERSION, PlanData};
use crate::catalog::Template;
use crate::plan::{Decision, Launch, Status, WorkCalendar};
use crate::store::plans::check_name;
use crate::store::{EventKind, Gid, Hlc, StoreError};

fn bad(what: &str, value: &str) -> StoreError {
    StoreError::InvalidInput(format!("the bundle holds an unreadable {what}: {value:?}"))
}

fn check_day(what: &str, value: &str) -> Result<(), StoreError> {
    value
        .parse::<NaiveDate>()
        .map(drop)
        .map_err(|_| bad(what, value))
}

fn check_instant(what: &str, value: &str) -> Result<(), StoreError> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map(drop)
        .map_err(|_| bad(what, value))
}

/// Every value checked as the store's own typed mappings would read it, before any write.
pub(super) fn validate(data: &PlanData) -> Result<(), StoreError> {
    if data.version > PLAN_DATA_VERSION {
        return Err(StoreError::InvalidInput(format!(
            "the bundle was written by a newer GoLive Planner (plan data version {}, this one \
             reads up to {PLAN_DATA_VERSION}); update GoLive Planner to import it",
            data.version
        )));
    }
    let p = &data.plan;
    check_name(&p.name)?;
    Launch::parse(&p.launch_local, &p.zone).map_err(|_| bad("launch", &p.launch_local))?;
    WorkCalendar::parse_weekdays(&p.working_days)
        .map_err(|_| bad("working days", &p.working_days))?;
    for h in p.holidays.split(',').filter(|h| !h.is_empty()) {
        check_day("holiday", h)?;
    }
    if let Some(d) = &p.pentest {
        check_day("pen-test date", d)?;
    }
    check_day("planned-on date", &p.planned_on)?;
    check_instant("creation time", &p.created_at)?;
    let mut shas = HashSet::new();
    for t in &data.templates {
        Template::parse(&t.body, &format!("template {} in the bundle", t.version))?;
        let sha = crate::store::plans::hex(&Sha256::digest(t.body.as_bytes()));
        if sha != t.sha256 {
            return Err(bad("template checksum", &t.sha256));
        }
        shas.insert(t.sha256.as_str());
    }
    if !shas.contains(p.template_sha256.as_str()) {
        return Err(bad("template reference", &p.template_sha256));
    }
    let mut tasks = HashSet::new();
    for i in &data.items {
        i.status
            .parse::<Status>()
            .map_err(|_| bad("status", &i.status))?;
        for d in [&i.pinned_due, &i.waiver_until].into_iter().flatten() {
            check_day("task date", d)?;
        }
        if i.waiver_reason.is_some() != i.waiver_until.is_some() {
            return Err(bad("waiver of task", &i.task_id));
        }
        if let Some(sha) = &i.retired_from
            && !shas.contains(sha.as_str())
        {
            return Err(bad("template reference", sha));
        }
        if !tasks.insert(i.task_id.as_str()) {
            return Err(bad("duplicate task", &i.task_id));
        }
    }
    let mut own_ids = HashSet::new();
    for own in &data.own_tasks {
        let phase_known = crate::catalog::Phase::ALL
            .iter()
            .any(|p| p.key() == own.phase);
        let area_known = crate::catalog::Area::ALL
            .iter()
            .any(|a| a.key() == own.area);
        if !phase_known {
            return Err(bad("phase of own task", &own.phase));
        }
        if !area_known {
            return Err(bad("area of own task", &own.area));
        }
        if !own.task_id.starts_with(crate::catalog::OWN_TASK_PREFIX)
            || !own_ids.insert(own.task_id.as_str())
        {
            return Err(bad("own task id", &own.task_id));
        }
        if own.title.trim().is_empty() {
            return Err(bad("title of own task", &own.task_id));
        }
        if own.due_offset.is_some() && own.due_date.is_some() {
            return Err(bad("due of own task", &own.task_id));
        }
        if let Some(d) = &own.due_date {
            check_day("own task due date", d)?;
        }
        check_instant("own task creation time", &own.created_at)?;
        if !tasks.contains(own.task_id.as_str()) {
            return Err(bad("own task without its item", &own.task_id));
        }
    }
    for e in &data.evidence {
        crate::store::evidence::EvidenceKind::parse(&e.kind)
            .map_err(|_| bad("evidence kind", &e.kind))?;
        if !tasks.contains(e.task_id.as_str()) {
            return Err(bad("evidence task", &e.task_id));
        }
        if let Some(sha) = &e.sha256
            && (sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            return Err(bad("file checksum", sha));
        }
        check_instant("evidence time", &e.created_at)?;
    }
    for e in &data.events {
        e.hlc
            .parse::<Hlc>()
            .map_err(|_| bad("clock stamp", &e.hlc))?;
        e.kind.parse::<EventKind>()?;
        serde_json::from_str::<Vec<Gid>>(&e.touches).map_err(|_| bad("event ids", &e.touches))?;
        check_instant("event time", &e.at)?;
    }
    for s in &data.stakeholders {
        for d in &s.decisions {
            d.decision
                .parse::<Decision>()
                .map_err(|_| bad("decision", &d.decision))?;
            check_day("decision day", &d.decided_on)?;
            if let Some(b) = &d.basis {
                serde_json::from_str::<crate::plan::PlanState>(b)
                    .map_err(|_| bad("decision basis", b))?;
            }
        }
    }
    for r in &data.runs {
        if !matches!(r.kind.as_str(), "checks" | "redirects") {
            return Err(bad("probe run kind", &r.kind));
        }
        for v in std::iter::once(&r.verdict).chain(r.results.iter().map(|x| &x.verdict)) {
            if !matches!(v.as_str(), "pass" | "warn" | "fail" | "error") {
                return Err(bad("verdict", v));
            }
        }
    }
    Ok(())
}
