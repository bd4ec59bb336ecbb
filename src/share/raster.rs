//! Pixels: a card's SVG and the site's emblem rendered by resvg into one 1200×630 image and
//! encoded as a small PNG; a cover photo cropped around its focus and encoded as JPEG.
//!
//! The PNG is written with a palette when the card has at most 256 colours after the
//! antialiased edges are snapped to a 4-level grid per channel ([`palette`]): cards are flat
//! colours and text, so this keeps them sharp at a third of the truecolour size (measured in
//! the module's tests).

use std::io;
use std::path::Path;

use crate::messages::Text;

use resvg::{tiny_skia, usvg};

use super::card::{EMBLEM, GOLD, HEIGHT, Layout, WIDTH};
use super::font;

/// Options for parsing SVG: the embedded faces only, no file or network access for images.
fn options() -> usvg::Options<'static> {
    usvg::Options {
        fontdb: font::database(),
        font_family: font::FAMILY.to_string(),
        languages: vec!["vi".into()],
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// Whether `bytes` are an SVG resvg can draw (the emblem is checked before cards are made).
pub(crate) fn check_svg(bytes: &[u8]) -> Result<(), String> {
    usvg::Tree::from_data(bytes, &options())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// What every card of a build shares, drawn once: the [`super::card::background_svg`] with the
/// emblem in its place.
pub(crate) struct Background(tiny_skia::Pixmap);

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Background")
    }
}

impl Background {
    /// `svg` (1200×630) with `emblem` (an SVG) drawn in its square.
    pub(crate) fn draw(svg: &str, emblem: Option<&[u8]>) -> Result<Background, String> {
        let opt = options();
        let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| e.to_string())?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT)
            .ok_or_else(|| "no memory for a card".to_string())?;
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        if let Some(bytes) = emblem {
            let tree = usvg::Tree::from_data(bytes, &opt).map_err(|e| e.to_string())?;
            let size = tree.size();
            let (x, y, side) = EMBLEM;
            let scale = side / size.width().max(size.height());
            // Centred in its square whatever its proportions.
            let dx = x + (side - size.width() * scale) / 2.0;
            let dy = y + (side - size.height() * scale) / 2.0;
            let at = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, dx, dy);
            resvg::render(&tree, at, &mut pixmap.as_mut());
        }
        Ok(Background(pixmap))
    }

    /// A card: the background with `layout`'s rule and lines drawn over it, as PNG bytes.
    pub(crate) fn card(&self, layout: &Layout) -> Result<Vec<u8>, String> {
        let mut pixmap = self.0.clone();
        let (x, y, w, h) = layout.rule;
        if let Some(rect) = tiny_skia::Rect::from_xywh(x, y, w, h) {
            let [_, r, g, b] = GOLD.to_be_bytes();
            let mut paint = tiny_skia::Paint::default();
            paint.set_color_rgba8(r, g, b, 255);
            pixmap.fill_rect(rect, &paint, tiny_skia::Transform::identity(), None);
        }
        for line in &layout.lines {
            super::glyphs::draw(&mut pixmap, line);
        }
        // The card is opaque: premultiplied and straight colours are the same.
        encode_png(pixmap.data(), WIDTH, HEIGHT).map_err(|e| e.to_string())
    }
}

/// Opaque RGBA pixels as PNG: indexed when [`palette`] finds at most 256 colours, else
/// truecolour (RGB).
pub(crate) fn encode_png(rgba: &[u8], width: u32, height: u32) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        // zlib level 2: a card in about a millisecond, within a quarter of the size level 9
        // gives in twenty times the time (measured on the bundled site's cards); the file is
        // fetched once by Zalo's or Facebook's servers, not by every reader.
        enc.set_deflate_compression(png::DeflateCompression::Level(2));
        enc.set_filter(png::Filter::Adaptive);
        match palette(rgba) {
            Some((colours, indices)) => {
                enc.set_color(png::ColorType::Indexed);
                enc.set_depth(png::BitDepth::Eight);
                enc.set_palette(colours);
                // Indexed images compress best unfiltered.
                enc.set_filter(png::Filter::NoFilter);
                let mut w = enc.write_header().map_err(io::Error::other)?;
                w.write_image_data(&indices).map_err(io::Error::other)?;
            }
            None => {
                enc.set_color(png::ColorType::Rgb);
                enc.set_depth(png::BitDepth::Eight);
                let rgb: Vec<u8> = rgba
                    .chunks_exact(4)
                    .flat_map(|p| [p[0], p[1], p[2]])
                    .collect();
                let mut w = enc.write_header().map_err(io::Error::other)?;
                w.write_image_data(&rgb).map_err(io::Error::other)?;
            }
        }
    }
    Ok(out)
}

/// A palette for `rgb` and each pixel's index in it, when at most 256 colours remain after
/// every antialiased pixel (one whose colour is not among the image's most frequent) is
/// rounded to its nearest frequent colour. `None` for a photo-like image.
fn palette(rgba: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    // Cards are long runs of one colour: the pixels are read once into runs, and colours are
    // counted and looked up once per run, not per pixel.
    let pixels = rgba.len() / 4;
    let runs = runs(rgba);
    let mut counts: ColourMap<usize> = ColourMap::default();
    for &(c, n) in &runs {
        *counts.entry(c).or_default() += n;
    }
    let mut by_use: Vec<(u32, usize)> = counts.into_iter().collect();
    by_use.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // A card has a handful of flat colours and their blends at text edges: 256 entries
    // hold the flat ones and the commonest blends; photos spread over far more.
    let kept: Vec<u32> = by_use.iter().take(256).map(|(c, _)| *c).collect();
    let covered: usize = by_use.iter().take(256).map(|(_, n)| n).sum();
    if covered * 100 < pixels * 97 {
        return None;
    }
    let mut index: ColourMap<u8> = kept
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u8))
        .collect();
    let mut indices = Vec::with_capacity(pixels);
    for &(c, n) in &runs {
        let k = *index.entry(c).or_insert_with(|| nearest(&kept, c));
        indices.resize(indices.len() + n, k);
    }
    let colours = kept.iter().flat_map(|c| rgb(*c)).collect();
    Some((colours, indices))
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

/// Colours (0xRRGGBB) to something, hashed by one multiplication: the palette looks a colour
/// up once per run of pixels, hundreds of thousands of times a card.
type ColourMap<V> = std::collections::HashMap<u32, V, std::hash::BuildHasherDefault<ColourHash>>;

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

/// The part of a `w`×`h` picture with the card's proportions, as large as it can be, centred on
/// the focus (`fx`, `fy` from 0 to 1) as far as the picture's edges allow: (x, y, w, h).
pub(crate) fn crop_box(w: u32, h: u32, fx: f64, fy: f64) -> (u32, u32, u32, u32) {
    let ratio = f64::from(WIDTH) / f64::from(HEIGHT);
    let (cw, ch) = if f64::from(w) / f64::from(h) > ratio {
        (((f64::from(h) * ratio).round() as u32).min(w), h)
    } else {
        (w, ((f64::from(w) / ratio).round() as u32).min(h))
    };
    let place = |size: u32, crop: u32, focus: f64| -> u32 {
        let centre = focus.clamp(0.0, 1.0) * f64::from(size);
        let start = (centre - f64::from(crop) / 2.0).round();
        start.clamp(0.0, f64::from(size - crop)) as u32
    };
    (place(w, cw, fx), place(h, ch, fy), cw, ch)
}

/// The cover at `path`, cropped around the focus and scaled to 1200×630, as JPEG bytes.
pub(crate) fn render_cover(path: &Path, fx: f64, fy: f64) -> Result<Vec<u8>, Text> {
    let photo = open_photo(path)?;
    let (x, y, w, h) = crop_box(photo.width(), photo.height(), fx, fy);
    // `DynamicImage`'s own methods, not the generic `imageops` (compiled in `image`, fast
    // even in unoptimised test builds).
    let scaled = photo
        .crop_imm(x, y, w, h)
        .resize_exact(WIDTH, HEIGHT, image::imageops::FilterType::CatmullRom)
        .into_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&scaled)
        .map_err(|e| Text::foreign(e.to_string()))?;
    Ok(out)
}

/// The largest side of a photo thidua decodes (a 1 MB file claiming 100,000 × 100,000 px is
/// refused before any pixel is allocated).
const MAX_SIDE: u32 = 12_000;

/// Whether `bytes` start like a picture of a known format and a sensible size.
pub(crate) fn probe(bytes: &[u8]) -> Result<(), String> {
    let (w, h) = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .into_dimensions()
        .map_err(|e| e.to_string())?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!("{w}×{h} px"));
    }
    Ok(())
}

/// Decodes a photo the way the photo pipeline does ([`crate::images::open`]: size limits
/// checked before any pixel is allocated, EXIF orientation applied, colours in sRGB).
fn open_photo(path: &Path) -> Result<image::DynamicImage, Text> {
    crate::images::open(path).map_err(|e| e.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crop_keeps_the_card_proportions_and_the_focus() {
        // A 3:2 photo: full width, a band of 2000×1050 moved up towards a focus at 20 %.
        assert_eq!(crop_box(2000, 1333, 0.5, 0.5), (0, 142, 2000, 1050));
        assert_eq!(crop_box(2000, 1333, 0.5, 0.2), (0, 0, 2000, 1050));
        assert_eq!(crop_box(2000, 1333, 0.5, 0.7), (0, 283, 2000, 1050));
        // A wide panorama: full height, the band slides sideways.
        assert_eq!(crop_box(4000, 1000, 0.0, 0.5), (0, 0, 1905, 1000));
        assert_eq!(crop_box(4000, 1000, 1.0, 0.5), (2095, 0, 1905, 1000));
    }

    #[test]
    fn flat_images_get_a_palette_and_photos_do_not() {
        let flat: Vec<u8> = (0..100 * 100)
            .flat_map(|i| {
                if i % 7 == 0 {
                    [255, 255, 255, 255]
                } else {
                    [125, 16, 19, 255]
                }
            })
            .collect();
        assert_eq!(
            palette(&flat).map(|(p, i)| (p.len(), i.len())),
            Some((6, 10_000))
        );
        let mut x: u32 = 7;
        let noise: Vec<u8> = (0..100 * 100 * 4)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        assert!(palette(&noise).is_none());
        let png = encode_png(&flat, 100, 100).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
}
