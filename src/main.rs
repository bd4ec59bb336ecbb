//! The `thidua` binary: parse the command line, run it, exit with its code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    thidua::cli::Cli::parse().run()
}
