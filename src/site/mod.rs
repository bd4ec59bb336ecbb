//! The loaded site: pages and sections in one arena, linked by index, immutable after load.
//!
//! Everything the render stage needs and nothing it computes: URLs are decided here, sections
//! know their pages in display order, taxonomies know their terms, aliases know their paths.
//! Built by `load/`; the validated front-matter types live here (`front.rs`) because every
//! page and section holds one.

mod front;
pub(crate) mod index;

pub use front::{PageFront, SectionFront, SortBy};

use std::collections::HashMap;
use std::path::PathBuf;

use indexmap::IndexMap;

use crate::config::Config;

/// An index into [`Site::pages`].
pub type PageId = usize;
/// An index into [`Site::sections`].
pub type SectionId = usize;

/// A content page (`content/tin-tuc/bai-mot.md` or a bundle's `index.md`).
#[derive(Debug, Clone)]
pub struct Page {
    /// The source file, relative to the site root: `content/tin-tuc/bai-mot.md`.
    pub source: String,
    /// The site path, without the base URL's sub-path: `/tin-tuc/bai-mot/`.
    pub path: String,
    /// The validated front matter.
    pub front: PageFront,
    /// The Markdown body.
    pub markdown: String,
    /// The file line the body starts on.
    pub body_line: usize,
    /// The section it belongs to.
    pub section: SectionId,
}

/// A section (`content/tin-tuc/_index.md`, or the implicit root).
#[derive(Debug, Clone)]
pub struct Section {
    /// The source file (`content/_index.md` even when it does not exist, for the root).
    pub source: String,
    /// The site path: `/tin-tuc/`.
    pub path: String,
    /// The validated front matter.
    pub front: SectionFront,
    /// The Markdown body.
    pub markdown: String,
    /// The file line the body starts on.
    pub body_line: usize,
    /// The enclosing section (None for the root).
    pub parent: Option<SectionId>,
    /// Direct sub-sections, by weight then title.
    pub children: Vec<SectionId>,
    /// Its pages, in display order.
    pub pages: Vec<PageId>,
}

/// A file copied to the output as it is (images, PDFs…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Where it is read from.
    pub source: PathBuf,
    /// The output path, relative to the output root: `tin-tuc/bai-mot/anh.jpg`.
    pub output: String,
}

/// One term of a taxonomy ("Cải cách hành chính" in `tags`).
#[derive(Debug, Clone)]
pub struct Term {
    /// The term as written (first spelling seen, NFC).
    pub name: String,
    /// Its URL segment: `cai-cach-hanh-chinh`.
    pub slug: String,
    /// Its pages, newest first.
    pub pages: Vec<PageId>,
}

/// A taxonomy and its terms in Vietnamese alphabetical order.
#[derive(Debug, Clone)]
pub struct TaxonomyIndex {
    /// The taxonomy's name (`tags`).
    pub name: String,
    /// Its terms.
    pub terms: Vec<Term>,
}

/// Where an `@/…` link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A published page or section, at this site path.
    Published(String),
    /// A draft or scheduled page left out of this build.
    Unpublished(Held),
}

/// Why a page is left out of this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// `draft: true`.
    Draft,
    /// Dated later than now: published from this date.
    Scheduled(crate::date::LocalDateTime),
}

/// The whole loaded site.
#[derive(Debug, Clone)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// Published pages, sorted by source path.
    pub pages: Vec<Page>,
    /// Sections, sorted by source path; index 0 is the root.
    pub sections: Vec<Section>,
    /// `content/_data/*.yaml` by file stem.
    pub data: IndexMap<String, serde_json::Value>,
    /// Files copied as they are.
    pub assets: Vec<Asset>,
    /// Taxonomies in the order of `site.yaml`.
    pub taxonomies: Vec<TaxonomyIndex>,
    /// `tin-tuc/bai-mot.md` (relative to `content/`) → its target, for `@/` links.
    pub links: HashMap<String, LinkTarget>,
    /// Data files built from sample data (`sample: true`), by stem.
    pub sample_data: Vec<String>,
    /// The campaign's typed data (results, honourees), validated.
    pub campaign: crate::campaign::Campaign,
    /// Every page's `aliases:`, in page order: validated with the other URLs, rendered as
    /// redirects.
    pub aliases: Vec<Alias>,
}

/// An old address of a page (`aliases:` in its front matter) that redirects to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The alias's site path: `/cu/`, or `/cu.html` when written with `.html`.
    pub path: String,
    /// The site path of the page it redirects to.
    pub target: String,
    /// The page's source file.
    pub source: String,
}

impl Site {
    /// The root section.
    pub fn root(&self) -> &Section {
        &self.sections[0]
    }

    /// The site path an `@/` link target leads to.
    pub fn resolve(&self, content_path: &str) -> Option<&LinkTarget> {
        let key = content_path.trim_start_matches('/');
        self.links.get(key)
    }
}
