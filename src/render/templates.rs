//! Templates: with `value.rs` (the value type they see), the only code that names `tera`.
//!
//! Loads the theme's templates (from `themes/<theme>/` on disk, or the built-in default theme
//! embedded in the binary), lets the site's own `templates/` override them by name, registers
//! the Vietnamese filters and the URL functions, and turns Tera's errors into diagnostics that
//! name the template file, its line and column, and the page being rendered.
//!
//! Here: [`Templates`], loading and rendering. Its parts: `theme` (where the files come
//! from), `functions` (the filters and functions), `cache` (what `cached()` keeps) and
//! `errors` (Tera's errors as diagnostics).

mod cache;
mod errors;
mod functions;
mod image;
#[cfg(test)]
mod tests;
mod theme;

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Context, Tera, Value};

use super::value::TemplateValue;
use crate::diagnostic::{BuildError, Diagnostic};
use crate::site::Site;
use cache::PartialCache;
use errors::{Failures, template_error};
use functions::{
    register_asset, register_cached, register_filters, register_functions, register_lookups,
    register_share,
};
pub(crate) use theme::disk_files;
pub use theme::{DEFAULT_THEME, ThemeFile, ThemeSource};
use theme::{load_strings, read_theme_text};

/// The loaded templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// Template name → the file it came from, for messages.
    sources: Arc<HashMap<String, String>>,
    /// What `cached()` has rendered in this build.
    cache: Arc<PartialCache>,
    /// What thidua's own filters and functions said when they failed.
    failures: Arc<Failures>,
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
    /// Loads the theme's templates and the site's overrides, registers filters and
    /// functions that need the site (URLs, `@/` links), and sets the globals every template
    /// sees (`site`, `data`, `results`, `honourees`, `i18n`).
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
        register_share(&mut tera, &prepared.share);
        image::register_image(&mut tera, &prepared.images);
        register_cached(&mut tera, &cache, &sources, &failures);
        // The same strings as a map: `{{ i18n.menu }}` is a lookup, `{{ t(key="menu") }}` a
        // function call (about ten times the work; the default theme uses `i18n`).
        let sorted: std::collections::BTreeMap<&str, &str> = strings
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        tera.global_context()
            .insert_value("i18n", Value::from_serializable(&sorted));
        // What every page sees, set before the engine is shared with `cached()`: loading is
        // the only way to get templates, so none can render without them.
        let string = |k: &str, d: &str| strings.get(k).cloned().unwrap_or_else(|| d.to_string());
        for (key, value) in super::globals(site, &string) {
            tera.global_context().insert_value(key, value);
        }
        tera.add_raw_templates(named.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                BuildError::from_diagnostics(vec![template_error(&e, &sources, &failures, None)])
            })?;
        cache.reset(&tera);
        Ok(Templates {
            tera,
            sources,
            cache,
            failures,
        })
    }

    /// Whether a template exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
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
