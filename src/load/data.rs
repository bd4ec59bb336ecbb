//! Data files: `content/_data/*.yaml` and the tables beside them (`*.csv`, `*.xlsx`, `*.xls`,
//! `*.ods`), exposed to templates as `data.<file stem>` (a workbook's sheets also as
//! `data["<stem>.<sheet>"]`).
//!
//! Every YAML file loads as free-form data; files that carry `sample: true` are remembered so
//! pages built from them can show the "DỮ LIỆU MẪU" banner. Tables load as lists of rows
//! (`crate::tables`), and are handed to the results model, whose indicators may take their
//! figures from them.

use indexmap::IndexMap;

use crate::campaign::{Campaign, honourees, results};

use crate::diagnostic::Diagnostic;
use crate::msg;
use crate::tables::{self, Table};
use crate::yaml::{self, Origin};

/// Data files with a typed, validated model.
const TYPED: [&str; 2] = ["results", "honourees"];

/// `content/_data/results.yaml` → `results`; `content/_data/mot_cua_2023.csv` → `mot_cua_2023`.
pub(crate) fn stem(rel: &str) -> &str {
    if tables::is_table(rel) {
        return tables::stem(rel);
    }
    let name = rel.rsplit('/').next().unwrap_or_default();
    name.trim_end_matches(".yaml").trim_end_matches(".yml")
}

/// Whether the file has a typed model.
pub(crate) fn is_typed(rel: &str) -> bool {
    TYPED.contains(&stem(rel))
}

/// What the campaign's models read of a data file beyond its free-form value: the text of a
/// typed YAML file, or the tables of a table file.
#[derive(Debug)]
pub(crate) enum Typed {
    /// `results.yaml` or `honourees.yaml`, as text.
    Yaml(String),
    /// A CSV file's table, or a workbook's (its first sheet, then every sheet).
    Tables(Vec<Table>),
}

/// A table named like another data file (`results.csv` beside `results.yaml`, `a.csv` beside
/// `a.xlsx`) would hide it under `data.<stem>`: an error at the table.
fn same_stems(files: &[(String, String, Typed)]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (i, (rel, stem, typed)) in files.iter().enumerate() {
        let other = files
            .iter()
            .enumerate()
            .find(|(j, (_, s, _))| *j != i && s == stem)
            .map(|(_, (r, _, _))| r);
        if let (Typed::Tables(_), Some(other)) = (typed, other) {
            errors.push(
                Diagnostic::error(
                    rel,
                    "data",
                    msg!(
                        "has the same name as {}: templates would see only one of them as data.{}",
                        other.as_str(),
                        stem.as_str()
                    ),
                )
                .with_hint(msg!("rename one of them")),
            );
        }
    }
    errors
}

/// Reads a table file: its value under `data.<stem>` (a workbook's first sheet) and its tables.
pub(crate) fn parse_table(
    bytes: &[u8],
    file: &str,
) -> Result<(serde_json::Value, Typed), Vec<Diagnostic>> {
    let tables = tables::read(bytes, file)?;
    let value = tables
        .first()
        .map_or(serde_json::Value::Array(Vec::new()), Table::value);
    Ok((value, Typed::Tables(tables)))
}

/// Adds every sheet of the workbooks among `files` to `data`, as `data["<stem>.<sheet>"]`.
pub(crate) fn add_sheets(
    data: &mut IndexMap<String, serde_json::Value>,
    files: &[(String, String, Typed)],
) {
    for (_, _, typed) in files {
        if let Typed::Tables(list) = typed {
            for t in list.iter().skip(1) {
                data.insert(t.key.clone(), t.value());
            }
        }
    }
}

/// Validates the campaign's typed data files: results first, so honourees can link to them.
pub(crate) fn load_campaign(
    files: &[(String, String, Typed)],
) -> Result<Campaign, Vec<Diagnostic>> {
    let find = |stem: &str| {
        files.iter().find_map(|(rel, s, t)| match t {
            Typed::Yaml(text) if s == stem => Some((rel, s, text)),
            _ => None,
        })
    };
    let tables: Vec<&Table> = files
        .iter()
        .flat_map(|(_, _, t)| match t {
            Typed::Tables(list) => list.as_slice(),
            Typed::Yaml(_) => &[],
        })
        .collect();
    // Problems in cells are errors whether or not an indicator reads the table: a wrong figure
    // on a page built from it would be worse than a failed build. A workbook's first sheet is
    // read twice (as `stem` and `stem.sheet`): report it once.
    let mut errors: Vec<Diagnostic> = Vec::new();
    for t in &tables {
        for p in &t.problems {
            if !errors.contains(p) {
                errors.push(p.clone());
            }
        }
    }
    errors.extend(same_stems(files));
    let results = find("results").and_then(|(rel, _, text)| {
        results::parse_with_tables(text, rel, &tables)
            .map_err(|e| errors.extend(e))
            .ok()
    });
    let ids: Option<Vec<&str>> = results
        .as_ref()
        .map(|r| r.indicators.iter().map(|i| i.id.as_str()).collect());
    let honourees = find("honourees").and_then(|(rel, _, text)| {
        // When results.yaml failed, its ids are unknown: skip the link check rather than
        // report every link as broken.
        let known = if find("results").is_some() && results.is_none() {
            Some(&[][..]).filter(|_| false)
        } else {
            ids.as_deref()
        };
        honourees::parse(text, rel, known)
            .map_err(|e| errors.extend(e))
            .ok()
    });
    if errors.is_empty() {
        let mut campaign = Campaign { results, honourees };
        campaign.refuse_unsafe_links();
        Ok(campaign)
    } else {
        Err(errors)
    }
}

/// Parses one data file.
pub(crate) fn parse(text: &str, file: &str) -> Result<serde_json::Value, Diagnostic> {
    yaml::parse_value(
        text,
        Origin {
            file,
            first_line: 1,
            topic: "data",
        },
    )
}

/// The keys whose values reach a page as an address (`href`, `src`): `url` (links, menus,
/// `source.url`), `file` (a decision's PDF), `anh` (a honouree's photo) and the usual others.
const URL_KEYS: [&str; 8] = [
    "url", "href", "src", "link", "website", "image", "file", "anh",
];

/// Replaces, anywhere in a data file, an address whose scheme browsers would run or open
/// locally (`javascript:`…, see `paths::unsafe_scheme`) by `#`, with a warning at its line.
/// Only values under [`URL_KEYS`] are addresses: "data: 5 hồ sơ" in a note is text.
pub(crate) fn refuse_unsafe_links(
    value: &mut serde_json::Value,
    text: &str,
    file: &str,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut found = Vec::new();
    find_unsafe_links(value, String::new(), false, &mut found);
    if found.is_empty() {
        return;
    }
    let origin = Origin {
        file,
        first_line: 1,
        topic: "data",
    };
    let positions = yaml::Positions::index(text, origin);
    for (path, url, scheme) in found {
        let message = crate::diagnostic::unsafe_link_message(&url, scheme);
        warnings.push(
            Diagnostic::warning(file, "data", msg!("{}: {}", path, message))
                .with_hint(crate::diagnostic::unsafe_link_hint())
                .at_opt(positions.at(&path)),
        );
    }
}

/// Walks `value` (at `path`), neutralising unsafe addresses and noting (path, url, scheme).
fn find_unsafe_links(
    value: &mut serde_json::Value,
    path: String,
    is_address: bool,
    found: &mut Vec<(String, String, &'static str)>,
) {
    use serde_json::Value;
    match value {
        Value::String(s) if is_address => {
            if let Some(scheme) = crate::paths::unsafe_scheme(s) {
                found.push((path, std::mem::replace(s, "#".to_string()), scheme));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                // A list under an address key (`image: [a, b]`) is a list of addresses.
                find_unsafe_links(item, format!("{path}[{i}]"), is_address, found);
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let p = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let address = URL_KEYS.contains(&key.to_ascii_lowercase().as_str());
                find_unsafe_links(item, p, address, found);
            }
        }
        _ => {}
    }
}

/// The stems of data files marked `sample: true`.
pub(crate) fn sample_files(data: &IndexMap<String, serde_json::Value>) -> Vec<String> {
    data.iter()
        .filter(|(_, v)| v.get("sample").and_then(serde_json::Value::as_bool) == Some(true))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The tables of `content/_data/` under `root` (for `thidua data import`, which previews the
/// results with them), each read as the build reads it; unreadable files are errors.
pub fn read_tables(root: &std::path::Path) -> Result<Vec<Table>, Vec<Diagnostic>> {
    let dir = root.join("content/_data");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| tables::is_table(n) && !n.starts_with("~$") && !n.starts_with('.'))
        .collect();
    names.sort();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for name in names {
        let rel = format!("content/_data/{name}");
        match std::fs::read(dir.join(&name)) {
            Ok(bytes) => match tables::read(&bytes, &rel) {
                Ok(t) => out.extend(t),
                Err(e) => errors.extend(e),
            },
            Err(e) => errors.push(Diagnostic::error(
                &rel,
                "data",
                msg!("cannot be read: {}", e),
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
