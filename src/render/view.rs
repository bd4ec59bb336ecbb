//! What templates see. Each `*View` struct, and the doc comments of [`page_summary`] and
//! [`page_full`], document the variables a template can use (the tables in
//! `docs/templates.md` mirror them).
//!
//! Values shared by every page (`site`, `data`) are built once; each page's summary (what a
//! list shows) is built once and shared by every list it appears in, so a tag page with
//! thousands of posts clones pointers, not page bodies. The two values every page has
//! (its summary and its full view) are built as maps directly rather than through serde.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::markdown::TocEntry;
use super::value::{TemplateMap, TemplateValue as Value, with_values};
use crate::config::MenuItem;
use crate::paths::BaseUrl;
use crate::site::{LinkTarget, Page, Section, Site};

/// Links to terms, shared by every summary: taxonomy → name as written → `{name, slug, url}`.
pub(crate) type TermRefs = HashMap<String, HashMap<String, Value>>;

/// Builds the term links of every page once (a post's tags appear in each of its summaries).
pub(crate) fn term_refs(site: &Site) -> TermRefs {
    let mut refs: TermRefs = HashMap::new();
    for page in &site.pages {
        for (tax, names) in &page.front.taxonomies {
            let known = refs.entry(tax.clone()).or_default();
            for name in names {
                if !known.contains_key(name) {
                    known.insert(name.clone(), term_ref(&site.config.base, tax, name));
                }
            }
        }
    }
    refs
}

/// A page as lists show it (`section.pages`, `term.pages`, `paginator.pages`), in this order:
/// `title`; `url` (path under the base: `/5-nam/tin-tuc/bai-mot/`); `permalink` (full URL);
/// `date` and `updated` (RFC 3339 with +07:00, or none); `description`; `taxonomies`
/// (`taxonomies.tags` is a list of `{name, slug, url}`, configured taxonomies only);
/// `image` (a bundle's `anh.jpg` becomes `/tin-tuc/bai/anh.jpg`); `extra` (free front-matter
/// values); `source` (`content/tin-tuc/bai-mot.md`); `draft`; `weight`; `summary` (the HTML
/// before `<!-- more -->`, or none).
///
/// Built as a map directly (not through serde): every page has one, and `refs` are shared.
pub(crate) fn page_summary(
    site: &Site,
    page: &Page,
    summary_html: Option<&str>,
    refs: &TermRefs,
) -> Value {
    let base = &site.config.base;
    let text = |t: Option<&str>| t.map_or_else(Value::none, Value::from);
    let mut taxonomies = TemplateMap::default();
    for (name, terms) in &page.front.taxonomies {
        if site.config.taxonomy(name).is_none() {
            continue;
        }
        let known = refs.get(name);
        let list: Vec<Value> = terms
            .iter()
            .map(|t| {
                known
                    .and_then(|k| k.get(t))
                    .cloned()
                    .unwrap_or_else(|| term_ref(base, name, t))
            })
            .collect();
        taxonomies.insert(name.clone().into(), Value::from(list));
    }
    let mut m = TemplateMap::with_capacity(13);
    let mut put = |k: &'static str, v: Value| {
        m.insert(k.into(), v);
    };
    put("title", Value::from(page.front.title.as_str()));
    put("url", Value::from(base.href(&page.path)));
    put("permalink", Value::from(base.permalink(&page.path)));
    put(
        "date",
        text(page.front.date.map(|d| d.rfc3339()).as_deref()),
    );
    put(
        "updated",
        text(page.front.updated.map(|d| d.rfc3339()).as_deref()),
    );
    put("description", text(page.front.description.as_deref()));
    put("taxonomies", Value::from(taxonomies));
    put(
        "image",
        text(
            page.front
                .image
                .as_deref()
                .map(|i| image_path(&page.path, i))
                .as_deref(),
        ),
    );
    put("extra", Value::from_serializable(&page.front.extra));
    put("source", Value::from(page.source.as_str()));
    put("draft", Value::from(page.front.draft));
    put(
        "weight",
        page.front.weight.map_or_else(Value::none, Value::from),
    );
    put(
        "summary",
        summary_html.map_or_else(Value::none, Value::safe_string),
    );
    Value::from(m)
}

/// An image path from front matter as a site path: relative names are beside the page.
fn image_path(page_path: &str, image: &str) -> String {
    if image.starts_with('/') || image.contains("://") {
        image.to_string()
    } else {
        format!("{page_path}{image}")
    }
}

/// `{name, slug, url}` for a term as a page names it.
fn term_ref(base: &BaseUrl, taxonomy: &str, name: &str) -> Value {
    let slug = crate::paths::slugify(name);
    let mut m = TemplateMap::with_capacity(3);
    let url = base.href(&format!("/{taxonomy}/{slug}/"));
    m.insert("name".into(), Value::from(name));
    m.insert("slug".into(), Value::from(slug));
    m.insert("url".into(), Value::from(url));
    Value::from(m)
}

/// Adds HTML strings to a map value, marked safe so templates print them unescaped.
pub(crate) fn with_safe(value: Value, html: &[(&'static str, Option<&str>)]) -> Value {
    let Some(mut map) = value.into_map() else {
        return Value::none();
    };
    for (key, text) in html {
        let v = match text {
            Some(t) => Value::safe_string(t),
            None => Value::none(),
        };
        map.insert((*key).into(), v);
    }
    Value::from(map)
}

/// `{title, url}` of a page or section.
fn nav_link(base: &BaseUrl, title: &str, path: &str) -> Value {
    let mut m = TemplateMap::with_capacity(2);
    m.insert("title".into(), Value::from(title));
    m.insert("url".into(), Value::from(base.href(path)));
    Value::from(m)
}

/// The full view of a page (`page`): its summary's fields, then `toc` (`[{level, id, title,
/// children}]`), `word_count`, `reading_time` (minutes at 200 words a minute, at least 1),
/// `section` (`{title, url}`), `lower` and `higher` (the next older and newer page in the
/// section's order, `{title, url}` or none) and `content` (the HTML body).
/// `pos` is the page's index in its section's pages.
pub(crate) fn page_full(
    site: &Site,
    id: usize,
    pos: Option<usize>,
    summary: &Value,
    html: &str,
    toc: &[TocEntry],
    words: usize,
) -> Value {
    let base = &site.config.base;
    let page = &site.pages[id];
    let section = &site.sections[page.section];
    let neighbour = |offset: isize| -> Value {
        pos.and_then(|p| p.checked_add_signed(offset))
            .and_then(|i| section.pages.get(i))
            .map_or_else(Value::none, |&p| {
                let other = &site.pages[p];
                nav_link(base, &other.front.title, &other.path)
            })
    };
    let mut map = summary.as_map().cloned().unwrap_or_default();
    map.reserve(7);
    map.insert("toc".into(), toc_value(toc));
    map.insert("word_count".into(), Value::from(words));
    map.insert(
        "reading_time".into(),
        Value::from(words.div_ceil(200).max(1)),
    );
    map.insert(
        "section".into(),
        nav_link(base, &section.front.title, &section.path),
    );
    map.insert("lower".into(), neighbour(1));
    map.insert("higher".into(), neighbour(-1));
    map.insert("content".into(), Value::safe_string(html));
    Value::from(map)
}

/// `[{level, id, title, children}]`, built directly (every page has a table of contents).
fn toc_value(toc: &[TocEntry]) -> Value {
    let entries: Vec<Value> = toc
        .iter()
        .map(|e| {
            let mut m = TemplateMap::with_capacity(4);
            m.insert("level".into(), Value::from(e.level));
            m.insert("id".into(), Value::from(e.id.as_str()));
            m.insert("title".into(), Value::from(e.title.as_str()));
            m.insert("children".into(), toc_value(&e.children));
            Value::from(m)
        })
        .collect();
    Value::from(entries)
}

/// A section as its own template sees it (`section`).
#[derive(Debug, Serialize)]
pub(crate) struct SectionView<'a> {
    title: &'a str,
    url: String,
    permalink: String,
    description: Option<&'a str>,
    extra: &'a serde_json::Value,
    source: &'a str,
    /// Sub-sections: `[{title, url, description}]`.
    subsections: Vec<SubsectionView<'a>>,
    /// How many pages the section has in all.
    page_count: usize,
}

#[derive(Debug, Serialize)]
struct SubsectionView<'a> {
    title: &'a str,
    url: String,
    description: Option<&'a str>,
    weight: Option<i64>,
}

/// Builds a section's view; `pages` are the summaries of the current list page.
pub(crate) fn section_view(
    site: &Site,
    section: &Section,
    html: &str,
    toc: &[TocEntry],
    pages: Vec<Value>,
) -> Value {
    let base = &site.config.base;
    let view = SectionView {
        title: &section.front.title,
        url: base.href(&section.path),
        permalink: base.permalink(&section.path),
        description: section.front.description.as_deref(),
        extra: &section.front.extra,
        source: &section.source,
        subsections: section
            .children
            .iter()
            .map(|&c| {
                let s = &site.sections[c];
                SubsectionView {
                    title: &s.front.title,
                    url: base.href(&s.path),
                    description: s.front.description.as_deref(),
                    weight: s.front.weight,
                }
            })
            .collect(),
        page_count: section.pages.len(),
    };
    let v = with_safe(Value::from_serializable(&view), &[("content", Some(html))]);
    with_values(
        v,
        vec![
            ("pages", Value::from(pages)),
            ("toc", Value::from_serializable(&toc)),
        ],
    )
}

/// The paginator: which list page this is and how to reach the others.
#[derive(Debug, Serialize)]
pub(crate) struct PaginatorView {
    /// This page's number, from 1.
    pub(crate) number: usize,
    /// How many list pages there are.
    pub(crate) total_pages: usize,
    /// How many items in all.
    pub(crate) total_items: usize,
    /// URL of the previous list page, or none.
    pub(crate) previous: Option<String>,
    /// URL of the next list page, or none.
    pub(crate) next: Option<String>,
    /// URL of page 1.
    pub(crate) first: String,
    /// URL of the last page.
    pub(crate) last: String,
    /// Numbered links: the first and last pages and two on each side of this one,
    /// `[{number, url, current, gap_before}]` (`gap_before`: numbers were skipped before it).
    pub(crate) pagers: Vec<Pager>,
}

/// One numbered link of a paginator.
#[derive(Debug, Serialize)]
pub(crate) struct Pager {
    pub(crate) number: usize,
    pub(crate) url: String,
    pub(crate) current: bool,
    pub(crate) gap_before: bool,
}

/// The page numbers a paginator links to: 1, the last, and two on each side of `number`.
/// (Linking every page would make a 1,000-page list cost a million links to build.)
fn pager_numbers(number: usize, total: usize) -> Vec<usize> {
    let mut out: Vec<usize> = [1, total]
        .into_iter()
        .chain(number.saturating_sub(2).max(1)..=(number + 2).min(total))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The site path of list page `n` (1-based) of a list at `path`: page 1 is the list itself.
pub(crate) fn pager_path(path: &str, n: usize) -> String {
    if n <= 1 {
        path.to_string()
    } else {
        format!("{path}page/{n}/")
    }
}

/// Builds the paginator for page `number` of `total_pages`.
pub(crate) fn paginator(
    base: &BaseUrl,
    path: &str,
    number: usize,
    total_pages: usize,
    total_items: usize,
) -> PaginatorView {
    let url = |n: usize| base.href(&pager_path(path, n));
    PaginatorView {
        number,
        total_pages,
        total_items,
        previous: (number > 1).then(|| url(number - 1)),
        next: (number < total_pages).then(|| url(number + 1)),
        first: url(1),
        last: url(total_pages),
        pagers: {
            let numbers = pager_numbers(number, total_pages);
            numbers
                .iter()
                .enumerate()
                .map(|(i, &n)| Pager {
                    number: n,
                    url: url(n),
                    current: n == number,
                    gap_before: i > 0 && numbers[i - 1] + 1 != n,
                })
                .collect()
        },
    }
}

/// A resolved menu entry.
#[derive(Debug, Serialize)]
struct MenuView {
    name: String,
    url: String,
    /// The site path it leads to (for marking the current entry), or none for outside links.
    path: Option<String>,
    external: bool,
    children: Vec<MenuView>,
}

fn menu_view(base: &BaseUrl, site: &Site, item: &MenuItem) -> MenuView {
    let (url, path, external) = if let Some(content) = item.url.strip_prefix("@/") {
        match site.resolve(content) {
            Some(LinkTarget::Published(p)) => (base.href(p), Some(p.clone()), false),
            _ => ("#".to_string(), None, false),
        }
    } else if item.url.starts_with('#') {
        // A fragment as written, or what an unsafe link became (config.rs).
        (item.url.clone(), None, false)
    } else if item.url.contains("://") {
        (item.url.clone(), None, true)
    } else {
        (
            base.href(&item.url),
            Some(format!("/{}", item.url.trim_start_matches('/'))),
            false,
        )
    };
    let mut children: Vec<&MenuItem> = item.children.iter().collect();
    children.sort_by_key(|c| (c.weight.is_none(), c.weight));
    MenuView {
        name: item.name.clone(),
        url,
        path,
        external,
        children: children
            .into_iter()
            .map(|c| menu_view(base, site, c))
            .collect(),
    }
}

/// `site`: what every template sees about the site.
#[derive(Debug, Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    /// The full base URL: `https://example.gov.vn/5-nam/`.
    base_url: &'a str,
    /// The base URL's path: `/5-nam/`.
    base_path: &'a str,
    language: &'a str,
    /// Menus by name: `site.menus.main` is a list of `{name, url, path, external, children}`.
    menus: BTreeMap<&'a str, Vec<MenuView>>,
    /// Taxonomies: `[{name, title, url, terms: [{name, slug, url, count}]}]`.
    taxonomies: Vec<TaxonomyView<'a>>,
    /// Stems of data files marked `sample: true`.
    sample_data: &'a [String],
    /// Free values from `site.yaml`.
    extra: &'a serde_json::Value,
    /// When the site was built (RFC 3339, +07:00).
    build_time: String,
    /// Whether feeds are generated.
    feeds: bool,
    /// The search page's URL, or none when the site has no page rendered with `search.html`.
    search_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct TaxonomyView<'a> {
    name: &'a str,
    title: String,
    url: String,
    terms: Vec<TermView<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    count: usize,
}

/// The default heading of a taxonomy in the site's language.
pub(crate) fn taxonomy_title(site: &Site, name: &str) -> String {
    if let Some(t) = site.config.taxonomy(name).and_then(|t| t.title.clone()) {
        return t;
    }
    match (site.config.language.as_str(), name) {
        ("vi", "tags") => "Thẻ".into(),
        ("vi", "categories") => "Chuyên mục".into(),
        ("en", "tags") => "Tags".into(),
        ("en", "categories") => "Categories".into(),
        _ => name.to_string(),
    }
}

pub(crate) fn taxonomy_views(site: &Site) -> Vec<TaxonomyView<'_>> {
    let base = &site.config.base;
    site.taxonomies
        .iter()
        .map(|t| TaxonomyView {
            name: &t.name,
            title: taxonomy_title(site, &t.name),
            url: base.href(&format!("/{}/", t.name)),
            terms: t
                .terms
                .iter()
                .map(|term| TermView {
                    name: &term.name,
                    slug: &term.slug,
                    url: base.href(&format!("/{}/{}/", t.name, term.slug)),
                    count: term.pages.len(),
                })
                .collect(),
        })
        .collect()
}

/// The `site` value, built once per build.
pub(crate) fn site_value(site: &Site) -> Value {
    let c = &site.config;
    let view = SiteView {
        title: &c.title,
        description: c.description.as_deref(),
        base_url: &c.base_url,
        base_path: c.base.path(),
        language: &c.language,
        menus: c
            .menus
            .iter()
            .map(|(name, items)| {
                let mut items: Vec<&MenuItem> = items.iter().collect();
                items.sort_by_key(|i| (i.weight.is_none(), i.weight));
                (
                    name.as_str(),
                    items
                        .into_iter()
                        .map(|i| menu_view(&c.base, site, i))
                        .collect(),
                )
            })
            .collect(),
        taxonomies: taxonomy_views(site),
        sample_data: &site.sample_data,
        extra: &c.extra,
        build_time: crate::date::now().rfc3339(),
        feeds: c.feeds,
        search_url: crate::search::search_page_path(site).map(|p| c.base.href(&p)),
    };
    Value::from_serializable(&view)
}

/// The `data` value: every data file by stem, except `honourees`: templates get that one only
/// through the `honourees` view, which leaves out what a decision does not publish (cash
/// awards, photos without consent).
pub(crate) fn data_value(site: &Site) -> Value {
    let public: indexmap::IndexMap<&String, &serde_json::Value> = site
        .data
        .iter()
        .filter(|(k, _)| k.as_str() != "honourees")
        .collect();
    Value::from_serializable(&public)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagers_are_a_window() {
        assert_eq!(pager_numbers(1, 1), [1]);
        assert_eq!(pager_numbers(1, 3), [1, 2, 3]);
        assert_eq!(pager_numbers(1, 100), [1, 2, 3, 100]);
        assert_eq!(pager_numbers(50, 100), [1, 48, 49, 50, 51, 52, 100]);
        assert_eq!(pager_numbers(100, 100), [1, 98, 99, 100]);
    }
}
