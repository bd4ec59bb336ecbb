//! Site search: a static index written at build time and read by the theme's `search.js`.
//!
//! Searching is diacritic-insensitive (DOMAIN.md §3.4): the index is keyed by *folded* tokens
//! ([`crate::paths::fold`]: NFD, marks removed, đ→d, lower case), and the script folds the
//! query the same way, so "hai long" finds "hài lòng" and "Dong" finds "Đông". Each folded token
//! keeps the original spellings (lower-cased NFC) it came from, so results that match the
//! query's exact diacritics can rank first.
//!
//! What is indexed: every page of [`Site::pages`] (drafts are only there when the build asks for
//! them) and every section except the home and the search page itself (a section or page
//! rendered with `search.html`). Fields: the title, the description, the taxonomy terms (tags,
//! categories…) and the body as plain text: Markdown is parsed with pulldown-cmark and only its
//! `Text` and `Code` events are kept, so no Markdown syntax, raw HTML or code block is indexed
//! (text between inline HTML tags is).
//! At most [`BODY_WORD_CAP`] words of a body are indexed.
//!
//! # Files (under `search/` in the output; UTF-8 JSON, object keys sorted, no spaces)
//!
//! The index is split so that a query loads only what it needs: `meta.json`, the token shards
//! of its words, and the document files of the results it shows. The output depends only on
//! the content, so a rebuild without changes writes the same bytes.
//!
//! **`search/meta.json`**: what the script reads first.
//!
//! ```json
//! {"body_word_cap":5000,"docs":12,"docs_per_file":20,
//!  "fields":{"body":8,"description":2,"tags":4,"title":1},
//!  "shards":{"a":"idx-a.json","h":"idx-h.json","th":"idx-th.json"},"version":1}
//! ```
//!
//! - `docs`: the number of documents; ids are `0..docs`, in display order for equal scores:
//!   newest first (by `date`), then undated pages and sections, each group by URL.
//! - `docs_per_file`: document `id` is in `docs-{floor(id / docs_per_file)}.json`.
//! - `shards`: token-shard key → file name. A folded token is in the shard of the **longest
//!   key that is a prefix of it**. Keys are at least one character long; a shard whose JSON
//!   would exceed [`SHARD_TARGET_BYTES`] is split by one more character, recursively (the
//!   smaller groups stay in the shorter key's file). File names keep `a`–`z` and `0`–`9` and
//!   write any other character as `_` + hex code point + `_` (`idx-_111_.json`), so they are
//!   safe on every file system and web server; the script uses the map, not the rule.
//! - `fields`: the bit of each field in a posting.
//!
//! **`search/docs-N.json`**: an array of the records of documents `N*docs_per_file…`, in id order:
//!
//! ```json
//! [{"date":"2023-08-09","id":0,"snippet":"Tổ hướng dẫn…","title":"Người dân hài lòng…",
//!   "url":"/5-nam/tin-tuc/nguoi-dan-hai-long/"}]
//! ```
//!
//! `url` already includes the base URL's sub-path; `date` (ISO, Vietnam time) is left out for
//! undated documents; `snippet` is the description, or else the start of the body text.
//!
//! **`search/idx-KEY.json`**: folded token → original spelling → posting list:
//!
//! ```json
//! {"hai":{"hai":[129,24],"hài":[9,40,17]},"han":{"hạn":[8]}}
//! ```
//!
//! A posting list is a flat array of numbers, one per document that has this spelling, in
//! increasing id order. Each number is `delta * 16 + fields`: `delta` is the document id minus
//! the previous posting's id (the first one counts from 0), `fields` the bits of the fields the
//! spelling occurs in (title 1, description 2, tags 4, body 8). So `[9,40,17]` above is
//! document 0 (title, body), document 2 (body), document 3 (title).
//!
//! # Query algorithm (`search.js`)
//!
//! The query is NFC-normalised and lower-cased, split into words like the index (letters,
//! digits and combining marks; at most 10 words), and each word folded. Every word must match
//! (AND). The last word of at least two characters also matches as a prefix ("hành ch" finds
//! "chính") at half weight. Per word, a document scores the weights of the fields a matching
//! spelling occurs in, summed (title 10, tags 4, description 2, body 1: a title match outranks
//! any other), the best over its matching spellings; a document's score is the sum over words. Results are sorted by the number of query words **that carry
//! diacritics** and match a spelling with exactly those diacritics (so "hài lòng" ranks a
//! "hài lòng" document above a "hai long" one, while a query typed without diacritics treats all
//! spellings alike), then by score, then by id.
//!
//! # Code
//!
//! This module finds the documents; `words` reads a document's words, `files` writes the
//! index files.

use std::hash::Hasher;

use rayon::prelude::*;

use crate::date::LocalDateTime;
use crate::site::Site;

mod files;
mod words;
pub use files::{index_of, shard_file_name};
pub use words::{TokenList, document, is_word_char, plain_text, words};

/// The template of the search page; the index is written when a section or page uses it.
pub const SEARCH_TEMPLATE: &str = "search.html";
/// The folder of the index in the output.
pub const DIR: &str = "search";
/// The format version written in `meta.json`.
pub const VERSION: u32 = 1;
/// Documents per `docs-N.json` file.
pub const DOCS_PER_FILE: usize = 20;
/// A token shard larger than this (bytes of JSON) is split by a longer prefix.
pub const SHARD_TARGET_BYTES: usize = 48 * 1024;
/// How many words of a body are indexed, to bound the index of very long pages.
pub const BODY_WORD_CAP: usize = 5_000;
/// Longer "words" (hashes, long identifiers) are not indexed.
pub const MAX_TOKEN_CHARS: usize = 40;
/// The length of a snippet taken from the body, in characters.
pub const SNIPPET_CHARS: usize = 180;

/// Field bit: the title.
pub const TITLE: u8 = 1;
/// Field bit: the description.
pub const DESCRIPTION: u8 = 2;
/// Field bit: taxonomy terms (tags, categories…).
pub const TAGS: u8 = 4;
/// Field bit: the body text.
pub const BODY: u8 = 8;

/// One document to index, before ids are given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// The title as written.
    pub title: String,
    /// The URL, with the base sub-path.
    pub url: String,
    /// The publication date.
    pub date: Option<LocalDateTime>,
    /// The description, or the start of the body text.
    pub snippet: String,
    /// Distinct lower-cased NFC tokens with the bits of the fields they occur in.
    pub tokens: TokenList,
}

/// The built index: its files and a few counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    /// `(path in the output, contents)`, sorted by path.
    pub files: Vec<(String, String)>,
    /// Documents indexed.
    pub docs: usize,
    /// Distinct folded tokens.
    pub tokens: usize,
    /// Postings (document × spelling) in all shards.
    pub postings: usize,
}

impl SearchIndex {
    /// The total size of the files, in bytes.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

/// The index files to write: the index of `site` when it has a search page (a section or page
/// rendered with `search.html`), else none, so sites without search spend no time on it.
pub fn index_files(site: &Site) -> Vec<(String, String)> {
    if has_search_page(site) {
        build_index(site).files
    } else {
        Vec::new()
    }
}

/// The site path of the search page (the section or page rendered with `search.html`).
pub fn search_page_path(site: &Site) -> Option<String> {
    site.sections
        .iter()
        .find(|s| is_search(s.front.template.as_deref()))
        .map(|s| s.path.clone())
        .or_else(|| {
            site.pages
                .iter()
                .find(|p| is_search(p.front.template.as_deref()))
                .map(|p| p.path.clone())
        })
}

/// Whether a section or page of `site` is rendered with `search.html`.
pub fn has_search_page(site: &Site) -> bool {
    site.sections
        .iter()
        .any(|s| is_search(s.front.template.as_deref()))
        || site
            .pages
            .iter()
            .any(|p| is_search(p.front.template.as_deref()))
}

fn is_search(template: Option<&str>) -> bool {
    template == Some(SEARCH_TEMPLATE)
}

/// Builds the search index of `site`.
pub fn build_index(site: &Site) -> SearchIndex {
    let mut docs: Vec<SearchDoc> = documents(site);
    docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    index_of(&docs)
}

/// The documents of `site`, in no particular order.
fn documents(site: &Site) -> Vec<SearchDoc> {
    let mut docs: Vec<SearchDoc> = site
        .pages
        .par_iter()
        .filter(|p| !is_search(p.front.template.as_deref()))
        .map(|p| {
            let terms: Vec<&str> = p
                .front
                .taxonomies
                .values()
                .flatten()
                .map(String::as_str)
                .collect();
            document(
                &p.front.title,
                p.front.description.as_deref(),
                &terms,
                &p.markdown,
                site.config.base.href(&p.path),
                p.front.date,
            )
        })
        .collect();
    docs.extend(
        site.sections
            .iter()
            .skip(1)
            .filter(|s| !is_search(s.front.template.as_deref()))
            .map(|s| {
                document(
                    &s.front.title,
                    s.front.description.as_deref(),
                    &[],
                    &s.markdown,
                    site.config.base.href(&s.path),
                    None,
                )
            }),
    );
    docs
}

/// The small, fast, non-cryptographic hash of rustc (FxHash): the keys are the site's own
/// words, so there is nothing to defend against.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            let word = u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59);
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
