//! Tables as data: the CSV files and spreadsheets (`.xlsx`, `.xls`, `.ods`) of `content/_data/`,
//! read into typed rows of header → value.
//!
//! Owns reading a table's bytes (the CSV encodings Excel writes on Vietnamese Windows, the
//! delimiter, workbooks and their sheets), finding its header row, deciding each column's type
//! from all of its cells (numbers in Vietnamese or plain notation, dates, text) and the
//! diagnostics located at a cell (`file.csv:ROW:COL`, `file.xlsx: Sheet!C7`). It reads no file
//! itself (the loader hands it the bytes) and knows nothing of the campaign's indicators: the
//! results model and `thidua data import` read [`Table`]s through the functions here.

mod columns;
mod csv_text;
mod workbook;

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Text;
use crate::msg;

pub use columns::{Notation, read_number};

/// The largest table file read (a year of one-stop exports by unit and month is well under
/// 1 MB; 32 MB keeps a wrong file from filling the memory).
pub const MAX_TABLE_BYTES: usize = 32 * 1024 * 1024;

/// Most cells read from one file, all sheets together.
pub const MAX_CELLS: usize = 1_000_000;

/// Most columns of one sheet (Excel's own limit is 16,384; an export has a few dozen).
pub const MAX_COLUMNS: usize = 1_000;

const TOPIC: &str = "data";

/// The file extensions read as tables.
pub const EXTENSIONS: [&str; 4] = ["csv", "xlsx", "xls", "ods"];

/// Whether `name` is a table file (`mot_cua_2023.csv`).
pub fn is_table(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// What a column holds, decided from all of its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Numbers (counts, percentages).
    Number,
    /// Dates.
    Date,
    /// Anything else.
    Text,
    /// No value at all.
    Empty,
}

impl Kind {
    /// What the kind is called, in the user's terms.
    pub fn name(self) -> Text {
        match self {
            Kind::Number => msg!("numbers"),
            Kind::Date => msg!("dates"),
            Kind::Text => msg!("text"),
            Kind::Empty => msg!("empty"),
        }
    }
}

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// An empty cell (or `-`).
    Empty,
    /// A number, read in its column's notation.
    Number(f64),
    /// A date, `2023-07-31`.
    Date(String),
    /// Text as written (in a number column: a cell that is not a number, already reported).
    Text(String),
}

impl Cell {
    /// The cell as its file shows it, for messages and previews.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) => crate::vi::number_trimmed(*n, 6),
            Cell::Date(d) => d.clone(),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// A column: its name from the header row and its type.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header cell, trimmed.
    pub name: String,
    /// What its cells hold.
    pub kind: Kind,
    /// For a number column: how its numbers are written.
    pub notation: Option<Notation>,
}

/// One row under the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Its row number in the file (a CSV line, a sheet row), 1-based.
    pub number: usize,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

/// Where a table is: a CSV file, or one sheet of a workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// A CSV file: cells are `file:ROW:COL`.
    Csv,
    /// A workbook's sheet, by name as written: cells are `file: Sheet!C7`.
    Sheet(String),
}

/// A table read from `content/_data/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file, relative to the site root (`content/_data/mot_cua_2023.csv`).
    pub file: String,
    /// Its key under `data`: the file's stem, and for every sheet of a workbook also
    /// `stem.sheet` (the sheet's name slugged with `_`).
    pub key: String,
    /// A CSV file or a sheet.
    pub place: Place,
    /// The columns, in file order.
    pub columns: Vec<Column>,
    /// The rows under the header that hold a value, in file order.
    pub rows: Vec<Row>,
    /// For each column, its 1-based position in the file (columns without a name and
    /// without values are left out, so this is not always `index + 1`).
    pub positions: Vec<usize>,
    /// Problems in cells (a word in a number column, an ambiguous column): errors.
    pub problems: Vec<Diagnostic>,
}

impl Table {
    /// The index of the column named `name`: exactly, else ignoring case, spaces and
    /// diacritics ("Tong so ho so" finds "Tổng số hồ sơ"), else the one column of a header
    /// group it ends ("Trước hạn" finds "Số hồ sơ đã giải quyết / Trước hạn" when no other
    /// column ends so).
    pub fn column(&self, name: &str) -> Option<usize> {
        let exact = self.columns.iter().position(|c| c.name == name.trim());
        let folded = fold_name(name);
        exact
            .or_else(|| {
                self.columns
                    .iter()
                    .position(|c| fold_name(&c.name) == folded)
            })
            .or_else(|| {
                let mut ends = self.columns.iter().enumerate().filter(|(_, c)| {
                    c.name
                        .rsplit_once(" / ")
                        .is_some_and(|(_, last)| fold_name(last) == folded)
                });
                match (ends.next(), ends.next()) {
                    (Some((i, _)), None) => Some(i),
                    _ => None,
                }
            })
    }

    /// The column whose name is closest to `name` (diacritics and case aside; a column of a
    /// header group also by its own part), when one is close enough to suggest.
    pub fn closest_column(&self, name: &str) -> Option<&str> {
        let best = self
            .columns
            .iter()
            .map(|c| (similarity(name, &c.name), c.name.as_str()))
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        (best.0 >= 0.8).then_some(best.1)
    }

    /// The cell of `row` (a file row number) and column index, written as users find it:
    /// `content/_data/a.csv:5:3` or `content/_data/a.xlsx: Tổng hợp!C5`.
    pub fn cell_ref(&self, row: usize, column: usize) -> String {
        let col = self.positions.get(column).copied().unwrap_or(column + 1);
        match &self.place {
            Place::Csv => format!("{}:{}:{}", self.file, row, col),
            Place::Sheet(sheet) => format!("{}: {}!{}{}", self.file, sheet, letters(col), row),
        }
    }

    /// An error at a cell (`col` is a 1-based position in the file).
    pub(crate) fn error_at(
        &self,
        row: usize,
        col: usize,
        message: Text,
        hint: Option<Text>,
    ) -> Diagnostic {
        let d = match &self.place {
            Place::Csv => Diagnostic::error(&self.file, TOPIC, message).at(Location::new(row, col)),
            Place::Sheet(sheet) => Diagnostic::error(
                &self.file,
                TOPIC,
                msg!("{}: {}", format!("{sheet}!{}{row}", letters(col)), message),
            ),
        };
        match hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    }

    /// The rows as template data: a list of objects, header → number, date text, text or null.
    pub fn value(&self) -> serde_json::Value {
        let rows = self.rows.iter().map(|row| {
            let mut map = serde_json::Map::with_capacity(self.columns.len());
            for (col, cell) in self.columns.iter().zip(&row.cells) {
                map.insert(col.name.clone(), cell_value(cell));
            }
            serde_json::Value::Object(map)
        });
        serde_json::Value::Array(rows.collect())
    }
}

/// A name folded for comparison: no diacritics, lower case, spaces collapsed.
pub fn fold_name(name: &str) -> String {
    crate::paths::fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How alike a name someone wrote is to a column's name, from 0 to 1: names are folded
/// (no diacritics, no case); a column of a header group ("Số hồ sơ đã giải quyết / Quá hạn")
/// is also compared by its own part; a name that contains the other scores 0.9.
pub fn similarity(written: &str, column: &str) -> f64 {
    let w = fold_name(written);
    let parts = [
        fold_name(column),
        fold_name(column.rsplit_once(" / ").map_or(column, |(_, last)| last)),
    ];
    parts
        .iter()
        .filter(|p| !p.is_empty() && !w.is_empty())
        .map(|p| {
            let contains = (p.contains(&w) || w.contains(p.as_str())) as u8 as f64 * 0.9;
            strsim::jaro_winkler(&w, p).max(contains)
        })
        .fold(0.0, f64::max)
}

fn cell_value(cell: &Cell) -> serde_json::Value {
    match cell {
        Cell::Empty => serde_json::Value::Null,
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => serde_json::Value::from(*n as i64),
        Cell::Number(n) => serde_json::Value::from(*n),
        Cell::Date(d) | Cell::Text(d) => serde_json::Value::from(d.as_str()),
    }
}

/// `1` → `A`, `27` → `AA`.
pub fn letters(mut col: usize) -> String {
    let mut out = Vec::new();
    while col > 0 {
        let r = (col - 1) % 26;
        out.push(b'A' + r as u8);
        col = (col - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell as read from the file, before its column's type is decided.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Raw {
    Empty,
    Text(String),
    /// A number cell of a spreadsheet (never ambiguous).
    Number(f64),
    /// A date cell of a spreadsheet: `2023-07-31`.
    Date(String),
}

/// The rows of one CSV file or sheet as read: (row number, cells).
pub(crate) struct Grid {
    pub(crate) file: String,
    pub(crate) key: String,
    pub(crate) place: Place,
    pub(crate) rows: Vec<(usize, Vec<Raw>)>,
}

/// Reads the table file `file` (relative to the site root) from its bytes: one table for a
/// CSV file; for a workbook, its first sheet under the file's stem, then every sheet under
/// `stem.sheet`. `Err` when the file cannot be read as a table at all (its encoding, no header
/// row, too large); problems in cells are in each table's `problems`.
pub fn read(bytes: &[u8], file: &str) -> Result<Vec<Table>, Vec<Diagnostic>> {
    if bytes.len() > MAX_TABLE_BYTES {
        return Err(vec![
            Diagnostic::error(
                file,
                TOPIC,
                msg!(
                    "the table is {} MB; thidua reads tables up to {} MB",
                    bytes.len() / (1024 * 1024),
                    MAX_TABLE_BYTES / (1024 * 1024)
                ),
            )
            .with_hint(msg!(
                "export only the rows and columns the site needs, or split the file by year"
            )),
        ]);
    }
    let stem = stem(file);
    let grids = if file.to_ascii_lowercase().ends_with(".csv") {
        vec![csv_text::read(bytes, file, stem)?]
    } else {
        workbook::read(bytes, file, stem)?
    };
    let mut tables = Vec::with_capacity(grids.len());
    let mut errors = Vec::new();
    for grid in grids {
        match columns::table(grid) {
            Ok(t) => tables.push(t),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(tables)
    } else {
        Err(errors)
    }
}

/// `content/_data/mot_cua_2023.csv` → `mot_cua_2023`.
pub fn stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// A sheet's name as a key: `Tháng 7/2023` → `thang_7_2023`.
pub fn sheet_key(name: &str) -> String {
    crate::paths::slugify(name).replace('-', "_")
}

#[cfg(test)]
mod tests;
