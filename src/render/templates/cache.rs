//! `cached()`'s memory for one build: each partial rendered once per key, and the errors
//! inside cached partials, reported at the partial's own line.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Tera, Value};

use super::lock;
use crate::diagnostic::Diagnostic;

/// What `cached(template=…, key=…)` keeps for one build: each partial rendered once per key.
///
/// A page card appears on its section's list page, on every term page of its tags and maybe
/// on the home page; rendered once and reused, a 10,000-post site with three tags a post
/// renders 10,000 cards instead of about 40,000. The renderer is a copy of the template set
/// taken after the globals (`site`, `data`…) are set, so cached partials see them too.
#[derive(Default)]
pub(super) struct PartialCache {
    tera: std::sync::RwLock<Option<Arc<Tera>>>,
    memo: std::sync::Mutex<HashMap<String, Value>>,
    /// Errors inside cached partials, reported at the partial's own line (Tera only carries
    /// a message from a function to the call site, so the message holds an index here).
    errors: std::sync::Mutex<Vec<Diagnostic>>,
}

/// How a `cached()` error message starts; the index into [`PartialCache::errors`] follows.
const CACHED_ERROR: &str = "\u{1}cached partial error #";

impl PartialCache {
    pub(super) fn renderer(&self) -> Option<Arc<Tera>> {
        self.tera
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub(super) fn reset(&self, tera: &Tera) {
        *self
            .tera
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Arc::new(tera.clone()));
        self.clear();
    }

    pub(super) fn clear(&self) {
        lock(&self.memo).clear();
    }

    pub(super) fn get(&self, key: &str) -> Option<Value> {
        lock(&self.memo).get(key).cloned()
    }

    pub(super) fn put(&self, key: String, value: Value) {
        lock(&self.memo).insert(key, value);
    }

    /// Keeps `d` and returns the message that stands for it.
    pub(super) fn error_message(&self, d: Diagnostic) -> String {
        let mut errors = lock(&self.errors);
        errors.push(d);
        format!("{CACHED_ERROR}{}", errors.len() - 1)
    }

    /// The error inside a cached partial that `e` carries (from [`Self::error_message`]).
    pub(super) fn error_in(&self, e: &tera::Error) -> Option<Diagnostic> {
        let tera::ErrorKind::RenderingError(r) = e.kind() else {
            return None;
        };
        let index: usize = r.message().strip_prefix(CACHED_ERROR)?.parse().ok()?;
        lock(&self.errors).get(index).cloned()
    }
}
