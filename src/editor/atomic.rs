//! Saves that survive a crash: the new bytes go to a temporary file beside the target, are
//! flushed to the disk (`fsync`), then renamed over the target, and the folder is flushed too.
//! A `kill -9` or a power cut at any moment leaves the old file or the new one, never half.
//!
//! Debug builds only: `THIDUA_EDITOR_PAUSE_SAVE=SECONDS` pauses after half the bytes are
//! written to the temporary file, so a test can kill the process mid-save.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically; `private` makes the file readable by its owner only
/// (Unix mode 0600: the accounts file).
pub fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".thidua-save-")
        .tempfile_in(dir)?;
    let half = bytes.len() / 2;
    tmp.write_all(&bytes[..half])?;
    pause_for_tests();
    tmp.write_all(&bytes[half..])?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if private { 0o600 } else { 0o644 };
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = private;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Flushes a folder's entries (the rename) to the disk; a no-op where folders cannot be opened.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(debug_assertions)]
fn pause_for_tests() {
    if let Some(secs) = std::env::var("THIDUA_EDITOR_PAUSE_SAVE")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_secs(secs));
    }
}

#[cfg(not(debug_assertions))]
fn pause_for_tests() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "cũ").expect("write");
        write_atomic(&path, "mới".as_bytes(), true).expect("save");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "mới");
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(names.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
