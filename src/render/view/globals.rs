//! What every template sees of the site (`site`: title, menus, taxonomies…, and `data`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Value;
use crate::config::MenuItem;
use crate::paths::BaseUrl;
use crate::site::{LinkTarget, Site};

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
