//! URLs: pretty paths, Vietnamese slugs, base_url sub-paths.

use crate::support::TestSite;

#[test]
fn file_names_become_vietnamese_slugs() {
    let s = TestSite::new();
    s.write("templates/page.html", "{{ page.url }}");
    s.page("content/tin-tuc/Bài viết mới.md", "title: Bài", "");
    s.page("content/tin-tuc/bai-mot.md", "title: Một", "");
    s.page(
        "content/Giới thiệu/Đợt thi đua đặc biệt.md",
        "title: Đợt",
        "",
    );
    s.page("content/tin-tuc/x.md", "title: X\nslug: Lễ vinh danh", "");
    s.build();
    assert_eq!(
        s.read("tin-tuc/bai-viet-moi/index.html"),
        "/tin-tuc/bai-viet-moi/"
    );
    assert_eq!(s.read("tin-tuc/bai-mot/index.html"), "/tin-tuc/bai-mot/");
    assert_eq!(
        s.read("gioi-thieu/dot-thi-dua-dac-biet/index.html"),
        "/gioi-thieu/dot-thi-dua-dac-biet/"
    );
    assert_eq!(
        s.read("tin-tuc/le-vinh-danh/index.html"),
        "/tin-tuc/le-vinh-danh/"
    );
}

#[test]
fn base_url_sub_path_is_in_every_link() {
    let s = TestSite::new();
    s.write("site.yaml", "title: Thử\nbase_url: https://example.gov.vn/5-nam/\nmenus:\n  main:\n    - {name: Tin, url: \"@/tin-tuc/_index.md\"}\n    - {name: Kết quả, url: /ket-qua/}\n");
    s.page(
        "content/_index.md",
        "title: Trang chủ",
        "[Bài](@/tin-tuc/a.md)",
    );
    s.page(
        "content/tin-tuc/_index.md",
        "title: Tin tức\npaginate_by: 1",
        "",
    );
    s.page(
        "content/tin-tuc/a.md",
        "title: A\ndate: 2023-01-01\ntags: [Thi đua]",
        "[B](@/tin-tuc/b.md)",
    );
    s.page("content/tin-tuc/b.md", "title: B\ndate: 2023-01-02", "");
    s.build();
    // Every root-relative href or src in every HTML page starts with the sub-path.
    let mut checked = 0;
    for (rel, bytes) in crate::support::snapshot_tree(&s.public()) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"/", "src=\"/"] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len() - 1..];
                assert!(
                    rest.starts_with("/5-nam/"),
                    "{rel}: {}",
                    &rest[..rest.len().min(60)]
                );
                checked += 1;
            }
        }
        for (i, _) in html.match_indices("https://example.gov.vn/") {
            assert!(
                html[i..].starts_with("https://example.gov.vn/5-nam/"),
                "{rel}"
            );
        }
    }
    assert!(checked > 20, "only {checked} links checked");
    assert!(
        s.read("tin-tuc/a/index.html")
            .contains("href=\"/5-nam/tin-tuc/b/\"")
    );
    assert!(s.read("index.html").contains("href=\"/5-nam/tin-tuc/\""));
    assert!(s.read("index.html").contains("href=\"/5-nam/ket-qua/\""));
    assert!(
        s.read("sitemap.xml")
            .contains("<loc>https://example.gov.vn/5-nam/tin-tuc/a/</loc>")
    );
    assert!(
        s.read("atom.xml")
            .contains("href=\"https://example.gov.vn/5-nam/tin-tuc/b/\"")
    );
    assert!(
        s.read("tin-tuc/index.html")
            .contains("href=\"/5-nam/tin-tuc/page/2/\"")
    );
}

#[test]
fn an_alias_naming_an_html_file_is_that_file() {
    let s = TestSite::new();
    s.page(
        "content/moi.md",
        "title: Mới\naliases: [\"/tin-cu/trao-giay-khen.html\"]",
        "",
    );
    s.build();
    assert!(
        s.read("tin-cu/trao-giay-khen.html")
            .contains(r#"<meta http-equiv="refresh" content="0; url=/moi/">"#)
    );
    assert!(!s.exists("tin-cu/trao-giay-khen.htmlindex.html"));
}

#[test]
fn aliases_write_redirect_pages() {
    let s = TestSite::new();
    s.page("content/moi.md", "title: Mới\naliases: [/cu/bai-cu/]", "");
    s.build();
    let html = s.read("cu/bai-cu/index.html");
    assert!(
        html.contains(r#"<meta http-equiv="refresh" content="0; url=/moi/">"#),
        "{html}"
    );
    assert!(html.contains(r#"<link rel="canonical" href="/moi/">"#));
}
