//! The risk register: every risk with its task, owner and date, grouped by kind, most
//! pressing first. The verdict's reasons are its summary; this is the list to act on.

use super::super::data::ReportData;
use super::super::page::Canvas;
use super::super::style::*;
use super::super::table::{self, Cell, Column};
use super::super::text::Weight;
use super::{Section, day_short, evidence, relative};
use crate::plan::{Risk, RiskKind};

/// A risk as a table row: task (linked to its evidence when it has some), owner, date, what.
pub fn row(r: &Risk, data: &ReportData, with_kind: bool) -> Vec<Cell> {
    let today = data.snapshot.today;
    let has_evidence = data
        .snapshot
        .item(&r.task_id)
        .is_some_and(|v| v.evidence_count > 0);
    let mut id = Cell::new(r.task_id.clone()).bold();
    if has_evidence {
        id = id.link(evidence::link(&r.task_id));
    }
    let mut title = Cell::new(r.title.clone());
    if r.blocking {
        title = title.note("Blocks go-live", MUTED);
    }
    let owner = match &r.owner {
        Some(o) => Cell::new(o.clone()),
        None => Cell::new("no owner").colour(RED),
    };
    let mut date = Cell::new(day_short(r.date)).note(relative(r.date, today), MUTED);
    if r.date < today {
        date = date.colour(RED);
    }
    let what = if with_kind {
        Cell::new(r.kind.label()).bold().note(r.detail.clone(), INK)
    } else {
        Cell::new(r.detail.clone())
    };
    vec![id, title, owner, date, what]
}

pub fn columns() -> [Column; 5] {
    [
        Column::left("ID", 50.0),
        Column::left("Task", CONTENT_W - 50.0 - 74.0 - 70.0 - 150.0),
        Column::left("Owner", 74.0),
        Column::left("Date", 70.0),
        Column::left("Risk", 150.0),
    ]
}

const KINDS: [(RiskKind, &str); 8] = [
    (
        RiskKind::ProbeFail,
        "Failing probe checks on the tasks they give evidence for.",
    ),
    (
        RiskKind::UnownedBlocker,
        "Open blocking tasks nobody owns: the date is the task's due date.",
    ),
    (
        RiskKind::Blocked,
        "Tasks marked blocked, with the reason given.",
    ),
    (
        RiskKind::WaiverExpired,
        "Waivers that ran out: their tasks are open again and count for the verdict.",
    ),
    (
        RiskKind::WaiverUnapproved,
        "Waivers on blocking tasks without a recorded approver.",
    ),
    (RiskKind::Overdue, "Open tasks past their due date."),
    (
        RiskKind::ProbeWarn,
        "Probe warnings, e.g. a certificate that expires soon after launch or DMARC p=none.",
    ),
    (
        RiskKind::WaiverPostLaunch,
        "Waivers that run past the launch day: the shop goes live without these tasks.",
    ),
];

pub fn draw(c: &mut Canvas, data: &ReportData) {
    c.heading(&Section::Risks.heading(data), 1);
    let risks = &data.readiness.risks;
    if risks.is_empty() {
        c.paragraph(
            "No risk is open: no task is blocked, overdue or without an owner, no probe check \
             fails or warns, and no waiver has run out or outlasts the launch.",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        );
        return;
    }
    c.paragraph(
        &format!(
            "{} entries, most pressing first. Every entry names its task, its owner and the \
             date that matters; the verdict's reasons on the first page summarise them.",
            risks.len()
        ),
        Weight::Regular,
        SIZE_BODY,
        MUTED,
        0.0,
    );
    for (kind, intro) in KINDS {
        let entries: Vec<&Risk> = risks.iter().filter(|r| r.kind == kind).collect();
        if entries.is_empty() {
            continue;
        }
        c.heading(&format!("{} ({})", kind.label(), entries.len()), 3);
        c.paragraph(intro, Weight::Regular, SIZE_SMALL, MUTED, 0.0);
        let rows: Vec<Vec<Cell>> = entries.iter().map(|r| row(r, data, false)).collect();
        table::draw(c, &columns(), &rows);
    }
}
