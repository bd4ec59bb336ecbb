//! Shortcodes: a live figure written in a body as `{{ chi_tieu(id="ho-so-dung-han") }}`,
//! replaced by its text before the Markdown is parsed.
//!
//! Written for staff who type in Word: curly quotes (“ ”, ‘ ’) count as quotes, `chi-tieu` as
//! `chi_tieu`, and spaces around names and `=` do not matter. What a shortcode says is the
//! caller's business (`expand`); this module only finds them (outside code blocks and code
//! spans), parses their arguments, splices the text in, and remembers how offsets moved so
//! later errors still point at the file as it is written.

use crate::messages::Text;

/// One shortcode as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    /// Its name, with `-` read as `_` (`chi_tieu`).
    pub name: String,
    /// Its arguments in order: (name, value, byte offset of the value in the body).
    pub args: Vec<(String, String, usize)>,
    /// Byte offset of its `{{` in the body.
    pub start: usize,
}

impl Shortcode {
    /// The value of argument `name`, with its offset.
    pub fn arg(&self, name: &str) -> Option<(&str, usize)> {
        self.args
            .iter()
            .find(|(k, _, _)| k == name)
            .map(|(_, v, at)| (v.as_str(), *at))
    }
}

/// Why a shortcode cannot be expanded, and where (a byte offset in the body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcodeError {
    /// What is wrong.
    pub message: Text,
    /// How to fix it.
    pub hint: Option<Text>,
    /// Byte offset in the body.
    pub at: usize,
}

/// What a shortcode says: its text, or why it cannot say anything.
pub type Expand<'a> = &'a dyn Fn(&Shortcode) -> Result<String, ShortcodeError>;

/// A body with its shortcodes replaced.
#[derive(Debug, Default)]
pub(super) struct Expanded {
    /// The new body.
    pub(super) text: String,
    /// For each replacement: (end of the new text, end of the written text), in order.
    shifts: Vec<(usize, usize, usize)>,
}

impl Expanded {
    /// The offset in the written body of offset `new` in the expanded one (an offset inside a
    /// replacement maps to the start of its shortcode).
    pub(super) fn original(&self, new: usize) -> usize {
        let mut delta: isize = 0;
        for &(new_start, new_end, old_end) in &self.shifts {
            if new < new_start {
                break;
            }
            if new < new_end {
                return (new_start as isize - delta) as usize;
            }
            delta = new_end as isize - old_end as isize;
        }
        (new as isize - delta).max(0) as usize
    }
}

/// Replaces every shortcode of `markdown` with what `expand` says (an error leaves the
/// shortcode as written). `None` when there is none.
pub(super) fn expand_all(
    markdown: &str,
    expand: Expand<'_>,
) -> Option<(Expanded, Vec<ShortcodeError>)> {
    if !markdown.contains("{{") {
        return None;
    }
    let mut out = Expanded {
        text: String::with_capacity(markdown.len()),
        shifts: Vec::new(),
    };
    let mut errors = Vec::new();
    let mut copied = 0;
    for (start, end) in candidates(markdown) {
        let replacement = match parse(markdown, start, end) {
            Ok(sc) => match expand(&sc) {
                Ok(text) => escape(&text),
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            },
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        out.text.push_str(&markdown[copied..start]);
        let new_start = out.text.len();
        out.text.push_str(&replacement);
        out.shifts.push((new_start, out.text.len(), end));
        copied = end;
    }
    if out.shifts.is_empty() && errors.is_empty() {
        return None;
    }
    out.text.push_str(&markdown[copied..]);
    Some((out, errors))
}

/// The text as Markdown that says exactly it: no emphasis, link or quote from `*`, `[`, `>`.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '\\' | '*' | '_' | '[' | ']' | '`' | '|' | '#' | '~' => {
                s.push('\\');
                s.push(c);
            }
            _ => s.push(c),
        }
    }
    s
}

/// (start, end) of each `{{ name(` … `}}` outside fenced code and code spans.
fn candidates(markdown: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut offset = 0;
    let mut fence: Option<(char, usize)> = None;
    for line in markdown.split('\n') {
        let t = line.trim_start();
        let marker = t.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |c| t.chars().take_while(|x| *x == c).count());
        match (fence, marker) {
            (None, Some(c)) if run >= 3 => fence = Some((c, run)),
            (Some((fc, fr)), Some(c)) if fc == c && run >= fr && t[run..].trim().is_empty() => {
                fence = None
            }
            (None, _) => in_line(line, offset, &mut found),
            _ => {}
        }
        offset += line.len() + 1;
    }
    found
}

/// The shortcodes of one line, skipping code spans.
fn in_line(line: &str, offset: usize, found: &mut Vec<(usize, usize)>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
            let close = "`".repeat(run);
            match line[i + run..].find(&close) {
                Some(k) => i += run + k + run,
                None => i += run,
            }
            continue;
        }
        if bytes[i..].starts_with(b"{{") && looks_like_call(&line[i + 2..]) {
            let end = line[i..].find("}}").map_or(line.len(), |k| i + k + 2);
            found.push((offset + i, offset + end));
            i = end;
            continue;
        }
        i += 1;
    }
}

/// `name(` after `{{` and optional spaces: only then is `{{` meant as a shortcode.
fn looks_like_call(rest: &str) -> bool {
    let rest = rest.trim_start();
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    name_len > 0 && rest[name_len..].trim_start().starts_with('(')
}

const OPEN_QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '„'];

/// Parses the shortcode at `markdown[start..end]`.
fn parse(markdown: &str, start: usize, end: usize) -> Result<Shortcode, ShortcodeError> {
    let src = &markdown[start..end];
    let bad = |at: usize| ShortcodeError {
        message: crate::msg!("shortcode \"{}\" is not written correctly", src),
        hint: Some(crate::msg!(
            "write it like {{ chi_tieu(id=\"ho-so-dung-han\", hien=\"gia-tri\") }}"
        )),
        at: start + at,
    };
    let Some(inner) = src.strip_prefix("{{").and_then(|s| s.strip_suffix("}}")) else {
        return Err(bad(0));
    };
    let open = inner.find('(').ok_or_else(|| bad(0))?;
    let name = inner[..open].trim().replace('-', "_");
    let mut at = 2 + open + 1;
    let mut args = Vec::new();
    loop {
        let rest = &src[at..];
        let skipped = rest.len() - rest.trim_start().len();
        at += skipped;
        let rest = &src[at..];
        if rest.starts_with(')') {
            if !src[at + 1..].trim_start().starts_with("}}") {
                return Err(bad(at));
            }
            break;
        }
        let eq = rest.find('=').ok_or_else(|| bad(at))?;
        let key = rest[..eq].trim().to_string();
        if key.is_empty() || key.contains([',', ')', ' ']) {
            return Err(bad(at));
        }
        at += eq + 1;
        let rest = &src[at..];
        at += rest.len() - rest.trim_start().len();
        let rest = &src[at..];
        let q = rest.chars().next().filter(|c| OPEN_QUOTES.contains(c));
        let Some(q) = q else { return Err(bad(at)) };
        let value_start = at + q.len_utf8();
        let close = src[value_start..]
            .find(OPEN_QUOTES)
            .ok_or_else(|| bad(at))?;
        let value = src[value_start..value_start + close].trim().to_string();
        args.push((key, value, start + value_start));
        at = value_start + close;
        at += src[at..].chars().next().map_or(1, char::len_utf8);
        let rest = &src[at..];
        at += rest.len() - rest.trim_start().len();
        if src[at..].starts_with(',') {
            at += 1;
        }
    }
    Ok(Shortcode { name, args, start })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo(sc: &Shortcode) -> Result<String, ShortcodeError> {
        if sc.name != "chi_tieu" {
            return Err(ShortcodeError {
                message: crate::msg!("unknown shortcode \"{}\"", sc.name),
                hint: None,
                at: sc.start,
            });
        }
        Ok(sc
            .args
            .iter()
            .map(|(k, v, _)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(";"))
    }

    #[test]
    fn word_quotes_and_dashes_are_accepted() {
        let (e, errs) =
            expand_all("A {{ chi-tieu(id=“x”, hien = 'gia-tri') }} b", &echo).expect("a shortcode");
        assert!(errs.is_empty());
        assert_eq!(e.text, "A id=x;hien=gia-tri b");
    }

    #[test]
    fn code_is_left_alone() {
        let md = "`{{ chi_tieu(id=\"x\") }}`\n\n```\n{{ chi_tieu(id=\"x\") }}\n```\n";
        assert!(expand_all(md, &echo).is_none());
    }

    #[test]
    fn braces_that_are_not_a_call_are_text() {
        assert!(expand_all("{{ not a call }} and {{x}}", &echo).is_none());
    }

    #[test]
    fn offsets_after_a_replacement_map_back() {
        let md = "ab {{ chi_tieu(id=\"long-value\") }} cd";
        let (e, _) = expand_all(md, &echo).expect("a shortcode");
        let new_cd = e.text.find("cd").expect("a shortcode");
        assert_eq!(e.original(new_cd), md.find("cd").expect("a shortcode"));
        assert_eq!(e.original(1), 1);
        assert_eq!(e.original(4), 3);
    }

    #[test]
    fn vietnamese_text_around_is_kept() {
        let (e, _) = expand_all("*Bài* à {{ chi_tieu(id=\"x\") }} ở", &echo).expect("a shortcode");
        assert_eq!(e.text, "*Bài* à id=x ở");
    }

    #[test]
    fn markdown_characters_in_a_value_are_escaped() {
        assert_eq!(escape("> 99% *x*"), "&gt; 99% \\*x\\*");
    }

    #[test]
    fn broken_syntax_is_an_error_at_the_shortcode() {
        let md = "x {{ chi_tieu(id=x) }}";
        let (_, errs) = expand_all(md, &echo).expect("a shortcode");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].at, md.find("x)").expect("a shortcode"));
    }
}
