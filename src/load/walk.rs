//! Walking `content/`: its files in name order, what kind each is, and the errors of the walk
//! itself (symbolic links that loop, lead nowhere or out of the site; unreadable folders; two
//! names that are one once normalised).

use std::collections::HashMap;
use std::path::Path;

use super::{Entry, Kind, Parsed};
use crate::diagnostic::Diagnostic;
use crate::messages::Text;
use crate::msg;
use crate::text;

/// Content files in name order; skips dotfiles and editor leftovers; reports symlink loops,
/// links that lead out of the site, and unreadable folders as errors.
pub(super) fn walk(content: &Path) -> impl Iterator<Item = Result<Entry, Diagnostic>> + Send + '_ {
    let root = content.parent().unwrap_or(content);
    let inside = crate::tree::source_roots(root, content);
    crate::tree::walk(content, inside, is_ignored).filter_map(move |step| {
        let entry = match step {
            crate::tree::Step::Entry(e) => e,
            crate::tree::Step::Outside { path, target } => {
                return Some(Err(outside_link(&rel_path(root, &path), &target)));
            }
            crate::tree::Step::Error(err) => return Some(Err(walk_error(root, &err))),
        };
        if !entry.file_type().is_file() {
            return None;
        }
        let rel = rel_path(root, entry.path());
        let name = entry.file_name().to_string_lossy();
        let in_data = rel.starts_with("content/_data/");
        let kind = if in_data
            && (name.ends_with(".yaml") || name.ends_with(".yml") || crate::tables::is_table(&name))
        {
            Kind::Data
        } else if in_data {
            return None;
        } else if name == "_index.md" {
            Kind::Section
        } else if name == "index.md" {
            Kind::Page { bundle: true }
        } else if name.ends_with(".md") {
            Kind::Page { bundle: false }
        } else {
            Kind::Asset
        };
        Some(Ok(Entry {
            abs: entry.into_path(),
            rel,
            kind,
        }))
    })
}

/// The error for a folder that cannot be read while walking the site: a link that leads
/// nowhere, a link loop, or the system's reason.
pub(crate) fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(|p| rel_path(root, p))
        .unwrap_or_else(|| "content".into());
    let not_found = err
        .io_error()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    let dangling = err.path().filter(|_| not_found).and_then(|p| {
        std::fs::symlink_metadata(p)
            .is_ok_and(|m| m.is_symlink())
            .then(|| std::fs::read_link(p).ok())
            .flatten()
    });
    let message = if let Some(target) = dangling {
        msg!(
            "is a symbolic link to {}, which does not exist",
            target.display()
        )
    } else if err.loop_ancestor().is_some() {
        msg!(
            "a symbolic link points back to a folder that contains it (a loop): remove the link or point it elsewhere"
        )
    } else {
        let why = err
            .io_error()
            .map_or_else(|| err.to_string(), ToString::to_string);
        msg!("cannot be read: {}", Text::foreign(why))
    };
    Diagnostic::error(path, "content", message)
}

/// The error for a symbolic link that leads out of the site: it is not read or published.
pub(crate) fn outside_link(rel: &str, target: &Path) -> Diagnostic {
    Diagnostic::error(
        rel,
        "file",
        msg!(
            "is a symbolic link to {}, outside the site's content, static and theme folders (or into a hidden folder): thidua never publishes files from elsewhere",
            target.display()
        ),
    )
    .with_hint(msg!("copy the file into the site instead of linking to it"))
}

/// Two files whose names are the same once normalised (NFC: "ế" typed as one character or as
/// "e" plus two accents) would be one page or overwrite each other: an error naming both.
pub(super) fn same_names(parsed: &[(Entry, Parsed)], content: &Path) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Path> = HashMap::with_capacity(parsed.len());
    let mut errors = Vec::new();
    for (e, _) in parsed {
        if let Some(first) = seen.insert(&e.rel, &e.abs) {
            let raw = |p: &Path| {
                let rel = p.strip_prefix(content).unwrap_or(p).display().to_string();
                format!("content/{}", show_marks(&rel))
            };
            errors.push(
                Diagnostic::error(
                    &e.rel,
                    "content",
                    msg!(
                        "two files have this name, written with different Unicode forms ({} and {}): only one of them could be published",
                        raw(first),
                        raw(&e.abs)
                    ),
                )
                .with_hint(msg!("delete or rename one of them")),
            );
        }
    }
    errors
}

/// Shows combining accents (which look the same as precomposed letters) as `\u{301}`.
fn show_marks(text: &str) -> String {
    text.chars()
        .map(|c| {
            if ('\u{300}'..='\u{36f}').contains(&c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.starts_with("~$")
}

pub(super) fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    text::nfc(&parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [
            ".git",
            ".bai.md.swp",
            "#bai.md#",
            "bai.md~",
            "~$bai.docx",
            "x.tmp",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("bai.md"));
    }
}
