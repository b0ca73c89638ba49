//! The rest of the executive page, under the verdict: the launch and the one count, the
//! stakeholders' decisions and their outcome, the top blockers and risks (title, owner, due
//! date), what changed since the previous report, and the scope and limits of what the
//! report can vouch for.

use std::collections::HashSet;

use super::super::data::{ProbeVerdict, ReportData, SignOff};
use super::super::page::Canvas;
use super::super::structure::Role;
use super::super::style::*;
use super::super::table::{self, Cell, Column};
use super::super::text::Weight;
use super::{Section, day, day_short, evidence, moment, plural, relative, risks};
use crate::plan::{ItemView, Outcome, Risk, RiskKind};

/// How many blockers and risks the page lists before pointing to the register.
const TOP: usize = 3;
/// How many changes since the previous report the page lists.
const CHANGES: usize = 2;

/// A tagged list of one-line items in small type, each with its bullet.
fn bullets(c: &mut Canvas, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let leading = SIZE_SMALL * 1.4;
    c.begin(Role::L);
    for item in items {
        let line = c
            .fonts
            .truncate(item, Weight::Regular, SIZE_SMALL, CONTENT_W - 12.0);
        c.ensure(leading);
        c.begin(Role::LI);
        c.begin(Role::Lbl);
        c.text(
            MARGIN_X,
            c.y - SIZE_SMALL,
            "•",
            Weight::Bold,
            SIZE_SMALL,
            MUTED,
        );
        c.end();
        c.begin(Role::LBody);
        c.text(
            MARGIN_X + 10.0,
            c.y - SIZE_SMALL,
            &line,
            Weight::Regular,
            SIZE_SMALL,
            INK,
        );
        c.end();
        c.end();
        c.y -= leading;
    }
    c.end();
}

/// A compact sub-heading that keeps the executive page on one page: it asks only for the
/// room of itself and two lines, not the room a section heading reserves.
fn subheading(c: &mut Canvas, title: &str) {
    c.ensure(40.0);
    c.y -= 6.0;
    c.text(MARGIN_X, c.y - SIZE_H3, title, Weight::Bold, SIZE_H3, INK);
    c.y -= SIZE_H3 * 1.45;
}

fn label_value(c: &mut Canvas, label: &str, value: &str) {
    let lines = c
        .fonts
        .wrap(value, Weight::Regular, SIZE_BODY, CONTENT_W - 86.0);
    c.text(
        MARGIN_X,
        c.y - SIZE_BODY,
        label,
        Weight::Bold,
        SIZE_BODY,
        MUTED,
    );
    for line in lines {
        c.text(
            MARGIN_X + 86.0,
            c.y - SIZE_BODY,
            &line,
            Weight::Regular,
            SIZE_BODY,
            INK,
        );
        c.y -= 12.5;
    }
    c.y -= 2.0;
}

/// The open blocking tasks, soonest due first, then the register's other entries.
fn top_rows(data: &ReportData) -> (Vec<Vec<Cell>>, usize) {
    let today = data.snapshot.today;
    let mut blockers: Vec<&ItemView> = data
        .snapshot
        .items
        .iter()
        .filter(|v| v.task.blocking && !v.item.status.is_closed() && !v.waived)
        .collect();
    blockers.sort_by_key(|v| (v.due, v.task.id.clone()));
    let mut rows = Vec::new();
    let mut named: HashSet<&str> = HashSet::new();
    for v in &blockers {
        if rows.len() == TOP {
            break;
        }
        named.insert(v.task.id.as_str());
        // The owner column already says "no owner"; the rest of the register's words follow
        // the status.
        let mut what = vec![v.item.status.label()];
        what.extend(
            data.readiness
                .risks
                .iter()
                .filter(|r| {
                    r.task_id == v.task.id
                        && !matches!(r.kind, RiskKind::UnownedBlocker | RiskKind::Blocked)
                })
                .map(|r| r.kind.label()),
        );
        let what = match &v.item.blocked_reason {
            Some(reason) => Cell::new(what.join(" · ")).note(reason.clone(), MUTED),
            None => Cell::new(what.join(" · ")),
        };
        let mut id = Cell::new(v.task.id.clone()).bold();
        if v.evidence_count > 0 {
            id = id.link(evidence::link(&v.task.id));
        }
        let owner = match &v.item.owner {
            Some(o) => Cell::new(o.clone()),
            None => Cell::new("no owner").colour(RED),
        };
        let mut due = Cell::new(day_short(v.due)).note(relative(v.due, today), MUTED);
        if v.overdue {
            due = due.colour(RED);
        }
        rows.push(vec![id, Cell::new(v.task.title.clone()), owner, due, what]);
    }
    let others: Vec<&Risk> = data
        .readiness
        .risks
        .iter()
        .filter(|r| !named.contains(r.task_id.as_str()))
        .collect();
    for r in &others {
        if rows.len() == TOP {
            break;
        }
        if !named.insert(r.task_id.as_str()) {
            continue;
        }
        rows.push(risks::row(r, data, true));
    }
    let mut all: HashSet<&str> = blockers.iter().map(|v| v.task.id.as_str()).collect();
    all.extend(data.readiness.risks.iter().map(|r| r.task_id.as_str()));
    (rows, all.len())
}

fn decisions(c: &mut Canvas, data: &ReportData) {
    let outcome = Outcome::of(&data.signoffs.iter().map(|s| s.decision).collect::<Vec<_>>());
    c.heading(&format!("Decisions: {}", outcome.label()), 3);
    if data.signoffs.is_empty() {
        c.paragraph(
            "No stakeholder has been asked yet (golive signoff add).",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        );
        return;
    }
    let columns = [
        Column::left("Stakeholder", 165.0),
        Column::left("Decision", CONTENT_W - 165.0 - 150.0),
        Column::left("Made on", 150.0),
    ];
    let rows: Vec<Vec<Cell>> = data
        .signoffs
        .iter()
        .map(|s| {
            let mut who = Cell::new(s.name.clone()).bold();
            who = match s.decided_on {
                Some(on) => who.note(format!("{} · {}", s.role, day(on)), MUTED),
                None => who.note(s.role.clone(), MUTED),
            };
            let Some(d) = s.decision else {
                return vec![who, Cell::new("Pending").colour(MUTED), Cell::new("—")];
            };
            let mut decision = Cell::new(d.label()).colour(decision_colour(d)).bold();
            let basis = match &s.report_id {
                Some(id) => format!("report {id}"),
                None => "the plan as it was then".to_string(),
            };
            let stale = s.changed_since.as_ref().is_some_and(|c| !c.is_empty());
            let mut made_on = Cell::new(basis);
            if stale {
                made_on = made_on.colour(RED).note(
                    format!(
                        "an earlier state — re-confirm (section {})",
                        Section::SignOff.number(data)
                    ),
                    RED,
                );
            } else if s.changed_since.is_some() {
                made_on = made_on.note("stands on this report's state", MUTED);
            }
            let conditions = condition_tasks(data, s);
            let terms = match (&s.conditions, d) {
                (Some(text), crate::plan::Decision::NoGo) => format!("Reason: {text}"),
                _ if !conditions.is_empty() => format!(
                    "Conditions, tasks of the plan (section {}): {}",
                    Section::SignOff.number(data),
                    conditions
                ),
                (Some(text), _) => format!("Conditions: {text}"),
                (None, _) => "—".to_string(),
            };
            decision = decision.note(terms, INK);
            vec![who, decision, made_on]
        })
        .collect();
    table::draw(c, &columns, &rows);
}

/// A decision's conditions in few words, so the page stays one page: "X-01 (Dev Ops Team,
/// 3 Jun, In progress), X-02 (…)"; the sign-off section has their titles.
fn condition_tasks(data: &ReportData, s: &SignOff) -> String {
    s.condition_tasks
        .iter()
        .filter_map(|id| data.snapshot.items.iter().find(|v| &v.task.id == id))
        .map(|v| {
            format!(
                "{} ({}, {}, {})",
                v.task.id,
                v.item.owner.as_deref().unwrap_or("no owner"),
                day_short(v.due),
                v.item.status.label()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn scope(data: &ReportData) -> String {
    let mut text = String::new();
    if data.probes.is_empty() {
        text.push_str(
            "No network probe has been run: nothing here is checked against the live shop. ",
        );
    } else {
        let mut checks: Vec<&str> = data.probes.iter().map(|p| p.check.as_str()).collect();
        checks.sort_unstable();
        checks.dedup();
        let mut targets: Vec<&str> = data.probes.iter().map(|p| p.target.as_str()).collect();
        targets.sort_unstable();
        targets.dedup();
        let latest = data.probes.iter().map(|p| p.at).max();
        let unchecked = data
            .probes
            .iter()
            .filter(|p| p.verdict == ProbeVerdict::Error)
            .count();
        text.push_str(&format!(
            "Probes covered {} ({}) on {}",
            plural(checks.len(), "check", "checks"),
            checks.join(", "),
            plural(targets.len(), "target", "targets"),
        ));
        if let Some(at) = latest {
            text.push_str(&format!(", latest run {}", moment(at, data)));
        }
        text.push_str(". ");
        if unchecked > 0 {
            text.push_str(&format!(
                "{} could not be checked (no answer); that is not a pass. ",
                plural(unchecked, "result", "results")
            ));
        }
    }
    text.push_str(&format!(
        "Issued by {}; tasks from the checklist {} ({}). ",
        data.issued_by, data.template.name, data.template.version
    ));
    text.push_str(
        "Status and evidence are self-declared: the report shows who recorded what and when \
         and identifies files by SHA-256; it does not verify that a note is true. As of ",
    );
    text.push_str(&day(data.snapshot.today));
    text.push('.');
    text
}

pub fn draw(c: &mut Canvas, data: &ReportData) {
    let launch = &data.launch;
    let counts = &data.readiness.counts;
    label_value(
        c,
        "Launch",
        &format!(
            "{}, {} {} ({})",
            day(launch.date()),
            launch.local.format("%H:%M"),
            launch.zone.name(),
            relative(launch.date(), data.snapshot.today)
        ),
    );
    label_value(
        c,
        "Tasks",
        &format!(
            "{} · {} open · {} blocking open · {} overdue · {} waived",
            counts.closed_phrase(),
            counts.open,
            counts.blocking_open,
            counts.overdue,
            counts.waived
        ),
    );
    c.y -= 2.0;
    decisions(c, data);

    let (rows, total) = top_rows(data);
    let shown = if total > rows.len() {
        format!(
            " ({} of {total} tasks; all in sections {} and {})",
            rows.len(),
            Section::Summary.number(data),
            Section::Risks.number(data)
        )
    } else {
        String::new()
    };
    c.heading(&format!("Top blockers and risks{shown}"), 3);
    if rows.is_empty() {
        c.paragraph(
            "None: no blocking task is open and the risk register is empty.",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        );
    } else {
        table::draw(c, &risks::columns(), &rows);
    }

    subheading(c, "Since the previous report");
    match &data.since_previous {
        None => c.paragraph(
            "This is the plan's first report.",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        ),
        Some(since) => {
            let mut text = format!(
                "{} since report {} of {}",
                plural(since.changes.len(), "change", "changes"),
                since.report_id,
                moment(since.issued_at, data)
            );
            if since.changes.is_empty() {
                text.push_str(": the plan is as it was.");
            } else {
                text.push_str(", newest first:");
            }
            c.paragraph(&text, Weight::Regular, SIZE_SMALL, INK, 0.0);
            let mut shown: Vec<String> =
                since.changes.iter().rev().take(CHANGES).cloned().collect();
            if since.changes.len() > CHANGES {
                shown.push(format!("and {} more", since.changes.len() - CHANGES));
            }
            bullets(c, &shown);
        }
    }

    subheading(c, "Scope and limits");
    c.paragraph(&scope(data), Weight::Regular, SIZE_SMALL, INK, 0.0);
}
