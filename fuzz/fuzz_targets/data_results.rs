//! `content/_data/results.yaml`: parsing and validation must never panic, and every error
//! must point inside the file.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(d) = thidua::campaign::results::parse(text, "f") {
        common::check_locations(&d, text.as_bytes(), 1, "results");
    }
});
