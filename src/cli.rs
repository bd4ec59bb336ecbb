//! The command line: clap structs, one `run()` per subcommand, and the only printing code.
//!
//! The library never sees clap: each `*Args` turns itself into `*Options` and calls the
//! library. Exit codes: 0 success, 1 content errors, 2 usage or I/O errors.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::diagnostic::{BuildError, Diagnostic, plural};
use crate::{BuildOptions, BuildReport, Mode, build};

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
    /// Seconds allowed for each outside link.
    #[arg(long, default_value_t = 10)]
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
    pub fn run(self, v: Verbosity) -> Result<(), u8> {
        let opts = crate::new::NewOptions {
            root: self.root,
            section: self.section,
            title: self.title,
            create_section: self.create_section,
        };
        match crate::new::new_post(&opts) {
            Ok(post) => {
                if v != Verbosity::Quiet {
                    if post.created_section {
                        println!(
                            "Created the section {}",
                            post.file.rsplit_once('/').map_or("", |(d, _)| d)
                        );
                    }
                    println!(
                        "Created {} (a draft: remove \"draft: true\" to publish)",
                        post.file
                    );
                    println!("Its address once published: {}", post.url);
                }
                Ok(())
            }
            Err(e) => Err(report_error(&e, "")),
        }
    }
}

/// `thidua publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The site's folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Publish without asking.
    #[arg(short, long)]
    pub yes: bool,
    /// Only show what would change.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the site into one .zip file instead (for a portal's upload form).
    #[arg(long, value_name = "FILE")]
    pub zip: Option<PathBuf>,
}

impl PublishArgs {
    /// Builds, shows the changes, asks, publishes.
    pub fn run(self, v: Verbosity) -> Result<(), u8> {
        use crate::publish::{self, Target};
        let opts = BuildOptions {
            root: self.root.clone(),
            ..BuildOptions::default()
        };
        let (session, report) =
            crate::Session::start(&opts).map_err(|e| report_error(&e, "Nothing was published."))?;
        let built = opts.output_dir();
        if v != Verbosity::Quiet {
            println!(
                "Built {} into {} (drafts and scheduled posts left out)",
                plural(report.pages, "page", "pages"),
                shown_path(&opts.root, &built)
            );
        }
        if let Some(zip) = &self.zip {
            let n = publish::write_zip(&built, zip).map_err(|e| report_error(&e, ""))?;
            if v != Verbosity::Quiet {
                println!(
                    "Wrote {} ({}): upload it through the portal's form",
                    zip.display(),
                    plural(n, "file", "files")
                );
            }
            return Ok(());
        }
        let Some(config) = &session.site().config.publish else {
            eprintln!(
                "error: site.yaml has no \"publish:\" target: add publish: {{folder: /mnt/…}} or publish: {{rsync: user@server:/path/}}, or use --zip FILE"
            );
            return Err(2);
        };
        let target = Target::from_config(config, &opts.root).map_err(|e| report_error(&e, ""))?;
        match target {
            Target::Folder(dir) => {
                let plan = publish::plan_folder(&built, &dir)
                    .map_err(|e| report_error(&e, "Nothing was published."))?;
                if plan.is_empty() {
                    println!(
                        "Nothing to publish: {} is up to date ({}).",
                        dir.display(),
                        plural(plan.unchanged, "file", "files")
                    );
                    return Ok(());
                }
                println!(
                    "To {}: {} new, {} changed, {} removed, {} unchanged",
                    dir.display(),
                    plan.added.len(),
                    plan.changed.len(),
                    plan.removed.len(),
                    plan.unchanged
                );
                let listing = plan
                    .added
                    .iter()
                    .map(|f| format!("  + {f}"))
                    .chain(plan.changed.iter().map(|f| format!("  ~ {f}")))
                    .chain(plan.removed.iter().map(|f| format!("  - {f}")));
                let listing: Vec<String> = listing.collect();
                for line in listing.iter().take(30) {
                    println!("{line}");
                }
                if listing.len() > 30 {
                    println!("  … and {} more", listing.len() - 30);
                }
                if self.dry_run || !confirm(self.yes)? {
                    println!("Nothing was published.");
                    return Ok(());
                }
                publish::apply_folder(&built, &dir, &plan).map_err(|e| report_error(&e, ""))?;
                println!("Published to {}.", dir.display());
            }
            Target::Rsync(dest) => {
                let changes = publish::rsync(&built, &dest, true)
                    .map_err(|e| report_error(&e, "Nothing was published."))?;
                print!("{changes}");
                if self.dry_run || !confirm(self.yes)? {
                    println!("Nothing was published.");
                    return Ok(());
                }
                publish::rsync(&built, &dest, false).map_err(|e| report_error(&e, ""))?;
                println!("Published to {dest}.");
            }
        }
        Ok(())
    }
}

/// Asks "Publish? [y/N]" on a terminal; without one, only --yes publishes.
fn confirm(yes: bool) -> Result<bool, u8> {
    use std::io::{BufRead, IsTerminal, Write};
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        eprintln!("Not a terminal: add --yes to publish without asking.");
        return Ok(false);
    }
    print!("Publish? [y/N] ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|_| 2u8)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "có" | "c"))
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
        let result = match self.command {
            Command::Build(a) => a.run(v),
            Command::Check(a) => a.run(v),
            Command::Init(a) => a.run(v),
            Command::Serve(a) => a.run(v),
            Command::New(a) => a.run(v),
            Command::Publish(a) => a.run(v),
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
        }
    }
}

impl BuildArgs {
    /// Builds and prints the summary.
    pub fn run(self, v: Verbosity) -> Result<(), u8> {
        let mut opts = self.site.options(Mode::Build, self.output);
        let shown = shown_path(&opts.root, &opts.output_dir());
        let bar = (v != Verbosity::Quiet).then(ProgressBar::start).flatten();
        opts.progress = bar.as_ref().map(|b| b.progress.clone());
        let result = build(&opts);
        drop(bar);
        match result {
            Ok(report) => {
                print_warnings(&report, v);
                if v != Verbosity::Quiet {
                    println!(
                        "Built {} ({}, {}) in {} into {shown}",
                        plural(report.pages, "page", "pages"),
                        plural(report.files, "file", "files"),
                        human_bytes(report.bytes),
                        seconds(&report)
                    );
                }
                if v == Verbosity::Verbose {
                    let parts: Vec<String> = report
                        .stages
                        .iter()
                        .map(|(n, d)| format!("{n} {} ms", d.as_millis()))
                        .collect();
                    println!("Stages: {}", parts.join(", "));
                    for (source, date) in &report.scheduled {
                        println!(
                            "{source}: scheduled for {}, left out until then",
                            date.rfc3339()
                        );
                    }
                }
                Ok(())
            }
            Err(e) => Err(report_error(&e, &format!("{shown} was not changed."))),
        }
    }
}

impl CheckArgs {
    /// Checks and prints what was found.
    pub fn run(self, v: Verbosity) -> Result<(), u8> {
        let opts = self.site.options(Mode::Check, None);
        let (session, report) =
            crate::Session::start(&opts).map_err(|e| report_error(&e, "Nothing was written."))?;
        let copts = crate::check::CheckOptions {
            external: self.external,
            concurrency: self.concurrency,
            timeout: std::time::Duration::from_secs(self.timeout),
        };
        let found = crate::check::check_site(session.site(), &copts);
        let mut all = report.warnings.clone();
        all.extend(found.diagnostics.iter().cloned());
        crate::diagnostic::sort_diagnostics(&mut all);
        let errors = all.iter().filter(|d| d.is_error()).count();
        let warnings = all.len() - errors;
        for d in &all {
            if d.is_error() || v != Verbosity::Quiet {
                eprintln!("{d}");
            }
        }
        if v != Verbosity::Quiet {
            for (source, date) in &report.scheduled {
                println!(
                    "{source}: scheduled for {}, left out until then",
                    date.rfc3339()
                );
            }
            if self.external {
                println!(
                    "Checked {} to other sites: {} broken.",
                    plural(found.external_checked, "link", "links"),
                    found.external_broken
                );
            }
        }
        if errors > 0 {
            eprintln!(
                "Check failed: {}, {}. Nothing was written.",
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings")
            );
            return Err(1);
        }
        if v != Verbosity::Quiet {
            println!(
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
    pub fn run(self, v: Verbosity) -> Result<(), u8> {
        match crate::init::create_site(&self.dir) {
            Ok(files) => {
                if v != Verbosity::Quiet {
                    println!(
                        "Created a new site in {} ({}).",
                        self.dir.display(),
                        plural(files, "file", "files")
                    );
                    println!("Build it with: thidua build --root {}", self.dir.display());
                }
                Ok(())
            }
            Err(e) => Err(report_error(&e, "")),
        }
    }
}

impl ServeArgs {
    /// Serves until Ctrl-C.
    pub fn run(self, v: Verbosity) -> Result<(), u8> {
        let open = self.open;
        let opts = crate::serve::ServeOptions {
            root: self.root,
            bind: self.bind,
            port: self.port,
            drafts: self.drafts,
            future: self.future,
            output: None,
            debounce: Default::default(),
        };
        let report =
            std::sync::Arc::new(move |e: crate::serve::ServeEvent| print_serve_event(&e, v, open));
        let running = crate::serve::start(opts, report).map_err(|e| report_error(&e, ""))?;
        let waited = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map(|rt| rt.block_on(tokio::signal::ctrl_c()));
        if waited.is_err() {
            eprintln!("error: cannot wait for Ctrl-C");
        }
        running.stop();
        Ok(())
    }
}

fn print_serve_event(e: &crate::serve::ServeEvent, v: Verbosity, open: bool) {
    use crate::serve::ServeEvent;
    match e {
        ServeEvent::Listening(url) => {
            println!("Serving the site at {url} (Ctrl-C to stop)");
            if open {
                let _ = std::process::Command::new("xdg-open").arg(url).spawn();
            }
        }
        ServeEvent::Rebuilt {
            changed,
            pages,
            elapsed,
        } if v != Verbosity::Quiet => {
            let first = changed
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let more = if changed.len() > 1 {
                format!(" and {} more", changed.len() - 1)
            } else {
                String::new()
            };
            println!(
                "Rebuilt {} in {} ms after a change to {first}{more}",
                plural(*pages, "page", "pages"),
                elapsed.as_millis()
            );
        }
        ServeEvent::Rebuilt { .. } => {}
        ServeEvent::Failed(diags) => {
            for d in diags {
                eprintln!("{d}");
            }
            eprintln!("Build failed: the preview keeps showing the last good site.");
        }
        ServeEvent::Warning(w) => eprintln!("warning: {w}"),
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

fn print_warnings(report: &BuildReport, v: Verbosity) {
    if v == Verbosity::Quiet {
        return;
    }
    for w in &report.warnings {
        eprintln!("{w}");
    }
}

/// Prints a failed build's diagnostics and summary; returns the exit code.
fn report_error(e: &BuildError, unchanged: &str) -> u8 {
    match e {
        BuildError::Content(diags) => {
            for d in diags {
                eprintln!("{d}");
            }
            eprintln!("Build failed: {e}. {unchanged}");
        }
        other => eprintln!("error: {other}"),
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

fn seconds(report: &BuildReport) -> String {
    format!("{:.2} s", report.elapsed.as_secs_f64())
}

fn human_bytes(n: u64) -> String {
    let n = n as f64;
    if n >= 1024.0 * 1024.0 {
        format!("{:.1} MB", n / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (n / 1024.0).ceil())
    }
}

/// Prints diagnostics to stderr (used by subcommands that report without failing).
pub fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
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
