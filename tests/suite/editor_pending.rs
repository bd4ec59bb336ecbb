//! An editor's change to a published post waits for approval: kept beside the post's file,
//! which no publish reads, shown as Chờ duyệt, previewed, returned or approved (then moved
//! into place, in the history as its writer's, and published); a revision based on a text
//! that changed since is a conflict, both texts kept.

use crate::editor::{enc, lan_and_duyet, site};

const PUBLISHED: &str = "content/tin-tuc/cu/index.md";

/// The published post's page in the publish folder, if it was published.
fn published_page(site: &crate::support::TestSite) -> String {
    std::fs::read_to_string(site.root().join("ngoai/tin-tuc/cu/index.html")).unwrap_or_default()
}

#[test]
fn an_editors_change_to_a_published_post_waits_for_approval_and_publishes_only_then() {
    let site = site();
    let (_editor, mut lan, mut duyet) = lan_and_duyet(&site);
    let live = site.root().join(PUBLISHED);
    let before = std::fs::read_to_string(&live).unwrap();
    let (v, _) = lan.open(PUBLISHED);
    assert_eq!(
        lan.save(PUBLISHED, &v, "Bài cũ", "Bản sửa của Lan.\n")
            .status,
        303
    );
    assert_eq!(
        std::fs::read_to_string(&live).unwrap(),
        before,
        "the file is untouched"
    );
    let pending = site.root().join(".thidua/editor/pending").join(PUBLISHED);
    assert!(
        std::fs::read_to_string(&pending)
            .unwrap()
            .contains("Bản sửa của Lan.")
    );
    let list = lan.get("/?status=pending").body;
    assert!(
        list.contains("Bài cũ") && list.contains("status pending\">Waiting for approval"),
        "{list}"
    );
    let (v2, page) = lan.open(PUBLISHED);
    assert!(
        page.contains("Bản sửa của Lan."),
        "the author continues the revision"
    );
    assert!(
        page.contains("A revision by lan is waiting for approval"),
        "{page}"
    );
    let (_, page) = duyet.open(PUBLISHED);
    assert!(
        page.contains("Nội dung cũ.") && page.contains("value=\"approve\""),
        "{page}"
    );
    let changes = duyet
        .get(&format!("/diff?p={}&v=pending", enc(PUBLISHED)))
        .body;
    assert!(
        changes.contains("class=\"del\">− Nội dung cũ.")
            && changes.contains("class=\"ins\">+ Bản sửa của Lan."),
        "{changes}"
    );
    assert!(
        page.contains("v=pending"),
        "the approver is offered the changes"
    );
    let to = duyet.get(&format!("/preview?p={}", enc(PUBLISHED)));
    assert_eq!(to.status, 303, "{}", to.body);
    let shown = duyet.get(&to.headers["location"]).body;
    assert!(
        shown.contains("Bản sửa của Lan."),
        "the preview shows the revision"
    );
    // Publishing (another post's approval or the button) leaves the revision out.
    let started = duyet.post("/publish", &[]);
    assert!(duyet.finished(started).body.contains("Published to"));
    assert!(published_page(&site).contains("Nội dung cũ."));
    assert!(!published_page(&site).contains("Bản sửa của Lan."));
    // The author saves again on top of the revision: no conflict, still waiting.
    assert_eq!(
        lan.save(PUBLISHED, &v2, "Bài cũ", "Bản sửa lần hai.\n")
            .status,
        303
    );
    assert_eq!(std::fs::read_to_string(&live).unwrap(), before);
    let approved = duyet.post("/workflow", &[("p", PUBLISHED), ("action", "approve")]);
    let approved = duyet.finished(approved);
    assert!(approved.body.contains("Published to"), "{}", approved.body);
    let now = std::fs::read_to_string(&live).unwrap();
    assert!(
        now.contains("Bản sửa lần hai.") && now.contains("weight: 3"),
        "{now}"
    );
    assert!(!pending.exists());
    assert!(published_page(&site).contains("Bản sửa lần hai."));
    let versions = duyet.get(&format!("/history?p={}", enc(PUBLISHED))).body;
    assert!(
        versions.contains("<span class=\"who\">lan</span>"),
        "{versions}"
    );
    assert!(!lan.get("/?status=pending").body.contains("Bài cũ"));
    // A restore by an editor waits for approval too.
    let (dv, _) = duyet.open(PUBLISHED);
    assert_eq!(
        duyet.save(PUBLISHED, &dv, "Bài cũ", "Bản ba.\n").status,
        303
    );
    let versions = lan.get(&format!("/history?p={}", enc(PUBLISHED))).body;
    let oldest = versions.rsplit("name=\"v\" value=\"").next().unwrap();
    let oldest = oldest.split('"').next().unwrap();
    let restored = lan.post("/restore", &[("p", PUBLISHED), ("v", oldest)]);
    assert_eq!(restored.status, 303, "{}", restored.body);
    assert!(std::fs::read_to_string(&live).unwrap().contains("Bản ba."));
    assert!(
        std::fs::read_to_string(&pending)
            .unwrap()
            .contains("Bản sửa lần hai.")
    );
}

#[test]
fn a_returned_revision_leaves_the_published_post_and_a_stale_one_is_a_conflict() {
    let site = site();
    let (_editor, mut lan, mut duyet) = lan_and_duyet(&site);
    let live = site.root().join(PUBLISHED);
    let before = std::fs::read_to_string(&live).unwrap();
    let (v, _) = lan.open(PUBLISHED);
    assert_eq!(
        lan.save(PUBLISHED, &v, "Bài cũ", "Bản sửa của Lan.\n")
            .status,
        303
    );
    duyet.open(PUBLISHED);
    let back = duyet.post(
        "/workflow",
        &[
            ("p", PUBLISHED),
            ("action", "return"),
            ("comment", "Thêm giờ tổ chức."),
        ],
    );
    assert_eq!(back.status, 303, "{}", back.body);
    assert_eq!(std::fs::read_to_string(&live).unwrap(), before);
    let (v2, page) = lan.open(PUBLISHED);
    assert!(
        page.contains("Bản sửa của Lan.") && page.contains("Thêm giờ tổ chức."),
        "{page}"
    );
    assert!(!lan.get("/?status=pending").body.contains("Bài cũ"));
    // The approver saves directly; then the revision is based on an older text.
    let (dv, _) = duyet.open(PUBLISHED);
    assert_eq!(
        duyet
            .save(PUBLISHED, &dv, "Bài cũ", "Bản của người duyệt.\n")
            .status,
        303
    );
    assert!(
        std::fs::read_to_string(&live)
            .unwrap()
            .contains("Bản của người duyệt.")
    );
    assert_eq!(
        lan.save(PUBLISHED, &v2, "Bài cũ", "Đã thêm giờ.\n").status,
        303
    );
    assert!(lan.get("/?status=pending").body.contains("Bài cũ"));
    duyet.open(PUBLISHED);
    let conflict = duyet.post("/workflow", &[("p", PUBLISHED), ("action", "approve")]);
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert!(
        conflict.body.contains("Đã thêm giờ.") && conflict.body.contains("Bản của người duyệt."),
        "{}",
        conflict.body
    );
    assert!(
        std::fs::read_to_string(&live)
            .unwrap()
            .contains("Bản của người duyệt.")
    );
    let kept: Vec<_> = std::fs::read_dir(site.root().join(".thidua/editor/conflicts"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(kept.iter().any(|k| k.contains("Đã thêm giờ.")), "{kept:?}");
    assert!(!site.root().join("ngoai").exists(), "nothing was published");
    let (_, page) = lan.open(PUBLISHED);
    assert!(
        page.contains("was changed after this revision was written"),
        "{page}"
    );
}

#[test]
fn an_editors_unsaved_typing_shows_in_no_one_elses_form_or_preview() {
    let site = site();
    let (_editor, mut lan, mut duyet) = lan_and_duyet(&site);
    let (v, _) = lan.open(PUBLISHED);
    let typed = lan.post(
        "/autosave",
        &[
            ("p", PUBLISHED),
            ("version", &v),
            ("title", "Bài cũ"),
            ("body", "Lan đang gõ dở.\n"),
        ],
    );
    assert!(typed.body.contains("\"saved\":true"), "{}", typed.body);
    let (_, mine) = lan.open(PUBLISHED);
    assert!(mine.contains("Lan đang gõ dở."), "her own copy comes back");
    let (_, theirs) = duyet.open(PUBLISHED);
    assert!(!theirs.contains("Lan đang gõ dở."), "{theirs}");
    // Her preview is hers: the same address read by someone else does not show her text.
    let hers = lan.get(&format!("/preview?p={}", enc(PUBLISHED)));
    let at = hers.headers["location"].clone();
    assert!(lan.get(&at).body.contains("Lan đang gõ dở."));
    assert!(!duyet.get(&at).body.contains("Lan đang gõ dở."));
    let to = duyet.get(&format!("/preview?p={}", enc(PUBLISHED)));
    let shown = duyet.get(&to.headers["location"]).body;
    assert!(shown.contains("Nội dung cũ.") && !shown.contains("Lan đang gõ dở."));
}

/// The problems beside the form are those of the text in it: an editor continuing a revision
/// of a published post sees the revision's broken link under the body; the approver, who sees
/// the published text, sees none.
#[test]
fn the_problems_shown_are_those_of_the_text_in_the_form() {
    let site = site();
    let (_editor, mut lan, mut duyet) = lan_and_duyet(&site);
    let (v, _) = lan.open(PUBLISHED);
    let broken = "Đoạn đầu.\n\nXem [trang này](@/tin-tuc/khong-co.md).\n";
    assert_eq!(lan.save(PUBLISHED, &v, "Bài cũ", broken).status, 303);
    let (_, page) = lan.open(PUBLISHED);
    let problems = page
        .split("<ul class=\"problems\" id=\"body-problems\">")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_else(|| panic!("no problem under the body: {page}"));
    assert!(
        problems.contains("line 3") && problems.contains("khong-co.md"),
        "{problems}"
    );
    let (_, live) = duyet.open(PUBLISHED);
    assert!(!live.contains("class=\"problems\""), "{live}");
}

/// The value of the hidden field `name` in a page's form.
fn hidden(page: &str, name: &str) -> String {
    page.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no {name} in {page}"))
        .to_string()
}

/// An approval is of the text the approver read: when the editor saves again in between, the
/// approval is refused and nothing is published; opened again, the new text is approved.
#[test]
fn an_approval_publishes_only_the_text_the_approver_read() {
    let site = site();
    let (_editor, mut lan, mut duyet) = lan_and_duyet(&site);
    let (v, _) = lan.open(PUBLISHED);
    assert_eq!(
        lan.save(PUBLISHED, &v, "Bài cũ", "Bản thứ nhất.\n").status,
        303
    );
    let (_, read) = duyet.open(PUBLISHED);
    let seen = hidden(&read, "seen");
    let (v2, _) = lan.open(PUBLISHED);
    assert_eq!(
        lan.save(PUBLISHED, &v2, "Bài cũ", "Bản thứ hai, chưa ai đọc.\n")
            .status,
        303
    );
    let approve = |c: &mut crate::editor::Client, seen: &str| {
        c.post(
            "/workflow",
            &[("p", PUBLISHED), ("action", "approve"), ("seen", seen)],
        )
    };
    let refused = approve(&mut duyet, &seen);
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(
        refused.body.contains("changed after you opened it"),
        "{}",
        refused.body
    );
    let live = std::fs::read_to_string(site.root().join(PUBLISHED)).unwrap();
    assert!(live.contains("Nội dung cũ."), "nothing approved: {live}");
    let (_, read) = duyet.open(PUBLISHED);
    let started = approve(&mut duyet, &hidden(&read, "seen"));
    let approved = duyet.finished(started);
    assert!(approved.body.contains("Published to"), "{}", approved.body);
    assert!(published_page(&site).contains("Bản thứ hai, chưa ai đọc."));
}

/// Types `body` into the form of `rel` (the autosaved copy, not the post).
fn autosave(c: &mut crate::editor::Client, rel: &str, version: &str, body: &str) {
    let typed = c.post(
        "/autosave",
        &[
            ("p", rel),
            ("version", version),
            ("title", "Bài từ máy Mac"),
            ("body", body),
        ],
    );
    assert!(typed.body.contains("\"saved\":true"), "{}", typed.body);
}

/// A post whose file name is in decomposed letters (as a Mac writes "bài") is previewed and
/// checked with the text typed in the form, like any other: the build names files in composed
/// Unicode, and the text in the form is matched to its file all the same.
#[test]
fn a_post_named_in_decomposed_letters_is_previewed_and_checked_as_typed() {
    let site = site();
    let nfd = "content/tin-tuc/ba\u{300}i-mac.md";
    site.page(
        nfd,
        "title: \"Bài từ máy Mac\"\ndate: \"2023-01-06\"",
        "Nội dung trong tệp.\n",
    );
    let editor = crate::editor::start(&site, &[]);
    let mut c = crate::editor::Client::new(&editor);
    c.get("/");
    let (v, _) = c.open(nfd);
    autosave(&mut c, nfd, &v, "Đang gõ dở.\n");
    let to = c.get(&format!("/preview?p={}", enc(nfd)));
    assert_eq!(to.status, 303, "{}", to.body);
    assert_ne!(
        to.headers["location"], "/preview/",
        "led to the post's own page"
    );
    let shown = c.get(&to.headers["location"]).body;
    assert!(shown.contains("Đang gõ dở."), "{shown}");
    autosave(&mut c, nfd, &v, "Xem [trang này](@/tin-tuc/khong-co.md).\n");
    let (_, page) = c.open(nfd);
    assert!(
        page.contains("id=\"body-problems\"") && page.contains("khong-co.md"),
        "{page}"
    );
}

/// Returned in between (another tab, another approver): an approval of what was read before
/// the return is refused, and the post stays a draft.
#[test]
fn a_post_returned_in_between_is_not_approved() {
    let site = site();
    let (_editor, mut lan, mut duyet) = lan_and_duyet(&site);
    let made = lan.post("/new", &[("title", "Tin nháp"), ("section", "tin-tuc")]);
    assert_eq!(made.status, 303, "{}", made.body);
    let rel = "content/tin-tuc/tin-nhap/index.md";
    let submitted = lan.post("/workflow", &[("p", rel), ("action", "submit")]);
    assert_eq!(submitted.status, 303, "{}", submitted.body);
    assert!(
        !submitted.headers["location"].contains("blocked"),
        "{:?}",
        submitted.headers
    );
    let (_, read) = duyet.open(rel);
    let seen = hidden(&read, "seen");
    let returned = duyet.post(
        "/workflow",
        &[("p", rel), ("action", "return"), ("comment", "Thêm ảnh.")],
    );
    assert_eq!(returned.status, 303, "{}", returned.body);
    let approved = duyet.post(
        "/workflow",
        &[("p", rel), ("action", "approve"), ("seen", &seen)],
    );
    assert_eq!(approved.status, 409, "{}", approved.body);
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    assert!(text.contains("draft: true"), "{text}");
}
