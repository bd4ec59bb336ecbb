//! The site configuration: `site.yaml` as written ([`RawConfig`]) and validated ([`Config`]).
//!
//! Unknown keys are errors with a suggestion; `base_url` must be an absolute http(s) URL and
//! may carry a sub-path (`https://example.gov.vn/5-nam/`) that every generated URL honours.
//! Reads only `site.yaml`; the rest of the site is `load/`'s business.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{BuildError, Diagnostic};
use crate::messages::Text;
use crate::msg;
use crate::paths::BaseUrl;
use crate::text;
use crate::yaml::{self, Origin};

/// The config file's name, at the site root.
pub const CONFIG_FILE: &str = "site.yaml";
const TOPIC: &str = "config";

/// `site.yaml` exactly as the user wrote it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: Option<String>,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    paginate_by: Option<usize>,
    #[serde(default)]
    menus: IndexMap<String, Vec<MenuItem>>,
    #[serde(default = "default_taxonomies")]
    taxonomies: Vec<Taxonomy>,
    #[serde(default = "yes")]
    feeds: bool,
    #[serde(default)]
    compress: bool,
    #[serde(default)]
    brotli: bool,
    #[serde(default = "yes")]
    fingerprint: bool,
    #[serde(default)]
    publish: Option<crate::publish::PublishConfig>,
    #[serde(default)]
    ui_language: Option<String>,
    #[serde(default)]
    extra: serde_json::Value,
}

fn default_language() -> String {
    "vi".into()
}
fn default_theme() -> String {
    "default".into()
}
fn yes() -> bool {
    true
}
fn default_taxonomies() -> Vec<Taxonomy> {
    vec![
        Taxonomy {
            name: "tags".into(),
            title: None,
            paginate_by: None,
            feed: false,
        },
        Taxonomy {
            name: "categories".into(),
            title: None,
            paginate_by: None,
            feed: false,
        },
    ]
}

/// A menu entry: a label and where it leads.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// The label shown.
    pub name: String,
    /// `@/tin-tuc/_index.md` (a content file), `/ket-qua/` (a site path) or an absolute URL.
    pub url: String,
    /// Order among siblings (lowest first); entries without a weight keep file order.
    #[serde(default)]
    pub weight: Option<i64>,
    /// A sub-menu.
    #[serde(default)]
    pub children: Vec<MenuItem>,
}

/// A taxonomy (a way of grouping pages: tags, categories…).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// The front-matter name and URL segment: `tags` → `/tags/`.
    pub name: String,
    /// The heading shown (defaults per language: "Thẻ", "Chuyên mục").
    #[serde(default)]
    pub title: Option<String>,
    /// Pages per term page; absent or 0 means no pagination.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// Whether each term gets an Atom feed.
    #[serde(default)]
    pub feed: bool,
}

/// The validated, immutable site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root (where `site.yaml` is).
    pub root: PathBuf,
    /// The site title.
    pub title: String,
    /// The site description.
    pub description: Option<String>,
    /// `base_url` as given (normalised to end with `/`).
    pub base_url: String,
    /// The parsed base, for building URLs.
    pub base: BaseUrl,
    /// The content language (`vi`).
    pub language: String,
    /// The theme's name (a folder in `themes/`, or the built-in `default`).
    pub theme: String,
    /// Where `theme:` is written in `site.yaml`, for an error if there is no such theme.
    pub theme_at: Option<crate::diagnostic::Location>,
    /// The default page size of paginated sections.
    pub paginate_by: usize,
    /// Menus by name (`main`, `footer`…).
    pub menus: IndexMap<String, Vec<MenuItem>>,
    /// The taxonomies, in the order declared.
    pub taxonomies: Vec<Taxonomy>,
    /// Whether to write Atom and RSS feeds.
    pub feeds: bool,
    /// Whether to write `.gz` copies of text files beside them (nginx `gzip_static`).
    pub compress: bool,
    /// Whether to write `.br` copies too (nginx's brotli module, `brotli_static`).
    pub brotli: bool,
    /// Whether CSS and JS get content-hashed names (`style.3f2a9c1b7e.css`) for long caching.
    pub fingerprint: bool,
    /// Where `thidua publish` puts the site.
    pub publish: Option<crate::publish::PublishConfig>,
    /// The language thidua speaks for this site (`vi` or `en`; `--lang` overrides it).
    pub ui_language: Option<String>,
    /// Free values for themes.
    pub extra: serde_json::Value,
    /// What is wrong but does not stop a build (a menu link with an unsafe scheme).
    pub warnings: Vec<Diagnostic>,
}

/// What the command line may override.
#[derive(Debug, Clone, Default)]
pub struct ConfigOverrides {
    /// Replaces `base_url` (e.g. for a preview host).
    pub base_url: Option<String>,
}

impl Config {
    /// Reads and validates `ROOT/site.yaml`.
    pub fn load(root: &Path, overrides: &ConfigOverrides) -> Result<Config, BuildError> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                BuildError::usage(msg!(
                    "no site.yaml in {}: this is not a thidua site (\"thidua init DIR\" creates one)",
                    root.display()
                ))
            } else {
                BuildError::io(path.display(), e)
            }
        })?;
        let source =
            text::decode(&bytes, CONFIG_FILE).map_err(|d| BuildError::from_diagnostics(vec![d]))?;
        Config::parse(&source.text, root, overrides).map_err(BuildError::from_diagnostics)
    }

    /// Just `ui_language:` from `ROOT/site.yaml`, read as YAML (quoted or not, with comments),
    /// for choosing the language before anything else runs; `None` when the file or the key
    /// is missing or unreadable (the build itself then reports any problem).
    pub fn ui_language(root: &Path) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct Only {
            ui_language: Option<String>,
        }
        let bytes = std::fs::read(root.join(CONFIG_FILE)).ok()?;
        let source = text::decode(&bytes, CONFIG_FILE).ok()?;
        let origin = Origin {
            file: CONFIG_FILE,
            first_line: 1,
            topic: TOPIC,
        };
        yaml::parse::<Only>(&source.text, origin).ok()?.ui_language
    }

    /// Validates the text of a `site.yaml`.
    pub fn parse(
        text: &str,
        root: &Path,
        overrides: &ConfigOverrides,
    ) -> Result<Config, Vec<Diagnostic>> {
        let origin = Origin {
            file: CONFIG_FILE,
            first_line: 1,
            topic: TOPIC,
        };
        let mut raw: RawConfig = yaml::parse(text, origin).map_err(|d| vec![d])?;
        let mut errors = Vec::new();
        let base = base_url(&raw, text, origin, overrides).map_err(|d| errors.push(d));
        check_fields(&raw, text, origin, &mut errors);
        let Ok(base) = base else { return Err(errors) };
        if !errors.is_empty() {
            return Err(errors);
        }
        let base_paths = BaseUrl::new(&base);
        let positions = yaml::Positions::index(text, origin);
        let mut warnings = Vec::new();
        for (name, items) in &mut raw.menus {
            refuse_unsafe_menu_links(items, &format!("menus.{name}"), &positions, &mut warnings);
        }
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url: base_paths.root(),
            base: base_paths,
            language: raw.language,
            theme_at: yaml::key_location(text, "theme", origin),
            theme: raw.theme,
            paginate_by: raw.paginate_by.filter(|&n| n > 0).unwrap_or(10),
            menus: raw.menus,
            taxonomies: raw.taxonomies,
            feeds: raw.feeds,
            compress: raw.compress,
            brotli: raw.brotli,
            fingerprint: raw.fingerprint,
            publish: raw.publish,
            ui_language: raw.ui_language,
            extra: raw.extra,
            warnings,
        })
    }

    /// The `content/` folder.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// The taxonomy named `name`, if the site declares it.
    pub fn taxonomy(&self, name: &str) -> Option<&Taxonomy> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

/// `base_url` (or `--base-url`, which wins), parsed; the error is located where it is written.
fn base_url(
    raw: &RawConfig,
    text: &str,
    origin: Origin<'_>,
    overrides: &ConfigOverrides,
) -> Result<url::Url, Diagnostic> {
    let (base_text, from_cli) = match &overrides.base_url {
        Some(b) => (b.clone(), true),
        None => (raw.base_url.clone(), false),
    };
    parse_base_url(&base_text).map_err(|why| {
        let d = Diagnostic::error(
            if from_cli { "--base-url" } else { CONFIG_FILE },
            TOPIC,
            msg!("\"base_url\" {}, found \"{}\"", why, base_text),
        )
        .with_hint(msg!(
            "write a full address such as \"https://example.gov.vn/\""
        ));
        if from_cli {
            d
        } else {
            d.at_opt(yaml::key_location(text, "base_url", origin))
        }
    })
}

/// The taxonomies' names, `ui_language` and the title.
fn check_fields(raw: &RawConfig, text: &str, origin: Origin<'_>, errors: &mut Vec<Diagnostic>) {
    let error = |message: Text, key: &str| {
        Diagnostic::error(CONFIG_FILE, TOPIC, message).at_opt(yaml::key_location(text, key, origin))
    };
    let mut seen = std::collections::BTreeSet::new();
    for t in &raw.taxonomies {
        if crate::paths::slugify(&t.name) != t.name || !seen.insert(t.name.clone()) {
            errors.push(error(
                msg!(
                    "taxonomy name \"{}\" must be unique and written like \"tags\"",
                    t.name
                ),
                "taxonomies",
            ));
        }
    }
    if let Some(l) = &raw.ui_language
        && crate::messages::Lang::parse(l).is_none()
    {
        errors.push(error(
            msg!("\"ui_language\" must be \"vi\" or \"en\", found \"{}\"", l),
            "ui_language",
        ));
    }
    if raw.title.trim().is_empty() {
        errors.push(error(msg!("\"title\" is empty"), "title"));
    }
}

/// Replaces menu links whose scheme browsers would run (`javascript:`…) by `#`, with a
/// warning at each.
fn refuse_unsafe_menu_links(
    items: &mut [MenuItem],
    path: &str,
    positions: &yaml::Positions,
    warnings: &mut Vec<Diagnostic>,
) {
    for (i, item) in items.iter_mut().enumerate() {
        let at = format!("{path}[{i}]");
        if let Some(scheme) = crate::paths::unsafe_scheme(&item.url) {
            let url_at = format!("{at}.url");
            warnings.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    TOPIC,
                    msg!(
                        "{}: {}",
                        url_at,
                        crate::diagnostic::unsafe_link_message(&item.url, scheme)
                    ),
                )
                .with_hint(crate::diagnostic::unsafe_link_hint())
                .at_opt(positions.at(&url_at)),
            );
            item.url = "#".to_string();
        }
        refuse_unsafe_menu_links(
            &mut item.children,
            &format!("{at}.children"),
            positions,
            warnings,
        );
    }
}

/// An absolute http(s) address with a host and no query or fragment; `Err` says what it lacks.
fn parse_base_url(text: &str) -> Result<url::Url, Text> {
    let url = url::Url::parse(text.trim()).map_err(|_| msg!("is not a URL"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(msg!("must start with http:// or https://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(msg!("has no host name"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(msg!("must not have a ? query or # fragment"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<String>> {
        Config::parse(text, Path::new("/site"), &ConfigOverrides::default())
            .map_err(|ds| ds.iter().map(ToString::to_string).collect())
    }

    fn errors(text: &str) -> Vec<String> {
        parse(text).err().unwrap_or_default()
    }

    #[test]
    fn minimal_config_has_defaults() {
        let c = parse("title: Thử\nbase_url: https://example.gov.vn/5-nam\n")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(c.base_url, "https://example.gov.vn/5-nam/");
        assert_eq!(c.base.path(), "/5-nam/");
        assert_eq!(c.language, "vi");
        assert_eq!(c.paginate_by, 10);
        let names: Vec<_> = c.taxonomies.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["tags", "categories"]);
    }

    #[test]
    fn unknown_key_gets_a_suggestion() {
        assert_eq!(
            errors("title: a\nbase_url: https://x.vn/\ntheem: b\n"),
            (vec![
                "site.yaml:3:1: config: unknown field \"theem\" (did you mean \"theme\"?)"
                    .to_string()
            ])
        );
    }

    #[test]
    fn base_url_must_be_a_url() {
        assert_eq!(
            errors("title: a\nbase_url: example.gov.vn\n"),
            (vec![
                "site.yaml:2:11: config: \"base_url\" is not a URL, found \"example.gov.vn\" \
                      (write a full address such as \"https://example.gov.vn/\")"
                    .to_string()
            ])
        );
        assert_eq!(
            errors("title: a\nbase_url: ftp://x.vn/\n"),
            (vec![
                "site.yaml:2:11: config: \"base_url\" must start with http:// or https://, found \
                      \"ftp://x.vn/\" (write a full address such as \"https://example.gov.vn/\")"
                    .to_string()
            ])
        );
    }

    #[test]
    fn cli_override_wins() {
        let o = ConfigOverrides {
            base_url: Some("http://127.0.0.1:1111/".into()),
        };
        let c = Config::parse("title: a\nbase_url: https://x.vn/\n", Path::new("/s"), &o)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(c.base_url, "http://127.0.0.1:1111/");
    }
}
