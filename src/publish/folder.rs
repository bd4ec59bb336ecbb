//! Publishing to a folder: the site is laid over a hard-linked copy of the folder beside it and
//! swapped in at once (renameat2 RENAME_EXCHANGE; renamex_np RENAME_SWAP on macOS; two renames
//! on Windows); where no swap is possible (a mount point, a read-only parent, no hard links),
//! every new file is written under a temporary name first and only then renamed into place.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{MARKER, Plan, STAGING, manifest, resolved};
use crate::diagnostic::BuildError;

/// How a folder was updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Updated in a copy beside it and swapped in at once.
    Swapped,
    /// The folder could not be swapped (a mount point, a read-only parent, a file system
    /// without hard links, or folders owned by someone else): every new file was written first under a temporary name, then all
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
        .ok_or_else(|| BuildError::usage(crate::msg!("{} cannot be published to", to.display())))?;
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
    // Held until the copy is gone: another publish sees that this one is alive.
    let _live = match crate::write::LiveLock::hold(&staging) {
        Ok(live) => live,
        Err(e) if read_only(&e) => {
            return apply_file_by_file(from, to, plan).map(|()| Applied::FileByFile);
        }
        Err(e) => return Err(io(&staging, e)),
    };
    let guard = RemoveOnDrop(staging.clone());
    if let Err(e) = fs::create_dir(&staging) {
        drop(guard);
        return if read_only(&e) {
            apply_file_by_file(from, to, plan).map(|()| Applied::FileByFile)
        } else {
            Err(io(&staging, e))
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
        let dst = real_folders(&staging, rel)?;
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

/// Whether nothing can be created beside the folder (a read-only parent).
fn read_only(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
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
        if !same_owner(&m, to) {
            return Ok(false);
        }
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
                if !same_owner(&m, &dst) {
                    return Ok(false);
                }
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

/// Gives the folder `copy` the owner of the folder it copies (`original`); false when that is
/// not possible (not root), so the caller updates the live folder in place instead of
/// swapping in folders that a web application could no longer write to.
#[cfg(unix)]
fn same_owner(original: &fs::Metadata, copy: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(mine) = fs::symlink_metadata(copy) else {
        return false;
    };
    (mine.uid() == original.uid() && mine.gid() == original.gid())
        || std::os::unix::fs::lchown(copy, Some(original.uid()), Some(original.gid())).is_ok()
}

#[cfg(not(unix))]
fn same_owner(_original: &fs::Metadata, _copy: &Path) -> bool {
    true
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_target: &Path, _link: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(crate::messages::TextError(
        crate::msg!("symbolic links in a publish folder are not kept on this system"),
    )))
}

/// `top/rel`, after making sure that every folder on the way is a real folder (created when
/// missing), never a symbolic link or a file: checked when writing, not only when planning,
/// since someone may swap a folder for a link while the user reads the plan.
fn real_folders(top: &Path, rel: &str) -> Result<PathBuf, BuildError> {
    let mut dir = top.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        dir.push(part);
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(BuildError::usage(crate::msg!(
                    "{} is a symbolic link or a file where the site needs a folder: nothing more was written; move it away and publish again",
                    dir.display()
                )));
            }
            Err(_) => fs::create_dir(&dir).map_err(|e| BuildError::io(dir.display(), e))?,
        }
    }
    Ok(top.join(rel))
}

/// Removes a published file and the folders it leaves empty, up to `top`.
fn remove_and_prune(top: &Path, rel: &str) -> Result<(), BuildError> {
    let path = real_folders(top, rel)?;
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
            let dst = real_folders(to, rel)?;
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
