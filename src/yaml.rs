//! The one place that names `serde_yaml` (deprecated upstream; keep it swappable).
//!
//! Parses YAML into typed values and turns the parser's errors into [`Diagnostic`]s in the
//! author's terms, at the right line of the *file* (a front-matter block starts on line 2).
//! Also finds where a top-level key sits, so validation errors after parsing can point at it.
//! Every text goes through [`limits`] first, so no small file can cost much (issue 12).

use serde::de::DeserializeOwned;

mod limits;

use crate::diagnostic::{Diagnostic, Location, unknown_key_hint};

/// Where a YAML text sits inside its file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    /// The file, relative to the site root.
    pub(crate) file: &'a str,
    /// The file line the YAML text's first line is on (1 for a whole file, 2 for front matter).
    pub(crate) first_line: usize,
    /// The topic diagnostics are reported under ("front matter", "config", "data").
    pub(crate) topic: &'static str,
}

impl Origin<'_> {
    /// The file location of a 1-based (line, column) inside the YAML text.
    pub(crate) fn location(&self, line: usize, col: usize) -> Location {
        Location::new(line + self.first_line - 1, col)
    }
}

/// Deserialises `text` into `T`, or explains why not.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, origin: Origin<'_>) -> Result<T, Diagnostic> {
    // An empty document is an empty mapping, so "missing field" errors read naturally.
    let text = if text.trim().is_empty() { "{}" } else { text };
    // Depth and alias expansion are bounded before serde_yaml (libyaml) can spend on them.
    limits::check(text, origin)?;
    serde_yaml::from_str(text).map_err(|err| translate(&err, text, origin))
}

mod recover;
pub(crate) use recover::{Lenient, Repairs, parse_lenient};

/// A free-form YAML document as JSON-like data (for `content/_data/*.yaml` and `extra:`).
pub(crate) fn parse_value(text: &str, origin: Origin<'_>) -> Result<serde_json::Value, Diagnostic> {
    let value: serde_yaml::Value = parse(text, origin)?;
    yaml_to_json(value).map_err(|msg| Diagnostic::error(origin.file, origin.topic, msg))
}

fn yaml_to_json(value: serde_yaml::Value) -> Result<serde_json::Value, String> {
    use serde_yaml::Value as Y;
    Ok(match value {
        Y::Null => serde_json::Value::Null,
        Y::Bool(b) => serde_json::Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).map_err(|e| e.to_string())?,
        Y::String(s) => serde_json::Value::String(s),
        Y::Sequence(items) => serde_json::Value::Array(
            items
                .into_iter()
                .map(yaml_to_json)
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut out = serde_json::Map::with_capacity(map.len());
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => {
                        return Err(format!(
                            "a mapping key must be text, found {}",
                            describe_yaml(&other)
                        ));
                    }
                };
                out.insert(key, yaml_to_json(v)?);
            }
            serde_json::Value::Object(out)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value)?,
    })
}

fn describe_yaml(v: &serde_yaml::Value) -> &'static str {
    match v {
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        _ => "a value",
    }
}

/// Where a top-level `key:` starts in `text`, as a file location of its value (or the key).
///
/// Good enough for front matter and `site.yaml`, whose keys start at column 1.
pub(crate) fn key_location(text: &str, key: &str, origin: Origin<'_>) -> Option<Location> {
    for (i, line) in text.split('\n').enumerate() {
        if let Some(rest) = line.strip_prefix(key)
            && let Some(after) = rest.strip_prefix(':')
        {
            let value_col = key.chars().count() + 2 + (after.len() - after.trim_start().len());
            let col = if after.trim().is_empty() {
                1
            } else {
                value_col
            };
            return Some(origin.location(i + 1, col));
        }
    }
    None
}

/// Turns a serde_yaml error into a diagnostic worded for the author.
fn translate(err: &serde_yaml::Error, text: &str, origin: Origin<'_>) -> Diagnostic {
    let raw = err.to_string();
    let raw = strip_position(&raw);
    // serde_yaml counts U+0085, U+2028 and U+2029 as line breaks; authors' editors do not.
    // Its byte index is exact, so lines and columns are counted from it, on `\n` only.
    let mut at = err.location().map(|l| {
        let loc = Location::of_offset(text, l.index());
        (loc.line, loc.col)
    });
    let (mut message, mut hint) = reword(raw, text);
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
        (message, hint) = reword("found a tab character", text);
        at = Some((line, 1));
    } else if raw.starts_with("found unexpected end of stream")
        && let Some(quote) = unclosed_quote(text)
    {
        message = "invalid YAML: the quoted text is not closed".to_string();
        hint = Some("add the closing quote mark at the end of the value".to_string());
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
fn clamp(text: &str, line: usize, col: usize) -> (usize, usize) {
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
fn strip_position(msg: &str) -> &str {
    let cut = msg.find(" at line ").unwrap_or(msg.len());
    msg[..cut].trim_end_matches(',')
}

/// serde's phrasing → ours. Returns the message and an optional hint.
fn reword(raw: &str, text: &str) -> (String, Option<String>) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let candidates: Vec<&str> = rest
            .split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let hint = if candidates.is_empty() {
            None
        } else {
            Some(unknown_key_hint(name, &candidates))
        };
        return (format!("unknown field \"{name}\""), hint);
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return (format!("missing required field \"{name}\""), None);
    }
    if let Some(rest) = raw.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return (format!("field \"{name}\" is given twice"), None);
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let name = rest.split('`').next().unwrap_or_default();
        let candidates: Vec<&str> = rest
            .split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        return (
            format!("unknown value \"{name}\""),
            Some(unknown_key_hint(name, &candidates)),
        );
    }
    if raw.starts_with("did not find expected ',' or ']'") {
        return (
            format!("invalid YAML: {raw}"),
            Some("close the list with \"]\"".to_string()),
        );
    }
    if raw.starts_with("mapping values are not allowed") {
        return (
            format!("invalid YAML: {raw}"),
            Some("a value that contains \": \" must be in quotes: title: \"Lễ phát động: đợt thi đua\"".to_string()),
        );
    }
    if raw.contains("found a tab character") {
        return (
            "a tab is used for indentation".to_string(),
            Some("YAML needs spaces: replace the tab with spaces".to_string()),
        );
    }
    if let Some((path, rest)) = split_path(raw)
        && let Some(body) = rest.strip_prefix("invalid type: ")
    {
        let (found, expected) = body.split_once(", expected ").unwrap_or((body, "?"));
        return (
            format!(
                "\"{path}\" must be {}, found {}",
                expected_in_words(expected),
                found_in_words(found)
            ),
            None,
        );
    }
    if let Some(body) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = body.split_once(", expected ").unwrap_or((body, "?"));
        return (
            format!(
                "must be {}, found {}",
                expected_in_words(expected),
                found_in_words(found)
            ),
            None,
        );
    }
    if let Some((path, rest)) = split_path(raw) {
        let (msg, hint) = reword(rest, text);
        return (format!("{path}: {msg}"), hint);
    }
    let _ = text;
    (format!("invalid YAML: {raw}"), None)
}

/// `tags: invalid type…` → (`tags`, `invalid type…`), when the prefix is a field path.
fn split_path(raw: &str) -> Option<(&str, &str)> {
    let (path, rest) = raw.split_once(": ")?;
    let is_path = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
    is_path.then_some((path, rest))
}

fn expected_in_words(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "a string" | "a borrowed string" => "text",
        "a sequence" => "a list",
        "a boolean" => "true or false",
        "i64" | "i32" | "u64" | "u32" | "usize" | "u8" | "u16" | "i16" => "a whole number",
        "f64" | "f32" => "a number",
        "a map" => "a mapping (key: value lines)",
        _ if e.starts_with("struct ") => "a mapping (key: value lines)",
        _ if e.starts_with("a sequence") => "a list",
        _ => return e.to_string(),
    };
    words.to_string()
}

fn found_in_words(found: &str) -> String {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        return format!("the text {s}");
    }
    if let Some(n) = f.strip_prefix("integer ") {
        return format!("the number {}", n.trim_matches('`'));
    }
    if let Some(n) = f.strip_prefix("floating point ") {
        return format!("the number {}", n.trim_matches('`'));
    }
    if let Some(b) = f.strip_prefix("boolean ") {
        return b.trim_matches('`').to_string();
    }
    match f {
        "sequence" => "a list".to_string(),
        "map" => "a mapping".to_string(),
        "unit value" => "nothing".to_string(),
        _ => f.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        weight: Option<i64>,
        #[serde(default)]
        draft: bool,
    }

    const FM: Origin<'static> = Origin {
        file: "content/a.md",
        first_line: 2,
        topic: "front matter",
    };

    fn err(text: &str) -> String {
        match parse::<Front>(text, FM) {
            Ok(v) => panic!("expected an error, got {v:?}"),
            Err(d) => d.to_string(),
        }
    }

    #[test]
    fn unknown_field_suggests_the_closest() {
        assert_eq!(
            err("title: a\ntittle: b\n"),
            "content/a.md:3:1: front matter: unknown field \"tittle\" (did you mean \"title\"?)"
        );
        assert_eq!(
            err("title: a\ncolour: b\n"),
            "content/a.md:3:1: front matter: unknown field \"colour\" \
             (expected one of \"title\", \"tags\", \"weight\", \"draft\")"
        );
    }

    #[test]
    fn wrong_types_in_words() {
        assert_eq!(
            err("title: a\ntags: x\n"),
            "content/a.md:3:7: front matter: \"tags\" must be a list, found the text \"x\""
        );
        assert_eq!(
            err("title: [a, b]\n"),
            "content/a.md:2:8: front matter: \"title\" must be text, found a list"
        );
        assert_eq!(
            err("title: a\nweight: nặng\n"),
            "content/a.md:3:9: front matter: \"weight\" must be a whole number, found the text \"nặng\""
        );
        assert_eq!(
            err("title: a\ndraft: 3\n"),
            "content/a.md:3:8: front matter: \"draft\" must be true or false, found the number 3"
        );
    }

    #[test]
    fn syntax_errors_at_file_lines() {
        assert_eq!(
            err("title: a\n\tweight: 1\n"),
            "content/a.md:3:1: front matter: a tab is used for indentation \
             (YAML needs spaces: replace the tab with spaces)"
        );
        assert_eq!(
            err("title: a\n  tags: [\n"),
            "content/a.md:3:7: front matter: invalid YAML: mapping values are not allowed in this context \
             (a value that contains \": \" must be in quotes: title: \"Lễ phát động: đợt thi đua\")"
        );
    }

    #[test]
    fn missing_field_and_empty_document() {
        assert_eq!(
            err(""),
            "content/a.md:2:1: front matter: missing required field \"title\""
        );
    }

    #[test]
    fn key_location_points_at_the_value() {
        let text = "title: a\ndate: 30/02/2023\n";
        assert_eq!(key_location(text, "date", FM), Some(Location::new(3, 7)));
        assert_eq!(key_location(text, "tags", FM), None);
    }
}

/// Where each node of a YAML document starts, by path (`honourees[3].decision`), so that
/// validation after parsing can point at the exact line and column.
#[derive(Debug, Default, Clone)]
pub(crate) struct Positions {
    values: std::collections::HashMap<String, Location>,
    /// Where each mapping key is written, by the path of its value (for unknown keys).
    keys: std::collections::HashMap<String, Location>,
}

/// Paths longer than this are not indexed (their nodes are located at the nearest ancestor
/// that is): building every path in full made a 60 KB front matter with one 30 KB key over
/// 4,000 values allocate 150 MB.
const MAX_PATH: usize = 256;

/// A list or mapping being indexed; `path` is `None` past [`MAX_PATH`].
enum Frame {
    Map {
        path: Option<String>,
        key: Option<(String, Location)>,
    },
    Seq {
        path: Option<String>,
        next: usize,
    },
}

impl Positions {
    /// Indexes `text`; a syntax error simply ends the index (the typed parse reports it).
    ///
    /// A scalar is located at its value; a block mapping or list at its key (`breakdown:`),
    /// where the author looks for it.
    pub(crate) fn index(text: &str, origin: Origin<'_>) -> Positions {
        use saphyr_parser::{Event, Parser};
        let mut values = std::collections::HashMap::new();
        let mut keys = std::collections::HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let at = origin.location(span.start.line(), span.start.col() + 1);
            // Which path does a node starting here have, where is its key, is it a key itself?
            let (path, key_at, is_key) = match stack.last_mut() {
                None => (Some(String::new()), None, false),
                Some(Frame::Map { path, key }) => match key.take() {
                    Some((k, key_at)) => (
                        path.as_deref().and_then(|p| join(p, &k)),
                        Some(key_at),
                        false,
                    ),
                    None => (None, None, true),
                },
                Some(Frame::Seq { path, next }) => {
                    *next += 1;
                    let item = path.as_deref().map(|p| format!("{p}[{}]", *next - 1));
                    (item.filter(|p| p.len() <= MAX_PATH), None, false)
                }
            };
            match event {
                Event::Scalar(value, ..) if is_key => {
                    if let Some(Frame::Map { key, path }) = stack.last_mut() {
                        if let Some(p) = path.as_deref().and_then(|p| join(p, &value)) {
                            keys.entry(p).or_insert(at);
                        }
                        *key = Some((value.into_owned(), at));
                    }
                }
                Event::Scalar(..) | Event::Alias(_) => {
                    if let Some(path) = path {
                        values.entry(path).or_insert(at);
                    }
                }
                Event::MappingStart(..) => {
                    if let Some(path) = &path {
                        values.entry(path.clone()).or_insert(key_at.unwrap_or(at));
                    }
                    stack.push(Frame::Map { path, key: None });
                }
                Event::SequenceStart(..) => {
                    if let Some(path) = &path {
                        values.entry(path.clone()).or_insert(key_at.unwrap_or(at));
                    }
                    stack.push(Frame::Seq { path, next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        Positions { values, keys }
    }

    /// Where the key of the value at `path` is written, else where the value is.
    pub(crate) fn key_at(&self, path: &str) -> Option<Location> {
        self.keys.get(path).copied().or_else(|| self.at(path))
    }

    /// The location of the value at `path`, or of its nearest ancestor that has one.
    pub(crate) fn at(&self, path: &str) -> Option<Location> {
        let mut p = path;
        loop {
            if let Some(l) = self.values.get(p) {
                return Some(*l);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

/// `path.key`, or `None` when that is longer than [`MAX_PATH`].
fn join(path: &str, key: &str) -> Option<String> {
    if path.len() + 1 + key.len() > MAX_PATH {
        None
    } else if path.is_empty() {
        Some(key.to_string())
    } else {
        Some(format!("{path}.{key}"))
    }
}

#[cfg(test)]
mod position_tests {
    use super::*;

    #[test]
    fn paths_point_at_values_and_keys() {
        let text = "a: 1\nlist:\n  - id: x\n    v: [1, 2]\n  - {id: y, v: 3}\n";
        let origin = Origin {
            file: "f",
            first_line: 1,
            topic: "data",
        };
        let p = Positions::index(text, origin);
        assert_eq!(p.at("a"), Some(Location::new(1, 4)));
        assert_eq!(p.at("list[0].id"), Some(Location::new(3, 9)));
        assert_eq!(p.at("list[0].v[1]"), Some(Location::new(4, 12)));
        assert_eq!(p.at("list[1].v"), Some(Location::new(5, 16)));
        // A block list is located at its key.
        assert_eq!(p.at("list"), Some(Location::new(2, 1)));
        // Unknown paths fall back to the nearest ancestor.
        assert_eq!(p.at("list[1].missing"), Some(Location::new(5, 5)));
    }
}

#[cfg(test)]
mod long_path_tests {
    use super::*;

    #[test]
    fn paths_past_the_limit_fall_back_to_an_ancestor() {
        let key = "k".repeat(MAX_PATH);
        let text = format!("extra:\n  ? {key}\n  : {{a: 1, b: [2]}}\nok: {{c: 3}}\n");
        let origin = Origin {
            file: "f",
            first_line: 1,
            topic: "data",
        };
        let p = Positions::index(&text, origin);
        assert_eq!(p.values.keys().filter(|k| k.len() > MAX_PATH).count(), 0);
        assert_eq!(
            p.at(&format!("extra.{key}.b[0]")),
            Some(Location::new(1, 1))
        );
        assert_eq!(p.at("ok.c"), Some(Location::new(4, 9)));
    }
}
