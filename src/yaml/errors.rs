//! serde_yaml's errors in the author's words: which field, what was expected and found, and
//! how to fix the syntax mistakes authors make most, located at the file's line and column.

use super::Origin;
use crate::diagnostic::{Diagnostic, Location, hint_for_unknown};
use crate::messages::Text;
use crate::msg;

/// Turns a serde_yaml error into a diagnostic worded for the author.
pub(super) fn translate(err: &serde_yaml::Error, text: &str, origin: Origin<'_>) -> Diagnostic {
    let raw = err.to_string();
    let raw = strip_position(&raw);
    // serde_yaml counts U+0085, U+2028 and U+2029 as line breaks; authors' editors do not.
    // Its byte index is exact, so lines and columns are counted from it, on `\n` only.
    let mut at = err.location().map(|l| {
        let loc = Location::of_offset(text, l.index());
        (loc.line, loc.col)
    });
    let (mut message, mut hint) = reword(raw);
    if let Some(name) = raw
        .strip_prefix("duplicate field `")
        .and_then(|r| r.split('`').next())
    {
        // serde points at the mapping; the author needs the second `name:`.
        at = top_level_keys(text, name).nth(1).or(at);
    } else if raw.starts_with("found character that cannot start any token")
        && let Some((line, _)) = at
        && text
            .split('\n')
            .nth(line - 1)
            .is_some_and(|l| l.trim_start_matches(' ').starts_with('\t'))
    {
        (message, hint) = reword("found a tab character");
        at = Some((line, 1));
    } else if raw.starts_with("found unexpected end of stream")
        && let Some(quote) = unclosed_quote(text)
    {
        message = msg!("invalid YAML: the quoted text is not closed");
        hint = Some(msg!("add the closing quote mark at the end of the value"));
        at = Some(quote);
    }
    let location = at.map(|(line, col)| {
        let (line, col) = clamp(text, line, col);
        origin.location(line, col)
    });
    let d = Diagnostic::error(origin.file, origin.topic, message).at_opt(location);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// (line, column) of each top-level `name:` in `text`, in order.
fn top_level_keys<'a>(text: &'a str, name: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    text.split('\n').enumerate().filter_map(move |(i, l)| {
        let rest = l.strip_prefix(name)?;
        (rest.starts_with(':')).then_some((i + 1, 1))
    })
}

/// Where a value opens a quote it never closes: (line, column of the quote).
fn unclosed_quote(text: &str) -> Option<(usize, usize)> {
    for (i, line) in text.split('\n').enumerate() {
        let Some((_, value)) = line.split_once(": ") else {
            continue;
        };
        let v = value.trim_start();
        let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let body = &v[1..];
        let closed = if q == '"' {
            let mut escaped = false;
            body.chars().any(|c| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
        } else {
            body.contains('\'')
        };
        if !closed {
            let col = line.chars().count() - v.chars().count() + 1;
            return Some((i + 1, col));
        }
    }
    None
}

/// Keeps a location inside the text (serde may point one line past the end).
pub(super) fn clamp(text: &str, line: usize, col: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(1, |i| i + 1);
    if line > last {
        (
            last,
            lines.get(last - 1).map_or(1, |l| l.chars().count() + 1),
        )
    } else {
        (line, col)
    }
}

/// Drops serde_yaml's " at line N column M" tails: we print the location ourselves.
pub(super) fn strip_position(msg: &str) -> &str {
    let cut = msg.find(" at line ").unwrap_or(msg.len());
    msg[..cut].trim_end_matches(',')
}

/// serde's phrasing → ours. Returns the message and an optional hint.
pub(super) fn reword(raw: &str) -> (Text, Option<Text>) {
    if let Some(worded) = reword_field(raw).or_else(|| reword_syntax(raw)) {
        return worded;
    }
    if let Some((path, rest)) = split_path(raw)
        && let Some(body) = rest.strip_prefix("invalid type: ")
    {
        let (found, expected) = body.split_once(", expected ").unwrap_or((body, "?"));
        let hint = number_hint(expected, found);
        let (expected, found) = (expected_in_words(expected), found_in_words(found));
        return (
            msg!("\"{}\" must be {}, found {}", path, expected, found),
            hint,
        );
    }
    if let Some(body) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = body.split_once(", expected ").unwrap_or((body, "?"));
        let hint = number_hint(expected, found);
        let (expected, found) = (expected_in_words(expected), found_in_words(found));
        return (msg!("must be {}, found {}", expected, found), hint);
    }
    if let Some((path, rest)) = split_path(raw) {
        let (message, hint) = reword(rest);
        return (msg!("{}: {}", path, message), hint);
    }
    (msg!("invalid YAML: {}", libyaml_words(raw)), None)
}

/// serde's words about a field or a choice: unknown, missing, given twice.
fn reword_field(raw: &str) -> Option<(Text, Option<Text>)> {
    let name_after = |prefix: &str| {
        raw.strip_prefix(prefix)
            .map(|rest| rest.split('`').next().unwrap_or_default())
    };
    // The names serde lists after "expected" (`one of `a`, `b``).
    let candidates = || -> Vec<&str> {
        raw.split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default()
    };
    if let Some(name) = name_after("unknown field `") {
        let candidates = candidates();
        let hint = if candidates.is_empty() {
            None
        } else {
            Some(hint_for_unknown(name, &candidates))
        };
        return Some((msg!("unknown field \"{}\"", name), hint));
    }
    if let Some(name) = name_after("missing field `") {
        return Some((msg!("missing required field \"{}\"", name), None));
    }
    if let Some(name) = name_after("duplicate field `") {
        return Some((msg!("field \"{}\" is given twice", name), None));
    }
    let name = name_after("unknown variant `")?;
    Some((
        msg!("unknown value \"{}\"", name),
        Some(hint_for_unknown(name, &candidates())),
    ))
}

/// libyaml's syntax errors that authors make most, with how to fix them.
fn reword_syntax(raw: &str) -> Option<(Text, Option<Text>)> {
    if raw.starts_with("did not find expected ',' or ']'") {
        return Some((
            msg!("invalid YAML: {}", libyaml_words(raw)),
            Some(msg!("close the list with \"]\"")),
        ));
    }
    if raw.starts_with("mapping values are not allowed") {
        return Some((
            msg!("invalid YAML: {}", libyaml_words(raw)),
            Some(msg!(
                "a value that contains \": \" must be in quotes: title: \"Lễ phát động: đợt thi đua\""
            )),
        ));
    }
    if raw.contains("found a tab character") {
        return Some((
            msg!("a tab is used for indentation"),
            Some(msg!("YAML needs spaces: replace the tab with spaces")),
        ));
    }
    None
}

/// The YAML parser's own sentence (libyaml's, or saphyr's, which shares its wording), in the
/// reader's language where the catalogue has it.
pub(super) fn libyaml_words(raw: &str) -> Text {
    match raw {
        "did not find expected ',' or ']'" => msg!("did not find expected ',' or ']'"),
        "mapping values are not allowed in this context" => {
            msg!("mapping values are not allowed in this context")
        }
        _ => Text::foreign(raw),
    }
}

/// `tags: invalid type…` → (`tags`, `invalid type…`), when the prefix is a field path.
pub(super) fn split_path(raw: &str) -> Option<(&str, &str)> {
    let (path, rest) = raw.split_once(": ")?;
    let is_path = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
    is_path.then_some((path, rest))
}

/// The hint for a number written the Vietnamese way where YAML wants a plain one: `1.234.567`
/// (dots between thousands) or `98,5` (a decimal comma), which YAML reads as text.
fn number_hint(expected: &str, found: &str) -> Option<Text> {
    let numeric = matches!(
        expected.trim(),
        "f64" | "f32" | "i64" | "i32" | "u64" | "u32" | "usize" | "u8" | "u16" | "i16"
    );
    let text = found.trim().strip_prefix("string ")?.trim_matches('"');
    if !numeric {
        return None;
    }
    if crate::yaml::thousands_dots(text) {
        return Some(msg!(
            "write {} without the dots between thousands",
            text.replace('.', "")
        ));
    }
    let (whole, fraction) = text.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction))
        .then(|| msg!("write the decimal with a point: {}.{}", whole, fraction))
}

/// What serde expected, in the author's words.
fn expected_in_words(expected: &str) -> Text {
    let e = expected.trim();
    match e {
        "a string" | "a borrowed string" => msg!("text"),
        "a sequence" => msg!("a list"),
        "a boolean" => msg!("true or false"),
        "i64" | "i32" | "u64" | "u32" | "usize" | "u8" | "u16" | "i16" => msg!("a whole number"),
        "f64" | "f32" => msg!("a number"),
        "a map" => msg!("a mapping (key: value lines)"),
        _ if e.starts_with("struct ") => msg!("a mapping (key: value lines)"),
        _ if e.starts_with("a sequence") => msg!("a list"),
        _ => Text::foreign(e),
    }
}

/// What serde found, in the author's words (a value the author wrote is shown as it is).
fn found_in_words(found: &str) -> Text {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        return msg!("the text {}", s);
    }
    if let Some(n) = f.strip_prefix("integer ") {
        return msg!("the number {}", n.trim_matches('`'));
    }
    if let Some(n) = f.strip_prefix("floating point ") {
        return msg!("the number {}", n.trim_matches('`'));
    }
    if let Some(b) = f.strip_prefix("boolean ") {
        return Text::foreign(b.trim_matches('`'));
    }
    match f {
        "sequence" => msg!("a list"),
        "map" => msg!("a mapping"),
        "unit value" => msg!("nothing"),
        _ => Text::foreign(f),
    }
}
