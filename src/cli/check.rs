//! `thidua check`: every build's checks and the extra ones of [`crate::check`], printed
//! without writing anything.

use clap::Args;

use super::{SiteArgs, Ui, Verbosity, print_diagnostic, report_error};
use crate::diagnostic::{BuildError, Diagnostic};
use crate::{BuildReport, Mode, msg, plural};

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

impl CheckArgs {
    /// Checks and prints what was found.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        if self.external && !cfg!(feature = "external-links") {
            esay!(
                ui,
                "error: {}",
                msg!(
                    "this copy of thidua cannot check links to other sites (it was built without the \"external-links\" feature): run thidua check without --external, or use a release download"
                )
            );
            return Err(2);
        }
        let opts = self.site.options(Mode::Check, None);
        let (session, report) = crate::Session::start(&opts).map_err(|e| match &e {
            // The same last line as the check's own findings: "Check failed", not "Build failed".
            BuildError::Content(diags) => {
                for d in diags {
                    print_diagnostic(ui, d);
                }
                esay!(
                    ui,
                    "Check failed: {}. {}",
                    e.message(),
                    msg!("Nothing was written.")
                );
                e.exit_code()
            }
            _ => report_error(ui, &e, Some(msg!("Nothing was written."))),
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
        print_findings(ui, &all, &report, self.external.then_some(&found))
    }
}

/// Prints the findings, the scheduled pages, the outside links checked and the last line;
/// `Err(1)` when there are errors.
fn print_findings(
    ui: Ui,
    all: &[Diagnostic],
    report: &BuildReport,
    external: Option<&crate::check::CheckReport>,
) -> Result<(), u8> {
    let errors = all.iter().filter(|d| d.is_error()).count();
    let warnings = all.len() - errors;
    for d in all {
        if d.is_error() || ui.v != Verbosity::Quiet {
            print_diagnostic(ui, d);
        }
    }
    if ui.v != Verbosity::Quiet {
        super::print_scheduled(report, ui);
        if let Some(found) = external {
            say!(
                ui,
                "Checked {} to other sites: {} broken.",
                plural!(found.external_checked, "{} link", "{} links"),
                found.external_broken
            );
        }
    }
    if errors > 0 {
        esay!(
            ui,
            "Check failed: {}, {}. Nothing was written.",
            plural!(errors, "{} error", "{} errors"),
            plural!(warnings, "{} warning", "{} warnings")
        );
        return Err(1);
    }
    if ui.v != Verbosity::Quiet {
        say!(
            ui,
            "Checked {}: no errors, {}.",
            plural!(report.pages, "{} page", "{} pages"),
            plural!(warnings, "{} warning", "{} warnings")
        );
    }
    Ok(())
}
