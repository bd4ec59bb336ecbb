//! A document's words: the plain text of a Markdown body, its words (letters, digits and
//! marks), lower-cased with the bits of the fields they occur in, and the snippet shown with a
//! result.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::char::is_combining_mark;

use super::{
    BODY, BODY_WORD_CAP, DESCRIPTION, FxHasher, MAX_TOKEN_CHARS, SNIPPET_CHARS, SearchDoc, TAGS,
    TITLE,
};
use crate::date::LocalDateTime;

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

/// `text` without its `{{ … }}` spans.
fn without_shortcodes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{{") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        match rest[i..].find("}}") {
            Some(j) => rest = &rest[i + j + 2..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
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
            // A shortcode (`{{ chi_tieu(id="…") }}`) is a figure on the page, not words.
            Event::Text(t) if in_code_block == 0 => out.push_str(&without_shortcodes(&t)),
            Event::Code(t) if in_code_block == 0 => out.push_str(&t),
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
    fn shortcodes_are_not_indexed_as_words() {
        let md = "Tỷ lệ đạt {{ chi_tieu(id=\"ho-so-dung-han\") }} năm nay. `{{ giu }}`";
        assert_eq!(plain_text(md), "Tỷ lệ đạt  năm nay. {{ giu }}");
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
}
