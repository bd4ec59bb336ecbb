//! Orderings and addresses derived from the pages: each section's display order, the taxonomies
//! and the alias paths.
//!
//! Kept apart from loading so that an edit can re-derive them without reading every file.

use std::collections::BTreeMap;

use super::{Alias, Page, Site, SortBy, TaxonomyIndex, Term};
use crate::config::Config;
use crate::paths::slugify;

impl Site {
    /// A new site with the pages `updates` (`(id, page)`) replacing theirs, and every order,
    /// taxonomy and alias derived again; `self` is left as it was.
    pub fn with_pages(&self, updates: Vec<(usize, Page)>) -> Site {
        let mut site = self.clone();
        for (id, page) in updates {
            site.pages[id] = page;
        }
        site.reindex();
        site
    }

    /// Re-derives every section's page order, the taxonomies and the aliases from the pages.
    fn reindex(&mut self) {
        for s in 0..self.sections.len() {
            let sort_by = self.sections[s].front.sort_by;
            let mut ids = std::mem::take(&mut self.sections[s].pages);
            sort_pages(&mut ids, &self.pages, sort_by);
            self.sections[s].pages = ids;
        }
        self.taxonomies = build_taxonomies(&self.config, &self.pages);
        self.aliases = alias_paths(&self.pages);
    }
}

/// Every page's aliases as site paths, in page order.
pub(crate) fn alias_paths(pages: &[Page]) -> Vec<Alias> {
    pages
        .iter()
        .flat_map(|p| {
            p.front.aliases.iter().map(move |a| {
                let trimmed = a.trim_matches('/');
                let path = if trimmed.ends_with(".html") {
                    format!("/{trimmed}")
                } else {
                    format!("/{trimmed}/")
                };
                Alias {
                    path,
                    target: p.path.clone(),
                    source: p.source.clone(),
                }
            })
        })
        .collect()
}

/// Orders a section's pages; ties broken by title then source, so output never depends on
/// the file system's order.
pub(crate) fn sort_pages(ids: &mut [usize], pages: &[Page], sort_by: SortBy) {
    match sort_by {
        SortBy::Date => ids.sort_by(|&a, &b| {
            let (pa, pb) = (&pages[a], &pages[b]);
            pb.front
                .date
                .cmp(&pa.front.date)
                .then_with(|| pa.source.cmp(&pb.source))
        }),
        SortBy::Weight => ids.sort_by(|&a, &b| {
            let (pa, pb) = (&pages[a], &pages[b]);
            (pa.front.weight.is_none(), pa.front.weight)
                .cmp(&(pb.front.weight.is_none(), pb.front.weight))
                .then_with(|| pa.source.cmp(&pb.source))
        }),
        SortBy::Title => ids.sort_by_cached_key(|&a| {
            (
                crate::vi::sort_key(&pages[a].front.title),
                pages[a].source.clone(),
            )
        }),
    }
}

/// Builds every declared taxonomy from the pages' front matter: terms in Vietnamese
/// alphabetical order, each term's pages newest first.
pub(crate) fn build_taxonomies(config: &Config, pages: &[Page]) -> Vec<TaxonomyIndex> {
    let mut out: Vec<TaxonomyIndex> = Vec::new();
    for tax in &config.taxonomies {
        let mut terms: BTreeMap<String, Term> = BTreeMap::new();
        // A site has few distinct terms and many pages naming them: slugify each name once.
        let mut slugs: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
        for (id, page) in pages.iter().enumerate() {
            for name in page.front.taxonomies.get(&tax.name).into_iter().flatten() {
                let slug = slugs
                    .entry(name.as_str())
                    .or_insert_with(|| slugify(name))
                    .clone();
                if slug.is_empty() {
                    continue;
                }
                let term = terms.entry(slug.clone()).or_insert_with(|| Term {
                    name: name.trim().to_string(),
                    slug,
                    pages: Vec::new(),
                });
                if term.pages.last() != Some(&id) {
                    term.pages.push(id);
                }
            }
        }
        let mut terms: Vec<Term> = terms.into_values().collect();
        for t in &mut terms {
            sort_pages(&mut t.pages, pages, SortBy::Date);
        }
        terms.sort_by_cached_key(|t| crate::vi::sort_key(&t.name));
        out.push(TaxonomyIndex {
            name: tax.name.clone(),
            terms,
        });
    }
    out
}
