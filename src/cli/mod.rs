//! The command line: clap structs, one `run()` per subcommand, and the only printing code.
//!
//! The library never sees clap: each `*Args` turns itself into `*Options` and calls the
//! library. Exit codes: 0 success, 1 content errors, 2 usage or I/O errors.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::diagnostic::{BuildError, Diagnostic, plural};
use crate::{BuildOptions, BuildReport, Mode};

/// thidua: build the campaign website from Markdown, YAML data and a theme.
#[derive(Debug, Parser)]
#[command(name = "thidua", version, about, propagate_version = true)]
pub struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (warnings in full, scheduled pages, timings).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The language of messages: vi or en (default: site.yaml's ui_language, then LANG).
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output directory (public/ by default).
    Build(BuildArgs),
    /// Check the whole site (content, data, links, templates) without writing anything.
    Check(CheckArgs),
    /// Create a new site in DIR that builds straight away.
    Init(InitArgs),
    /// Preview the site in a browser; pages reload by themselves when you save.
    Serve(ServeArgs),
    /// Create a new draft post in a section: thidua new tin-tuc "Tiêu đề bài viết".
    New(NewArgs),
    /// Build the site and put it where the public sees it (site.yaml's publish:, or --zip).
    Publish(PublishArgs),
}

/// How and in which language to print.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// How much.
    pub v: Verbosity,
    /// Which language.
    pub lang: crate::messages::Lang,
}

impl Ui {
    /// A sentence in the chosen language.
    fn tr<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        crate::messages::translate(text, self.lang)
    }

    /// A diagnostic in the chosen language.
    fn diag(&self, d: &Diagnostic) -> String {
        d.render(self.lang)
    }
}

/// Prints a line to stdout in the chosen language.
macro_rules! say {
    ($ui:expr, $($arg:tt)*) => {
        emit(std::io::stdout().lock(), &$ui.tr(&format!($($arg)*)), "\n")
    };
}

/// Prints a line to stderr in the chosen language.
macro_rules! esay {
    ($ui:expr, $($arg:tt)*) => {
        emit(std::io::stderr().lock(), &$ui.tr(&format!($($arg)*)), "\n")
    };
}

/// The only place thidua writes to the terminal: `text` with its control characters escaped
/// (a file name can carry an escape sequence), then `end`.
///
/// A write that fails is dropped rather than a panic, as `println!` would: above all a closed
/// pipe (`thidua publish --dry-run | head`), where the reader has seen enough. The command
/// still runs to its end and exits with its own code, which restoring the default SIGPIPE
/// action would not give: that kills the process at the first line printed after `head`
/// quits, possibly halfway through writing `public/` or a publish destination.
fn emit(mut w: impl std::io::Write, text: &str, end: &str) {
    let text = crate::diagnostic::escape_controls(text);
    let _ = write!(w, "{text}{end}").and_then(|()| w.flush());
}

mod publish;
pub use publish::PublishArgs;

/// The language for the help text, before clap has parsed anything: `--lang X`/`--lang=X`
/// and `--root DIR` are looked for in the raw arguments.
pub fn language_from_args(args: &[String]) -> crate::messages::Lang {
    let value = |flag: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            a.strip_prefix(&format!("{flag}="))
                .map(str::to_string)
                .or_else(|| (a == flag).then(|| args.get(i + 1).cloned()).flatten())
        })
    };
    let root = value("--root")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    language(value("--lang").as_deref(), Some(&root))
}

/// The language: `--lang`, then `ui_language:` in ROOT/site.yaml, then `LANG`.
pub fn language(flag: Option<&str>, root: Option<&Path>) -> crate::messages::Lang {
    let site = root.and_then(crate::config::Config::ui_language);
    crate::messages::Lang::choose(flag, site.as_deref(), std::env::var("LANG").ok().as_deref())
}

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings and a summary.
    Normal,
    /// Everything.
    Verbose,
}

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

/// `thidua check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site to check.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Also check links to other sites (needs the network).
    #[arg(long)]
    pub external: bool,
    /// Outside links checked at once.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Seconds allowed for each outside link (1 to 3600).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
}

/// `thidua serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on.
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but 127.0.0.1 lets other computers see the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Show pages marked draft: true (marked "BẢN NHÁP").
    #[arg(long)]
    pub drafts: bool,
    /// Show pages dated in the future.
    #[arg(long)]
    pub future: bool,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Also answer requests that use this name for the computer (may be repeated).
    #[arg(long = "host", value_name = "NAME")]
    pub hosts: Vec<String>,
}

/// `thidua new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The section folder inside content/ (e.g. tin-tuc).
    pub section: String,
    /// The post's title, in quotes.
    pub title: String,
    /// The site's folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Create the section if it does not exist yet.
    #[arg(long)]
    pub create_section: bool,
}

impl NewArgs {
    /// Creates the post and says where it is.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        let opts = crate::new::NewOptions {
            root: self.root,
            section: self.section,
            title: self.title,
            create_section: self.create_section,
        };
        match crate::new::new_post(&opts) {
            Ok(post) => {
                if ui.v != Verbosity::Quiet {
                    if post.created_section {
                        say!(
                            ui,
                            "Created the section {}",
                            post.file.rsplit_once('/').map_or("", |(d, _)| d)
                        );
                    }
                    say!(
                        ui,
                        "Created {} (a draft: remove \"draft: true\" to publish)",
                        post.file
                    );
                    say!(ui, "Its address once published: {}", post.url);
                }
                Ok(())
            }
            Err(e) => Err(report_error(ui, &e, "")),
        }
    }
}

/// `thidua init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (must not exist or be empty).
    pub dir: PathBuf,
}

impl Cli {
    /// Runs the command and returns the process exit code.
    pub fn run(self) -> ExitCode {
        let v = if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        };
        let root = match &self.command {
            Command::Build(a) => Some(a.site.root.clone()),
            Command::Check(a) => Some(a.site.root.clone()),
            Command::Serve(a) => Some(a.root.clone()),
            Command::New(a) => Some(a.root.clone()),
            Command::Publish(a) => Some(a.root.clone()),
            Command::Init(_) => None,
        };
        let ui = Ui {
            v,
            lang: language(self.lang.as_deref(), root.as_deref()),
        };
        let result = match self.command {
            Command::Build(a) => a.run(ui),
            Command::Check(a) => a.run(ui),
            Command::Init(a) => a.run(ui),
            Command::Serve(a) => a.run(ui),
            Command::New(a) => a.run(ui),
            Command::Publish(a) => a.run(ui),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => ExitCode::from(e),
        }
    }
}

impl SiteArgs {
    fn options(&self, mode: Mode, output: Option<PathBuf>) -> BuildOptions {
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
        }
    }
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
            .then(ProgressBar::start)
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
                print_warnings(&report, ui);
                if ui.v != Verbosity::Quiet {
                    say!(
                        ui,
                        "Built {} ({}, {}) in {} into {shown}",
                        plural(report.pages, "page", "pages"),
                        plural(report.files, "file", "files"),
                        human_bytes(report.bytes, ui.lang),
                        seconds(&report, ui.lang)
                    );
                }
                if ui.v == Verbosity::Normal && !report.scheduled.is_empty() {
                    esay!(
                        ui,
                        "{} left out until their date (thidua check lists them)",
                        plural(report.scheduled.len(), "scheduled page", "scheduled pages")
                    );
                }
                if ui.v == Verbosity::Verbose {
                    let parts: Vec<String> = report
                        .stages
                        .iter()
                        .map(|(n, d)| {
                            format!("{} {}", ui.tr(n), ui.tr(&format!("{} ms", d.as_millis())))
                        })
                        .collect();
                    say!(ui, "Stages: {}", parts.join(", "));
                    let (computed, reused) = report.precompressed;
                    if computed + reused > 0 {
                        say!(
                            ui,
                            "Precompressed copies (.gz, .br): {computed} compressed, {reused} from the cache"
                        );
                    }
                    for (source, date) in &report.scheduled {
                        say!(
                            ui,
                            "{source}: scheduled for {}, left out until then",
                            date.rfc3339()
                        );
                    }
                }
                Ok(())
            }
            Err(e) => Err(report_error(ui, &e, &format!("{shown} was not changed."))),
        }
    }
}

impl CheckArgs {
    /// Checks and prints what was found.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        if self.external && !cfg!(feature = "external-links") {
            esay!(
                ui,
                "error: this copy of thidua cannot check links to other sites (it was built without the \"external-links\" feature): run thidua check without --external, or use a release download"
            );
            return Err(2);
        }
        let opts = self.site.options(Mode::Check, None);
        let (session, report) = crate::Session::start(&opts).map_err(|e| match &e {
            // The same last line as the check's own findings: "Check failed", not "Build failed".
            BuildError::Content(diags) => {
                for d in diags {
                    esay!(ui, "{}", ui.diag(d));
                }
                esay!(ui, "Check failed: {e}. Nothing was written.");
                e.exit_code()
            }
            _ => report_error(ui, &e, "Nothing was written."),
        })?;
        let copts = crate::check::CheckOptions {
            external: self.external,
            concurrency: self.concurrency,
            timeout: std::time::Duration::from_secs(self.timeout),
        };
        let found = crate::check::check_site(session.site(), &report.outputs, &copts);
        let mut all = report.warnings.clone();
        all.extend(found.diagnostics.iter().cloned());
        crate::diagnostic::sort_diagnostics(&mut all);
        let errors = all.iter().filter(|d| d.is_error()).count();
        let warnings = all.len() - errors;
        for d in &all {
            if d.is_error() || ui.v != Verbosity::Quiet {
                esay!(ui, "{}", ui.diag(d));
            }
        }
        if ui.v != Verbosity::Quiet {
            for (source, date) in &report.scheduled {
                say!(
                    ui,
                    "{source}: scheduled for {}, left out until then",
                    date.rfc3339()
                );
            }
            if self.external {
                say!(
                    ui,
                    "Checked {} to other sites: {} broken.",
                    plural(found.external_checked, "link", "links"),
                    found.external_broken
                );
            }
        }
        if errors > 0 {
            esay!(
                ui,
                "Check failed: {}, {}. Nothing was written.",
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings")
            );
            return Err(1);
        }
        if ui.v != Verbosity::Quiet {
            say!(
                ui,
                "Checked {}: no errors, {}.",
                plural(report.pages, "page", "pages"),
                plural(warnings, "warning", "warnings")
            );
        }
        Ok(())
    }
}

impl InitArgs {
    /// Creates the site and says how to build it.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        match crate::init::create_site(&self.dir) {
            Ok(files) => {
                if ui.v != Verbosity::Quiet {
                    say!(
                        ui,
                        "Created a new site in {} ({}).",
                        self.dir.display(),
                        plural(files, "file", "files")
                    );
                    say!(
                        ui,
                        "Build it with: thidua build --root {}",
                        self.dir.display()
                    );
                }
                Ok(())
            }
            Err(e) => Err(report_error(ui, &e, "")),
        }
    }
}

impl ServeArgs {
    /// Serves until Ctrl-C.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        let open = self.open;
        let opts = crate::serve::ServeOptions {
            root: self.root,
            bind: self.bind,
            port: self.port,
            drafts: self.drafts,
            future: self.future,
            output: None,
            debounce: Default::default(),
            lang: ui.lang,
            hosts: self.hosts,
        };
        let report =
            std::sync::Arc::new(move |e: crate::serve::ServeEvent| print_serve_event(&e, ui, open));
        // Caught before the first build: a signal during it still removes the preview folder.
        let signals = crate::serve::StopSignals::install();
        let running = crate::serve::start(opts, report).map_err(|e| report_error(ui, &e, ""))?;
        if signals.and_then(crate::serve::StopSignals::wait).is_err() {
            esay!(ui, "error: cannot wait for Ctrl-C");
        }
        running.stop();
        Ok(())
    }
}

fn print_serve_event(e: &crate::serve::ServeEvent, ui: Ui, open: bool) {
    use crate::serve::ServeEvent;
    match e {
        ServeEvent::Listening(url) => {
            say!(ui, "Serving the site at {url} (Ctrl-C to stop)");
            if open {
                let _ = std::process::Command::new("xdg-open").arg(url).spawn();
            }
        }
        ServeEvent::Rebuilt {
            changed,
            pages,
            elapsed,
        } if ui.v != Verbosity::Quiet => {
            let first = changed
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            if changed.len() > 1 {
                say!(
                    ui,
                    "Rebuilt {} in {} ms after changes to {first} and {}",
                    plural(*pages, "page", "pages"),
                    elapsed.as_millis(),
                    plural(changed.len() - 1, "other file", "other files")
                );
            } else {
                say!(
                    ui,
                    "Rebuilt {} in {} ms after a change to {first}",
                    plural(*pages, "page", "pages"),
                    elapsed.as_millis()
                );
            }
        }
        ServeEvent::Rebuilt { .. } => {}
        ServeEvent::Failed(diags) => {
            for d in diags {
                esay!(ui, "{}", ui.diag(d));
            }
            esay!(
                ui,
                "Build failed: the preview keeps showing the last good site."
            );
        }
        ServeEvent::Warning(w) => esay!(ui, "warning: {w}"),
    }
}

/// A progress bar on stderr for builds that take more than a second; nothing at all when
/// stderr is not a terminal (logs, CI, pipes).
struct ProgressBar {
    progress: crate::Progress,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    fn start() -> Option<ProgressBar> {
        use std::io::IsTerminal;
        use std::sync::atomic::Ordering;
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let progress = crate::Progress::default();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, s) = (progress.clone(), std::sync::Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let mut bar: Option<indicatif::ProgressBar> = None;
            while !s.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
                let (done, total) = p.get();
                if bar.is_none() && total > 0 && started.elapsed().as_secs_f64() > 1.0 {
                    let b = indicatif::ProgressBar::new(total as u64);
                    b.set_style(
                        indicatif::ProgressStyle::with_template(
                            "{bar:40} {pos}/{len} pages ({eta})",
                        )
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                    );
                    bar = Some(b);
                }
                if let Some(b) = &bar {
                    b.set_position(done as u64);
                }
            }
            if let Some(b) = bar {
                b.finish_and_clear();
            }
        });
        Some(ProgressBar {
            progress,
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn print_warnings(report: &BuildReport, ui: Ui) {
    if ui.v == Verbosity::Quiet {
        return;
    }
    for w in &report.warnings {
        esay!(ui, "{}", ui.diag(w));
    }
}

/// Prints a failed build's diagnostics and summary; returns the exit code.
fn report_error(ui: Ui, e: &BuildError, unchanged: &str) -> u8 {
    match e {
        BuildError::Content(diags) => {
            for d in diags {
                esay!(ui, "{}", ui.diag(d));
            }
            esay!(ui, "Build failed: {e}. {unchanged}");
        }
        other => {
            esay!(ui, "error: {other}");
            if !unchanged.is_empty() {
                esay!(ui, "{unchanged}");
            }
        }
    }
    e.exit_code()
}

fn shown_path(root: &Path, out: &Path) -> String {
    let rel = out.strip_prefix(root).unwrap_or(out);
    let mut s = rel.display().to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    s
}

fn seconds(report: &BuildReport, lang: crate::messages::Lang) -> String {
    format!("{} s", decimal(report.elapsed.as_secs_f64(), 2, lang))
}

fn human_bytes(n: u64, lang: crate::messages::Lang) -> String {
    let n = n as f64;
    if n >= 1024.0 * 1024.0 {
        format!("{} MB", decimal(n / (1024.0 * 1024.0), 1, lang))
    } else {
        format!("{:.0} KB", (n / 1024.0).ceil())
    }
}

/// A decimal number as the language writes it: 1.5 or 1,5.
fn decimal(v: f64, decimals: usize, lang: crate::messages::Lang) -> String {
    match lang {
        crate::messages::Lang::Vi => crate::vi::number(v, decimals),
        crate::messages::Lang::En => format!("{v:.decimals$}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
