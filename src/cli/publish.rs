//! `thidua publish`: build, show what will change at the destination, ask, publish (a folder,
//! rsync or a zip; the rules of what may be touched live in [`crate::publish`]).

use std::path::{Path, PathBuf};

use clap::Args;

use super::{Ui, Verbosity, emit, print_warnings, report_error, shown_path};
use crate::diagnostic::BuildError;
use crate::publish::{self, Target};
use crate::{BuildOptions, msg, plural};

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
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        let opts = BuildOptions {
            root: self.root.clone(),
            ..BuildOptions::default()
        };
        let built = opts.output_dir();
        let failed = |e: BuildError| report_error(ui, &e, Some(msg!("Nothing was published.")));
        if let Some(zip) = &self.zip {
            publish::check_destination(zip, &opts.root, &built)
                .and_then(|()| publish::check_zip(zip))
                .map_err(failed)?;
        }
        let (session, report) = crate::Session::start(&opts).map_err(failed)?;
        print_warnings(&report, ui);
        if ui.v != Verbosity::Quiet {
            say!(
                ui,
                "Built {} into {} (drafts and scheduled posts left out)",
                plural!(report.pages, "{} page", "{} pages"),
                shown_path(&opts.root, &built)
            );
        }
        if let Some(zip) = &self.zip {
            let n = publish::write_zip(&built, zip).map_err(failed)?;
            if ui.v != Verbosity::Quiet {
                say!(
                    ui,
                    "Wrote {} ({}): upload it through the portal's form",
                    zip.display(),
                    plural!(n, "{} file", "{} files")
                );
            }
            return Ok(());
        }
        let Some(config) = &session.site().config.publish else {
            esay!(
                ui,
                "error: {}",
                msg!(
                    "site.yaml has no \"publish:\" target: add publish: {folder: /mnt/…} or publish: {rsync: user@server:/path/}, or use --zip FILE"
                )
            );
            return Err(2);
        };
        match Target::from_config(config, &opts.root).map_err(failed)? {
            Target::Folder(dir) => {
                publish::check_destination(&dir, &opts.root, &built).map_err(failed)?;
                self.to_folder(ui, &built, &dir)
            }
            Target::Rsync(dest) => self.to_rsync(ui, &built, &dest),
        }
    }

    /// Publishes the built site `built` into the folder `dir`.
    fn to_folder(&self, ui: Ui, built: &Path, dir: &Path) -> Result<(), u8> {
        let plan = publish::plan_folder(built, dir)
            .map_err(|e| report_error(ui, &e, Some(msg!("Nothing was published."))))?;
        let shown = dir.display().to_string();
        if !self.show_plan(ui, &shown, &plan)? {
            return Ok(());
        }
        let applied = publish::apply_folder(built, dir, &plan).map_err(|e| {
            report_error(ui, &e, Some(msg!("The published folder was not changed.")))
        })?;
        if applied == publish::Applied::FileByFile {
            esay!(
                ui,
                "note: {} could not be replaced whole (a mount point, a read-only parent folder, a disk without hard links, or folders owned by another user), so its files were replaced one by one",
                shown
            );
        }
        say!(ui, "Published to {}.", shown);
        Ok(())
    }

    /// Publishes the built site `built` to the rsync destination `dest`.
    fn to_rsync(&self, ui: Ui, built: &Path, dest: &str) -> Result<(), u8> {
        let failed = |e: BuildError| report_error(ui, &e, Some(msg!("Nothing was published.")));
        let plan = publish::plan_rsync(built, dest).map_err(failed)?;
        if ui.v == Verbosity::Verbose {
            let changes = publish::rsync_changes(built, &plan).map_err(failed)?;
            emit(std::io::stdout().lock(), &changes, "");
        }
        if !self.show_plan(ui, dest, &plan.plan)? {
            return Ok(());
        }
        publish::apply_rsync(built, &plan).map_err(|e| report_error(ui, &e, None))?;
        say!(ui, "Published to {}.", dest);
        Ok(())
    }

    /// Prints what will change and asks; `Ok(false)` when nothing is to be published.
    fn show_plan(&self, ui: Ui, shown: &str, plan: &crate::publish::Plan) -> Result<bool, u8> {
        if plan.is_empty() {
            say!(
                ui,
                "Nothing to publish: {} is up to date ({}).",
                shown,
                plural!(plan.unchanged, "{} file", "{} files")
            );
            return Ok(false);
        }
        if ui.v == Verbosity::Quiet {
            return if self.dry_run {
                Ok(false)
            } else {
                confirm(ui, self.yes)
            };
        }
        say!(
            ui,
            "To {}: {} new, {} changed, {} removed, {} unchanged",
            shown,
            plan.added.len(),
            plan.changed.len(),
            plan.removed.len(),
            plan.unchanged
        );
        let listing: Vec<String> = plan
            .added
            .iter()
            .map(|f| format!("  + {f}"))
            .chain(plan.changed.iter().map(|f| format!("  ~ {f}")))
            .chain(plan.removed.iter().map(|f| format!("  - {f}")))
            .collect();
        for line in listing.iter().take(30) {
            emit(std::io::stdout().lock(), line, "\n");
        }
        if listing.len() > 30 {
            say!(ui, "  … and {} more", listing.len() - 30);
        }
        if self.dry_run {
            say!(ui, "Nothing was published.");
            return Ok(false);
        }
        confirm(ui, self.yes)
    }
}

/// Asks "Publish? [y/N]" on a terminal. Without one, only --yes publishes; asking nobody is a
/// usage error (exit 2), so a script never mistakes "nothing published" for success.
fn confirm(ui: Ui, yes: bool) -> Result<bool, u8> {
    use std::io::{BufRead, IsTerminal};
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        esay!(
            ui,
            "error: not a terminal, so nobody can answer: add --yes to publish without asking. Nothing was published."
        );
        return Err(2);
    }
    emit(
        std::io::stdout().lock(),
        &ui.text(&msg!("Publish? [y/N] ")),
        "",
    );
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|_| 2u8)?;
    let yes = matches!(answer.trim(), "y" | "Y" | "yes" | "có" | "c" | "C");
    if !yes {
        say!(ui, "Nothing was published.");
    }
    Ok(yes)
}
