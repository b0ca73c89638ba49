//! The sign-off page: a form per stakeholder that works on screen and on paper.

use super::super::data::{Decision, ReportData, SignOff};
use super::super::icon::{self, Icon};
use super::super::page::Canvas;
use super::super::style::*;
use super::super::text::Weight;
use super::{Section, day, moment};
use crate::plan::Outcome;

const FORM_H: f32 = 172.0;

fn field(c: &mut Canvas, x: f32, top: f32, w: f32, label: &str, value: &str) {
    c.text(x, top - SIZE_SMALL, label, Weight::Bold, SIZE_SMALL, MUTED);
    let value = c.fonts.truncate(value, Weight::Regular, 10.0, w - 6.0);
    c.text(x, top - 22.0, &value, Weight::Regular, 10.0, INK);
    c.line(
        (x, top - 26.0),
        (x + w - 10.0, top - 26.0),
        FAINT,
        0.5,
        false,
    );
}

/// The tasks a decision's conditions became, as this report shows them: "X-01 HSTS live —
/// Ana Lopez · due Fri 4 Jun · To do". A task the plan no longer has is left out.
pub(super) fn condition_lines(data: &ReportData, s: &SignOff) -> Vec<String> {
    s.condition_tasks
        .iter()
        .filter_map(|id| data.snapshot.items.iter().find(|v| &v.task.id == id))
        .map(|v| {
            format!(
                "{} {} — {} · due {} · {}",
                v.task.id,
                v.task.title,
                v.item.owner.as_deref().unwrap_or("no owner"),
                day(v.due),
                v.item.status.label()
            )
        })
        .collect()
}

fn form(c: &mut Canvas, data: &ReportData, s: Option<&SignOff>) {
    c.ensure(FORM_H + 12.0);
    let top = c.y;
    let x = MARGIN_X;
    c.stroke_rect(x, top - FORM_H, CONTENT_W, FORM_H, RULE, 0.8);
    let inner = x + 12.0;
    let w = CONTENT_W - 24.0;
    let name = s.map(|s| s.name.as_str()).unwrap_or("");
    let role = s.map(|s| s.role.as_str()).unwrap_or("");
    let email = s.and_then(|s| s.email.as_deref()).unwrap_or("");
    field(c, inner, top - 10.0, w * 0.36, "Name", name);
    field(c, inner + w * 0.36, top - 10.0, w * 0.28, "Role", role);
    field(c, inner + w * 0.64, top - 10.0, w * 0.36, "E-mail", email);

    let y = top - 46.0;
    c.text(
        inner,
        y - SIZE_SMALL,
        "Decision",
        Weight::Bold,
        SIZE_SMALL,
        MUTED,
    );
    let chosen = s.and_then(|s| s.decision);
    let mut bx = inner;
    for d in Decision::ALL {
        let by = y - 24.0;
        c.stroke_rect(bx, by, 10.0, 10.0, INK, 0.8);
        if chosen == Some(d) {
            c.polyline(
                &[
                    (bx + 2.0, by + 5.0),
                    (bx + 4.3, by + 2.3),
                    (bx + 8.5, by + 8.5),
                ],
                INK,
                1.5,
            );
        }
        let weight = if chosen == Some(d) {
            Weight::Bold
        } else {
            Weight::Regular
        };
        let colour = if chosen == Some(d) {
            decision_colour(d)
        } else {
            INK
        };
        if chosen == Some(d) {
            icon::draw(c, Icon::Decision(d), bx + 19.0, by + 5.0, 4.5);
            c.text(bx + 27.0, by + 1.5, d.label(), weight, 10.0, colour);
            bx += 27.0 + c.fonts.width(d.label(), weight, 10.0) + 26.0;
        } else {
            c.text(bx + 15.0, by + 1.5, d.label(), weight, 10.0, colour);
            bx += 15.0 + c.fonts.width(d.label(), weight, 10.0) + 26.0;
        }
    }
    let date = s.and_then(|s| s.decided_on).map(day).unwrap_or_default();
    field(c, inner + w * 0.64, y, w * 0.36, "Date", &date);

    let y = y - 34.0;
    let reason_label = match chosen {
        Some(Decision::NoGo) => "Reason",
        Some(Decision::GoWithConditions) => "Conditions",
        _ => "Conditions (Go with conditions) or reason (No-Go)",
    };
    c.text(
        inner,
        y - SIZE_SMALL,
        reason_label,
        Weight::Bold,
        SIZE_SMALL,
        MUTED,
    );
    let conditions = s.and_then(|s| s.conditions.as_deref()).unwrap_or("");
    let lines = c.fonts.wrap(conditions, Weight::Regular, 9.5, w - 4.0);
    for n in 0..3 {
        let base = y - 20.0 - n as f32 * 13.0;
        if let Some(line) = lines.get(n) {
            let line = if n == 2 && lines.len() > 3 {
                format!("{line} …")
            } else {
                line.clone()
            };
            c.text(inner, base, &line, Weight::Regular, 9.5, INK);
        }
        c.line(
            (inner, base - 3.5),
            (inner + w, base - 3.5),
            RULE,
            0.5,
            false,
        );
    }

    let y = y - 58.0;
    let fingerprint = s.and_then(SignOff::fingerprint).unwrap_or_default();
    c.text(
        inner,
        y - SIZE_SMALL,
        "Decision fingerprint (SHA-256)",
        Weight::Bold,
        SIZE_SMALL,
        MUTED,
    );
    let fp = if fingerprint.is_empty() {
        String::new()
    } else {
        fingerprint
    };
    c.text(inner, y - 20.0, &fp, Weight::Regular, 7.2, INK);
    c.line(
        (inner, y - 24.0),
        (inner + w * 0.62, y - 24.0),
        FAINT,
        0.5,
        false,
    );
    c.text(
        inner + w * 0.66,
        y - SIZE_SMALL,
        "Signature",
        Weight::Bold,
        SIZE_SMALL,
        MUTED,
    );
    c.line(
        (inner + w * 0.66, y - 24.0),
        (inner + w, y - 24.0),
        FAINT,
        0.5,
        false,
    );
    c.y = top - FORM_H - 4.0;
    if let (Some(id), Some(sha)) = (
        s.and_then(|s| s.report_id.as_deref()),
        s.and_then(|s| s.report_sha256.as_deref()),
    ) {
        c.paragraph(
            &format!("Decided on report {id} (sealed data SHA-256 {sha})."),
            Weight::Regular,
            SIZE_SMALL,
            MUTED,
            0.0,
        );
    }
    let conditions = s.map(|s| condition_lines(data, s)).unwrap_or_default();
    if !conditions.is_empty() {
        c.paragraph(
            "Its conditions are tasks of the plan, each owned and due as the stakeholder set them:",
            Weight::Regular,
            SIZE_SMALL,
            INK,
            0.0,
        );
        for line in &conditions {
            c.paragraph(&format!("• {line}"), Weight::Regular, SIZE_SMALL, INK, 8.0);
        }
    }
    // A decision counts for the state it was made on; say when the plan has moved since.
    if let Some(changes) = s
        .and_then(|s| s.changed_since.as_ref())
        .filter(|c| !c.is_empty())
    {
        const SHOWN: usize = 6;
        let shown: Vec<&str> = changes.iter().take(SHOWN).map(String::as_str).collect();
        let mut text = format!(
            "Made on an earlier state of the plan — re-confirm. Since then: {}",
            shown.join("; ")
        );
        if changes.len() > SHOWN {
            text.push_str(&format!("; and {} more", changes.len() - SHOWN));
        }
        c.paragraph(&format!("{text}."), Weight::Bold, SIZE_SMALL, RED, 0.0);
    }
    c.y -= 10.0;
}

pub fn draw(c: &mut Canvas, data: &ReportData) {
    c.new_page();
    c.heading(&Section::SignOff.heading(data), 1);
    c.paragraph(
        &format!(
            "Each stakeholder records a decision on the go-live of {} as shown in this report \
             (verdict: {}). Go with conditions needs the conditions written out, No-Go its reason. A stakeholder \
             can also countersign this file digitally (golive report countersign), which keeps \
             the earlier signatures valid.",
            data.plan_name,
            data.readiness.verdict.label()
        ),
        Weight::Regular,
        SIZE_BODY,
        INK,
        0.0,
    );
    let mut issuer = format!(
        "Issued by {} on {}.",
        data.issued_by,
        moment(data.generated_at, data)
    );
    if let Some(fp) = &data.seal_key_fingerprint {
        issuer.push_str(&format!(" Seal key fingerprint (SHA-256): {fp}."));
    }
    c.paragraph(&issuer, Weight::Regular, SIZE_SMALL, MUTED, 0.0);
    // Whether a signing time can be trusted depends on who vouches for it; say so where the
    // stakeholders sign.
    let clock = match &data.timestamp_authority {
        Some(url) => format!("Signing times are certified by {url}."),
        None => "Signing times are the signer's own clock (no timestamp authority set).".into(),
    };
    c.paragraph(&clock, Weight::Regular, SIZE_SMALL, MUTED, 0.0);
    let outcome = Outcome::of(&data.signoffs.iter().map(|s| s.decision).collect::<Vec<_>>());
    let stale = data
        .signoffs
        .iter()
        .filter(|s| s.changed_since.as_ref().is_some_and(|c| !c.is_empty()))
        .count();
    let mut line = format!("Sign-off outcome: {}.", outcome.label());
    if stale > 0 {
        let decided = data
            .signoffs
            .iter()
            .filter(|s| s.decision.is_some())
            .count();
        line.push_str(&format!(
            " {stale} of {decided} decisions {} made on an earlier state of the plan.",
            if stale == 1 { "was" } else { "were" }
        ));
    }
    c.paragraph(&line, Weight::Bold, SIZE_BODY, INK, 0.0);
    c.y -= 8.0;
    if data.signoffs.is_empty() {
        form(c, data, None);
        form(c, data, None);
    } else {
        for s in &data.signoffs {
            form(c, data, Some(s));
        }
    }
}
