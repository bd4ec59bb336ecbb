//! Rendering one output: a page, a list page of a section, a taxonomy or term page, or the 404
//! page, through its template into the sink; and running many in parallel.

use rayon::prelude::*;

use super::files::output_file;
use super::jobs::Job;
use super::markdown::{self, MarkdownInput};
use super::templates::Templates;
use super::value::{self, TemplateValue as Value};
use super::view;
use super::{Prepared, RenderCounts, page_input, resolve_link};
use crate::diagnostic::Diagnostic;
use crate::site::{Page, Site};
use crate::write::Sink;

/// Runs jobs in parallel: (counts, warnings, errors).
pub(super) fn render_jobs(
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
        images: &prepared.images,
        sink,
        figures: std::sync::OnceLock::new(),
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

struct JobContext<'a> {
    site: &'a Site,
    templates: &'a Templates,
    summaries: &'a [Value],
    positions: &'a [Option<usize>],
    images: &'a crate::images::Pipeline,
    sink: &'a Sink,
    /// The campaign's figures for shortcodes, computed the first time a body has one.
    figures: std::sync::OnceLock<view::Figures>,
}

impl JobContext<'_> {
    /// Renders a body (of the page at site path `path`), with its shortcodes (if it has any)
    /// expanded from the campaign's figures and its photos made.
    fn markdown(
        &self,
        input: MarkdownInput<'_>,
        path: &str,
    ) -> (markdown::Rendered, Vec<Diagnostic>) {
        let site = self.site;
        let resolver = |p: &str| resolve_link(site, p);
        let media =
            |dest: &str, ask: markdown::Ask| super::files::media(self.images, path, dest, ask);
        if !input.markdown.contains("{{") {
            return markdown::render_full(input, &resolver, None, Some(&media));
        }
        let figures = self.figures.get_or_init(|| view::Figures::of(site));
        let expand = |sc: &markdown::Shortcode| figures.expand(sc);
        markdown::render_full(input, &resolver, Some(&expand), Some(&media))
    }

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
        let (rendered, diags) = self.markdown(page_input(site, page), &page.path);
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
        let input = MarkdownInput {
            markdown: &s.markdown,
            file: &s.source,
            body_line: s.body_line,
            sub_path: site.config.base.path(),
        };
        let (rendered, diags) = self.markdown(input, &s.path);
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
