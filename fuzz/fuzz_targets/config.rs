//! `site.yaml` through `thidua::config::Config::parse` (the same YAML-to-diagnostic wording
//! as front matter): never panics, every error points inside the file.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use thidua::config::{Config, ConfigOverrides};

fuzz_target!(|text: &str| {
    if let Err(d) = Config::parse(
        text,
        std::path::Path::new("/site"),
        &ConfigOverrides::default(),
    ) {
        common::check_locations(&d, text.as_bytes(), 1, "config");
    }
});
