//! Data files: `content/_data/*.yaml`, exposed to templates as `data.<file stem>`.
//!
//! Every file loads as free-form data; files that carry `sample: true` are remembered so
//! pages built from them can show the "DỮ LIỆU MẪU" banner.

use indexmap::IndexMap;

use crate::campaign::{Campaign, honourees, results};

use super::yaml::{self, Origin};
use crate::diagnostic::Diagnostic;

/// Data files with a typed, validated model.
const TYPED: [&str; 2] = ["results", "honourees"];

/// `content/_data/results.yaml` → `results`.
pub(crate) fn stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or_default();
    name.trim_end_matches(".yaml").trim_end_matches(".yml")
}

/// Whether the file has a typed model.
pub(crate) fn is_typed(rel: &str) -> bool {
    TYPED.contains(&stem(rel))
}

/// Validates the campaign's typed data files: results first, so honourees can link to them.
pub(crate) fn load_campaign(
    files: &[(String, String, String)],
) -> Result<Campaign, Vec<Diagnostic>> {
    let find = |stem: &str| files.iter().find(|(_, s, _)| s == stem);
    let mut errors = Vec::new();
    let results = find("results")
        .and_then(|(rel, _, text)| results::parse(text, rel).map_err(|e| errors.extend(e)).ok());
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
        Ok(Campaign { results, honourees })
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

/// The stems of data files marked `sample: true`.
pub(crate) fn sample_files(data: &IndexMap<String, serde_json::Value>) -> Vec<String> {
    data.iter()
        .filter(|(_, v)| v.get("sample").and_then(serde_json::Value::as_bool) == Some(true))
        .map(|(k, _)| k.clone())
        .collect()
}
