//! Diagnostics: what went wrong, where, and what to do about it.
//!
//! Owns the [`Diagnostic`] type every stage reports with, the [`BuildError`] a build ends with,
//! the exit codes, and the wording that is shared between stages (`did_you_mean`, the summary
//! line, the translation of serde's phrasing). Stages create diagnostics; they never print them.
//! Locations are 1-based and count from the top of the source file.

use std::fmt;

use crate::messages::{Lang, Text};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot succeed.
    Error,
    /// The build succeeds, but the author should fix this.
    Warning,
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line, starting at 1.
    pub line: usize,
    /// Column in characters, starting at 1.
    pub col: usize,
}

impl Location {
    /// A location from a 1-based line and column.
    pub fn new(line: usize, col: usize) -> Self {
        Location {
            line: line.max(1),
            col: col.max(1),
        }
    }

    /// The location of byte `offset` within `text` (1-based line and character column).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Location { line, col }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found in the site, tied to a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The source file, relative to the site root with `/` separators (`content/tin-tuc/a.md`).
    pub file: String,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// What kind of thing is wrong: "front matter", "link", "template", "data", "config"…
    pub topic: &'static str,
    /// What is wrong, in the author's terms.
    pub message: Text,
    /// How to fix it, when we can tell.
    pub hint: Option<Text>,
}

impl Diagnostic {
    /// An error in `file`.
    pub fn error(file: impl Into<String>, topic: &'static str, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location: None,
            topic,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file`.
    pub fn warning(file: impl Into<String>, topic: &'static str, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, topic, message)
        }
    }

    /// The same diagnostic at `location`.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// The same diagnostic at `location`, if there is one.
    pub fn at_opt(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, Option<Location>, String) {
        (&self.file, self.location, self.message.to_string())
    }
}

impl Diagnostic {
    /// `file:line:col: topic: message (hint)` in `lang`, with control characters shown
    /// escaped (a file name or a value may carry a terminal escape sequence). The topic is
    /// the same in both languages: the guide lists it as the error's kind.
    pub fn render(&self, lang: Lang) -> String {
        let mut line = self.file.clone();
        if let Some(loc) = self.location {
            line.push_str(&format!(":{}:{}", loc.line, loc.col));
        }
        if self.severity == Severity::Warning {
            line.push_str(match lang {
                Lang::En => ": warning",
                Lang::Vi => ": cảnh báo",
            });
        }
        line.push_str(&format!(": {}: {}", self.topic, self.message.render(lang)));
        if let Some(hint) = &self.hint {
            line.push_str(&format!(" ({})", hint.render(lang)));
        }
        escape_controls(&line).into_owned()
    }
}

impl fmt::Display for Diagnostic {
    /// The diagnostic in English ([`Diagnostic::render`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// `text` safe to print on a terminal: control characters (C0 but tab and line feed, DEL, C1)
/// and the invisible bidirectional overrides become visible escapes (`\x1b`, `\u{9b}`,
/// `\u{202e}`), so a file named `a\x1b[31m.md` cannot recolour, rewrite or hide what
/// thidua prints. Every other character, Vietnamese letters included, is kept.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !unsafe_char(c) {
            out.push(c);
        } else if u32::from(c) < 0x80 {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Sorts diagnostics by file, line and column, and drops exact repeats.
pub fn sort_diagnostics(diags: &mut Vec<Diagnostic>) {
    diags.sort_by_cached_key(|d| {
        let (file, location, message) = d.sort_key();
        (file.to_string(), location, message)
    });
    diags.dedup();
}

/// Why a build did not produce a site.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The site's content, data, templates or config have errors (exit 1).
    #[error("{}", content_summary(.0))]
    Content(Vec<Diagnostic>),
    /// The command was used wrongly, e.g. an output directory that would destroy sources (exit 2).
    #[error("{0}")]
    Usage(Text),
    /// Reading or writing a file failed for a reason outside the site's content (exit 2).
    #[error("{path}: {source}")]
    Io {
        /// The path that failed, as the user would recognise it.
        path: String,
        /// What the operating system said.
        source: std::io::Error,
    },
}

impl BuildError {
    /// The process exit code for this error: 1 for content errors, 2 for usage and I/O.
    pub fn exit_code(&self) -> u8 {
        match self {
            BuildError::Content(_) => 1,
            BuildError::Usage(_) | BuildError::Io { .. } => 2,
        }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<Text>) -> Self {
        BuildError::Usage(message.into())
    }

    /// An I/O error on `path`.
    pub fn io(path: impl fmt::Display, source: std::io::Error) -> Self {
        BuildError::Io {
            path: path.to_string(),
            source,
        }
    }

    /// What went wrong, as a message: "3 errors in 2 files", the usage error's sentence, or
    /// "path: what the operating system said" ([`fmt::Display`] is its English).
    pub fn message(&self) -> Text {
        match self {
            BuildError::Content(diags) => content_summary(diags),
            BuildError::Usage(text) => text.clone(),
            BuildError::Io { path, source } => crate::msg!("{}: {}", path, source),
        }
    }

    /// A build error from a list of diagnostics, keeping only errors, sorted.
    pub fn from_diagnostics(mut diags: Vec<Diagnostic>) -> Self {
        diags.retain(Diagnostic::is_error);
        sort_diagnostics(&mut diags);
        BuildError::Content(diags)
    }
}

/// "3 errors in 2 files".
pub fn content_summary(diags: &[Diagnostic]) -> Text {
    let mut files: Vec<&str> = diags.iter().map(|d| d.file.as_str()).collect();
    files.dedup();
    let errors = crate::plural!(diags.len(), "{} error", "{} errors");
    let files = crate::plural!(files.len(), "{} file", "{} files");
    crate::msg!("{} in {}", errors, files)
}

/// The warning's sentence for a link whose scheme browsers would run or open locally
/// (`paths::unsafe_scheme`); a long `data:` address is cut short.
pub fn unsafe_link_message(url: &str, scheme: &str) -> Text {
    let shown: String = if url.chars().count() > 60 {
        url.chars().take(59).chain(['…']).collect()
    } else {
        url.to_string()
    };
    crate::msg!(
        "the link \"{}\" uses the \"{}\" scheme, which browsers would run or open on the reader's computer",
        shown,
        format!("{scheme}:")
    )
}

/// The hint that goes with [`unsafe_link_message`].
pub fn unsafe_link_hint() -> Text {
    crate::msg!("it is written as \"#\"; link to an https:// address or to a page of the site")
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The hint for an unknown key: `did you mean "title"?`, or the list of valid keys.
pub fn hint_for_unknown(word: &str, candidates: &[&str]) -> Text {
    match did_you_mean(word, candidates) {
        Some(best) => crate::msg!("did you mean \"{}\"?", best),
        None if candidates.is_empty() => crate::msg!("there are none yet"),
        None => crate::msg!("expected one of {}", quoted_list(candidates)),
    }
}

/// `"a", "b", "c"`.
pub fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_with_location_and_hint() {
        let d = Diagnostic::error(
            "content/a.md",
            "front matter",
            crate::msg!("unknown field \"{}\"", "tittle"),
        )
        .at(Location::new(3, 1))
        .with_hint(crate::msg!("did you mean \"{}\"?", "title"));
        assert_eq!(
            d.to_string(),
            "content/a.md:3:1: front matter: unknown field \"tittle\" (did you mean \"title\"?)"
        );
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(
            escape_controls("content/a\x1b[31mđỏ\u{9b}\r\x07\u{202e}.md\tx\ny"),
            "content/a\\x1b[31mđỏ\\u{9b}\\x0d\\x07\\u{202e}.md\tx\ny"
        );
        let d = Diagnostic::error("content/a\x1b[2J.md", "text", Text::foreign("bad \x7f"));
        assert_eq!(d.to_string(), "content/a\\x1b[2J.md: text: bad \\x7f");
    }

    #[test]
    fn warning_is_marked() {
        let d = Diagnostic::warning("content/a.md", "text", Text::foreign("not NFC"));
        assert_eq!(d.to_string(), "content/a.md: warning: text: not NFC");
    }

    #[test]
    fn location_of_offset_counts_characters() {
        let text = "một\nhai ba";
        assert_eq!(Location::of_offset(text, 0), Location::new(1, 1));
        let off = text.find("ba").unwrap_or(0);
        assert_eq!(Location::of_offset(text, off), Location::new(2, 5));
        // An offset inside a multibyte character falls back to its start.
        assert_eq!(Location::of_offset(text, 2), Location::new(1, 2));
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let keys = ["title", "date", "description", "tags"];
        assert_eq!(did_you_mean("tittle", &keys), Some("title"));
        assert_eq!(did_you_mean("descripton", &keys), Some("description"));
        assert_eq!(did_you_mean("colour", &keys), None);
    }

    #[test]
    fn summary_counts_errors_and_files() {
        let e = BuildError::from_diagnostics(vec![
            Diagnostic::error("b.md", "t", Text::foreign("x")),
            Diagnostic::error("a.md", "t", Text::foreign("y")),
            Diagnostic::error("a.md", "t", Text::foreign("z")),
            Diagnostic::warning("c.md", "t", Text::foreign("w")),
        ]);
        assert_eq!(e.to_string(), "3 errors in 2 files");
        assert_eq!(e.exit_code(), 1);
    }

    #[test]
    fn a_diagnostic_in_vietnamese() {
        let d = Diagnostic::error(
            "content/tin-tuc/bai-1.md",
            "front matter",
            crate::msg!("unknown field \"{}\"", "tittle"),
        )
        .at(Location::new(3, 1))
        .with_hint(crate::msg!("did you mean \"{}\"?", "title"));
        assert_eq!(
            d.render(Lang::Vi),
            "content/tin-tuc/bai-1.md:3:1: front matter: trường không hợp lệ \"tittle\" (có phải ý bạn là \"title\"?)"
        );
        assert_eq!(d.render(Lang::En), d.to_string());
    }
}
