//! The editing room's whole story in Debian's chromium (tests/tools/editor-story.mjs over the
//! DevTools protocol), on a server-mode room (accounts made with `thidua user add
//! --password-stdin`): keyboard-only sign-in, a post with a Vietnamese title and a photo, the
//! preview, submit, return with a comment, fix, approve and publish to a folder, the history
//! and a restore. axe-core on every kind of page; screenshots in target/screenshots/.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::editor::{PASSWORD, add_user, site, start_in};
use crate::editor_story::STORY_POST;

#[test]
fn the_whole_story_in_a_browser() {
    if !crate::quality::require_browser() {
        return;
    }
    let site = site();
    add_user(&site, "duyet", "approver");
    add_user(&site, "lan", "editor");
    // In Vietnamese, as staff use it (the screenshots are the README's).
    // Publishing waits a second before building, so the progress page can be seen and checked.
    let editor = start_in(&site, &[("THIDUA_EDITOR_PAUSE_PUBLISH", "1")], "vi");
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let job = serde_json::json!({
        "chromium": "/usr/bin/chromium",
        "base": format!("http://{}/", editor.addr),
        "post": STORY_POST,
        "shots": shots,
        "title": "Lễ trao giải thi đua năm 2023",
        "first": "Sáng 20/11, Trung tâm tổ chức lễ trao giải.\n",
        "fixed": "Sáng 20/11, lúc 8 giờ, Trung tâm tổ chức lễ trao giải.\n\n![Lễ trao giải](anh-le-trao-giai.jpg)\n",
        "comment": "Thêm giờ tổ chức buổi lễ.",
        "alt": "Lễ trao giải",
        // With a picture inside the HTML as a data: address, as a web page puts it.
        "word_html": format!("<p class=MsoNormal style='mso-margin-top-alt:auto'><b><span style='font-family:\"Times New Roman\"'>Kết quả</span></b></p><table class=MsoTableGrid><tr><td><p class=MsoNormal>Đúng hạn</p></td><td><p class=MsoNormal>99,71%</p></td></tr></table><p><img alt='Ảnh dán' src='data:image/png;base64,{}'></p>", pasted_png()),
        "users": { "editor": "lan", "approver": "duyet", "password": PASSWORD },
    });
    let r = run_script("editor-story.mjs", &job);
    let steps = r["steps"].to_string();
    assert!(
        steps.contains("signed in as lan (biên tập viên)")
            && steps.contains("signed in as duyet (người duyệt)"),
        "{steps}"
    );
    assert!(
        steps.contains("![Lễ trao giải](anh-le-trao-giai.jpg)"),
        "the photo was inserted: {steps}"
    );
    assert!(steps.contains("submitted: Chờ duyệt"), "{steps}");
    assert!(
        r["preview"]["title"]
            .as_str()
            .unwrap_or("")
            .starts_with("Lễ trao giải thi đua năm 2023"),
        "{r:#}"
    );
    assert_eq!(
        r["preview"]["loaded"], true,
        "the photo shows in the preview: {r:#}"
    );
    assert!(
        r["comment_seen"]
            .as_str()
            .unwrap_or("")
            .contains("Thêm giờ tổ chức buổi lễ."),
        "{r:#}"
    );
    // The cover picker offered "no cover" and the uploaded photo (its picture loaded).
    let choices = r["cover_choices"].as_array().unwrap();
    assert_eq!(choices.len(), 2, "{r:#}");
    assert_eq!(choices[1]["img"], true, "{r:#}");
    assert!(
        r["cover"]
            .as_str()
            .unwrap_or("")
            .ends_with("/anh-le-trao-giai.jpg"),
        "{r:#}"
    );
    assert_eq!(r["publishing"], "running", "{r:#}");
    assert_eq!(
        r["publish_steps"],
        serde_json::json!([
            "done:Kiểm tra",
            "done:Dựng trang",
            "done:Ảnh",
            "done:Xuất bản"
        ]),
        "{r:#}"
    );
    assert!(
        r["published"]
            .as_str()
            .unwrap_or("")
            .contains("Đã đăng lên"),
        "{r:#}"
    );
    let history: Vec<&str> = r["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        history.iter().filter(|w| **w == "lan").count() >= 3,
        "{history:?}"
    );
    assert_eq!(history.first(), Some(&"duyet"), "{history:?}");
    let restored = r["after_restore"].as_str().unwrap_or("");
    assert!(
        restored.contains("Sáng 20/11, Trung tâm") && !restored.contains("lúc 8 giờ"),
        "{restored}"
    );
    let pasted = r["pasted"].as_str().unwrap_or("");
    assert!(
        pasted.starts_with("**Kết quả**\n\n| Đúng hạn | 99,71% |")
            && pasted.contains("![Ảnh dán](anh-dan.png)")
            && !pasted.contains("mso"),
        "{pasted}"
    );
    assert!(
        site.root().join("content/tin-tuc/cu/anh-dan.png").is_file(),
        "the pasted picture is stored in the post's folder"
    );
    let dropped = r["dropped"].as_str().unwrap_or("");
    assert!(
        dropped.contains("![Lễ trao giải](anh-keo-tha.jpg)"),
        "a photo dropped on the text is uploaded and named with its description: {dropped}"
    );
    assert!(
        site.root()
            .join("content/tin-tuc/cu/anh-keo-tha.jpg")
            .is_file()
    );
    let out_dir = site
        .root()
        .join("ngoai/tin-tuc/le-trao-giai-thi-dua-nam-2023");
    let html = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(
        html.contains("lúc 8 giờ") && html.contains("anh-le-trao-giai"),
        "{html}"
    );
    assert!(
        !out_dir.join("anh-le-trao-giai.jpg").exists(),
        "the original is not published"
    );
    for (page, violations) in r["axe"].as_object().unwrap() {
        let bad: Vec<_> = violations
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .collect();
        assert!(bad.is_empty(), "axe on {page}: {bad:#?}");
    }
    // The preview frame is sandboxed without scripts, and its pages carry none (the editor
    // strips them: editor_story checks it); Chromium still reports one blocked execution per
    // load of a sandboxed frame while the DevTools protocol watches it, and only that is allowed.
    let errors: Vec<&str> = r["console_errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e.as_str())
        .filter(|e| {
            !(e.starts_with("security: Blocked script execution in") && e.contains("/preview/"))
        })
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(r["external_requests"], serde_json::json!([]), "{r:#}");
}

/// Runs the browser script `tests/tools/<script>` with `job` on its standard input and returns
/// what it printed (JSON), after checking it says `"ok": true`.
pub(crate) fn run_script(script: &str, job: &serde_json::Value) -> serde_json::Value {
    let mut child = Command::new("node")
        .arg(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/tools")
                .join(script),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(job.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let r: serde_json::Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{e}: {stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(r["ok"], true, "{r:#}");
    r
}

/// A small PNG in base64, as a picture pasted inside HTML carries it.
fn pasted_png() -> String {
    use base64::Engine;
    let mut png = Vec::new();
    image::RgbImage::from_pixel(40, 30, image::Rgb([20, 90, 160]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    base64::engine::general_purpose::STANDARD.encode(png)
}
