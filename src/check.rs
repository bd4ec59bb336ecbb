//! `thidua check`'s extra checks, beyond what every build already enforces: links to
//! `#anchors` that no heading has, links to site paths that no page has, images without alt
//! text, pages without a description, and (`--external`) links to other sites, fetched with
//! bounded concurrency and timeouts.
//!
//! Works on the loaded site; reads no files and writes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Location};
use crate::render::markdown::{self, MarkdownInput, Resolved};
use crate::site::{LinkTarget, Site};

/// What to check.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Also fetch links to other sites.
    pub external: bool,
    /// Requests to other sites in flight at once.
    pub concurrency: usize,
    /// Time allowed for one outside link.
    pub timeout: Duration,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            external: false,
            concurrency: 8,
            timeout: Duration::from_secs(10),
        }
    }
}

/// What the checks found.
#[derive(Debug, Default, Clone)]
pub struct CheckReport {
    /// Problems, sorted by file and line (broken links and anchors are errors; missing
    /// descriptions and alt text are warnings).
    pub diagnostics: Vec<Diagnostic>,
    /// Outside links checked (with `--external`).
    pub external_checked: usize,
    /// Of which broken.
    pub external_broken: usize,
}

/// One link or image found in a body.
struct Found {
    file: String,
    at: Location,
    dest: String,
    image_without_alt: bool,
}

/// Runs the checks.
pub fn check_site(site: &Site, opts: &CheckOptions) -> CheckReport {
    let resolve = |p: &str| match site.resolve(p.split('#').next().unwrap_or(p)) {
        Some(LinkTarget::Published(path)) => Resolved::Url(path.clone()),
        _ => Resolved::Url("#".into()),
    };
    // Every page's and section's heading ids, by site path.
    let mut anchors: HashMap<String, HashSet<String>> = HashMap::new();
    let mut found = Vec::new();
    let mut diags = Vec::new();
    let bodies = site
        .pages
        .iter()
        .map(|p| (&p.source, &p.path, &p.markdown, p.body_line))
        .chain(
            site.sections
                .iter()
                .map(|s| (&s.source, &s.path, &s.markdown, s.body_line)),
        );
    for (source, path, md, line) in bodies {
        let input = MarkdownInput {
            markdown: md,
            file: source,
            body_line: line,
        };
        let (rendered, _) = markdown::render(input, &resolve);
        anchors
            .entry(path.clone())
            .or_default()
            .extend(rendered.anchors);
        found.extend(links_in(input));
    }
    for p in &site.pages {
        if p.front.description.is_none() {
            diags.push(
                Diagnostic::warning(&p.source, "front matter", "the page has no \"description\"")
                    // At an empty `description:` when there is one, else where the front matter starts.
                    .at(p.front.written_at.get("description").copied().unwrap_or(Location::new(2, 1)))
                    .with_hint("add one or two sentences: they show in lists, search results and shared links"),
            );
        }
    }
    let page_paths: HashMap<&str, &str> = site
        .pages
        .iter()
        .map(|p| (p.path.as_str(), p.source.as_str()))
        .collect();
    let section_paths: HashSet<&str> = site.sections.iter().map(|s| s.path.as_str()).collect();
    let own_path: HashMap<&str, &str> = site
        .pages
        .iter()
        .map(|p| (p.source.as_str(), p.path.as_str()))
        .chain(
            site.sections
                .iter()
                .map(|s| (s.source.as_str(), s.path.as_str())),
        )
        .collect();
    let mut external: BTreeMap<String, Vec<(String, Location)>> = BTreeMap::new();
    for f in found {
        if f.image_without_alt {
            diags.push(
                Diagnostic::warning(
                    &f.file,
                    "image",
                    format!("the image \"{}\" has no alt text", f.dest),
                )
                .at(f.at)
                .with_hint("describe it between the brackets: ![Lễ trao giấy khen](anh.jpg)"),
            );
        }
        let (target, frag) = match f.dest.split_once('#') {
            Some((t, a)) => (t, Some(a)),
            None => (f.dest.as_str(), None),
        };
        let target_path = if let Some(content) = target.strip_prefix("@/") {
            match site.resolve(content) {
                Some(LinkTarget::Published(p)) => Some(p.clone()),
                _ => None, // reported by every build already
            }
        } else if target.is_empty() {
            own_path.get(f.file.as_str()).map(|p| (*p).to_string())
        } else if target.starts_with("http://") || target.starts_with("https://") {
            external
                .entry(target.to_string())
                .or_default()
                .push((f.file.clone(), f.at));
            None
        } else if let Some(abs) = target.strip_prefix('/') {
            let p = format!("/{}", abs.trim_end_matches("index.html"));
            let p = if p.ends_with('/') || p.contains('.') {
                p
            } else {
                format!("{p}/")
            };
            let known = page_paths.contains_key(p.as_str())
                || section_paths.contains(p.as_str())
                || p.contains('.');
            if !known {
                diags.push(
                    Diagnostic::error(
                        &f.file,
                        "link",
                        format!("no page has the address \"{target}\""),
                    )
                    .at(f.at)
                    .with_hint("link to the file instead, e.g. [bài](@/tin-tuc/bai-mot.md)"),
                );
            }
            known.then_some(p)
        } else {
            None
        };
        if let (Some(path), Some(frag)) = (target_path, frag)
            && !frag.is_empty()
            && !anchors.get(&path).is_some_and(|a| a.contains(frag))
        {
            diags.push(
                Diagnostic::error(
                    &f.file,
                    "link",
                    format!(
                        "\"{}\" has no heading with the id \"#{frag}\"",
                        if target.is_empty() {
                            "this page"
                        } else {
                            target
                        }
                    ),
                )
                .at(f.at)
                .with_hint(anchor_hint(anchors.get(&path), frag)),
            );
        }
    }
    let mut report = CheckReport::default();
    if opts.external {
        let (checked, broken) = check_external(&external, opts, &mut diags);
        report.external_checked = checked;
        report.external_broken = broken;
    }
    crate::diagnostic::sort_diagnostics(&mut diags);
    report.diagnostics = diags;
    report
}

fn anchor_hint(known: Option<&HashSet<String>>, frag: &str) -> String {
    let mut ids: Vec<&str> = known
        .map(|k| k.iter().map(String::as_str).collect())
        .unwrap_or_default();
    ids.sort_unstable();
    match crate::diagnostic::did_you_mean(frag, &ids) {
        Some(best) => format!("did you mean \"#{best}\"?"),
        None if ids.is_empty() => "that page has no headings".to_string(),
        None => format!("its headings are {}", crate::diagnostic::quoted_list(&ids)),
    }
}

/// Links and images in a Markdown body, with file locations.
fn links_in(input: MarkdownInput<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut image: Option<(String, Location, String)> = None;
    let opts = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
    for (event, range) in Parser::new_ext(input.markdown, opts).into_offset_iter() {
        let at = || {
            let l = Location::of_offset(input.markdown, range.start);
            Location::new(l.line + input.body_line - 1, l.col)
        };
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => out.push(Found {
                file: input.file.to_string(),
                at: at(),
                dest: dest_url.to_string(),
                image_without_alt: false,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((dest_url.to_string(), at(), String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = &mut image {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((dest, at, alt)) = image.take() {
                    out.push(Found {
                        file: input.file.to_string(),
                        at,
                        image_without_alt: alt.trim().is_empty(),
                        dest,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// Fetches each outside link once (HEAD, then GET when HEAD is refused), `concurrency` at a
/// time, each within the timeout. Returns (checked, broken).
fn check_external(
    links: &BTreeMap<String, Vec<(String, Location)>>,
    opts: &CheckOptions,
    diags: &mut Vec<Diagnostic>,
) -> (usize, usize) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .max_redirects(5)
        .build()
        .into();
    let queue: Mutex<Vec<&String>> = Mutex::new(links.keys().rev().collect());
    let results: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..opts.concurrency.clamp(1, 32) {
            scope.spawn(|| {
                loop {
                    let next = queue
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .pop();
                    let Some(url) = next else { break };
                    if let Some(problem) = fetch(&agent, url) {
                        results
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .push((url.clone(), problem));
                    }
                }
            });
        }
    });
    let broken = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (url, problem) in &broken {
        for (file, at) in links.get(url).into_iter().flatten() {
            diags.push(
                Diagnostic::warning(file, "external link", format!("\"{url}\" {problem}")).at(*at),
            );
        }
    }
    (links.len(), broken.len())
}

/// `None` when the link works; otherwise what went wrong, in words.
fn fetch(agent: &ureq::Agent, url: &str) -> Option<String> {
    let status = match agent.head(url).call() {
        Ok(r) if r.status().as_u16() == 405 || r.status().as_u16() == 501 => {
            agent.get(url).call().map(|r| r.status().as_u16())
        }
        Ok(r) => Ok(r.status().as_u16()),
        Err(e) => Err(e),
    };
    match status {
        Ok(s) if s < 400 => None,
        Ok(s) => Some(format!("answered HTTP {s}")),
        Err(ureq::Error::Timeout(_)) => Some("did not answer in time".to_string()),
        Err(e) => Some(format!("could not be reached ({e})")),
    }
}
