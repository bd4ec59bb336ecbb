//! Rendering pages: templates, Markdown, the campaign's views and charts, feeds.

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[];
