//! What a YAML text may cost, checked before `serde_yaml` sees it (issue 12).
//!
//! Two shapes make a small file expensive. Aliases: `a: &x [1, …, 1000]` then a thousand `*x`
//! is a 30 KB file that expands to a million values (gigabytes once deserialised). Nesting:
//! libyaml's scanner is quadratic in flow depth, so 200 KB of `[` takes minutes.
//!
//! [`check`] walks saphyr-parser's events once and stops at the first node over a limit, with
//! its file location: the list or mapping that opens level [`MAX_DEPTH`] + 1, or the alias that
//! pushes the values aliases add past [`MAX_ALIAS_VALUES`]. Each anchor's expanded size and
//! height are recorded when its node closes, so an alias costs O(1) however large its anchor.
//!
//! saphyr's own scanner is linear here: its per-token work grows with flow depth, but it refuses
//! flow depth beyond 255 ("recursion limit exceeded"), so that work is bounded by a constant.
//! When saphyr refuses a text, libyaml might still accept it and would then parse it without
//! these limits; [`fallback`] lets it through only when a plain character count shows it cannot
//! be expensive, and otherwise reports saphyr's error.

use saphyr_parser::{Event, Marker, Parser, ScanError};

use super::Origin;
use crate::diagnostic::Diagnostic;
use crate::msg;

/// Deepest nesting of lists and mappings (campaign data needs fewer than 10 levels; libyaml's
/// quadratic cost is negligible at 64).
pub(crate) const MAX_DEPTH: usize = 64;

/// Most values that aliases may add to one YAML text (values written out are not counted: they
/// cost what the file's size already costs). 200,000 values deserialise in well under a second.
pub(crate) const MAX_ALIAS_VALUES: usize = 200_000;

/// Most alias-like `*name` tokens in a text saphyr refuses that is still handed to libyaml:
/// without saphyr's event counts, 8 aliases expand a text at most about 20 times.
const MAX_UNCHECKED_ALIASES: usize = 8;

/// A list or mapping being read.
struct Frame {
    /// Its anchor id (0 for none).
    anchor: usize,
    /// Values in it so far, aliases expanded, itself included.
    size: usize,
    /// Levels of lists and mappings, itself included.
    height: usize,
}

/// An anchored node, once it is closed.
#[derive(Clone, Copy)]
struct Anchored {
    size: usize,
    height: usize,
}

/// An anchor's state: unknown, open (its node is still being read), or closed.
#[derive(Clone, Copy)]
enum Anchor {
    Unknown,
    Open,
    Closed(Anchored),
}

/// Checks `text` against [`MAX_DEPTH`] and [`MAX_ALIAS_VALUES`].
pub(super) fn check(text: &str, origin: Origin<'_>) -> Result<(), Diagnostic> {
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut added = 0usize;
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(x) => x,
            Err(err) => return fallback(text, origin, &err),
        };
        let at = span.start;
        match event {
            Event::Scalar(_, _, anchor, _) => {
                let node = Anchored { size: 1, height: 0 };
                close(&mut anchors, anchor, node);
                grow(&mut stack, node);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(text, origin, at));
                }
                set(&mut anchors, anchor, Anchor::Open);
                stack.push(Frame {
                    anchor,
                    size: 1,
                    height: 1,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(f) = stack.pop() {
                    let node = Anchored {
                        size: f.size,
                        height: f.height,
                    };
                    close(&mut anchors, f.anchor, node);
                    grow(&mut stack, node);
                }
            }
            Event::Alias(id) => match anchors.get(id).copied().unwrap_or(Anchor::Unknown) {
                Anchor::Closed(node) => {
                    added = added.saturating_add(node.size);
                    if added > MAX_ALIAS_VALUES {
                        return Err(too_large(text, origin, at));
                    }
                    if stack.len() + node.height > MAX_DEPTH {
                        return Err(too_deep(text, origin, at));
                    }
                    grow(&mut stack, node);
                }
                Anchor::Open => return Err(recursive(text, origin, at)),
                // saphyr reports an unknown anchor as an error, before this event.
                Anchor::Unknown => {}
            },
            _ => {}
        }
    }
    Ok(())
}

fn set(anchors: &mut Vec<Anchor>, id: usize, state: Anchor) {
    if id == 0 {
        return;
    }
    if anchors.len() <= id {
        anchors.resize(id + 1, Anchor::Unknown);
    }
    anchors[id] = state;
}

fn close(anchors: &mut Vec<Anchor>, id: usize, node: Anchored) {
    set(anchors, id, Anchor::Closed(node));
}

/// Adds a finished node to the list or mapping it is in.
fn grow(stack: &mut [Frame], node: Anchored) {
    if let Some(parent) = stack.last_mut() {
        parent.size = parent.size.saturating_add(node.size);
        parent.height = parent.height.max(node.height + 1);
    }
}

/// saphyr refused `text`. Lets libyaml report its usual error when the text cannot be
/// expensive: no brackets nested past [`MAX_DEPTH`] and few aliases, counted on characters.
fn fallback(text: &str, origin: Origin<'_>, err: &ScanError) -> Result<(), Diagnostic> {
    if let Some((line, col)) = bracket_too_deep(text) {
        return Err(too_deep_at(origin, line, col));
    }
    if alias_like(text) <= MAX_UNCHECKED_ALIASES {
        return Ok(());
    }
    Err(Diagnostic::error(
        origin.file,
        origin.topic,
        msg!("invalid YAML: {}", super::errors::libyaml_words(err.info())),
    )
    .at(location(text, origin, *err.marker())))
}

/// The (line, column) of the first `[` or `{` nested past [`MAX_DEPTH`], ignoring quotes and
/// comments (so it may overcount, never undercount).
fn bracket_too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        for (j, c) in line.chars().enumerate() {
            match c {
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some((i + 1, j + 1));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// How many `*` could start an alias (after a space, a line start or a flow indicator).
fn alias_like(text: &str) -> usize {
    let mut count = 0;
    let mut prev = ' ';
    for c in text.chars() {
        if c == '*' && matches!(prev, ' ' | '\t' | '\n' | '[' | '{' | ',' | ':' | '-' | '?') {
            count += 1;
        }
        prev = c;
    }
    count
}

/// The file location of `at`, counted on `\n` only (saphyr also breaks lines at `\r`) and
/// kept inside the text (a scan error can sit past its end). Only on the error path: it counts
/// characters from the start.
fn location(text: &str, origin: Origin<'_>, at: Marker) -> crate::diagnostic::Location {
    let (line, col) = line_col(text, at);
    origin.location(line, col)
}

fn line_col(text: &str, at: Marker) -> (usize, usize) {
    let offset = text
        .char_indices()
        .nth(at.index())
        .map_or(text.len(), |(i, _)| i);
    let l = crate::diagnostic::Location::of_offset(text, offset);
    super::errors::clamp(text, l.line, l.col)
}

fn too_deep(text: &str, origin: Origin<'_>, at: Marker) -> Diagnostic {
    let (line, col) = line_col(text, at);
    too_deep_at(origin, line, col)
}

fn too_deep_at(origin: Origin<'_>, line: usize, col: usize) -> Diagnostic {
    Diagnostic::error(
        origin.file,
        origin.topic,
        msg!("the data is nested more than {} levels deep", MAX_DEPTH),
    )
    .at(origin.location(line, col))
    .with_hint(msg!("put fewer lists and mappings inside each other"))
}

fn too_large(text: &str, origin: Origin<'_>, at: Marker) -> Diagnostic {
    Diagnostic::error(
        origin.file,
        origin.topic,
        msg!(
            "the alias \"*{}\" makes the data too large: aliases may add at most {} values",
            alias_name(text, at),
            MAX_ALIAS_VALUES
        ),
    )
    .at(location(text, origin, at))
    .with_hint(msg!("write the values out, or use fewer aliases"))
}

fn recursive(text: &str, origin: Origin<'_>, at: Marker) -> Diagnostic {
    Diagnostic::error(
        origin.file,
        origin.topic,
        msg!(
            "the alias \"*{}\" is inside the value it refers to",
            alias_name(text, at)
        ),
    )
    .at(location(text, origin, at))
}

/// The name after the `*` at `at` (only on the error path: it counts characters from the start).
fn alias_name(text: &str, at: Marker) -> String {
    text.chars()
        .skip(at.index())
        .skip_while(|c| *c == '*')
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
        .take(60)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FM: Origin<'static> = Origin {
        file: "content/a.md",
        first_line: 2,
        topic: "front matter",
    };

    fn err(text: &str) -> String {
        match check(text, FM) {
            Ok(()) => panic!("expected an error for {text:?}"),
            Err(d) => d.to_string(),
        }
    }

    #[test]
    fn ordinary_anchors_and_nesting_pass() {
        for text in [
            "",
            "title: a\n",
            "base: &b {x: 1, y: [1, 2]}\nuse: [*b, *b, *b]\n",
            "a: &s text\nb: *s\n",
            // The top-level mapping is the first level.
            &format!(
                "x: {}{}\n",
                "[".repeat(MAX_DEPTH - 1),
                "]".repeat(MAX_DEPTH - 1)
            ),
            // A text saphyr refuses goes on to serde_yaml, which words the error.
            "title: a\n\tweight: 1\n",
        ] {
            assert!(check(text, FM).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn limits_are_located() {
        let bomb = format!(
            "a: &x [{}]\nb: [{}]\n",
            vec!["1"; 1000].join(", "),
            vec!["*x"; 1000].join(", ")
        );
        let cases = [
            (
                bomb.as_str(),
                "content/a.md:3:801: front matter: the alias \"*x\" makes the data too large: \
                 aliases may add at most 200000 values (write the values out, or use fewer aliases)",
            ),
            (
                &*format!("x:\n  y: {}\n", "[".repeat(200)),
                "content/a.md:3:68: front matter: the data is nested more than 64 levels deep \
                 (put fewer lists and mappings inside each other)",
            ),
            (
                &*format!("x: {}", "[".repeat(100_000)),
                "content/a.md:2:68: front matter: the data is nested more than 64 levels deep \
                 (put fewer lists and mappings inside each other)",
            ),
            (
                "a: &r [1, *r]\n",
                "content/a.md:2:11: front matter: the alias \"*r\" is inside the value it refers to",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(err(text), want);
        }
    }

    /// Found by the `yaml_budget` fuzz target: saphyr put its error on line 8 of a 7-line text.
    #[test]
    fn errors_saphyr_reports_stay_inside_the_text() {
        let text = "a: &x [0, 2, 3]\nb: [*x, *x, 0, 2, 3]\nb: [*x, *x, *x]\nc: &m {k: *x}\nd: [*m,*x]\nc: &m {k: *x}\n\u{1}l [*m, *m]numerator";
        assert_eq!(
            err(text),
            "content/a.md:8:21: front matter: invalid YAML: simple key expected"
        );
    }

    #[test]
    fn an_alias_counts_its_depth() {
        let deep = format!("a: &d {}{}\nb: [[*d]]\n", "[".repeat(63), "]".repeat(63));
        assert_eq!(
            err(&deep),
            "content/a.md:3:6: front matter: the data is nested more than 64 levels deep \
             (put fewer lists and mappings inside each other)"
        );
    }
}
