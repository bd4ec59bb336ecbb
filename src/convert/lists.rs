//! Word's lists are paragraphs that each say which list and level they belong to (in HTML,
//! `mso-list:l0 level2 lfo1`; in a .docx, `w:numPr`): both readers hand them here in order,
//! and consecutive ones become (nested) lists.

use super::model::{Block, Inline};

/// A block, or a paragraph of one of Word's lists waiting to be grouped with its neighbours.
pub(crate) enum Item {
    /// A block as it is.
    Block(Block),
    /// A list paragraph.
    ListParagraph(ListParagraph),
}

/// A paragraph of a Word list.
pub(crate) struct ListParagraph {
    /// Which list it belongs to (`l0 lfo1`, or a .docx numbering id).
    pub(crate) list: String,
    /// 1 for the outer level.
    pub(crate) level: u8,
    /// Numbered rather than bulleted.
    pub(crate) ordered: bool,
    /// Its words.
    pub(crate) inlines: Vec<Inline>,
}

/// Groups Word's list paragraphs into (nested) lists.
pub(crate) fn fold_lists(items: Vec<Item>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut run: Vec<ListParagraph> = Vec::new();
    for item in items {
        match item {
            Item::ListParagraph(p) => {
                let new_list = run
                    .first()
                    .is_some_and(|f| f.list != p.list && p.level <= f.level);
                if new_list {
                    out.push(nest(
                        &mut std::mem::take(&mut run).into_iter().peekable(),
                        0,
                    ));
                }
                run.push(p);
            }
            Item::Block(b) => {
                if !run.is_empty() {
                    out.push(nest(
                        &mut std::mem::take(&mut run).into_iter().peekable(),
                        0,
                    ));
                }
                out.push(b);
            }
        }
    }
    if !run.is_empty() {
        out.push(nest(&mut run.into_iter().peekable(), 0));
    }
    out
}

/// One list from the paragraphs at `level` or deeper (deeper ones nest in the item before).
fn nest(paras: &mut std::iter::Peekable<impl Iterator<Item = ListParagraph>>, above: u8) -> Block {
    let mut items: Vec<Vec<Block>> = Vec::new();
    let mut ordered = None;
    let mut level = None;
    while let Some(p) = paras.peek() {
        if p.level <= above {
            break;
        }
        let this = *level.get_or_insert(p.level);
        if p.level > this {
            let nested = nest(paras, this);
            match items.last_mut() {
                Some(last) => last.push(nested),
                None => items.push(vec![nested]),
            }
            continue;
        }
        if p.level < this {
            break;
        }
        let ordered = *ordered.get_or_insert(p.ordered);
        let _ = ordered;
        if let Some(p) = paras.next() {
            items.push(vec![Block::Paragraph(p.inlines)]);
        }
    }
    Block::List {
        ordered: ordered.unwrap_or(false),
        items,
    }
}
