//! Targeted edits of a data file's text: one indicator's figure blocks (`total`, `breakdown`,
//! `series`, `source`) or one honouree's item replaced, removed or added, and every other line
//! (the comments that explain the fields, blank lines, the order of keys) kept as it was. The
//! file is never re-serialised as a whole; comments *inside* a replaced block are not kept.

use crate::campaign::yaml_lines::{blank, indent, item_span, key_at, lines};

/// The list item whose first line (`  - id: x`) is `line` (1-based): its first line, the line
/// after its last non-blank line, and the indent of its keys. `None` for a one-line `{…}` item.
pub(super) fn item(text: &str, line: usize) -> Option<(usize, usize, usize)> {
    let lines = lines(text);
    let (start, end, ki) = item_span(&lines, line)?;
    let last = (start..end)
        .rev()
        .find(|&i| !blank(lines[i]))
        .unwrap_or(start);
    Some((start, last + 1, ki))
}

/// The lines `[start, end)` of key `key` inside the item `[from, to)` at indent `ki`.
fn key_range(
    lines: &[&str],
    from: usize,
    to: usize,
    ki: usize,
    key: &str,
) -> Option<(usize, usize)> {
    let i = (from + 1..to).find(|&i| key_at(lines[i], ki) == Some(key))?;
    let mut j = i + 1;
    while j < to && (blank(lines[j]) || indent(lines[j]) > ki) {
        j += 1;
    }
    while j > i + 1 && blank(lines[j - 1]) {
        j -= 1;
    }
    Some((i, j))
}

/// `text` with the item starting on `line` having each of `blocks` (key, new lines or `None`
/// to remove it) in place of the key's present lines. A key the item lacks is added after the
/// last present key listed before it, else before the first present key listed after it, else
/// at the item's end. `make(ki)` gives the blocks for the item's key indent.
pub(super) fn set_blocks(
    text: &str,
    line: usize,
    make: impl Fn(usize) -> Vec<(&'static str, Option<String>)>,
) -> Option<String> {
    let (start, end, ki) = item(text, line)?;
    let lines = lines(text);
    let blocks = make(ki);
    let ranges: Vec<Option<(usize, usize)>> = blocks
        .iter()
        .map(|(k, _)| key_range(&lines, start, end, ki, k))
        .collect();
    // Where each block goes: (line index, order) → text.
    let mut inserts: Vec<(usize, usize, &str)> = Vec::new();
    let mut removed = vec![false; lines.len()];
    for (n, ((_, new), range)) in blocks.iter().zip(&ranges).enumerate() {
        let at = match range {
            Some((a, b)) => {
                removed[*a..*b].iter_mut().for_each(|r| *r = true);
                *a
            }
            None => ranges[..n]
                .iter()
                .rev()
                .flatten()
                .next()
                .map(|(_, b)| *b)
                .or_else(|| ranges[n + 1..].iter().flatten().next().map(|(a, _)| *a))
                .unwrap_or(end),
        };
        if let Some(new) = new {
            inserts.push((at, n, new.as_str()));
        }
    }
    inserts.sort_by_key(|(at, n, _)| (*at, *n));
    let mut out = String::with_capacity(text.len() + 256);
    let mut next = inserts.iter().peekable();
    for (i, l) in lines.iter().enumerate() {
        while let Some((_, _, new)) = next.next_if(|(at, _, _)| *at == i) {
            out.push_str(new);
        }
        if !removed[i] {
            out.push_str(l);
        }
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for (_, _, new) in next {
        out.push_str(new);
    }
    Some(out)
}

/// The lines `[start, end)` of `text`.
pub(super) fn lines_of(text: &str, start: usize, end: usize) -> String {
    lines(text)[start.min(end)..end].concat()
}

/// `new` (an item's lines) with each line whose key and value are unchanged taken from `old`
/// as it was, with its end-of-line comment (`so_ky_hieu: "999/QĐ-VP"  # MẪU`).
pub(super) fn keep_comments(old: &str, new: &str) -> String {
    let olds = lines(old);
    lines(new)
        .iter()
        .map(|n| {
            let body = n.trim_end();
            olds.iter()
                .find(|o| {
                    o.trim_end().strip_prefix(body).is_some_and(|rest| {
                        rest.starts_with(' ') && rest.trim_start().starts_with('#')
                    })
                })
                .map_or_else(|| n.to_string(), |o| o.to_string())
        })
        .collect()
}

/// `text` with the lines `[start, end)` replaced by `new` (empty: removed, with one blank line
/// after it when the item was followed by one).
pub(super) fn replace_lines(text: &str, start: usize, end: usize, new: &str) -> String {
    let lines = lines(text);
    let mut end = end;
    if new.is_empty() && lines.get(end).is_some_and(|l| blank(l)) {
        end += 1;
    }
    let mut out: String = lines[..start].concat();
    out.push_str(new);
    out.push_str(&lines[end.min(lines.len())..].concat());
    out
}

/// `text` with `new` (an item's lines) added after the line index `after` (exclusive end of
/// the last item), separated by a blank line.
pub(super) fn insert_after(text: &str, after: usize, new: &str) -> String {
    let lines = lines(text);
    let at = after.min(lines.len());
    let mut out: String = lines[..at].concat();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(new);
    out.push_str(&lines[at..].concat());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "indicators:\n  # nhóm\n  - id: a\n    name: A # tên\n    total:\n      counts: {x: 1}\n      value: null\n    series:\n      granularity: month\n\n    # nguồn\n    source: {name: s}\n    note: \"n\"\n\n  - id: b\n";

    #[test]
    fn blocks_are_replaced_in_place_and_comments_between_them_stay() {
        let out = set_blocks(TEXT, 3, |ki| {
            let p = " ".repeat(ki);
            vec![
                ("total", Some(format!("{p}total:\n{p}  counts: {{x: 2}}\n"))),
                ("breakdown", Some(format!("{p}breakdown: {{}}\n"))),
                ("series", None),
                ("source", Some(format!("{p}source: {{name: t}}\n"))),
            ]
        })
        .expect("block item");
        assert_eq!(
            out,
            "indicators:\n  # nhóm\n  - id: a\n    name: A # tên\n    total:\n      counts: {x: 2}\n    breakdown: {}\n\n    # nguồn\n    source: {name: t}\n    note: \"n\"\n\n  - id: b\n"
        );
    }

    #[test]
    fn end_of_line_comments_of_unchanged_values_stay() {
        let old = "  - id: a\n    so: \"999\"   # MẪU\n    ngay: \"2023\" # MẪU\n";
        let new = "  - id: a\n    so: \"999\"\n    ngay: \"2024\"\n";
        assert_eq!(
            keep_comments(old, new),
            "  - id: a\n    so: \"999\"   # MẪU\n    ngay: \"2024\"\n"
        );
    }

    #[test]
    fn items_are_found_removed_and_added() {
        assert_eq!(item(TEXT, 3), Some((2, 13, 4)));
        let removed = replace_lines(TEXT, 2, 13, "");
        assert_eq!(removed, "indicators:\n  # nhóm\n  - id: b\n");
        let added = insert_after("list:\n  - id: a\n", 2, "  - id: b\n");
        assert_eq!(added, "list:\n  - id: a\n\n  - id: b\n");
    }
}
