//! The page canvas: A4 pages as printpdf op lists, a flowing cursor, drawing primitives,
//! and the running header and "Page X of Y" footer added once all pages exist.
//!
//! It knows nothing about plans; sections ([`super::sections`]) decide what to draw.
//!
//! Every primitive also tags what it draws (see [`super::structure`]): content goes into a
//! marked-content sequence of the innermost open element ([`Canvas::begin`]); text drawn
//! outside any content element becomes a paragraph of its own, and shapes outside one are
//! artifacts (rules, fills, icons that repeat a word beside them).

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, ColorArray, Destination, DictItem, HighlightingMode, Line,
    LineDashPattern, LinePoint, LinkAnnotation, Op, PaintMode, PdfFontHandle, Point, Polygon,
    PolygonRing, Pt, Rect, TextItem, WindingOrder,
};

use super::structure::{ElemId, Role, Tree};
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

/// What the marked-content sequence open on the current page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marked {
    Elem(ElemId),
    Artifact,
}

/// Pages under construction and the flowing cursor.
pub struct Canvas<'f> {
    pub fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// The cursor: the top of the next block, in points from the page bottom.
    pub y: f32,
    pub anchors: Vec<Anchor>,
    tree: Tree,
    /// Open structure elements, innermost last; the document root is always at the bottom.
    open: Vec<ElemId>,
    /// Above zero while drawing an artifact ([`Canvas::artifact`]).
    artifact_depth: usize,
    /// The marked-content sequence open at the end of the current page, if any.
    marked: Option<Marked>,
    /// Link annotations so far on each page, to find them in its `/Annots` later.
    annotations: Vec<usize>,
    /// The level the last heading was tagged with.
    heading_level: u8,
}

impl<'f> Canvas<'f> {
    pub fn new(fonts: &'f Fonts) -> Canvas<'f> {
        Canvas {
            fonts,
            pages: vec![Vec::new()],
            y: CONTENT_TOP,
            anchors: Vec::new(),
            tree: Tree::new(),
            open: vec![Tree::ROOT],
            artifact_depth: 0,
            marked: None,
            annotations: vec![0],
            heading_level: 1,
        }
    }

    /// Opens a structure element inside the innermost open one; what is drawn until the
    /// matching [`Canvas::end`] belongs to it.
    pub fn begin(&mut self, role: Role) -> ElemId {
        self.begin_with(role, None)
    }

    /// Opens a figure with its alternative text (what a screen reader says instead).
    pub fn begin_figure(&mut self, alt: &str) -> ElemId {
        self.begin_with(Role::Figure, Some(alt.to_string()))
    }

    fn begin_with(&mut self, role: Role, alt: Option<String>) -> ElemId {
        let parent = self.innermost();
        let id = self.tree.add(parent, role, alt);
        self.open.push(id);
        id
    }

    /// Closes the innermost element opened with [`Canvas::begin`].
    pub fn end(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// Adds an element under `parent` without opening it (filled in later, see
    /// [`Canvas::on_page`]).
    pub fn add_element(&mut self, parent: ElemId, role: Role) -> ElemId {
        self.tree.add(parent, role, None)
    }

    /// Reopens an element added with [`Canvas::add_element`]; close it with [`Canvas::end`].
    pub fn resume(&mut self, id: ElemId) {
        self.open.push(id);
    }

    /// The innermost open element.
    pub fn innermost_element(&self) -> ElemId {
        self.innermost()
    }

    fn innermost(&self) -> ElemId {
        self.open.last().copied().unwrap_or(Tree::ROOT)
    }

    /// Draws decoration that carries no meaning of its own (an icon beside its word, a
    /// repeated table header): assistive technology skips it.
    pub fn artifact(&mut self, draw: impl FnOnce(&mut Canvas<'f>)) {
        self.artifact_depth += 1;
        draw(self);
        self.artifact_depth -= 1;
    }

    /// Ends the marked-content sequence open on the current page.
    fn close_marked(&mut self) {
        if self.marked.take().is_some() {
            self.ops().push(Op::EndMarkedContent);
        }
    }

    /// Appends drawn ops to the current page inside the right marked-content sequence.
    fn emit(&mut self, ops: Vec<Op>, is_text: bool) {
        let innermost = self.innermost();
        let target = if self.artifact_depth > 0 {
            Marked::Artifact
        } else if self.tree.role(innermost).holds_content() {
            Marked::Elem(innermost)
        } else if is_text {
            // Loose text is a paragraph of its own.
            Marked::Elem(self.tree.add(innermost, Role::P, None))
        } else {
            Marked::Artifact
        };
        if self.marked != Some(target) {
            self.close_marked();
            let page = self.pages.len() - 1;
            let begin = match target {
                Marked::Artifact => Op::BeginMarkedContent {
                    tag: "Artifact".into(),
                },
                Marked::Elem(owner) => {
                    let mcid = self.tree.mark(owner, page);
                    marked_content(self.tree.role(owner), mcid)
                }
            };
            self.ops().push(begin);
            self.marked = Some(target);
        }
        self.ops().extend(ops);
    }

    /// 1-based number of the page being drawn.
    pub fn page_number(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        // A marked-content sequence cannot span content streams.
        self.close_marked();
        self.pages.push(Vec::new());
        self.annotations.push(0);
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

    /// Draws ops on an earlier page as the content of `owner`, or as an artifact without one
    /// (the table of contents is filled in last).
    pub fn on_page(&mut self, page: usize, owner: Option<ElemId>, ops: Vec<Op>) {
        self.close_marked();
        let index = page.saturating_sub(1);
        if index >= self.pages.len() || ops.is_empty() {
            return;
        }
        let begin = match owner {
            Some(owner) => {
                let mcid = self.tree.mark(owner, index);
                marked_content(self.tree.role(owner), mcid)
            }
            None => Op::BeginMarkedContent {
                tag: "Artifact".into(),
            },
        };
        if let Some(owner) = owner {
            for op in &ops {
                if matches!(op, Op::LinkAnnotation { .. }) {
                    self.register_annotation(owner, index);
                }
            }
        }
        let p = &mut self.pages[index];
        p.push(begin);
        p.extend(ops);
        p.push(Op::EndMarkedContent);
    }

    /// The pages' ops and the structure that tags them.
    pub fn into_parts(mut self) -> (Vec<Vec<Op>>, Tree) {
        self.close_marked();
        (self.pages, self.tree)
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
        self.emit(ops, true);
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
        self.emit(fill_rect_ops(x, y, w, h, colour), false);
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
        self.emit(ops, false);
    }

    pub fn line(
        &mut self,
        from: (f32, f32),
        to: (f32, f32),
        colour: Rgb8,
        width: f32,
        dashed: bool,
    ) {
        self.emit(line_ops(from, to, colour, width, dashed), false);
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
        self.emit(ops, false);
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
        self.emit(ops, false);
    }

    /// A clickable area that opens `uri`.
    pub fn link_uri(&mut self, x: f32, y: f32, w: f32, h: f32, uri: &str) {
        let op = link_op(x, y, w, h, Actions::Uri(uri.to_string()));
        let innermost = self.innermost();
        let owner = if self.tree.role(innermost) == Role::Link {
            innermost
        } else {
            self.tree.add(innermost, Role::Link, None)
        };
        let page = self.pages.len() - 1;
        self.register_annotation(owner, page);
        // An annotation is no content-stream operator: it needs no marked content.
        self.ops().push(op);
    }

    /// Records that the next link annotation on `page` (0-based) belongs to `owner`.
    fn register_annotation(&mut self, owner: ElemId, page: usize) {
        if let Some(count) = self.annotations.get_mut(page) {
            self.tree.annotate(owner, page, *count);
            *count += 1;
        }
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
        self.begin(Role::P);
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
        self.end();
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
        // Tagged levels never skip one (a small heading right under a section is its H2),
        // so a screen reader's outline has no gaps.
        let tagged = level.clamp(1, self.heading_level + 1);
        self.heading_level = tagged;
        self.begin(match tagged {
            1 => Role::H1,
            2 => Role::H2,
            _ => Role::H3,
        });
        self.text(MARGIN_X, self.y - size, title, Weight::Bold, size, colour);
        self.end();
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
        self.close_marked();
        let total = self.pages.len();
        let fonts = self.fonts;
        for (i, ops) in self.pages.iter_mut().enumerate() {
            let number = i + 1;
            ops.push(pagination_artifact());
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
            ops.push(Op::EndMarkedContent);
        }
    }
}

/// `/Role <</MCID n>> BDC`: the start of content owned by a structure element.
fn marked_content(role: Role, mcid: i64) -> Op {
    Op::BeginMarkedContentWithProperties {
        tag: role.name().into(),
        properties: DictItem::Dict {
            map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]),
        },
    }
}

/// `/Artifact <</Type /Pagination>> BDC`: running headers and footers.
fn pagination_artifact() -> Op {
    Op::BeginMarkedContentWithProperties {
        tag: "Artifact".into(),
        properties: DictItem::Dict {
            map: BTreeMap::from([("Type".to_string(), DictItem::Name(b"Pagination".to_vec()))]),
        },
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
    let mut ops = vec![
        Op::StartTextSection,
        Op::SetFillColor { col: colour.pdf() },
        Op::SetTextCursor {
            pos: pt(x, baseline),
        },
    ];
    // Each run advances the text position by its own width, so the next one follows it.
    for (font, run) in fonts.runs(text, weight) {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font),
            size: Pt(size),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(run.to_string())],
        });
    }
    ops.push(Op::EndTextSection);
    ops
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
