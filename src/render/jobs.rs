//! Which outputs to render: every output of a full build ([`plan_jobs`]), or only what an
//! edit of some pages can change ([`affected_jobs`]).

use super::Changed;
use super::templates::Templates;
use crate::site::Site;

/// One output to produce.
#[derive(Debug, Clone, Copy)]
pub(super) enum Job {
    Page(usize),
    /// Section id and list page number (from 1).
    Section(usize, usize),
    TaxonomyList(usize),
    /// Taxonomy, term, list page number.
    Term(usize, usize, usize),
    NotFound,
}

pub(super) fn plan_jobs(site: &Site, templates: &Templates) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for (sid, s) in site.sections.iter().enumerate() {
        let per = s.front.paginate_by.unwrap_or(0);
        let n = if per == 0 {
            1
        } else {
            s.pages.len().div_ceil(per).max(1)
        };
        jobs.extend((1..=n).map(|k| Job::Section(sid, k)));
    }
    for (ti, t) in site.taxonomies.iter().enumerate() {
        if t.terms.is_empty() {
            continue;
        }
        jobs.push(Job::TaxonomyList(ti));
        let per = site.config.taxonomies[ti].paginate_by.unwrap_or(0);
        for (ri, term) in t.terms.iter().enumerate() {
            let n = if per == 0 {
                1
            } else {
                term.pages.len().div_ceil(per).max(1)
            };
            jobs.extend((1..=n).map(|k| Job::Term(ti, ri, k)));
        }
    }
    if templates.has("404.html") {
        jobs.push(Job::NotFound);
    }
    jobs
}

pub(super) fn affected_jobs(site: &Site, changed: &Changed) -> Vec<Job> {
    let mut jobs = std::collections::BTreeSet::new();
    jobs.insert(JobKey::Section(0, 1));
    jobs.extend(changed.neighbours.iter().map(|&p| JobKey::Page(p)));
    for &id in &changed.pages {
        let sid = site.pages[id].section;
        let s = &site.sections[sid];
        jobs.insert(JobKey::Page(id));
        if let Some(pos) = s.pages.iter().position(|&p| p == id) {
            for n in [pos.checked_sub(1), Some(pos + 1)].into_iter().flatten() {
                if let Some(&p) = s.pages.get(n) {
                    jobs.insert(JobKey::Page(p));
                }
            }
            let per = s.front.paginate_by.unwrap_or(0);
            let total = if per == 0 {
                1
            } else {
                s.pages.len().div_ceil(per).max(1)
            };
            if changed.reordered.contains(&sid) {
                jobs.extend((1..=total).map(|n| JobKey::Section(sid, n)));
            } else {
                jobs.insert(JobKey::Section(
                    sid,
                    pos.checked_div(per).map_or(1, |n| n + 1),
                ));
            }
        }
        for (ti, tax) in site.taxonomies.iter().enumerate() {
            let Some(names) = site.pages[id].front.taxonomies.get(&tax.name) else {
                continue;
            };
            jobs.insert(JobKey::TaxonomyList(ti));
            let per = site.config.taxonomies[ti].paginate_by.unwrap_or(0);
            for (ri, term) in tax.terms.iter().enumerate() {
                if names.iter().any(|n| crate::paths::slugify(n) == term.slug) {
                    let total = if per == 0 {
                        1
                    } else {
                        term.pages.len().div_ceil(per).max(1)
                    };
                    jobs.extend((1..=total).map(|n| JobKey::Term(ti, ri, n)));
                }
            }
        }
    }
    jobs.into_iter().map(JobKey::job).collect()
}

/// A sortable copy of [`Job`], to deduplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum JobKey {
    Page(usize),
    Section(usize, usize),
    TaxonomyList(usize),
    Term(usize, usize, usize),
}

impl JobKey {
    fn job(self) -> Job {
        match self {
            JobKey::Page(p) => Job::Page(p),
            JobKey::Section(s, n) => Job::Section(s, n),
            JobKey::TaxonomyList(t) => Job::TaxonomyList(t),
            JobKey::Term(t, r, n) => Job::Term(t, r, n),
        }
    }
}
