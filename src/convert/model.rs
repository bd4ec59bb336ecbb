//! What both readers (Word's HTML, `.docx`) produce and the Markdown writer reads: a small
//! document tree holding only what a post keeps (headings, paragraphs, emphasis, lists, links,
//! tables, images, line breaks). Anything a reader cannot map to it is dropped by the reader.

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A heading of level 1–6.
    Heading(u8, Vec<Inline>),
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A list; each item is a list of blocks.
    List {
        /// Numbered (`1.`) rather than bulleted (`-`).
        ordered: bool,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A table: rows of cells, the first row its header.
    Table(Vec<Vec<Vec<Inline>>>),
    /// A quotation.
    Quote(Vec<Block>),
    /// Preformatted text, kept line by line.
    Code(String),
    /// A horizontal rule.
    Rule,
}

/// A piece of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    /// Plain text (whitespace already collapsed by the reader where the source asks for it).
    Text(String),
    /// Bold.
    Strong(Vec<Inline>),
    /// Italic.
    Emph(Vec<Inline>),
    /// A link.
    Link {
        /// Its address.
        href: String,
        /// Its words.
        content: Vec<Inline>,
    },
    /// An image.
    Image {
        /// Its address (or the file name the caller will upload it as).
        src: String,
        /// Its description.
        alt: String,
    },
    /// A line break inside the block.
    Break,
}

/// The plain words of `inlines` (for alt text, titles and descriptions).
pub(crate) fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                out.push_str(&plain_text(c));
            }
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Break => out.push(' '),
        }
    }
    collapse_spaces(&out)
}

/// Runs of whitespace (including no-break spaces) as one space, trimmed.
pub(crate) fn collapse_spaces(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `inlines` hold nothing a reader would see (only spaces and breaks).
pub(crate) fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text(t) => t.chars().all(|c| c.is_whitespace() || c == '\u{a0}'),
        Inline::Strong(c) | Inline::Emph(c) => is_blank(c),
        Inline::Link { content, .. } => is_blank(content),
        Inline::Image { .. } => false,
        Inline::Break => true,
    })
}

/// Every image of `blocks`, in reading order (their `src`).
pub(crate) fn image_sources(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    walk_inlines(blocks, &mut |inline| {
        if let Inline::Image { src, .. } = inline {
            out.push(src.clone());
        }
    });
    out
}

fn walk_inlines(blocks: &[Block], f: &mut impl FnMut(&Inline)) {
    fn inner(inlines: &[Inline], f: &mut impl FnMut(&Inline)) {
        for i in inlines {
            f(i);
            if let Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } = i {
                inner(c, f);
            }
        }
    }
    for block in blocks {
        match block {
            Block::Heading(_, c) | Block::Paragraph(c) => inner(c, f),
            Block::List { items, .. } => items.iter().for_each(|b| walk_inlines(b, f)),
            Block::Table(rows) => rows.iter().flatten().for_each(|c| inner(c, f)),
            Block::Quote(b) => walk_inlines(b, f),
            Block::Code(_) | Block::Rule => {}
        }
    }
}

/// Shifts headings down so that the top one is `##` when any is `#`: on a post the page's
/// title is its only `#` (one `h1` per page).
pub(crate) fn demote_headings(blocks: &mut [Block]) {
    let has_top = blocks.iter().any(|b| matches!(b, Block::Heading(1, _)));
    if !has_top {
        return;
    }
    for block in blocks {
        if let Block::Heading(level, _) = block {
            *level = (*level + 1).min(6);
        }
    }
}

/// Removes and returns the document's title: the first of its top-level headings (the
/// smallest level there is).
pub(crate) fn take_title(blocks: &mut Vec<Block>) -> Option<String> {
    let top = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, _) => Some(*level),
            _ => None,
        })
        .min()?;
    let index = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(level, _) if *level == top))?;
    let Block::Heading(_, inlines) = blocks.remove(index) else {
        return None;
    };
    Some(plain_text(&inlines)).filter(|t| !t.is_empty())
}

/// Text as HTML displays it: whitespace runs (line ends, tabs, no-break spaces) as one space;
/// invisible characters (soft hyphen, zero-width space, BOM) removed.
pub(crate) fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = true;
        } else if !matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}') {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// `inlines` without their bold (a heading's bold is its look, not emphasis).
pub(crate) fn unbold(inlines: Vec<Inline>) -> Vec<Inline> {
    inlines
        .into_iter()
        .flat_map(|i| match i {
            Inline::Strong(c) => unbold(c),
            Inline::Emph(c) => vec![Inline::Emph(unbold(c))],
            Inline::Link { href, content } => vec![Inline::Link {
                href,
                content: unbold(content),
            }],
            other => vec![other],
        })
        .collect()
}

/// Every image's `src` replaced by `f(src)`, or the image removed where `f` gives `None`.
pub(crate) fn map_images(blocks: &mut [Block], f: &mut dyn FnMut(&str) -> Option<String>) {
    fn inlines(list: &mut Vec<Inline>, f: &mut dyn FnMut(&str) -> Option<String>) {
        list.retain_mut(|inline| match inline {
            Inline::Image { src, .. } => match f(src) {
                Some(new) => {
                    *src = new;
                    true
                }
                None => false,
            },
            Inline::Strong(c) | Inline::Emph(c) | Inline::Link { content: c, .. } => {
                inlines(c, f);
                true
            }
            _ => true,
        });
    }
    for block in blocks {
        match block {
            Block::Heading(_, c) | Block::Paragraph(c) => inlines(c, f),
            Block::List { items, .. } => items.iter_mut().for_each(|b| map_images(b, f)),
            Block::Table(rows) => rows.iter_mut().flatten().for_each(|c| inlines(c, f)),
            Block::Quote(b) => map_images(b, f),
            Block::Code(_) | Block::Rule => {}
        }
    }
}

/// Blocks as one run of inlines: a line break between two blocks.
pub(crate) fn flatten(blocks: &[Block]) -> Vec<Inline> {
    let mut out = Vec::new();
    for block in blocks {
        if !out.is_empty() {
            out.push(Inline::Break);
        }
        match block {
            Block::Heading(_, c) | Block::Paragraph(c) => out.extend(c.iter().cloned()),
            Block::List { items, .. } => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(Inline::Break);
                    }
                    out.extend(flatten(item));
                }
            }
            Block::Table(rows) => {
                for (r, row) in rows.iter().enumerate() {
                    if r > 0 {
                        out.push(Inline::Break);
                    }
                    for (c, cell) in row.iter().enumerate() {
                        if c > 0 {
                            out.push(Inline::Text(" ".into()));
                        }
                        out.extend(cell.iter().cloned());
                    }
                }
            }
            Block::Quote(b) => out.extend(flatten(b)),
            Block::Code(t) => out.push(Inline::Text(collapse_spaces(t))),
            Block::Rule => {}
        }
    }
    out
}

/// How deep the tags of `html` (or XML) nest, counted roughly in one pass, before any parser
/// sees it: start tags open, end tags close, `void` and self-closed elements do neither.
pub(crate) fn tag_depth(html: &str, void: &[&str]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(closing) = tag.strip_prefix('/') {
            if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth = depth.saturating_sub(1);
            }
        } else if tag.starts_with(|c: char| c.is_ascii_alphabetic()) && !tag.ends_with('/') {
            let name = tag
                .split(|c: char| c.is_ascii_whitespace())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if !void.contains(&name.as_str()) {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        rest = &rest[end.min(rest.len())..];
    }
    deepest
}
