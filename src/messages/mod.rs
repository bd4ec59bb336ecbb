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
    /// English: the language the code is written in, and `Display`'s.
    #[default]
    En,
    /// Vietnamese.
    Vi,
}

impl Lang {
    /// Parses `vi`, `vi_VN.UTF-8`, `en`, `en_US`…; `None` for anything else, including the
    /// locales that name no language (`C`, `C.UTF-8`, `POSIX`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("vi") {
            Some(Lang::Vi)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language to speak: `--lang`, then `ui_language` in `site.yaml`, then the first
    /// of the locale variables (`LC_ALL`, `LC_MESSAGES`, `LANG`, in POSIX's order) that names
    /// a language, then Vietnamese. (The command line wins, as it does for every other
    /// option.) Vietnamese last, not English: the staff's Windows PCs set no `LANG`, and a
    /// server's `C.UTF-8` says nothing about its readers.
    pub fn choose(flag: Option<&str>, site: Option<&str>, env: &[Option<&str>]) -> Lang {
        flag.and_then(Lang::parse)
            .or_else(|| site.and_then(Lang::parse))
            .or_else(|| env.iter().flatten().find_map(|v| Lang::parse(v)))
            .unwrap_or(Lang::Vi)
    }

    /// The locale variables, in the order [`Lang::choose`] reads them.
    pub fn environment() -> [Option<String>; 3] {
        ["LC_ALL", "LC_MESSAGES", "LANG"].map(|v| std::env::var(v).ok())
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
mod tests;
