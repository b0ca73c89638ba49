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

// The status colours are a shade darker than UI.md's screen palette: printed at 7.5–9 pt on
// white, zebra rows, table headers and the verdict panel's tint they must all reach WCAG's
// 4.5:1 (see the contrast test below); UI.md's amber and grey did not.
pub const GREEN: Rgb8 = Rgb8(0x17, 0x70, 0x2f);
pub const BLUE: Rgb8 = Rgb8(0x1b, 0x5f, 0xb4);
pub const RED: Rgb8 = Rgb8(0xc6, 0x28, 0x28);
pub const AMBER: Rgb8 = Rgb8(0x8a, 0x53, 0x00);
pub const GREY: Rgb8 = Rgb8(0x5c, 0x63, 0x6b);
/// Shapes only (the not-applicable icon): too light for text.
pub const LIGHT_GREY: Rgb8 = Rgb8(0xa8, 0xae, 0xb5);
/// The not-applicable part of a progress bar; dark text goes on it.
pub const NOT_APPLICABLE_FILL: Rgb8 = Rgb8(0xdc, 0xdf, 0xe3);

pub fn status_colour(status: Status) -> Rgb8 {
    match status {
        Status::Todo => GREY,
        Status::InProgress => BLUE,
        Status::Done => GREEN,
        Status::Blocked => RED,
        Status::NotApplicable => MUTED,
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

#[cfg(test)]
impl Rgb8 {
    /// Relative luminance (WCAG 2.x), 0 for black to 1 for white.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours, 1 to 21.
    pub fn contrast(self, other: Rgb8) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_readable(text: Rgb8, background: Rgb8, what: &str) {
        let ratio = text.contrast(background);
        assert!(
            ratio >= 4.5,
            "{what}: {text:?} on {background:?} is {ratio:.2}:1, under WCAG's 4.5:1"
        );
    }

    #[test]
    fn every_text_colour_reaches_4_5_to_1_on_every_background_it_is_printed_on() {
        // Regression (issue 13): amber and grey status words were under 4.5:1.
        assert!(
            (INK.contrast(WHITE) - 15.8).abs() < 0.1,
            "the formula is WCAG's"
        );
        let text = [
            ("ink", INK),
            ("muted", MUTED),
            ("accent", ACCENT),
            ("green", GREEN),
            ("blue", BLUE),
            ("red", RED),
            ("amber", AMBER),
            ("grey", GREY),
        ];
        let statuses = [
            Status::Todo,
            Status::InProgress,
            Status::Done,
            Status::Blocked,
            Status::NotApplicable,
        ]
        .map(|s| (s.label(), status_colour(s)));
        // Table cells sit on white, zebra rows or the header band; the timeline on its tint.
        for background in [WHITE, ZEBRA, HEADER_BG, ZEBRA.tint(0.3)] {
            for (what, colour) in text.iter().chain(&statuses) {
                assert_readable(*colour, background, what);
            }
        }
        // The verdict panel: its word in its own colour, reasons in ink, labels muted.
        for verdict in [Verdict::Ready, Verdict::ReadyWithRisks, Verdict::NotReady] {
            let colour = verdict_colour(verdict);
            let panel = colour.tint(0.9);
            assert_readable(colour, panel, verdict.label());
            assert_readable(INK, panel, "reason on the panel");
            assert_readable(MUTED, panel, "label on the panel");
        }
        // Counts printed inside progress bars.
        assert_readable(WHITE, GREEN, "done count");
        assert_readable(WHITE, RED, "blocked count");
        assert_readable(INK, NOT_APPLICABLE_FILL, "not-applicable count");
        for colour in [GREEN, AMBER, RED, GREY].map(|c| c.tint(0.9)) {
            assert_readable(INK, colour, "ink on a tint");
        }
    }
}
