//! The evidence appendix (notes, links, files with their SHA-256) and the probe results.

use super::super::data::{EvidenceKind, ReportData};
use super::super::icon::Icon;
use super::super::page::Canvas;
use super::super::style::*;
use super::super::table::{self, Cell, Column};
use super::super::text::Weight;
use super::moment_short;

pub fn draw(c: &mut Canvas, data: &ReportData) {
    c.new_page();
    c.heading("4  Evidence", 1);
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
    c.paragraph(
        &format!(
            "{} pieces of evidence in task order. Files are identified by their SHA-256, so a copy \
             can be checked against this report.",
            data.evidence.len()
        ),
        Weight::Regular,
        SIZE_BODY,
        MUTED,
        0.0,
    );
    let columns = [
        Column::left("Task", 50.0),
        Column::left("Kind", 42.0),
        Column::left("Evidence", CONTENT_W - 50.0 - 42.0 - 100.0),
        Column::left("Added", 100.0),
    ];
    // Template order, so the appendix reads like the task list.
    let order = |id: &str| {
        data.snapshot
            .items
            .iter()
            .position(|v| v.task.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut entries: Vec<_> = data.evidence.iter().collect();
    entries.sort_by_key(|e| (order(&e.task_id), e.created_at));
    let rows: Vec<Vec<Cell>> = entries
        .iter()
        .map(|e| {
            let body = match e.kind {
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
                EvidenceKind::Note | EvidenceKind::Probe => Cell::new(e.text.clone()),
            };
            vec![
                Cell::new(e.task_id.clone()).bold(),
                Cell::new(e.kind.label()),
                body,
                Cell::new(moment_short(e.created_at, data))
                    .note(format!("by {}", e.created_by), MUTED),
            ]
        })
        .collect();
    table::draw(c, &columns, &rows);
}

pub fn probes(c: &mut Canvas, data: &ReportData) {
    c.heading("5  Probe results", 1);
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
