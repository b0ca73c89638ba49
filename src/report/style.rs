//! The report's design tokens: page geometry, type sizes and the colours of UI.md.
//!
//! Only constants and colour helpers live here; nothing draws. Colours always travel with a
//! word or an icon elsewhere (never colour alone), so these are the only place they change.

use printpdf::{Color, Rgb};

use crate::plan::{Status, Verdict};

use super::data::{Decision, ProbeVerdict};

/// A4 portrait in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 56.0;
/// Top of the content area (below the running header).
pub const CONTENT_TOP: f32 = PAGE_H - 78.0;
/// Bottom of the content area (above the footer).
pub const CONTENT_BOTTOM: f32 = 64.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

pub const SIZE_BODY: f32 = 9.0;
pub const SIZE_SMALL: f32 = 7.5;
pub const SIZE_H1: f32 = 18.0;
pub const SIZE_H2: f32 = 12.5;
pub const SIZE_H3: f32 = 10.5;

/// An sRGB colour from 0–255 components.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb8(pub u8, pub u8, pub u8);

impl Rgb8 {
    pub fn pdf(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.0) / 255.0,
            g: f32::from(self.1) / 255.0,
            b: f32::from(self.2) / 255.0,
            icc_profile: None,
        })
    }

    /// The colour mixed with white; `amount` 0 keeps it, 1 gives white.
    pub fn tint(self, amount: f32) -> Rgb8 {
        let mix = |c: u8| (f32::from(c) + (255.0 - f32::from(c)) * amount).round() as u8;
        Rgb8(mix(self.0), mix(self.1), mix(self.2))
    }
}

pub const INK: Rgb8 = Rgb8(0x1f, 0x23, 0x28);
pub const MUTED: Rgb8 = Rgb8(0x5f, 0x66, 0x6d);
pub const FAINT: Rgb8 = Rgb8(0x9a, 0xa0, 0xa6);
pub const RULE: Rgb8 = Rgb8(0xd0, 0xd4, 0xd9);
pub const ZEBRA: Rgb8 = Rgb8(0xf4, 0xf5, 0xf7);
pub const HEADER_BG: Rgb8 = Rgb8(0xe9, 0xec, 0xef);
pub const WHITE: Rgb8 = Rgb8(0xff, 0xff, 0xff);
pub const ACCENT: Rgb8 = Rgb8(0x1d, 0x4e, 0x89);

pub const GREEN: Rgb8 = Rgb8(0x1a, 0x7f, 0x37);
pub const BLUE: Rgb8 = Rgb8(0x1f, 0x6f, 0xd1);
pub const RED: Rgb8 = Rgb8(0xc6, 0x28, 0x28);
pub const AMBER: Rgb8 = Rgb8(0xb2, 0x6b, 0x00);
pub const GREY: Rgb8 = Rgb8(0x6e, 0x76, 0x81);
pub const LIGHT_GREY: Rgb8 = Rgb8(0xa8, 0xae, 0xb5);

pub fn status_colour(status: Status) -> Rgb8 {
    match status {
        Status::Todo => GREY,
        Status::InProgress => BLUE,
        Status::Done => GREEN,
        Status::Blocked => RED,
        Status::NotApplicable => LIGHT_GREY,
    }
}

pub fn verdict_colour(verdict: Verdict) -> Rgb8 {
    match verdict {
        Verdict::Ready => GREEN,
        Verdict::ReadyWithRisks => AMBER,
        Verdict::NotReady => RED,
    }
}

pub fn probe_colour(verdict: ProbeVerdict) -> Rgb8 {
    match verdict {
        ProbeVerdict::Pass => GREEN,
        ProbeVerdict::Warn => AMBER,
        ProbeVerdict::Fail => RED,
        ProbeVerdict::Error => GREY,
    }
}

pub fn decision_colour(decision: Decision) -> Rgb8 {
    match decision {
        Decision::Go => GREEN,
        Decision::GoWithConditions => AMBER,
        Decision::NoGo => RED,
    }
}
