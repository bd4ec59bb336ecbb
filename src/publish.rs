//! `thidua publish`: puts a fresh build (never drafts, never a failed build) where the public
//! sees it: a local or mounted folder (only what changed is copied, pages that no longer exist
//! are removed), a server over rsync/SSH, or one `.zip` for a portal's upload form.
//!
//! Planning is separate from doing, so the command can show what will change and ask first.
//! A folder is only ever emptied of files thidua put there: publishing into a non-empty folder
//! without thidua's marker file is refused.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use crate::diagnostic::BuildError;

/// The marker thidua leaves in a folder it publishes to.
pub const MARKER: &str = ".thidua-published";

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
            (None, Some(r)) => Ok(Target::Rsync(r.clone())),
            _ => Err(BuildError::Usage(
                "site.yaml: \"publish\" needs exactly one of \"folder\" (a local or mounted folder) or \"rsync\" (user@server:/path/)".into(),
            )),
        }
    }
}

/// What publishing a folder would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files new to the target.
    pub added: Vec<String>,
    /// Files whose bytes differ.
    pub changed: Vec<String>,
    /// Files in the target that the site no longer has.
    pub removed: Vec<String>,
    /// Files already identical.
    pub unchanged: usize,
}

impl Plan {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Compares the built site `from` with the folder `to`.
pub fn plan_folder(from: &Path, to: &Path) -> Result<Plan, BuildError> {
    let src = list(from)?;
    let dst = if to.exists() {
        list(to)?
    } else {
        BTreeMap::new()
    };
    if !dst.is_empty() && !to.join(MARKER).exists() {
        return Err(BuildError::Usage(format!(
            "{} has files that thidua did not publish there: publish into an empty folder, or one thidua published to before",
            to.display()
        )));
    }
    let mut plan = Plan::default();
    for (rel, path) in &src {
        match dst.get(rel) {
            None => plan.added.push(rel.clone()),
            Some(old) => {
                let same = fs::metadata(path).map(|m| m.len()).ok()
                    == fs::metadata(old).map(|m| m.len()).ok()
                    && fs::read(path).ok() == fs::read(old).ok();
                if same {
                    plan.unchanged += 1;
                } else {
                    plan.changed.push(rel.clone());
                }
            }
        }
    }
    plan.removed = dst
        .keys()
        .filter(|k| !src.contains_key(*k) && k.as_str() != MARKER)
        .cloned()
        .collect();
    Ok(plan)
}

/// Carries out a plan: copies new and changed files (each atomically), removes the rest,
/// and leaves the marker.
pub fn apply_folder(from: &Path, to: &Path, plan: &Plan) -> Result<(), BuildError> {
    fs::create_dir_all(to).map_err(|e| BuildError::io(to.display(), e))?;
    for rel in plan.added.iter().chain(&plan.changed) {
        let dst = to.join(rel);
        if let Some(parent) = dst.parent() {
            fs::create_dir_all(parent).map_err(|e| BuildError::io(parent.display(), e))?;
        }
        let tmp = dst.with_extension("thidua-publishing");
        fs::copy(from.join(rel), &tmp).map_err(|e| BuildError::io(tmp.display(), e))?;
        fs::rename(&tmp, &dst).map_err(|e| BuildError::io(dst.display(), e))?;
    }
    for rel in &plan.removed {
        let path = to.join(rel);
        fs::remove_file(&path).map_err(|e| BuildError::io(path.display(), e))?;
        // Remove folders left empty, up to the target.
        let mut dir = path.parent();
        while let Some(d) = dir {
            if d == to || fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    fs::write(
        to.join(MARKER),
        "Published by thidua. Files here are replaced at every `thidua publish`.\n",
    )
    .map_err(|e| BuildError::io(to.display(), e))
}

/// Every file under `dir` by its `/`-separated relative path.
fn list(dir: &Path) -> Result<BTreeMap<String, PathBuf>, BuildError> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.map_err(|e| BuildError::io(dir.display(), e.into()))?;
        if e.file_type().is_file() {
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
pub fn write_zip(from: &Path, zip_path: &Path) -> Result<usize, BuildError> {
    let files = list(from)?;
    let tmp = zip_path.with_extension("zip.thidua-tmp");
    let file = fs::File::create(&tmp).map_err(|e| BuildError::io(tmp.display(), e))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let fail = |e: &dyn std::fmt::Display| {
        BuildError::io(zip_path.display(), std::io::Error::other(e.to_string()))
    };
    for (rel, path) in &files {
        zip.start_file(rel.as_str(), options)
            .map_err(|e| fail(&e))?;
        let bytes = fs::read(path).map_err(|e| BuildError::io(path.display(), e))?;
        zip.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    zip.finish().map_err(|e| fail(&e))?;
    fs::rename(&tmp, zip_path).map_err(|e| BuildError::io(zip_path.display(), e))?;
    Ok(files.len())
}

/// Runs rsync (over SSH when the destination names a host). `dry_run` only lists changes.
pub fn rsync(from: &Path, dest: &str, dry_run: bool) -> Result<String, BuildError> {
    let mut cmd = Command::new("rsync");
    cmd.args([
        "--recursive",
        "--checksum",
        "--delete",
        "--itemize-changes",
        "--exclude",
        MARKER,
    ]);
    if dry_run {
        cmd.arg("--dry-run");
    }
    cmd.arg(format!("{}/", from.display())).arg(dest);
    let out = cmd.output().map_err(|e| {
        BuildError::Usage(format!("cannot run rsync ({e}): install it (apt-get install rsync openssh-client), or publish to a folder or --zip"))
    })?;
    if !out.status.success() {
        return Err(BuildError::Usage(format!(
            "rsync failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
