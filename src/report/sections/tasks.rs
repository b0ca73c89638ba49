//! Every task, by phase and then by area: ID, title, owner, due date, status, evidence count.

use super::super::data::ReportData;
use super::super::icon;
use super::super::page::Canvas;
use super::super::style::*;
use super::super::table::{self, Cell, Column};
use super::super::text::Weight;
use super::{Section, day, day_short, evidence, plural, relative};
use crate::catalog::{Area, Phase};
use crate::plan::{Counts, ItemView, Tally};

pub fn draw(c: &mut Canvas, data: &ReportData) {
    c.new_page();
    c.heading(&Section::Tasks.heading(data), 1);
    c.paragraph(
        &format!(
            "Closed tasks are done or not applicable. Due dates are in the plan's zone; a red \
             date is overdue. \"Blocks go-live\" marks the tasks that keep the verdict at Not \
             ready while open. The evidence column links to the task's evidence in section {}; \
             \"none\" marks a task done without any.",
            Section::Evidence.number(data)
        ),
        Weight::Regular,
        SIZE_BODY,
        MUTED,
        0.0,
    );
    let today = data.snapshot.today;
    let columns = [
        Column::left("ID", 50.0),
        Column::left("Task", CONTENT_W - 50.0 - 78.0 - 70.0 - 90.0 - 50.0),
        Column::left("Owner", 78.0),
        Column::left("Due", 70.0),
        Column::left("Status", 90.0),
        Column::right("Evidence", 50.0),
    ];
    let mut section = 0;
    for phase in Phase::ALL {
        let views: Vec<&ItemView> = data
            .snapshot
            .items
            .iter()
            .filter(|v| v.task.phase == phase)
            .collect();
        if views.is_empty() {
            continue;
        }
        section += 1;
        c.heading(
            &format!(
                "{}.{section}  {}",
                Section::Tasks.number(data),
                phase.label()
            ),
            2,
        );
        let counts = data
            .readiness
            .phases
            .iter()
            .find(|p| p.phase == phase)
            .map(|p| p.counts)
            .unwrap_or_else(|| Counts::of(views.iter().copied()));
        let last_due = views.iter().map(|v| v.due).max().unwrap_or(today);
        c.paragraph(
            &format!(
                "{} · {} open · {} · last due {}",
                counts.closed_phrase(),
                counts.open,
                plural(counts.blocking_open, "blocking open", "blocking open"),
                day(last_due)
            ),
            Weight::Regular,
            SIZE_SMALL,
            MUTED,
            0.0,
        );
        for area in Area::ALL {
            let rows: Vec<Vec<Cell>> = views
                .iter()
                .filter(|v| v.task.area == area)
                .map(|v| {
                    let (i, colour, label) = icon::for_item(v.item.status, v.waived);
                    let mut title = Cell::new(v.task.title.clone());
                    if v.task.blocking {
                        title = title.note("Blocks go-live", MUTED);
                    }
                    let mut due = Cell::new(day_short(v.due));
                    if v.overdue {
                        due = due
                            .colour(RED)
                            .note(format!("overdue, {}", relative(v.due, today)), RED);
                    } else if v.pinned {
                        due = due.note("pinned", MUTED);
                    }
                    let mut status = Cell::new(label).icon(i).colour(colour);
                    if let Some(reason) = &v.item.blocked_reason {
                        status = status.note(reason.clone(), MUTED);
                    } else if let Some(w) = v.item.waiver.as_ref().filter(|_| v.waived) {
                        status = status.note(format!("until {}", day_short(w.until)), MUTED);
                    }
                    let proof = if v.evidence_count > 0 {
                        Cell::new(plural(v.evidence_count, "item", "items"))
                            .link(evidence::link(&v.task.id))
                    } else if Tally::of(v).done_without_evidence {
                        Cell::new("none").colour(RED)
                    } else {
                        Cell::new("—").colour(MUTED)
                    };
                    vec![
                        Cell::new(v.task.id.clone()).bold(),
                        title,
                        Cell::new(v.item.owner.clone().unwrap_or_else(|| "—".into())),
                        due,
                        status,
                        proof,
                    ]
                })
                .collect();
            if rows.is_empty() {
                continue;
            }
            c.heading(&format!("{} ({})", area.label(), area.key()), 3);
            table::draw(c, &columns, &rows);
        }
    }
    if !data.retired.is_empty() {
        section += 1;
        c.heading(
            &format!(
                "{}.{section}  Retired by checklist updates",
                Section::Tasks.number(data)
            ),
            2,
        );
        c.paragraph(
            "Tasks of an earlier version of the checklist that the current one no longer has. \
             They take no new work; their state, evidence and history are kept.",
            Weight::Regular,
            SIZE_SMALL,
            MUTED,
            0.0,
        );
        let columns = [
            Column::left("ID", 50.0),
            Column::left("Task", CONTENT_W - 50.0 - 86.0 - 110.0),
            Column::left("Status", 86.0),
            Column::left("Retired from", 110.0),
        ];
        let rows: Vec<Vec<Cell>> = data
            .retired
            .iter()
            .map(|r| {
                let (i, colour, label) = icon::for_item(r.status, false);
                vec![
                    Cell::new(r.task_id.clone()).bold(),
                    Cell::new(r.title.clone()),
                    Cell::new(label).icon(i).colour(colour),
                    Cell::new(format!("version {}", r.version)),
                ]
            })
            .collect();
        table::draw(c, &columns, &rows);
    }
}
