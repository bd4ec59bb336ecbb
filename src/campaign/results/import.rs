//! `thidua data import FILE` (and, later, the editing room's import page): read an export,
//! propose a mapping from its columns to the indicators of `results.yaml`, preview the figures
//! and statuses the build would then show, and write the mapping only when asked.
//!
//! The proposal is made column by column from the count's name (`da_giai_quyet` finds
//! "Số hồ sơ đã giải quyết / Tổng số"; `dung_va_truoc_han` finds "Trước hạn" + "Đúng hạn"),
//! diacritics and case aside, and from the cells (the column whose cells name the units, the
//! one whose cells are months). An indicator already taking its figures from a table with the
//! same columns is moved to the new table. The preview is the build's own computation: the
//! results file with the mapping is parsed and judged as the build does. The write edits the
//! text (comments survive), atomically, and refuses when the file changed since it was read.

use std::path::{Path, PathBuf};

use super::{Indicator, Metric, Results, TableSource, import_edit, parse_with_tables};
use crate::diagnostic::{BuildError, Diagnostic};
use crate::msg;
use crate::tables::{Cell, Kind, Table, fold_name};

const RESULTS: &str = "content/_data/results.yaml";

/// An indicator the import would map, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The indicator's id.
    pub id: String,
    /// Its columns.
    pub source: TableSource,
}

/// What an import would do; [`write_import`] does it.
#[derive(Debug)]
pub struct ImportPlan {
    /// The table read (a workbook's first sheet).
    pub table: Table,
    /// Where the table is (or will be) in the site: `content/_data/<name>`.
    pub dest: String,
    /// The file to copy to `dest`, when it is elsewhere.
    pub copy_from: Option<PathBuf>,
    /// The mappings proposed.
    pub proposals: Vec<Proposal>,
    /// The results as the build computes them now, and as it would after the import.
    pub before: Results,
    /// After.
    pub after: Results,
    root: PathBuf,
    original: Vec<u8>,
    new_text: String,
}

impl ImportPlan {
    /// Whether the import would change any file.
    pub fn changes_anything(&self) -> bool {
        self.copy_from.is_some() || !self.proposals.is_empty()
    }
}

/// Reads `file` and the results of the site at `root`, and works out what importing it would
/// do; `site_tables` are the tables of `content/_data/` as the loader reads them
/// (`load::data::read_tables`).
pub fn plan_import(
    root: &Path,
    file: &Path,
    site_tables: Vec<Table>,
) -> Result<ImportPlan, BuildError> {
    let results_path = root.join(RESULTS);
    let original = std::fs::read(&results_path).map_err(|e| BuildError::io(RESULTS, e))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| crate::tables::is_table(n))
        .ok_or_else(|| {
            BuildError::usage(msg!(
                "{} is not a table: thidua reads .csv, .xlsx, .xls and .ods files",
                file.display()
            ))
        })?;
    let dest = format!("content/_data/{name}");
    let bytes = std::fs::read(file).map_err(|e| BuildError::io(file.display(), e))?;
    let copy_from = match std::fs::read(root.join(&dest)) {
        Ok(there) if there == bytes => None,
        Ok(_) if same_file(file, &root.join(&dest)) => None,
        Ok(_) => {
            return Err(BuildError::usage(msg!(
                "{} already exists and differs from {}: copy the new export over it yourself, or give it another name",
                dest,
                file.display()
            )));
        }
        Err(_) => Some(file.to_path_buf()),
    };
    let mut read = crate::tables::read(&bytes, &dest).map_err(BuildError::from_diagnostics)?;
    let mut tables = site_tables;
    let text = crate::text::decode(&original, RESULTS)
        .map_err(|d| BuildError::from_diagnostics(vec![d]))?
        .text;
    let before = parse_with_tables(&text, RESULTS, &tables.iter().collect::<Vec<_>>())
        .map_err(BuildError::from_diagnostics)?;
    tables.retain(|t| t.file != dest);
    let problems: Vec<Diagnostic> = read.iter().flat_map(|t| t.problems.clone()).collect();
    if !problems.is_empty() {
        return Err(BuildError::from_diagnostics(problems));
    }
    let table = read.remove(0);
    let proposals = propose(&before, &table);
    let raw = String::from_utf8_lossy(&original).into_owned();
    let new_text = with_proposals(&raw, &text, &proposals);
    tables.push(table.clone());
    tables.extend(read);
    let decoded = crate::text::decode(new_text.as_bytes(), RESULTS)
        .map_err(|d| BuildError::from_diagnostics(vec![d]))?
        .text;
    let after = parse_with_tables(&decoded, RESULTS, &tables.iter().collect::<Vec<_>>())
        .map_err(BuildError::from_diagnostics)?;
    Ok(ImportPlan {
        table,
        dest,
        copy_from,
        proposals,
        before,
        after,
        root: root.to_path_buf(),
        original,
        new_text,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// The raw text (as on disk: CRLF and BOM kept) with each proposal written in.
fn with_proposals(raw: &str, decoded: &str, proposals: &[Proposal]) -> String {
    let origin = crate::yaml::Origin {
        file: RESULTS,
        first_line: 1,
        topic: "data",
    };
    let mut out = raw.to_string();
    let pos = crate::yaml::Positions::index(decoded, origin);
    // From the last indicator up, so the lines of the earlier ones do not move.
    let mut located: Vec<(usize, &Proposal)> = proposals
        .iter()
        .filter_map(|p| {
            let i = indicator_index(decoded, &p.id)?;
            pos.at(&format!("indicators[{i}].id")).map(|l| (l.line, p))
        })
        .collect();
    located.sort_by_key(|(line, _)| std::cmp::Reverse(*line));
    for (line, p) in located {
        if let Some(text) = import_edit::replace_figures(&out, line, &p.source) {
            out = text;
        }
    }
    out
}

/// The position of indicator `id` in the file.
fn indicator_index(text: &str, id: &str) -> Option<usize> {
    #[derive(serde::Deserialize)]
    struct Ids {
        indicators: Vec<IdOnly>,
    }
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    let origin = crate::yaml::Origin {
        file: RESULTS,
        first_line: 1,
        topic: "data",
    };
    let ids: Ids = crate::yaml::parse(text, origin).ok()?;
    ids.indicators.iter().position(|i| i.id == id)
}

/// Writes the plan: the table copied into `content/_data/` when it was elsewhere, and the
/// mappings into `results.yaml`, each through a temporary file renamed into place. Refuses
/// when `results.yaml` changed since the plan read it.
pub fn write_import(plan: &ImportPlan) -> Result<(), BuildError> {
    let results_path = plan.root.join(RESULTS);
    let now = std::fs::read(&results_path).map_err(|e| BuildError::io(RESULTS, e))?;
    if now != plan.original {
        return Err(BuildError::usage(msg!(
            "{} changed while the import was being prepared: nothing was written; run the import again",
            RESULTS
        )));
    }
    if let Some(from) = &plan.copy_from {
        let dest = plan.root.join(&plan.dest);
        if dest.exists() {
            return Err(BuildError::usage(msg!(
                "{} appeared while the import was being prepared: nothing was written; run the import again",
                plan.dest.as_str()
            )));
        }
        let bytes = std::fs::read(from).map_err(|e| BuildError::io(from.display(), e))?;
        replace_atomically(&dest, &bytes).map_err(|e| BuildError::io(&plan.dest, e))?;
    }
    if !plan.proposals.is_empty() {
        replace_atomically(&results_path, plan.new_text.as_bytes())
            .map_err(|e| BuildError::io(RESULTS, e))?;
    }
    Ok(())
}

fn replace_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".thidua-import-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The mappings proposed for `table`, indicator by indicator (pure: the editing room can call it).
pub fn propose(results: &Results, table: &Table) -> Vec<Proposal> {
    let unit_col = unit_column(results, table);
    let month_col = month_column(table);
    results
        .indicators
        .iter()
        .filter_map(|ind| {
            let source = propose_one(ind, table, unit_col, month_col)?;
            Some(Proposal {
                id: ind.id.clone(),
                source,
            })
        })
        .collect()
}

fn propose_one(
    ind: &Indicator,
    table: &Table,
    unit_col: Option<usize>,
    month_col: Option<usize>,
) -> Option<TableSource> {
    if ind.table.as_ref().is_some_and(|t| t.table == table.key) {
        return None;
    }
    let name = |i: usize| table.columns[i].name.clone();
    let by_unit = match &ind.breakdown {
        None => None,
        Some(b) if b.dimension == "don-vi" && !b.partial => Some(name(unit_col?)),
        Some(_) => return None,
    };
    let by_month = match &ind.series {
        None => None,
        Some(s) if !s.partial => Some(name(month_col?)),
        Some(_) => return None,
    };
    if let Some(old) = &ind.table {
        // Next export under another name: the same columns, if it has them all.
        let all = old
            .counts
            .iter()
            .flat_map(|(_, c)| c)
            .all(|c| table.column(c).is_some());
        return all.then(|| TableSource {
            table: table.key.clone(),
            counts: old.counts.clone(),
            by_unit: old.by_unit.clone(),
            by_month: old.by_month.clone(),
        });
    }
    let mut required: Vec<&str> = ind.formula.keys();
    for t in &ind.targets {
        if let Metric::Count(k) = &t.metric {
            required.push(k);
        }
    }
    let optional = ind
        .total
        .iter()
        .flat_map(|t| t.counts.keys().map(String::as_str));
    let mut counts: Vec<(String, Vec<String>)> = Vec::new();
    for key in required.iter().copied().chain(optional) {
        if counts.iter().any(|(k, _)| k == key) {
            continue;
        }
        match match_key(key, table) {
            Some(cols) => counts.push((key.to_string(), cols.into_iter().map(name).collect())),
            None if required.contains(&key) => return None,
            None => {}
        }
    }
    let mut used: Vec<&Vec<String>> = counts.iter().map(|(_, c)| c).collect();
    used.sort();
    used.dedup();
    (used.len() == counts.len()).then(|| TableSource {
        table: table.key.clone(),
        counts,
        by_unit,
        by_month,
    })
}

/// The columns of numbers behind the count `key`: the one whose name is the key's words, else
/// the sum of the columns of "A và B" ("dung_va_truoc_han": "Đúng hạn" + "Trước hạn").
fn match_key(key: &str, table: &Table) -> Option<Vec<usize>> {
    let words = fold_name(&key.replace(['_', '-'], " "));
    if let Some(i) = best_column(&words, table) {
        return Some(vec![i]);
    }
    let (a, b) = words.split_once(" va ")?;
    // "đúng và trước hạn": the last word of the second part ends the first too.
    let a = match (a.contains(' '), b.rsplit_once(' ')) {
        (false, Some((_, last))) => format!("{a} {last}"),
        _ => a.to_string(),
    };
    Some(vec![best_column(&a, table)?, best_column(b, table)?])
}

/// The one column of numbers named `words`: exactly (whole name or its part after a group),
/// else by containing them; a tie inside one header group goes to its "Tổng số" column.
fn best_column(words: &str, table: &Table) -> Option<usize> {
    let score = |name: &str| {
        let full = fold_name(name);
        let last = fold_name(name.rsplit_once(" / ").map_or(name, |(_, l)| l));
        if full == words || last == words {
            2
        } else if full.contains(words) {
            1
        } else {
            0
        }
    };
    let numeric = |k: Kind| matches!(k, Kind::Number | Kind::Empty);
    let scored: Vec<(usize, u8)> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| numeric(c.kind))
        .map(|(i, c)| (i, score(&c.name)))
        .filter(|(_, s)| *s > 0)
        .collect();
    let top = scored.iter().map(|(_, s)| *s).max()?;
    let best: Vec<usize> = scored
        .iter()
        .filter(|(_, s)| *s == top)
        .map(|(i, _)| *i)
        .collect();
    match best.as_slice() {
        [one] => Some(*one),
        many => {
            let totals: Vec<usize> = many
                .iter()
                .copied()
                .filter(|&i| {
                    let n = &table.columns[i].name;
                    n.rsplit_once(" / ").is_some_and(|(_, l)| {
                        matches!(fold_name(l).as_str(), "tong so" | "tong" | "tong cong")
                    })
                })
                .collect();
            (totals.len() == 1).then(|| totals[0])
        }
    }
}

/// The column whose cells name units of `results` (most of its values).
fn unit_column(results: &Results, table: &Table) -> Option<usize> {
    let names: Vec<String> = results.units.iter().map(|u| fold_name(&u.name)).collect();
    column_where(table, |c| match c {
        Cell::Text(t) => names.contains(&fold_name(t)),
        _ => false,
    })
}

/// The column whose cells are months (`07/2023`, dates).
fn month_column(table: &Table) -> Option<usize> {
    column_where(table, |c| match c {
        Cell::Date(_) => true,
        Cell::Text(t) => super::from_table::read_month(t).is_some(),
        _ => false,
    })
}

/// The first column where `fits` holds for more than half of the non-empty cells.
fn column_where(table: &Table, fits: impl Fn(&Cell) -> bool) -> Option<usize> {
    (0..table.columns.len()).find(|&i| {
        let cells: Vec<&Cell> = table
            .rows
            .iter()
            .map(|r| &r.cells[i])
            .filter(|c| **c != Cell::Empty)
            .collect();
        !cells.is_empty() && cells.iter().filter(|c| fits(c)).count() * 2 > cells.len()
    })
}
