//! Templates: with `value.rs` (the value type they see), the only code that names `tera`.
//!
//! Loads the theme's templates (from `themes/<theme>/` on disk, or the built-in default theme
//! embedded in the binary), lets the site's own `templates/` override them by name, registers
//! the Vietnamese filters and the URL functions, and turns Tera's errors into diagnostics that
//! name the template file, its line and column, and the page being rendered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use tera::{Context, Kwargs, State, Tera, Value};

use super::value::{TemplateValue, value_of, with_values};
use crate::config::Config;
use crate::date::LocalDateTime;
use crate::diagnostic::{BuildError, Diagnostic, Location};
use crate::messages::Text;
use crate::paths::{BaseUrl, slugify};
use crate::site::{LinkTarget, Site};
use crate::vi;

/// The built-in default theme, embedded so `thidua init` and sites without a `themes/`
/// folder work anywhere.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where the theme's files come from.
#[derive(Debug, Clone)]
pub enum ThemeSource {
    /// `themes/<name>/` in the site.
    Disk(PathBuf),
    /// The built-in default theme.
    Embedded,
}

impl ThemeSource {
    /// Finds the theme a config names.
    pub fn find(config: &Config) -> Result<ThemeSource, BuildError> {
        let dir = config.root.join("themes").join(&config.theme);
        if dir.is_dir() {
            return Ok(ThemeSource::Disk(dir));
        }
        if config.theme == "default" {
            return Ok(ThemeSource::Embedded);
        }
        let mut known: Vec<String> = std::fs::read_dir(config.root.join("themes"))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        known.push("default".into());
        known.sort();
        known.dedup();
        let names: Vec<&str> = known.iter().map(String::as_str).collect();
        Err(BuildError::from_diagnostics(vec![
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                "config",
                crate::msg!(
                    "unknown theme \"{}\": there is no folder themes/{}",
                    config.theme,
                    config.theme
                ),
            )
            .at_opt(config.theme_at)
            .with_hint(theme_hint(&config.theme, &names)),
        ]))
    }

    /// Every file under the theme's `sub` folder: (path relative to `sub`, contents).
    pub fn files(&self, sub: &str) -> Result<Vec<(String, ThemeFile)>, BuildError> {
        match self {
            // A theme on disk is ROOT/themes/NAME: links may lead anywhere inside ROOT.
            ThemeSource::Disk(dir) => {
                let root = dir.parent().and_then(Path::parent).unwrap_or(dir);
                disk_files(&dir.join(sub), root)
            }
            ThemeSource::Embedded => {
                let mut out = Vec::new();
                if let Some(d) = DEFAULT_THEME.get_dir(sub) {
                    collect_embedded(d, sub, &mut out);
                }
                out.sort_by(|a, b| a.0.cmp(&b.0));
                Ok(out)
            }
        }
    }

    /// How a theme file is named in messages: `themes/default/templates/page.html`.
    pub fn display(&self, config: &Config, sub_path: &str) -> String {
        match self {
            ThemeSource::Disk(_) => format!("themes/{}/{sub_path}", config.theme),
            ThemeSource::Embedded => format!("(built-in theme) {sub_path}"),
        }
    }
}

/// The hint for an unknown theme: `did you mean "…"?`, or the themes there are.
fn theme_hint(theme: &str, names: &[&str]) -> Text {
    match crate::diagnostic::did_you_mean(theme, names) {
        Some(best) => crate::msg!("did you mean \"{}\"?", best),
        None if names.is_empty() => crate::msg!("there are none yet"),
        None => crate::msg!("expected one of {}", crate::diagnostic::quoted_list(names)),
    }
}

/// A theme file's contents: on disk (copied by path) or embedded (bytes).
#[derive(Debug, Clone)]
pub enum ThemeFile {
    /// A file on disk.
    Disk(PathBuf),
    /// Bytes inside the binary.
    Embedded(&'static [u8]),
}

fn collect_embedded(dir: &'static Dir<'static>, prefix: &str, out: &mut Vec<(String, ThemeFile)>) {
    for f in dir.files() {
        let rel = f.path().strip_prefix(prefix).unwrap_or(f.path());
        out.push((
            rel.to_string_lossy().replace('\\', "/"),
            ThemeFile::Embedded(f.contents()),
        ));
    }
    for d in dir.dirs() {
        collect_embedded(d, prefix, out);
    }
}

/// Every file under `dir` (relative `/` paths, sorted); an absent folder has none.
pub(crate) fn disk_files(dir: &Path, root: &Path) -> Result<Vec<(String, ThemeFile)>, BuildError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut outside = Vec::new();
    let skip = |name: &str| name.starts_with('.') || name.ends_with('~');
    for step in crate::tree::walk(dir, crate::tree::source_roots(root, dir), skip) {
        let entry = match step {
            crate::tree::Step::Entry(e) => e,
            crate::tree::Step::Outside { path, target } => {
                let shown = path.strip_prefix(root).unwrap_or(&path);
                let shown = shown
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                outside.push(crate::load::outside_link(&shown, &target));
                continue;
            }
            crate::tree::Step::Error(e) => {
                outside.push(crate::load::walk_error(root, &e));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        out.push((rel, ThemeFile::Disk(entry.into_path())));
    }
    if !outside.is_empty() {
        return Err(BuildError::from_diagnostics(outside));
    }
    Ok(out)
}

/// The loaded templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// The theme's strings (`t(key=…)`), also used for words the code puts in charts.
    strings: Arc<HashMap<String, String>>,
    /// Template name → the file it came from, for messages.
    sources: Arc<HashMap<String, String>>,
    /// What `cached()` has rendered in this build.
    cache: Arc<PartialCache>,
    /// What thidua's own filters and functions said when they failed.
    failures: Arc<Failures>,
}

/// What `cached(template=…, key=…)` keeps for one build: each partial rendered once per key.
///
/// A page card appears on its section's list page, on every term page of its tags and maybe
/// on the home page; rendered once and reused, a 10,000-post site with three tags a post
/// renders 10,000 cards instead of about 40,000. The renderer is a copy of the template set
/// taken after the globals (`site`, `data`…) are set, so cached partials see them too.
#[derive(Default)]
struct PartialCache {
    tera: std::sync::RwLock<Option<Arc<Tera>>>,
    memo: std::sync::Mutex<HashMap<String, Value>>,
    /// Errors inside cached partials, reported at the partial's own line (Tera only carries
    /// a message from a function to the call site, so the message holds an index here).
    errors: std::sync::Mutex<Vec<Diagnostic>>,
}

/// How a `cached()` error message starts; the index into [`PartialCache::errors`] follows.
const CACHED_ERROR: &str = "\u{1}cached partial error #";

impl PartialCache {
    fn renderer(&self) -> Option<Arc<Tera>> {
        self.tera
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn reset(&self, tera: &Tera) {
        *self
            .tera
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Arc::new(tera.clone()));
        self.clear();
    }

    fn clear(&self) {
        lock(&self.memo).clear();
    }

    fn get(&self, key: &str) -> Option<Value> {
        lock(&self.memo).get(key).cloned()
    }

    fn put(&self, key: String, value: Value) {
        lock(&self.memo).insert(key, value);
    }

    /// Keeps `d` and returns the message that stands for it.
    fn error_message(&self, d: Diagnostic) -> String {
        let mut errors = lock(&self.errors);
        errors.push(d);
        format!("{CACHED_ERROR}{}", errors.len() - 1)
    }

    /// The error inside a cached partial that `e` carries (from [`Self::error_message`]).
    fn error_in(&self, e: &tera::Error) -> Option<Diagnostic> {
        let tera::ErrorKind::RenderingError(r) = e.kind() else {
            return None;
        };
        let index: usize = r.message().strip_prefix(CACHED_ERROR)?.parse().ok()?;
        lock(&self.errors).get(index).cloned()
    }
}

/// What thidua's own filters and functions (`t`, `url`, `date_vi`…) said when they failed.
///
/// Tera takes a filter's or function's error only as a string, which it puts at the template's
/// line. A string would fix the message's language where it is made, and the library does not
/// know the reader's language (it never prints). So the failing function keeps its typed
/// message here and gives Tera a marker that stands for it; [`template_error`] turns the marker
/// back into the message, which is rendered in the reader's language only when it is printed.
/// Each distinct message is kept once (the same mistake on every page adds nothing).
#[derive(Default)]
struct Failures {
    said: std::sync::Mutex<Vec<Text>>,
}

/// How a [`Failures`] marker starts; the index of the message follows.
const FAILURE: &str = "\u{1}template function error #";

impl Failures {
    /// The error for a filter or function to return: a marker standing for `text`.
    fn error(&self, text: Text) -> tera::Error {
        let mut said = lock(&self.said);
        let index = match said.iter().position(|t| *t == text) {
            Some(i) => i,
            None => {
                said.push(text);
                said.len() - 1
            }
        };
        tera::Error::message(format!("{FAILURE}{index}"))
    }

    /// The message that Tera's error `message` stands for, if it is one of these markers.
    fn said(&self, message: &str) -> Option<Text> {
        let index: usize = message.strip_prefix(FAILURE)?.parse().ok()?;
        lock(&self.said).get(index).cloned()
    }
}

/// A lock that a panicking holder did not leave unusable (the data stays consistent: every
/// holder inserts or reads whole entries).
fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("sources", &self.sources)
            .finish_non_exhaustive()
    }
}

impl Templates {
    /// Loads the theme's templates and the site's overrides, and registers filters and
    /// functions that need the site (URLs, `@/` links).
    pub fn load(
        site: &Site,
        theme: &ThemeSource,
        prepared: &super::Prepared,
    ) -> Result<Templates, BuildError> {
        let config = &site.config;
        let mut named: Vec<(String, String, String)> = Vec::new();
        for (name, file) in theme.files("templates")? {
            let shown = theme.display(config, &format!("templates/{name}"));
            named.push((name, read_theme_text(&file, &shown)?, shown));
        }
        for (name, file) in disk_files(&config.root.join("templates"), &config.root)? {
            let shown = format!("templates/{name}");
            named.retain(|(n, _, _)| n != &name);
            named.push((name, read_theme_text(&file, &shown)?, shown));
        }
        let sources: Arc<HashMap<String, String>> = Arc::new(
            named
                .iter()
                .map(|(n, _, s)| (n.clone(), s.clone()))
                .collect(),
        );
        let cache = Arc::new(PartialCache::default());
        let failures = Arc::new(Failures::default());
        let strings = Arc::new(load_strings(site, theme)?);
        let mut tera = Tera::new();
        register_filters(&mut tera, &failures);
        register_functions(&mut tera, site, Arc::clone(&strings), &failures);
        register_lookups(&mut tera, site, &prepared.summaries, &failures);
        register_asset(&mut tera, site, &prepared.assets);
        register_cached(&mut tera, &cache, &sources, &failures);
        // The same strings as a map: `{{ i18n.menu }}` is a lookup, `{{ t(key="menu") }}` a
        // function call (about ten times the work; the default theme uses `i18n`).
        let sorted: std::collections::BTreeMap<&str, &str> = strings
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        tera.global_context()
            .insert_value("i18n", Value::from_serializable(&sorted));
        tera.add_raw_templates(named.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                BuildError::from_diagnostics(vec![template_error(&e, &sources, &failures, None)])
            })?;
        cache.reset(&tera);
        Ok(Templates {
            tera,
            strings,
            sources,
            cache,
            failures,
        })
    }

    /// A theme string, or `default` when the theme does not define it.
    pub(crate) fn string(&self, key: &str, default: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| default.to_string())
    }

    /// Whether a template exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Sets a variable every template sees (site, data…): serialised once, shared by all pages.
    pub(crate) fn set_global(&mut self, key: &'static str, value: TemplateValue) {
        self.tera.global_context().insert_value(key, value);
        self.cache.reset(&self.tera);
    }

    /// Forgets what `cached()` kept: pages may have changed since the last render.
    pub(crate) fn clear_cache(&self) {
        self.cache.clear();
    }

    /// Renders `name` into `out`, naming `page_source` in any error.
    pub(crate) fn render(
        &self,
        name: &str,
        vars: Vec<(&'static str, TemplateValue)>,
        out: &mut Vec<u8>,
        page_source: &str,
    ) -> Result<(), Diagnostic> {
        let mut ctx = Context::new();
        for (k, v) in vars {
            ctx.insert_value(k, v);
        }
        self.tera
            .render_to(name, &ctx, &mut *out)
            .map_err(|e| self.error(&e, page_source))
    }

    /// A render error as a diagnostic; an error inside a cached partial is reported where it
    /// is, saying where the partial was called from.
    fn error(&self, e: &tera::Error, page_source: &str) -> Diagnostic {
        let Some(inner) = self.cache.error_in(e) else {
            return template_error(e, &self.sources, &self.failures, Some(page_source));
        };
        let outer = template_error(e, &self.sources, &self.failures, None);
        let called = match outer.location {
            Some(l) => format!("{}:{}:{}", outer.file, l.line, l.col),
            None => outer.file,
        };
        let hint = match &inner.hint {
            Some(h) => crate::msg!(
                "{}; in cached() at {}, while rendering {}",
                h,
                called,
                page_source
            ),
            None => crate::msg!("in cached() at {}, while rendering {}", called, page_source),
        };
        inner.with_hint(hint)
    }
}

fn read_theme_text(file: &ThemeFile, shown: &str) -> Result<String, BuildError> {
    let bytes = match file {
        ThemeFile::Disk(p) => std::fs::read(p).map_err(|e| BuildError::io(shown, e))?,
        ThemeFile::Embedded(b) => b.to_vec(),
    };
    crate::text::decode(&bytes, shown)
        .map(|t| t.text)
        .map_err(|d| BuildError::from_diagnostics(vec![d]))
}

/// Turns a Tera error into a diagnostic at the template's file, line and column.
fn template_error(
    err: &tera::Error,
    sources: &HashMap<String, String>,
    failures: &Failures,
    page: Option<&str>,
) -> Diagnostic {
    let file_of = |name: &str| {
        sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"))
    };
    let mut d = match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let (message, hint) = match failures.said(r.message()) {
                Some(text) => (text, None),
                None => reword_template_message(r.message()),
            };
            let d = Diagnostic::error(file_of(r.filename()), "template", message)
                .at(Location::new(r.span().start_line, r.span().start_col + 1));
            match hint {
                Some(h) => d.with_hint(h),
                None => d,
            }
        }
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => Diagnostic::error(
            file_of(tpl),
            "template",
            crate::msg!(
                "templates extend each other in a circle: {}",
                inheritance_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::error(
            file_of(tpl),
            "template",
            crate::msg!(
                "templates include each other in a circle: {}",
                include_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            file_of(current),
            "template",
            crate::msg!("extends \"{}\", which does not exist", parent),
        ),
        tera::ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            page.unwrap_or("templates"),
            "template",
            crate::msg!("template \"{}\" does not exist", name),
        ),
        _ => {
            let mut message = err.to_string();
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::error(
                page.unwrap_or("templates"),
                "template",
                Text::foreign(message),
            )
        }
    };
    if let Some(page) = page
        && d.file != page
    {
        let hint = match d.hint.take() {
            Some(h) => crate::msg!("{}; while rendering {}", h, page),
            None => crate::msg!("while rendering {}", page),
        };
        d = d.with_hint(hint);
    }
    d
}

/// "Field `tittle` is not defined. Available fields: a, b" → a short message and a
/// did-you-mean hint, instead of a list of every field.
fn reword_template_message(raw: &str) -> (Text, Option<Text>) {
    if let Some(rest) = raw.strip_prefix("Field `")
        && let Some((name, tail)) = rest.split_once('`')
    {
        let fields: Vec<&str> = tail
            .split_once("Available fields:")
            .map(|(_, list)| {
                list.split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let hint = crate::diagnostic::did_you_mean(name, &fields)
            .map(|f| crate::msg!("did you mean `{}`?", f));
        return (crate::msg!("field `{}` is not defined", name), hint);
    }
    (Text::foreign(raw), None)
}

fn register_filters(tera: &mut Tera, failures: &Arc<Failures>) {
    let said = Arc::clone(failures);
    tera.register_filter(
        "date_vi",
        move |v: &str, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
            let d = parse_date(v, &said)?;
            let style: Option<&str> = kw.get("style")?;
            Ok(match style.unwrap_or("administrative") {
                "numeric" => vi::date_numeric(&d),
                "weekday" => format!("{}, {}", vi::weekday(&d), vi::date_numeric(&d)),
                "administrative" => vi::date_administrative(&d),
                other => {
                    return Err(said.error(crate::msg!(
                        "date_vi: unknown style \"{}\" (use \"administrative\", \"numeric\" or \"weekday\")",
                        other
                    )));
                }
            })
        },
    );
    let said = Arc::clone(failures);
    tera.register_filter(
        "date",
        move |v: &str, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
            let d = parse_date(v, &said)?;
            let format: Option<&str> = kw.get("format")?;
            d.format(format.unwrap_or("%d/%m/%Y"))
                .map_err(|e| said.error(Text::from(e)))
        },
    );
    tera.register_filter(
        "number_vi",
        |v: f64, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
            let decimals: Option<usize> = kw.get("decimals")?;
            Ok(match decimals {
                Some(n) => vi::number(v, n),
                None => vi::number_trimmed(v, 2),
            })
        },
    );
    tera.register_filter(
        "percent_vi",
        |v: f64, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
            let decimals: Option<usize> = kw.get("decimals")?;
            Ok(vi::percent(v, decimals.unwrap_or(2)))
        },
    );
    tera.register_filter("money_vi", |v: f64, _: Kwargs, _: &State| vi::money(v));
    tera.register_filter("slugify", |v: &str, _: Kwargs, _: &State| slugify(v));
    tera.register_filter(
        "json_encode",
        |v: &Value, _: Kwargs, _: &State| -> tera::TeraResult<String> {
            serde_json::to_string(v).map_err(|e| tera::Error::message(e.to_string()))
        },
    );
}

fn parse_date(v: &str, failures: &Failures) -> tera::TeraResult<LocalDateTime> {
    LocalDateTime::parse(v)
        .map_err(|_| failures.error(crate::msg!("\"{}\" is not a date like 2024-05-31", v)))
}

/// The theme's strings for the site's language (`i18n/<language>.yaml`), overridden by the
/// site's own `i18n/<language>.yaml`: menu labels, "Đạt", headings… so a second language
/// needs no template change.
fn load_strings(site: &Site, theme: &ThemeSource) -> Result<HashMap<String, String>, BuildError> {
    let file = format!("{}.yaml", site.config.language);
    let mut strings = HashMap::new();
    let mut sources: Vec<(String, ThemeFile)> = theme
        .files("i18n")?
        .into_iter()
        .filter(|(n, _)| *n == file)
        .map(|(n, f)| (theme.display(&site.config, &format!("i18n/{n}")), f))
        .collect();
    sources.extend(
        disk_files(&site.config.root.join("i18n"), &site.config.root)?
            .into_iter()
            .filter(|(n, _)| *n == file)
            .map(|(n, f)| (format!("i18n/{n}"), f)),
    );
    for (shown, f) in sources {
        let text = read_theme_text(&f, &shown)?;
        let origin = crate::yaml::Origin {
            file: &shown,
            first_line: 1,
            topic: "translations",
        };
        let map: std::collections::BTreeMap<String, String> =
            crate::yaml::parse(&text, origin).map_err(|d| BuildError::from_diagnostics(vec![d]))?;
        strings.extend(map);
    }
    Ok(strings)
}

fn register_functions(
    tera: &mut Tera,
    site: &Site,
    strings: Arc<HashMap<String, String>>,
    failures: &Arc<Failures>,
) {
    let language = site.config.language.clone();
    let said = Arc::clone(failures);
    tera.register_function(
        "t",
        move |kw: Kwargs, _: &State| -> tera::TeraResult<String> {
            let key: &str = kw.must_get("key")?;
            strings.get(key).cloned().ok_or_else(|| {
                said.error(crate::msg!(
                    "t: no string \"{}\" in i18n/{}.yaml",
                    key,
                    language
                ))
            })
        },
    );
    let said = Arc::clone(failures);
    let base: Arc<BaseUrl> = Arc::new(site.config.base.clone());
    let links: Arc<HashMap<String, LinkTarget>> = Arc::new(site.links.clone());
    tera.register_function(
        "url",
        move |kw: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: &str = kw.must_get("path")?;
            let absolute: Option<bool> = kw.get("absolute")?;
            let site_path = if let Some(content) = path.strip_prefix("@/") {
                let (file, frag) = content
                    .split_once('#')
                    .map_or((content, ""), |(f, a)| (f, a));
                match links.get(file) {
                    Some(LinkTarget::Published(p)) if frag.is_empty() => p.clone(),
                    Some(LinkTarget::Published(p)) => format!("{p}#{frag}"),
                    _ => {
                        return Err(said.error(crate::msg!(
                            "url: no published page \"{}\" in content/",
                            file
                        )));
                    }
                }
            } else if path.contains("://")
                || path.starts_with("mailto:")
                || path.starts_with("tel:")
                || path.starts_with('#')
            {
                return Ok(path.to_string());
            } else {
                path.to_string()
            };
            Ok(if absolute == Some(true) {
                base.permalink(&site_path)
            } else {
                base.href(&site_path)
            })
        },
    );
}

/// Registers `get_section(path="@/tin-tuc/_index.md")` and `get_page(path="@/…md")`, which
/// return a section (with all its page summaries, in order) or a page summary, so a home
/// page can show the latest news. `summaries` are shared, not copied.
fn register_lookups(
    tera: &mut Tera,
    site: &Site,
    summaries: &Arc<Vec<Value>>,
    failures: &Arc<Failures>,
) {
    let mut sections: HashMap<String, Value> = HashMap::new();
    let mut pages: HashMap<String, Value> = HashMap::new();
    for s in &site.sections {
        let key = s.source.trim_start_matches("content/").to_string();
        let list: Vec<Value> = s.pages.iter().map(|&p| summaries[p].clone()).collect();
        let v = value_of(&serde_json::json!({
            "title": s.front.title,
            "description": s.front.description,
            "url": site.config.base.href(&s.path),
            "permalink": site.config.base.permalink(&s.path),
            "extra": s.front.extra,
            "page_count": s.pages.len(),
        }));
        sections.insert(key, with_values(v, vec![("pages", Value::from(list))]));
    }
    for (i, p) in site.pages.iter().enumerate() {
        pages.insert(
            p.source.trim_start_matches("content/").to_string(),
            summaries[i].clone(),
        );
    }
    let lookup = |map: HashMap<String, Value>, missing: fn(&str) -> Text| {
        let map = Arc::new(map);
        let said = Arc::clone(failures);
        move |kw: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let path: &str = kw.must_get("path")?;
            let key = path.trim_start_matches("@/").trim_start_matches('/');
            map.get(key)
                .cloned()
                .ok_or_else(|| said.error(missing(key)))
        }
    };
    tera.register_function(
        "get_section",
        lookup(sections, |key| {
            crate::msg!("get_section: no published section \"{}\" in content/", key)
        }),
    );
    tera.register_function(
        "get_page",
        lookup(pages, |key| {
            crate::msg!("get_page: no published page \"{}\" in content/", key)
        }),
    );
}

/// `asset(path="style.css")`: the URL of a static file, fingerprinted when the build
/// fingerprints (`/style.3f2a9c1b7e.css`), so it can be cached for a year.
fn register_asset(
    tera: &mut Tera,
    site: &Site,
    assets: &Arc<std::collections::BTreeMap<String, String>>,
) {
    let assets = Arc::clone(assets);
    let base = site.config.base.clone();
    tera.register_function(
        "asset",
        move |kw: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: &str = kw.must_get("path")?;
            let key = path.trim_start_matches('/');
            Ok(base.href(assets.get(key).map_or(key, String::as_str)))
        },
    );
}

/// `cached(template="partials/page_card.html", key=p.url, p=p)`: renders `template` with the
/// other arguments as its variables (and the globals), once per `key` and build, and returns
/// its HTML. Meant for partials whose output depends only on what is passed to them, not on
/// `current_path`.
fn register_cached(
    tera: &mut Tera,
    cache: &Arc<PartialCache>,
    sources: &Arc<HashMap<String, String>>,
    failures: &Arc<Failures>,
) {
    // Weak, not Arc: the cache keeps a copy of this Tera, and with it this function. A strong
    // reference here would make a cycle (cache → Tera copy → function → cache) that is never
    // freed: `serve` lost a whole template set, about 0.8 MB, on every saved edit.
    let cache = Arc::downgrade(cache);
    let sources = Arc::clone(sources);
    let said = Arc::clone(failures);
    tera.register_function(
        "cached",
        move |kw: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let cache = cache.upgrade().ok_or_else(|| {
                said.error(crate::msg!("cached: the templates are not loaded yet"))
            })?;
            let template: &str = kw.must_get("template")?;
            let key: Value = kw.must_get("key")?;
            let memo_key = format!("{template}\u{0}{key}");
            if let Some(hit) = cache.get(&memo_key) {
                return Ok(hit);
            }
            let renderer = cache.renderer().ok_or_else(|| {
                said.error(crate::msg!("cached: the templates are not loaded yet"))
            })?;
            let mut ctx = Context::new();
            for (k, v) in kw.iter() {
                if let Some(name) = k.as_str()
                    && name != "template"
                    && name != "key"
                {
                    ctx.insert_value(name.to_string(), v.clone());
                }
            }
            let html = renderer.render(template, &ctx).map_err(|e| {
                let d = cache
                    .error_in(&e)
                    .unwrap_or_else(|| template_error(&e, &sources, &said, None));
                tera::Error::message(cache.error_message(d))
            })?;
            let value = Value::safe_string(&html);
            cache.put(memo_key, value.clone());
            Ok(value)
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn a_filter_error_is_said_in_the_readers_language() {
        let failures = Arc::new(Failures::default());
        let mut tera = Tera::new();
        register_filters(&mut tera, &failures);
        tera.add_raw_template("a.html", "{{ \"x\" | date_vi }}")
            .expect("a template");
        let Err(e) = tera.render("a.html", &Context::new()) else {
            panic!("\"x\" is not a date")
        };
        let d = template_error(&e, &HashMap::new(), &failures, Some("content/a.md"));
        assert_eq!(
            d.to_string(),
            "templates/a.html:1:10: template: \"x\" is not a date like 2024-05-31 \
             (while rendering content/a.md)"
        );
        assert_eq!(
            d.render(Lang::Vi),
            "templates/a.html:1:10: template: \"x\" không phải ngày dạng 2024-05-31 \
             (khi dựng content/a.md)"
        );
        // The same mistake again is kept once.
        let again = failures.error(crate::msg!("\"{}\" is not a date like 2024-05-31", "x"));
        assert_eq!(failures.said(&again.to_string()), Some(d.message));
        assert_eq!(lock(&failures.said).len(), 1);
    }
}
