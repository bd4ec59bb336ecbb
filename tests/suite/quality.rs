//! Page quality of the bundled site (content/ + themes/default/): valid HTML (W3C Nu HTML
//! Checker), accessibility (axe-core in headless chromium), and a clean load (no console errors,
//! failed requests or requests to other hosts), with screenshots in target/screenshots/.
//!
//! These tests need system tools: java, node, Debian's /usr/bin/chromium and the npm packages of
//! tests/tools (`npm ci --prefix tests/tools --ignore-scripts`, which `cargo test` never runs by
//! itself). Without them a test skips through `support::skip`, which says why in the summary,
//! except when `CI=true`, where it fails: `.ci/run` installs them all.
//!
//! The site is built once per test process into target/tmp/quality-site-PID/public and served
//! by a small static server on 127.0.0.1 (a free port), with base_url set to that server.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::Deserialize;

const CHROMIUM: &str = "/usr/bin/chromium";
const VNU_JAR: &str = "tests/tools/node_modules/vnu-jar/build/dist/vnu.jar";
const AXE_JS: &str = "tests/tools/node_modules/axe-core/axe.min.js";
const BROWSER_CHECK: &str = "tests/tools/browser-check.mjs";
/// The Node script gives up by itself after this long...
const BROWSER_JOB_TIMEOUT: Duration = Duration::from_secs(120);
/// ...and the test kills it (and so chromium, whose DevTools pipe closes) after this long.
const CHILD_TIMEOUT: Duration = Duration::from_secs(180);

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------------
// Tools: the skip-or-fail rule
// ---------------------------------------------------------------------------------------------

/// Whether `tool` is usable. When it is not, [`crate::support::skip`] says why (and fails
/// with `CI=true`, since `.ci/run` installs them all); the test then returns early.
pub(crate) fn require(tool: &str) -> bool {
    let Some(why) = tool_problem(tool) else {
        return true;
    };
    crate::support::skip(&format!(
        "{tool} is not usable: {why}. Install the tools as .ci/run does \
         (apt-get install chromium default-jre-headless nginx wrk; npm ci --prefix tests/tools --ignore-scripts)"
    ));
    false
}

/// Why `tool` cannot be used, or None when it can.
fn tool_problem(tool: &str) -> Option<String> {
    match tool {
        "java" => command_problem(Command::new("java").arg("-version")),
        "node" => {
            let out = match run(
                Command::new("node").arg("--version"),
                None,
                Duration::from_secs(30),
            ) {
                Ok(out) if out.status.success() => out,
                Ok(out) => return Some(format!("`node --version` failed: {}", out.stderr_tail())),
                Err(e) => return Some(e),
            };
            let version = out.stdout.trim().to_owned();
            let major: u32 = version
                .trim_start_matches('v')
                .split('.')
                .next()
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            (major < 18).then(|| format!("node {version} is too old (18 or later is needed)"))
        }
        "chromium" => {
            if !Path::new(CHROMIUM).exists() {
                return Some(format!("{CHROMIUM} does not exist"));
            }
            command_problem(Command::new(CHROMIUM).arg("--version"))
        }
        "nginx" => command_problem(Command::new("nginx").arg("-v")),
        "wrk" => match Command::new("wrk").arg("--version").output() {
            // wrk prints its version and exits 1; only "not found" matters.
            Ok(_) => None,
            Err(e) => Some(format!("`wrk` cannot be run: {e}")),
        },
        "vnu.jar" => npm_tools_problem(VNU_JAR),
        "axe-core" => npm_tools_problem(AXE_JS),
        other => Some(format!("unknown tool {other:?}")),
    }
}

fn command_problem(cmd: &mut Command) -> Option<String> {
    match run(cmd, None, Duration::from_secs(60)) {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!("{cmd:?} failed: {}", out.stderr_tail())),
        Err(e) => Some(e),
    }
}

/// Checks that an installed file of tests/tools/node_modules exists. `cargo test` never
/// installs anything by itself (35 MB from the npm registry would be a surprise): `.ci/run`
/// runs `npm ci`, and elsewhere the message says which command to run.
fn npm_tools_problem(file: &str) -> Option<String> {
    (!repo().join(file).exists()).then(|| {
        format!(
            "{file} is missing: run `npm ci --prefix tests/tools --ignore-scripts` once (as .ci/run does)"
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Running a child process with a timeout
// ---------------------------------------------------------------------------------------------

struct RunOutput {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl RunOutput {
    /// The last lines of stderr, for messages.
    fn stderr_tail(&self) -> String {
        tail(&self.stderr, 40)
    }
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// Runs `cmd`, feeding it `stdin`, and collects its output. After `timeout` the child gets
/// SIGTERM, then SIGKILL 5 s later, and this returns an error: a hung tool cannot hang the tests.
fn run(cmd: &mut Command, stdin: Option<Vec<u8>>, timeout: Duration) -> Result<RunOutput, String> {
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    let writer = child.stdin.take().map(|mut pipe| {
        let bytes = stdin.unwrap_or_default();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = reader(Box::new(child.stdout.take().expect("stdout")));
    let err = reader(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let mut term_sent = None;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) => {}
            Err(e) => break Err(format!("waiting for {what}: {e}")),
        }
        match term_sent {
            None if start.elapsed() > timeout => {
                // Let it clean up (browser-check.mjs kills its chromium on SIGTERM).
                let _ = Command::new("kill")
                    .args(["-TERM", &child.id().to_string()])
                    .status();
                term_sent = Some(Instant::now());
            }
            Some(at) if at.elapsed() > Duration::from_secs(5) => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(String::new());
            }
            _ => {}
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    match (status, term_sent) {
        (Ok(status), None) => Ok(RunOutput {
            status,
            stdout,
            stderr,
        }),
        (Err(e), None) => Err(e),
        (_, Some(_)) => Err(format!(
            "{what} did not finish in {} s and was killed.\nstdout:\n{}\nstderr:\n{}",
            timeout.as_secs(),
            tail(&stdout, 20),
            tail(&stderr, 40)
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// The built site and its server
// ---------------------------------------------------------------------------------------------

pub(crate) struct Site {
    /// The built site.
    pub(crate) public: PathBuf,
    /// `http://127.0.0.1:PORT/`, the base_url it was built with and where it is served.
    pub(crate) base: String,
}

impl Site {
    pub(crate) fn url(&self, rel: &str) -> String {
        format!("{}{}", self.base, rel.trim_start_matches('/'))
    }
}

/// Builds the bundled site once per test process and serves it until the process ends.
pub(crate) fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local addr").port();
        let base = format!("http://127.0.0.1:{port}/");

        let dir = crate::support::process_dir("quality-site");
        let public = dir.join("public");

        let options = thidua::BuildOptions {
            root: repo().to_path_buf(),
            output: Some(public.clone()),
            base_url: Some(base.clone()),
            ..thidua::BuildOptions::default()
        };
        match thidua::build(&options) {
            Ok(_) => {}
            Err(thidua::diagnostic::BuildError::Content(d)) => panic!(
                "the bundled site does not build:\n{}",
                d.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            Err(e) => panic!("the bundled site does not build: {e}"),
        }

        serve_folder(listener, public.clone(), "/");
        Site { public, base }
    })
}

/// Serves the files under `root` at the URL path `prefix` (`/` or `/5-nam/`) on `listener`,
/// one thread per connection, until the test process ends. Shared with the search tests.
pub(crate) fn serve_folder(listener: TcpListener, root: PathBuf, prefix: &'static str) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = serve(stream, &root, prefix);
            });
        }
    });
}

/// Answers one HTTP/1.1 request (GET or HEAD) from the files under `root`, then closes.
fn serve(stream: TcpStream, root: &Path, prefix: &str) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            true,
        );
    }
    let Some(rest) = path.strip_prefix(prefix) else {
        let body = std::fs::read(root.join("404.html")).unwrap_or_default();
        return respond(
            &mut stream,
            "404 Not Found",
            "text/html; charset=utf-8",
            &body,
            method == "GET",
        );
    };
    let decoded = percent_decode(rest);
    let rel = Path::new(&decoded);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return respond(&mut stream, "400 Bad Request", "text/plain", b"", true);
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        if !decoded.is_empty() && !decoded.ends_with('/') {
            let location = format!("{path}/");
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return stream.write_all(head.as_bytes());
        }
        file = file.join("index.html");
    }
    let head_only = method == "HEAD";
    match std::fs::read(&file) {
        Ok(body) => respond(
            &mut stream,
            "200 OK",
            content_type(&file),
            &body,
            !head_only,
        ),
        Err(_) => {
            let body = std::fs::read(root.join("404.html")).unwrap_or_default();
            respond(
                &mut stream,
                "404 Not Found",
                "text/html; charset=utf-8",
                &body,
                !head_only,
            )
        }
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Every .html file of the built site, sorted.
pub(crate) fn html_files(public: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(public)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

pub(crate) fn rel_path(public: &Path, file: &Path) -> String {
    file.strip_prefix(public)
        .unwrap_or(file)
        .to_string_lossy()
        .into_owned()
}

// ---------------------------------------------------------------------------------------------
// The browser: tests/tools/browser-check.mjs
// ---------------------------------------------------------------------------------------------

#[derive(serde::Serialize)]
pub(crate) struct PageJob {
    pub(crate) url: String,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) screenshot_path: Option<PathBuf>,
    pub(crate) run_axe: bool,
    /// Measure the page's width, height and squeezed text (`layout` in the result).
    pub(crate) measure_layout: bool,
    /// Print the page to this PDF file (A4 from the print CSS).
    pub(crate) pdf_path: Option<PathBuf>,
}

#[derive(Deserialize)]
pub(crate) struct BrowserResult {
    ok: bool,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    chromium_stderr: Option<String>,
    #[serde(default)]
    browser: Option<String>,
    #[serde(default)]
    pub(crate) pages: Vec<PageResult>,
}

#[derive(Deserialize)]
pub(crate) struct PageResult {
    pub(crate) url: String,
    width: u32,
    pub(crate) error: Option<String>,
    /// HTTP status of the page itself.
    status: Option<u16>,
    console_errors: Vec<ConsoleError>,
    failed_requests: Vec<FailedRequest>,
    http_errors: Vec<HttpError>,
    external_requests: Vec<String>,
    screenshot: Option<String>,
    axe: Option<AxeResult>,
    /// With `measure_layout`.
    #[serde(default)]
    pub(crate) layout: Option<Layout>,
    /// With `pdf_path`: the PDF written.
    #[serde(default)]
    pub(crate) pdf: Option<String>,
}

/// A page's layout as browser-check.mjs measures it (see its header).
#[derive(Deserialize)]
pub(crate) struct Layout {
    pub(crate) viewport_width: f64,
    pub(crate) scroll_width: f64,
    pub(crate) document_height: f64,
    pub(crate) squeezed: Vec<Squeezed>,
    pub(crate) wide: Vec<Wide>,
}

/// A text of more than 8 characters in a box narrower than 60 px.
#[derive(Deserialize)]
pub(crate) struct Squeezed {
    pub(crate) selector: String,
    pub(crate) text: String,
    pub(crate) width: f64,
}

/// An element past the viewport's right edge.
#[derive(Deserialize)]
pub(crate) struct Wide {
    pub(crate) selector: String,
    pub(crate) right: f64,
}

#[derive(Deserialize)]
struct ConsoleError {
    source: String,
    text: String,
    location: String,
}

#[derive(Deserialize)]
struct FailedRequest {
    url: String,
    error: String,
}

#[derive(Deserialize)]
struct HttpError {
    url: String,
    status: u16,
}

#[derive(Deserialize)]
struct AxeResult {
    /// How many rules passed: 0 means axe looked at nothing.
    passes: usize,
    violations: Vec<AxeViolation>,
}

#[derive(Deserialize)]
struct AxeViolation {
    id: String,
    impact: Option<String>,
    help: String,
    #[serde(rename = "helpUrl")]
    help_url: String,
    nodes: Vec<AxeNode>,
}

#[derive(Deserialize)]
struct AxeNode {
    target: serde_json::Value,
}

/// Whether the browser tests can run here (or, in CI, panics).
pub(crate) fn require_browser() -> bool {
    require("node") && require("chromium") && require("axe-core")
}

/// Runs browser-check.mjs over `pages`; panics when the harness itself fails.
pub(crate) fn browse(pages: &[PageJob]) -> BrowserResult {
    let job = serde_json::json!({
        "chromium": CHROMIUM,
        "timeout_ms": BROWSER_JOB_TIMEOUT.as_millis() as u64,
        "allowed_host": "127.0.0.1",
        "pages": pages,
    });
    let out = run(
        Command::new("node").arg(BROWSER_CHECK).current_dir(repo()),
        Some(job.to_string().into_bytes()),
        CHILD_TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("browser-check failed: {e}"));
    let last = out.stdout.lines().last().unwrap_or("");
    let result: BrowserResult = serde_json::from_str(last).unwrap_or_else(|e| {
        panic!(
            "browser-check printed no result ({e}); exit {}.\nstdout:\n{}\nstderr:\n{}",
            out.status,
            tail(&out.stdout, 20),
            out.stderr_tail()
        )
    });
    if !result.ok || !out.status.success() {
        let chromium = result
            .chromium_stderr
            .as_deref()
            .map(|s| {
                s.lines()
                    .filter(|l| !l.contains("dbus"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        panic!(
            "browser-check failed (exit {}): {}\nnode stderr:\n{}\nchromium stderr (dbus noise removed):\n{}",
            out.status,
            result.error.as_deref().unwrap_or("?"),
            out.stderr_tail(),
            tail(&chromium, 40)
        );
    }
    eprintln!(
        "browser-check: {} page load(s) in {}",
        result.pages.len(),
        result.browser.as_deref().unwrap_or("chromium")
    );
    result
}

/// The path of a page for messages: `/ket-qua/` rather than the full URL.
pub(crate) fn page_name(site: &Site, url: &str) -> String {
    match url.strip_prefix(&site.base) {
        Some(rel) => format!("/{rel}"),
        None => url.to_owned(),
    }
}

fn selector(target: &serde_json::Value) -> String {
    match target {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(parts) => {
            parts.iter().map(selector).collect::<Vec<_>>().join(" >>> ")
        }
        other => other.to_string(),
    }
}

/// The first news post of the built site: the first `tin-tuc/SLUG/index.html`, by name.
fn first_news_post(site: &Site) -> Option<String> {
    let news = site.public.join("tin-tuc");
    let mut slugs: Vec<String> = std::fs::read_dir(&news)
        .ok()?
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|s| s != "page")
        .collect();
    slugs.sort();
    slugs.first().map(|s| format!("tin-tuc/{s}/"))
}

/// The output file of a page path (`ket-qua/` → ket-qua/index.html).
fn page_file(site: &Site, rel: &str) -> PathBuf {
    if rel.is_empty() || rel.ends_with('/') {
        site.public.join(rel).join("index.html")
    } else {
        site.public.join(rel)
    }
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[test]
fn every_page_passes_the_nu_html_checker() {
    if !require("java") || !require("vnu.jar") {
        return;
    }
    let site = site();
    let files = html_files(&site.public);
    assert!(
        files.len() >= 20,
        "only {} HTML files were built: {files:?}",
        files.len()
    );
    let started = Instant::now();
    let out = run(
        Command::new("java")
            .args(["-jar"])
            .arg(repo().join(VNU_JAR))
            .args(["--errors-only", "--format", "json", "--skip-non-html"])
            .args(&files),
        None,
        CHILD_TIMEOUT,
    )
    .unwrap_or_else(|e| panic!("the Nu HTML Checker failed: {e}"));
    eprintln!(
        "vnu checked {} files in {:.1} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
    // vnu prints its JSON report on stderr; exit 1 means "errors found".
    let report: serde_json::Value = serde_json::from_str(out.stderr.trim()).unwrap_or_else(|e| {
        panic!(
            "the Nu HTML Checker printed no JSON report ({e}); exit {}.\nstdout:\n{}\nstderr:\n{}",
            out.status,
            tail(&out.stdout, 20),
            out.stderr_tail()
        )
    });
    if !matches!(out.status.code(), Some(0 | 1)) {
        panic!(
            "the Nu HTML Checker exited with {}:\n{}",
            out.status,
            out.stderr_tail()
        );
    }
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    let mut lines = Vec::new();
    let mut by_message: BTreeMap<String, usize> = BTreeMap::new();
    for m in &messages {
        let kind = m["type"].as_str().unwrap_or("");
        if kind != "error" && kind != "non-document-error" {
            continue; // "info" (warnings) is not a failure
        }
        let url = m["url"].as_str().unwrap_or("?");
        let file = url.strip_prefix("file:").unwrap_or(url);
        let file = rel_path(&site.public, Path::new(file));
        let line = m["lastLine"]
            .as_u64()
            .or_else(|| m["firstLine"].as_u64())
            .unwrap_or(0);
        let column = m["firstColumn"].as_u64().unwrap_or(0);
        let message = m["message"].as_str().unwrap_or("?");
        let extract = m["extract"]
            .as_str()
            .map(|x| format!("\n      near: {}", x.replace('\n', "⏎")))
            .unwrap_or_default();
        lines.push(format!("  {file}:{line}:{column}: {message}{extract}"));
        *by_message.entry(message.to_owned()).or_default() += 1;
    }
    if !lines.is_empty() {
        let summary: Vec<String> = by_message
            .iter()
            .map(|(m, n)| format!("  {n:>3} × {m}"))
            .collect();
        panic!(
            "the Nu HTML Checker found {} error(s) in the built site ({}):\n{}\n\nby message:\n{}",
            lines.len(),
            site.public.display(),
            lines.join("\n"),
            summary.join("\n")
        );
    }
}

#[test]
fn axe_finds_no_serious_or_critical_violations() {
    if !require_browser() {
        return;
    }
    let site = site();
    let post = first_news_post(site).expect("no news post under tin-tuc/ in the built site");
    let pages = [
        "",
        "ket-qua/",
        "khen-thuong/",
        "tin-tuc/",
        &post,
        "gioi-thieu/chang-duong-5-nam/",
        "ke-hoach-thi-dua/",
        "lien-he/",
        "tags/",
        "404.html",
    ];
    let mut problems = Vec::new();
    let mut jobs = Vec::new();
    for rel in pages {
        if page_file(site, rel).is_file() {
            jobs.push(PageJob {
                url: site.url(rel),
                width: 1280,
                height: 900,
                screenshot_path: None,
                run_axe: true,
                measure_layout: false,
                pdf_path: None,
            });
        } else {
            problems.push(format!("/{rel}: the page was not built"));
        }
    }
    let started = Instant::now();
    let result = browse(&jobs);
    eprintln!(
        "axe ran on {} pages in {:.1} s",
        result.pages.len(),
        started.elapsed().as_secs_f64()
    );
    let mut by_rule: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut minor = Vec::new();
    for page in &result.pages {
        let name = page_name(site, &page.url);
        if let Some(e) = &page.error {
            problems.push(format!("{name}: could not be checked: {e}"));
            continue;
        }
        let Some(axe) = &page.axe else {
            problems.push(format!("{name}: axe did not run"));
            continue;
        };
        if page.status != Some(200) {
            problems.push(format!("{name}: HTTP status {:?}, not 200", page.status));
        }
        if axe.passes == 0 {
            problems.push(format!("{name}: axe passed no rule at all (empty page?)"));
        }
        for v in &axe.violations {
            let impact = v.impact.as_deref().unwrap_or("?");
            if impact != "serious" && impact != "critical" {
                minor.push(format!("{name}: [{impact}] {} ×{}", v.id, v.nodes.len()));
                continue;
            }
            let first = v
                .nodes
                .first()
                .map(|n| selector(&n.target))
                .unwrap_or_default();
            problems.push(format!(
                "{name}: [{impact}] {}: {} ({} element(s); first: {first})\n      {}",
                v.id,
                v.help,
                v.nodes.len(),
                v.help_url
            ));
            by_rule
                .entry(format!("[{impact}] {}: {}", v.id, v.help))
                .or_default()
                .push(format!("{name} ×{}", v.nodes.len()));
        }
    }
    if !minor.is_empty() {
        eprintln!(
            "axe: {} moderate/minor violation(s), not failures:\n  {}",
            minor.len(),
            minor.join("\n  ")
        );
    }
    if !problems.is_empty() {
        let summary: Vec<String> = by_rule
            .iter()
            .map(|(rule, pages)| format!("  {rule}\n      on {}", pages.join(", ")))
            .collect();
        panic!(
            "axe found {} problem(s) (serious or critical) on {} pages:\n{}\n\nby rule:\n{}",
            problems.len(),
            jobs.len(),
            problems.join("\n"),
            summary.join("\n")
        );
    }
}

#[test]
fn pages_render_without_console_errors_or_failed_requests() {
    if !require_browser() {
        return;
    }
    let site = site();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("screenshots");
    std::fs::create_dir_all(&shots).expect("target/screenshots");
    let mut jobs = Vec::new();
    // Every top-level page of the menu, at phone and desktop widths.
    for (name, rel) in [
        ("home", ""),
        ("gioi-thieu", "gioi-thieu/"),
        ("ke-hoach-thi-dua", "ke-hoach-thi-dua/"),
        ("tin-tuc", "tin-tuc/"),
        ("ket-qua", "ket-qua/"),
        ("khen-thuong", "khen-thuong/"),
        ("lien-he", "lien-he/"),
    ] {
        for (width, height) in [(375, 812), (1280, 900)] {
            let shot = shots.join(format!("{name}-{width}.png"));
            let _ = std::fs::remove_file(&shot);
            jobs.push(PageJob {
                url: site.url(rel),
                width,
                height,
                screenshot_path: Some(shot),
                run_axe: false,
                measure_layout: false,
                pdf_path: None,
            });
        }
    }
    let started = Instant::now();
    let result = browse(&jobs);
    eprintln!(
        "loaded {} pages in {:.1} s",
        result.pages.len(),
        started.elapsed().as_secs_f64()
    );
    let mut problems = Vec::new();
    for page in &result.pages {
        let name = format!("{} at {} px", page_name(site, &page.url), page.width);
        if let Some(e) = &page.error {
            problems.push(format!("{name}: could not be loaded: {e}"));
        }
        for c in &page.console_errors {
            let at = if c.location.is_empty() {
                String::new()
            } else {
                format!(" (at {})", c.location)
            };
            problems.push(format!(
                "{name}: console error [{}]: {}{at}",
                c.source, c.text
            ));
        }
        for r in &page.failed_requests {
            problems.push(format!("{name}: request failed: {} ({})", r.url, r.error));
        }
        for r in &page.http_errors {
            problems.push(format!("{name}: HTTP {} for {}", r.status, r.url));
        }
        for url in &page.external_requests {
            problems.push(format!(
                "{name}: request to another host (blocked; nothing may load from outside the site): {url}"
            ));
        }
        match &page.screenshot {
            Some(path) => eprintln!("screenshot: {path}"),
            None if page.error.is_none() => problems.push(format!("{name}: no screenshot taken")),
            None => {}
        }
    }
    if !problems.is_empty() {
        panic!(
            "{} problem(s) while loading pages (screenshots in {}):\n{}",
            problems.len(),
            shots.display(),
            problems
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
