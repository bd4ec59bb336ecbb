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
use std::process::Command;

use serde::Deserialize;

use crate::diagnostic::BuildError;

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
                    return Err(BuildError::Usage(format!(
                        "site.yaml: \"publish: rsync\" must be a destination like user@server:/path/, found \"{r}\""
                    )));
                }
                Ok(Target::Rsync(r.clone()))
            }
            _ => Err(BuildError::Usage(
                "site.yaml: \"publish\" needs exactly one of \"folder\" (a local or mounted folder) or \"rsync\" (user@server:/path/)".into(),
            )),
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
    let refuse = |why: &str| {
        Err(BuildError::Usage(format!(
            "refusing to publish to {}: {why}",
            dest.display()
        )))
    };
    if root.starts_with(&dest) {
        return refuse("it is the site's folder or contains it");
    }
    if dest.starts_with(&output) {
        return refuse("it is inside the build output, which every build replaces");
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
            return refuse(&format!(
                "it is inside the site's {sub}/ folder, so the site would publish itself again at every build"
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

/// A relative path that stays inside the destination.
fn is_safe_rel(rel: &str) -> bool {
    crate::paths::is_safe_relative(rel) && !rel.contains('\\')
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
        return Err(BuildError::Usage(format!(
            "{shown} has files that thidua did not publish there: publish into an empty folder, or one thidua published to before"
        )));
    }
    let mut plan = Plan::default();
    let mut clashes = Vec::new();
    for (rel, path) in src {
        plan.manifest.push(rel.clone());
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
        return Err(BuildError::Usage(format!(
            "{shown} already has files that thidua did not publish but the site would replace ({list}): move them away first"
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

/// How a folder was updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Updated in a copy beside it and swapped in at once.
    Swapped,
    /// The folder could not be swapped (a mount point, a read-only parent, or a file system
    /// without hard links): every new file was written first under a temporary name, then all
    /// were renamed into place.
    FileByFile,
}

/// Carries out a plan: the folder becomes the site plus whatever others put there.
pub fn apply_folder(from: &Path, to: &Path, plan: &Plan) -> Result<Applied, BuildError> {
    let io = |p: &Path, e: std::io::Error| BuildError::io(p.display(), e);
    // A target that is a symbolic link is updated where it leads (the link itself stays).
    let to = &resolved(to);
    let parent = to
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| BuildError::Usage(format!("{} cannot be published to", to.display())))?;
    fs::create_dir_all(&parent).map_err(|e| io(&parent, e))?;
    let name = to
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::write::remove_stale_siblings(&parent, &format!("{STAGING}{name}-"));
    if !swappable(to, &parent) {
        apply_file_by_file(from, to, plan)?;
        return Ok(Applied::FileByFile);
    }
    let staging = parent.join(format!("{STAGING}{name}-{}", std::process::id()));
    let guard = RemoveOnDrop(staging.clone());
    if let Err(e) = fs::create_dir(&staging) {
        drop(guard);
        return match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                apply_file_by_file(from, to, plan).map(|()| Applied::FileByFile)
            }
            _ => Err(io(&staging, e)),
        };
    }
    if to.exists() && !mirror(to, &staging)? {
        // No hard links on this file system (FAT, some network shares): copying every file,
        // other people's uploads included, at every publish would be far too slow.
        drop(guard);
        apply_file_by_file(from, to, plan)?;
        return Ok(Applied::FileByFile);
    }
    for rel in plan.added.iter().chain(&plan.changed) {
        let dst = staging.join(rel);
        if let Some(p) = dst.parent() {
            fs::create_dir_all(p).map_err(|e| io(p, e))?;
        }
        // The file in the copy may be a hard link to the live one: unlink, never write
        // through it.
        let _ = fs::remove_file(&dst);
        fs::copy(from.join(rel), &dst).map_err(|e| io(&dst, e))?;
    }
    for rel in &plan.removed {
        remove_and_prune(&staging, rel)?;
    }
    let marker = staging.join(MARKER);
    let _ = fs::remove_file(&marker);
    fs::write(&marker, manifest(plan)).map_err(|e| io(&marker, e))?;
    if to.exists() {
        crate::write::exchange(&staging, to).map_err(|e| io(to, e))?;
        // `staging` now holds the old folder.
    } else {
        fs::rename(&staging, to).map_err(|e| io(to, e))?;
    }
    drop(guard);
    Ok(Applied::Swapped)
}

/// Whether `to` can be replaced by a sibling folder: not a mount point (the copy would be on
/// another file system, and a mount point cannot be renamed).
fn swappable(to: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(to), fs::metadata(parent)) {
            (Ok(t), Ok(p)) => t.dev() == p.dev(),
            _ => true,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (to, parent);
        true
    }
}

/// Removes a folder when dropped (a publish that failed half-way leaves no copy behind).
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if fs::symlink_metadata(&self.0).is_ok() {
            let _ = fs::remove_dir_all(&self.0);
        }
    }
}

/// Recreates `from`'s tree in `to` with hard links, folder permissions kept, symlinks kept as
/// links; `Ok(false)` when the file system cannot link (the caller then works in place).
fn mirror(from: &Path, to: &Path) -> Result<bool, BuildError> {
    let io = |p: &Path, e: std::io::Error| BuildError::io(p.display(), e);
    if let Ok(m) = fs::metadata(from) {
        let _ = fs::set_permissions(to, m.permissions());
    }
    for e in walkdir::WalkDir::new(from).min_depth(1) {
        let e = e.map_err(|e| BuildError::io(from.display(), e.into()))?;
        let rel = e.path().strip_prefix(from).unwrap_or(e.path());
        let dst = to.join(rel);
        let ft = e.file_type();
        if ft.is_dir() {
            fs::create_dir(&dst).map_err(|err| io(&dst, err))?;
            if let Ok(m) = e.metadata() {
                let _ = fs::set_permissions(&dst, m.permissions());
            }
        } else if ft.is_symlink() {
            let target = fs::read_link(e.path()).map_err(|err| io(e.path(), err))?;
            if symlink(&target, &dst).is_err() {
                return Ok(false);
            }
        } else if fs::hard_link(e.path(), &dst).is_err() {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_target: &Path, _link: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "symbolic links in a publish folder are not kept on this system",
    ))
}

/// Removes a published file and the folders it leaves empty, up to `top`.
fn remove_and_prune(top: &Path, rel: &str) -> Result<(), BuildError> {
    let path = top.join(rel);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(BuildError::io(path.display(), e)),
    }
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == top || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// The fallback for folders that cannot be swapped: every new file is written beside its
/// place first; only when all are written are they renamed in (a failure before that leaves
/// the live site untouched and no temporary file behind).
fn apply_file_by_file(from: &Path, to: &Path, plan: &Plan) -> Result<(), BuildError> {
    let io = |p: &Path, e: std::io::Error| BuildError::io(p.display(), e);
    fs::create_dir_all(to).map_err(|e| io(to, e))?;
    let suffix = format!(".thidua-publishing-{}", std::process::id());
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for rel in plan.added.iter().chain(&plan.changed) {
            let dst = to.join(rel);
            if let Some(p) = dst.parent() {
                fs::create_dir_all(p).map_err(|e| io(p, e))?;
            }
            let tmp = PathBuf::from(format!("{}{suffix}", dst.display()));
            let mut out = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
                .map_err(|e| io(&tmp, e))?;
            written.push((tmp.clone(), dst));
            let bytes = fs::read(from.join(rel)).map_err(|e| io(&from.join(rel), e))?;
            out.write_all(&bytes)
                .and_then(|()| out.sync_all())
                .map_err(|e| io(&tmp, e))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &written {
            let _ = fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, dst) in &written {
        fs::rename(tmp, dst).map_err(|e| io(dst, e))?;
    }
    for rel in &plan.removed {
        remove_and_prune(to, rel)?;
    }
    let marker = to.join(MARKER);
    let tmp = to.join(format!("{MARKER}{suffix}"));
    fs::write(&tmp, manifest(plan)).map_err(|e| io(&tmp, e))?;
    fs::rename(&tmp, &marker).map_err(|e| io(&marker, e))
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
    tmp.persist(zip_path).map_err(|e| fail(&e.error))?;
    Ok(files.len())
}

/// Refuses to replace a file that is not a zip thidua wrote (`--zip site.yaml` must not
/// destroy the configuration).
pub fn check_zip(zip_path: &Path) -> Result<(), BuildError> {
    if fs::symlink_metadata(zip_path).is_ok() && !is_thidua_zip(zip_path) {
        return Err(BuildError::Usage(format!(
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

/// An rsync publish, planned: what will change, and the filter rules that keep rsync's
/// deletions to the files thidua published before.
#[derive(Debug)]
pub struct RsyncPlan {
    /// The destination, without a trailing `/`.
    dest: String,
    /// The filter rules (one per line).
    rules: String,
    /// What will change.
    pub plan: Plan,
}

/// Looks at an rsync destination (its files and thidua's manifest there) and plans the publish.
pub fn plan_rsync(from: &Path, dest: &str) -> Result<RsyncPlan, BuildError> {
    let dest = dest.trim_end_matches('/').to_string();
    let listing = run_rsync(
        &["--list-only", "--recursive"],
        &[&format!("{dest}/")],
        true,
    )?;
    let remote: BTreeMap<String, Option<PathBuf>> = parse_listing(&listing)
        .into_iter()
        .map(|f| (f, None))
        .collect();
    let owned = if remote.contains_key(MARKER) {
        let dir = tempfile::tempdir().map_err(|e| BuildError::io("temporary folder", e))?;
        let local = dir.path().join("manifest");
        run_rsync(
            &[],
            &[&format!("{dest}/{MARKER}"), &local.display().to_string()],
            false,
        )?;
        Owned::parse(fs::read_to_string(&local).ok().as_deref())
    } else {
        Owned::Nothing
    };
    let src = list(from)?;
    // Ownership and clashes from the listing; what really changes from rsync's own dry run.
    let mut plan = plan(&src, &remote, &owned, &dest)?;
    let mut rsync = RsyncPlan {
        rules: filter_rules(&plan.removed, &src),
        dest,
        plan: Plan::default(),
    };
    let changes = transfer(from, &rsync, true)?;
    plan.added.clear();
    plan.changed.clear();
    plan.removed.clear();
    for line in changes.lines() {
        let (code, name) = (line.get(..11).unwrap_or(""), line.get(12..).unwrap_or(""));
        if code.starts_with("*deleting") && !name.ends_with('/') {
            plan.removed.push(name.to_string());
        } else if code.starts_with(">f+") {
            plan.added.push(name.to_string());
        } else if code.starts_with(">f") {
            plan.changed.push(name.to_string());
        }
    }
    plan.unchanged = src
        .len()
        .saturating_sub(plan.added.len() + plan.changed.len());
    rsync.plan = plan;
    Ok(rsync)
}

/// rsync filter rules: the markers are never sent; at the destination every file is
/// protected from deletion except those listed (thidua's own, no longer in the site).
fn filter_rules(removed: &[String], site: &BTreeMap<String, PathBuf>) -> String {
    let escape = |name: &str| {
        name.chars().fold(String::new(), |mut out, c| {
            if matches!(c, '*' | '?' | '[' | '\\') {
                out.push('\\');
            }
            out.push(c);
            out
        })
    };
    let mut rules = format!("- /{MARKER}\n- /{}\n", crate::write::OUTPUT_MARKER);
    // A folder the site no longer has is deleted as a whole by rsync, only if it is not
    // protected: its files are then each checked against these rules again.
    let mut folders = BTreeSet::new();
    for f in removed {
        let mut dir = f.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            let prefix = format!("{parent}/");
            if site.keys().any(|k| k.starts_with(&prefix)) {
                break;
            }
            folders.insert(parent.to_string());
            dir = parent;
        }
    }
    for f in removed.iter().chain(&folders) {
        rules.push_str(&format!("risk /{}\n", escape(f)));
    }
    rules.push_str("protect *\n");
    rules
}

/// Lists what publishing would change, as rsync itemises it.
pub fn rsync_changes(from: &Path, p: &RsyncPlan) -> Result<String, BuildError> {
    transfer(from, p, true)
}

/// Publishes: the site's files (each put in place at the end of the transfer) and the removal
/// of thidua's own files that the site no longer has, in one rsync run; then the manifest.
pub fn apply_rsync(from: &Path, p: &RsyncPlan) -> Result<(), BuildError> {
    let done = transfer(from, p, false)?;
    // A file that could not be deleted stays thidua's, to be deleted next time.
    let mut plan = p.plan.clone();
    plan.manifest.extend(
        p.plan
            .removed
            .iter()
            .filter(|f| {
                !done
                    .lines()
                    .any(|l| l.starts_with("*deleting") && l.get(12..) == Some(f.as_str()))
            })
            .cloned(),
    );
    plan.manifest.sort();
    let dir = tempfile::tempdir().map_err(|e| BuildError::io("temporary folder", e))?;
    let manifest_file = dir.path().join(MARKER);
    fs::write(&manifest_file, manifest(&plan)).map_err(|e| BuildError::io("manifest", e))?;
    run_rsync(
        &[],
        &[
            &manifest_file.display().to_string(),
            &format!("{}/{MARKER}", p.dest),
        ],
        false,
    )?;
    Ok(())
}

fn transfer(from: &Path, p: &RsyncPlan, dry_run: bool) -> Result<String, BuildError> {
    let dir = tempfile::tempdir().map_err(|e| BuildError::io("temporary folder", e))?;
    let rules = dir.path().join("rules");
    fs::write(&rules, &p.rules).map_err(|e| BuildError::io("rsync rules", e))?;
    let merge = format!("--filter=merge {}", rules.display());
    let mut flags = vec![
        "--recursive",
        "--checksum",
        "--delay-updates",
        "--delete-after",
        "--itemize-changes",
        &merge,
    ];
    if dry_run {
        flags.push("--dry-run");
    }
    run_rsync(
        &flags,
        &[&format!("{}/", from.display()), &format!("{}/", p.dest)],
        false,
    )
}

/// Runs rsync with `flags`, then `--` and the paths (so no path is read as an option).
/// `missing_ok`: a destination that does not exist yet is not an error (an empty listing).
fn run_rsync(flags: &[&str], paths: &[&str], missing_ok: bool) -> Result<String, BuildError> {
    let mut cmd = Command::new("rsync");
    cmd.args(["--protect-args", "--8-bit-output"])
        .args(flags)
        .arg("--")
        .args(paths);
    let out = cmd.output().map_err(|e| {
        BuildError::Usage(format!("cannot run rsync ({e}): install it (apt-get install rsync openssh-client), or publish to a folder or --zip"))
    })?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        // 23: some files could not be transferred, here because the destination is missing.
        if missing_ok && out.status.code() == Some(23) && stderr.contains("No such file") {
            return Ok(String::new());
        }
        return Err(BuildError::Usage(format!(
            "rsync failed: {}",
            stderr.trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The files in `rsync --list-only --recursive` output (lines like
/// `-rw-r--r--  1,234 2026/12/05 13:00:00 a/index.html`; folders start with `d`).
fn parse_listing(listing: &str) -> Vec<String> {
    listing
        .lines()
        .filter(|l| !l.starts_with('d'))
        .filter_map(|l| {
            let mut rest = l;
            for _ in 0..4 {
                rest = rest.trim_start().split_once(' ')?.1;
            }
            // A symlink is listed as "name -> target".
            let name = if l.starts_with('l') {
                rest.split(" -> ").next()?
            } else {
                rest
            };
            Some(name.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsync_listing_is_read() {
        let listing = "drwxr-xr-x          4,096 2026/12/05 13:00:00 .\n\
-rw-r--r--             12 2026/12/05 13:00:00 .thidua-published\n\
-rw-r--r--          1,234 2026/12/05 13:00:00 a b/index.html\n\
lrwxrwxrwx              5 2026/12/05 13:00:00 l -> /etc\n\
drwxr-xr-x          4,096 2026/12/05 13:00:00 a b\n";
        assert_eq!(
            parse_listing(listing),
            vec![".thidua-published", "a b/index.html", "l"]
        );
    }

    #[test]
    fn manifests_old_and_new() {
        assert_eq!(Owned::parse(None), Owned::Nothing);
        assert_eq!(
            Owned::parse(Some("Published by thidua. Files here are replaced.\n")),
            Owned::Unlisted
        );
        let text = format!("{MANIFEST_HEAD}\nindex.html\n../../etc/passwd\na/index.html\n");
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
