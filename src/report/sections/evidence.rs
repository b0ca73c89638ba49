//! The evidence, per task: each task with evidence under its ID and title, the criterion its
//! evidence must meet (from the checklist), and its latest items, Markdown printed as clean
//! text. The full log stays in the sealed report-data.json, not on paper. Tasks done
//! without evidence are listed first. Also the probe results.

use super::super::data::{EvidenceEntry, EvidenceKind, ReportData};
use super::super::icon::Icon;
use super::super::page::Canvas;
use super::super::style::*;
use super::super::table::{self, Cell, Column};
use super::super::text::Weight;
use super::{Section, markdown, moment_short, plural};
use crate::plan::{ItemView, Tally};

/// How many of a task's items the report prints; older ones are in the sealed data.
pub const LATEST: usize = 2;

/// The anchor name of a task's evidence, the target of the task tables' links.
pub fn anchor(task_id: &str) -> String {
    format!("evidence:{task_id}")
}

/// The link target a table cell uses to jump to a task's evidence.
pub fn link(task_id: &str) -> String {
    format!("#{}", anchor(task_id))
}

/// Done tasks that name what proves them and carry none of it: claimed, not shown (the
/// readiness tally's own test, so the count is the header's and the CLI's).
pub fn done_without_evidence(data: &ReportData) -> Vec<&ItemView> {
    data.snapshot
        .items
        .iter()
        .filter(|v| Tally::of(v).done_without_evidence)
        .collect()
}

fn body(e: &EvidenceEntry) -> Cell {
    match e.kind {
        EvidenceKind::Link => Cell::new(e.text.clone()).link(e.text.clone()),
        EvidenceKind::File => {
            let name = e.file_name.clone().unwrap_or_else(|| e.text.clone());
            let hash = e
                .sha256
                .clone()
                .map(|h| format!("SHA-256 {h}"))
                .unwrap_or_default();
            Cell::new(name).note(hash, MUTED)
        }
        EvidenceKind::Note | EvidenceKind::Probe => Cell::new(markdown::plain(&e.text)),
    }
}

pub fn draw(c: &mut Canvas, data: &ReportData) {
    c.new_page();
    c.heading(&Section::Evidence.heading(data), 1);
    let missing = done_without_evidence(data);
    if !missing.is_empty() {
        c.heading(&format!("Done without evidence ({})", missing.len()), 3);
        c.paragraph(
            "These tasks are marked done but carry no note, link, file or probe result: the \
             claim rests on the status alone.",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        );
        let columns = [
            Column::left("ID", 52.0),
            Column::left("Task", CONTENT_W - 52.0 - 96.0),
            Column::left("Owner", 96.0),
        ];
        let rows: Vec<Vec<Cell>> = missing
            .iter()
            .map(|v| {
                vec![
                    Cell::new(v.task.id.clone()).bold(),
                    Cell::new(v.task.title.clone()),
                    Cell::new(v.item.owner.clone().unwrap_or_else(|| "no owner".into())),
                ]
            })
            .collect();
        table::draw(c, &columns, &rows);
    }
    if data.evidence.is_empty() {
        c.paragraph(
            "No evidence has been recorded yet.",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        );
        return;
    }
    let tasks_with = data
        .snapshot
        .items
        .iter()
        .filter(|v| data.evidence.iter().any(|e| e.task_id == v.task.id))
        .count();
    c.paragraph(
        &format!(
            "{} on {}, by task in checklist order. Each task shows the evidence it must give \
             and its latest {LATEST} items; the full log is in the sealed report-data.json \
             attached to this file. Files are identified by their SHA-256, so a copy can be \
             checked against this report. Evidence is recorded by the team itself.",
            plural(
                data.evidence.len(),
                "piece of evidence",
                "pieces of evidence"
            ),
            plural(tasks_with, "task", "tasks"),
        ),
        Weight::Regular,
        SIZE_BODY,
        MUTED,
        0.0,
    );
    let columns = [
        Column::left("Kind", 42.0),
        Column::left("Evidence", CONTENT_W - 42.0 - 100.0),
        Column::left("Added", 100.0),
    ];
    for view in &data.snapshot.items {
        let mut entries: Vec<&EvidenceEntry> = data
            .evidence
            .iter()
            .filter(|e| e.task_id == view.task.id)
            .collect();
        if entries.is_empty() {
            continue;
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.created_at));
        c.ensure(80.0);
        c.y -= 6.0;
        c.anchor(&anchor(&view.task.id), 4);
        let title = format!("{}  {}", view.task.id, view.task.title);
        c.paragraph(&title, Weight::Bold, SIZE_H3, INK, 0.0);
        if !view.task.evidence.trim().is_empty() {
            c.paragraph(
                &format!("Evidence required: {}", view.task.evidence.trim()),
                Weight::Regular,
                SIZE_SMALL,
                MUTED,
                0.0,
            );
        }
        c.y -= 3.0;
        let rows: Vec<Vec<Cell>> = entries
            .iter()
            .take(LATEST)
            .map(|e| {
                vec![
                    Cell::new(e.kind.label()),
                    body(e),
                    Cell::new(moment_short(e.created_at, data))
                        .note(format!("by {}", e.created_by), MUTED),
                ]
            })
            .collect();
        table::draw(c, &columns, &rows);
        if entries.len() > LATEST {
            c.y += 6.0;
            c.paragraph(
                &format!(
                    "and {} earlier, in the sealed report-data.json",
                    plural(entries.len() - LATEST, "item", "items")
                ),
                Weight::Regular,
                SIZE_SMALL,
                MUTED,
                0.0,
            );
        }
    }
}

pub fn probes(c: &mut Canvas, data: &ReportData) {
    c.heading(&Section::Probes.heading(data), 1);
    if data.probes.is_empty() {
        c.paragraph(
            "No probe has been run for this plan.",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        );
        return;
    }
    c.paragraph(
        "Network checks of the shop's domains. \"Could not check\" means the probe got no answer; \
         it is not a failure.",
        Weight::Regular,
        SIZE_BODY,
        MUTED,
        0.0,
    );
    let columns = [
        Column::left("Check", 96.0),
        Column::left("Target", 130.0),
        Column::left("Verdict", 82.0),
        Column::left("Finding", CONTENT_W - 96.0 - 130.0 - 82.0 - 70.0),
        Column::left("Checked", 70.0),
    ];
    let mut results: Vec<_> = data.probes.iter().collect();
    results.sort_by(|a, b| b.at.cmp(&a.at).then(a.check.cmp(&b.check)));
    let rows: Vec<Vec<Cell>> = results
        .iter()
        .map(|p| {
            vec![
                Cell::new(p.check.clone()),
                Cell::new(p.target.clone()),
                Cell::new(p.verdict.label())
                    .icon(Icon::Probe(p.verdict))
                    .colour(probe_colour(p.verdict)),
                Cell::new(p.finding.clone()),
                Cell::new(
                    p.at.with_timezone(&data.launch.zone)
                        .format("%-d %b %H:%M")
                        .to_string(),
                ),
            ]
        })
        .collect();
    table::draw(c, &columns, &rows);
}
