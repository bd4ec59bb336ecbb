//! The campaign's own data: results against targets and honourees, as typed, validated
//! models computed at build time. Pure: parsing takes text and returns values or diagnostics;
//! `load/` reads the files and decides which model a data file is.

pub mod honourees;
pub mod results;

/// The campaign data a site has, if its data files are present.
#[derive(Debug, Clone, Default)]
pub struct Campaign {
    /// `content/_data/results.yaml`.
    pub results: Option<results::Results>,
    /// `content/_data/honourees.yaml`.
    pub honourees: Option<honourees::Honourees>,
}
