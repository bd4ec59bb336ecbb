//! What differs between systems, tested on the system the tests run on: a killed build's
//! staging folder is recognised by its free lock (not by a process number, which can be
//! reused and which Windows and macOS have no /proc to look up), `serve --open` starts the
//! default browser, and a double-click on thidua.exe without arguments explains itself.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{TestSite, text};

fn site() -> TestSite {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "Chào mừng.");
    s
}

/// A staging folder as a build of process `pid` leaves it, with its lock file beside it.
fn plant_staging(root: &Path, pid: u32) -> (std::path::PathBuf, std::path::PathBuf) {
    let folder = root.join(format!(".thidua-staging-public-{pid}"));
    std::fs::create_dir_all(folder.join("tin-tuc")).unwrap();
    std::fs::write(folder.join("tin-tuc/index.html"), "half written").unwrap();
    let lock = root.join(format!(".thidua-staging-public-{pid}.lock"));
    std::fs::write(&lock, "").unwrap();
    (folder, lock)
}

/// A killed build's folder whose process number now belongs to a live process (here, the test
/// itself: on Linux /proc shows it) is removed all the same: nobody holds its lock.
#[test]
fn a_killed_builds_folder_is_removed_even_when_its_number_was_reused() {
    let s = site();
    let (folder, lock) = plant_staging(s.root(), std::process::id());
    let out = s.cli(&["build"]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(!folder.exists(), "the killed build's folder was kept");
    assert!(!lock.exists(), "its lock file was kept");
    assert!(s.exists("index.html"));
    let left: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".thidua-staging"))
        .collect();
    assert!(left.is_empty(), "left beside the output: {left:?}");
}

/// A build that is still running (it holds its lock) keeps its folder, even when its process
/// number says nothing (no such process here, as for a build on another machine sharing the
/// folder, or on a system without /proc).
#[test]
fn a_running_builds_folder_is_kept() {
    let s = site();
    let (folder, lock) = plant_staging(s.root(), 4_000_000_000);
    let held = std::fs::OpenOptions::new().write(true).open(&lock).unwrap();
    held.lock().unwrap();
    let out = s.cli(&["build"]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(
        folder.join("tin-tuc/index.html").exists(),
        "a live build's folder was removed"
    );
    drop(held);
    // Once the lock is free, the next build cleans up.
    let out = s.cli(&["build"]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(!folder.exists());
}

/// `serve --open` hands the preview's address to the system's opener (on Linux `xdg-open`,
/// here a stand-in that writes down what it was given).
#[cfg(unix)]
#[test]
fn serve_open_starts_the_default_browser_with_the_address() {
    use std::os::unix::fs::PermissionsExt;
    use std::time::Instant;
    let s = site();
    let bin = tempfile::tempdir().unwrap();
    let got = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", got.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["serve", "--open", "--port", &port.to_string()])
        .current_dir(s.root())
        .env("PATH", path)
        .env("TMPDIR", bin.path())
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let opened = loop {
        if let Ok(url) = std::fs::read_to_string(&got)
            && !url.is_empty()
        {
            break url;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the browser was never opened"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(opened, format!("http://127.0.0.1:{port}/"));
}

/// Double-clicked outside a site's folder, thidua shows its help and how to run it, and keeps
/// the window open until Enter (the window Windows opened would otherwise close at once).
#[test]
fn a_double_click_outside_a_site_explains_and_waits_for_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .current_dir(dir.path())
        .env("THIDUA_DOUBLE_CLICK", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Still waiting after a while: it did not exit on its own.
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "it exited before Enter was pressed"
    );
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(b"\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("serve"), "no help: {stdout}");
    assert!(
        stdout.contains("thidua được chạy từ PowerShell hoặc Command Prompt"),
        "{stdout}"
    );
    assert!(
        stderr.contains("Nhấn Enter để đóng cửa sổ này."),
        "{stderr}"
    );
}

/// Typed without arguments in a console, thidua does not wait: it says what is missing and
/// exits (as before; only a double-click waits).
#[test]
fn without_arguments_in_a_console_it_does_not_wait() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .current_dir(dir.path())
        .env_remove("THIDUA_DOUBLE_CLICK")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!text(&out).1.contains("Enter"));
}

/// The home folder is refused as an output where Windows names it (USERPROFILE; Windows sets
/// no HOME), as it is on Linux and macOS (HOME). A stand-in home, so a regression cannot wipe
/// the real one.
#[test]
fn the_windows_home_folder_is_refused_as_an_output() {
    let s = site();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("luan-van.docx"), "quan trọng").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["build", "--output"])
        .arg(home.path())
        .current_dir(s.root())
        .env_remove("HOME")
        .env("USERPROFILE", home.path())
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(stderr.contains("it is your home directory"), "{stderr}");
    assert!(home.path().join("luan-van.docx").is_file());
}
