//! Tables as data: CSV and spreadsheet files, imports (load/tables/, data import).

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[];
