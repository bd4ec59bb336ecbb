//! Cross-file rules, checked after loading and before anything is rendered: two sources that
//! would write the same URL (pages, sections, aliases, taxonomy pages) are an error naming both.

use std::collections::HashMap;

use crate::diagnostic::{BuildError, Diagnostic};
use crate::site::Site;

/// Checks the whole site; returns every problem at once.
pub fn validate_site(site: &Site) -> Result<(), BuildError> {
    let mut claims: HashMap<String, String> = HashMap::new();
    let mut errors = Vec::new();
    let mut claim = |path: String, source: &str, what: &str| {
        let key = path.trim_end_matches("index.html").to_string();
        match claims.get(&key) {
            Some(first) if first == source => {}
            Some(first) => errors.push(
                Diagnostic::error(
                    source,
                    "url",
                    format!("{what} {key} is also written by {first}"),
                )
                .with_hint("give one of them another \"slug\" or file name"),
            ),
            None => {
                claims.insert(key, source.to_string());
            }
        }
    };
    for s in &site.sections {
        claim(s.path.clone(), &s.source, "the URL");
    }
    for p in &site.pages {
        claim(p.path.clone(), &p.source, "the URL");
    }
    for t in &site.taxonomies {
        if t.terms.is_empty() {
            continue;
        }
        claim(
            format!("/{}/", t.name),
            crate::config::CONFIG_FILE,
            "the taxonomy URL",
        );
        for term in &t.terms {
            claim(
                format!("/{}/{}/", t.name, term.slug),
                crate::config::CONFIG_FILE,
                "the taxonomy URL",
            );
        }
    }
    for (alias, _, source) in crate::render::alias_redirects(site) {
        claim(alias, &source, "the alias");
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(BuildError::from_diagnostics(errors))
    }
}
