//! The whole pipeline on one screen: config → load → validate → templates → render → commit.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::{Config, ConfigOverrides};
use crate::date::LocalDateTime;
use crate::diagnostic::{BuildError, Diagnostic, sort_diagnostics};
use crate::load::{LoadOptions, load_site};
use crate::progress::Progress;

use crate::render::templates::{Templates, ThemeSource};
use crate::render::{Prepared, render_site};
use crate::site::Site;
use crate::validate::validate_site;
use crate::write::{Ownership, Sink, Staging};

/// Whether to write the output or only check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Render and replace the output directory.
    #[default]
    Build,
    /// Render everything, write nothing.
    Check,
}

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (where `site.yaml` is).
    pub root: PathBuf,
    /// The output directory; `ROOT/public` when absent.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include pages dated in the future.
    pub future: bool,
    /// Build or check.
    pub mode: Mode,
    /// A preview build (`serve`): CSS and JS keep their names, so a stylesheet can be swapped
    /// in the browser without a reload.
    pub preview: bool,
    /// Where to count rendered outputs, for a progress bar (the library never prints).
    pub progress: Option<Progress>,
    /// Whether an output folder that thidua did not make may be replaced.
    pub ownership: Ownership,
    /// A text read instead of one content file's (the editing room's preview and checks).
    pub overlay: Option<std::sync::Arc<crate::load::Overlay>>,
}

impl BuildOptions {
    pub(crate) fn load_options(&self) -> LoadOptions {
        LoadOptions {
            drafts: self.drafts,
            future: self.future,
            overlay: self.overlay.clone(),
        }
    }

    /// The output directory these options write to.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// HTML pages rendered.
    pub pages: usize,
    /// Files written (pages, feeds, static files, assets).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Problems that did not stop the build, sorted.
    pub warnings: Vec<Diagnostic>,
    /// Pages left out because they are dated in the future.
    pub scheduled: Vec<(String, LocalDateTime)>,
    /// Where the site was written (absent for `check`).
    pub output: Option<PathBuf>,
    /// Time per stage: (stage, duration), in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Precompressed copies: (compressed in this build, taken from the cache or the previous
    /// output's unchanged files are not counted).
    pub precompressed: (usize, usize),
    /// Share images (`og:image`): (drawn or cropped in this build, taken from the cache).
    pub share_images: (usize, usize),
    /// Photos: (processed in this build, taken from the cache).
    pub images: (usize, usize),
    /// Every output's name (`tin-tuc/a/index.html`), sorted: filled by `check` only, which
    /// writes nothing but checks links against what a build would write.
    pub outputs: Vec<String>,
}

/// Builds (or checks) the site at `opts.root`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    Session::start(opts).map(|(_, report)| report)
}

/// A built site kept in memory, so that an edit can be applied without redoing everything
/// (used by `serve`): only the edited pages are re-read and only what shows them is redrawn.
pub struct Session {
    pub(crate) opts: BuildOptions,
    pub(crate) site: Site,
    pub(crate) theme: ThemeSource,
    pub(crate) prepared: Prepared,
    pub(crate) templates: Templates,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("opts", &self.opts)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// The loaded site.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// A full build; keeps the loaded site for later updates.
    pub fn start(opts: &BuildOptions) -> Result<(Session, BuildReport), BuildError> {
        let started = Instant::now();
        let mut stages = Vec::new();
        let mut lap = Instant::now();
        let mut stage = |name: &'static str| {
            stages.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        let overrides = ConfigOverrides {
            base_url: opts.base_url.clone(),
        };
        let config = Config::load(&opts.root, &overrides)?;
        let theme = ThemeSource::find(&config)?;
        let loaded = load_site(config, opts.load_options())?;
        let site = loaded.site;
        validate_site(&site)?;
        stage("load");
        let prepared = crate::render::prepare(&site, &theme, opts.preview);
        let templates = Templates::load(&site, &theme, &prepared)?;
        stage("prepare");
        let staging = match opts.mode {
            Mode::Build => Some(Staging::create(
                &opts.output_dir(),
                &opts.root,
                // Never for a preview: the browser gets the files straight from `serve`.
                (site.config.compress && !opts.preview).then(|| {
                    crate::precompress::Precompressor::new(Some(&opts.root), site.config.brotli)
                }),
                opts.ownership,
            )?),
            Mode::Check => None,
        };
        let discard = Sink::listing();
        let sink = staging.as_ref().map_or(&discard, Staging::sink);
        let (counts, render_warnings) = render_site(
            &site,
            &templates,
            &prepared,
            &theme,
            sink,
            opts.progress.as_ref(),
        )
        .map_err(BuildError::from_diagnostics)?;
        // The share images the pages asked for, made (or taken from the cache) after them.
        let share_output = match opts.mode {
            Mode::Build if opts.preview => crate::share::Output::Preview,
            Mode::Build => crate::share::Output::Files,
            Mode::Check => crate::share::Output::Names,
        };
        let (share_errors, share_warnings): (Vec<_>, Vec<_>) = prepared
            .share
            .write(sink, share_output)
            .into_iter()
            .partition(Diagnostic::is_error);
        if !share_errors.is_empty() {
            return Err(BuildError::from_diagnostics(share_errors));
        }
        let (files, bytes) = (sink.files(), sink.bytes());
        let precompressed = sink.precompressed();
        stage("render");
        if let Some(staging) = staging {
            staging.commit()?;
            // Photos no page uses any more leave the cache (best effort); not after a preview,
            // which may be of one post's unsaved text (the editing room) or run beside a build.
            if !opts.preview {
                prepared.images.sweep();
            }
        }
        stage("commit");
        let mut warnings = loaded.warnings;
        warnings.extend(render_warnings);
        warnings.extend(share_warnings);
        sort_diagnostics(&mut warnings);
        let report = BuildReport {
            pages: counts.pages,
            files,
            bytes,
            elapsed: started.elapsed(),
            warnings,
            scheduled: loaded.scheduled,
            output: (opts.mode == Mode::Build).then(|| opts.output_dir()),
            stages,
            precompressed,
            share_images: prepared.share.counts(),
            images: prepared.image_counts(),
            outputs: discard.take_names(),
        };
        Ok((
            Session {
                opts: opts.clone(),
                site,
                theme,
                prepared,
                templates,
            },
            report,
        ))
    }
}
