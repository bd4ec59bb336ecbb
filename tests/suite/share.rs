//! Share images (og:image, issue 16): every page of the bundled site has one that exists and
//! is 1200×630; a card's text is drawn only with letters the embedded font has; an unchanged
//! rebuild draws nothing; a cover is cropped around its focus; mistakes are located warnings
//! or errors;
//! a `thidua init` site starts with the theme's neutral emblem, not Lạng Sơn's.

use std::path::Path;

use crate::support::{TestSite, text};

/// The faces the cards are drawn with (src/share/fonts/), read here on their own.
const FONTS: [&str; 2] = [
    "src/share/fonts/NotoSans-Regular-vi.ttf",
    "src/share/fonts/NotoSans-Bold-vi.ttf",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `content` of the first `<meta property|name="key" content="…">`.
fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    ["property", "name"].iter().find_map(|attr| {
        let needle = format!("<meta {attr}=\"{key}\" content=\"");
        let rest = &html[html.find(&needle)? + needle.len()..];
        Some(&rest[..rest.find('"')?])
    })
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every HTML page of `public` but redirects: (path, text).
fn pages(public: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(public).unwrap();
            let rel = rel.to_string_lossy().into_owned();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .filter(|(_, html)| !html.contains("http-equiv=\"refresh\""))
        .collect();
    out.sort();
    out
}

#[test]
fn every_page_of_the_bundled_site_has_a_share_image_that_decodes_at_1200_by_630() {
    let site = crate::identity::served_site();
    let all = pages(&site.public);
    assert!(all.len() > 20);
    let (mut covers, mut cards) = (0, 0);
    let mut problems = Vec::new();
    for (rel, html) in &all {
        let Some(url) = meta(html, "og:image") else {
            problems.push(format!("{rel}: no og:image"));
            continue;
        };
        let Some(file) = url.strip_prefix(&site.base) else {
            problems.push(format!("{rel}: {url} is not under {}", site.base));
            continue;
        };
        let bytes = match std::fs::read(site.public.join(file)) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{rel}: {url}: {e}"));
                continue;
            }
        };
        let (format, mime) = match image::guess_format(&bytes) {
            Ok(image::ImageFormat::Png) => (image::ImageFormat::Png, "image/png"),
            Ok(image::ImageFormat::Jpeg) => (image::ImageFormat::Jpeg, "image/jpeg"),
            other => {
                problems.push(format!("{rel}: {url} is {other:?}"));
                continue;
            }
        };
        if mime == "image/png" {
            cards += 1
        } else {
            covers += 1
        }
        if meta(html, "og:image:type") != Some(mime) {
            problems.push(format!("{rel}: og:image:type is not {mime}"));
        }
        match image::load_from_memory_with_format(&bytes, format) {
            Ok(img) if (img.width(), img.height()) == (1200, 630) => {}
            Ok(img) => problems.push(format!("{rel}: {}×{}", img.width(), img.height())),
            Err(e) => problems.push(format!("{rel}: {url} does not decode: {e}")),
        }
        if mime == "image/png" && bytes.len() > 60_000 {
            problems.push(format!("{rel}: the card weighs {} bytes", bytes.len()));
        }
        if meta(html, "og:image:alt").is_none_or(|a| a.trim().is_empty()) {
            problems.push(format!("{rel}: no og:image:alt"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(cards > 10, "{cards} cards");
    assert!(covers >= 2, "{covers} pages shared with their cover");
}

/// Every character a card of the bundled site shows (page titles, the site's name) is in both
/// embedded faces: a title with a letter they lack would be drawn with a hole.
#[test]
fn card_text_uses_only_letters_the_embedded_font_has() {
    let data: Vec<Vec<u8>> = FONTS
        .iter()
        .map(|f| std::fs::read(repo().join(f)).unwrap())
        .collect();
    let faces: Vec<ttf_parser::Face<'_>> = data
        .iter()
        .map(|d| ttf_parser::Face::parse(d, 0).unwrap())
        .collect();
    let missing = |s: &str| -> Vec<char> {
        let mut out: Vec<char> = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .filter(|&c| faces.iter().any(|f| f.glyph_index(c).is_none()))
            .collect();
        out.dedup();
        out
    };
    // The whole Vietnamese alphabet, both cases.
    let lower =
        "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
    let upper: String = lower.chars().flat_map(char::to_uppercase).collect();
    assert_eq!(missing(lower), Vec::<char>::new());
    assert_eq!(missing(&upper), Vec::<char>::new());
    assert_eq!(
        missing("漢"),
        vec!['漢'],
        "the check itself must see a missing letter"
    );
    let site = crate::identity::served_site();
    let mut problems = Vec::new();
    for (rel, html) in pages(&site.public) {
        for key in ["og:title", "og:site_name", "og:image:alt"] {
            let value = unescape(meta(&html, key).unwrap_or_default());
            let lack = missing(&value);
            if !lack.is_empty() {
                problems.push(format!("{rel}: {key} \"{value}\": no glyph for {lack:?}"));
            }
            // The library's own check agrees.
            assert_eq!(thidua::share::missing_glyphs(&value), lack, "{value}");
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn three_pages() -> TestSite {
    let s = TestSite::new();
    s.page("content/_index.md", "title: \"Trang chủ\"", "");
    s.page("content/tin-tuc/_index.md", "title: \"Tin tức\"", "");
    s.page(
        "content/tin-tuc/mot.md",
        "title: \"Lễ phát động đợt thi đua\"\ndate: 2023-01-05",
        "Nội dung.",
    );
    s
}

/// The verbose line: (drawn, from the cache).
fn share_counts(stdout: &str) -> (usize, usize) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Share images (og:image): "))
        .unwrap_or_else(|| panic!("no share line in:\n{stdout}"));
    let n: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    (n[0], n[1])
}

#[test]
fn an_unchanged_rebuild_or_a_fresh_output_draws_no_card() {
    let s = three_pages();
    // Like photos, cards are kept in the site's cache folder (made by the first build that
    // draws one): drawn once, then taken from the cache.
    assert!(!s.root().join(".thidua").exists());
    let first = s.cli(&["build", "-v"]);
    let (out, err) = text(&first);
    assert!(first.status.success(), "{out}{err}");
    let (drawn, cached) = share_counts(&out);
    assert!(drawn >= 3 && cached == 0, "{out}");
    assert!(s.root().join(".thidua/cache/share").is_dir());
    // A site made by hand (no `thidua init`, no .gitignore) does not commit it by mistake.
    let ignore = std::fs::read_to_string(s.root().join(".thidua/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
    let again = s.cli(&["build", "-v"]);
    assert_eq!(share_counts(&text(&again).0), (0, drawn));
    let fresh = s.cli(&["build", "-v", "-o", "khac"]);
    assert_eq!(share_counts(&text(&fresh).0), (0, drawn));
    // A new title: one new card, the others from the cache.
    s.page(
        "content/tin-tuc/mot.md",
        "title: \"Lễ phát động đợt thi đua (sửa)\"\ndate: 2023-01-05",
        "Nội dung.",
    );
    let edited = s.cli(&["build", "-v"]);
    assert_eq!(share_counts(&text(&edited).0), (1, drawn - 1));
    // Readable by the web server, like every other output.
    #[cfg(unix)]
    for e in std::fs::read_dir(s.public().join("share")).unwrap() {
        use std::os::unix::fs::PermissionsExt;
        let mode = e.unwrap().metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "{mode:o}");
    }
}

/// A 2400×1600 photo: red in its top tenth, blue below.
fn two_bands() -> Vec<u8> {
    let img = image::RgbImage::from_fn(2400, 1600, |_, y| {
        if y < 160 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 40, 220])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn share_of(s: &TestSite, page: &str) -> image::RgbImage {
    let html = s.read(page);
    let url = meta(&html, "og:image").unwrap();
    let rel = url.strip_prefix("https://example.gov.vn/").unwrap();
    assert!(rel.ends_with(".jpg"), "{url}");
    assert_eq!(meta(&html, "og:image:type"), Some("image/jpeg"));
    let bytes = std::fs::read(s.public().join(rel)).unwrap();
    image::load_from_memory(&bytes).unwrap().to_rgb8()
}

#[test]
fn a_cover_is_cropped_to_1200_by_630_around_its_focus() {
    let s = TestSite::new();
    s.write_bytes("content/tin-tuc/dau/anh.png", &two_bands());
    s.write_bytes("content/tin-tuc/giua/anh.png", &two_bands());
    s.page(
        "content/tin-tuc/dau/index.md",
        "title: \"Ảnh từ trên\"\nimage: anh.png\nextra:\n  image_focus: \"50% 0%\"\n  image_alt: \"Hai dải màu\"",
        "",
    );
    s.page(
        "content/tin-tuc/giua/index.md",
        "title: \"Ảnh giữa\"\nimage: anh.png",
        "",
    );
    s.build();
    // The crop keeps the whole width (2400 → 1200): 1260 rows of 1600; from the top, the red
    // tenth (160 rows → 80 px) is in; centred, it starts at row 170, below the red.
    let top = share_of(&s, "tin-tuc/dau/index.html");
    assert_eq!(top.dimensions(), (1200, 630));
    let red = |p: &image::Rgb<u8>| p[0] > 180 && p[2] < 80;
    assert!(red(top.get_pixel(600, 10)) && red(top.get_pixel(600, 70)));
    assert!(!red(top.get_pixel(600, 90)));
    let middle = share_of(&s, "tin-tuc/giua/index.html");
    assert_eq!(middle.dimensions(), (1200, 630));
    assert!(
        !red(middle.get_pixel(600, 2)),
        "{:?}",
        middle.get_pixel(600, 2)
    );
    let html = s.read("tin-tuc/dau/index.html");
    assert_eq!(meta(&html, "og:image:alt"), Some("Hai dải màu"));
    assert_eq!(meta(&html, "og:image:width"), Some("1200"));
    assert_eq!(meta(&html, "twitter:card"), Some("summary_large_image"));
}

#[test]
fn a_missing_cover_or_a_bad_focus_is_a_located_warning_and_the_page_still_has_its_image() {
    let s = TestSite::new();
    s.page(
        "content/tin-tuc/a.md",
        "title: \"A\"\nimage: /anh/khong-co.jpg",
        "",
    );
    s.write_bytes("content/tin-tuc/c/anh.png", &two_bands());
    s.page(
        "content/tin-tuc/c/index.md",
        "title: \"C\"\nimage: anh.png\nextra:\n  image_focus: \"giữa\"",
        "",
    );
    s.write_bytes("content/tin-tuc/d/anh.jpg", b"");
    s.page(
        "content/tin-tuc/d/index.md",
        "title: \"D\"\nimage: anh.jpg",
        "",
    );
    let out = s.cli(&["build"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    let all = format!("{stdout}{stderr}");
    for want in [
        "content/tin-tuc/a.md:3:8: warning: image: the cover image \"/anh/khong-co.jpg\" does not exist (put the photo beside",
        "content/tin-tuc/c/index.md:5:16: warning: image: image_focus: \"giữa\" is not a focus (write two percentages",
    ] {
        assert!(all.contains(want), "missing «{want}» in:\n{all}");
    }
    // A and D (an empty photo file): shared with a card; C: with its cover, cropped around
    // the centre.
    for page in ["tin-tuc/a/index.html", "tin-tuc/d/index.html"] {
        let html = s.read(page);
        assert!(meta(&html, "og:image").unwrap().ends_with(".png"), "{page}");
    }
    let c = share_of(&s, "tin-tuc/c/index.html");
    assert_eq!(c.dimensions(), (1200, 630));
}

#[test]
fn an_unreadable_cover_is_a_located_error_and_nothing_is_written() {
    let s = TestSite::new();
    // A real PNG cut in half (a copy that stopped): its header reads, its pixels do not.
    let png = two_bands();
    s.write_bytes("content/tin-tuc/b/anh.png", &png[..png.len() / 2]);
    s.page(
        "content/tin-tuc/b/index.md",
        "title: \"B\"\nimage: anh.png",
        "",
    );
    let out = s.cli(&["build"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let want = "content/tin-tuc/b/index.md:3:8: image: the cover image content/tin-tuc/b/anh.png cannot be read: ";
    assert!(stderr.contains(want), "missing «{want}» in:\n{stderr}");
    assert!(!s.public().exists(), "a failed build wrote public/");
}

#[test]
fn a_new_site_from_init_has_the_neutral_emblem_and_its_own_cards() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("trang");
    thidua::init::create_site(&root).unwrap();
    let ours = std::fs::read(repo().join("static/emblem.svg")).unwrap();
    for file in ["emblem.svg", "favicon.svg"] {
        let theirs =
            std::fs::read_to_string(root.join("themes/default/static").join(file)).unwrap();
        assert!(!theirs.contains("Lạng Sơn"), "{file}");
        assert_ne!(theirs.as_bytes(), ours.as_slice());
        assert_ne!(
            theirs.as_bytes(),
            std::fs::read(repo().join("static").join(file))
                .unwrap()
                .as_slice(),
            "{file} is the campaign's"
        );
    }
    assert!(!root.join("static").exists());
    let options = thidua::BuildOptions {
        root: root.clone(),
        ..thidua::BuildOptions::default()
    };
    thidua::build(&options).unwrap();
    let public = root.join("public");
    let emblem = std::fs::read_to_string(public.join("emblem.svg")).unwrap();
    assert!(!emblem.contains("Lạng Sơn"));
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    let url = meta(&home, "og:image").unwrap();
    let card = url.strip_prefix("https://example.gov.vn/").unwrap();
    let bytes = std::fs::read(public.join(card)).unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 630));
    assert_eq!(
        meta(&home, "og:image:alt"),
        Some("Trang thông tin đợt thi đua")
    );
    // The bundled site's header shows its own emblem (static/ wins over the theme's).
    let site = crate::identity::served_site();
    let favicon = std::fs::read(site.public.join("favicon.svg")).unwrap();
    assert_eq!(
        favicon,
        std::fs::read(repo().join("static/favicon.svg")).unwrap()
    );
}
