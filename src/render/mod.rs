//! Rendering: turns a loaded [`Site`] into output files, in parallel, streamed to a sink.
//!
//! Every templated output (a page, one list page of a section, a term page…) is a job
//! (`jobs.rs` plans them); jobs run on rayon's pool and write as soon as they are rendered
//! (`pages.rs`), so memory does not grow with the size of the output. Feeds, the sitemap and
//! static files are written beside them (`files.rs`). Errors are collected from all jobs and
//! returned together.

mod campaign;
mod charts;
mod files;
mod jobs;
pub mod markdown;
mod pages;
pub mod templates;
mod value;
pub(crate) mod view;
mod xml;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::messages::Text;
use crate::site::{LinkTarget, Page, Site};
use crate::write::Sink;
use files::{copy_static, fingerprints, static_bytes, write_generated};
use jobs::{affected_jobs, plan_jobs};
use markdown::{MarkdownInput, Resolved};
use pages::render_jobs;
use templates::{Templates, ThemeSource};
use value::TemplateValue as Value;

/// Counts of what was rendered.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RenderCounts {
    /// HTML pages written (pages, list pages, taxonomy pages, 404).
    pub pages: usize,
}

/// Renders every output of `site` into `sink`.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    prepared: &Prepared,
    theme: &ThemeSource,
    sink: &Sink,
    progress: Option<&crate::progress::Progress>,
) -> Result<(RenderCounts, Vec<Diagnostic>), Vec<Diagnostic>> {
    let jobs = plan_jobs(site, templates);
    if let Some(p) = progress {
        p.start(jobs.len());
    }
    // Feeds, the sitemap and the search index are made while the pages render: on their own
    // they would be a single-threaded tail of the build.
    let ((counts, warnings, mut errors), generated) = rayon::join(
        || render_jobs(site, templates, prepared, &jobs, sink, progress),
        || write_generated(site, sink, true),
    );
    errors.extend(generated);
    errors.extend(copy_static(site, theme, prepared, sink));
    if errors.is_empty() {
        Ok((counts, warnings))
    } else {
        Err(collapse_repeats(errors))
    }
}

/// What an edit changed, for [`render_changed`].
#[derive(Debug, Clone, Default)]
pub struct Changed {
    /// The edited pages.
    pub pages: Vec<usize>,
    /// Sections whose page order changed (all their list pages are redrawn).
    pub reordered: Vec<usize>,
    /// Other pages to redraw: the edited pages' neighbours before the edit.
    pub neighbours: Vec<usize>,
}

/// Renders only what an edit of `changed.pages` can affect: those pages and their neighbours,
/// the list pages that show them, their term pages, the home page, feeds and the sitemap.
/// (Edits that add or remove files, URLs or terms take the full path instead.)
pub fn render_changed(
    site: &Site,
    templates: &Templates,
    prepared: &Prepared,
    changed: &Changed,
    sink: &Sink,
) -> Result<(RenderCounts, Vec<Diagnostic>), Vec<Diagnostic>> {
    let jobs = affected_jobs(site, changed);
    let (counts, warnings, mut errors) = render_jobs(site, templates, prepared, &jobs, sink, None);
    errors.extend(write_generated(site, sink, false));
    errors.extend(files::flush_images(prepared, sink));
    if errors.is_empty() {
        Ok((counts, warnings))
    } else {
        Err(collapse_repeats(errors))
    }
}

/// One template mistake breaks every page that uses the template: report it once, saying
/// how many pages it broke, instead of once per page.
fn collapse_repeats(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for d in errors {
        let same = out.iter_mut().find(|(o, _)| {
            o.file == d.file
                && o.location == d.location
                && o.message == d.message
                && d.hint.as_ref().is_none_or(|h| o.file != h.to_string())
        });
        match same {
            Some((_, n)) if d.topic == "template" => *n += 1,
            _ => out.push((d, 0)),
        }
    }
    out.into_iter()
        .map(|(d, n)| match (&d.hint, n) {
            (Some(h), n) if n > 0 => {
                let hint = if n == 1 {
                    crate::msg!("{} and {} other page", h, n)
                } else {
                    crate::msg!("{} and {} other pages", h, n)
                };
                d.with_hint(hint)
            }
            _ => d,
        })
        .collect()
}

fn resolve_link(site: &Site, path: &str) -> Resolved {
    let (file, frag) = path
        .split_once('#')
        .map_or((path, None), |(f, a)| (f, Some(a)));
    let with_frag = |p: &str| match frag {
        Some(a) => format!("{}#{a}", site.config.base.href(p)),
        None => site.config.base.href(p),
    };
    match site.resolve(file) {
        Some(LinkTarget::Published(p)) => Resolved::Url(with_frag(p)),
        Some(LinkTarget::Unpublished(held)) => {
            Resolved::Warn("#".into(), held_message(file, *held))
        }
        None => Resolved::Missing(crate::msg!("page \"{}\" does not exist", file)),
    }
}

/// Why a link to a page left out of this build leads nowhere for now.
pub(crate) fn held_message(file: &str, held: crate::site::Held) -> Text {
    match held {
        crate::site::Held::Draft => crate::msg!(
            "page \"{}\" is a draft, so this link leads nowhere (\"#\") until it is published",
            file
        ),
        crate::site::Held::Scheduled(date) => crate::msg!(
            "page \"{}\" is scheduled for {}, so this link leads nowhere (\"#\") until then",
            file,
            date.rfc3339()
        ),
    }
}

/// What rendering needs that is computed once per build: each page's summary value, shared
/// by every list, feed-like block and `get_section` call it appears in.
#[derive(Debug)]
pub struct Prepared {
    summaries: Arc<Vec<Value>>,
    /// Each page's place in its section's order (for its newer/older links).
    positions: Arc<Vec<Option<usize>>>,
    /// Fingerprinted names of CSS and JS files (empty for previews or `fingerprint: false`).
    assets: Arc<BTreeMap<String, String>>,
    /// The share images (`og:image`) templates ask for, made after the pages.
    pub(crate) share: Arc<crate::share::Cards>,
    /// The photos pages show (made once, shared by every page and `serve`'s updates).
    pub(crate) images: Arc<crate::images::Pipeline>,
}

impl Prepared {
    /// Photos (processed in this build, taken from the cache).
    pub fn image_counts(&self) -> (usize, usize) {
        self.images.counts()
    }
}

impl Prepared {
    /// The same preparation for `site`, in which the pages `pages` were edited: their
    /// summaries and every page's position are computed again.
    pub fn updated(&self, site: &Site, pages: &[usize]) -> Prepared {
        let refs = view::term_refs(site);
        let mut summaries = Vec::clone(&self.summaries);
        for &id in pages {
            summaries[id] = summary_value(site, id, &refs);
        }
        Prepared {
            summaries: Arc::new(summaries),
            positions: Arc::new(positions(site)),
            assets: Arc::clone(&self.assets),
            share: Arc::clone(&self.share),
            images: Arc::clone(&self.images),
        }
    }
}

/// Each page's index in its section's list of pages.
fn positions(site: &Site) -> Vec<Option<usize>> {
    let mut at = vec![None; site.pages.len()];
    for s in &site.sections {
        for (i, &p) in s.pages.iter().enumerate() {
            if let Some(slot) = at.get_mut(p) {
                *slot = Some(i);
            }
        }
    }
    at
}

/// A page's body as the Markdown renderer takes it.
fn page_input<'a>(site: &'a Site, page: &'a Page) -> MarkdownInput<'a> {
    MarkdownInput {
        markdown: &page.markdown,
        file: &page.source,
        body_line: page.body_line,
        sub_path: site.config.base.path(),
    }
}

fn summary_value(site: &Site, id: usize, refs: &view::TermRefs) -> Value {
    let p = &site.pages[id];
    let resolver = |path: &str| resolve_link(site, path);
    let s = markdown::summary(page_input(site, p), &resolver);
    view::page_summary(site, p, s.as_deref(), refs)
}

/// Computes each page's summary once (before templates load, so `get_section` can serve them).
pub fn prepare(site: &Site, theme: &ThemeSource, preview: bool) -> Prepared {
    let refs = view::term_refs(site);
    let summaries: Vec<Value> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| summary_value(site, i, &refs))
        .collect();
    let assets = if site.config.fingerprint && !preview {
        fingerprints(site, theme)
    } else {
        BTreeMap::new()
    };
    let emblem = static_bytes(site, theme, "emblem.svg");
    Prepared {
        summaries: Arc::new(summaries),
        positions: Arc::new(positions(site)),
        assets: Arc::new(assets),
        share: Arc::new(crate::share::Cards::new(site, emblem)),
        images: Arc::new(files::image_pipeline(site)),
    }
}

/// What every template sees, serialised once per build: `site`, `data`, and the computed
/// campaign data `results` and `honourees`. `string` gives the theme's words for the charts.
pub(crate) fn globals(
    site: &Site,
    string: campaign::Strings<'_>,
) -> Vec<(&'static str, value::TemplateValue)> {
    let mut out = vec![
        ("site", view::site_value(site)),
        ("data", view::data_value(site)),
    ];
    if let Some(r) = &site.campaign.results {
        let v = campaign::results_value(site, r, string);
        out.push(("results", value::value_of(&v)));
    }
    if let Some(h) = &site.campaign.honourees {
        let v = campaign::honourees_value(site, h);
        out.push(("honourees", value::value_of(&v)));
    }
    out
}
