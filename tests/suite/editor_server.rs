//! docs/editor-server.md as written: the systemd unit's command line starts the editing room
//! (on a free port, in a test site), and Debian's nginx with the documented server blocks
//! (a self-signed certificate, free ports) proxies to it over HTTPS: the login page answers,
//! the cookie is Secure, HttpOnly and SameSite=Strict, another name is refused, and plain
//! HTTP is redirected.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::editor::{Editor, add_user, site};
use crate::quality::require;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/editor-server.md");

/// The body of the first fenced block tagged `lang`.
fn block(doc: &str, lang: &str) -> String {
    let open = format!("```{lang}\n");
    let start = doc
        .find(&open)
        .unwrap_or_else(|| panic!("no ```{lang} block"))
        + open.len();
    doc[start..][..doc[start..].find("```").unwrap()].to_string()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn curl(args: &[&str]) -> String {
    let out = Command::new("curl")
        .args(["-sk", "-D", "-", "-o", "/dev/null", "--max-time", "10"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_documented_unit_and_nginx_serve_the_room_over_https() {
    if !require("nginx")
        || !crate::support::tool_available("curl", &["--version"])
        || !crate::support::tool_available("openssl", &["version"])
    {
        return;
    }
    let doc = std::fs::read_to_string(DOC).unwrap();
    let site = site();
    add_user(&site, "quantri", "admin");
    let room_port = free_port();
    // The unit's command line, with the test site and port.
    let unit = block(&doc, "ini");
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap();
    let args: Vec<String> = exec
        .split_whitespace()
        .skip(1)
        .map(|a| match a {
            "/srv/thidua/site" => site.root().display().to_string(),
            "1112" => room_port.to_string(),
            other => other.to_string(),
        })
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("Phòng biên tập đang mở tại"), "{line}");
    let _room = Editor {
        child,
        addr: format!("127.0.0.1:{room_port}").parse().unwrap(),
    };

    // nginx with the documented server blocks on free ports and a self-signed certificate.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=bientap.example.gov.vn",
        ])
        .args([
            "-keyout",
            &format!("{d}/key.pem"),
            "-out",
            &format!("{d}/cert.pem"),
        ])
        .output()
        .unwrap();
    assert!(made.status.success());
    let (http, https) = (free_port(), free_port());
    let server = block(&doc, "nginx")
        .replace("listen 80;", &format!("listen 127.0.0.1:{http};"))
        .replace(
            "listen 443 ssl http2;",
            &format!("listen 127.0.0.1:{https} ssl http2;"),
        )
        .replace(
            "/etc/ssl/certs/bientap.example.gov.vn.pem",
            &format!("{d}/cert.pem"),
        )
        .replace(
            "/etc/ssl/private/bientap.example.gov.vn.key",
            &format!("{d}/key.pem"),
        )
        .replace("127.0.0.1:1112", &format!("127.0.0.1:{room_port}"));
    let conf = format!(
        "user root;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{ worker_connections 64; }}\n\
         http {{\n include /etc/nginx/mime.types;\n access_log off;\n\
         client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi; uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n{server}\n}}\n"
    );
    std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
    let nginx = Command::new("nginx")
        .args([
            "-p",
            &d,
            "-c",
            &format!("{d}/nginx.conf"),
            "-g",
            "daemon off;",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _nginx = Editor {
        child: nginx,
        addr: format!("127.0.0.1:{https}").parse().unwrap(),
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", https)).is_err() {
        assert!(
            Instant::now() < deadline,
            "nginx did not start: {}",
            std::fs::read_to_string(dir.path().join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let name = "bientap.example.gov.vn";
    let resolve = |port: u16| format!("{name}:{port}:127.0.0.1");
    let login = curl(&[
        "--resolve",
        &resolve(https),
        &format!("https://{name}:{https}/login"),
    ]);
    assert!(
        login.starts_with("HTTP/2 200") || login.starts_with("HTTP/1.1 200"),
        "{login}"
    );
    let cookie = login
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .unwrap_or_default();
    for part in ["HttpOnly", "SameSite=Strict", "Secure"] {
        assert!(cookie.contains(part), "{part} missing: {cookie}");
    }
    let wall = curl(&[
        "--resolve",
        &resolve(https),
        &format!("https://{name}:{https}/"),
    ]);
    assert!(
        wall.contains(" 303") && wall.to_ascii_lowercase().contains("location: /login"),
        "{wall}"
    );
    let other = curl(&[
        "--resolve",
        &format!("khac.example:{https}:127.0.0.1"),
        &format!("https://khac.example:{https}/login"),
    ]);
    assert!(
        other.starts_with("HTTP/2 403") || other.starts_with("HTTP/1.1 403"),
        "{other}"
    );
    let plain = curl(&[
        "--resolve",
        &resolve(http),
        &format!("http://{name}:{http}/login"),
    ]);
    assert!(
        plain.contains(" 301") && plain.contains(&format!("https://{name}")),
        "{plain}"
    );
}
