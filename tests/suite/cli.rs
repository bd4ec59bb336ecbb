//! The binary: exit codes, summaries, help.

use crate::support::{TestSite, text};

#[test]
fn build_prints_a_one_line_summary() {
    let s = TestSite::new();
    s.page("content/a.md", "title: A", "");
    let out = s.cli(&["build"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.starts_with("Built 3 pages ("), "{stdout}");
    assert!(stdout.trim_end().ends_with(" into public/"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn content_errors_exit_1_with_a_summary() {
    let s = TestSite::new();
    s.write("content/a.md", "---\ntittle: A\n---\n");
    let out = s.cli(&["build"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr,
        "content/a.md:2:1: front matter: unknown field \"tittle\" (did you mean \"title\"?)\n\
         Build failed: 1 error in 1 file. public/ was not changed.\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let s = TestSite::new();
    let out = s.cli(&["build", "--root", "khong-co"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.starts_with("error: no site.yaml in khong-co"),
        "{}",
        text(&out).1
    );
    assert_eq!(s.cli(&["build", "--khong-co-co"]).status.code(), Some(2));
}

#[test]
fn quiet_prints_nothing_on_success() {
    let s = TestSite::new();
    let out = s.cli(&["--quiet", "build"]);
    assert!(out.status.success());
    assert_eq!(text(&out), (String::new(), String::new()));
}

#[test]
fn check_reports_without_writing() {
    let s = TestSite::new();
    s.page("content/a.md", "title: A\ndate: 2999-01-01", "");
    let out = s.cli(&["check"]);
    let (stdout, _) = text(&out);
    assert!(out.status.success());
    assert!(
        stdout
            .contains("content/a.md: scheduled for 2999-01-01T00:00:00+07:00, left out until then"),
        "{stdout}"
    );
    assert!(stdout.contains("Checked 2 pages: no errors"), "{stdout}");
    assert!(!s.public().exists());
}

#[test]
fn every_subcommand_has_help() {
    let s = TestSite::new();
    for sub in ["build", "check", "init", "serve", "new"] {
        let out = s.cli(&[sub, "--help"]);
        assert!(out.status.success());
        assert!(text(&out).0.contains("Usage: thidua"), "{sub}");
    }
}

#[test]
fn new_creates_a_draft_named_by_its_vietnamese_slug() {
    let s = TestSite::new();
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    let out = s.cli(&["new", "tin-tuc", "Lễ tổng kết đợt thi đua"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stdout,
        "Created content/tin-tuc/le-tong-ket-dot-thi-dua.md (a draft: remove \"draft: true\" to publish)\n\
         Its address once published: https://example.gov.vn/tin-tuc/le-tong-ket-dot-thi-dua/\n"
    );
    let text = std::fs::read_to_string(s.root().join("content/tin-tuc/le-tong-ket-dot-thi-dua.md"))
        .unwrap();
    let today = thidua::date::today();
    assert!(text.starts_with(&format!("---\ntitle: \"Lễ tổng kết đợt thi đua\"\ndate: \"{today}\"\ndescription: \"\"\ntags: []\ndraft: true\n---\n")), "{text}");
    // A draft: left out of build, shown with --drafts.
    assert!(s.cli(&["build"]).status.success());
    assert!(!s.exists("tin-tuc/le-tong-ket-dot-thi-dua/index.html"));
    assert!(s.cli(&["build", "--drafts"]).status.success());
    assert!(
        s.read("tin-tuc/le-tong-ket-dot-thi-dua/index.html")
            .contains("BẢN NHÁP")
    );
}

#[test]
fn new_never_overwrites_and_needs_an_existing_section() {
    let s = TestSite::new();
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page("content/tin-tuc/bai-cu.md", "title: Bài cũ", "Giữ nguyên.");
    let out = s.cli(&["new", "tin-tuc", "Bài cũ"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out)
            .1
            .contains("bai-cu.md already exists: thidua never overwrites a file"),
        "{}",
        text(&out).1
    );
    assert!(
        std::fs::read_to_string(s.root().join("content/tin-tuc/bai-cu.md"))
            .unwrap()
            .contains("Giữ nguyên.")
    );
    let out = s.cli(&["new", "thong-bao", "Thông báo mới"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out).1,
        "error: there is no section content/thong-bao/ (no _index.md): check the name, or add --create-section to create it\n"
    );
    let out = s.cli(&["new", "thong-bao", "Thông báo mới", "--create-section"]);
    assert!(out.status.success());
    assert!(s.root().join("content/thong-bao/_index.md").exists());
    assert!(s.root().join("content/thong-bao/thong-bao-moi.md").exists());
    assert_eq!(s.cli(&["new", "../ngoai", "X"]).status.code(), Some(2));
    assert!(!s.root().join("ngoai").exists());
}
