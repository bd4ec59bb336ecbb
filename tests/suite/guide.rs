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
//!   blocks are fragments that must only parse; `csv` blocks are whole files (an export in
//!   `content/_data/`), always under `tệp:`;
//! - `tệp:` examples that build are kept for the later examples, and written into the `sh`
//!   commands' current folder when it holds a site.yaml;
//! - `sh` blocks under `<!-- thoát: N -->` hold commands that exit with status N (`thidua publish`
//!   without a terminal), not 0;
//! - every `text` block is under one note: `<!-- kết-quả: thidua ARGS -->` (it quotes what that
//!   command prints, and is compared with it) or `<!-- minh-họa: WHY -->` (not thidua's output,
//!   or not reproducible here, and why);
//! - a `kết-quả:` block is compared with what a command printed, stdout and stderr together in
//!   the order printed (as on the reader's screen): the command run now in the site
//!   of the example just above, when an example came after the last `sh` block; otherwise the
//!   last run of exactly that command line in the `sh` blocks above (`thidua serve`: the lines up
//!   to "Đang phục vụ…", with the reader's port, 1111 or their `--port`, put back);
//! - in a `kết-quả:` block, `{số}` stands for a number as thidua prints it (`6`, `1.780`,
//!   `0,12`: times, sizes, counts that vary), `…` inside a line for any text on that line, and a
//!   line holding only `…` for any number of lines (none included). Everything else must match
//!   exactly, line by line.

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
    /// `kết-quả:`: the command whose output this `text` block quotes.
    output: Option<String>,
    /// `minh-họa:`: why this `text` block is not compared with an output.
    illustration: Option<String>,
    /// `thoát:`: the exit status of the commands of this `sh` block (0 without the note).
    status: Option<i32>,
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
            ["sh", "text", "markdown", "yaml", "csv"].contains(&lang.as_str()),
            "{GUIDE}:{line}: a fenced block must be tagged sh, text, markdown, yaml or csv, found {lang:?}"
        );
        let (mut file, mut error) = (None, None);
        let (mut output, mut illustration, mut status) = (None, None, None);
        let mut k = i;
        while k > 0 {
            let Some((key, value)) = note(lines[k - 1]) else {
                break;
            };
            match key {
                "tệp" => file = Some(value.to_string()),
                "lỗi" => error = Some(value.to_string()),
                "kết-quả" => output = Some(value.to_string()),
                "minh-họa" => illustration = Some(value.to_string()),
                "thoát" => {
                    status = Some(value.parse().unwrap_or_else(|_| {
                        panic!("{GUIDE}:{k}: \"thoát: {value}\" is not an exit status")
                    }));
                }
                other => panic!(
                    "{GUIDE}:{k}: unknown note {other:?} above a block (use \"tệp:\", \"lỗi:\", \"kết-quả:\", \"minh-họa:\" or \"thoát:\")"
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
            output,
            illustration,
            status,
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
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
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

/// Runs a command to the end, killing it after `COMMAND_TIMEOUT`. Its stdout and stderr go
/// into one file, as on the reader's screen (in the order printed): all of it is returned as
/// `stdout`, and `stderr` is empty.
fn run(mut cmd: Command, what: &str) -> Output {
    // One file for both (a shared offset, so writes land in the order made).
    let mut merged = tempfile::tempfile().unwrap();
    cmd.stdout(merged.try_clone().unwrap())
        .stderr(merged.try_clone().unwrap());
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{what}: {e}"));
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
    use std::io::Seek;
    let mut stdout = Vec::new();
    merged.rewind().unwrap();
    merged.read_to_end(&mut stdout).unwrap();
    Output {
        status,
        stdout,
        stderr: Vec::new(),
    }
}

/// Stops the server however the test ends: SIGTERM first, as Ctrl-C would (the preview then
/// removes its temporary folder), SIGKILL if it is still running 5 s later.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
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
    /// `TMPDIR` of `thidua serve`.
    tmp: tempfile::TempDir,
    cwd: PathBuf,
    /// `tệp:` examples that built, by path: every later example starts from them.
    kept: BTreeMap<String, String>,
    /// What each command line of the `sh` blocks printed the last time it ran.
    printed: BTreeMap<String, String>,
    /// The site of the last example, until the next `sh` block: `kết-quả:` commands run there.
    example_site: Option<(tempfile::TempDir, PathBuf)>,
    commands: usize,
    outputs_compared: usize,
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
            tmp: tempfile::tempdir().unwrap(),
            cwd,
            kept: BTreeMap::new(),
            printed: BTreeMap::new(),
            example_site: None,
            commands: 0,
            outputs_compared: 0,
            serves: 0,
            examples_ok: 0,
            examples_failing: 0,
            fragments: 0,
        }
    }

    fn sh(&mut self, block: &Block) {
        self.example_site = None;
        let expected = block.status.unwrap_or(0);
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
                assert!(
                    block.status.is_none(),
                    "{GUIDE}:{line}: `thoát:` cannot apply to thidua serve"
                );
                self.serve(line, cmd, &words[1..]);
            } else {
                let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
                let out = run(
                    thidua(&args, &self.cwd),
                    &format!("{GUIDE}:{line}: `{cmd}`"),
                );
                let (stdout, stderr) = text(&out);
                assert!(
                    out.status.code() == Some(expected),
                    "{GUIDE}:{line}: `{cmd}` should exit with {expected}, but: {} in {}\n--- stdout\n{stdout}--- stderr\n{stderr}",
                    out.status,
                    self.cwd.display()
                );
                self.printed
                    .insert(cmd.to_string(), format!("{stdout}{stderr}"));
            }
            self.commands += 1;
        }
    }

    /// Starts `thidua serve` on a free loopback port, fetches the home page, stops it.
    fn serve(&mut self, line: usize, cmd: &str, words: &[String]) {
        let mut args: Vec<String> = Vec::new();
        // The port the reader asked for (thidua's default otherwise): put back in the output.
        let mut reader_port = "1111".to_string();
        let mut it = words.iter();
        while let Some(w) = it.next() {
            match w.as_str() {
                "--port" | "-p" => {
                    if let Some(p) = it.next() {
                        reader_port.clone_from(p);
                    }
                }
                w if w.starts_with("--port=") => {
                    reader_port = w["--port=".len()..].to_string();
                }
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
            // Its preview folder goes into the test's own temporary folder, removed at the end
            // even if the server had to be killed.
            .env("TMPDIR", self.tmp.path())
            .spawn()
            .unwrap_or_else(|e| panic!("{GUIDE}:{line}: `{cmd}`: {e}"));
        let stdout = child.stdout.take().unwrap();
        let stderr = drain(child.stderr.take());
        let server = Server(child);
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
                    drop(server);
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
        self.printed.insert(
            cmd.to_string(),
            seen.replace(&format!(":{port}"), &format!(":{reader_port}")),
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
        // The photo the guide's short examples show (`![…](anh-le-trao.jpg)` in vi-du.md),
        // where that relative name leads: /tin-tuc/vi-du/anh-le-trao.jpg.
        write(&root, "content/tin-tuc/vi-du/anh-le-trao.jpg", "");
        (dir, root)
    }

    /// A complete example file: build it, expecting success or the `lỗi:` message.
    fn example(&mut self, block: &Block, rel: &str) {
        let (dir, root) = self.site(block.line);
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
                    stdout.lines().chain(stderr.lines()).any(|l| l == message),
                    "{GUIDE}:{}: expected the line\n  {message}\nbut thidua printed:\n{stdout}{stderr}",
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
        self.example_site = Some((dir, root));
    }

    /// A `text` block: compared with what its `kết-quả:` command printed, or an illustration.
    fn text(&mut self, block: &Block) {
        let line = block.line;
        let Some(cmd) = &block.output else {
            assert!(
                block
                    .illustration
                    .as_deref()
                    .is_some_and(|why| !why.is_empty()),
                "{GUIDE}:{line}: a ```text block needs a note right above it: \
                 <!-- kết-quả: thidua … --> when it quotes what thidua prints (it is then compared), \
                 or <!-- minh-họa: why it is not compared -->"
            );
            return;
        };
        assert!(
            block.illustration.is_none(),
            "{GUIDE}:{line}: \"kết-quả:\" and \"minh-họa:\" exclude each other"
        );
        let printed = match &self.example_site {
            Some((_, root)) => {
                let words = split_words(cmd);
                assert!(
                    words.first().map(String::as_str) == Some("thidua") && words.len() > 1,
                    "{GUIDE}:{line}: \"kết-quả: {cmd}\" does not name a thidua command"
                );
                let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
                let out = run(thidua(&args, root), &format!("{GUIDE}:{line}: `{cmd}`"));
                let (stdout, stderr) = text(&out);
                format!("{stdout}{stderr}")
            }
            None => self.printed.get(cmd.as_str()).cloned().unwrap_or_else(|| {
                panic!(
                    "{GUIDE}:{line}: \"kết-quả: {cmd}\": no ```sh line above ran exactly `{cmd}`, \
                     and no example came after the last ```sh block"
                )
            }),
        };
        let expected: Vec<&str> = block.body.lines().collect();
        let actual: Vec<&str> = printed.lines().collect();
        assert!(
            lines_match(&expected, &actual),
            "{GUIDE}:{line}: this block quotes what `{cmd}` prints, but it printed something else \
             ({{số}} = a number, … = any text, a line of … = any lines)\n--- the guide\n{}--- thidua\n{printed}",
            block.body
        );
        self.outputs_compared += 1;
    }

    /// A folder drawn as a tree (`content/tin-tuc/bai/`, then `├── anh.jpg`…): the reader has
    /// those files, so the site gets them too (empty, unless an example already wrote them),
    /// and `thidua check` finds what the page links to.
    fn tree(&mut self, block: &Block) {
        let mut lines = block.body.lines();
        let Some(dir) = lines.next().map(str::trim).filter(|d| d.ends_with('/')) else {
            return;
        };
        let dir = site_path(block.line, dir);
        for line in lines {
            let name = line.trim_start_matches(['├', '└', '─', '│', ' ']).trim();
            if name.is_empty() || name.ends_with('/') || name.ends_with(".md") {
                continue;
            }
            let rel = format!("{dir}{name}");
            self.kept.entry(rel.clone()).or_default();
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
            "yaml" | "csv" if block.file.is_some() => {
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
            "text" => self.text(block),
            "csv" => panic!(
                "{GUIDE}:{}: a csv block is a whole file: put <!-- tệp: PATH --> above it",
                block.line
            ),
            _ => {}
        }
        let kinds = [
            (
                block.file.is_some() || block.error.is_some(),
                ["markdown", "yaml", "csv"].as_slice(),
                "\"tệp:\" and \"lỗi:\"",
            ),
            (
                block.output.is_some() || block.illustration.is_some(),
                ["text"].as_slice(),
                "\"kết-quả:\" and \"minh-họa:\"",
            ),
            (block.status.is_some(), ["sh"].as_slice(), "\"thoát:\""),
        ];
        for (present, langs, notes) in kinds {
            assert!(
                !present || langs.contains(&block.lang.as_str()),
                "{GUIDE}:{}: {notes} do not apply to a ```{} block",
                block.line,
                block.lang
            );
        }
    }
}

/// One token of a `kết-quả:` line: a character, `{số}` or `…`.
#[derive(Clone, Copy, PartialEq)]
enum Token {
    Char(char),
    Number,
    AnyText,
}

fn tokens(pattern: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("{số}") {
            out.push(Token::Number);
            rest = r;
        } else {
            out.push(if c == '…' {
                Token::AnyText
            } else {
                Token::Char(c)
            });
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Whether `text` (one line) matches the tokens.
fn tokens_match(pattern: &[Token], text: &[char]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((Token::Char(c), rest)) => text.first() == Some(c) && tokens_match(rest, &text[1..]),
        Some((Token::AnyText, rest)) => (0..=text.len()).any(|i| tokens_match(rest, &text[i..])),
        Some((Token::Number, rest)) => {
            // Digits with `.` and `,` inside, as thidua prints numbers in either language.
            let run = text
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == '.' || **c == ',')
                .count();
            (1..=run).any(|i| {
                text[i - 1].is_ascii_digit()
                    && text[0].is_ascii_digit()
                    && tokens_match(rest, &text[i..])
            })
        }
    }
}

/// Whether the printed lines match the quoted ones (see the top of this file).
fn lines_match(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e.trim() == "…" => {
            (0..=actual.len()).any(|i| lines_match(rest, &actual[i..]))
        }
        Some((e, rest)) => {
            actual
                .first()
                .is_some_and(|a| tokens_match(&tokens(e), &a.chars().collect::<Vec<_>>()))
                && lines_match(rest, &actual[1..])
        }
    }
}

fn write(root: &Path, rel: &str, body: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // A photo the reader has is a real picture (thidua reads photos to resize them).
    if body.is_empty() && thidua::images::is_photo(rel) {
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode(
                &[120u8; 64 * 48 * 3],
                64,
                48,
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        std::fs::write(&path, jpeg).unwrap();
        return;
    }
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
    assert!(
        runner.outputs_compared >= 15,
        "only {} quoted outputs compared",
        runner.outputs_compared
    );
    println!(
        "{GUIDE}: {} commands ({} of them thidua serve), {} quoted outputs compared, {} examples that build, {} that fail as stated, {} YAML fragments",
        runner.commands,
        runner.serves,
        runner.outputs_compared,
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

#[test]
fn guide_placeholders_match_numbers_any_text_and_any_lines() {
    let m = |e: &[&str], a: &[&str]| lines_match(e, a);
    assert!(m(
        &["Đã dựng 6 trang ({số} tệp, {số} KB) trong {số} giây vào public/"],
        &["Đã dựng 6 trang (18 tệp, 1.146 KB) trong 0,12 giây vào public/"]
    ));
    // Literal text must match exactly: another count is a difference.
    assert!(!m(&["Đã dựng 6 trang"], &["Đã dựng 7 trang"]));
    assert!(!m(&["{số} giây"], &["giây"]));
    assert!(!m(&["{số}"], &[","]));
    assert!(m(
        &["lỗi: … Chưa đăng gì cả."],
        &["lỗi: x: y. Chưa đăng gì cả."]
    ));
    assert!(!m(&["lỗi: …"], &["cảnh báo: x"]));
    assert!(m(&["a", "…", "z"], &["a", "z"]));
    assert!(m(&["a", "…", "z"], &["a", "b", "c", "z"]));
    assert!(m(
        &["  + 404.html", "  …", "  … và {số} tệp nữa"],
        &["  + 404.html", "  + a", "  … và 40 tệp nữa"]
    ));
    assert!(!m(&["a"], &["a", "b"]));
    assert!(!m(&["a", "b"], &["a"]));
}
