//! The editing room over HTTP, as browsers and attackers talk to it: a real `thidua editor`
//! process on a free port, requests over a raw TCP stream (so odd headers reach the server
//! as sent). Accounts, CSRF, Host, lock-out, uploads, conflicts, a kill mid-save, and the
//! whole workflow from writing to publishing, with history and restore.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::support::{TestSite, text};

pub const PASSWORD: &str = "mật-khẩu-đủ-dài-1";

/// A site with a section, a post and a publish folder.
pub fn site() -> TestSite {
    let site = TestSite::new();
    let out = site.root().join("ngoai");
    site.write(
        "site.yaml",
        &format!(
            "title: \"Thử nghiệm\"\nbase_url: \"https://example.gov.vn/\"\npublish: {{folder: \"{}\"}}\n",
            out.display()
        ),
    );
    site.page("content/tin-tuc/_index.md", "title: \"Tin tức\"", "");
    site.page(
        "content/tin-tuc/cu/index.md",
        "title: \"Bài cũ\"\ndate: \"2023-01-05\"\nweight: 3",
        "Nội dung cũ.\n",
    );
    site
}

/// Adds an account with `thidua user add --password-stdin`.
pub fn add_user(site: &TestSite, name: &str, role: &str) {
    user_cmd(
        site,
        &["add", name, "--role", role, "--password-stdin"],
        PASSWORD,
    );
}

/// Runs `thidua user ARGS` in the site with `password` on stdin; it must succeed.
pub fn user_cmd(site: &TestSite, args: &[&str], password: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("user")
        .args(args)
        .current_dir(site.root())
        .env("LANG", "en_US.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", text(&out));
}

/// A running `thidua editor`, killed when dropped.
pub struct Editor {
    pub child: Child,
    pub addr: SocketAddr,
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the editor on the loopback and a free port, with extra environment.
pub fn start(site: &TestSite, env: &[(&str, &str)]) -> Editor {
    start_in(site, env, "en")
}

/// The room on `site` with an editor (lan) and an approver (duyet), both signed in.
pub fn lan_and_duyet(site: &TestSite) -> (Editor, Client, Client) {
    add_user(site, "duyet", "approver");
    add_user(site, "lan", "editor");
    let editor = start(site, &[]);
    let (mut lan, mut duyet) = (Client::new(&editor), Client::new(&editor));
    lan.login("lan", PASSWORD);
    duyet.login("duyet", PASSWORD);
    (editor, lan, duyet)
}

/// [`start`] in a language (`vi`, `en`).
pub fn start_in(site: &TestSite, env: &[(&str, &str)], lang: &str) -> Editor {
    start_with(site, env, lang, &[])
}

/// [`start_in`] with more arguments (`--behind-https`).
pub fn start_with(site: &TestSite, env: &[(&str, &str)], lang: &str, more: &[&str]) -> Editor {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_thidua"));
    cmd.args(["editor", "--port", "0", "--lang", lang])
        .args(more)
        .current_dir(site.root())
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap();
    Editor {
        child,
        addr: url.parse().unwrap(),
    }
}

/// One browser: its cookie and the last CSRF token it saw.
pub struct Client {
    pub addr: SocketAddr,
    pub cookie: String,
    pub csrf: String,
}

/// An answer: status, headers (lower-case names), body.
pub struct Answer {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: String,
}

impl Client {
    pub fn new(editor: &Editor) -> Client {
        let mut c = Client {
            addr: editor.addr,
            cookie: String::new(),
            csrf: String::new(),
        };
        c.get("/login");
        c
    }

    /// Sends a request as is, with this client's cookie and the server's own Host.
    pub fn send(&mut self, method: &str, target: &str, extra: &str, body: &[u8]) -> Answer {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let cookie = if self.cookie.is_empty() {
            String::new()
        } else {
            format!("Cookie: {}\r\n", self.cookie)
        };
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\n{cookie}{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.addr,
            body.len()
        );
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(body).unwrap();
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        let all = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = all.split_once("\r\n\r\n").unwrap_or((&all, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let headers: HashMap<String, String> = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        if let Some(c) = headers.get("set-cookie") {
            self.cookie = c.split(';').next().unwrap().to_string();
        }
        if let Some(t) = body
            .split("data-csrf=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        {
            self.csrf = t.to_string();
        }
        Answer {
            status,
            headers,
            body: body.to_string(),
        }
    }

    pub fn get(&mut self, target: &str) -> Answer {
        self.send("GET", target, "", b"")
    }

    /// A form POST with this client's CSRF token.
    pub fn post(&mut self, target: &str, pairs: &[(&str, &str)]) -> Answer {
        let mut all = vec![("csrf", self.csrf.clone())];
        all.extend(pairs.iter().map(|(k, v)| (*k, v.to_string())));
        let body: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(all)
            .finish();
        self.send(
            "POST",
            target,
            "Content-Type: application/x-www-form-urlencoded\r\n",
            body.as_bytes(),
        )
    }

    pub fn login(&mut self, name: &str, password: &str) -> Answer {
        self.get("/login");
        let a = self.post("/login", &[("name", name), ("password", password)]);
        if a.status == 303 {
            self.get("/");
        }
        a
    }

    /// Follows a publish that `started` began (a 303 to its progress page) to its end, by
    /// the page's own JSON, and returns the page with the result.
    pub fn finished(&mut self, started: Answer) -> Answer {
        assert_eq!(started.status, 303, "{}", started.body);
        assert_eq!(started.headers["location"], "/publish");
        for _ in 0..1200 {
            if self
                .get("/publish/status")
                .body
                .contains("\"running\":false")
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let done = self.get("/publish");
        assert!(
            !done.body.contains("data-publish=\"running\""),
            "{}",
            done.body
        );
        done
    }

    /// Opens a post's form; returns (version, page).
    pub fn open(&mut self, rel: &str) -> (String, String) {
        let a = self.get(&format!("/edit?p={}", enc(rel)));
        assert_eq!(a.status, 200, "{}", a.body);
        let version = a
            .body
            .split("name=\"version\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        (version, a.body)
    }

    /// Saves a post's title and body, based on `version`.
    pub fn save(&mut self, rel: &str, version: &str, title: &str, body: &str) -> Answer {
        self.post(
            "/save",
            &[
                ("p", rel),
                ("version", version),
                ("title", title),
                ("body", body),
            ],
        )
    }
}

pub fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A real (tiny) JPEG: the room checks the first bytes, the build decodes the photo.
pub static JPEG: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
        .encode(&[90u8; 8 * 8 * 3], 8, 8, image::ExtendedColorType::Rgb8)
        .expect("encode a JPEG");
    jpeg
});

#[test]
fn user_add_passwd_remove_keep_argon2id_hashes_in_a_private_file() {
    let site = site();
    add_user(&site, "lan", "editor");
    let path = site.root().join(".thidua/users.yaml");
    let first = std::fs::read_to_string(&path).unwrap();
    assert!(
        first.contains("name: \"lan\"") && first.contains("role: editor"),
        "{first}"
    );
    assert!(first.contains("$argon2id$v=19$"), "{first}");
    assert!(!first.contains(PASSWORD));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let again = site.cli(&["user", "add", "lan", "--role", "editor", "--password-stdin"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again)
            .1
            .contains("there is already an account called \"lan\"")
    );
    let bad = site.cli(&["user", "add", "hoa", "--role", "boss", "--password-stdin"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad).1.contains("\"boss\" is not a role"),
        "{:?}",
        text(&bad)
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["user", "passwd", "lan", "--password-stdin"])
        .current_dir(site.root())
        .env("LANG", "en_US.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("một-mật-khẩu-mới\n".as_bytes())
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    assert_ne!(std::fs::read_to_string(&path).unwrap(), first);
    let removed = site.cli(&["user", "remove", "lan"]);
    assert!(removed.status.success());
    assert!(text(&removed).0.contains("Removed the account lan"));
    assert!(!std::fs::read_to_string(&path).unwrap().contains("lan"));
    assert_eq!(site.cli(&["user", "remove", "lan"]).status.code(), Some(2));
}

#[test]
fn a_non_loopback_address_without_accounts_is_refused_with_exit_2() {
    let site = site();
    for (lang, words) in [
        ("en", "will not listen on 0.0.0.0 without accounts"),
        ("vi", "không mở trên địa chỉ 0.0.0.0 khi chưa có tài khoản"),
    ] {
        let out = site.cli(&["editor", "--bind", "0.0.0.0", "--port", "0", "--lang", lang]);
        assert_eq!(out.status.code(), Some(2));
        let (_, err) = text(&out);
        assert!(err.contains(words), "{err}");
        assert!(err.contains("thidua user add"), "{err}");
    }
}

#[test]
fn a_post_without_the_csrf_token_is_refused() {
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    assert_eq!(
        c.get("/").status,
        200,
        "the single local user needs no login"
    );
    let csrf = std::mem::take(&mut c.csrf);
    let refused = c.post("/new", &[("title", "Bài mới"), ("section", "tin-tuc")]);
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(refused.body.contains("did not come from the editing room"));
    c.csrf = "0".repeat(64);
    assert_eq!(
        c.post("/new", &[("title", "Bài mới"), ("section", "tin-tuc")])
            .status,
        403
    );
    assert!(!site.root().join("content/tin-tuc/bai-moi").exists());
    c.csrf = csrf;
    let ok = c.post("/new", &[("title", "Bài mới"), ("section", "tin-tuc")]);
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert!(
        site.root()
            .join("content/tin-tuc/bai-moi/index.md")
            .is_file()
    );
    let cookie = ok.headers.get("set-cookie").cloned().unwrap_or_default();
    assert!(cookie.is_empty() || cookie.contains("HttpOnly"), "{cookie}");
}

#[test]
fn a_wrong_host_is_refused_and_every_answer_has_a_strict_policy() {
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    let ok = c.get("/");
    let csp = ok.headers.get("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    let mut s = TcpStream::connect(editor.addr).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: evil.example:1112\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert!(answer.contains("DNS rebinding"), "{answer}");
    let from_elsewhere = c.send(
        "POST",
        "/logout",
        &format!(
            "Origin: http://evil.example\r\nX-CSRF-Token: {}\r\n",
            c.csrf.clone()
        ),
        b"",
    );
    assert_eq!(from_elsewhere.status, 403);
}

#[test]
fn the_sixth_wrong_password_in_a_minute_locks_the_account() {
    let site = site();
    add_user(&site, "lan", "editor");
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    assert_eq!(
        c.get("/").status,
        303,
        "with accounts, even the loopback asks to sign in"
    );
    for _ in 0..5 {
        let a = c.login("lan", "sai-mật-khẩu-rồi");
        assert_eq!(a.status, 401, "{}", a.body);
        assert!(a.body.contains("Wrong account name or password."));
    }
    let sixth = c.login("lan", "sai-mật-khẩu-rồi");
    assert_eq!(sixth.status, 429);
    assert!(
        sixth.body.contains("this account is locked for 15 minutes"),
        "{}",
        sixth.body
    );
    let right = c.login("lan", PASSWORD);
    assert_eq!(right.status, 429, "locked even with the right password");
    let log = std::fs::read_to_string(site.root().join(".thidua/audit.log")).unwrap();
    assert!(log.contains("\tlan\tlogin refused\tlocked"), "{log}");
}

#[test]
fn uploads_land_in_the_post_folder_under_safe_names_or_are_refused() {
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.get("/");
    let rel = "content/tin-tuc/cu/index.md";
    let up = |c: &mut Client, name: &str, body: &[u8]| {
        let csrf = c.csrf.clone();
        c.send(
            "POST",
            &format!("/upload?p={}&name={}", enc(rel), enc(name)),
            &format!("X-CSRF-Token: {csrf}\r\nContent-Type: image/jpeg\r\n"),
            body,
        )
    };
    let a = up(&mut c, "../../x.md", &JPEG);
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a.body.contains("\"name\":\"x.jpg\""), "{}", a.body);
    assert!(site.root().join("content/tin-tuc/cu/x.jpg").is_file());
    assert!(!site.root().join("x.md").exists() && !site.root().join("content/x.md").exists());
    let b = up(&mut c, "<img src=x onerror=alert(1)>.jpg", &JPEG);
    assert!(
        b.body
            .contains("\"name\":\"img-src-x-onerror-alert-1.jpg\""),
        "{}",
        b.body
    );
    let html = up(&mut c, "anh.jpg", b"<html><script>alert(1)</script></html>");
    assert_eq!(html.status, 415);
    assert!(!site.root().join("content/tin-tuc/cu/anh.jpg").exists());
    let outside = c.send(
        "POST",
        &format!("/upload?p={}&name=a.jpg", enc("content/../../etc/index.md")),
        &format!("X-CSRF-Token: {}\r\n", c.csrf.clone()),
        &JPEG,
    );
    assert_eq!(outside.status, 400);
    let read_out = c.get(&format!("/edit?p={}", enc("content/../site.yaml")));
    assert_eq!(read_out.status, 404);
}

#[test]
fn two_sessions_saving_the_same_post_get_a_conflict_and_both_texts_survive() {
    let site = site();
    add_user(&site, "lan", "editor");
    add_user(&site, "hoa", "editor");
    let editor = start(&site, &[]);
    let (mut a, mut b) = (Client::new(&editor), Client::new(&editor));
    assert_eq!(a.login("lan", PASSWORD).status, 303);
    assert_eq!(b.login("hoa", PASSWORD).status, 303);
    let rel = "content/tin-tuc/cu/index.md";
    let (va, _) = a.open(rel);
    let (vb, _) = b.open(rel);
    assert_eq!(va, vb);
    assert_eq!(a.save(rel, &va, "Bài cũ", "Bản của Lan.\n").status, 303);
    let conflict = b.save(rel, &vb, "Bài cũ", "Bản của Hoa.\n");
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert!(conflict.body.contains("Bản của Lan.") && conflict.body.contains("Bản của Hoa."));
    // Editors' changes to a published post wait for approval, beside the untouched file.
    let file =
        std::fs::read_to_string(site.root().join(".thidua/editor/pending").join(rel)).unwrap();
    assert!(
        file.contains("Bản của Lan.") && file.contains("weight: 3"),
        "{file}"
    );
    let live = std::fs::read_to_string(site.root().join(rel)).unwrap();
    assert!(live.contains("Nội dung cũ."), "{live}");
    let kept: Vec<_> = std::fs::read_dir(site.root().join(".thidua/editor/conflicts"))
        .unwrap()
        .collect();
    assert_eq!(kept.len(), 1);
    let kept = std::fs::read_to_string(kept[0].as_ref().unwrap().path()).unwrap();
    assert!(kept.contains("Bản của Hoa."), "{kept}");
}

#[test]
fn kill_9_during_a_save_leaves_the_old_file_whole() {
    if cfg!(not(debug_assertions)) {
        return; // The pause hook exists in debug builds only.
    }
    let site = site();
    let rel = "content/tin-tuc/cu/index.md";
    let before = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let mut editor = start(&site, &[("THIDUA_EDITOR_PAUSE_SAVE", "30")]);
    let mut c = Client::new(&editor);
    c.get("/");
    let (version, _) = c.open(rel);
    let (addr, cookie, csrf) = (c.addr, c.cookie.clone(), c.csrf.clone());
    let long = "Một đoạn rất dài. ".repeat(5000);
    let saver = std::thread::spawn(move || {
        let mut c = Client { addr, cookie, csrf };
        c.save(rel, &version, "Bài cũ", &long).status
    });
    std::thread::sleep(Duration::from_millis(1500));
    editor.child.kill().unwrap(); // SIGKILL
    let _ = editor.child.wait();
    let _ = saver.join();
    let after = std::fs::read_to_string(site.root().join(rel)).unwrap();
    assert_eq!(after, before);
    assert!(site.build().pages >= 1, "the site still builds");
    let leftovers: Vec<_> = std::fs::read_dir(site.root().join("content/tin-tuc/cu"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        leftovers
            .iter()
            .all(|n| n == "index.md" || n.starts_with(".thidua-save-")),
        "{leftovers:?}"
    );
}
