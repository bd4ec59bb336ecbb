//! The editing room's server side, as staff and attackers meet it: publishing in the
//! background with its steps, one at a time; the login guard per address (and behind nginx,
//! the address from `X-Forwarded-For` only with `--behind-https`); signed-in sessions that
//! survive a restart and end with logout, `thidua user passwd` and `thidua user remove`; the
//! cover picked from the post's own photos.

use crate::editor::{Client, PASSWORD, add_user, site, start, start_with, user_cmd as user};

#[test]
fn publishing_runs_in_the_background_with_its_steps_and_one_at_a_time() {
    let site = site();
    add_user(&site, "duyet", "approver");
    add_user(&site, "lan", "editor");
    let editor = start(&site, &[("THIDUA_EDITOR_PAUSE_PUBLISH", "2")]);
    let mut duyet = Client::new(&editor);
    assert_eq!(duyet.login("duyet", PASSWORD).status, 303);
    let mut lan = Client::new(&editor);
    lan.login("lan", PASSWORD);

    // Nothing yet.
    assert!(
        duyet
            .get("/publish")
            .body
            .contains("Nothing has been published")
    );
    let started = duyet.post("/publish", &[]);
    assert_eq!(started.status, 303, "{}", started.body);

    // While it runs: the page names the steps, the current one marked, and the JSON says where.
    let status = duyet.get("/publish/status");
    assert_eq!(status.headers["content-type"], "application/json");
    let j: serde_json::Value = serde_json::from_str(&status.body).unwrap();
    assert_eq!(j["running"], true, "{j}");
    assert_eq!(j["step"], 0, "{j}");
    assert_eq!(j["text"], "Checking the posts and the data…");
    let page = duyet.get("/publish");
    assert!(
        page.body.contains("data-publish=\"running\""),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<li class=\"now\" data-step=\"0\" aria-current=\"step\">Checking</li>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Building the pages") && page.body.contains("<progress"));
    assert!(
        page.body.contains("href=\"/publish\""),
        "a link to look again without script"
    );
    assert!(!page.body.contains("<script>"), "no inline script");

    // A second click while it runs says so; writers cannot watch or start one.
    let again = duyet.post("/publish", &[]);
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(
        again
            .body
            .contains("A publish started by duyet is still running"),
        "{}",
        again.body
    );
    assert_eq!(lan.get("/publish/status").status, 403);
    assert_eq!(lan.get("/publish").status, 403);

    // Then the result: what changed, with links to the live pages, and the counts it kept.
    let done = duyet.finished(started);
    assert!(done.body.contains("data-publish=\"done\""), "{}", done.body);
    assert!(done.body.contains("Published to"), "{}", done.body);
    assert!(
        done.body.contains(
            "<a href=\"https://example.gov.vn/tin-tuc/cu/\">https://example.gov.vn/tin-tuc/cu/</a>"
        ),
        "{}",
        done.body
    );
    assert!(site.root().join("ngoai/tin-tuc/cu/index.html").is_file());
    let j: serde_json::Value = serde_json::from_str(&duyet.get("/publish/status").body).unwrap();
    assert_eq!(j["running"], false);
    assert!(
        j["total"].as_u64().unwrap() > 0 && j["done"] == j["total"],
        "{j}"
    );

    // Published only once: the refused click started nothing.
    let audit = std::fs::read_to_string(site.root().join(".thidua/audit.log")).unwrap();
    assert_eq!(audit.matches("\tduyet\tpublish\t").count(), 1, "{audit}");

    // Publishing again with nothing new says so.
    let started = duyet.post("/publish", &[]);
    assert!(duyet.finished(started).body.contains("No page changed."));
}

/// `n` wrong passwords for names that are not accounts, each name once, with `extra` headers.
fn guess(c: &mut Client, n: usize, extra: impl Fn(usize) -> String) -> Vec<u16> {
    (0..n)
        .map(|i| {
            c.get("/login");
            let body = format!("csrf={}&name=ten-{i}&password=sai-mat-khau-{i}", c.csrf);
            c.send(
                "POST",
                "/login",
                &format!(
                    "Content-Type: application/x-www-form-urlencoded\r\n{}",
                    extra(i)
                ),
                body.as_bytes(),
            )
            .status
        })
        .collect()
}

#[test]
fn many_wrong_passwords_from_one_address_lock_it_and_forwarded_addresses_are_not_believed() {
    let site = site();
    add_user(&site, "lan", "editor");
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    // Each guess names another account and claims another address: without --behind-https
    // the header is not believed, the connection's address is what counts.
    let statuses = guess(&mut c, 21, |i| format!("X-Forwarded-For: 10.1.2.{i}\r\n"));
    assert!(statuses[..20].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(statuses[20], 429, "{statuses:?}");
    let a = c.login("lan", PASSWORD);
    assert_eq!(a.status, 429, "the right password is not even checked");
    assert!(
        a.body
            .contains("Too many wrong passwords from this computer: signing in from it is locked for 15 minutes."),
        "{}",
        a.body
    );
    let audit = std::fs::read_to_string(site.root().join(".thidua/audit.log")).unwrap();
    assert!(audit.contains("address 127.0.0.1 locked"), "{audit}");
}

#[test]
fn behind_https_the_address_nginx_added_is_the_one_locked() {
    let site = site();
    add_user(&site, "lan", "editor");
    let editor = start_with(&site, &[], "en", &["--behind-https"]);
    let mut c = Client::new(&editor);
    // The browser may send its own X-Forwarded-For; nginx appends the real address last.
    let statuses = guess(&mut c, 21, |i| {
        format!("X-Forwarded-For: 192.0.2.{i}, 10.0.0.7\r\n")
    });
    assert_eq!(statuses[20], 429, "{statuses:?}");
    let lan = |c: &mut Client, from: &str| {
        c.get("/login");
        let body = format!(
            "csrf={}&name=lan&password={}",
            c.csrf,
            crate::editor::enc(PASSWORD)
        );
        c.send(
            "POST",
            "/login",
            &format!(
                "Content-Type: application/x-www-form-urlencoded\r\nX-Forwarded-For: {from}\r\n"
            ),
            body.as_bytes(),
        )
        .status
    };
    assert_eq!(
        lan(&mut c, "10.0.0.7"),
        429,
        "that office computer is locked"
    );
    let mut other = Client::new(&editor);
    assert_eq!(
        lan(&mut other, "10.0.0.8"),
        303,
        "another computer signs in"
    );
}

#[test]
fn sessions_survive_a_restart_and_end_with_logout_passwd_and_remove() {
    let site = site();
    for (name, role) in [("lan", "editor"), ("duyet", "approver"), ("hoa", "editor")] {
        add_user(&site, name, role);
    }
    let editor = start(&site, &[]);
    let mut clients: Vec<Client> = ["lan", "duyet", "hoa"]
        .iter()
        .map(|name| {
            let mut c = Client::new(&editor);
            assert_eq!(c.login(name, PASSWORD).status, 303);
            c
        })
        .collect();
    let file = site.root().join(".thidua/editor/sessions");
    let stored = std::fs::read_to_string(&file).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }
    for c in &clients {
        let id = c.cookie.split('=').nth(1).unwrap();
        assert!(
            !stored.contains(id),
            "only a hash of the session id is kept"
        );
    }
    assert_eq!(stored.matches("\"user\"").count(), 3, "{stored}");

    // A restart: everyone is still signed in, and their forms' tokens still work.
    drop(editor);
    let editor = start(&site, &[]);
    for c in &mut clients {
        c.addr = editor.addr;
        let a = c.get("/");
        assert_eq!(a.status, 200, "{}", a.body);
    }
    let (version, _) = clients[0].open("content/tin-tuc/cu/index.md");
    assert_eq!(
        clients[0]
            .save(
                "content/tin-tuc/cu/index.md",
                &version,
                "Bài cũ",
                "Sau khi khởi động lại.\n"
            )
            .status,
        303
    );

    // Logging out ends the session for good, across a restart too.
    assert_eq!(clients[0].post("/logout", &[]).status, 303);
    // A new password ends the account's sessions in the running room.
    user(
        &site,
        &["passwd", "duyet", "--password-stdin"],
        "mật-khẩu-mới-đủ-dài",
    );
    assert_eq!(clients[1].get("/").status, 303, "duyet must sign in again");
    drop(editor);
    // Removing an account while the room is stopped ends its sessions in the file.
    user(&site, &["remove", "hoa"], "");
    let stored = std::fs::read_to_string(&file).unwrap();
    assert!(
        !stored.contains("\"hoa\"") && !stored.contains("\"lan\""),
        "{stored}"
    );
    let editor = start(&site, &[]);
    for c in &mut clients {
        c.addr = editor.addr;
        let a = c.get("/");
        assert_eq!(a.status, 303, "{}", a.body);
        assert_eq!(a.headers["location"], "/login");
    }
    let mut fresh = Client::new(&editor);
    assert_eq!(fresh.login("duyet", "mật-khẩu-mới-đủ-dài").status, 303);
}

/// A real photo of `w`×`h`, one colour.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let pixels = vec![120u8; (w * h * 3) as usize];
    image::codecs::jpeg::JpegEncoder::new(&mut out)
        .encode(&pixels, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

#[test]
fn the_cover_is_picked_from_the_posts_photos_and_published_as_its_share_picture() {
    let site = site();
    add_user(&site, "duyet", "approver");
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.login("duyet", PASSWORD);
    let made = c.post(
        "/new",
        &[("title", "Hội nghị tổng kết"), ("section", "tin-tuc")],
    );
    assert_eq!(made.status, 303, "{}", made.body);
    let rel = "content/tin-tuc/hoi-nghi-tong-ket/index.md";
    let q = crate::editor::enc(rel);
    let photo = jpeg(640, 400);
    for name in ["Hội trường.jpg", "Đại biểu.jpg"] {
        let target = format!("/upload?p={q}&name={}", crate::editor::enc(name));
        let extra = format!("X-CSRF-Token: {}\r\nContent-Type: image/jpeg\r\n", c.csrf);
        assert_eq!(c.send("POST", &target, &extra, &photo).status, 200);
    }
    let (version, page) = c.open(rel);
    // The choices: none (chosen: there is no cover yet), then each photo with its picture.
    assert!(page.contains("<legend>Cover image</legend>"), "{page}");
    assert!(
        page.contains("<input type=\"radio\" name=\"image\" id=\"image-0\" value=\"\" checked>"),
        "{page}"
    );
    let choice = "value=\"/tin-tuc/hoi-nghi-tong-ket/hoi-truong.jpg\"";
    assert!(page.contains(choice), "{page}");
    let thumb = format!("<img src=\"/photo?p={q}&amp;name=hoi-truong.jpg\"");
    assert!(page.contains(&thumb), "{page}");
    assert!(
        page.contains("id=\"cover-upload\""),
        "a new one can be uploaded"
    );

    // The pictures are the post's own photos, and nothing else.
    let got = c.get(&format!("/photo?p={q}&name=hoi-truong.jpg"));
    assert_eq!(got.status, 200);
    assert_eq!(got.headers["content-type"], "image/jpeg");
    // A small picture, not the photo: 320 pixels wide at most, kept for the next time.
    let thumbs = site.root().join(".thidua/cache/thumbs");
    let kept: Vec<_> = std::fs::read_dir(&thumbs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let small = image::open(&kept[0]).unwrap();
    assert_eq!((small.width(), small.height()), (320, 200));
    assert_eq!(
        got.headers["content-length"],
        std::fs::metadata(&kept[0]).unwrap().len().to_string()
    );
    for bad in [
        "../../../site.yaml",
        "index.md",
        "..%2Fcu%2Findex.md",
        "khong-co.jpg",
    ] {
        assert_eq!(
            c.get(&format!("/photo?p={q}&name={bad}")).status,
            404,
            "{bad}"
        );
    }
    let other = crate::editor::enc("content/_data/../../.thidua/users.yaml");
    assert_eq!(
        c.get(&format!("/photo?p={other}&name=users.yaml")).status,
        404
    );

    // Choosing one sets the front matter's image; the form shows it chosen, with its alt.
    let saved = c.post(
        "/save",
        &[
            ("p", rel),
            ("version", &version),
            ("title", "Hội nghị tổng kết"),
            ("image", "/tin-tuc/hoi-nghi-tong-ket/hoi-truong.jpg"),
            ("body", "![Toàn cảnh hội trường](hoi-truong.jpg)\n"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    assert!(
        text.contains("image: \"/tin-tuc/hoi-nghi-tong-ket/hoi-truong.jpg\""),
        "{text}"
    );
    let (version, page) = c.open(rel);
    assert!(page.contains(&format!("{choice} checked>")), "{page}");
    assert!(page.contains("alt=\"Toàn cảnh hội trường\""), "{page}");

    // A new address (slug) moves the page and its photos: the choice follows, still chosen.
    let saved = c.post(
        "/save",
        &[
            ("p", rel),
            ("version", &version),
            ("title", "Hội nghị tổng kết"),
            ("slug", "tong-ket-2023"),
            ("image", "/tin-tuc/hoi-nghi-tong-ket/hoi-truong.jpg"),
            ("body", "![Toàn cảnh hội trường](hoi-truong.jpg)\n"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let (version, page) = c.open(rel);
    let moved = "/tin-tuc/tong-ket-2023/hoi-truong.jpg";
    assert!(
        page.contains(&format!("value=\"{moved}\" checked>")),
        "{page}"
    );
    let saved = c.post(
        "/save",
        &[
            ("p", rel),
            ("version", &version),
            ("title", "Hội nghị tổng kết"),
            ("slug", "tong-ket-2023"),
            ("image", moved),
            ("body", "![Toàn cảnh hội trường](hoi-truong.jpg)\n"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);

    // Published, the page is shared with the chosen photo cropped, not a drawn card.
    let approved = c.post("/workflow", &[("p", rel), ("action", "approve")]);
    let done = c.finished(approved);
    assert!(done.body.contains("Published to"), "{}", done.body);
    assert!(
        site.root()
            .join("ngoai/tin-tuc/tong-ket-2023/hoi-truong.jpg")
            .is_file()
            || std::fs::read_dir(site.root().join("ngoai/tin-tuc/tong-ket-2023"))
                .unwrap()
                .any(|e| e
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("hoi-truong")),
        "the photo is published beside the page"
    );
    let html = std::fs::read_to_string(site.root().join("ngoai/tin-tuc/tong-ket-2023/index.html"))
        .unwrap();
    let og = html
        .split("property=\"og:image\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    assert!(og.ends_with(".jpg"), "a cropped cover is a JPEG: {og}");
}

/// Files under `dir`, counted (none if it does not exist).
fn files_under(dir: &std::path::Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

/// The preview is the site itself built with the post's latest text in place of its file:
/// no copy of the site, and its photos resized once into the site's own cache, so the next
/// preview (every autosave) does not resize them again.
#[test]
fn the_preview_builds_the_site_itself_and_resizes_its_photos_once() {
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.get("/");
    let made = c.post("/new", &[("title", "Hội nghị"), ("section", "tin-tuc")]);
    assert_eq!(made.status, 303, "{}", made.body);
    let rel = "content/tin-tuc/hoi-nghi/index.md";
    let q = crate::editor::enc(rel);
    let target = format!("/upload?p={q}&name=hoi-truong.jpg");
    let extra = format!("X-CSRF-Token: {}\r\nContent-Type: image/jpeg\r\n", c.csrf);
    assert_eq!(
        c.send("POST", &target, &extra, &jpeg(1600, 1000)).status,
        200
    );
    let (v, _) = c.open(rel);
    let body = "Khai mạc.\n\n![Hội trường](hoi-truong.jpg)\n";
    assert_eq!(c.save(rel, &v, "Hội nghị", body).status, 303);
    let preview = |c: &mut Client| {
        let to = c.get(&format!("/preview?p={q}"));
        assert_eq!(to.status, 303, "{}", to.body);
        c.get(&to.headers["location"]).body
    };
    // The site built once: its share cards are in its cache, and previews must leave them.
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["build", "-q"])
        .current_dir(site.root())
        .status()
        .unwrap();
    assert!(built.success());
    let cards = site.root().join(".thidua/cache/share");
    let site_cards: Vec<_> = std::fs::read_dir(&cards)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!site_cards.is_empty());
    let page = preview(&mut c);
    assert!(
        page.contains("hoi-truong-") && page.contains(".webp"),
        "{page}"
    );
    let cache = site.root().join(".thidua/cache/images");
    let cached = files_under(&cache);
    assert!(cached > 0, "the photo is resized into the site's own cache");
    // Typed but not saved (the autosaved copy): the preview shows it, from the same cache.
    let autosave = c.post(
        "/autosave",
        &[
            ("p", rel),
            ("title", "Hội nghị"),
            ("body", "Bế mạc.\n\n![Hội trường](hoi-truong.jpg)\n"),
        ],
    );
    assert_eq!(autosave.status, 200, "{}", autosave.body);
    let page = preview(&mut c);
    assert!(
        page.contains("Bế mạc.") && page.contains("hoi-truong-"),
        "{page}"
    );
    assert_eq!(files_under(&cache), cached, "nothing resized again");
    for card in &site_cards {
        assert!(
            card.is_file(),
            "a preview removed the site's card {}",
            card.display()
        );
    }
    assert!(
        std::fs::read_to_string(site.root().join(rel))
            .unwrap()
            .contains("Khai mạc."),
        "the post's file keeps its saved text"
    );
}

/// Approving while a publish runs is taken at once (no page loading until that publish ends)
/// and carried out right after it: the post is approved, then published (by a second publish,
/// or by the running one when the approval's file was written before that one began reading).
#[test]
fn an_approval_during_a_publish_is_published_right_after_it() {
    let site = site();
    add_user(&site, "duyet", "approver");
    let editor = start(&site, &[("THIDUA_EDITOR_PAUSE_PUBLISH", "2")]);
    let mut duyet = Client::new(&editor);
    duyet.login("duyet", PASSWORD);
    let made = duyet.post("/new", &[("title", "Tin mới"), ("section", "tin-tuc")]);
    assert_eq!(made.status, 303, "{}", made.body);
    let rel = "content/tin-tuc/tin-moi/index.md";
    let started = duyet.post("/publish", &[]);
    assert_eq!(started.status, 303, "{}", started.body);
    let asked = std::time::Instant::now();
    let approved = duyet.post("/workflow", &[("p", rel), ("action", "approve")]);
    assert!(
        asked.elapsed() < std::time::Duration::from_millis(1500),
        "answered at once, not after the running publish: {:?}",
        asked.elapsed()
    );
    assert_eq!(approved.status, 202, "{}", approved.body);
    assert!(
        approved
            .body
            .contains("Approved: “Tin mới” will be published right after the publish running now"),
        "{}",
        approved.body
    );
    let page = site.root().join("ngoai/tin-tuc/tin-moi/index.html");
    let published = (0..120).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(250));
        page.is_file()
    });
    assert!(published, "the approved post was never published");
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    assert!(!text.contains("draft: true"), "{text}");
    let audit = std::fs::read_to_string(site.root().join(".thidua/audit.log")).unwrap();
    assert!(
        audit.contains("\tduyet\tapprove queued\t") && audit.contains("\tduyet\tapprove\t"),
        "{audit}"
    );
}
