//! Turning a file's bytes into the text every other stage sees.
//!
//! Accepts what Vietnamese offices' keyboards and editors produce: a UTF-8 BOM, CRLF line
//! endings, NFD and "tổ hợp" (base letter + combining tone) text, all normalised to NFC here.
//! Rejects what cannot be read as UTF-8, saying where. Never panics on any input.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::diagnostic::{Diagnostic, Location};
use crate::msg;

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
            Diagnostic::error(file, "text", msg!("the file is UTF-16, not UTF-8"))
                .at(Location::new(1, 1))
                .with_hint(msg!("save it again as \"UTF-8\" in your editor")),
        );
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    // simdutf8 checks Vietnamese text (mostly multi-byte) about ten times faster than std;
    // std's error, which says where, is only computed for a file that fails.
    let text = match simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes)) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..offset]);
            return Err(Diagnostic::error(
                file,
                "text",
                msg!(
                    "invalid UTF-8 byte {} at byte offset {}",
                    format!("0x{:02X}", bytes[offset]),
                    offset
                ),
            )
            .at(Location::of_offset(&before, before.len()))
            .with_hint(msg!("save the file as \"UTF-8\" in your editor")));
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    let was_not_nfc = !is_nfc(&text);
    let text = if was_not_nfc {
        text.nfc().collect()
    } else {
        text
    };
    Ok(SourceText { text, was_not_nfc })
}

/// Whether `text` is NFC. Almost every character of Vietnamese text is ASCII, Latin-1,
/// Latin Extended-A/B (đ, ơ, ư, ă), Latin Extended Additional (ạ…ỹ) or typographic
/// punctuation (U+2010–U+2027: dashes, quotation marks, the ellipsis): characters that are
/// NFC on their own and never combine with what precedes them (quick-check "Yes", combining
/// class 0; the test `fast_ranges_are_nfc_starters` checks every one). Text made only of
/// those is recognised from its UTF-8 bytes in two passes the compiler vectorises; anything
/// else goes to the full Unicode check.
fn is_nfc(text: &str) -> bool {
    is_nfc_by_bytes(text.as_bytes())
        || is_nfc_quick(text.chars()) == IsNormalized::Yes
        || unicode_normalization::is_nfc(text)
}

/// Whether the UTF-8 `b` holds only characters of the ranges [`is_nfc`] names.
fn is_nfc_by_bytes(b: &[u8]) -> bool {
    // Lead bytes: ASCII, C2–CB (U+0080–U+02FF), E1 (U+1000–U+1FFF), E2 (U+2000–U+2FFF);
    // continuation bytes (80–BF) pass too.
    let leads = b
        .iter()
        .fold(true, |ok, &c| ok & !matches!(c, 0xCC..=0xE0 | 0xE3..=0xFF));
    // Within E1 only U+1E00–U+1EFF (E1 B8–BB), within E2 only U+2010–U+2027 (E2 80 90–A7).
    // Written over three shifted slices, without branches, so that it vectorises too.
    let n = b.len();
    leads
        && (n < 3 || {
            let (x, y, z) = (&b[..n - 2], &b[1..n - 1], &b[2..]);
            let bad = x.iter().zip(y).zip(z).fold(0u8, |acc, ((&x, &y), &z)| {
                let e1 = (x == 0xE1) & (y & 0xFC != 0xB8);
                let e2 = (x == 0xE2) & ((y != 0x80) | (z.wrapping_sub(0x90) > 0x17));
                acc | u8::from(e1 | e2)
            });
            bad == 0
        })
}

/// The warning for a file that was not NFC on disk.
pub(crate) fn not_nfc_warning(file: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        "text",
        msg!("Vietnamese text is not in the standard composed form (NFC); it was normalised"),
    )
    .with_hint(msg!(
        "set your keyboard (e.g. Unikey) to \"Unicode dựng sẵn\""
    ))
}

/// NFC-normalises a string that did not come from a file (e.g. a title typed on the command line).
pub(crate) fn nfc(text: &str) -> String {
    if is_nfc(text) {
        text.to_string()
    } else {
        text.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_ranges_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        let fast = (0x00..0x300).chain(0x1E00..=0x1EFF).chain(0x2010..=0x2027);
        for u in fast {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "U+{u:04X}"
            );
            assert_eq!(canonical_combining_class(c), 0, "U+{u:04X}");
            assert!(is_nfc_by_bytes(format!("a{c}b").as_bytes()), "U+{u:04X}");
        }
        // The byte test turns down everything else (the full check then decides).
        for c in [
            '\u{300}', '\u{1DFF}', '\u{1F00}', '\u{2000}', '\u{2028}', '\u{3000}', '日',
        ] {
            assert!(!is_nfc_by_bytes(format!("a{c}b").as_bytes()), "{c:?}");
        }
        // Just outside the ranges: a combining mark, a singleton (U+2000 → U+2002), an NFD pair.
        assert!(!is_nfc("a\u{2000}"));
        assert!(!is_nfc("Ha\u{300}i"));
        assert!(is_nfc("Hài lòng “đúng hạn” – 100%…"));
        assert!(is_nfc("日本 한국"));
        assert!(!is_nfc("\u{1100}\u{1161}"));
    }

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
