//! A Markdown file's bytes through the public loader: decoding (BOM, CRLF, NFC, invalid
//! UTF-8), splitting at the `---` fences and validating page and section front matter.
//!
//! `thidua::load::front_matter::{split, parse_page, parse_section}` are `pub(crate)`, so the
//! bytes are written to a throwaway site and read back with `thidua::load::load_site` (and the
//! cross-file checks of `thidua::validate::validate_site`), the nearest public API.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use thidua::config::{Config, ConfigOverrides};
use thidua::diagnostic::BuildError;
use thidua::load::{LoadOptions, load_site};

struct Site {
    root: PathBuf,
    config: Config,
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let root = tempfile::Builder::new()
            .prefix("thidua-fuzz-front-matter-")
            .tempdir_in(base)
            .expect("temp dir")
            .keep();
        std::fs::create_dir_all(root.join("content/s")).expect("content dir");
        let config = Config::parse(
            "title: T\nbase_url: https://example.gov.vn/\n",
            &root,
            &ConfigOverrides::default(),
        )
        .expect("config");
        Site { root, config }
    })
}

fuzz_target!(|data: &[u8]| {
    let s = site();
    // The same bytes as a page and as a section's _index.md.
    std::fs::write(s.root.join("content/a.md"), data).expect("write page");
    std::fs::write(s.root.join("content/s/_index.md"), data).expect("write section");
    let text = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    for drafts in [false, true] {
        let opts = LoadOptions {
            drafts,
            future: drafts,
        };
        match load_site(s.config.clone(), opts) {
            Ok(loaded) => {
                if let Err(BuildError::Content(d)) = thidua::validate::validate_site(&loaded.site) {
                    common::check_locations(&d, text, 1, "validate");
                }
            }
            Err(BuildError::Content(d)) => {
                for x in &d {
                    assert!(
                        x.file == "content/a.md" || x.file == "content/s/_index.md",
                        "diagnostic about another file: {x}"
                    );
                }
                common::check_locations(&d, text, 1, "load");
            }
            Err(e) => panic!("not a content error: {e}"),
        }
    }
});
