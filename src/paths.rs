//! Names of things: Vietnamese-aware slugs, diacritic folding, and site URLs.
//!
//! Pure functions only: nothing here touches the file system. [`slugify`] and [`fold`] are the
//! one place where Vietnamese text becomes ASCII, so slugs, heading ids, taxonomy URLs and the
//! search index all agree ("Đợt thi đua" → `dot-thi-dua`).

use unicode_normalization::char::is_combining_mark;

/// Folds text for comparison: NFD, combining marks removed, đ→d, lower case.
///
/// "Hài Lòng" and "hai long" fold to the same string; so do "Đông" and "dong".
///
/// Each character is decomposed on its own (marks are dropped, so NFD's reordering of
/// marks cannot change the result), with ASCII copied straight through: this runs for every
/// heading, tag and search word.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        unicode_normalization::char::decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            match d {
                'đ' | 'Đ' => out.push('d'),
                _ => out.extend(d.to_lowercase()),
            }
        });
    }
    out
}

/// A URL slug: folded, with every run of non-alphanumerics turned into one `-`.
///
/// `slugify("Đợt thi đua đặc biệt") == "dot-thi-dua-dac-biet"`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else if c.is_alphanumeric() {
            // Letters outside ASCII that do not fold (e.g. from other scripts) are kept so the
            // slug stays unique and readable; browsers percent-encode them.
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// The base of every URL the site generates, from `base_url` in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Scheme and host, without a trailing slash: `https://example.gov.vn`.
    origin: String,
    /// The sub-path, always starting and ending with `/`: `/` or `/5-nam/`.
    path: String,
}

impl BaseUrl {
    /// Builds a base from a parsed absolute URL.
    pub fn new(url: &url::Url) -> Self {
        let origin = url.origin().ascii_serialization();
        let mut path = url.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        BaseUrl { origin, path }
    }

    /// The sub-path the site lives under: `/` or `/5-nam/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The absolute URL of the site's root: `https://example.gov.vn/5-nam/`.
    pub fn root(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }

    /// A site-relative path (`tin-tuc/a/` or `/tin-tuc/a/`) as an absolute path under the base:
    /// `/5-nam/tin-tuc/a/`.
    pub fn href(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// A site-relative path as a full URL: `https://example.gov.vn/5-nam/tin-tuc/a/`.
    pub fn permalink(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.href(site_path))
    }
}

/// Whether a user-given path segment (a slug, an alias) stays inside the output directory.
///
/// Rejects `..`, empty segments from `//`, backslashes, absolute paths and drive letters.
pub fn is_safe_relative(path: &str) -> bool {
    let trimmed = path.trim_matches('/');
    !path.contains('\\')
        && !path.contains(':')
        && !path.chars().any(char::is_control)
        && trimmed
            .split('/')
            .all(|seg| !seg.is_empty() && seg != ".." && seg != ".")
}

/// The schemes a link written by an author may not use: they run script in the reader's
/// browser (`javascript:`, `vbscript:`), carry a whole document of their own (`data:`) or
/// point into the reader's own computer (`file:`).
pub const UNSAFE_SCHEMES: [&str; 4] = ["javascript", "vbscript", "data", "file"];

/// The scheme of `url` (lower case) if it is one of [`UNSAFE_SCHEMES`], read as a browser
/// reads it: leading and trailing spaces and control characters are ignored, tabs and line
/// breaks anywhere are removed, and case does not matter (` Java\tScript:` is `javascript`).
pub fn unsafe_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    UNSAFE_SCHEMES
        .into_iter()
        .find(|s| s.eq_ignore_ascii_case(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// The definition `fold` implements: NFD of the whole text, marks removed, đ→d, lower case.
    fn fold_by_definition(text: &str) -> String {
        text.nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| match c {
                'đ' | 'Đ' => 'd',
                _ => c,
            })
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn fold_matches_its_definition() {
        let mut samples: Vec<String> = vec![
            "Hài Lòng ĐÚNG HẠN Tỷ lệ Nghễ".into(),
            "a\u{301}\u{323}e\u{323}\u{302}".into(),
        ];
        for u in (0..0x3_0000).filter(|u| u % 7 == 0 || *u < 0x3000) {
            if let Some(c) = char::from_u32(u) {
                samples.push(format!("{c}A{c}\u{301}"));
            }
        }
        for t in &samples {
            assert_eq!(fold(t), fold_by_definition(t), "{t:?}");
        }
    }

    #[test]
    fn slugify_vietnamese() {
        assert_eq!(slugify("Đợt thi đua đặc biệt"), "dot-thi-dua-dac-biet");
        assert_eq!(
            slugify("Chào mừng 05 năm thành lập Trung tâm"),
            "chao-mung-05-nam-thanh-lap-trung-tam"
        );
        assert_eq!(slugify("Tỷ lệ hồ sơ đúng hạn"), "ty-le-ho-so-dung-han");
        assert_eq!(slugify("Lễ vinh danh"), "le-vinh-danh");
        assert_eq!(slugify("  Bài viết mới!  "), "bai-viet-moi");
        assert_eq!(slugify("ƯỚC MƠ Ở ĐÂY"), "uoc-mo-o-day");
    }

    #[test]
    fn slugify_other_scripts_keeps_their_letters_between_hyphens() {
        assert_eq!(slugify("Ελλάδα και Κύπρος"), "ελλαδα-και-κυπρος");
        assert_eq!(slugify("Hợp tác với 北京 2024"), "hop-tac-voi-北京-2024");
        assert_eq!(slugify("Москва – Hà Nội"), "москва-ha-noi");
        // No hyphen before the first letter, whatever script it is in.
        assert_eq!(slugify("«Κύπρος»"), "κυπρος");
        assert_eq!(slugify("— 北京 —"), "北京");
    }

    #[test]
    fn slugify_nfd_and_to_hop_match_nfc() {
        let nfc = "Hài lòng người dân";
        let nfd: String = nfc.nfd().collect();
        // "tổ hợp": precomposed base letters with a combining tone mark.
        let to_hop = "Ha\u{300}i lo\u{300}ng ngươ\u{300}i dân";
        assert_eq!(slugify(&nfd), slugify(nfc));
        assert_eq!(slugify(to_hop), slugify(nfc));
    }

    #[test]
    fn fold_matches_search_expectations() {
        assert_eq!(fold("Hài Lòng"), "hai long");
        assert_eq!(fold("Đúng hạn"), "dung han");
        assert_eq!(fold("Đông"), fold("Dong"));
    }

    #[test]
    fn base_url_with_sub_path() {
        let url = url::Url::parse("https://example.gov.vn/5-nam").unwrap_or_else(|e| panic!("{e}"));
        let base = BaseUrl::new(&url);
        assert_eq!(base.path(), "/5-nam/");
        assert_eq!(base.href("/tin-tuc/a/"), "/5-nam/tin-tuc/a/");
        assert_eq!(
            base.permalink("tin-tuc/a/"),
            "https://example.gov.vn/5-nam/tin-tuc/a/"
        );
        assert_eq!(base.root(), "https://example.gov.vn/5-nam/");
    }

    #[test]
    fn safe_relative_paths() {
        assert!(is_safe_relative("bai-mot"));
        assert!(is_safe_relative("/cu/bai-mot/"));
        assert!(!is_safe_relative("../etc"));
        assert!(!is_safe_relative("a/../../b"));
        assert!(!is_safe_relative("a\\b"));
        assert!(!is_safe_relative("C:/x"));
        assert!(!is_safe_relative("a//b"));
        assert!(!is_safe_relative(""));
    }

    #[test]
    fn unsafe_schemes_are_read_as_browsers_read_them() {
        let cases = [
            ("javascript:alert(1)", Some("javascript")),
            (" JavaScript:alert(1)", Some("javascript")),
            ("java\tscript:alert(1)", Some("javascript")),
            ("\x01\njava\nscr\ript:x", Some("javascript")),
            ("VBScript:x", Some("vbscript")),
            ("data:text/html,<script>", Some("data")),
            ("DATA:image/png;base64,AAAA", Some("data")),
            ("file:///etc/passwd", Some("file")),
            ("https://dichvucong.gov.vn", None),
            ("/tin-tuc/a/", None),
            ("#muc-1", None),
            ("mailto:a@b.vn", None),
            ("tin-tuc/javascript:x", None),
            ("javascript", None),
        ];
        for (url, scheme) in cases {
            assert_eq!(unsafe_scheme(url), scheme, "{url:?}");
        }
    }
}
