//! Resizing and encoding: each width as lossy WebP (libwebp, through the `webp` crate) and a
//! fallback for browsers without WebP: JPEG, or PNG when the image has transparency.
//!
//! Why libwebp: the `image` crate encodes WebP losslessly only (photos would be larger than
//! the JPEGs); libwebp is the reference encoder, built from C by `cc` (so the mingw build for
//! Windows works as for Linux) and fast. Resizing is `fast_image_resize` (SIMD convolution,
//! Lanczos3), several times faster than `image`'s own resize.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ExtendedColorType, ImageEncoder};

use super::ImageError;
use super::decode::{Decoded, to_srgb};

/// WebP quality (0–100): photos at 75 look like the original on a phone, at a third of a
/// JPEG's size.
pub(super) const WEBP_QUALITY: f32 = 75.0;
/// JPEG fallback quality.
pub(super) const JPEG_QUALITY: u8 = 80;

/// One encoded width.
pub(super) struct Encoded {
    /// Width in pixels.
    pub(super) width: u32,
    /// Height in pixels.
    pub(super) height: u32,
    /// The WebP file.
    pub(super) webp: Vec<u8>,
    /// The JPEG (or PNG) file.
    pub(super) fallback: Vec<u8>,
}

/// The widths to make of an image `width` pixels wide: those of `wanted` it exceeds, and its
/// own width when it is narrower than the largest (never upscaled).
pub(super) fn widths(width: u32, wanted: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = wanted.iter().copied().filter(|w| *w < width).collect();
    let largest = wanted.iter().copied().max().unwrap_or(width);
    if width <= largest && !out.contains(&width) {
        out.push(width);
    }
    out.sort_unstable();
    out
}

/// Every width of `decoded` (upright), converted to sRGB, encoded; smallest first. The full
/// image is dropped as soon as the largest copy is made.
pub(super) fn encode_all(
    decoded: Decoded,
    wanted: &[u32],
) -> Result<(bool, Vec<Encoded>), ImageError> {
    let Decoded {
        image,
        orientation,
        icc,
    } = decoded;
    let alpha = image.color().has_alpha();
    let image = if alpha {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    // Sizes are those of the upright picture; the stored one is turned after the first
    // (largest) resize, on a few megapixels instead of twelve.
    let sideways = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (upright_w, upright_h) = if sideways {
        (image.height(), image.width())
    } else {
        (image.width(), image.height())
    };
    let sizes = widths(upright_w, wanted);
    let Some(&largest) = sizes.last() else {
        return Ok((alpha, Vec::new()));
    };
    let mut resizer = Resizer::new();
    let stored_w = if sideways {
        scaled(upright_w, upright_h, largest)
    } else {
        largest
    };
    // A large reduction averages areas (a box filter: as sharp as Lanczos at 2.5× and more,
    // at a fraction of the time); the smaller copies are made from it with Lanczos3.
    let mut top = resize(&mut resizer, &image, stored_w, FilterType::Box)?;
    drop(image);
    top.apply_orientation(orientation);
    let top = to_srgb(top, icc.as_deref());
    let mut out = Vec::with_capacity(sizes.len());
    for &w in &sizes {
        let scaled;
        let img = if w == top.width() {
            &top
        } else {
            scaled = resize(&mut resizer, &top, w, FilterType::Lanczos3)?;
            &scaled
        };
        out.push(Encoded {
            width: img.width(),
            height: img.height(),
            webp: webp(img)?,
            fallback: fallback(img, alpha)?,
        });
    }
    Ok((alpha, out))
}

/// The height of a `w`×`h` picture scaled to `width` (at least 1 px).
fn scaled(w: u32, h: u32, width: u32) -> u32 {
    ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w.max(1))).max(1) as u32
}

/// `image` scaled to `width` (height in proportion) with `filter`.
fn resize(
    resizer: &mut Resizer,
    image: &DynamicImage,
    width: u32,
    filter: FilterType,
) -> Result<DynamicImage, ImageError> {
    if width >= image.width() {
        return Ok(image.clone());
    }
    let height = scaled(image.width(), image.height(), width);
    let mut dst = DynamicImage::new(width, height, image.color());
    let opts = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(filter));
    resizer
        .resize(image, &mut dst, &opts)
        .map_err(|e| ImageError::Damaged(e.to_string()))?;
    Ok(dst)
}

/// Lossy WebP of an RGB or RGBA image.
fn webp(image: &DynamicImage) -> Result<Vec<u8>, ImageError> {
    let (w, h) = (image.width(), image.height());
    let encoder = match image {
        DynamicImage::ImageRgba8(b) => webp::Encoder::from_rgba(b.as_raw(), w, h),
        DynamicImage::ImageRgb8(b) => webp::Encoder::from_rgb(b.as_raw(), w, h),
        _ => return Err(ImageError::Unsupported),
    };
    encoder
        .encode_simple(false, WEBP_QUALITY)
        .map(|m| m.to_vec())
        .map_err(|e| ImageError::Damaged(format!("WebP: {e:?}")))
}

/// JPEG (or PNG with transparency) of an RGB or RGBA image.
fn fallback(image: &DynamicImage, alpha: bool) -> Result<Vec<u8>, ImageError> {
    let mut buf = Vec::new();
    let (w, h) = (image.width(), image.height());
    let r = if alpha {
        image::codecs::png::PngEncoder::new(&mut buf).write_image(
            image.as_bytes(),
            w,
            h,
            ExtendedColorType::Rgba8,
        )
    } else {
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, JPEG_QUALITY).write_image(
            image.as_bytes(),
            w,
            h,
            ExtendedColorType::Rgb8,
        )
    };
    r.map_err(|e| ImageError::Damaged(e.to_string()))?;
    Ok(buf)
}

/// A full-size copy for download (a page links to the original): upright, sRGB, no metadata.
pub(super) fn clean_original(decoded: Decoded) -> Result<(bool, Vec<u8>), ImageError> {
    let Decoded {
        image,
        orientation,
        icc,
    } = decoded;
    let alpha = image.color().has_alpha();
    let mut image = if alpha {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    image.apply_orientation(orientation);
    let image = to_srgb(image, icc.as_deref());
    let mut buf = Vec::new();
    let (w, h) = (image.width(), image.height());
    let r = if alpha {
        image::codecs::png::PngEncoder::new(&mut buf).write_image(
            image.as_bytes(),
            w,
            h,
            ExtendedColorType::Rgba8,
        )
    } else {
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, 90).write_image(
            image.as_bytes(),
            w,
            h,
            ExtendedColorType::Rgb8,
        )
    };
    r.map_err(|e| ImageError::Damaged(e.to_string()))?;
    Ok((alpha, buf))
}

#[cfg(test)]
mod tests {
    use super::widths;

    #[test]
    fn widths_never_upscale() {
        assert_eq!(widths(4000, &[480, 960, 1600]), vec![480, 960, 1600]);
        assert_eq!(widths(800, &[480, 960, 1600]), vec![480, 800]);
        assert_eq!(widths(300, &[480, 960, 1600]), vec![300]);
        assert_eq!(widths(1600, &[480, 960, 1600]), vec![480, 960, 1600]);
    }
}
