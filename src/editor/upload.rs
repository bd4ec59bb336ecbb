//! Photos sent to the editing room: the type is read from the first bytes (JPEG, PNG, WebP;
//! anything else is refused whatever its name says), the size is bounded by the server, and
//! the name becomes a slug (`Ảnh Lễ trao giải (1).JPG` → `anh-le-trao-giai-1.jpg`), so no name
//! can climb out of the post's folder or carry markup.

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
}
