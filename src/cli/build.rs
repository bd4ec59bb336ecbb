//! `thidua build`: the options shared with `check`, the build, and its summary (sizes,
//! seconds and, with `-v`, the time of each stage).

use std::path::PathBuf;

use clap::Args;

use super::progress::ProgressBar;
use super::{Ui, Verbosity, print_warnings, report_error, shown_path};
use crate::messages::{Lang, Text};
use crate::{BuildOptions, BuildReport, Mode, msg, plural};

/// Options shared by `build` and `check`.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The site's folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Use this base URL instead of site.yaml's base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include pages marked draft: true.
    #[arg(long)]
    pub drafts: bool,
    /// Include pages dated in the future.
    #[arg(long)]
    pub future: bool,
}

impl SiteArgs {
    pub(super) fn options(&self, mode: Mode, output: Option<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output,
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            future: self.future,
            mode,
            preview: false,
            progress: None,
            ownership: crate::write::Ownership::MarkedOnly,
            overlay: None,
        }
    }
}

/// `thidua build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site to build.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site (default: ROOT/public).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Replace the output folder even though thidua did not make it: everything in it is deleted (needed once, for a folder made by hand or by an older thidua).
    #[arg(long)]
    pub replace_output: bool,
}

impl BuildArgs {
    /// Builds and prints the summary.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        let mut opts = self.site.options(Mode::Build, self.output);
        if self.replace_output {
            opts.ownership = crate::write::Ownership::Replace;
        }
        let shown = shown_path(&opts.root, &opts.output_dir());
        let bar = (ui.v != Verbosity::Quiet)
            .then(|| ProgressBar::start(ui.lang))
            .flatten();
        opts.progress = bar.as_ref().map(|b| b.progress.clone());
        let result = crate::Session::start(&opts).map(|(session, mut report)| {
            if ui.v == Verbosity::Verbose {
                // Only with -v: while a section's first pages are still drafts, saying so at
                // every build would be noise; `check` always says it.
                report
                    .warnings
                    .extend(crate::check::empty_sections(session.site()));
                crate::diagnostic::sort_diagnostics(&mut report.warnings);
            }
            // The process ends right after this command: freeing the loaded site item by item
            // (tens of thousands of strings) would only delay the exit.
            std::mem::forget(session);
            report
        });
        drop(bar);
        match result {
            Ok(report) => {
                print_summary(ui, &report, &shown);
                Ok(())
            }
            Err(e) => Err(report_error(
                ui,
                &e,
                Some(msg!("{} was not changed.", shown)),
            )),
        }
    }
}

/// What a build that succeeded prints: its warnings, the summary line and, with `-v`, the
/// time of each stage, the precompressed copies and the scheduled pages.
fn print_summary(ui: Ui, report: &BuildReport, shown: &str) {
    print_warnings(report, ui);
    if ui.v != Verbosity::Quiet {
        say!(
            ui,
            "Built {} ({}, {}) in {} into {}",
            plural!(report.pages, "{} page", "{} pages"),
            plural!(report.files, "{} file", "{} files"),
            human_bytes(report.bytes, ui.lang),
            seconds(report, ui.lang),
            shown
        );
        if let Some(note) = crate::write::swap_note() {
            esay!(ui, "note: {}", note);
        }
    }
    if ui.v == Verbosity::Normal && !report.scheduled.is_empty() {
        esay!(
            ui,
            "{} left out until their date (thidua check lists them)",
            plural!(
                report.scheduled.len(),
                "{} scheduled page",
                "{} scheduled pages"
            )
        );
    }
    if ui.v == Verbosity::Verbose {
        say!(ui, "Stages: {}", stages(report, ui.lang));
        let (computed, reused) = report.precompressed;
        if computed + reused > 0 {
            say!(
                ui,
                "Precompressed copies (.gz, .br): {} compressed, {} from the cache",
                computed,
                reused
            );
        }
        let (drawn, cached) = report.share_images;
        if drawn + cached > 0 {
            say!(
                ui,
                "Share images (og:image): {} drawn, {} from the cache",
                drawn,
                cached
            );
        }
        let (encoded, cached) = report.images;
        if encoded + cached > 0 {
            say!(
                ui,
                "Photos: {} processed, {} from the cache",
                encoded,
                cached
            );
        }
        super::print_scheduled(report, ui);
    }
}

/// "load 12 ms, prepare 3 ms, …" in `lang`.
fn stages(report: &BuildReport, lang: Lang) -> String {
    report
        .stages
        .iter()
        .map(|(name, d)| {
            let ms = msg!("{} ms", d.as_millis() as u64);
            format!("{} {}", stage_name(name).render(lang), ms.render(lang))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of a stage of the build, as `-v` prints it.
fn stage_name(name: &str) -> Text {
    match name {
        "load" => msg!("load"),
        "prepare" => msg!("prepare"),
        "render" => msg!("render"),
        "commit" => msg!("commit"),
        "update" => msg!("update"),
        other => Text::foreign(other),
    }
}

fn seconds(report: &BuildReport, lang: Lang) -> Text {
    msg!("{} s", decimal(report.elapsed.as_secs_f64(), 2, lang))
}

fn human_bytes(n: u64, lang: Lang) -> String {
    let n = n as f64;
    if n >= 1024.0 * 1024.0 {
        format!("{} MB", decimal(n / (1024.0 * 1024.0), 1, lang))
    } else {
        format!("{:.0} KB", (n / 1024.0).ceil())
    }
}

/// A decimal number as the language writes it: 1.5 or 1,5.
fn decimal(v: f64, decimals: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => crate::vi::number(v, decimals),
        Lang::En => format!("{v:.decimals$}"),
    }
}
