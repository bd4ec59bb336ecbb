//! The parts around `word/document.xml`: relationships (links and images), styles (which
//! paragraph style is a heading: style ids are localised — Vietnamese Word calls "Heading 1"
//! `u1` — so the style's built-in *name* decides) and numbering (bullets or numbers).

use std::collections::HashMap;

use roxmltree::{Document, Node};

use crate::convert::error::ConvertError;

/// Deeper than this, a part is refused unread (Word nests a few dozen levels; the XML reader
/// recurses, and a hostile part nested 40,000 deep would exhaust the stack).
const MAX_NESTING: usize = 1_000;

/// Parses `text` (the part `part`), saying where it is broken.
pub(super) fn parse<'a>(text: &'a str, part: &str) -> Result<Document<'a>, ConvertError> {
    if crate::convert::model::tag_depth(text, &[]) > MAX_NESTING {
        return Err(ConvertError::Damaged {
            part: Some(part.to_string()),
            detail: "nested too deeply".to_string(),
        });
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        ConvertError::Xml {
            part: part.to_string(),
            line: pos.row,
            column: pos.col,
            detail: e.to_string(),
        }
    })
}

/// The attribute `name` of `node` whatever its namespace (`w:val`, `r:id`, `Target`).
pub(super) fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

/// The first child element of `node` named `name` (local name).
pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
pub(super) fn on(node: Option<Node<'_, '_>>) -> bool {
    node.is_some_and(|n| !matches!(attr(n, "val"), Some("0" | "false" | "off" | "none")))
}

/// `_rels/.rels`: the main document's path.
pub(super) fn office_document(rels: &str) -> Option<String> {
    let doc = parse(rels, "_rels/.rels").ok()?;
    doc.descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .find(|n| attr(*n, "Type").is_some_and(|t| t.ends_with("/officeDocument")))
        .and_then(|n| attr(n, "Target"))
        .map(str::to_string)
}

/// A relationship's target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Outside the document (a link's address).
    External(String),
    /// A part of the archive (`word/media/image1.png`).
    Part(String),
}

/// Relationship id → target, parts resolved from the document's folder `dir` (`word/`).
pub(super) fn relationships(
    text: Option<&str>,
    part: &str,
    dir: &str,
) -> Result<HashMap<String, Target>, ConvertError> {
    let mut out = HashMap::new();
    let Some(text) = text else {
        return Ok(out);
    };
    let doc = parse(text, part)?;
    for rel in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
    {
        let (Some(id), Some(target)) = (attr(rel, "Id"), attr(rel, "Target")) else {
            continue;
        };
        let target = if attr(rel, "TargetMode") == Some("External") {
            Target::External(target.to_string())
        } else {
            Target::Part(resolve(dir, target))
        };
        out.insert(id.to_string(), target);
    }
    Ok(out)
}

/// `media/a.png` from `word/` → `word/media/a.png`; `../x` and `/x` understood.
fn resolve(dir: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// What a style means for the post.
#[derive(Debug, Clone, Default)]
pub(crate) struct Style {
    /// A heading's level (1–6).
    pub(crate) heading: Option<u8>,
    /// Word's "Title" style.
    pub(crate) title: bool,
    /// A list style: (numbering id, level).
    pub(crate) list: Option<(String, u8)>,
    /// A character style that makes text bold ("Strong").
    pub(crate) bold: bool,
    /// A character style that makes text italic ("Emphasis").
    pub(crate) italic: bool,
}

/// Style id → meaning, with what each style inherits (`w:basedOn`) resolved.
pub(super) fn styles(
    text: Option<&str>,
    part: &str,
) -> Result<HashMap<String, Style>, ConvertError> {
    let Some(text) = text else {
        return Ok(HashMap::new());
    };
    let doc = parse(text, part)?;
    let mut raw: HashMap<String, (Option<String>, Style)> = HashMap::new();
    for node in doc.descendants().filter(|n| n.tag_name().name() == "style") {
        let Some(id) = attr(node, "styleId") else {
            continue;
        };
        let name = child(node, "name")
            .and_then(|n| attr(n, "val"))
            .unwrap_or(id)
            .to_ascii_lowercase();
        let ppr = child(node, "pPr");
        let rpr = child(node, "rPr");
        let mut style = Style {
            title: name == "title",
            heading: name
                .strip_prefix("heading ")
                .and_then(|n| n.trim().parse::<u8>().ok())
                .filter(|n| (1..=6).contains(n)),
            bold: on(rpr.and_then(|r| child(r, "b"))),
            italic: on(rpr.and_then(|r| child(r, "i"))),
            list: ppr.and_then(|p| child(p, "numPr")).and_then(num_pr),
        };
        if style.heading.is_none() && !style.title {
            style.heading = ppr
                .and_then(|p| child(p, "outlineLvl"))
                .and_then(|o| attr(o, "val"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|&n| n < 6)
                .map(|n| n + 1);
        }
        let based_on = child(node, "basedOn")
            .and_then(|b| attr(b, "val"))
            .map(str::to_string);
        raw.insert(id.to_string(), (based_on, style));
    }
    let mut out = HashMap::with_capacity(raw.len());
    for id in raw.keys() {
        let mut style = raw[id].1.clone();
        let mut parent = raw[id].0.clone();
        for _ in 0..10 {
            let Some((next, base)) = parent.as_ref().and_then(|p| raw.get(p)) else {
                break;
            };
            if style.heading.is_none() && !style.title {
                style.heading = base.heading;
                style.title = base.title;
            }
            style.list = style.list.or_else(|| base.list.clone());
            parent = next.clone();
        }
        out.insert(id.clone(), style);
    }
    Ok(out)
}

/// `<w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>` → ("3", 2); numId 0 is "no list".
pub(super) fn num_pr(node: Node<'_, '_>) -> Option<(String, u8)> {
    let id = child(node, "numId").and_then(|n| attr(n, "val"))?;
    if id == "0" {
        return None;
    }
    let level = child(node, "ilvl")
        .and_then(|n| attr(n, "val"))
        .and_then(|v| v.parse::<u8>().ok())
        .unwrap_or(0);
    Some((id.to_string(), level.min(8) + 1))
}

/// Numbering: (numbering id, level) → numbered (not bulleted).
pub(crate) type Numbering = HashMap<(String, u8), bool>;

/// The numbering part read: which list levels are numbered.
pub(super) fn numbering(text: Option<&str>, part: &str) -> Result<Numbering, ConvertError> {
    let mut out = HashMap::new();
    let Some(text) = text else {
        return Ok(out);
    };
    let doc = parse(text, part)?;
    let mut abstracts: HashMap<&str, Vec<(u8, bool)>> = HashMap::new();
    for node in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "abstractNum")
    {
        let Some(id) = attr(node, "abstractNumId") else {
            continue;
        };
        let levels = node
            .children()
            .filter(|c| c.tag_name().name() == "lvl")
            .filter_map(|lvl| {
                let level = attr(lvl, "ilvl")?.parse::<u8>().ok()?;
                let format = child(lvl, "numFmt")
                    .and_then(|f| attr(f, "val"))
                    .unwrap_or("bullet");
                Some((level.min(8) + 1, !matches!(format, "bullet" | "none")))
            })
            .collect();
        abstracts.insert(id, levels);
    }
    for node in doc.descendants().filter(|n| n.tag_name().name() == "num") {
        let (Some(id), Some(abs)) = (
            attr(node, "numId"),
            child(node, "abstractNumId").and_then(|a| attr(a, "val")),
        ) else {
            continue;
        };
        for (level, ordered) in abstracts.get(abs).into_iter().flatten() {
            out.insert((id.to_string(), *level), *ordered);
        }
    }
    Ok(out)
}
