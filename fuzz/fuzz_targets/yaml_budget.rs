//! The YAML budget (issue 12): no input of up to 64 KB may cost a second, whichever reader
//! takes it: `site.yaml` (as the whole file, and indented under `extra:`, where any YAML shape
//! is deserialised), campaign results and honourees. Alias bombs and deep nesting used to take
//! minutes and gigabytes; `src/yaml.rs` now refuses them before serde_yaml sees them.
#![no_main]

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;
use thidua::config::{Config, ConfigOverrides};

/// Generous for an AddressSanitizer build; a release build is ten times faster.
const BUDGET: Duration = Duration::from_secs(1);

/// Runs `f`, and again if it was over [`BUDGET`]: wall-clock time on a shared 2-core machine
/// spikes (a 24 KB honourees file once took 1.19 s with three fuzzers running, 0.38 s alone),
/// while a real blow-up is slow both times.
fn timed<T>(what: &str, len: usize, f: impl Fn() -> T) -> T {
    let mut took = Duration::MAX;
    let mut out = None;
    for _ in 0..2 {
        let started = Instant::now();
        out = Some(f());
        took = started.elapsed();
        if took < BUDGET {
            break;
        }
    }
    assert!(took < BUDGET, "{what}: {len} bytes took {took:?}, twice");
    out.expect("ran at least once")
}

fuzz_target!(|text: &str| {
    if text.len() > 64 * 1024 {
        return;
    }
    let root = std::path::Path::new("/site");
    let overrides = ConfigOverrides::default();
    if let Err(d) = timed("config", text.len(), || Config::parse(text, root, &overrides)) {
        common::check_locations(&d, text.as_bytes(), 1, "config");
    }
    let extra = format!(
        "title: T\nbase_url: https://example.gov.vn/\nextra:\n  {}\n",
        text.replace('\n', "\n  ")
    );
    if let Err(d) = timed("extra", extra.len(), || Config::parse(&extra, root, &overrides)) {
        common::check_locations(&d, extra.as_bytes(), 1, "extra");
    }
    if let Err(d) = timed("results", text.len(), || {
        thidua::campaign::results::parse(text, "f")
    }) {
        common::check_locations(&d, text.as_bytes(), 1, "results");
    }
    if let Err(d) = timed("honourees", text.len(), || {
        thidua::campaign::honourees::parse(text, "f", None)
    }) {
        common::check_locations(&d, text.as_bytes(), 1, "honourees");
    }
});
