//! The report's two charts: stacked bars per phase (done / open / blocked) and the timeline
//! of phases with today and launch markers. Plain and labelled: every colour has a legend
//! word and every bar its numbers, and every status also has its own shape or fill pattern,
//! so the charts read the same printed in black and white. Each chart is a tagged figure
//! whose alternative text says what it shows.
//!
//! The timeline aggregates: one mark per phase and day, week or longer period (whatever
//! leaves room for a mark and its count), shaped by the worst status among the tasks due
//! then, with their number beside it, instead of one mark per task stacked on another.

use std::f32::consts::PI;

use chrono::{Datelike, Duration, NaiveDate};

use super::page::Canvas;
use super::style::*;
use super::text::Weight;
use crate::catalog::Phase;
use crate::plan::{ItemView, PhaseProgress, Snapshot, Status};

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

/// How a bar segment is painted: a fill that also differs in greyscale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    /// Solid green.
    Done,
    /// White with a grey outline.
    Open,
    /// Red with white diagonal hatching.
    Blocked,
    /// A pale solid fill.
    NotApplicable,
}

impl Segment {
    /// The ink of a count written on the segment.
    fn label_ink(self) -> Rgb8 {
        match self {
            Segment::Done | Segment::Blocked => WHITE,
            Segment::Open | Segment::NotApplicable => INK,
        }
    }

    fn draw(self, c: &mut Canvas, x: f32, y: f32, w: f32, h: f32) {
        match self {
            Segment::Done => c.fill_rect(x, y, w, h, GREEN),
            Segment::Open => {
                c.fill_rect(x, y, w, h, WHITE);
                c.stroke_rect(x + 0.4, y + 0.4, w - 0.8, h - 0.8, GREY, 0.8);
            }
            Segment::Blocked => {
                c.fill_rect(x, y, w, h, RED);
                hatch(c, x, y, w, h);
            }
            Segment::NotApplicable => c.fill_rect(x, y, w, h, NOT_APPLICABLE_FILL),
        }
    }
}

/// White 45° lines across a rectangle, 4 pt apart.
fn hatch(c: &mut Canvas, x: f32, y: f32, w: f32, h: f32) {
    let mut t = -h;
    while t < w {
        // Points (x + t + s, y + s) for s where x + t + s stays within the rectangle.
        let lo = (-t).max(0.0);
        let hi = h.min(w - t);
        if lo < hi {
            c.line(
                (x + t + lo, y + lo),
                (x + t + hi, y + hi),
                WHITE,
                0.7,
                false,
            );
        }
        t += 4.0;
    }
}

fn legend(c: &mut Canvas, x: f32, y: f32, entries: &[(Segment, &str)]) {
    let mut x = x;
    for (segment, label) in entries {
        segment.draw(c, x, y - 1.5, 10.0, 8.5);
        c.text(x + 13.0, y, label, Weight::Regular, SIZE_SMALL, MUTED);
        x += 13.0 + c.fonts.width(label, Weight::Regular, SIZE_SMALL) + 14.0;
    }
}

/// What the progress chart says, for readers who cannot see it.
fn bars_alt(data: &[(Phase, PhaseCounts)]) -> String {
    let mut alt = String::from("Bar chart of progress by phase.");
    for (phase, n) in data {
        alt.push_str(&format!(
            " {}: {} of {} done, {} open, {} blocked, {} not applicable.",
            phase.label(),
            n.done,
            n.total() - n.not_applicable,
            n.open,
            n.blocked,
            n.not_applicable
        ));
    }
    alt
}

/// Horizontal stacked bars, one per phase, with counts in and beside the bars.
pub fn stacked_bars(c: &mut Canvas, data: &[(Phase, PhaseCounts)]) {
    let label_w = 118.0;
    let bar_h = 15.0;
    let gap = 8.0;
    let height = data.len() as f32 * (bar_h + gap) + 28.0;
    c.ensure(height);
    c.begin_figure(&bars_alt(data));
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
        for (n, segment) in [
            (counts.done, Segment::Done),
            (counts.open, Segment::Open),
            (counts.blocked, Segment::Blocked),
            (counts.not_applicable, Segment::NotApplicable),
        ] {
            if n == 0 {
                continue;
            }
            let w = n as f32 / max * full_w;
            segment.draw(c, x, top - bar_h, w, bar_h);
            let label = n.to_string();
            let lw = c.fonts.width(&label, Weight::Bold, SIZE_SMALL);
            if lw + 4.0 < w {
                let lx = x + (w - lw) / 2.0;
                if segment == Segment::Blocked {
                    // A plain patch under the number keeps it readable over the hatching.
                    c.fill_rect(lx - 1.5, top - bar_h + 3.0, lw + 3.0, SIZE_SMALL + 1.5, RED);
                }
                c.text(
                    lx,
                    top - bar_h + 4.5,
                    &label,
                    Weight::Bold,
                    SIZE_SMALL,
                    segment.label_ink(),
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
            (Segment::Done, "Done"),
            (Segment::Open, "Open"),
            (Segment::Blocked, "Blocked"),
            (Segment::NotApplicable, "Not applicable"),
        ],
    );
    c.end();
    c.y -= 24.0;
}

fn short(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

/// A task's mark on the timeline, ordered from least to most alarming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Done or not applicable: a filled green circle.
    Closed,
    /// Still open, on time: a hollow grey circle.
    Open,
    /// Blocked or overdue: a red triangle.
    Alarm,
}

impl Mark {
    pub fn of(view: &ItemView) -> Mark {
        if view.item.status == Status::Blocked || view.overdue {
            Mark::Alarm
        } else if view.item.status.is_closed() {
            Mark::Closed
        } else {
            Mark::Open
        }
    }

    fn draw(self, c: &mut Canvas, x: f32, y: f32, r: f32) {
        match self {
            Mark::Closed => c.polygon(&ring(x, y, r), GREEN),
            Mark::Open => {
                c.polygon(&ring(x, y, r), WHITE);
                c.outline(&ring(x, y, r - 0.5), GREY, 1.0);
            }
            Mark::Alarm => {
                let h = r * 2.1;
                c.polygon(
                    &[
                        (x - r * 1.15, y - h / 2.0),
                        (x + r * 1.15, y - h / 2.0),
                        (x, y + h / 2.0),
                    ],
                    RED,
                );
            }
        }
    }
}

fn ring(cx: f32, cy: f32, r: f32) -> Vec<(f32, f32)> {
    (0..16)
        .map(|i| {
            let a = i as f32 / 16.0 * 2.0 * PI;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

/// The tasks of one phase due within one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub start: NaiveDate,
    pub count: usize,
    pub worst: Mark,
}

/// The shortest period (1, 7, 14 or 28 days) whose width on the axis leaves room for a mark
/// and its count.
pub fn period_days(points_per_day: f32) -> i64 {
    const ROOM: f32 = 17.0;
    [1, 7, 14, 28]
        .into_iter()
        .find(|&days| days as f32 * points_per_day >= ROOM)
        .unwrap_or(56)
}

/// Groups dated marks into periods of `days` counted from `origin`, in date order.
pub fn buckets(
    marks: impl IntoIterator<Item = (NaiveDate, Mark)>,
    origin: NaiveDate,
    days: i64,
) -> Vec<Bucket> {
    let mut by_index: std::collections::BTreeMap<i64, Bucket> = Default::default();
    for (date, mark) in marks {
        let index = (date - origin).num_days().div_euclid(days);
        let bucket = by_index.entry(index).or_insert(Bucket {
            start: origin + Duration::days(index * days),
            count: 0,
            worst: mark,
        });
        bucket.count += 1;
        bucket.worst = bucket.worst.max(mark);
    }
    by_index.into_values().collect()
}

/// What the timeline says, for readers who cannot see it.
fn timeline_alt(snapshot: &Snapshot, phases: &[Phase], period: &str) -> String {
    let mut alt = format!(
        "Timeline of the tasks' due dates by phase, counted per {period}; today {}, launch {}.",
        short(snapshot.today),
        short(snapshot.launch.date())
    );
    for phase in phases {
        let views: Vec<&ItemView> = snapshot
            .items
            .iter()
            .filter(|v| v.task.phase == *phase)
            .collect();
        let count = |m: Mark| views.iter().filter(|v| Mark::of(v) == m).count();
        let (first, last) = (
            views.iter().map(|v| v.due).min(),
            views.iter().map(|v| v.due).max(),
        );
        if let (Some(first), Some(last)) = (first, last) {
            alt.push_str(&format!(
                " {}: {} tasks due {} to {}; {} closed, {} open, {} blocked or overdue.",
                phase.label(),
                views.len(),
                short(first),
                short(last),
                count(Mark::Closed),
                count(Mark::Open),
                count(Mark::Alarm)
            ));
        }
    }
    alt
}

/// The phases on a date axis: a band per phase from its first to its last due date, one mark
/// per period with tasks due (shaped by the worst of them, their number beside it), and the
/// today and launch lines.
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
    let days = period_days(axis_w / span);
    // Weeks and longer periods start on a Monday, like the grid.
    let origin = if days >= 7 {
        first - Duration::days(i64::from(first.weekday().num_days_from_monday()))
    } else {
        first
    };
    let period = match days {
        1 => "day".to_string(),
        7 => "week".to_string(),
        n => format!("{} weeks", n / 7),
    };
    let height = phases.len() as f32 * row_h + 100.0;
    c.ensure(height);
    c.begin_figure(&timeline_alt(snapshot, &phases, &period));
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
        for bucket in buckets(views.iter().map(|v| (v.due, Mark::of(v))), origin, days) {
            // The mark sits at the middle of its period, clamped to the phase's band.
            let middle = bucket.start + Duration::days(days / 2);
            let x = x_of(middle.clamp(start, end));
            bucket.worst.draw(c, x, y_mid, 3.4);
            if bucket.count > 1 {
                c.text(
                    x + 4.6,
                    y_mid + 3.2,
                    &bucket.count.to_string(),
                    Weight::Bold,
                    SIZE_SMALL - 1.0,
                    INK,
                );
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
    for (label, mark) in [
        ("Done or not applicable", Mark::Closed),
        ("Open", Mark::Open),
        ("Blocked or overdue", Mark::Alarm),
    ] {
        mark.draw(c, x + r, ly + 1.0, r + 0.4);
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
    c.y -= 14.0;
    let note = format!(
        "One mark per phase and {period} with tasks due, shaped by the most urgent of them; \
         the number beside it counts the tasks when there is more than one."
    );
    for line in c
        .fonts
        .wrap(&note, Weight::Regular, SIZE_SMALL, CONTENT_W - label_w)
    {
        c.text(lx, c.y, &line, Weight::Regular, SIZE_SMALL, MUTED);
        c.y -= SIZE_SMALL * 1.4;
    }
    c.end();
    c.y -= 20.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    #[test]
    fn forty_one_tasks_on_one_day_make_one_mark_counting_them_with_the_worst_status() {
        // Regression: issue 13 saw 41 markers of one phase drawn on top of each other.
        let mut marks = vec![(day(8), Mark::Closed); 40];
        marks.push((day(8), Mark::Alarm));
        let got = buckets(marks, day(1), 7);
        assert_eq!(
            got,
            vec![Bucket {
                start: day(8),
                count: 41,
                worst: Mark::Alarm
            }]
        );
    }

    #[test]
    fn periods_split_by_week_and_keep_date_order() {
        let marks = [
            (day(16), Mark::Open),
            (day(1), Mark::Closed),
            (day(7), Mark::Open),
            (day(8), Mark::Closed),
        ];
        let got = buckets(marks, day(1), 7);
        let summary: Vec<_> = got.iter().map(|b| (b.start, b.count, b.worst)).collect();
        assert_eq!(
            summary,
            vec![
                (day(1), 2, Mark::Open),
                (day(8), 1, Mark::Closed),
                (day(15), 1, Mark::Open)
            ]
        );
    }

    #[test]
    fn the_period_grows_until_a_mark_and_its_count_fit() {
        assert_eq!(period_days(20.0), 1);
        assert_eq!(period_days(3.0), 7);
        assert_eq!(period_days(1.5), 14);
        assert_eq!(period_days(0.7), 28);
    }
}
