//! The table of contents on page 2: reserved before the sections are drawn, filled in once
//! their page numbers are known, each entry a link to its heading.

use super::super::data::ReportData;
use super::super::page::{Canvas, goto, link_op, text_ops};
use super::super::structure::{ElemId, Role};
use super::super::style::*;
use super::super::text::Weight;
use super::Section;
use crate::catalog::Phase;

const LINE: f32 = 16.0;

/// The reserved contents area.
pub struct Contents {
    /// The `TOC` element the entries are added to once known.
    element: ElemId,
    page: usize,
    top: f32,
    slots: usize,
}

impl Contents {
    /// Draws the "Contents" heading and leaves room for every top- and second-level heading.
    pub fn reserve(c: &mut Canvas, data: &ReportData) -> Contents {
        let phases = Phase::ALL
            .iter()
            .filter(|p| data.snapshot.items.iter().any(|v| v.task.phase == **p))
            .count();
        let retired = usize::from(!data.retired.is_empty());
        let slots = Section::in_report(data) + phases + retired;
        c.begin(Role::H1);
        c.text(
            MARGIN_X,
            c.y - SIZE_H2,
            "Contents",
            Weight::Bold,
            SIZE_H2,
            INK,
        );
        c.end();
        c.y -= SIZE_H2 * 1.8;
        let element = c.begin(Role::Toc);
        c.end();
        let contents = Contents {
            element,
            page: c.page_number(),
            top: c.y,
            slots,
        };
        c.y -= slots as f32 * LINE + 16.0;
        contents
    }

    /// Writes the entries with dotted leaders, page numbers and links.
    pub fn fill(&self, c: &mut Canvas) {
        let fonts = c.fonts;
        let mut y = self.top;
        let entries: Vec<_> = c
            .anchors
            .iter()
            .filter(|a| a.level <= 2)
            .take(self.slots)
            .cloned()
            .collect();
        for a in entries {
            let (indent, weight, size) = if a.level == 1 {
                (0.0, Weight::Bold, 10.0)
            } else {
                (16.0, Weight::Regular, 9.5)
            };
            let baseline = y - size;
            let mut ops = text_ops(
                fonts,
                MARGIN_X + indent,
                baseline,
                &a.title,
                weight,
                size,
                INK,
            );
            let number = a.page.to_string();
            let nw = fonts.width(&number, weight, size);
            ops.extend(text_ops(
                fonts,
                PAGE_W - MARGIN_X - nw,
                baseline,
                &number,
                weight,
                size,
                INK,
            ));
            let start = MARGIN_X + indent + fonts.width(&a.title, weight, size) + 6.0;
            let end = PAGE_W - MARGIN_X - nw - 6.0;
            let dot = fonts.width(". ", Weight::Regular, size);
            // The leader dots are decoration: an artifact, faint on purpose.
            let mut leader = Vec::new();
            if end > start {
                let count = ((end - start) / dot).floor() as usize;
                let dots = ". ".repeat(count);
                leader.extend(text_ops(
                    fonts,
                    end - count as f32 * dot,
                    baseline,
                    &dots,
                    Weight::Regular,
                    size,
                    FAINT,
                ));
            }
            ops.push(link_op(
                MARGIN_X,
                baseline - 4.0,
                CONTENT_W,
                LINE,
                goto(a.page, a.top),
            ));
            let entry = c.add_element(self.element, Role::Toci);
            let link = c.add_element(entry, Role::Link);
            c.on_page(self.page, Some(link), ops);
            c.on_page(self.page, None, leader);
            y -= LINE;
        }
    }
}
