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
    if !crate::quality::require("wrk") {
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

/// Lets this process open `n` files (1,000 streams are 2,000 sockets here: both ends).
fn raise_fd_limit(n: u64) {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.current.is_some_and(|c| c < n) {
        limit.current = Some(limit.maximum.map_or(n, |m| m.min(n)));
        setrlimit(Resource::Nofile, limit).unwrap();
    }
}

/// Opens a live-reload stream; returns it once its first event says how long to wait before a
/// reconnection (1 s for a stream that stays open, more for one turned away).
fn open_stream(addr: SocketAddr) -> (TcpStream, String) {
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c.write_all(b"GET /__thidua/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 1024];
    // Until a complete `retry:` line (the held streams are chunked: the event is followed
    // by the chunk's CRLF).
    let complete = |seen: &[u8]| {
        let text = String::from_utf8_lossy(seen);
        text.split_once("retry: ")
            .is_some_and(|(_, rest)| rest.contains("\n\n"))
    };
    while !complete(&seen) {
        match c.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&seen);
    let retry = text
        .lines()
        .find_map(|l| l.strip_prefix("retry: "))
        .unwrap_or_else(|| panic!("no retry line: {text}"))
        .to_string();
    (c, retry)
}

#[test]
fn a_thousand_reload_streams_do_not_starve_requests() {
    raise_fd_limit(4096);
    let s = site();
    let server = start(options(&s, None), Arc::new(|_| {})).unwrap();
    let addr = server.addr;
    let started = Instant::now();
    let streams: Vec<(TcpStream, String)> = (0..1000).map(|_| open_stream(addr)).collect();
    let opened = started.elapsed();
    let held = streams.iter().filter(|(_, r)| r == "1000").count();
    let turned_away = streams.iter().filter(|(_, r)| r == "5000").count();
    assert_eq!(held, thidua::serve::http::MAX_STREAMS);
    assert_eq!(held + turned_away, 1000);
    // With every stream slot taken and a thousand sockets open: ordinary requests answer.
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let t = Instant::now();
        let (status, _, body) = get(addr, "/");
        slowest = slowest.max(t.elapsed());
        assert_eq!(status, 200);
        assert!(body.contains("Chào mừng."));
    }
    eprintln!(
        "1000 streams opened in {opened:?} ({held} held, {turned_away} told to retry in 5 s); slowest of 20 requests meanwhile: {slowest:?}"
    );
    assert!(slowest < Duration::from_secs(1), "{slowest:?}");
    // The held streams still hear about rebuilds.
    s.page(
        "content/_index.md",
        "title: Trang chủ",
        "Chào mừng. Đã sửa.",
    );
    let (mut first, _) = streams.into_iter().find(|(_, r)| r == "1000").unwrap();
    let mut heard = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&heard).contains("event: reload") {
        match first.read(&mut buf) {
            Ok(0) | Err(_) => panic!("no reload: {}", String::from_utf8_lossy(&heard)),
            Ok(n) => heard.extend_from_slice(&buf[..n]),
        }
    }
    // Closed streams give their slots back (the rest were dropped with the vector).
    drop(first);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (_c, retry) = open_stream(addr);
        if retry == "1000" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the slots of closed streams were not freed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server.stop();
}

/// `thidua serve` run as users run it, with its own temporary folder (`TMPDIR`).
struct Preview {
    child: std::process::Child,
    url: String,
    tmp: tempfile::TempDir,
    _site: TestSite,
}

impl Preview {
    /// Starts it and waits until it says where it serves; `before` runs right after the spawn
    /// (with the child's PID), to plant things while it builds.
    fn start(tmp: tempfile::TempDir, args: &[&str], before: impl FnOnce(u32)) -> Preview {
        use std::io::BufRead;
        let site = site();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .arg("serve")
            .args(args)
            .current_dir(site.root())
            .env("TMPDIR", tmp.path())
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        before(child.id());
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                let _ = tx.send(line);
            }
        });
        let line = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        let url = line
            .strip_prefix("Serving the site at ")
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or_else(|| panic!("{line}"))
            .to_string();
        Preview {
            child,
            url,
            tmp,
            _site: site,
        }
    }

    /// The address in the URL it printed.
    fn addr(&self) -> SocketAddr {
        let host_port = self.url.trim_start_matches("http://").trim_end_matches('/');
        host_port
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", self.url))
    }

    /// Its preview folders (named for its PID).
    fn folders(&self) -> Vec<PathBuf> {
        let prefix = format!("thidua-serve-{}-", self.child.id());
        std::fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&prefix)
            })
            .collect()
    }

    /// Sends `signal` and waits (10 s at most) for a clean exit.
    fn end_with(&mut self, signal: rustix::process::Signal) {
        let pid = rustix::process::Pid::from_raw(self.child.id() as i32).unwrap();
        rustix::process::kill_process(pid, signal).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "{signal:?}: {status}");
                return;
            }
            assert!(Instant::now() < deadline, "{signal:?}: still running");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A PID with no process behind it.
fn dead_pid() -> u32 {
    let mut c = std::process::Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    pid
}

/// A folder like the ones `thidua serve` makes, for the PID `pid`.
fn leftover(tmp: &Path, name: &str, marker_pid: Option<u32>) -> PathBuf {
    let dir = tmp.join(name);
    std::fs::create_dir_all(dir.join("site")).unwrap();
    std::fs::write(dir.join("site/index.html"), "cũ").unwrap();
    if let Some(pid) = marker_pid {
        std::fs::write(dir.join(".thidua-serve"), format!("{pid}\n")).unwrap();
    }
    dir
}

#[test]
fn the_preview_folder_is_private_and_stale_ones_are_removed() {
    use std::os::unix::fs::PermissionsExt;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    // Left by a preview that was killed outright, and things that only look like that.
    let dead = dead_pid();
    let me = std::process::id();
    let t = tmp.path().to_path_buf();
    let stale = leftover(&t, &format!("thidua-serve-{dead}-AbC123xYz789"), Some(dead));
    let keep = [
        leftover(&t, &format!("thidua-serve-{dead}-NoMarker0001"), None),
        leftover(&t, &format!("thidua-serve-{me}-LiveProcess1"), Some(me)),
        leftover(
            &t,
            &format!("thidua-serve-{dead}-OtherPid0001"),
            Some(dead + 1),
        ),
        leftover(&t, &format!("other-{dead}-AbC123xYz789"), Some(dead)),
        leftover(elsewhere.path(), "elsewhere", Some(dead)),
    ];
    let link = t.join(format!("thidua-serve-{dead}-SymlinkToDir"));
    std::os::unix::fs::symlink(&keep[4], &link).unwrap();
    // What the old predictable name would have written into.
    let trap = elsewhere.path().join("trap");
    std::fs::create_dir(&trap).unwrap();
    let port_arg = port.to_string();
    let mut preview = Preview::start(tmp, &["--port", &port_arg], |pid| {
        std::os::unix::fs::symlink(&trap, t.join(format!("thidua-serve-{pid}-{port}"))).unwrap();
    });
    let pid = preview.child.id();
    let folders: Vec<PathBuf> = preview
        .folders()
        .into_iter()
        .filter(|p| !p.is_symlink())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let folder = folders[0].clone();
    let name = folder.file_name().unwrap().to_string_lossy().into_owned();
    assert_ne!(name, format!("thidua-serve-{pid}-{port}"));
    assert!(
        name.len() >= format!("thidua-serve-{pid}-").len() + 12,
        "{name}"
    );
    let mode = std::fs::symlink_metadata(&folder)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    assert!(folder.join("site/index.html").is_file());
    assert_eq!(get(preview.addr(), "/").0, 200);
    // The planted symlink was not followed, and nothing else in the folder holds the site.
    assert_eq!(std::fs::read_dir(&trap).unwrap().count(), 0);
    assert!(t.join(format!("thidua-serve-{pid}-{port}")).is_symlink());
    assert!(
        !stale.exists(),
        "the folder of a dead preview is still there"
    );
    for k in &keep {
        assert!(
            k.join("site/index.html").exists(),
            "{} was removed",
            k.display()
        );
    }
    assert!(link.is_symlink());
    preview.end_with(rustix::process::Signal::TERM);
    assert!(!folder.exists(), "SIGTERM left {}", folder.display());
}

#[test]
fn the_preview_folder_is_removed_after_sighup_and_ctrl_c() {
    for signal in [rustix::process::Signal::HUP, rustix::process::Signal::INT] {
        let mut preview = Preview::start(tempfile::tempdir().unwrap(), &["--port", "0"], |_| {});
        let folders = preview.folders();
        assert_eq!(folders.len(), 1, "{folders:?}");
        assert_eq!(get(preview.addr(), "/").0, 200);
        preview.end_with(signal);
        assert!(
            !folders[0].exists(),
            "{signal:?} left {}",
            folders[0].display()
        );
        assert!(preview.folders().is_empty());
    }
}

#[test]
fn serve_bind_ipv6_loopback_serves_at_a_bracketed_url() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        crate::support::skip("this machine has no IPv6 loopback (::1)");
        return;
    }
    let preview = Preview::start(
        tempfile::tempdir().unwrap(),
        &["--bind", "::1", "--port", "0"],
        |_| {},
    );
    let addr = preview.addr();
    assert!(
        preview.url.starts_with("http://[::1]:") && addr.ip().is_loopback(),
        "{}",
        preview.url
    );
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        c,
        "GET /tin-tuc/a/ HTTP/1.1\r\nHost: [::1]:{}\r\nConnection: close\r\n\r\n",
        addr.port()
    )
    .unwrap();
    let mut out = String::new();
    c.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    assert!(out.contains("Nội dung."), "{out}");
    // Links in the page point back at the same server.
    assert!(out.contains(&format!("{}tin-tuc/", preview.url)), "{out}");
}
