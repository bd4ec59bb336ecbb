//! The photo cache is swept: a photo taken out of every page leaves `.thidua/cache/images/`
//! after three full builds without it; what the pages use, anything outside that folder and
//! whatever a symbolic link points to stay.

use std::path::{Path, PathBuf};

use crate::support::{TestSite, text};

use crate::phone_photos;

/// The cache folders of processed photos (`ab/ab12…-settings`), sorted.
fn cache_folders(root: &Path) -> Vec<PathBuf> {
    let cache = root.join(".thidua/cache/images");
    let mut out = Vec::new();
    for shard in std::fs::read_dir(&cache).into_iter().flatten().flatten() {
        if !shard.file_type().unwrap().is_dir() {
            continue;
        }
        for e in std::fs::read_dir(shard.path()).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

fn build(site: &TestSite) {
    let out = site.cli(&["build"]);
    assert!(out.status.success(), "build: {:?}", text(&out));
}

#[test]
fn a_photo_no_page_uses_leaves_the_cache_after_three_builds_and_nothing_else_does() {
    let site = TestSite::new();
    site.write_bytes(
        "content/tin-tuc/le/anh.jpg",
        &phone_photos::scene_jpeg(640, 480, 1),
    );
    site.page(
        "content/tin-tuc/le/index.md",
        "title: \"Lễ\"\ndescription: \"Lễ.\"",
        "![Quang cảnh](anh.jpg)\n",
    );
    build(&site);
    let first = cache_folders(site.root());
    assert_eq!(first.len(), 1, "{first:?}");

    // Things the sweep must never touch: another cache, a file beside the folders, a link
    // to a folder outside the cache (shaped like a cache folder).
    let other = site
        .root()
        .join(".thidua/cache/precompressed/ab/giu-lai.gz");
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    std::fs::write(&other, b"x").unwrap();
    let outside = site.root().join("ngoai-cache");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("quan-trong.txt"), b"keep").unwrap();
    let shard = first[0].parent().unwrap().to_path_buf();
    // A link in the cache, to a folder outside it (Unix: links need no privilege there).
    #[cfg(unix)]
    let shard_name = shard.file_name().unwrap().to_string_lossy().into_owned();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, shard.join(format!("{shard_name}ff-link"))).unwrap();

    // The photo is replaced by another one.
    site.write_bytes(
        "content/tin-tuc/le/anh.jpg",
        &phone_photos::scene_jpeg(640, 480, 2),
    );
    build(&site);
    let second: Vec<PathBuf> = cache_folders(site.root())
        .into_iter()
        .filter(|p| p != &first[0])
        .collect();
    assert_eq!(second.len(), 1, "{second:?}");
    assert!(first[0].is_dir(), "unused for one build only");
    build(&site);
    assert!(first[0].is_dir(), "unused for two builds only");
    // `check` is not a full build: it neither counts nor sweeps.
    assert!(site.cli(&["check"]).status.success());
    assert!(first[0].is_dir());
    build(&site);
    assert!(!first[0].exists(), "unused for three builds: removed");
    assert!(second[0].join("sizes.txt").is_file(), "in use: kept");
    assert!(other.is_file());
    assert!(outside.join("quan-trong.txt").is_file());
    #[cfg(unix)]
    assert!(
        std::fs::symlink_metadata(shard.join(format!("{shard_name}ff-link"))).is_ok(),
        "a link is not removed"
    );
    // The page still shows the photo, and a fresh build takes it from the cache.
    let html = site.read("tin-tuc/le/index.html");
    assert!(html.contains("anh-480.webp"), "{html}");
    let out = site.cli(&["build", "-v"]);
    let (stdout, _) = text(&out);
    assert!(
        stdout.contains("Photos: 0 processed, 1 from the cache"),
        "{stdout}"
    );
}
