//! The whole pipeline on one screen: config → load → validate → templates → render → commit.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::{Config, ConfigOverrides};
use crate::date::LocalDateTime;
use crate::diagnostic::{BuildError, Diagnostic, sort_diagnostics};
use crate::load::{LoadOptions, load_site};
use crate::render::render_site;
use crate::render::templates::{Templates, ThemeSource};
use crate::validate::validate_site;
use crate::write::{Sink, Staging};

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
}

impl BuildOptions {
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
}

/// Builds (or checks) the site at `opts.root`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let overrides = ConfigOverrides {
        base_url: opts.base_url.clone(),
    };
    let config = Config::load(&opts.root, &overrides)?;
    let theme = ThemeSource::find(&config)?;
    let loaded = load_site(
        config,
        LoadOptions {
            drafts: opts.drafts,
            future: opts.future,
        },
    )?;
    let site = loaded.site;
    validate_site(&site)?;
    let prepared = crate::render::prepare(&site);
    let mut templates = Templates::load(&site, &theme, &prepared)?;
    crate::render::set_globals(&mut templates, &site);
    let staging = match opts.mode {
        Mode::Build => Some(Staging::create(&opts.output_dir(), &opts.root)?),
        Mode::Check => None,
    };
    let discard = Sink::discard();
    let sink = staging.as_ref().map_or(&discard, Staging::sink);
    let (counts, render_warnings) = render_site(&site, &templates, &prepared, &theme, sink)
        .map_err(BuildError::from_diagnostics)?;
    let (files, bytes) = (sink.files(), sink.bytes());
    if let Some(staging) = staging {
        staging.commit()?;
    }
    let mut warnings = loaded.warnings;
    warnings.extend(render_warnings);
    sort_diagnostics(&mut warnings);
    Ok(BuildReport {
        pages: counts.pages,
        files,
        bytes,
        elapsed: started.elapsed(),
        warnings,
        scheduled: loaded.scheduled,
        output: (opts.mode == Mode::Build).then(|| opts.output_dir()),
    })
}
