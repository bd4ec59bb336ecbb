//! HTML as Word (or a browser) puts it on the clipboard → the document tree.
//!
//! Parsed with `scraper` (html5ever: the HTML5 parsing algorithm browsers use, so Word's tag
//! soup, its `<o:p>` and its `<![if !supportLists]>` read as a browser reads them). Kept:
//! headings (`h1`–`h6`, Word's `MsoTitle`/`MsoHeading*` classes and `mso-outline-level`),
//! bold and italic (tags and `font-weight`/`font-style`), real lists and Word's paragraph
//! lists (`mso-list:l0 level1 lfo1`), links, tables, images, line breaks. Everything else
//! (fonts, colours, classes, `<style>`, comments, empty paragraphs) is dropped.

use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use super::lists::{Item, ListParagraph, fold_lists};
use super::model::{Block, Inline, clean_text, collapse_spaces, flatten, is_blank, tag_depth};

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

/// The blocks of `html` (a whole document or a fragment).
pub(crate) fn read(html: &str) -> Vec<Block> {
    let doc = parse(html);
    let root = doc
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .map_or(*doc.root_element(), |b| *b);
    blocks(root, Fmt::default())
}

/// The document, parsed as a browser would; with its tags dropped first if they nest deeper
/// than any document does (the HTML parsing algorithm is quadratic in the nesting depth: a
/// hostile paste of 50,000 nested `<b><div>` would keep the server busy for minutes).
fn parse(html: &str) -> Html {
    let html = strip_clipboard_header(html);
    if tag_depth(html, VOID) > MAX_NESTING {
        Html::parse_document(&without_tags(html))
    } else {
        Html::parse_document(html)
    }
}

/// Deeper than this, a document is read as text only. Unclosed `<p>` and `<li>` (valid HTML)
/// count as open here, so the bound is generous.
const MAX_NESTING: usize = 4_000;

/// Elements that never hold others (`<o:p>` is Word's).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "o:p",
];

/// `html` without its tags (for a document too deeply nested to parse as HTML).
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]);
    }
    out.push_str(rest);
    out
}

/// Windows' clipboard format (`Version:0.9 StartHTML:…`) begins with a header before the HTML.
fn strip_clipboard_header(html: &str) -> &str {
    if html.starts_with("Version:") {
        html.find('<').map_or(html, |i| &html[i..])
    } else {
        html
    }
}

/// Formatting inherited from the elements around a text.
#[derive(Debug, Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    /// Inside a heading: its bold is the heading's own look, not emphasis.
    heading: bool,
    /// How many elements deep: past [`MAX_DEPTH`] only the words are kept.
    depth: u16,
}

/// Deeper than this (no document nests so deep; a hostile paste might, to exhaust the
/// stack), an element's words are kept as plain text.
const MAX_DEPTH: u16 = 48;

/// Elements whose content is never text of the post.
const SKIPPED: &[&str] = &[
    "head", "style", "script", "title", "meta", "link", "template", "noscript", "xml", "object",
    "iframe", "button", "input", "select", "textarea", "svg", "math", "o:p",
];

/// Elements that hold blocks (a paragraph ends before and after them).
const CONTAINERS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "center",
    "address",
    "dl",
    "dt",
    "dd",
    "li",
    "body",
    "html",
    "form",
    "fieldset",
    "caption",
    "details",
    "summary",
];

fn blocks(node: NodeRef<'_>, fmt: Fmt) -> Vec<Block> {
    let mut items = Vec::new();
    let mut buf = Vec::new();
    collect(node, fmt, &mut items, &mut buf);
    flush(&mut items, &mut buf);
    fold_lists(items)
}

/// The inlines of `node`, its blocks (if any) joined by line breaks.
fn inlines(node: NodeRef<'_>, fmt: Fmt) -> Vec<Inline> {
    flatten(&blocks(node, fmt))
}

fn flush(items: &mut Vec<Item>, buf: &mut Vec<Inline>) {
    let inlines = std::mem::take(buf);
    if !is_blank(&inlines) {
        items.push(Item::Block(Block::Paragraph(inlines)));
    }
}

fn collect(node: NodeRef<'_>, fmt: Fmt, items: &mut Vec<Item>, buf: &mut Vec<Inline>) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => push_text(buf, &clean_text(t), fmt),
            Node::Element(e) => element(child, e, fmt, items, buf),
            _ => {}
        }
    }
}

fn element(node: NodeRef<'_>, e: &Element, fmt: Fmt, items: &mut Vec<Item>, buf: &mut Vec<Inline>) {
    let name = e.name();
    if SKIPPED.contains(&name) || name.starts_with("v:") || list_marker(e) {
        return;
    }
    let fmt = Fmt {
        depth: fmt.depth + 1,
        ..format_of(e, fmt)
    };
    if fmt.depth > MAX_DEPTH {
        let words: String = node
            .descendants()
            .filter_map(|d| match d.value() {
                Node::Text(t) => Some(&**t),
                _ => None,
            })
            .collect();
        push_text(buf, &clean_text(&words), fmt);
        return;
    }
    if let Some(level) = heading_level(e) {
        flush(items, buf);
        let inl = inlines(
            node,
            Fmt {
                heading: true,
                ..fmt
            },
        );
        if !is_blank(&inl) {
            items.push(Item::Block(Block::Heading(level, inl)));
        }
        return;
    }
    if let Some((list, level)) = word_list(e) {
        flush(items, buf);
        let ordered = marker_is_numbered(node);
        let inl = inlines(node, fmt);
        items.push(Item::ListParagraph(ListParagraph {
            list,
            level,
            ordered,
            inlines: inl,
        }));
        return;
    }
    match name {
        "br" => {
            if !style_of(e).iter().any(|(k, _)| k.starts_with("page-break")) {
                buf.push(Inline::Break);
            }
        }
        "img" => {
            if let Some(src) = e.attr("src").filter(|s| !s.trim().is_empty()) {
                buf.push(Inline::Image {
                    src: src.trim().to_string(),
                    alt: collapse_spaces(e.attr("alt").unwrap_or("")),
                });
            }
        }
        "a" => match e.attr("href").map(str::trim).filter(|h| kept_link(h)) {
            Some(href) => buf.push(Inline::Link {
                href: href.to_string(),
                content: inlines(node, fmt),
            }),
            None => collect(node, fmt, items, buf),
        },
        "ul" | "ol" | "table" | "blockquote" | "pre" | "hr" => {
            flush(items, buf);
            for block in block_element(node, name, fmt) {
                items.push(Item::Block(block));
            }
        }
        _ if CONTAINERS.contains(&name) => {
            flush(items, buf);
            collect(node, fmt, items, buf);
            flush(items, buf);
        }
        _ => collect(node, fmt, items, buf),
    }
}

fn block_element(node: NodeRef<'_>, name: &str, fmt: Fmt) -> Vec<Block> {
    match name {
        "ul" | "ol" => list(node, name == "ol", fmt).into_iter().collect(),
        "table" => table(node, fmt),
        "blockquote" => vec![Block::Quote(blocks(node, fmt))],
        "pre" => vec![Block::Code(text_of(node))],
        _ => vec![Block::Rule],
    }
}

fn list(node: NodeRef<'_>, ordered: bool, fmt: Fmt) -> Option<Block> {
    let mut items: Vec<Vec<Block>> = Vec::new();
    for child in node.children() {
        let Node::Element(e) = child.value() else {
            continue;
        };
        match e.name() {
            "li" => items.push(blocks(child, fmt)),
            // A list directly inside a list (invalid, common): it belongs to the item before.
            "ul" | "ol" => {
                if let Some(nested) = list(child, e.name() == "ol", fmt) {
                    match items.last_mut() {
                        Some(last) => last.push(nested),
                        None => items.push(vec![nested]),
                    }
                }
            }
            _ => {}
        }
    }
    items.retain(|i| !i.is_empty());
    (!items.is_empty()).then_some(Block::List { ordered, items })
}

/// The blocks of a table cell.
fn cell_blocks(node: NodeRef<'_>, outer: Fmt) -> Vec<Block> {
    blocks(
        node,
        Fmt {
            italic: outer.italic,
            depth: outer.depth,
            ..Fmt::default()
        },
    )
}

/// All the text under `node`, as it is (for `<pre>`).
fn text_of(node: NodeRef<'_>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match d.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn push_text(buf: &mut Vec<Inline>, text: &str, fmt: Fmt) {
    if text.is_empty() {
        return;
    }
    let mut inline = Inline::Text(text.to_string());
    if text.trim().is_empty() {
        buf.push(inline);
        return;
    }
    if fmt.italic {
        inline = Inline::Emph(vec![inline]);
    }
    if fmt.bold && !fmt.heading {
        inline = Inline::Strong(vec![inline]);
    }
    buf.push(inline);
}

fn kept_link(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    !href.is_empty()
        && !href.starts_with('#')
        && !lower.starts_with("javascript:")
        && !lower.starts_with("file:")
        && !lower.starts_with("data:")
}

/// `style="a: b; c: d"` as lower-case (property, value) pairs.
fn style_of(e: &Element) -> Vec<(String, String)> {
    e.attr("style")
        .unwrap_or("")
        .split(';')
        .filter_map(|decl| {
            let (k, v) = decl.split_once(':')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase()))
        })
        .collect()
}

fn format_of(e: &Element, mut fmt: Fmt) -> Fmt {
    match e.name() {
        "b" | "strong" => fmt.bold = true,
        "i" | "em" | "cite" | "dfn" => fmt.italic = true,
        _ => {}
    }
    for (k, v) in style_of(e) {
        match k.as_str() {
            "font-weight" => {
                fmt.bold = matches!(
                    v.as_str(),
                    "bold" | "bolder" | "600" | "700" | "800" | "900"
                )
            }
            "font-style" => fmt.italic = v == "italic" || v == "oblique",
            _ => {}
        }
    }
    fmt
}

/// The heading level of `h1`–`h6`, Word's `MsoTitle`/`MsoHeading2` paragraphs and paragraphs
/// with `mso-outline-level:2`.
fn heading_level(e: &Element) -> Option<u8> {
    let name = e.name();
    if let Some(n) = name.strip_prefix('h').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=6).contains(&n).then_some(n);
    }
    if name != "p" && name != "div" {
        return None;
    }
    for class in e.classes() {
        let class = class.to_ascii_lowercase();
        if class.starts_with("msotitle") {
            return Some(1);
        }
        if let Some(n) = class.strip_prefix("msoheading") {
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n @ 1..=6) = digits.parse::<u8>() {
                return Some(n);
            }
        }
    }
    style_of(e)
        .iter()
        .find(|(k, _)| k == "mso-outline-level")
        .and_then(|(_, v)| v.parse::<u8>().ok())
        .filter(|n| (1..=6).contains(n))
}

/// `mso-list:l0 level2 lfo1` → (`l0 lfo1`, 2).
fn word_list(e: &Element) -> Option<(String, u8)> {
    if e.name() != "p" {
        return None;
    }
    let style = style_of(e);
    let (_, value) = style.iter().find(|(k, _)| k == "mso-list")?;
    let mut list = Vec::new();
    let mut level = None;
    for token in value.split_whitespace() {
        match token
            .strip_prefix("level")
            .and_then(|n| n.parse::<u8>().ok())
        {
            Some(n) => level = Some(n.clamp(1, 9)),
            None => list.push(token),
        }
    }
    Some((list.join(" "), level?))
}

/// Word's list bullet or number (`<span style='mso-list:Ignore'>·</span>`): not text.
fn list_marker(e: &Element) -> bool {
    style_of(e)
        .iter()
        .any(|(k, v)| k == "mso-list" && v == "ignore")
}

/// Whether the paragraph's Word list marker is a number or letter (`1.`, `a)`, `IV.`).
fn marker_is_numbered(node: NodeRef<'_>) -> bool {
    let marker = node.descendants().find(|d| match d.value() {
        Node::Element(e) => list_marker(e),
        _ => false,
    });
    let Some(marker) = marker else {
        return false;
    };
    let text = collapse_spaces(&text_of(marker));
    let text = text.trim();
    text.len() > 1
        && text.ends_with(['.', ')'])
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The text of the page's `<title>`, if any.
pub(crate) fn document_title(html: &str) -> Option<String> {
    let doc = parse(html);
    let title = doc
        .tree
        .root()
        .descendants()
        .find(|n| matches!(n.value(), Node::Element(e) if e.name() == "title"))?;
    Some(collapse_spaces(&text_of(title))).filter(|t| !t.is_empty())
}

/// A `<table>` element's blocks.
fn table(table: NodeRef<'_>, fmt: Fmt) -> Vec<Block> {
    let mut rows = Vec::new();
    let mut add_row = |tr: NodeRef<'_>| {
        let cells = tr
            .children()
            .filter_map(|c| match c.value() {
                Node::Element(e) if e.name() == "td" || e.name() == "th" => {
                    Some(super::table::Cell {
                        blocks: cell_blocks(c, fmt),
                        colspan: span(e.attr("colspan")),
                        rowspan: span(e.attr("rowspan")),
                    })
                }
                _ => None,
            })
            .collect();
        rows.push(cells);
    };
    for child in table.children() {
        let Node::Element(e) = child.value() else {
            continue;
        };
        match e.name() {
            "tr" => add_row(child),
            "thead" | "tbody" | "tfoot" => child
                .children()
                .filter(|c| matches!(c.value(), Node::Element(e) if e.name() == "tr"))
                .for_each(&mut add_row),
            _ => {}
        }
    }
    super::table::build(rows)
}

fn span(attr: Option<&str>) -> usize {
    attr.and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}
