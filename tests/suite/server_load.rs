//! The preview server under hostile or heavy use, on 127.0.0.1 only: paths that would leave
//! the output folder, oversized requests, slow clients, and a `wrk` load test during rebuilds.
#![cfg(unix)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use thidua::serve::{Running, ServeOptions, start, watch::Debounce};

use crate::support::{TestSite, get};

const SECRET: &str = "BI-MAT-KHONG-DUOC-LO";

fn options(s: &TestSite, output: Option<PathBuf>) -> ServeOptions {
    ServeOptions {
        root: s.root().to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: false,
        future: false,
        output,
        lang: thidua::messages::Lang::En,
        hosts: Vec::new(),
        debounce: Debounce {
            quiet: Duration::from_millis(30),
            max_wait: Duration::from_millis(300),
        },
    }
}

fn site() -> TestSite {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "Chào mừng.");
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page(
        "content/tin-tuc/a.md",
        "title: Bài A\ndate: 2023-01-01",
        "Nội dung.",
    );
    s
}

/// The home page answers 200, quickly.
fn assert_serving(addr: SocketAddr) {
    let started = Instant::now();
    let (status, _, body) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(body.contains("Chào mừng."));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the home page took {:?}",
        started.elapsed()
    );
}

/// A served site in `outer/out`, with a secret beside it and symlinks inside it that point
/// out of it.
struct Served {
    _site: TestSite,
    _outer: tempfile::TempDir,
    server: Option<Running>,
}

impl Served {
    fn start() -> Served {
        let site = site();
        let outer = tempfile::tempdir().unwrap();
        std::fs::write(outer.path().join("bi-mat.txt"), SECRET).unwrap();
        let out = outer.path().join("out");
        let server = start(options(&site, Some(out.clone())), Arc::new(|_| {})).unwrap();
        let link = |target: &Path, name: &str| {
            std::os::unix::fs::symlink(target, out.join(name)).unwrap();
        };
        link(&outer.path().join("bi-mat.txt"), "lien-ket.txt");
        link(outer.path(), "thu-muc");
        link(Path::new("/etc"), "he-thong");
        Served {
            _site: site,
            _outer: outer,
            server: Some(server),
        }
    }

    fn addr(&self) -> SocketAddr {
        self.server.as_ref().unwrap().addr
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(s) = self.server.take() {
            s.stop();
        }
    }
}

fn assert_refused(addr: SocketAddr, target: &str, status: u16, head: &str, body: &str) {
    assert!(
        matches!(status, 400 | 403 | 404),
        "{target}: answered {status}\n{head}"
    );
    assert!(!body.contains(SECRET), "{target} leaked the secret");
    assert!(!body.contains("root:x:0"), "{target} leaked /etc/passwd");
    let _ = addr;
}

#[test]
fn paths_outside_the_output_are_refused() {
    let served = Served::start();
    let addr = served.addr();
    assert_serving(addr);
    assert_eq!(get(addr, "/tin-tuc/a/").0, 200);
    for target in [
        "/../bi-mat.txt",
        "/../../bi-mat.txt",
        "/tin-tuc/../../bi-mat.txt",
        "/%2e%2e/bi-mat.txt",
        "/%2E%2E/bi-mat.txt",
        "/%2e%2E/bi-mat.txt",
        "/.%2e/bi-mat.txt",
        "/%2e./bi-mat.txt",
        "/%2e%2e%2fbi-mat.txt",
        "/%2E%2E%2Fbi-mat.txt",
        "/tin-tuc/%2e%2e%2f%2e%2e%2fbi-mat.txt",
        "/..%5cbi-mat.txt",
        "/..%5Cbi-mat.txt",
        "/..\\bi-mat.txt",
        "/%5c..%5cbi-mat.txt",
        "/tin-tuc\\..\\..\\bi-mat.txt",
        "//etc/passwd",
        "///etc/passwd",
        "/%2fetc%2fpasswd",
        "/%2Fetc/passwd",
        "/lien-ket.txt",
        "/thu-muc/bi-mat.txt",
        "/thu-muc/",
        "/he-thong/passwd",
        "/%00",
        "/index.html%00.txt",
        "/%c0%ae%c0%ae/bi-mat.txt",
        "/%ff%fe",
        "http://127.0.0.1/../bi-mat.txt",
        "http://x/../bi-mat.txt",
        "http://x/%2e%2e/bi-mat.txt",
        "../bi-mat.txt",
        "bi-mat.txt",
        "*",
    ] {
        let (status, head, body) = get(addr, target);
        assert_refused(addr, target, status, &head, &body);
    }
    // Decoded once only: a double-encoded `..` is the literal name "%2e%2e", which is not there.
    for target in [
        "/%252e%252e/bi-mat.txt",
        "/%252e%252e%252fbi-mat.txt",
        "/tin-tuc/%252E%252E/%252E%252E/bi-mat.txt",
        "/%25%32%65%25%32%65/bi-mat.txt",
    ] {
        let (status, head, body) = get(addr, target);
        assert_eq!(status, 404, "{target}\n{head}");
        assert!(!body.contains(SECRET), "{target} leaked the secret");
    }
    assert_serving(addr);
}

/// A folder requested without its slash is redirected to `PATH/`; a path that starts with
/// `//` must not become a protocol-relative `Location: //tin-tuc/` (a redirect to the host
/// "tin-tuc"). Regression: `GET //tin-tuc` was answered `301 Location: //tin-tuc/`.
#[test]
fn folder_redirects_stay_on_this_server() {
    let served = Served::start();
    let addr = served.addr();
    let (status, head, _) = get(addr, "/tin-tuc");
    assert_eq!(status, 301, "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("\r\nlocation: /tin-tuc/"),
        "{head}"
    );
    for target in ["//tin-tuc", "///tin-tuc", "/\\tin-tuc"] {
        let (status, head, _) = get(addr, target);
        let location = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("location: ")
                    .map(str::to_string)
            })
            .unwrap_or_default();
        assert!(
            !location.starts_with("//") && !location.starts_with("/\\"),
            "{target}: answered {status} with Location: {location}"
        );
    }
}

/// Sends `request` from another thread (the server may stop reading, so the write may fail)
/// and returns (status or 0 if closed without an answer, how long the server took).
fn oversized(addr: SocketAddr, request: Vec<u8>) -> (u16, Duration) {
    let started = Instant::now();
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut w = c.try_clone().unwrap();
    w.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    let writer = std::thread::spawn(move || {
        let _ = w.write_all(&request);
    });
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match c.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
        }
    }
    let took = started.elapsed();
    let _ = c.shutdown(std::net::Shutdown::Both);
    let _ = writer.join();
    let text = String::from_utf8_lossy(&bytes);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, took)
}

#[test]
fn oversized_requests_are_refused_quickly() {
    let served = Served::start();
    let addr = served.addr();
    let long_line = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "a".repeat(1024 * 1024)
    );
    let big_header = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lon: {}\r\n\r\n",
        "b".repeat(100 * 1024)
    );
    let many_headers = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{}\r\n",
        (0..500)
            .map(|i| format!("X-{i}: {i}\r\n"))
            .collect::<String>()
    );
    let endless_header = {
        // 8 MB of one header line, never finished.
        let mut v = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Vo-Tan: ".to_vec();
        v.extend(std::iter::repeat_n(b'c', 8 * 1024 * 1024));
        v
    };
    for (name, request) in [
        ("1 MB request line", long_line.into_bytes()),
        ("100 KB header", big_header.into_bytes()),
        ("500 headers", many_headers.into_bytes()),
        ("8 MB unfinished header", endless_header),
    ] {
        let (status, took) = oversized(addr, request);
        eprintln!("{name}: status {status} (0 = closed) after {took:?}");
        assert!(
            status == 0 || (400..500).contains(&status),
            "{name}: answered {status}"
        );
        assert!(took < Duration::from_secs(5), "{name}: took {took:?}");
        assert_serving(addr);
    }
}

/// Reads until the server closes the connection; returns how long that took (or None if it
/// was still open after `limit`).
fn closed_within(mut c: TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    c.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 1024];
    while started.elapsed() < limit {
        match c.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn slow_clients_are_disconnected_and_do_not_block_others() {
    let served = Served::start();
    let addr = served.addr();
    let limit = Duration::from_secs(15);
    // Half a request line, then nothing.
    let mut half = TcpStream::connect(addr).unwrap();
    half.write_all(b"GET /tin-tu").unwrap();
    let half = std::thread::spawn(move || closed_within(half, limit + Duration::from_secs(5)));
    // Connects and never sends a byte.
    let silent = TcpStream::connect(addr).unwrap();
    let silent = std::thread::spawn(move || closed_within(silent, limit + Duration::from_secs(5)));
    // Slowloris: a header byte every 300 ms, forever.
    let trickle = TcpStream::connect(addr).unwrap();
    let mut w = trickle.try_clone().unwrap();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop_w = Arc::clone(&stop);
    let trickler = std::thread::spawn(move || {
        let mut bytes = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".iter().cycle();
        while !stop_w.load(std::sync::atomic::Ordering::Relaxed) {
            let byte = bytes.next().copied().unwrap_or(b'x');
            let byte = if byte == b'\n' { b'x' } else { byte };
            if w.write_all(&[byte]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    });
    let trickle =
        std::thread::spawn(move || closed_within(trickle, limit + Duration::from_secs(5)));
    // Meanwhile everyone else is served normally.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) {
        assert_serving(addr);
        std::thread::sleep(Duration::from_millis(300));
    }
    let results = [
        ("half a request line", half.join().unwrap()),
        ("a silent connection", silent.join().unwrap()),
        ("a header trickled byte by byte", trickle.join().unwrap()),
    ];
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = trickler.join();
    for (what, closed) in results {
        match closed {
            Some(t) => {
                eprintln!("{what}: closed after {t:?}");
                assert!(t <= limit, "{what}: closed only after {t:?}");
            }
            None => panic!(
                "{what}: still open after {:?}",
                limit + Duration::from_secs(5)
            ),
        }
    }
    assert_serving(addr);
}

/// Parses wrk's "N requests in …" line.
fn wrk_requests(out: &str) -> u64 {
    out.lines()
        .find(|l| l.contains(" requests in "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[test]
fn load_test_with_wrk_during_rebuilds() {
    let have_wrk = std::process::Command::new("wrk")
        .arg("--version")
        .output()
        .is_ok();
    if !have_wrk {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "wrk is not installed (apt-get install -y wrk)"
        );
        eprintln!("SKIPPED: wrk is not installed (apt-get install -y wrk)");
        return;
    }
    let s = site();
    for i in 0..100 {
        s.page(
            &format!("content/tin-tuc/bai-{i:03}.md"),
            &format!("title: \"Bài {i}\"\ndate: 2023-01-{:02}", i % 28 + 1),
            "Nội dung bài viết.",
        );
    }
    let server = start(options(&s, None), Arc::new(|_| {})).unwrap();
    let addr = server.addr;
    assert_serving(addr);
    let url = format!("http://{addr}/");
    let mut wrk = std::process::Command::new("wrk")
        .args(["-t2", "-c200", "-d10s", "--timeout", "10s", &url])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Rebuilds during the run: quick updates (a post) and full builds (the home page).
    let mut last = String::new();
    for k in 0..6 {
        std::thread::sleep(Duration::from_millis(1300));
        if k % 2 == 0 {
            s.page(
                "content/tin-tuc/bai-001.md",
                "title: \"Bài 1\"\ndate: 2023-01-02",
                &format!("Sửa lần {k}."),
            );
        } else {
            last = format!("Chào mừng. Lần sửa {k}.");
            s.page("content/_index.md", "title: Trang chủ", &last);
        }
    }
    let started = Instant::now();
    while wrk.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(40) {
            let _ = wrk.kill();
            panic!("wrk did not finish");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let output = wrk.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    eprintln!("{out}");
    assert!(output.status.success(), "{out}");
    assert!(!out.contains("Socket errors"), "{out}");
    assert!(!out.contains("Non-2xx or 3xx responses"), "{out}");
    assert!(wrk_requests(&out) > 1000, "{out}");
    // Afterwards: answers normally, with the last edit.
    let started = Instant::now();
    loop {
        let (status, _, body) = get(addr, "/");
        assert_eq!(status, 200);
        if body.contains(&last) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the last edit never showed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server.stop();
}
