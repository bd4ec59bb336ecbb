//! The index files: postings gathered by spelling, grouped by folded token, split into
//! shards by prefix, and written as JSON with the document records and `meta.json` (the
//! format is described in [`crate::search`]).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rayon::prelude::*;

use super::{
    BODY, BODY_WORD_CAP, DESCRIPTION, DIR, DOCS_PER_FILE, FxHasher, SHARD_TARGET_BYTES, SearchDoc,
    SearchIndex, TAGS, TITLE, VERSION,
};
use crate::paths::fold;

/// Spelling → postings.
type Spellings<'a> = HashMap<&'a str, Vec<u32>, BuildHasherDefault<FxHasher>>;

/// The index files of documents already in id order.
pub fn index_of(docs: &[SearchDoc]) -> SearchIndex {
    let (entries, postings) = token_entries(spellings_of(docs));
    let shards = partition(&entries);
    let (mut files, shard_names) = shard_files(&entries, &shards);
    files.extend(doc_files(docs));
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

/// Spelling → postings (id << 4 | fields), ids increasing: one map per chunk of documents,
/// built in parallel, then appended in chunk order.
fn spellings_of(docs: &[SearchDoc]) -> Spellings<'_> {
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
    spellings
}

/// `(folded token, its entry's JSON)`, sorted by token, and the number of postings.
fn token_entries(spellings: Spellings<'_>) -> (Vec<(String, String)>, usize) {
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
    let entries = groups
        .par_iter()
        .map(|group| (group[0].0.clone(), entry_json(group)))
        .collect();
    (entries, postings)
}

/// `(path in the output, contents)`, or `(shard key, file name)`: pairs of strings.
type Pairs = Vec<(String, String)>;

/// The shard files (`search/idx-KEY.json`), and the map from shard key to file name, sorted.
fn shard_files(entries: &[(String, String)], shards: &[(String, Vec<usize>)]) -> (Pairs, Pairs) {
    let mut files = Vec::new();
    let mut shard_names = Vec::new();
    for (key, members) in shards {
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
    (files, shard_names)
}

/// The document files (`search/docs-N.json`).
fn doc_files(docs: &[SearchDoc]) -> Vec<(String, String)> {
    docs.chunks(DOCS_PER_FILE)
        .enumerate()
        .map(|(n, chunk)| {
            let mut body = String::from("[");
            for (i, doc) in chunk.iter().enumerate() {
                if i > 0 {
                    body.push(',');
                }
                body.push_str(&doc_json(n * DOCS_PER_FILE + i, doc));
            }
            body.push(']');
            (format!("{DIR}/docs-{n}.json"), body)
        })
        .collect()
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
    use crate::search::document;

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
