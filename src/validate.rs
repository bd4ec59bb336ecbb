//! Cross-file rules, checked after loading and before anything is rendered: two sources that
//! would write the same URL (pages, sections, aliases, taxonomy pages) are an error naming both.

use std::collections::HashMap;

use crate::diagnostic::{BuildError, Diagnostic, Location};
use crate::messages::Text;
use crate::msg;
use crate::site::Site;

/// What claims a URL: a page or section, a taxonomy page, or an alias.
#[derive(Clone, Copy)]
enum Claim {
    Url,
    TaxonomyUrl,
    Alias,
}

impl Claim {
    /// The error when `key` is also written by `first`.
    fn message(self, key: &str, first: &str) -> Text {
        match self {
            Claim::Url => msg!("the URL {} is also written by {}", key, first),
            Claim::TaxonomyUrl => msg!("the taxonomy URL {} is also written by {}", key, first),
            Claim::Alias => msg!("the alias {} is also written by {}", key, first),
        }
    }
}

/// Checks the whole site; returns every problem at once.
pub fn validate_site(site: &Site) -> Result<(), BuildError> {
    let mut claims: HashMap<String, String> = HashMap::new();
    let mut errors = Vec::new();
    // `at`: where the URL comes from in `source` (its `slug:`), when it is written there.
    let mut claim = |path: String, source: &str, what: Claim, at: Option<Location>| {
        let key = path.trim_end_matches("index.html").to_string();
        match claims.get(&key) {
            Some(first) if first == source => {}
            Some(first) => errors.push(
                Diagnostic::error(source, "url", what.message(&key, first))
                    .at_opt(at)
                    .with_hint(msg!("give one of them another \"slug\" or file name")),
            ),
            None => {
                claims.insert(key, source.to_string());
            }
        }
    };
    for s in &site.sections {
        claim(s.path.clone(), &s.source, Claim::Url, None);
    }
    for p in &site.pages {
        let slug_at = p
            .front
            .slug
            .as_ref()
            .and(p.front.written_at.get("slug").copied());
        claim(p.path.clone(), &p.source, Claim::Url, slug_at);
    }
    for t in &site.taxonomies {
        if t.terms.is_empty() {
            continue;
        }
        claim(
            format!("/{}/", t.name),
            crate::config::CONFIG_FILE,
            Claim::TaxonomyUrl,
            None,
        );
        for term in &t.terms {
            claim(
                format!("/{}/{}/", t.name, term.slug),
                crate::config::CONFIG_FILE,
                Claim::TaxonomyUrl,
                None,
            );
        }
    }
    for alias in &site.aliases {
        claim(alias.path.clone(), &alias.source, Claim::Alias, None);
    }
    errors.extend(folded_twins(site.assets.iter().map(|a| {
        let shown = a
            .source
            .strip_prefix(&site.config.root)
            .unwrap_or(&a.source);
        (a.output.as_str(), shown.display().to_string())
    })));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(BuildError::from_diagnostics(errors))
    }
}

/// Files whose output names differ only in letter case or Unicode form: on Windows and macOS
/// (and in a zip opened there) they are one file, so one would silently replace the other.
/// `(output name, source shown in messages)`; returns an error for each later twin.
pub fn folded_twins<'a>(files: impl Iterator<Item = (&'a str, String)>) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut errors = Vec::new();
    for (output, shown) in files {
        let key = crate::text::nfc(&output.to_lowercase());
        match seen.get(&key) {
            Some(first) => errors.push(
                Diagnostic::error(
                    &shown,
                    "output",
                    msg!(
                        "would be published as {}, which is the same name as {}'s on Windows and macOS (only letter case or accents are written differently)",
                        output,
                        first
                    ),
                )
                .with_hint(msg!("rename one of them")),
            ),
            None => {
                seen.insert(key, shown);
            }
        }
    }
    errors
}
