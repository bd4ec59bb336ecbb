//! Share images: the picture Zalo, Facebook and X show when someone sends a link to a page
//! (`og:image`, 1200×630).
//!
//! A page with a cover (front matter `image`) is shared with the cover, cropped to 1200×630
//! around its focus (`extra.image_focus`, see `cover.rs`) and written as JPEG; every other
//! page, section and list gets a generated card (`card.rs`: the site's emblem, its name, the
//! page's title, the campaign's colours), drawn by resvg with the embedded Noto Sans
//! (`font.rs`) and written as PNG (`raster.rs`).
//!
//! Templates ask for an image with `share_image(title=…, image=…)` while pages render
//! ([`Cards::image`] answers at once with its address and records what to make); after the
//! pages, [`Cards::write`] makes what is missing, in parallel, and writes it to the output.
//!
//! Images are written under `share/`, named by a hash of what they show
//! (`share/3f9a…c1.png`): a changed title gets a new address, so Zalo and Facebook, which
//! keep an image for weeks under its address, fetch the new one; pages that show the same
//! card (a section's list pages) share one file; and the cache's name is the output's name.
//! The cache (`.thidua/cache/share/`) keeps one build's images: an unchanged rebuild, or a
//! fresh build into an empty output, draws nothing.
//!
//! Reads the site (titles, covers, the emblem's bytes given by the caller); writes only
//! through the [`Sink`] and into its cache. Knows nothing of templates.

mod card;
mod cover;
mod font;
mod glyphs;
mod indexed;
mod raster;
mod store;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::site::Site;
use crate::write::Sink;
use card::CardText;
use cover::Focus;
pub use font::missing_glyphs;

/// Bumped whenever cards or crops would come out different for the same input (layout,
/// colours, encoder settings): old cached images are then never reused.
const RENDERER_VERSION: &str = "card-2";
/// The folder of the output that holds the share images.
pub const SHARE_DIR: &str = "share";
/// Diagnostics' topic.
const TOPIC: &str = "image";

/// What a template passes to `share_image(…)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// The page's title (on the card; in the alt text).
    pub title: &'a str,
    /// The page's cover, as a site path (`/tin-tuc/bai/anh.jpg`), if it has one.
    pub image: Option<&'a str>,
    /// Where the crop of the cover is centred (`"50% 30%"`, `"top"`).
    pub focus: Option<&'a str>,
    /// What the cover shows, for `og:image:alt`.
    pub alt: Option<&'a str>,
    /// The page's source file, for messages about its cover.
    pub source: Option<&'a str>,
}

/// What a template gets back: everything an `og:image` needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ShareImage {
    /// The absolute URL.
    pub url: String,
    /// Width in pixels (1200).
    pub width: u32,
    /// Height in pixels (630).
    pub height: u32,
    /// `image/png` or `image/jpeg`.
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// What the image shows.
    pub alt: String,
}

/// One image to make.
#[derive(Debug, Clone)]
enum Job {
    Card(CardText),
    Cover {
        file: PathBuf,
        focus: Focus,
        /// The page's source, for messages.
        source: String,
    },
}

/// The share images of one build: asked for while pages render, made afterwards.
#[derive(Debug)]
pub struct Cards {
    base: crate::paths::BaseUrl,
    root: PathBuf,
    site_title: String,
    site_name: String,
    tagline: Option<String>,
    address: String,
    /// The emblem's SVG (the site's `static/emblem.svg`, else the theme's).
    emblem: Option<Vec<u8>>,
    /// A hash of the emblem, part of every card's name.
    emblem_hash: u64,
    /// Files the build copies from `content/`: output path → source (covers in bundles).
    assets: HashMap<String, PathBuf>,
    jobs: Mutex<BTreeMap<String, Job>>,
    /// The image each page (by source file) was last given, and the images asked for without
    /// a source (sections, lists): what [`Cards::forget_stale`] keeps.
    requesters: Mutex<HashMap<String, String>>,
    sourceless: Mutex<HashSet<String>>,
    problems: Mutex<Vec<Diagnostic>>,
    rendered: AtomicUsize,
    reused: AtomicUsize,
    /// What every card shares, drawn by the first card this build makes.
    background: OnceLock<Result<indexed::Background, String>>,
}

/// Whether [`Cards::write`] makes the images or only lists their names (`thidua check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Make (or take from the cache) and write every image; then the cache keeps only them.
    Files,
    /// Make and write every image, leaving the cache's others: a preview (`serve`, the editing
    /// room) draws cards with its own address, and must not clear the site's.
    Preview,
    /// Only tell the sink their names.
    Names,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Cards {
    /// The share images of `site`, with `emblem` (an SVG's bytes and the file they came from,
    /// for messages) drawn on the cards.
    pub fn new(site: &Site, emblem: Option<(Vec<u8>, String)>) -> Cards {
        let title: String = site
            .config
            .title
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        let (name, tagline) = match title.split_once(" – ") {
            Some((n, t)) => (n.to_string(), Some(t.to_string())),
            None => (title.clone(), None),
        };
        let address = site.config.base.permalink("/");
        let address = address
            .split_once("://")
            .map_or(address.as_str(), |(_, a)| a)
            .trim_end_matches('/')
            .to_string();
        let mut problems = Vec::new();
        let emblem = emblem.and_then(|(bytes, shown)| match raster::check_svg(&bytes) {
            Ok(()) => Some(bytes),
            Err(e) => {
                problems.push(Diagnostic::error(
                    shown,
                    TOPIC,
                    crate::msg!("the emblem cannot be drawn on the share cards: {}", e),
                ));
                None
            }
        });
        Cards {
            base: site.config.base.clone(),
            root: site.config.root.clone(),
            site_title: title,
            site_name: name,
            tagline,
            address,
            emblem_hash: emblem.as_deref().map_or(0, xxhash_rust::xxh3::xxh3_64),
            emblem,
            assets: site
                .assets
                .iter()
                .map(|a| (a.output.clone(), a.source.clone()))
                .collect(),
            jobs: Mutex::new(BTreeMap::new()),
            requesters: Mutex::new(HashMap::new()),
            sourceless: Mutex::new(HashSet::new()),
            problems: Mutex::new(problems),
            rendered: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            background: OnceLock::new(),
        }
    }

    /// The share image for a page with this title (and cover): its address and size, at once;
    /// the image itself is made by [`Cards::write`].
    pub fn image(&self, req: Request<'_>) -> ShareImage {
        let answer = req
            .image
            .filter(|i| !i.trim().is_empty() && !i.contains("://"))
            .and_then(|image| self.cover(image, req))
            .unwrap_or_else(|| self.card(req.title));
        let name = answer
            .url
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        match req.source.filter(|s| !s.is_empty()) {
            Some(source) => {
                lock(&self.requesters).insert(source.to_string(), name);
            }
            None => {
                lock(&self.sourceless).insert(name);
            }
        }
        answer
    }

    /// After a page was rendered again with another title or cover (`serve`'s quick update):
    /// forgets the images no page asks for any more, and returns their output paths
    /// (`share/…`), for the caller to remove from the output.
    pub fn forget_stale(&self) -> Vec<String> {
        let wanted: HashSet<String> = lock(&self.requesters)
            .values()
            .cloned()
            .chain(lock(&self.sourceless).iter().cloned())
            .collect();
        let mut jobs = lock(&self.jobs);
        let stale: Vec<String> = jobs
            .keys()
            .filter(|n| !wanted.contains(*n))
            .cloned()
            .collect();
        for n in &stale {
            jobs.remove(n);
        }
        stale.iter().map(|n| format!("{SHARE_DIR}/{n}")).collect()
    }

    /// A generated card showing `title`.
    fn card(&self, title: &str) -> ShareImage {
        // Control characters (a pasted tab, a stray U+0008) cannot be drawn nor written in SVG.
        let title: String = title.chars().filter(|c| !c.is_control()).collect();
        let title = title.as_str();
        // The home page's title is the site's: the card shows the name once, the tagline big.
        let text = if title == self.site_title {
            CardText {
                title: self.tagline.clone().unwrap_or_else(|| title.to_string()),
                site_name: if self.tagline.is_some() {
                    self.site_name.clone()
                } else {
                    String::new()
                },
                address: self.address.clone(),
            }
        } else {
            CardText {
                title: title.to_string(),
                site_name: self.site_name.clone(),
                address: self.address.clone(),
            }
        };
        let key = format!(
            "{RENDERER_VERSION}\0{}\0{}\0{}\0{:016x}",
            text.title, text.site_name, text.address, self.emblem_hash
        );
        let name = format!("{:016x}.png", xxhash_rust::xxh3::xxh3_64(key.as_bytes()));
        let alt = if title == self.site_title || self.site_name.is_empty() {
            title.to_string()
        } else {
            format!("{title} – {}", self.site_name)
        };
        lock(&self.jobs)
            .entry(name.clone())
            .or_insert(Job::Card(text));
        self.answer(&name, "image/png", alt)
    }

    /// The cropped cover, or `None` (after noting why) when it cannot be used.
    fn cover(&self, image: &str, req: Request<'_>) -> Option<ShareImage> {
        let source = req.source.unwrap_or_default().to_string();
        let Some(file) = cover::cover_file(&self.root, &self.assets, image) else {
            let at = cover::locate(&self.root, &source, "image");
            // A warning, not an error: the page is still shared, with a card.
            self.problem(
                Diagnostic::warning(
                    source.clone(),
                    TOPIC,
                    crate::msg!("the cover image \"{}\" does not exist", image),
                )
                .at_opt(at)
                .with_hint(crate::msg!(
                    "put the photo beside the page's index.md (a page bundle) or in static/, and check the spelling"
                )),
            );
            return None;
        };
        let focus = match req.focus.map(str::trim).filter(|f| !f.is_empty()) {
            None => Focus::CENTRE,
            Some(f) => Focus::parse(f).unwrap_or_else(|| {
                let at = cover::locate(&self.root, &source, "image_focus");
                self.problem(
                    Diagnostic::warning(
                        source.clone(),
                        TOPIC,
                        crate::msg!("image_focus: \"{}\" is not a focus", f),
                    )
                    .at_opt(at)
                    .with_hint(crate::msg!(
                        "write two percentages, across then down, like \"50% 30%\", or top, bottom, left, right"
                    )),
                );
                Focus::CENTRE
            }),
        };
        let bytes = std::fs::read(&file).ok()?;
        // Not a picture at all (an empty or mistyped file): shared with a card. Saying so is
        // the image pipeline's job (`crate::images`, issue 16), which reads every photo a page
        // uses, this one included: one message per file, not two. A picture whose header
        // reads but whose pixels do not is an error when it is drawn (its address is out).
        if raster::probe(&bytes).is_err() {
            return None;
        }
        let key = format!(
            "{RENDERER_VERSION}\0{:032x}\0{}\0{}",
            xxhash_rust::xxh3::xxh3_128(&bytes),
            focus.x,
            focus.y
        );
        let name = format!("{:016x}.jpg", xxhash_rust::xxh3::xxh3_64(key.as_bytes()));
        lock(&self.jobs).entry(name.clone()).or_insert(Job::Cover {
            file,
            focus,
            source,
        });
        let alt = req
            .alt
            .filter(|a| !a.trim().is_empty())
            .unwrap_or(req.title);
        Some(self.answer(&name, "image/jpeg", alt.to_string()))
    }

    fn answer(&self, name: &str, mime: &'static str, alt: String) -> ShareImage {
        ShareImage {
            url: self.base.permalink(&format!("/{SHARE_DIR}/{name}")),
            width: card::WIDTH,
            height: card::HEIGHT,
            mime,
            alt,
        }
    }

    fn problem(&self, d: Diagnostic) {
        let mut p = lock(&self.problems);
        if !p.contains(&d) {
            p.push(d);
        }
    }

    /// Makes every image asked for (or takes it from the cache) and writes it to `sink`;
    /// with [`Output::Files`], then forgets cached images this build did not use. Returns
    /// every problem met, sorted: errors (a cover that cannot be read, an emblem that cannot
    /// be drawn, an image that cannot be written) and warnings (a missing cover or a focus
    /// that cannot be read: the page gets a card, or a crop around the centre).
    pub fn write(&self, sink: &Sink, output: Output) -> Vec<Diagnostic> {
        let jobs: Vec<(String, Job)> = lock(&self.jobs)
            .iter()
            .map(|(n, j)| (n.clone(), j.clone()))
            .collect();
        // Kept like photos (`crate::images`): in the site's cache folder, made when needed.
        let cache = Some(store::cache_dir(&self.root));
        let mut errors: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|(name, job)| {
                let rel = format!("{SHARE_DIR}/{name}");
                if output == Output::Names {
                    return sink
                        .write(&rel, &[])
                        .err()
                        .map(|e| self.write_error(&rel, &e));
                }
                self.write_one(sink, cache.as_deref(), name, &rel, job)
                    .err()
            })
            .collect();
        errors.extend(lock(&self.problems).iter().cloned());
        crate::diagnostic::sort_diagnostics(&mut errors);
        if let Some(cache) = &cache
            && output == Output::Files
            && !errors.iter().any(Diagnostic::is_error)
        {
            let used: HashSet<String> = jobs.into_iter().map(|(n, _)| n).collect();
            store::sweep(cache, &used);
        }
        errors
    }

    fn write_one(
        &self,
        sink: &Sink,
        cache: Option<&std::path::Path>,
        name: &str,
        rel: &str,
        job: &Job,
    ) -> Result<(), Diagnostic> {
        let cached = cache.map(|c| c.join(name));
        if let Some(cached) = cached.as_ref().filter(|c| c.is_file()) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return sink
                .link(cached, rel)
                .map_err(|e| self.write_error(rel, &e));
        }
        let bytes = match job {
            Job::Card(text) => self.draw_card(text).map_err(|e| {
                Diagnostic::error(
                    rel,
                    TOPIC,
                    crate::msg!("the share card cannot be drawn: {}", e),
                )
            })?,
            Job::Cover {
                file,
                focus,
                source,
            } => raster::render_cover(file, focus.x, focus.y).map_err(|e| {
                Diagnostic::error(
                    source.clone(),
                    TOPIC,
                    crate::msg!(
                        "the cover image {} cannot be read: {}",
                        file.strip_prefix(&self.root).unwrap_or(file).display(),
                        e
                    ),
                )
                .at_opt(cover::locate(&self.root, source, "image"))
            })?,
        };
        self.rendered.fetch_add(1, Ordering::Relaxed);
        // Into the cache, then linked into the output (a copy into a memory sink, for `serve`).
        if let (Some(cache), Some(cached)) = (cache, &cached)
            && store::store(cache, name, &bytes).is_ok()
            && sink.link(cached, rel).is_ok()
        {
            return Ok(());
        }
        sink.write(rel, &bytes)
            .map_err(|e| self.write_error(rel, &e))
    }

    /// A card as PNG bytes: its text drawn over the build's background.
    fn draw_card(&self, text: &CardText) -> Result<Vec<u8>, String> {
        let background = self.background.get_or_init(|| {
            let svg = card::background_svg(&self.address);
            raster::background(&svg, self.emblem.as_deref())
                .map(|p| indexed::Background::new(&p, &card::INKS, card::GOLD))
        });
        match background {
            Ok(b) => b.card(&card::layout(text)),
            Err(e) => Err(e.clone()),
        }
    }

    fn write_error(&self, rel: &str, e: &std::io::Error) -> Diagnostic {
        Diagnostic::error(rel, "output", crate::msg!("cannot be written: {}", e))
    }

    /// (images made in this build, images taken from the cache).
    pub fn counts(&self) -> (usize, usize) {
        (
            self.rendered.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
        )
    }
}
