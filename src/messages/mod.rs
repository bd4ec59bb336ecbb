//! Messages: every sentence thidua prints is a [`Text`], a catalogue [`Key`] with its parts,
//! rendered in English or Vietnamese only when it is printed.
//!
//! Code writes a message as `msg!("unknown field \"{}\"", name)`: the English sentence is the
//! key, looked up in the [`catalogue`] while compiling, so a sentence that has no Vietnamese
//! entry, or the wrong number of parts, is a compile error rather than English leaking into
//! Vietnamese output. Parts are kept typed: a part that is itself a message ("3 pages") is
//! rendered in the same language; a value (a file name, a number) is printed as it is; the
//! operating system's own words ([`Text::foreign`]) are translated where the `os` table knows
//! them.

use std::fmt;

pub mod catalogue;
mod help;

pub use help::{localize_help, localize_help_words};

/// The language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Vietnamese.
    Vi,
}

impl Lang {
    /// Parses `vi`, `vi_VN.UTF-8`, `en`, `en_US`…; `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("vi") {
            Some(Lang::Vi)
        } else if s.starts_with("en") || s == "c" || s.starts_with("c.") || s == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language to speak: `--lang`, then `ui_language` in `site.yaml`, then `LANG`,
    /// then English. (The command line wins, as it does for every other option.)
    pub fn choose(flag: Option<&str>, site: Option<&str>, env: Option<&str>) -> Lang {
        flag.and_then(Lang::parse)
            .or_else(|| site.and_then(Lang::parse))
            .or_else(|| env.and_then(Lang::parse))
            .unwrap_or_default()
    }
}

/// One sentence of the catalogue: which table, which entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    table: u8,
    index: u16,
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn count_parts(s: &str) -> usize {
    let s = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i + 1 < s.len() {
        if s[i] == b'{' && s[i + 1] == b'}' {
            n += 1;
        }
        i += 1;
    }
    n
}

impl Key {
    /// The key of the English sentence `en`; used by [`crate::msg!`] in a constant, so a
    /// sentence that is not in the catalogue stops the compilation.
    pub const fn find(en: &str) -> Key {
        let mut t = 0;
        while t < catalogue::TABLES.len() {
            let table = catalogue::TABLES[t];
            let mut i = 0;
            while i < table.len() {
                if same(table[i].0, en) {
                    return Key {
                        table: t as u8,
                        index: i as u16,
                    };
                }
                i += 1;
            }
            t += 1;
        }
        panic!("this sentence is not in the message catalogue (src/messages/catalogue/)")
    }

    const fn entry(self) -> (&'static str, &'static str) {
        catalogue::TABLES[self.table as usize][self.index as usize]
    }

    /// How many parts (`{}`) the sentence has.
    pub const fn arity(self) -> usize {
        count_parts(self.entry().0)
    }

    /// The sentence in `lang`, with `{}` for its parts.
    pub fn template(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.entry().0,
            Lang::Vi => self.entry().1,
        }
    }

    /// Every key of the catalogue (for the tests that render them all).
    pub fn all() -> impl Iterator<Item = Key> {
        catalogue::TABLES.iter().enumerate().flat_map(|(t, table)| {
            (0..table.len()).map(move |i| Key {
                table: t as u8,
                index: i as u16,
            })
        })
    }
}

/// A sentence to print: a catalogue key with its parts, or words thidua did not write.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Text {
    /// A catalogue sentence and its parts, in order.
    Keyed(Key, Box<[Arg]>),
    /// Words from elsewhere (the operating system, a library): printed as they are, with the
    /// operating system's known phrases translated.
    Foreign(Box<str>),
    /// A sentence not yet written with `msg!`: translated by matching the catalogue.
    Legacy(Box<str>),
}

/// One part of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    /// A value printed as it is: a file name, a number, the author's words.
    Plain(String),
    /// A part that is itself a message, rendered in the same language.
    Text(Text),
}

/// What may fill a part of a message (see [`crate::msg!`]).
pub trait ToArg {
    /// This value as a part.
    fn to_arg(&self) -> Arg;
}

impl ToArg for Text {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.clone())
    }
}

/// An operating-system error's words are foreign; a [`TextError`] inside it is thidua's own.
impl ToArg for std::io::Error {
    fn to_arg(&self) -> Arg {
        match self.get_ref().and_then(|e| e.downcast_ref::<TextError>()) {
            Some(TextError(text)) => Arg::Text(text.clone()),
            None => Arg::Text(Text::foreign(self.to_string())),
        }
    }
}

/// A sentence of thidua's carried by an `io::Error` (`io::Error::new(kind, TextError(msg!(…)))`),
/// for code that can only fail with one: as a part of a message it is rendered in the reader's
/// language, where the operating system's own words would be [`Text::foreign`].
#[derive(Debug, Clone)]
pub struct TextError(pub Text);

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for TextError {}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> Arg {
        (**self).to_arg()
    }
}

macro_rules! plain_args {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(&self) -> Arg {
                Arg::Plain(self.to_string())
            }
        }
    )*};
}

plain_args!(
    str,
    String,
    std::borrow::Cow<'_, str>,
    std::path::Display<'_>,
    char,
    bool,
    u8,
    u16,
    u32,
    u64,
    usize,
    i32,
    i64,
    f64
);

impl Text {
    /// A catalogue sentence with its parts (what [`crate::msg!`] makes).
    pub fn keyed(key: Key, args: Vec<Arg>) -> Text {
        Text::Keyed(key, args.into_boxed_slice())
    }

    /// Words thidua did not write (an operating-system error, a library's message).
    pub fn foreign(text: impl Into<String>) -> Text {
        Text::Foreign(text.into().into_boxed_str())
    }

    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Keyed(key, args) => {
                let template = key.template(lang);
                let mut out = String::with_capacity(template.len() + 16 * args.len());
                let mut rest = template;
                for arg in args.iter() {
                    let Some(i) = rest.find("{}") else { break };
                    out.push_str(&rest[..i]);
                    match arg {
                        Arg::Plain(s) => out.push_str(s),
                        Arg::Text(t) => out.push_str(&t.render(lang)),
                    }
                    rest = &rest[i + 2..];
                }
                out.push_str(rest);
                out
            }
            Text::Foreign(s) => match lang {
                Lang::En => s.to_string(),
                Lang::Vi => operating_system_words(s),
            },
            Text::Legacy(s) => translate(s, lang).into_owned(),
        }
    }

    /// The key, for a message made with [`crate::msg!`].
    pub fn key(&self) -> Option<Key> {
        match self {
            Text::Keyed(key, _) => Some(*key),
            _ => None,
        }
    }
}

/// English, as the code and the tests read it.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.to_string() == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.to_string() == **other
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Legacy(s.into_boxed_str())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Legacy(s.into())
    }
}

/// A message from the catalogue: `msg!("unknown field \"{}\"", name)`.
///
/// The sentence must be a string literal that is in the catalogue with as many `{}` as there
/// are parts; both are checked while compiling. A part is anything with [`messages::ToArg`]
/// (`&str`, `String`, numbers, `Path::display()`, another message, an `io::Error`).
#[macro_export]
macro_rules! msg {
    ($en:literal $(, $arg:expr)* $(,)?) => {{
        const KEY: $crate::messages::Key = $crate::messages::Key::find($en);
        const _: () = assert!(
            KEY.arity() == $crate::msg!(@count $($arg),*),
            "the message has a different number of parts in the catalogue"
        );
        $crate::messages::Text::keyed(KEY, vec![$($crate::messages::ToArg::to_arg(&$arg)),*])
    }};
    (@count) => { 0usize };
    (@count $head:expr $(, $tail:expr)*) => { 1usize + $crate::msg!(@count $($tail),*) };
}

/// "1 page" or "3 pages": `plural!(n, "{} page", "{} pages")`, both sentences in the catalogue.
#[macro_export]
macro_rules! plural {
    ($n:expr, $one:literal, $many:literal) => {{
        let n: usize = $n;
        if n == 1 {
            $crate::msg!($one, n)
        } else {
            $crate::msg!($many, n)
        }
    }};
}

/// The operating system's words in Vietnamese where the `os` table knows them.
fn operating_system_words(text: &str) -> String {
    for (en, vi) in catalogue::os::ENTRIES {
        if let Some(parts) = matches(en, text) {
            return fill(vi, &parts);
        }
    }
    text.to_string()
}

fn fill(template: &str, parts: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    for part in parts {
        let Some(i) = rest.find("{}") else { break };
        out.push_str(&rest[..i]);
        out.push_str(part);
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// Renders an English sentence in `lang` by matching it against the catalogue (unchanged for
/// English or when it has no entry): only for [`Text::Legacy`], the sentences not yet written
/// with `msg!`.
pub fn translate(text: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if lang == Lang::En {
        return Cow::Borrowed(text);
    }
    match vietnamese(text, 0) {
        Some(vi) => Cow::Owned(vi),
        None => Cow::Borrowed(text),
    }
}

fn vietnamese(text: &str, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    // The most specific sentence first: "Rebuilt {} in {} ms…" before "{} in {}".
    let mut entries: Vec<&(&str, &str)> = catalogue::TABLES
        .iter()
        .chain([&catalogue::os::ENTRIES])
        .flat_map(|t| t.iter())
        // The two sentences made only for `msg!` would swallow everything here.
        .filter(|(en, _)| !matches!(*en, "{} in {}" | "{}: {}"))
        .collect();
    entries.sort_by_key(|(en, _)| std::cmp::Reverse(en.len() - 2 * en.matches("{}").count()));
    for (en, vi) in entries {
        if let Some(parts) = matches(en, text) {
            let mut out = String::with_capacity(vi.len() + text.len());
            let mut rest = *vi;
            for part in parts {
                let Some(i) = rest.find("{}") else { break };
                out.push_str(&rest[..i]);
                out.push_str(&vietnamese(part, depth + 1).unwrap_or_else(|| part.to_string()));
                rest = &rest[i + 2..];
            }
            out.push_str(rest);
            return Some(out);
        }
    }
    // "indicators[0].targets[0].op: unknown operator …": keep the data path, translate the rest.
    let (path, rest) = text.split_once(": ")?;
    let is_path = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.[]".contains(c));
    if is_path {
        return vietnamese(rest, depth + 1).map(|r| format!("{path}: {r}"));
    }
    None
}

/// The parts of `text` that fill the `{}` of `pattern`, or `None` if it does not match.
fn matches<'a>(pattern: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let literals: Vec<&str> = pattern.split("{}").collect();
    let (first, last) = (literals[0], literals[literals.len() - 1]);
    if literals.len() == 1 {
        return (pattern == text).then(Vec::new);
    }
    let mut rest = text.strip_prefix(first)?;
    rest = rest.strip_suffix(last)?;
    let mut parts = Vec::with_capacity(literals.len() - 1);
    for lit in &literals[1..literals.len() - 1] {
        let i = rest.find(lit)?;
        let part = &rest[..i];
        if part.is_empty() {
            return None;
        }
        parts.push(part);
        rest = &rest[i + lit.len()..];
    }
    if rest.is_empty() {
        return None;
    }
    parts.push(rest);
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_choice() {
        assert_eq!(
            Lang::choose(Some("en"), Some("vi"), Some("vi_VN.UTF-8")),
            Lang::En
        );
        assert_eq!(
            Lang::choose(None, Some("vi"), Some("en_US.UTF-8")),
            Lang::Vi
        );
        assert_eq!(Lang::choose(None, None, Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(Lang::choose(None, None, Some("C.UTF-8")), Lang::En);
        assert_eq!(Lang::choose(None, None, None), Lang::En);
    }

    #[test]
    fn sentences_and_their_parts_are_translated() {
        let t = |s: &str| translate(s, Lang::Vi).into_owned();
        assert_eq!(
            t("unknown field \"tittle\""),
            "trường không hợp lệ \"tittle\""
        );
        assert_eq!(t("did you mean \"title\"?"), "có phải ý bạn là \"title\"?");
        assert_eq!(
            t("Build failed: 3 errors in 2 files. public/ was not changed."),
            "Dựng trang thất bại: 3 lỗi trong 2 tệp. public/ không bị thay đổi."
        );
        assert_eq!(
            t("Built 36 pages (46 files, 703 KB) in 0.01 s into public/"),
            "Đã dựng 36 trang (46 tệp, 703 KB) trong 0.01 giây vào public/"
        );
        assert_eq!(
            t("\"tags\" must be a list, found the text \"x\""),
            "\"tags\" phải là một danh sách, nhưng đang là chữ \"x\""
        );
        assert_eq!(
            t("indicators[0].targets[0].op: unknown operator \"=>\""),
            "indicators[0].targets[0].op: phép so sánh không hợp lệ \"=>\""
        );
        assert_eq!(
            t(
                "cannot listen on 127.0.0.1:1111: Address already in use (os error 98) (is another preview running? try --port 1112)"
            ),
            "không mở được cổng 127.0.0.1:1111: cổng này đang có chương trình khác dùng (lỗi hệ thống 98) (có bản xem trước khác đang chạy? thử --port 1112)"
        );
        assert_eq!(t("something new"), "something new");
        assert_eq!(
            translate("unknown field \"x\"", Lang::En),
            "unknown field \"x\""
        );
    }

    /// Messages exactly as thidua prints them (taken from the tests that pin them): each must
    /// come out fully in Vietnamese, with no English sentence left over.
    #[test]
    fn printed_messages_have_vietnamese_wording() {
        let printed = [
            "unknown field \"tittle\"",
            "\"weight\" must be a whole number, found the text \"nặng\"",
            "\"draft\" must be true or false, found the number 3",
            "\"title\" must be text, found a list",
            "a tab is used for indentation",
            "the file does not start with front matter",
            "the front matter is not closed",
            "\"date\" is not a real date or time: \"2023-02-30\"",
            "\"slug\" \"../x\" is not a single URL segment",
            "invalid UTF-8 byte 0xFF at byte offset 5",
            "the file is UTF-16, not UTF-8",
            "page \"tin-tuc/bai-9.md\" does not exist",
            "the URL /tin-tuc/bai-viet/ is also written by content/tin-tuc/Bài viết.md",
            "template \"dac-biet.html\" does not exist",
            "unknown theme \"xanh\": there is no folder themes/xanh",
            "\"base_url\" is not a URL, found \"example.gov.vn\"",
            "indicators[0].total.counts.dung_han: the numerator \"dung_han\" (101) is larger than the denominator (100)",
            "indicators[0].breakdown: the rows add up to da_giai_quyet = 90, but the total is 100",
            "indicators[1].id: the id \"ho-so-dung-han\" is used twice",
            "honourees[2]: \"ten_tap_the\" is required for a collective (tap-the)",
            "honourees[1].stt: stt 1 is used twice in decision \"qd-1\"",
            "honourees[0].anh: a photo may only be published with consent",
            "\"@/tin-tuc/a.md\" has no heading with the id \"#ket-qa\"",
            "the image \"anh.jpg\" has no alt text",
            "the page has no \"description\"",
            "Build failed: 1 error in 1 file. public/ was not changed.",
            "Check failed: 2 errors, 0 warnings. Nothing was written.",
            "Rebuilt 10 pages in 7 ms after a change to content/a.md",
            "Rebuilt 10 pages in 7 ms after changes to content/a.md and 2 other files",
            "Check failed: 2 errors in 1 file. Nothing was written.",
            "cannot listen on 127.0.0.1:1111: Address already in use (os error 98) (is another preview running? try --port 1112)",
            "Created content/tin-tuc/a.md (a draft: remove \"draft: true\" to publish)",
            "To /mnt/x: 3 new, 1 changed, 0 removed, 12 unchanged",
            "while rendering content/tin-tuc/bai-1.md and 1 other page",
            "did you mean `title`?; while rendering content/a.md",
            "did you mean `title`?; in cached() at templates/index.html:1:32, while rendering content/a.md and 2 other pages",
            "the data is nested more than 64 levels deep",
            "put fewer lists and mappings inside each other",
            "the alias \"*x\" makes the data too large: aliases may add at most 200000 values",
            "write the values out, or use fewer aliases",
            "the alias \"*r\" is inside the value it refers to",
        ];
        for text in printed {
            let vi = translate(text, Lang::Vi);
            assert_ne!(vi, text, "no Vietnamese for: {text}");
            for english in [
                " the ", " is ", " must ", " not ", " found ", "failed", "while",
            ] {
                assert!(
                    !vi.contains(english),
                    "English left in {vi:?} (from {text:?})"
                );
            }
        }
    }

    /// Every sentence of the catalogue, rendered in both languages with stand-in parts: each
    /// part appears once in each language, and the Vietnamese is not the English.
    #[test]
    fn every_key_renders_in_both_languages() {
        let mut n = 0;
        for key in Key::all() {
            let parts: Vec<String> = (0..key.arity()).map(|i| format!("⟨{i}⟩")).collect();
            let text = Text::keyed(key, parts.iter().map(|p| Arg::Plain(p.clone())).collect());
            let (en, vi) = (text.render(Lang::En), text.render(Lang::Vi));
            for part in &parts {
                assert_eq!(en.matches(part.as_str()).count(), 1, "{en}");
                assert_eq!(vi.matches(part.as_str()).count(), 1, "{vi}");
            }
            let only_parts = key.template(Lang::En).replace("{}", "").trim().len() <= 2;
            assert!(only_parts || en != vi, "not translated: {en}");
            assert!(!vi.contains("{}") && !en.contains("{}"));
            n += 1;
        }
        assert!(n > 250, "only {n} keys");
    }

    #[test]
    fn a_message_is_made_from_its_key_and_parts() {
        let n = crate::plural!(3, "{} page", "{} pages");
        let text = crate::msg!("{} in {}", n, "public/");
        assert_eq!(text.to_string(), "3 pages in public/");
        assert_eq!(text.render(Lang::Vi), "3 trang trong public/");
        assert_eq!(text.key(), Some(Key::find("{} in {}")));
        let os = Text::foreign("Permission denied (os error 13)");
        assert_eq!(
            crate::msg!("{}: {}", "public/a", os).render(Lang::Vi),
            "public/a: không có quyền truy cập (lỗi hệ thống 13)"
        );
    }

    #[test]
    fn every_entry_has_the_same_parts_in_both_languages() {
        for (en, vi) in catalogue::TABLES
            .iter()
            .chain([&catalogue::os::ENTRIES])
            .flat_map(|t| t.iter())
        {
            assert_eq!(en.matches("{}").count(), vi.matches("{}").count(), "{en}");
        }
    }
}
