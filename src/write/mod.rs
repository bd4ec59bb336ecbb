//! Writing: the only code that writes the output.
//!
//! A build writes into a staging directory beside the output (same file system) and, only
//! when everything succeeded, swaps it in with one atomic `renameat2(RENAME_EXCHANGE)` (macOS:
//! `renamex_np(RENAME_SWAP)`; Windows: two renames, see [`swap_note`]): a failed, interrupted
//! or killed build leaves the previous output exactly as it was. Output paths are checked
//! again here, so nothing can be written outside the output directory.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::messages::TextError;

mod staging;
pub use staging::{ATOMIC_SWAP, Staging, swap_note};
pub(crate) use staging::{LiveLock, absolute, exchange, remove_stale_siblings};

const STAGING: &str = ".thidua-staging-";

/// The file that marks a folder as thidua's output. `build` replaces a folder only when it is
/// new, empty, or carries this marker (or the user says the folder is theirs to replace).
pub const OUTPUT_MARKER: &str = ".thidua-output";

/// What the marker says to someone who finds it.
const OUTPUT_MARKER_TEXT: &str = "This folder is written by thidua (thidua build): everything in it is replaced at every build.\nThư mục này do thidua dựng: mọi tệp trong đó được thay mới sau mỗi lần dựng.\n";

/// Whether a folder that thidua did not make may be replaced anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ownership {
    /// Only a new or empty folder, or one carrying [`OUTPUT_MARKER`].
    #[default]
    MarkedOnly,
    /// The user said the folder is theirs to replace (`--replace-output`).
    Replace,
}

/// A rendered file: its path inside the output and its bytes.
pub type OutputFile = (String, Vec<u8>);

/// Where rendered files go.
#[derive(Debug)]
pub struct Sink {
    dir: Option<PathBuf>,
    /// The output being replaced: unchanged files are hard-linked from it, not rewritten.
    previous: Option<PathBuf>,
    /// Also write `.gz` and `.br` copies of text files (for nginx `gzip_static`/`brotli_static`).
    precompress: Option<crate::precompress::Precompressor>,
    memory: Option<std::sync::Mutex<Vec<OutputFile>>>,
    /// The outputs' names, kept by a listing sink (for `thidua check`'s links).
    names: Option<std::sync::Mutex<Vec<String>>>,
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Sink {
    /// A sink that renders but keeps nothing (for `thidua check`).
    pub fn discard() -> Sink {
        Sink {
            dir: None,
            previous: None,
            precompress: None,
            memory: None,
            names: None,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// A sink that writes nothing but keeps the outputs' names (for `thidua check`, which
    /// checks links against what a build would write).
    pub fn listing() -> Sink {
        Sink {
            names: Some(std::sync::Mutex::new(Vec::new())),
            ..Sink::discard()
        }
    }

    /// The names a listing sink kept (`/`-separated, no leading `/`), sorted.
    pub fn take_names(&self) -> Vec<String> {
        let mut names = match &self.names {
            Some(m) => {
                std::mem::take(&mut *m.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
            }
            None => Vec::new(),
        };
        names.sort_unstable();
        names
    }

    fn note(&self, rel: &str) {
        if let Some(m) = &self.names {
            m.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(rel.trim_start_matches('/').to_string());
        }
    }

    /// A sink that keeps the files in memory, to be written only if everything succeeded.
    pub fn memory() -> Sink {
        Sink {
            memory: Some(std::sync::Mutex::new(Vec::new())),
            ..Sink::discard()
        }
    }

    fn into_dir(dir: PathBuf) -> Sink {
        Sink {
            dir: Some(dir),
            ..Sink::discard()
        }
    }

    /// The files a memory sink collected, sorted by path.
    pub fn take_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = match &self.memory {
            Some(m) => {
                std::mem::take(&mut *m.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
            }
            None => Vec::new(),
        };
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// Writes `bytes` to `rel` (a `/`-separated path inside the output).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.count(bytes.len() as u64);
        self.note(rel);
        if let Some(m) = &self.memory {
            m.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((rel.to_string(), bytes.to_vec()));
            return Ok(());
        }
        let Some(path) = self.target(rel)? else {
            return Ok(());
        };
        if self.link_if_unchanged(rel, &path, bytes) {
            return self.compressed_copies(rel, &path, bytes, true);
        }
        // Most outputs are `…/index.html` in a folder of their own: make the folder first
        // (one mkdir) rather than failing to open the file and retrying.
        if let Some(parent) = path.parent() {
            match fs::create_dir(parent) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(parent)?,
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            }
        }
        fs::write(&path, bytes)?;
        self.compressed_copies(rel, &path, bytes, false)
    }

    /// Writes `FILE.gz` and `FILE.br` beside a text file when compression is on. When the file
    /// itself was unchanged, the previous copies are linked; otherwise the cache (or the
    /// compressor) provides them.
    fn compressed_copies(
        &self,
        rel: &str,
        path: &Path,
        bytes: &[u8],
        unchanged: bool,
    ) -> io::Result<()> {
        let Some(pre) = &self.precompress else {
            return Ok(());
        };
        if !crate::precompress::compressible(rel) {
            return Ok(());
        }
        if unchanged && let Some(prev) = &self.previous {
            let old = prev.join(rel.trim_start_matches('/'));
            let linked = ["gz", "br"].iter().all(|ext| {
                let from = PathBuf::from(format!("{}.{ext}", old.display()));
                let to = PathBuf::from(format!("{}.{ext}", path.display()));
                // A copy that was not worth writing last time is not there now either.
                !from.exists() || fs::hard_link(&from, &to).is_ok()
            });
            if linked {
                return Ok(());
            }
        }
        pre.write_copies(path, bytes)
    }

    /// The precompressor's counts: (copies compressed, copies reused from the cache).
    pub fn precompressed(&self) -> (usize, usize) {
        self.precompress
            .as_ref()
            .map_or((0, 0), |p| (p.computed(), p.reused()))
    }

    /// Copies the file at `src` to `rel`.
    pub fn copy(&self, src: &Path, rel: &str) -> io::Result<()> {
        let Some(path) = self.target(rel)? else {
            self.count(fs::metadata(src)?.len());
            self.note(rel);
            return Ok(());
        };
        create_parent(&path)?;
        if self.previous.is_some() {
            let bytes = fs::read(src)?;
            if self.link_if_unchanged(rel, &path, &bytes) {
                self.count(bytes.len() as u64);
                return self.compressed_copies(rel, &path, &bytes, true);
            }
        }
        fs::copy(src, &path)?;
        // The copy's own size: fs::copy's count is 0 under Wine.
        self.count(fs::metadata(&path)?.len());
        if self.precompress.is_some() && crate::precompress::compressible(rel) {
            let bytes = fs::read(&path)?;
            self.compressed_copies(rel, &path, &bytes, false)?;
        }
        Ok(())
    }

    /// Puts the file at `src` (a cache entry thidua made, never changed in place) at `rel` as a
    /// hard link: no bytes written (a copy where links are not possible).
    pub fn link(&self, src: &Path, rel: &str) -> io::Result<()> {
        if self.memory.is_some() {
            return self.write(rel, &fs::read(src)?);
        }
        let Some(path) = self.target(rel)? else {
            self.count(fs::metadata(src)?.len());
            self.note(rel);
            return Ok(());
        };
        create_parent(&path)?;
        let len = fs::metadata(src)?.len();
        if fs::hard_link(src, &path).is_err() {
            fs::copy(src, &path)?;
        }
        self.count(len);
        Ok(())
    }

    /// When the output being replaced has `rel` with exactly these bytes, hard-links it into
    /// place: no data written, and the file keeps its inode and modification time, so a static
    /// host's sync and browser caches see only what really changed.
    fn link_if_unchanged(&self, rel: &str, path: &Path, bytes: &[u8]) -> bool {
        let Some(prev) = &self.previous else {
            return false;
        };
        let old = prev.join(rel.trim_start_matches('/'));
        let same = fs::metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(&old).is_ok_and(|b| b == bytes);
        if !same {
            return false;
        }
        fs::hard_link(&old, path).is_ok()
            || (create_parent(path).is_ok() && fs::hard_link(&old, path).is_ok())
    }

    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    fn target(&self, rel: &str) -> io::Result<Option<PathBuf>> {
        let Some(dir) = &self.dir else {
            return Ok(None);
        };
        let clean = rel.trim_start_matches('/');
        if rel.chars().any(char::is_control) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                TextError(crate::msg!(
                    "refusing to write a file whose name has a control character (a line break, a tab…): {}",
                    rel
                )),
            ));
        }
        if !crate::paths::is_safe_relative(clean) {
            return Err(outside_the_output(rel));
        }
        Ok(Some(dir.join(clean)))
    }

    /// Files written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Bytes written so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
}

/// The error for a name that would leave the output folder (`../x`, `/etc/x`).
fn outside_the_output(rel: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        TextError(crate::msg!("refusing to write outside the output: {}", rel)),
    )
}

fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(p) => fs::create_dir_all(p),
        None => Ok(()),
    }
}

/// Replaces files inside an existing output folder, each atomically (a temporary file, then a
/// rename), skipping files whose bytes did not change. Used by the preview's quick updates.
pub fn write_in_place(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<usize> {
    let mut written = 0;
    for (rel, bytes) in files {
        let clean = rel.trim_start_matches('/');
        if !crate::paths::is_safe_relative(clean) {
            return Err(outside_the_output(rel));
        }
        let path = dir.join(clean);
        if fs::read(&path).is_ok_and(|old| &old == bytes) {
            continue;
        }
        create_parent(&path)?;
        let tmp = path.with_extension(format!("thidua-tmp-{}", std::process::id()));
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, &path)?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sink_refuses_escaping_paths() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let sink = Sink::into_dir(dir.path().join("out"));
        assert!(sink.write("../evil.html", b"x").is_err());
        assert!(sink.write("a/../../evil.html", b"x").is_err());
        assert!(sink.write("ok/index.html", b"x").is_ok());
        assert!(!dir.path().join("evil.html").exists());
    }
}
