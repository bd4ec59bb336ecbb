//! The preview's quick update: an edit to existing pages re-reads only those pages and redraws
//! only what shows them; a photo dropped in redraws only the pages that name it (`photos.rs`);
//! anything else (a new page, data, config, templates) is a full build.
//!
//! The loaded site is never changed in place: an update derives a new [`Site`] from the old
//! one with the edited pages, renders from it, and only keeps it once everything was written,
//! so a failed update leaves the session (and the output) exactly as it was.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostic::{BuildError, Diagnostic};
use crate::render::templates::Templates;
use crate::render::{Changed, Prepared, render_changed};
use crate::site::Site;
use crate::write::{Sink, write_in_place};
use crate::{BuildReport, Mode, Session};

mod photos;

/// What an update drew: (pages, files written, bytes, warnings).
type Counts = (usize, usize, u64, Vec<Diagnostic>);

impl Session {
    /// Applies edits to the files at `changed` (absolute or root-relative paths): a quick
    /// update when only existing pages' text changed, a full build otherwise. On error the
    /// output and the session are left as they were.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<BuildReport, BuildError> {
        if let Some(report) = self.quick_update(changed)? {
            return Ok(report);
        }
        match self.photo_update(changed)? {
            Some(report) => Ok(report),
            None => {
                let (session, report) = Session::start(&self.opts)?;
                *self = session;
                Ok(report)
            }
        }
    }

    /// The quick path, or `None` when the change needs a full build.
    fn quick_update(&mut self, changed: &[PathBuf]) -> Result<Option<BuildReport>, BuildError> {
        let started = Instant::now();
        let Some(rels) = self.edited_pages(changed) else {
            return Ok(None);
        };
        let mut updates = Vec::new();
        for rel in &rels {
            match crate::load::reload_page(&self.site, self.opts.load_options(), rel)
                .map_err(BuildError::from_diagnostics)?
            {
                Some(u) => updates.push(u),
                None => return Ok(None),
            }
        }
        if updates.is_empty() {
            return Ok(None);
        }
        let ids: Vec<usize> = updates.iter().map(|(id, _)| *id).collect();
        let site = self.site.with_pages(updates);
        let changed = what_changed(&self.site, &site, &ids);
        let prepared = self.prepared.updated(&site, &ids);
        let ((pages, files, bytes, warnings), templates) =
            self.render_update(&site, &prepared, changed)?;
        self.templates = templates;
        self.site = site;
        self.prepared = prepared;
        Ok(Some(BuildReport {
            pages,
            files,
            bytes,
            elapsed: started.elapsed(),
            warnings,
            scheduled: Vec::new(),
            output: Some(self.opts.output_dir()),
            stages: vec![("update", started.elapsed())],
            precompressed: (0, 0),
            share_images: self.prepared.share.counts(),
            images: (0, 0),
            outputs: Vec::new(),
        }))
    }

    /// The changed files as `content/…` paths, if every one is an existing page's Markdown
    /// (not a section's `_index.md`, not data) and the session writes a site.
    fn edited_pages(&self, changed: &[PathBuf]) -> Option<Vec<String>> {
        let root =
            std::fs::canonicalize(&self.opts.root).unwrap_or_else(|_| self.opts.root.clone());
        let mut rels = Vec::new();
        for path in changed {
            let rel = site_relative(path, &root, &self.opts.root);
            let is_page = rel.starts_with("content/")
                && rel.ends_with(".md")
                && !rel.ends_with("/_index.md")
                && !rel.starts_with("content/_data/");
            if !is_page || self.opts.mode != Mode::Build {
                return None;
            }
            rels.push(rel);
        }
        Some(rels)
    }

    /// Renders what `changed` touches from `site` and writes it into the output in place;
    /// returns the counts and the templates, for the session to keep only if that succeeded.
    fn render_update(
        &self,
        site: &Site,
        prepared: &Prepared,
        changed: Changed,
    ) -> Result<(Counts, Templates), BuildError> {
        let templates = Templates::load(site, &self.theme, prepared)?;
        let sink = Sink::memory();
        let (counts, warnings) = render_changed(site, &templates, prepared, &changed, &sink)
            .map_err(BuildError::from_diagnostics)?;
        // A retitled page needs a new share card (the others are in the output already).
        let share_errors: Vec<Diagnostic> = prepared
            .share
            .write(&sink, crate::share::Output::Files)
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if !share_errors.is_empty() {
            return Err(BuildError::from_diagnostics(share_errors));
        }
        let files = sink.take_files();
        let out = self.opts.output_dir();
        let written = write_in_place(&out, &files).map_err(|e| BuildError::io(out.display(), e))?;
        // The card of a page's old title is no page's any more, as in a full build.
        for rel in prepared.share.forget_stale() {
            let _ = std::fs::remove_file(out.join(rel));
        }
        Ok(((counts.pages, written, sink.bytes(), warnings), templates))
    }
}

/// `path` relative to the site root, with `/` separators, in NFC.
fn site_relative(path: &Path, canonical_root: &Path, root: &Path) -> String {
    let rel = path
        .strip_prefix(canonical_root)
        .or_else(|_| path.strip_prefix(root))
        .unwrap_or(path);
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    crate::text::nfc(&rel)
}

/// What to redraw after the pages `ids` changed from `before` to `after`: the pages, the
/// sections whose order changed, and the pages that were next to them (their newer/older links).
fn what_changed(before: &Site, after: &Site, ids: &[usize]) -> Changed {
    let sections: Vec<usize> = ids.iter().map(|&id| before.pages[id].section).collect();
    let neighbours = ids
        .iter()
        .zip(&sections)
        .flat_map(|(id, &s)| {
            let order = &before.sections[s].pages;
            let pos = order.iter().position(|p| p == id);
            [pos.and_then(|p| p.checked_sub(1)), pos.map(|p| p + 1)]
                .into_iter()
                .flatten()
                .filter_map(|n| order.get(n).copied())
        })
        .collect();
    let reordered = sections
        .iter()
        .copied()
        .filter(|&s| after.sections[s].pages != before.sections[s].pages)
        .collect();
    Changed {
        pages: ids.to_vec(),
        reordered,
        neighbours,
    }
}
