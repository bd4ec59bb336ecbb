//! The preview's quick update for photos: a photo dropped into (or replaced in) a page's
//! folder or `static/` is processed alone, through the cache, and only the pages whose text
//! names it are drawn again (also a page that named it before it existed). Anything the quick
//! path cannot be sure of (a cover, a photo a template names, a page's section, a removed
//! file, a folder that is not a page's) is left to a full build.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::site_relative;
use crate::diagnostic::BuildError;
use crate::render::Changed;
use crate::site::Site;
use crate::write::write_in_place;
use crate::{BuildReport, Mode, Session};

/// A photo that changed: where it is published, and its content source (none for `static/`).
struct Dropped {
    output: String,
    content: Option<String>,
}

impl Session {
    /// The quick path for photos, or `None` when the change needs a full build.
    pub(super) fn photo_update(
        &mut self,
        changed: &[PathBuf],
    ) -> Result<Option<BuildReport>, BuildError> {
        let started = Instant::now();
        if self.opts.mode != Mode::Build || changed.is_empty() {
            return Ok(None);
        }
        let root =
            std::fs::canonicalize(&self.opts.root).unwrap_or_else(|_| self.opts.root.clone());
        let mut dropped = Vec::new();
        for path in changed {
            let rel = site_relative(path, &root, &self.opts.root);
            match self.placed(&rel, &root) {
                Some(d) => dropped.push(d),
                None => return Ok(None),
            }
        }
        let images = std::sync::Arc::clone(&self.prepared.images);
        let mut pages = std::collections::BTreeSet::new();
        for d in &dropped {
            for user in images.users(&d.output) {
                match self.site.pages.iter().position(|p| p.path == user) {
                    Some(id) => pages.insert(id),
                    // A template or a section's text shows it: lists, covers… a full build.
                    None => return Ok(None),
                };
            }
        }
        for d in &dropped {
            images.refresh(&d.output, d.content.as_deref());
        }
        let out = self.opts.output_dir();
        // A photo of `static/` is also published as it is (without its metadata).
        let mut files = Vec::new();
        for d in dropped.iter().filter(|d| d.content.is_none()) {
            let rel = format!("static/{}", d.output);
            let bytes = std::fs::read(self.opts.root.join(&rel))
                .map_err(|e| BuildError::io(rel.clone(), e))?;
            let bytes = crate::images::without_metadata(&d.output, bytes.clone()).unwrap_or(bytes);
            files.push((d.output.clone(), bytes));
        }
        write_in_place(&out, &files).map_err(|e| BuildError::io(out.display(), e))?;
        let changed = Changed {
            pages: pages.into_iter().collect(),
            reordered: Vec::new(),
            neighbours: Vec::new(),
        };
        let (pages, written, bytes, warnings) = if changed.pages.is_empty() {
            (0, 0, 0, Vec::new())
        } else {
            let (counts, templates) = self.render_update(&self.site, &self.prepared, changed)?;
            self.templates = templates;
            counts
        };
        Ok(Some(BuildReport {
            pages,
            files: written + files.len(),
            bytes,
            elapsed: started.elapsed(),
            warnings,
            scheduled: Vec::new(),
            output: Some(out),
            stages: vec![("photos", started.elapsed())],
            precompressed: (0, 0),
            share_images: self.prepared.share.counts(),
            images: images.counts(),
            outputs: Vec::new(),
        }))
    }

    /// Where the photo at site path `rel` is published, if the quick path can take it: a
    /// photo that exists, in `static/` or in a page's own folder, and no page's cover.
    fn placed(&self, rel: &str, root: &Path) -> Option<Dropped> {
        let name = rel.rsplit('/').next()?;
        if !crate::images::is_photo(name) || !self.opts.root.join(rel).is_file() {
            return None;
        }
        if is_a_cover(&self.site, name) {
            return None;
        }
        if let Some(output) = rel.strip_prefix("static/") {
            return Some(Dropped {
                output: output.to_string(),
                content: None,
            });
        }
        let dir = rel.strip_prefix("content/")?.rsplit_once('/')?.0;
        if dir.starts_with("_data") {
            return None;
        }
        // Already known (replaced), or beside a page of its own folder (`…/index.md`).
        let known = self.site.assets.iter().find_map(|a| {
            (site_relative(&a.source, root, &self.opts.root) == rel).then(|| a.output.clone())
        });
        let output = match known {
            Some(output) => output,
            None => {
                let index = format!("content/{dir}/index.md");
                let page = self.site.pages.iter().find(|p| p.source == index)?;
                format!("{}{name}", page.path.trim_start_matches('/'))
            }
        };
        Some(Dropped {
            output,
            content: Some(rel.to_string()),
        })
    }
}

/// Whether a page names a file called `name` as its cover (`image:`): its cards,
/// lists and share image show it, which only a full build redraws.
fn is_a_cover(site: &Site, name: &str) -> bool {
    let named = |image: &Option<String>| {
        image
            .as_deref()
            .is_some_and(|i| i.rsplit('/').next() == Some(name))
    };
    site.pages.iter().any(|p| named(&p.front.image))
}
