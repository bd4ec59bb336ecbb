//! Loading: the only code that reads `content/`.
//!
//! Walks the content folder (sorted, so output is deterministic), reads and parses every file
//! in parallel, collects *all* problems, then assembles the [`Site`]: sections, pages with
//! their URLs, assets, data files and taxonomies. Drafts and future-dated pages are left out
//! here unless asked for, so later stages never see them.

pub mod data;
pub mod front_matter;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::date::LocalDateTime;
use crate::diagnostic::{BuildError, Diagnostic, Location};
use crate::paths::slugify;
use crate::site::{Asset, Held, LinkTarget, Page, Section, Site};
use crate::text;
use front_matter::{PageFront, SectionFront};

/// What to include in a build.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Include `draft: true` pages.
    pub drafts: bool,
    /// Include pages dated in the future.
    pub future: bool,
}

/// A loaded site with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The site.
    pub site: Site,
    /// Problems that do not stop the build (non-NFC files, links to drafts…).
    pub warnings: Vec<Diagnostic>,
    /// Pages left out because they are scheduled for later: (source, date).
    pub scheduled: Vec<(String, LocalDateTime)>,
}

#[derive(Debug)]
enum Kind {
    Section,
    Page { bundle: bool },
    Data,
    Asset,
}

#[derive(Debug)]
struct Entry {
    abs: PathBuf,
    /// Relative to the site root, `/`-separated: `content/tin-tuc/a.md`.
    rel: String,
    kind: Kind,
}

enum Parsed {
    Page(PageFront, String, usize),
    Section(SectionFront, String, usize),
    /// The free-form value, and the text for files with a typed model (results, honourees).
    Data(serde_json::Value, Option<String>),
    Asset,
}

/// Reads everything under `content/` into a [`Site`].
pub fn load_site(config: Config, opts: LoadOptions) -> Result<Loaded, BuildError> {
    let content = config.content_dir();
    if !content.is_dir() {
        return Err(BuildError::usage(format!(
            "no content/ folder in {}: create it and put your Markdown files there",
            config.root.display()
        )));
    }
    // Files are parsed while the walk goes on (the walk reads and sorts each folder, then
    // hands out its files one by one); results are put back in name order afterwards.
    type Walked = (
        usize,
        Result<(Entry, Result<Parsed, Vec<Diagnostic>>, Vec<Diagnostic>), Diagnostic>,
    );
    let mut walked: Vec<Walked> = walk(&content)
        .enumerate()
        .par_bridge()
        .map(|(i, item)| {
            let parsed = item.map(|e| match parse_entry(&e) {
                Ok((p, file_warnings)) => (e, Ok(p), file_warnings),
                Err(d) => (e, Err(d), Vec::new()),
            });
            (i, parsed)
        })
        .collect();
    walked.sort_unstable_by_key(|w| w.0);
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut warnings = config.warnings.clone();
    let mut parsed = Vec::with_capacity(walked.len());
    let mut parse_errors = Vec::new();
    for (_, item) in walked {
        match item {
            Err(d) => errors.push(d),
            Ok((entry, result, file_warnings)) => {
                warnings.extend(file_warnings);
                match result {
                    Ok(p) => parsed.push((entry, p)),
                    Err(ds) => parse_errors.extend(ds),
                }
            }
        }
    }
    errors.extend(same_names(&parsed, &content));
    // Folder errors first, then file errors, each in name order.
    errors.extend(parse_errors);
    if !errors.is_empty() {
        return Err(BuildError::from_diagnostics(errors));
    }
    let (mut loaded, typed) = assemble(config, parsed, opts, &mut warnings);
    loaded.site.campaign = data::load_campaign(&typed).map_err(BuildError::from_diagnostics)?;
    let sample = data::sample_files(&loaded.site.data);
    loaded.site.sample_data = sample;
    loaded.warnings = warnings;
    Ok(loaded)
}

/// Content files in name order; skips dotfiles and editor leftovers; reports symlink loops,
/// links that lead out of the site, and unreadable folders as errors.
fn walk(content: &Path) -> impl Iterator<Item = Result<Entry, Diagnostic>> + Send + '_ {
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
        let kind = if in_data && (name.ends_with(".yaml") || name.ends_with(".yml")) {
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
        format!(
            "is a symbolic link to {}, which does not exist",
            target.display()
        )
    } else if err.loop_ancestor().is_some() {
        "a symbolic link points back to a folder that contains it (a loop): remove the link or point it elsewhere"
            .to_string()
    } else {
        format!(
            "cannot be read: {}",
            err.io_error()
                .map_or_else(|| err.to_string(), ToString::to_string)
        )
    };
    Diagnostic::error(path, "content", message)
}

/// The error for a symbolic link that leads out of the site: it is not read or published.
pub(crate) fn outside_link(rel: &str, target: &Path) -> Diagnostic {
    Diagnostic::error(
        rel,
        "file",
        format!(
            "is a symbolic link to {}, outside the site's content, static and theme folders (or into a hidden folder): thidua never publishes files from elsewhere",
            target.display()
        ),
    )
    .with_hint("copy the file into the site instead of linking to it")
}

/// Two files whose names are the same once normalised (NFC: "ế" typed as one character or as
/// "e" plus two accents) would be one page or overwrite each other: an error naming both.
fn same_names(parsed: &[(Entry, Parsed)], content: &Path) -> Vec<Diagnostic> {
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
                    format!(
                        "two files have this name, written with different Unicode forms ({} and {}): only one of them could be published",
                        raw(first),
                        raw(&e.abs)
                    ),
                )
                .with_hint("delete or rename one of them"),
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

fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    text::nfc(&parts.join("/"))
}

/// A file parsed, with its warnings.
fn parse_entry(e: &Entry) -> Result<(Parsed, Vec<Diagnostic>), Vec<Diagnostic>> {
    if matches!(e.kind, Kind::Asset) {
        return Ok((Parsed::Asset, Vec::new()));
    }
    let bytes = std::fs::read(&e.abs).map_err(|err| {
        vec![Diagnostic::error(
            &e.rel,
            "content",
            format!("cannot be read: {err}"),
        )]
    })?;
    let source = text::decode(&bytes, &e.rel).map_err(|d| vec![d])?;
    let mut warnings = Vec::new();
    if source.was_not_nfc {
        warnings.push(text::not_nfc_warning(&e.rel));
    }
    let parsed = match e.kind {
        Kind::Data => {
            let mut value = data::parse(&source.text, &e.rel).map_err(|d| vec![d])?;
            data::refuse_unsafe_links(&mut value, &source.text, &e.rel, &mut warnings);
            let typed = data::is_typed(&e.rel).then_some(source.text);
            Parsed::Data(value, typed)
        }
        Kind::Section => {
            let split = front_matter::split(&source.text, &e.rel).map_err(|d| vec![d])?;
            let front = front_matter::parse_section(split.yaml, &e.rel)?;
            Parsed::Section(front, split.body.to_string(), split.body_line)
        }
        Kind::Page { .. } => {
            let split = front_matter::split(&source.text, &e.rel).map_err(|d| vec![d])?;
            let front = front_matter::parse_page(split.yaml, &e.rel)?;
            // The body is the text's tail: keep the text's buffer rather than copying it.
            let (head, body_line) = (source.text.len() - split.body.len(), split.body_line);
            let mut body = source.text;
            body.drain(..head);
            Parsed::Page(front, body, body_line)
        }
        Kind::Asset => Parsed::Asset,
    };
    Ok((parsed, warnings))
}

/// The folder part of a content path, without `content/`: `content/a/b/c.md` → `a/b`.
fn content_dir_of(rel: &str) -> &str {
    let inner = rel.strip_prefix("content/").unwrap_or(rel);
    inner.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `a/Bài viết` → `/a/bai-viet/`.
fn dir_url(dir: &str) -> String {
    let mut url = String::from("/");
    for seg in dir.split('/').filter(|s| !s.is_empty()) {
        url.push_str(&slugify(seg));
        url.push('/');
    }
    url
}

/// (file, stem, text) of data files with a typed model.
type TypedData = Vec<(String, String, String)>;

fn assemble(
    config: Config,
    parsed: Vec<(Entry, Parsed)>,
    opts: LoadOptions,
    warnings: &mut Vec<Diagnostic>,
) -> (Loaded, TypedData) {
    let now = crate::date::now();
    let mut sections: Vec<Section> = Vec::new();
    let mut section_by_dir: HashMap<String, usize> = HashMap::new();
    // Sized up front: growing vectors of large items a push at a time costs page faults.
    let mut raw_pages = Vec::with_capacity(parsed.len());
    let mut raw_assets = Vec::new();
    let mut data = indexmap::IndexMap::new();
    let mut links = HashMap::new();
    let mut scheduled = Vec::new();
    let mut typed_data = Vec::new();
    for (entry, p) in parsed {
        match p {
            Parsed::Section(front, markdown, body_line) => {
                let dir = content_dir_of(&entry.rel).to_string();
                let path = dir_url(&dir);
                links.insert(
                    entry.rel["content/".len()..].to_string(),
                    LinkTarget::Published(path.clone()),
                );
                section_by_dir.insert(dir, sections.len());
                sections.push(Section {
                    source: entry.rel,
                    path,
                    front,
                    markdown,
                    body_line,
                    parent: None,
                    children: Vec::new(),
                    pages: Vec::new(),
                });
            }
            Parsed::Page(front, markdown, body_line) => {
                raw_pages.push((entry, front, markdown, body_line))
            }
            Parsed::Data(value, typed) => {
                let stem = data::stem(&entry.rel).to_string();
                if let Some(text) = typed {
                    typed_data.push((entry.rel.clone(), stem.clone(), text));
                }
                data.insert(stem, value);
            }
            Parsed::Asset => raw_assets.push(entry),
        }
    }
    if !section_by_dir.contains_key("") {
        section_by_dir.insert(String::new(), sections.len());
        sections.push(Section {
            source: "content/_index.md".into(),
            path: "/".into(),
            front: SectionFront {
                title: config.title.clone(),
                ..SectionFront::default()
            },
            markdown: String::new(),
            body_line: 1,
            parent: None,
            children: Vec::new(),
            pages: Vec::new(),
        });
    }
    // The root first, then by source path: ids are stable and the root is sections[0].
    let mut order: Vec<usize> = (0..sections.len()).collect();
    order.sort_by_key(|&i| (sections[i].path != "/", sections[i].source.clone()));
    let mut remap = vec![0; sections.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new;
    }
    let mut slots: Vec<Option<Section>> = sections.into_iter().map(Some).collect();
    let mut sections: Vec<Section> = order.iter().filter_map(|&i| slots[i].take()).collect();
    for v in section_by_dir.values_mut() {
        *v = remap[*v];
    }
    for i in 1..sections.len() {
        let dir = content_dir_of(&sections[i].source).to_string();
        let parent = nearest_section(&section_by_dir, parent_dir(&dir));
        sections[i].parent = Some(parent);
        sections[parent].children.push(i);
    }

    let mut pages: Vec<Page> = Vec::with_capacity(raw_pages.len());
    let mut bundle_dirs: Vec<(String, String)> = Vec::new();
    for (entry, front, markdown, body_line) in raw_pages {
        let bundle = matches!(entry.kind, Kind::Page { bundle: true });
        let dir = content_dir_of(&entry.rel).to_string();
        let (parent_of_page, path) = page_path(&entry.rel, &front);
        let key = entry.rel["content/".len()..].to_string();
        let future = front.date.is_some_and(|d| d > now);
        if (front.draft && !opts.drafts) || (future && !opts.future) {
            if future
                && !front.draft
                && let Some(d) = front.date
            {
                scheduled.push((entry.rel.clone(), d));
            }
            let held = match front.date {
                Some(d) if future && (opts.drafts || !front.draft) => Held::Scheduled(d),
                _ => Held::Draft,
            };
            links.insert(key, LinkTarget::Unpublished(held));
            continue;
        }
        if bundle {
            bundle_dirs.push((format!("content/{dir}/"), path.clone()));
        }
        links.insert(key, LinkTarget::Published(path.clone()));
        let section = nearest_section(&section_by_dir, &parent_of_page);
        pages.push(Page {
            source: entry.rel,
            path,
            front,
            markdown,
            body_line,
            section,
        });
    }
    for (i, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(i);
    }
    for s in 0..sections.len() {
        let sort_by = sections[s].front.sort_by;
        let mut ids = std::mem::take(&mut sections[s].pages);
        crate::site::index::sort_pages(&mut ids, &pages, sort_by);
        sections[s].pages = ids;
        let mut children = std::mem::take(&mut sections[s].children);
        children.sort_by(|&a, &b| {
            let (fa, fb) = (&sections[a].front, &sections[b].front);
            (
                fa.weight.is_none(),
                fa.weight,
                crate::vi::sort_key(&fa.title),
            )
                .cmp(&(
                    fb.weight.is_none(),
                    fb.weight,
                    crate::vi::sort_key(&fb.title),
                ))
        });
        sections[s].children = children;
    }
    let assets = place_assets(raw_assets, &bundle_dirs);
    undeclared_taxonomies(&config, &pages, warnings);
    let taxonomies = crate::site::index::build_taxonomies(&config, &pages);
    let aliases = crate::site::index::alias_paths(&pages);
    let site = Site {
        config,
        pages,
        sections,
        data,
        assets,
        taxonomies,
        links,
        sample_data: Vec::new(),
        campaign: Default::default(),
        aliases,
    };
    let loaded = Loaded {
        site,
        warnings: Vec::new(),
        scheduled,
    };
    (loaded, typed_data)
}

/// A page's parent folder (inside `content/`) and its site path, from its file and front matter.
fn page_path(rel: &str, front: &PageFront) -> (String, String) {
    let dir = content_dir_of(rel);
    let bundle = rel.ends_with("/index.md") || rel == "content/index.md";
    let (parent, own) = if bundle {
        (
            parent_dir(dir).to_string(),
            dir.rsplit('/').next().unwrap_or_default().to_string(),
        )
    } else {
        let file = rel.rsplit('/').next().unwrap_or_default();
        (dir.to_string(), file.trim_end_matches(".md").to_string())
    };
    let segment = front.slug.clone().unwrap_or_else(|| slugify(&own));
    let path = format!("{}{}/", dir_url(&parent), segment);
    (parent, path)
}

/// Re-reads one published page after an edit, for a quick update. `Ok(None)` when the edit
/// needs a full reload instead: the file is new or gone, or its URL, aliases, terms, draft or
/// scheduling changed (those change which files exist).
pub fn reload_page(
    site: &Site,
    opts: LoadOptions,
    rel: &str,
) -> Result<Option<(usize, Page)>, Vec<Diagnostic>> {
    let Some(id) = site.pages.iter().position(|p| p.source == rel) else {
        return Ok(None);
    };
    let abs = site.config.root.join(rel);
    if !abs.is_file() {
        return Ok(None);
    }
    let entry = Entry {
        abs,
        rel: rel.to_string(),
        kind: Kind::Page {
            bundle: rel.ends_with("/index.md"),
        },
    };
    let Parsed::Page(front, markdown, body_line) = parse_entry(&entry)?.0 else {
        return Ok(None);
    };
    let old = &site.pages[id];
    let (_, path) = page_path(rel, &front);
    let hidden = (front.draft && !opts.drafts)
        || (front.date.is_some_and(|d| d > crate::date::now()) && !opts.future);
    if path != old.path
        || hidden
        || front.aliases != old.front.aliases
        || front.taxonomies != old.front.taxonomies
    {
        return Ok(None);
    }
    Ok(Some((
        id,
        Page {
            source: old.source.clone(),
            path,
            front,
            markdown,
            body_line,
            section: old.section,
        },
    )))
}

fn parent_dir(dir: &str) -> &str {
    dir.rsplit_once('/').map_or("", |(p, _)| p)
}

fn nearest_section(by_dir: &HashMap<String, usize>, mut dir: &str) -> usize {
    loop {
        if let Some(&id) = by_dir.get(dir) {
            return id;
        }
        if dir.is_empty() {
            return 0;
        }
        dir = parent_dir(dir);
    }
}

/// Bundle files go beside their page's URL; other files keep their folder (slugified) and name.
fn place_assets(entries: Vec<Entry>, bundles: &[(String, String)]) -> Vec<Asset> {
    entries
        .into_iter()
        .map(|e| {
            let bundle = bundles
                .iter()
                .filter(|(dir, _)| e.rel.starts_with(dir.as_str()))
                .max_by_key(|(dir, _)| dir.len());
            let output = match bundle {
                Some((dir, url)) => {
                    format!("{}{}", url.trim_start_matches('/'), &e.rel[dir.len()..])
                }
                None => {
                    let file = e.rel.rsplit('/').next().unwrap_or_default();
                    format!(
                        "{}{}",
                        dir_url(content_dir_of(&e.rel)).trim_start_matches('/'),
                        file
                    )
                }
            };
            Asset {
                source: e.abs,
                output,
            }
        })
        .collect()
}

/// Warnings for taxonomies a page uses but `site.yaml` does not declare.
fn undeclared_taxonomies(config: &Config, pages: &[Page], warnings: &mut Vec<Diagnostic>) {
    for page in pages {
        for name in page.front.taxonomies.keys() {
            if config.taxonomy(name).is_none() {
                // `tags:` and `categories:` are keys of their own; others sit under `taxonomies:`.
                let written = |key: &str| page.front.written_at.get(key).copied();
                let at = written(name)
                    .filter(|_| matches!(name.as_str(), "tags" | "categories"))
                    .or_else(|| written(&format!("taxonomies.{name}")));
                let known: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
                warnings.push(
                    Diagnostic::warning(&page.source, "front matter", format!("taxonomy \"{name}\" is not declared in site.yaml; its terms are ignored"))
                        .at(at.unwrap_or(Location::new(2, 1)))
                        .with_hint(crate::diagnostic::unknown_key_hint(name, &known)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_from_paths() {
        assert_eq!(dir_url(""), "/");
        assert_eq!(dir_url("Tin tức/Bài viết"), "/tin-tuc/bai-viet/");
        assert_eq!(content_dir_of("content/a/b/c.md"), "a/b");
        assert_eq!(content_dir_of("content/c.md"), "");
    }

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
