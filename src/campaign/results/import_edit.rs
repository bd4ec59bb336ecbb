//! Writing a mapping into `results.yaml` as text: the indicator's `total`, `breakdown`,
//! `series` and `from_table` keys are replaced by the new `from_table` block, and every other
//! byte of the file (comments, blank lines, CRLF line ends, the order of keys) is kept. The
//! file is never re-serialised: staff comments are part of it.

use super::TableSource;
use crate::campaign::yaml_lines::{blank, indent, item_span, key_at, lines};

/// The keys a mapping replaces.
const REPLACED: [&str; 4] = ["total", "breakdown", "series", "from_table"];

/// The `from_table` block for `source`, at key indent `ki`, with line end `nl`.
pub(super) fn block(source: &TableSource, ki: usize, nl: &str) -> String {
    let pad = " ".repeat(ki);
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""));
    let mut out = format!(
        "{pad}from_table:{nl}{pad}  table: {}{nl}{pad}  counts:{nl}",
        q(&source.table)
    );
    for (key, cols) in &source.counts {
        let value = match cols.as_slice() {
            [one] => q(one),
            many => format!(
                "[{}]",
                many.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")
            ),
        };
        out.push_str(&format!("{pad}    {key}: {value}{nl}"));
    }
    for (key, col) in [("by_unit", &source.by_unit), ("by_month", &source.by_month)] {
        if let Some(col) = col {
            out.push_str(&format!("{pad}  {key}: {}{nl}", q(col)));
        }
    }
    out
}

/// `text` with the indicator whose `- id:` is on line `id_line` (1-based) taking its figures
/// from `source`; `None` when the indicator is not written in block style (one `{…}` line).
pub(super) fn replace_figures(text: &str, id_line: usize, source: &TableSource) -> Option<String> {
    let lines = lines(text);
    let (start, end, ki) = item_span(&lines, id_line)?;
    let first = lines[start];
    let nl = if first.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut removed = vec![false; lines.len()];
    let mut insert_at = None;
    let mut source_line = None;
    for i in start + 1..end {
        match key_at(lines[i], ki) {
            Some(k) if REPLACED.contains(&k) => {
                insert_at.get_or_insert(i);
                let mut j = i + 1;
                while j < end && (blank(lines[j]) || indent(lines[j]) > ki) {
                    j += 1;
                }
                // Blank lines before the next key stay.
                while j > i + 1 && blank(lines[j - 1]) {
                    j -= 1;
                }
                removed[i..j].iter_mut().for_each(|r| *r = true);
            }
            Some("source") => source_line = source_line.or(Some(i)),
            _ => {}
        }
    }
    let last_filled = (start..end)
        .rev()
        .find(|&i| !blank(lines[i]))
        .unwrap_or(start);
    let at = insert_at.or(source_line).unwrap_or(last_filled + 1);
    let mut out = String::with_capacity(text.len() + 256);
    for (i, line) in lines.iter().enumerate() {
        if i == at {
            out.push_str(&block(source, ki, nl));
        }
        if !removed[i] {
            out.push_str(line);
        }
    }
    if at >= lines.len() {
        if !out.ends_with('\n') {
            out.push_str(nl);
        }
        out.push_str(&block(source, ki, nl));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> TableSource {
        TableSource {
            table: "mot_cua".into(),
            counts: vec![
                ("tong".into(), vec!["Tổng số".into()]),
                ("dung".into(), vec!["Trước hạn".into(), "Đúng hạn".into()]),
            ],
            by_unit: Some("Đơn vị".into()),
            by_month: None,
        }
    }

    #[test]
    fn figures_are_replaced_and_everything_else_is_kept() {
        let text = "# đầu tệp\r\nindicators:\r\n  - id: a\r\n    name: \"A\" # tên\r\n    total:\r\n      # số liệu cũ\r\n      counts: {tong: 1}\r\n\r\n    series:\r\n      points: []\r\n    # nguồn\r\n    source: {name: x}\r\n  # nhóm sau\r\n  - id: b\r\n    total: {counts: {tong: 2}}\r\n";
        let out = replace_figures(text, 3, &source()).expect("block style");
        assert_eq!(
            out,
            "# đầu tệp\r\nindicators:\r\n  - id: a\r\n    name: \"A\" # tên\r\n    from_table:\r\n      table: \"mot_cua\"\r\n      counts:\r\n        tong: \"Tổng số\"\r\n        dung: [\"Trước hạn\", \"Đúng hạn\"]\r\n      by_unit: \"Đơn vị\"\r\n\r\n    # nguồn\r\n    source: {name: x}\r\n  # nhóm sau\r\n  - id: b\r\n    total: {counts: {tong: 2}}\r\n"
        );
    }

    #[test]
    fn a_block_is_added_at_the_end_of_an_indicator_without_figures() {
        let text = "indicators:\n  - id: a\n    name: A";
        let out = replace_figures(text, 2, &source()).expect("block style");
        assert!(
            out.starts_with("indicators:\n  - id: a\n    name: A\n    from_table:\n"),
            "{out}"
        );
        assert_eq!(
            replace_figures("indicators:\n  - {id: a}\n", 2, &source()),
            None
        );
    }
}
