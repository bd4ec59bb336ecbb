//! Revisions waiting for approval: an editor's change to a published post (no `draft: true`)
//! never goes to the post's file, which `build` and every publish read; it is kept in
//! `.thidua/editor/pending/<post>` (written atomically, like saves), beside a note of who wrote
//! it and which version of the file it was based on. Approving moves it into place; a file
//! changed since then is a conflict, and both texts are kept.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::posts::{self, Post, Saved};
use crate::messages::Text;
use crate::msg;

const DIR: &str = ".thidua/editor/pending";

/// Who wrote a pending revision and which version of the post's file it started from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct Note {
    /// The version of the file the revision was based on (empty: unknown).
    #[serde(default)]
    pub(super) base: String,
    /// Who saved it last.
    #[serde(default)]
    pub(super) author: String,
}

fn text_path(root: &Path, rel: &str) -> PathBuf {
    root.join(DIR).join(rel)
}

fn note_path(root: &Path, rel: &str) -> PathBuf {
    root.join(DIR).join(format!("{rel}.json"))
}

/// Whether this person's change to this post must wait for approval: an editor (not an
/// approver, not the single local user) changing a published post.
pub(super) fn applies(approves: bool, live: &Post) -> bool {
    !approves && !live.fields.draft
}

/// The pending revision's text, if there is one.
pub(super) fn text(root: &Path, rel: &str) -> Option<String> {
    posts::resolve(root, rel).ok()?;
    std::fs::read_to_string(text_path(root, rel)).ok()
}

/// The pending revision as a post (its version is the revision's own), if there is one.
pub(super) fn read(root: &Path, rel: &str) -> Option<Post> {
    posts::parse(rel, &text(root, rel)?).ok()
}

/// The pending revision's note (empty when it was lost).
pub(super) fn note(root: &Path, rel: &str) -> Note {
    std::fs::read_to_string(note_path(root, rel))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Saves `text` as the pending revision of `live`, if what `based_on` names is still the
/// newest text (the pending revision when there is one, else the file); else keeps it as a
/// conflict, as [`posts::save`] does. The post's file is never written.
pub(super) fn save(
    root: &Path,
    live: &Post,
    based_on: &str,
    text: &str,
    who: &str,
) -> Result<Saved, Text> {
    let rel = &live.rel;
    let existing = self::text(root, rel).map(|t| t.replace("\r\n", "\n"));
    let current_version = existing
        .as_deref()
        .map_or_else(|| live.version.clone(), posts::version);
    if current_version != based_on {
        let current = match existing {
            Some(t) => t,
            None => std::fs::read_to_string(root.join(rel)).unwrap_or_default(),
        };
        let kept = posts::keep_conflict(root, rel, who, text)?;
        return Ok(Saved::Conflict {
            kept,
            current,
            current_version,
        });
    }
    let new_version = posts::version(text);
    if new_version == current_version {
        return Ok(Saved::Unchanged(new_version));
    }
    let base = if existing.is_some() {
        note(root, rel).base
    } else {
        live.version.clone()
    };
    let note = Note {
        base,
        author: who.to_string(),
    };
    let json = serde_json::to_string_pretty(&note).unwrap_or_default();
    let cannot = |e: std::io::Error| msg!("cannot save {}: {}", rel.clone(), e);
    super::atomic::write_atomic(&note_path(root, rel), json.as_bytes(), false).map_err(cannot)?;
    super::atomic::write_atomic(&text_path(root, rel), text.as_bytes(), false).map_err(cannot)?;
    Ok(Saved::Written(new_version))
}

/// Moves the pending revision into the post's file, if the file is still the version it was
/// based on: `Written`; else `Conflict`: the file is untouched and the revision is moved to
/// the conflicts' folder (`kept`), so its writer starts again from the published text.
/// Either way the revision is no longer pending. `None` when there is no pending revision.
pub(super) fn approve(root: &Path, live: &Post, who: &str) -> Result<Option<Saved>, Text> {
    let rel = &live.rel;
    let Some(text) = self::text(root, rel) else {
        return Ok(None);
    };
    let note = note(root, rel);
    if note.base != live.version {
        let author = if note.author.is_empty() {
            who
        } else {
            &note.author
        };
        let kept = posts::keep_conflict(root, rel, author, &text)?;
        let current = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
        forget(root, rel);
        return Ok(Some(Saved::Conflict {
            kept,
            current,
            current_version: live.version.clone(),
        }));
    }
    let path = posts::resolve(root, rel)?;
    super::atomic::write_atomic(&path, text.as_bytes(), false)
        .map_err(|e| msg!("cannot save {}: {}", rel.clone(), e))?;
    forget(root, rel);
    Ok(Some(Saved::Written(posts::version(&text))))
}

/// Removes the pending revision and its note.
pub(super) fn forget(root: &Path, rel: &str) {
    let _ = std::fs::remove_file(text_path(root, rel));
    let _ = std::fs::remove_file(note_path(root, rel));
}
