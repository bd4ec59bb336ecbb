//! CSV files: the encodings Excel writes on Vietnamese Windows, the delimiter, the records.
//!
//! Excel's "CSV UTF-8" has a BOM; its plain "CSV" is Windows-1258 (Vietnamese code page, whose
//! tone marks are combining characters, so the text is NFC-normalised after decoding); its
//! "Unicode Text" is UTF-16 LE with a BOM and tabs. Text that is valid UTF-8 is UTF-8 (a
//! Windows-1258 file of Vietnamese words is almost never valid UTF-8); anything else is read
//! as Windows-1258. The delimiter (`,`, `;` as Excel writes where the decimal mark is a comma,
//! or tab) is the one the header line uses most.

use unicode_normalization::UnicodeNormalization;

use super::{Grid, MAX_CELLS, Place, Raw, TOPIC};
use crate::diagnostic::{Diagnostic, Location};
use crate::msg;

/// How a CSV file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
    Windows1258,
}

/// The text of a CSV file, and the encoding it was in.
pub(crate) fn decode(bytes: &[u8], file: &str) -> Result<(String, Encoding), Diagnostic> {
    let (text, encoding) = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, errors) = encoding_rs::UTF_16LE.decode(bytes);
        if errors {
            return Err(Diagnostic::error(
                file,
                TOPIC,
                msg!("the file says it is UTF-16 but holds bytes that are not"),
            )
            .with_hint(msg!("save it again from Excel as \"CSV UTF-8\"")));
        }
        (text.into_owned(), Encoding::Utf16)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        (text.to_string(), Encoding::Utf8)
    } else if looks_like_utf16(bytes) {
        return Err(Diagnostic::error(
            file,
            TOPIC,
            msg!("the file looks like UTF-16 without its byte order mark"),
        )
        .with_hint(msg!("save it again from Excel as \"CSV UTF-8\"")));
    } else {
        let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
        (text.into_owned(), Encoding::Windows1258)
    };
    let text: String = if unicode_normalization::is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    };
    Ok((text, encoding))
}

/// Many zero bytes: UTF-16 text of Latin letters.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let zeros = bytes.iter().take(4096).filter(|&&b| b == 0).count();
    zeros * 4 > bytes.len().min(4096)
}

/// The delimiter the header line uses most: `,`, `;` or tab (`,` when none).
pub(crate) fn delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|c| c.0 == b) {
            c.1 += 1;
        }
    }
    // The first of the most used wins a tie: `,` before `;` before tab.
    let best = counts.iter().rev().max_by_key(|c| c.1).copied();
    best.filter(|c| c.1 > 0).map_or(b',', |c| c.0)
}

/// Reads a CSV file into its rows.
pub(super) fn read(bytes: &[u8], file: &str, stem: &str) -> Result<Grid, Vec<Diagnostic>> {
    let (text, _) = decode(bytes, file).map_err(|d| vec![d])?;
    // The csv crate counts a record's line one short after Windows line ends (`\r\n`, as
    // Excel writes them): read them as `\n`, so problems are located at the right line.
    let text = text.replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| vec![csv_error(file, &e)])?;
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        cells += record.len();
        if cells > MAX_CELLS {
            return Err(vec![too_many_cells(file)]);
        }
        let row = record
            .iter()
            .map(|c| {
                let c = c.trim();
                if c.is_empty() {
                    Raw::Empty
                } else {
                    Raw::Text(c.to_string())
                }
            })
            .collect();
        rows.push((line, row));
    }
    Ok(Grid {
        file: file.to_string(),
        key: stem.to_string(),
        place: Place::Csv,
        rows,
    })
}

/// The error for a file with more than [`MAX_CELLS`] cells.
pub(super) fn too_many_cells(file: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        TOPIC,
        msg!("the table has more than {} cells", MAX_CELLS),
    )
    .with_hint(msg!(
        "export only the rows and columns the site needs, or split the file by year"
    ))
}

fn csv_error(file: &str, e: &csv::Error) -> Diagnostic {
    let at = e.position().map(|p| Location::new(p.line() as usize, 1));
    Diagnostic::error(
        file,
        TOPIC,
        msg!(
            "cannot be read as CSV: {}",
            crate::messages::Text::foreign(e.to_string())
        ),
    )
    .at_opt(at)
}
