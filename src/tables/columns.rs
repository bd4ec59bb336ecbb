//! The header row and each column's type, decided from all of its cells.
//!
//! A number cell of a spreadsheet is a number. A text cell may be a number in Vietnamese
//! notation (`1.234`, `98,5`, `1.234.567`) or plain notation (`1234`, `98.5`, `1,234.5`); many
//! cells read the same either way (`520`), some only one way (`98,5`, `12.5`), and some differ
//! (`1.260` is 1260 or 1.26). A column takes the notation all of its numbers can be read in.
//! When both readings fit every cell and give different values, the other columns of the same
//! table decide (an export uses one notation); when they do not, the column is an error with a
//! hint, never a guess. A column is of numbers when most of its values are numbers: its other
//! values are errors at their cell. Dates are `31/07/2023`, `2023-07-31` or date cells.

use super::{Cell, Column, Grid, Kind, Raw, Row, Table};
use crate::diagnostic::Diagnostic;
use crate::msg;

/// How a column's numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// `1.234,5`: dots between thousands, a decimal comma.
    Vietnamese,
    /// `1234.5` or `1,234.5`.
    Plain,
    /// Every number reads the same either way (`520`, `7`).
    Either,
}

/// The readings of a text cell as a number: (Vietnamese, plain); `None` where it is not one.
pub fn read_number(text: &str) -> (Option<f64>, Option<f64>) {
    let t: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, t.as_str()),
    };
    let read = |thousands: char, decimal: char| -> Option<f64> {
        let (int, frac) = match body.split_once(decimal) {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let mut groups = int.split(thousands);
        let first = groups.next()?;
        let rest: Vec<&str> = groups.collect();
        let int_ok = if rest.is_empty() {
            digits(first)
        } else {
            digits(first) && first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g))
        };
        if !int_ok || frac.is_some_and(|f| !digits(f)) {
            return None;
        }
        let plain = format!("{}.{}", int.replace(thousands, ""), frac.unwrap_or("0"));
        plain.parse::<f64>().ok().map(|v| v * sign)
    };
    (read('.', ','), read(',', '.'))
}

/// `31/07/2023`, `1/7/2023`, `2023-07-31` (a time after it is ignored) → `2023-07-31`.
pub(crate) fn read_date(text: &str) -> Option<String> {
    let t = text.trim();
    let num = |s: &str| {
        s.parse::<i16>()
            .ok()
            .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
    };
    let (y, m, d) = if let Some((dm, y)) = t.rsplit_once('/') {
        let (d, m) = dm.split_once('/')?;
        (y.len() == 4).then_some(())?;
        (num(y)?, num(m)?, num(d)?)
    } else {
        let day = t.split(['T', ' ']).next()?;
        let mut p = day.split('-');
        let (y, m, d) = (p.next()?, p.next()?, p.next()?);
        (y.len() == 4 && p.next().is_none()).then_some(())?;
        (num(y)?, num(m)?, num(d)?)
    };
    jiff::civil::Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A named column kept: its index in the file's rows, its name, its cells (row number, cell).
type Kept<'a> = (usize, String, Vec<(usize, &'a Raw)>);

/// What one column's cells say about it.
struct Survey {
    numbers: usize,
    dates: usize,
    texts: usize,
    /// Every text number reads in Vietnamese notation / plain notation.
    vi: bool,
    plain: bool,
    /// Some text number reads differently in the two notations (the first such cell).
    differs: Option<(usize, String)>,
}

fn survey(cells: &[(usize, &Raw)]) -> Survey {
    let mut s = Survey {
        numbers: 0,
        dates: 0,
        texts: 0,
        vi: true,
        plain: true,
        differs: None,
    };
    for (row, cell) in cells {
        match cell {
            Raw::Empty => {}
            Raw::Number(_) => s.numbers += 1,
            Raw::Date(_) => s.dates += 1,
            Raw::Text(t) if is_dash(t) => {}
            Raw::Text(t) if read_date(t).is_some() => s.dates += 1,
            Raw::Text(t) => match read_number(t) {
                (None, None) => s.texts += 1,
                (vi, plain) => {
                    s.numbers += 1;
                    s.vi &= vi.is_some();
                    s.plain &= plain.is_some();
                    if vi.is_some() && plain.is_some() && vi != plain && s.differs.is_none() {
                        s.differs = Some((*row, t.clone()));
                    }
                }
            },
        }
    }
    s
}

/// `-` and dashes stand for "no figure" in exports.
fn is_dash(t: &str) -> bool {
    matches!(t, "-" | "–" | "—")
}

/// The header row: the first with two values or more (rows above it with one value are a
/// report's title), or the first row when no row has two.
fn header_index(rows: &[(usize, Vec<Raw>)]) -> Option<usize> {
    let filled = |cells: &[Raw]| cells.iter().filter(|c| **c != Raw::Empty).count();
    rows.iter()
        .position(|(_, c)| filled(c) >= 2)
        .or_else(|| rows.iter().position(|(_, c)| filled(c) >= 1))
}

/// The table of a grid: header, columns typed, cells read; `Err` without a header row.
pub(super) fn table(grid: Grid) -> Result<Table, Diagnostic> {
    let mut table = Table {
        file: grid.file,
        key: grid.key,
        place: grid.place,
        columns: Vec::new(),
        rows: Vec::new(),
        positions: Vec::new(),
        problems: Vec::new(),
    };
    let Some(h) = header_index(&grid.rows) else {
        return Err(
            Diagnostic::error(&table.file, super::TOPIC, msg!("the table is empty")).with_hint(
                msg!("put the columns' names in the first row, and the figures under them"),
            ),
        );
    };
    let (header_row, header) = &grid.rows[h];
    if let Some((i, c)) = header.iter().enumerate().find(|(_, c)| looks_like_value(c)) {
        return Err(no_header(&table, *header_row, i, c));
    }
    let width = grid.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let (names, below) = header_names(&grid.rows[h..], width);
    let body = &grid.rows[h + below..];
    let mut seen: Vec<String> = Vec::new();
    let mut kept = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let cells: Vec<(usize, &Raw)> = body
            .iter()
            .map(|(n, r)| (*n, r.get(i).unwrap_or(&Raw::Empty)))
            .collect();
        let has_values = cells.iter().any(|(_, c)| **c != Raw::Empty);
        if name.is_empty() {
            if has_values {
                let d = table.error_at(
                    *header_row,
                    i + 1,
                    msg!(
                        "column {} has values but no name in the header row",
                        super::letters(i + 1)
                    ),
                    Some(msg!("write the column's name in the header row")),
                );
                table.problems.push(d);
            }
            continue;
        }
        if seen.contains(&name) {
            let d = table.error_at(
                *header_row,
                i + 1,
                msg!("two columns are named \"{}\"", name),
                Some(msg!("give each column its own name")),
            );
            table.problems.push(d);
            continue;
        }
        seen.push(name.clone());
        kept.push((i, name, cells));
    }
    let surveys: Vec<Survey> = kept.iter().map(|(_, _, cells)| survey(cells)).collect();
    let file_notation = file_notation(&surveys);
    for ((i, name, cells), s) in kept.iter().zip(&surveys) {
        let column = column(&mut table, *i, name, cells, s, file_notation);
        table.columns.push(column);
        table.positions.push(i + 1);
    }
    fill_rows(&mut table, body, &kept);
    Ok(table)
}

/// The error for a first row that holds a value where a column's name should be.
fn no_header(table: &Table, row: usize, i: usize, c: &Raw) -> Diagnostic {
    let shown = match c {
        Raw::Text(t) | Raw::Date(t) => t.clone(),
        Raw::Number(n) => crate::vi::number_trimmed(*n, 6),
        Raw::Empty => String::new(),
    };
    table.error_at(
        row,
        i + 1,
        msg!(
            "no header row: the first row holds the value \"{}\", not a column's name",
            shown
        ),
        Some(msg!(
            "add a first row that names each column, e.g. \"Đơn vị\", \"Tháng\", \"Đã giải quyết\""
        )),
    )
}

/// The columns' names, and how many rows the header takes. Exports of the one-stop system
/// have headers of two or three rows with merged cells: a group ("Số hồ sơ đã giải quyết")
/// over its columns ("Tổng số", "Trước hạn"…). A row under the header that holds only words
/// is part of it when the header row has gaps (the merged cells); each column is then named
/// "group / column", the group carried right over the merged cells.
fn header_names(rows: &[(usize, Vec<Raw>)], width: usize) -> (Vec<String>, usize) {
    let text = |cells: &[Raw], i: usize| match cells.get(i) {
        Some(Raw::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let mut names: Vec<String> = (0..width).map(|i| text(&rows[0].1, i)).collect();
    let mut used = 1;
    while let Some((_, next)) = rows.get(used) {
        let words_only = next.iter().any(|c| *c != Raw::Empty)
            && next.iter().all(|c| {
                matches!(c, Raw::Empty) || (matches!(c, Raw::Text(_)) && !looks_like_value(c))
            });
        let gaps = names.iter().any(String::is_empty);
        if !words_only || !gaps {
            break;
        }
        let mut group = String::new();
        for (i, name) in names.iter_mut().enumerate() {
            let sub = text(next, i);
            if !name.is_empty() {
                group.clone_from(name);
            }
            if !sub.is_empty() {
                *name = if group.is_empty() {
                    sub
                } else {
                    format!("{group} / {sub}")
                };
            }
        }
        used += 1;
    }
    (names, used)
}

/// A header cell that is a value, not a name: a number or a date.
fn looks_like_value(c: &Raw) -> bool {
    match c {
        Raw::Number(_) | Raw::Date(_) => true,
        Raw::Text(t) => read_date(t).is_some() || read_number(t) != (None, None),
        Raw::Empty => false,
    }
}

/// The notation the table's number columns that can only be read one way agree on.
fn file_notation(surveys: &[Survey]) -> Option<Notation> {
    let mut found = None;
    for s in surveys.iter().filter(|s| is_numeric(s)) {
        let n = match (s.vi, s.plain) {
            (true, false) => Notation::Vietnamese,
            (false, true) => Notation::Plain,
            _ => continue,
        };
        if found.is_some_and(|f| f != n) {
            return None;
        }
        found = Some(n);
    }
    found
}

fn is_numeric(s: &Survey) -> bool {
    s.numbers > 0 && s.numbers > s.texts + s.dates
}

/// The column's type; reports the cells that do not fit it.
fn column(
    table: &mut Table,
    i: usize,
    name: &str,
    cells: &[(usize, &Raw)],
    s: &Survey,
    file_notation: Option<Notation>,
) -> Column {
    let kind = if s.numbers + s.dates + s.texts == 0 {
        Kind::Empty
    } else if is_numeric(s) {
        Kind::Number
    } else if s.dates > 0 && s.numbers + s.texts == 0 {
        Kind::Date
    } else {
        Kind::Text
    };
    let mut notation = None;
    if kind == Kind::Number {
        notation = match (s.vi, s.plain, &s.differs) {
            (true, true, None) => Some(Notation::Either),
            (true, true, Some(_)) => file_notation.filter(|n| *n != Notation::Either),
            (true, false, _) => Some(Notation::Vietnamese),
            (false, true, _) => Some(Notation::Plain),
            (false, false, _) => None,
        };
        if notation.is_none() {
            report_notation(table, i, name, cells, s);
        } else {
            report_words(table, i, name, cells);
        }
    }
    Column {
        name: name.to_string(),
        kind: if kind == Kind::Number && notation.is_none() {
            Kind::Text
        } else {
            kind
        },
        notation,
    }
}

/// Text (or a date) in a column of numbers: an error at each such cell.
fn report_words(table: &mut Table, i: usize, name: &str, cells: &[(usize, &Raw)]) {
    for (row, cell) in cells {
        let word = match cell {
            Raw::Text(t) if !is_dash(t) && read_number(t) == (None, None) => t,
            Raw::Date(t) => t,
            _ => continue,
        };
        let d = table.error_at(
            *row,
            i + 1,
            msg!(
                "\"{}\" is not a number, in the column of numbers \"{}\"",
                word,
                name
            ),
            Some(msg!(
                "write the figure, or leave the cell empty if there is none"
            )),
        );
        table.problems.push(d);
    }
}

/// A number column whose notation cannot be decided.
fn report_notation(table: &mut Table, i: usize, name: &str, cells: &[(usize, &Raw)], s: &Survey) {
    if let Some((row, text)) = &s.differs
        && s.vi
        && s.plain
    {
        let (vi, plain) = read_number(text);
        let d = table.error_at(
            *row,
            i + 1,
            msg!(
                "the column \"{}\" can be read two ways: \"{}\" is {} with dots between thousands, or {} with a decimal point",
                name,
                text,
                crate::vi::number_trimmed(vi.unwrap_or_default(), 6),
                crate::vi::number_trimmed(plain.unwrap_or_default(), 6)
            ),
            Some(msg!("write the numbers of the whole column without dots between thousands (1260), or with a decimal comma (1,26)")),
        );
        table.problems.push(d);
        return;
    }
    // Both notations in one column: the first cell that only the other notation reads.
    let first_vi = cells.iter().find_map(|(r, c)| match c {
        Raw::Text(t) if matches!(read_number(t), (Some(_), None)) => Some((*r, t.clone())),
        _ => None,
    });
    let first_plain = cells.iter().find_map(|(r, c)| match c {
        Raw::Text(t) if matches!(read_number(t), (None, Some(_))) => Some((*r, t.clone())),
        _ => None,
    });
    if let (Some((_, a)), Some((row, b))) = (first_vi, first_plain) {
        let d = table.error_at(
            row,
            i + 1,
            msg!(
                "the column \"{}\" mixes two ways of writing numbers: \"{}\" and \"{}\"",
                name,
                a,
                b
            ),
            Some(msg!(
                "write every number of the column the same way, e.g. 1234,5 or 1234.5"
            )),
        );
        table.problems.push(d);
    }
}

/// The rows under the header, each cell read as its column's type; empty rows left out.
fn fill_rows(table: &mut Table, body: &[(usize, Vec<Raw>)], kept: &[Kept<'_>]) {
    for (number, raws) in body {
        let cells: Vec<Cell> = kept
            .iter()
            .zip(&table.columns)
            .map(|((i, _, _), col)| cell(raws.get(*i).unwrap_or(&Raw::Empty), col))
            .collect();
        if cells.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        table.rows.push(Row {
            number: *number,
            cells,
        });
    }
}

fn cell(raw: &Raw, col: &Column) -> Cell {
    match (raw, col.kind) {
        (Raw::Empty, _) => Cell::Empty,
        (Raw::Text(t), _) if is_dash(t) && col.kind != Kind::Text => Cell::Empty,
        (Raw::Number(n), Kind::Number) => Cell::Number(*n),
        (Raw::Number(n), _) => Cell::Text(crate::vi::number_trimmed(*n, 6)),
        (Raw::Date(d), Kind::Date) => Cell::Date(d.clone()),
        (Raw::Date(d), _) => Cell::Text(d.clone()),
        (Raw::Text(t), Kind::Date) => {
            read_date(t).map_or_else(|| Cell::Text(t.clone()), Cell::Date)
        }
        (Raw::Text(t), Kind::Number) => {
            let (vi, plain) = read_number(t);
            let value = match col.notation {
                Some(Notation::Vietnamese) => vi,
                Some(Notation::Plain) => plain,
                _ => vi.or(plain),
            };
            value.map_or_else(|| Cell::Text(t.clone()), Cell::Number)
        }
        (Raw::Text(t), _) => Cell::Text(t.clone()),
    }
}
