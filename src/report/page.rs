//! The page canvas: A4 pages as printpdf op lists, a flowing cursor, drawing primitives,
//! and the running header and "Page X of Y" footer added once all pages exist.
//!
//! It knows nothing about plans; sections ([`super::sections`]) decide what to draw.

use printpdf::{
    Actions, BorderArray, ColorArray, Destination, HighlightingMode, Line, LineDashPattern,
    LinePoint, LinkAnnotation, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rect,
    TextItem, WindingOrder,
};

use super::style::*;
use super::text::{Fonts, Weight};

/// A heading that the table of contents and the PDF outline point to.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub title: String,
    pub level: u8,
    /// 1-based page number.
    pub page: usize,
    /// Top of the heading, in points from the page bottom.
    pub top: f32,
}

/// Pages under construction and the flowing cursor.
pub struct Canvas<'f> {
    pub fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// The cursor: the top of the next block, in points from the page bottom.
    pub y: f32,
    pub anchors: Vec<Anchor>,
}

impl<'f> Canvas<'f> {
    pub fn new(fonts: &'f Fonts) -> Canvas<'f> {
        Canvas {
            fonts,
            pages: vec![Vec::new()],
            y: CONTENT_TOP,
            anchors: Vec::new(),
        }
    }

    /// 1-based number of the page being drawn.
    pub fn page_number(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = CONTENT_TOP;
    }

    /// Room left on this page below the cursor.
    pub fn room(&self) -> f32 {
        self.y - CONTENT_BOTTOM
    }

    /// Starts a new page unless `height` still fits below the cursor.
    pub fn ensure(&mut self, height: f32) {
        if height > self.room() && self.y < CONTENT_TOP {
            self.new_page();
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        // `pages` starts with one page and only grows.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Draws ops on an earlier page (the table of contents is filled in last).
    pub fn on_page(&mut self, page: usize, ops: Vec<Op>) {
        if let Some(p) = self.pages.get_mut(page.saturating_sub(1)) {
            p.extend(ops);
        }
    }

    pub fn into_pages(self) -> Vec<Vec<Op>> {
        self.pages
    }

    pub fn text(
        &mut self,
        x: f32,
        baseline: f32,
        text: &str,
        weight: Weight,
        size: f32,
        colour: Rgb8,
    ) {
        let ops = text_ops(self.fonts, x, baseline, text, weight, size, colour);
        self.ops().extend(ops);
    }

    /// Text whose right edge is at `right`.
    pub fn text_right(
        &mut self,
        right: f32,
        baseline: f32,
        text: &str,
        weight: Weight,
        size: f32,
        colour: Rgb8,
    ) {
        let w = self.fonts.width(text, weight, size);
        self.text(right - w, baseline, text, weight, size, colour);
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Rgb8) {
        self.ops().extend(fill_rect_ops(x, y, w, h, colour));
    }

    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Rgb8, width: f32) {
        let ops = vec![
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: colour.pdf() },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(y),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(PaintMode::Stroke),
                    winding_order: Some(WindingOrder::NonZero),
                },
            },
            Op::RestoreGraphicsState,
        ];
        self.ops().extend(ops);
    }

    pub fn line(
        &mut self,
        from: (f32, f32),
        to: (f32, f32),
        colour: Rgb8,
        width: f32,
        dashed: bool,
    ) {
        self.ops().extend(line_ops(from, to, colour, width, dashed));
    }

    /// A filled polygon (icons, markers).
    pub fn polygon(&mut self, points: &[(f32, f32)], colour: Rgb8) {
        let ring = PolygonRing {
            points: line_points(points),
        };
        let ops = vec![
            Op::SaveGraphicsState,
            Op::SetFillColor { col: colour.pdf() },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![ring],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
            Op::RestoreGraphicsState,
        ];
        self.ops().extend(ops);
    }

    /// A closed outline (rings, checkboxes).
    pub fn outline(&mut self, points: &[(f32, f32)], colour: Rgb8, width: f32) {
        self.stroke(points, colour, width, true);
    }

    /// An open polyline (check marks).
    pub fn polyline(&mut self, points: &[(f32, f32)], colour: Rgb8, width: f32) {
        self.stroke(points, colour, width, false);
    }

    fn stroke(&mut self, points: &[(f32, f32)], colour: Rgb8, width: f32, is_closed: bool) {
        let ops = vec![
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: colour.pdf() },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: line_points(points),
                    is_closed,
                },
            },
            Op::RestoreGraphicsState,
        ];
        self.ops().extend(ops);
    }

    /// A clickable area that opens `uri`.
    pub fn link_uri(&mut self, x: f32, y: f32, w: f32, h: f32, uri: &str) {
        let op = link_op(x, y, w, h, Actions::Uri(uri.to_string()));
        self.ops().push(op);
    }

    /// Records a heading for the contents and the outline at the cursor.
    pub fn anchor(&mut self, title: &str, level: u8) {
        let page = self.page_number();
        self.anchors.push(Anchor {
            title: title.to_string(),
            level,
            page,
            top: self.y + 12.0,
        });
    }

    /// Writes wrapped text at the cursor and moves it down.
    pub fn paragraph(&mut self, text: &str, weight: Weight, size: f32, colour: Rgb8, indent: f32) {
        let leading = size * 1.4;
        for line in self.fonts.wrap(text, weight, size, CONTENT_W - indent) {
            self.ensure(leading);
            self.text(
                MARGIN_X + indent,
                self.y - size,
                &line,
                weight,
                size,
                colour,
            );
            self.y -= leading;
        }
    }

    /// A numbered section heading that starts a fresh page when little room is left.
    pub fn heading(&mut self, title: &str, level: u8) {
        let (size, before, min_room) = match level {
            1 => (SIZE_H1, 22.0, 260.0),
            2 => (SIZE_H2, 14.0, 120.0),
            _ => (SIZE_H3, 10.0, 80.0),
        };
        self.ensure(min_room);
        if self.y < CONTENT_TOP {
            self.y -= before;
        }
        self.anchor(title, level);
        let colour = if level == 1 { ACCENT } else { INK };
        self.text(MARGIN_X, self.y - size, title, Weight::Bold, size, colour);
        self.y -= size * 1.5;
        if level == 1 {
            self.line(
                (MARGIN_X, self.y + 4.0),
                (MARGIN_X + CONTENT_W, self.y + 4.0),
                ACCENT,
                0.8,
                false,
            );
            self.y -= 10.0;
        }
    }

    /// Adds the running header (from page 2 on) and the footer to every page.
    pub fn finish(&mut self, header_left: &str, header_right: &str, footer_left: &str) {
        let total = self.pages.len();
        let fonts = self.fonts;
        for (i, ops) in self.pages.iter_mut().enumerate() {
            let number = i + 1;
            let top = PAGE_H - 40.0;
            if number > 1 {
                let left = fonts.truncate(header_left, Weight::Bold, SIZE_SMALL, CONTENT_W * 0.65);
                ops.extend(text_ops(
                    fonts,
                    MARGIN_X,
                    top,
                    &left,
                    Weight::Bold,
                    SIZE_SMALL,
                    MUTED,
                ));
                let w = fonts.width(header_right, Weight::Regular, SIZE_SMALL);
                ops.extend(text_ops(
                    fonts,
                    PAGE_W - MARGIN_X - w,
                    top,
                    header_right,
                    Weight::Regular,
                    SIZE_SMALL,
                    MUTED,
                ));
                ops.extend(line_ops(
                    (MARGIN_X, top - 6.0),
                    (PAGE_W - MARGIN_X, top - 6.0),
                    RULE,
                    0.5,
                    false,
                ));
            }
            let bottom = 36.0;
            ops.extend(line_ops(
                (MARGIN_X, bottom + 12.0),
                (PAGE_W - MARGIN_X, bottom + 12.0),
                RULE,
                0.5,
                false,
            ));
            ops.extend(text_ops(
                fonts,
                MARGIN_X,
                bottom,
                footer_left,
                Weight::Regular,
                SIZE_SMALL,
                MUTED,
            ));
            let label = format!("Page {number} of {total}");
            let w = fonts.width(&label, Weight::Regular, SIZE_SMALL);
            ops.extend(text_ops(
                fonts,
                PAGE_W - MARGIN_X - w,
                bottom,
                &label,
                Weight::Regular,
                SIZE_SMALL,
                MUTED,
            ));
        }
    }
}

pub fn pt(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(y) }
}

pub fn text_ops(
    fonts: &Fonts,
    x: f32,
    baseline: f32,
    text: &str,
    weight: Weight,
    size: f32,
    colour: Rgb8,
) -> Vec<Op> {
    vec![
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(fonts.id(weight)),
            size: Pt(size),
        },
        Op::SetFillColor { col: colour.pdf() },
        Op::SetTextCursor {
            pos: pt(x, baseline),
        },
        Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        },
        Op::EndTextSection,
    ]
}

pub fn fill_rect_ops(x: f32, y: f32, w: f32, h: f32, colour: Rgb8) -> Vec<Op> {
    vec![
        Op::SaveGraphicsState,
        Op::SetFillColor { col: colour.pdf() },
        Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        },
        Op::RestoreGraphicsState,
    ]
}

pub fn line_ops(
    from: (f32, f32),
    to: (f32, f32),
    colour: Rgb8,
    width: f32,
    dashed: bool,
) -> Vec<Op> {
    let mut ops = vec![
        Op::SaveGraphicsState,
        Op::SetOutlineColor { col: colour.pdf() },
        Op::SetOutlineThickness { pt: Pt(width) },
    ];
    if dashed {
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[3.0, 2.0]),
        });
    }
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![
                LinePoint {
                    p: pt(from.0, from.1),
                    bezier: false,
                },
                LinePoint {
                    p: pt(to.0, to.1),
                    bezier: false,
                },
            ],
            is_closed: false,
        },
    });
    ops.push(Op::RestoreGraphicsState);
    ops
}

/// A link annotation without the border printpdf draws by default.
pub fn link_op(x: f32, y: f32, w: f32, h: f32, actions: Actions) -> Op {
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(w),
                height: Pt(h),
                mode: None,
                winding_order: None,
            },
            actions,
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            Some(HighlightingMode::Invert),
        ),
    }
}

/// A link to a place in this document.
pub fn goto(page: usize, top: f32) -> Actions {
    Actions::Goto(Destination::Xyz {
        page,
        left: Some(0.0),
        top: Some(top),
        zoom: None,
    })
}

/// Straight-segment points for printpdf's lines and polygons.
fn line_points(points: &[(f32, f32)]) -> Vec<LinePoint> {
    points
        .iter()
        .map(|&(x, y)| LinePoint {
            p: pt(x, y),
            bezier: false,
        })
        .collect()
}
