//! The benchmark's floor: the least any generator must do for the corpus — read every post,
//! turn its Markdown into HTML with pulldown-cmark, write one file per post — on all cores.
//! `cargo run --release --example floor -- CORPUS/plain/content/posts OUT` (OUT is replaced).
#![allow(clippy::print_stdout, clippy::unwrap_used, missing_docs)]

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (src, out) = (
        std::path::Path::new(&args[1]),
        std::path::Path::new(&args[2]),
    );
    let started = std::time::Instant::now();
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).unwrap();
    // Posts only: the section's `_index.md` is not a post.
    let files: Vec<_> = std::fs::read_dir(src)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    files.par_iter().for_each(|p| {
        let text = std::fs::read_to_string(p).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
        let dir = out.join(p.file_stem().unwrap());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), html).unwrap();
    });
    println!(
        "{} posts in {:.3} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
}
