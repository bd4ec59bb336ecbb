//! Addresses written from the server's root in Markdown (`[bài](/tin-tuc/bai/)`,
//! `![](/anh/x.jpg)`) are published under the site's sub-path (`/5-nam/tin-tuc/bai/`), so a
//! site served under `/5-nam/` has no broken link; `check` follows them there and reports,
//! at its line, one that leads to no page.

use std::net::{SocketAddr, TcpListener};

use crate::support::{TestSite, get, text};

use crate::phone_photos;

/// A site at `base` with a photo, a drawing and a PDF in static/, and two posts linking to
/// each other and to those files from the server's root (one link in the summary).
fn linked_site(base: &str) -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        &format!("title: \"Thử nghiệm\"\nbase_url: \"{base}\"\n"),
    );
    site.write_bytes("static/anh/x.jpg", &phone_photos::scene_jpeg(800, 600, 3));
    site.write(
        "static/anh/so-do.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    );
    site.write_bytes("static/tai-lieu/qd.pdf", b"%PDF-1.4\n%%EOF\n");
    site.page(
        "content/tin-tuc/_index.md",
        "title: \"Tin tức\"\ndescription: \"Tin tức.\"",
        "",
    );
    site.page(
        "content/tin-tuc/bai.md",
        "title: \"Bài một\"\ndate: \"2023-11-01\"\ndescription: \"Bài một.\"",
        "## Kết quả {#ket-qua}\n\nNội dung.\n",
    );
    site.page(
        "content/tin-tuc/tong-ket.md",
        "title: \"Tổng kết\"\ndate: \"2023-11-20\"\ndescription: \"Tổng kết.\"",
        "Xem [bài một](/tin-tuc/bai/) trước.\n\n<!-- more -->\n\n\
         ![Toàn cảnh](/anh/x.jpg)\n\n\
         ![Sơ đồ](/anh/so-do.svg)\n\n\
         [Quyết định](/tai-lieu/qd.pdf), [kết quả](/tin-tuc/bai/#ket-qua), \
         [đã đúng](/5-nam/tin-tuc/bai/), [trang chủ](/) và [tin tức](/tin-tuc/?trang=1).\n",
    );
    site
}

/// Every address under `/` that the site's HTML files name (`href`, `src`, `srcset`).
fn root_addresses(site: &TestSite) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for e in walkdir::WalkDir::new(site.public()).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        let page = e.path().display().to_string();
        for attr in [" src=\"/", " href=\"/", " srcset=\"/"] {
            for part in html.split(attr).skip(1) {
                let value = format!("/{}", &part[..part.find('"').unwrap()]);
                for url in value.split(", ") {
                    let url = url.split([' ', '#', '?']).next().unwrap().to_string();
                    if !url.starts_with("//") {
                        found.push((page.clone(), url));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn root_links_in_markdown_are_published_under_the_sub_path_and_none_is_broken() {
    let site = linked_site("https://example.gov.vn/5-nam/");
    let out = site.cli(&["check"]);
    assert!(out.status.success(), "check: {:?}", text(&out));
    let out = site.cli(&["build"]);
    assert!(out.status.success(), "build: {:?}", text(&out));
    let html = site.read("tin-tuc/tong-ket/index.html");
    for expected in [
        "href=\"/5-nam/tin-tuc/bai/\"",
        "href=\"/5-nam/tin-tuc/bai/#ket-qua\"",
        "src=\"/5-nam/anh/so-do.svg\"",
        "href=\"/5-nam/tai-lieu/qd.pdf\"",
        "href=\"/5-nam/\"",
        "href=\"/5-nam/tin-tuc/?trang=1\"",
        "srcset=\"/5-nam/anh/x-480.webp 480w",
    ] {
        assert!(html.contains(expected), "{expected} not in:\n{html}");
    }
    assert!(!html.contains("/5-nam/5-nam/"), "{html}");
    // The summary on the news list is written from the same Markdown.
    let list = site.read("tin-tuc/index.html");
    assert!(list.contains("href=\"/5-nam/tin-tuc/bai/\""), "{list}");

    // Served under /5-nam/ by a plain static server, every address the pages name is there.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    crate::quality::serve_folder(listener, site.public(), "/5-nam/");
    let addresses = root_addresses(&site);
    assert!(addresses.len() > 20, "{addresses:?}");
    let mut asked = std::collections::BTreeSet::new();
    for (page, url) in &addresses {
        assert!(url.starts_with("/5-nam/"), "{page}: {url}");
        if asked.insert(url.clone()) {
            let (status, head, _) = get(addr, url);
            assert_eq!(status, 200, "{page}: {url}: {head}");
        }
    }
}

#[test]
fn without_a_sub_path_root_links_stay_as_written() {
    let site = linked_site("https://example.gov.vn/");
    let out = site.cli(&["build"]);
    assert!(out.status.success(), "build: {:?}", text(&out));
    let html = site.read("tin-tuc/tong-ket/index.html");
    assert!(html.contains("href=\"/tin-tuc/bai/\""), "{html}");
    assert!(html.contains("src=\"/anh/so-do.svg\""), "{html}");
    // Written with a folder the site does not have: left alone, and check says so.
    assert!(html.contains("href=\"/5-nam/tin-tuc/bai/\""), "{html}");
}

#[test]
fn check_reports_a_root_link_to_no_page_at_its_line_in_both_languages() {
    let site = linked_site("https://example.gov.vn/5-nam/");
    site.page(
        "content/tin-tuc/sai.md",
        "title: \"Sai\"\ndate: \"2023-11-02\"\ndescription: \"Sai.\"",
        "Đúng: [bài](/tin-tuc/bai/).\n\nSai: [bài cũ](/tin-tuc/bai-cu/).\n",
    );
    let out = site.cli(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    let (stdout, stderr) = text(&out);
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains(
            "content/tin-tuc/sai.md:8:6: link: \"/tin-tuc/bai-cu/\" leads to /5-nam/tin-tuc/bai-cu/, where the site has no page or file"
        ),
        "{all}"
    );
    assert!(!all.contains("sai.md:6"), "{all}");
    let mut vi = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"));
    let out = vi
        .arg("check")
        .current_dir(site.root())
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains(
            "content/tin-tuc/sai.md:8:6: link: \"/tin-tuc/bai-cu/\" dẫn đến /5-nam/tin-tuc/bai-cu/, nơi website không có trang hay tệp nào"
        ),
        "{all}"
    );
}
