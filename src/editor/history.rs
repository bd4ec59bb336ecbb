//! Every save kept with who and when. In a Git repository each save is a commit of that post
//! alone, made with the `git` program (explicit arguments, the author given with `-c`, hooks
//! and signing off): the staff's server has Git, its commits are what any Git tool shows, and
//! no Git library is worth its size for add, commit, log and show. Anywhere else (no Git, or
//! `git` missing) a copy of each saved text goes to `.thidua/history/<post>/`.

use std::path::Path;
use std::process::Command;

use super::State;

/// One saved version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The commit, or the copy's file name.
    pub id: String,
    /// Who saved it.
    pub who: String,
    /// When (RFC 3339).
    pub when: String,
}

fn uses_git(root: &Path) -> bool {
    root.join(".git").exists() && git(root, &["rev-parse", "--is-inside-work-tree"]).is_some()
}

/// Runs git in `root`; its stdout when it succeeded.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn copies_dir(root: &Path, rel: &str) -> std::path::PathBuf {
    root.join(".thidua/history").join(rel)
}

/// Records the post's saved text (and, in Git, its folder's photos) as `who`.
pub(crate) fn record(state: &State, rel: &str, who: &str, what: &str) {
    let root = &state.opts.root;
    if uses_git(root) {
        let folder = if rel.ends_with("/index.md") {
            rel.rsplit_once('/').map_or(rel, |(d, _)| d)
        } else {
            rel
        };
        let name = format!("user.name={who}");
        let email = format!("user.email={who}@thidua.invalid");
        let message = format!("{what}: {rel} ({who}, phòng biên tập)");
        let _ = git(root, &["add", "--", folder]);
        let _ = git(
            root,
            &[
                "-c",
                &name,
                "-c",
                &email,
                "commit",
                "--no-verify",
                "-q",
                "-m",
                &message,
                "--",
                folder,
            ],
        );
        return;
    }
    let Ok(text) = std::fs::read(root.join(rel)) else {
        return;
    };
    let stamp = jiff::Timestamp::now().as_millisecond();
    let copy = copies_dir(root, rel).join(format!("{stamp}__{who}.md"));
    let _ = super::atomic::write_atomic(&copy, &text, false);
}

/// The post's versions, newest first.
pub fn versions(root: &Path, rel: &str) -> Vec<Version> {
    if uses_git(root) {
        let log = git(root, &["log", "--format=%H%x1f%an%x1f%aI", "--", rel]).unwrap_or_default();
        return log
            .lines()
            .filter_map(|l| {
                let mut p = l.split('\u{1f}');
                Some(Version {
                    id: p.next()?.to_string(),
                    who: p.next()?.to_string(),
                    when: p.next()?.to_string(),
                })
            })
            .collect();
    }
    let mut out: Vec<Version> = std::fs::read_dir(copies_dir(root, rel))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (stamp, who) = name.strip_suffix(".md")?.split_once("__")?;
            let when = jiff::Timestamp::from_millisecond(stamp.parse().ok()?).ok()?;
            Some(Version {
                id: name.clone(),
                who: who.to_string(),
                when: when.round(jiff::Unit::Second).unwrap_or(when).to_string(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.id.cmp(&a.id));
    out
}

/// A version's time as staff read it: `05/12/2026 19:00`, Vietnam's time.
pub fn shown_time(when: &str) -> String {
    let Ok(ts) = when.parse::<jiff::Timestamp>() else {
        return when.to_string();
    };
    let offset = jiff::tz::Offset::from_seconds(7 * 3600).unwrap_or(jiff::tz::Offset::UTC);
    ts.to_zoned(jiff::tz::TimeZone::fixed(offset))
        .strftime("%d/%m/%Y %H:%M")
        .to_string()
}

/// The text of one version (`id` from [`versions`]).
pub fn text_of(root: &Path, rel: &str, id: &str) -> Option<String> {
    if !versions(root, rel).iter().any(|v| v.id == id) {
        return None;
    }
    if uses_git(root) {
        return git(root, &["show", &format!("{id}:{rel}")]);
    }
    std::fs::read_to_string(copies_dir(root, rel).join(id)).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_shown_in_vietnam() {
        assert_eq!(
            super::shown_time("2026-12-05T19:00:51Z"),
            "06/12/2026 02:00"
        );
        assert_eq!(
            super::shown_time("2026-12-05T08:30:00+07:00"),
            "05/12/2026 08:30"
        );
        assert_eq!(super::shown_time("không phải giờ"), "không phải giờ");
    }
}
