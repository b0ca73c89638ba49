//! The go-live day's runbook as a section: every step by the clock (time from the launch and
//! local time), its owner, the go/no-go question, and when it was checked off — or that a
//! checkpoint was missed — as of the report's moment; then the old shop's 72-hour clock.

use super::super::data::ReportData;
use super::super::page::Canvas;
use super::super::style::*;
use super::super::table::{self, Cell, Column};
use super::super::text::Weight;
use super::{Section, moment, moment_short};
use crate::plan::StepState;

/// "T–4h": the report's font has no minus sign (U+2212), so the en dash stands in for it.
fn time_text(at_text: &str) -> String {
    at_text.replace('\u{2212}', "\u{2013}")
}

pub fn draw(c: &mut Canvas, data: &ReportData) {
    let Some(book) = &data.runbook else { return };
    c.new_page();
    c.heading(&Section::Runbook.heading(data), 1);
    c.paragraph(
        &format!(
            "The launch is {}. Times are counted from it (T–4h is four hours before) and shown \
             in the plan's zone; a go/no-go checkpoint stops the day until it is answered. \
             State as of {}.",
            moment(book.launch, data),
            moment(data.generated_at, data)
        ),
        Weight::Regular,
        SIZE_BODY,
        MUTED,
        0.0,
    );
    let columns = [
        Column::left("Time", 50.0),
        Column::left("Local", 40.0),
        Column::left("Step", CONTENT_W - 50.0 - 40.0 - 84.0 - 104.0),
        Column::left("Owner", 84.0),
        Column::left("Done", 104.0),
    ];
    let rows: Vec<Vec<Cell>> = book
        .steps
        .iter()
        .map(|s| {
            let mut step = Cell::new(format!("{}  {}", s.id, s.title));
            if let Some(q) = &s.checkpoint {
                step = step.note(format!("Go/no-go: {q}"), ACCENT);
            } else if let Some(task) = &s.task {
                step = step.note(format!("Carries out {task}"), MUTED);
            }
            let done = match (s.state, s.checked_at) {
                (_, Some(at)) => {
                    let cell = Cell::new(moment_short(at, data)).colour(GREEN);
                    match &s.checked_by {
                        Some(who) => cell.note(format!("by {who}"), MUTED),
                        None => cell,
                    }
                }
                (StepState::Missed, None) => Cell::new("Checkpoint missed").colour(RED).bold(),
                (StepState::Late, None) => Cell::new("Late, not done").colour(RED),
                _ => Cell::new("Open").colour(MUTED),
            };
            vec![
                Cell::new(time_text(&s.at_text)).bold(),
                Cell::new(s.local_time.clone()),
                step,
                Cell::new(s.owner.clone().unwrap_or_else(|| "—".into())),
                done,
            ]
        })
        .collect();
    table::draw(c, &columns, &rows);
    if let Some(clock) = &book.old_shop {
        c.paragraph(
            &format!(
                "Old shop: keep it live until {} — 72 hours after the DNS switch ({}{}).",
                moment(clock.keep_until, data),
                moment_short(clock.switched_at, data),
                if clock.switched { "" } else { ", as planned" }
            ),
            Weight::Regular,
            SIZE_BODY,
            INK,
            0.0,
        );
    }
}
