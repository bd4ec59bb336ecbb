//! The catalogue: every sentence thidua prints, in English and in Vietnamese, in one table per
//! area. A sentence is used through [`crate::msg!`], which finds its entry while compiling: a
//! sentence missing from here, or given the wrong number of parts, does not compile.

pub mod cli;
pub mod content;
pub mod convert;
pub mod data;
pub mod editor;
pub mod help;
pub mod images;
pub mod links;
pub mod os;
pub mod platform;
pub mod render;
pub mod tables;

/// The tables a [`super::Key`] points into; `os` is not among them (its patterns match the
/// operating system's words, see [`super::Text::foreign`]).
pub const TABLES: [&[(&str, &str)]; 11] = [
    cli::ENTRIES,
    content::ENTRIES,
    data::ENTRIES,
    links::ENTRIES,
    render::ENTRIES,
    help::ENTRIES,
    images::ENTRIES,
    tables::ENTRIES,
    editor::ENTRIES,
    platform::ENTRIES,
    convert::ENTRIES,
];
