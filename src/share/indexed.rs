//! Cards drawn straight into a palette image: what every card of a build shares (colours,
//! emblem, address) is drawn once by resvg, reduced to at most 256 colours and kept as an
//! index image; each card copies it, lays its text over it glyph by glyph through tables of
//! "this ink at this coverage over that colour" (`glyphs.rs` gives the coverage), and is
//! written as an indexed PNG. No card is ever a full-colour image: a card costs about the
//! copy of 756,000 bytes, its glyphs and the compression.
//!
//! The palette keeps the background's commonest colours (all of them for a flat design: the
//! theme's emblem and colours need a few dozen), the rule's colour, and, for each ink, its
//! blends over the commonest colour in sixteen steps, so antialiased text keeps its smooth edges. A
//! background with more colours than that (a photograph in the emblem) is reduced to a
//! 6×6×6 colour cube instead.

use std::collections::HashMap;

use resvg::tiny_skia;

use super::card::{HEIGHT, Layout, WIDTH};

/// Coverage steps of an ink: 0 (none) to `STEPS` (full).
const STEPS: u32 = 16;

/// What every card of a build shares, ready to be copied.
pub(crate) struct Background {
    /// The colours (0xRRGGBB), at most 256.
    palette: Vec<u32>,
    /// The background as indices into `palette`, row by row.
    indices: Vec<u8>,
    /// For each ink: the index of "ink at step s over palette colour i", at `i * (STEPS + 1) + s`.
    inks: Vec<(u32, Vec<u8>)>,
    /// The index of the rule's colour.
    rule: u8,
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Background({} colours)", self.palette.len())
    }
}

impl Background {
    /// The background `pixmap` (opaque, 1200×630), for text in `inks` and a rule in `rule`.
    pub(crate) fn new(pixmap: &tiny_skia::Pixmap, inks: &[u32], rule: u32) -> Background {
        let runs = runs(pixmap.data());
        let mut counts: ColourMap<usize> = ColourMap::default();
        for &(c, n) in &runs {
            *counts.entry(c).or_default() += n;
        }
        let mut by_use: Vec<(u32, usize)> = counts.into_iter().collect();
        by_use.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let ground = by_use.first().map_or(0, |c| c.0);
        let room = 255 - inks.len() * STEPS as usize;
        let pixels = runs.iter().map(|r| r.1).sum::<usize>().max(1);
        let covered: usize = by_use.iter().take(room).map(|c| c.1).sum();
        let mut palette: Vec<u32> = if covered * 100 >= pixels * 97 {
            by_use.iter().take(room).map(|c| c.0).collect()
        } else {
            cube()
        };
        if !palette.contains(&rule) {
            palette.push(rule);
        }
        for &ink in inks {
            palette.extend((1..=STEPS).map(|s| over(ground, ink, s)));
        }
        let mut memo: ColourMap<u8> = ColourMap::default();
        let mut indices = Vec::with_capacity(pixels);
        for &(c, n) in &runs {
            let k = *memo.entry(c).or_insert_with(|| nearest(&palette, c));
            indices.resize(indices.len() + n, k);
        }
        let inks = inks
            .iter()
            .map(|&ink| {
                let table = palette
                    .iter()
                    .flat_map(|&under| (0..=STEPS).map(move |s| over(under, ink, s)))
                    .map(|c| nearest(&palette, c))
                    .collect();
                (ink, table)
            })
            .collect();
        let rule = nearest(&palette, rule);
        Background {
            palette,
            indices,
            inks,
            rule,
        }
    }

    /// A card: the background with `layout`'s rule and lines over it, as PNG bytes.
    pub(crate) fn card(&self, layout: &Layout) -> Result<Vec<u8>, String> {
        let (w, h) = (WIDTH as i32, HEIGHT as i32);
        let mut indices = self.indices.clone();
        let (x, y, rw, rh) = layout.rule;
        let (x0, x1) = (
            (x.round() as i32).clamp(0, w),
            ((x + rw).round() as i32).clamp(0, w),
        );
        for row in (y.round() as i32).clamp(0, h)..((y + rh).round() as i32).clamp(0, h) {
            let at = (row * w) as usize;
            indices[at + x0 as usize..at + x1 as usize].fill(self.rule);
        }
        for line in &layout.lines {
            let Some((_, table)) = self.inks.iter().find(|(ink, _)| *ink == line.colour) else {
                return Err(format!("no ink #{:06x} on this card", line.colour));
            };
            super::glyphs::cover(line, |x, y, alpha| {
                if (0..w).contains(&x) && (0..h).contains(&y) {
                    let p = (y * w + x) as usize;
                    let step = (u32::from(alpha) * STEPS + 127) / 255;
                    indices[p] =
                        table[usize::from(indices[p]) * (STEPS as usize + 1) + step as usize];
                }
            });
        }
        encode(&self.palette, &indices).map_err(|e| e.to_string())
    }
}

/// `ink` over `under` at coverage `step` of [`STEPS`].
fn over(under: u32, ink: u32, step: u32) -> u32 {
    let [_, ur, ug, ub] = under.to_be_bytes();
    let [_, ir, ig, ib] = ink.to_be_bytes();
    let mix = |u: u8, i: u8| -> u8 {
        ((u32::from(u) * (STEPS - step) + u32::from(i) * step + STEPS / 2) / STEPS) as u8
    };
    u32::from_be_bytes([0, mix(ur, ir), mix(ug, ig), mix(ub, ib)])
}

/// 216 colours evenly spread over the RGB cube.
fn cube() -> Vec<u32> {
    let level = |k: u32| k * 51;
    (0..216)
        .map(|i| (level(i / 36) << 16) | (level(i / 6 % 6) << 8) | level(i % 6))
        .collect()
}

/// An indexed PNG of the card's size.
fn encode(palette: &[u32], indices: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    // zlib level 2: within a quarter of the size level 9 gives in a twentieth of the time
    // (measured on the bundled site's cards); the file is fetched once by Zalo's or
    // Facebook's servers, not by every reader.
    enc.set_deflate_compression(png::DeflateCompression::Level(2));
    enc.set_color(png::ColorType::Indexed);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_palette(palette.iter().flat_map(|c| rgb(*c)).collect::<Vec<u8>>());
    // Indexed images compress best unfiltered.
    enc.set_filter(png::Filter::NoFilter);
    let mut w = enc.write_header().map_err(std::io::Error::other)?;
    w.write_image_data(indices).map_err(std::io::Error::other)?;
    w.finish().map_err(std::io::Error::other)?;
    Ok(out)
}

/// Colours (0xRRGGBB) to something, hashed by one multiplication: colours are looked up once
/// per run of pixels.
type ColourMap<V> = HashMap<u32, V, std::hash::BuildHasherDefault<ColourHash>>;

/// The hasher of [`ColourMap`]: a colour times an odd constant (Fibonacci hashing).
#[derive(Default)]
struct ColourHash(u64);

impl std::hash::Hasher for ColourHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u32(u32::from(*b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The bytes of a colour 0xRRGGBB.
fn rgb(c: u32) -> [u8; 3] {
    let [_, r, g, b] = c.to_be_bytes();
    [r, g, b]
}

/// The pixels of `rgba` as runs of one colour (0xRRGGBB, alpha ignored): (colour, length).
fn runs(rgba: &[u8]) -> Vec<(u32, usize)> {
    let mut runs: Vec<(u32, usize)> = Vec::new();
    for p in rgba.chunks_exact(4) {
        let c = u32::from_be_bytes([0, p[0], p[1], p[2]]);
        match runs.last_mut() {
            Some((last, n)) if *last == c => *n += 1,
            _ => runs.push((c, 1)),
        }
    }
    runs
}

/// The index of the colour of `palette` closest to `c`.
fn nearest(palette: &[u32], c: u32) -> u8 {
    let c = rgb(c);
    let d = |p: &u32| -> i32 {
        let p = rgb(*p);
        (0..3)
            .map(|k| {
                let x = i32::from(p[k]) - i32::from(c[k]);
                x * x
            })
            .sum()
    };
    palette
        .iter()
        .enumerate()
        .min_by_key(|(_, p)| d(p))
        .map_or(0, |(i, _)| i as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(colour: [u8; 3]) -> tiny_skia::Pixmap {
        let mut p = tiny_skia::Pixmap::new(WIDTH, HEIGHT).unwrap_or_else(|| unreachable!());
        p.fill(tiny_skia::Color::from_rgba8(
            colour[0], colour[1], colour[2], 255,
        ));
        p
    }

    #[test]
    fn a_flat_background_keeps_its_colours_and_the_inks_their_steps() {
        let bg = Background::new(&plain([0x7d, 0x10, 0x13]), &[0xff_ffff], 0xf5_c542);
        assert_eq!(bg.palette.len(), 2 + STEPS as usize);
        assert_eq!(bg.palette[0], 0x7d_1013);
        assert_eq!(*bg.palette.last().unwrap_or(&0), 0xff_ffff);
        // Full ink over the ground is the ink; no ink leaves the ground.
        let table = &bg.inks[0].1;
        assert_eq!(bg.palette[usize::from(table[STEPS as usize])], 0xff_ffff);
        assert_eq!(table[0], 0);
    }

    #[test]
    fn a_photographic_background_gets_the_colour_cube() {
        let mut p = plain([0, 0, 0]);
        let mut x: u32 = 7;
        for v in p.data_mut().chunks_exact_mut(4) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            v[..3].copy_from_slice(&x.to_be_bytes()[1..]);
            v[3] = 255;
        }
        let bg = Background::new(&p, &[0xff_ffff, 0xff_e29a], 0xf5_c542);
        assert_eq!(bg.palette.len(), 217 + 2 * STEPS as usize);
    }

    #[test]
    fn a_card_is_an_indexed_png_with_its_text() {
        let bg = Background::new(&plain([0x7d, 0x10, 0x13]), &[0xff_ffff], 0xf5_c542);
        let layout = Layout {
            lines: vec![super::super::glyphs::Line {
                text: "Lạng Sơn".into(),
                x: 100.0,
                y: 300.0,
                size: 64.0,
                bold: true,
                colour: 0xff_ffff,
            }],
            rule: (100.0, 200.0, 110.0, 5.0),
        };
        let png = bg.card(&layout).unwrap_or_else(|e| panic!("{e}"));
        let img = image::load_from_memory(&png)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_rgb8();
        assert_eq!((img.width(), img.height()), (WIDTH, HEIGHT));
        assert_eq!(img.get_pixel(150, 202).0, [0xf5, 0xc5, 0x42], "the rule");
        let white = img.pixels().filter(|p| p.0 == [255, 255, 255]).count();
        assert!(white > 1000, "{white} white pixels");
        assert_eq!(img.get_pixel(5, 5).0, [0x7d, 0x10, 0x13]);
        let mut other = layout.clone();
        other.lines[0].colour = 0x12_3456;
        assert!(bg.card(&other).is_err());
    }
}
