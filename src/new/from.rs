//! `thidua new --from bai-viet.docx [SECTION] ["Tiêu đề"]`: a post made from a Word document
//! or a saved web page, as a bundle (`content/tin-tuc/tieu-de/index.md` with its photos beside
//! it). The conversion is [`crate::convert`]'s; here the files are read and written: the whole
//! bundle is written into a hidden folder first and renamed into place, so a failure leaves
//! nothing behind, and an existing post is never overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use super::{prepare_section, url_path, yaml_quote};
use crate::config::{Config, ConfigOverrides};
use crate::convert::{self, ConvertError, ConvertedPost};
use crate::diagnostic::BuildError;
use crate::paths::slugify;

/// What to create, and from what.
#[derive(Debug, Clone)]
pub struct FromOptions {
    /// The site root.
    pub root: PathBuf,
    /// The Word document (`.docx`) or web page (`.html`) to make the post from.
    pub file: PathBuf,
    /// The section folder inside `content/`.
    pub section: String,
    /// The title, if given (else the document's own).
    pub title: Option<String>,
    /// Create the section if it does not exist.
    pub create_section: bool,
}

/// What was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFromPost {
    /// The post's file, relative to the root: `content/tin-tuc/tieu-de/index.md`.
    pub file: String,
    /// The URL it will have once published.
    pub url: String,
    /// Whether the section was created too.
    pub created_section: bool,
    /// How many photos were put beside it.
    pub images: usize,
    /// Images of a web page that were left out (on another host, or not found beside it).
    pub left_out: Vec<String>,
}

/// Creates the post from the document.
pub fn new_post_from(opts: &FromOptions) -> Result<NewFromPost, BuildError> {
    let config = Config::load(&opts.root, &ConfigOverrides::default())?;
    let shown = opts.file.display().to_string();
    let (post, left_out) = read_document(&opts.file, &shown)?;
    let title = opts
        .title
        .as_deref()
        .map(|t| crate::text::nfc(t.trim()))
        .filter(|t| !t.is_empty())
        .or_else(|| post.title.clone())
        .unwrap_or_else(|| file_stem_title(&opts.file));
    let slug = slugify(&title);
    if slug.is_empty() {
        return Err(BuildError::usage(crate::msg!(
            "the title \"{}\" has no letters or digits to make a file name from",
            title
        )));
    }
    let (section, dir, created_section) =
        prepare_section(&opts.root, &opts.section, opts.create_section)?;
    let target = dir.join(&slug);
    for existing in [target.clone(), dir.join(format!("{slug}.md"))] {
        if existing.exists() {
            return Err(BuildError::usage(crate::msg!(
                "{} already exists: thidua never overwrites a file (choose another title)",
                existing.display()
            )));
        }
    }
    let staging = tempfile::Builder::new()
        .prefix(".thidua-new-")
        .tempdir_in(&dir)
        .map_err(|e| BuildError::io(dir.display(), e))?;
    for (name, bytes) in &post.images {
        let path = staging.path().join(name);
        fs::write(&path, bytes).map_err(|e| BuildError::io(path.display(), e))?;
    }
    let index = staging.path().join("index.md");
    fs::write(&index, page_text(&title, &post)).map_err(|e| BuildError::io(index.display(), e))?;
    fs::rename(staging.path(), &target).map_err(|e| BuildError::io(target.display(), e))?;
    Ok(NewFromPost {
        file: format!("content/{section}/{slug}/index.md"),
        url: config.base.permalink(&url_path(&section, &slug)),
        created_section,
        images: post.images.len(),
        left_out,
    })
}

/// The post's file: front matter (title, today's date, the first paragraph as description,
/// the first photo as the share image, a draft) and the Markdown.
fn page_text(title: &str, post: &ConvertedPost) -> String {
    let description = convert::first_paragraph(&post.markdown, 160).unwrap_or_default();
    let image = post
        .images
        .first()
        .map(|(name, _)| format!("image: \"{}\"\n", yaml_quote(name)))
        .unwrap_or_default();
    format!(
        "---\ntitle: \"{}\"\ndate: \"{}\"\ndescription: \"{}\"\n{image}tags: []\ndraft: true\n---\n\n{}",
        yaml_quote(title),
        crate::date::today(),
        yaml_quote(&description),
        post.markdown
    )
}

/// "Báo cáo tổng kết" for `Báo cáo tổng kết.docx`: the title when the document has none.
fn file_stem_title(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: Vec<&str> = stem
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    crate::text::nfc(&words.join(" "))
}

/// The document converted, with the images of a web page copied in; the images left out.
fn read_document(file: &Path, shown: &str) -> Result<(ConvertedPost, Vec<String>), BuildError> {
    let size = fs::metadata(file)
        .map_err(|e| BuildError::io(shown, e))?
        .len();
    let located = |e: ConvertError| BuildError::usage(crate::msg!("{}: {}", shown, e.message()));
    if size > convert::MAX_FILE {
        return Err(located(ConvertError::TooLarge {
            size,
            limit: convert::MAX_FILE,
        }));
    }
    let bytes = fs::read(file).map_err(|e| BuildError::io(shown, e))?;
    if !is_html(file, &bytes) {
        return Ok((convert::docx_to_post(&bytes).map_err(located)?, Vec::new()));
    }
    let text = crate::text::decode(&bytes, shown).map_err(|d| {
        let place = match d.location {
            Some(l) => format!("{}:{}:{}", d.file, l.line, l.col),
            None => d.file.clone(),
        };
        BuildError::usage(crate::msg!("{}: {}", place, d.message))
    })?;
    let folder = file.parent().unwrap_or(Path::new("."));
    let mut found = PageImages {
        folder: folder
            .canonicalize()
            .unwrap_or_else(|_| folder.to_path_buf()),
        copied: Vec::new(),
        left_out: Vec::new(),
    };
    let mut post = convert::html_to_post(&text.text, &mut |src| found.take(src));
    for (name, path) in found.copied {
        let bytes = fs::read(&path).map_err(|e| BuildError::io(path.display(), e))?;
        post.images.push((name, bytes));
    }
    Ok((post, found.left_out))
}

/// A web page (by its name, or by its first character when the name says nothing).
fn is_html(file: &Path, bytes: &[u8]) -> bool {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => true,
        "docx" | "docm" | "dotx" | "doc" => false,
        _ => {
            let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
        }
    }
}

/// The images of a saved web page: files beside it (`trang_files/image001.jpg`) are copied
/// as `anh-1.jpg`…; anything else is left out.
struct PageImages {
    folder: PathBuf,
    copied: Vec<(String, PathBuf)>,
    left_out: Vec<String>,
}

impl PageImages {
    fn take(&mut self, src: &str) -> Option<String> {
        let found = self.local_image(src);
        match found {
            Some(path) => {
                if let Some((name, _)) = self.copied.iter().find(|(_, p)| *p == path) {
                    return Some(name.clone());
                }
                let ext = image_kind(&path)?;
                let name = format!("anh-{}.{ext}", self.copied.len() + 1);
                self.copied.push((name.clone(), path));
                Some(name)
            }
            None => {
                self.left_out.push(src.to_string());
                None
            }
        }
    }

    /// The file `src` names inside the page's folder, if it is there.
    fn local_image(&self, src: &str) -> Option<PathBuf> {
        let lower = src.to_ascii_lowercase();
        if lower.contains("://") || lower.starts_with("//") || lower.starts_with("data:") {
            return None;
        }
        let path = src.split(['?', '#']).next().unwrap_or(src);
        let path = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .ok()?;
        let full = self.folder.join(path.as_ref()).canonicalize().ok()?;
        (full.starts_with(&self.folder) && full.is_file() && image_kind(&full).is_some())
            .then_some(full)
    }
}

/// `jpg`, `png`, `gif` or `webp`, from the file's first bytes (never its name).
fn image_kind(path: &Path) -> Option<&'static str> {
    use std::io::Read;
    let mut head = [0u8; 12];
    let mut f = fs::File::open(path).ok()?;
    let n = f.read(&mut head).ok()?;
    let head = &head[..n];
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if head.starts_with(b"\x89PNG") {
        Some("png")
    } else if head.starts_with(b"GIF8") {
        Some("gif")
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        Some("webp")
    } else {
        None
    }
}
