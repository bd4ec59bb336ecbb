//! `thidua publish`: a folder (changed, unchanged and removed files), refusals, --zip, rsync.

use crate::support::{TestSite, snapshot_tree, text};

fn site(target: &std::path::Path) -> TestSite {
    let s = TestSite::new();
    s.write(
        "site.yaml",
        &format!(
            "title: Thử\nbase_url: https://example.gov.vn/\npublish:\n  folder: \"{}\"\n",
            target.display()
        ),
    );
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/a.md", "title: A\ndate: 2023-01-01", "Một.");
    s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai.");
    s.page("content/nhap.md", "title: Nháp\ndraft: true", "Chưa xong.");
    s
}

// Unix: unchanged files are recognised by their inode number.
#[cfg(unix)]
#[test]
fn publishing_to_a_folder_copies_only_changes_and_removes_old_pages() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("cong-thong-tin");
    let s = site(&target);
    let out = s.cli(&["publish", "--yes"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("Published to"), "{stdout}");
    assert!(target.join("a/index.html").exists());
    assert!(
        !target.join("nhap/index.html").exists(),
        "a draft was published"
    );
    let ino = |rel: &str| std::fs::metadata(target.join(rel)).unwrap().ino();
    let a_before = ino("a/index.html");
    // Edit b, delete a's neighbour-free page c... : change one page, remove another.
    s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai, đã sửa.");
    std::fs::remove_file(s.root().join("content/a.md")).unwrap();
    let out = s.cli(&["publish", "--dry-run"]);
    let (stdout, _) = text(&out);
    assert!(stdout.contains("  - a/index.html"), "{stdout}");
    assert!(stdout.contains("  ~ b/index.html"), "{stdout}");
    assert!(stdout.contains("Nothing was published."), "{stdout}");
    assert!(target.join("a/index.html").exists());
    assert_eq!(ino("a/index.html"), a_before);
    let out = s.cli(&["publish", "--yes"]);
    assert!(out.status.success());
    assert!(
        !target.join("a").exists(),
        "removed page's folder is left behind"
    );
    assert!(
        std::fs::read_to_string(target.join("b/index.html"))
            .unwrap()
            .contains("Hai, đã sửa.")
    );
    let out = s.cli(&["publish", "--yes"]);
    assert!(
        text(&out).0.contains("Nothing to publish:"),
        "{}",
        text(&out).0
    );
    // The published folder is exactly the build (plus the marker).
    let published: Vec<String> = snapshot_tree(&target)
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n != ".thidua-published")
        .collect();
    let built: Vec<String> = snapshot_tree(&s.public())
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n != ".thidua-output")
        .collect();
    assert_eq!(published, built);
}

#[test]
fn publish_asks_first_and_refuses_foreign_folders() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("khac");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("quan-trong.docx"), "dữ liệu của người khác").unwrap();
    let s = site(&target);
    let out = s.cli(&["publish", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out)
            .1
            .contains("has files that thidua did not publish there"),
        "{}",
        text(&out).1
    );
    assert!(target.join("quan-trong.docx").exists());
    // Without a terminal and without --yes, nothing is published.
    let empty = dir.path().join("moi");
    let s = site(&empty);
    let out = s.cli(&["publish"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.contains("add --yes to publish without asking"),
        "{}",
        text(&out).1
    );
    assert!(!empty.join("index.html").exists());
}

#[test]
fn a_failing_build_publishes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("dich");
    let s = site(&target);
    assert!(s.cli(&["publish", "--yes"]).status.success());
    let before = snapshot_tree(&target);
    s.page("content/b.md", "title: B", "[hỏng](@/khong-co.md)");
    let out = s.cli(&["publish", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out)
            .1
            .ends_with("Build failed: 1 error in 1 file. Nothing was published.\n"),
        "{}",
        text(&out).1
    );
    assert_eq!(snapshot_tree(&target), before);
}

#[test]
fn zip_holds_the_whole_site() {
    let dir = tempfile::tempdir().unwrap();
    let s = site(&dir.path().join("khong-dung"));
    let zip_path = dir.path().join("trang.zip");
    let out = s.cli(&["publish", "--zip", zip_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out).1);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    names.sort();
    let built: Vec<String> = snapshot_tree(&s.public())
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n != ".thidua-output")
        .collect();
    assert_eq!(names, built);
    let mut page = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("b/index.html").unwrap(), &mut page)
        .unwrap();
    assert!(page.contains("Hai."));
}

#[test]
fn rsync_publishes_when_it_is_installed() {
    if !crate::support::tool_available("rsync", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("may-chu");
    std::fs::create_dir_all(&dest).unwrap();
    let s = site(&dest);
    s.write(
        "site.yaml",
        &format!(
            "title: Thử\nbase_url: https://example.gov.vn/\npublish:\n  rsync: \"{}/\"\n",
            dest.display()
        ),
    );
    let out = s.cli(&["publish", "--yes"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(dest.join("b/index.html").exists());
    std::fs::remove_file(s.root().join("content/a.md")).unwrap();
    assert!(s.cli(&["publish", "--yes"]).status.success());
    assert!(!dest.join("a/index.html").exists());
}
