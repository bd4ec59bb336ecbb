//! `thidua new SECTION "Tiêu đề"`: a new draft post with its front matter filled in, named
//! by its Vietnamese slug. Never overwrites; never invents a section unless asked.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{Config, ConfigOverrides};
use crate::diagnostic::BuildError;
use crate::paths::{is_safe_relative, slugify};

mod from;

pub use from::{FromOptions, NewFromPost, new_post_from};

/// What to create.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site root.
    pub root: PathBuf,
    /// The section folder inside `content/` (`tin-tuc`, or `gioi-thieu/lich-su`).
    pub section: String,
    /// The post's title, as typed.
    pub title: String,
    /// Create the section (with an `_index.md`) if it does not exist.
    pub create_section: bool,
}

/// What was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    /// The new file, relative to the root: `content/tin-tuc/tieu-de.md`.
    pub file: String,
    /// The URL it will have once published.
    pub url: String,
    /// Whether the section was created too.
    pub created_section: bool,
}

/// Creates the post.
pub fn new_post(opts: &NewOptions) -> Result<NewPost, BuildError> {
    let config = Config::load(&opts.root, &ConfigOverrides::default())?;
    let title = crate::text::nfc(opts.title.trim());
    let slug = slugify(&title);
    if slug.is_empty() {
        return Err(BuildError::usage(crate::msg!(
            "the title \"{}\" has no letters or digits to make a file name from",
            opts.title
        )));
    }
    let (section, dir, created_section) =
        prepare_section(&opts.root, &opts.section, opts.create_section)?;
    let section = section.as_str();
    let file = dir.join(format!("{slug}.md"));
    let body = format!(
        "---\ntitle: \"{}\"\ndate: \"{}\"\ndescription: \"\"\ntags: []\ndraft: true\n---\n\n\
         Viết đoạn mở đầu ở đây: một hai câu nói điều quan trọng nhất của bài.\n\n\
         <!-- more -->\n\n## Nội dung chính\n\nViết tiếp nội dung bài viết. Khi bài đã sẵn sàng, xóa dòng `draft: true` ở trên.\n",
        yaml_quote(&title),
        crate::date::today()
    );
    write_new(&file, &body)?;
    Ok(NewPost {
        file: format!("content/{section}/{slug}.md"),
        url: config.base.permalink(&url_path(section, &slug)),
        created_section,
    })
}

/// The section `section` (checked: a folder inside `content/`), created with an `_index.md`
/// when `create` says so: its name, its folder, and whether it was created.
fn prepare_section(
    root: &Path,
    section: &str,
    create: bool,
) -> Result<(String, PathBuf, bool), BuildError> {
    let given = section;
    let section = section.trim_matches('/');
    if !is_safe_relative(section) || section.starts_with("_data") {
        return Err(BuildError::usage(crate::msg!(
            "\"{}\" is not a section folder inside content/",
            given
        )));
    }
    let dir = root.join("content").join(section);
    let index = dir.join("_index.md");
    if index.exists() {
        return Ok((section.to_string(), dir, false));
    }
    if !create {
        return Err(BuildError::usage(crate::msg!(
            "there is no section content/{}/ (no _index.md): check the name, or add --create-section to create it",
            section
        )));
    }
    fs::create_dir_all(&dir).map_err(|e| BuildError::io(dir.display(), e))?;
    let name = section.rsplit('/').next().unwrap_or(section);
    write_new(
        &index,
        &format!(
            "---\ntitle: \"{}\"\nsort_by: date\npaginate_by: 10\n---\n",
            yaml_quote(&title_case(name))
        ),
    )?;
    Ok((section.to_string(), dir, true))
}

/// The URL path of a post `slug` in `section`: `/tin-tuc/tieu-de/`.
fn url_path(section: &str, slug: &str) -> String {
    format!(
        "{}/{slug}/",
        section
            .split('/')
            .map(|s| format!("/{}", slugify(s)))
            .collect::<String>()
    )
}

/// Writes a file that must not exist yet (atomically refused if it does).
fn write_new(path: &Path, text: &str) -> Result<(), BuildError> {
    use std::io::Write;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                BuildError::usage(crate::msg!(
                    "{} already exists: thidua never overwrites a file (choose another title)",
                    path.display()
                ))
            } else {
                BuildError::io(path.display(), e)
            }
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| BuildError::io(path.display(), e))
}

fn yaml_quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn title_case(slug: &str) -> String {
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    let mut out = words.join(" ");
    if let Some(first) = out.get(..1) {
        out = first.to_uppercase() + &out[1..];
    }
    out
}
