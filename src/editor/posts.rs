//! The posts as the editing room sees them: which Markdown files may be touched (only under
//! `content/`, never `_data/`, never through a link that leads out), reading a post into its
//! fields, writing the fields back as front matter that `build` reads (keys the room does not
//! edit are kept, in their order), versions (a hash of the text) and saves that never
//! overwrite someone else's newer text.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde_json::Value;

use crate::messages::Text;
use crate::msg;

/// A post's editable fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// `title:`.
    pub title: String,
    /// `slug:` (empty: from the file name).
    pub slug: String,
    /// `date:` as written (`2026-12-05`).
    pub date: String,
    /// `description:`.
    pub description: String,
    /// `tags:`.
    pub tags: Vec<String>,
    /// `categories:`.
    pub categories: Vec<String>,
    /// `image:` (the cover).
    pub image: String,
    /// `draft: true`.
    pub draft: bool,
}

/// A post read from disk.
#[derive(Debug, Clone)]
pub struct Post {
    /// `content/tin-tuc/a.md`.
    pub rel: String,
    /// The fields.
    pub fields: Fields,
    /// The Markdown after the front matter.
    pub body: String,
    /// The front matter as a map (with the keys the room does not edit).
    pub front: IndexMap<String, Value>,
    /// The file's version: [`version`] of its text.
    pub version: String,
}

/// The version of a text: a hash, so two saves based on the same text agree.
pub fn version(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// The file for `rel` if it is a page the room may read and write: `content/…/x.md`, no
/// `_data/`, no `..`, and (once it exists) its real path inside the real `content/`.
pub fn resolve(root: &Path, rel: &str) -> Result<PathBuf, Text> {
    let refuse = || msg!("\"{}\" is not a post of this site", rel);
    let ok = rel.starts_with("content/")
        && rel.ends_with(".md")
        && crate::paths::is_safe_relative(rel)
        && !rel.starts_with("content/_data/")
        && !rel.ends_with("/_index.md");
    if !ok {
        return Err(refuse());
    }
    let path = root.join(rel);
    let content = std::fs::canonicalize(root.join("content")).map_err(|_| refuse())?;
    // The deepest folder that exists must be inside content/ (a symlinked folder may not
    // lead out); so must the file itself when it exists.
    let mut probe = path.clone();
    while !probe.exists() {
        if !probe.pop() {
            return Err(refuse());
        }
    }
    let real = std::fs::canonicalize(&probe).map_err(|_| refuse())?;
    if !real.starts_with(&content) {
        return Err(refuse());
    }
    Ok(path)
}

/// Every page under `content/` (not sections, not data), sorted by path.
pub fn list(root: &Path) -> Vec<String> {
    let content = root.join("content");
    let mut out: Vec<String> = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            resolve(root, &rel).is_ok().then_some(rel)
        })
        .collect();
    out.sort();
    out
}

/// The sections a post can go in: folders of `content/` with an `_index.md`.
pub fn sections(root: &Path) -> Vec<String> {
    let content = root.join("content");
    let mut out: Vec<String> = walkdir::WalkDir::new(&content)
        .min_depth(1)
        .max_depth(3)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir() && e.path().join("_index.md").is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(&content)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            (!rel.starts_with("_data")).then_some(rel)
        })
        .collect();
    out.sort();
    out
}

/// Reads a post.
pub fn read(root: &Path, rel: &str) -> Result<Post, Text> {
    let path = resolve(root, rel)?;
    let text = std::fs::read_to_string(&path).map_err(|e| msg!("cannot read {}: {}", rel, e))?;
    parse(rel, &text)
}

/// A post from its text (a text without front matter is all body).
pub fn parse(rel: &str, text: &str) -> Result<Post, Text> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let version = version(&text);
    let (front, body) = match crate::load::front_matter::split(&text, rel) {
        Ok(split) => {
            let origin = crate::yaml::Origin {
                file: rel,
                first_line: 2,
                topic: "front matter",
            };
            let value =
                crate::yaml::parse_value(split.yaml, origin).map_err(|d| d.message.clone())?;
            let map = match value {
                Value::Object(m) => m.into_iter().collect(),
                _ => IndexMap::new(),
            };
            (map, split.body.to_string())
        }
        Err(_) => (IndexMap::new(), text.clone()),
    };
    let s = |k: &str| match front.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let list = |k: &str| match front.get(k) {
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect(),
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    };
    let fields = Fields {
        title: s("title"),
        slug: s("slug"),
        date: s("date"),
        description: s("description"),
        tags: list("tags"),
        categories: list("categories"),
        image: s("image"),
        draft: front.get("draft") == Some(&Value::Bool(true)),
    };
    Ok(Post {
        rel: rel.to_string(),
        fields,
        body,
        front,
        version,
    })
}

/// The file's text for these fields and body: the keys the room edits are set (or removed
/// when empty), the others kept as they were. Each value is written as JSON, which is YAML.
pub fn compose(front: &IndexMap<String, Value>, f: &Fields, body: &str) -> String {
    let mut front = front.clone();
    let mut set = |k: &str, v: Option<Value>| match v {
        Some(v) => {
            front.insert(k.to_string(), v);
        }
        None => {
            front.shift_remove(k);
        }
    };
    let text = |s: &str| {
        let s = crate::text::nfc(s.trim());
        (!s.is_empty()).then_some(Value::String(s))
    };
    let terms = |l: &[String]| {
        let l: Vec<Value> = l
            .iter()
            .map(|t| crate::text::nfc(t.trim()))
            .filter(|t| !t.is_empty())
            .map(Value::String)
            .collect();
        (!l.is_empty()).then_some(Value::Array(l))
    };
    set(
        "title",
        Some(Value::String(crate::text::nfc(f.title.trim()))),
    );
    set("slug", text(&f.slug));
    set("date", text(&f.date));
    set("description", text(&f.description));
    set("tags", terms(&f.tags));
    set("categories", terms(&f.categories));
    set("image", text(&f.image));
    set("draft", f.draft.then_some(Value::Bool(true)));
    let mut out = String::from("---\n");
    for (k, v) in &front {
        out.push_str(&format!("{k}: {v}\n"));
    }
    out.push_str("---\n");
    let body = body.replace("\r\n", "\n");
    out.push_str(&crate::text::nfc(&body));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Written; the new version.
    Written(String),
    /// Nothing changed.
    Unchanged(String),
    /// The file changed since `based_on`: nothing was overwritten; this person's text is kept
    /// in `kept` (relative to the root) and the current one is still the file.
    Conflict {
        /// Where the text that was not saved is kept.
        kept: String,
        /// The file's current text.
        current: String,
        /// Its version.
        current_version: String,
    },
}

/// Saves `text` to `rel` if the file is still at `based_on` (empty: the file must not exist).
pub fn save(root: &Path, rel: &str, based_on: &str, text: &str, who: &str) -> Result<Saved, Text> {
    let path = resolve(root, rel)?;
    let current = match std::fs::read_to_string(&path) {
        Ok(t) => Some(t.replace("\r\n", "\n")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(msg!("cannot read {}: {}", rel, e)),
    };
    let current_version = current.as_deref().map(version).unwrap_or_default();
    if current_version != based_on {
        let current = current.unwrap_or_default();
        let kept = keep_conflict(root, rel, who, text)?;
        return Ok(Saved::Conflict {
            kept,
            current,
            current_version,
        });
    }
    let new_version = version(text);
    if new_version == current_version {
        return Ok(Saved::Unchanged(new_version));
    }
    super::atomic::write_atomic(&path, text.as_bytes(), false)
        .map_err(|e| msg!("cannot save {}: {}", rel, e))?;
    Ok(Saved::Written(new_version))
}

/// Keeps a text that could not be saved under `.thidua/editor/conflicts/`.
pub fn keep_conflict(root: &Path, rel: &str, who: &str, text: &str) -> Result<String, Text> {
    let stamp = jiff::Timestamp::now().as_millisecond();
    let name = rel.trim_start_matches("content/").replace('/', "__");
    let kept = format!(".thidua/editor/conflicts/{stamp}-{who}-{name}");
    super::atomic::write_atomic(&root.join(&kept), text.as_bytes(), false)
        .map_err(|e| msg!("cannot save {}: {}", kept.clone(), e))?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_and_unknown_keys_stay() {
        let text = "---\ntitle: \"Cũ\"\nweight: 3\nextra:\n  nguon: \"Sở\"\ntags: [\"a\"]\n---\nThân bài.\n";
        let post = parse("content/tin-tuc/a.md", text).expect("parse");
        assert_eq!(post.fields.title, "Cũ");
        let mut f = post.fields.clone();
        f.title = "Lễ trao giải \"Thi đua\"".into();
        f.tags = vec!["b".into(), "c".into()];
        f.draft = true;
        let out = compose(&post.front, &f, &post.body);
        let again = parse("content/tin-tuc/a.md", &out).expect("reparse");
        assert_eq!(again.fields, f);
        assert_eq!(again.front["weight"], Value::from(3));
        assert_eq!(again.front["extra"]["nguon"], Value::from("Sở"));
        assert!(out.starts_with("---\ntitle: "));
        assert!(out.ends_with("Thân bài.\n"));
    }
}
