//! Reading a typed YAML file past its first mistake, so one run reports every problem
//! (issue 13).
//!
//! serde stops at the first field it cannot read. When that happens the text is read again
//! as plain YAML, and the typed read is repeated on that value: after each error the offending
//! node is repaired (an unknown key removed, a missing or wrongly typed value replaced by a
//! stand-in of the expected type, an unknown choice by a known one) and the error reported at
//! the node's line and column in the file. Stand-ins are remembered, so that later checks can
//! stay quiet about values the author never wrote ([`Lenient::touches_repair`]).
//!
//! Syntax errors still end the file's checks: nothing after them can be read reliably. The
//! first error is reported exactly as a single-error read reports it.

use serde::de::DeserializeOwned;

use super::errors::{reword, split_path, strip_position};
use super::positions::Positions;
use super::{Origin, parse};
use crate::diagnostic::{Diagnostic, did_you_mean};

/// Repairs per file at most: each one reads the file again, so a file with thousands of
/// mistakes stays cheap; the rest are reported once these are fixed.
const MAX_ROUNDS: usize = 200;

/// A typed value read from YAML, with every problem found while reading it.
#[derive(Debug)]
pub(crate) struct Lenient<T> {
    /// The value; where the author's text could not be read, it holds stand-ins.
    pub(crate) value: T,
    /// What was wrong, located in the file, in file order.
    pub(crate) errors: Vec<Diagnostic>,
    /// Which values are stand-ins.
    pub(crate) repairs: Repairs,
}

impl<T> Lenient<T> {
    /// See [`Repairs::touch`].
    pub(crate) fn touches_repair(&self, path: &str) -> bool {
        self.repairs.touch(path)
    }
}

/// The paths (`honourees[2].stt`) of the values that are stand-ins.
#[derive(Debug, Default)]
pub(crate) struct Repairs(Vec<String>);

impl Repairs {
    /// Whether a check at `path` would look at a stand-in: `path` is a repaired value, lies
    /// inside one or contains one. Such checks are skipped; the read error already says what
    /// is wrong there.
    pub(crate) fn touch(&self, path: &str) -> bool {
        self.0
            .iter()
            .any(|r| is_within(path, r) || is_within(r, path))
    }
}

/// Whether `path` is `outer` or lies inside it (`a.b[1]` inside `a.b`, not inside `a.bc`).
fn is_within(path: &str, outer: &str) -> bool {
    outer.is_empty()
        || path
            .strip_prefix(outer)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Deserialises `text` into `T`, reporting every field it cannot read, not just the first.
///
/// `Err` when no value could be built at all (a syntax error, or mistakes past repair); it
/// holds every problem found until then.
pub(crate) fn parse_lenient<T: DeserializeOwned>(
    text: &str,
    origin: Origin<'_>,
) -> Result<Lenient<T>, Vec<Diagnostic>> {
    let first = match parse::<T>(text, origin) {
        Ok(value) => {
            return Ok(Lenient {
                value,
                errors: Vec::new(),
                repairs: Repairs::default(),
            });
        }
        Err(d) => d,
    };
    let Ok(mut doc) = parse::<serde_yaml::Value>(text, origin) else {
        return Err(vec![first]);
    };
    let pos = Positions::index(text, origin);
    let mut errors = vec![first];
    let mut repaired: Vec<String> = Vec::new();
    let mut implied: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for round in 0..MAX_ROUNDS {
        let Ok(again) = serde_yaml::to_string(&doc) else {
            break;
        };
        let raw = match serde_yaml::from_str::<T>(&again) {
            Ok(value) => {
                errors.sort_by_key(|d| d.location);
                return Ok(Lenient {
                    value,
                    errors,
                    repairs: Repairs(repaired),
                });
            }
            Err(e) => strip_position(&e.to_string()).to_string(),
        };
        if !seen.insert(raw.clone()) {
            break;
        }
        let (path, message) = split_path(&raw).unwrap_or(("", &raw));
        let Some(fix) = Fix::read(path, message) else {
            break;
        };
        let quiet = repaired.iter().any(|r| is_within(path, r))
            || matches!(&fix, Fix::Insert(k) if implied.contains(&join(path, k)));
        if let Fix::Remove(key) = &fix
            && let Some(best) = did_you_mean(key, &expected_names(message))
        {
            // "tittle" (did you mean "title"?) already tells the author "title" is missing.
            implied.push(join(path, best));
        }
        // Round 0 is the error `first` already reports, with serde's own location.
        if round > 0 && !quiet {
            let location = match &fix {
                Fix::Remove(key) => pos.key_at(&join(path, key)),
                _ => pos.at(path),
            };
            let (message, hint) = reword(&raw);
            let d = Diagnostic::error(origin.file, origin.topic, message).at_opt(location);
            errors.push(match hint {
                Some(h) => d.with_hint(h),
                None => d,
            });
        }
        if !fix.apply(&mut doc, path, &mut repaired) {
            break;
        }
    }
    errors.sort_by_key(|d| d.location);
    Err(errors)
}

/// The names serde lists after "expected" (`one of `a`, `b``).
fn expected_names(message: &str) -> Vec<&str> {
    message
        .split_once("expected ")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default()
}

/// What to do about one read error.
enum Fix {
    /// Remove this unknown key from the mapping at the path.
    Remove(String),
    /// Add this key to the mapping at the path (as null; the next round says its type).
    Insert(String),
    /// Put this value at the path.
    Replace(serde_yaml::Value),
}

impl Fix {
    /// The repair for serde's `message` at `path`; `None` when there is none, or when serde
    /// lost the path (inside a tagged choice like `formula:`), so the place is unknown.
    fn read(path: &str, message: &str) -> Option<Fix> {
        let quoted = |rest: &str| rest.split('`').next().map(str::to_string);
        if let Some(rest) = message.strip_prefix("unknown field `") {
            return quoted(rest).map(Fix::Remove);
        }
        if let Some(rest) = message.strip_prefix("missing field `") {
            return quoted(rest).map(Fix::Insert);
        }
        if path.is_empty() {
            return None;
        }
        if let Some(rest) = message.strip_prefix("unknown variant `") {
            let (_, expected) = rest.split_once("expected ")?;
            let first = expected.split('`').nth(1)?;
            return Some(Fix::Replace(serde_yaml::Value::String(first.to_string())));
        }
        let expected = ["invalid type: ", "invalid value: ", "invalid length "]
            .iter()
            .any(|p| message.starts_with(p))
            .then(|| message.rsplit_once(", expected "))
            .flatten()?
            .1;
        stand_in(expected).map(Fix::Replace)
    }

    /// Applies the repair; `false` when the path or key is not there (nothing changed).
    fn apply(self, doc: &mut serde_yaml::Value, path: &str, repaired: &mut Vec<String>) -> bool {
        use serde_yaml::Value;
        let Some(node) = node_mut(doc, path) else {
            return false;
        };
        match self {
            Fix::Remove(key) => match node {
                Value::Mapping(m) => m.shift_remove(key.as_str()).is_some(),
                _ => false,
            },
            Fix::Insert(key) => match node {
                Value::Mapping(m) if !m.contains_key(key.as_str()) => {
                    repaired.push(join(path, &key));
                    m.insert(Value::String(key), Value::Null);
                    true
                }
                _ => false,
            },
            Fix::Replace(value) => {
                *node = value;
                if !repaired.iter().any(|r| r == path) {
                    repaired.push(path.to_string());
                }
                true
            }
        }
    }
}

/// A value of the type serde expected (its words after "expected "), or `None`.
fn stand_in(expected: &str) -> Option<serde_yaml::Value> {
    use serde_yaml::Value;
    let e = expected.trim();
    let numbers = [
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
        "f32", "f64",
    ];
    Some(match e {
        "a string" | "a borrowed string" | "a character" | "variant identifier" => {
            Value::String(String::new())
        }
        "a boolean" => Value::Bool(false),
        "unit" => Value::Null,
        _ if numbers.contains(&e) => Value::Number(0.into()),
        _ if e.starts_with("a sequence") || e.starts_with("a tuple") => Value::Sequence(Vec::new()),
        // Not "internally tagged enum" (`formula:`): serde loses the path inside one, so
        // repairs there would land in the wrong place. Reading stops at such a value.
        _ if e == "a map" || e.starts_with("struct ") => Value::Mapping(serde_yaml::Mapping::new()),
        _ if e.starts_with("enum ") => Value::String(String::new()),
        _ => return None,
    })
}

/// `path.key`, or `key` at the top.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The node at a serde path (`indicators[0].breakdown.rows[2].counts`).
fn node_mut<'a>(doc: &'a mut serde_yaml::Value, path: &str) -> Option<&'a mut serde_yaml::Value> {
    use serde_yaml::Value;
    let mut node = doc;
    let mut rest = path;
    while !rest.is_empty() {
        while let Value::Tagged(t) = node {
            node = &mut t.value;
        }
        if let Some(after) = rest.strip_prefix('[') {
            let (index, tail) = after.split_once(']')?;
            node = node
                .as_sequence_mut()?
                .get_mut(index.parse::<usize>().ok()?)?;
            rest = tail;
        } else {
            let seg = rest.strip_prefix('.').unwrap_or(rest);
            let end = seg.find(['.', '[']).unwrap_or(seg.len());
            let (key, tail) = seg.split_at(end);
            node = node.as_mapping_mut()?.get_mut(key)?;
            rest = tail;
        }
    }
    while let Value::Tagged(t) = node {
        node = &mut t.value;
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, Default)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Rec {
        id: String,
        n: u32,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        draft: bool,
        #[serde(default)]
        recs: Vec<Rec>,
    }

    const DATA: Origin<'static> = Origin {
        file: "d.yaml",
        first_line: 1,
        topic: "data",
    };

    fn errors(text: &str) -> Vec<String> {
        let e = match parse_lenient::<Doc>(text, DATA) {
            Ok(l) => l.errors,
            Err(e) => e,
        };
        e.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn every_bad_field_and_record_is_reported() {
        let text = "tittle: a\ndraft: 3\nrecs:\n  - {id: a, n: x}\n  - id: b\n    zz: 1\n  - {id: [c], n: 2, tags: [a, [b]]}\n";
        assert_eq!(
            errors(text),
            [
                "d.yaml:1:1: data: unknown field \"tittle\" (did you mean \"title\"?)",
                // No "missing required field \"title\"": the hint above says so.
                "d.yaml:2:8: data: \"draft\" must be true or false, found the number 3",
                "d.yaml:4:16: data: \"recs[0].n\" must be a whole number, found the text \"x\"",
                "d.yaml:5:5: data: recs[1]: missing required field \"n\"",
                "d.yaml:6:5: data: recs[1]: unknown field \"zz\" (did you mean \"id\"?)",
                // A list is located at its key, as everywhere else.
                "d.yaml:7:6: data: \"recs[2].id\" must be text, found a list",
                "d.yaml:7:31: data: \"recs[2].tags[1]\" must be text, found a list",
            ]
        );
    }

    #[test]
    fn stand_ins_are_remembered() {
        let text = "draft: 3\nrecs:\n  - {id: a, n: 1}\n  - {id: b}\n";
        let l = match parse_lenient::<Doc>(text, DATA) {
            Ok(l) => l,
            Err(e) => panic!("{e:?}"),
        };
        assert_eq!(l.errors.len(), 3);
        assert!(l.touches_repair("draft"));
        assert!(l.touches_repair("recs[1]"));
        assert!(l.touches_repair("recs"));
        assert!(!l.touches_repair("recs[0].n"));
        assert!(!l.touches_repair("recs[1"));
    }

    #[test]
    fn syntax_errors_still_stop_the_file() {
        assert_eq!(
            errors("title: a\n\tdraft: 3\nrecs: x\n"),
            ["d.yaml:2:1: data: a tab is used for indentation \
                 (YAML needs spaces: replace the tab with spaces)"]
        );
    }
}
