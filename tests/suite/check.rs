//! `thidua check`: anchors, site paths, alt text, descriptions, outside links.

use std::io::{Read, Write};
use std::net::TcpListener;

use crate::support::{TestSite, text};

fn site() -> TestSite {
    let s = TestSite::new();
    s.page(
        "content/tin-tuc/_index.md",
        "title: Tin tức\ndescription: Tin",
        "",
    );
    s.page(
        "content/tin-tuc/a.md",
        "title: A\ndescription: Bài A",
        "## Kết quả\n\nNội dung.\n",
    );
    s
}

#[test]
fn missing_anchors_are_errors_with_a_suggestion() {
    let s = site();
    s.page(
        "content/tin-tuc/b.md",
        "title: B\ndescription: Bài B",
        "## Mở đầu\n\nXem [kết quả](@/tin-tuc/a.md#ket-qa) và [đầu bài](#mo-dau) và [sai](#khong-co).\n",
    );
    let out = s.cli(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out).1,
        "content/tin-tuc/b.md:7:5: link: \"@/tin-tuc/a.md\" has no heading with the id \"#ket-qa\" (did you mean \"#ket-qua\"?)\n\
         content/tin-tuc/b.md:7:63: link: \"this page\" has no heading with the id \"#khong-co\" (its headings are \"mo-dau\")\n\
         Check failed: 2 errors, 0 warnings. Nothing was written.\n"
    );
}

#[test]
fn links_to_missing_site_paths_are_errors() {
    let s = site();
    s.page(
        "content/tin-tuc/b.md",
        "title: B\ndescription: Bài B",
        "[cũ](/tin-tuc/khong-co/) và [đúng](/tin-tuc/a/#ket-qua)\n",
    );
    let out = s.cli(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.starts_with(
        "content/tin-tuc/b.md:5:1: link: no page has the address \"/tin-tuc/khong-co/\" (link to the file instead, e.g. [bài](@/tin-tuc/bai-mot.md))\n"
    ), "{}", text(&out).1);
}

#[test]
fn missing_descriptions_and_alt_text_are_warnings() {
    let s = site();
    s.page(
        "content/tin-tuc/b.md",
        "title: B",
        "Ảnh:\n\n![](anh.jpg)\n\n![Lễ trao giấy khen](anh2.jpg)\n",
    );
    let out = s.cli(&["check"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "content/tin-tuc/b.md:2:1: warning: front matter: the page has no \"description\" (add one or two sentences: they show in lists, search results and shared links)\n\
         content/tin-tuc/b.md:6:1: warning: image: the image \"anh.jpg\" has no alt text (describe it between the brackets: ![Lễ trao giấy khen](anh.jpg))\n"
    );
    assert!(stdout.contains("no errors, 2 warnings."), "{stdout}");
}

/// A tiny HTTP server on loopback: 200 for /ok, 404 for anything else; stops after `n` requests.
fn outside_site(n: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]);
            let status = if req.split_whitespace().nth(1) == Some("/ok") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[test]
fn external_links_are_checked_when_asked() {
    let s = site();
    let port = outside_site(4);
    s.page(
        "content/tin-tuc/b.md",
        "title: B\ndescription: Bài B",
        &format!("[tốt](http://127.0.0.1:{port}/ok) và [hỏng](http://127.0.0.1:{port}/mat)\n"),
    );
    let out = s.cli(&["check"]);
    assert!(out.status.success());
    assert!(!text(&out).0.contains("other sites"));
    let out = s.cli(&["check", "--external", "--timeout", "5"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "content/tin-tuc/b.md:5:{}: warning: external link: \"http://127.0.0.1:{port}/mat\" answered HTTP 404\n",
            format!("[tốt](http://127.0.0.1:{port}/ok) và ")
                .chars()
                .count()
                + 1
        )
    );
    assert!(
        stdout.contains("Checked 2 links to other sites: 1 broken."),
        "{stdout}"
    );
}
