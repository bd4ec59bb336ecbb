//! The campaign's own data: results against targets and honourees, as typed, validated
//! models computed at build time. Pure: parsing takes text and returns values or diagnostics;
//! `load/` reads the files and decides which model a data file is.

pub mod honourees;
pub mod results;
pub(crate) mod yaml_lines;

/// The campaign data a site has, if its data files are present.
#[derive(Debug, Clone, Default)]
pub struct Campaign {
    /// `content/_data/results.yaml`.
    pub results: Option<results::Results>,
    /// `content/_data/honourees.yaml`.
    pub honourees: Option<honourees::Honourees>,
}

impl Campaign {
    /// Writes `#` for every address with a scheme browsers would run or open locally
    /// (`javascript:`…). The warnings are given once, where each data file is loaded, for
    /// every address in it (`load/data.rs`); this only keeps the typed models in step.
    pub(crate) fn refuse_unsafe_links(&mut self) {
        let refuse = |url: &mut Option<String>| {
            if url
                .as_deref()
                .is_some_and(|u| crate::paths::unsafe_scheme(u).is_some())
            {
                *url = Some("#".to_string());
            }
        };
        if let Some(r) = &mut self.results {
            for ind in &mut r.indicators {
                if let Some(source) = &mut ind.source {
                    refuse(&mut source.url);
                }
            }
        }
        if let Some(h) = &mut self.honourees {
            for d in &mut h.decisions {
                refuse(&mut d.file);
            }
            for x in &mut h.honourees {
                refuse(&mut x.anh);
            }
        }
    }
}
