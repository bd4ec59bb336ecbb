//! Markdown to HTML with pulldown-cmark: the CommonMark extensions authors expect, heading ids
//! from Vietnamese-aware slugs, a table of contents, a summary cut at `<!-- more -->`, and
//! internal links written `@/tin-tuc/bai-mot.md` resolved to URLs.
//!
//! Pure: the caller supplies how `@/` paths resolve, and gets diagnostics back with file
//! lines (the body's offset in the file is added here).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Text;
use crate::paths::slugify;

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

/// Renders a body, resolving `@/` links with `resolve`.
pub fn render(
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
) -> (Rendered, Vec<Diagnostic>) {
    // Offsets are only needed to place errors in `@/` links and warnings on unsafe links;
    // without either, the plain parser is cheaper. An unsafe link is rare: when one turns up
    // unplaced, the body is rendered again with offsets.
    let with_offsets = input.markdown.contains("@/");
    let (rendered, diags) = render_with(input, resolve, with_offsets);
    if !with_offsets && diags.iter().any(|d| d.location.is_none()) {
        return render_with(input, resolve, true);
    }
    (rendered, diags)
}

fn render_with(
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
    with_offsets: bool,
) -> (Rendered, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut used_ids = HeadingIds::default();
    let mut headings: Vec<(u8, String, String)> = Vec::new();
    let mut words = 0;
    let mut summary_len = None;
    let out = RefCell::new(String::with_capacity(input.markdown.len() * 3 / 2));
    let parser = Parser::new_ext(input.markdown, options());
    let mut stream: Box<dyn Iterator<Item = (Event<'_>, Option<std::ops::Range<usize>>)>> =
        if with_offsets {
            Box::new(parser.into_offset_iter().map(|(e, r)| (e, Some(r))))
        } else {
            Box::new(parser.map(|e| (e, None)))
        };
    // Events go straight to the HTML writer; only a heading's events wait, until its text is
    // known and it has an id.
    let mut pending: std::collections::VecDeque<Event<'_>> = std::collections::VecDeque::new();
    let events = std::iter::from_fn(|| {
        if let Some(e) = pending.pop_front() {
            return Some(e);
        }
        let (event, range) = stream.next()?;
        let event = adapt(event, range, input, resolve, &mut diags, &mut words);
        match event {
            Event::Start(Tag::Heading { .. }) => {
                let mut heading = vec![event];
                for (e, r) in stream.by_ref() {
                    let e = adapt(e, r, input, resolve, &mut diags, &mut words);
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
            other => Some(other),
        }
    });
    // Writing into a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(SharedString(&out), events);
    let html = out.into_inner();
    let summary = summary_len.and_then(|n| html.get(..n)).map(str::to_string);
    let anchors = headings.iter().map(|(_, id, _)| id.clone()).collect();
    let rendered = Rendered {
        html,
        summary,
        toc: nest(headings),
        anchors,
        words,
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

/// One event as thidua renders it: `@/` links resolved (errors placed at `range`), links with
/// an unsafe scheme replaced by `#`, task list markers as characters, words counted.
fn adapt<'a>(
    event: Event<'a>,
    range: Option<std::ops::Range<usize>>,
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
    diags: &mut Vec<Diagnostic>,
    words: &mut usize,
) -> Event<'a> {
    let at = |range: Option<std::ops::Range<usize>>| {
        range.map(|r| {
            let loc = Location::of_offset(input.markdown, r.start);
            Location::new(loc.line + input.body_line - 1, loc.col)
        })
    };
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if crate::paths::unsafe_scheme(&dest_url).is_some() => {
            let dest = refuse(&dest_url, input.file, at(range), diags);
            Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if crate::paths::unsafe_scheme(&dest_url).is_some() => {
            let dest = refuse(&dest_url, input.file, at(range), diags);
            Event::Start(Tag::Image {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if dest_url.starts_with("@/") => {
            let dest = link(&dest_url, at(range), input.file, resolve, diags);
            Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if dest_url.starts_with("@/") => {
            let dest = link(&dest_url, at(range), input.file, resolve, diags);
            Event::Start(Tag::Image {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        Event::Text(ref t) => {
            *words += t.split_whitespace().count();
            event
        }
        // A disabled checkbox is a form control without a label (an accessibility error);
        // the characters ☑/☐ say the same, and screen readers name them in the reader's
        // own language.
        Event::TaskListMarker(done) => Event::InlineHtml(CowStr::Borrowed(if done {
            "<span class=\"task-marker done\">☑</span> "
        } else {
            "<span class=\"task-marker\">☐</span> "
        })),
        other => other,
    }
}

/// The summary only (the text before `<!-- more -->`), for lists; `None` without the marker.
pub fn summary(input: MarkdownInput<'_>, resolve: &dyn Fn(&str) -> Resolved) -> Option<String> {
    let cut = find_more(input.markdown)?;
    let head = MarkdownInput {
        markdown: &input.markdown[..cut],
        ..input
    };
    Some(render(head, resolve).0.html)
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

fn link<'a>(
    dest: &str,
    at: Option<Location>,
    file: &str,
    resolve: &dyn Fn(&str) -> Resolved,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    match resolve(&dest[2..]) {
        Resolved::Url(url) => url.into(),
        Resolved::Warn(url, message) => {
            diags.push(Diagnostic::warning(file, "link", message).at_opt(at));
            url.into()
        }
        Resolved::Missing(message) => {
            diags.push(Diagnostic::error(file, "link", message).at_opt(at));
            CowStr::from(String::from("#"))
        }
    }
}

/// A link or image address with an unsafe scheme (`javascript:`…): a warning, and `#`.
fn refuse<'a>(
    dest: &str,
    file: &str,
    at: Option<Location>,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    let scheme = crate::paths::unsafe_scheme(dest).unwrap_or_default();
    diags.push(
        Diagnostic::warning(
            file,
            "link",
            crate::diagnostic::unsafe_link_message(dest, scheme),
        )
        .with_hint(crate::msg!(
            "it is written as \"#\"; link to an https:// address or to a page of the site"
        ))
        .at_opt(at),
    );
    CowStr::from("#")
}

/// The heading ids a page has given out.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    /// For each base that was taken, the last `n` tried in `base-n`: every `base-k` with
    /// `k` up to it is taken already, so the next search starts after it. Without this, 40,000
    /// identical headings tried 800 million ids (58 s).
    last_tried: HashMap<String, usize>,
}

impl HeadingIds {
    /// `base` if it is free, else the first free `base-2`, `base-3`…
    fn claim(&mut self, base: String) -> String {
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let n = self.last_tried.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Gives the heading whose events are `events` (start to end) an id (unless written `{#id}`), and
/// returns (level, id, text) for the table of contents.
fn name_heading(
    events: &mut [Event<'_>],
    level: HeadingLevel,
    ids: &mut HeadingIds,
) -> (u8, String, String) {
    let mut text = String::new();
    for e in events.iter().skip(1) {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            // A heading written over several lines (setext) keeps a space between them.
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    let Some(Event::Start(Tag::Heading { id, .. })) = events.first_mut() else {
        return (level as u8, String::new(), text);
    };
    let base = match id {
        Some(given) => given.to_string(),
        None => {
            let s = slugify(&text);
            if s.is_empty() { "muc".to_string() } else { s }
        }
    };
    let unique = ids.claim(base);
    *id = Some(unique.clone().into());
    (level as u8, unique, text)
}

/// Nests a flat list of headings by level.
fn nest(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    let mut root: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry {
            level,
            id,
            title,
            children: Vec::new(),
        };
        insert(&mut root, entry);
    }
    root
}

fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
    match list.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => list.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver(path: &str) -> Resolved {
        let (file, frag) = path.split_once('#').unwrap_or((path, ""));
        let frag = if frag.is_empty() {
            String::new()
        } else {
            format!("#{frag}")
        };
        match file {
            "tin-tuc/a.md" => Resolved::Url(format!("/tin-tuc/a/{frag}")),
            "tin-tuc/nhap.md" => Resolved::Warn(
                "/tin-tuc/nhap/".into(),
                crate::render::held_message(file, crate::site::Held::Draft),
            ),
            _ => Resolved::Missing(crate::msg!("page \"{}\" does not exist", file)),
        }
    }

    fn run(md: &str) -> (Rendered, Vec<String>) {
        let (r, d) = render(
            MarkdownInput {
                markdown: md,
                file: "content/b.md",
                body_line: 5,
            },
            &resolver,
        );
        (r, d.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_heading_over_several_lines_keeps_the_space_between_them() {
        let (r, _) = run("Kết quả\nđạt được\n--------\n");
        assert!(
            r.html
                .contains("<h2 id=\"ket-qua-dat-duoc\">Kết quả\nđạt được</h2>"),
            "{}",
            r.html
        );
        assert_eq!(r.toc.len(), 1);
        assert_eq!(r.toc[0].title, "Kết quả đạt được");
        assert_eq!(r.toc[0].id, "ket-qua-dat-duoc");
    }

    #[test]
    fn internal_links_resolve_and_report_at_file_lines() {
        let (r, d) =
            run("Xem [bài A](@/tin-tuc/a.md#muc-1).\n\nVà [lỗi](@/tin-tuc/khong-co.md).\n");
        assert!(
            r.html.contains(r#"<a href="/tin-tuc/a/#muc-1">bài A</a>"#),
            "{}",
            r.html
        );
        assert_eq!(
            d,
            vec!["content/b.md:7:4: link: page \"tin-tuc/khong-co.md\" does not exist"]
        );
    }

    #[test]
    fn heading_ids_are_vietnamese_slugs_and_unique() {
        let (r, _) = run("## Kết quả đạt được\n\n## Kết quả đạt được\n\n### Chi tiết {#rieng}\n");
        assert!(
            r.html.contains(r#"<h2 id="ket-qua-dat-duoc">"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h2 id="ket-qua-dat-duoc-2">"#));
        assert!(r.html.contains(r#"<h3 id="rieng">"#));
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[1].children[0].title, "Chi tiết");
    }

    /// Ids as the first version gave them (tries `base`, `base-2`, `base-3`… from the start
    /// every time): the linear [`HeadingIds`] must give exactly the same.
    fn ids_as_before(bases: &[&str]) -> Vec<String> {
        let mut used = HashSet::new();
        bases
            .iter()
            .map(|base| {
                let mut unique = base.to_string();
                let mut n = 1;
                while !used.insert(unique.clone()) {
                    n += 1;
                    unique = format!("{base}-{n}");
                }
                unique
            })
            .collect()
    }

    #[test]
    fn heading_ids_stay_as_they_were() {
        let cases: [&[&str]; 5] = [
            &["tieu-de", "tieu-de", "tieu-de"],
            // A heading whose own text is "Tiêu đề 2" takes tieu-de-2 first.
            &["tieu-de", "tieu-de-2", "tieu-de", "tieu-de"],
            &["tieu-de-2", "tieu-de", "tieu-de", "tieu-de-3", "tieu-de"],
            &["tieu-de", "tieu-de", "tieu-de-2", "tieu-de-2", "tieu-de"],
            &["a", "a-2", "a-2-2", "a", "a-2", "a", "muc", "muc"],
        ];
        for bases in cases {
            let mut ids = HeadingIds::default();
            let got: Vec<String> = bases.iter().map(|b| ids.claim(b.to_string())).collect();
            assert_eq!(got, ids_as_before(bases), "{bases:?}");
        }
        let (r, _) = run("## Tiêu đề\n\n## Tiêu đề 2\n\n## Tiêu đề\n\n## Tiêu đề\n");
        let ids: Vec<&str> = r.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["tieu-de", "tieu-de-2", "tieu-de-3", "tieu-de-4"]);
    }

    #[test]
    fn summary_is_cut_at_more() {
        let (r, _) = run("Mở đầu.\n\n<!-- more -->\n\nPhần sau.\n");
        assert_eq!(r.summary.as_deref(), Some("<p>Mở đầu.</p>\n"));
        assert!(r.html.contains("Phần sau."));
        let s = summary(
            MarkdownInput {
                markdown: "Mở đầu.\n\n<!-- more -->\n\nSau.",
                file: "f",
                body_line: 1,
            },
            &resolver,
        );
        assert_eq!(s.as_deref(), Some("<p>Mở đầu.</p>\n"));
    }

    #[test]
    fn more_inside_code_is_not_a_cut() {
        let md = "Mở đầu.\n\n```html\n<!-- more -->\n```\n\nTiếp.\n";
        let s = summary(
            MarkdownInput {
                markdown: md,
                file: "f",
                body_line: 1,
            },
            &resolver,
        );
        assert_eq!(s, None);
        assert_eq!(
            find_more("a\n~~~~\n<!-- more -->\n~~~\nstill code\n~~~~\n<!-- more -->\n"),
            Some(41)
        );
    }

    #[test]
    fn extensions_are_on() {
        let (r, _) = run(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~ \"mới\" [^1]\n\n- [x] xong\n\n[^1]: Chú thích.\n",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>cũ</del>"));
        assert!(r.html.contains("“mới”"));
        assert!(
            r.html
                .contains("<li><span class=\"task-marker done\">☑</span> xong</li>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<input"));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn raw_html_is_kept() {
        let (r, _) = run("<div class=\"ghi-chu\">Giữ nguyên</div>\n");
        assert!(r.html.contains("<div class=\"ghi-chu\">Giữ nguyên</div>"));
    }

    /// Authors are trusted staff: raw HTML passes through as written, `<script>` and
    /// `javascript:` included (pulldown-cmark does not filter it, and neither does thidua);
    /// only Markdown's own links are checked.
    #[test]
    fn raw_html_is_not_filtered_but_markdown_links_are() {
        let (r, d) =
            run("<a href=\"javascript:x()\">a</a> [b](javascript:y())\n\n<script>z()</script>\n");
        assert!(
            r.html.contains("<a href=\"javascript:x()\">a</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<a href=\"#\">b</a>"), "{}", r.html);
        assert!(r.html.contains("<script>z()</script>"), "{}", r.html);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].starts_with("content/b.md:5:32: warning: link:"),
            "{d:?}"
        );
    }
}
