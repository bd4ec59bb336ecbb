//! Reading an image safely: size checked from the header before decoding, allocation capped,
//! EXIF orientation applied to the pixels, colours converted to sRGB from the ICC profile.

use std::io::{BufReader, Cursor};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use super::{ImageError, MAX_PIXELS, MAX_SIDE};

/// A decoded image: pixels as stored, the turn that makes them upright, and the colour
/// profile they are in (`None`: sRGB).
pub(super) struct Decoded {
    /// The pixels, as stored (see `orientation`).
    pub(super) image: DynamicImage,
    /// What makes them upright (EXIF orientation).
    pub(super) orientation: image::metadata::Orientation,
    /// The embedded ICC profile, if any.
    pub(super) icc: Option<Vec<u8>>,
}

/// Opens the image at `path` with limits: upright (EXIF orientation applied) and in sRGB.
/// For other parts of thidua that need a photo's pixels (share cards).
/// A file claiming more than [`MAX_SIDE`] pixels a side or [`MAX_PIXELS`] in all is an error
/// before anything large is allocated.
pub fn open(path: &Path) -> Result<DynamicImage, ImageError> {
    let bytes = std::fs::read(path).map_err(ImageError::Unreadable)?;
    open_bytes(&bytes)
}

/// As [`open`], from the file's bytes already read.
pub fn open_bytes(bytes: &[u8]) -> Result<DynamicImage, ImageError> {
    let decoded = decode(bytes)?;
    let mut image = decoded.image;
    image.apply_orientation(decoded.orientation);
    Ok(to_srgb(image, decoded.icc.as_deref()))
}

/// Decodes `bytes` (the whole file) with limits, pixels and colours as stored (turning a
/// 12-megapixel photo costs more than turning its resized copy: the caller turns it).
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, ImageError> {
    let reader = || {
        ImageReader::new(BufReader::new(Cursor::new(bytes)))
            .with_guessed_format()
            .map_err(ImageError::Unreadable)
    };
    // By content, never by name: a renamed text file is not a PNG.
    let format = image::guess_format(bytes).map_err(|_| ImageError::Unsupported)?;
    let probe = reader()?;
    let (width, height) = probe.into_dimensions().map_err(convert)?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooLarge { width, height });
    }
    if format == image::ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err(ImageError::Truncated);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // RGBA at 16 bits a channel, plus room for the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    let mut reader = reader()?;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(convert)?;
    let orientation = decoder.orientation().map_err(convert)?;
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(convert)?;
    Ok(Decoded {
        image,
        orientation,
        icc,
    })
}

/// Whether a JPEG's picture data ends with its end marker (a file cut short while copying
/// from a phone does not; the decoder would fill the rest with grey).
fn jpeg_complete(bytes: &[u8]) -> bool {
    // Walk the segments to the first scan (skipping the EXIF thumbnail, which has its own
    // end marker), then look for the end marker after it: inside picture data a 0xFF byte is
    // always followed by 0x00 or a restart marker. Data a phone appends after the picture
    // (motion photos) comes after the marker and does not matter.
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return false;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if marker == 0xDA {
            let scan = &bytes[i + 2..];
            return scan.windows(2).any(|w| w == [0xFF, 0xD9]);
        }
        i += 2 + len;
    }
    false
}

fn convert(e: image::ImageError) -> ImageError {
    match e {
        image::ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            ImageError::Truncated
        }
        image::ImageError::IoError(io) => ImageError::Unreadable(io),
        image::ImageError::Unsupported(_) => ImageError::Unsupported,
        image::ImageError::Limits(_) => ImageError::TooLarge {
            width: 0,
            height: 0,
        },
        other => ImageError::Damaged(other.to_string()),
    }
}

/// `image` in sRGB: pixels in another colour space (a phone's Display P3…) are converted with
/// the profile, so colours do not shift once the profile is dropped. Unreadable profiles are
/// ignored (the pixels are taken as sRGB, as a browser would).
pub(super) fn to_srgb(image: DynamicImage, icc: Option<&[u8]>) -> DynamicImage {
    let Some(icc) = icc else {
        return image;
    };
    let Ok(source) = moxcms::ColorProfile::new_from_slice(icc) else {
        return image;
    };
    let target = moxcms::ColorProfile::new_srgb();
    let alpha = image.color().has_alpha();
    let layout = if alpha {
        moxcms::Layout::Rgba
    } else {
        moxcms::Layout::Rgb
    };
    let Ok(transform) =
        source.create_transform_8bit(layout, &target, layout, moxcms::TransformOptions::default())
    else {
        return image;
    };
    let (w, h) = (image.width(), image.height());
    let src: Vec<u8> = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    let mut dst = vec![0u8; src.len()];
    if transform.transform(&src, &mut dst).is_err() {
        dst = src;
    }
    let out = if alpha {
        image::RgbaImage::from_raw(w, h, dst).map(DynamicImage::ImageRgba8)
    } else {
        image::RgbImage::from_raw(w, h, dst).map(DynamicImage::ImageRgb8)
    };
    out.unwrap_or_else(|| DynamicImage::new_rgb8(w, h))
}
