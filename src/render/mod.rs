//! Rendering: turns a loaded [`Site`] into output files, in parallel, streamed to a sink.
//!
//! Every output (a page, one list page of a section, a term page, a feed…) is a [`Job`];
//! jobs run on rayon's pool and write as soon as they are rendered, so memory does not grow
//! with the size of the output. Errors are collected from all jobs and returned together.

mod campaign;
mod charts;
pub mod markdown;
pub mod templates;
mod value;
pub(crate) mod view;
mod xml;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::messages::Text;
use crate::site::{LinkTarget, Page, Site};
use crate::write::Sink;
use markdown::{MarkdownInput, Resolved};
use templates::{Templates, ThemeSource};
use value::TemplateValue as Value;

/// One output to produce.
#[derive(Debug, Clone, Copy)]
enum Job {
    Page(usize),
    /// Section id and list page number (from 1).
    Section(usize, usize),
    TaxonomyList(usize),
    /// Taxonomy, term, list page number.
    Term(usize, usize, usize),
    NotFound,
}

/// Counts of what was rendered.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RenderCounts {
    /// HTML pages written (pages, list pages, taxonomy pages, 404).
    pub pages: usize,
}

/// Renders every output of `site` into `sink`.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    prepared: &Prepared,
    theme: &ThemeSource,
    sink: &Sink,
    progress: Option<&crate::progress::Progress>,
) -> Result<(RenderCounts, Vec<Diagnostic>), Vec<Diagnostic>> {
    let jobs = plan_jobs(site, templates);
    if let Some(p) = progress {
        p.start(jobs.len());
    }
    // Feeds, the sitemap and the search index are made while the pages render: on their own
    // they would be a single-threaded tail of the build.
    let ((counts, warnings, mut errors), generated) = rayon::join(
        || render_jobs(site, templates, prepared, &jobs, sink, progress),
        || write_generated(site, sink, true),
    );
    errors.extend(generated);
    errors.extend(copy_static(site, theme, prepared, sink));
    if errors.is_empty() {
        Ok((counts, warnings))
    } else {
        Err(collapse_repeats(errors))
    }
}

/// What an edit changed, for [`render_changed`].
#[derive(Debug, Clone, Default)]
pub struct Changed {
    /// The edited pages.
    pub pages: Vec<usize>,
    /// Sections whose page order changed (all their list pages are redrawn).
    pub reordered: Vec<usize>,
    /// Other pages to redraw: the edited pages' neighbours before the edit.
    pub neighbours: Vec<usize>,
}

/// Renders only what an edit of `changed.pages` can affect: those pages and their neighbours,
/// the list pages that show them, their term pages, the home page, feeds and the sitemap.
/// (Edits that add or remove files, URLs or terms take the full path instead.)
pub fn render_changed(
    site: &Site,
    templates: &Templates,
    prepared: &Prepared,
    changed: &Changed,
    sink: &Sink,
) -> Result<(RenderCounts, Vec<Diagnostic>), Vec<Diagnostic>> {
    let jobs = affected_jobs(site, changed);
    let (counts, warnings, mut errors) = render_jobs(site, templates, prepared, &jobs, sink, None);
    errors.extend(write_generated(site, sink, false));
    if errors.is_empty() {
        Ok((counts, warnings))
    } else {
        Err(collapse_repeats(errors))
    }
}

fn affected_jobs(site: &Site, changed: &Changed) -> Vec<Job> {
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

/// Runs jobs in parallel: (counts, warnings, errors).
fn render_jobs(
    site: &Site,
    templates: &Templates,
    prepared: &Prepared,
    jobs: &[Job],
    sink: &Sink,
    progress: Option<&crate::progress::Progress>,
) -> (RenderCounts, Vec<Diagnostic>, Vec<Diagnostic>) {
    templates.clear_cache();
    let ctx = JobContext {
        site,
        templates,
        summaries: &prepared.summaries,
        positions: &prepared.positions,
        sink,
    };
    let results: Vec<Result<Vec<Diagnostic>, Vec<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| {
            let r = ctx.run(*job);
            if let Some(p) = progress {
                p.tick();
            }
            r
        })
        .collect();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut pages = 0;
    for r in results {
        match r {
            Ok(w) => {
                pages += 1;
                warnings.extend(w);
            }
            Err(e) => errors.extend(e),
        }
    }
    (RenderCounts { pages }, warnings, errors)
}

/// One template mistake breaks every page that uses the template: report it once, saying
/// how many pages it broke, instead of once per page.
fn collapse_repeats(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for d in errors {
        let same = out.iter_mut().find(|(o, _)| {
            o.file == d.file
                && o.location == d.location
                && o.message == d.message
                && d.hint.as_ref().is_none_or(|h| o.file != h.to_string())
        });
        match same {
            Some((_, n)) if d.topic == "template" => *n += 1,
            _ => out.push((d, 0)),
        }
    }
    out.into_iter()
        .map(|(d, n)| match (&d.hint, n) {
            (Some(h), n) if n > 0 => {
                let hint = if n == 1 {
                    crate::msg!("{} and {} other page", h, n)
                } else {
                    crate::msg!("{} and {} other pages", h, n)
                };
                d.with_hint(hint)
            }
            _ => d,
        })
        .collect()
}

fn resolve_link(site: &Site, path: &str) -> Resolved {
    let (file, frag) = path
        .split_once('#')
        .map_or((path, None), |(f, a)| (f, Some(a)));
    let with_frag = |p: &str| match frag {
        Some(a) => format!("{}#{a}", site.config.base.href(p)),
        None => site.config.base.href(p),
    };
    match site.resolve(file) {
        Some(LinkTarget::Published(p)) => Resolved::Url(with_frag(p)),
        Some(LinkTarget::Unpublished(held)) => {
            Resolved::Warn("#".into(), held_message(file, *held))
        }
        None => Resolved::Missing(crate::msg!("page \"{}\" does not exist", file)),
    }
}

/// Why a link to a page left out of this build leads nowhere for now.
pub(crate) fn held_message(file: &str, held: crate::site::Held) -> Text {
    match held {
        crate::site::Held::Draft => crate::msg!(
            "page \"{}\" is a draft, so this link leads nowhere (\"#\") until it is published",
            file
        ),
        crate::site::Held::Scheduled(date) => crate::msg!(
            "page \"{}\" is scheduled for {}, so this link leads nowhere (\"#\") until then",
            file,
            date.rfc3339()
        ),
    }
}

fn plan_jobs(site: &Site, templates: &Templates) -> Vec<Job> {
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

struct JobContext<'a> {
    site: &'a Site,
    templates: &'a Templates,
    summaries: &'a [Value],
    positions: &'a [Option<usize>],
    sink: &'a Sink,
}

impl JobContext<'_> {
    /// Runs one job: Ok(warnings) or Err(errors).
    fn run(&self, job: Job) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        match job {
            Job::Page(id) => self.page(id),
            Job::Section(sid, n) => self.section(sid, n),
            Job::TaxonomyList(t) => self
                .taxonomy_list(t)
                .map(|()| Vec::new())
                .map_err(|d| vec![d]),
            Job::Term(t, r, n) => self.term(t, r, n).map(|()| Vec::new()).map_err(|d| vec![d]),
            Job::NotFound => self
                .emit(
                    "404.html",
                    "404.html",
                    vec![("current_path", Value::from("/404.html"))],
                    "404.html",
                )
                .map(|()| Vec::new())
                .map_err(|d| vec![d]),
        }
    }

    fn emit(
        &self,
        template: &str,
        output: &str,
        vars: Vec<(&'static str, Value)>,
        source: &str,
    ) -> Result<(), Diagnostic> {
        let mut buf = Vec::with_capacity(32 * 1024);
        self.templates.render(template, vars, &mut buf, source)?;
        self.sink.write(output, &buf).map_err(|e| {
            Diagnostic::error(
                source,
                "output",
                crate::msg!("cannot write {}: {}", output, e),
            )
        })
    }

    fn page(&self, id: usize) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let site = self.site;
        let page = &site.pages[id];
        let resolver = |path: &str| resolve_link(site, path);
        let (rendered, diags) = markdown::render(page_input(page), &resolver);
        let (errors, warnings): (Vec<_>, Vec<_>) =
            diags.into_iter().partition(Diagnostic::is_error);
        if !errors.is_empty() {
            return Err(errors);
        }
        let template = page_template(site, page);
        if !self.templates.has(&template) {
            let at = if page.front.template.is_some() {
                page.front.template_at
            } else {
                None
            };
            return Err(vec![missing_template(&page.source, &template, at)]);
        }
        let value = view::page_full(
            site,
            id,
            self.positions[id],
            &self.summaries[id],
            &rendered.html,
            &rendered.toc,
            rendered.words,
        );
        let vars = vec![
            ("page", value),
            ("current_path", Value::from(page.path.as_str())),
        ];
        self.emit(&template, &output_file(&page.path), vars, &page.source)
            .map_err(|d| vec![d])?;
        Ok(warnings)
    }

    fn section(&self, sid: usize, number: usize) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let site = self.site;
        let s = &site.sections[sid];
        let resolver = |path: &str| resolve_link(site, path);
        let input = MarkdownInput {
            markdown: &s.markdown,
            file: &s.source,
            body_line: s.body_line,
        };
        let (rendered, diags) = markdown::render(input, &resolver);
        let (errors, warnings): (Vec<_>, Vec<_>) =
            diags.into_iter().partition(Diagnostic::is_error);
        // Link errors in a section body are reported once, by its first list page.
        if !errors.is_empty() {
            return if number == 1 {
                Err(errors)
            } else {
                Ok(Vec::new())
            };
        }
        let per = s.front.paginate_by.unwrap_or(0);
        let (slice, paginator) = paginate(site, &s.path, &s.pages, per, number);
        let pages = slice.iter().map(|&p| self.summaries[p].clone()).collect();
        let section = view::section_view(site, s, &rendered.html, &rendered.toc, pages);
        let template = s.front.template.clone().unwrap_or_else(|| {
            if sid == 0 {
                "index.html".into()
            } else {
                "section.html".into()
            }
        });
        if !self.templates.has(&template) {
            return Err(vec![missing_template(
                &s.source,
                &template,
                s.front.template_at,
            )]);
        }
        let path = view::pager_path(&s.path, number);
        let vars = vec![
            ("section", section),
            ("paginator", paginator),
            ("current_path", Value::from(path.as_str())),
        ];
        self.emit(&template, &output_file(&path), vars, &s.source)
            .map_err(|d| vec![d])?;
        Ok(if number == 1 { warnings } else { Vec::new() })
    }

    fn taxonomy_list(&self, t: usize) -> Result<(), Diagnostic> {
        let views = view::taxonomy_views(self.site);
        let path = format!("/{}/", self.site.taxonomies[t].name);
        let vars = vec![
            ("taxonomy", value::value_of(&views[t])),
            ("current_path", Value::from(path.as_str())),
        ];
        self.emit("taxonomy_list.html", &output_file(&path), vars, &path)
    }

    fn term(&self, t: usize, r: usize, number: usize) -> Result<(), Diagnostic> {
        let site = self.site;
        let tax = &site.taxonomies[t];
        let term = &tax.terms[r];
        let path = format!("/{}/{}/", tax.name, term.slug);
        let per = site.config.taxonomies[t].paginate_by.unwrap_or(0);
        let (slice, paginator) = paginate(site, &path, &term.pages, per, number);
        let pages: Vec<Value> = slice.iter().map(|&p| self.summaries[p].clone()).collect();
        let term_value = value::value_of(&serde_json::json!({
            "name": term.name,
            "slug": term.slug,
            "url": site.config.base.href(&path),
            "permalink": site.config.base.permalink(&path),
            "count": term.pages.len(),
        }));
        let term_value = value::with_values(term_value, vec![("pages", Value::from(pages))]);
        let taxonomy = value::value_of(&serde_json::json!({
            "name": tax.name,
            "title": view::taxonomy_title(site, &tax.name),
            "url": site.config.base.href(&format!("/{}/", tax.name)),
        }));
        let out = view::pager_path(&path, number);
        let vars = vec![
            ("taxonomy", taxonomy),
            ("term", term_value),
            ("paginator", paginator),
            ("current_path", Value::from(out.as_str())),
        ];
        self.emit("taxonomy_single.html", &output_file(&out), vars, &out)
    }
}

/// The template a page uses.
pub(crate) fn page_template(site: &Site, page: &Page) -> String {
    page.front
        .template
        .clone()
        .or_else(|| site.sections[page.section].front.page_template.clone())
        .unwrap_or_else(|| "page.html".into())
}

fn missing_template(
    source: &str,
    name: &str,
    at: Option<crate::diagnostic::Location>,
) -> Diagnostic {
    Diagnostic::error(
        source,
        "template",
        crate::msg!("template \"{}\" does not exist", name),
    )
    .at_opt(at)
    .with_hint(crate::msg!(
        "add it to templates/ or to the theme, or fix the \"template\" field"
    ))
}

/// `/tin-tuc/a/` → `tin-tuc/a/index.html`; a path that names a file (`/cu/bai.html`, from
/// an alias) is that file.
pub(crate) fn output_file(path: &str) -> String {
    let rel = path.trim_start_matches('/');
    if rel.ends_with(".html") || rel.ends_with(".htm") {
        rel.to_string()
    } else {
        format!("{rel}index.html")
    }
}

/// The items of list page `number` and the paginator value (none when not paginated).
fn paginate<'a>(
    site: &Site,
    path: &str,
    items: &'a [usize],
    per: usize,
    number: usize,
) -> (&'a [usize], Value) {
    if per == 0 {
        return (items, Value::none());
    }
    let total = items.len().div_ceil(per).max(1);
    let start = (number - 1) * per;
    let slice = &items[start.min(items.len())..(start + per).min(items.len())];
    let p = view::paginator(&site.config.base, path, number, total, items.len());
    (slice, value::value_of(&p))
}

/// Files thidua writes itself: feeds, sitemap, open data, alias redirects, robots.txt.
///
/// The search index is left out of quick updates (`with_search` false): rebuilding it for
/// every saved post would cost the preview half a second on a large site; the next full build
/// refreshes it.
fn write_generated(site: &Site, sink: &Sink, with_search: bool) -> Vec<Diagnostic> {
    let mut files: Vec<(String, String)> = Vec::new();
    if site.config.feeds {
        files.extend(xml::feeds(site));
    }
    files.push(("sitemap.xml".into(), xml::sitemap(site)));
    if with_search {
        files.extend(crate::search::index_files(site));
    }
    if let Some(r) = &site.campaign.results {
        let dir = campaign::results_dir(site);
        let dir = dir.trim_start_matches('/');
        files.push((format!("{dir}results.csv"), campaign::results_csv(r)));
        files.push((
            format!("{dir}results.json"),
            campaign::results_json(site, r),
        ));
    }
    for alias in &site.aliases {
        files.push((
            output_file(&alias.path),
            xml::redirect_page(&site.config.base.href(&alias.target)),
        ));
    }
    let has_robots = Path::new(&site.config.root)
        .join("static/robots.txt")
        .exists();
    if !has_robots {
        files.push(("robots.txt".into(), xml::robots(site)));
    }
    // Written (and precompressed) on every core: the search index alone is ~900 files at
    // 10,000 posts.
    let mut errors: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|(name, body)| {
            sink.write(name, body.as_bytes())
                .err()
                .map(|e| Diagnostic::error(name, "output", crate::msg!("cannot be written: {}", e)))
        })
        .collect();
    errors.sort_by(|a, b| a.file.cmp(&b.file));
    errors
}

/// The static files to copy: the theme's, then the site's `static/` (same name wins):
/// (output name, file, name shown in messages).
fn static_files(
    site: &Site,
    theme: &ThemeSource,
) -> Result<Vec<(String, templates::ThemeFile, String)>, Vec<Diagnostic>> {
    let mut files: Vec<(String, templates::ThemeFile, String)> = theme
        .files("static")
        .map_err(|e| as_diagnostics(e, "themes"))?
        .into_iter()
        .map(|(n, f)| {
            let shown = theme.display(&site.config, &format!("static/{n}"));
            (n, f, shown)
        })
        .collect();
    let own = templates::disk_files(&site.config.root.join("static"), &site.config.root)
        .map_err(|e| as_diagnostics(e, "static"))?;
    for (n, f) in own {
        files.retain(|(m, _, _)| m != &n);
        files.push((n.clone(), f, format!("static/{n}")));
    }
    let twins = crate::validate::folded_twins(
        files
            .iter()
            .map(|(n, _, shown)| (n.as_str(), shown.clone())),
    );
    if !twins.is_empty() {
        return Err(twins);
    }
    Ok(files)
}

/// An error while listing `folder` as diagnostics (content errors keep their own files).
fn as_diagnostics(e: crate::diagnostic::BuildError, folder: &str) -> Vec<Diagnostic> {
    match e {
        crate::diagnostic::BuildError::Content(d) => d,
        crate::diagnostic::BuildError::Usage(text) => {
            vec![Diagnostic::error(folder, "output", text)]
        }
        crate::diagnostic::BuildError::Io { path, source } => vec![Diagnostic::error(
            folder,
            "output",
            crate::msg!("{}: {}", path, source),
        )],
    }
}

/// `style.css` → `style.3f2a9c1b7e.css`, for every CSS and JS file, from a hash of its bytes.
fn fingerprints(site: &Site, theme: &ThemeSource) -> BTreeMap<String, String> {
    let Ok(files) = static_files(site, theme) else {
        return BTreeMap::new();
    };
    files
        .iter()
        .filter(|(n, _, _)| n.ends_with(".css") || n.ends_with(".js"))
        .filter_map(|(n, f, _)| {
            let bytes = match f {
                templates::ThemeFile::Disk(p) => std::fs::read(p).ok()?,
                templates::ThemeFile::Embedded(b) => b.to_vec(),
            };
            let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes));
            let (stem, ext) = n.rsplit_once('.')?;
            Some((n.clone(), format!("{stem}.{}.{ext}", &hash[..10])))
        })
        .collect()
}

fn copy_static(
    site: &Site,
    theme: &ThemeSource,
    prepared: &Prepared,
    sink: &Sink,
) -> Vec<Diagnostic> {
    let mut files = match static_files(site, theme) {
        Ok(f) => f,
        Err(d) => return d,
    };
    // Fingerprinted copies sit beside the originals (themes that name files directly still work).
    let hashed: Vec<(String, templates::ThemeFile, String)> = files
        .iter()
        .filter_map(|(n, f, shown)| {
            prepared
                .assets
                .get(n)
                .map(|h| (h.clone(), f.clone(), shown.clone()))
        })
        .collect();
    files.extend(hashed);
    let mut out: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|(name, file, shown)| {
            let r = match file {
                templates::ThemeFile::Disk(p) => sink.copy(p, name),
                templates::ThemeFile::Embedded(b) => sink.write(name, b),
            };
            r.err().map(|e| {
                Diagnostic::error(
                    shown.clone(),
                    "output",
                    crate::msg!("cannot be copied: {}", e),
                )
            })
        })
        .collect();
    out.extend(
        site.assets
            .par_iter()
            .filter_map(|a| {
                sink.copy(&a.source, &a.output).err().map(|e| {
                    Diagnostic::error(
                        a.source.display().to_string(),
                        "output",
                        crate::msg!("cannot be copied: {}", e),
                    )
                })
            })
            .collect::<Vec<_>>(),
    );
    out
}

/// What rendering needs that is computed once per build: each page's summary value, shared
/// by every list, feed-like block and `get_section` call it appears in.
#[derive(Debug)]
pub struct Prepared {
    summaries: Arc<Vec<Value>>,
    /// Each page's place in its section's order (for its newer/older links).
    positions: Arc<Vec<Option<usize>>>,
    /// Fingerprinted names of CSS and JS files (empty for previews or `fingerprint: false`).
    assets: Arc<BTreeMap<String, String>>,
}

impl Prepared {
    /// Recomputes the summaries of edited pages.
    pub fn update(&mut self, site: &Site, pages: &[usize]) {
        let refs = view::term_refs(site);
        let summaries = Arc::make_mut(&mut self.summaries);
        for &id in pages {
            summaries[id] = summary_value(site, id, &refs);
        }
        self.positions = Arc::new(positions(site));
    }
}

/// Each page's index in its section's list of pages.
fn positions(site: &Site) -> Vec<Option<usize>> {
    let mut at = vec![None; site.pages.len()];
    for s in &site.sections {
        for (i, &p) in s.pages.iter().enumerate() {
            if let Some(slot) = at.get_mut(p) {
                *slot = Some(i);
            }
        }
    }
    at
}

/// A page's body as the Markdown renderer takes it.
fn page_input(page: &Page) -> MarkdownInput<'_> {
    MarkdownInput {
        markdown: &page.markdown,
        file: &page.source,
        body_line: page.body_line,
    }
}

fn summary_value(site: &Site, id: usize, refs: &view::TermRefs) -> Value {
    let p = &site.pages[id];
    let resolver = |path: &str| resolve_link(site, path);
    let s = markdown::summary(page_input(p), &resolver);
    view::page_summary(site, p, s.as_deref(), refs)
}

/// Computes each page's summary once (before templates load, so `get_section` can serve them).
pub fn prepare(site: &Site, theme: &ThemeSource, preview: bool) -> Prepared {
    let refs = view::term_refs(site);
    let summaries: Vec<Value> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| summary_value(site, i, &refs))
        .collect();
    let assets = if site.config.fingerprint && !preview {
        fingerprints(site, theme)
    } else {
        BTreeMap::new()
    };
    Prepared {
        summaries: Arc::new(summaries),
        positions: Arc::new(positions(site)),
        assets: Arc::new(assets),
    }
}

/// Sets what every template sees, serialised once per build: `site`, `data`, and the computed
/// campaign data `results` and `honourees`.
pub fn set_globals(templates: &mut Templates, site: &Site) {
    templates.set_global("site", view::site_value(site));
    templates.set_global("data", view::data_value(site));
    let results = site.campaign.results.as_ref().map(|r| {
        let t = |k: &str, d: &str| templates.string(k, d);
        campaign::results_value(site, r, &t)
    });
    if let Some(v) = results {
        templates.set_global("results", value::value_of(&v));
    }
    if let Some(h) = &site.campaign.honourees {
        templates.set_global(
            "honourees",
            value::value_of(&campaign::honourees_value(site, h)),
        );
    }
}
