//! Fonts and text measurement: glyph advances from the shipped TTFs and line wrapping.
//!
//! printpdf embeds and subsets the fonts but offers no stable metrics API, so widths come
//! from `ttf-parser` reading the same bytes. This is not a shaper: no kerning or ligatures,
//! which is fine for left-aligned report text.
//!
//! Noto Sans has no arrows, so "A → B" in a sign-off note printed as "A  B". A small subset
//! of DejaVu Sans (arrows and check marks only, `assets/fonts/README.md`) is the fallback:
//! text is split into runs by which face has the glyph ([`Fonts::runs`]).

use printpdf::{FontId, ParsedFont, PdfDocument};

use super::ReportError;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
const ARROWS_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Arrows.ttf");
const BOLD_ARROWS_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold-Arrows.ttf");

/// The two weights of the report's one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

struct Face {
    id: FontId,
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advances of ASCII glyphs, looked up once because they are most of the text.
    ascii: [u16; 128],
}

impl Face {
    fn load(doc: &mut PdfDocument, bytes: &'static [u8], name: &str) -> Result<Face, ReportError> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| ReportError::Font(name.to_string()))?;
        let face =
            ttf_parser::Face::parse(bytes, 0).map_err(|_| ReportError::Font(name.to_string()))?;
        let mut ascii = [0u16; 128];
        for (i, slot) in ascii.iter_mut().enumerate() {
            let c = char::from(i as u8);
            *slot = face
                .glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(0);
        }
        Ok(Face {
            id: doc.add_font(&parsed),
            units_per_em: f32::from(face.units_per_em()),
            face,
            ascii,
        })
    }

    fn has(&self, c: char) -> bool {
        (c as u32) < 128 || self.face.glyph_index(c).is_some()
    }

    /// The advance of `c` in ems, if the face has it.
    fn advance_of(&self, c: char) -> Option<f32> {
        let units = if (c as u32) < 128 {
            self.ascii[c as usize]
        } else {
            self.face
                .glyph_index(c)
                .and_then(|g| self.face.glyph_hor_advance(g))?
        };
        Some(f32::from(units) / self.units_per_em)
    }
}

/// One weight: the main face and its fallback for the glyphs it lacks.
struct Family {
    main: Face,
    fallback: Face,
}

impl Family {
    fn advance(&self, c: char) -> f32 {
        self.main
            .advance_of(c)
            .or_else(|| self.fallback.advance_of(c))
            .unwrap_or_else(|| f32::from(self.main.ascii[b'?' as usize]) / self.main.units_per_em)
    }

    /// Whether `c` is drawn with the fallback face.
    fn falls_back(&self, c: char) -> bool {
        !self.main.has(c) && self.fallback.has(c)
    }
}

/// The report's fonts, registered with one document.
pub struct Fonts {
    regular: Family,
    bold: Family,
}

impl Fonts {
    pub fn load(doc: &mut PdfDocument) -> Result<Fonts, ReportError> {
        Ok(Fonts {
            regular: Family {
                main: Face::load(doc, REGULAR_TTF, "NotoSans-Regular.ttf")?,
                fallback: Face::load(doc, ARROWS_TTF, "DejaVuSans-Arrows.ttf")?,
            },
            bold: Family {
                main: Face::load(doc, BOLD_TTF, "NotoSans-Bold.ttf")?,
                fallback: Face::load(doc, BOLD_ARROWS_TTF, "DejaVuSans-Bold-Arrows.ttf")?,
            },
        })
    }

    fn family(&self, weight: Weight) -> &Family {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// `text` split into runs, each with the font that has its glyphs.
    pub fn runs<'t>(&self, text: &'t str, weight: Weight) -> Vec<(FontId, &'t str)> {
        let family = self.family(weight);
        let mut runs: Vec<(bool, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current = None;
        for (at, c) in text.char_indices() {
            let fallback = family.falls_back(c);
            if current.is_some_and(|f| f != fallback) {
                runs.push((!fallback, &text[start..at])); // the run that just ended
                start = at;
            }
            current = Some(fallback);
        }
        runs.push((current.unwrap_or(false), &text[start..]));
        runs.into_iter()
            .map(|(fallback, run)| {
                let face = if fallback {
                    &family.fallback
                } else {
                    &family.main
                };
                (face.id.clone(), run)
            })
            .collect()
    }

    /// Width of `text` in points at `size`.
    pub fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        let family = self.family(weight);
        text.chars().map(|c| family.advance(c)).sum::<f32>() * size
    }

    /// Breaks `text` into lines no wider than `max` points. Explicit newlines are kept;
    /// words longer than a line (URLs, hashes) are broken between characters.
    pub fn wrap(&self, text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let space = self.width(" ", weight, size);
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in paragraph.split_whitespace() {
                let word_w = self.width(word, weight, size);
                let needed = if line.is_empty() {
                    word_w
                } else {
                    line_w + space + word_w
                };
                if needed <= max {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w = needed;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if word_w <= max {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                for c in word.chars() {
                    let w = self.width(c.encode_utf8(&mut [0; 4]), weight, size);
                    if line_w + w > max && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += w;
                }
            }
            lines.push(line);
        }
        while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
    }

    /// `text` shortened with an ellipsis to fit `max` points.
    pub fn truncate(&self, text: &str, weight: Weight, size: f32, max: f32) -> String {
        if self.width(text, weight, size) <= max {
            return text.to_string();
        }
        let ellipsis = self.width("…", weight, size);
        let mut out = String::new();
        let mut w = 0.0;
        for c in text.chars() {
            let cw = self.width(c.encode_utf8(&mut [0; 4]), weight, size);
            if w + cw + ellipsis > max {
                break;
            }
            out.push(c);
            w += cw;
        }
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        let mut doc = PdfDocument::new("t");
        Fonts::load(&mut doc).unwrap()
    }

    #[test]
    fn wraps_by_glyph_advance_not_by_characters() {
        let f = fonts();
        // "i" is much narrower than "W": the same count of characters fits differently.
        let narrow = f.wrap(&"iiii ".repeat(20), Weight::Regular, 10.0, 100.0);
        let wide = f.wrap(&"WWWW ".repeat(20), Weight::Regular, 10.0, 100.0);
        assert!(narrow.len() < wide.len(), "{narrow:?} vs {wide:?}");
        for line in narrow.iter().chain(&wide) {
            assert!(f.width(line, Weight::Regular, 10.0) <= 100.0, "{line}");
        }
    }

    #[test]
    fn breaks_overlong_words_and_keeps_newlines() {
        let f = fonts();
        let hash = "ab".repeat(40);
        let lines = f.wrap(&format!("first\n{hash}"), Weight::Regular, 9.0, 80.0);
        assert_eq!(lines[0], "first");
        assert!(lines.len() > 2);
        assert_eq!(lines[1..].concat(), hash);
    }

    #[test]
    fn arrows_come_from_the_fallback_face_in_their_own_run() {
        // Regression (issue 13): Noto Sans has no "→", so "A → B" printed as "A  B".
        let f = fonts();
        for weight in [Weight::Regular, Weight::Bold] {
            let runs = f.runs("Launch 7 Jun → 14 Jun", weight);
            let texts: Vec<&str> = runs.iter().map(|(_, t)| *t).collect();
            assert_eq!(texts, ["Launch 7 Jun ", "→", " 14 Jun"]);
            assert_eq!(runs[0].0, runs[2].0);
            assert_ne!(runs[0].0, runs[1].0);
            assert!(
                f.width("→", weight, 10.0) > 3.0,
                "the arrow has its own width"
            );
        }
        assert_eq!(f.runs("plain", Weight::Regular).len(), 1);
        assert_eq!(f.runs("", Weight::Regular).len(), 1);
    }

    #[test]
    fn bold_is_wider_and_truncation_fits() {
        let f = fonts();
        let text = "Readiness report for the spring launch";
        assert!(f.width(text, Weight::Bold, 10.0) > f.width(text, Weight::Regular, 10.0));
        let short = f.truncate(text, Weight::Regular, 10.0, 60.0);
        assert!(short.ends_with('…'));
        assert!(f.width(&short, Weight::Regular, 10.0) <= 60.0);
    }
}
