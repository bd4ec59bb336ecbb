//! The Markdown writer: the document tree as CommonMark with GFM tables, written so that it
//! renders back to the same words (every character Markdown would read as markup is escaped,
//! and only where it would be read so: `1.` at the start of a line, not in "năm 2023.").

use super::model::{Block, Inline};
use super::tidy::tidy;

/// `blocks` as Markdown, ending with one newline (empty for no blocks).
pub(crate) fn to_markdown(blocks: &[Block]) -> String {
    let mut out = join_blocks(blocks);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn join_blocks(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(blocks.len());
    let mut previous_list: Option<bool> = None;
    for block in blocks {
        let text = block_markdown(block);
        if text.is_empty() {
            continue;
        }
        // Two lists of the same kind one after the other would read as one: a comment between
        // them ends the first (CommonMark's own advice).
        if let Block::List { ordered, .. } = block {
            if previous_list == Some(*ordered) {
                parts.push("<!-- -->".to_string());
            }
            previous_list = Some(*ordered);
        } else {
            previous_list = None;
        }
        parts.push(text);
    }
    parts.join("\n\n")
}

fn block_markdown(block: &Block) -> String {
    match block {
        Block::Heading(level, inlines) => {
            let text = inline_markdown(inlines, Context::Heading);
            if text.is_empty() {
                return String::new();
            }
            format!("{} {}", "#".repeat(usize::from((*level).clamp(1, 6))), text)
        }
        Block::Paragraph(inlines) => inline_markdown(inlines, Context::Paragraph),
        Block::List { ordered, items } => list_markdown(*ordered, items),
        Block::Table(rows) => table_markdown(rows),
        Block::Quote(blocks) => prefix_lines(&join_blocks(blocks), "> ", ">"),
        Block::Code(code) => {
            let longest = longest_run(code, '`');
            let fence = "`".repeat(longest.max(2) + 1);
            format!("{fence}\n{}\n{fence}", code.trim_end_matches('\n'))
        }
        Block::Rule => "---".to_string(),
    }
}

fn list_markdown(ordered: bool, items: &[Vec<Block>]) -> String {
    let tight = items
        .iter()
        .all(|item| item.len() <= 1 || matches!(item.get(1), Some(Block::List { .. })));
    let mut out = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}. ", n + 1)
        } else {
            "- ".to_string()
        };
        let body = if tight {
            item.iter()
                .map(block_markdown)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            join_blocks(item)
        };
        let indent = " ".repeat(marker.len());
        let mut lines = body.lines();
        let first = lines.next().unwrap_or("");
        let mut text = format!("{marker}{first}").trim_end().to_string();
        for line in lines {
            text.push('\n');
            if !line.is_empty() {
                text.push_str(&indent);
                text.push_str(line);
            }
        }
        out.push(text);
    }
    out.join(if tight { "\n" } else { "\n\n" })
}

fn table_markdown(rows: &[Vec<Vec<Inline>>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..columns {
            let cell = row
                .get(c)
                .map(|cell| inline_markdown(cell, Context::Cell))
                .unwrap_or_default();
            out.push(' ');
            out.push_str(&cell);
            out.push_str(if cell.is_empty() { "|" } else { " |" });
        }
        out.push('\n');
        if r == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(columns));
            out.push('\n');
        }
    }
    out.pop();
    out
}

fn prefix_lines(text: &str, prefix: &str, empty: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                empty.to_string()
            } else {
                format!("{prefix}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Where inline text goes: what must be escaped differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Paragraph,
    Heading,
    Cell,
}

/// `inlines` as one block's Markdown: tidied (see [`tidy`]), trimmed, escaped.
fn inline_markdown(inlines: &[Inline], cx: Context) -> String {
    let tidy = tidy(inlines);
    let mut w = Writer {
        out: String::new(),
        line_start: true,
        cx,
    };
    w.inlines(&tidy);
    let out = w.out.trim_end_matches([' ', '\\', '\n']).to_string();
    out.trim_start().to_string()
}

struct Writer {
    out: String,
    line_start: bool,
    cx: Context,
}

impl Writer {
    fn inlines(&mut self, inlines: &[Inline]) {
        for (i, inline) in inlines.iter().enumerate() {
            let next = inlines.get(i + 1).and_then(first_char);
            self.inline(inline, next);
        }
    }

    fn inline(&mut self, inline: &Inline, next: Option<char>) {
        match inline {
            Inline::Text(t) => self.text(t),
            Inline::Strong(c) => self.delimited(c, "**", "strong", next),
            Inline::Emph(c) => self.delimited(c, "*", "em", next),
            Inline::Link { href, content } => {
                let words = if super::model::is_blank(content) {
                    vec![Inline::Text(href.clone())]
                } else {
                    content.clone()
                };
                self.out.push('[');
                self.line_start = false;
                self.inlines(&words);
                self.out.push_str("](");
                self.out.push_str(&destination(href));
                self.out.push(')');
            }
            Inline::Image { src, alt } => {
                self.out.push_str("![");
                self.out.push_str(&escape(alt, Context::Cell, false));
                self.out.push_str("](");
                self.out.push_str(&destination(src));
                self.out.push(')');
                self.line_start = false;
            }
            Inline::Break => {
                let trimmed = self.out.trim_end_matches(' ').len();
                self.out.truncate(trimmed);
                if self.out.is_empty() || self.out.ends_with('\n') {
                    return;
                }
                if self.cx == Context::Paragraph {
                    self.out.push_str("\\\n");
                    self.line_start = true;
                } else {
                    self.out.push(' ');
                }
            }
        }
    }

    /// `**words**`, or `<strong>words</strong>` where the neighbours would stop `**` from
    /// being read as emphasis (a letter just outside and punctuation just inside).
    fn delimited(&mut self, content: &[Inline], delim: &str, tag: &str, next: Option<char>) {
        let before = self.out.chars().next_back();
        let first = content.first().and_then(first_char);
        let last = content.last().and_then(last_char);
        let blocked = |outside: Option<char>, inside: Option<char>| {
            outside.is_some_and(char::is_alphanumeric)
                && inside.is_some_and(|c| c.is_ascii_punctuation() || is_punctuation(c))
        };
        let html = blocked(before, first) || blocked(next, last);
        let (open, close) = if html {
            (format!("<{tag}>"), format!("</{tag}>"))
        } else {
            (delim.to_string(), delim.to_string())
        };
        self.out.push_str(&open);
        self.line_start = false;
        self.inlines(content);
        self.out.push_str(&close);
    }

    fn text(&mut self, text: &str) {
        let mut text = text.replace(['\n', '\r', '\t'], " ");
        if self.line_start {
            text = text.trim_start().to_string();
            if text.is_empty() {
                return;
            }
        }
        self.out.push_str(&escape(&text, self.cx, self.line_start));
        self.line_start = false;
    }
}

fn is_punctuation(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '«' | '»' | '…' | '–' | '—')
}

fn first_char(inline: &Inline) -> Option<char> {
    match inline {
        Inline::Text(t) => t.chars().next(),
        Inline::Strong(c) | Inline::Emph(c) => c.first().and_then(first_char),
        Inline::Link { .. } => Some('['),
        Inline::Image { .. } => Some('!'),
        Inline::Break => Some('\n'),
    }
}

fn last_char(inline: &Inline) -> Option<char> {
    match inline {
        Inline::Text(t) => t.chars().next_back(),
        Inline::Strong(c) | Inline::Emph(c) => c.last().and_then(last_char),
        Inline::Link { .. } | Inline::Image { .. } => Some(')'),
        Inline::Break => Some('\n'),
    }
}

/// A link or image address as Markdown writes it: characters that would end or break it
/// percent-encoded.
fn destination(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` with every character Markdown would read as markup escaped; `line_start` when the
/// text begins a line (where `#`, `-`, `1.` and `>` start blocks).
fn escape(text: &str, cx: Context, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let prefix = if line_start {
        line_start_escape(&chars)
    } else {
        None
    };
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let needs = match c {
            '\\' | '`' | '*' | '[' | ']' | '~' => true,
            // Between two letters `_` cannot open or close emphasis (`ghi_chu`).
            '_' => {
                !(i > 0
                    && chars[i - 1].is_alphanumeric()
                    && next.is_some_and(char::is_alphanumeric))
            }
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => looks_like_entity(&chars[i + 1..]),
            '|' => cx == Context::Cell,
            '{' | '}' => cx == Context::Heading,
            _ => prefix == Some(i),
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Which character to escape so that a line beginning with `chars` stays a paragraph line.
fn line_start_escape(chars: &[char]) -> Option<usize> {
    let first = *chars.first()?;
    let second = chars.get(1).copied();
    let space_or_end = |c: Option<char>| c.is_none_or(|c| c == ' ');
    match first {
        '>' => Some(0),
        '#' => {
            let hashes = chars.iter().take_while(|&&c| c == '#').count();
            (hashes <= 6 && space_or_end(chars.get(hashes).copied())).then_some(0)
        }
        '-' | '+' if space_or_end(second) => Some(0),
        '-' | '=' if chars.iter().all(|&c| c == first || c == ' ') => Some(0),
        '0'..='9' => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            let after = chars.get(digits).copied();
            (digits <= 9
                && matches!(after, Some('.' | ')'))
                && space_or_end(chars.get(digits + 1).copied()))
            .then_some(digits)
        }
        _ => None,
    }
}

fn looks_like_entity(rest: &[char]) -> bool {
    let body: Vec<&char> = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .collect();
    !body.is_empty() && rest.get(body.len()) == Some(&';')
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
