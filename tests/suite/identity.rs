//! The campaign's identity in the bundled site (content/ + themes/default/): the self-hosted web
//! font (Noto Sans, subset to Latin and Vietnamese: tools/subset-fonts.sh), the emblem (the
//! site's static/, drawn by tools/identity.py) and the share preview (og:image, drawn at build
//! time: tests/suite/share.rs), on every page.
//!
//! The site is built once per test process under the `/5-nam/` sub-path it is published
//! under, and served on 127.0.0.1 (a free port). The browser test needs node and Debian's
//! chromium, and skips through `support::skip` without them (fails with `CI=true`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const CHROMIUM: &str = "/usr/bin/chromium";
const FONT_CHECK: &str = "tests/tools/font-check.mjs";
/// Letters that fonts without Vietnamese lack (Liberation Sans has none of them).
const PROBE: &str = "Kết quả thực hiện: ế ả ự đ Ư ơ ĩ ũ ẫ ỹ";

pub(crate) struct Served {
    pub public: PathBuf,
    /// `http://127.0.0.1:PORT/5-nam/`: the base_url it was built with and where it is served.
    pub base: String,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled site, built with base_url `http://127.0.0.1:PORT/5-nam/` and served there.
pub(crate) fn served_site() -> &'static Served {
    static SITE: OnceLock<Served> = OnceLock::new();
    SITE.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local addr").port();
        let base = format!("http://127.0.0.1:{port}/5-nam/");
        let public = crate::support::process_dir("identity-site").join("public");
        let options = thidua::BuildOptions {
            root: repo().to_path_buf(),
            output: Some(public.clone()),
            base_url: Some(base.clone()),
            ..thidua::BuildOptions::default()
        };
        if let Err(e) = thidua::build(&options) {
            panic!("the bundled site does not build: {e}");
        }
        crate::quality::serve_folder(listener, public.clone(), "/5-nam/");
        Served { public, base }
    })
}

/// Every .html page of the built site but alias redirects: (path under public/, text).
fn pages(public: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(public)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .filter(|(_, html)| !html.contains("http-equiv=\"refresh\""))
        .collect();
    out.sort();
    out
}

/// The `content` of `<meta property|name="key" content="…">`, each time it occurs.
fn meta<'a>(html: &'a str, key: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    for attr in ["property", "name"] {
        let needle = format!("<meta {attr}=\"{key}\" content=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i + needle.len()..];
            found.push(&rest[..rest.find('"').unwrap()]);
        }
    }
    found
}

/// The width and height a PNG file's IHDR chunk gives, or why the file is not a PNG.
fn png_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return Err("not a PNG file (no signature and IHDR chunk)".into());
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Ok((be(&bytes[16..20]), be(&bytes[20..24])))
}

#[test]
fn png_size_reads_the_header() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&1200u32.to_be_bytes());
    png.extend_from_slice(&630u32.to_be_bytes());
    assert_eq!(png_size(&png), Ok((1200, 630)));
    assert!(png_size(b"GIF89a......................").is_err());
}

#[test]
fn every_page_loads_the_web_font_from_the_site_itself() {
    let site = served_site();
    let all = pages(&site.public);
    assert!(all.len() > 20, "only {} pages", all.len());
    let preload = "<link rel=\"preload\" href=\"/5-nam/fonts/noto-sans-regular.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>";
    let mut problems = Vec::new();
    for (rel, html) in &all {
        let head = &html[..html.find("</head>").unwrap_or(html.len())];
        if !head.contains(preload) {
            problems.push(format!("{rel}: no preload of the regular face ({preload})"));
        }
        if !head.contains("<link rel=\"stylesheet\" href=\"/5-nam/fonts/fonts.") {
            problems.push(format!(
                "{rel}: fonts/fonts.css is not linked from the site"
            ));
        }
        for bad in ["fonts.googleapis", "fonts.gstatic", "@import", "url(http"] {
            if html.contains(bad) {
                problems.push(format!("{rel}: names {bad}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The stylesheet the pages link (fingerprinted) declares the faces, from files of the site.
    let css_name = all[0].1.split("href=\"/5-nam/fonts/fonts.").nth(1).unwrap();
    let css_name = format!("fonts/fonts.{}", &css_name[..css_name.find('"').unwrap()]);
    let css = std::fs::read_to_string(site.public.join(&css_name)).unwrap();
    assert_eq!(css.matches("@font-face").count(), 3, "{css}");
    assert_eq!(css.matches("font-display: swap").count(), 3, "{css}");
    for face in ["regular", "bold", "italic"] {
        // Beside the stylesheet: fonts/noto-sans-….woff2.
        let src = format!("url(\"noto-sans-{face}.woff2\") format(\"woff2\")");
        assert!(css.contains(&src), "{css_name} lacks {src}");
        let file = site.public.join(format!("fonts/noto-sans-{face}.woff2"));
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(&bytes[..4], b"wOF2", "{} is not WOFF2", file.display());
        assert!(
            bytes.len() < 40_000,
            "{}: {} bytes, not a subset",
            file.display(),
            bytes.len()
        );
    }
    let licence = std::fs::read_to_string(site.public.join("fonts/LICENSE")).unwrap();
    assert!(licence.contains("SIL Open Font License, Version 1.1"));
    assert!(licence.contains("PERMISSION & CONDITIONS"));
}

#[test]
fn every_page_has_a_share_image_of_1200_by_630() {
    // The image itself (decoded, glyphs, covers, cache) is tests/suite/share.rs's; here, the tags.
    let site = served_site();
    let mut problems = Vec::new();
    for (rel, html) in pages(&site.public) {
        let images = meta(&html, "og:image");
        let [image] = images.as_slice() else {
            problems.push(format!("{rel}: {} og:image tags", images.len()));
            continue;
        };
        let Some(file) = image.strip_prefix(&site.base) else {
            problems.push(format!(
                "{rel}: og:image {image} is not an absolute URL of the site"
            ));
            continue;
        };
        let card = file.ends_with(".png");
        match std::fs::read(site.public.join(file)) {
            Err(e) => problems.push(format!("{rel}: og:image {image}: {e}")),
            Ok(bytes) if card => match png_size(&bytes) {
                Ok((1200, 630)) => {}
                Ok((w, h)) => problems.push(format!("{rel}: og:image is {w}×{h}, not 1200×630")),
                Err(e) => problems.push(format!("{rel}: og:image {image}: {e}")),
            },
            Ok(bytes) if bytes.starts_with(b"\xff\xd8\xff") => {}
            Ok(_) => problems.push(format!("{rel}: og:image {image} is neither PNG nor JPEG")),
        }
        for (key, want) in [
            ("og:image:width", "1200"),
            ("og:image:height", "630"),
            ("twitter:card", "summary_large_image"),
        ] {
            if meta(&html, key) != [want] {
                problems.push(format!(
                    "{rel}: {key} is {:?}, not {want}",
                    meta(&html, key)
                ));
            }
        }
        // A card names the site; a cover says what the photo shows.
        match meta(&html, "og:image:alt").as_slice() {
            [alt] if !card || alt.contains("Lạng Sơn") => {}
            other => problems.push(format!("{rel}: og:image:alt {other:?}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_emblem_and_favicon_are_drawn_without_fonts() {
    // Letters are outlines: the SVGs look the same where no font is installed.
    let site = served_site();
    for file in ["emblem.svg", "favicon.svg"] {
        let svg = std::fs::read_to_string(site.public.join(file)).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{file}"
        );
        assert!(!svg.contains("<text"), "{file} has <text>");
        assert!(
            svg.contains("#f5c542") && svg.contains("#7d1013"),
            "{file}: not the campaign's colours"
        );
    }
    let home = std::fs::read_to_string(site.public.join("index.html")).unwrap();
    assert!(
        home.contains("<link rel=\"icon\" href=\"/5-nam/favicon.svg\" type=\"image/svg+xml\">")
    );
}

#[derive(serde::Deserialize)]
struct FontReport {
    ok: bool,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    pages: Vec<FontPage>,
}

#[derive(serde::Deserialize)]
struct FontPage {
    url: String,
    origin: String,
    font_files: Vec<String>,
    probe: Vec<PlatformFont>,
    text: Vec<TextFonts>,
}

#[derive(serde::Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct PlatformFont {
    family_name: String,
    is_custom_font: bool,
    glyph_count: u32,
}

#[derive(serde::Deserialize)]
struct TextFonts {
    selector: String,
    fonts: Vec<PlatformFont>,
}

/// The web font (and nothing else) draws the page's text in chromium, Vietnamese letters too.
#[test]
fn chromium_draws_the_text_with_the_web_font() {
    if !(crate::quality::require("node") && crate::quality::require("chromium")) {
        return;
    }
    let site = served_site();
    let urls: Vec<String> = ["", "ket-qua/", "khen-thuong/"]
        .iter()
        .map(|p| format!("{}{p}", site.base))
        .collect();
    let job = serde_json::json!({
        "chromium": CHROMIUM, "timeout_ms": 120_000, "probe": PROBE, "pages": urls,
    });
    let out = Command::new("node")
        .arg(FONT_CHECK)
        .arg(job.to_string())
        .current_dir(repo())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: FontReport = serde_json::from_str(stdout.lines().last().unwrap_or(""))
        .unwrap_or_else(|e| {
            panic!(
                "font-check printed no result ({e}): {stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    assert!(report.ok, "font-check failed: {:?}", report.error);
    assert_eq!(report.pages.len(), urls.len());
    let letters = PROBE.chars().count() as u32;
    for page in &report.pages {
        let regular = format!("{}/5-nam/fonts/noto-sans-regular.woff2", page.origin);
        assert!(
            page.font_files.contains(&regular),
            "{}: the regular face was not fetched from the site: {:?}",
            page.url,
            page.font_files
        );
        for f in &page.font_files {
            assert!(
                f.starts_with(&page.origin),
                "{}: a font from elsewhere: {f}",
                page.url
            );
        }
        // The probe line is drawn by the web font alone, every letter of it.
        match page.probe.as_slice() {
            [f] if f.family_name == "Noto Sans" && f.is_custom_font && f.glyph_count == letters => {
            }
            other => panic!(
                "{}: the Vietnamese probe line is drawn with {other:?}",
                page.url
            ),
        }
        assert!(page.text.len() > 3, "{}: too few text elements", page.url);
        for t in &page.text {
            for f in &t.fonts {
                // Symbols the font has not (★ ✓ ≥ →) may come from a fallback; letters may not.
                let ours = f.family_name == "Noto Sans" && f.is_custom_font;
                assert!(
                    ours || f.glyph_count <= 2,
                    "{}: {} draws {} glyphs with {} (custom: {})",
                    page.url,
                    t.selector,
                    f.glyph_count,
                    f.family_name,
                    f.is_custom_font
                );
            }
        }
    }
}
