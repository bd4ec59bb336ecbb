//! `thidua data import FILE`: show an export's columns, propose a mapping to the indicators,
//! preview the figures and statuses, and write the mapping when confirmed.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Ui, emit, report_error};
use crate::campaign::results::{self, ImportPlan, Indicator, Results};
use crate::diagnostic::BuildError;
use crate::msg;
use crate::tables::{Cell, Table};

/// `thidua data`.
#[derive(Debug, Args)]
#[command(about = "Work with the data files of content/_data/.")]
pub struct DataArgs {
    /// What to do with the data.
    #[command(subcommand)]
    pub command: DataCommand,
}

/// The `data` subcommands.
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Read an export and map its columns to the indicators of results.yaml.
    #[command(
        about = "Read an export (CSV, Excel) and map its columns to the indicators of results.yaml."
    )]
    Import(ImportArgs),
}

/// `thidua data import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export: a .csv, .xlsx, .xls or .ods file.
    #[arg(help = "The export: a .csv, .xlsx, .xls or .ods file")]
    pub file: PathBuf,
    /// The site's folder.
    #[arg(
        long,
        default_value = ".",
        help = "The site's folder (the one with site.yaml)"
    )]
    pub root: PathBuf,
    /// Write without asking.
    #[arg(long, help = "Write the mapping without asking (for scripts)")]
    pub yes: bool,
    /// Show what would be written, write nothing.
    #[arg(
        long,
        conflicts_with = "yes",
        help = "Show the proposal and the preview; write nothing"
    )]
    pub dry_run: bool,
}

impl DataArgs {
    /// Runs the subcommand.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        match self.command {
            DataCommand::Import(a) => a.run(ui),
        }
    }
}

impl ImportArgs {
    /// Plans the import, shows it, and writes it when confirmed.
    pub fn run(self, ui: Ui) -> Result<(), u8> {
        let nothing = || Some(msg!("Nothing was written."));
        let tables = crate::load::data::read_tables(&self.root)
            .map_err(|e| report_error(ui, &BuildError::from_diagnostics(e), nothing()))?;
        let plan = results::plan_import(&self.root, &self.file, tables)
            .map_err(|e| report_error(ui, &e, nothing()))?;
        show_columns(ui, &plan.table);
        show_proposals(ui, &plan);
        show_preview(ui, &plan);
        if !plan.changes_anything() {
            say!(ui, "Nothing to write.");
            return Ok(());
        }
        if self.dry_run {
            say!(ui, "Nothing was written (--dry-run).");
            return Ok(());
        }
        if !confirm(ui, self.yes)? {
            say!(ui, "Nothing was written.");
            return Ok(());
        }
        results::write_import(&plan)
            .map_err(|e| report_error(ui, &e, Some(msg!("Nothing was written."))))?;
        if let Some(from) = &plan.copy_from {
            say!(ui, "Copied {} to {}.", from.display(), plan.dest.as_str());
        }
        if !plan.proposals.is_empty() {
            say!(
                ui,
                "Wrote the mapping of {} indicators into content/_data/results.yaml.",
                plan.proposals.len()
            );
        }
        say!(
            ui,
            "Next exports: put them in place of {}; the next build reads them.",
            plan.dest.as_str()
        );
        Ok(())
    }
}

/// The table's columns: letter, name, type, a few values.
fn show_columns(ui: Ui, t: &Table) {
    say!(
        ui,
        "{}: {} rows, {} columns:",
        t.file.as_str(),
        t.rows.len(),
        t.columns.len()
    );
    for (i, col) in t.columns.iter().enumerate() {
        let samples: Vec<String> = t
            .rows
            .iter()
            .map(|r| &r.cells[i])
            .filter(|c| **c != Cell::Empty)
            .take(3)
            .map(Cell::shown)
            .collect();
        let letter = crate::tables::letters(t.positions.get(i).copied().unwrap_or(i + 1));
        say!(
            ui,
            "  {}  {}, {}, e.g. {}",
            letter,
            col.name.as_str(),
            col.kind.name(),
            samples.join(" · ")
        );
    }
}

fn show_proposals(ui: Ui, plan: &ImportPlan) {
    let mapped: Vec<&str> = plan
        .before
        .indicators
        .iter()
        .filter(|i| i.table.as_ref().is_some_and(|t| t.table == plan.table.key))
        .map(|i| i.id.as_str())
        .collect();
    if !mapped.is_empty() {
        say!(
            ui,
            "Already taking their figures from this table: {}.",
            mapped.join(", ")
        );
    }
    if plan.proposals.is_empty() && !mapped.is_empty() {
        return;
    }
    if plan.proposals.is_empty() {
        say!(
            ui,
            "No indicator to map: none has counts named like these columns."
        );
        return;
    }
    say!(
        ui,
        "Proposed mapping (written into content/_data/results.yaml):"
    );
    for p in &plan.proposals {
        say!(ui, "  {}:", p.id.as_str());
        for (key, cols) in &p.source.counts {
            let cols: Vec<String> = cols.iter().map(|c| format!("\"{c}\"")).collect();
            say!(ui, "    {} from {}", key.as_str(), cols.join(" + "));
        }
        if let Some(u) = &p.source.by_unit {
            say!(ui, "    by unit: \"{}\"", u.as_str());
        }
        if let Some(m) = &p.source.by_month {
            say!(ui, "    by month: \"{}\"", m.as_str());
        }
    }
}

/// Each indicator mapped or whose figures change: before → after, with its status, as the
/// build would compute them.
fn show_preview(ui: Ui, plan: &ImportPlan) {
    let (before, after): (&Results, &Results) = (&plan.before, &plan.after);
    let changed: Vec<(&Indicator, &Indicator)> = after
        .indicators
        .iter()
        .filter_map(|a| {
            let b = before.indicators.iter().find(|b| b.id == a.id)?;
            let mapped = plan.proposals.iter().any(|p| p.id == a.id);
            let moved = b.total != a.total || b.breakdown != a.breakdown || b.series != a.series;
            (mapped || moved).then_some((b, a))
        })
        .collect();
    if changed.is_empty() {
        say!(ui, "The figures stay as they are.");
        return;
    }
    say!(ui, "Figures and statuses after the import:");
    for (b, a) in changed {
        say!(
            ui,
            "  {}: {} {}, after the import {} {}",
            a.id.as_str(),
            figure(b),
            b.status.text(),
            figure(a),
            a.status.text()
        );
    }
}

fn figure(ind: &Indicator) -> String {
    ind.total
        .as_ref()
        .and_then(|t| t.value)
        .map_or_else(|| "–".to_string(), |v| results::display_value(ind, v))
}

/// Asks "Write? [y/N]"; reads the answer from the terminal or from what is piped in.
fn confirm(ui: Ui, yes: bool) -> Result<bool, u8> {
    use std::io::{BufRead, IsTerminal};
    if yes {
        return Ok(true);
    }
    emit(
        std::io::stdout().lock(),
        &ui.text(&msg!("Write? [y/N] ")),
        "",
    );
    let mut answer = String::new();
    let read = std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|_| 2u8)?;
    // An answer piped in is an answer; nothing at all to read (a script, a scheduled task)
    // is nobody answering, which must not pass for "nothing to do".
    if read == 0 && !std::io::stdin().is_terminal() {
        emit(std::io::stdout().lock(), "", "\n");
        esay!(
            ui,
            "error: nobody answered: add --yes to write without asking. Nothing was written."
        );
        return Err(2);
    }
    Ok(matches!(
        answer.trim(),
        "y" | "Y" | "yes" | "có" | "c" | "C"
    ))
}
