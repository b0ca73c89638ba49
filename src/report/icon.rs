//! Small vector icons drawn beside status, verdict and decision words, so meaning never
//! rests on colour alone (colour-blind readers, black-and-white printouts).
//!
//! Icons are shapes, not font glyphs: the shipped font has no check marks.

use std::f32::consts::PI;

use super::page::Canvas;
use super::style::*;
use crate::plan::{Status, Verdict};

use super::data::{Decision, ProbeVerdict};

/// What an icon shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Status(Status),
    Waived,
    Verdict(Verdict),
    Probe(ProbeVerdict),
    Decision(Decision),
}

fn circle(cx: f32, cy: f32, r: f32) -> Vec<(f32, f32)> {
    (0..24)
        .map(|i| {
            let a = i as f32 / 24.0 * 2.0 * PI;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

fn check(c: &mut Canvas, cx: f32, cy: f32, r: f32, colour: Rgb8) {
    c.polyline(
        &[
            (cx - r * 0.5, cy),
            (cx - r * 0.12, cy - r * 0.4),
            (cx + r * 0.55, cy + r * 0.45),
        ],
        colour,
        r * 0.28,
    );
}

fn cross(c: &mut Canvas, cx: f32, cy: f32, r: f32, colour: Rgb8) {
    let d = r * 0.42;
    c.line((cx - d, cy - d), (cx + d, cy + d), colour, r * 0.28, false);
    c.line((cx - d, cy + d), (cx + d, cy - d), colour, r * 0.28, false);
}

fn bang(c: &mut Canvas, cx: f32, cy: f32, r: f32, colour: Rgb8) {
    c.line(
        (cx, cy + r * 0.5),
        (cx, cy - r * 0.1),
        colour,
        r * 0.26,
        false,
    );
    c.fill_rect(cx - r * 0.13, cy - r * 0.55, r * 0.26, r * 0.22, colour);
}

/// Draws `icon` centred on (cx, cy) with radius `r`, as an artifact: every icon stands
/// beside the word it shows, which is what a screen reader reads.
pub fn draw(c: &mut Canvas, icon: Icon, cx: f32, cy: f32, r: f32) {
    c.artifact(|c| shape(c, icon, cx, cy, r));
}

fn shape(c: &mut Canvas, icon: Icon, cx: f32, cy: f32, r: f32) {
    match icon {
        Icon::Status(Status::Done)
        | Icon::Probe(ProbeVerdict::Pass)
        | Icon::Verdict(Verdict::Ready)
        | Icon::Decision(Decision::Go) => {
            c.polygon(&circle(cx, cy, r), GREEN);
            check(c, cx, cy, r, WHITE);
        }
        Icon::Status(Status::InProgress) => {
            c.outline(&circle(cx, cy, r * 0.86), BLUE, r * 0.28);
            let mut half = vec![(cx, cy + r * 0.86)];
            half.extend((0..=12).map(|i| {
                let a = PI / 2.0 - i as f32 / 12.0 * PI;
                (cx + r * 0.86 * a.cos(), cy + r * 0.86 * a.sin())
            }));
            c.polygon(&half, BLUE);
        }
        Icon::Status(Status::Todo) => {
            c.outline(&circle(cx, cy, r * 0.86), GREY, r * 0.28);
        }
        Icon::Status(Status::Blocked)
        | Icon::Probe(ProbeVerdict::Fail)
        | Icon::Verdict(Verdict::NotReady)
        | Icon::Decision(Decision::NoGo) => {
            let colour = RED;
            c.polygon(&circle(cx, cy, r), colour);
            cross(c, cx, cy, r, WHITE);
        }
        Icon::Status(Status::NotApplicable) => {
            c.outline(&circle(cx, cy, r * 0.86), LIGHT_GREY, r * 0.24);
            c.line(
                (cx - r * 0.6, cy - r * 0.6),
                (cx + r * 0.6, cy + r * 0.6),
                LIGHT_GREY,
                r * 0.24,
                false,
            );
        }
        Icon::Waived => {
            c.outline(&circle(cx, cy, r * 0.86), AMBER, r * 0.28);
            c.fill_rect(cx - r * 0.45, cy - r * 0.1, r * 0.9, r * 0.2, AMBER);
        }
        Icon::Probe(ProbeVerdict::Warn)
        | Icon::Verdict(Verdict::ReadyWithRisks)
        | Icon::Decision(Decision::GoWithConditions) => {
            let h = r * 1.9;
            c.polygon(
                &[
                    (cx - r * 1.05, cy - h / 2.0),
                    (cx + r * 1.05, cy - h / 2.0),
                    (cx, cy + h / 2.0),
                ],
                AMBER,
            );
            bang(c, cx, cy - r * 0.12, r * 0.8, WHITE);
        }
        Icon::Probe(ProbeVerdict::Error) => {
            c.outline(&circle(cx, cy, r * 0.86), GREY, r * 0.24);
            c.text(
                cx - r * 0.32,
                cy - r * 0.42,
                "?",
                super::text::Weight::Bold,
                r * 1.3,
                GREY,
            );
        }
    }
}

/// The icon and colour for an item, waivers taking precedence over an open status.
pub fn for_item(status: Status, waived: bool) -> (Icon, Rgb8, &'static str) {
    if waived && !status.is_closed() {
        (Icon::Waived, AMBER, "Waived")
    } else {
        (Icon::Status(status), status_colour(status), status.label())
    }
}
