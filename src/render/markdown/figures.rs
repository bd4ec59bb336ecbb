//! Photos in a body: `![alt](anh.jpg "caption")` alone in its paragraph becomes a `<figure>`
//! with a `<picture>` (WebP `srcset`, a JPEG/PNG fallback, `width`/`height`, lazy loading
//! after the page's first image) and the title as its caption; a photo inside a sentence
//! becomes the `<picture>` alone. A link to a photo (`[tải ảnh gốc](anh.jpg)`) leads to a clean
//! full-size copy. What the files are is asked of a [`Media`] hook (the caller's
//! [`crate::images::Pipeline`]); this module only writes HTML and places diagnostics.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::MarkdownInput;
use crate::diagnostic::{Diagnostic, Location};
use crate::images::Picture;
use crate::messages::Text;

/// What an image or link address written in a body is, as the hook answers.
#[derive(Debug, Clone)]
pub enum Media {
    /// Leave it as written (not a photo of the site).
    AsWritten,
    /// A photo, with its copies.
    Picture(Arc<Picture>),
    /// Link here instead (a clean copy of a photo, or the address with the site's sub-path).
    Url(String),
    /// The photo cannot be used: the error.
    Failed(Text),
}

/// Whether the hook is asked about an image or a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// `![alt](dest)`.
    Image,
    /// `[text](dest)`.
    Link,
}

/// The hook: what `dest` is.
pub type MediaHook<'a> = &'a dyn Fn(&str, Ask) -> Media;

/// The `sizes` of a photo in the text column (at most 48rem wide, the whole screen on a phone).
const SIZES: &str = "(max-width: 48rem) 100vw, 48rem";

type Item<'a> = (Event<'a>, Option<Range<usize>>);

/// Rewrites images and photo links in an event stream.
pub(super) struct Figures<'a, 'h, I: Iterator<Item = Item<'a>>> {
    inner: I,
    hook: MediaHook<'h>,
    input: MarkdownInput<'h>,
    ahead: VecDeque<Item<'a>>,
    /// Photos written so far (the first is not lazy).
    pictures: usize,
    /// Errors and warnings, placed.
    diags: Rc<RefCell<Vec<Diagnostic>>>,
}

impl<'a, 'h, I: Iterator<Item = Item<'a>>> Figures<'a, 'h, I> {
    pub(super) fn new(
        inner: I,
        hook: MediaHook<'h>,
        input: MarkdownInput<'h>,
        diags: Rc<RefCell<Vec<Diagnostic>>>,
    ) -> Self {
        Figures {
            inner,
            hook,
            input,
            ahead: VecDeque::new(),
            pictures: 0,
            diags,
        }
    }

    fn pull(&mut self) -> Option<Item<'a>> {
        self.ahead.pop_front().or_else(|| self.inner.next())
    }

    fn at(&self, range: &Option<Range<usize>>) -> Option<Location> {
        range.as_ref().map(|r| {
            let loc = Location::of_offset(self.input.markdown, r.start);
            Location::new(loc.line + self.input.body_line - 1, loc.col)
        })
    }

    /// The image starting with `start` (its events up to the end are pulled): HTML for it,
    /// or the events as written.
    fn image(&mut self, start: Item<'a>, figure: bool) -> Result<String, Vec<Item<'a>>> {
        let mut events = vec![start];
        let mut alt = String::new();
        let mut depth = 0usize;
        while let Some(item) = self.pull() {
            match &item.0 {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth == 0 => {
                    events.push(item);
                    break;
                }
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(t) | Event::Code(t) => alt.push_str(t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
            events.push(item);
        }
        let (
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            range,
        ) = &events[0]
        else {
            return Err(events);
        };
        match (self.hook)(dest_url, Ask::Image) {
            Media::Picture(p) => {
                let first = self.pictures == 0;
                self.pictures += 1;
                Ok(picture_html(&p, &alt, title, first, figure))
            }
            Media::Failed(message) => {
                let d = Diagnostic::error(self.input.file, "image", message).at_opt(self.at(range));
                self.diags.borrow_mut().push(d);
                Err(events)
            }
            Media::Url(url) => {
                let (
                    Event::Start(Tag::Image {
                        link_type,
                        title,
                        id,
                        ..
                    }),
                    r,
                ) = events.remove(0)
                else {
                    return Err(events);
                };
                let tag = Tag::Image {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                };
                events.insert(0, (Event::Start(tag), r));
                Err(events)
            }
            Media::AsWritten => Err(events),
        }
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for Figures<'a, '_, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        let item = self.pull()?;
        match item.0 {
            Event::Start(Tag::Paragraph) => {
                let Some(next) = self.pull() else {
                    return Some(item);
                };
                if !matches!(next.0, Event::Start(Tag::Image { .. })) {
                    self.ahead.push_front(next);
                    return Some(item);
                }
                let range = next.1.clone();
                let alone = {
                    // An image alone in its paragraph is a figure (a figure cannot sit in a
                    // paragraph); look past it first.
                    let mut peek = Vec::new();
                    let mut depth = 0usize;
                    let mut end = None;
                    while let Some(x) = self.pull() {
                        let stop = match &x.0 {
                            Event::Start(Tag::Image { .. }) => {
                                depth += 1;
                                false
                            }
                            Event::End(TagEnd::Image) if depth == 0 => true,
                            Event::End(TagEnd::Image) => {
                                depth -= 1;
                                false
                            }
                            _ => false,
                        };
                        peek.push(x);
                        if stop {
                            end = self.pull();
                            break;
                        }
                    }
                    let alone = matches!(
                        end.as_ref().map(|e| &e.0),
                        Some(Event::End(TagEnd::Paragraph))
                    );
                    for x in peek.into_iter().chain(end).rev() {
                        self.ahead.push_front(x);
                    }
                    alone
                };
                match self.image(next, alone) {
                    Ok(html) if alone => {
                        // Drop the paragraph's end.
                        let _ = self.pull();
                        Some((Event::Html(CowStr::from(html)), range))
                    }
                    Ok(html) => {
                        self.ahead
                            .push_front((Event::InlineHtml(CowStr::from(html)), range));
                        Some(item)
                    }
                    Err(events) => {
                        for e in events.into_iter().rev() {
                            self.ahead.push_front(e);
                        }
                        Some(item)
                    }
                }
            }
            Event::Start(Tag::Image { .. }) => {
                let range = item.1.clone();
                match self.image(item, false) {
                    Ok(html) => Some((Event::InlineHtml(CowStr::from(html)), range)),
                    Err(mut events) => {
                        let first = events.remove(0);
                        for e in events.into_iter().rev() {
                            self.ahead.push_front(e);
                        }
                        Some(first)
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match (self.hook)(&dest_url, Ask::Link) {
                    Media::Url(url) => CowStr::from(url),
                    Media::Failed(message) => {
                        let d = Diagnostic::error(self.input.file, "link", message)
                            .at_opt(self.at(&item.1));
                        self.diags.borrow_mut().push(d);
                        dest_url
                    }
                    _ => dest_url,
                };
                Some((
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                    item.1,
                ))
            }
            _ => Some(item),
        }
    }
}

/// `<figure><picture>…</picture><figcaption>…</figcaption></figure>` (or the picture alone).
pub(crate) fn picture_html(
    p: &Picture,
    alt: &str,
    title: &str,
    first: bool,
    figure: bool,
) -> String {
    let fallback = p.at_least(960);
    let lazy = if first { "" } else { " loading=\"lazy\"" };
    let title_attr = if !figure && !title.is_empty() {
        format!(" title=\"{}\"", escape(title))
    } else {
        String::new()
    };
    let picture = format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\"><img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\"{lazy} decoding=\"async\" alt=\"{}\"{title_attr}></picture>",
        escape(&p.srcset(true)),
        escape(&fallback.fallback),
        escape(&p.srcset(false)),
        fallback.width,
        fallback.height,
        escape(alt.trim()),
    );
    if !figure {
        return picture;
    }
    let caption = if title.trim().is_empty() {
        String::new()
    } else {
        format!("<figcaption>{}</figcaption>", escape(title.trim()))
    };
    format!("<figure class=\"anh\">{picture}{caption}</figure>\n")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
