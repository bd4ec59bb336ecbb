//! Precompressed copies of text outputs (`page.html.gz`, and `page.html.br` when asked) for
//! nginx's `gzip_static`/`brotli_static`, made in the same parallel pass that writes the files
//! and cached by content in the site's git-ignored `.thidua/cache/precompressed/`, so a fresh
//! build into an empty output compresses only what is new.
//!
//! Settings chosen by measurement (`examples/compress_levels.rs` on the bundled site and on
//! 650 pages of the 10,000-post corpus built with the real theme; docs/benchmarks.md):
//! - gzip by libdeflate at level 6: the knee. It is 1.7 % smaller than zlib's level 6 (as
//!   small as zlib's 9) in 16 % less time; level 9 saves 0.3 % more for 25 % more time, level 1
//!   is twice as fast but 6 % larger.
//! - brotli only when `brotli: true` (Debian's nginx needs an extra module to serve `.br`):
//!   below quality 5 it is no smaller than gzip 6; at quality 5 it is 5 % smaller for 3×
//!   gzip's time (quality 9, the old setting, took 20× as long for 3 % more). Windows under
//!   256 KiB are avoided: the brotli crate then switches to a hasher 20× slower at these
//!   qualities; 1 MiB holds any page.
//! - Files under 256 bytes, and copies that would not be at least 10 % smaller, are not
//!   written (the server then sends the file itself).
//!
//! A new copy is written into the output and hard-linked into the cache (one more link, not
//! another file to write); a cached copy is hard-linked into the output. Where the two are on
//! different file systems, they are copied instead.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// gzip level (libdeflate's scale).
const GZIP_LEVEL: i32 = 6;
/// Each encoding: (extension, its settings in the cache's file names: a change of settings
/// never reuses old copies).
const GZIP: (&str, &str) = ("gz", "ld6");
const BROTLI: (&str, &str) = ("br", "b5w20");
/// brotli quality.
const BROTLI_QUALITY: u32 = 5;
/// brotli window, in bits (1 MiB).
const BROTLI_WINDOW: u32 = 20;
/// Files smaller than this are sent as they are.
const MIN_SIZE: usize = 256;

/// The folder, inside a site, where thidua keeps what it can compute again (git-ignored).
pub const CACHE_DIR: &str = ".thidua/cache";

/// Makes the cache folder `dir` (inside a site's `.thidua/`), and beside the first one a
/// `.thidua/.gitignore` that ignores everything in `.thidua/`: a site made by hand, without
/// `thidua init`'s `.gitignore`, still never commits thidua's caches (nor its accounts and
/// history) by a `git add .`.
pub(crate) fn make_cache_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    if let Some(own) = dir
        .ancestors()
        .find(|a| a.file_name() == Some(".thidua".as_ref()))
    {
        let ignore = own.join(".gitignore");
        if !ignore.exists() {
            // Best effort: without it the cache still works.
            let _ = fs::write(
                ignore,
                "# thidua's own folder (caches, editing-room accounts and history): never committed.\n*\n",
            );
        }
    }
    Ok(())
}

/// Text files worth precompressing.
pub fn compressible(rel: &str) -> bool {
    let ext = rel.rsplit('.').next().unwrap_or_default();
    matches!(
        ext,
        "html" | "css" | "js" | "mjs" | "xml" | "json" | "svg" | "txt" | "csv"
    )
}

/// Makes `.gz` and `.br` copies, reusing cached ones; counts what it computed.
#[derive(Debug)]
pub struct Precompressor {
    /// `ROOT/.thidua/cache/precompressed`, or none (nothing cached).
    cache: Option<PathBuf>,
    /// The encodings to write.
    encodings: &'static [(&'static str, &'static str)],
    /// Cache entries this build used (kept by [`Precompressor::sweep`]).
    used: Mutex<HashSet<String>>,
    computed: AtomicUsize,
    reused: AtomicUsize,
}

impl Precompressor {
    /// A precompressor caching under `site_root/.thidua/cache/precompressed` (no cache when
    /// `site_root` is `None`).
    /// `brotli` adds `.br` copies to the `.gz` ones.
    pub fn new(site_root: Option<&Path>, brotli: bool) -> Precompressor {
        Precompressor {
            cache: site_root.map(|r| r.join(CACHE_DIR).join("precompressed")),
            encodings: if brotli { &[GZIP, BROTLI] } else { &[GZIP] },
            used: Mutex::new(HashSet::new()),
            computed: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
        }
    }

    /// Writes `PATH.gz` and `PATH.br` for `bytes` (the contents of `path`) when worth it.
    pub fn write_copies(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if bytes.len() < MIN_SIZE {
            return Ok(());
        }
        let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes));
        for &(ext, settings) in self.encodings {
            let target = PathBuf::from(format!("{}.{ext}", path.display()));
            let name = format!("{hash}-{settings}.{ext}");
            let cached = self.cache.as_ref().map(|c| c.join(&hash[..2]).join(&name));
            if let Some(cached) = &cached {
                self.mark_used(&name);
                match fs::metadata(cached) {
                    // A cached "not worth it" is an empty file.
                    Ok(m) if m.len() == 0 => {
                        self.reused.fetch_add(1, Ordering::Relaxed);
                        continue;
                    }
                    Ok(_) if link_or_copy(cached, &target).is_ok() => {
                        self.reused.fetch_add(1, Ordering::Relaxed);
                        continue;
                    }
                    _ => {}
                }
            }
            let packed = compress(bytes, ext)?;
            self.computed.fetch_add(1, Ordering::Relaxed);
            let worth = packed.len() * 10 <= bytes.len() * 9;
            if worth {
                fs::write(&target, &packed)?;
            }
            if let Some(cached) = &cached {
                // Best effort: a cache that cannot be written only costs time next build.
                let _ = store(cached, worth.then_some(target.as_path()), &packed);
            }
        }
        Ok(())
    }

    fn mark_used(&self, name: &str) {
        self.used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(name.to_string());
    }

    /// Copies compressed in this build (each `.gz` or `.br` counts one).
    pub fn computed(&self) -> usize {
        self.computed.load(Ordering::Relaxed)
    }

    /// Copies taken from the cache.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// After a successful build: removes cache entries this build did not use, so the cache
    /// holds one build's copies, never more.
    pub fn sweep(&self) {
        let Some(cache) = &self.cache else {
            return;
        };
        let used = self
            .used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Ok(shards) = fs::read_dir(cache) else {
            return;
        };
        for shard in shards.flatten() {
            let Ok(entries) = fs::read_dir(shard.path()) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !used.contains(&name) {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
    }
}

/// Hard-links the cached copy into place (a copy across file systems).
fn link_or_copy(cached: &Path, target: &Path) -> io::Result<()> {
    fs::hard_link(cached, target).or_else(|_| fs::copy(cached, target).map(|_| ()))
}

/// Puts a new copy into the cache: a hard link to the copy just written into the output
/// (`written`), else the bytes (empty when the copy was not worth writing). Never half a
/// file: a link is made whole, bytes go through a temporary file and a rename.
fn store(cached: &Path, written: Option<&Path>, packed: &[u8]) -> io::Result<()> {
    let dir = cached.parent().unwrap_or(Path::new("."));
    if let Err(e) = fs::create_dir(dir)
        && e.kind() != io::ErrorKind::AlreadyExists
    {
        fs::create_dir_all(dir)?;
    }
    if let Some(written) = written {
        match fs::hard_link(written, cached) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
            Err(_) => {}
        }
    }
    let bytes = if written.is_some() { packed } else { &[] };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(cached).map(|_| ()).map_err(|e| e.error)
}

/// gzip (libdeflate) or brotli at the chosen settings.
pub fn compress(bytes: &[u8], ext: &str) -> io::Result<Vec<u8>> {
    if ext == "gz" {
        let level = libdeflater::CompressionLvl::new(GZIP_LEVEL)
            .map_err(|_| io::Error::other("gzip level"))?;
        let mut c = libdeflater::Compressor::new(level);
        let mut out = vec![0; c.gzip_compress_bound(bytes.len())];
        let n = c
            .gzip_compress(bytes, &mut out)
            .map_err(|e| io::Error::other(format!("gzip: {e:?}")))?;
        out.truncate(n);
        Ok(out)
    } else {
        let mut out = Vec::with_capacity(bytes.len() / 3);
        {
            let mut w =
                brotli::CompressorWriter::new(&mut out, 64 * 1024, BROTLI_QUALITY, BROTLI_WINDOW);
            w.write_all(bytes)?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn page() -> Vec<u8> {
        "<p>Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn</p>\n"
            .repeat(50)
            .into_bytes()
    }

    #[test]
    fn copies_decompress_to_the_original_and_come_from_the_cache_next_time() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
        let file = out.join("index.html");
        let bytes = page();
        let p = Precompressor::new(Some(dir.path()), true);
        p.write_copies(&file, &bytes)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((p.computed(), p.reused()), (2, 0));
        let gz = fs::read(out.join("index.html.gz")).unwrap_or_else(|e| panic!("{e}"));
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut plain)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plain, bytes);
        let br = fs::read(out.join("index.html.br")).unwrap_or_else(|e| panic!("{e}"));
        let mut plain = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut plain)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plain, bytes);
        // A fresh output, the same bytes: nothing compressed.
        fs::remove_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
        fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
        let p = Precompressor::new(Some(dir.path()), true);
        p.write_copies(&file, &bytes)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((p.computed(), p.reused()), (0, 2));
        assert_eq!(
            fs::read(out.join("index.html.gz")).unwrap_or_else(|e| panic!("{e}")),
            gz
        );
    }

    #[test]
    fn small_or_incompressible_files_get_no_copies() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = Precompressor::new(None, true);
        p.write_copies(&dir.path().join("a.txt"), b"short")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut x: u32 = 1;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        p.write_copies(&dir.path().join("b.txt"), &noise)
            .unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn unused_cache_entries_are_swept() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
        let p = Precompressor::new(Some(dir.path()), true);
        p.write_copies(&out.join("a.html"), &page())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut other = page();
        other.extend_from_slice("<p>khác</p>".as_bytes());
        let p = Precompressor::new(Some(dir.path()), true);
        p.write_copies(&out.join("b.html"), &other)
            .unwrap_or_else(|e| panic!("{e}"));
        p.sweep();
        let cached: Vec<String> = walkdir::WalkDir::new(dir.path().join(CACHE_DIR))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(cached.len(), 2, "{cached:?}");
    }
}
