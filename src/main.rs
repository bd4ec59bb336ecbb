//! The `thidua` binary: parse the command line (its help in the user's language), run it,
//! exit with its code.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let lang = thidua::cli::language_from_args(&args);
    let cmd = thidua::messages::localize_help(thidua::cli::Cli::command(), lang);
    let cli = match thidua::cli::Cli::from_arg_matches(&cmd.get_matches_from(&args)) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    cli.run()
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
