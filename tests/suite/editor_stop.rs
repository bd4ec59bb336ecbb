//! Stopping the editing room (Ctrl-C) while it publishes: it says that it waits, lets the
//! publish finish (a publish cut short could leave a destination half updated), then stops by
//! itself; a second Ctrl-C stops it at once. (Ctrl-C is sent with `kill -INT`: Unix only; on
//! Windows the same code waits for the console's Ctrl-C.)
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::editor::{Client, Editor, site};
use crate::support::TestSite;

/// The room on `site` with publishing paused `pause` seconds, and the lines it prints.
fn room(site: &TestSite, pause: &str) -> (Editor, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["editor", "--port", "0", "--lang", "en"])
        .current_dir(site.root())
        .env("THIDUA_EDITOR_PAUSE_PUBLISH", pause)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(60)).unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .parse()
        .unwrap();
    (Editor { child, addr }, rx)
}

/// Ctrl-C, as the terminal sends it.
fn interrupt(editor: &Editor) {
    let sent = Command::new("kill")
        .args(["-INT", &editor.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

/// Whether the room has exited within `secs` seconds, and how.
fn exited_within(editor: &mut Editor, secs: u64) -> Option<std::process::ExitStatus> {
    let until = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < until {
        if let Some(status) = editor.child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// Starts a publish and presses Ctrl-C: the room says it waits for it.
fn publish_then_interrupt(editor: &Editor, said: &Receiver<String>) {
    let mut c = Client::new(editor);
    c.get("/");
    assert_eq!(c.post("/publish", &[]).status, 303);
    interrupt(editor);
    let line = said.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(
        line.starts_with("Waiting for the publish running now"),
        "{line}"
    );
}

#[test]
fn ctrl_c_during_a_publish_waits_for_it_then_stops() {
    let site = site();
    let (mut editor, said) = room(&site, "3");
    let asked = Instant::now();
    publish_then_interrupt(&editor, &said);
    assert!(
        exited_within(&mut editor, 1).is_none(),
        "stopped during the publish"
    );
    let status = exited_within(&mut editor, 60).expect("never stopped after the publish");
    assert!(status.success(), "{status:?}");
    assert!(asked.elapsed() >= Duration::from_secs(3));
    assert!(site.root().join("ngoai/tin-tuc/cu/index.html").is_file());
}

#[test]
fn a_second_ctrl_c_stops_at_once() {
    let site = site();
    let (mut editor, said) = room(&site, "30");
    publish_then_interrupt(&editor, &said);
    interrupt(&editor);
    assert!(
        exited_within(&mut editor, 5).is_some(),
        "a second Ctrl-C did not stop it"
    );
    assert!(!site.root().join("ngoai/tin-tuc/cu/index.html").exists());
}
