//! One indicator's typed figures as the form holds them: the total's counts, the rows by unit
//! or person, the points by month and the source, each value kept exactly as typed (the
//! build decides what `3.000` or `98,5` means, not the form). Read from the file's value or
//! from the posted form, and written back as the file's own blocks.

use serde_json::Value;

use super::super::request::Req;

/// A table of rows: by unit, by person or by month.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Part {
    /// `dimension` (`don-vi`) or `granularity` (`month`), as written.
    pub(super) head: String,
    /// `partial: true`.
    pub(super) partial: bool,
    /// Rows named by a person, not a unit id.
    pub(super) by_person: bool,
    /// Each row: its unit, person or period, and its counts (one per key, as typed).
    pub(super) rows: Vec<(String, Vec<String>)>,
}

/// An indicator's figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Figures {
    /// The count keys, in order.
    pub(super) keys: Vec<String>,
    /// Whether the indicator has a `total` block.
    pub(super) has_total: bool,
    /// The total's counts, one per key.
    pub(super) total: Vec<String>,
    /// The total's `value` as written (`null` when none).
    pub(super) value: String,
    /// By unit, counter or person.
    pub(super) breakdown: Option<Part>,
    /// By month.
    pub(super) series: Option<Part>,
    /// The source: name, address, date retrieved.
    pub(super) source: Option<[String; 3]>,
}

/// A scalar as the file shows it (`null` as empty).
fn shown(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The count keys of an indicator: those its counts use, in the file's order, then any other
/// its formula reads.
pub(super) fn keys_of(ind: &Value, scale: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut add = |k: &str| {
        if !k.is_empty() && !keys.iter().any(|x| x == k) {
            keys.push(k.to_string());
        }
    };
    let mut counted = vec![&ind["total"]["counts"]];
    for part in ["breakdown", "series"] {
        let list = if part == "breakdown" {
            "rows"
        } else {
            "points"
        };
        counted.extend(
            ind[part][list]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| &r["counts"]),
        );
    }
    for counts in counted {
        for k in counts.as_object().into_iter().flat_map(|o| o.keys()) {
            add(k);
        }
    }
    let f = &ind["formula"];
    for name in ["numerator", "denominator", "field"] {
        match f[name].as_str() {
            Some("@rating_scale") => scale.iter().for_each(|k| add(k)),
            Some(k) => add(k),
            None => {}
        }
    }
    for k in f["fields"].as_array().into_iter().flatten() {
        add(k.as_str().unwrap_or_default());
    }
    keys
}

impl Figures {
    /// The figures written in the file for the indicator `ind`.
    pub(super) fn from_file(ind: &Value, scale: &[String]) -> Figures {
        let keys = keys_of(ind, scale);
        let counts = |c: &Value| keys.iter().map(|k| shown(&c[k])).collect::<Vec<_>>();
        let part = |p: &Value, head: &str, list: &str| -> Option<Part> {
            let rows = p[list].as_array()?;
            let by_person = rows.iter().any(|r| r.get("person").is_some());
            Some(Part {
                head: shown(&p[head]),
                partial: p["partial"].as_bool().unwrap_or(false),
                by_person,
                rows: rows
                    .iter()
                    .map(|r| {
                        let name = ["unit", "person", "period"]
                            .iter()
                            .map(|k| shown(&r[*k]))
                            .find(|s| !s.is_empty())
                            .unwrap_or_default();
                        (name, counts(&r["counts"]))
                    })
                    .collect(),
            })
        };
        let s = &ind["source"];
        Figures {
            has_total: ind.get("total").is_some_and(|t| !t.is_null()),
            total: counts(&ind["total"]["counts"]),
            value: match &ind["total"]["value"] {
                Value::Null => "null".into(),
                v => shown(v),
            },
            breakdown: part(&ind["breakdown"], "dimension", "rows"),
            series: part(&ind["series"], "granularity", "points"),
            source: s
                .is_object()
                .then(|| [shown(&s["name"]), shown(&s["url"]), shown(&s["retrieved"])]),
            keys,
        }
    }

    /// The figures sent by the form, shaped like `like` (the file's): rows marked for removal
    /// are left out, and a part named in `add` gets one empty row.
    pub(super) fn from_form(req: &Req, like: &Figures) -> Figures {
        let keys = &like.keys;
        let counts = |prefix: &str| -> Vec<String> {
            keys.iter()
                .map(|k| req.arg(&format!("{prefix}{k}")).trim().to_string())
                .collect()
        };
        let part = |p: &str, old: &Option<Part>| -> Option<Part> {
            let old = old.as_ref()?;
            let n: usize = req
                .arg(&format!("{p}.rows"))
                .parse()
                .unwrap_or(0)
                .min(10_000);
            let mut rows: Vec<(String, Vec<String>)> = (0..n)
                .filter(|i| req.arg(&format!("{p}.{i}.del")).is_empty())
                .map(|i| {
                    (
                        req.arg(&format!("{p}.{i}.name")).trim().to_string(),
                        counts(&format!("{p}.{i}.c.")),
                    )
                })
                .collect();
            if req.arg("add") == p {
                rows.push((String::new(), vec![String::new(); keys.len()]));
            }
            Some(Part {
                head: old.head.clone(),
                partial: !req.arg(&format!("{p}.partial")).is_empty(),
                by_person: old.by_person,
                rows,
            })
        };
        Figures {
            keys: keys.clone(),
            has_total: like.has_total,
            total: counts("t."),
            value: like.value.clone(),
            breakdown: part("b", &like.breakdown),
            series: part("s", &like.series),
            source: like.source.as_ref().map(|_| {
                ["src.name", "src.url", "src.retrieved"].map(|k| req.arg(k).trim().to_string())
            }),
        }
    }

    /// The form fields and the data paths they fill, for placing the build's problems.
    pub(super) fn fields(&self, at: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let counts = |out: &mut Vec<(String, String)>, form: &str, path: &str| {
            for k in &self.keys {
                out.push((format!("{form}{k}"), format!("{path}.counts.{k}")));
            }
        };
        for (form, key) in [("t", "total"), ("b", "breakdown"), ("s", "series")] {
            out.push((form.to_string(), format!("{at}.{key}")));
        }
        if self.has_total {
            counts(&mut out, "t.", &format!("{at}.total"));
        }
        for (p, name, list, part) in [
            ("b", "breakdown", "rows", &self.breakdown),
            ("s", "series", "points", &self.series),
        ] {
            let Some(part) = part else { continue };
            for i in 0..part.rows.len() {
                let path = format!("{at}.{name}.{list}[{i}]");
                let key = match (p, part.by_person) {
                    ("s", _) => "period",
                    (_, true) => "person",
                    _ => "unit",
                };
                out.push((format!("{p}.{i}.name"), format!("{path}.{key}")));
                counts(&mut out, &format!("{p}.{i}.c."), &path);
            }
        }
        out.push(("src.name".into(), format!("{at}.source.name")));
        out.push(("src.retrieved".into(), format!("{at}.source.retrieved")));
        out
    }

    /// The blocks to write for this indicator at key indent `ki` (`total`, `breakdown`,
    /// `series`, `source`), in the file's own compact style.
    pub(super) fn blocks(&self, ki: usize) -> Vec<(&'static str, Option<String>)> {
        let pad = " ".repeat(ki);
        let counts = |values: &[String]| -> String {
            let inner: Vec<String> = self
                .keys
                .iter()
                .zip(values)
                .filter_map(|(k, v)| number(v).map(|v| format!("{}: {v}", word(k))))
                .collect();
            format!("{{{}}}", inner.join(", "))
        };
        let total = self.has_total.then(|| {
            format!(
                "{pad}total:\n{pad}  counts: {}\n{pad}  value: {}\n",
                counts(&self.total),
                number(&self.value).unwrap_or_else(|| "null".into())
            )
        });
        let part = |p: &Option<Part>, key: &str, head: &str, list: &str| -> Option<String> {
            let p = p.as_ref().filter(|p| !p.rows.is_empty())?;
            let mut out = format!("{pad}{key}:\n{pad}  {head}: {}\n", word(&p.head));
            if p.partial {
                out.push_str(&format!("{pad}  partial: true\n"));
            }
            out.push_str(&format!("{pad}  {list}:\n"));
            for (name, values) in &p.rows {
                let name = match (key, p.by_person) {
                    ("series", _) => format!("period: {}", quoted(name)),
                    (_, true) => format!("person: {}", quoted(name)),
                    _ => format!("unit: {}", word(name)),
                };
                out.push_str(&format!(
                    "{pad}    - {{{name}, counts: {}}}\n",
                    counts(values)
                ));
            }
            Some(out)
        };
        let source = self.source.as_ref().map(|[name, url, when]| {
            let opt = |s: &str| {
                if s.is_empty() {
                    "null".to_string()
                } else {
                    quoted(s)
                }
            };
            format!(
                "{pad}source: {{name: {}, url: {}, retrieved: {}}}\n",
                quoted(name),
                opt(url),
                opt(when)
            )
        });
        vec![
            ("total", total),
            (
                "breakdown",
                part(&self.breakdown, "breakdown", "dimension", "rows"),
            ),
            (
                "series",
                part(&self.series, "series", "granularity", "points"),
            ),
            ("source", source),
        ]
    }
}

/// A typed number as YAML will read it: plain when it is a number-like word (so the build sees
/// `3.000` exactly as typed), quoted text otherwise (`98,5`, `mười`: the build says what is
/// wrong); `None` for an empty field.
pub(super) fn number(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let mut chars = raw.chars();
    let first = chars.next().unwrap_or('x');
    let starts = first.is_ascii_digit()
        || (matches!(first, '-' | '+') && chars.next().is_some_and(|c| c.is_ascii_digit()));
    let plain = starts
        && raw
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    Some(if plain || raw == "null" {
        raw.to_string()
    } else {
        quoted(raw)
    })
}

/// Text as a double-quoted YAML scalar (JSON's quoting is YAML's).
pub(super) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// An id written plain when it is a simple word (`so-tu-phap`), quoted otherwise.
pub(super) fn word(s: &str) -> String {
    let simple = !s.is_empty()
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        && !matches!(
            s,
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if simple { s.to_string() } else { quoted(s) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_reach_the_file_as_typed_and_never_break_it() {
        assert_eq!(number("3.000").as_deref(), Some("3.000"));
        assert_eq!(number(" 9640 ").as_deref(), Some("9640"));
        assert_eq!(number("98,5").as_deref(), Some("\"98,5\""));
        assert_eq!(number("1}, x: {2").as_deref(), Some("\"1}, x: {2\""));
        assert_eq!(number("-").as_deref(), Some("\"-\""));
        assert_eq!(number(""), None);
        assert_eq!(word("so-tu-phap"), "so-tu-phap");
        assert_eq!(word("Sở: x"), "\"Sở: x\"");
        assert_eq!(word("no"), "\"no\"");
    }
}
