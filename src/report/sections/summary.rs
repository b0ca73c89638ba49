//! Summary (counts, progress by phase, blockers, overdue tasks, waivers) and the timeline.

use super::super::chart;
use super::super::data::ReportData;
use super::super::icon::{self, Icon};
use super::super::page::Canvas;
use super::super::structure::Role;
use super::super::style::*;
use super::super::table::{self, Cell, Column};
use super::super::text::Weight;
use super::{day_short, plural, relative};
use crate::plan::{ItemView, Status};

/// One count: an optional icon, the number, its word and an accent colour.
type Tile<'a> = (Option<Icon>, usize, &'a str, Rgb8);

fn tile(c: &mut Canvas, x: f32, top: f32, w: f32, (icon, value, label, colour): Tile<'_>) {
    let h = 46.0;
    c.stroke_rect(x, top - h, w, h, RULE, 0.6);
    c.fill_rect(x, top - h, 3.0, h, colour);
    let mut tx = x + 12.0;
    // "17 Done" reads as one phrase.
    c.begin(Role::P);
    if let Some(i) = icon {
        icon::draw(c, i, tx + 5.0, top - 19.0, 5.0);
        tx += 15.0;
    }
    c.text(tx, top - 25.0, &value.to_string(), Weight::Bold, 17.0, INK);
    c.text(
        x + 12.0,
        top - 39.0,
        label,
        Weight::Regular,
        SIZE_SMALL,
        MUTED,
    );
    c.end();
}

fn item_rows(views: &[&ItemView], data: &ReportData, with_waiver: bool) -> Vec<Vec<Cell>> {
    views
        .iter()
        .map(|v| {
            let (i, colour, label) = icon::for_item(v.item.status, v.waived);
            let mut due = Cell::new(day_short(v.due));
            if v.overdue {
                due = due.colour(RED).note(
                    format!("overdue, {}", relative(v.due, data.snapshot.today)),
                    RED,
                );
            }
            let mut row = vec![
                Cell::new(v.task.id.clone()).bold(),
                Cell::new(v.task.title.clone()),
                Cell::new(v.item.owner.clone().unwrap_or_else(|| "—".into())),
            ];
            if with_waiver {
                let (reason, until) = v
                    .item
                    .waiver
                    .as_ref()
                    .map(|w| (w.reason.clone(), w.until))
                    .unwrap_or_default();
                row.push(Cell::new(reason));
                let expiry = Cell::new(day_short(until));
                row.push(if v.waived {
                    expiry.note(relative(until, data.snapshot.today), MUTED)
                } else {
                    expiry.colour(RED).note("expired", RED)
                });
            } else {
                row.push(due);
                row.push(Cell::new(label).icon(i).colour(colour));
            }
            row
        })
        .collect()
}

pub fn draw(c: &mut Canvas, data: &ReportData) {
    c.heading("1  Summary", 1);
    let counts = &data.readiness.counts;
    let gap = 8.0;
    let w = (CONTENT_W - 3.0 * gap) / 4.0;
    let tiles: [Tile; 8] = [
        (Some(Icon::Status(Status::Done)), counts.done, "Done", GREEN),
        (
            Some(Icon::Status(Status::InProgress)),
            counts.in_progress,
            "In progress",
            BLUE,
        ),
        (
            Some(Icon::Status(Status::Todo)),
            counts.open - counts.in_progress - counts.blocked,
            "To do",
            GREY,
        ),
        (
            Some(Icon::Status(Status::Blocked)),
            counts.blocked,
            "Blocked",
            RED,
        ),
        (
            Some(Icon::Status(Status::NotApplicable)),
            counts.not_applicable,
            "Not applicable",
            LIGHT_GREY,
        ),
        (
            None,
            counts.blocking_open,
            "Blocking tasks open",
            if counts.blocking_open > 0 { RED } else { GREEN },
        ),
        (
            None,
            counts.overdue,
            "Overdue",
            if counts.overdue > 0 { RED } else { GREEN },
        ),
        (Some(Icon::Waived), counts.waived, "Waived", AMBER),
    ];
    c.ensure(110.0);
    for (n, (i, value, label, colour)) in tiles.into_iter().enumerate() {
        let x = MARGIN_X + (n % 4) as f32 * (w + gap);
        let top = c.y - (n / 4) as f32 * 54.0;
        tile(c, x, top, w, (i, value, label, colour));
    }
    c.y -= 2.0 * 54.0 + 10.0;

    c.heading("Progress by phase", 3);
    chart::stacked_bars(c, &chart::phase_counts(&data.readiness.phases));

    let columns = [
        Column::left("ID", 52.0),
        Column::left("Task", CONTENT_W - 52.0 - 84.0 - 84.0 - 92.0),
        Column::left("Owner", 84.0),
        Column::left("Due", 84.0),
        Column::left("Status", 92.0),
    ];
    let blocking: Vec<&ItemView> = data
        .snapshot
        .items
        .iter()
        .filter(|v| v.task.blocking && !v.item.status.is_closed() && !v.waived)
        .collect();
    c.heading(&format!("Blocking tasks open ({})", blocking.len()), 3);
    if blocking.is_empty() {
        c.paragraph(
            "None: every blocking task is done, not applicable or waived.",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        );
    } else {
        table::draw(c, &columns, &item_rows(&blocking, data, false));
    }

    let overdue: Vec<&ItemView> = data.snapshot.items.iter().filter(|v| v.overdue).collect();
    c.heading(&format!("Overdue tasks ({})", overdue.len()), 3);
    if overdue.is_empty() {
        c.paragraph(
            "None: every open task is still within its due date.",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        );
    } else {
        table::draw(c, &columns, &item_rows(&overdue, data, false));
    }

    let waived: Vec<&ItemView> = data
        .snapshot
        .items
        .iter()
        .filter(|v| v.item.waiver.is_some() && !v.item.status.is_closed())
        .collect();
    c.heading(&format!("Waivers ({})", waived.len()), 3);
    if waived.is_empty() {
        c.paragraph(
            "No open task is waived.",
            Weight::Regular,
            SIZE_BODY,
            MUTED,
            0.0,
        );
    } else {
        let columns = [
            Column::left("ID", 52.0),
            Column::left("Task", CONTENT_W - 52.0 - 84.0 - 150.0 - 80.0),
            Column::left("Owner", 84.0),
            Column::left("Reason", 150.0),
            Column::left("Expires", 80.0),
        ];
        table::draw(c, &columns, &item_rows(&waived, data, true));
    }
}

pub fn timeline(c: &mut Canvas, data: &ReportData) {
    c.heading("2  Timeline", 1);
    let s = &data.snapshot;
    let mut intro = format!(
        "The tasks' due dates by phase, counted per period so that every mark stays \
         readable. Launch {} ({}).",
        day_short(s.launch.date()),
        relative(s.launch.date(), s.today)
    );
    if s.compressed {
        let passed = s.items.iter().filter(|v| v.window_passed).count();
        intro.push_str(&format!(
            " Compressed plan: the window of {} had already passed when the launch date was set.",
            plural(passed, "task", "tasks")
        ));
    }
    c.paragraph(&intro, Weight::Regular, SIZE_BODY, MUTED, 0.0);
    c.y -= 6.0;
    chart::timeline(c, s);
}
