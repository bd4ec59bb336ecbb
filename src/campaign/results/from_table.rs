//! Figures taken from a table (`from_table`): an indicator names a table of `content/_data/`,
//! the column (or columns, added together) behind each count, and optionally the columns
//! that name each row's unit and month. The counts are summed here into the same total,
//! breakdown and series a typed indicator has, so every later check, verdict and page is the
//! one typed figures get; next month's export changes every figure on the next build.
//!
//! A row whose unit, month or first cell says "Tổng cộng" (or "Tổng", "Tổng số", "Cộng") is
//! the export's own total: it is not added, but it must match the rows above it. Every error
//! names the results file's line and the table's cell.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use super::raw::{
    RawBreakdown, RawFromTable, RawIndicator, RawMeasure, RawPoint, RawRow, RawSeries,
};
use super::{Checker, TableSource, Unit, vi_num};
use crate::diagnostic::hint_for_unknown;
use crate::msg;
use crate::tables::{Cell, Kind, Table, fold_name};

/// The columns an indicator reads, by index in the table.
struct Columns {
    counts: Vec<(String, Vec<usize>)>,
    unit: Option<usize>,
    month: Option<usize>,
}

/// Fills `raw`'s total, breakdown and series from its table, when it has `from_table`.
/// Returns the mapping, for the editing room and `thidua data import`.
pub(super) fn fill(
    c: &mut Checker<'_>,
    path: &str,
    raw: &mut RawIndicator,
    units: &[Unit],
) -> Option<TableSource> {
    let ft = raw.from_table.take()?;
    let source = TableSource {
        table: ft.table.clone(),
        counts: ft
            .counts
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.names().into_iter().map(str::to_string).collect(),
                )
            })
            .collect(),
        by_unit: ft.by_unit.clone(),
        by_month: ft.by_month.clone(),
    };
    let p = format!("{path}.from_table");
    let written = [
        ("total", raw.total.is_some()),
        ("breakdown", raw.breakdown.is_some()),
        ("series", raw.series.is_some()),
    ];
    for (key, present) in written {
        if present {
            c.hint(
                &format!("{path}.{key}"),
                msg!("\"{}\" and \"from_table\" both give the figures", key),
                msg!("remove \"{}\": the figures come from the table", key),
            );
        }
    }
    let table = find_table(c, &p, &ft.table)?;
    let before = c.errors.len();
    let cols = columns(c, &p, table, &ft);
    if c.errors.len() > before {
        return None;
    }
    let sums = sum_rows(c, &p, table, &cols, units)?;
    raw.total = Some(RawMeasure {
        counts: sums.total,
        value: None,
    });
    if cols.unit.is_some() {
        let rows = units
            .iter()
            .filter_map(|u| sums.by_unit.get(&u.id).map(|counts| (u, counts)))
            .map(|(u, counts)| RawRow {
                unit: Some(u.id.clone()),
                person: None,
                counts: counts.clone(),
            })
            .collect();
        raw.breakdown = Some(RawBreakdown {
            dimension: "don-vi".to_string(),
            partial: false,
            rows,
        });
    }
    if cols.month.is_some() {
        raw.series = Some(RawSeries {
            granularity: "month".to_string(),
            partial: false,
            points: sums
                .by_month
                .into_iter()
                .map(|(period, counts)| RawPoint { period, counts })
                .collect(),
        });
    }
    Some(source)
}

/// The table named `name`: a data key (`mot_cua_2023`) or a file name (`mot_cua_2023.csv`).
fn find_table<'a>(c: &mut Checker<'a>, p: &str, name: &str) -> Option<&'a Table> {
    let tables = c.tables;
    let wanted = name.trim().trim_start_matches("content/_data/");
    let found = tables.iter().find(|t| t.key == wanted).or_else(|| {
        tables
            .iter()
            .find(|t| t.file.rsplit('/').next() == Some(wanted))
    });
    if found.is_none() {
        let keys: Vec<&str> = tables.iter().map(|t| t.key.as_str()).collect();
        c.hint(
            &format!("{p}.table"),
            msg!("there is no table \"{}\" in content/_data/", name),
            hint_for_unknown(wanted, &keys),
        );
    }
    found.copied()
}

/// Finds every column the mapping names; reports the unknown ones and those not of numbers.
fn columns(c: &mut Checker<'_>, p: &str, table: &Table, ft: &RawFromTable) -> Columns {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let find = |c: &mut Checker<'_>, at: &str, name: &str| {
        let i = table.column(name);
        if i.is_none() {
            c.hint(
                at,
                msg!(
                    "the table {} has no column \"{}\"",
                    table.key.as_str(),
                    name
                ),
                match table.closest_column(name) {
                    Some(best) => msg!("did you mean \"{}\"?", best),
                    None => hint_for_unknown(name, &names),
                },
            );
        }
        i
    };
    let mut counts = Vec::new();
    for (key, written) in &ft.counts {
        let at = format!("{p}.counts.{key}");
        let mut found = Vec::new();
        for name in written.names() {
            let Some(i) = find(c, &at, name) else {
                continue;
            };
            let col = &table.columns[i];
            if col.kind != Kind::Number && col.kind != Kind::Empty {
                c.hint(
                    &at,
                    msg!(
                        "the column \"{}\" of {} holds {}, not numbers",
                        col.name.as_str(),
                        table.key.as_str(),
                        col.kind.name()
                    ),
                    msg!("name a column of figures"),
                );
            }
            found.push(i);
        }
        counts.push((key.clone(), found));
    }
    let unit = ft
        .by_unit
        .as_deref()
        .and_then(|n| find(c, &format!("{p}.by_unit"), n));
    let month = ft
        .by_month
        .as_deref()
        .and_then(|n| find(c, &format!("{p}.by_month"), n));
    Columns {
        counts,
        unit,
        month,
    }
}

/// The sums of the rows: overall, by unit id, by month (`2023-07`).
struct Sums {
    total: IndexMap<String, f64>,
    by_unit: IndexMap<String, IndexMap<String, f64>>,
    by_month: BTreeMap<String, IndexMap<String, f64>>,
}

/// Adds up the rows, checking each cell read; `None` when a cell could not be read.
fn sum_rows(
    c: &mut Checker<'_>,
    p: &str,
    table: &Table,
    cols: &Columns,
    units: &[Unit],
) -> Option<Sums> {
    let before = c.errors.len();
    let mut sums = Sums {
        total: cols.counts.iter().map(|(k, _)| (k.clone(), 0.0)).collect(),
        by_unit: IndexMap::new(),
        by_month: BTreeMap::new(),
    };
    let mut totals_rows = Vec::new();
    for row in &table.rows {
        if is_total_row(&row.cells, cols) {
            totals_rows.push(row);
            continue;
        }
        let Some(counts) = row_counts(c, p, table, row, cols) else {
            continue;
        };
        add(&mut sums.total, &counts);
        if let Some(u) = cols.unit
            && let Some(id) = unit_of(c, &format!("{p}.by_unit"), table, row, u, units)
        {
            add(sums.by_unit.entry(id).or_default(), &counts);
        }
        if let Some(m) = cols.month
            && let Some(period) = month_of(c, &format!("{p}.by_month"), table, row, m)
        {
            add(sums.by_month.entry(period).or_default(), &counts);
        }
    }
    if c.errors.len() > before {
        return None;
    }
    for row in totals_rows {
        check_total_row(c, p, table, row, cols, &sums.total);
    }
    (c.errors.len() == before).then_some(sums)
}

fn add(into: &mut IndexMap<String, f64>, counts: &IndexMap<String, f64>) {
    for (k, v) in counts {
        *into.entry(k.clone()).or_default() += v;
    }
}

/// The row's counts: each count is its columns added (an empty cell counts 0, as in Excel's
/// SUM); `None` (reported) when a cell is not a number.
fn row_counts(
    c: &mut Checker<'_>,
    p: &str,
    table: &Table,
    row: &crate::tables::Row,
    cols: &Columns,
) -> Option<IndexMap<String, f64>> {
    let mut out = IndexMap::new();
    let mut ok = true;
    for (key, idx) in &cols.counts {
        let mut sum = 0.0;
        for &i in idx {
            match &row.cells[i] {
                Cell::Number(n) => sum += n,
                Cell::Empty => {}
                other => {
                    ok = false;
                    c.hint(
                        &format!("{p}.counts.{key}"),
                        msg!(
                            "{}: \"{}\" in the column \"{}\" is not a number",
                            table.cell_ref(row.number, i),
                            other.shown(),
                            table.columns[i].name.as_str()
                        ),
                        msg!("write the figure in the table, or leave the cell empty"),
                    );
                }
            }
        }
        out.insert(key.clone(), sum);
    }
    ok.then_some(out)
}

/// A row that is the export's own total.
fn is_total_row(cells: &[Cell], cols: &Columns) -> bool {
    let words = ["tong", "tong cong", "tong so", "cong"];
    [cols.unit, cols.month, Some(0)]
        .into_iter()
        .flatten()
        .filter_map(|i| match cells.get(i) {
            Some(Cell::Text(t)) => Some(fold_name(t)),
            _ => None,
        })
        .any(|t| words.contains(&t.as_str()))
}

/// The export's total row must match the rows above it.
fn check_total_row(
    c: &mut Checker<'_>,
    p: &str,
    table: &Table,
    row: &crate::tables::Row,
    cols: &Columns,
    total: &IndexMap<String, f64>,
) {
    for (key, idx) in &cols.counts {
        let written: Option<f64> = idx
            .iter()
            .map(|&i| match &row.cells[i] {
                Cell::Number(n) => Some(*n),
                Cell::Empty => Some(0.0),
                _ => None,
            })
            .sum();
        let sum = total.get(key).copied().unwrap_or_default();
        if let Some(w) = written
            && (w - sum).abs() > 1e-9
            && idx.iter().any(|&i| row.cells[i] != Cell::Empty)
        {
            let at = idx.first().copied().unwrap_or_default();
            c.hint(
                &format!("{p}.counts.{key}"),
                msg!(
                    "{}: the total row says {}, but the rows above add up to {}",
                    table.cell_ref(row.number, at),
                    vi_num(w),
                    vi_num(sum)
                ),
                msg!("correct the table: a row may be missing or counted twice"),
            );
        }
    }
}

/// The unit a row is about: its cell names a unit of `units` (by name, diacritics and case
/// aside, or by id).
fn unit_of(
    c: &mut Checker<'_>,
    at: &str,
    table: &Table,
    row: &crate::tables::Row,
    col: usize,
    units: &[Unit],
) -> Option<String> {
    let text = row.cells[col].shown();
    let folded = fold_name(&text);
    let found = units
        .iter()
        .find(|u| u.id == text || fold_name(&u.name) == folded || fold_name(&u.id) == folded);
    if found.is_none() {
        let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
        let hint = match crate::diagnostic::did_you_mean(&text, &names) {
            Some(best) => msg!("did you mean \"{}\"?", best),
            None => msg!("add the unit to \"units\" with the name the table uses"),
        };
        c.hint(
            at,
            msg!(
                "{}: \"{}\" is not a unit of the list \"units\"",
                table.cell_ref(row.number, col),
                text
            ),
            hint,
        );
    }
    found.map(|u| u.id.clone())
}

/// The month a row is about (`2023-07`): a date, or text like `07/2023`, `Tháng 7/2023`,
/// `2023-07`.
fn month_of(
    c: &mut Checker<'_>,
    at: &str,
    table: &Table,
    row: &crate::tables::Row,
    col: usize,
) -> Option<String> {
    let cell = &row.cells[col];
    let month = match cell {
        Cell::Date(d) => d.get(..7).map(str::to_string),
        Cell::Text(t) => read_month(t),
        _ => None,
    };
    if month.is_none() {
        c.hint(
            at,
            msg!(
                "{}: \"{}\" is not a month",
                table.cell_ref(row.number, col),
                cell.shown()
            ),
            msg!("write the month like 07/2023 or 2023-07"),
        );
    }
    month
}

/// `07/2023`, `7/2023`, `Tháng 7/2023`, `T7-2023`, `2023-07` → `2023-07`.
pub(super) fn read_month(text: &str) -> Option<String> {
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let (y, m) = match numbers.as_slice() {
        [a, b] if a.len() == 4 => (*a, *b),
        [a, b] if b.len() == 4 => (*b, *a),
        // A full date: 31/07/2023 or 2023-07-31.
        [a, b, _] if a.len() == 4 => (*a, *b),
        [_, b, c] if c.len() == 4 => (*c, *b),
        _ => return None,
    };
    let m: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some(format!("{y}-{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::read_month;

    #[test]
    fn months_are_read_as_exports_write_them() {
        for (written, month) in [
            ("07/2023", "2023-07"),
            ("7/2023", "2023-07"),
            ("Tháng 7/2023", "2023-07"),
            ("T10-2023", "2023-10"),
            ("2023-07", "2023-07"),
            ("31/07/2023", "2023-07"),
            ("2023-07-31", "2023-07"),
        ] {
            assert_eq!(read_month(written).as_deref(), Some(month), "{written}");
        }
        for not in ["13/2023", "7", "Quý 3", "07/23"] {
            assert_eq!(read_month(not), None, "{not}");
        }
    }
}
