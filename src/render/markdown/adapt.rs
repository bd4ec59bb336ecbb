//! One Markdown event as thidua writes it: `@/` links resolved (errors located at their line),
//! unsafe link schemes refused, bare addresses linked, words counted ([`adapt`], with the
//! [`Walk`] it keeps while the body is written).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{MarkdownInput, Resolved, autolink};
use crate::diagnostic::{Diagnostic, Location};

/// What the event adapter tracks while the body is written.
#[derive(Default)]
pub(super) struct Walk {
    pub(super) words: usize,
    /// Inside a code block (its text is never linked).
    in_code: bool,
    /// Inside a link or an image (no link inside a link).
    in_link: usize,
    /// Tables seen so far (each scrolling region gets its own name).
    pub(super) tables: usize,
    /// The last place located: (byte offset, lines before it, byte where its line starts), so
    /// locating each link costs the text since the previous one, not the text from the top
    /// (a 50 MB file with 400,000 links was quadratic).
    cursor: (usize, usize, usize),
}

impl Walk {
    /// The 1-based line and character column of byte `offset` of `text`, as
    /// [`Location::of_offset`], counting on from the last place located.
    fn locate(&mut self, text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (pos, lines, start) = self.cursor;
        if offset < pos {
            return Location::of_offset(text, offset);
        }
        let between = &text[pos..offset];
        let lines = lines + between.bytes().filter(|&b| b == b'\n').count();
        let start = between.rfind('\n').map_or(start, |i| pos + i + 1);
        self.cursor = (offset, lines, start);
        Location::new(lines + 1, text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
#[test]
fn locating_onwards_agrees_with_locating_from_the_top() {
    let text = "một\nhai [a](x) ba\n\nbốn [b](y)\nnăm";
    let mut walk = Walk::default();
    for offset in [0, 3, 4, 9, 17, 18, 24, 30, 5] {
        assert_eq!(
            walk.locate(text, offset),
            Location::of_offset(text, offset),
            "{offset}"
        );
    }
}

/// One event as thidua renders it: `@/` links resolved (errors placed at `range`), links with
/// an unsafe scheme replaced by `#`, bare addresses linked, task list markers as characters,
/// words counted.
pub(super) fn adapt<'a>(
    event: Event<'a>,
    range: Option<std::ops::Range<usize>>,
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
    diags: &mut Vec<Diagnostic>,
    walk: &mut Walk,
) -> Event<'a> {
    match event {
        Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
            walk.in_link += 1;
            let at = range.map(|r| {
                let loc = walk.locate(input.markdown, r.start);
                Location::new(loc.line + input.body_line - 1, loc.col)
            });
            Event::Start(adapt_destination(tag, at, input, resolve, diags))
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            walk.in_link = walk.in_link.saturating_sub(1);
            event
        }
        Event::Start(Tag::CodeBlock(_)) => {
            walk.in_code = true;
            event
        }
        Event::End(TagEnd::CodeBlock) => {
            walk.in_code = false;
            event
        }
        Event::Text(ref t) => {
            walk.words += t.split_whitespace().count();
            if walk.in_code || walk.in_link > 0 {
                return event;
            }
            match autolink::link_bare_urls(t) {
                Some(html) => Event::InlineHtml(html.into()),
                None => event,
            }
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

/// A link or image with its address as thidua writes it: an unsafe scheme refused (`#`, and a
/// warning), an `@/` path resolved (or `#`, and an error, both placed at `at`), an address
/// from the server's root put under the site's sub-path, any other address as it is.
fn adapt_destination<'a>(
    tag: Tag<'a>,
    at: Option<Location>,
    input: MarkdownInput<'_>,
    resolve: &dyn Fn(&str) -> Resolved,
    diags: &mut Vec<Diagnostic>,
) -> Tag<'a> {
    let file = input.file;
    let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &tag else {
        return tag;
    };
    let dest = if crate::paths::unsafe_scheme(dest_url).is_some() {
        refuse(dest_url, file, at, diags)
    } else if dest_url.starts_with("@/") {
        link(dest_url, at, file, resolve, diags)
    } else if let Some(dest) = under_sub_path(dest_url, input.sub_path) {
        CowStr::from(dest)
    } else {
        return tag;
    };
    match tag {
        Tag::Link {
            link_type,
            title,
            id,
            ..
        } => Tag::Link {
            link_type,
            dest_url: dest,
            title,
            id,
        },
        Tag::Image {
            link_type,
            title,
            id,
            ..
        } => Tag::Image {
            link_type,
            dest_url: dest,
            title,
            id,
        },
        other => other,
    }
}

/// `dest` under the site's sub-path `sub` (`/5-nam/`) when it is written from the server's
/// root without it: `/tin-tuc/bai/` → `/5-nam/tin-tuc/bai/`. `None` when it stays as written:
/// no sub-path, already under it, relative, another host (`//…`) or not a path.
pub(crate) fn under_sub_path(dest: &str, sub: &str) -> Option<String> {
    let rest = dest.strip_prefix('/')?;
    if sub == "/" || rest.starts_with('/') || rest.starts_with('\\') {
        return None;
    }
    let bare = sub.trim_end_matches('/');
    let path_end = dest.find(['?', '#']).unwrap_or(dest.len());
    let path = &dest[..path_end];
    if path == bare || path.starts_with(sub) {
        return None;
    }
    Some(format!("{sub}{rest}"))
}

#[cfg(test)]
#[test]
fn root_addresses_go_under_the_sub_path_once() {
    let s = "/5-nam/";
    let f = |d: &str| under_sub_path(d, s);
    assert_eq!(f("/tin-tuc/bai/").as_deref(), Some("/5-nam/tin-tuc/bai/"));
    assert_eq!(f("/anh/x.jpg#a").as_deref(), Some("/5-nam/anh/x.jpg#a"));
    assert_eq!(f("/").as_deref(), Some("/5-nam/"));
    assert_eq!(f("/?q=1").as_deref(), Some("/5-nam/?q=1"));
    assert_eq!(f("/5-nam/tin-tuc/"), None);
    assert_eq!(f("/5-nam"), None);
    assert_eq!(f("/5-nam#x"), None);
    assert_eq!(f("/5-namx/"), Some("/5-nam/5-namx/".into()));
    assert_eq!(f("//cdn.example/x.js"), None);
    assert_eq!(f("bai/"), None);
    assert_eq!(f("https://a.vn/"), None);
    assert_eq!(under_sub_path("/tin-tuc/", "/"), None);
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
        .with_hint(crate::diagnostic::unsafe_link_hint())
        .at_opt(at),
    );
    CowStr::from("#")
}
