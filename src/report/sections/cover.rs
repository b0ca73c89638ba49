//! The cover: the stakeholder's one question (can we go live?) answered at a glance — the
//! verdict with its reasons in a few words and the recommendation — followed by the rest of
//! the executive page ([`super::executive`]).

use super::super::data::ReportData;
use super::super::icon::{self, Icon};
use super::super::page::Canvas;
use super::super::structure::Role;
use super::super::style::*;
use super::super::text::Weight;
use super::executive;
use crate::plan::{Readiness, ReasonKind, Verdict};

/// What the report recommends, from the verdict and what drives it.
pub fn recommendation(r: &Readiness) -> String {
    let c = &r.counts;
    let unowned = r
        .reasons
        .iter()
        .find(|x| x.kind == ReasonKind::Unowned)
        .map_or(0, |x| x.task_ids.len());
    let failing = r.reasons.iter().any(|x| x.kind == ReasonKind::FailingCheck);
    match r.verdict {
        Verdict::Ready => {
            "Go live as planned: every blocking task is closed, nothing is overdue and no risk \
             is open."
                .to_string()
        }
        Verdict::ReadyWithRisks => format!(
            "Go live only with conditions: no blocking task is open, but {} must be accepted \
             or resolved, each by its owner and date (risk register below).",
            super::plural(r.risks.len(), "risk", "risks")
        ),
        Verdict::NotReady => {
            let mut text = format!(
                "Do not go live yet: close or waive the {}",
                super::plural(c.blocking_open, "open blocking task", "open blocking tasks")
            );
            if unowned > 0 {
                text.push_str(&format!(
                    " ({unowned} of them without an owner: assign them first)"
                ));
            }
            if failing {
                text.push_str(" and fix the failing probe checks");
            }
            text.push_str(", then decide again on a new report.");
            text
        }
    }
}

/// A reason's message without its list of task ids: "29 blocking tasks open".
fn headline(message: &str) -> &str {
    message.split(": ").next().unwrap_or(message)
}

/// The verdict's reasons as the panel words them. Late prerequisites are one reason each in
/// the verdict; here they are summed into one, so a plan with many of them keeps its
/// executive page on one page (the risk register lists each).
fn reasons_in_few_words(r: &Readiness) -> Vec<String> {
    let late: Vec<_> = r
        .reasons
        .iter()
        .filter(|x| x.kind == ReasonKind::AtRisk)
        .collect();
    let mut words = Vec::new();
    let mut late_said = false;
    for reason in &r.reasons {
        if reason.kind != ReasonKind::AtRisk || late.len() == 1 {
            words.push(headline(&reason.message).to_string());
        } else if !late_said {
            late_said = true;
            let waiting: usize = late
                .iter()
                .map(|x| x.task_ids.len().saturating_sub(1))
                .sum();
            words.push(format!(
                "{} late prerequisites put {waiting} tasks after them at risk",
                late.len()
            ));
        }
    }
    words
}

pub fn draw(c: &mut Canvas, data: &ReportData) {
    let top = PAGE_H - 60.0;
    c.fill_rect(0.0, PAGE_H - 10.0, PAGE_W, 10.0, ACCENT);
    c.text(
        MARGIN_X,
        top,
        "GO-LIVE READINESS REPORT · EXECUTIVE SUMMARY",
        Weight::Bold,
        SIZE_BODY,
        ACCENT,
    );
    c.y = top - 10.0;
    // The plan's name is the document's first heading; "Contents" and the numbered
    // sections follow at the same level.
    c.begin(Role::H1);
    for line in c.fonts.wrap(&data.plan_name, Weight::Bold, 20.0, CONTENT_W) {
        c.text(MARGIN_X, c.y - 20.0, &line, Weight::Bold, 20.0, INK);
        c.y -= 25.0;
    }
    c.end();
    if let Some(client) = &data.client {
        c.text(
            MARGIN_X,
            c.y - 12.0,
            &format!("for {client}"),
            Weight::Regular,
            12.0,
            MUTED,
        );
        c.y -= 18.0;
    }

    // The verdict panel: verdict, why in a few words, what to do.
    c.y -= 8.0;
    let verdict = data.readiness.verdict;
    let colour = verdict_colour(verdict);
    let why = reasons_in_few_words(&data.readiness);
    let why = if why.is_empty() {
        "Every blocking task is closed, nothing is overdue and no waiver is open.".to_string()
    } else {
        format!("{}.", why.join(" · "))
    };
    let why_lines = c.fonts.wrap(&why, Weight::Regular, 9.5, CONTENT_W - 40.0);
    let advice = recommendation(&data.readiness);
    let advice_lines = c.fonts.wrap(&advice, Weight::Bold, 10.0, CONTENT_W - 40.0);
    let panel_h = 58.0 + why_lines.len() as f32 * 13.0 + advice_lines.len() as f32 * 14.0 + 8.0;
    let panel_top = c.y;
    c.fill_rect(
        MARGIN_X,
        panel_top - panel_h,
        CONTENT_W,
        panel_h,
        colour.tint(0.9),
    );
    c.fill_rect(MARGIN_X, panel_top - panel_h, 6.0, panel_h, colour);
    c.text(
        MARGIN_X + 24.0,
        panel_top - 16.0,
        "VERDICT",
        Weight::Bold,
        SIZE_SMALL,
        MUTED,
    );
    icon::draw(
        c,
        Icon::Verdict(verdict),
        MARGIN_X + 36.0,
        panel_top - 36.0,
        10.0,
    );
    c.text(
        MARGIN_X + 54.0,
        panel_top - 45.0,
        verdict.label(),
        Weight::Bold,
        26.0,
        colour,
    );
    c.y = panel_top - 56.0;
    c.begin(Role::P);
    for line in &why_lines {
        c.text(MARGIN_X + 24.0, c.y - 9.5, line, Weight::Regular, 9.5, INK);
        c.y -= 13.0;
    }
    c.end();
    c.y -= 4.0;
    c.begin(Role::P);
    for line in &advice_lines {
        c.text(MARGIN_X + 24.0, c.y - 10.0, line, Weight::Bold, 10.0, INK);
        c.y -= 14.0;
    }
    c.end();
    c.y = panel_top - panel_h - 12.0;
    executive::draw(c, data);
}
