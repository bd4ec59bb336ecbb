//! What front matter says once validated: [`PageFront`], [`SectionFront`] and [`SortBy`].
//! The types belong to the loaded site (every [`super::Page`] and [`super::Section`] holds one);
//! reading and validating them is `load::front_matter`'s job, not this module's.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::date::LocalDateTime;
use crate::diagnostic::Location;

/// What a page's front matter says, validated.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct PageFront {
    /// The page title (required, not empty).
    pub title: String,
    /// Publication date.
    pub date: Option<LocalDateTime>,
    /// Last update.
    pub updated: Option<LocalDateTime>,
    /// One or two sentences for lists, search results and link previews.
    pub description: Option<String>,
    /// Terms by taxonomy name: `tags`, `categories`, and any other taxonomy of the site.
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// Left out of builds unless drafts are asked for.
    pub draft: bool,
    /// The last URL segment, instead of the slugified file name.
    pub slug: Option<String>,
    /// The template, instead of the section's `page_template` or `page.html`.
    pub template: Option<String>,
    /// Where `template:` is written, for an error if the template does not exist.
    #[serde(skip)]
    pub template_at: Option<crate::diagnostic::Location>,
    /// Order within a section sorted by weight.
    pub weight: Option<i64>,
    /// An image for link previews and lists.
    pub image: Option<String>,
    /// Old URLs that redirect here.
    pub aliases: Vec<String>,
    /// Free values for templates.
    pub extra: serde_json::Value,
    /// Where `slug`, `description`, `tags`, `categories` and `taxonomies.<name>` are written,
    /// when they are, for checks made after loading (duplicate URLs, undeclared taxonomies).
    #[serde(skip)]
    pub written_at: BTreeMap<String, Location>,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first; undated pages last.
    #[default]
    Date,
    /// Lowest weight first; pages without a weight last.
    Weight,
    /// By title, in Vietnamese alphabetical order.
    Title,
}

/// What a section's `_index.md` front matter says, validated.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct SectionFront {
    /// The section title.
    pub title: String,
    /// One or two sentences for lists and link previews.
    pub description: Option<String>,
    /// How pages are ordered.
    pub sort_by: SortBy,
    /// Pages per list page; 0 or absent means the site default.
    pub paginate_by: Option<usize>,
    /// The template for the section itself, instead of `section.html`.
    pub template: Option<String>,
    /// Where `template:` is written, for an error if the template does not exist.
    #[serde(skip)]
    pub template_at: Option<crate::diagnostic::Location>,
    /// The template for its pages, instead of `page.html`.
    pub page_template: Option<String>,
    /// Order among sibling sections (menus).
    pub weight: Option<i64>,
    /// Free values for templates.
    pub extra: serde_json::Value,
}
