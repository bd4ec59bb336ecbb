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

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use unicode_normalization::char::is_combining_mark;

use crate::date::LocalDateTime;
use crate::paths::fold;
use crate::site::Site;

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

/// Extracts one document's record and tokens.
pub fn document(
    title: &str,
    description: Option<&str>,
    terms: &[&str],
    markdown: &str,
    url: String,
    date: Option<LocalDateTime>,
) -> SearchDoc {
    let body = plain_text(markdown);
    let mut seen = Tokens::with_capacity_and_hasher(512, BuildHasherDefault::default());
    let mut unlimited = usize::MAX;
    add_words(title, TITLE, &mut seen, &mut unlimited);
    if let Some(d) = description {
        add_words(d, DESCRIPTION, &mut seen, &mut unlimited);
    }
    for t in terms {
        add_words(t, TAGS, &mut seen, &mut unlimited);
    }
    let mut budget = BODY_WORD_CAP;
    add_words(&body, BODY, &mut seen, &mut budget);
    let mut tokens = TokenList {
        text: String::with_capacity(seen.keys().map(|k| k.len() + 1).sum()),
    };
    for (word, fields) in seen {
        tokens.text.push_str(&word);
        tokens.text.push(char::from(fields));
    }
    let snippet = match description.map(str::trim) {
        Some(d) if !d.is_empty() => d.to_string(),
        _ => snippet_of(&body),
    };
    SearchDoc {
        title: title.to_string(),
        url,
        date,
        snippet,
        tokens,
    }
}

/// Whether `c` is part of a word: a letter, a digit or a combining mark (for NFD text).
pub fn is_word_char(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' | '×' | '÷' => false,
        // Latin-1 letters, Latin Extended-A and -B, Latin Extended Additional: every
        // Vietnamese letter, precomposed (a fast path for the common case).
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// The words of `text`, as they are written.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// Adds the lower-cased words of `text` to `into` with the field bit `field`, counting down
/// `budget`. Most words are already lower case and are not copied.
fn add_words<'a>(text: &'a str, field: u8, into: &mut Tokens<'a>, budget: &mut usize) {
    for word in words(text) {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        if word.len() > MAX_TOKEN_CHARS && word.chars().nth(MAX_TOKEN_CHARS).is_some() {
            continue;
        }
        let key = if word.is_ascii() {
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(word.to_ascii_lowercase())
            } else {
                Cow::Borrowed(word)
            }
        } else if word.chars().any(char::is_uppercase) {
            // The text is NFC (`load` normalises every source) and lower-casing keeps
            // Vietnamese letters composed.
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        *into.entry(key).or_insert(0) |= field;
    }
}

/// Spelling → postings.
type Spellings<'a> = HashMap<&'a str, Vec<u32>, BuildHasherDefault<FxHasher>>;

/// A document's distinct lower-cased words and the bits of the fields they occur in.
type Tokens<'a> = HashMap<Cow<'a, str>, u8, BuildHasherDefault<FxHasher>>;

/// A document's tokens in one string, each followed by its field bits as one control character
/// (U+0001–U+000F; tokens are letters, digits and marks only), in no order: compact, since the
/// tokens of every document are kept until the index is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenList {
    text: String,
}

impl TokenList {
    /// The tokens (lower-cased NFC words) and their field bits.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        let mut rest = self.text.as_str();
        std::iter::from_fn(move || {
            let end = rest.find(|c: char| c < ' ')?;
            let token = &rest[..end];
            let fields = rest.as_bytes()[end];
            rest = &rest[end + 1..];
            Some((token, fields))
        })
    }

    /// How many distinct tokens.
    pub fn len(&self) -> usize {
        self.text.bytes().filter(|&b| b < b' ').count()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// The small, fast, non-cryptographic hash of rustc (FxHash): the keys are the site's own
/// words, so there is nothing to defend against.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

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

/// The text of a Markdown body: only `Text` and `Code` events, outside code blocks, with a
/// space wherever a block, a line break or a table cell ends. Raw HTML (tags, and HTML blocks
/// with their content) is left out; text between inline HTML tags is kept.
pub fn plain_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(markdown.len());
    let mut in_code_block = 0usize;
    let space = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block += 1,
            Event::End(TagEnd::CodeBlock) => in_code_block = in_code_block.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_code_block == 0 => out.push_str(&t),
            // Inline markup ends inside a word or before punctuation: no space.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => space(&mut out),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The start of a body text, cut at a word boundary, with "…" when cut.
fn snippet_of(text: &str) -> String {
    let text = text.trim();
    let Some((cut, _)) = text.char_indices().nth(SNIPPET_CHARS) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let head = match head.rfind(' ') {
        Some(i) if i > cut / 2 => &head[..i],
        _ => head,
    };
    format!("{}…", head.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// The index files of documents already in id order.
pub fn index_of(docs: &[SearchDoc]) -> SearchIndex {
    // Spelling → postings (id << 4 | fields), ids increasing: one map per chunk of documents,
    // built in parallel, then appended in chunk order.
    let chunk = docs
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let maps: Vec<Spellings<'_>> = docs
        .par_chunks(chunk)
        .enumerate()
        .map(|(n, part)| {
            let mut map = Spellings::default();
            for (i, doc) in part.iter().enumerate() {
                let id = u32::try_from(n * chunk + i).unwrap_or(u32::MAX >> 4);
                for (token, fields) in doc.tokens.iter() {
                    let posting = (id << 4) | u32::from(fields);
                    match map.get_mut(token) {
                        Some(list) => list.push(posting),
                        None => {
                            map.insert(token, vec![posting]);
                        }
                    }
                }
            }
            map
        })
        .collect();
    let mut maps = maps.into_iter();
    let mut spellings = maps.next().unwrap_or_default();
    for map in maps {
        for (token, list) in map {
            spellings.entry(token).or_default().extend(list);
        }
    }
    // (folded token, spelling, postings), sorted; then one JSON entry per folded token.
    let mut spellings: Vec<(String, &str, Vec<u32>)> = spellings
        .into_par_iter()
        .map(|(spelling, list)| (fold(spelling), spelling, list))
        .filter(|(key, _, _)| !key.is_empty())
        .collect();
    spellings.par_sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let postings = spellings.iter().map(|(_, _, l)| l.len()).sum();
    let mut groups: Vec<&[(String, &str, Vec<u32>)]> = Vec::new();
    let mut rest = spellings.as_slice();
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|s| s.0 == first.0).count();
        let (group, tail) = rest.split_at(n);
        groups.push(group);
        rest = tail;
    }
    let entries: Vec<(String, String)> = groups
        .par_iter()
        .map(|group| (group[0].0.clone(), entry_json(group)))
        .collect();
    drop(groups);
    drop(spellings);
    let shards = partition(&entries);

    let mut files = Vec::new();
    let mut shard_names = Vec::new();
    for (key, members) in &shards {
        let name = shard_file_name(key);
        let bytes: usize = members.iter().map(|&i| entries[i].1.len() + 1).sum();
        let mut body = String::with_capacity(bytes + 2);
        body.push('{');
        for (n, &i) in members.iter().enumerate() {
            if n > 0 {
                body.push(',');
            }
            body.push_str(&entries[i].1);
        }
        body.push('}');
        shard_names.push((key.clone(), name.clone()));
        files.push((format!("{DIR}/{name}"), body));
    }
    shard_names.sort();
    for (n, chunk) in docs.chunks(DOCS_PER_FILE).enumerate() {
        let mut body = String::from("[");
        for (i, doc) in chunk.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(&doc_json(n * DOCS_PER_FILE + i, doc));
        }
        body.push(']');
        files.push((format!("{DIR}/docs-{n}.json"), body));
    }
    files.push((
        format!("{DIR}/meta.json"),
        meta_json(docs.len(), &shard_names),
    ));
    files.sort();
    SearchIndex {
        files,
        docs: docs.len(),
        tokens: entries.len(),
        postings,
    }
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""))
}

/// `"hai":{"hai":[…],"hài":[…]}`: one folded token's entry in a shard, from its spellings
/// (sorted, all with the same folded token).
fn entry_json(group: &[(String, &str, Vec<u32>)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    out.push_str(&json_str(&group[0].0));
    out.push_str(":{");
    for (i, (_, spelling, list)) in group.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json_str(spelling));
        out.push_str(":[");
        let mut previous = 0u32;
        for (j, posting) in list.iter().enumerate() {
            let id = posting >> 4;
            let value = u64::from(id - previous) * 16 + u64::from(posting & 15);
            previous = id;
            if j > 0 {
                out.push(',');
            }
            let _ = write!(out, "{value}");
        }
        out.push(']');
    }
    out.push('}');
    out
}

fn doc_json(id: usize, doc: &SearchDoc) -> String {
    let date = doc
        .date
        .map(|d| format!("\"date\":\"{}\",", d.iso_date()))
        .unwrap_or_default();
    format!(
        "{{{date}\"id\":{id},\"snippet\":{},\"title\":{},\"url\":{}}}",
        json_str(&doc.snippet),
        json_str(&doc.title),
        json_str(&doc.url)
    )
}

fn meta_json(docs: usize, shards: &[(String, String)]) -> String {
    let list: Vec<String> = shards
        .iter()
        .map(|(k, f)| format!("{}:{}", json_str(k), json_str(f)))
        .collect();
    format!(
        "{{\"body_word_cap\":{BODY_WORD_CAP},\"docs\":{docs},\"docs_per_file\":{DOCS_PER_FILE},\
         \"fields\":{{\"body\":{BODY},\"description\":{DESCRIPTION},\"tags\":{TAGS},\"title\":{TITLE}}},\
         \"shards\":{{{}}},\"version\":{VERSION}}}",
        list.join(",")
    )
}

/// `idx-th.json`; characters other than `a`–`z` and `0`–`9` as `_hex_`.
pub fn shard_file_name(key: &str) -> String {
    let mut name = String::from("idx-");
    if key.is_empty() {
        name.push('_');
    }
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            name.push(c);
        } else {
            name.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    name.push_str(".json");
    name
}

/// Splits sorted `(folded token, entry JSON)` pairs into shards by prefix: `(key, indices of
/// its entries, increasing)`. Keys are at least one character long; a group larger than
/// [`SHARD_TARGET_BYTES`] is split by one more character, and the sub-groups too small for a
/// file of their own (under a quarter of the target) stay with the shorter key while it has
/// room. A token is always in the shard of the longest key that is a prefix of it.
fn partition(entries: &[(String, String)]) -> Vec<(String, Vec<usize>)> {
    let sizes: Vec<usize> = entries.iter().map(|(_, j)| j.len() + 1).collect();
    let mut out = Vec::new();
    split(entries, &sizes, 0..entries.len(), 0, "", &mut out);
    out.sort();
    out
}

fn split(
    entries: &[(String, String)],
    sizes: &[usize],
    range: std::ops::Range<usize>,
    depth: usize,
    prefix: &str,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    let size: usize = sizes[range.clone()].iter().sum();
    if depth >= 1 && size <= SHARD_TARGET_BYTES {
        out.push((prefix.to_string(), range.collect()));
        return;
    }
    let next = |i: usize| entries[i].0.chars().nth(depth);
    let mut kept = Vec::new();
    let mut kept_size = 0;
    let mut i = range.start;
    while i < range.end {
        let Some(c) = next(i) else {
            // The token equal to the prefix (it sorts first).
            kept.push(i);
            kept_size += sizes[i];
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < range.end && next(j) == Some(c) {
            j += 1;
        }
        let group: usize = sizes[i..j].iter().sum();
        if depth >= 1 && group < SHARD_TARGET_BYTES / 4 && kept_size + group <= SHARD_TARGET_BYTES {
            kept.extend(i..j);
            kept_size += group;
        } else {
            let mut key = prefix.to_string();
            key.push(c);
            split(entries, sizes, i..j, depth + 1, &key, out);
        }
        i = j;
    }
    if !kept.is_empty() {
        out.push((prefix.to_string(), kept));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(doc: &SearchDoc) -> Vec<(String, u8)> {
        let mut t: Vec<(String, u8)> = doc.tokens.iter().map(|(s, f)| (s.to_string(), f)).collect();
        t.sort();
        t
    }

    #[test]
    fn plain_text_keeps_only_text() {
        let md = "# Tiêu đề {#rieng}\n\nCó **chữ đậm**, [liên kết](https://x.vn/duong) và `mã`.\n\n\
                  <div class=\"khoi\">khối HTML</div>\n\n```sh\ncurl lenh\n```\n\n| a | b |\n|---|---|\n| ô | ơ |\n";
        assert_eq!(
            plain_text(md),
            "Tiêu đề Có chữ đậm, liên kết và mã. a b ô ơ"
        );
    }

    #[test]
    fn words_split_on_punctuation_and_keep_marks() {
        let w: Vec<&str> = words("Đợt thi-đua: 99,5% (QĐ 766/QĐ-TTg) ha\u{300}i").collect();
        assert_eq!(
            w,
            [
                "Đợt",
                "thi",
                "đua",
                "99",
                "5",
                "QĐ",
                "766",
                "QĐ",
                "TTg",
                "ha\u{300}i"
            ]
        );
        assert!(is_word_char('ư') && is_word_char('Ỹ') && is_word_char('\u{301}'));
        assert!(!is_word_char('×') && !is_word_char('–') && !is_word_char('“'));
    }

    #[test]
    fn documents_have_lower_case_tokens_with_fields() {
        let doc = document(
            "Người dân Hài lòng",
            Some("Hài lòng cao"),
            &["Hài lòng người dân"],
            "Người dân **hài lòng**.",
            "/a/".into(),
            None,
        );
        assert_eq!(
            tokens(&doc),
            [
                ("cao".to_string(), DESCRIPTION),
                ("dân".to_string(), TITLE | TAGS | BODY),
                ("hài".to_string(), TITLE | DESCRIPTION | TAGS | BODY),
                ("lòng".to_string(), TITLE | DESCRIPTION | TAGS | BODY),
                ("người".to_string(), TITLE | TAGS | BODY),
            ]
        );
        assert_eq!(doc.snippet, "Hài lòng cao");
    }

    #[test]
    fn snippet_from_the_body_is_cut_at_a_word() {
        let body = "Một hai ba bốn năm. ".repeat(20);
        let doc = document("T", None, &[], &body, "/t/".into(), None);
        assert!(doc.snippet.ends_with('…'), "{}", doc.snippet);
        assert!(doc.snippet.chars().count() <= SNIPPET_CHARS + 1);
        assert!(!doc.snippet.contains(" …"));
    }

    #[test]
    fn body_words_are_capped() {
        let body = (0..BODY_WORD_CAP + 10)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let doc = document("T", None, &[], &body, "/t/".into(), None);
        assert_eq!(doc.tokens.len(), BODY_WORD_CAP + 1);
    }

    #[test]
    fn postings_are_delta_encoded_with_field_bits() {
        let docs: Vec<SearchDoc> = [
            ("Hài lòng", "x"),
            ("Khác", "x"),
            ("Ba", "hai hài"),
            ("Hài", "x"),
        ]
        .iter()
        .map(|(t, b)| document(t, None, &[], b, format!("/{t}/"), None))
        .collect();
        let index = index_of(&docs);
        let shard = index
            .files
            .iter()
            .find(|(n, _)| n == "search/idx-h.json")
            .map(|(_, b)| b.as_str());
        assert_eq!(
            shard,
            Some(r#"{"hai":{"hai":[40],"hài":[1,40,17]}}"#),
            "{:?}",
            index.files
        );
        let meta = index
            .files
            .iter()
            .find(|(n, _)| n == "search/meta.json")
            .map(|(_, b)| b.as_str())
            .unwrap_or_default();
        assert!(
            meta.starts_with(r#"{"body_word_cap":5000,"docs":4,"docs_per_file":20,"#),
            "{meta}"
        );
        assert!(meta.contains(r#""h":"idx-h.json""#), "{meta}");
        let docs_file = &index.files[0];
        assert_eq!(docs_file.0, "search/docs-0.json");
        assert!(
            docs_file
                .1
                .starts_with(r#"[{"id":0,"snippet":"x","title":"Hài lòng","url":"/Hài lòng/"}"#),
            "{}",
            docs_file.1
        );
    }

    #[test]
    fn partition_respects_the_longest_prefix_rule() {
        let big = "9".repeat(SHARD_TARGET_BYTES / 3);
        let mut entries: Vec<(String, String)> = Vec::new();
        for t in ["a", "tha", "thanh", "thi", "thu", "thuc", "tu", "đ"] {
            entries.push((t.to_string(), format!("\"{t}\":{{\"{t}\":[{big}]}}")));
        }
        entries.push(("to".into(), "\"to\":{}".into()));
        entries.sort();
        let shards = partition(&entries);
        let keys: Vec<&str> = shards.iter().map(|(k, _)| k.as_str()).collect();
        assert!(keys.iter().all(|k| !k.is_empty()));
        for (key, members) in &shards {
            for &i in members {
                let token = &entries[i].0;
                let longest = keys
                    .iter()
                    .filter(|k| token.starts_with(*k))
                    .max_by_key(|k| k.len());
                assert_eq!(longest, Some(&key.as_str()), "{token} in {key}: {keys:?}");
            }
        }
        assert!(keys.len() > 3, "{keys:?}");
        assert_eq!(shard_file_name("đa"), "idx-_111_a.json");
        assert_eq!(shard_file_name("th"), "idx-th.json");
    }
}
