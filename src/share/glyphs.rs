//! The cards' text, glyph by glyph: a line is shaped by rustybuzz (kerning, Vietnamese marks
//! placed by the font's own rules), each glyph's outline is filled once by tiny-skia as a
//! coverage mask at its size, weight and quarter-pixel offset, and kept; a card's text is then
//! the coverage of its lines' glyphs, which `indexed.rs` lays over the build's background.
//!
//! This is what resvg does for `<text>` (the same faces, outlines and rasteriser), without
//! parsing an SVG and filling every outline again for each card: the letters of ten thousand
//! titles are a few hundred distinct glyphs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use resvg::tiny_skia;

use super::font::{BOLD, REGULAR};

/// One line of text to draw: its left end on the baseline at (`x`, `y`), in pixels.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// The text.
    pub text: String,
    /// Where the baseline starts.
    pub x: f32,
    /// The baseline.
    pub y: f32,
    /// Font size in pixels.
    pub size: f32,
    /// Bold (700) or regular (400).
    pub bold: bool,
    /// Colour, 0xRRGGBB.
    pub colour: u32,
}

/// A glyph filled at one size, weight and quarter-pixel offset: its coverage (0 to 255), row
/// by row, `width` wide, placed at (`left`, `top`) from the pen position.
struct Glyph {
    left: i32,
    top: i32,
    width: i32,
    coverage: Vec<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    glyph: u16,
    bold: bool,
    /// Size in hundredths of a pixel.
    size: u32,
    /// The pen's fraction of a pixel, in quarters.
    phase: u8,
}

type Cache = Mutex<HashMap<Key, Option<Arc<Glyph>>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn face(bold: bool) -> Option<&'static rustybuzz::Face<'static>> {
    static FACES: OnceLock<[Option<rustybuzz::Face<'static>>; 2]> = OnceLock::new();
    FACES
        .get_or_init(|| {
            [
                rustybuzz::Face::from_slice(REGULAR, 0),
                rustybuzz::Face::from_slice(BOLD, 0),
            ]
        })
        .get(usize::from(bold))
        .and_then(Option::as_ref)
}

/// Calls `plot(x, y, coverage)` for every pixel `line`'s glyphs cover (in pixels of the card,
/// unclipped; a pixel two glyphs touch is given twice).
pub(crate) fn cover(line: &Line, mut plot: impl FnMut(i32, i32, u8)) {
    let Some(face) = face(line.bold) else { return };
    let scale = line.size / face.units_per_em() as f32;
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(&line.text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    let shaped = rustybuzz::shape(face, &[], buffer);
    let mut pen = line.x;
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        let x = pen + pos.x_offset as f32 * scale;
        let y = line.y - pos.y_offset as f32 * scale;
        pen += pos.x_advance as f32 * scale;
        let (whole, phase) = split(x);
        let key = Key {
            glyph: u16::try_from(info.glyph_id).unwrap_or(0),
            bold: line.bold,
            size: (line.size * 100.0).round() as u32,
            phase,
        };
        let glyph = {
            let mut cache = cache()
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            cache
                .entry(key)
                .or_insert_with(|| fill(face, key, scale).map(Arc::new))
                .clone()
        };
        if let Some(g) = glyph {
            let (gx, gy) = (whole + g.left, y.round() as i32 + g.top);
            for (i, &a) in g.coverage.iter().enumerate() {
                if a > 0 {
                    let i = i as i32;
                    plot(gx + i % g.width, gy + i / g.width, a);
                }
            }
        }
    }
}

/// A position as whole pixels and quarters.
fn split(x: f32) -> (i32, u8) {
    let quarters = (x * 4.0).round() as i32;
    (quarters.div_euclid(4), quarters.rem_euclid(4) as u8)
}

/// The coverage of `key.glyph`'s outline, or `None` for a glyph with no outline (a space).
fn fill(face: &rustybuzz::Face<'_>, key: Key, scale: f32) -> Option<Glyph> {
    let mut outline = Outline {
        path: tiny_skia::PathBuilder::new(),
        scale,
        dx: f32::from(key.phase) / 4.0,
    };
    face.outline_glyph(ttf_parser::GlyphId(key.glyph), &mut outline)?;
    let path = outline.path.finish()?;
    let b = path.bounds();
    let (left, top) = (b.left().floor() as i32 - 1, b.top().floor() as i32 - 1);
    let width = (b.right().ceil() as i32 - left + 1).max(1);
    let height = (b.bottom().ceil() as i32 - top + 1).max(1);
    let mut mask = tiny_skia::Mask::new(width as u32, height as u32)?;
    mask.fill_path(
        &path,
        tiny_skia::FillRule::Winding,
        true,
        tiny_skia::Transform::from_translate(-left as f32, -top as f32),
    );
    Some(Glyph {
        left,
        top,
        width,
        coverage: mask.data().to_vec(),
    })
}

/// A glyph's outline in pixels: font units scaled, y turned down, moved by the pen's fraction.
struct Outline {
    path: tiny_skia::PathBuilder,
    scale: f32,
    dx: f32,
}

impl Outline {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.scale + self.dx, -y * self.scale)
    }
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let ((x1, y1), (x, y)) = (self.at(x1, y1), self.at(x, y));
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let ((x1, y1), (x2, y2), (x, y)) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(text: &str) -> Vec<(i32, i32, u8)> {
        let mut out = Vec::new();
        cover(
            &Line {
                text: text.into(),
                x: 10.0,
                y: 80.0,
                size: 64.0,
                bold: true,
                colour: 0xff_ffff,
            },
            |x, y, a| out.push((x, y, a)),
        );
        out
    }

    #[test]
    fn a_line_covers_pixels_and_a_mark_adds_some() {
        let bare = covered("Lang Son");
        let marked = covered("Lạng Sơn");
        let solid = |v: &[(i32, i32, u8)]| v.iter().filter(|p| p.2 > 128).count();
        assert!(solid(&bare) > 1000, "{}", solid(&bare));
        // The dot below and the horn are drawn: more ink than the bare letters.
        assert!(solid(&marked) > solid(&bare));
        // The dot below "ạ" lies below the baseline.
        let below = |v: &[(i32, i32, u8)]| v.iter().any(|p| p.1 > 84 && p.0 < 80);
        assert!(below(&marked) && !below(&bare));
        // A space covers nothing; the same text covers the same pixels twice over.
        assert!(covered(" ").is_empty());
        assert_eq!(covered("Đạt"), covered("Đạt"));
    }
}
