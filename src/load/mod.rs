//! Loading: the only code that reads `content/`.
//!
//! Walks the content folder (sorted, so output is deterministic), reads and parses every file
//! in parallel, collects *all* problems, then assembles the [`Site`]: sections, pages with
//! their URLs, assets, data files and taxonomies. Drafts and future-dated pages are left out
//! here unless asked for, so later stages never see them.

mod assemble;
pub mod data;
pub mod front_matter;
mod walk;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::date::LocalDateTime;
use crate::diagnostic::{BuildError, Diagnostic};
use crate::msg;
use crate::site::{Page, Site};
use crate::text;
use assemble::{assemble, page_path};
use front_matter::{PageFront, SectionFront};
pub(crate) use walk::{outside_link, walk_error};
use walk::{same_names, walk};

/// What to include in a build.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include `draft: true` pages.
    pub drafts: bool,
    /// Include pages dated in the future.
    pub future: bool,
    /// A text read instead of one file's (see [`Overlay`]).
    pub overlay: Option<std::sync::Arc<Overlay>>,
}

/// A text that stands for one content file in a build, without writing it: the editing
/// room's preview and checks of a post's unsaved, autosaved or pending version, built from
/// the site itself (no copy of its folders and photos).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    /// The file, by its path from the site's root with `/` (`content/tin-tuc/a/index.md`).
    pub rel: String,
    /// What the build reads instead of the file's bytes.
    pub text: String,
}

impl Overlay {
    /// `text` for the file `rel`, its name in the composed Unicode form (NFC) the build uses
    /// for every path: a file named on a Mac (decomposed letters) is still the one replaced.
    pub fn new(rel: &str, text: String) -> Overlay {
        Overlay {
            rel: crate::text::nfc(rel),
            text,
        }
    }
}

/// A loaded site with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The site.
    pub site: Site,
    /// Problems that do not stop the build (non-NFC files, links to drafts…).
    pub warnings: Vec<Diagnostic>,
    /// Pages left out because they are scheduled for later: (source, date).
    pub scheduled: Vec<(String, LocalDateTime)>,
}

#[derive(Debug)]
enum Kind {
    Section,
    Page { bundle: bool },
    Data,
    Asset,
}

#[derive(Debug)]
struct Entry {
    abs: PathBuf,
    /// Relative to the site root, `/`-separated: `content/tin-tuc/a.md`.
    rel: String,
    kind: Kind,
}

enum Parsed {
    Page(PageFront, String, usize),
    Section(SectionFront, String, usize),
    /// The free-form value, and what the campaign's models read (typed YAML text, tables).
    Data(serde_json::Value, Option<data::Typed>),
    Asset,
}

/// Reads everything under `content/` into a [`Site`].
pub fn load_site(config: Config, opts: LoadOptions) -> Result<Loaded, BuildError> {
    let content = config.content_dir();
    if !content.is_dir() {
        return Err(BuildError::usage(msg!(
            "no content/ folder in {}: create it and put your Markdown files there",
            config.root.display()
        )));
    }
    // Files are parsed while the walk goes on (the walk reads and sorts each folder, then
    // hands out its files one by one); results are put back in name order afterwards.
    type Walked = (
        usize,
        Result<(Entry, Result<Parsed, Vec<Diagnostic>>, Vec<Diagnostic>), Diagnostic>,
    );
    let mut walked: Vec<Walked> = walk(&content)
        .enumerate()
        .par_bridge()
        .map(|(i, item)| {
            let parsed = item.map(|e| match parse_entry(&e, opts.overlay.as_deref()) {
                Ok((p, file_warnings)) => (e, Ok(p), file_warnings),
                Err(d) => (e, Err(d), Vec::new()),
            });
            (i, parsed)
        })
        .collect();
    walked.sort_unstable_by_key(|w| w.0);
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut warnings = config.warnings.clone();
    let mut parsed = Vec::with_capacity(walked.len());
    let mut parse_errors = Vec::new();
    for (_, item) in walked {
        match item {
            Err(d) => errors.push(d),
            Ok((entry, result, file_warnings)) => {
                warnings.extend(file_warnings);
                match result {
                    Ok(p) => parsed.push((entry, p)),
                    Err(ds) => parse_errors.extend(ds),
                }
            }
        }
    }
    errors.extend(same_names(&parsed, &content));
    // Folder errors first, then file errors, each in name order.
    errors.extend(parse_errors);
    if !errors.is_empty() {
        return Err(BuildError::from_diagnostics(errors));
    }
    let (mut loaded, typed) = assemble(config, parsed, opts, &mut warnings);
    data::add_sheets(&mut loaded.site.data, &typed);
    loaded.site.campaign = data::load_campaign(&typed).map_err(BuildError::from_diagnostics)?;
    let sample = data::sample_files(&loaded.site.data);
    loaded.site.sample_data = sample;
    loaded.warnings = warnings;
    Ok(loaded)
}

/// A file parsed, with its warnings; the overlay's text instead of the file's when it names
/// this file.
fn parse_entry(
    e: &Entry,
    overlay: Option<&Overlay>,
) -> Result<(Parsed, Vec<Diagnostic>), Vec<Diagnostic>> {
    if matches!(e.kind, Kind::Asset) {
        return Ok((Parsed::Asset, Vec::new()));
    }
    let bytes = match overlay.filter(|o| e.rel == o.rel) {
        Some(o) => o.text.clone().into_bytes(),
        None => std::fs::read(&e.abs).map_err(|err| {
            vec![Diagnostic::error(
                &e.rel,
                "content",
                msg!("cannot be read: {}", err),
            )]
        })?,
    };
    if matches!(e.kind, Kind::Data) && crate::tables::is_table(&e.rel) {
        let (value, tables) = data::parse_table(&bytes, &e.rel)?;
        return Ok((Parsed::Data(value, Some(tables)), Vec::new()));
    }
    let source = text::decode(&bytes, &e.rel).map_err(|d| vec![d])?;
    let mut warnings = Vec::new();
    if source.was_not_nfc {
        warnings.push(text::not_nfc_warning(&e.rel));
    }
    let parsed = match e.kind {
        Kind::Data => {
            let mut value = data::parse(&source.text, &e.rel).map_err(|d| vec![d])?;
            data::refuse_unsafe_links(&mut value, &source.text, &e.rel, &mut warnings);
            let typed = data::is_typed(&e.rel).then_some(data::Typed::Yaml(source.text));
            Parsed::Data(value, typed)
        }
        Kind::Section => {
            let split = front_matter::split(&source.text, &e.rel).map_err(|d| vec![d])?;
            let front = front_matter::parse_section(split.yaml, &e.rel)?;
            Parsed::Section(front, split.body.to_string(), split.body_line)
        }
        Kind::Page { .. } => {
            let split = front_matter::split(&source.text, &e.rel).map_err(|d| vec![d])?;
            let front = front_matter::parse_page(split.yaml, &e.rel)?;
            // The body is the text's tail: keep the text's buffer rather than copying it.
            let (head, body_line) = (source.text.len() - split.body.len(), split.body_line);
            let mut body = source.text;
            body.drain(..head);
            Parsed::Page(front, body, body_line)
        }
        Kind::Asset => Parsed::Asset,
    };
    Ok((parsed, warnings))
}

/// Re-reads one published page after an edit, for a quick update. `Ok(None)` when the edit
/// needs a full reload instead: the file is new or gone, or its URL, aliases, terms, draft or
/// scheduling changed (those change which files exist).
pub fn reload_page(
    site: &Site,
    opts: LoadOptions,
    rel: &str,
) -> Result<Option<(usize, Page)>, Vec<Diagnostic>> {
    let Some(id) = site.pages.iter().position(|p| p.source == rel) else {
        return Ok(None);
    };
    let abs = site.config.root.join(rel);
    if !abs.is_file() {
        return Ok(None);
    }
    let entry = Entry {
        abs,
        rel: rel.to_string(),
        kind: Kind::Page {
            bundle: rel.ends_with("/index.md"),
        },
    };
    let Parsed::Page(front, markdown, body_line) = parse_entry(&entry, opts.overlay.as_deref())?.0
    else {
        return Ok(None);
    };
    let old = &site.pages[id];
    let (_, path) = page_path(rel, &front);
    let hidden = (front.draft && !opts.drafts)
        || (front.date.is_some_and(|d| d > crate::date::now()) && !opts.future);
    if path != old.path
        || hidden
        || front.aliases != old.front.aliases
        || front.taxonomies != old.front.taxonomies
    {
        return Ok(None);
    }
    Ok(Some((
        id,
        Page {
            source: old.source.clone(),
            path,
            front,
            markdown,
            body_line,
            section: old.section,
        },
    )))
}
