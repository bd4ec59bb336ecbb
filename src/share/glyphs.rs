//! The cards' text, drawn glyph by glyph: a line is shaped by rustybuzz (kerning, Vietnamese
//! marks placed by the font's own rules), each glyph's outline is filled once by tiny-skia at
//! its size, weight, colour and quarter-pixel offset, and kept; a card is then the build's
//! background with its lines' glyphs laid over it.
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

/// A glyph filled at one size, weight, colour and quarter-pixel offset: premultiplied RGBA
/// pixels placed at (`left`, `top`) from the pen position.
struct Glyph {
    left: i32,
    top: i32,
    pixmap: tiny_skia::Pixmap,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    glyph: u16,
    bold: bool,
    /// Size in hundredths of a pixel.
    size: u32,
    colour: u32,
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

/// Draws `line` onto `pixmap` (opaque, premultiplied RGBA).
pub(crate) fn draw(pixmap: &mut tiny_skia::Pixmap, line: &Line) {
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
            colour: line.colour,
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
            blend(pixmap, &g, whole + g.left, y.round() as i32 + g.top);
        }
    }
}

/// A position as whole pixels and quarters.
fn split(x: f32) -> (i32, u8) {
    let quarters = (x * 4.0).round() as i32;
    (quarters.div_euclid(4), quarters.rem_euclid(4) as u8)
}

/// The outline of `key.glyph` filled in its colour, or `None` for a glyph with no outline (a
/// space).
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
    let width = (b.right().ceil() as i32 - left + 1).max(1) as u32;
    let height = (b.bottom().ceil() as i32 - top + 1).max(1) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)?;
    let mut paint = tiny_skia::Paint::default();
    let [_, r, g, bl] = key.colour.to_be_bytes();
    paint.set_color_rgba8(r, g, bl, 255);
    paint.anti_alias = true;
    pixmap.fill_path(
        &path,
        &paint,
        tiny_skia::FillRule::Winding,
        tiny_skia::Transform::from_translate(-left as f32, -top as f32),
        None,
    );
    Some(Glyph { left, top, pixmap })
}

/// `glyph` laid over `dst` with its top-left corner at (`x`, `y`) (source over, premultiplied),
/// clipped to `dst`.
fn blend(dst: &mut tiny_skia::Pixmap, glyph: &Glyph, x: i32, y: i32) {
    let (dw, dh) = (dst.width() as i32, dst.height() as i32);
    let src = &glyph.pixmap;
    let (sw, sh) = (src.width() as i32, src.height() as i32);
    let data = dst.data_mut();
    let pixels = src.data();
    for row in 0.max(-y)..sh.min(dh - y) {
        for col in 0.max(-x)..sw.min(dw - x) {
            let s = ((row * sw + col) * 4) as usize;
            let a = u16::from(pixels[s + 3]);
            if a == 0 {
                continue;
            }
            let d = (((y + row) * dw + x + col) * 4) as usize;
            for k in 0..4 {
                let under = u16::from(data[d + k]);
                data[d + k] = (u16::from(pixels[s + k]) + (under * (255 - a) + 127) / 255) as u8;
            }
        }
    }
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

    fn ink(pixmap: &tiny_skia::Pixmap) -> usize {
        pixmap.data().chunks_exact(4).filter(|p| p[0] > 128).count()
    }

    #[test]
    fn a_line_is_drawn_in_its_colour_and_a_mark_adds_ink() {
        let mut a = tiny_skia::Pixmap::new(400, 120).unwrap_or_else(|| unreachable!());
        a.fill(tiny_skia::Color::BLACK);
        let mut b = a.clone();
        let line = |text: &str| Line {
            text: text.into(),
            x: 10.0,
            y: 80.0,
            size: 64.0,
            bold: true,
            colour: 0xff_ffff,
        };
        draw(&mut a, &line("Lang Son"));
        draw(&mut b, &line("Lạng Sơn"));
        assert!(ink(&a) > 1000, "{}", ink(&a));
        // The dot below and the horn are drawn: more ink than the bare letters.
        assert!(ink(&b) > ink(&a), "{} vs {}", ink(&b), ink(&a));
        // White text on black: every pixel grey (antialiased), none coloured.
        assert!(
            b.data()
                .chunks_exact(4)
                .all(|p| p[0] == p[1] && p[1] == p[2] && p[3] == 255)
        );
    }

    #[test]
    fn text_outside_the_picture_is_clipped() {
        let mut p = tiny_skia::Pixmap::new(50, 50).unwrap_or_else(|| unreachable!());
        p.fill(tiny_skia::Color::BLACK);
        for (x, y) in [(-30.0, 20.0), (40.0, 70.0), (-500.0, -500.0)] {
            draw(
                &mut p,
                &Line {
                    text: "Đạt".into(),
                    x,
                    y,
                    size: 48.0,
                    bold: false,
                    colour: 0xff_ffff,
                },
            );
        }
        assert!(ink(&p) > 0);
    }
}
