//! Publishing over rsync (SSH, or a local path): thidua's manifest at the destination decides
//! what rsync may delete (filter rules protect everything else), a destination is never read as
//! an option, and new files are put in place at the end of the transfer (--delay-updates).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{MARKER, Owned, Plan, list, manifest, plan};
use crate::diagnostic::BuildError;
use crate::messages::Text;

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
        let dir =
            tempfile::tempdir().map_err(|e| BuildError::io(std::env::temp_dir().display(), e))?;
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
    let dir = tempfile::tempdir().map_err(|e| BuildError::io(std::env::temp_dir().display(), e))?;
    let manifest_file = dir.path().join(MARKER);
    fs::write(&manifest_file, manifest(&plan))
        .map_err(|e| BuildError::io(manifest_file.display(), e))?;
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
    let dir = tempfile::tempdir().map_err(|e| BuildError::io(std::env::temp_dir().display(), e))?;
    let rules = dir.path().join("rules");
    fs::write(&rules, &p.rules).map_err(|e| BuildError::io(rules.display(), e))?;
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
        BuildError::usage(crate::msg!(
            "cannot run rsync ({}): install it (apt-get install rsync openssh-client), or publish to a folder or --zip",
            e
        ))
    })?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        // 23: some files could not be transferred, here because the destination is missing.
        if missing_ok && out.status.code() == Some(23) && stderr.contains("No such file") {
            return Ok(String::new());
        }
        return Err(BuildError::usage(crate::msg!(
            "rsync failed: {}",
            Text::foreign(stderr.trim())
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
}
