//! thidua.exe under Wine: the Windows build does what the Linux build does.
//!
//! `.ci/windows` cross-builds `thidua.exe` (Debian's Rust and mingw-w64) and puts Wine's missing
//! `bcryptprimitives.dll` beside it; these tests then run it under Wine and compare it with the
//! Linux binary: `--help`, `build` of the bundled site (file by file, and the summary's
//! counts), `serve` answering a page, `new`, `check`, a build error printed in Vietnamese with
//! its location, the guide's Windows installation chapter run as written, and live reload
//! (with a probe that shows what Wine itself reports of file changes). Without the .exe
//! or Wine they skip (and fail with CI=true). `THIDUA_EXE` names another .exe to test.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use crate::support::{TestSite, snapshot_tree, text};

/// Wine's loader and the .exe under test.
struct Wine {
    loader: PathBuf,
    exe: PathBuf,
    prefix: PathBuf,
}

/// The .exe that `.ci/windows` builds.
fn exe_path() -> PathBuf {
    std::env::var_os("THIDUA_EXE").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/windows/x86_64-pc-windows-gnu/debug/thidua.exe")
        },
        PathBuf::from,
    )
}

fn loader_path() -> Option<PathBuf> {
    ["/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Wine, ready (its prefix made once, before tests run it side by side); `None` after a skip.
fn wine() -> Option<&'static Wine> {
    static WINE: OnceLock<Option<Wine>> = OnceLock::new();
    let wine = WINE.get_or_init(|| {
        let exe = exe_path();
        let loader = loader_path()?;
        if !exe.is_file() {
            return None;
        }
        // The prefix .ci/windows made for the unit tests, so it is made only once.
        let prefix = std::env::var_os("WINEPREFIX").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/windows/wineprefix"),
            PathBuf::from,
        );
        let wine = Wine {
            loader,
            exe,
            prefix,
        };
        // The first run makes the prefix (half a minute); later ones take a second.
        let out = wine.run(&["--version"], Path::new(env!("CARGO_TARGET_TMPDIR")));
        assert!(
            out.status.success(),
            "thidua.exe --version failed under Wine: {:?}",
            text(&out)
        );
        Some(wine)
    });
    if wine.is_none() {
        crate::support::skip(&format!(
            "no thidua.exe at {} or no Wine (/usr/lib/wine/wine64): run .ci/windows",
            exe_path().display()
        ));
    }
    wine.as_ref()
}

impl Wine {
    fn command(&self, args: &[&str], dir: &Path) -> Command {
        let mut cmd = Command::new(&self.loader);
        cmd.arg(&self.exe)
            .args(args)
            .current_dir(dir)
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            // As on the staff's PCs: no locale variables, so thidua speaks Vietnamese.
            .env_remove("LANG")
            // Wine makes the Windows command line (UTF-16) from the Unix one with the Unix
            // locale's character set: without this, "Hội nghị" arrives garbled. (On Windows
            // the command line is UTF-16 from the start.) thidua does not read LC_CTYPE.
            .env("LC_CTYPE", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str], dir: &Path) -> Output {
        self.command(args, dir).output().expect("run wine")
    }
}

/// The Linux binary, with the same environment as [`Wine::command`].
fn linux(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .output()
        .expect("run thidua")
}

/// Text with Windows line ends made Unix ones, and every number made `N` (times vary).
fn numbers_masked(s: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in s.replace("\r\n", "\n").chars() {
        if c.is_ascii_digit() || (in_number && (c == '.' || c == ',')) {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

#[test]
fn help_lists_the_commands_in_vietnamese() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = wine.run(&["--help"], dir.path());
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    for word in ["build", "serve", "new", "check", "publish"] {
        assert!(stdout.contains(word), "{word} missing from:\n{stdout}");
    }
    let linux_help = text(&linux(&["--help"], dir.path())).0;
    assert_eq!(
        stdout.replace("\r\n", "\n").replace("thidua.exe", "thidua"),
        linux_help
    );
}

/// The bundled site built by thidua.exe is, file by file, the Linux build; the summary's
/// counts (pages, files, size) are the same too.
#[test]
fn the_bundled_site_builds_the_same_as_on_linux() {
    let Some(wine) = wine() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let outs = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let win_out = outs.path().join("windows");
    let linux_out = outs.path().join("linux");
    let w = wine.run(&["build", "--output", &win_out.to_string_lossy()], root);
    let l = linux(&["build", "--output", &linux_out.to_string_lossy()], root);
    assert!(w.status.success(), "{:?}", text(&w));
    assert!(l.status.success(), "{:?}", text(&l));
    let summary = |o: &Output| {
        let (stdout, _) = text(o);
        // The time and the folder differ; the counts must not.
        let line = stdout.lines().next().unwrap_or_default().to_string();
        line.split(" trong ").next().unwrap_or_default().to_string()
    };
    assert_eq!(summary(&w), summary(&l), "the summaries differ");
    let (win_files, linux_files) = (snapshot_tree(&win_out), snapshot_tree(&linux_out));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&win_files), names(&linux_files), "different files");
    for ((name, w), (_, l)) in win_files.iter().zip(&linux_files) {
        assert!(
            w == l,
            "{name} differs between the Windows and the Linux build"
        );
    }
}

/// `thidua.exe serve` of the site at `root` under Wine, on a free port; its printed lines.
fn serve_under_wine(
    wine: &Wine,
    root: &Path,
) -> (std::process::Child, u16, std::sync::mpsc::Receiver<String>) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = wine
        .command(&["serve", "--port", &port.to_string()], root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = lines_of(&mut child);
    (child, port, lines)
}

/// `serve` under Wine answers the home page.
#[test]
fn serve_answers_the_home_page() {
    let Some(wine) = wine() else { return };
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "Chào mừng bạn.");
    let (mut child, port, lines) = serve_under_wine(wine, s.root());
    let line = lines.recv_timeout(Duration::from_secs(120));
    let answer = line
        .as_ref()
        .ok()
        .map(|_| crate::support::get(format!("127.0.0.1:{port}").parse().unwrap(), "/"));
    let _ = child.kill();
    let _ = child.wait();
    let line = line.expect("serve never said where it serves");
    assert_eq!(
        line,
        format!("Đang phục vụ trang tại http://127.0.0.1:{port}/ (Ctrl-C để dừng)")
    );
    let (status, _, body) = answer.unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("Chào mừng bạn."), "{body}");
}

/// `new` writes the same post as on Linux; `check` passes on it and says so in Vietnamese.
#[test]
fn new_and_check_work_as_on_linux() {
    let Some(wine) = wine() else { return };
    let (win, lin) = (TestSite::new(), TestSite::new());
    for s in [&win, &lin] {
        s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    }
    let args = ["new", "tin-tuc", "Hội nghị tổng kết phong trào thi đua"];
    let w = wine.run(&args, win.root());
    let l = linux(&args, lin.root());
    assert!(w.status.success(), "{:?}", text(&w));
    assert!(l.status.success(), "{:?}", text(&l));
    let post = "content/tin-tuc/hoi-nghi-tong-ket-phong-trao-thi-dua.md";
    assert_eq!(
        std::fs::read_to_string(win.root().join(post)).unwrap(),
        std::fs::read_to_string(lin.root().join(post)).unwrap()
    );
    let w = wine.run(&["check"], win.root());
    let l = linux(&["check"], lin.root());
    assert!(w.status.success(), "{:?}", text(&w));
    assert_eq!(
        numbers_masked(&text(&w).0),
        numbers_masked(&text(&l).0),
        "check said something else"
    );
}

/// A mistake in a post: the same Vietnamese error, with its file, line and column, as on
/// Linux; nothing is written.
#[test]
fn a_build_error_is_located_and_in_vietnamese() {
    let Some(wine) = wine() else { return };
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page(
        "content/tin-tuc/a.md",
        "title: Bài A\ndate: 31/12/2023",
        "Nội dung.",
    );
    let w = wine.run(&["build"], s.root());
    let l = linux(&["build"], s.root());
    assert_eq!(w.status.code(), l.status.code());
    assert!(!w.status.success());
    let (_, stderr) = text(&w);
    assert!(stderr.contains("content/tin-tuc/a.md:3:7"), "{stderr}");
    assert!(stderr.contains("lỗi"), "{stderr}");
    // The same words; only the output folder may be written the Windows way (public\).
    let same = stderr.replace("\r\n", "\n").replace("public\\", "public/");
    assert_eq!(same, text(&l).1);
    assert!(!s.public().exists());
}

/// The `sh` blocks of the guide's Windows chapter ("Cài đặt trên máy Windows"), run under Wine
/// in one folder as a reader would type them (the rest of the guide runs on Linux in
/// guide.rs; the Windows-only steps, downloading and the PATH setting, are illustrated).
#[test]
fn the_guides_windows_chapter_runs_under_wine() {
    let Some(wine) = wine() else { return };
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/huong-dan.md"))
            .unwrap();
    let start = guide
        .find("### Cài đặt trên máy Windows")
        .expect("the guide has a Windows chapter");
    let chapter = &guide[start..];
    let end = chapter[4..].find("\n## ").map_or(chapter.len(), |i| i + 4);
    let chapter = &chapter[..end];
    let dir = tempfile::tempdir().unwrap();
    let mut cwd = dir.path().to_path_buf();
    let mut ran = 0;
    let mut in_sh = false;
    for line in chapter.lines() {
        if line == "```sh" {
            in_sh = true;
            continue;
        }
        if line.starts_with("```") {
            in_sh = false;
            continue;
        }
        if !in_sh || line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(sub) = line.strip_prefix("cd ") {
            cwd = cwd.join(sub.trim());
            continue;
        }
        let args: Vec<&str> = line
            .strip_prefix("thidua ")
            .unwrap_or_else(|| panic!("not a thidua command: {line}"))
            .split_whitespace()
            .collect();
        let out = wine.run(&args, &cwd);
        assert!(out.status.success(), "{line}: {:?}", text(&out));
        ran += 1;
    }
    assert!(ran >= 2, "the Windows chapter has no commands to run");
}

/// A folder in a message is written as Windows writes it: drive letter and backslashes, not
/// the `\\?\` form the standard library resolves it to (Wine shows Linux's / as Z:).
#[test]
fn folders_in_messages_are_written_the_windows_way() {
    let Some(wine) = wine() else { return };
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    let out = wine.run(&["build", "--output", "content"], s.root());
    assert!(!out.status.success());
    let (_, stderr) = text(&out);
    let root = s.root().canonicalize().unwrap();
    let windows = format!("Z:{}\\content", root.display()).replace('/', "\\");
    assert!(
        stderr.contains(&format!("lỗi: không dùng {windows} làm thư mục kết quả")),
        "{stderr}"
    );
    assert!(!stderr.contains("\\\\?\\"), "{stderr}");
}

/// Folder `p` as Wine shows it to a Windows program (`Z:\…`).
fn wine_path(p: &Path) -> String {
    format!("Z:{}", p.display()).replace('/', "\\")
}

/// Lines a child prints on stdout, as they come.
fn lines_of(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    rx
}

/// What Wine reports of changes under a folder, to `watch-probe.exe` (tests/windows): the
/// names below the folder that changed while it watched, after `change` ran.
fn reported_by_wine(wine: &Wine, dir: &Path, change: impl FnOnce()) -> Vec<String> {
    let probe = wine.exe.with_file_name("watch-probe.exe");
    assert!(probe.is_file(), "no {}: run .ci/windows", probe.display());
    let mut child = Command::new(&wine.loader)
        .arg(&probe)
        .args([wine_path(dir).as_str(), "6"])
        .env("WINEPREFIX", &wine.prefix)
        .env("WINEDEBUG", "-all")
        .stdout(Stdio::piped())
        .spawn()
        .expect("run the probe");
    let lines = lines_of(&mut child);
    assert_eq!(
        lines.recv_timeout(Duration::from_secs(60)).as_deref(),
        Ok("watching")
    );
    change();
    let _ = child.wait();
    lines
        .try_iter()
        .filter_map(|l| l.split_once(' ').map(|(_, name)| name.to_string()))
        .collect()
}

/// Live reload under Wine: `serve` is told of a change to `site.yaml` (in the site's own
/// folder) by notify's Windows backend and rebuilds, so the backend is used as it should be.
/// Changes in folders that existed before the watch began (`content/…`) are what Wine itself
/// does not report, even to a 50-line C program asking the system directly: its
/// ReadDirectoryChangesW with the subtree flag sees only the watched folder and folders made
/// later. Real Windows reports the whole tree. If a later Wine reports them, this test asks
/// `serve` to see a post's edit too.
#[test]
fn live_reload_sees_what_wine_reports() {
    let Some(wine) = wine() else { return };
    let probe_dir = TestSite::new();
    probe_dir.write("top.md", "a");
    probe_dir.write("sub/x.md", "b");
    let seen = reported_by_wine(wine, probe_dir.root(), || {
        std::thread::sleep(Duration::from_millis(300));
        probe_dir.write("top.md", "a2");
        std::thread::sleep(Duration::from_millis(300));
        probe_dir.write("sub/x.md", "b2");
    });
    assert!(
        seen.iter().any(|n| n == "top.md"),
        "Wine reported no change at all: {seen:?}"
    );
    let subfolders = seen.iter().any(|n| n == "sub\\x.md");
    if !subfolders {
        eprintln!(
            "note: Wine does not report changes in folders that existed before a watch began \
             ({seen:?}); under Wine live reload sees site.yaml and new folders only (real \
             Windows reports the whole tree)"
        );
    }

    let s = TestSite::new();
    s.write(
        "site.yaml",
        "title: \"Tên cũ\"\nbase_url: \"https://example.gov.vn/\"\n",
    );
    s.page("content/_index.md", "title: Trang chủ", "Chào mừng bạn.");
    let (mut child, port, lines) = serve_under_wine(wine, s.root());
    let addr = format!("127.0.0.1:{port}").parse().unwrap();
    let served = lines.recv_timeout(Duration::from_secs(120)).is_ok();
    // The page as served once `wanted` is in it, within a minute.
    let shows = |wanted: &str| {
        (0..120).any(|_| {
            std::thread::sleep(Duration::from_millis(500));
            crate::support::get(addr, "/").2.contains(wanted)
        })
    };
    let renamed = served && {
        std::thread::sleep(Duration::from_secs(1));
        s.write(
            "site.yaml",
            "title: \"Tên mới\"\nbase_url: \"https://example.gov.vn/\"\n",
        );
        shows("Tên mới")
    };
    let edited = !subfolders
        || (renamed && {
            s.page("content/_index.md", "title: Trang chủ", "Nội dung đã sửa.");
            shows("Nội dung đã sửa.")
        });
    let _ = child.kill();
    let _ = child.wait();
    assert!(served, "serve never said where it serves");
    assert!(
        renamed,
        "serve under Wine did not rebuild after site.yaml changed"
    );
    assert!(
        edited,
        "Wine reports subfolders, but serve missed the post's edit"
    );
}
