//! Headings: each gets an id (a Vietnamese-aware slug of its text, unless written `{#id}`),
//! unique within the page, and the table of contents nests them by level.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, HeadingLevel, Tag};

use super::TocEntry;
use crate::paths::slugify;

/// The heading ids a page has given out.
#[derive(Default)]
pub(super) struct HeadingIds {
    used: HashSet<String>,
    /// For each base that was taken, the last `n` tried in `base-n`: every `base-k` with
    /// `k` up to it is taken already, so the next search starts after it. Without this, 40,000
    /// identical headings tried 800 million ids (58 s).
    last_tried: HashMap<String, usize>,
}

impl HeadingIds {
    /// `base` if it is free, else the first free `base-2`, `base-3`…
    pub(super) fn claim(&mut self, base: String) -> String {
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
pub(super) fn name_heading(
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
pub(super) fn nest(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
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
