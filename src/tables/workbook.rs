//! Workbooks (`.xlsx`, `.xls`, `.ods`) through calamine: every sheet's cells, with number and
//! date cells kept as such (a number cell is never ambiguous, a date cell is a date whatever
//! its display format).
//!
//! `.xlsx` sheets are streamed cell by cell, so a sheet with one value far away (XFD1048576)
//! costs one cell, not the rectangle up to it; `.xls` (at most 65,536 × 256) and `.ods`
//! sheets are read whole.

use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, Reader};

use super::csv_text::too_many_cells;
use super::{Grid, MAX_CELLS, MAX_COLUMNS, Place, Raw, TOPIC, sheet_key};
use crate::diagnostic::Diagnostic;
use crate::messages::Text;
use crate::msg;

/// A sheet's cells with their (row, column), 0-based.
type Cells = Vec<((u32, u32), Raw)>;

/// Every sheet of the workbook: the first under `stem`, then each under `stem.sheet`.
pub(super) fn read(bytes: &[u8], file: &str, stem: &str) -> Result<Vec<Grid>, Vec<Diagnostic>> {
    let unreadable = |e: &dyn std::fmt::Display| {
        vec![
            Diagnostic::error(
                file,
                TOPIC,
                msg!(
                    "cannot be read as a spreadsheet: {}",
                    Text::foreign(e.to_string())
                ),
            )
            .with_hint(msg!("open it in Excel and save it again as .xlsx")),
        ]
    };
    let is_xlsx = file.to_ascii_lowercase().ends_with(".xlsx");
    let mut cells = 0usize;
    let mut sheets: Vec<(String, Cells)> = Vec::new();
    if is_xlsx {
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
        for name in book.sheet_names() {
            let mut reader = book
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(&e))?;
            let mut found = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                cells += 1;
                if cells > MAX_CELLS {
                    return Err(vec![too_many_cells(file)]);
                }
                found.push((cell.get_position(), raw_ref(cell.get_value())));
            }
            sheets.push((name, found));
        }
    } else {
        let mut book =
            calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
            cells += range.get_size().0 * range.get_size().1;
            if cells > MAX_CELLS {
                return Err(vec![too_many_cells(file)]);
            }
            let found = range
                .used_cells()
                .map(|(r, c, v)| ((r as u32, c as u32), raw(v)))
                .map(|((r, c), v)| {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    ((r + r0, c + c0), v)
                })
                .collect();
            sheets.push((name, found));
        }
    }
    let mut grids = Vec::with_capacity(sheets.len() + 1);
    for (i, (name, found)) in sheets.into_iter().enumerate() {
        let rows = rows(file, &name, found)?;
        if i == 0 {
            grids.push(grid(file, stem.to_string(), &name, rows.clone()));
        }
        grids.push(grid(
            file,
            format!("{stem}.{}", sheet_key(&name)),
            &name,
            rows,
        ));
    }
    Ok(grids)
}

fn grid(file: &str, key: String, sheet: &str, rows: Vec<(usize, Vec<Raw>)>) -> Grid {
    Grid {
        file: file.to_string(),
        key,
        place: Place::Sheet(sheet.to_string()),
        rows,
    }
}

/// The sheet's cells as rows (row number, cells from column A), empty rows left out.
fn rows(
    file: &str,
    sheet: &str,
    mut found: Cells,
) -> Result<Vec<(usize, Vec<Raw>)>, Vec<Diagnostic>> {
    found.retain(|(_, v)| *v != Raw::Empty);
    found.sort_by_key(|(pos, _)| *pos);
    let width = found
        .iter()
        .map(|((_, c), _)| *c as usize + 1)
        .max()
        .unwrap_or(0);
    if width > MAX_COLUMNS {
        return Err(vec![Diagnostic::error(
            file,
            TOPIC,
            msg!(
                "the sheet \"{}\" has a value in column {}; thidua reads up to {} columns",
                sheet,
                super::letters(width),
                MAX_COLUMNS
            ),
        )]);
    }
    let mut rows: Vec<(usize, Vec<Raw>)> = Vec::new();
    for ((r, c), v) in found {
        let number = r as usize + 1;
        if rows.last().is_none_or(|(n, _)| *n != number) {
            rows.push((number, vec![Raw::Empty; width]));
        }
        if let Some((_, cells)) = rows.last_mut() {
            cells[c as usize] = v;
        }
    }
    Ok(rows)
}

fn date(d: &ExcelDateTime) -> Raw {
    if !d.is_datetime() {
        return Raw::Number(d.as_f64());
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    Raw::Date(format!("{y:04}-{m:02}-{day:02}"))
}

fn text(s: &str) -> Raw {
    let s = s.trim();
    if s.is_empty() {
        Raw::Empty
    } else {
        Raw::Text(crate::text::nfc(s))
    }
}

fn raw_ref(v: &DataRef<'_>) -> Raw {
    match v {
        DataRef::Int(i) => Raw::Number(*i as f64),
        DataRef::Float(f) => Raw::Number(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => text(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => date(d),
        DataRef::Error(e) => text(&format!("#{e}")),
        DataRef::Empty => Raw::Empty,
    }
}

fn raw(v: &Data) -> Raw {
    match v {
        Data::Int(i) => Raw::Number(*i as f64),
        Data::Float(f) => Raw::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text(s),
        Data::Bool(b) => text(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(d) => date(d),
        Data::Error(e) => text(&format!("#{e}")),
        Data::Empty => Raw::Empty,
    }
}
