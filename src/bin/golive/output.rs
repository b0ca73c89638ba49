//! Human output: aligned tables, dates in words, colour only on a terminal.
//!
//! Everything is written through `anstream`, which drops the colour codes when stdout is
//! not a terminal (pipes, files, tests) or `NO_COLOR` is set.

use std::fmt::Write as _;
use std::io::Write as _;

use anstyle::{AnsiColor, Style};
use chrono::{Datelike, NaiveDate};
use golive::plan::{Status, Verdict};

pub const BOLD: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();
pub const RED: Style = AnsiColor::Red.on_default();
pub const GREEN: Style = AnsiColor::Green.on_default();
pub const AMBER: Style = AnsiColor::Yellow.on_default();
pub const BLUE: Style = AnsiColor::Blue.on_default();

/// A cell: its text and the style it is shown in.
pub struct Cell {
    text: String,
    style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: Style::new(),
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Cell {
        Cell::new(text)
    }
}

/// Columns padded to their widest cell; styles are applied after padding so escape codes
/// never shift the alignment.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.text.chars().count());
            }
        }
        let mut out = String::new();
        let line = |out: &mut String, cells: Vec<(&str, Style)>| {
            let last = cells.len().saturating_sub(1);
            for (i, (text, style)) in cells.into_iter().enumerate() {
                let pad = if i == last {
                    0
                } else {
                    widths[i] - text.chars().count() + 2
                };
                let _ = write!(out, "{style}{text}{style:#}{:pad$}", "");
            }
            out.push('\n');
        };
        line(
            &mut out,
            self.header.iter().map(|h| (h.as_str(), BOLD)).collect(),
        );
        for row in &self.rows {
            line(
                &mut out,
                row.iter().map(|c| (c.text.as_str(), c.style)).collect(),
            );
        }
        out
    }
}

/// Writes to stdout, stripping colour where it does not belong.
pub fn print(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

pub fn styled(text: &str, style: Style) -> String {
    format!("{style}{text}{style:#}")
}

/// "Fri 26 Feb 2027".
pub fn date(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// "Fri 26 Feb (in 12 days)", "Mon 1 Mar (3 days ago)", "today".
pub fn relative(d: NaiveDate, today: NaiveDate) -> String {
    let days = (d - today).num_days();
    let when = match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    };
    let shown = if d.year() == today.year() {
        d.format("%a %-d %b").to_string()
    } else {
        d.format("%a %-d %b %Y").to_string()
    };
    format!("{shown} ({when})")
}

pub fn status_style(status: Status) -> Style {
    match status {
        Status::Todo => Style::new(),
        Status::InProgress => BLUE,
        Status::Done => GREEN,
        Status::Blocked => RED,
        Status::NotApplicable => DIM,
    }
}

pub fn verdict_style(verdict: Verdict) -> Style {
    match verdict {
        Verdict::Ready => GREEN.bold(),
        Verdict::ReadyWithRisks => AMBER.bold(),
        Verdict::NotReady => RED.bold(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_on_visible_width() {
        let mut t = Table::new(&["ID", "Title"]);
        t.row(vec![Cell::styled("GEN-01", RED), "Share".into()]);
        t.row(vec!["TR-1".into(), "Train".into()]);
        let plain = anstream::adapter::strip_str(&t.render()).to_string();
        assert_eq!(plain, "ID      Title\nGEN-01  Share\nTR-1    Train\n");
    }

    #[test]
    fn relative_dates_read_like_speech() {
        let today: NaiveDate = "2027-02-14".parse().unwrap();
        assert_eq!(
            relative("2027-02-26".parse().unwrap(), today),
            "Fri 26 Feb (in 12 days)"
        );
        assert_eq!(relative(today, today), "Sun 14 Feb (today)");
        assert_eq!(
            relative("2026-12-31".parse().unwrap(), today),
            "Thu 31 Dec 2026 (45 days ago)"
        );
    }
}
