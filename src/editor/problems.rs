//! The same checks as `build` (front matter, links, data, templates), run on the whole site
//! with drafts and future dates included, and the problems of one post placed where the
//! person will see them: next to the field whose front-matter line is wrong, or by line in
//! the body.

use crate::diagnostic::{BuildError, Diagnostic, Severity};
use crate::{BuildOptions, Mode};

/// One problem, placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    /// The form field it belongs to (`title`, `date`…), or `body`.
    pub(super) field: String,
    /// The message in the room's language, with the line when it is in the body.
    pub(super) text: String,
    /// An error (blocks submitting), not a warning.
    pub(super) error: bool,
}

/// The fields the form has, by their front-matter key.
const FIELDS: [&str; 7] = [
    "title",
    "slug",
    "date",
    "description",
    "tags",
    "categories",
    "image",
];

/// Checks the site and returns the problems of `rel`, as its file is or, given `text`, as
/// that text (a revision waiting for approval, an autosaved copy) would make it.
pub(super) fn check(
    root: &std::path::Path,
    rel: &str,
    lang: crate::messages::Lang,
    text: Option<&str>,
) -> Vec<Problem> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        mode: Mode::Check,
        drafts: true,
        future: true,
        overlay: text.map(|t| std::sync::Arc::new(crate::load::Overlay::new(rel, t.to_string()))),
        ..BuildOptions::default()
    };
    let diags: Vec<Diagnostic> = match crate::build(&opts) {
        Ok(report) => report.warnings,
        Err(BuildError::Content(d)) => d,
        Err(_) => Vec::new(),
    };
    let text = text.map_or_else(
        || std::fs::read_to_string(root.join(rel)).unwrap_or_default(),
        str::to_string,
    );
    let lines: Vec<&str> = text.lines().collect();
    // The body's first line in the file: after the second `---` (the text area counts from it).
    let body_start = lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| l.trim_end() == "---")
        .map_or(1, |(i, _)| i + 2);
    // The build names files in composed Unicode (NFC), whatever the disk holds.
    let nfc_rel = crate::text::nfc(rel);
    diags
        .iter()
        .filter(|d| d.file == nfc_rel)
        .map(|d| place(d, &lines, body_start, lang))
        .collect()
}

fn place(
    d: &Diagnostic,
    lines: &[&str],
    body_start: usize,
    lang: crate::messages::Lang,
) -> Problem {
    let full = d.render(lang);
    let message = full
        .strip_prefix(&d.file)
        .map(|rest| rest.trim_start_matches(|c: char| c == ':' || c.is_ascii_digit() || c == ' '))
        .unwrap_or(&full)
        .to_string();
    let line = d.location.map(|l| l.line);
    let key = line
        .and_then(|n| lines.get(n.saturating_sub(1)))
        .and_then(|l| l.split_once(':'))
        .map(|(k, _)| k.trim())
        .filter(|k| FIELDS.contains(k));
    let (field, text) = match (key, line) {
        (Some(k), _) => (k.to_string(), message),
        (None, Some(n)) if n >= body_start => (
            "body".to_string(),
            crate::msg!("line {}: {}", (n + 1 - body_start).to_string(), message).render(lang),
        ),
        (None, _) => ("body".to_string(), message),
    };
    Problem {
        field,
        text,
        error: d.severity == Severity::Error,
    }
}
