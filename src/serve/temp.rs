//! The preview's private folder in the system's temporary folder.
//!
//! `thidua-serve-PID-RANDOM`, made by `tempfile`: a name nobody can guess in advance, created
//! with `mkdir` (which never follows a symlink planted at that name), readable by its owner only
//! (0700 on Unix), and marked inside with [`MARKER`], which holds the PID. The site is built
//! into `site/` inside it, so the build's staging folder is private too.
//!
//! It is removed when the preview stops (Ctrl-C, SIGTERM, SIGHUP: see [`super::StopSignals`]).
//! A preview that was killed outright leaves it behind; the next preview removes such folders,
//! and only those: the right name, a real folder (not a symlink) owned by this user (Unix), the
//! marker inside naming the same PID and locked by nobody (the live preview holds a lock on it,
//! on every system), and on Unix no process with that PID any more. Anything else is left
//! alone.

use std::io::Write;
use std::path::{Path, PathBuf};

/// How the folder's name starts; the PID and a random part follow.
pub const PREFIX: &str = "thidua-serve-";
/// The file inside that says thidua made the folder, and for which process.
pub const MARKER: &str = ".thidua-serve";

/// The folder; removed when dropped.
#[derive(Debug)]
pub(crate) struct PreviewDir {
    /// The marker, locked while the preview runs; closed before the folder is removed
    /// (fields drop in order), since Windows cannot remove a folder with an open file.
    _marker: std::fs::File,
    dir: tempfile::TempDir,
}

impl PreviewDir {
    /// Removes folders left by previews that were killed, then creates a new one.
    pub(crate) fn create() -> std::io::Result<PreviewDir> {
        let tmp = std::env::temp_dir();
        remove_stale(&tmp);
        let pid = std::process::id();
        let prefix = format!("{PREFIX}{pid}-");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).rand_bytes(12);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o700));
        }
        let dir = builder.tempdir_in(&tmp)?;
        let mut marker = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(dir.path().join(MARKER))?;
        writeln!(marker, "{pid}")?;
        marker.lock()?;
        Ok(PreviewDir {
            _marker: marker,
            dir,
        })
    }

    /// Where the site is built.
    pub(crate) fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }
}

/// Removes the folders in `tmp` that previews killed outright left behind (see the module
/// documentation for what counts); errors are ignored, since a folder left is only disk space.
pub fn remove_stale(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(pid_in_name) else {
            continue;
        };
        let path = entry.path();
        if pid != std::process::id() && is_ours(&path) && owner_gone(&path, pid) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// The PID in `thidua-serve-PID-RANDOM`.
fn pid_in_name(name: &str) -> Option<u32> {
    let (pid, random) = name.strip_prefix(PREFIX)?.split_once('-')?;
    if random.is_empty() || !random.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    pid.parse().ok().filter(|&p| p > 0)
}

/// A real folder owned by this user (on Unix), with a marker that is a file.
fn is_ours(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.uid() != rustix::process::geteuid().as_raw() {
            return false;
        }
    }
    std::fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Whether the preview that made the folder is gone: nobody holds the marker's lock, the
/// marker names `pid`, and (where the system tells) no process has that PID. The marker is
/// read through the lock just taken: Windows lets no one else read a locked file.
fn owner_gone(path: &Path, pid: u32) -> bool {
    use std::io::Read;
    let Ok(mut marker) = std::fs::File::open(path.join(MARKER)) else {
        return false;
    };
    if marker.try_lock().is_err() {
        return false;
    }
    let mut text = String::new();
    let named = marker.read_to_string(&mut text).is_ok() && text.trim() == pid.to_string();
    named && !process_alive(pid)
}

/// Whether a process with this PID exists, on Unix (when unsure: yes, so nothing is removed);
/// elsewhere the marker's lock alone decides (false).
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return true;
        };
        rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_pid() {
        assert_eq!(pid_in_name("thidua-serve-4242-aB3xYz90QwEr"), Some(4242));
        assert_eq!(pid_in_name("thidua-serve-4242-"), None);
        assert_eq!(pid_in_name("thidua-serve-x-abc"), None);
        assert_eq!(pid_in_name("thidua-serve-0-abc"), None);
        assert_eq!(pid_in_name("thidua-serve-4242-../x"), None);
        assert_eq!(pid_in_name("other-4242-abc"), None);
    }

    #[cfg(unix)]
    #[test]
    fn this_process_is_alive() {
        assert!(process_alive(std::process::id()));
    }
}
