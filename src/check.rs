//! `thidua check`'s extra checks, beyond what every build already enforces: links to
//! `#anchors` that no heading has, links and images that lead to nothing the build writes
//! (relative, root-relative or with the site's sub-path; see `targets`), images without alt
//! text, pages without a description, sections whose pages are all left out, and
//! (`--external`, with the `external-links` feature) links to other sites.
//!
//! Works on the loaded site; reads no files and writes nothing.

#[cfg(feature = "external-links")]
mod external;
mod targets;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Duration;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Text;
use crate::msg;
use crate::render::markdown::{self, MarkdownInput, Resolved};
use crate::site::{LinkTarget, Site};
use targets::{Miss, Outputs};

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
    /// The site path of the page or section the body belongs to.
    page: String,
    at: Location,
    dest: String,
    image: bool,
    image_without_alt: bool,
}

/// What the link checks look things up in.
struct Lookup<'a> {
    site: &'a Site,
    outputs: Outputs<'a>,
    /// Every page's and section's heading ids, by site path.
    anchors: HashMap<String, HashSet<String>>,
    /// Site path → the page's `@/` form (`tin-tuc/a.md`), for hints.
    sources: HashMap<&'a str, &'a str>,
}

/// Runs the checks. `outputs` are the names a build would write
/// ([`crate::build::BuildReport::outputs`]): links to site paths and files are looked up there.
pub fn check_site(site: &Site, outputs: &[String], opts: &CheckOptions) -> CheckReport {
    let (anchors, found) = read_bodies(site);
    let mut diags = missing_descriptions(site);
    // Photos beside pages are published as resized copies, not under their own names; a
    // link or image naming one still leads somewhere.
    let mut outputs = outputs.to_vec();
    outputs.extend(
        site.assets
            .iter()
            .filter(|a| crate::images::is_photo(&a.output))
            .map(|a| a.output.clone()),
    );
    outputs.sort_unstable();
    let lookup = Lookup::new(site, &outputs, anchors);
    let external = check_links(&lookup, found, &mut diags);
    diags.extend(empty_sections(site));
    let mut report = CheckReport::default();
    if opts.external {
        #[cfg(feature = "external-links")]
        {
            let (checked, broken) = external::check_external(&external, opts, &mut diags);
            report.external_checked = checked;
            report.external_broken = broken;
        }
    }
    #[cfg(not(feature = "external-links"))]
    drop(external);
    crate::diagnostic::sort_diagnostics(&mut diags);
    report.diagnostics = diags;
    report
}

/// Every page's and section's heading ids (by site path), and the links and images of their
/// bodies.
fn read_bodies(site: &Site) -> (HashMap<String, HashSet<String>>, Vec<Found>) {
    let resolve = |p: &str| match site.resolve(p.split('#').next().unwrap_or(p)) {
        Some(LinkTarget::Published(path)) => Resolved::Url(path.clone()),
        _ => Resolved::Url("#".into()),
    };
    let mut anchors: HashMap<String, HashSet<String>> = HashMap::new();
    let mut found = Vec::new();
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
            sub_path: site.config.base.path(),
        };
        let (rendered, _) = markdown::render(input, &resolve);
        anchors
            .entry(path.clone())
            .or_default()
            .extend(rendered.anchors);
        found.extend(links_in(input, path));
    }
    (anchors, found)
}

/// A warning for each page without a description.
fn missing_descriptions(site: &Site) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .filter(|p| p.front.description.is_none())
        .map(|p| {
            Diagnostic::warning(
                &p.source,
                "front matter",
                msg!("the page has no \"description\""),
            )
            // At an empty `description:` when there is one, else where the front matter starts.
            .at(p
                .front
                .written_at
                .get("description")
                .copied()
                .unwrap_or(Location::new(2, 1)))
            .with_hint(msg!(
                "add one or two sentences: they show in lists, search results and shared links"
            ))
        })
        .collect()
}

impl<'a> Lookup<'a> {
    fn new(
        site: &'a Site,
        outputs: &'a [String],
        anchors: HashMap<String, HashSet<String>>,
    ) -> Lookup<'a> {
        Lookup {
            site,
            outputs: Outputs::new(outputs, &site.config.base),
            anchors,
            sources: site
                .links
                .iter()
                .filter_map(|(key, t)| match t {
                    LinkTarget::Published(p) => Some((p.as_str(), key.as_str())),
                    LinkTarget::Unpublished(_) => None,
                })
                .collect(),
        }
    }
}

/// Checks every link and image found; returns the links to other sites, with where they are.
fn check_links(
    lookup: &Lookup<'_>,
    found: Vec<Found>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<(String, Location)>> {
    let mut external: BTreeMap<String, Vec<(String, Location)>> = BTreeMap::new();
    for f in found {
        if f.image_without_alt {
            diags.push(
                Diagnostic::warning(
                    &f.file,
                    "image",
                    msg!("the image \"{}\" has no alt text", f.dest),
                )
                .at(f.at)
                .with_hint(msg!(
                    "describe it between the brackets: ![Lễ trao giấy khen](anh.jpg)"
                )),
            );
        }
        check_link(lookup, &f, diags, &mut external);
    }
    external
}

/// Checks one link or image: that what it leads to exists, and so does its `#anchor` when it
/// leads to a page. Links to other sites are collected into `external`.
fn check_link(
    lookup: &Lookup<'_>,
    f: &Found,
    diags: &mut Vec<Diagnostic>,
    external: &mut BTreeMap<String, Vec<(String, Location)>>,
) {
    let (target, frag) = match f.dest.split_once('#') {
        Some((t, a)) => (t, Some(a)),
        None => (f.dest.as_str(), None),
    };
    let topic = if f.image { "image" } else { "link" };
    let target_path = if let Some(content) = target.strip_prefix("@/") {
        match lookup.site.resolve(content) {
            Some(LinkTarget::Published(p)) => Some(p.clone()),
            _ => None, // reported by every build already
        }
    } else if target.is_empty() {
        Some(f.page.clone())
    } else if target.starts_with("//") || url::Url::parse(target).is_ok() {
        // Another site (`https://…`, `//…`) or another kind of address (`mailto:`, `tel:`).
        if target.starts_with("http://") || target.starts_with("https://") {
            external
                .entry(target.to_string())
                .or_default()
                .push((f.file.clone(), f.at));
        }
        None
    } else {
        match lookup.outputs.follow(&f.page, target) {
            Some(Ok(p)) => Some(p),
            Some(Err(miss)) => {
                diags.push(missing_target(lookup, f, topic, target, miss));
                None
            }
            None => None,
        }
    };
    if let (Some(path), Some(frag)) = (target_path, frag)
        && !frag.is_empty()
        && let Some(known) = lookup.anchors.get(&path)
        && !known.contains(frag)
    {
        let message = if target.is_empty() {
            msg!(
                "\"{}\" has no heading with the id \"#{}\"",
                msg!("this page"),
                frag
            )
        } else {
            msg!("\"{}\" has no heading with the id \"#{}\"", target, frag)
        };
        diags.push(
            Diagnostic::error(&f.file, "link", message)
                .at(f.at)
                .with_hint(anchor_hint(Some(known), frag)),
        );
    }
}

/// The diagnostic for a link or image that leads to nothing in the site.
fn missing_target(
    lookup: &Lookup<'_>,
    f: &Found,
    topic: &'static str,
    target: &str,
    miss: Miss,
) -> Diagnostic {
    let sub = lookup.site.config.base.path();
    let d = match miss {
        Miss::Outside { inside: Some(p) } => {
            let fix = match lookup.sources.get(p.as_str()) {
                Some(key) => format!("@/{key}"),
                None => lookup.outputs.written_from(&f.page, &p),
            };
            Diagnostic::error(
                &f.file,
                topic,
                msg!("\"{}\" leads outside the site's folder {}, so it will be broken once published", target, sub),
            )
            .with_hint(msg!("write \"{}\"", fix))
        }
        Miss::Outside { inside: None } => Diagnostic::warning(
            &f.file,
            topic,
            msg!(
                "\"{}\" leads outside the site's folder {}, so thidua cannot check it",
                target,
                sub
            ),
        )
        .with_hint(msg!(
            "if it is part of this site, start the address with {}",
            sub
        )),
        Miss::Missing { site_path, href } => {
            let file_like = site_path
                .rsplit('/')
                .next()
                .is_some_and(|n| n.contains('.'));
            let message = if target.starts_with('/') && href == target {
                if file_like {
                    msg!("no file has the address \"{}\"", target)
                } else {
                    msg!("no page has the address \"{}\"", target)
                }
            } else {
                msg!(
                    "\"{}\" leads to {}, where the site has no page or file",
                    target,
                    href
                )
            };
            let hint = match lookup.outputs.same_name(&f.page, &site_path) {
                Some(better) => msg!("did you mean \"{}\"?", better),
                None if file_like => {
                    msg!("put the file in the page's folder or in static/, or correct its name")
                }
                None => msg!("link to the file instead, e.g. [bài](@/tin-tuc/bai-mot.md)"),
            };
            Diagnostic::error(&f.file, topic, message).with_hint(hint)
        }
    };
    d.at(f.at)
}

/// Sections that have pages, none of them published (all drafts or scheduled): they are
/// published as a list with nothing in it. A section without any pages (a page of its own,
/// such as "Liên hệ") is not empty in this sense.
pub fn empty_sections(site: &Site) -> Vec<Diagnostic> {
    let dir_of = |source: &str| -> String {
        let rel = source.strip_prefix("content/").unwrap_or(source);
        rel.rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string())
    };
    let section_dirs: Vec<String> = site.sections.iter().map(|s| dir_of(&s.source)).collect();
    let mut held = vec![0usize; site.sections.len()];
    for (key, target) in &site.links {
        if !matches!(target, LinkTarget::Unpublished(_)) {
            continue;
        }
        let mut dir = dir_of(key);
        if key.ends_with("/index.md") || key == "index.md" {
            dir = dir
                .rsplit_once('/')
                .map_or(String::new(), |(d, _)| d.to_string());
        }
        let nearest = section_dirs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_empty() || dir == **s || dir.starts_with(&format!("{s}/")))
            .max_by_key(|(_, s)| s.len());
        if let Some((i, _)) = nearest {
            held[i] += 1;
        }
    }
    site.sections
        .iter()
        .zip(held)
        .filter(|(s, n)| *n > 0 && s.pages.is_empty() && s.children.is_empty() && s.parent.is_some())
        .map(|(s, _)| {
            Diagnostic::warning(
                &s.source,
                "section",
                msg!(
                    "the section \"{}\" has no published pages: every page in it is a draft or scheduled for later",
                    s.front.title
                ),
            )
            .with_hint(msg!("its list page is published empty; publish a page in it, or leave it out of the menu until then"))
        })
        .collect()
}

fn anchor_hint(known: Option<&HashSet<String>>, frag: &str) -> Text {
    let mut ids: Vec<&str> = known
        .map(|k| k.iter().map(String::as_str).collect())
        .unwrap_or_default();
    ids.sort_unstable();
    match crate::diagnostic::did_you_mean(frag, &ids) {
        Some(best) => msg!("did you mean \"#{}\"?", best),
        None if ids.is_empty() => msg!("that page has no headings"),
        None => msg!("its headings are {}", crate::diagnostic::quoted_list(&ids)),
    }
}

/// Links and images in a Markdown body, with file locations.
fn links_in(input: MarkdownInput<'_>, page: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut image: Option<(String, Location, String)> = None;
    for (event, range) in Parser::new_ext(input.markdown, markdown::options()).into_offset_iter() {
        let at = || {
            let l = Location::of_offset(input.markdown, range.start);
            Location::new(l.line + input.body_line - 1, l.col)
        };
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => out.push(Found {
                file: input.file.to_string(),
                page: page.to_string(),
                at: at(),
                dest: dest_url.to_string(),
                image: false,
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
                        page: page.to_string(),
                        at,
                        image: true,
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
