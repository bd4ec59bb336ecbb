//! Front matter: splitting a Markdown file into its YAML block and body, and validating the
//! block into [`PageFront`] / [`SectionFront`].
//!
//! Every error points at the file line (the YAML block starts on line 2), names the field in
//! the author's words, and suggests the closest known key for typos.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::date::{DateError, LocalDateTime};
use crate::diagnostic::{Diagnostic, Location};
use crate::msg;
use crate::paths;
pub use crate::site::{PageFront, SectionFront, SortBy};
use crate::yaml::{self, Lenient, Origin};

const TOPIC: &str = "front matter";

/// A Markdown file cut in two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The YAML between the `---` lines.
    pub(crate) yaml: &'a str,
    /// The Markdown after the closing `---` line.
    pub(crate) body: &'a str,
    /// The file line the body's first line is on.
    pub(crate) body_line: usize,
}

/// Cuts `text` (already BOM-free, `\n` line endings) at its `---` fences.
pub(crate) fn split<'a>(text: &'a str, file: &str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.split('\n').next().unwrap_or_default();
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::error(
            file,
            TOPIC,
            msg!("the file does not start with front matter"),
        )
        .at(Location::new(1, 1))
        .with_hint(msg!(
            "begin with a line \"---\", then \"title: …\", then another \"---\""
        )));
    }
    let after_open = first_line.len() + 1;
    let rest = text.get(after_open..).unwrap_or_default();
    let mut offset = 0;
    for (i, line) in rest.split('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body_start = (offset + line.len() + 1).min(rest.len());
            return Ok(Split {
                yaml,
                body: &rest[body_start..],
                body_line: i + 3,
            });
        }
        offset += line.len() + 1;
    }
    Err(
        Diagnostic::error(file, TOPIC, msg!("the front matter is not closed"))
            .at(Location::new(1, 1))
            .with_hint(msg!("add a line \"---\" after the last front matter field")),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPageFront {
    title: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    updated: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    taxonomies: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    weight: Option<i64>,
    #[serde(default)]
    image: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    extra: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSectionFront {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    sort_by: SortBy,
    #[serde(default)]
    paginate_by: Option<usize>,
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    page_template: Option<String>,
    #[serde(default)]
    weight: Option<i64>,
    #[serde(default)]
    extra: serde_json::Value,
}

/// Validates a page's front matter. Returns every problem found, not just the first.
pub(crate) fn parse_page(yaml_text: &str, file: &str) -> Result<PageFront, Vec<Diagnostic>> {
    let origin = Origin {
        file,
        first_line: 2,
        topic: TOPIC,
    };
    let read: Lenient<RawPageFront> = yaml::parse_lenient(yaml_text, origin)?;
    let mut errors = Vec::new();
    // A field that could not be read holds a stand-in: its own error already says what is wrong.
    let ok = |key: &str| !read.touches_repair(key);
    let raw = &read.value;
    if ok("title") {
        check_title(&raw.title, yaml_text, origin, &mut errors);
    }
    let date = parse_date_field(
        "date",
        raw.date.as_deref().filter(|_| ok("date")),
        yaml_text,
        origin,
        &mut errors,
    );
    let updated = parse_date_field(
        "updated",
        raw.updated.as_deref().filter(|_| ok("updated")),
        yaml_text,
        origin,
        &mut errors,
    );
    check_slug_and_aliases(raw, &ok, yaml_text, origin, &mut errors);
    if !errors.is_empty() || !read.errors.is_empty() {
        errors.extend(read.errors);
        errors.sort_by_key(|d| d.location);
        return Err(errors);
    }
    Ok(page_front(read.value, date, updated, yaml_text, origin))
}

/// `slug` is one URL segment and every alias a path inside the site (where they were read).
fn check_slug_and_aliases(
    raw: &RawPageFront,
    ok: &dyn Fn(&str) -> bool,
    yaml_text: &str,
    origin: Origin<'_>,
    errors: &mut Vec<Diagnostic>,
) {
    let file = origin.file;
    if let Some(slug) = &raw.slug
        && ok("slug")
        && (slug.contains('/') || !paths::is_safe_relative(slug))
    {
        errors.push(
            Diagnostic::error(
                file,
                TOPIC,
                msg!("\"slug\" \"{}\" is not a single URL segment", slug),
            )
            .at_opt(yaml::key_location(yaml_text, "slug", origin))
            .with_hint(msg!(
                "use letters, digits and dashes, e.g. \"le-phat-dong\""
            )),
        );
    }
    for (i, alias) in raw.aliases.iter().enumerate() {
        if ok(&format!("aliases[{i}]")) && !paths::is_safe_relative(alias) {
            errors.push(
                Diagnostic::error(
                    file,
                    TOPIC,
                    msg!("alias \"{}\" is not a path inside the site", alias),
                )
                .at_opt(yaml::Positions::index(yaml_text, origin).at(&format!("aliases[{i}]")))
                .with_hint(msg!(
                    "write it like \"/tin-tuc/ten-cu/\", without \"..\" or \"\\\""
                )),
            );
        }
    }
}

/// The validated front matter: tags and categories join the other taxonomies, the slug is
/// slugified, empty descriptions dropped.
fn page_front(
    raw: RawPageFront,
    date: Option<LocalDateTime>,
    updated: Option<LocalDateTime>,
    yaml_text: &str,
    origin: Origin<'_>,
) -> PageFront {
    let written_at = written_at(yaml_text, origin, &raw.taxonomies);
    let mut taxonomies = raw.taxonomies;
    if !raw.tags.is_empty() {
        taxonomies.insert("tags".into(), raw.tags);
    }
    if !raw.categories.is_empty() {
        taxonomies.insert("categories".into(), raw.categories);
    }
    PageFront {
        title: raw.title.trim().to_string(),
        date,
        updated,
        description: raw.description.filter(|d| !d.trim().is_empty()),
        taxonomies,
        draft: raw.draft,
        slug: raw.slug.map(|s| paths::slugify(&s)),
        template_at: raw
            .template
            .as_ref()
            .and_then(|_| yaml::key_location(yaml_text, "template", origin)),
        template: raw.template,
        weight: raw.weight,
        image: raw.image,
        aliases: raw.aliases,
        extra: raw.extra,
        written_at,
    }
}

/// See [`PageFront::written_at`]. Top-level keys are found by a line scan (cheap for every
/// page); the YAML is only indexed when the page names taxonomies in `taxonomies:`.
fn written_at(
    yaml_text: &str,
    origin: Origin<'_>,
    taxonomies: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, Location> {
    let mut at = BTreeMap::new();
    for key in ["slug", "description", "tags", "categories"] {
        if let Some(l) = yaml::key_location(yaml_text, key, origin) {
            at.insert(key.to_string(), l);
        }
    }
    if !taxonomies.is_empty() {
        let pos = yaml::Positions::index(yaml_text, origin);
        for name in taxonomies.keys() {
            let path = format!("taxonomies.{name}");
            if let Some(l) = pos.key_at(&path) {
                at.insert(path, l);
            }
        }
    }
    at
}

/// Validates a section's front matter.
pub(crate) fn parse_section(yaml_text: &str, file: &str) -> Result<SectionFront, Vec<Diagnostic>> {
    let origin = Origin {
        file,
        first_line: 2,
        topic: TOPIC,
    };
    let read: Lenient<RawSectionFront> = yaml::parse_lenient(yaml_text, origin)?;
    let title_read = !read.touches_repair("title");
    let mut errors = read.errors;
    if title_read {
        check_title(&read.value.title, yaml_text, origin, &mut errors);
    }
    if !errors.is_empty() {
        errors.sort_by_key(|d| d.location);
        return Err(errors);
    }
    let raw = read.value;
    Ok(SectionFront {
        title: raw.title.trim().to_string(),
        description: raw.description.filter(|d| !d.trim().is_empty()),
        sort_by: raw.sort_by,
        paginate_by: raw.paginate_by.filter(|&n| n > 0),
        template_at: raw
            .template
            .as_ref()
            .and_then(|_| yaml::key_location(yaml_text, "template", origin)),
        template: raw.template,
        page_template: raw.page_template,
        weight: raw.weight,
        extra: raw.extra,
    })
}

fn check_title(title: &str, yaml_text: &str, origin: Origin<'_>, errors: &mut Vec<Diagnostic>) {
    if title.trim().is_empty() {
        errors.push(
            Diagnostic::error(origin.file, TOPIC, msg!("\"title\" is empty"))
                .at_opt(yaml::key_location(yaml_text, "title", origin)),
        );
    }
}

fn parse_date_field(
    key: &str,
    value: Option<&str>,
    yaml_text: &str,
    origin: Origin<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Option<LocalDateTime> {
    let value = value?;
    match LocalDateTime::parse(value) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(
                date_error(key, value, e, origin.file, TOPIC)
                    .at_opt(yaml::key_location(yaml_text, key, origin)),
            );
            None
        }
    }
}

/// The error for a date that could not be read; shared with data files.
pub(crate) fn date_error(
    key: &str,
    value: &str,
    e: DateError,
    file: &str,
    topic: &'static str,
) -> Diagnostic {
    match e {
        DateError::Format => {
            let d = Diagnostic::error(
                file,
                topic,
                msg!("\"{}\" must look like 2024-05-31, found \"{}\"", key, value),
            );
            match dmy_to_iso(value) {
                Some(iso) => d.with_hint(msg!("write \"{}\"", iso)),
                None => d,
            }
        }
        DateError::Impossible => Diagnostic::error(
            file,
            topic,
            msg!("\"{}\" is not a real date or time: \"{}\"", key, value),
        ),
    }
}

/// `31/05/2024` → `2024-05-31`, for the hint.
fn dmy_to_iso(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.trim().split(['/', '.', '-']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let all_digits = [d, m, y]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let iso = format!("{y}-{m:0>2}-{d:0>2}");
    (all_digits
        && y.len() == 4
        && d.len() <= 2
        && m.len() <= 2
        && LocalDateTime::parse(&iso).is_ok())
    .then_some(iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_err(yaml: &str) -> Vec<String> {
        match parse_page(yaml, "content/a.md") {
            Ok(f) => panic!("expected errors, got {f:?}"),
            Err(ds) => ds.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn split_finds_body_line() {
        let s = split("---\ntitle: a\n---\nbody\n", "f").unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn split_accepts_empty_front_matter_and_no_body() {
        let s = split("---\n---", "f").unwrap_or_else(|d| panic!("{d}"));
        assert_eq!((s.yaml, s.body, s.body_line), ("", "", 3));
    }

    #[test]
    fn split_errors() {
        let e = |t: &str| split(t, "content/a.md").err().map(|d| d.to_string());
        assert_eq!(
            e("title: a\n").as_deref(),
            Some(
                "content/a.md:1:1: front matter: the file does not start with front matter \
                  (begin with a line \"---\", then \"title: …\", then another \"---\")"
            )
        );
        assert_eq!(
            e("---\ntitle: a\nbody").as_deref(),
            Some(
                "content/a.md:1:1: front matter: the front matter is not closed \
                  (add a line \"---\" after the last front matter field)"
            )
        );
        assert_eq!(
            e("").as_deref(),
            Some(
                "content/a.md:1:1: front matter: the file does not start with front matter \
                  (begin with a line \"---\", then \"title: …\", then another \"---\")"
            )
        );
    }

    #[test]
    fn dates_are_checked_with_hints() {
        assert_eq!(
            page_err("title: a\ndate: 31/5/2024\n"),
            vec![
                "content/a.md:3:7: front matter: \"date\" must look like 2024-05-31, found \
                  \"31/5/2024\" (write \"2024-05-31\")"
            ]
        );
        assert_eq!(
            page_err("title: a\ndate: 30/02/2023\n"),
            vec![
                "content/a.md:3:7: front matter: \"date\" must look like 2024-05-31, found \"30/02/2023\""
            ]
        );
        assert_eq!(
            page_err("title: a\ndate: 2023-02-30\n"),
            vec![
                "content/a.md:3:7: front matter: \"date\" is not a real date or time: \"2023-02-30\""
            ]
        );
    }

    #[test]
    fn several_errors_at_once() {
        assert_eq!(
            page_err("title: \" \"\nupdated: hôm qua\nslug: ../x\n"),
            vec![
                "content/a.md:2:8: front matter: \"title\" is empty",
                "content/a.md:3:10: front matter: \"updated\" must look like 2024-05-31, found \"hôm qua\"",
                "content/a.md:4:7: front matter: \"slug\" \"../x\" is not a single URL segment \
                 (use letters, digits and dashes, e.g. \"le-phat-dong\")",
            ]
        );
    }

    #[test]
    fn tags_become_taxonomies_and_slug_is_slugified() {
        let f = parse_page("title: Bài\ntags: [Hài lòng]\nslug: Lễ phát động\n", "f")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            f.taxonomies.get("tags"),
            Some(&vec!["Hài lòng".to_string()])
        );
        assert_eq!(f.slug.as_deref(), Some("le-phat-dong"));
    }
}
