//! The build's own checks on a data file as it would be saved: the results and honourees
//! files with the tables of `content/_data/` go through the loader's `load_campaign`, exactly
//! as `thidua build` reads them, and each problem is placed next to the form field whose value
//! it is about (by the line and column the build reports), or above the form.

use std::collections::HashMap;
use std::path::Path;

use crate::campaign::Campaign;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::load::data::{Typed, load_campaign, read_tables, stem};
use crate::messages::Lang;
use crate::yaml::{Origin, Positions};

/// The results file, relative to the site root.
pub(super) const RESULTS: &str = "content/_data/results.yaml";
/// The honourees file, relative to the site root.
pub(super) const HONOUREES: &str = "content/_data/honourees.yaml";

/// The campaign computed from `results` and `honourees` (the texts as they would be saved; a
/// missing file is `None`) and the site's tables, or every problem the build would report.
pub(super) fn campaign(
    root: &Path,
    results: Option<&str>,
    honourees: Option<&str>,
) -> Result<Campaign, Vec<Diagnostic>> {
    campaign_with(root, results, honourees, None)
}

/// [`campaign`] with the tables of one table file (`replaced`: its path and its tables) read
/// from a new export instead of the file in `content/_data/`.
pub(super) fn campaign_with(
    root: &Path,
    results: Option<&str>,
    honourees: Option<&str>,
    replaced: Option<(&str, Vec<crate::tables::Table>)>,
) -> Result<Campaign, Vec<Diagnostic>> {
    let mut tables = read_tables(root)?;
    if let Some((file, new)) = replaced {
        tables.retain(|t| t.file != file);
        tables.extend(new);
    }
    let mut files: Vec<(String, String, Typed)> = Vec::new();
    for (rel, text) in [(RESULTS, results), (HONOUREES, honourees)] {
        if let Some(text) = text {
            files.push((
                rel.to_string(),
                stem(rel).to_string(),
                Typed::Yaml(text.to_string()),
            ));
        }
    }
    let mut by_file: Vec<(String, Vec<crate::tables::Table>)> = Vec::new();
    for t in tables {
        match by_file.iter_mut().find(|(f, _)| *f == t.file) {
            Some((_, list)) => list.push(t),
            None => by_file.push((t.file.clone(), vec![t])),
        }
    }
    for (file, list) in by_file {
        let s = stem(&file).to_string();
        files.push((file, s, Typed::Tables(list)));
    }
    load_campaign(&files)
}

/// Problems placed: by form field, and those that belong to no field.
#[derive(Debug, Default)]
pub(super) struct Placed {
    /// Field name → its problems, in the room's language.
    pub(super) fields: HashMap<String, Vec<String>>,
    /// Problems above the form.
    pub(super) general: Vec<String>,
}

impl Placed {
    /// Whether there is nothing to show.
    pub(super) fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_empty()
    }
}

/// A problem in words: the message without its data path (the field shows where), and the hint.
fn words(d: &Diagnostic, lang: Lang) -> String {
    let message = d.message.render(lang);
    let message = match message.split_once(": ") {
        Some((path, rest))
            if path.contains(['.', '[']) && !path.contains(' ') && !rest.is_empty() =>
        {
            rest.to_string()
        }
        _ => message,
    };
    match &d.hint {
        Some(h) => format!("{message} — {}", h.render(lang)),
        None => message,
    }
}

/// Places the errors of `diags` about `file` (whose text is `text`) at the `fields` (form name,
/// data path): at the field whose value is where the error is, else at the first field on that
/// line, else above the form; problems of other files go above the form with their file.
pub(super) fn place(
    diags: &[Diagnostic],
    file: &str,
    text: &str,
    fields: &[(String, String)],
    lang: Lang,
) -> Placed {
    let origin = Origin {
        file,
        first_line: 1,
        topic: "data",
    };
    let pos = Positions::index(text, origin);
    let located: Vec<(&str, Option<Location>)> = fields
        .iter()
        .map(|(name, path)| (name.as_str(), pos.at(path)))
        .collect();
    let mut placed = Placed::default();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        let text = words(d, lang);
        let field = d.location.filter(|_| d.file == file).and_then(|at| {
            located
                .iter()
                .find(|(_, l)| *l == Some(at))
                .or_else(|| {
                    located
                        .iter()
                        .find(|(_, l)| l.is_some_and(|l| l.line == at.line))
                })
                .map(|(name, _)| *name)
        });
        match field {
            Some(name) => placed
                .fields
                .entry(name.to_string())
                .or_default()
                .push(text),
            None => {
                let at = match d.location {
                    Some(l) => format!("{}:{}:{}", d.file, l.line, l.col),
                    None => d.file.clone(),
                };
                placed.general.push(format!("{at}: {text}"));
            }
        }
    }
    placed
}
