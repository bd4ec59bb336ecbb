//! Walking the site's own folders (`content/`, `static/`, a theme): in name order, with
//! symbolic links followed only while they stay inside the site.
//!
//! A link that leads out of the site (to `/etc/passwd`, `/proc/self/environ`, a home folder)
//! or into a hidden folder of the site (`.git/`, `.thidua/`) is not entered and not read: the
//! walk yields it as [`Step::Outside`], for the caller to report. What a build publishes can
//! therefore only come from the site's own, visible files.

use std::path::{Path, PathBuf};

/// One step of a walk.
#[derive(Debug)]
pub enum Step {
    /// A file or folder to use (a link that stays inside the site counts as its target).
    Entry(walkdir::DirEntry),
    /// A symbolic link that leads out of the site (or nowhere): not followed.
    Outside {
        /// The link.
        path: PathBuf,
        /// Where it leads, as far as it can be read.
        target: PathBuf,
    },
    /// A folder that cannot be read, or a link loop.
    Error(walkdir::Error),
}

/// Walks `dir` in name order, skipping names `skip` says to (the top folder is never skipped).
/// Symbolic links are followed when their target lies inside one of `inside` (canonical
/// paths: the site's folder, and the walked folder itself when it is a link to elsewhere).
pub fn walk<'a>(
    dir: &Path,
    inside: Vec<PathBuf>,
    skip: impl Fn(&str) -> bool + Send + 'a,
) -> impl Iterator<Item = Step> + Send + 'a {
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| e.depth() == 0 || !skip(&e.file_name().to_string_lossy()));
    std::iter::from_fn(move || {
        let entry = match it.next()? {
            Ok(e) => e,
            Err(e) => return Some(Step::Error(e)),
        };
        if entry.depth() > 0
            && entry.path_is_symlink()
            && let Err(target) = stays_inside(entry.path(), &inside)
        {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            return Some(Step::Outside {
                path: entry.into_path(),
                target,
            });
        }
        Some(Step::Entry(entry))
    })
}

/// Whether the link at `path` resolves inside one of `roots` and not into a hidden folder
/// there; `Err(target)` otherwise.
fn stays_inside(path: &Path, roots: &[PathBuf]) -> Result<(), PathBuf> {
    let Ok(target) = std::fs::canonicalize(path) else {
        return Err(std::fs::read_link(path).unwrap_or_else(|_| path.to_path_buf()));
    };
    let visible_inside = roots.iter().any(|root| {
        target.strip_prefix(root).is_ok_and(|rel| {
            rel.components()
                .all(|c| !c.as_os_str().to_string_lossy().starts_with('.'))
        })
    });
    if visible_inside { Ok(()) } else { Err(target) }
}

/// The folders a link found while walking `walked` may lead into: the site's source folders
/// (content, static, themes, templates, i18n) and the walked folder itself, canonical. Not the
/// site's other folders: the build output (a link to it made the site swallow itself), notes
/// or keys kept beside the sources, `site.yaml`.
pub fn source_roots(site_root: &Path, walked: &Path) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = ["content", "static", "themes", "templates", "i18n"]
        .iter()
        .map(|f| site_root.join(f))
        .chain([walked.to_path_buf()])
        .collect();
    roots(&folders.iter().map(PathBuf::as_path).collect::<Vec<_>>())
}

/// The canonical forms of `paths` that exist (the roots a walk's links may lead into).
pub fn roots(paths: &[&Path]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_of_the_site_are_not_followed() {
        let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(outside.path().join("secret"), "s").unwrap_or_else(|e| panic!("{e}"));
        let site = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let content = site.path().join("content");
        std::fs::create_dir_all(content.join("a")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(site.path().join(".git")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(site.path().join(".git/config"), "c").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(content.join("a/own.md"), "x").unwrap_or_else(|e| panic!("{e}"));
        let link = |target: &Path, name: &str| {
            symlink(target, content.join(name)).unwrap_or_else(|e| panic!("{e}"));
        };
        link(&outside.path().join("secret"), "file-out");
        link(outside.path(), "dir-out");
        link(&site.path().join(".git/config"), "git");
        link(&content.join("a/own.md"), "file-in");
        link(&content.join("a"), "dir-in");
        link(&site.path().join("missing"), "dangling");
        let mut used = Vec::new();
        let mut refused = Vec::new();
        let mut errors = 0;
        for step in walk(&content, source_roots(site.path(), &content), |_| false) {
            match step {
                Step::Entry(e) if e.file_type().is_file() => used.push(
                    e.path()
                        .strip_prefix(&content)
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                ),
                Step::Outside { path, .. } => refused.push(
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                ),
                Step::Error(_) => errors += 1,
                Step::Entry(_) => {}
            }
        }
        assert_eq!(used, ["a/own.md", "dir-in/own.md", "file-in"]);
        assert_eq!(refused, ["dir-out", "file-out", "git"]);
        assert_eq!(errors, 1, "the dangling link");
    }
}
