//! The editing room's whole workflow over HTTP: an editor writes a post with a photo,
//! previews it, submits it; an approver returns it with a comment, then approves it, which
//! publishes it to a folder; the history keeps every save with its author; a restore brings
//! back the first version. Also: in a Git repository every save is a commit by its author.

use std::process::Command;

use crate::editor::{Client, JPEG, PASSWORD, add_user, enc, lan_and_duyet, site, start};

/// The post the story writes.
pub const STORY_POST: &str = "content/tin-tuc/le-trao-giai-thi-dua-nam-2023/index.md";

#[test]
fn the_workflow_from_writing_to_publishing_keeps_every_save_and_restores() {
    let site = site();
    add_user(&site, "duyet", "approver");
    add_user(&site, "lan", "editor");
    let editor = start(&site, &[]);
    let (mut lan, mut duyet) = (Client::new(&editor), Client::new(&editor));
    assert_eq!(lan.login("lan", PASSWORD).status, 303);
    assert_eq!(duyet.login("duyet", PASSWORD).status, 303);
    let created = lan.post(
        "/new",
        &[
            ("title", "Lễ trao giải thi đua năm 2023"),
            ("section", "tin-tuc"),
        ],
    );
    assert_eq!(
        created.headers["location"],
        format!("/edit?p={}", enc(STORY_POST))
    );
    let photo = lan.send(
        "POST",
        &format!(
            "/upload?p={}&name={}",
            enc(STORY_POST),
            enc("Ảnh lễ trao giải.JPG")
        ),
        &format!("X-CSRF-Token: {}\r\n", lan.csrf.clone()),
        &JPEG,
    );
    assert!(
        photo.body.contains("anh-le-trao-giai.jpg"),
        "{}",
        photo.body
    );
    let (v, _) = lan.open(STORY_POST);
    let first =
        "Sáng 20/11, Trung tâm tổ chức lễ trao giải.\n\n![Lễ trao giải](anh-le-trao-giai.jpg)\n";
    assert_eq!(
        lan.save(STORY_POST, &v, "Lễ trao giải thi đua năm 2023", first)
            .status,
        303
    );
    let preview = lan.get(&format!("/preview?p={}", enc(STORY_POST)));
    assert_eq!(preview.status, 303, "{}", preview.body);
    let page = lan.get(&preview.headers["location"]);
    assert!(
        page.body.contains("Lễ trao giải thi đua năm 2023")
            && page.body.contains("anh-le-trao-giai"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("<script"),
        "no script beside the room: {}",
        page.body
    );
    assert!(page.headers["content-security-policy"].contains("script-src 'none'"));
    assert_eq!(
        lan.post("/workflow", &[("p", STORY_POST), ("action", "submit")])
            .status,
        303
    );
    assert!(
        duyet
            .get("/?status=pending")
            .body
            .contains("Lễ trao giải thi đua năm 2023")
    );
    assert_eq!(
        lan.post("/workflow", &[("p", STORY_POST), ("action", "approve")])
            .status,
        403
    );
    let comment = "Thêm giờ tổ chức buổi lễ.";
    assert_eq!(
        duyet
            .post(
                "/workflow",
                &[
                    ("p", STORY_POST),
                    ("action", "return"),
                    ("comment", comment)
                ]
            )
            .status,
        303
    );
    let (v, page) = lan.open(STORY_POST);
    assert!(
        page.contains(comment) && page.contains("Returned by duyet"),
        "{page}"
    );
    let fixed = "Sáng 20/11, lúc 8 giờ, Trung tâm tổ chức lễ trao giải.\n\n![Lễ trao giải](anh-le-trao-giai.jpg)\n";
    assert_eq!(
        lan.save(STORY_POST, &v, "Lễ trao giải thi đua năm 2023", fixed)
            .status,
        303
    );
    assert_eq!(
        lan.post("/workflow", &[("p", STORY_POST), ("action", "submit")])
            .status,
        303
    );
    let published = duyet.post("/workflow", &[("p", STORY_POST), ("action", "approve")]);
    let published = duyet.finished(published);
    assert!(
        published.body.contains("Published to"),
        "{}",
        published.body
    );
    let out = site
        .root()
        .join("ngoai/tin-tuc/le-trao-giai-thi-dua-nam-2023");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("lúc 8 giờ"), "{html}");
    // The photo is published as the pipeline's resized copies, the original is not.
    assert!(html.contains("anh-le-trao-giai"), "{html}");
    assert!(!out.join("anh-le-trao-giai.jpg").exists());
    let history = lan.get(&format!("/history?p={}", enc(STORY_POST)));
    let saves = history.body.matches("<li>").count();
    assert!(saves >= 3, "{}", history.body);
    assert!(
        history.body.contains(">lan<") && history.body.contains(">duyet<"),
        "{}",
        history.body
    );
    let oldest = history
        .body
        .rsplit("name=\"v\" value=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let diff = lan.get(&format!("/diff?p={}&v={}", enc(STORY_POST), enc(&oldest)));
    assert!(diff.body.contains("class=\"ins\""), "{}", diff.body);
    assert_eq!(
        lan.post("/restore", &[("p", STORY_POST), ("v", &oldest)])
            .status,
        303
    );
    // The post is published: the editor's restore waits for approval.
    let live = std::fs::read_to_string(site.root().join(STORY_POST)).unwrap();
    assert!(live.contains("lúc 8 giờ"), "{live}");
    duyet.open(STORY_POST);
    let approved = duyet.post("/workflow", &[("p", STORY_POST), ("action", "approve")]);
    let approved = duyet.finished(approved);
    assert!(approved.body.contains("Published to"), "{}", approved.body);
    let restored = std::fs::read_to_string(site.root().join(STORY_POST)).unwrap();
    assert!(
        !restored.contains("lúc 8 giờ") && !restored.contains("![Lễ trao giải]"),
        "{restored}"
    );
    let log = std::fs::read_to_string(site.root().join(".thidua/audit.log")).unwrap();
    for line in [
        "\tlan\tcreate\t",
        "\tlan\tsubmit\t",
        "\tduyet\treturn\t",
        "\tduyet\tapprove\t",
        "\tduyet\tpublish\t",
        "\tlan\trestore for approval\t",
    ] {
        assert!(log.contains(line), "{line} not in\n{log}");
    }
}

#[test]
fn in_a_git_repository_every_save_is_a_commit_by_its_author() {
    if !crate::support::tool_available("git", &["--version"]) {
        return;
    }
    let site = site();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(site.root())
            .output()
            .unwrap()
    };
    git(&["init", "-q"]);
    git(&["-c", "user.name=t", "-c", "user.email=t@t", "add", "."]);
    git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qm",
        "đầu",
    ]);
    add_user(&site, "lan", "editor");
    add_user(&site, "duyet", "approver");
    let editor = start(&site, &[]);
    let (mut lan, mut duyet) = (Client::new(&editor), Client::new(&editor));
    lan.login("lan", PASSWORD);
    duyet.login("duyet", PASSWORD);
    let rel = "content/tin-tuc/cu/index.md";
    let log = || String::from_utf8(git(&["log", "--format=%an|%s", "--", rel]).stdout).unwrap();
    let (v, _) = duyet.open(rel);
    assert_eq!(duyet.save(rel, &v, "Bài cũ", "Sửa lần một.\n").status, 303);
    assert!(
        log().starts_with("duyet|lưu: content/tin-tuc/cu/index.md"),
        "{}",
        log()
    );
    // An editor's change to the published post is committed when approved, as hers.
    let (v, _) = lan.open(rel);
    assert_eq!(lan.save(rel, &v, "Bài cũ", "Sửa lần hai.\n").status, 303);
    assert!(log().starts_with("duyet|"), "{}", log());
    duyet.open(rel);
    let approved = duyet.post("/workflow", &[("p", rel), ("action", "approve")]);
    duyet.finished(approved);
    assert!(
        log().starts_with("lan|duyệt: content/tin-tuc/cu/index.md"),
        "{}",
        log()
    );
    assert!(
        !String::from_utf8(git(&["status", "--porcelain"]).stdout)
            .unwrap()
            .contains(".thidua")
    );
}

#[test]
fn the_checks_of_build_show_next_to_the_field_and_block_submitting() {
    let site = site();
    site.page(
        "content/tin-tuc/sai/index.md",
        "title: \"Bài có lỗi\"\ndate: \"31/05/2024\"\ndraft: true",
        "Xem [bài không có](@/tin-tuc/khong-co.md).\n",
    );
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.get("/");
    let rel = "content/tin-tuc/sai/index.md";
    let (_, page) = c.open(rel);
    let date_field = page
        .split("id=\"date\"")
        .nth(1)
        .unwrap()
        .split("</div>")
        .next()
        .unwrap();
    assert!(date_field.contains("aria-invalid=\"true\""), "{date_field}");
    assert!(
        date_field.contains("value=\"31/05/2024\" placeholder"),
        "kept as typed: {date_field}"
    );
    assert!(
        date_field.contains("write &quot;2024-05-31&quot;"),
        "the date error sits under the date field: {date_field}"
    );
    let submit = c.post("/workflow", &[("p", rel), ("action", "submit")]);
    assert!(submit.headers["location"].ends_with("&blocked=1"));
    let again = c.get(&submit.headers["location"]);
    assert!(
        again
            .body
            .contains("Fix the problems marked below before submitting.")
    );
    assert!(!site.root().join(".thidua/editor/state.json").exists());
    let (version, _) = c.open(rel);
    let fixed = c.post(
        "/save",
        &[
            ("p", rel),
            ("version", &version),
            ("title", "Bài có lỗi"),
            ("date", "2024-05-31"),
            (
                "body",
                "Mở đầu.\n\nXem [bài không có](@/tin-tuc/khong-co.md).\n",
            ),
        ],
    );
    assert_eq!(fixed.status, 303);
    let (_, page) = c.open(rel);
    assert!(!page.contains("date-problems"), "{page}");
    let body = page
        .split("id=\"body-problems\"")
        .nth(1)
        .unwrap_or_default();
    assert!(
        body.contains("line 3:") && body.contains("khong-co.md"),
        "{page}"
    );
}

#[test]
fn autosave_keeps_a_draft_copy_that_the_form_reopens_without_touching_the_post() {
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.get("/");
    let rel = "content/tin-tuc/cu/index.md";
    let before = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let (version, _) = c.open(rel);
    let a = c.post(
        "/autosave",
        &[
            ("p", rel),
            ("version", &version),
            ("title", "Bài cũ"),
            ("body", "Đang gõ dở…\n"),
        ],
    );
    assert!(a.body.contains("\"saved\":true"), "{}", a.body);
    assert_eq!(
        std::fs::read_to_string(site.root().join(rel)).unwrap(),
        before
    );
    let (again, page) = c.open(rel);
    assert_eq!(again, version, "the version is still the file's");
    assert!(
        page.contains("Đang gõ dở…") && page.contains("not yet saved into the post"),
        "{page}"
    );
    assert_eq!(c.save(rel, &again, "Bài cũ", "Đang gõ dở…\n").status, 303);
    let (_, page) = c.open(rel);
    assert!(
        !page.contains("not yet saved into the post"),
        "the copy is gone once saved"
    );
    assert!(
        std::fs::read_to_string(site.root().join(rel))
            .unwrap()
            .contains("Đang gõ dở…")
    );
}

#[test]
fn only_approvers_see_and_use_the_publish_button_and_a_failed_build_publishes_nothing() {
    let site = site();
    let (_editor, mut lan, mut duyet) = lan_and_duyet(&site);
    assert!(!lan.get("/").body.contains("action=\"/publish\""));
    assert!(duyet.get("/").body.contains("action=\"/publish\""));
    assert_eq!(lan.post("/publish", &[]).status, 403);
    site.page(
        "content/tin-tuc/hong.md",
        "title: \"Hỏng\"\ndate: \"31/05/2024\"",
        "x",
    );
    let failed = duyet.post("/publish", &[]);
    let failed = duyet.finished(failed);
    assert!(
        failed.body.contains("Nothing was published.")
            && failed.body.contains("content/tin-tuc/hong.md:3"),
        "{}",
        failed.body
    );
    assert!(!site.root().join("ngoai").exists());
    std::fs::remove_file(site.root().join("content/tin-tuc/hong.md")).unwrap();
    let ok = duyet.post("/publish", &[]);
    let ok = duyet.finished(ok);
    assert!(
        ok.body.contains("Published to") && ok.body.contains("https://example.gov.vn/tin-tuc/cu/"),
        "{}",
        ok.body
    );
    assert!(site.root().join("ngoai/tin-tuc/cu/index.html").is_file());
}
