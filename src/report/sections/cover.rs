//! The cover: the stakeholder's one question (can we go live?) answered at a glance.

use super::super::data::ReportData;
use super::super::icon::{self, Icon};
use super::super::page::Canvas;
use super::super::structure::Role;
use super::super::style::*;
use super::super::text::Weight;
use super::{day, moment, relative};

pub fn draw(c: &mut Canvas, data: &ReportData) {
    let top = PAGE_H - 72.0;
    c.fill_rect(0.0, PAGE_H - 10.0, PAGE_W, 10.0, ACCENT);
    c.text(
        MARGIN_X,
        top,
        "GO-LIVE READINESS REPORT",
        Weight::Bold,
        SIZE_BODY,
        ACCENT,
    );
    c.y = top - 14.0;
    // The plan's name is the document's first heading; "Contents" and the numbered
    // sections follow at the same level.
    c.begin(Role::H1);
    for line in c.fonts.wrap(&data.plan_name, Weight::Bold, 26.0, CONTENT_W) {
        c.text(MARGIN_X, c.y - 26.0, &line, Weight::Bold, 26.0, INK);
        c.y -= 32.0;
    }
    c.end();
    if let Some(client) = &data.client {
        c.text(
            MARGIN_X,
            c.y - 13.0,
            &format!("for {client}"),
            Weight::Regular,
            13.0,
            MUTED,
        );
        c.y -= 22.0;
    }

    // The verdict panel.
    c.y -= 26.0;
    let verdict = data.readiness.verdict;
    let colour = verdict_colour(verdict);
    let reasons: Vec<Vec<String>> = data
        .readiness
        .reasons
        .iter()
        .map(|r| {
            c.fonts
                .wrap(&r.message, Weight::Regular, 10.0, CONTENT_W - 58.0)
        })
        .collect();
    let reason_lines: usize = reasons.iter().map(Vec::len).sum::<usize>().max(1);
    let panel_h = 92.0 + reason_lines as f32 * 14.0 + reasons.len() as f32 * 4.0;
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
        panel_top - 22.0,
        "VERDICT",
        Weight::Bold,
        SIZE_SMALL,
        MUTED,
    );
    icon::draw(
        c,
        Icon::Verdict(verdict),
        MARGIN_X + 40.0,
        panel_top - 50.0,
        13.0,
    );
    c.text(
        MARGIN_X + 62.0,
        panel_top - 61.0,
        verdict.label(),
        Weight::Bold,
        32.0,
        colour,
    );
    c.y = panel_top - 84.0;
    if reasons.is_empty() {
        c.text(
            MARGIN_X + 24.0,
            c.y - 10.0,
            "Every blocking task is closed, nothing is overdue and no waiver is open.",
            Weight::Regular,
            10.0,
            INK,
        );
        c.y -= 14.0;
    }
    if !reasons.is_empty() {
        c.begin(Role::L);
    }
    for lines in &reasons {
        c.begin(Role::LI);
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                c.begin(Role::Lbl);
                c.text(MARGIN_X + 24.0, c.y - 10.0, "•", Weight::Bold, 10.0, colour);
                c.end();
                c.begin(Role::LBody);
            }
            c.text(
                MARGIN_X + 36.0,
                c.y - 10.0,
                line,
                Weight::Regular,
                10.0,
                INK,
            );
            c.y -= 14.0;
        }
        c.end();
        c.end();
        c.y -= 4.0;
    }
    if !reasons.is_empty() {
        c.end();
    }
    c.y = panel_top - panel_h - 30.0;

    // Key facts.
    let launch = &data.launch;
    let counts = &data.readiness.counts;
    let facts = [
        (
            "Launch",
            format!(
                "{}, {} {} ({})",
                day(launch.date()),
                launch.local.format("%H:%M"),
                launch.zone.name(),
                relative(launch.date(), data.snapshot.today)
            ),
        ),
        (
            "Progress",
            format!(
                "{} of {} tasks closed · {} blocking open · {} overdue",
                counts.done + counts.not_applicable,
                counts.total,
                counts.blocking_open,
                counts.overdue
            ),
        ),
        (
            "Checklist",
            format!("{} (version {})", data.template.name, data.template.version),
        ),
        ("Generated", moment(data.generated_at, data)),
        ("Issued by", data.issued_by.clone()),
        ("Report ID", data.report_id.clone()),
    ];
    for (label, value) in facts {
        let lines = c
            .fonts
            .wrap(&value, Weight::Regular, 10.5, CONTENT_W - 110.0);
        c.text(MARGIN_X, c.y - 10.5, label, Weight::Bold, SIZE_BODY, MUTED);
        for line in lines {
            c.text(
                MARGIN_X + 110.0,
                c.y - 10.5,
                &line,
                Weight::Regular,
                10.5,
                INK,
            );
            c.y -= 15.0;
        }
        c.y -= 5.0;
        c.line(
            (MARGIN_X, c.y + 2.0),
            (MARGIN_X + CONTENT_W, c.y + 2.0),
            RULE.tint(0.4),
            0.4,
            false,
        );
        c.y -= 4.0;
    }

    let note = "This report is sealed. The data it shows is embedded as report-data.json with its \
                SHA-256 and the consultant's signature, and the file carries a PDF digital \
                signature. Any change after export shows in a PDF viewer's signature panel and in \
                `golive verify`.";
    c.y = CONTENT_BOTTOM + 52.0;
    c.paragraph(note, Weight::Regular, SIZE_SMALL, MUTED, 0.0);
}
