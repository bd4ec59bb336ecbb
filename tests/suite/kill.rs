//! Killing `thidua build` part-way (SIGKILL, or Ctrl-C's SIGINT) never leaves a mix of two
//! builds in public/: it is either exactly the previous build or exactly a complete new one,
//! and the next build succeeds and leaves no `.thidua-staging-*` folder behind.
#![cfg(unix)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{CONFIG, snapshot_tree};

const POSTS: usize = 3000;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// A large site; `version` changes every page (and the home page) between the two builds.
fn write_site(root: &Path, version: &str) {
    // One share card for the whole site: 3,000 cards drawn by every build would make this
    // test about drawing, not about being killed.
    write(
        root,
        "site.yaml",
        &format!("{CONFIG}extra:\n  share_cards: site\n"),
    );
    write(
        root,
        "content/_index.md",
        &format!("---\ntitle: Trang chủ\n---\nPhiên bản {version}.\n"),
    );
    write(
        root,
        "content/tin-tuc/_index.md",
        "---\ntitle: Tin tức\npaginate_by: 10\n---\n",
    );
    for i in 0..POSTS {
        write(
            root,
            &format!("content/tin-tuc/bai-{i:04}.md"),
            &format!(
                "---\ntitle: \"Bài số {i}\"\ndate: 2023-{:02}-{:02}\ntags: [\"thẻ {}\"]\n---\n{}\n\n## Mục\n\nPhiên bản {version}.\n",
                i % 9 + 1,
                i % 28 + 1,
                i % 50,
                format!("Đoạn văn {i} về phong trào thi đua. ").repeat(30),
            ),
        );
    }
}

fn thidua(root: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_thidua"));
    c.args(args)
        .current_dir(root)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Runs a build to the end (bounded); returns how long it took.
fn build_to_end(root: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let mut child = thidua(root, args).spawn().expect("spawn thidua");
    let status = wait_bounded(&mut child, Duration::from_secs(120));
    assert!(status.success(), "thidua {args:?} failed: {status}");
    started.elapsed()
}

fn wait_bounded(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(s) = child.try_wait().expect("wait") {
            return s;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("thidua did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[derive(Debug, Clone, Copy)]
enum Signal {
    Kill,
    Int,
}

/// When to interrupt a build.
#[derive(Debug, Clone, Copy)]
enum When {
    /// After a fixed delay.
    After(Duration),
    /// Once its staging folder holds this share of the posts' folders.
    Staged(f64),
    /// Right after public/ was swapped for the new build (while the old one is being removed).
    Swapped,
}

/// Starts `thidua build`, waits for `when`, sends `signal`, reaps it.
fn interrupt(root: &Path, when: When, signal: Signal) {
    use std::os::unix::fs::MetadataExt;
    let public_inode = || std::fs::metadata(root.join("public")).map(|m| m.ino()).ok();
    let before = public_inode();
    let mut child = thidua(root, &["build"]).spawn().expect("spawn thidua");
    let staging = root.join(format!(".thidua-staging-public-{}", child.id()));
    let started = Instant::now();
    let ready = || match when {
        When::After(d) => started.elapsed() >= d,
        When::Staged(share) => std::fs::read_dir(staging.join("tin-tuc"))
            .is_ok_and(|rd| rd.count() as f64 >= share * POSTS as f64),
        When::Swapped => public_inode() != before,
    };
    while !ready() {
        if child.try_wait().expect("wait").is_some() || started.elapsed() > Duration::from_secs(120)
        {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    match signal {
        Signal::Kill => {
            let _ = child.kill(); // SIGKILL; an error just means it already finished
        }
        Signal::Int => {
            let _ = Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .stderr(Stdio::null())
                .status();
        }
    }
    wait_bounded(&mut child, Duration::from_secs(120));
}

fn staging_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".thidua-staging-") || n.contains("thidua-old"))
        .collect()
}

#[test]
fn killed_builds_leave_the_old_site_or_the_new_one_never_a_mix() {
    let outer = tempfile::tempdir().expect("temp dir");
    let root = outer.path().join("site");
    write_site(&root, "cũ");
    let public = root.join("public");

    // Killed during the very first build: no public/ at all, not half of one.
    interrupt(&root, When::After(Duration::from_millis(50)), Signal::Kill);
    assert!(
        !public.exists() || !snapshot_tree(&public).is_empty(),
        "an empty public/ after a killed first build"
    );

    build_to_end(&root, &["build"]);
    let old = snapshot_tree(&public);
    assert!(old.len() > POSTS, "{} files", old.len());

    // The new content, and a reference build of it elsewhere.
    write_site(&root, "mới");
    let reference = outer.path().join("tham-chieu");
    let full = build_to_end(&root, &["build", "--output", reference.to_str().unwrap()]);
    let new = snapshot_tree(&reference);
    assert_eq!(new.len(), old.len());
    assert_ne!(new, old);

    let ms = |n| When::After(Duration::from_millis(n));
    let cases = [
        (ms(20), Signal::Kill),
        (ms(80), Signal::Int),
        (ms(200), Signal::Kill),
        (When::Staged(0.0), Signal::Int),
        (When::Staged(0.5), Signal::Kill),
        (When::Staged(1.0), Signal::Int),
        (When::Staged(1.0), Signal::Kill),
        (When::Swapped, Signal::Kill),
    ];
    let mut seen = Vec::new();
    for (when, signal) in cases {
        interrupt(&root, when, signal);
        let now = snapshot_tree(&public);
        let which = if now == old {
            "old"
        } else if now == new {
            "new"
        } else {
            let differing: Vec<&str> = now
                .iter()
                .filter(|f| !old.contains(f) && !new.contains(f))
                .map(|f| f.0.as_str())
                .take(5)
                .collect();
            panic!(
                "after {signal:?} at {when:?}, public/ is neither the old nor the new build \
                 ({} files; e.g. {differing:?})",
                now.len()
            );
        };
        seen.push(format!("{signal:?} at {when:?}: {which}"));
        if matches!(when, When::Swapped) {
            assert_eq!(
                which, "new",
                "killed after the swap, public/ must be the new build"
            );
        }
    }
    eprintln!("full build {full:?}; after each interruption: {seen:?}");

    // The next build cleans up after the killed ones and produces the new site.
    build_to_end(&root, &["build"]);
    assert!(
        snapshot_tree(&public) == new,
        "the final build differs from the reference"
    );
    assert_eq!(staging_leftovers(&root), Vec::<String>::new());
    assert_eq!(staging_leftovers(outer.path()), Vec::<String>::new());
}
