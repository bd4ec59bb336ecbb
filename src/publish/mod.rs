//! `thidua publish`: puts a fresh build (never drafts, never a failed build) where the public
//! sees it: a local or mounted folder, a server over rsync/SSH, or one `.zip` for a portal's
//! upload form.
//!
//! Planning is separate from doing, so the command can show what will change and ask first.
//! What thidua may touch at a destination is what it put there: a manifest (the marker file
//! [`MARKER`]) lists every file it published, and only those are replaced or removed; files
//! that others put beside them (`.htaccess`, `uploads/`, a search console's proof file) are
//! left alone. A non-empty destination without the marker is refused, and so is one inside the
//! site's own sources (the site would swallow itself). A folder is updated in a copy beside it
//! (unchanged files hard-linked) and swapped in at once, so a full disk or a kill half-way
//! leaves the live site as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::BuildError;
use crate::messages::Text;

mod folder;
mod rsync;
pub use folder::{Applied, apply_folder};
pub use rsync::{RsyncPlan, apply_rsync, plan_rsync, rsync_changes};

/// The marker and manifest thidua leaves at a destination it publishes to.
pub const MARKER: &str = ".thidua-published";

/// The first line of the manifest; the files follow, one per line.
const MANIFEST_HEAD: &str = "# Published by thidua. The files listed below were put here by thidua and are replaced or removed at every `thidua publish`; other files are left alone.";

/// The comment of every zip thidua writes: a zip without it is never overwritten.
const ZIP_COMMENT: &str = "thidua";

/// Prefix of the copy a folder is updated in, beside it.
const STAGING: &str = ".thidua-publishing-";

/// `publish:` in `site.yaml`: exactly one of `folder` or `rsync`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PublishConfig {
    /// A local or mounted folder.
    #[serde(default)]
    pub folder: Option<String>,
    /// An rsync destination (`web@server:/var/www/thidua/5-nam/`), reached over SSH.
    #[serde(default)]
    pub rsync: Option<String>,
}

/// Where to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A folder on this computer (or mounted from the portal).
    Folder(PathBuf),
    /// An rsync destination.
    Rsync(String),
}

impl Target {
    /// The target from `site.yaml`'s `publish:` (relative folders are relative to the root).
    pub fn from_config(c: &PublishConfig, root: &Path) -> Result<Target, BuildError> {
        match (&c.folder, &c.rsync) {
            (Some(f), None) => Ok(Target::Folder(root.join(f))),
            (None, Some(r)) => {
                // rsync reads an argument that starts with "-" as an option (--log-file=…,
                // -e 'sh …'): a destination never does.
                if r.trim().is_empty() || r.starts_with('-') {
                    return Err(BuildError::usage(crate::msg!(
                        "site.yaml: \"publish: rsync\" must be a destination like user@server:/path/, found \"{}\"",
                        r
                    )));
                }
                Ok(Target::Rsync(r.clone()))
            }
            _ => Err(BuildError::Usage(crate::msg!(
                "site.yaml: \"publish\" needs exactly one of \"folder\" (a local or mounted folder) or \"rsync\" (user@server:/path/)"
            ))),
        }
    }
}

/// What publishing would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files new to the target.
    pub added: Vec<String>,
    /// Files whose bytes differ.
    pub changed: Vec<String>,
    /// Files thidua published before that the site no longer has.
    pub removed: Vec<String>,
    /// Files already identical.
    pub unchanged: usize,
    /// Every file of the site: the manifest written after publishing.
    manifest: Vec<String>,
}

impl Plan {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Refuses destinations inside the site's own sources or output, or containing the site: a
/// build would copy the published files back in, and the site would grow at every publish.
pub fn check_destination(dest: &Path, root: &Path, output: &Path) -> Result<(), BuildError> {
    let dest = resolved(dest);
    let root = resolved(root);
    let output = resolved(output);
    let refuse = |why: Text| {
        Err(BuildError::usage(crate::msg!(
            "refusing to publish to {}: {}",
            dest.display(),
            why
        )))
    };
    if root.starts_with(&dest) {
        return refuse(crate::msg!("it is the site's folder or contains it"));
    }
    if dest.starts_with(&output) {
        return refuse(crate::msg!(
            "it is inside the build output, which every build replaces"
        ));
    }
    for sub in [
        "content",
        "static",
        "themes",
        "templates",
        ".git",
        ".thidua",
    ] {
        if dest.starts_with(root.join(sub)) {
            return refuse(crate::msg!(
                "it is inside the site's {} folder, so the site would publish itself again at every build",
                format!("{sub}/")
            ));
        }
    }
    Ok(())
}

/// The absolute path with symlinks resolved in the part that exists.
fn resolved(p: &Path) -> PathBuf {
    crate::write::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// What a destination's manifest says thidua owns there.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owned {
    /// No marker: thidua owns nothing there.
    Nothing,
    /// A marker from an older thidua, without a list: thidua may replace the site's own files
    /// but removes nothing (it cannot tell its old files from other people's).
    Unlisted,
    /// The files listed.
    Listed(BTreeSet<String>),
}

impl Owned {
    fn parse(text: Option<&str>) -> Owned {
        let Some(text) = text else {
            return Owned::Nothing;
        };
        if !text.starts_with(MANIFEST_HEAD) {
            return Owned::Unlisted;
        }
        Owned::Listed(
            text.lines()
                .skip(1)
                .filter(|l| !l.is_empty() && is_safe_rel(l))
                .map(str::to_string)
                .collect(),
        )
    }

    fn owns(&self, rel: &str, site_has_it: bool) -> bool {
        match self {
            Owned::Nothing => false,
            Owned::Unlisted => site_has_it,
            Owned::Listed(files) => files.contains(rel),
        }
    }
}

/// A relative path that stays inside the destination and is not hidden (thidua never
/// publishes `.git/`, `.well-known/`…, so a manifest naming one was not written by it).
fn is_safe_rel(rel: &str) -> bool {
    crate::paths::is_safe_relative(rel)
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && !rel.split('/').any(|seg| seg.starts_with('.'))
}

/// Compares the site's files with what the destination has, given the manifest found there.
fn plan(
    src: &BTreeMap<String, PathBuf>,
    dst: &BTreeMap<String, Option<PathBuf>>,
    owned: &Owned,
    shown: &str,
) -> Result<Plan, BuildError> {
    let foreign_files = || dst.keys().any(|k| k != MARKER);
    if *owned == Owned::Nothing && foreign_files() {
        return Err(BuildError::usage(crate::msg!(
            "{} has files that thidua did not publish there: publish into an empty folder, or one thidua published to before",
            shown
        )));
    }
    let mut plan = Plan::default();
    let mut clashes = Vec::new();
    for (rel, path) in src {
        plan.manifest.push(rel.clone());
        // A file or a symbolic link where the site needs a folder: writing there would go
        // through the link (into another folder) or replace a file nobody listed.
        let mut parents = rel.match_indices('/').map(|(i, _)| &rel[..i]);
        if let Some(blocking) = parents.find(|p| dst.contains_key(*p)) {
            clashes.push(blocking.to_string());
            continue;
        }
        match dst.get(rel) {
            None => plan.added.push(rel.clone()),
            Some(_) if !owned.owns(rel, true) => clashes.push(rel.clone()),
            Some(None) => plan.changed.push(rel.clone()),
            Some(Some(old)) => {
                if same_bytes(path, old) {
                    plan.unchanged += 1;
                } else {
                    plan.changed.push(rel.clone());
                }
            }
        }
    }
    clashes.dedup();
    if !clashes.is_empty() {
        let mut list = clashes
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if clashes.len() > 5 {
            list.push_str(", …");
        }
        return Err(BuildError::usage(crate::msg!(
            "{} already has files that thidua did not publish but the site would replace ({}): move them away first",
            shown,
            list
        )));
    }
    if let Owned::Listed(files) = owned {
        plan.removed = files
            .iter()
            .filter(|f| !src.contains_key(*f) && dst.contains_key(*f))
            .cloned()
            .collect();
    }
    Ok(plan)
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    fs::metadata(a).map(|m| m.len()).ok() == fs::metadata(b).map(|m| m.len()).ok()
        && fs::read(a).ok() == fs::read(b).ok()
}

/// Compares the built site `from` with the folder `to`.
pub fn plan_folder(from: &Path, to: &Path) -> Result<Plan, BuildError> {
    let shown = to.display().to_string();
    let to = &resolved(to);
    let src = list(from)?;
    let dst: BTreeMap<String, Option<PathBuf>> = if to.exists() {
        list_all(to)?
            .into_iter()
            .map(|(k, v)| (k, Some(v)))
            .collect()
    } else {
        BTreeMap::new()
    };
    let owned = Owned::parse(fs::read_to_string(to.join(MARKER)).ok().as_deref());
    plan(&src, &dst, &owned, &shown)
}

fn manifest(plan: &Plan) -> String {
    let mut out = String::from(MANIFEST_HEAD);
    out.push('\n');
    for f in &plan.manifest {
        out.push_str(f);
        out.push('\n');
    }
    out
}

/// Every file of the built site by its `/`-separated relative path (the build's own marker
/// is not part of the site).
fn list(dir: &Path) -> Result<BTreeMap<String, PathBuf>, BuildError> {
    let mut out = list_all(dir)?;
    out.remove(crate::write::OUTPUT_MARKER);
    out.remove(MARKER);
    Ok(out)
}

/// Every file and symlink under `dir` by its `/`-separated relative path.
fn list_all(dir: &Path) -> Result<BTreeMap<String, PathBuf>, BuildError> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.map_err(|e| BuildError::io(dir.display(), e.into()))?;
        if !e.file_type().is_dir() {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(rel, e.into_path());
        }
    }
    Ok(out)
}

/// Writes the built site into one `.zip` (for a portal's upload form). Returns the file count.
/// An existing file is replaced only when it is a zip thidua wrote; the zip is written under a
/// temporary name first, so a failure leaves the old one.
pub fn write_zip(from: &Path, zip_path: &Path) -> Result<usize, BuildError> {
    check_zip(zip_path)?;
    let files = list(from)?;
    let dir = resolved(zip_path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let fail = |e: &dyn std::fmt::Display| {
        BuildError::io(zip_path.display(), std::io::Error::other(e.to_string()))
    };
    let tmp = tempfile::Builder::new()
        .prefix(".thidua-zip-")
        .tempfile_in(&dir)
        .map_err(|e| BuildError::io(dir.display(), e))?;
    let mut zip = zip::ZipWriter::new(tmp);
    zip.set_comment(ZIP_COMMENT).map_err(|e| fail(&e))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (rel, path) in &files {
        zip.start_file(rel.as_str(), options)
            .map_err(|e| fail(&e))?;
        let bytes = fs::read(path).map_err(|e| BuildError::io(path.display(), e))?;
        zip.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    let tmp = zip.finish().map_err(|e| fail(&e))?;
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    // A temporary file is private (0600); the zip gets the old one's permissions, or the
    // usual ones for a file to upload.
    let mode = fs::metadata(zip_path).ok().map(|m| m.permissions());
    tmp.persist(zip_path).map_err(|e| fail(&e.error))?;
    match mode {
        Some(p) => fs::set_permissions(zip_path, p),
        None => readable_by_all(zip_path),
    }
    .map_err(|e| BuildError::io(zip_path.display(), e))?;
    Ok(files.len())
}

#[cfg(unix)]
fn readable_by_all(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Refuses to replace a file that is not a zip thidua wrote (`--zip site.yaml` must not
/// destroy the configuration).
pub fn check_zip(zip_path: &Path) -> Result<(), BuildError> {
    if fs::symlink_metadata(zip_path).is_ok() && !is_thidua_zip(zip_path) {
        return Err(BuildError::usage(crate::msg!(
            "refusing to overwrite {}: it is not a zip that thidua wrote. Choose a new file name",
            zip_path.display()
        )));
    }
    Ok(())
}

fn is_thidua_zip(path: &Path) -> bool {
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    zip::ZipArchive::new(file).is_ok_and(|z| z.comment() == ZIP_COMMENT.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_old_and_new() {
        assert_eq!(Owned::parse(None), Owned::Nothing);
        assert_eq!(
            Owned::parse(Some("Published by thidua. Files here are replaced.\n")),
            Owned::Unlisted
        );
        let text = format!(
            "{MANIFEST_HEAD}\nindex.html\n../../etc/passwd\n/etc/shadow\n.git/config\na/index.html\n"
        );
        assert_eq!(
            Owned::parse(Some(&text)),
            Owned::Listed(BTreeSet::from(["index.html".into(), "a/index.html".into()]))
        );
    }

    #[test]
    fn rsync_destinations_that_look_like_options_are_refused() {
        for dest in ["--log-file=/tmp/x", "-e sh", " ", ""] {
            let c = PublishConfig {
                folder: None,
                rsync: Some(dest.into()),
            };
            assert!(
                Target::from_config(&c, Path::new("/srv")).is_err(),
                "{dest}"
            );
        }
    }
}
