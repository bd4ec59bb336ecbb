//! A page's cover as its share image: where the cover file is, and the focus the crop keeps
//! in view (`extra.image_focus` in the front matter).
//!
//! The focus is written as the CSS `object-position` people know: two percentages, across
//! then down (`"50% 30%"`: the middle, a third of the way down), or words (`top`, `bottom`,
//! `left`, `right`, `center`, e.g. `"top"` or `"left top"`). Without it, the centre.

use std::path::{Path, PathBuf};

use crate::diagnostic::Location;

/// A focus: how far across and down the photo (0 to 1) the crop is centred.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Focus {
    /// Across, from the left edge.
    pub x: f64,
    /// Down, from the top edge.
    pub y: f64,
}

impl Focus {
    /// The centre.
    pub(crate) const CENTRE: Focus = Focus { x: 0.5, y: 0.5 };

    /// Reads `"50% 30%"`, `"top"`, `"left bottom"`…; `None` when it is none of these.
    pub(crate) fn parse(text: &str) -> Option<Focus> {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.is_empty() || words.len() > 2 {
            return None;
        }
        let percent = |w: &str| -> Option<f64> {
            let n: f64 = w.strip_suffix('%')?.trim().replace(',', ".").parse().ok()?;
            (0.0..=100.0).contains(&n).then_some(n / 100.0)
        };
        if words.iter().all(|w| w.ends_with('%')) {
            let x = percent(words[0])?;
            let y = match words.get(1) {
                Some(w) => percent(w)?,
                None => 0.5,
            };
            return Some(Focus { x, y });
        }
        let mut focus = Focus::CENTRE;
        let (mut across, mut down) = (false, false);
        for w in &words {
            match w.to_ascii_lowercase().as_str() {
                "left" if !across => (focus.x, across) = (0.0, true),
                "right" if !across => (focus.x, across) = (1.0, true),
                "top" if !down => (focus.y, down) = (0.0, true),
                "bottom" if !down => (focus.y, down) = (1.0, true),
                "center" | "centre" => {}
                _ => return None,
            }
        }
        Some(focus)
    }
}

/// Where a cover named by a page's `image` (a site path: `/tin-tuc/bai/anh.jpg` for a file
/// of the page's bundle, `/anh/x.jpg` for one of `static/`) is read from: a file the build
/// copies from `content/` (`assets`: output path → source) or the site's `static/`.
pub(crate) fn cover_file(
    root: &Path,
    assets: &std::collections::HashMap<String, PathBuf>,
    image: &str,
) -> Option<PathBuf> {
    let rel = image.trim_start_matches('/');
    if let Some(src) = assets.get(rel) {
        return Some(src.clone());
    }
    if !crate::paths::is_safe_relative(rel) {
        return None;
    }
    let own = root.join("static").join(rel);
    own.is_file().then_some(own)
}

/// Where `key:` (a front-matter key, at any depth) is first written in the file `source`
/// of the site at `root`: the line, and the column of its value.
pub(crate) fn locate(root: &Path, source: &str, key: &str) -> Option<Location> {
    let text = std::fs::read_to_string(root.join(source)).ok()?;
    let needle = format!("{key}:");
    text.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        trimmed.starts_with(&needle).then(|| {
            let indent = line.len() - trimmed.len();
            let value = trimmed[needle.len()..].len() - trimmed[needle.len()..].trim_start().len();
            Location::new(
                i + 1,
                line[..indent + needle.len() + value].chars().count() + 1,
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_reads_percentages_and_words() {
        assert_eq!(Focus::parse("50% 30%"), Some(Focus { x: 0.5, y: 0.3 }));
        assert_eq!(Focus::parse("25%"), Some(Focus { x: 0.25, y: 0.5 }));
        assert_eq!(Focus::parse("top"), Some(Focus { x: 0.5, y: 0.0 }));
        assert_eq!(Focus::parse("left bottom"), Some(Focus { x: 0.0, y: 1.0 }));
        assert_eq!(Focus::parse("center"), Some(Focus::CENTRE));
        for bad in ["", "giữa", "150% 20%", "50 30", "top bottom", "1% 2% 3%"] {
            assert_eq!(Focus::parse(bad), None, "{bad}");
        }
    }
}
