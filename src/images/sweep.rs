//! Keeping the photo cache from growing for ever: at the end of a successful full build, the
//! cache folders no page used in the last [`KEEP_BUILDS`] full builds are removed (a photo
//! replaced or taken out of a post, old settings). A folder the sweep has never seen (made by
//! `serve` since the last build, or before sweeping existed) counts as used now, unless nothing
//! touched it for [`KEEP_DAYS`] days.
//!
//! Which build last used each folder is written in `.thidua/cache/images/used.txt` (one line
//! per folder: `build-number folder`; the first line is the number of the last build). Only
//! folders shaped as the cache makes them (`ab/ab12…-settings/`) directly under
//! `.thidua/cache/images/` are ever removed; symbolic links are never followed nor removed, and
//! a cache folder that is itself a link is left alone. Best effort: what cannot be read or
//! removed stays, and costs only disk space.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Full builds a folder may go unused before it is removed.
pub const KEEP_BUILDS: u64 = 3;

/// Days a folder the sweep has never seen may go untouched before it is removed.
pub const KEEP_DAYS: u64 = 30;

/// The record of uses, beside the folders.
const USED: &str = "used.txt";

/// What a sweep removed: (folders, bytes).
pub type Swept = (usize, u64);

/// Records that the folders `used` (under `cache`) served this build and removes the folders
/// no build used in the last [`KEEP_BUILDS`].
pub(super) fn sweep(cache: &Path, used: &HashSet<PathBuf>) -> Swept {
    // A cache that is a link (or is missing) is not thidua's to clean.
    let Ok(meta) = fs::symlink_metadata(cache) else {
        return (0, 0);
    };
    if !meta.file_type().is_dir() {
        return (0, 0);
    }
    let (last, mut record) = read_record(&cache.join(USED));
    let now = last + 1;
    let mut removed = (0, 0);
    let mut kept = BTreeMap::new();
    for (name, dir) in entries(cache) {
        let seen = if used.contains(&dir) {
            Some(now)
        } else {
            record.remove(&name)
        };
        let keep = match seen {
            Some(build) => build + KEEP_BUILDS > now,
            // Never seen: kept (and counted from now) unless untouched for KEEP_DAYS.
            None => !untouched_for(&dir, Duration::from_secs(KEEP_DAYS * 86_400)),
        };
        if keep {
            kept.insert(name, seen.unwrap_or(now));
            continue;
        }
        let bytes = size(&dir);
        if fs::remove_dir_all(&dir).is_ok() {
            removed.0 += 1;
            removed.1 += bytes;
        }
        if let Some(parent) = dir.parent() {
            // Only if empty.
            let _ = fs::remove_dir(parent);
        }
    }
    write_record(cache, now, &kept);
    removed
}

/// The cache's folders, `(ab/ab12…-settings, path)`: real directories only, two levels down.
fn entries(cache: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(shards) = fs::read_dir(cache) else {
        return out;
    };
    for shard in shards.flatten() {
        let shard_name = shard.file_name().to_string_lossy().into_owned();
        let is_dir = shard.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || shard_name.len() != 2 || !shard_name.chars().all(|c| c.is_ascii_hexdigit()) {
            continue;
        }
        let Ok(inner) = fs::read_dir(shard.path()) else {
            continue;
        };
        for e in inner.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            // `file_type` does not follow links: a link is neither a dir here nor removed.
            if e.file_type().is_ok_and(|t| t.is_dir()) && name.starts_with(&shard_name) {
                out.push((format!("{shard_name}/{name}"), e.path()));
            }
        }
    }
    out.sort();
    out
}

/// (the last build's number, folder → the last build that used it).
fn read_record(path: &Path) -> (u64, BTreeMap<String, u64>) {
    let Ok(text) = fs::read_to_string(path) else {
        return (0, BTreeMap::new());
    };
    let mut lines = text.lines();
    let last = lines
        .next()
        .and_then(|l| l.strip_prefix("build "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let record = lines
        .filter_map(|l| {
            let (n, name) = l.split_once(' ')?;
            Some((name.to_string(), n.parse().ok()?))
        })
        .collect();
    (last, record)
}

/// Writes the record through a temporary file and a rename.
fn write_record(cache: &Path, now: u64, kept: &BTreeMap<String, u64>) {
    let mut text = format!("build {now}\n");
    for (name, n) in kept {
        text.push_str(&format!("{n} {name}\n"));
    }
    let Ok(mut tmp) = tempfile::NamedTempFile::new_in(cache) else {
        return;
    };
    if tmp.write_all(text.as_bytes()).is_ok() {
        let _ = tmp.persist(cache.join(USED));
    }
}

/// Whether nothing in `dir` (nor `dir` itself) changed for `age`.
fn untouched_for(dir: &Path, age: Duration) -> bool {
    let newest = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .chain(
            fs::symlink_metadata(dir)
                .ok()
                .and_then(|m| m.modified().ok()),
        )
        .max();
    newest.is_some_and(|t| {
        SystemTime::now()
            .duration_since(t)
            .is_ok_and(|since| since > age)
    })
}

/// The bytes of the files directly in `dir`.
fn size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let m = fs::symlink_metadata(e.path()).ok()?;
            m.is_file().then_some(m.len())
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(cache: &Path, name: &str) -> PathBuf {
        let dir = cache.join(&name[..2]).join(name);
        fs::create_dir_all(&dir).expect("dir");
        fs::write(dir.join("480.webp"), b"webp").expect("file");
        fs::write(dir.join("sizes.txt"), b"opaque\n480 360\n").expect("file");
        dir
    }

    #[test]
    fn a_folder_unused_for_three_builds_goes_and_nothing_else() {
        let tmp = tempfile::tempdir().expect("tmp");
        let cache = tmp.path().join("images");
        let a = entry(&cache, "aa11-w480-q75.80");
        let b = entry(&cache, "bb22-w480-q75.80");
        fs::write(cache.join("aa").join("stray.txt"), b"x").expect("stray");
        let both: HashSet<PathBuf> = [a.clone(), b.clone()].into();
        let only_a: HashSet<PathBuf> = [a.clone()].into();
        assert_eq!(sweep(&cache, &both), (0, 0));
        assert_eq!(sweep(&cache, &only_a), (0, 0));
        assert_eq!(sweep(&cache, &only_a), (0, 0));
        assert!(b.is_dir(), "used two builds ago");
        // Third build without b: b was last used three builds ago.
        assert_eq!(sweep(&cache, &only_a), (1, 19));
        assert!(!b.exists() && !cache.join("bb").exists());
        assert!(a.is_dir() && cache.join("aa/stray.txt").is_file());
        let record = fs::read_to_string(cache.join(USED)).expect("record");
        assert_eq!(record, "build 4\n4 aa/aa11-w480-q75.80\n");
    }

    #[test]
    fn folders_never_seen_count_from_now_and_links_are_left_alone() {
        let tmp = tempfile::tempdir().expect("tmp");
        let cache = tmp.path().join("images");
        let fresh = entry(&cache, "cc33-w480-q75.80");
        let outside = tmp.path().join("outside");
        fs::create_dir_all(&outside).expect("outside");
        fs::write(outside.join("keep.txt"), b"keep").expect("keep");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, cache.join("cc").join("cc44-link")).expect("link");
        let none = HashSet::new();
        for _ in 0..KEEP_BUILDS {
            assert_eq!(sweep(&cache, &none), (0, 0));
        }
        assert!(fresh.is_dir());
        assert_eq!(sweep(&cache, &none).0, 1);
        assert!(!fresh.exists());
        assert!(outside.join("keep.txt").is_file());
        #[cfg(unix)]
        assert!(fs::symlink_metadata(cache.join("cc").join("cc44-link")).is_ok());
    }

    #[test]
    fn a_cache_that_is_a_link_is_not_swept() {
        let tmp = tempfile::tempdir().expect("tmp");
        let real = tmp.path().join("real");
        let e = entry(&real, "dd55-w480-q75.80");
        #[cfg(unix)]
        {
            let cache = tmp.path().join("images");
            std::os::unix::fs::symlink(&real, &cache).expect("link");
            for _ in 0..5 {
                assert_eq!(sweep(&cache, &HashSet::new()), (0, 0));
            }
        }
        assert!(e.is_dir());
    }
}
