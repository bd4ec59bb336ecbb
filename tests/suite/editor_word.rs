//! From Word into the editing room over HTTP: HTML as Word puts it on the clipboard becomes
//! clean Markdown with the pasted picture's uploaded name in place; a `.docx` (made by
//! `convert::word_document`, with a table and a picture) becomes a draft post whose published
//! page shows the table and the picture.

use crate::editor::{Client, enc, site, start};

/// What Word 365 puts on the clipboard, trimmed: `mso-` styles and classes, a heading, a list
/// as paragraphs, a table, and a picture at a path the browser cannot read.
const WORD_HTML: &str = r#"<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";font-family:"Times New Roman"}</style></head><body lang=VI>
<!--StartFragment--><h1 style='mso-margin-top-alt:auto'><span style='font-size:16pt;color:#2F5496'>Tổng kết đợt thi đua</span></h1>
<p class=MsoNormal><span style='font-family:"Times New Roman"'>Trung tâm đã <b>hoàn thành</b> các <i>chỉ tiêu</i>.</span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>-<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span>Hồ sơ đúng hạn</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>-<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span>Hài lòng</p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse;mso-yfti-tbllook:1184'><tr><td><p class=MsoNormal><b>Chỉ tiêu</b></p></td><td><p class=MsoNormal><b>Kết quả</b></p></td></tr>
<tr><td><p class=MsoNormal>Đúng hạn</p></td><td><p class=MsoNormal>99,71%</p></td></tr></table>
<p class=MsoNormal><img width=200 height=100 src="file:///C:/Users/lan/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png" alt="Lễ trao giải"></p>
<!--EndFragment--></body></html>"#;

/// Pastes `html` into the post `post` (a path from the site's root), with the names of the
/// pictures the page uploaded (one a line); the room's answer.
fn paste(c: &mut Client, post: &str, names: &str, html: &str) -> serde_json::Value {
    let csrf = c.csrf.clone();
    let a = c.send(
        "POST",
        &format!("/paste?p={}&names={}", enc(post), enc(names)),
        &format!("X-CSRF-Token: {csrf}\r\nContent-Type: text/html; charset=utf-8\r\n"),
        html.as_bytes(),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    serde_json::from_str(&a.body).unwrap()
}

#[test]
fn pasting_word_html_gives_clean_markdown_with_the_uploaded_picture() {
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.get("/");
    let md = paste(
        &mut c,
        "content/tin-tuc/cu/index.md",
        "le-trao-giai.png",
        WORD_HTML,
    );
    let md = md["markdown"].as_str().unwrap();
    assert_eq!(
        md,
        "## Tổng kết đợt thi đua\n\nTrung tâm đã **hoàn thành** các *chỉ tiêu*.\n\n- Hồ sơ đúng hạn\n- Hài lòng\n\n\
         | Chỉ tiêu | Kết quả |\n| --- | --- |\n| Đúng hạn | 99,71% |\n\n![Lễ trao giải](le-trao-giai.png)\n"
    );
    for junk in [
        "mso",
        "style",
        "Times New Roman",
        "<",
        "&nbsp;",
        "clip_image",
    ] {
        assert!(!md.contains(junk), "{junk} left in {md}");
    }
    let without = c.send(
        "POST",
        "/paste",
        "Content-Type: text/html\r\n",
        WORD_HTML.as_bytes(),
    );
    assert_eq!(without.status, 403, "a paste needs the CSRF token too");
}

#[test]
fn a_word_document_becomes_a_post_that_publishes_with_its_table_and_picture() {
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.get("/");
    let csrf = c.csrf.clone();
    let a = c.send(
        "POST",
        "/docx?section=tin-tuc",
        &format!("X-CSRF-Token: {csrf}\r\nContent-Type: application/octet-stream\r\n"),
        &crate::convert::word_document(),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let rel = "content/tin-tuc/le-tong-ket-5-nam-phong-trao-thi-dua/index.md";
    assert!(a.body.contains(&enc(rel)), "{}", a.body);
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    assert!(
        text.contains("title: \"Lễ tổng kết 5 năm phong trào thi đua\"")
            && text.contains("draft: true"),
        "{text}"
    );
    let picture = text
        .split("![")
        .nth(1)
        .unwrap()
        .split("](")
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap()
        .to_string();
    assert!(
        site.root()
            .join("content/tin-tuc/le-tong-ket-5-nam-phong-trao-thi-dua")
            .join(&picture)
            .is_file(),
        "{picture}"
    );
    let not_word = c.send(
        "POST",
        "/docx?section=tin-tuc",
        &format!("X-CSRF-Token: {csrf}\r\n"),
        b"<html>not a docx</html>",
    );
    assert_eq!(not_word.status, 422, "{}", not_word.body);
    let published = c.post("/workflow", &[("p", rel), ("action", "approve")]);
    let published = c.finished(published);
    assert!(
        published.body.contains("Published to"),
        "{}",
        published.body
    );
    let out = site
        .root()
        .join("ngoai/tin-tuc/le-tong-ket-5-nam-phong-trao-thi-dua");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<table") && html.contains("99,71%"), "{html}");
    assert!(
        // Published as the photo pipeline's copies (named after it), not as the original.
        html.contains(
            picture
                .rsplit_once('.')
                .map_or(picture.as_str(), |(stem, _)| stem)
        ),
        "{html}"
    );
}

/// A picture the way a web page or an office program puts it inside the clipboard's HTML: a
/// `data:` address. It is stored in the post's folder like an upload and named in its place;
/// one on another host, and one whose bytes are not a picture, are left out and counted.
#[test]
fn pictures_pasted_as_data_addresses_are_stored_like_uploads() {
    use base64::Engine;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let mut png = Vec::new();
    image::RgbImage::from_pixel(64, 48, image::Rgb([200, 30, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let html = format!(
        "<p>Hội nghị sơ kết</p><p><img alt=\"Hội nghị\" src=\"data:image/png;base64,{}\"></p>\
         <p><img alt=\"ngoài\" src=\"https://example.com/x.png\"></p>\
         <p><img alt=\"độc\" src=\"data:image/png;base64,{}\"></p>",
        // Broken across lines, as some programs write long attributes.
        b64(&png)
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\n"),
        b64(b"<script>alert(1)</script>"),
    );
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.get("/");
    let folder = site.root().join("content/tin-tuc/cu");
    let before = std::fs::read_dir(&folder).unwrap().count();
    let first = paste(&mut c, "content/tin-tuc/cu/index.md", "", &html);
    assert_eq!(
        first["markdown"].as_str().unwrap(),
        "Hội nghị sơ kết\n\n![Hội nghị](anh-dan.png)\n"
    );
    let note = first["note"].as_str().unwrap();
    assert!(
        note.starts_with("2 pasted picture(s) could not be kept"),
        "{note}"
    );
    assert_eq!(std::fs::read(folder.join("anh-dan.png")).unwrap(), png);
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        before + 1,
        "only the picture was written"
    );
    // Pasted again: a second file, the first one kept.
    let second = paste(&mut c, "content/tin-tuc/cu/index.md", "", &html);
    assert!(
        second["markdown"]
            .as_str()
            .unwrap()
            .contains("](anh-dan-2.png)"),
        "{second}"
    );
    assert_eq!(std::fs::read(folder.join("anh-dan.png")).unwrap(), png);
    // A post that is a single file has no folder for pictures: nothing is written beside it.
    let single = paste(&mut c, "content/tin-tuc/_index.md", "", &html);
    assert!(
        !single["markdown"].as_str().unwrap().contains("!["),
        "{single}"
    );
    assert!(
        single["note"].as_str().unwrap().starts_with("3 "),
        "{single}"
    );
    assert!(!site.root().join("content/tin-tuc/anh-dan.png").exists());
}

/// One paste stores at most 50 pictures: a clipboard of thousands of tiny pictures (an attempt
/// to fill the disk) leaves 50 files and says how many were not kept.
#[test]
fn one_paste_stores_at_most_fifty_pictures() {
    use base64::Engine;
    let png = base64::engine::general_purpose::STANDARD.encode(b"\x89PNG\r\n\x1a\n");
    let html: String = (0..400)
        .map(|_| format!("<p><img src=\"data:image/png;base64,{png}\"></p>"))
        .collect();
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.get("/");
    let j = paste(&mut c, "content/tin-tuc/cu/index.md", "", &html);
    assert!(j["note"].as_str().unwrap().starts_with("350 "), "{j}");
    let stored = std::fs::read_dir(site.root().join("content/tin-tuc/cu"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("anh-dan")
        })
        .count();
    assert_eq!(stored, 50);
}

/// The names the page sends stand for the pictures it could not read, in order; an empty line
/// is one whose upload failed: that picture is left out, the others keep their places.
#[test]
fn a_failed_upload_leaves_only_its_own_picture_out() {
    let html = "<p><img alt=\"một\" src=\"file:///C:/Temp/clip1.png\"></p>\
                <p><img alt=\"hai\" src=\"file:///C:/Temp/clip2.png\"></p>\
                <p><img alt=\"ba\" src=\"file:///C:/Temp/clip3.png\"></p>";
    let site = site();
    let editor = start(&site, &[]);
    let mut c = Client::new(&editor);
    c.get("/");
    let j = paste(
        &mut c,
        "content/tin-tuc/cu/index.md",
        "mot.png\n\nba.png",
        html,
    );
    assert_eq!(j["markdown"], "![một](mot.png)\n\n![ba](ba.png)\n", "{j}");
    assert!(j["note"].as_str().unwrap().starts_with("1 "), "{j}");
}
