//! thidua's integration tests: one binary, one tiny site per test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs,
    unreachable_pub
)]

mod support;

mod all_errors;
mod build;
mod campaign;
mod check;
mod cli;
mod content;
mod date_filter;
mod errors;
mod feeds;
mod guide;
mod hardening;
mod house;
mod identity;
mod images;
mod kill;
mod language;
mod lighthouse;
mod nginx;
mod phone;
mod posts;
mod publish;
mod quality;
mod results_agree;
mod robustness;
mod safety;
mod search;
mod serve;
mod server_load;
mod urls;
mod yaml_limits;
