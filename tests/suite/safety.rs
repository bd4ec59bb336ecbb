//! Nothing lost, nothing leaked: outputs thidua does not own are refused, publishing never
//! deletes other people's files and is all-or-nothing, symbolic links never carry files from
//! outside the site into the output, and two names that are one name elsewhere are an error.
//! Each test asserts on the file system: what must not change is compared byte for byte.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{TestSite, snapshot_tree, text};

fn small_site() -> TestSite {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/a.md", "title: A\ndate: 2023-01-01", "Một.");
    s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai.");
    s
}

fn with_publish(s: &TestSite, publish: &str) {
    s.write(
        "site.yaml",
        &format!("title: Thử\nbase_url: https://example.gov.vn/\npublish:\n  {publish}\n"),
    );
}

/// A hand-made web root, as Debian ships /var/www/html (an index.html) plus people's files.
fn web_root(dir: &Path) -> PathBuf {
    let www = dir.join("html");
    std::fs::create_dir_all(www.join("uploads")).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<h1>Apache2 Debian Default Page</h1>",
    )
    .unwrap();
    std::fs::write(www.join("uploads/bao-cao-quy-3.docx"), "báo cáo").unwrap();
    std::fs::write(www.join(".htpasswd"), "admin:$apr1$x").unwrap();
    www
}

#[test]
fn build_refuses_a_folder_it_did_not_make_until_told_it_may() {
    let dir = tempfile::tempdir().unwrap();
    let www = web_root(dir.path());
    let before = snapshot_tree(&www);
    let s = small_site();
    let out = s.cli(&["build", "--output", www.to_str().unwrap()]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("it holds files that thidua did not make (no .thidua-output marker); everything in it would be deleted. Choose a new or empty folder, or, if all of it may be deleted, run again with --replace-output"),
        "{stderr}"
    );
    assert_eq!(snapshot_tree(&www), before, "the web root was touched");
    // Said in Vietnamese too.
    let out = s.cli(&["--lang", "vi", "build", "--output", www.to_str().unwrap()]);
    assert!(
        text(&out).1.contains("thư mục có tệp không do thidua tạo"),
        "{}",
        text(&out).1
    );
    // The user says the folder is theirs: replaced, and marked, so later builds need no flag.
    let out = s.cli(&[
        "build",
        "--replace-output",
        "--output",
        www.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(www.join(".thidua-output").is_file());
    assert!(!www.join("uploads").exists());
    let out = s.cli(&["build", "--output", www.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out).1);
    // An empty folder is fine, and a new one.
    for fresh in ["rong", "moi/sau"] {
        let p = dir.path().join(fresh);
        if fresh == "rong" {
            std::fs::create_dir(&p).unwrap();
        }
        let out = s.cli(&["build", "--output", p.to_str().unwrap()]);
        assert!(out.status.success(), "{fresh}: {}", text(&out).1);
    }
}

#[test]
fn the_build_marker_is_not_published() {
    let dir = tempfile::tempdir().unwrap();
    let s = small_site();
    let zip_path = dir.path().join("trang.zip");
    let out = s.cli(&["publish", "--zip", zip_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out).1);
    let archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    assert!(
        archive
            .file_names()
            .all(|n| !n.unwrap().starts_with(".thidua"))
    );
    assert!(s.public().join(".thidua-output").is_file());
}

#[test]
fn publishing_to_a_folder_keeps_files_others_put_there() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("www");
    let s = small_site();
    with_publish(&s, &format!("folder: \"{}\"", target.display()));
    assert!(s.cli(&["publish", "--yes"]).status.success());
    // Others add files after the first publish.
    std::fs::write(target.join(".htaccess"), "Options -Indexes").unwrap();
    std::fs::write(target.join("google1234.html"), "google-site-verification").unwrap();
    std::fs::create_dir_all(target.join("uploads")).unwrap();
    std::fs::write(target.join("uploads/bao-cao.docx"), "báo cáo").unwrap();
    std::fs::write(
        target.join("a/ghi-chu.txt"),
        "ghi chú trong thư mục của trang",
    )
    .unwrap();
    // A page goes away: its file is removed, nobody else's.
    std::fs::remove_file(s.root().join("content/a.md")).unwrap();
    std::fs::remove_file(s.root().join("content/b.md")).unwrap();
    let out = s.cli(&["publish", "--yes"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(!target.join("a/index.html").exists());
    assert!(!target.join("b").exists(), "an emptied page folder is left");
    for kept in [
        ".htaccess",
        "google1234.html",
        "uploads/bao-cao.docx",
        "a/ghi-chu.txt",
    ] {
        assert!(target.join(kept).is_file(), "{kept} was deleted");
    }
    // A file someone else put where the site now wants one is not overwritten.
    s.page("content/moi.md", "title: Mới\ndate: 2023-02-01", "Mới.");
    std::fs::create_dir_all(target.join("moi")).unwrap();
    std::fs::write(target.join("moi/index.html"), "của người khác").unwrap();
    let before = snapshot_tree(&target);
    let out = s.cli(&["publish", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.contains(
            "already has files that thidua did not publish but the site would replace (moi/index.html): move them away first"
        ),
        "{}",
        text(&out).1
    );
    assert_eq!(snapshot_tree(&target), before);
}

#[test]
fn publish_without_a_terminal_or_yes_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("moi");
    let s = small_site();
    with_publish(&s, &format!("folder: \"{}\"", target.display()));
    let out = s.cli(&["publish"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.contains(
            "error: not a terminal, so nobody can answer: add --yes to publish without asking. Nothing was published."
        ),
        "{}",
        text(&out).1
    );
    assert!(!target.exists());
}

#[test]
fn publish_destinations_inside_the_site_are_refused() {
    let s = small_site();
    let root = s.root().to_path_buf();
    for (dest, why) in [
        ("static/ban-sao", "it is inside the site's static/ folder"),
        ("content/x", "it is inside the site's content/ folder"),
        ("public/x", "it is inside the build output"),
        (".", "it is the site's folder or contains it"),
    ] {
        with_publish(&s, &format!("folder: \"{dest}\""));
        let out = s.cli(&["publish", "--yes"]);
        assert_eq!(out.status.code(), Some(2), "{dest}");
        assert!(text(&out).1.contains(why), "{dest}: {}", text(&out).1);
        assert!(!root.join(dest).join("index.html").exists() || dest == ".");
    }
    let out = s.cli(&["publish", "--zip", "static/trang.zip"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!root.join("static/trang.zip").exists());
}

#[test]
fn zip_never_replaces_a_file_thidua_did_not_write() {
    let s = small_site();
    let config = std::fs::read(s.root().join("site.yaml")).unwrap();
    let out = s.cli(&["publish", "--zip", "site.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.contains(
            "refusing to overwrite site.yaml: it is not a zip that thidua wrote. Choose a new file name"
        ),
        "{}",
        text(&out).1
    );
    assert_eq!(std::fs::read(s.root().join("site.yaml")).unwrap(), config);
    // Its own zip it replaces, and nothing else is left beside it.
    assert!(s.cli(&["publish", "--zip", "trang.zip"]).status.success());
    assert!(s.cli(&["publish", "--zip", "trang.zip"]).status.success());
    let names: Vec<String> = std::fs::read_dir(s.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("zip"))
        .collect();
    assert_eq!(names, ["trang.zip"]);
}

fn rsync_available() -> bool {
    crate::support::tool_available("rsync", &["--version"])
}

#[test]
fn rsync_refuses_foreign_destinations_and_keeps_others_files() {
    if !rsync_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("may-chu");
    std::fs::create_dir_all(dest.join("site-khac")).unwrap();
    std::fs::write(dest.join("site-khac/index.html"), "trang khác").unwrap();
    std::fs::write(dest.join("quan-trong.docx"), "tài liệu").unwrap();
    let before = snapshot_tree(&dest);
    let s = small_site();
    with_publish(&s, &format!("rsync: \"{}/\"", dest.display()));
    let out = s.cli(&["publish", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out).1);
    assert!(
        text(&out)
            .1
            .contains("has files that thidua did not publish there"),
        "{}",
        text(&out).1
    );
    assert_eq!(snapshot_tree(&dest), before);
    // Into an empty destination; later, others' files beside thidua's survive every publish.
    let dest = dir.path().join("trong");
    with_publish(&s, &format!("rsync: \"{}/\"", dest.display()));
    let out = s.cli(&["publish", "--yes"]);
    assert!(out.status.success(), "{}", text(&out).1);
    std::fs::write(dest.join(".htaccess"), "Options -Indexes").unwrap();
    std::fs::create_dir_all(dest.join("uploads")).unwrap();
    std::fs::write(dest.join("uploads/x.docx"), "x").unwrap();
    std::fs::remove_file(s.root().join("content/a.md")).unwrap();
    let out = s.cli(&["publish", "--yes"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("  - a/index.html"), "{stdout}");
    assert!(!dest.join("a").exists());
    assert!(dest.join(".htaccess").is_file() && dest.join("uploads/x.docx").is_file());
    assert!(dest.join("b/index.html").is_file());
    assert!(
        s.cli(&["publish", "--yes"]).status.success(),
        "a republish with nothing new"
    );
}

#[test]
fn rsync_destinations_are_never_options() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.txt");
    let s = small_site();
    with_publish(&s, &format!("rsync: \"--log-file={}\"", log.display()));
    let out = s.cli(&["publish", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out)
            .1
            .contains("\"publish: rsync\" must be a destination like user@server:/path/"),
        "{}",
        text(&out).1
    );
    assert!(!text(&out).0.contains("Published"));
    assert!(!log.exists());
}

/// A small tmpfs, so a publish runs out of space half-way (root only: elsewhere it says why
/// it skips, and under CI=true it fails instead).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kib: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            crate::support::skip("cannot mount a small tmpfs to fill (mount -t tmpfs needs root)");
            return None;
        }
        Some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).output();
    }
}

/// A file of `kib` KiB that does not compress.
fn noise(kib: usize) -> Vec<u8> {
    let mut x: u32 = 2_463_534_242;
    (0..kib * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

#[test]
fn a_full_disk_leaves_the_published_folder_as_it_was() {
    let Some(disk) = SmallDisk::mount(1024) else {
        return;
    };
    // Inside the small disk (swapped as a whole), and the mount point itself (file by file).
    for target in [disk.path().join("www"), disk.path().to_path_buf()] {
        let s = small_site();
        with_publish(&s, &format!("folder: \"{}\"", target.display()));
        let out = s.cli(&["publish", "--yes"]);
        assert!(out.status.success(), "{}", text(&out).1);
        // The weaker guarantee is said, not hidden.
        assert_eq!(
            text(&out).1.contains(
                "could not be replaced whole (a mount point, a read-only parent folder, a disk without hard links, or folders owned by another user), so its files were replaced one by one"
            ),
            target == disk.path(),
            "{}",
            text(&out).1
        );
        std::fs::write(target.join(".htaccess"), "giữ").unwrap();
        let before = snapshot_tree(&target);
        s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai, đã sửa.");
        s.write_bytes("content/anh-lon.bin", &noise(1500));
        let out = s.cli(&["publish", "--yes"]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out).0);
        assert_eq!(
            snapshot_tree(&target),
            before,
            "{}: the live site changed",
            target.display()
        );
        let leftovers: Vec<String> = snapshot_tree(disk.path())
            .into_iter()
            .map(|(n, _)| n)
            .filter(|n| n.contains("thidua-publishing"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        let copies = std::fs::read_dir(disk.path())
            .unwrap()
            .filter(|e| {
                e.as_ref().is_ok_and(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .contains("thidua-publishing")
                })
            })
            .count();
        assert_eq!(copies, 0);
        if target != disk.path() {
            std::fs::remove_dir_all(&target).unwrap();
        }
    }
}

#[test]
fn a_file_turned_into_a_folder_fails_before_anything_changes() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("www");
    let s = small_site();
    with_publish(&s, &format!("folder: \"{}\"", target.display()));
    assert!(s.cli(&["publish", "--yes"]).status.success());
    // Someone replaced a published file by a folder (with their file in it).
    std::fs::remove_file(target.join("b/index.html")).unwrap();
    std::fs::create_dir_all(target.join("b/index.html")).unwrap();
    std::fs::write(target.join("b/index.html/x.txt"), "x").unwrap();
    s.page("content/a.md", "title: A\ndate: 2023-01-01", "Một, đã sửa.");
    s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai, đã sửa.");
    let before = snapshot_tree(&target);
    let out = s.cli(&["publish", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out).1);
    assert_eq!(snapshot_tree(&target), before);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["www"]);
}

#[test]
fn a_killed_publish_leaves_the_old_or_the_new_site() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("www");
    let s = small_site();
    for i in 0..300 {
        s.page(
            &format!("content/tin/bai-{i}.md"),
            &format!("title: Bài {i}\ndate: 2023-01-01"),
            "Nội dung.",
        );
    }
    with_publish(&s, &format!("folder: \"{}\"", target.display()));
    assert!(s.cli(&["publish", "--yes"]).status.success());
    let old = snapshot_tree(&target);
    for i in 0..300 {
        s.page(
            &format!("content/tin/bai-{i}.md"),
            &format!("title: Bài {i}\ndate: 2023-01-01"),
            "Nội dung mới.",
        );
    }
    // A publish to a copy gives the new site and the time a publish takes.
    let started = std::time::Instant::now();
    let probe = dir.path().join("probe");
    with_publish(&s, &format!("folder: \"{}\"", probe.display()));
    assert!(s.cli(&["publish", "--yes"]).status.success());
    let whole = started.elapsed();
    let new = snapshot_tree(&probe);
    with_publish(&s, &format!("folder: \"{}\"", target.display()));
    let mut seen = (0, 0);
    for trial in 1..=10u32 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["publish", "--yes", "-q"])
            .current_dir(s.root())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * trial / 10);
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot_tree(&target);
        if now == old {
            seen.0 += 1;
        } else if now == new {
            seen.1 += 1;
        } else {
            panic!("trial {trial}: the published folder is neither the old nor the new site");
        }
        if now == new {
            // Back to the old site for the next trial.
            std::fs::remove_dir_all(&target).unwrap();
            copy_tree(&old, &target);
        }
    }
    eprintln!("killed publishes: {} old, {} new", seen.0, seen.1);
    // The next publish after a kill cleans up and succeeds.
    assert!(s.cli(&["publish", "--yes"]).status.success());
    assert_eq!(snapshot_tree(&target), new);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("thidua"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

fn copy_tree(files: &[(String, Vec<u8>)], to: &Path) {
    for (rel, bytes) in files {
        let p = to.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_site_are_never_read_or_published() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = "MẬT-KHẨU-BÍ-MẬT-123";
    std::fs::write(outside.path().join("secret.txt"), secret).unwrap();
    std::fs::create_dir_all(outside.path().join("thu-muc")).unwrap();
    std::fs::write(outside.path().join("thu-muc/khac.txt"), secret).unwrap();
    let cases: [(&str, PathBuf); 5] = [
        ("content/mat-khau.txt", outside.path().join("secret.txt")),
        ("content/ngoai", outside.path().join("thu-muc")),
        (
            "content/_data/bi-mat.yaml",
            outside.path().join("secret.txt"),
        ),
        ("static/env.txt", PathBuf::from("/proc/self/environ")),
        ("static/passwd", PathBuf::from("/etc/passwd")),
    ];
    for (link, target) in cases {
        let s = small_site();
        std::fs::create_dir_all(s.root().join(link).parent().unwrap()).unwrap();
        symlink(&target, s.root().join(link)).unwrap();
        let out = s.cli(&["build"]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{link}: {stderr}");
        // /proc/self is the build's own process: only the start of the path is known here.
        let shown = std::fs::canonicalize(&target)
            .unwrap()
            .display()
            .to_string();
        let shown = if shown.starts_with("/proc/") {
            "/proc/".into()
        } else {
            format!("{shown},")
        };
        assert!(
            stderr.contains(&format!("{link}: file: is a symbolic link to {shown}")),
            "{link}: {stderr}"
        );
        assert!(
            stderr.contains(", outside the site's content, static and theme folders (or into a hidden folder): thidua never publishes files from elsewhere (copy the file into the site instead of linking to it)"),
            "{link}: {stderr}"
        );
        assert!(!s.public().exists(), "{link}: something was written");
        // Nor does the preview or check read it.
        let out = s.cli(&["check"]);
        assert_eq!(out.status.code(), Some(1), "{link}");
        assert!(!text(&out).0.contains(secret) && !text(&out).1.contains(secret));
    }
    // Links that stay inside the site's source folders are fine.
    let s = small_site();
    s.write("content/tai-lieu/ke-hoach.txt", "kế hoạch");
    std::fs::create_dir_all(s.root().join("static")).unwrap();
    symlink(
        s.root().join("content/tai-lieu/ke-hoach.txt"),
        s.root().join("static/ke-hoach.txt"),
    )
    .unwrap();
    let out = s.cli(&["build"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(s.read("ke-hoach.txt"), "kế hoạch");
    // Not into the site's other folders: keys kept beside it, the build output (which made
    // the site swallow itself), nor a link that leads nowhere.
    for (name, target) in [
        ("khoa.txt", s.root().join("bi-mat/khoa.pem")),
        ("ket-qua", s.public()),
        ("mat", s.root().join("khong-co.txt")),
    ] {
        let s2 = small_site();
        std::fs::create_dir_all(s2.root().join("static")).unwrap();
        s2.write("bi-mat/khoa.pem", secret);
        let target = s2.root().join(target.strip_prefix(s.root()).unwrap());
        if name == "ket-qua" {
            assert!(s2.cli(&["build"]).status.success());
        }
        symlink(&target, s2.root().join("static").join(name)).unwrap();
        let out = s2.cli(&["build"]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out).1);
        let expected = if name == "mat" {
            format!(
                "static/mat: content: is a symbolic link to {}, which does not exist",
                target.display()
            )
        } else {
            format!("static/{name}: file: is a symbolic link to ")
        };
        assert!(text(&out).1.contains(&expected), "{name}: {}", text(&out).1);
    }
    // A link into a hidden folder of the site (.git, .thidua) is outside too.
    std::fs::create_dir_all(s.root().join(".thidua")).unwrap();
    std::fs::write(s.root().join(".thidua/users.yaml"), secret).unwrap();
    symlink(
        s.root().join(".thidua/users.yaml"),
        s.root().join("static/users.txt"),
    )
    .unwrap();
    let out = s.cli(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!s.read("ke-hoach.txt").contains(secret));
    assert!(!s.exists("users.txt"));
}

fn build_output(s: &TestSite) -> Output {
    s.cli(&["build"])
}

#[test]
fn names_that_are_one_name_elsewhere_are_an_error_naming_both() {
    // "Bài viết" with a precomposed "à" and with "a" + U+0300.
    let nfc = "content/Bài viết.md";
    let nfd = "content/Ba\u{300}i viết.md";
    let s = small_site();
    s.page(nfc, "title: Một", "Một.");
    s.page(nfd, "title: Hai", "Hai.");
    let out = build_output(&s);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).1.contains(
            "content/Bài viết.md: content: two files have this name, written with different Unicode forms (content/Ba\\u{300}i viết.md and content/Bài viết.md): only one of them could be published (delete or rename one of them)"
        ) || text(&out).1.contains(
            "content/Bài viết.md: content: two files have this name, written with different Unicode forms (content/Bài viết.md and content/Ba\\u{300}i viết.md): only one of them could be published (delete or rename one of them)"
        ),
        "{}",
        text(&out).1
    );
    // Assets in a page bundle, the same.
    let s = small_site();
    s.page("content/tin/index.md", "title: Tin", "");
    s.write("content/tin/ảnh.txt", "một");
    s.write("content/tin/a\u{309}nh.txt", "hai");
    let out = build_output(&s);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).1.contains("two files have this name"),
        "{}",
        text(&out).1
    );
    // Names that differ only in letter case are one file on Windows and macOS.
    let s = small_site();
    s.write("static/Logo.svg", "<svg/>");
    s.write("static/logo.svg", "<svg></svg>");
    let out = build_output(&s);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("static/logo.svg: output: would be published as logo.svg, which is the same name as static/Logo.svg's on Windows and macOS (only letter case or accents are written differently) (rename one of them)"),
        "{stderr}"
    );
    let s = small_site();
    s.write("content/tin-tuc/Anh.TXT", "a");
    s.write("content/tin-tuc/anh.txt", "b");
    let out = build_output(&s);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/tin-tuc/anh.txt: output: would be published as tin-tuc/anh.txt, which is the same name as content/tin-tuc/Anh.TXT's"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_target_that_is_a_link_is_updated_where_it_leads() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("srv/ban-2");
    std::fs::create_dir_all(&real).unwrap();
    let link = dir.path().join("www");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let s = small_site();
    with_publish(&s, &format!("folder: \"{}\"", link.display()));
    assert!(s.cli(&["publish", "--yes"]).status.success());
    s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai, đã sửa.");
    let out = s.cli(&["publish", "--yes"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    let page = std::fs::read_to_string(real.join("b/index.html")).unwrap();
    assert!(page.contains("Hai, đã sửa."));
}

#[cfg(unix)]
#[test]
fn a_link_planted_in_the_published_folder_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("www");
    let elsewhere = dir.path().join("cua-nguoi-khac");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("index.html"), "không được ghi đè").unwrap();
    let s = small_site();
    with_publish(&s, &format!("folder: \"{}\"", target.display()));
    assert!(s.cli(&["publish", "--yes"]).status.success());
    // Someone replaces the page's folder by a link to another folder.
    std::fs::remove_dir_all(target.join("b")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, target.join("b")).unwrap();
    s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai, đã sửa.");
    let before = snapshot_tree(&elsewhere);
    let out = s.cli(&["publish", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out).1);
    assert!(
        text(&out).1.contains(
            "already has files that thidua did not publish but the site would replace (b)"
        ),
        "{}",
        text(&out).1
    );
    assert_eq!(snapshot_tree(&elsewhere), before);
    assert!(
        std::fs::symlink_metadata(target.join("b"))
            .unwrap()
            .is_symlink()
    );
}

#[test]
fn names_with_control_characters_are_never_published() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("www");
    let s = small_site();
    s.write("static/q\nuploads/anh.jpg", "x");
    with_publish(&s, &format!("folder: \"{}\"", target.display()));
    let out = s.cli(&["publish", "--yes"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out).1.contains(
            "refusing to write a file whose name has a control character (a line break, a tab…)"
        ),
        "{}",
        text(&out).1
    );
    assert!(!target.exists());
}

#[cfg(unix)]
#[test]
fn zips_are_readable_like_any_file_to_upload() {
    use std::os::unix::fs::PermissionsExt;
    let s = small_site();
    assert!(s.cli(&["publish", "--zip", "trang.zip"]).status.success());
    let mode = std::fs::metadata(s.root().join("trang.zip"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

/// The plan is read by a person before it is carried out: a folder swapped for a link in the
/// meantime must still not be written through (checked when writing, not only when planning).
#[cfg(unix)]
#[test]
fn a_link_swapped_in_after_planning_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("www");
    let victim = dir.path().join("nan-nhan");
    std::fs::create_dir_all(&victim).unwrap();
    std::fs::write(victim.join("index.html"), "quý giá").unwrap();
    let s = small_site();
    with_publish(&s, &format!("folder: \"{}\"", target.display()));
    assert!(s.cli(&["publish", "--yes"]).status.success());
    s.page("content/a.md", "title: A\ndate: 2023-01-01", "Một, đã sửa.");
    s.build();
    let plan = thidua::publish::plan_folder(&s.public(), &target).unwrap();
    assert!(plan.changed.iter().any(|f| f == "a/index.html"));
    std::fs::remove_dir_all(target.join("a")).unwrap();
    std::os::unix::fs::symlink(&victim, target.join("a")).unwrap();
    let before = snapshot_tree(&victim);
    let err = thidua::publish::apply_folder(&s.public(), &target, &plan).unwrap_err();
    assert!(
        err.to_string()
            .contains("is a symbolic link or a file where the site needs a folder"),
        "{err}"
    );
    assert_eq!(snapshot_tree(&victim), before);
}

/// Swapping in the updated copy must not change who owns other people's folders (a web
/// application's uploads/): as root the copy gets the owners; otherwise publish works in place.
#[cfg(unix)]
#[test]
fn publishing_keeps_the_owners_of_others_folders() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("www");
    let s = small_site();
    with_publish(&s, &format!("folder: \"{}\"", target.display()));
    assert!(s.cli(&["publish", "--yes"]).status.success());
    std::fs::create_dir_all(target.join("uploads")).unwrap();
    if std::os::unix::fs::chown(target.join("uploads"), Some(65534), Some(65534)).is_err() {
        crate::support::skip("changing a folder's owner (needs root)");
        return;
    }
    s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai, đã sửa.");
    let out = s.cli(&["publish", "--yes"]);
    assert!(out.status.success(), "{}", text(&out).1);
    let meta = std::fs::metadata(target.join("uploads")).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    assert!(
        std::fs::read_to_string(target.join("b/index.html"))
            .unwrap()
            .contains("Hai, đã sửa.")
    );
}
