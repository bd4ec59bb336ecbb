//! Data files: `content/_data/*.yaml`, exposed to templates as `data.<file stem>`.
//!
//! Every file loads as free-form data; files that carry `sample: true` are remembered so
//! pages built from them can show the "DỮ LIỆU MẪU" banner.

use indexmap::IndexMap;

use super::yaml::{self, Origin};
use crate::diagnostic::Diagnostic;

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
