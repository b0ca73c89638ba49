//! The report's two charts: stacked bars per phase (done / open / blocked) and the timeline
//! of phases with today and launch markers. Plain and labelled: every colour has a legend
//! word and every bar its numbers.

use chrono::{Datelike, Duration, NaiveDate};

use super::page::Canvas;
use super::style::*;
use super::text::Weight;
use crate::catalog::Phase;
use crate::plan::{PhaseProgress, Snapshot, Status};

/// Done / open / blocked (plus not applicable) counts of one phase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhaseCounts {
    pub done: usize,
    pub open: usize,
    pub blocked: usize,
    pub not_applicable: usize,
}

impl PhaseCounts {
    pub fn total(&self) -> usize {
        self.done + self.open + self.blocked + self.not_applicable
    }
}

/// The bars of each phase, from the verdict's own per-phase counts (open here is what is
/// neither done, not applicable nor blocked).
pub fn phase_counts(phases: &[PhaseProgress]) -> Vec<(Phase, PhaseCounts)> {
    phases
        .iter()
        .map(|p| {
            let c = &p.counts;
            (
                p.phase,
                PhaseCounts {
                    done: c.done,
                    open: c.open - c.blocked,
                    blocked: c.blocked,
                    not_applicable: c.not_applicable,
                },
            )
        })
        .collect()
}

fn legend(c: &mut Canvas, x: f32, y: f32, entries: &[(Rgb8, &str)]) {
    let mut x = x;
    for (colour, label) in entries {
        c.fill_rect(x, y - 1.0, 8.0, 8.0, *colour);
        c.text(x + 11.0, y, label, Weight::Regular, SIZE_SMALL, MUTED);
        x += 11.0 + c.fonts.width(label, Weight::Regular, SIZE_SMALL) + 14.0;
    }
}

/// Horizontal stacked bars, one per phase, with counts in and beside the bars.
pub fn stacked_bars(c: &mut Canvas, data: &[(Phase, PhaseCounts)]) {
    let label_w = 118.0;
    let bar_h = 15.0;
    let gap = 8.0;
    let height = data.len() as f32 * (bar_h + gap) + 28.0;
    c.ensure(height);
    let max = data
        .iter()
        .map(|(_, d)| d.total())
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    let bar_x = MARGIN_X + label_w;
    let full_w = CONTENT_W - label_w - 70.0;
    for (phase, counts) in data {
        let top = c.y;
        c.text(
            MARGIN_X,
            top - bar_h + 4.0,
            phase.label(),
            Weight::Regular,
            SIZE_BODY,
            INK,
        );
        let mut x = bar_x;
        for (n, colour) in [
            (counts.done, GREEN),
            (counts.open, GREY),
            (counts.blocked, RED),
            (counts.not_applicable, LIGHT_GREY.tint(0.4)),
        ] {
            if n == 0 {
                continue;
            }
            let w = n as f32 / max * full_w;
            c.fill_rect(x, top - bar_h, w, bar_h, colour);
            let label = n.to_string();
            let lw = c.fonts.width(&label, Weight::Bold, SIZE_SMALL);
            if lw + 4.0 < w {
                let ink = if colour == LIGHT_GREY.tint(0.4) {
                    INK
                } else {
                    WHITE
                };
                c.text(
                    x + (w - lw) / 2.0,
                    top - bar_h + 4.5,
                    &label,
                    Weight::Bold,
                    SIZE_SMALL,
                    ink,
                );
            }
            x += w;
        }
        let summary = format!(
            "{}/{} done",
            counts.done,
            counts.total() - counts.not_applicable
        );
        c.text(
            x + 6.0,
            top - bar_h + 4.5,
            &summary,
            Weight::Regular,
            SIZE_SMALL,
            MUTED,
        );
        c.y -= bar_h + gap;
    }
    legend(
        c,
        bar_x,
        c.y - 6.0,
        &[
            (GREEN, "Done"),
            (GREY, "Open"),
            (RED, "Blocked"),
            (LIGHT_GREY.tint(0.4), "Not applicable"),
        ],
    );
    c.y -= 24.0;
}

fn short(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

/// The phases on a date axis: a band per phase from its first to its last due date, a mark
/// per task (filled = closed, hollow = open, red = blocked or overdue), and the today and
/// launch lines.
pub fn timeline(c: &mut Canvas, snapshot: &Snapshot) {
    let phases: Vec<Phase> = Phase::ALL
        .iter()
        .copied()
        .filter(|p| snapshot.items.iter().any(|v| v.task.phase == *p))
        .collect();
    let launch = snapshot.launch.date();
    let today = snapshot.today;
    let dues = snapshot.items.iter().map(|v| v.due);
    let first = dues.clone().min().unwrap_or(launch).min(today).min(launch) - Duration::days(3);
    let last = dues.max().unwrap_or(launch).max(today).max(launch) + Duration::days(3);
    let span = (last - first).num_days().max(1) as f32;

    let label_w = 118.0;
    let row_h = 26.0;
    let axis_x = MARGIN_X + label_w;
    let axis_w = CONTENT_W - label_w - 8.0;
    let height = phases.len() as f32 * row_h + 86.0;
    c.ensure(height);
    let x_of = |d: NaiveDate| axis_x + (d - first).num_days() as f32 / span * axis_w;
    let top = c.y - 30.0;
    let bottom = top - phases.len() as f32 * row_h;

    // Week grid, labelled on Mondays every second week to stay readable.
    let mut d = first;
    let mut week = 0;
    while d <= last {
        if d.weekday().number_from_monday() == 1 {
            let x = x_of(d);
            c.line((x, top), (x, bottom), RULE.tint(0.3), 0.4, false);
            if week % 2 == 0 {
                c.text(
                    x - 8.0,
                    bottom - 11.0,
                    &short(d),
                    Weight::Regular,
                    SIZE_SMALL - 0.5,
                    MUTED,
                );
            }
            week += 1;
        }
        d += Duration::days(1);
    }

    for (row, phase) in phases.iter().enumerate() {
        let y_mid = top - row as f32 * row_h - row_h / 2.0;
        if row % 2 == 1 {
            c.fill_rect(
                MARGIN_X,
                y_mid - row_h / 2.0,
                CONTENT_W,
                row_h,
                ZEBRA.tint(0.3),
            );
        }
        c.text(
            MARGIN_X,
            y_mid - 3.0,
            phase.label(),
            Weight::Regular,
            SIZE_BODY,
            INK,
        );
        let views: Vec<_> = snapshot
            .items
            .iter()
            .filter(|v| v.task.phase == *phase)
            .collect();
        let start = views.iter().map(|v| v.due).min().unwrap_or(launch);
        let end = views.iter().map(|v| v.due).max().unwrap_or(launch);
        let (x0, x1) = (x_of(start), x_of(end).max(x_of(start) + 4.0));
        c.fill_rect(
            x0 - 4.0,
            y_mid - 5.0,
            x1 - x0 + 8.0,
            10.0,
            ACCENT.tint(0.82),
        );
        for v in views {
            let x = x_of(v.due);
            let alarming = v.item.status == Status::Blocked || v.overdue;
            let colour = if alarming {
                RED
            } else if v.item.status.is_closed() {
                GREEN
            } else {
                GREY
            };
            let r = 2.6;
            let diamond = [
                (x, y_mid + r),
                (x + r, y_mid),
                (x, y_mid - r),
                (x - r, y_mid),
            ];
            if v.item.status.is_closed() || alarming {
                c.polygon(&diamond, colour);
            } else {
                c.polygon(&diamond, WHITE);
                c.outline(&diamond, colour, 0.8);
            }
        }
    }

    // Lines from the plot bottom up to their labels; labels sit beside their line, on two
    // levels when the two would collide.
    let tx = x_of(today);
    let lx = x_of(launch);
    let today_label = format!("Today {}", short(today));
    let launch_label = format!("Launch {}", short(launch));
    let tw = c.fonts.width(&today_label, Weight::Bold, SIZE_SMALL);
    let lw = c.fonts.width(&launch_label, Weight::Bold, SIZE_SMALL);
    let right = PAGE_W - MARGIN_X;
    let place = |x: f32, w: f32| {
        if x + 3.0 + w <= right {
            x + 3.0
        } else {
            x - 3.0 - w
        }
    };
    let (launch_x, today_x) = (place(lx, lw), place(tx, tw));
    let overlap = today_x < launch_x + lw + 6.0 && launch_x < today_x + tw + 6.0;
    let launch_y = top + 6.0;
    let today_y = if overlap { top + 17.0 } else { top + 6.0 };
    c.line((tx, today_y + 8.0), (tx, bottom), BLUE, 1.0, true);
    c.line((lx, launch_y + 8.0), (lx, bottom), INK, 1.4, false);
    c.text(
        today_x,
        today_y,
        &today_label,
        Weight::Bold,
        SIZE_SMALL,
        BLUE,
    );
    c.text(
        launch_x,
        launch_y,
        &launch_label,
        Weight::Bold,
        SIZE_SMALL,
        INK,
    );

    c.y = bottom - 24.0;
    let lx = MARGIN_X + label_w;
    let ly = c.y;
    let r = 2.8;
    let mut x = lx;
    for (label, colour, filled) in [
        ("Done or not applicable", GREEN, true),
        ("Open", GREY, false),
        ("Blocked or overdue", RED, true),
    ] {
        let d = [
            (x + r, ly + r + 1.0),
            (x + 2.0 * r, ly + 1.0),
            (x + r, ly - r + 1.0),
            (x, ly + 1.0),
        ];
        if filled {
            c.polygon(&d, colour);
        } else {
            c.outline(&d, colour, 0.8);
        }
        c.text(
            x + 2.0 * r + 4.0,
            ly - 1.5,
            label,
            Weight::Regular,
            SIZE_SMALL,
            MUTED,
        );
        x += 2.0 * r + 4.0 + c.fonts.width(label, Weight::Regular, SIZE_SMALL) + 14.0;
    }
    c.line((x, ly + 1.0), (x + 12.0, ly + 1.0), BLUE, 1.0, true);
    c.text(
        x + 16.0,
        ly - 1.5,
        "Today",
        Weight::Regular,
        SIZE_SMALL,
        MUTED,
    );
    x += 16.0 + c.fonts.width("Today", Weight::Regular, SIZE_SMALL) + 14.0;
    c.line((x, ly + 1.0), (x + 12.0, ly + 1.0), INK, 1.4, false);
    c.text(
        x + 16.0,
        ly - 1.5,
        "Launch",
        Weight::Regular,
        SIZE_SMALL,
        MUTED,
    );
    c.y -= 20.0;
}
