//! Bad input: every message pinned, at file:line:col, all errors of a run together.

use crate::support::{TestSite, snapshot_tree};

#[test]
fn front_matter_typo_suggests_the_field() {
    let s = TestSite::new();
    s.write(
        "content/tin-tuc/bai-1.md",
        "---\ntitle: Bài 1\ntittle: Bài một\n---\n",
    );
    assert_eq!(
        s.build_errors(),
        [
            "content/tin-tuc/bai-1.md:3:1: front matter: unknown field \"tittle\" (did you mean \"title\"?)"
        ]
    );
}

#[test]
fn malformed_yaml_is_reported_at_the_file_line() {
    let s = TestSite::new();
    s.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2023-01-01\ntags: [a, b\ndescription: x\n---\n",
    );
    let errors = s.build_errors();
    assert_eq!(errors.len(), 1);
    // The unclosed list opens on file line 4 and the parser notices on line 5.
    assert!(errors[0].starts_with("content/a.md:5:"), "{errors:?}");
    assert!(
        errors[0].contains("front matter: invalid YAML"),
        "{errors:?}"
    );
}

#[test]
fn broken_internal_link_is_reported_at_its_line() {
    let s = TestSite::new();
    s.page(
        "content/tin-tuc/bai-3.md",
        "title: Bài 3\ndate: 2023-01-01",
        "Đoạn một.\n\nXem [bài 9](@/tin-tuc/bai-9.md) nhé.\n",
    );
    assert_eq!(
        s.build_errors(),
        ["content/tin-tuc/bai-3.md:7:5: link: page \"tin-tuc/bai-9.md\" does not exist"]
    );
}

#[test]
fn all_errors_are_reported_together_sorted() {
    let s = TestSite::new();
    s.write("content/b.md", "---\ntitle: B\ndate: 30/02/2023\n---\n");
    s.write("content/a.md", "---\ntitle: A\nweight: nặng\n---\n");
    s.write("content/c.md", "no front matter\n");
    assert_eq!(
        s.build_errors(),
        [
            "content/a.md:3:9: front matter: \"weight\" must be a whole number, found the text \"nặng\"",
            "content/b.md:3:7: front matter: \"date\" must look like 2024-05-31, found \"30/02/2023\"",
            "content/c.md:1:1: front matter: the file does not start with front matter (begin with a line \"---\", then \"title: …\", then another \"---\")",
        ]
    );
}

#[test]
fn two_pages_with_the_same_url_name_both_files() {
    let s = TestSite::new();
    s.page("content/tin-tuc/bai-viet.md", "title: A", "");
    s.page("content/tin-tuc/Bài viết.md", "title: B", "");
    let errors = s.build_errors();
    assert_eq!(
        errors,
        [
            "content/tin-tuc/bai-viet.md: url: the URL /tin-tuc/bai-viet/ is also written by content/tin-tuc/Bài viết.md (give one of them another \"slug\" or file name)"
        ]
    );
}

#[test]
fn template_errors_name_the_template_line_and_page() {
    let s = TestSite::new();
    s.write(
        "templates/page.html",
        "<h1>{{ page.title }}</h1>\n<p>{{ page.tittle }}</p>\n",
    );
    s.page("content/tin-tuc/bai-1.md", "title: Bài 1", "");
    s.page("content/tin-tuc/bai-2.md", "title: Bài 2", "");
    let errors = s.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0],
        "templates/page.html:2:12: template: field `tittle` is not defined \
         (did you mean `title`?; while rendering content/tin-tuc/bai-1.md and 1 other page)"
    );
}

#[test]
fn template_syntax_error_names_the_file_and_line() {
    let s = TestSite::new();
    s.write(
        "templates/page.html",
        "<h1>{{ page.title }}</h1>\n{% if page.date %}\n",
    );
    s.page("content/a.md", "title: A", "");
    let errors = s.build_errors();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("templates/page.html:"), "{errors:?}");
    assert!(errors[0].contains(": template: "), "{errors:?}");
}

#[test]
fn missing_template_is_named() {
    let s = TestSite::new();
    s.page("content/a.md", "title: A\ntemplate: dac-biet.html", "");
    assert_eq!(
        s.build_errors(),
        [
            "content/a.md:3:11: template: template \"dac-biet.html\" does not exist (add it to templates/ or to the theme, or fix the \"template\" field)"
        ]
    );
}

#[test]
fn unknown_theme_is_named() {
    let s = TestSite::new();
    s.write(
        "site.yaml",
        "title: T\nbase_url: https://x.vn/\ntheme: xanh\n",
    );
    assert_eq!(
        s.build_errors(),
        [
            "site.yaml:3:8: config: unknown theme \"xanh\": there is no folder themes/xanh (expected one of \"default\")"
        ]
    );
}

#[test]
fn failing_build_leaves_public_byte_for_byte_unchanged() {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/a.md", "title: A\ndate: 2023-01-01", "Nội dung.");
    s.build();
    let before = snapshot_tree(&s.public());
    assert!(before.len() > 5);
    s.page(
        "content/a.md",
        "title: A\ndate: 2023-01-01",
        "Đổi nội dung.",
    );
    s.page("content/b.md", "title: B", "[hỏng](@/khong-co.md)");
    s.build_errors();
    assert_eq!(snapshot_tree(&s.public()), before);
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // `.thidua/` is the site's cache folder, kept on purpose (share cards, photos).
        .filter(|n| n.contains("thidua") && n != ".thidua")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let s = TestSite::new();
    s.write_bytes("content/a.md", b"---\ntitle: A\n---\nxin ch\xE0o\n");
    assert_eq!(
        s.build_errors(),
        [
            "content/a.md:4:7: text: invalid UTF-8 byte 0xE0 at byte offset 23 (save the file as \"UTF-8\" in your editor)"
        ]
    );
}

#[test]
fn slug_and_alias_cannot_escape_the_output() {
    let s = TestSite::new();
    s.page("content/a.md", "title: A\nslug: ../../etc", "");
    s.page("content/b.md", "title: B\naliases: [\"../../thoat/\"]", "");
    assert_eq!(
        s.build_errors(),
        [
            "content/a.md:3:7: front matter: \"slug\" \"../../etc\" is not a single URL segment (use letters, digits and dashes, e.g. \"le-phat-dong\")",
            "content/b.md:3:11: front matter: alias \"../../thoat/\" is not a path inside the site (write it like \"/tin-tuc/ten-cu/\", without \"..\" or \"\\\")",
        ]
    );
    assert!(!s.root().join("thoat").exists());
}
