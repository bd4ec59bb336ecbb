//! The processed copies of photos, kept between builds in the site's git-ignored
//! `.thidua/cache/images/`: one folder per source content and settings,
//! `ab/ab12…-w480.960.1600-q75.80/`, holding `480.webp`, `480.jpg`… and `sizes.txt`, which
//! lists what is there (written last: a folder without it is incomplete and made again).
//!
//! A fresh build into an empty output reuses the cache as a rebuild does. Best effort: a
//! cache that cannot be written only costs time at the next build.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What a cache folder holds: (transparent, [(width, height)]).
pub(super) type Sizes = (bool, Vec<(u32, u32)>);

/// A cache folder for one source and settings (it may not exist yet).
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// The folder.
    pub(super) dir: PathBuf,
}

impl Entry {
    /// The entry for `bytes` processed with `settings`, under `cache` (`.thidua/cache/images`).
    pub(super) fn new(cache: &Path, bytes: &[u8], settings: &str) -> Entry {
        let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes));
        Entry {
            dir: cache.join(&hash[..2]).join(format!("{hash}-{settings}")),
        }
    }

    /// The file for `width` with extension `ext` (`webp`, `jpg`, `png`).
    pub(super) fn file(&self, width: u32, ext: &str) -> PathBuf {
        self.dir.join(format!("{width}.{ext}"))
    }

    /// The sizes the folder holds, if it is complete.
    pub(super) fn sizes(&self) -> Option<Sizes> {
        let text = fs::read_to_string(self.dir.join("sizes.txt")).ok()?;
        let mut lines = text.lines();
        let alpha = lines.next()? == "alpha";
        let sizes = lines
            .map(|l| {
                let (w, h) = l.split_once(' ')?;
                Some((w.parse().ok()?, h.parse().ok()?))
            })
            .collect::<Option<Vec<(u32, u32)>>>()?;
        Some((alpha, sizes))
    }

    /// Stores the files (`(width, ext, bytes)`) and then the list of sizes.
    pub(super) fn store(&self, sizes: &Sizes, files: &[(u32, &str, &[u8])]) -> io::Result<()> {
        crate::precompress::make_cache_dir(&self.dir)?;
        for (w, ext, bytes) in files {
            write_whole(&self.file(*w, ext), bytes)?;
        }
        let mut list = String::from(if sizes.0 { "alpha\n" } else { "opaque\n" });
        for (w, h) in &sizes.1 {
            list.push_str(&format!("{w} {h}\n"));
        }
        write_whole(&self.dir.join("sizes.txt"), list.as_bytes())
    }
}

/// Writes through a temporary file and a rename: never half a file.
fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map(|_| ()).map_err(|e| e.error)
}
