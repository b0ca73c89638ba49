//! Summary (counts, progress by phase, blockers, overdue tasks, waivers) and the timeline.

use super::super::chart;
use super::super::data::ReportData;
use super::super::icon::{self, Icon};
use super::super::page::Canvas;
use super::super::structure::Role;
use super::super::style::*;
use super::super::table::{self, Cell, Column};
use super::super::text::Weight;
use super::{Section, day_short, plural, relative};
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

fn item_rows(views: &[&ItemView], data: &ReportData) -> Vec<Vec<Cell>> {
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
            let owner = match (&v.item.owner, v.task.blocking) {
                (Some(owner), _) => Cell::new(owner.clone()),
                (None, true) => Cell::new("no owner").colour(RED),
                (None, false) => Cell::new("—"),
            };
            let mut status = Cell::new(label).icon(i).colour(colour);
            if let Some(reason) = &v.item.blocked_reason {
                status = status.note(reason.clone(), MUTED);
            }
            vec![
                Cell::new(v.task.id.clone()).bold(),
                Cell::new(v.task.title.clone()),
                owner,
                due,
                status,
            ]
        })
        .collect()
}

pub fn draw(c: &mut Canvas, data: &ReportData) {
    c.heading(&Section::Summary.heading(data), 1);
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
            counts.to_do,
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
        table::draw(c, &columns, &item_rows(&blocking, data));
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
        table::draw(c, &columns, &item_rows(&overdue, data));
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
        c.paragraph(
            "A waiver lets the go-live proceed without a task until it expires; then the task \
             is open again. A waiver on a blocking task needs an approver.",
            Weight::Regular,
            SIZE_SMALL,
            MUTED,
            0.0,
        );
        let columns = [
            Column::left("ID", 50.0),
            Column::left("Task", CONTENT_W - 50.0 - 96.0 - 170.0 - 72.0),
            Column::left("Approved", 96.0),
            Column::left("Reason, accepted risk, control", 170.0),
            Column::left("Expires", 72.0),
        ];
        table::draw(c, &columns, &waiver_rows(&waived, data));
    }
}

fn waiver_rows(views: &[&ItemView], data: &ReportData) -> Vec<Vec<Cell>> {
    let today = data.snapshot.today;
    let launch = data.snapshot.launch.date();
    views
        .iter()
        .filter_map(|v| v.item.waiver.as_ref().map(|w| (v, w)))
        .map(|(v, w)| {
            let mut title = Cell::new(v.task.title.clone());
            if v.task.blocking {
                title = title.note("Blocks go-live", MUTED);
            }
            let approved = match (&w.approver, w.approved_on) {
                (Some(who), Some(on)) => Cell::new(who.clone()).note(day_short(on), MUTED),
                (Some(who), None) => Cell::new(who.clone()),
                (None, _) if v.task.blocking => Cell::new("no approver").colour(RED),
                (None, _) => Cell::new("—").colour(MUTED),
            };
            let mut terms = vec![w.reason.clone()];
            if let Some(risk) = &w.accepted_risk {
                terms.push(format!("Risk: {risk}"));
            }
            if let Some(control) = &w.control {
                terms.push(format!("Control: {control}"));
            }
            let expiry = Cell::new(day_short(w.until));
            let expiry = if !v.waived {
                expiry.colour(RED).note("expired: open again", RED)
            } else if w.outlasts(launch) {
                expiry.note(format!("after launch, {}", relative(w.until, today)), AMBER)
            } else {
                expiry.note(relative(w.until, today), MUTED)
            };
            vec![
                Cell::new(v.task.id.clone()).bold(),
                title,
                approved,
                Cell::new(terms.join("\n")),
                expiry,
            ]
        })
        .collect()
}

pub fn timeline(c: &mut Canvas, data: &ReportData) {
    c.heading(&Section::Timeline.heading(data), 1);
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
