//! The command line: clap structs, one `run()` per subcommand, and the only printing code.
//!
//! The library never sees clap: each `*Args` turns itself into `*Options` and calls the
//! library. Exit codes: 0 success, 1 content errors, 2 usage or I/O errors. Every sentence
//! printed is a [`Text`] (see [`crate::messages`]), rendered in the language of the [`Ui`].
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::BuildReport;
use crate::diagnostic::{BuildError, Diagnostic};
use crate::messages::{Lang, Text};

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
    /// The language of messages: vi or en (default: site.yaml's ui_language, then LANG, then vi).
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
    /// Work with the data files of content/_data/.
    Data(DataArgs),
    /// Open the editing room in the browser: write, approve and publish posts.
    #[command(about = "Open the editing room in the browser: write, approve and publish posts")]
    Editor(EditorArgs),
    /// Manage the editing room's accounts: thidua user add lan --role editor.
    #[command(about = "Manage the editing room's accounts: thidua user add lan --role editor")]
    User(UserArgs),
}

/// How and in which language to print.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// How much.
    pub v: Verbosity,
    /// Which language.
    pub lang: Lang,
}

impl Ui {
    /// A message in the chosen language.
    fn text(&self, text: &Text) -> String {
        text.render(self.lang)
    }
}

/// Prints a message to stdout in the chosen language: `say!(ui, "Published to {}.", dest)`
/// (a catalogue sentence and its parts, as for [`crate::msg!`]) or `say!(ui, text)`.
macro_rules! say {
    ($ui:expr, $en:literal $(, $arg:expr)* $(,)?) => {
        say!($ui, $crate::msg!($en $(, $arg)*))
    };
    ($ui:expr, $text:expr) => {
        $crate::cli::emit(std::io::stdout().lock(), &$ui.text(&$text), "\n")
    };
}

/// Prints a message to stderr in the chosen language, like [`say!`].
macro_rules! esay {
    ($ui:expr, $en:literal $(, $arg:expr)* $(,)?) => {
        esay!($ui, $crate::msg!($en $(, $arg)*))
    };
    ($ui:expr, $text:expr) => {
        $crate::cli::emit(std::io::stderr().lock(), &$ui.text(&$text), "\n")
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

/// Prints a diagnostic to stderr in the chosen language.
fn print_diagnostic(ui: Ui, d: &Diagnostic) {
    emit(std::io::stderr().lock(), &d.render(ui.lang), "\n");
}

mod build;
mod check;
mod data;
mod editor;
mod new;
mod progress;
mod publish;
mod serve;
#[cfg(test)]
mod tests;
mod user;
pub use build::{BuildArgs, SiteArgs};
pub use check::CheckArgs;
pub use data::{DataArgs, DataCommand, ImportArgs};
pub use editor::EditorArgs;
pub use new::{InitArgs, NewArgs};
pub use publish::PublishArgs;
pub use serve::ServeArgs;
pub use user::{UserAction, UserArgs};

/// The language for the help text, before clap has parsed anything: `--lang X`/`--lang=X`
/// and `--root DIR` are looked for in the raw arguments.
pub fn language_from_args(args: &[String]) -> Lang {
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

/// The language: `--lang`, then `ui_language:` in ROOT/site.yaml, then the locale, then
/// Vietnamese ([`Lang::choose`]).
pub fn language(flag: Option<&str>, root: Option<&Path>) -> Lang {
    let site = root.and_then(crate::config::Config::ui_language);
    let env = Lang::environment();
    let env = env.each_ref().map(Option::as_deref);
    Lang::choose(flag, site.as_deref(), &env)
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
            Command::Editor(a) => Some(a.root.clone()),
            Command::User(a) => Some(a.root.clone()),
            Command::Init(_) => None,
            Command::Data(a) => match &a.command {
                DataCommand::Import(i) => Some(i.root.clone()),
            },
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
            Command::Data(a) => a.run(ui),
            Command::Editor(a) => a.run(ui),
            Command::User(a) => a.run(ui),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => ExitCode::from(e),
        }
    }
}

fn print_warnings(report: &BuildReport, ui: Ui) {
    if ui.v == Verbosity::Quiet {
        return;
    }
    for w in &report.warnings {
        print_diagnostic(ui, w);
    }
}

/// One line per page left out until its date.
fn print_scheduled(report: &BuildReport, ui: Ui) {
    for (source, date) in &report.scheduled {
        say!(
            ui,
            "{}: scheduled for {}, left out until then",
            source,
            date.rfc3339()
        );
    }
}

/// Prints a failed build's diagnostics and summary, then what was left as it was
/// (`unchanged`: "public/ was not changed."); returns the exit code.
fn report_error(ui: Ui, e: &BuildError, unchanged: Option<Text>) -> u8 {
    match e {
        BuildError::Content(diags) => {
            for d in diags {
                print_diagnostic(ui, d);
            }
            let unchanged = unchanged.unwrap_or_else(|| Text::foreign(""));
            esay!(ui, "Build failed: {}. {}", e.message(), unchanged);
        }
        other => {
            esay!(ui, "error: {}", other.message());
            if let Some(unchanged) = unchanged {
                esay!(ui, unchanged);
            }
        }
    }
    e.exit_code()
}

fn shown_path(root: &Path, out: &Path) -> String {
    let rel = out.strip_prefix(root).unwrap_or(out);
    let mut s = rel.display().to_string();
    if !s.ends_with(std::path::MAIN_SEPARATOR) {
        s.push(std::path::MAIN_SEPARATOR);
    }
    s
}
