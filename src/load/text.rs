//! Turning a file's bytes into the text every other stage sees.
//!
//! Accepts what Vietnamese offices' keyboards and editors produce: a UTF-8 BOM, CRLF line
//! endings, NFD and "tổ hợp" (base letter + combining tone) text, all normalised to NFC here.
//! Rejects what cannot be read as UTF-8, saying where. Never panics on any input.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::diagnostic::{Diagnostic, Location};

/// Text read from a source file, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceText {
    /// NFC text with `\n` line endings and no BOM.
    pub(crate) text: String,
    /// Whether the file was not NFC on disk (worth a warning: fix the input method).
    pub(crate) was_not_nfc: bool,
}

/// Decodes and normalises the bytes of `file`.
pub(crate) fn decode(bytes: &[u8], file: &str) -> Result<SourceText, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Diagnostic::error(file, "text", "the file is UTF-16, not UTF-8")
                .at(Location::new(1, 1))
                .with_hint("save it again as \"UTF-8\" in your editor"),
        );
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..offset]);
            return Err(Diagnostic::error(
                file,
                "text",
                format!(
                    "invalid UTF-8 byte 0x{:02X} at byte offset {offset}",
                    bytes[offset]
                ),
            )
            .at(Location::of_offset(&before, before.len()))
            .with_hint("save the file as \"UTF-8\" in your editor"));
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    let was_not_nfc =
        is_nfc_quick(text.chars()) != IsNormalized::Yes && !unicode_normalization::is_nfc(&text);
    let text = if was_not_nfc {
        text.nfc().collect()
    } else {
        text
    };
    Ok(SourceText { text, was_not_nfc })
}

/// The warning for a file that was not NFC on disk.
pub(crate) fn not_nfc_warning(file: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        "text",
        "Vietnamese text is not in the standard composed form (NFC); it was normalised",
    )
    .with_hint("set your keyboard (e.g. Unikey) to \"Unicode dựng sẵn\"")
}

/// NFC-normalises a string that did not come from a file (e.g. a title typed on the command line).
pub(crate) fn nfc(text: &str) -> String {
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let t = decode(b"\xEF\xBB\xBFa\r\nb\r\n", "f").unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(t.text, "a\nb\n");
        assert!(!t.was_not_nfc);
    }

    #[test]
    fn nfd_and_to_hop_become_nfc() {
        let t = decode("Ha\u{300}i lo\u{300}ng".as_bytes(), "f").unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(t.text, "Hài lòng");
        assert!(t.was_not_nfc);
        // "tổ hợp": ê precomposed, tone mark combining.
        let t = decode("nghê\u{303}".as_bytes(), "f").unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(t.text, "nghễ");
    }

    #[test]
    fn invalid_utf8_reports_offset_and_line() {
        let d = decode(b"ab\ncd\xFFef", "content/x.md")
            .err()
            .map(|d| d.to_string());
        assert_eq!(
            d.as_deref(),
            Some(
                "content/x.md:2:3: text: invalid UTF-8 byte 0xFF at byte offset 5 \
                 (save the file as \"UTF-8\" in your editor)"
            )
        );
    }

    #[test]
    fn utf16_is_named() {
        let d = decode(b"\xFF\xFEa\x00", "content/x.md")
            .err()
            .map(|d| d.to_string());
        assert_eq!(
            d.as_deref(),
            Some(
                "content/x.md:1:1: text: the file is UTF-16, not UTF-8 \
                 (save it again as \"UTF-8\" in your editor)"
            )
        );
    }
}
