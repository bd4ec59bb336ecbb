//! Where templates, static files and strings come from: a theme on disk (`themes/<name>/`) or
//! the built-in default theme embedded in the binary, and the site's own folders that
//! override it (`templates/`, `static/`, `i18n/`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::diagnostic::{BuildError, Diagnostic};
use crate::site::Site;

/// The built-in default theme, embedded so `thidua init` and sites without a `themes/`
/// folder work anywhere.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where the theme's files come from.
#[derive(Debug, Clone)]
pub enum ThemeSource {
    /// `themes/<name>/` in the site.
    Disk(PathBuf),
    /// The built-in default theme.
    Embedded,
}

impl ThemeSource {
    /// Finds the theme a config names.
    pub fn find(config: &Config) -> Result<ThemeSource, BuildError> {
        let dir = config.root.join("themes").join(&config.theme);
        if dir.is_dir() {
            return Ok(ThemeSource::Disk(dir));
        }
        if config.theme == "default" {
            return Ok(ThemeSource::Embedded);
        }
        let mut known: Vec<String> = std::fs::read_dir(config.root.join("themes"))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        known.push("default".into());
        known.sort();
        known.dedup();
        let names: Vec<&str> = known.iter().map(String::as_str).collect();
        Err(BuildError::from_diagnostics(vec![
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                "config",
                crate::msg!(
                    "unknown theme \"{}\": there is no folder themes/{}",
                    config.theme,
                    config.theme
                ),
            )
            .at_opt(config.theme_at)
            .with_hint(crate::diagnostic::hint_for_unknown(&config.theme, &names)),
        ]))
    }

    /// Every file under the theme's `sub` folder: (path relative to `sub`, contents).
    pub fn files(&self, sub: &str) -> Result<Vec<(String, ThemeFile)>, BuildError> {
        match self {
            // A theme on disk is ROOT/themes/NAME: links may lead anywhere inside ROOT.
            ThemeSource::Disk(dir) => {
                let root = dir.parent().and_then(Path::parent).unwrap_or(dir);
                disk_files(&dir.join(sub), root)
            }
            ThemeSource::Embedded => {
                let mut out = Vec::new();
                if let Some(d) = DEFAULT_THEME.get_dir(sub) {
                    collect_embedded(d, sub, &mut out);
                }
                out.sort_by(|a, b| a.0.cmp(&b.0));
                Ok(out)
            }
        }
    }

    /// How a theme file is named in messages: `themes/default/templates/page.html`.
    pub fn display(&self, config: &Config, sub_path: &str) -> String {
        match self {
            ThemeSource::Disk(_) => format!("themes/{}/{sub_path}", config.theme),
            ThemeSource::Embedded => format!("(built-in theme) {sub_path}"),
        }
    }
}

/// A theme file's contents: on disk (copied by path) or embedded (bytes).
#[derive(Debug, Clone)]
pub enum ThemeFile {
    /// A file on disk.
    Disk(PathBuf),
    /// Bytes inside the binary.
    Embedded(&'static [u8]),
}

fn collect_embedded(dir: &'static Dir<'static>, prefix: &str, out: &mut Vec<(String, ThemeFile)>) {
    for f in dir.files() {
        let rel = f.path().strip_prefix(prefix).unwrap_or(f.path());
        out.push((
            rel.to_string_lossy().replace('\\', "/"),
            ThemeFile::Embedded(f.contents()),
        ));
    }
    for d in dir.dirs() {
        collect_embedded(d, prefix, out);
    }
}

/// Every file under `dir` (relative `/` paths, sorted); an absent folder has none.
pub(crate) fn disk_files(dir: &Path, root: &Path) -> Result<Vec<(String, ThemeFile)>, BuildError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut outside = Vec::new();
    let skip = |name: &str| name.starts_with('.') || name.ends_with('~');
    for step in crate::tree::walk(dir, crate::tree::source_roots(root, dir), skip) {
        let entry = match step {
            crate::tree::Step::Entry(e) => e,
            crate::tree::Step::Outside { path, target } => {
                let shown = path.strip_prefix(root).unwrap_or(&path);
                let shown = shown
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                outside.push(crate::load::outside_link(&shown, &target));
                continue;
            }
            crate::tree::Step::Error(e) => {
                outside.push(crate::load::walk_error(root, &e));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        out.push((rel, ThemeFile::Disk(entry.into_path())));
    }
    if !outside.is_empty() {
        return Err(BuildError::from_diagnostics(outside));
    }
    Ok(out)
}

pub(super) fn read_theme_text(file: &ThemeFile, shown: &str) -> Result<String, BuildError> {
    let bytes = match file {
        ThemeFile::Disk(p) => std::fs::read(p).map_err(|e| BuildError::io(shown, e))?,
        ThemeFile::Embedded(b) => b.to_vec(),
    };
    crate::text::decode(&bytes, shown)
        .map(|t| t.text)
        .map_err(|d| BuildError::from_diagnostics(vec![d]))
}

/// The theme's strings for the site's language (`i18n/<language>.yaml`), overridden by the
/// site's own `i18n/<language>.yaml`: menu labels, "Đạt", headings… so a second language
/// needs no template change.
pub(super) fn load_strings(
    site: &Site,
    theme: &ThemeSource,
) -> Result<HashMap<String, String>, BuildError> {
    let file = format!("{}.yaml", site.config.language);
    let mut strings = HashMap::new();
    let mut sources: Vec<(String, ThemeFile)> = theme
        .files("i18n")?
        .into_iter()
        .filter(|(n, _)| *n == file)
        .map(|(n, f)| (theme.display(&site.config, &format!("i18n/{n}")), f))
        .collect();
    sources.extend(
        disk_files(&site.config.root.join("i18n"), &site.config.root)?
            .into_iter()
            .filter(|(n, _)| *n == file)
            .map(|(n, f)| (format!("i18n/{n}"), f)),
    );
    for (shown, f) in sources {
        let text = read_theme_text(&f, &shown)?;
        let origin = crate::yaml::Origin {
            file: &shown,
            first_line: 1,
            topic: "translations",
        };
        let map: std::collections::BTreeMap<String, String> =
            crate::yaml::parse(&text, origin).map_err(|d| BuildError::from_diagnostics(vec![d]))?;
        strings.extend(map);
    }
    Ok(strings)
}
