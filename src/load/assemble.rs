//! Assembling the parsed files into a [`Site`]: sections in a tree, pages with their URLs and
//! section (drafts and scheduled pages held back), assets beside their pages, data files, the
//! link table and the taxonomies.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::front_matter::{PageFront, SectionFront};
use super::{Entry, Kind, LoadOptions, Loaded, Parsed, data};
use crate::config::Config;
use crate::date::LocalDateTime;
use crate::diagnostic::{Diagnostic, Location};
use crate::msg;
use crate::paths::slugify;
use crate::site::{Asset, Held, LinkTarget, Page, Section, Site};

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

/// (file, stem, what the models read) of data files with a typed model, and of tables.
pub(super) type TypedData = Vec<(String, String, data::Typed)>;

/// The parsed files, sorted by kind.
struct Sorted {
    sections: Vec<Section>,
    /// Section ids by their folder inside `content/` (`""` for the root).
    section_by_dir: HashMap<String, usize>,
    /// (entry, front matter, Markdown, body line) of every page.
    pages: Vec<(Entry, PageFront, String, usize)>,
    assets: Vec<Entry>,
    data: IndexMap<String, serde_json::Value>,
    /// Where each content file (`tin-tuc/a.md`) is published, for `@/` links.
    links: HashMap<String, LinkTarget>,
    typed_data: TypedData,
}

/// Builds the site from its parsed files; also returns the typed data files, for the campaign
/// models to check.
pub(super) fn assemble(
    config: Config,
    parsed: Vec<(Entry, Parsed)>,
    opts: LoadOptions,
    warnings: &mut Vec<Diagnostic>,
) -> (Loaded, TypedData) {
    let mut sorted = sort(parsed);
    add_root_section(&config, &mut sorted);
    let mut sections = section_tree(sorted.sections, &mut sorted.section_by_dir);
    let mut scheduled = Vec::new();
    let (pages, bundle_dirs) = publish_pages(
        sorted.pages,
        opts,
        &sorted.section_by_dir,
        &mut sorted.links,
        &mut scheduled,
    );
    order_section_contents(&mut sections, &pages);
    let assets = place_assets(sorted.assets, &bundle_dirs);
    undeclared_taxonomies(&config, &pages, warnings);
    let taxonomies = crate::site::index::build_taxonomies(&config, &pages);
    let aliases = crate::site::index::alias_paths(&pages);
    let site = Site {
        config,
        pages,
        sections,
        data: sorted.data,
        assets,
        taxonomies,
        links: sorted.links,
        sample_data: Vec::new(),
        campaign: Default::default(),
        aliases,
    };
    let loaded = Loaded {
        site,
        warnings: Vec::new(),
        scheduled,
    };
    (loaded, sorted.typed_data)
}

/// Sections (linked to their URL), pages, data files and assets, each in file order.
fn sort(parsed: Vec<(Entry, Parsed)>) -> Sorted {
    let mut sorted = Sorted {
        sections: Vec::new(),
        section_by_dir: HashMap::new(),
        // Sized up front: growing vectors of large items a push at a time costs page faults.
        pages: Vec::with_capacity(parsed.len()),
        assets: Vec::new(),
        data: IndexMap::new(),
        links: HashMap::new(),
        typed_data: Vec::new(),
    };
    for (entry, p) in parsed {
        match p {
            Parsed::Section(front, markdown, body_line) => {
                let dir = content_dir_of(&entry.rel).to_string();
                let path = dir_url(&dir);
                sorted.links.insert(
                    entry.rel["content/".len()..].to_string(),
                    LinkTarget::Published(path.clone()),
                );
                sorted.section_by_dir.insert(dir, sorted.sections.len());
                sorted.sections.push(Section {
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
                sorted.pages.push((entry, front, markdown, body_line))
            }
            Parsed::Data(value, typed) => {
                let stem = data::stem(&entry.rel).to_string();
                if let Some(text) = typed {
                    sorted
                        .typed_data
                        .push((entry.rel.clone(), stem.clone(), text));
                }
                sorted.data.insert(stem, value);
            }
            Parsed::Asset => sorted.assets.push(entry),
        }
    }
    sorted
}

/// A root section titled like the site, when `content/_index.md` is not written.
fn add_root_section(config: &Config, sorted: &mut Sorted) {
    if sorted.section_by_dir.contains_key("") {
        return;
    }
    sorted
        .section_by_dir
        .insert(String::new(), sorted.sections.len());
    sorted.sections.push(Section {
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

/// The sections with the root first, then by source path (ids are stable and the root is
/// sections[0]), each linked to its parent and children; `section_by_dir` follows the new ids.
fn section_tree(
    sections: Vec<Section>,
    section_by_dir: &mut HashMap<String, usize>,
) -> Vec<Section> {
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
        let parent = nearest_section(section_by_dir, parent_dir(&dir));
        sections[i].parent = Some(parent);
        sections[parent].children.push(i);
    }
    sections
}

/// The pages to publish, each in its section, and the bundles' folders with their URLs.
/// Drafts and pages dated later are held back (unless asked for): their links say why, and
/// pages scheduled for later are noted in `scheduled`.
fn publish_pages(
    raw_pages: Vec<(Entry, PageFront, String, usize)>,
    opts: LoadOptions,
    section_by_dir: &HashMap<String, usize>,
    links: &mut HashMap<String, LinkTarget>,
    scheduled: &mut Vec<(String, LocalDateTime)>,
) -> (Vec<Page>, Vec<(String, String)>) {
    let now = crate::date::now();
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
        let section = nearest_section(section_by_dir, &parent_of_page);
        pages.push(Page {
            source: entry.rel,
            path,
            front,
            markdown,
            body_line,
            section,
        });
    }
    (pages, bundle_dirs)
}

/// Each section's pages in its `sort_by` order, and its children by weight, then title.
fn order_section_contents(sections: &mut [Section], pages: &[Page]) {
    for (i, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(i);
    }
    for s in 0..sections.len() {
        let sort_by = sections[s].front.sort_by;
        let mut ids = std::mem::take(&mut sections[s].pages);
        crate::site::index::sort_pages(&mut ids, pages, sort_by);
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
}

/// A page's parent folder (inside `content/`) and its site path, from its file and front matter.
pub(super) fn page_path(rel: &str, front: &PageFront) -> (String, String) {
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
                    Diagnostic::warning(
                        &page.source,
                        "front matter",
                        msg!(
                            "taxonomy \"{}\" is not declared in site.yaml; its terms are ignored",
                            name
                        ),
                    )
                    .at(at.unwrap_or(Location::new(2, 1)))
                    .with_hint(crate::diagnostic::hint_for_unknown(name, &known)),
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
}
