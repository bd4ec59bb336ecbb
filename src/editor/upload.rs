//! Photos sent to the editing room: the type is read from the first bytes (JPEG, PNG, WebP;
//! anything else is refused whatever its name says), the size is bounded by the server, and
//! the name becomes a slug (`Ảnh Lễ trao giải (1).JPG` → `anh-le-trao-giai-1.jpg`), so no name
//! can climb out of the post's folder or carry markup. A picture pasted inside HTML as a
//! `data:` address is decoded and stored the same way.

use std::path::Path;

use base64::Engine;
use hyper::StatusCode;

use super::State;
use crate::messages::Text;
use crate::msg;

/// An image type the room accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
}

impl ImageKind {
    /// The type from the file's first bytes.
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(ImageKind::Webp)
        } else {
            None
        }
    }

    /// The extension written.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::Webp => "webp",
        }
    }
}

/// The file name to store an upload under: the slug of its name without extension (or
/// `anh`), then the extension of its real type.
pub fn safe_name(sent: &str, kind: ImageKind) -> String {
    let base = sent.rsplit(['/', '\\']).next().unwrap_or(sent);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let mut slug = crate::paths::slugify(&crate::text::nfc(stem));
    slug.retain(|c| c.is_ascii_alphanumeric() || c == '-');
    slug.truncate(60);
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "anh" } else { slug };
    format!("{slug}.{}", kind.extension())
}

/// Stores a photo sent as `bytes` in the post's folder `dir` under a safe form of `sent` that
/// no file there has yet (`anh.png`, `anh-2.png`…), written whole or not at all. Gives the
/// name, or the status and reason of a refusal (not a photo; not written).
pub(super) fn store(
    state: &State,
    dir: &Path,
    sent: &str,
    bytes: &[u8],
) -> Result<String, (StatusCode, Text)> {
    let Some(kind) = ImageKind::sniff(bytes) else {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            msg!("This file is not a JPEG, PNG or WebP photo."),
        ));
    };
    // The name is chosen and the file written under one lock: two uploads of `anh.png` at
    // once get two names, never one file.
    let _guard = state.lock_writing();
    let name = unused_name(dir, &safe_name(sent, kind));
    super::atomic::write_atomic(&dir.join(&name), bytes, false).map_err(|e| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            msg!("cannot save {}: {}", name.clone(), e),
        )
    })?;
    Ok(name)
}

/// `name`, or `name-2`, `name-3`… if taken.
fn unused_name(dir: &Path, name: &str) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (1..)
        .map(|i| {
            if i == 1 {
                name.to_string()
            } else {
                format!("{stem}-{i}.{ext}")
            }
        })
        .find(|n| !dir.join(n).exists())
        .unwrap_or_else(|| name.to_string())
}

/// The bytes of a `data:…;base64,…` address (what a web page or an office program puts in
/// the clipboard's HTML for a picture), or `None` for any other address or broken base64.
/// The type it claims is not believed: [`store`] reads it from the bytes.
pub fn data_address_bytes(src: &str) -> Option<Vec<u8>> {
    let head = src.get(..5)?;
    if !head.eq_ignore_ascii_case("data:") {
        return None;
    }
    let (meta, payload) = src[5..].split_once(',')?;
    if !meta.to_ascii_lowercase().ends_with(";base64") {
        return None;
    }
    let clean: Vec<u8> = payload
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    engine.decode(clean).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_slugs_of_the_real_type() {
        let k = ImageKind::Jpeg;
        assert_eq!(
            safe_name("Ảnh Lễ trao giải (1).JPG", k),
            "anh-le-trao-giai-1.jpg"
        );
        assert_eq!(safe_name("../../x.md", k), "x.jpg");
        assert_eq!(
            safe_name("<img src=x onerror=alert(1)>.png", k),
            "img-src-x-onerror-alert-1.jpg"
        );
        assert_eq!(safe_name("..", k), "anh.jpg");
        assert_eq!(
            safe_name("C:\\Users\\a\\ảnh.webp", ImageKind::Webp),
            "anh.webp"
        );
    }

    #[test]
    fn the_type_comes_from_the_bytes() {
        assert_eq!(
            ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(
            ImageKind::sniff(b"\x89PNG\r\n\x1a\nrest"),
            Some(ImageKind::Png)
        );
        assert_eq!(
            ImageKind::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(ImageKind::Webp)
        );
        assert_eq!(ImageKind::sniff(b"<html><script>"), None);
    }

    #[test]
    fn data_addresses_give_their_bytes() {
        assert_eq!(
            data_address_bytes("data:image/png;base64,iVBO\nRw0K"),
            Some(b"\x89PNG\r\n".to_vec())
        );
        assert_eq!(
            data_address_bytes("DATA:image/png;BASE64,iVBORw0K"),
            Some(b"\x89PNG\r\n".to_vec())
        );
        assert_eq!(data_address_bytes("data:image/png;base64,%%%"), None);
        assert_eq!(data_address_bytes("data:text/plain,hello"), None);
        assert_eq!(data_address_bytes("https://example.com/a.png"), None);
        assert_eq!(data_address_bytes("dat"), None);
    }
}
