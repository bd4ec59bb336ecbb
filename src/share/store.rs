//! The share images' cache: `.thidua/cache/share/<name>`, one file per image, named by a hash
//! of what it shows (so a name is never stale), swept of what the last build did not use.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `ROOT/.thidua/cache/share`.
pub(crate) fn cache_dir(root: &Path) -> PathBuf {
    root.join(crate::precompress::CACHE_DIR).join("share")
}

/// Puts `bytes` into the cache as `name`, whole or not at all (a temporary file, then a
/// rename). Best effort: a cache that cannot be written only costs time at the next build.
pub(crate) fn store(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    crate::precompress::make_cache_dir(dir)?;
    // Not a `NamedTempFile`: its owner-only mode would follow the copy into the output,
    // where the web server must be able to read it.
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&tmp).and_then(|mut f| f.write_all(bytes));
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, dir.join(name))) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// Removes the cached images whose names are not in `used`.
pub(crate) fn sweep(dir: &Path, used: &HashSet<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !used.contains(&name) {
            let _ = fs::remove_file(e.path());
        }
    }
}
