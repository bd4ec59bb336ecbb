//! `content/_data/honourees.yaml`: parsing and validation, with and without the indicator
//! ids of results.yaml, must never panic, and every error must point inside the file.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for ids in [None, Some(&["ho-so-dung-han", "hai-long-quay"][..])] {
        if let Err(d) = thidua::campaign::honourees::parse(text, "f", ids) {
            common::check_locations(&d, text.as_bytes(), 1, "honourees");
        }
    }
});
