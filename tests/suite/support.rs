//! TestSite: a throwaway site written inline, built with the library or the binary.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use thidua::{BuildOptions, BuildReport, Mode};

pub const CONFIG: &str = "title: \"Thử nghiệm\"\nbase_url: \"https://example.gov.vn/\"\n";

/// A site in a temporary folder.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A site with a minimal site.yaml and nothing else.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = TestSite { dir };
        site.write("site.yaml", CONFIG);
        std::fs::create_dir_all(site.root().join("content")).expect("content dir");
        site
    }

    /// Writes (or replaces) a file, creating folders.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
        self
    }

    /// A page with a title and optional extra front matter lines.
    pub fn page(&self, rel: &str, front: &str, body: &str) -> &Self {
        self.write(rel, &format!("---\n{front}\n---\n{body}"))
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            mode: Mode::Build,
            ..BuildOptions::default()
        }
    }

    /// Builds into public/; panics with the errors if it fails.
    pub fn build(&self) -> BuildReport {
        match thidua::build(&self.options()) {
            Ok(r) => r,
            Err(thidua::diagnostic::BuildError::Content(d)) => {
                panic!(
                    "build failed:\n{}",
                    d.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            }
            Err(e) => panic!("build failed: {e}"),
        }
    }

    /// Builds, expecting content errors; returns them as printed.
    pub fn build_errors(&self) -> Vec<String> {
        match thidua::build(&self.options()) {
            Ok(_) => panic!("expected the build to fail"),
            Err(thidua::diagnostic::BuildError::Content(d)) => {
                d.iter().map(ToString::to_string).collect()
            }
            Err(e) => vec![e.to_string()],
        }
    }

    /// Reads an output file.
    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Whether an output file exists.
    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }

    /// Runs the thidua binary in the site's folder.
    pub fn cli(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(args)
            .current_dir(self.root())
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .expect("run thidua")
    }
}

/// stdout and stderr as text.
pub fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `dir` with its bytes, sorted (for byte-for-byte comparisons).
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            out.push((rel, std::fs::read(e.path()).expect("read")));
        }
    }
    out
}

/// A raw request (sent as is, so odd targets reach the server unnormalised); returns the
/// status (0 when the server closed without answering), the head and the body.
pub fn raw(addr: SocketAddr, request: &[u8]) -> (u16, String, String) {
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    c.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    let _ = c.write_all(request);
    let mut bytes = Vec::new();
    let _ = c.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// A GET of `target`, sent as is (`/../x` reaches the server unnormalised).
pub fn get(addr: SocketAddr, target: &str) -> (u16, String, String) {
    raw(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// The one way a test skips: says which test cannot run here and why, where the test summary
/// shows it (straight to stderr: the harness hides `eprintln!` of passing tests, so a skip
/// would look like a pass); with `CI=true` it fails instead, since `.ci/run` provides
/// everything the tests need. The caller returns right after.
pub fn skip(why: &str) {
    use std::io::Write as _;
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "{test} cannot run: {why}; with CI=true every test must run (.ci/run installs what they need)"
        );
    }
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {test}: {why} (with CI=true this is a failure)"
    );
}

/// Whether `program args…` runs; when it does not, [`skip`] says so.
pub fn tool_available(program: &str, args: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        skip(&format!(
            "`{program} {}` does not run here (install {program} as .ci/run does)",
            args.join(" ")
        ));
    }
    ok
}

/// A folder for this test process under target/tmp, `NAME-PID`, made empty, for what a
/// `static` keeps for the whole run (statics are never dropped, so a `TempDir` there would be
/// left in /tmp after every run). Folders of finished runs (`NAME-PID` of a dead PID) are
/// removed here.
pub fn process_dir(name: &str) -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    if let Ok(entries) = std::fs::read_dir(tmp) {
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = file.strip_prefix(name).and_then(|r| r.strip_prefix('-'))
                && pid.parse::<u32>().is_ok()
                && !Path::new("/proc").join(pid).exists()
            {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let dir = tmp.join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("process dir");
    dir
}

/// `cmd` with no locale at all, as on the staff's Windows PCs.
pub fn without_locale(cmd: &mut Command) -> &mut Command {
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
}
