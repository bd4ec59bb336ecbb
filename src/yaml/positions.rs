//! The positions index: where each node of a YAML document starts, by its path, found in one
//! pass over the parser's events.

use std::collections::HashMap;

use super::Origin;
use crate::diagnostic::Location;

/// Where each node of a YAML document starts, by path (`honourees[3].decision`), so that
/// validation after parsing can point at the exact line and column.
#[derive(Debug, Default, Clone)]
pub(crate) struct Positions {
    values: HashMap<String, Location>,
    /// Where each mapping key is written, by the path of its value (for unknown keys).
    keys: HashMap<String, Location>,
    /// Plain numbers written with dots between thousands (`3.000`), as written, by path: YAML
    /// reads them as decimals, so only the text shows what the author meant.
    thousands: HashMap<String, String>,
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
        let mut values = HashMap::new();
        let mut keys = HashMap::new();
        let mut thousands = HashMap::new();
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
                Event::Scalar(value, style, ..) => {
                    if let Some(path) = path {
                        if style == saphyr_parser::ScalarStyle::Plain
                            && super::thousands_dots(&value)
                        {
                            thousands.insert(path.clone(), value.into_owned());
                        }
                        values.entry(path).or_insert(at);
                    }
                }
                Event::Alias(_) => {
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
        Positions {
            values,
            keys,
            thousands,
        }
    }

    /// The text of the value at `path` when it is a plain number with dots between thousands
    /// (`3.000`, `1.234.567`).
    pub(crate) fn thousands_at(&self, path: &str) -> Option<&str> {
        self.thousands.get(path).map(String::as_str)
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
