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

/// Phone-like test photos (also `cargo run --example phone_photos`).
#[path = "../../examples/phone_photos.rs"]
mod phone_photos;

mod all_errors;
mod build;
mod campaign;
mod check;
mod cli;
mod content;
mod convert;
mod date_filter;
mod editor;
mod editor_browser;
mod editor_data;
mod editor_data_browser;
mod editor_pending;
mod editor_room;
mod editor_server;
mod editor_stop;
mod editor_story;
mod editor_word;
mod errors;
mod feeds;
mod guide;
mod hardening;
mod highlights;
mod house;
mod identity;
mod images;
mod kill;
mod language;
mod lighthouse;
mod nginx;
mod phone;
mod photos_cache;
mod photos_links;
mod photos_serve;
mod photos_static;
mod platform;
mod posts;
mod print;
mod publish;
mod quality;
mod results_agree;
mod robustness;
mod safety;
mod search;
mod serve;
mod server_load;
mod share;
mod tables;
mod tables_errors;
mod tables_import;
mod urls;
mod windows;
mod yaml_limits;
