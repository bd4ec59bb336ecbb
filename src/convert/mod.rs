//! From Word to a post: HTML as Word (or a browser) puts it on the clipboard, and `.docx`
//! files, turned into clean Markdown (CommonMark with GFM tables, as the renderer reads it).
//!
//! What is kept: headings, bold and italic, lists, links, tables, images and line breaks.
//! What is dropped: fonts, colours, sizes, Word's classes and `mso-` styles, comments,
//! empty paragraphs, runs of no-break spaces. Text comes out NFC (Vietnamese typed with a
//! combining-tone input method reads the same as any other), and every character Markdown
//! would read as markup is escaped, so the page shows exactly the words of the document.
//!
//! Both readers build the same small tree ([`model`]), which one writer turns into Markdown:
//! a paste and a `.docx` of the same text give the same Markdown. Nothing here touches the
//! file system: the caller (`thidua new --from`, the editing room) decides where things go.
//!
//! Libraries: `scraper` (html5ever, the HTML5 parsing algorithm of browsers: Word's HTML is
//! tag soup that only a browser-grade parser reads as Word meant it), `zip` and `roxmltree`
//! (a read-only XML tree, enough for WordprocessingML). An HTML → Markdown crate (`htmd`)
//! was considered: it knows nothing of Word's paragraph lists or `MsoHeading` classes, and
//! the `.docx` reader needs a Markdown writer anyway, so one writer serves both.

mod docx;
mod error;
mod html;
mod lists;
mod markdown;
mod model;
mod table;
mod tidy;

#[cfg(test)]
mod tests;

pub use docx::{MAX_FILE, docx_to_post};
pub use error::ConvertError;

/// A post made from a Word document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertedPost {
    /// The document's title: its paragraph in Word's "Title" style, or else its first heading
    /// (no longer in `markdown`).
    pub title: Option<String>,
    /// The body as Markdown; images are written `![mô tả](anh-1.jpg)`, named as in `images`.
    pub markdown: String,
    /// The embedded images, in order of first appearance: file name (`anh-1.jpg`) and bytes.
    pub images: Vec<(String, Vec<u8>)>,
}

/// Markdown from HTML as Word, LibreOffice, Google Docs or a web page puts it on the clipboard
/// (or a saved `.html` page). Headings keep their levels, shifted down one if any is `#` (the
/// page's title is its only `#`); images keep their `src` (see [`html_image_sources`] and
/// [`word_html_to_markdown_with_images`]).
pub fn word_html_to_markdown(html: &str) -> String {
    word_html_to_markdown_with_images(html, &mut |src| Some(src.to_string()))
}

/// [`word_html_to_markdown`], each image's `src` replaced by what `image` gives (the name of
/// the uploaded file), or the image left out where it gives `None`. Word's clipboard names its
/// pictures `file:///C:/Users/…/clip_image002.jpg`, which a browser cannot read: the editing
/// room uploads the pictures it has and maps the n-th `src` to the n-th upload. (Replacing
/// the `src` in the Markdown afterwards would miss addresses the writer had to encode.)
pub fn word_html_to_markdown_with_images(
    html: &str,
    image: &mut dyn FnMut(&str) -> Option<String>,
) -> String {
    let mut blocks = html::read(html);
    model::demote_headings(&mut blocks);
    model::map_images(&mut blocks, image);
    crate::text::nfc(&markdown::to_markdown(&blocks))
}

/// The `src` of every image [`word_html_to_markdown`] keeps, in order: what a caller uploads
/// (and then replaces in the Markdown with the uploaded file's name).
pub fn html_image_sources(html: &str) -> Vec<String> {
    model::image_sources(&html::read(html))
}

/// A post from a saved web page or HTML file: the title is its first top-level heading (then
/// no longer in the Markdown) or else its `<title>`. Each image's `src` goes through `image`,
/// which gives the name the post will use (after copying the file) or `None` to leave the
/// image out (one on another host: a published page loads nothing from elsewhere).
/// `images` stays empty: the caller copies the files it named.
pub fn html_to_post(html: &str, image: &mut dyn FnMut(&str) -> Option<String>) -> ConvertedPost {
    let mut blocks = html::read(html);
    let title = model::take_title(&mut blocks).or_else(|| html::document_title(html));
    model::demote_headings(&mut blocks);
    model::map_images(&mut blocks, image);
    ConvertedPost {
        title: title.map(|t| crate::text::nfc(&t)),
        markdown: crate::text::nfc(&markdown::to_markdown(&blocks)),
        images: Vec::new(),
    }
}

/// The first paragraph's words, at most `max` characters (cut at a word): a post's
/// `description`.
pub fn first_paragraph(markdown: &str, max: usize) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
            Event::End(TagEnd::Paragraph) => inside = false,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    let text = model::collapse_spaces(&text);
    if text.is_empty() {
        return None;
    }
    if text.chars().count() <= max {
        return Some(text);
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':', ' '])))
}
