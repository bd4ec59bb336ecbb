//! `docs/nginx.conf` with Debian's nginx over the built bundled site: pages, the 404 page,
//! content types, precompressed responses and cache headers, under the base URL's sub-path.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::quality::require;

/// nginx with docs/nginx.conf serving the bundled site under `/5-nam/`, until dropped.
pub(crate) struct Nginx {
    child: Child,
    pub(crate) port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Builds the bundled site into WWW/5-nam/ and starts nginx with docs/nginx.conf on loopback.
fn start() -> Option<Nginx> {
    if !require("nginx") {
        return None;
    }
    Some(serve_bundled(false))
}

/// Builds the bundled site into WWW/5-nam/ (for `http://127.0.0.1:PORT/5-nam/` itself when
/// `local_base`, so canonical links and og:url are the page's own) and serves it with nginx.
pub(crate) fn serve_bundled(local_base: bool) -> Nginx {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    let port = free_port();
    let opts = thidua::BuildOptions {
        root: env!("CARGO_MANIFEST_DIR").into(),
        output: Some(www.join("5-nam")),
        base_url: local_base.then(|| format!("http://127.0.0.1:{port}/5-nam/")),
        ..Default::default()
    };
    thidua::build(&opts).unwrap_or_else(|e| panic!("the bundled site does not build: {e}"));
    let site = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/nginx.conf"))
        .unwrap()
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        .replace("root /var/www/thidua;", &format!("root {};", www.display()));
    let conf = dir.path().join("nginx.conf");
    std::fs::write(
        &conf,
        format!(
            "user root;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{ worker_connections 64; }}\n\
             http {{\n include /etc/nginx/mime.types;\n default_type application/octet-stream;\n access_log off;\n\
             client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi; uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n{site}\n}}\n",
            d = dir.path().display()
        ),
    )
    .unwrap();
    let child = Command::new("nginx")
        .args([
            "-p",
            &dir.path().display().to_string(),
            "-c",
            &conf.display().to_string(),
            "-g",
            "daemon off;",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "nginx did not start: {}",
            std::fs::read_to_string(dir.path().join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx {
        child,
        port,
        _dir: dir,
    }
}

struct Response {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

fn get(port: u16, path: &str, extra: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: hanhchinhcong.langson.gov.vn\r\n{extra}Connection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

#[test]
fn nginx_serves_the_built_site_as_documented() {
    let Some(nginx) = start() else { return };
    let p = nginx.port;
    let home = get(p, "/5-nam/", "");
    assert_eq!(home.status, 200, "{}", home.head);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        home.header("cache-control").as_deref(),
        Some("public, max-age=300")
    );
    assert!(String::from_utf8_lossy(&home.body).contains("Đoàn kết, sáng tạo"));

    let missing = get(p, "/5-nam/khong-co/", "");
    assert_eq!(missing.status, 404);
    assert!(String::from_utf8_lossy(&missing.body).contains("Không tìm thấy trang"));

    let gz = get(p, "/5-nam/ket-qua/", "Accept-Encoding: gzip\r\n");
    assert_eq!(
        gz.header("content-encoding").as_deref(),
        Some("gzip"),
        "{}",
        gz.head
    );
    assert!(gz.body.starts_with(&[0x1f, 0x8b]));

    let html = String::from_utf8_lossy(&home.body).into_owned();
    let css = html
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap_or(""))
        .find(|h| h.ends_with(".css"))
        .unwrap()
        .to_string();
    assert!(
        css.starts_with("/5-nam/style.") && css.len() == "/5-nam/style.0123456789.css".len(),
        "{css}"
    );
    let style = get(p, &css, "");
    assert_eq!(style.status, 200);
    assert_eq!(
        style.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        style.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );

    let csv = get(p, "/5-nam/ket-qua/results.csv", "");
    assert_eq!(
        csv.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert!(csv.body.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(
        get(p, "/5-nam/atom.xml", "")
            .header("content-type")
            .as_deref(),
        Some("text/xml; charset=utf-8")
    );
    assert_eq!(
        get(p, "/5-nam/favicon.svg", "")
            .header("cache-control")
            .as_deref(),
        Some("public, max-age=86400")
    );
}
