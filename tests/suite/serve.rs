//! The preview server: live reload, the error overlay, traversal, content types.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use thidua::serve::{ServeOptions, start, watch::Debounce};

use crate::support::{TestSite, get};

fn options(s: &TestSite) -> ServeOptions {
    ServeOptions {
        root: s.root().to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: true,
        future: false,
        output: None,
        debounce: Debounce {
            quiet: Duration::from_millis(30),
            max_wait: Duration::from_millis(300),
        },
        lang: thidua::messages::Lang::En,
    }
}

/// Reads server-sent events until one named `name` arrives; returns its data.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: std::net::SocketAddr) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET /__thidua/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        Events(BufReader::new(s))
    }

    fn wait_for(&mut self, name: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut current = String::new();
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            if self.0.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            let l = line.trim_end();
            if let Some(ev) = l.strip_prefix("event: ") {
                current = ev.to_string();
            } else if let Some(data) = l.strip_prefix("data: ")
                && current == name
            {
                return data.to_string();
            }
        }
        panic!("no {name} event within 10 s");
    }
}

fn site() -> TestSite {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "Chào.");
    s.page(
        "content/tin-tuc/a.md",
        "title: Bài A\ndate: 2023-01-01",
        "Nội dung cũ.",
    );
    s.page(
        "content/tin-tuc/nhap.md",
        "title: Nháp\ndraft: true",
        "Đang viết.",
    );
    s
}

#[test]
fn serves_pages_with_the_reload_script_and_utf8_types() {
    let s = site();
    let server = start(options(&s), Arc::new(|_| {})).unwrap();
    let (status, head, body) = get(server.addr, "/tin-tuc/a/");
    assert_eq!(status, 200);
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("Nội dung cũ."));
    assert!(body.contains("<script src=\"/__thidua/livereload.js\" defer></script></body>"));
    let (_, head, _) = get(server.addr, "/style.css");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/css; charset=utf-8"),
        "{head}"
    );
    let (_, head, _) = get(server.addr, "/atom.xml");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/xml; charset=utf-8"),
        "{head}"
    );
    // Drafts are shown, marked; public/ is never written by the preview.
    assert!(get(server.addr, "/tin-tuc/nhap/").2.contains("BẢN NHÁP"));
    assert!(!s.public().exists());
    server.stop();
}

#[test]
fn missing_pages_get_the_themes_404_and_traversal_is_refused() {
    let s = site();
    let server = start(options(&s), Arc::new(|_| {})).unwrap();
    let (status, _, body) = get(server.addr, "/khong-co/");
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy trang"));
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/tin-tuc/%2E%2E/%2e%2e/site.yaml",
        "/..%5csite.yaml",
        "/tin-tuc\\..\\..\\site.yaml",
    ] {
        let (status, _, body) = get(server.addr, path);
        assert!(status == 403 || status == 404, "{path}: {status}");
        assert!(!body.contains("base_url"), "{path} leaked site.yaml");
    }
    let (status, head, _) = get(server.addr, "/tin-tuc/a");
    assert_eq!(status, 301);
    assert!(
        head.to_ascii_lowercase().contains("location: /tin-tuc/a/"),
        "{head}"
    );
    server.stop();
}

#[test]
fn editing_a_post_reloads_with_the_new_content() {
    let s = site();
    let server = start(options(&s), Arc::new(|_| {})).unwrap();
    let mut events = Events::open(server.addr);
    std::thread::sleep(Duration::from_millis(100));
    s.page(
        "content/tin-tuc/a.md",
        "title: Bài A\ndate: 2023-01-01",
        "Nội dung mới.",
    );
    events.wait_for("reload");
    assert!(get(server.addr, "/tin-tuc/a/").2.contains("Nội dung mới."));
    server.stop();
}

#[test]
fn a_broken_save_shows_the_overlay_and_the_fix_clears_it() {
    let s = site();
    let server = start(options(&s), Arc::new(|_| {})).unwrap();
    let mut events = Events::open(server.addr);
    std::thread::sleep(Duration::from_millis(100));
    s.write(
        "content/tin-tuc/a.md",
        "---\ntitle: Bài A\ntittle: x\n---\nNội dung hỏng.",
    );
    let data = events.wait_for("error");
    assert!(
        data.contains(r#""location":"content/tin-tuc/a.md:3:1""#),
        "{data}"
    );
    assert!(
        data.contains(r#"unknown field \"tittle\" (did you mean \"title\"?)"#),
        "{data}"
    );
    // The last good site is still served.
    assert!(get(server.addr, "/tin-tuc/a/").2.contains("Nội dung cũ."));
    // A browser that connects now gets the overlay straight away.
    let mut late = Events::open(server.addr);
    assert!(late.wait_for("error").contains("tittle"));
    s.page(
        "content/tin-tuc/a.md",
        "title: Bài A\ndate: 2023-01-01",
        "Đã sửa.",
    );
    events.wait_for("reload");
    assert!(get(server.addr, "/tin-tuc/a/").2.contains("Đã sửa."));
    server.stop();
}

#[test]
fn a_css_change_swaps_the_stylesheet_without_reload() {
    let s = site();
    s.write("static/style.css", "body { color: black; }");
    let server = start(options(&s), Arc::new(|_| {})).unwrap();
    let mut events = Events::open(server.addr);
    std::thread::sleep(Duration::from_millis(100));
    s.write("static/style.css", "body { color: navy; }");
    events.wait_for("css");
    assert!(get(server.addr, "/style.css").2.contains("navy"));
    server.stop();
}

#[test]
fn only_get_and_head_are_allowed() {
    let s = site();
    let server = start(options(&s), Arc::new(|_| {})).unwrap();
    let mut c = TcpStream::connect(server.addr).unwrap();
    write!(
        c,
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    c.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 405"), "{out}");
    server.stop();
}

#[test]
fn a_browser_sees_the_page_change_by_itself_and_keeps_its_scroll() {
    use crate::quality::require;
    if !require("chromium") || !require("node") {
        return;
    }
    let s = site();
    let long: String = (1..=80)
        .map(|i| format!("Đoạn văn số {i} của bài.\n\n"))
        .collect();
    s.page(
        "content/tin-tuc/a.md",
        "title: Bài A\ndate: 2023-01-01",
        &long,
    );
    let server = start(options(&s), Arc::new(|_| {})).unwrap();
    let job = serde_json::json!({
        "chromium": "/usr/bin/chromium",
        "url": format!("http://{}/tin-tuc/a/", server.addr),
        "expect_text": "Đoạn mới thêm vào",
        "scroll_to": 600,
        "timeout_ms": 15000,
    });
    let mut child = std::process::Command::new("node")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/tools/reload-check.mjs"
        ))
        .arg(job.to_string())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "READY", "{line}");
    s.page(
        "content/tin-tuc/a.md",
        "title: Bài A\ndate: 2023-01-01",
        &format!("Đoạn mới thêm vào.\n\n{long}"),
    );
    line.clear();
    out.read_line(&mut line).unwrap();
    let _ = child.wait();
    let result: serde_json::Value =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
    assert_eq!(result["ok"], true, "{result}");
    assert_eq!(
        result["changed"], true,
        "the page did not change by itself: {result}"
    );
    assert_eq!(result["console_errors"], serde_json::json!([]), "{result}");
    assert_eq!(
        result["scroll_after"], result["scroll_before"],
        "the scroll position was lost: {result}"
    );
    assert!(
        result["scroll_before"].as_f64().unwrap() > 500.0,
        "{result}"
    );
    server.stop();
}

#[test]
fn a_page_that_just_loaded_is_not_told_to_reload_again() {
    let s = site();
    let server = start(options(&s), Arc::new(|_| {})).unwrap();
    // One rebuild, so the server's state is "reload, generation 2".
    let mut first = Events::open(server.addr);
    std::thread::sleep(Duration::from_millis(100));
    s.page(
        "content/tin-tuc/a.md",
        "title: Bài A\ndate: 2023-01-01",
        "Lần một.",
    );
    first.wait_for("reload");
    // The reloaded page connects again: it must hear nothing until the next change.
    let mut again = TcpStream::connect(server.addr).unwrap();
    again
        .set_read_timeout(Some(Duration::from_millis(800)))
        .unwrap();
    write!(
        again,
        "GET /__thidua/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = again.read(&mut buf) {
        if n == 0 {
            break;
        }
        seen.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&seen);
    assert!(text.contains("retry: 1000"), "{text}");
    assert!(
        !text.contains("event: reload"),
        "a fresh page was told to reload: {text}"
    );
    server.stop();
}
