//! What templates see. Each `*View` struct, and the doc comments of [`page_summary`] and
//! [`page_full`], document the variables a template can use (the tables in
//! `docs/templates.md` mirror them).
//!
//! Values shared by every page (`site`, `data`) are built once; each page's summary (what a
//! list shows) is built once and shared by every list it appears in, so a tag page with
//! thousands of posts clones pointers, not page bodies. The two values every page has
//! (its summary and its full view) are built as maps directly rather than through serde.
//!
//! Here: pages and sections. The paginator is in `view/paginator.rs`; the `site` and `data`
//! values in `view/globals.rs`.

mod figures;
mod globals;
mod paginator;

use std::collections::HashMap;

use serde::Serialize;

use super::markdown::TocEntry;
use super::value::{TemplateMap, TemplateValue as Value, with_values};
use crate::paths::BaseUrl;
use crate::site::{Page, Section, Site};
pub(crate) use figures::Figures;
pub(crate) use globals::{data_value, site_value, taxonomy_title, taxonomy_views};
pub(crate) use paginator::{pager_path, paginator};

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
    let live = live_summary(site, page);
    put(
        "summary",
        live.as_deref()
            .or(summary_html)
            .map_or_else(Value::none, Value::safe_string),
    );
    Value::from(m)
}

/// The summary of a page whose summary has shortcodes, with their figures; `None` for the
/// others (the summary the caller rendered stands). Errors are reported by the page itself.
fn live_summary(site: &Site, page: &Page) -> Option<String> {
    let head = page.markdown.split(super::markdown::MORE).next()?;
    if !head.contains("{{") || !page.markdown.contains(super::markdown::MORE) {
        return None;
    }
    let figures = Figures::of(site);
    let expand = |sc: &super::markdown::Shortcode| figures.expand(sc);
    let resolver = |path: &str| super::resolve_link(site, path);
    let input = super::markdown::MarkdownInput {
        markdown: &page.markdown,
        file: &page.source,
        body_line: page.body_line,
        sub_path: site.config.base.path(),
    };
    super::markdown::summary_expanding(input, &resolver, Some(&expand))
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
/// children}]`), `heading_count` (every heading, at any depth), `word_count`, `reading_time`
/// (minutes at 200 words a minute, at least 1), `section` (`{title, url}`), `lower` and
/// `higher` (the next older and newer page in the section's order, `{title, url}` or none; none
/// for an undated page, whose section is not a sequence in time) and `content` (the HTML body).
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
    let dated = page.front.date.is_some();
    let neighbour = |offset: isize| -> Value {
        pos.filter(|_| dated)
            .and_then(|p| p.checked_add_signed(offset))
            .and_then(|i| section.pages.get(i))
            .map_or_else(Value::none, |&p| {
                let other = &site.pages[p];
                nav_link(base, &other.front.title, &other.path)
            })
    };
    let mut map = summary.as_map().cloned().unwrap_or_default();
    map.reserve(7);
    map.insert("toc".into(), toc_value(toc));
    map.insert("heading_count".into(), Value::from(heading_count(toc)));
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

/// How many headings a table of contents lists, at every depth.
fn heading_count(toc: &[TocEntry]) -> usize {
    toc.iter().map(|e| 1 + heading_count(&e.children)).sum()
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
            ("heading_count", Value::from(heading_count(toc))),
        ],
    )
}
