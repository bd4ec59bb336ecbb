//! Watching the site: file-system events from `notify`, filtered by a pure [`classify`] and
//! debounced, so an editor's save-as-temp-and-rename, a burst of saves, or a `git checkout` of
//! many files each give one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// What kind of source changed, which decides how much must be rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// A Markdown file in `content/`.
    Content,
    /// A file in `content/_data/`.
    Data,
    /// Another file in `content/` (images, PDFs).
    Asset,
    /// A template, translation file, or `site.yaml`.
    Templates,
    /// A CSS file (the browser can swap it without a reload).
    Style,
    /// Another static file.
    Static,
}

/// Classifies a changed path; `None` for what must not trigger a rebuild: the output folder,
/// dotfiles and dot-folders (`.git`), editor leftovers, `target/`.
pub fn classify(path: &Path, root: &Path, output: &Path) -> Option<Change> {
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let name = parts.last()?;
    if parts
        .iter()
        .any(|p| p.starts_with('.') || p == "target" || p == "public")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
        || name.starts_with(".#")
        // Excel and Word's lock file beside an open workbook or document ("~$mot_cua.xlsx").
        || name.starts_with("~$")
        || name.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let first = parts.first().map(String::as_str);
    let in_static = parts.iter().any(|p| p == "static");
    match first {
        Some("site.yaml") => Some(Change::Templates),
        Some("content") if parts.get(1).map(String::as_str) == Some("_data") => Some(Change::Data),
        Some("content") if name.ends_with(".md") => Some(Change::Content),
        Some("content") => Some(Change::Asset),
        Some("templates") | Some("i18n") => Some(Change::Templates),
        Some("themes") if in_static && name.ends_with(".css") => Some(Change::Style),
        Some("themes") if in_static => Some(Change::Static),
        Some("themes") => Some(Change::Templates),
        Some("static") if name.ends_with(".css") => Some(Change::Style),
        Some("static") => Some(Change::Static),
        _ => None,
    }
}

/// A batch of changes after debouncing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    /// The changed paths that matter, deduplicated, sorted.
    pub paths: Vec<(PathBuf, Change)>,
}

impl Batch {
    /// Whether only stylesheets changed (the browser swaps them, no reload).
    pub fn only_styles(&self) -> bool {
        !self.paths.is_empty() && self.paths.iter().all(|(_, c)| *c == Change::Style)
    }
}

/// How long the files must be quiet before a rebuild, and the longest a burst may delay it.
#[derive(Debug, Clone, Copy)]
pub struct Debounce {
    /// Quiet time after the last event.
    pub quiet: Duration,
    /// Upper bound from the first event of a batch.
    pub max_wait: Duration,
}

impl Default for Debounce {
    fn default() -> Self {
        Debounce {
            quiet: Duration::from_millis(30),
            max_wait: Duration::from_millis(400),
        }
    }
}

/// Collects classified paths from `rx` into one batch: waits for the first, then until the
/// files have been quiet for `quiet` (or `max_wait` passed). `None` when the channel closed.
pub fn next_batch(rx: &Receiver<(PathBuf, Change)>, d: Debounce) -> Option<Batch> {
    let first = rx.recv().ok()?;
    let started = Instant::now();
    let mut paths = vec![first];
    loop {
        let left = d.max_wait.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(d.quiet.min(left)) {
            Ok(p) => paths.push(p),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    paths.sort();
    paths.dedup();
    Some(Batch { paths })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    fn c(p: &str) -> Option<Change> {
        classify(
            Path::new(&format!("/s/{p}")),
            Path::new("/s"),
            Path::new("/s/public"),
        )
    }

    #[test]
    fn classify_sources() {
        assert_eq!(c("content/tin-tuc/a.md"), Some(Change::Content));
        assert_eq!(c("content/_data/results.yaml"), Some(Change::Data));
        assert_eq!(c("content/_data/mot_cua_2023.csv"), Some(Change::Data));
        assert_eq!(c("content/_data/~$mot_cua_2023.xlsx"), None);
        assert_eq!(c("content/tin-tuc/anh.jpg"), Some(Change::Asset));
        assert_eq!(
            c("themes/default/templates/page.html"),
            Some(Change::Templates)
        );
        assert_eq!(c("themes/default/i18n/vi.yaml"), Some(Change::Templates));
        assert_eq!(c("themes/default/static/style.css"), Some(Change::Style));
        assert_eq!(c("static/logo.png"), Some(Change::Static));
        assert_eq!(c("templates/page.html"), Some(Change::Templates));
        assert_eq!(c("site.yaml"), Some(Change::Templates));
    }

    #[test]
    fn classify_ignores_noise() {
        for p in [
            "public/index.html",
            ".git/index",
            "content/.a.md.swp",
            "content/a.md~",
            "content/#a.md#",
            "content/.#a.md",
            "content/4913",
            "target/debug/x",
            "README.md",
            "content/x/.hidden/a.md",
        ] {
            assert_eq!(c(p), None, "{p}");
        }
    }

    #[test]
    fn a_burst_is_one_batch() {
        let (tx, rx) = channel();
        for name in ["a.md", "b.md", "a.md"] {
            tx.send((PathBuf::from(name), Change::Content)).ok();
        }
        let d = Debounce {
            quiet: Duration::from_millis(20),
            max_wait: Duration::from_millis(200),
        };
        let batch = next_batch(&rx, d).unwrap_or_default();
        assert_eq!(batch.paths.len(), 2);
        assert!(!batch.only_styles());
        drop(tx);
        assert_eq!(next_batch(&rx, d), None);
    }
}
