//! The command line's own tests: clap's consistency checks, and a Vietnamese text for every
//! help text.

use clap::CommandFactory;

use super::Cli;
use crate::messages::{Lang, localize_help};

#[test]
fn verify_cli() {
    Cli::command().debug_assert();
}

/// Every about and help text of every command and argument has a Vietnamese entry in the
/// catalogue: an option added without one fails here rather than printing English in the
/// Vietnamese help.
#[test]
fn every_help_text_is_in_vietnamese() {
    let mut en = Cli::command();
    en.build();
    let vi = localize_help(Cli::command(), Lang::Vi);
    let mut missing = Vec::new();
    compare(&en, &vi, &mut missing);
    assert!(missing.is_empty(), "no Vietnamese for: {missing:#?}");
}

/// Adds to `missing` every text of `en` (and of its arguments and subcommands) that `vi`
/// still has in English.
fn compare(en: &clap::Command, vi: &clap::Command, missing: &mut Vec<String>) {
    let name = en.get_name();
    let mut same = |what: String,
                    e: Option<&clap::builder::StyledStr>,
                    v: Option<&clap::builder::StyledStr>| {
        if let Some(e) = e {
            let e = e.to_string();
            if v.map(ToString::to_string).is_none_or(|v| v == e) {
                missing.push(format!("{what}: {e}"));
            }
        }
    };
    same(format!("{name} about"), en.get_about(), vi.get_about());
    same(
        format!("{name} long about"),
        en.get_long_about(),
        vi.get_long_about(),
    );
    for arg in en.get_arguments() {
        let id = arg.get_id();
        let other = vi.get_arguments().find(|a| a.get_id() == id);
        same(
            format!("{name} {id}"),
            arg.get_help(),
            other.and_then(clap::Arg::get_help),
        );
        same(
            format!("{name} {id} (long)"),
            arg.get_long_help(),
            other.and_then(clap::Arg::get_long_help),
        );
    }
    for sub in en.get_subcommands() {
        match vi.find_subcommand(sub.get_name()) {
            Some(other) => compare(sub, other, missing),
            None => missing.push(format!("{name} {}: no such subcommand", sub.get_name())),
        }
    }
}
