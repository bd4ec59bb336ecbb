//! Reading a YAML data file as lines, for the edits that change one block of it and keep
//! every other byte (`results/import_edit.rs` for `thidua data import`, the editing room's
//! data forms): lines with their ends, indents, blank lines, and the key a line sets.

/// Lines of `text` with their line ends.
pub(crate) fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// How many spaces `line` starts with.
pub(crate) fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether `line` holds nothing but white space.
pub(crate) fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The key a line sets at indent `ki` (`    total:` → `total`).
pub(crate) fn key_at(line: &str, ki: usize) -> Option<&str> {
    if indent(line) != ki {
        return None;
    }
    let rest = &line[ki..];
    let key = &rest[..rest.find(':')?];
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(key)
}

/// The block-style list item whose first line (`  - id: x`) is `line` (1-based) in `lines`:
/// its first line's index, the index of the first line after it (indented less than its
/// keys), and the indent of its keys. `None` for a one-line `{…}` item or no item there.
pub(crate) fn item_span(lines: &[&str], line: usize) -> Option<(usize, usize, usize)> {
    let start = line.checked_sub(1)?;
    let first = lines.get(start)?;
    let dash = first.find("- ")?;
    if first[dash..].contains('{') || !first[..dash].trim().is_empty() {
        return None;
    }
    let ki = dash + 2 + indent(&first[dash + 2..]);
    let end = (start + 1..lines.len())
        .find(|&i| !blank(lines[i]) && indent(lines[i]) < ki)
        .unwrap_or(lines.len());
    Some((start, end, ki))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_at_their_indent_only() {
        assert_eq!(key_at("    total: 5\n", 4), Some("total"));
        assert_eq!(key_at("    total: 5\n", 2), None);
        assert_eq!(key_at("    - id: x\n", 4), None);
        assert_eq!(key_at("    : x\n", 4), None);
        assert_eq!(lines("a\r\nb\n"), ["a\r\n", "b\n"]);
        assert!(blank("  \r\n") && !blank(" x"));
        assert_eq!(indent("   x"), 3);
        let text = lines("items:\n  - id: a\n    n: 1\n\n  - id: b\n  - {id: c}\n");
        assert_eq!(item_span(&text, 2), Some((1, 4, 4)));
        assert_eq!(item_span(&text, 6), None);
        assert_eq!(item_span(&text, 1), None);
    }
}
