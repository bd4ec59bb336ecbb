//! Photos: every raster image a page uses becomes a few smaller copies, in WebP with a JPEG
//! (or, with transparency, PNG) fallback, cleaned of metadata, cached by content.
//!
//! - `decode.rs` reads a file with limits (a "decompression bomb" is an error before any large
//!   allocation), applies the EXIF orientation to the pixels and converts colours to sRGB
//!   (the ICC profile is applied, then dropped: every published copy is plain sRGB, which is
//!   what browsers assume for an image without a profile).
//! - `encode.rs` resizes (never up) and encodes. Re-encoding publishes pixels only: GPS,
//!   camera, thumbnails and comments never reach the output.
//! - `cache.rs` keeps the encoded copies in the site's git-ignored `.thidua/cache/images/`,
//!   keyed by the source's bytes and the settings.
//! - `strip.rs` takes the metadata out of photos published as they are (from `static/`),
//!   without re-encoding them.
//! - `sweep.rs` removes, after a full build, the cache folders no page used lately.
//! - `pipeline.rs` is what rendering uses: it finds the source a page names, processes each
//!   source once per build (however many pages use it) and writes the copies to the output.
//!
//! Must not: render HTML (the Markdown renderer and templates do), print, or read `content/`
//! except the image files a page names.

mod cache;
mod decode;
mod encode;
mod pipeline;
mod strip;
pub mod sweep;

use std::path::Path;

use crate::messages::Text;

pub use decode::{open, open_bytes};
pub use pipeline::{Lookup, Picture, Pipeline, Source, Variant};
pub use strip::without_metadata;

/// The widths made of a photo (smaller ones only when the photo is at least that wide).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// Largest width or height accepted, in pixels (a 200-megapixel phone photo is 16,320 px).
pub const MAX_SIDE: u32 = 20_000;

/// Largest decoded image, in pixels (about 100 megapixels: 300 MB as RGB).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Why an image cannot be used.
#[derive(Debug)]
pub enum ImageError {
    /// The file cannot be read.
    Unreadable(std::io::Error),
    /// Not an image format thidua reads (JPEG, PNG, WebP, GIF).
    Unsupported,
    /// The image says it is larger than thidua accepts (a "decompression bomb", or a huge scan).
    TooLarge {
        /// Width the file claims.
        width: u32,
        /// Height the file claims.
        height: u32,
    },
    /// The file ends before the picture does (cut short while copying from a phone).
    Truncated,
    /// The file is damaged (the decoder's words).
    Damaged(String),
}

impl ImageError {
    /// What to tell the user.
    pub fn message(&self) -> Text {
        match self {
            ImageError::Unreadable(e) => crate::msg!("the image cannot be read: {}", e),
            ImageError::Unsupported => {
                crate::msg!("this file is not an image thidua can use (use JPEG, PNG or WebP)")
            }
            ImageError::TooLarge { width, height } => crate::msg!(
                "the image claims to be {} × {} pixels, more than thidua accepts (at most {} pixels a side and {} megapixels): the file is damaged or made to exhaust memory",
                width,
                height,
                MAX_SIDE,
                MAX_PIXELS / 1_000_000
            ),
            ImageError::Truncated => crate::msg!(
                "the image file is cut short (the picture is incomplete): copy it again from the phone or camera"
            ),
            ImageError::Damaged(why) => crate::msg!("the image is damaged: {}", why),
        }
    }
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().render(crate::messages::Lang::En))
    }
}

impl std::error::Error for ImageError {}

/// Whether thidua processes a file with this name (by extension): JPEG, PNG, WebP.
/// GIFs (often animated) are published as they are.
pub fn is_photo(name: &str) -> bool {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp")
}
