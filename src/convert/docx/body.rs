//! `word/document.xml` → the document tree: paragraphs by style (title, headings, lists),
//! runs with bold and italic, hyperlinks (elements and `HYPERLINK` fields), line breaks,
//! tables (merged cells kept in place) and images (`a:blip r:embed` and old `v:imagedata`).
//! Deleted text (tracked changes) is left out; inserted text kept.

use std::collections::HashMap;

use roxmltree::Node;

use super::parts::{self, Numbering, Style, Target, attr, child, on};
use crate::convert::error::ConvertError;
use crate::convert::lists::{Item, ListParagraph, fold_lists};
use crate::convert::model::{Block, Inline, clean_text, is_blank, plain_text, unbold};
use crate::convert::table::{self, Cell};

/// What the body is read with.
pub(super) struct Context<'a> {
    pub(super) rels: &'a HashMap<String, Target>,
    pub(super) styles: &'a HashMap<String, Style>,
    pub(super) numbering: &'a Numbering,
}

/// The body read.
pub(super) struct Read {
    pub(super) blocks: Vec<Block>,
    /// The first paragraph in the "Title" style.
    pub(super) title: Option<String>,
    /// (file name for the post, part in the archive), in order of first use.
    pub(super) images: Vec<(String, String)>,
}

/// Reads the main document `text` (the part `part`).
pub(super) fn read(text: &str, part: &str, cx: &Context<'_>) -> Result<Read, ConvertError> {
    let doc = parts::parse(text, part)?;
    let mut reader = Reader {
        cx,
        depth: 0,
        title: None,
        images: Vec::new(),
    };
    let blocks = match doc.descendants().find(|n| n.tag_name().name() == "body") {
        Some(body) => fold_lists(reader.container(body)),
        None => Vec::new(),
    };
    Ok(Read {
        blocks,
        title: reader.title,
        images: reader.images,
    })
}

/// Deeper than this, nested elements (content controls, tables in tables, links in links)
/// are skipped: no document nests so deep, and a hostile one must not exhaust the stack.
const MAX_DEPTH: u32 = 48;

struct Reader<'c, 'a> {
    cx: &'c Context<'a>,
    depth: u32,
    title: Option<String>,
    images: Vec<(String, String)>,
}

/// Formatting of a run.
#[derive(Debug, Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
}

/// Inlines being collected, with Word's fields (`HYPERLINK "…"`) open around them.
#[derive(Default)]
struct Runs {
    out: Vec<Inline>,
    fields: Vec<Field>,
}

struct Field {
    instruction: String,
    separated: bool,
    result: Vec<Inline>,
}

impl Runs {
    fn push(&mut self, inline: Inline) {
        match self.fields.last_mut() {
            Some(f) if f.separated => f.result.push(inline),
            Some(_) => {}
            None => self.out.push(inline),
        }
    }

    fn end_field(&mut self) {
        let Some(field) = self.fields.pop() else {
            return;
        };
        match hyperlink_of(&field.instruction) {
            Some(href) => self.push(Inline::Link {
                href,
                content: field.result,
            }),
            None => field.result.into_iter().for_each(|i| self.push(i)),
        }
    }

    fn finish(mut self) -> Vec<Inline> {
        while !self.fields.is_empty() {
            self.end_field();
        }
        self.out
    }
}

/// `HYPERLINK "https://…" \o "tip"` → the address; `HYPERLINK \l "bookmark"` (inside the
/// document) → none.
fn hyperlink_of(instruction: &str) -> Option<String> {
    let rest = instruction.trim().strip_prefix("HYPERLINK")?.trim_start();
    if rest.starts_with("\\l") {
        return None;
    }
    let address = match rest.strip_prefix('"') {
        Some(q) => q.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    Some(address.to_string()).filter(|a| !a.is_empty())
}

impl Reader<'_, '_> {
    fn container(&mut self, node: Node<'_, '_>) -> Vec<Item> {
        let mut items = Vec::new();
        if !self.enter() {
            return items;
        }
        for c in node.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "p" => self.paragraph(c, &mut items),
                "tbl" => items.extend(self.table(c).into_iter().map(Item::Block)),
                "sdt" | "sdtContent" | "customXml" | "ins" | "smartTag" => {
                    items.extend(self.container(c));
                }
                _ => {}
            }
        }
        self.depth -= 1;
        items
    }

    /// One level deeper, if allowed (then [`Reader::depth`] must be decreased on leaving).
    fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        true
    }

    fn paragraph(&mut self, p: Node<'_, '_>, items: &mut Vec<Item>) {
        let ppr = child(p, "pPr");
        let style = ppr
            .and_then(|n| child(n, "pStyle"))
            .and_then(|s| attr(s, "val"))
            .and_then(|id| self.cx.styles.get(id));
        let mut runs = Runs::default();
        self.inlines(p, Fmt::default(), &mut runs);
        let inlines = runs.finish();
        if is_blank(&inlines) {
            return;
        }
        if style.is_some_and(|s| s.title) {
            if self.title.is_none() {
                self.title = Some(plain_text(&inlines)).filter(|t| !t.is_empty());
                return;
            }
            items.push(Item::Block(Block::Heading(1, unbold(inlines))));
            return;
        }
        let outline = ppr
            .and_then(|n| child(n, "outlineLvl"))
            .and_then(|o| attr(o, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|&n| n < 6)
            .map(|n| n + 1);
        if let Some(level) = style.and_then(|s| s.heading).or(outline) {
            items.push(Item::Block(Block::Heading(level, unbold(inlines))));
            return;
        }
        let list = ppr
            .and_then(|n| child(n, "numPr"))
            .and_then(parts::num_pr)
            .or_else(|| style.and_then(|s| s.list.clone()));
        match list {
            Some((id, level)) => items.push(Item::ListParagraph(ListParagraph {
                ordered: self
                    .cx
                    .numbering
                    .get(&(id.clone(), level))
                    .copied()
                    .unwrap_or(false),
                list: id,
                level,
                inlines,
            })),
            None => items.push(Item::Block(Block::Paragraph(inlines))),
        }
    }

    /// The runs, links and fields inside a paragraph (or a part of one).
    fn inlines(&mut self, node: Node<'_, '_>, fmt: Fmt, runs: &mut Runs) {
        if !self.enter() {
            return;
        }
        for c in node.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "r" => self.run(c, fmt, runs),
                "hyperlink" => {
                    let href = attr(c, "id").and_then(|id| match self.cx.rels.get(id) {
                        Some(Target::External(url)) => Some(url.clone()),
                        _ => None,
                    });
                    let mut inner = Runs::default();
                    self.inlines(c, fmt, &mut inner);
                    let content = inner.finish();
                    match href {
                        Some(href) => runs.push(Inline::Link { href, content }),
                        None => content.into_iter().for_each(|i| runs.push(i)),
                    }
                }
                "fldSimple" => {
                    runs.fields.push(Field {
                        instruction: attr(c, "instr").unwrap_or("").to_string(),
                        separated: true,
                        result: Vec::new(),
                    });
                    self.inlines(c, fmt, runs);
                    runs.end_field();
                }
                "ins" | "smartTag" | "customXml" | "sdt" | "sdtContent" | "moveTo" | "dir"
                | "bdo" => self.inlines(c, fmt, runs),
                _ => {}
            }
        }
        self.depth -= 1;
    }

    fn run(&mut self, r: Node<'_, '_>, fmt: Fmt, runs: &mut Runs) {
        let rpr = child(r, "rPr");
        if on(rpr.and_then(|p| child(p, "vanish"))) {
            return;
        }
        let style = rpr
            .and_then(|p| child(p, "rStyle"))
            .and_then(|s| attr(s, "val"))
            .and_then(|id| self.cx.styles.get(id));
        let prop = |name: &str| rpr.and_then(|p| child(p, name));
        let fmt = Fmt {
            bold: match prop("b") {
                Some(b) => on(Some(b)),
                None => fmt.bold || style.is_some_and(|s| s.bold),
            },
            italic: match prop("i") {
                Some(i) => on(Some(i)),
                None => fmt.italic || style.is_some_and(|s| s.italic),
            },
        };
        self.run_content(r, fmt, runs);
    }

    fn run_content(&mut self, r: Node<'_, '_>, fmt: Fmt, runs: &mut Runs) {
        for c in r.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "t" => runs.push(styled(clean_text(c.text().unwrap_or("")), fmt)),
                "tab" | "ptab" => runs.push(Inline::Text(" ".into())),
                "noBreakHyphen" => runs.push(styled("-".into(), fmt)),
                "br" if !matches!(attr(c, "type"), Some("page" | "column")) => {
                    runs.push(Inline::Break);
                }
                "cr" => runs.push(Inline::Break),
                "drawing" | "pict" | "object" => self.images_in(c, runs),
                "AlternateContent" => {
                    if let Some(choice) = child(c, "Choice")
                        && self.enter()
                    {
                        self.run_content(choice, fmt, runs);
                        self.depth -= 1;
                    }
                }
                "fldChar" => match attr(c, "fldCharType") {
                    Some("begin") => runs.fields.push(Field {
                        instruction: String::new(),
                        separated: false,
                        result: Vec::new(),
                    }),
                    Some("separate") => {
                        if let Some(f) = runs.fields.last_mut() {
                            f.separated = true;
                        }
                    }
                    Some("end") => runs.end_field(),
                    _ => {}
                },
                "instrText" => {
                    if let Some(f) = runs.fields.last_mut().filter(|f| !f.separated) {
                        f.instruction.push_str(c.text().unwrap_or(""));
                    }
                }
                _ => {}
            }
        }
    }

    /// The pictures of a `w:drawing` (`a:blip r:embed`) or `w:pict` (`v:imagedata r:id`).
    fn images_in(&mut self, node: Node<'_, '_>, runs: &mut Runs) {
        let alt = node
            .descendants()
            .find(|d| d.tag_name().name() == "docPr")
            .and_then(|d| attr(d, "descr").or_else(|| attr(d, "title")))
            .map(crate::convert::model::collapse_spaces)
            .unwrap_or_default();
        for d in node.descendants() {
            let id = match d.tag_name().name() {
                "blip" => attr(d, "embed"),
                "imagedata" => attr(d, "id"),
                _ => None,
            };
            let Some(Target::Part(part)) = id.and_then(|id| self.cx.rels.get(id)) else {
                continue;
            };
            if let Some(name) = self.image_name(part) {
                runs.push(Inline::Image {
                    src: name,
                    alt: alt.clone(),
                });
            }
        }
    }

    /// `anh-1.jpg` for the part `word/media/image1.jpeg`; the same part keeps its name; a
    /// format browsers cannot show (Windows metafiles, TIFF) gives none.
    fn image_name(&mut self, part: &str) -> Option<String> {
        if let Some((name, _)) = self.images.iter().find(|(_, p)| p == part) {
            return Some(name.clone());
        }
        let ext = part.rsplit_once('.')?.1.to_ascii_lowercase();
        let ext = match ext.as_str() {
            "jpeg" | "jpg" | "jpe" => "jpg",
            "png" | "gif" | "webp" => ext.as_str(),
            _ => return None,
        };
        let name = format!("anh-{}.{ext}", self.images.len() + 1);
        self.images.push((name.clone(), part.to_string()));
        Some(name)
    }

    fn table(&mut self, tbl: Node<'_, '_>) -> Vec<Block> {
        let mut rows = Vec::new();
        for tr in tbl.children().filter(|c| c.tag_name().name() == "tr") {
            let mut cells = Vec::new();
            for tc in tr.children().filter(|c| c.tag_name().name() == "tc") {
                let tcpr = child(tc, "tcPr");
                let colspan = tcpr
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1);
                let continued = tcpr
                    .and_then(|p| child(p, "vMerge"))
                    .is_some_and(|v| attr(v, "val") != Some("restart"));
                let blocks = if continued {
                    Vec::new()
                } else {
                    fold_lists(self.container(tc))
                };
                cells.push(Cell {
                    blocks,
                    colspan,
                    rowspan: 1,
                });
            }
            rows.push(cells);
        }
        table::build(rows)
    }
}

fn styled(text: String, fmt: Fmt) -> Inline {
    let mut inline = Inline::Text(text);
    if fmt.italic {
        inline = Inline::Emph(vec![inline]);
    }
    if fmt.bold {
        inline = Inline::Strong(vec![inline]);
    }
    inline
}
