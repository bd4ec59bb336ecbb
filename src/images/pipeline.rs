//! What rendering asks of photos: which file a page names, and that file's copies, made once
//! per build (however many pages show it), at most a few at a time (memory stays bounded
//! whatever the number of photos), from the cache when it has them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock};

use super::cache::{Entry, Sizes};
use super::decode::decode;
use super::encode::{JPEG_QUALITY, WEBP_QUALITY, clean_original, encode_all};
use super::{ImageError, WIDTHS, is_photo};
use crate::paths::BaseUrl;
use crate::write::Sink;

/// One width of a picture, as the page links it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The WebP copy's URL (`/5-nam/tin-tuc/a/anh-480.webp`).
    pub webp: String,
    /// The JPEG (or PNG) copy's URL.
    pub fallback: String,
}

/// A photo's copies, smallest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The copies, smallest first (never empty).
    pub variants: Vec<Variant>,
    /// Whether the fallback is PNG (the photo has transparency).
    pub alpha: bool,
}

impl Picture {
    /// The largest copy.
    pub fn largest(&self) -> &Variant {
        &self.variants[self.variants.len() - 1]
    }

    /// The copy at least `width` wide, or the largest.
    pub fn at_least(&self, width: u32) -> &Variant {
        self.variants
            .iter()
            .find(|v| v.width >= width)
            .unwrap_or_else(|| self.largest())
    }

    /// `srcset` of the WebP copies (`webp` true) or of the fallbacks.
    pub fn srcset(&self, webp: bool) -> String {
        self.variants
            .iter()
            .map(|v| format!("{} {}w", if webp { &v.webp } else { &v.fallback }, v.width))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A photo a page names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Relative to the site root: `content/tin-tuc/a/anh.jpg`, `static/anh/x.jpg`.
    pub rel: String,
    /// Its output path without the leading `/`: `tin-tuc/a/anh.jpg`.
    pub output: String,
}

/// What a page's image or link address is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Not a photo of the site (another kind of file, an outside address…).
    Other,
    /// A photo's name, but no such file.
    Missing,
    /// A photo of the site.
    Found(Source),
}

type Made = Arc<OnceLock<Result<Arc<Picture>, Arc<ImageError>>>>;

/// A download copy, made once.
type Cleaned = Arc<OnceLock<Result<(), Arc<ImageError>>>>;

/// A file to publish: where its bytes are.
#[derive(Debug, Clone)]
enum Payload {
    /// In the cache.
    Cached(PathBuf),
    /// In memory (the cache could not be written, or a download copy).
    Bytes(Arc<Vec<u8>>),
}

/// The photos of one build (or one `serve` session).
#[derive(Debug)]
pub struct Pipeline {
    root: PathBuf,
    base: BaseUrl,
    /// `.thidua/cache/images` under the root, or none.
    cache: Option<PathBuf>,
    /// Content files beside pages: output (`tin-tuc/a/anh.jpg`) → source (`content/…`);
    /// `serve` adds the photos dropped in since the build.
    assets: RwLock<HashMap<String, String>>,
    /// Which pages named each photo (output → the pages' site paths; `/` for templates),
    /// found or not: what `serve` redraws when the photo is dropped in or replaced.
    users: Mutex<HashMap<String, BTreeSet<String>>>,
    made: Mutex<HashMap<String, Made>>,
    originals: Mutex<HashMap<String, Cleaned>>,
    /// Files made or found, to publish (by [`Pipeline::flush`]): output → bytes.
    pending: Mutex<Vec<(String, Payload)>>,
    /// Photos being processed now, at most `limit`.
    busy: Mutex<usize>,
    freed: Condvar,
    limit: usize,
    encoded: AtomicUsize,
    reused: AtomicUsize,
    /// The cache folders this build used (kept by [`Pipeline::sweep`]).
    used: Mutex<HashSet<PathBuf>>,
}

/// The settings in a cache folder's name: other settings never reuse old copies.
fn settings() -> String {
    let widths: Vec<String> = WIDTHS.iter().map(u32::to_string).collect();
    format!(
        "w{}-q{}.{}",
        widths.join("."),
        WEBP_QUALITY as u32,
        JPEG_QUALITY
    )
}

impl Pipeline {
    /// The pipeline for the site at `root` whose content files are `assets` (output path →
    /// source path relative to the root), caching under `.thidua/cache/images` when `cache`.
    pub fn new(root: &Path, base: BaseUrl, assets: HashMap<String, String>, cache: bool) -> Self {
        Pipeline {
            root: root.to_path_buf(),
            base,
            cache: cache.then(|| root.join(crate::precompress::CACHE_DIR).join("images")),
            assets: RwLock::new(assets),
            users: Mutex::new(HashMap::new()),
            made: Mutex::new(HashMap::new()),
            originals: Mutex::new(HashMap::new()),
            pending: Mutex::new(Vec::new()),
            busy: Mutex::new(0),
            freed: Condvar::new(),
            limit: std::thread::available_parallelism().map_or(2, |n| n.get().min(4)),
            encoded: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            used: Mutex::new(HashSet::new()),
        }
    }

    /// (photos processed in this build, photos taken from the cache).
    pub fn counts(&self) -> (usize, usize) {
        (
            self.encoded.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
        )
    }

    /// The site paths of the pages (`/` for templates) that named the photo published at
    /// `output` (`tin-tuc/a/anh.jpg`) in this build, whether it existed or not.
    pub fn users(&self, output: &str) -> BTreeSet<String> {
        self.users
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(output)
            .cloned()
            .unwrap_or_default()
    }

    /// A photo dropped in or replaced while serving: the content file `rel` (`content/…`,
    /// or none for `static/`) published at `output` is made again the next time it is asked for.
    pub fn refresh(&self, output: &str, rel: Option<&str>) {
        if let Some(rel) = rel {
            self.assets
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(output.to_string(), rel.to_string());
        }
        let rel = rel.map_or_else(|| format!("static/{output}"), str::to_string);
        self.made
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&rel);
        self.originals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&rel);
    }

    /// After a successful full build: forgets the cache folders no page used in the last few
    /// full builds ([`super::sweep`]). Returns (folders, bytes) removed.
    pub fn sweep(&self) -> super::sweep::Swept {
        let Some(cache) = &self.cache else {
            return (0, 0);
        };
        let used = self
            .used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        super::sweep::sweep(cache, &used)
    }

    fn mark_used(&self, entry: &Entry) {
        self.used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(entry.dir.clone());
    }

    /// What `dest` (an image or link address written in the page at site path `page`,
    /// `/tin-tuc/a/`) names, resolved as a browser would: relative to the page's address, or
    /// from the site's root (`/anh/x.jpg`: a file of `static/`, or beside a page).
    pub fn lookup(&self, page: &str, dest: &str) -> Lookup {
        let path = dest.split(['#', '?']).next().unwrap_or_default();
        if path.is_empty() || path.starts_with("//") || path.contains(':') {
            return Lookup::Other;
        }
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let path = crate::text::nfc(&path);
        if !is_photo(&path) {
            return Lookup::Other;
        }
        let output = match path.strip_prefix('/') {
            Some(abs) => {
                // Written with the sub-path already (`/5-nam/anh/x.jpg`): the same file.
                let sub = self.base.path().trim_start_matches('/');
                let abs = if sub.is_empty() {
                    abs
                } else {
                    abs.strip_prefix(sub).unwrap_or(abs)
                };
                normalise("", abs)
            }
            None => normalise(page, &path),
        };
        let Some(output) = output else {
            return Lookup::Missing;
        };
        self.users
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(output.clone())
            .or_default()
            .insert(page.to_string());
        let rel = format!("static/{output}");
        if self.root.join(&rel).is_file() {
            return Lookup::Found(Source { rel, output });
        }
        let assets = self
            .assets
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match assets.get(&output) {
            Some(src) => Lookup::Found(Source {
                rel: src.clone(),
                output,
            }),
            None => Lookup::Missing,
        }
    }

    /// The copies of `source`, made (or found in the cache) the first time it is asked for;
    /// [`Pipeline::flush`] publishes them.
    pub fn picture(&self, source: &Source) -> Result<Arc<Picture>, Arc<ImageError>> {
        let slot: Made = {
            let mut made = self
                .made
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            Arc::clone(made.entry(source.rel.clone()).or_default())
        };
        slot.get_or_init(|| self.make(source).map(Arc::new).map_err(Arc::new))
            .clone()
    }

    /// Publishes a clean full-size copy of `source` at its own address (a page links to the
    /// original for download): upright, no metadata. Returns its URL.
    pub fn original(&self, source: &Source) -> Result<String, Arc<ImageError>> {
        let slot = {
            let mut m = self
                .originals
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            Arc::clone(m.entry(source.rel.clone()).or_default())
        };
        slot.get_or_init(|| self.make_original(source).map_err(Arc::new))
            .clone()
            .map(|()| self.base.href(&source.output))
    }

    fn make_original(&self, source: &Source) -> Result<(), ImageError> {
        let bytes = std::fs::read(self.root.join(&source.rel)).map_err(ImageError::Unreadable)?;
        let _turn = self.turn();
        let (_, clean) = clean_original(decode(&bytes)?)?;
        drop(bytes);
        self.publish(source.output.clone(), Payload::Bytes(Arc::new(clean)));
        Ok(())
    }

    fn publish(&self, output: String, payload: Payload) {
        self.pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((output, payload));
    }

    /// Writes the copies made or found since the last flush to `sink`: (output, error) for
    /// those that could not be written.
    pub fn flush(&self, sink: &Sink) -> Vec<(String, std::io::Error)> {
        let files = std::mem::take(
            &mut *self
                .pending
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        use rayon::prelude::*;
        files
            .into_par_iter()
            .filter_map(|(output, payload)| {
                let r = match &payload {
                    // A hard link to the cache's copy (its bytes in a preview's memory sink).
                    Payload::Cached(path) => sink.link(path, &output),
                    Payload::Bytes(b) => sink.write(&output, b),
                };
                r.err().map(|e| (output, e))
            })
            .collect()
    }

    fn make(&self, source: &Source) -> Result<Picture, ImageError> {
        let bytes = std::fs::read(self.root.join(&source.rel)).map_err(ImageError::Unreadable)?;
        let entry = self
            .cache
            .as_ref()
            .map(|c| Entry::new(c, &bytes, &settings()));
        let stem = source
            .output
            .rsplit_once('.')
            .map_or(source.output.as_str(), |(s, _)| s);
        if let Some(entry) = &entry
            && let Some(sizes) = entry.sizes()
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            self.mark_used(entry);
            let ext = if sizes.0 { "png" } else { "jpg" };
            for (w, _) in &sizes.1 {
                for e in ["webp", ext] {
                    let file = Payload::Cached(entry.file(*w, e));
                    self.publish(format!("{stem}-{w}.{e}"), file);
                }
            }
            return Ok(self.describe(&sizes, stem));
        }
        let encoded = {
            let _turn = self.turn();
            let decoded = decode(&bytes)?;
            drop(bytes);
            encode_all(decoded, &WIDTHS)?
        };
        self.encoded.fetch_add(1, Ordering::Relaxed);
        let (alpha, copies) = encoded;
        let ext = if alpha { "png" } else { "jpg" };
        let sizes: Sizes = (alpha, copies.iter().map(|c| (c.width, c.height)).collect());
        let files: Vec<(u32, &str, &[u8])> = copies
            .iter()
            .flat_map(|c| {
                [
                    (c.width, "webp", c.webp.as_slice()),
                    (c.width, ext, c.fallback.as_slice()),
                ]
            })
            .collect();
        let stored = entry
            .as_ref()
            .is_some_and(|e| e.store(&sizes, &files).is_ok());
        if let Some(entry) = entry.as_ref().filter(|_| stored) {
            self.mark_used(entry);
        }
        for (w, e, bytes) in files {
            let payload = match &entry {
                Some(entry) if stored => Payload::Cached(entry.file(w, e)),
                _ => Payload::Bytes(Arc::new(bytes.to_vec())),
            };
            self.publish(format!("{stem}-{w}.{e}"), payload);
        }
        Ok(self.describe(&sizes, stem))
    }

    fn describe(&self, sizes: &Sizes, stem: &str) -> Picture {
        let ext = if sizes.0 { "png" } else { "jpg" };
        Picture {
            variants: sizes
                .1
                .iter()
                .map(|&(width, height)| Variant {
                    width,
                    height,
                    webp: self.base.href(&format!("{stem}-{width}.webp")),
                    fallback: self.base.href(&format!("{stem}-{width}.{ext}")),
                })
                .collect(),
            alpha: sizes.0,
        }
    }

    /// Waits until fewer than `limit` photos are being processed; the turn ends when the
    /// returned guard is dropped.
    fn turn(&self) -> Turn<'_> {
        let mut busy = self
            .busy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while *busy >= self.limit {
            busy = self
                .freed
                .wait(busy)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        *busy += 1;
        Turn(self)
    }
}

/// A photo being processed (see [`Pipeline::turn`]).
struct Turn<'a>(&'a Pipeline);

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut busy = self
            .0
            .busy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *busy = busy.saturating_sub(1);
        self.0.freed.notify_one();
    }
}

/// `dir/path` with `.` and `..` resolved (`None` when it leaves the site).
fn normalise(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}
