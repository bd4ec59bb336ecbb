//! The files besides the templated pages: what thidua writes itself (feeds, the sitemap, the
//! search index, open data, alias redirects, `robots.txt`) and the static files it copies
//! (the theme's and the site's, with fingerprinted copies of CSS and JS).

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::Prepared;
use super::templates::{self, ThemeSource};
use super::{campaign, xml};
use crate::diagnostic::Diagnostic;
use crate::site::Site;
use crate::write::Sink;

/// Files thidua writes itself: feeds, sitemap, open data, alias redirects, robots.txt.
///
/// The search index is left out of quick updates (`with_search` false): rebuilding it for
/// every saved post would cost the preview half a second on a large site; the next full build
/// refreshes it.
pub(super) fn write_generated(site: &Site, sink: &Sink, with_search: bool) -> Vec<Diagnostic> {
    let mut files: Vec<(String, String)> = Vec::new();
    if site.config.feeds {
        files.extend(xml::feeds(site));
    }
    files.push(("sitemap.xml".into(), xml::sitemap(site)));
    if with_search {
        files.extend(crate::search::index_files(site));
    }
    if let Some(r) = &site.campaign.results {
        let dir = campaign::results_dir(site);
        let dir = dir.trim_start_matches('/');
        files.push((format!("{dir}results.csv"), campaign::results_csv(r)));
        files.push((
            format!("{dir}results.json"),
            campaign::results_json(site, r),
        ));
    }
    for alias in &site.aliases {
        files.push((
            output_file(&alias.path),
            xml::redirect_page(&site.config.base.href(&alias.target)),
        ));
    }
    let has_robots = Path::new(&site.config.root)
        .join("static/robots.txt")
        .exists();
    if !has_robots {
        files.push(("robots.txt".into(), xml::robots(site)));
    }
    // Written (and precompressed) on every core: the search index alone is ~900 files at
    // 10,000 posts.
    let mut errors: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|(name, body)| {
            sink.write(name, body.as_bytes())
                .err()
                .map(|e| Diagnostic::error(name, "output", crate::msg!("cannot be written: {}", e)))
        })
        .collect();
    errors.sort_by(|a, b| a.file.cmp(&b.file));
    errors
}

/// The static files to copy: the theme's, then the site's `static/` (same name wins):
/// (output name, file, name shown in messages).
fn static_files(
    site: &Site,
    theme: &ThemeSource,
) -> Result<Vec<(String, templates::ThemeFile, String)>, Vec<Diagnostic>> {
    let mut files: Vec<(String, templates::ThemeFile, String)> = theme
        .files("static")
        .map_err(|e| as_diagnostics(e, "themes"))?
        .into_iter()
        .map(|(n, f)| {
            let shown = theme.display(&site.config, &format!("static/{n}"));
            (n, f, shown)
        })
        .collect();
    let own = templates::disk_files(&site.config.root.join("static"), &site.config.root)
        .map_err(|e| as_diagnostics(e, "static"))?;
    for (n, f) in own {
        files.retain(|(m, _, _)| m != &n);
        files.push((n.clone(), f, format!("static/{n}")));
    }
    let twins = crate::validate::folded_twins(
        files
            .iter()
            .map(|(n, _, shown)| (n.as_str(), shown.clone())),
    );
    if !twins.is_empty() {
        return Err(twins);
    }
    Ok(files)
}

/// The photo pipeline of `site`: its content files by source path (relative to the root),
/// cached in the site's `.thidua/cache/images/`.
pub(super) fn image_pipeline(site: &Site) -> crate::images::Pipeline {
    let root = &site.config.root;
    let assets = site
        .assets
        .iter()
        .filter_map(|a| {
            let rel = a.source.strip_prefix(root).ok()?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            Some((a.output.clone(), rel))
        })
        .collect();
    crate::images::Pipeline::new(root, site.config.base.clone(), assets, true)
}

/// What an image or link address `dest`, written in the page at site path `page`, is: a
/// photo of the site (its copies, or for a link a clean full-size copy), or as written.
pub(super) fn media(
    images: &crate::images::Pipeline,
    page: &str,
    dest: &str,
    ask: super::markdown::Ask,
) -> super::markdown::Media {
    use super::markdown::{Ask, Media};
    use crate::images::Lookup;
    match images.lookup(page, dest) {
        Lookup::Found(source) => match ask {
            Ask::Image => match images.picture(&source) {
                Ok(p) => Media::Picture(p),
                Err(e) => Media::Failed(e.message()),
            },
            Ask::Link => match images.original(&source) {
                Ok(url) => Media::Url(url),
                Err(e) => Media::Failed(e.message()),
            },
        },
        // A missing file is `thidua check`'s to report (with the name it probably meant).
        // Other addresses stay as written: `thidua check` says when a root-relative one
        // misses the site's sub-path.
        _ => Media::AsWritten,
    }
}

/// Publishes the photos' copies that pages and templates asked for since the last flush.
pub(super) fn flush_images(prepared: &Prepared, sink: &Sink) -> Vec<Diagnostic> {
    prepared
        .images
        .flush(sink)
        .into_iter()
        .map(|(name, e)| Diagnostic::error(name, "output", crate::msg!("cannot be written: {}", e)))
        .collect()
}

/// An error while listing `folder` as diagnostics (content errors keep their own files).
fn as_diagnostics(e: crate::diagnostic::BuildError, folder: &str) -> Vec<Diagnostic> {
    match e {
        crate::diagnostic::BuildError::Content(d) => d,
        other => vec![Diagnostic::error(folder, "output", other.message())],
    }
}

/// The bytes of the static file `name` the build publishes (the site's `static/` first, then
/// the theme's), and the file they came from: the emblem drawn on share cards.
pub(super) fn static_bytes(
    site: &Site,
    theme: &ThemeSource,
    name: &str,
) -> Option<(Vec<u8>, String)> {
    let files = static_files(site, theme).ok()?;
    let (_, file, shown) = files.into_iter().find(|(n, _, _)| n == name)?;
    let bytes = match file {
        templates::ThemeFile::Disk(p) => std::fs::read(p).ok()?,
        templates::ThemeFile::Embedded(b) => b.to_vec(),
    };
    Some((bytes, shown))
}

/// `style.css` → `style.3f2a9c1b7e.css`, for every CSS and JS file, from a hash of its bytes.
pub(super) fn fingerprints(site: &Site, theme: &ThemeSource) -> BTreeMap<String, String> {
    let Ok(files) = static_files(site, theme) else {
        return BTreeMap::new();
    };
    files
        .iter()
        .filter(|(n, _, _)| n.ends_with(".css") || n.ends_with(".js"))
        .filter_map(|(n, f, _)| {
            let bytes = match f {
                templates::ThemeFile::Disk(p) => std::fs::read(p).ok()?,
                templates::ThemeFile::Embedded(b) => b.to_vec(),
            };
            let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes));
            let (stem, ext) = n.rsplit_once('.')?;
            Some((n.clone(), format!("{stem}.{}.{ext}", &hash[..10])))
        })
        .collect()
}

pub(super) fn copy_static(
    site: &Site,
    theme: &ThemeSource,
    prepared: &Prepared,
    sink: &Sink,
) -> Vec<Diagnostic> {
    let mut files = match static_files(site, theme) {
        Ok(f) => f,
        Err(d) => return d,
    };
    // Fingerprinted copies sit beside the originals (themes that name files directly still work).
    let hashed: Vec<(String, templates::ThemeFile, String)> = files
        .iter()
        .filter_map(|(n, f, shown)| {
            prepared
                .assets
                .get(n)
                .map(|h| (h.clone(), f.clone(), shown.clone()))
        })
        .collect();
    files.extend(hashed);
    let mut out: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|(name, file, shown)| {
            let r = match file {
                // The site's own photos leave without GPS, camera or dates (`crate::images`).
                templates::ThemeFile::Disk(p) if crate::images::is_photo(name) => {
                    match std::fs::read(p).map(|b| crate::images::without_metadata(name, b)) {
                        Ok(Some(clean)) => sink.write(name, &clean),
                        _ => sink.copy(p, name),
                    }
                }
                templates::ThemeFile::Disk(p) => sink.copy(p, name),
                templates::ThemeFile::Embedded(b) => sink.write(name, b),
            };
            r.err().map(|e| {
                Diagnostic::error(
                    shown.clone(),
                    "output",
                    crate::msg!("cannot be copied: {}", e),
                )
            })
        })
        .collect();
    out.extend(flush_images(prepared, sink));
    // Photos beside pages are published as the copies their pages show (`crate::images`),
    // never as they are: the originals carry GPS positions and camera details.
    out.extend(
        site.assets
            .par_iter()
            .filter(|a| !crate::images::is_photo(&a.output))
            .filter_map(|a| {
                sink.copy(&a.source, &a.output).err().map(|e| {
                    Diagnostic::error(
                        a.source.display().to_string(),
                        "output",
                        crate::msg!("cannot be copied: {}", e),
                    )
                })
            })
            .collect::<Vec<_>>(),
    );
    out
}

/// `/tin-tuc/a/` → `tin-tuc/a/index.html`; a path that names a file (`/cu/bai.html`, from
/// an alias) is that file.
pub(crate) fn output_file(path: &str) -> String {
    let rel = path.trim_start_matches('/');
    if rel.ends_with(".html") || rel.ends_with(".htm") {
        rel.to_string()
    } else {
        format!("{rel}index.html")
    }
}
