//! The report's sections, in reading order, and the wording they share (dates, counts).
//!
//! Each section draws onto the [`Canvas`]; none of them knows about PDF files, seals or
//! signatures.

mod cover;
mod evidence;
mod executive;
mod markdown;
mod risks;
mod runbook;
mod signoff;
mod summary;
mod tasks;
mod toc;

use chrono::{DateTime, NaiveDate, Utc};
use printpdf::{Actions, Op};

use super::data::ReportData;
use super::page::{Anchor, Canvas, goto};

pub use toc::Contents;

/// The numbered sections in reading order. Numbers are counted here, not written in each
/// section, because the runbook is there only when the plan has steps and every section
/// after it moves up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Summary,
    Risks,
    Timeline,
    Tasks,
    Evidence,
    Probes,
    Runbook,
    SignOff,
}

impl Section {
    const ORDER: [Section; 8] = [
        Section::Summary,
        Section::Risks,
        Section::Timeline,
        Section::Tasks,
        Section::Evidence,
        Section::Probes,
        Section::Runbook,
        Section::SignOff,
    ];

    fn present(self, data: &ReportData) -> bool {
        self != Section::Runbook || data.runbook.is_some()
    }

    /// How many numbered sections this report has.
    pub fn in_report(data: &ReportData) -> usize {
        Section::ORDER.iter().filter(|s| s.present(data)).count()
    }

    /// The section's number in this report.
    pub fn number(self, data: &ReportData) -> usize {
        Section::ORDER
            .iter()
            .filter(|s| s.present(data))
            .position(|s| *s == self)
            .map_or(0, |i| i + 1)
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Summary => "Summary",
            Section::Risks => "Risk register",
            Section::Timeline => "Timeline",
            Section::Tasks => "Tasks by phase and area",
            Section::Evidence => "Evidence",
            Section::Probes => "Probe results",
            Section::Runbook => "Go-live day runbook",
            Section::SignOff => "Sign-off",
        }
    }

    /// "4  Tasks by phase and area", as the heading and the contents show it.
    pub fn heading(self, data: &ReportData) -> String {
        format!("{}  {}", self.number(data), self.title())
    }
}

/// Draws every section; returns the contents page to fill in once page numbers are known.
pub fn draw_all(c: &mut Canvas, data: &ReportData) -> Contents {
    cover::draw(c, data);
    c.new_page();
    let contents = Contents::reserve(c, data);
    summary::draw(c, data);
    risks::draw(c, data);
    summary::timeline(c, data);
    tasks::draw(c, data);
    evidence::draw(c, data);
    evidence::probes(c, data);
    runbook::draw(c, data);
    signoff::draw(c, data);
    contents
}

/// Turns the links to places in this report ("#evidence:CLO-05", drawn as URI links before
/// the target's page was known) into links to that anchor's page and height. Ops are only
/// changed, never removed, so the structure tree's references to them stay whole.
pub fn resolve_internal_links(pages: &mut [Vec<Op>], anchors: &[Anchor]) {
    for op in pages.iter_mut().flatten() {
        let Op::LinkAnnotation { link } = op else {
            continue;
        };
        let Actions::Uri(uri) = &link.actions else {
            continue;
        };
        let Some(name) = uri.strip_prefix('#') else {
            continue;
        };
        if let Some(a) = anchors.iter().find(|a| a.title == name) {
            link.actions = goto(a.page, a.top);
        }
    }
}

/// "Mon 7 Jun 2027".
pub fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// "Fri 26 Feb", for tables where the year is clear from the plan.
pub fn day_short(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// "in 12 days", "today", "3 days ago".
pub fn relative(d: NaiveDate, today: NaiveDate) -> String {
    match (d - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// An instant in the plan's zone, labelled with the zone.
pub fn moment(at: DateTime<Utc>, data: &ReportData) -> String {
    let local = at.with_timezone(&data.launch.zone);
    format!(
        "{} {}",
        local.format("%a %-d %b %Y, %H:%M"),
        data.launch.zone.name()
    )
}

/// "3 Mar 2027 14:05" in the plan's zone, for dense tables.
pub fn moment_short(at: DateTime<Utc>, data: &ReportData) -> String {
    at.with_timezone(&data.launch.zone)
        .format("%-d %b %Y %H:%M")
        .to_string()
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::Section;

    #[test]
    fn sections_after_a_missing_runbook_move_up() {
        let mut data = crate::report::sample_data(10, 1).unwrap();
        assert!(data.runbook.is_some());
        assert_eq!(Section::SignOff.number(&data), 8);
        assert_eq!(Section::Runbook.heading(&data), "7  Go-live day runbook");
        data.runbook = None;
        assert_eq!(Section::SignOff.heading(&data), "7  Sign-off");
        assert_eq!(Section::Tasks.number(&data), 4);
    }
}
