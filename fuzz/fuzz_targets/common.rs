//! Shared check: every diagnostic must point inside the text it talks about.

use thidua::diagnostic::Diagnostic;

/// How many lines `bytes` has once CRLF and lone CR become `\n` (as thidua reads files).
pub fn line_count(bytes: &[u8]) -> usize {
    let mut lines = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => lines += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => lines += 1,
            _ => {}
        }
        i += 1;
    }
    lines
}

/// Panics when a diagnostic's line is past the end of `text` (offset by `first_line - 1`, for
/// text that starts further down its file). This found two location bugs: end-of-text errors
/// one line past the end of files without a final newline, and serde_yaml counting U+0085,
/// U+2028 and U+2029 as line breaks (tests/suite/robustness.rs, `fuzz_*`).
pub fn check_locations(diags: &[Diagnostic], text: &[u8], first_line: usize, what: &str) {
    let lines = line_count(text);
    for d in diags {
        if let Some(loc) = d.location {
            assert!(
                loc.line >= first_line && loc.line < first_line + lines,
                "{what}: diagnostic outside the text ({lines} lines from line {first_line}): {d}"
            );
        }
    }
}
