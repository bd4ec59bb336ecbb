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
    }
}
