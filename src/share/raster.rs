//! Pixels: the cards' shared background (its SVG and the site's emblem) rendered by resvg
//! into one 1200×630 image (made into cards by `indexed.rs`); a cover photo cropped around its
//! focus and encoded as JPEG.

use std::path::Path;

use crate::messages::Text;

use resvg::{tiny_skia, usvg};

use super::card::{EMBLEM, HEIGHT, WIDTH};
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

/// What every card of a build shares: `svg` (1200×630) with `emblem` (an SVG) drawn in its
/// square.
pub(crate) fn background(svg: &str, emblem: Option<&[u8]>) -> Result<tiny_skia::Pixmap, String> {
    let opt = options();
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| e.to_string())?;
    let mut pixmap =
        tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or_else(|| "no memory for a card".to_string())?;
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
    Ok(pixmap)
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
}
