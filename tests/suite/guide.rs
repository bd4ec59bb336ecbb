//! docs/huong-dan.md, the Vietnamese user guide, run as written.
//!
//! The rules (also stated in the HTML comment at the top of the guide):
//! - every fenced block is tagged `sh`, `text`, `markdown` or `yaml`; `text` is never run;
//! - `sh` blocks run in order in one temporary folder: `thidua …` lines must succeed, `cd DIR`
//!   changes folder, `#` lines are comments, nothing else is allowed; `thidua serve` gets a free
//!   loopback `--port`, must print "Serving the site at" (or its Vietnamese) and serve the home page, then is stopped;
//! - `markdown` blocks starting with `---` are written to `content/tin-tuc/vi-du.md` (or the path
//!   of a `<!-- tệp: PATH -->` comment right above) of a `thidua init` site and built: success,
//!   or, under `<!-- lỗi: MESSAGE -->`, a failure printing MESSAGE as a whole line with public/
//!   unchanged;
//! - `yaml` blocks under `<!-- tệp: PATH -->` are whole files, treated the same way; other `yaml`
//!   blocks are fragments that must only parse;
//! - `tệp:` examples that build are kept for the later examples, and written into the `sh`
//!   commands' current folder when it holds a site.yaml.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{snapshot_tree, text};

const GUIDE: &str = "docs/huong-dan.md";
/// Where a `markdown` example without `tệp:` is written.
const DEFAULT_POST: &str = "content/tin-tuc/vi-du.md";
/// The longest any non-serve command may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// How long `thidua serve` may take to say it is listening.
const SERVE_TIMEOUT: Duration = Duration::from_secs(20);

/// A fenced block of the guide.
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    /// The info string: `sh`, `text`, `markdown`, `yaml`.
    lang: String,
    /// The lines between the fences, each ending with `\n`.
    body: String,
    /// `tệp:` from the comments right above the fence.
    file: Option<String>,
    /// `lỗi:` from the comments right above the fence.
    error: Option<String>,
}

fn guide_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(GUIDE);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `<!-- key: value -->` on one line.
fn note(line: &str) -> Option<(&str, &str)> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let (key, value) = inner.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && !key.contains(' ')).then(|| (key, value.trim()))
}

fn blocks(guide: &str) -> Vec<Block> {
    let lines: Vec<&str> = guide.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(info) = lines[i].strip_prefix("```") else {
            i += 1;
            continue;
        };
        let line = i + 1;
        let lang = info.trim().to_string();
        assert!(
            ["sh", "text", "markdown", "yaml"].contains(&lang.as_str()),
            "{GUIDE}:{line}: a fenced block must be tagged sh, text, markdown or yaml, found {lang:?}"
        );
        let (mut file, mut error) = (None, None);
        let mut k = i;
        while k > 0 {
            let Some((key, value)) = note(lines[k - 1]) else {
                break;
            };
            match key {
                "tệp" => file = Some(value.to_string()),
                "lỗi" => error = Some(value.to_string()),
                other => panic!(
                    "{GUIDE}:{k}: unknown note {other:?} above a block (use \"tệp:\" or \"lỗi:\")"
                ),
            }
            k -= 1;
        }
        let mut body = String::new();
        i += 1;
        while i < lines.len() && !lines[i].starts_with("```") {
            body.push_str(lines[i]);
            body.push('\n');
            i += 1;
        }
        assert!(
            i < lines.len(),
            "{GUIDE}:{line}: this block is never closed"
        );
        i += 1;
        out.push(Block {
            line,
            lang,
            body,
            file,
            error,
        });
    }
    out
}

/// Splits a command line like a shell would, for the simple quoting the guide uses.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unclosed quote in {line:?}");
    if in_word {
        words.push(word);
    }
    words
}

/// A path inside a site, from a `tệp:` note: relative, no `..`.
fn site_path(line: usize, rel: &str) -> &str {
    let ok = !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    assert!(
        ok,
        "{GUIDE}:{line}: \"tệp: {rel}\" is not a path inside the site"
    );
    rel
}

fn thidua(args: &[&str], dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_thidua"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Reads a pipe to the end on its own thread.
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    })
}

/// Runs a command to the end, killing it after `COMMAND_TIMEOUT`.
fn run(mut cmd: Command, what: &str) -> Output {
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{what}: {e}"));
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let deadline = Instant::now() + COMMAND_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {COMMAND_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Kills the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `GET /` over HTTP/1.1: (status line, body).
fn get_home(port: u16) -> (String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    (
        head.lines().next().unwrap_or_default().to_string(),
        body.to_string(),
    )
}

struct Runner {
    /// The sh commands' folder (like the reader's home folder).
    work: tempfile::TempDir,
    cwd: PathBuf,
    /// `tệp:` examples that built, by path: every later example starts from them.
    kept: BTreeMap<String, String>,
    commands: usize,
    serves: usize,
    examples_ok: usize,
    examples_failing: usize,
    fragments: usize,
}

impl Runner {
    fn new() -> Runner {
        let work = tempfile::tempdir().unwrap();
        let cwd = work.path().to_path_buf();
        Runner {
            work,
            cwd,
            kept: BTreeMap::new(),
            commands: 0,
            serves: 0,
            examples_ok: 0,
            examples_failing: 0,
            fragments: 0,
        }
    }

    fn sh(&mut self, block: &Block) {
        for (k, raw) in block.body.lines().enumerate() {
            let line = block.line + 1 + k;
            let cmd = raw.trim();
            if cmd.is_empty() || cmd.starts_with('#') {
                continue;
            }
            if let Some(dir) = cmd.strip_prefix("cd ") {
                let next = self.cwd.join(dir.trim());
                assert!(
                    next.is_dir(),
                    "{GUIDE}:{line}: `{cmd}`: no folder {}",
                    next.display()
                );
                let next = next.canonicalize().unwrap();
                assert!(
                    next.starts_with(self.work.path().canonicalize().unwrap()),
                    "{GUIDE}:{line}: `{cmd}` leaves the test's folder"
                );
                self.cwd = next;
                continue;
            }
            assert!(
                cmd.starts_with("thidua "),
                "{GUIDE}:{line}: `{cmd}` is not a thidua command, a cd or a # comment: put it in a ```text block"
            );
            let words = split_words(cmd);
            if words.get(1).map(String::as_str) == Some("serve") {
                self.serve(line, cmd, &words[1..]);
            } else {
                let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
                let out = run(
                    thidua(&args, &self.cwd),
                    &format!("{GUIDE}:{line}: `{cmd}`"),
                );
                let (stdout, stderr) = text(&out);
                assert!(
                    out.status.success(),
                    "{GUIDE}:{line}: `{cmd}` failed ({}) in {}\n--- stdout\n{stdout}--- stderr\n{stderr}",
                    out.status,
                    self.cwd.display()
                );
            }
            self.commands += 1;
        }
    }

    /// Starts `thidua serve` on a free loopback port, fetches the home page, stops it.
    fn serve(&mut self, line: usize, cmd: &str, words: &[String]) {
        let mut args: Vec<String> = Vec::new();
        let mut it = words.iter();
        while let Some(w) = it.next() {
            match w.as_str() {
                "--port" | "-p" => {
                    it.next();
                }
                w if w.starts_with("--port=") => {}
                "--bind" | "--open" => panic!(
                    "{GUIDE}:{line}: `{cmd}`: {w} cannot run in the test (loopback only, no browser): put it in a ```text block"
                ),
                _ => args.push(w.clone()),
            }
        }
        let port = free_port();
        args.push("--port".into());
        args.push(port.to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = thidua(&args, &self.cwd)
            .spawn()
            .unwrap_or_else(|e| panic!("{GUIDE}:{line}: `{cmd}`: {e}"));
        let stdout = child.stdout.take().unwrap();
        let stderr = drain(child.stderr.take());
        let mut server = Server(child);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for l in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + SERVE_TIMEOUT;
        let mut seen = String::new();
        let url = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(l) => {
                    seen.push_str(&l);
                    seen.push('\n');
                    // In either language ("Đang phục vụ trang tại" on Vietnamese sites).
                    if let Some(rest) = l
                        .strip_prefix("Serving the site at ")
                        .or_else(|| l.strip_prefix("Đang phục vụ trang tại "))
                    {
                        break rest
                            .split_whitespace()
                            .next()
                            .unwrap_or_default()
                            .to_string();
                    }
                }
                Err(_) => {
                    let _ = server.0.kill();
                    let _ = server.0.wait();
                    let err = String::from_utf8_lossy(&stderr.join().unwrap()).into_owned();
                    panic!(
                        "{GUIDE}:{line}: `{cmd}` (run as `thidua {}`) did not print \"Serving the site at\" within {SERVE_TIMEOUT:?}\n--- stdout\n{seen}--- stderr\n{err}",
                        args.join(" ")
                    );
                }
            }
        };
        assert_eq!(
            url,
            format!("http://127.0.0.1:{port}/"),
            "{GUIDE}:{line}: `{cmd}` serves at an unexpected address"
        );
        let (status, body) = get_home(port);
        assert!(
            status.contains(" 200 ") && body.contains("<html"),
            "{GUIDE}:{line}: `{cmd}`: GET {url} gave {status:?}\n{body}"
        );
        drop(server);
        self.serves += 1;
    }

    /// A fresh `thidua init` site with the kept examples written in.
    fn site(&self, line: usize) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = run(
            thidua(&["init", "trang"], dir.path()),
            &format!("{GUIDE}:{line}: thidua init"),
        );
        assert!(out.status.success(), "thidua init: {}", text(&out).1);
        let root = dir.path().join("trang");
        for (rel, body) in &self.kept {
            write(&root, rel, body);
        }
        (dir, root)
    }

    /// A complete example file: build it, expecting success or the `lỗi:` message.
    fn example(&mut self, block: &Block, rel: &str) {
        let (_dir, root) = self.site(block.line);
        let build = |what: &str| {
            run(
                thidua(&["build"], &root),
                &format!("{GUIDE}:{}: {what}", block.line),
            )
        };
        match &block.error {
            None => {
                write(&root, rel, &block.body);
                let out = build("thidua build");
                let (stdout, stderr) = text(&out);
                assert!(
                    out.status.success(),
                    "{GUIDE}:{}: this example (written to {rel}) should build, but `thidua build` failed:\n{stdout}{stderr}",
                    block.line
                );
                if block.file.is_some() {
                    self.kept.insert(rel.to_string(), block.body.clone());
                    if self.cwd.join("site.yaml").is_file() {
                        write(&self.cwd, rel, &block.body);
                    }
                }
                self.examples_ok += 1;
            }
            Some(message) => {
                let out = build("thidua build (before the example)");
                assert!(
                    out.status.success(),
                    "{GUIDE}:{}: the site does not build even before this example:\n{}",
                    block.line,
                    text(&out).1
                );
                let before = snapshot_tree(&root.join("public"));
                write(&root, rel, &block.body);
                let out = build("thidua build");
                let (stdout, stderr) = text(&out);
                assert!(
                    !out.status.success(),
                    "{GUIDE}:{}: this example (written to {rel}) should fail with\n  {message}\nbut it built:\n{stdout}{stderr}",
                    block.line
                );
                assert!(
                    stderr.lines().any(|l| l == message),
                    "{GUIDE}:{}: expected the line\n  {message}\nbut thidua printed:\n{stderr}",
                    block.line
                );
                assert!(
                    before == snapshot_tree(&root.join("public")),
                    "{GUIDE}:{}: the failed build changed public/",
                    block.line
                );
                self.examples_failing += 1;
            }
        }
    }

    /// A folder drawn as a tree (`content/tin-tuc/bai/`, then `├── anh.jpg`…): the reader has
    /// those files, so the site gets them too (empty, unless an example already wrote them),
    /// and `thidua check` finds what the page links to.
    fn tree(&mut self, block: &Block) {
        let mut lines = block.body.lines();
        let Some(dir) = lines.next().map(str::trim).filter(|d| d.ends_with('/')) else {
            return;
        };
        if !self.cwd.join("site.yaml").exists() {
            return;
        }
        let dir = site_path(block.line, dir);
        for line in lines {
            let name = line.trim_start_matches(['├', '└', '─', '│', ' ']).trim();
            if name.is_empty() || name.ends_with('/') || name.ends_with(".md") {
                continue;
            }
            let rel = format!("{dir}{name}");
            if !self.cwd.join(site_path(block.line, &rel)).exists() {
                write(&self.cwd, &rel, "");
            }
        }
    }

    fn block(&mut self, block: &Block) {
        match block.lang.as_str() {
            "sh" => self.sh(block),
            "markdown" if block.body.starts_with("---\n") => {
                let rel = block.file.as_deref().unwrap_or(DEFAULT_POST);
                self.example(block, site_path(block.line, rel));
            }
            "yaml" if block.file.is_some() => {
                let rel = block.file.as_deref().unwrap_or_default();
                self.example(block, site_path(block.line, rel));
            }
            "text" if block.file.is_none() && block.body.contains("├── ") => self.tree(block),
            "yaml" => {
                if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(&block.body) {
                    panic!(
                        "{GUIDE}:{}: this YAML fragment does not parse: {e}",
                        block.line
                    );
                }
                self.fragments += 1;
            }
            _ => {
                assert!(
                    block.file.is_none() && block.error.is_none(),
                    "{GUIDE}:{}: \"tệp:\" and \"lỗi:\" only apply to ```markdown blocks starting with --- and to ```yaml blocks",
                    block.line
                );
            }
        }
    }
}

fn write(root: &Path, rel: &str, body: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, body).unwrap();
}

#[test]
fn guide_runs_as_written() {
    let guide = guide_text();
    let mut runner = Runner::new();
    for block in blocks(&guide) {
        runner.block(&block);
    }
    // The guide covers every subcommand and both kinds of example.
    assert!(
        runner.commands >= 10,
        "only {} commands ran",
        runner.commands
    );
    assert!(runner.serves >= 1, "no `thidua serve` ran");
    assert!(runner.examples_ok >= 5 && runner.examples_failing >= 5);
    println!(
        "{GUIDE}: {} commands ({} of them thidua serve), {} examples that build, {} that fail as stated, {} YAML fragments",
        runner.commands,
        runner.serves,
        runner.examples_ok,
        runner.examples_failing,
        runner.fragments
    );
}

#[test]
fn guide_is_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let guide = guide_text();
    for (i, line) in guide.lines().enumerate() {
        assert!(
            line.nfc().eq(line.chars()),
            "{GUIDE}:{}: not in NFC (Unicode dựng sẵn)",
            i + 1
        );
    }
}

#[test]
fn guide_splits_commands_like_a_shell() {
    assert_eq!(
        split_words("thidua new tin-tuc \"Lễ trao Giấy khen\" --create-section"),
        [
            "thidua",
            "new",
            "tin-tuc",
            "Lễ trao Giấy khen",
            "--create-section"
        ]
    );
    assert_eq!(split_words("  thidua  'a b'\"c\"  "), ["thidua", "a bc"]);
    assert_eq!(
        note("<!-- lỗi: a.md:1:1: x: y (z) -->"),
        Some(("lỗi", "a.md:1:1: x: y (z)"))
    );
    assert_eq!(note("<!-- just a remark -->"), None);
}
