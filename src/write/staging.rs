//! The staging folder of a build: made beside the output after checking that the output is
//! a folder thidua may replace, filled by the [`Sink`], and swapped in at once when everything
//! succeeded (renameat2 RENAME_EXCHANGE on Linux, renamex_np RENAME_SWAP on macOS, two renames
//! on Windows, which has no atomic folder swap); removed otherwise.
//!
//! While a build runs it holds a lock on `<staging>.lock` beside its folder: a folder whose lock
//! nobody holds was left by a build that was killed, whatever the system and even when its
//! process number was given to another program since.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{OUTPUT_MARKER, OUTPUT_MARKER_TEXT, Ownership, STAGING, Sink};
use crate::diagnostic::BuildError;
use crate::messages::Text;

/// A staging directory that becomes the output on [`Staging::commit`], or disappears.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    sink: Sink,
    committed: bool,
    /// Dropped after the folder is removed or swapped in (fields drop in order).
    _live: LiveLock,
}

impl Staging {
    /// Creates an empty staging directory beside `output`, after checking that `output` is a
    /// safe place to replace. Removes staging directories left by killed builds.
    pub fn create(
        output: &Path,
        root: &Path,
        precompress: Option<crate::precompress::Precompressor>,
        ownership: Ownership,
    ) -> Result<Staging, BuildError> {
        let output = absolute(output)?;
        check_output(&output, &absolute(root)?, ownership)?;
        let parent = output.parent().ok_or_else(|| {
            BuildError::usage(crate::msg!(
                "{} cannot be an output directory",
                output.display()
            ))
        })?;
        fs::create_dir_all(parent).map_err(|e| BuildError::io(parent.display(), e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        remove_stale_siblings(parent, &format!("{STAGING}{name}-"));
        let staging = parent.join(format!("{STAGING}{name}-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| BuildError::io(staging.display(), e))?;
        }
        let live = LiveLock::hold(&staging).map_err(|e| BuildError::io(staging.display(), e))?;
        fs::create_dir(&staging).map_err(|e| BuildError::io(staging.display(), e))?;
        let marker = staging.join(OUTPUT_MARKER);
        fs::write(&marker, OUTPUT_MARKER_TEXT).map_err(|e| BuildError::io(marker.display(), e))?;
        let previous = output.is_dir().then(|| output.clone());
        Ok(Staging {
            output,
            sink: Sink {
                previous,
                precompress,
                ..Sink::into_dir(staging)
            },
            committed: false,
            _live: live,
        })
    }

    /// The sink to render into.
    pub fn sink(&self) -> &Sink {
        &self.sink
    }

    fn staging_dir(&self) -> &Path {
        self.sink.dir.as_deref().unwrap_or(Path::new(""))
    }

    /// Swaps the staging directory in as the output, atomically; the old output is removed,
    /// and so are cached compressed copies this build did not use.
    pub fn commit(mut self) -> Result<(), BuildError> {
        let staging = self.staging_dir().to_path_buf();
        let out = self.output.clone();
        if !out.exists() {
            fs::rename(&staging, &out).map_err(|e| BuildError::io(out.display(), e))?;
        } else {
            exchange(&staging, &out).map_err(|e| BuildError::io(out.display(), e))?;
            // `staging` now holds the previous output.
            fs::remove_dir_all(&staging).map_err(|e| BuildError::io(staging.display(), e))?;
        }
        self.committed = true;
        if let Some(p) = &self.sink.precompress {
            p.sweep();
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(self.staging_dir());
        }
    }
}

/// Whether this system swaps two folders in one step (Linux, macOS); on the others a reader
/// may, for an instant, find the output missing between the two renames of [`exchange`].
pub const ATOMIC_SWAP: bool = cfg!(any(target_os = "linux", target_vendor = "apple"));

/// What a build says once on a system without [`ATOMIC_SWAP`]: `None` where the swap is atomic.
pub fn swap_note() -> Option<Text> {
    (!ATOMIC_SWAP).then(|| {
        crate::msg!(
            "this system cannot swap folders in one step, so the output folder is missing for an instant while the new one is put in place (Linux and macOS swap it at once)"
        )
    })
}

/// Swaps two paths atomically (Linux `renameat2`, macOS `renamex_np`); elsewhere, and on
/// file systems that cannot swap, two renames.
pub(crate) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::NOTSUP => {}
            Err(e) => return Err(e.into()),
        }
    }
    let mut aside = OsString::from(b.as_os_str());
    aside.push(".thidua-old");
    let aside = PathBuf::from(aside);
    fs::rename(b, &aside)?;
    if let Err(e) = fs::rename(a, b) {
        // Put the old one back: never leave `b` missing.
        let _ = fs::rename(&aside, b);
        return Err(e);
    }
    fs::rename(&aside, a)
}

/// The absolute form of `p`, with symbolic links resolved in the part that exists and `..`
/// removed (publish uses it too, for its destinations).
pub(crate) fn absolute(p: &Path) -> Result<PathBuf, BuildError> {
    let abs = std::path::absolute(p).map_err(|e| BuildError::io(p.display(), e))?;
    // Resolve symlinks in the part that exists, so `public -> /` cannot slip through.
    let mut existing = abs.clone();
    let mut tail = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(ToOwned::to_owned),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                tail.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    // dunce: on Windows `C:\site\public` as Windows shows it, not std's `\\?\C:\site\public`.
    let mut resolved = dunce::canonicalize(&existing).unwrap_or(existing);
    for part in tail.into_iter().rev() {
        resolved.push(part);
    }
    Ok(normalize(&resolved))
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Refuses outputs whose replacement would destroy sources or a home.
fn check_output(output: &Path, root: &Path, ownership: Ownership) -> Result<(), BuildError> {
    let refuse = |why: Text| {
        Err(BuildError::usage(crate::msg!(
            "refusing to use {} as the output directory: {}",
            output.display(),
            why
        )))
    };
    if output.parent().is_none() {
        return refuse(crate::msg!("it is the file system root"));
    }
    // Resolve the home folder the same way as the output (it may be a symlink).
    for home in crate::platform::home_dirs()
        .iter()
        .filter_map(|h| absolute(h).ok())
    {
        if home == output {
            return refuse(crate::msg!("it is your home directory"));
        }
        if home.starts_with(output) {
            return refuse(crate::msg!("it contains your home directory"));
        }
    }
    if output.is_file() {
        return refuse(crate::msg!("it is a file, not a folder"));
    }
    if root.starts_with(output) {
        return refuse(crate::msg!("it is the site root or contains it"));
    }
    for sub in ["content", "themes", "templates", "static", ".git"] {
        if output.starts_with(root.join(sub)) {
            return refuse(crate::msg!("it is inside the site's {}/ folder", sub));
        }
    }
    for marker in ["site.yaml", "content", ".git", "Cargo.toml"] {
        if output.join(marker).exists() {
            return refuse(crate::msg!(
                "it contains {}, so it looks like a project, not a built site",
                marker
            ));
        }
    }
    // A folder is replaced whole: only an empty one, one thidua built before, or one the user
    // says is theirs to replace. (An index.html proves nothing: web roots ship with one.)
    let non_empty = fs::read_dir(output).is_ok_and(|mut d| d.next().is_some());
    let marked = fs::symlink_metadata(output.join(OUTPUT_MARKER)).is_ok_and(|m| m.is_file());
    if non_empty && !marked && ownership == Ownership::MarkedOnly {
        return refuse(crate::msg!(
            "it holds files that thidua did not make (no .thidua-output marker); everything in it would be deleted. Choose a new or empty folder, or, if all of it may be deleted, run again with --replace-output"
        ));
    }
    Ok(())
}

/// The lock a running build or publish holds on `<folder>.lock`, beside its working folder;
/// released and removed when dropped, after the folder is gone.
#[derive(Debug)]
pub(crate) struct LiveLock {
    path: PathBuf,
    _file: fs::File,
}

impl LiveLock {
    /// Creates and locks `<folder>.lock`; call it before creating `folder`.
    pub(crate) fn hold(folder: &Path) -> io::Result<LiveLock> {
        let path = lock_path(folder);
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock()?;
        Ok(LiveLock { path, _file: file })
    }
}

impl Drop for LiveLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

fn lock_path(folder: &Path) -> PathBuf {
    let mut name = OsString::from(folder.as_os_str());
    name.push(".lock");
    PathBuf::from(name)
}

/// Whether the build that made `folder` (process `pid`) is gone: its lock is free; a folder
/// without a lock file (made by an older thidua) is judged by the process number where the
/// system shows it.
fn owner_gone(folder: &Path, pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    match fs::File::open(lock_path(folder)) {
        Ok(file) => file.try_lock().is_ok(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => !process_alive(pid),
        Err(_) => false,
    }
}

/// Removes working folders (`PREFIX<pid>`) in `parent` left by thidua processes that were
/// killed: only names with thidua's prefix and a process number, whose lock nobody holds.
pub(crate) fn remove_stale_siblings(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file.strip_prefix(prefix) else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if owner_gone(&e.path(), pid) {
            // A planted symlink is removed as a link; its target is never entered.
            let _ = match e.file_type() {
                Ok(t) if t.is_dir() => fs::remove_dir_all(e.path()),
                _ => fs::remove_file(e.path()),
            };
            let _ = fs::remove_file(lock_path(&e.path()));
        }
    }
}

/// Whether a process with this id exists, for folders without a lock file (made by a thidua
/// from before the lock).
fn process_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        Path::new(&format!("/proc/{pid}")).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        // Without /proc, such a folder is never assumed stale: leaving one behind is better
        // than deleting the folder of a build that is still running.
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs() {
        let root = Path::new("/srv/site");
        for (out, why) in [
            ("/srv/site", "site root"),
            ("/srv", "site root"),
            ("/srv/site/content", "content/"),
            ("/srv/site/content/x", "content/"),
            ("/srv/site/themes/default", "themes/"),
        ] {
            let err = check_output(Path::new(out), root, Ownership::Replace)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains(why), "{out}: {err}");
        }
        assert!(check_output(Path::new("/srv/site/public"), root, Ownership::MarkedOnly).is_ok());
    }

    #[test]
    fn commit_swaps_and_failure_keeps_old() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap_or_else(|e| panic!("{e}"));
        let out = root.join("public");
        let s = Staging::create(&out, &root, None, Ownership::MarkedOnly)
            .unwrap_or_else(|e| panic!("{e}"));
        s.sink()
            .write("index.html", b"one")
            .unwrap_or_else(|e| panic!("{e}"));
        s.commit().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read(out.join("index.html")).ok(), Some(b"one".to_vec()));
        let s = Staging::create(&out, &root, None, Ownership::MarkedOnly)
            .unwrap_or_else(|e| panic!("{e}"));
        s.sink()
            .write("index.html", b"two")
            .unwrap_or_else(|e| panic!("{e}"));
        drop(s); // a failed build never commits
        assert_eq!(fs::read(out.join("index.html")).ok(), Some(b"one".to_vec()));
        let s = Staging::create(&out, &root, None, Ownership::MarkedOnly)
            .unwrap_or_else(|e| panic!("{e}"));
        s.sink()
            .write("index.html", b"three")
            .unwrap_or_else(|e| panic!("{e}"));
        s.commit().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            fs::read(out.join("index.html")).ok(),
            Some(b"three".to_vec())
        );
        let leftovers: Vec<_> = fs::read_dir(&root)
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![OsString::from("public")]);
    }
}
