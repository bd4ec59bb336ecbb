//! Markdown to HTML with pulldown-cmark: the CommonMark extensions authors expect, heading ids
//! from Vietnamese-aware slugs, a table of contents, a summary cut at `<!-- more -->`,
//! internal links written `@/tin-tuc/bai-mot.md` resolved to URLs, bare addresses linked
//! (`autolink.rs`), tables wrapped in a scrolling region a keyboard can reach, and live figures
//! written as shortcodes (`shortcodes.rs`).
//!
//! Pure: the caller supplies how `@/` paths resolve and what shortcodes say, and gets
//! diagnostics back with file lines (the body's offset in the file is added here). Heading ids
//! and the table of contents are made in `headings.rs`.

mod adapt;
mod autolink;
mod figures;
mod headings;
mod shortcodes;

use std::cell::RefCell;

use pulldown_cmark::{
    CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeStream, TextMergeWithOffset,
};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Text;
pub(crate) use adapt::under_sub_path;
use adapt::{Walk, adapt};
pub use figures::{Ask, Media, MediaHook};
use headings::{HeadingIds, name_heading, nest};
pub use shortcodes::{Expand, Shortcode, ShortcodeError};
use shortcodes::{Expanded, expand_all};

/// The summary marker.
pub const MORE: &str = "<!-- more -->";

/// A Markdown body and where it sits.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownInput<'a> {
    /// The body text.
    pub markdown: &'a str,
    /// The source file, relative to the site root.
    pub file: &'a str,
    /// The file line the body starts on.
    pub body_line: usize,
    /// The site's sub-path (`/5-nam/`, or `/`): an address written from the server's root
    /// (`/tin-tuc/bai/`) is published under it (`/5-nam/tin-tuc/bai/`).
    pub sub_path: &'a str,
}

/// How an `@/` link resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The URL to link to.
    Url(String),
    /// The URL, with a warning (e.g. the target is a draft).
    Warn(String, Text),
    /// No such target: the message.
    Missing(Text),
}

/// A heading in the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute (also the `#fragment`).
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Deeper headings under this one.
    pub children: Vec<TocEntry>,
}

/// The result of rendering a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The whole body as HTML.
    pub html: String,
    /// The HTML before `<!-- more -->`, if the body has the marker.
    pub summary: Option<String>,
    /// The table of contents.
    pub toc: Vec<TocEntry>,
    /// Every heading id, for checking `#anchor` links.
    pub anchors: Vec<String>,
    /// Words in the text (for reading time).
    pub words: usize,
}

/// The extensions thidua renders with (also used to find links where they are written).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a body, resolving `@/` links with `resolve` (shortcodes are left as written).
pub fn render(
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
) -> (Rendered, Vec<Diagnostic>) {
    render_expanding(input, resolve, None)
}

/// Renders a body, resolving `@/` links with `resolve` and shortcodes with `shortcodes`.
pub fn render_expanding(
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
    shortcodes: Option<Expand<'_>>,
) -> (Rendered, Vec<Diagnostic>) {
    render_full(input, resolve, shortcodes, None)
}

/// Renders a body, resolving `@/` links with `resolve`, shortcodes with `shortcodes`, and
/// photos (images and links to them) with `media`.
pub fn render_full(
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
    shortcodes: Option<Expand<'_>>,
    media: Option<MediaHook<'_>>,
) -> (Rendered, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let expanded = shortcodes.and_then(|e| expand_all(input.markdown, e));
    let expanded = expanded.map(|(exp, errors)| {
        diags.extend(errors.into_iter().map(|e| shortcode_diagnostic(input, e)));
        exp
    });
    let pass = Pass {
        text: expanded
            .as_ref()
            .map_or(input.markdown, |e| e.text.as_str()),
        expanded: expanded.as_ref(),
        // Photos' errors are placed at their line.
        with_offsets: input.markdown.contains("@/")
            || (media.is_some() && input.markdown.contains("](")),
        footnote_refs: true,
        media,
    };
    // Offsets are only needed to place errors in `@/` links and warnings on unsafe links;
    // without either, the plain parser is cheaper. An unsafe link is rare: when one turns up
    // unplaced, the body is rendered again with offsets.
    let (mut rendered, mut more) = render_with(input, resolve, pass);
    if !pass.with_offsets && more.iter().any(|d| d.location.is_none()) {
        let again = Pass {
            with_offsets: true,
            ..pass
        };
        (rendered, more) = render_with(input, resolve, again);
    }
    diags.append(&mut more);
    (rendered, diags)
}

/// A shortcode error, placed in the file.
fn shortcode_diagnostic(input: MarkdownInput<'_>, e: ShortcodeError) -> Diagnostic {
    let loc = Location::of_offset(input.markdown, e.at);
    let d = Diagnostic::error(input.file, "shortcode", e.message)
        .at(Location::new(loc.line + input.body_line - 1, loc.col));
    match e.hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// How one rendering pass reads the body.
#[derive(Clone, Copy)]
struct Pass<'a> {
    /// The text parsed: the body, or the body with its shortcodes expanded.
    text: &'a str,
    /// How offsets in `text` map back to the body, when shortcodes were expanded.
    expanded: Option<&'a Expanded>,
    /// Whether to track offsets (to place diagnostics).
    with_offsets: bool,
    /// Whether footnote references are written (not in a summary, which has no footnotes).
    footnote_refs: bool,
    /// What photos are (none: images and links are left as written).
    media: Option<MediaHook<'a>>,
}

fn render_with(
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
    pass: Pass<'_>,
) -> (Rendered, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut used_ids = HeadingIds::default();
    let mut headings: Vec<(u8, String, String)> = Vec::new();
    let mut walk = Walk::default();
    let mut summary_len = None;
    let out = RefCell::new(String::with_capacity(pass.text.len() * 3 / 2));
    let parser = Parser::new_ext(pass.text, options());
    let original = |r: std::ops::Range<usize>| match pass.expanded {
        Some(e) => e.original(r.start)..e.original(r.end),
        None => r,
    };
    let mut stream: Box<dyn Iterator<Item = (Event<'_>, Option<std::ops::Range<usize>>)>> =
        if pass.with_offsets {
            Box::new(
                TextMergeWithOffset::new(parser.into_offset_iter())
                    .map(|(e, r)| (e, Some(original(r)))),
            )
        } else {
            Box::new(TextMergeStream::new(parser).map(|e| (e, None)))
        };
    let figure_diags = std::rc::Rc::new(RefCell::new(Vec::new()));
    if let Some(hook) = pass.media {
        stream = Box::new(figures::Figures::new(
            stream,
            hook,
            input,
            std::rc::Rc::clone(&figure_diags),
        ));
    }
    // Events go straight to the HTML writer; only a heading's events wait, until its text is
    // known and it has an id.
    let mut pending: std::collections::VecDeque<Event<'_>> = std::collections::VecDeque::new();
    let events = std::iter::from_fn(|| {
        if let Some(e) = pending.pop_front() {
            return Some(e);
        }
        let (event, range) = stream.next()?;
        let event = adapt(event, range, input, resolve, &mut diags, &mut walk);
        match event {
            Event::Start(Tag::Heading { .. }) => {
                let mut heading = vec![event];
                for (e, r) in stream.by_ref() {
                    let e = adapt(e, r, input, resolve, &mut diags, &mut walk);
                    let end = matches!(e, Event::End(TagEnd::Heading(_)));
                    heading.push(e);
                    if end {
                        break;
                    }
                }
                if let Some(&Event::End(TagEnd::Heading(level))) = heading.last() {
                    headings.push(name_heading(&mut heading, level, &mut used_ids));
                }
                pending.extend(heading);
                pending.pop_front()
            }
            Event::Html(ref html) | Event::InlineHtml(ref html)
                if summary_len.is_none() && html.trim() == MORE =>
            {
                // Everything before the marker has been written: that is the summary.
                summary_len = Some(out.borrow().len());
                Some(event)
            }
            Event::FootnoteReference(_) if !pass.footnote_refs => {
                Some(Event::Text(CowStr::Borrowed("")))
            }
            // A wide table scrolls inside a region a keyboard can reach and a screen reader
            // names, instead of widening the page.
            Event::Start(Tag::Table(_)) => {
                walk.tables += 1;
                pending.push_back(event);
                Some(Event::Html(CowStr::from(format!(
                    "<div class=\"bang-cuon\" role=\"region\" aria-label=\"Bảng {}\" tabindex=\"0\">",
                    walk.tables
                ))))
            }
            Event::End(TagEnd::Table) => {
                pending.push_back(Event::Html(CowStr::Borrowed("</div>\n")));
                Some(event)
            }
            other => Some(other),
        }
    });
    // Writing into a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(SharedString(&out), events);
    diags.append(&mut figure_diags.borrow_mut());
    let html = out.into_inner();
    let summary = summary_len.and_then(|n| html.get(..n)).map(str::to_string);
    let anchors = headings.iter().map(|(_, id, _)| id.clone()).collect();
    let rendered = Rendered {
        html,
        summary,
        toc: nest(headings),
        anchors,
        words: walk.words,
    };
    (rendered, diags)
}

/// The HTML writer's output, readable while it writes (to note where the summary ends).
struct SharedString<'a>(&'a RefCell<String>);

impl std::fmt::Write for SharedString<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// The summary only (the text before `<!-- more -->`), for lists; `None` without the marker.
/// Shortcodes are left as written.
pub fn summary(input: MarkdownInput<'_>, resolve: &dyn Fn(&str) -> Resolved) -> Option<String> {
    summary_expanding(input, resolve, None)
}

/// The summary, with its shortcodes expanded by `shortcodes`. A footnote's marker is left out:
/// its note is not part of the summary.
pub fn summary_expanding(
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
    shortcodes: Option<Expand<'_>>,
) -> Option<String> {
    let cut = find_more(input.markdown)?;
    // A footnote's marker is only known as one with its note, which comes after the cut: with
    // a marker in the summary, the whole body is rendered and the part before the cut kept.
    let notes = input.markdown[..cut].contains("[^");
    let body = if notes {
        input
    } else {
        MarkdownInput {
            markdown: &input.markdown[..cut],
            ..input
        }
    };
    let expanded = shortcodes.and_then(|e| expand_all(body.markdown, e));
    let pass = Pass {
        text: expanded
            .as_ref()
            .map_or(body.markdown, |(e, _)| e.text.as_str()),
        expanded: expanded.as_ref().map(|(e, _)| e),
        with_offsets: false,
        footnote_refs: false,
        media: None,
    };
    let rendered = render_with(body, resolve, pass).0;
    if notes {
        rendered.summary
    } else {
        Some(rendered.html)
    }
}

/// The byte offset of a `<!-- more -->` line outside fenced code blocks.
fn find_more(markdown: &str) -> Option<usize> {
    // Most pages have no marker: one substring search instead of a walk over every line.
    if !markdown.contains(MORE) {
        return None;
    }
    let mut offset = 0;
    let mut fence: Option<(char, usize)> = None;
    for line in markdown.split('\n') {
        let t = line.trim_start();
        let marker = t.chars().next().filter(|c| *c == '`' || *c == '~');
        if let Some(c) = marker {
            let run = t.chars().take_while(|x| *x == c).count();
            match fence {
                None if run >= 3 => fence = Some((c, run)),
                Some((fc, fr)) if fc == c && run >= fr && t[run..].trim().is_empty() => {
                    fence = None
                }
                _ => {}
            }
        } else if fence.is_none() && t.trim_end() == MORE {
            return Some(offset);
        }
        offset += line.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests;
