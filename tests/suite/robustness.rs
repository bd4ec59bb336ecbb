//! Issue 6, robustness and security: every bad input is refused cleanly (exit 1, the source
//! file with line and column, a hint where one helps, no panic), the previous public/ is left
//! byte for byte as it was, nothing is written outside the output, and the sources under
//! content/, themes/, static/ and templates/ are never touched.
//!
//! Every message is pinned in full. Tests whose comment starts with "Regression" failed when
//! they were written (the comment says what thidua did then) and pass since the fixes to src/.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::support::{CONFIG, TestSite, snapshot_tree, text};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A site that built once (a home page and one post), so there is a public/ to protect.
fn built_site() -> TestSite {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "Chào.");
    s.page(
        "content/tin-tuc/bai-1.md",
        "title: Bài 1\ndate: 2023-01-01",
        "Nội dung.",
    );
    s.build();
    s
}

/// A listed path: a file's bytes and modification time, or `None` for a folder or symlink.
type Entry = (String, Option<(Vec<u8>, SystemTime)>);

/// Every entry under `dir` except the `skip` subtree: files with their bytes and modification
/// time, folders and symlinks by name (so stray empty folders and rewrites show too).
fn listing(dir: &Path, skip: &[&str]) -> Vec<Entry> {
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            !skip.iter().any(|s| rel == Path::new(s))
        });
    for e in walker {
        let e = e.expect("walk");
        let rel = e
            .path()
            .strip_prefix(dir)
            .expect("prefix")
            .to_string_lossy()
            .into_owned();
        if e.file_type().is_file() {
            let meta = e.metadata().expect("metadata");
            let bytes = std::fs::read(e.path()).expect("read");
            out.push((rel, Some((bytes, meta.modified().expect("mtime")))));
        } else {
            out.push((rel, None));
        }
    }
    out
}

/// The site's sources: everything but public/ and thidua's own folder `.thidua/` (its caches
/// of share cards and photos, which a build fills).
fn sources(root: &Path) -> Vec<Entry> {
    listing(root, &["public", ".thidua"])
}

/// Content errors from the library, as printed.
fn lib_errors(root: &Path) -> Vec<String> {
    let opts = thidua::BuildOptions {
        root: root.to_path_buf(),
        ..thidua::BuildOptions::default()
    };
    match thidua::build(&opts) {
        Ok(_) => panic!("expected the build of {} to fail", root.display()),
        Err(thidua::diagnostic::BuildError::Content(d)) => {
            d.iter().map(ToString::to_string).collect()
        }
        Err(e) => vec![format!("(not a content error) {e}")],
    }
}

/// Runs the thidua binary in `dir`, killing it after `limit` (a hang is a failure).
fn thidua_in(dir: &Path, args: &[&str], env: &[(&str, &Path)], limit: Duration) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_thidua"));
    cmd.args(args)
        .current_dir(dir)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_bounded(cmd, limit)
}

fn run_bounded(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn thidua");
    let mut so = child.stdout.take().expect("stdout");
    let mut se = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {limit:?} (a hang)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().expect("stdout thread"),
        stderr: err.join().expect("stderr thread"),
    }
}

/// No staging folder or other thidua leftovers beside the output.
fn assert_no_leftovers(dir: &Path) {
    let leftovers: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // `.thidua/` is the site's cache folder, kept on purpose (share cards, photos).
        .filter(|n| n.contains("thidua") && n != ".thidua")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

/// The bad input just written is refused: exactly `expected` from the library; exit 1 from the
/// binary, with the same lines and the summary; no panic; public/ and the sources unchanged.
fn assert_rejected(root: &Path, expected: &[&str]) {
    let public = snapshot_tree(&root.join("public"));
    let src = sources(root);
    assert_eq!(lib_errors(root), expected);
    let out = thidua_in(root, &["build"], &[], Duration::from_secs(60));
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for line in expected {
        assert!(
            err.lines().any(|l| l == *line),
            "the binary did not print {line:?}:\n{err}"
        );
    }
    assert!(
        err.contains("Build failed: ") && err.contains("public/ was not changed."),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        snapshot_tree(&root.join("public")),
        public,
        "public/ changed"
    );
    assert!(sources(root) == src, "the sources changed");
    assert_no_leftovers(root);
}

/// A site one level down in its own temporary folder, so anything written outside the site
/// (or outside its output) shows up as a stray entry in the outer folder.
struct Nested {
    outer: tempfile::TempDir,
}

impl Nested {
    fn new() -> Nested {
        let n = Nested {
            outer: tempfile::tempdir().expect("temp dir"),
        };
        n.write("site.yaml", CONFIG);
        n.page("content/_index.md", "title: Trang chủ", "Chào.");
        n.page("content/tin-tuc/bai-1.md", "title: Bài 1", "Nội dung.");
        let opts = thidua::BuildOptions {
            root: n.root(),
            ..thidua::BuildOptions::default()
        };
        thidua::build(&opts).expect("first build");
        n
    }

    fn root(&self) -> PathBuf {
        self.outer.path().join("site")
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    fn page(&self, rel: &str, front: &str, body: &str) {
        self.write(rel, &format!("---\n{front}\n---\n{body}"));
    }

    /// Everything in the outer folder except the output and thidua's own folder (its caches).
    fn outside(&self) -> Vec<Entry> {
        listing(self.outer.path(), &["site/public", "site/.thidua"])
    }

    /// Builds with the binary and checks nothing appeared or changed outside public/ except
    /// the one file the test wrote.
    fn assert_nothing_written_outside(&self, before: &[Entry]) {
        let _ = thidua_in(&self.root(), &["build"], &[], Duration::from_secs(60));
        let after = self.outside();
        assert!(
            after == before,
            "entries outside public/ changed: {:?}",
            after
                .iter()
                .map(|(n, _)| n.as_str())
                .filter(|n| !before.iter().any(|(b, _)| b == n))
                .collect::<Vec<_>>()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------------------

#[test]
fn front_matter_not_closed() {
    let s = built_site();
    s.write("content/a.md", "---\ntitle: A\nNội dung.\n");
    assert_rejected(
        s.root(),
        &[
            "content/a.md:1:1: front matter: the front matter is not closed (add a line \"---\" after the last front matter field)",
        ],
    );
}

#[test]
fn front_matter_invalid_yaml_unclosed_list() {
    let s = built_site();
    s.write(
        "content/a.md",
        "---\ntitle: A\ntags: [a, b\n---\nNội dung.\n",
    );
    assert_rejected(
        s.root(),
        &[
            "content/a.md:3:12: front matter: invalid YAML: did not find expected ',' or ']' (close the list with \"]\")",
        ],
    );
}

/// Regression: thidua printed `content/a.md:3:1: front matter: invalid YAML: found unexpected
/// end of stream`: line 3 is the closing `---`, and the words did not say that a quote is open.
/// serde_yaml's message carries the real place ("while scanning a quoted scalar at line 1
/// column 8"), but `yaml::strip_position` cut it off at the first " at line ".
#[test]
fn front_matter_unclosed_quote_points_at_the_quote() {
    let s = built_site();
    s.write("content/a.md", "---\ntitle: \"Bài một\n---\nNội dung.\n");
    assert_rejected(
        s.root(),
        &[
            "content/a.md:2:8: front matter: invalid YAML: the quoted text is not closed (add the closing quote mark at the end of the value)",
        ],
    );
}

#[test]
fn front_matter_tab_at_the_start_of_a_key() {
    let s = built_site();
    s.write("content/a.md", "---\ntitle: A\n\tdate: 2023-01-01\n---\n");
    assert_rejected(
        s.root(),
        &[
            "content/a.md:3:1: front matter: a tab is used for indentation (YAML needs spaces: replace the tab with spaces)",
        ],
    );
}

/// Regression: a tab indenting a nested key (the common case: `extra:` then a tabbed line) gave
/// `content/a.md:4:1: front matter: invalid YAML: found character that cannot start any token`
/// instead of the tab message the top-level case gets.
#[test]
fn front_matter_tab_indenting_a_nested_key() {
    let s = built_site();
    s.write("content/a.md", "---\ntitle: A\nextra:\n\tmau: do\n---\n");
    assert_rejected(
        s.root(),
        &[
            "content/a.md:4:1: front matter: a tab is used for indentation (YAML needs spaces: replace the tab with spaces)",
        ],
    );
}

#[test]
fn front_matter_list_where_text_is_expected() {
    let s = built_site();
    s.write("content/a.md", "---\ntitle: [a, b]\n---\n");
    assert_rejected(
        s.root(),
        &["content/a.md:2:8: front matter: \"title\" must be text, found a list"],
    );
}

#[test]
fn front_matter_missing_title() {
    let s = built_site();
    s.write("content/a.md", "---\ndate: 2023-01-01\n---\nNội dung.\n");
    assert_rejected(
        s.root(),
        &["content/a.md:2:1: front matter: missing required field \"title\""],
    );
}

#[test]
fn front_matter_impossible_date() {
    let s = built_site();
    s.write("content/a.md", "---\ntitle: A\ndate: 2023-02-30\n---\n");
    assert_rejected(
        s.root(),
        &["content/a.md:3:7: front matter: \"date\" is not a real date or time: \"2023-02-30\""],
    );
}

#[test]
fn front_matter_day_month_year_date() {
    let s = built_site();
    s.write("content/a.md", "---\ntitle: A\ndate: 30/02/2023\n---\n");
    assert_rejected(
        s.root(),
        &[
            "content/a.md:3:7: front matter: \"date\" must look like 2024-05-31, found \"30/02/2023\"",
        ],
    );
    // A real day written the Vietnamese way gets the ISO spelling as a hint.
    s.write("content/a.md", "---\ntitle: A\ndate: 28/02/2023\n---\n");
    assert_rejected(
        s.root(),
        &[
            "content/a.md:3:7: front matter: \"date\" must look like 2024-05-31, found \"28/02/2023\" (write \"2023-02-28\")",
        ],
    );
}

#[test]
fn front_matter_unknown_key() {
    let s = built_site();
    s.write("content/a.md", "---\ntitle: A\ndescripton: Mô tả\n---\n");
    assert_rejected(
        s.root(),
        &[
            "content/a.md:3:1: front matter: unknown field \"descripton\" (did you mean \"description\"?)",
        ],
    );
}

/// Regression: a key given twice was reported at the start of the front matter
/// (`content/a.md:2:1: front matter: field "title" is given twice`), i.e. at the *first*
/// `title`; the author has to hunt for the second one on line 4. (Data files and site.yaml
/// have the same problem: the location is the start of the enclosing mapping.)
#[test]
fn front_matter_key_given_twice_points_at_the_repeat() {
    let s = built_site();
    s.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2023-01-01\ntitle: B\n---\n",
    );
    assert_rejected(
        s.root(),
        &["content/a.md:4:1: front matter: field \"title\" is given twice"],
    );
}

// ---------------------------------------------------------------------------------------------
// Text encodings, sizes, nesting
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_after_vietnamese_text_names_line_column_and_byte_offset() {
    let s = built_site();
    // "---\n" (4) + "title: Bài\n" (12) + "---\n" (4) + "một\n" (6) + "hai " (4) = byte 30.
    s.write_bytes(
        "content/a.md",
        b"---\ntitle: B\xC3\xA0i\n---\nm\xE1\xBB\x99t\nhai \xFF ba\n",
    );
    assert_rejected(
        s.root(),
        &[
            "content/a.md:5:5: text: invalid UTF-8 byte 0xFF at byte offset 30 (save the file as \"UTF-8\" in your editor)",
        ],
    );
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

#[test]
fn utf16_files_are_named() {
    let s = built_site();
    s.write_bytes(
        "content/a.md",
        &utf16le_with_bom("---\ntitle: Bài một\n---\nNội dung.\n"),
    );
    assert_rejected(
        s.root(),
        &[
            "content/a.md:1:1: text: the file is UTF-16, not UTF-8 (save it again as \"UTF-8\" in your editor)",
        ],
    );
    // Big-endian with its BOM, as a data file.
    std::fs::remove_file(s.root().join("content/a.md")).unwrap();
    let mut be = vec![0xFE, 0xFF];
    for u in "a: 1\n".encode_utf16() {
        be.extend_from_slice(&u.to_be_bytes());
    }
    s.write_bytes("content/_data/other.yaml", &be);
    assert_rejected(
        s.root(),
        &[
            "content/_data/other.yaml:1:1: text: the file is UTF-16, not UTF-8 (save it again as \"UTF-8\" in your editor)",
        ],
    );
}

#[test]
fn utf16_site_yaml_is_named() {
    let s = built_site();
    s.write_bytes("site.yaml", &utf16le_with_bom(CONFIG));
    assert_rejected(
        s.root(),
        &[
            "site.yaml:1:1: text: the file is UTF-16, not UTF-8 (save it again as \"UTF-8\" in your editor)",
        ],
    );
}

#[test]
fn bom_crlf_nfd_and_to_hop_files_build() {
    let s = TestSite::new();
    // A UTF-8 BOM and Windows line endings (Notepad), in a page and in site.yaml.
    s.write_bytes(
        "content/bom-crlf.md",
        "\u{FEFF}---\r\ntitle: \"Bài có BOM\"\r\ndate: 2023-01-02\r\n---\r\nDòng một.\r\n\r\n## Kết quả\r\n"
            .as_bytes(),
    );
    s.write_bytes(
        "site.yaml",
        format!("\u{FEFF}{}", CONFIG.replace('\n', "\r\n")).as_bytes(),
    );
    // NFD (macOS, some editors): every letter decomposed.
    let nfd = "---\ntitle: \"Hài lòng người dân\"\n---\nTiếng Việt đúng hạn.\n";
    let nfd: String = unicode_nfd(nfd);
    s.write("content/nfd.md", &nfd);
    // "Tổ hợp" (Unikey's combining mode): a precomposed base letter with a combining tone.
    s.write(
        "content/to-hop.md",
        "---\ntitle: \"Ha\u{300}i lo\u{300}ng ngươ\u{300}i dân\"\n---\nTiê\u{301}ng Viê\u{323}t.\n",
    );
    let report = s.build();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let hint = "(set your keyboard (e.g. Unikey) to \"Unicode dựng sẵn\")";
    assert_eq!(
        warnings,
        [
            format!(
                "content/nfd.md: warning: text: Vietnamese text is not in the standard composed form (NFC); it was normalised {hint}"
            ),
            format!(
                "content/to-hop.md: warning: text: Vietnamese text is not in the standard composed form (NFC); it was normalised {hint}"
            ),
        ]
    );
    let page = s.read("bom-crlf/index.html");
    assert!(page.contains("<h1>Bài có BOM</h1>") || page.contains("Bài có BOM"));
    assert!(page.contains("<p>Dòng một.</p>"), "{page}");
    assert!(page.contains("id=\"ket-qua\""), "{page}");
    assert!(!page.contains('\r'));
    assert!(!page.contains('\u{FEFF}'));
    let nfd_page = s.read("nfd/index.html");
    assert!(
        nfd_page.contains("Hài lòng người dân"),
        "NFC title expected"
    );
    assert!(nfd_page.contains("Tiếng Việt đúng hạn."));
    assert!(s.read("to-hop/index.html").contains("Tiếng Việt."));
    // The site title from the BOM + CRLF site.yaml.
    assert!(s.read("index.html").contains("Thử nghiệm"));
}

/// NFD without a dependency: decompose the few Vietnamese letters the tests use.
fn unicode_nfd(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let d: &str = match c {
            'à' => "a\u{300}",
            'ò' => "o\u{300}",
            'ờ' => "o\u{31B}\u{300}",
            'ế' => "e\u{302}\u{301}",
            'ệ' => "e\u{323}\u{302}",
            'ú' => "u\u{301}",
            'ạ' => "a\u{323}",
            'â' => "a\u{302}",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(d);
    }
    assert_ne!(out, s, "nothing was decomposed");
    out
}

#[test]
fn empty_markdown_file() {
    let s = built_site();
    s.write("content/a.md", "");
    assert_rejected(
        s.root(),
        &[
            "content/a.md:1:1: front matter: the file does not start with front matter (begin with a line \"---\", then \"title: …\", then another \"---\")",
        ],
    );
}

#[test]
fn fifty_megabyte_markdown_file_builds_in_reasonable_time() {
    let s = TestSite::new();
    let block = "## Mục NUM\n\nTrung tâm Phục vụ hành chính công tỉnh Lạng Sơn tiếp nhận **hồ sơ** đúng hạn, \
                 [liên kết](https://example.gov.vn/) và *nhấn mạnh*.\n\n- một\n- hai\n\n";
    let mut body = String::with_capacity(51 * 1024 * 1024);
    body.push_str("---\ntitle: \"Một tệp rất lớn\"\n---\n");
    let mut i = 0;
    while body.len() < 50 * 1024 * 1024 {
        body.push_str(&block.replace("NUM", &i.to_string()));
        i += 1;
    }
    s.write("content/lon.md", &body);
    drop(body);
    let started = Instant::now();
    let out = thidua_in(s.root(), &["build"], &[], Duration::from_secs(120));
    let took = started.elapsed();
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(took < Duration::from_secs(90), "50 MB took {took:?}");
    let page = std::fs::read(s.public().join("lon/index.html")).unwrap();
    assert!(page.len() > 50 * 1024 * 1024);
    let tail = String::from_utf8_lossy(&page[page.len() - 200_000..]).into_owned();
    assert!(
        tail.contains(&format!("id=\"muc-{}\"", i - 1)),
        "the last heading is missing"
    );
}

/// Builds `body` as a page with the binary (so a stack overflow cannot take the test runner
/// down); it must succeed or fail with a clean error, within the time limit.
fn deep_page_builds_or_fails_cleanly(body: &str, expect_tag: &str, levels: usize) {
    assert!(
        levels > 0 && !expect_tag.is_empty(),
        "an expectation of nothing cannot fail"
    );
    let s = TestSite::new();
    s.page("content/sau.md", "title: Sâu", body);
    let out = thidua_in(s.root(), &["build"], &[], Duration::from_secs(60));
    let (stdout, stderr) = text(&out);
    assert!(
        !stderr.contains("overflow") && !stderr.contains("panicked"),
        "{stderr}"
    );
    match out.status.code() {
        Some(0) => {
            let html = s.read("sau/index.html");
            assert!(
                html.matches(expect_tag).count() >= levels,
                "{} levels of {expect_tag} expected",
                levels
            );
        }
        Some(1) => assert!(stderr.contains("content/sau.md"), "{stderr}"),
        other => panic!("crashed ({other:?}, signal?): {stdout}{stderr}"),
    }
}

#[test]
fn ten_thousand_nested_list_items() {
    let body = format!("{}x\n", "- ".repeat(10_000));
    deep_page_builds_or_fails_cleanly(&body, "<ul>", 10_000);
}

#[test]
fn ten_thousand_nested_block_quotes() {
    let body = format!("{}x\n", "> ".repeat(10_000));
    deep_page_builds_or_fails_cleanly(&body, "<blockquote>", 10_000);
    let body = format!("{}x\n", ">".repeat(10_000));
    deep_page_builds_or_fails_cleanly(&body, "<blockquote>", 10_000);
}

#[test]
fn ten_thousand_nested_brackets_and_emphasis() {
    // No link definitions: the brackets stay as text, all of them.
    let text = format!("{}x{}", "[".repeat(10_000), "]".repeat(10_000));
    deep_page_builds_or_fails_cleanly(&format!("{text}\n"), &text, 1);
    // 10,000 asterisks each side pair up into 5,000 nested <strong>.
    let body = format!("{}x{}\n", "*".repeat(10_000), "*".repeat(10_000));
    deep_page_builds_or_fails_cleanly(&body, "<strong>", 5_000);
}

#[test]
fn deeply_nested_yaml_data_is_refused_cleanly() {
    let s = built_site();
    s.write(
        "content/_data/sau.yaml",
        &format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    );
    assert_rejected(
        s.root(),
        &[
            "content/_data/sau.yaml:1:68: data: the data is nested more than 64 levels deep \
           (put fewer lists and mappings inside each other)",
        ],
    );
}

#[test]
fn yaml_alias_bomb_is_refused_cleanly() {
    let s = built_site();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..30 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    s.write("content/_data/bom.yaml", &bomb);
    let started = Instant::now();
    assert_rejected(
        s.root(),
        &[
            "content/_data/bom.yaml:6:15: data: the alias \"*a4\" makes the data too large: \
           aliases may add at most 200000 values (write the values out, or use fewer aliases)",
        ],
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

/// Regression: `summary()` (used for list pages) cut at the first line reading `<!-- more -->`
/// even inside a fenced code block, while the page itself (rightly) did not: the section
/// list showed "Cách dùng:" followed by an empty `<pre><code></code></pre>`.
#[test]
fn more_marker_inside_a_code_block_is_not_a_summary_cut() {
    let s = TestSite::new();
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page(
        "content/tin-tuc/a.md",
        "title: Hướng dẫn\ndate: 2023-01-01",
        "Cách dùng:\n\n```\n<!-- more -->\nDòng sau\n```\n\nHết.\n",
    );
    s.build();
    let list = s.read("tin-tuc/index.html");
    assert!(
        !list.contains("<pre><code></code></pre>"),
        "the list's summary was cut inside the code block"
    );
}

// ---------------------------------------------------------------------------------------------
// Paths: nothing is written outside the output
// ---------------------------------------------------------------------------------------------

#[test]
fn slug_with_dot_dot_is_refused() {
    let n = Nested::new();
    n.page("content/a.md", "title: A\nslug: ../../thoat", "");
    let before = n.outside();
    assert_rejected(
        &n.root(),
        &[
            "content/a.md:3:7: front matter: \"slug\" \"../../thoat\" is not a single URL segment (use letters, digits and dashes, e.g. \"le-phat-dong\")",
        ],
    );
    n.assert_nothing_written_outside(&before);
}

#[test]
fn slug_with_a_slash_is_refused() {
    let n = Nested::new();
    n.page("content/a.md", "title: A\nslug: tin-tuc/a", "");
    assert_rejected(
        &n.root(),
        &[
            "content/a.md:3:7: front matter: \"slug\" \"tin-tuc/a\" is not a single URL segment (use letters, digits and dashes, e.g. \"le-phat-dong\")",
        ],
    );
}

#[test]
fn absolute_slug_is_refused() {
    let n = Nested::new();
    n.page("content/a.md", "title: A\nslug: /tmp/thoat", "");
    let before = n.outside();
    assert_rejected(
        &n.root(),
        &[
            "content/a.md:3:7: front matter: \"slug\" \"/tmp/thoat\" is not a single URL segment (use letters, digits and dashes, e.g. \"le-phat-dong\")",
        ],
    );
    n.assert_nothing_written_outside(&before);
}

#[test]
fn encoded_dots_in_a_slug_are_just_text() {
    let n = Nested::new();
    n.page("content/a.md", "title: A\nslug: \"%2e%2e\"", "");
    let before = n.outside();
    n.assert_nothing_written_outside(&before);
    assert!(n.root().join("public/2e-2e/index.html").is_file());
}

#[test]
fn aliases_that_climb_out_are_refused() {
    let n = Nested::new();
    n.page("content/a.md", "title: A\naliases: [\"../../thoat/\"]", "");
    n.page("content/b.md", "title: B\naliases: ['\\..\\thoat']", "");
    n.page(
        "content/c.md",
        "title: C\naliases: [\"C:/Windows/thoat\"]",
        "",
    );
    let before = n.outside();
    assert_rejected(
        &n.root(),
        &[
            "content/a.md:3:11: front matter: alias \"../../thoat/\" is not a path inside the site (write it like \"/tin-tuc/ten-cu/\", without \"..\" or \"\\\")",
            "content/b.md:3:11: front matter: alias \"\\..\\thoat\" is not a path inside the site (write it like \"/tin-tuc/ten-cu/\", without \"..\" or \"\\\")",
            "content/c.md:3:11: front matter: alias \"C:/Windows/thoat\" is not a path inside the site (write it like \"/tin-tuc/ten-cu/\", without \"..\" or \"\\\")",
        ],
    );
    n.assert_nothing_written_outside(&before);
}

/// Absolute-looking aliases are site paths: they land inside public/, never at the real path.
#[test]
fn absolute_aliases_stay_inside_the_output() {
    let n = Nested::new();
    n.page(
        "content/a.md",
        "title: A\naliases: [\"/etc/passwd\", \"//thoat/x/\"]",
        "",
    );
    let before = n.outside();
    n.assert_nothing_written_outside(&before);
    let public = n.root().join("public");
    assert!(public.join("etc/passwd/index.html").is_file());
    assert!(public.join("thoat/x/index.html").is_file());
    let redirect = std::fs::read_to_string(public.join("etc/passwd/index.html")).unwrap();
    assert!(redirect.contains("/a/"), "{redirect}");
}

/// Regression: the location was the `aliases:` key (3:1), not the bad item two lines below it.
#[test]
fn bad_alias_in_a_block_list_is_reported_at_its_item() {
    let n = Nested::new();
    n.page(
        "content/a.md",
        "title: A\naliases:\n  - /cu/a/\n  - ../thoat/",
        "",
    );
    assert_rejected(
        &n.root(),
        &[
            "content/a.md:5:5: front matter: alias \"../thoat/\" is not a path inside the site (write it like \"/tin-tuc/ten-cu/\", without \"..\" or \"\\\")",
        ],
    );
}

/// Regression: an alias ending in `.html` (the usual shape of an old CMS URL) is written to
/// `cu/bai-cu.htmlindex.html`: `render::alias_redirects` kept `/cu/bai-cu.html` as the path
/// and `output_file` appended `index.html` to it.
#[test]
fn alias_ending_in_html_is_written_at_that_file() {
    let n = Nested::new();
    n.page(
        "content/a.md",
        "title: A\naliases: [\"/cu/bai-cu.html\"]",
        "",
    );
    let before = n.outside();
    n.assert_nothing_written_outside(&before);
    let public = n.root().join("public");
    let written: Vec<String> = std::fs::read_dir(public.join("cu"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(written, ["bai-cu.html"]);
}

#[test]
fn two_pages_with_the_same_slug_name_both_files() {
    let s = built_site();
    s.page("content/a.md", "title: A\nslug: trung", "");
    s.page("content/b.md", "title: B\nslug: trung", "");
    assert_rejected(
        s.root(),
        &[
            "content/b.md:3:7: url: the URL /trung/ is also written by content/a.md (give one of them another \"slug\" or file name)",
        ],
    );
}

#[test]
fn a_page_and_a_bundle_with_the_same_url_name_both_files() {
    let s = built_site();
    s.page("content/x.md", "title: A", "");
    s.page("content/x/index.md", "title: B", "");
    assert_rejected(
        s.root(),
        &[
            "content/x.md: url: the URL /x/ is also written by content/x/index.md (give one of them another \"slug\" or file name)",
        ],
    );
}

#[test]
fn an_alias_over_a_page_names_both_files() {
    let s = built_site();
    s.page(
        "content/a.md",
        "title: A\naliases: [\"/tin-tuc/bai-1/\"]",
        "",
    );
    assert_rejected(
        s.root(),
        &[
            "content/a.md: url: the alias /tin-tuc/bai-1/ is also written by content/tin-tuc/bai-1.md (give one of them another \"slug\" or file name)",
        ],
    );
}

#[test]
fn file_names_with_spaces_and_vietnamese_work() {
    let s = TestSite::new();
    s.page("content/Tin tức/_index.md", "title: Tin tức", "");
    s.page(
        "content/Tin tức/Bài viết mới.md",
        "title: Bài viết mới",
        "[về trang](<@/có dấu cách.md>)",
    );
    s.page("content/có dấu cách.md", "title: Có dấu cách", "");
    // A file name typed in NFD (as macOS saves it) gets the same URL.
    s.page(
        &format!("content/{}", unicode_nfd("Hài lòng.md")),
        "title: Hài lòng",
        "",
    );
    s.build();
    assert!(s.exists("tin-tuc/bai-viet-moi/index.html"));
    assert!(s.exists("co-dau-cach/index.html"));
    assert!(s.exists("hai-long/index.html"));
    assert!(
        s.read("tin-tuc/bai-viet-moi/index.html")
            .contains("href=\"/co-dau-cach/\"")
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_content_is_an_error_not_a_hang() {
    let s = built_site();
    std::fs::create_dir_all(s.root().join("content/a")).unwrap();
    std::os::unix::fs::symlink("..", s.root().join("content/a/vong")).unwrap();
    assert_rejected(
        s.root(),
        &[
            "content/a/vong: content: a symbolic link points back to a folder that contains it (a loop): remove the link or point it elsewhere",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_to_each_other_are_an_error_not_a_hang() {
    let s = built_site();
    std::os::unix::fs::symlink("b", s.root().join("content/a")).unwrap();
    std::os::unix::fs::symlink("a", s.root().join("content/b")).unwrap();
    assert_rejected(
        s.root(),
        &[
            "content/a: content: cannot be read: Too many levels of symbolic links (os error 40)",
            "content/b: content: cannot be read: Too many levels of symbolic links (os error 40)",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

#[test]
fn template_block_never_closed() {
    let s = built_site();
    s.write(
        "templates/page.html",
        "<h1>{{ page.title }}</h1>\n{% if page.date %}\n",
    );
    assert_rejected(
        s.root(),
        &["templates/page.html:3:1: template: Unexpected end of input"],
    );
}

#[test]
fn template_tag_never_closed() {
    let s = built_site();
    s.write("templates/page.html", "<h1>{{ page.title }</h1>\n");
    assert_rejected(
        s.root(),
        &["templates/page.html:1:19: template: Found `}` but expected }}."],
    );
}

#[test]
fn template_unknown_variable() {
    let s = built_site();
    s.write(
        "templates/page.html",
        "<h1>{{ page.title }}</h1>\n<p>{{ khong_co }}</p>\n",
    );
    assert_rejected(
        s.root(),
        &[
            "templates/page.html:2:7: template: Variable `khong_co` is not defined. Available variables: current_path, data, i18n, page, site (while rendering content/tin-tuc/bai-1.md)",
        ],
    );
}

/// Regression: the error had no line and column, although the bad value is at content/a.md:3:11
/// (`template: khong-co.html`). thidua printed `content/a.md: template: template
/// "khong-co.html" does not exist (…)`. (errors.rs::missing_template_is_named pins the
/// location-less form and will need the same update.)
#[test]
fn missing_template_points_at_the_template_field() {
    let s = built_site();
    s.page("content/a.md", "title: A\ntemplate: khong-co.html", "");
    assert_rejected(
        s.root(),
        &[
            "content/a.md:3:11: template: template \"khong-co.html\" does not exist (add it to templates/ or to the theme, or fix the \"template\" field)",
        ],
    );
}

/// Regression: no line and column, although `theme: khong-co` is at site.yaml:3:8. thidua printed
/// `site.yaml: config: unknown theme "khong-co": …`. (errors.rs::unknown_theme_is_named pins
/// the location-less form.)
#[test]
fn unknown_theme_points_at_the_theme_field() {
    let s = built_site();
    s.write("site.yaml", &format!("{CONFIG}theme: khong-co\n"));
    assert_rejected(
        s.root(),
        &[
            "site.yaml:3:8: config: unknown theme \"khong-co\": there is no folder themes/khong-co (expected one of \"default\")",
        ],
    );
}

#[test]
fn template_that_includes_itself() {
    let s = built_site();
    s.write(
        "templates/page.html",
        "<h1>{{ page.title }}</h1>\n{% include \"page.html\" %}\n",
    );
    assert_rejected(
        s.root(),
        &[
            "templates/page.html: template: templates include each other in a circle: page.html → page.html",
        ],
    );
}

#[test]
fn partials_that_include_each_other() {
    let s = built_site();
    s.write(
        "templates/page.html",
        "<h1>{{ page.title }}</h1>\n{% include \"partials/mot.html\" %}\n",
    );
    s.write(
        "templates/partials/mot.html",
        "{% include \"partials/hai.html\" %}\n",
    );
    s.write(
        "templates/partials/hai.html",
        "{% include \"partials/mot.html\" %}\n",
    );
    assert_rejected(
        s.root(),
        &[
            "templates/partials/mot.html: template: templates include each other in a circle: page.html → partials/mot.html → partials/hai.html → partials/mot.html",
        ],
    );
}

#[test]
fn template_that_extends_itself() {
    let s = built_site();
    s.write("templates/page.html", "{% extends \"page.html\" %}\n");
    assert_rejected(
        s.root(),
        &["templates/page.html: template: templates extend each other in a circle: page.html"],
    );
}

// ---------------------------------------------------------------------------------------------
// Campaign data
// ---------------------------------------------------------------------------------------------

const RESULTS_HEAD: &str = "schema_version: 1
sample: true
campaign: {id: c, name: \"Đợt thi đua\"}
units:
  - {id: so-tu-phap, name: \"Sở Tư pháp\"}
indicators:
";

/// One indicator, 7 lines; NUM and DEN are the counts.
const INDICATOR: &str = "  - id: ho-so-dung-han
    name: \"Tỷ lệ hồ sơ trả đúng hạn\"
    group: tien-do-ket-qua
    unit: \"%\"
    targets: [{metric: value, op: \">\", value: 99}]
    formula: {type: ratio, numerator: dung_han, denominator: da_giai_quyet, scale: 100}
    total: {counts: {da_giai_quyet: DEN, dung_han: NUM}}
";

fn indicator(num: &str, den: &str) -> String {
    INDICATOR.replace("NUM", num).replace("DEN", den)
}

#[test]
fn results_valid_file_builds() {
    let s = built_site();
    s.write(
        "content/_data/results.yaml",
        &format!("{RESULTS_HEAD}{}", indicator("99", "100")),
    );
    s.build();
}

#[test]
fn results_wrong_type() {
    let s = built_site();
    s.write(
        "content/_data/results.yaml",
        &format!("{RESULTS_HEAD}{}", indicator("99", "\"một trăm\"")),
    );
    assert_rejected(
        s.root(),
        &[
            "content/_data/results.yaml:13:37: data: \"indicators[0].total.counts.da_giai_quyet\" must be a number, found the text \"một trăm\"",
        ],
    );
    s.write(
        "content/_data/results.yaml",
        "schema_version: 1\ncampaign: {id: c, name: x}\nindicators: {a: 1}\n",
    );
    assert_rejected(
        s.root(),
        &["content/_data/results.yaml:3:13: data: \"indicators\" must be a list, found a mapping"],
    );
}

#[test]
fn results_duplicate_ids() {
    let s = built_site();
    let one = indicator("99", "100");
    s.write(
        "content/_data/results.yaml",
        &format!("{RESULTS_HEAD}{one}{one}"),
    );
    assert_rejected(
        s.root(),
        &[
            "content/_data/results.yaml:14:9: data: indicators[1].id: the id \"ho-so-dung-han\" is used twice",
        ],
    );
}

#[test]
fn results_numerator_above_denominator() {
    let s = built_site();
    s.write(
        "content/_data/results.yaml",
        &format!("{RESULTS_HEAD}{}", indicator("120", "100")),
    );
    assert_rejected(
        s.root(),
        &[
            "content/_data/results.yaml:13:52: data: indicators[0].total.counts.dung_han: the numerator \"dung_han\" (120) is larger than the denominator (100)",
        ],
    );
}

const HONOUREES_HEAD: &str = "schema_version: 1
sample: true
decisions:
  - id: qd-1
    so_ky_hieu: \"999/QĐ-VP\"
    ngay_ban_hanh: \"2023-11-15\"
    co_quan_ban_hanh: \"Văn phòng UBND tỉnh Lạng Sơn\"
    trich_yeu: \"Về việc tặng Giấy khen\"
    hinh_thuc: giay-khen
enums:
  hinh_thuc:
    giay-khen: \"Giấy khen\"
honourees:
";

fn person(id: &str, stt: &str, name: &str) -> String {
    format!(
        "  - {{id: {id}, decision: qd-1, stt: {stt}, loai: ca-nhan, ho_ten: \"{name}\", don_vi: \"Sở Tư pháp\", thanh_tich: \"Xuất sắc\", hinh_thuc: giay-khen}}\n"
    )
}

#[test]
fn honourees_wrong_type() {
    let s = built_site();
    s.write(
        "content/_data/honourees.yaml",
        &format!("{HONOUREES_HEAD}{}", person("a", "một", "Nguyễn Văn A")),
    );
    assert_rejected(
        s.root(),
        &[
            "content/_data/honourees.yaml:14:34: data: \"honourees[0].stt\" must be a whole number, found the text \"một\"",
        ],
    );
    s.write(
        "content/_data/honourees.yaml",
        &format!(
            "{HONOUREES_HEAD}{}",
            person("a", "1", "x").replace("ho_ten: \"x\"", "ho_ten: [Nguyễn, A]")
        ),
    );
    assert_rejected(
        s.root(),
        &[
            "content/_data/honourees.yaml:14:60: data: \"honourees[0].ho_ten\" must be text, found a list",
        ],
    );
}

/// Regression: an unknown `loai` read `honourees[0].loai: invalid YAML: unknown variant `nguoi`,
/// expected `ca-nhan` or `tap-the`` — the YAML is valid, and the Rust backticks leak serde's
/// wording.
#[test]
fn honourees_unknown_kind() {
    let s = built_site();
    s.write(
        "content/_data/honourees.yaml",
        &format!(
            "{HONOUREES_HEAD}{}",
            person("a", "1", "Nguyễn Văn A").replace("ca-nhan", "nguoi")
        ),
    );
    assert_rejected(
        s.root(),
        &[
            "content/_data/honourees.yaml:14:43: data: honourees[0].loai: unknown value \"nguoi\" (expected one of \"ca-nhan\", \"tap-the\")",
        ],
    );
}

#[test]
fn honourees_duplicate_ids() {
    let s = built_site();
    s.write(
        "content/_data/honourees.yaml",
        &format!(
            "{HONOUREES_HEAD}{}{}",
            person("a", "1", "Nguyễn Văn A"),
            person("a", "2", "Trần Thị B")
        ),
    );
    assert_rejected(
        s.root(),
        &["content/_data/honourees.yaml:15:10: data: honourees[1].id: the id \"a\" is used twice"],
    );
}

#[test]
fn honouree_decision_not_defined() {
    let s = built_site();
    s.write(
        "content/_data/honourees.yaml",
        &format!(
            "{HONOUREES_HEAD}{}",
            person("a", "1", "Nguyễn Văn A").replace("decision: qd-1", "decision: qd-9")
        ),
    );
    assert_rejected(
        s.root(),
        &[
            "content/_data/honourees.yaml:14:23: data: honourees[0].decision: no decision with id \"qd-9\" (did you mean \"qd-1\"?)",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Config and the output directory
// ---------------------------------------------------------------------------------------------

#[test]
fn config_unknown_key() {
    let s = built_site();
    s.write("site.yaml", &format!("{CONFIG}theem: xanh\n"));
    assert_rejected(
        s.root(),
        &["site.yaml:3:1: config: unknown field \"theem\" (did you mean \"theme\"?)"],
    );
}

#[test]
fn config_base_url_not_a_url() {
    let s = built_site();
    for (value, why) in [
        ("khong phai url", "is not a URL"),
        ("/5-nam/", "is not a URL"),
        ("https://", "is not a URL"),
        (
            "ftp://example.gov.vn/",
            "must start with http:// or https://",
        ),
    ] {
        s.write(
            "site.yaml",
            &format!("title: \"Thử nghiệm\"\nbase_url: \"{value}\"\n"),
        );
        assert_rejected(
            s.root(),
            &[&format!(
                "site.yaml:2:11: config: \"base_url\" {why}, found \"{value}\" (write a full address such as \"https://example.gov.vn/\")"
            )],
        );
    }
}

/// Runs `thidua build --output OUT` and expects exit 2 with exactly `message` on stderr.
fn refused_output(root: &Path, out: &str, env: &[(&str, &Path)], message: &str) {
    let src = sources(root);
    let public = snapshot_tree(&root.join("public"));
    let o = thidua_in(
        root,
        &["build", "--output", out],
        env,
        Duration::from_secs(60),
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let first = err.lines().find(|l| l.starts_with("error: ")).unwrap_or("");
    assert_eq!(first, message, "{err}");
    assert!(sources(root) == src, "the sources changed");
    assert_eq!(snapshot_tree(&root.join("public")), public);
    assert_no_leftovers(root);
}

fn canonical(p: &Path) -> String {
    std::fs::canonicalize(p).unwrap().display().to_string()
}

#[test]
fn output_that_would_destroy_the_site_is_refused() {
    // Nested, so `..` is a private folder (not /tmp) should the refusal ever break.
    let n = Nested::new();
    n.write("static/nhan-dang.txt", "đánh dấu");
    n.write("ghi-chu-ben-ngoai.txt", "bên ngoài");
    let root = canonical(&n.root());
    let outside = n.outside();
    refused_output(
        &n.root(),
        ".",
        &[],
        &format!(
            "error: refusing to use {root} as the output directory: it is the site root or contains it"
        ),
    );
    refused_output(
        &n.root(),
        "content",
        &[],
        &format!(
            "error: refusing to use {root}/content as the output directory: it is inside the site's content/ folder"
        ),
    );
    refused_output(
        &n.root(),
        "static",
        &[],
        &format!(
            "error: refusing to use {root}/static as the output directory: it is inside the site's static/ folder"
        ),
    );
    refused_output(
        &n.root(),
        "..",
        &[],
        &format!(
            "error: refusing to use {} as the output directory: it is the site root or contains it",
            canonical(n.outer.path())
        ),
    );
    assert!(n.outside() == outside, "something outside public/ changed");
}

#[test]
fn output_at_the_file_system_root_is_refused() {
    let s = built_site();
    s.write("nhan-dang.txt", "đánh dấu"); // under /, so it would vanish with /
    refused_output(
        s.root(),
        "/",
        &[],
        "error: refusing to use / as the output directory: it is the file system root",
    );
    assert!(s.root().join("nhan-dang.txt").is_file());
}

/// $HOME is tested with a stand-in home (the refusal reads the HOME variable), so a
/// regression cannot wipe the real one.
#[test]
fn output_at_the_home_directory_is_refused() {
    let s = built_site();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("luan-van.docx"), "quan trọng").unwrap();
    let home_path = home.path().to_path_buf();
    let shown = canonical(&home_path);
    for out in [
        home_path.display().to_string(),
        format!("{}/", home_path.display()),
    ] {
        refused_output(
            s.root(),
            &out,
            &[("HOME", &home_path)],
            &format!(
                "error: refusing to use {shown} as the output directory: it is your home directory"
            ),
        );
    }
    assert!(home.path().join("luan-van.docx").is_file());
}

/// Regression (data loss): when $HOME is reached through a symlink (e.g. /home -> /var/home), the
/// output was resolved but $HOME was not, the comparison failed, and `thidua build --output
/// ~` replaced the whole home folder with the site.
#[cfg(unix)]
#[test]
fn output_at_a_symlinked_home_directory_is_refused() {
    let s = built_site();
    let outer = tempfile::tempdir().unwrap();
    let real = outer.path().join("var-home");
    std::fs::create_dir(&real).unwrap();
    std::fs::write(real.join("luan-van.docx"), "quan trọng").unwrap();
    let link = outer.path().join("home");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = thidua_in(
        s.root(),
        &["build", "--output", link.to_str().unwrap()],
        &[("HOME", &link)],
        Duration::from_secs(60),
    );
    let (_, err) = text(&o);
    let survived = real.join("luan-van.docx").is_file();
    assert!(survived, "the home folder was replaced by the site");
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("it is your home directory"), "{err}");
}

/// Regression (data loss): an output that *contains* the home folder (`--output /home`) was not
/// refused: only the home folder itself was. Tested with a stand-in /home.
#[test]
fn output_containing_the_home_directory_is_refused() {
    let s = built_site();
    let outer = tempfile::tempdir().unwrap();
    let homes = outer.path().join("home");
    let me = homes.join("can-bo");
    std::fs::create_dir_all(&me).unwrap();
    std::fs::write(me.join("luan-van.docx"), "quan trọng").unwrap();
    let o = thidua_in(
        s.root(),
        &["build", "--output", homes.to_str().unwrap()],
        &[("HOME", &me)],
        Duration::from_secs(60),
    );
    let (_, err) = text(&o);
    assert!(
        me.join("luan-van.docx").is_file(),
        "the home folder was deleted"
    );
    assert_eq!(o.status.code(), Some(2), "{err}");
    let first = err.lines().find(|l| l.starts_with("error: ")).unwrap_or("");
    assert_eq!(
        first,
        format!(
            "error: refusing to use {} as the output directory: it contains your home directory",
            canonical(&homes)
        )
    );
}

/// Regression (data loss): `--output site.yaml` (any existing *file*) was swapped with the staging
/// folder by `renameat2(RENAME_EXCHANGE)`: site.yaml became a folder holding the built site,
/// the config was moved to `.thidua-staging-site.yaml-PID`, and the run ended with exit 2 and
/// `error: …/.thidua-staging-site.yaml-PID: Not a directory (os error 20)`. It must be
/// refused before anything is built.
#[test]
fn output_that_is_an_existing_file_is_refused() {
    let s = built_site();
    s.write("ghi-chu.txt", "ghi chú quan trọng");
    let o = thidua_in(
        s.root(),
        &["build", "--output", "ghi-chu.txt"],
        &[],
        Duration::from_secs(60),
    );
    let (_, err) = text(&o);
    let still_a_file = s.root().join("ghi-chu.txt").is_file();
    assert!(still_a_file, "ghi-chu.txt was replaced by a folder");
    assert_eq!(
        std::fs::read_to_string(s.root().join("ghi-chu.txt")).unwrap(),
        "ghi chú quan trọng"
    );
    assert_eq!(o.status.code(), Some(2), "{err}");
    let first = err.lines().find(|l| l.starts_with("error: ")).unwrap_or("");
    assert_eq!(
        first,
        format!(
            "error: refusing to use {}/ghi-chu.txt as the output directory: it is a file, not a folder",
            canonical(s.root())
        )
    );
    assert_no_leftovers(s.root());
}

/// Regression (data loss, design): any other existing folder was emptied and replaced without a
/// question, e.g. `thidua build --output ~/Documents` (a typo for `~/Documents/site`). Zola
/// refuses a non-empty output folder unless `--force` is given; thidua should at least refuse
/// a non-empty folder it did not build itself. Only the prefix of the message is pinned: the
/// wording is the lead's choice.
#[test]
fn output_that_is_someone_elses_folder_is_refused() {
    let s = built_site();
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(docs.path().join("luan-van.docx"), "quan trọng").unwrap();
    let o = thidua_in(
        s.root(),
        &["build", "--output", docs.path().to_str().unwrap()],
        &[],
        Duration::from_secs(60),
    );
    let (_, err) = text(&o);
    assert!(
        docs.path().join("luan-van.docx").is_file(),
        "the folder's files were deleted"
    );
    assert_eq!(o.status.code(), Some(2), "{err}");
    let first = err.lines().find(|l| l.starts_with("error: ")).unwrap_or("");
    assert!(
        first.starts_with(&format!(
            "error: refusing to use {} as the output directory: ",
            canonical(docs.path())
        )),
        "{err}"
    );
}

#[test]
fn rebuilding_into_a_previous_output_folder_is_allowed() {
    // The refusal above must not stop the normal case: a folder thidua built before.
    let s = built_site();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site-out");
    let t = target.to_str().unwrap();
    for _ in 0..2 {
        let o = thidua_in(
            s.root(),
            &["build", "--output", t],
            &[],
            Duration::from_secs(60),
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    }
    assert!(target.join("index.html").is_file());
    assert_no_leftovers(out.path());
}

// ---------------------------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------------------------

#[test]
fn honouree_named_like_a_script_is_shown_as_text() {
    let s = TestSite::new();
    s.page(
        "content/khen-thuong/_index.md",
        "title: Khen thưởng\ntemplate: honourees.html",
        "",
    );
    let evil = person("a", "1", "<script>alert(1)</script>")
        .replace(
            "don_vi: \"Sở Tư pháp\"",
            "chuc_vu: \"\\\"><img src=x onerror=alert(2)>\", don_vi: \"Sở Tư pháp\"",
        )
        .replace("Xuất sắc", "Tốt </td></tr><script>alert(3)</script>");
    s.write(
        "content/_data/honourees.yaml",
        &format!("{HONOUREES_HEAD}{evil}"),
    );
    s.build();
    let html = s.read("khen-thuong/index.html");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the name is not shown escaped"
    );
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("&lt;&#x2F;td&gt;") || html.contains("&lt;/td&gt;"));
    for file in snapshot_tree(&s.public()) {
        let body = String::from_utf8_lossy(&file.1);
        for raw in ["<script>alert(", "<img src=x", "</td></tr><script>"] {
            assert!(!body.contains(raw), "{} contains {raw}", file.0);
        }
    }
}

#[test]
fn raw_html_written_by_staff_is_kept() {
    let s = TestSite::new();
    s.page(
        "content/a.md",
        "title: A",
        "<div class=\"x\">Giữ <b>nguyên</b></div>\n\nĐoạn có <span class=\"y\">HTML</span> chen giữa.\n",
    );
    s.build();
    let html = s.read("a/index.html");
    assert!(
        html.contains("<div class=\"x\">Giữ <b>nguyên</b></div>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"y\">HTML</span>"), "{html}");
}

// ---------------------------------------------------------------------------------------------
// Sources are never deleted or rewritten
// ---------------------------------------------------------------------------------------------

#[test]
fn build_check_init_and_new_never_touch_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let o = thidua_in(dir.path(), &["init", "site"], &[], Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/robots.txt"), "User-agent: *\n").unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::copy(
        root.join("themes/default/templates/404.html"),
        root.join("templates/404.html"),
    )
    .unwrap();
    let before = sources(&root);
    let run = |args: &[&str]| thidua_in(&root, args, &[], Duration::from_secs(60));

    assert_eq!(run(&["build"]).status.code(), Some(0));
    assert!(sources(&root) == before, "build touched the sources");
    assert_eq!(run(&["check"]).status.code(), Some(0));
    assert!(sources(&root) == before, "check touched the sources");
    // init into an existing site is refused and writes nothing.
    let o = run(&["init", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o).1);
    assert!(sources(&root) == before, "init touched the sources");
    // new never overwrites: the same title twice.
    let o = run(&["new", "tin-tuc", "Bài viết đầu tiên"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o).1);
    assert!(sources(&root) == before, "new overwrote a post");
    let o = run(&["new", "tin-tuc", "Bài mới"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let mut after = sources(&root);
    after.retain(|(n, _)| n != "content/tin-tuc/bai-moi.md");
    assert!(after == before, "new changed other files");
    // A failing build leaves them alone too.
    std::fs::write(
        root.join("content/tin-tuc/hong.md"),
        "---\ntitle: [hỏng\n---\n",
    )
    .unwrap();
    let before = sources(&root);
    assert_eq!(run(&["build"]).status.code(), Some(1));
    assert!(
        sources(&root) == before,
        "a failing build touched the sources"
    );
}

// ---------------------------------------------------------------------------------------------
// Regressions found by fuzzing (fuzz/, see README "Fuzzing")
// ---------------------------------------------------------------------------------------------

/// Regression (found by `cargo fuzz run data_results`, minimised with `cargo fuzz tmin` to the one
/// byte `#`): when a YAML file does not end with a newline, serde_yaml puts end-of-text errors
/// on the line *after* the last one, and thidua passed that on: `#` (a one-line file holding a
/// comment) was reported at `f:2:1`. Any data file or site.yaml saved without a final newline
/// (Notepad's default) whose YAML is empty, only comments, or cut short is affected; the
/// location should stay inside the file (here the end of line 1).
#[test]
fn fuzz_results_comment_without_newline_location_past_the_end() {
    let errors: Vec<String> = match thidua::campaign::results::parse("#", "f") {
        Ok(_) => panic!("expected errors"),
        Err(d) => d.iter().map(ToString::to_string).collect(),
    };
    assert_eq!(
        errors,
        ["f:1:2: data: missing required field \"schema_version\""]
    );
    let errors: Vec<String> = match thidua::campaign::honourees::parse("#", "f", None) {
        Ok(_) => panic!("expected errors"),
        Err(d) => d.iter().map(ToString::to_string).collect(),
    };
    assert_eq!(
        errors,
        ["f:1:2: data: missing required field \"schema_version\""]
    );
    // The same through a build: a results file with its comment header and nothing else.
    let s = built_site();
    s.write(
        "content/_data/results.yaml",
        "# DỮ LIỆU MẪU\n# chưa có số liệu",
    );
    assert_rejected(
        s.root(),
        &["content/_data/results.yaml:2:18: data: missing required field \"schema_version\""],
    );
}

/// Errors of `parse` as (line, the rest of the printed message).
fn lines_and_messages(
    result: Result<(), Vec<thidua::diagnostic::Diagnostic>>,
) -> Vec<(usize, String)> {
    let diags = result.expect_err("expected errors");
    diags
        .iter()
        .map(|d| {
            let shown = d.to_string();
            let rest = shown
                .splitn(4, ':')
                .nth(3)
                .unwrap_or_default()
                .trim()
                .to_string();
            (d.location.map_or(0, |l| l.line), rest)
        })
        .collect()
}

/// Regression (found by `cargo fuzz run data_results`, minimised to `campaign:` U+2029 `t`):
/// serde_yaml follows YAML 1.1, where U+0085 (NEL), U+2028 (LINE SEPARATOR) and U+2029
/// (PARAGRAPH SEPARATOR) are line breaks; thidua, editors and saphyr (YAML 1.2) count only
/// `\n`. Every serde_yaml location after such a character was one line too far down, here past
/// the end of a one-line text (`f:3:1`). Text pasted from Word or a PDF carries U+2028.
#[test]
fn fuzz_results_paragraph_separator_shifts_lines() {
    let r = thidua::campaign::results::parse("campaign:\u{2029}t", "f").map(|_| ());
    assert_eq!(
        lines_and_messages(r),
        [(
            1,
            "data: invalid YAML: could not find expected ':'".to_string()
        )]
    );
}

/// Regression (found by `cargo fuzz run data_honourees`, minimised to `"` U+0085 `\n`): the same
/// cause; a two-line text got an error on line 3.
#[test]
fn fuzz_honourees_next_line_character_shifts_lines() {
    let r = thidua::campaign::honourees::parse("\"\u{85}\n", "f", None).map(|_| ());
    let found = lines_and_messages(r);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].0 <= 2,
        "an error on line {} of a 2-line text: {found:?}",
        found[0].0
    );
}

/// The same bug where authors meet it: a title pasted with a line separator (U+2028) and a
/// description with a NEL (U+0085) pushed the error for line 4 down to line 6 (`6:9`).
#[test]
fn unicode_line_separators_do_not_shift_error_lines() {
    let s = built_site();
    s.write(
        "content/a.md",
        "---\ntitle: \"Dòng một\u{2028}dòng hai\"\ndescription: \"x\u{85}y\"\nweight: nặng\n---\nNội dung.\n",
    );
    assert_rejected(
        s.root(),
        &[
            "content/a.md:4:9: front matter: \"weight\" must be a whole number, found the text \"nặng\"",
        ],
    );
}

/// Issue 12: heading ids were made unique by trying `tieu-de`, `tieu-de-2`, … from the start for
/// every heading, so 40,000 identical headings tried 800 million ids (58 s). Now linear.
#[test]
fn forty_thousand_identical_headings_build_quickly() {
    let s = TestSite::new();
    s.write("templates/page.html", "{{ page.content | safe }}");
    s.page("content/a.md", "title: A", &"## Tiêu đề\n\n".repeat(40_000));
    let started = Instant::now();
    s.build();
    let took = started.elapsed();
    let html = s.read("a/index.html");
    assert!(
        html.starts_with("<h2 id=\"tieu-de\">Tiêu đề</h2>\n<h2 id=\"tieu-de-2\">"),
        "{}",
        &html[..200]
    );
    assert!(html.contains("<h2 id=\"tieu-de-40000\">"));
    assert!(took < Duration::from_secs(5), "{took:?}");
}
