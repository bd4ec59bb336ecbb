//! The house in order (issue 13): no dependency cycles between the modules of `src/`, checked
//! by `tools/deps.py` so a new cycle fails `cargo test`.

use std::path::Path;
use std::process::Command;

use crate::support;

#[test]
fn modules_have_no_dependency_cycles() {
    if !support::tool_available("python3", &["--version"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(root.join("tools/deps.py"))
        .arg(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "tools/deps.py found a cycle:\n{stderr}\n{stdout}"
    );
    assert!(stdout.contains("no cycles"), "{stdout}");
}

#[test]
fn a_cycle_fails_the_check() {
    if !support::tool_available("python3", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("render")).unwrap();
    std::fs::write(
        src.join("lib.rs"),
        "pub mod a;\npub mod b;\npub mod render;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("a.rs"),
        "use crate::b::B;\n// crate::c is a comment\n",
    )
    .unwrap();
    std::fs::write(
        src.join("b.rs"),
        "pub fn f() { crate::a::g(\"crate::z\") }\n",
    )
    .unwrap();
    std::fs::write(src.join("render/mod.rs"), "mod view;\nmod templates;\n").unwrap();
    std::fs::write(
        src.join("render/view.rs"),
        "use super::{templates::T, x};\n",
    )
    .unwrap();
    std::fs::write(
        src.join("render/templates.rs"),
        "use crate::render::view::V;\n",
    )
    .unwrap();
    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/deps.py"))
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cycle: a, b\n"), "{stderr}");
    assert!(
        stderr.contains("cycle: render::templates, render::view\n"),
        "{stderr}"
    );
}

/// Every Rust source file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.path().display().to_string(), text)
        })
        .collect()
}

/// The catalogue holds only sentences thidua says: each one (but the `--help` texts, which
/// are clap's doc comments) is written as a literal somewhere in `src/` outside the catalogue.
/// An entry left behind when a message is reworded or removed fails here.
#[test]
fn every_catalogue_sentence_is_used() {
    use thidua::messages::{Key, Lang};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let code: String = sources(&root.join("src"))
        .into_iter()
        .filter(|(path, _)| !path.contains("messages/catalogue"))
        .map(|(_, text)| text)
        .collect();
    let help = thidua::messages::catalogue::help::ENTRIES;
    let unused: Vec<&str> = Key::all()
        .map(|k| k.template(Lang::En))
        .filter(|en| !help.iter().any(|(h, _)| h == en))
        .filter(|en| {
            let literal = format!("\"{}\"", en.replace('\\', "\\\\").replace('"', "\\\""));
            !code.contains(&literal)
        })
        .collect();
    assert!(
        unused.is_empty(),
        "catalogue sentences nothing says:\n{unused:#?}"
    );
}

/// No sentence is printed by matching formatted English any more: every message is a key.
#[test]
fn no_message_is_translated_by_matching_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, text) in sources(&root.join("src")) {
        for banned in [
            "messages::translate(",
            "Text::Legacy",
            "impl From<String> for Text",
        ] {
            assert!(!text.contains(banned), "{path} still uses {banned}");
        }
    }
}
