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
    StoreError::InvalidInput(format!(
        "the bundle holds an invalid {what}: {value:?}; nothing was imported — export the \
         bundle again from the plan it came from"
    ))
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
        check_governance(i)?;
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
    let mut steps = HashSet::new();
    for row in &data.runbook {
        if row.step_id.trim().is_empty() || !steps.insert(row.step_id.as_str()) {
            return Err(bad("runbook step id", &row.step_id));
        }
        if row.own && (row.title.is_none() || row.at_minutes.is_none()) {
            return Err(bad("own runbook step", &row.step_id));
        }
        if row
            .at_minutes
            .is_some_and(|m| m.abs() > crate::catalog::MAX_RUNBOOK_MINUTES)
        {
            return Err(bad("runbook step time", &row.step_id));
        }
        for t in [&row.checked_at, &row.removed_at].into_iter().flatten() {
            check_instant("runbook time", t)?;
        }
    }
    let mut evidence_ids = HashSet::new();
    for e in &data.evidence {
        if e.retracted.is_some() {
            return Err(bad("retraction (on live evidence) of task", &e.task_id));
        }
        check_evidence(e, &tasks, &mut evidence_ids)?;
    }
    for e in &data.retracted_evidence {
        let Some(r) = &e.retracted else {
            return Err(bad(
                "retraction (missing on retracted evidence) of task",
                &e.task_id,
            ));
        };
        check_instant("retraction time", &r.at)?;
        if r.by.trim().is_empty() {
            return Err(bad(
                "retraction (who retracted it missing) of task",
                &e.task_id,
            ));
        }
        if r.reason.trim().is_empty() {
            return Err(bad("retraction (its reason missing) of task", &e.task_id));
        }
        check_evidence(e, &tasks, &mut evidence_ids)?;
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
            check_decision_report(d)?;
            if !d.condition_tasks.is_empty() && d.decision != Decision::GoWithConditions.key() {
                return Err(bad(
                    "condition (on a decision without conditions)",
                    &d.decision,
                ));
            }
            for task in &d.condition_tasks {
                if !own_ids.contains(task.as_str()) {
                    return Err(bad("condition task (not an own task of the plan)", task));
                }
            }
        }
    }
    let mut names = HashSet::new();
    for person in &data.people {
        let name = person.name.trim();
        if name.is_empty() || name != person.name {
            return Err(bad("person's name", &person.name));
        }
        if !names.insert(name.to_lowercase()) {
            return Err(bad("person's name (listed twice)", &person.name));
        }
        if let Some(email) = &person.email {
            crate::store::people::check_email(email)
                .map_err(|_| bad("person's e-mail address", email))?;
        }
        check_instant("person's creation time", &person.created_at)?;
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

/// A waiver's governance (approver, approval day, accepted risk, control) belongs to a
/// waiver, and a blocked reason to a blocked task.
fn check_governance(i: &super::ItemRow) -> Result<(), StoreError> {
    let governance = [
        &i.waiver_approver,
        &i.waiver_approved_on,
        &i.waiver_accepted_risk,
        &i.waiver_control,
    ];
    if i.waiver_reason.is_none() && governance.iter().any(|g| g.is_some()) {
        return Err(bad(
            "waiver approval (on a task without a waiver) of task",
            &i.task_id,
        ));
    }
    if let Some(on) = &i.waiver_approved_on {
        check_day("waiver approval date", on)?;
    }
    if i.blocked_reason.is_some() && i.status != Status::Blocked.key() {
        return Err(bad(
            "blocked reason (on a task that is not blocked) of task",
            &i.task_id,
        ));
    }
    Ok(())
}

/// One evidence row, live or retracted: its kind, task, file checksum, times, and an id
/// the bundle holds once.
fn check_evidence(
    e: &super::EvidenceRow,
    tasks: &HashSet<&str>,
    ids: &mut HashSet<Gid>,
) -> Result<(), StoreError> {
    crate::store::evidence::EvidenceKind::parse(&e.kind)
        .map_err(|_| bad("evidence kind", &e.kind))?;
    if !tasks.contains(e.task_id.as_str()) {
        return Err(bad("evidence task", &e.task_id));
    }
    if let Some(sha) = &e.sha256
        && !is_sha256(sha)
    {
        return Err(bad("file checksum", sha));
    }
    check_instant("evidence time", &e.created_at)?;
    match (&e.edited_at, &e.edited_by) {
        (Some(at), Some(_)) => check_instant("evidence correction time", at)?,
        (None, None) => {}
        _ => {
            return Err(bad(
                "evidence correction (when or by whom missing) of task",
                &e.task_id,
            ));
        }
    }
    if !ids.insert(e.gid) {
        return Err(bad("evidence id (listed twice)", &e.gid.to_string()));
    }
    Ok(())
}

/// The report a decision was made on: its id with the SHA-256 of its sealed data, or neither.
fn check_decision_report(d: &super::DecisionRow) -> Result<(), StoreError> {
    match (&d.report_id, &d.report_sha256) {
        (None, None) => Ok(()),
        (Some(id), Some(sha)) if !id.trim().is_empty() && is_sha256(sha) => Ok(()),
        (_, Some(sha)) => Err(bad("report of a decision", sha)),
        (Some(id), None) => Err(bad("report of a decision (its checksum missing)", id)),
    }
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}
