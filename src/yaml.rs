//! The one place that names `serde_yaml` (deprecated upstream; keep it swappable).
//!
//! Parses YAML into typed values and turns the parser's errors into [`Diagnostic`]s in the
//! author's terms, at the right line of the *file* (a front-matter block starts on line 2).
//! Also finds where a top-level key sits, so validation errors after parsing can point at it.
//! Every text goes through [`limits`] first, so no small file can cost much (issue 12).
//!
//! Two parsers read each YAML text, on purpose, and this is the one place that says why:
//! `serde_yaml` (the project's chosen crate) turns the text into typed values, and
//! `saphyr-parser` (events with exact marks) is the source of truth for where things are:
//! the [`Positions`] index (every node's line and column, for the checks made after
//! parsing), the limits' pre-pass and the recovery after a bad field all read saphyr's
//! marks. Of serde_yaml's errors only the byte offset is used, recounted on `\n` here
//! (its own line and column count U+0085 and U+2028 as line breaks).

use serde::de::DeserializeOwned;

mod errors;
mod limits;
mod positions;
mod recover;

pub(crate) use positions::Positions;
pub(crate) use recover::{Lenient, Repairs, parse_lenient};

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Text;
use crate::msg;

/// Whether `text` is digits grouped in threes by dots (`3.000`, `12.500`, `1.234.567`): a
/// Vietnamese thousands separator, which YAML reads as a decimal point or as text.
pub(crate) fn thousands_dots(text: &str) -> bool {
    let mut groups = text.split('.');
    let first = groups.next().unwrap_or("");
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mut rest = groups.peekable();
    rest.peek().is_some()
        && (1..=3).contains(&first.len())
        && digits(first)
        && rest.all(|g| g.len() == 3 && digits(g))
}

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
    serde_yaml::from_str(text).map_err(|err| errors::translate(&err, text, origin))
}

/// A free-form YAML document as JSON-like data (for `content/_data/*.yaml` and `extra:`).
pub(crate) fn parse_value(text: &str, origin: Origin<'_>) -> Result<serde_json::Value, Diagnostic> {
    let value: serde_yaml::Value = parse(text, origin)?;
    yaml_to_json(value).map_err(|msg| Diagnostic::error(origin.file, origin.topic, msg))
}

fn yaml_to_json(value: serde_yaml::Value) -> Result<serde_json::Value, Text> {
    use serde_yaml::Value as Y;
    Ok(match value {
        Y::Null => serde_json::Value::Null,
        Y::Bool(b) => serde_json::Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).map_err(|e| Text::foreign(e.to_string()))?,
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
                        return Err(msg!(
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

fn describe_yaml(v: &serde_yaml::Value) -> Text {
    match v {
        serde_yaml::Value::Sequence(_) => msg!("a list"),
        serde_yaml::Value::Mapping(_) => msg!("a mapping"),
        _ => msg!("a value"),
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
