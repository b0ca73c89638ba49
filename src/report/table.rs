//! Tables that flow across pages: wrapped cells, a header repeated on every page, zebra rows,
//! and rows kept whole unless a single row is taller than a page.

use super::icon::{self, Icon};
use super::page::Canvas;
use super::structure::Role;
use super::style::*;
use super::text::Weight;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column: its header and width in points.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub const fn left(title: &'static str, width: f32) -> Column {
        Column {
            title,
            width,
            align: Align::Left,
        }
    }
    pub const fn right(title: &'static str, width: f32) -> Column {
        Column {
            title,
            width,
            align: Align::Right,
        }
    }
}

/// One table cell: text with optional weight, colour, leading icon and link target.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub weight: Weight,
    pub colour: Rgb8,
    pub icon: Option<Icon>,
    pub link: Option<String>,
    /// A quieter last line (e.g. "Blocks go-live", "by Alice").
    pub note: Option<(String, Rgb8)>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            weight: Weight::Regular,
            colour: INK,
            icon: None,
            link: None,
            note: None,
        }
    }
    pub fn note(mut self, text: impl Into<String>, colour: Rgb8) -> Cell {
        self.note = Some((text.into(), colour));
        self
    }
    pub fn bold(mut self) -> Cell {
        self.weight = Weight::Bold;
        self
    }
    pub fn colour(mut self, colour: Rgb8) -> Cell {
        self.colour = colour;
        self
    }
    pub fn icon(mut self, icon: Icon) -> Cell {
        self.icon = Some(icon);
        self
    }
    pub fn link(mut self, uri: impl Into<String>) -> Cell {
        self.link = Some(uri.into());
        self.colour = ACCENT;
        self
    }
}

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.6;
const ICON_W: f32 = 10.0;

fn leading(size: f32) -> f32 {
    size * 1.38
}

fn header_height() -> f32 {
    leading(SIZE_SMALL) + 2.0 * PAD_Y
}

/// The header row; tagged as the table's header cells the first time, an artifact when it
/// repeats on a continuation page.
fn draw_header(c: &mut Canvas, columns: &[Column], repeated: bool) {
    if repeated {
        c.artifact(|c| header_row(c, columns, false));
    } else {
        c.begin(Role::TR);
        header_row(c, columns, true);
        c.end();
    }
}

fn header_row(c: &mut Canvas, columns: &[Column], tagged: bool) {
    let h = header_height();
    let total: f32 = columns.iter().map(|col| col.width).sum();
    c.fill_rect(MARGIN_X, c.y - h, total, h, HEADER_BG);
    let mut x = MARGIN_X;
    let baseline = c.y - PAD_Y - SIZE_SMALL;
    for col in columns {
        if tagged {
            c.begin(Role::TH);
        }
        match col.align {
            Align::Left => c.text(
                x + PAD_X,
                baseline,
                col.title,
                Weight::Bold,
                SIZE_SMALL,
                MUTED,
            ),
            Align::Right => c.text_right(
                x + col.width - PAD_X,
                baseline,
                col.title,
                Weight::Bold,
                SIZE_SMALL,
                MUTED,
            ),
        }
        if tagged {
            c.end();
        }
        x += col.width;
    }
    c.y -= h;
}

/// Draws a table at the cursor, starting new pages (with the header again) as needed.
pub fn draw(c: &mut Canvas, columns: &[Column], rows: &[Vec<Cell>]) {
    let size = SIZE_BODY;
    let lh = leading(size);
    let total: f32 = columns.iter().map(|col| col.width).sum();
    // Keep the header with at least one line of the first row.
    c.ensure(header_height() + lh + 2.0 * PAD_Y);
    c.begin(Role::Table);
    draw_header(c, columns, false);
    for (index, row) in rows.iter().enumerate() {
        c.begin(Role::TR);
        let lines: Vec<Vec<String>> = row
            .iter()
            .zip(columns)
            .map(|(cell, col)| {
                let icon = if cell.icon.is_some() { ICON_W } else { 0.0 };
                let max = col.width - 2.0 * PAD_X - icon;
                let mut lines = c.fonts.wrap(&cell.text, cell.weight, size, max);
                if let Some((note, _)) = &cell.note {
                    lines.extend(c.fonts.wrap(note, Weight::Regular, SIZE_SMALL, max));
                }
                lines
            })
            .collect();
        let count = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        // One cell element per column, even when the row breaks across pages.
        let tr = c.innermost_element();
        let cells: Vec<_> = row.iter().map(|_| c.add_element(tr, Role::TD)).collect();
        let mut start = 0;
        while start < count {
            let full_page = CONTENT_TOP - CONTENT_BOTTOM - header_height();
            let wanted = (count - start) as f32 * lh + 2.0 * PAD_Y;
            if wanted > c.room() && (wanted <= full_page || c.room() < lh * 3.0 + 2.0 * PAD_Y) {
                c.new_page();
                draw_header(c, columns, true);
            }
            let fit = (((c.room() - 2.0 * PAD_Y) / lh).floor() as usize).max(1);
            let end = count.min(start + fit);
            let h = (end - start) as f32 * lh + 2.0 * PAD_Y;
            if index % 2 == 1 {
                c.fill_rect(MARGIN_X, c.y - h, total, h, ZEBRA);
            }
            let mut x = MARGIN_X;
            for (((cell, col), cell_lines), &td) in row.iter().zip(columns).zip(&lines).zip(&cells)
            {
                c.resume(td);
                // A linked cell's words and its link annotations are one Link element.
                if cell.link.is_some() {
                    c.begin(Role::Link);
                }
                let main_lines = cell_lines.len()
                    - cell.note.as_ref().map_or(0, |(note, _)| {
                        let max = col.width
                            - 2.0 * PAD_X
                            - if cell.icon.is_some() { ICON_W } else { 0.0 };
                        c.fonts.wrap(note, Weight::Regular, SIZE_SMALL, max).len()
                    });
                let mut tx = x + PAD_X;
                if let (Some(i), 0) = (cell.icon, start) {
                    icon::draw(c, i, tx + 3.6, c.y - PAD_Y - size * 0.38 - 1.0, 3.6);
                    tx += ICON_W;
                }
                for (n, line) in cell_lines.iter().enumerate().take(end).skip(start) {
                    let baseline = c.y - PAD_Y - size - (n - start) as f32 * lh + 1.0;
                    if n >= main_lines {
                        let colour = cell.note.as_ref().map_or(MUTED, |(_, colour)| *colour);
                        c.text(tx, baseline, line, Weight::Regular, SIZE_SMALL, colour);
                        continue;
                    }
                    match col.align {
                        Align::Left => c.text(tx, baseline, line, cell.weight, size, cell.colour),
                        Align::Right => c.text_right(
                            x + col.width - PAD_X,
                            baseline,
                            line,
                            cell.weight,
                            size,
                            cell.colour,
                        ),
                    }
                    if let Some(uri) = &cell.link {
                        let w = c.fonts.width(line, cell.weight, size);
                        let lx = match col.align {
                            Align::Left => tx,
                            Align::Right => x + col.width - PAD_X - w,
                        };
                        c.link_uri(lx, baseline - 2.0, w, lh, uri);
                    }
                }
                if cell.link.is_some() {
                    c.end();
                }
                c.end();
                x += col.width;
            }
            c.y -= h;
            start = end;
        }
        c.end();
    }
    c.end();
    c.line((MARGIN_X, c.y), (MARGIN_X + total, c.y), RULE, 0.6, false);
    c.y -= 10.0;
}
