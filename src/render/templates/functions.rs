//! The filters and functions thidua gives templates: Vietnamese dates and numbers (`date_vi`,
//! `number_vi`…), the theme's strings (`t`), URLs (`url`, `asset`), lookups of pages and
//! sections (`get_page`, `get_section`) and `cached()` partials.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Context, Kwargs, State, Tera, Value};

use super::cache::PartialCache;
use super::errors::{Failures, template_error};
use crate::date::LocalDateTime;
use crate::messages::Text;
use crate::paths::{BaseUrl, slugify};
use crate::render::value::{value_of, with_values};
use crate::site::{LinkTarget, Site};
use crate::vi;

pub(super) fn register_filters(tera: &mut Tera, failures: &Arc<Failures>) {
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
            let format = format.unwrap_or("%d/%m/%Y");
            // `format` fails only on a directive it does not know.
            d.format(format)
                .map_err(|_| said.error(crate::msg!("bad date format \"{}\"", format)))
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

pub(super) fn register_functions(
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
pub(super) fn register_lookups(
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
pub(super) fn register_asset(
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

/// `share_image(title=page.title, image=page.image, focus=…, alt=…, source=page.source)`:
/// the page's share image (`og:image`): `{url, width, height, type, alt}`. The image itself
/// is made after the pages (`crate::share`).
pub(super) fn register_share(tera: &mut Tera, cards: &Arc<crate::share::Cards>) {
    let cards = Arc::clone(cards);
    tera.register_function(
        "share_image",
        move |kw: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let title: &str = kw.must_get("title")?;
            let text = |key: &str| -> tera::TeraResult<Option<String>> {
                let v: Option<Value> = kw.get(key)?;
                Ok(v.and_then(|v| v.as_str().map(str::to_string)))
            };
            let (image, focus) = (text("image")?, text("focus")?);
            let (alt, source) = (text("alt")?, text("source")?);
            let image = cards.image(crate::share::Request {
                title,
                image: image.as_deref(),
                focus: focus.as_deref(),
                alt: alt.as_deref(),
                source: source.as_deref(),
            });
            Ok(value_of(&image))
        },
    );
}

/// `cached(template="partials/page_card.html", key=p.url, p=p)`: renders `template` with the
/// other arguments as its variables (and the globals), once per `key` and build, and returns
/// its HTML. Meant for partials whose output depends only on what is passed to them, not on
/// `current_path`.
pub(super) fn register_cached(
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
