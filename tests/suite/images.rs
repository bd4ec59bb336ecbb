//! Photos (issue 16): phone photos in a page bundle come out resized, upright, in WebP with a
//! JPEG fallback, without GPS or camera details, without the originals, light on a phone, and
//! cached; broken files are located errors; a site under a sub-path has no broken image.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{TestSite, text};

use crate::phone_photos;

/// Five phone photos in one post, the first two with captions; `base` is the site's URL.
fn photo_site(base: &str) -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        &format!("title: \"Thử nghiệm\"\nbase_url: \"{base}\"\n"),
    );
    let mut body = String::from("Lễ trao Giấy khen năm 2023.\n\n");
    for i in 1..=5u32 {
        site.write_bytes(
            &format!("content/tin-tuc/le-trao/anh-{i}.jpg"),
            &phone_photos::phone_jpeg(i),
        );
        let title = if i <= 2 {
            format!(" \"Ảnh {i}: quang cảnh buổi lễ\"")
        } else {
            String::new()
        };
        body.push_str(&format!(
            "![Quang cảnh lễ trao, ảnh {i}](anh-{i}.jpg{title})\n\n"
        ));
    }
    body.push_str("[Tải ảnh gốc](anh-1.jpg)\n");
    site.page(
        "content/tin-tuc/le-trao/index.md",
        "title: \"Lễ trao Giấy khen\"\ndate: \"2023-11-20\"\ndescription: \"Hình ảnh.\"\nimage: \"anh-2.jpg\"",
        &body,
    );
    site
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn verbose_photos(out: &std::process::Output) -> String {
    let (stdout, stderr) = text(out);
    assert!(out.status.success(), "build failed:\n{stdout}{stderr}");
    stdout
        .lines()
        .find(|l| l.starts_with("Photos: "))
        .unwrap_or_else(|| panic!("no Photos line in:\n{stdout}"))
        .to_string()
}

#[test]
fn phone_photos_come_out_small_upright_clean_and_cached() {
    let site = photo_site("https://example.gov.vn/");
    let started = std::time::Instant::now();
    let first = site.cli(&["build", "-v"]);
    let first_time = started.elapsed();
    assert_eq!(
        verbose_photos(&first),
        "Photos: 5 processed, 0 from the cache"
    );
    let public = site.public();
    let dir = public.join("tin-tuc/le-trao");
    // No original: only the clean download copy of anh-1 has its name, and nothing else is
    // as large as a phone photo.
    let originals: Vec<Vec<u8>> = (1..=5u32).map(phone_photos::phone_jpeg).collect();
    for f in files_under(&public) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            !originals.contains(&bytes),
            "{} is an original",
            f.display()
        );
        if name.ends_with(".jpg") || name.ends_with(".webp") {
            // No EXIF at all, or none with a place or a camera.
            if let Ok(exif) = exif::Reader::new().read_from_container(&mut std::io::BufReader::new(
                std::fs::File::open(&f).unwrap(),
            )) {
                for field in exif.fields() {
                    let tag = field.tag;
                    assert!(
                        tag.context() != exif::Context::Gps
                            && tag != exif::Tag::Make
                            && tag != exif::Tag::Model,
                        "{} carries {tag}",
                        f.display()
                    );
                }
            }
        }
    }
    for i in 2..=5u32 {
        assert!(
            !dir.join(format!("anh-{i}.jpg")).exists(),
            "original anh-{i}.jpg published"
        );
    }
    // The copies: three widths, WebP and JPEG; the photo was held upright, so it is portrait.
    for w in [480, 960, 1600] {
        for ext in ["webp", "jpg"] {
            let f = dir.join(format!("anh-3-{w}.{ext}"));
            let img = image::open(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            assert_eq!(img.width(), w);
            assert!(
                img.height() > img.width(),
                "{} is not portrait",
                f.display()
            );
        }
    }
    let download = image::open(dir.join("anh-1.jpg")).unwrap();
    assert_eq!((download.width(), download.height()), (3000, 4000));
    // The page: figures with srcset, sizes, width/height, lazy after the first.
    let html = site.read("tin-tuc/le-trao/index.html");
    let figures: Vec<&str> = html.split("<figure class=\"anh\">").skip(1).collect();
    assert_eq!(figures.len(), 5, "{html}");
    for (i, f) in figures.iter().enumerate() {
        let f = &f[..f.find("</figure>").unwrap()];
        let n = i + 1;
        assert!(
            f.contains(&format!("<source type=\"image/webp\" srcset=\"/tin-tuc/le-trao/anh-{n}-480.webp 480w, /tin-tuc/le-trao/anh-{n}-960.webp 960w, /tin-tuc/le-trao/anh-{n}-1600.webp 1600w\" sizes=\"")),
            "{f}"
        );
        assert!(f.contains(&format!("<img src=\"/tin-tuc/le-trao/anh-{n}-960.jpg\" srcset=\"/tin-tuc/le-trao/anh-{n}-480.jpg 480w,")), "{f}");
        assert!(f.contains(" width=\"960\" height=\"1280\""), "{f}");
        assert!(f.contains(" decoding=\"async\""), "{f}");
        assert!(
            f.contains(&format!("alt=\"Quang cảnh lễ trao, ảnh {n}\"")),
            "{f}"
        );
        assert_eq!(f.contains("loading=\"lazy\""), n > 1, "{f}");
        assert_eq!(
            f.contains(&format!(
                "<figcaption>Ảnh {n}: quang cảnh buổi lễ</figcaption>"
            )),
            n <= 2,
            "{f}"
        );
    }
    assert!(!html.contains("<p><figure"), "a figure inside a paragraph");
    assert!(html.contains("<a href=\"/tin-tuc/le-trao/anh-1.jpg\">Tải ảnh gốc</a>"));

    // Again: nothing re-encoded, and no faster than it should be.
    let started = std::time::Instant::now();
    let second = site.cli(&["build", "-v"]);
    let second_time = started.elapsed();
    assert_eq!(
        verbose_photos(&second),
        "Photos: 0 processed, 5 from the cache"
    );
    // A fresh build into an empty output reuses the cache too.
    let fresh = site.root().join("other-output");
    let third = site.cli(&["build", "-v", "--output", fresh.to_str().unwrap()]);
    assert_eq!(
        verbose_photos(&third),
        "Photos: 0 processed, 5 from the cache"
    );
    assert!(fresh.join("tin-tuc/le-trao/anh-5-1600.webp").is_file());
    eprintln!("first build {first_time:?}, cached rebuild {second_time:?}");
    assert!(
        second_time < first_time,
        "{second_time:?} vs {first_time:?}"
    );
}

/// The images a page makes a phone (375 px) download, through tests/tools/image-bytes.mjs.
fn phone_downloads(url: &str) -> serde_json::Value {
    let job = serde_json::json!({ "chromium": "/usr/bin/chromium", "url": url, "width": 375, "height": 812, "scale": 2 });
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new("node")
        .arg(repo.join("tests/tools/image-bytes.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node");
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(job.to_string().as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or("");
    let v: serde_json::Value = serde_json::from_str(last).unwrap_or_else(|e| {
        panic!(
            "image-bytes: {e}\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(v["ok"], true, "{v}");
    v
}

/// Serves `public` under `prefix` on a free local port: the site's address.
fn serve(public: PathBuf, prefix: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    crate::quality::serve_folder(listener, public, prefix);
    format!("http://127.0.0.1:{port}{prefix}")
}

#[test]
fn five_phone_photos_weigh_under_400_kb_on_a_phone() {
    if !crate::quality::require("node") || !crate::quality::require("chromium") {
        return;
    }
    let site = photo_site("https://example.gov.vn/");
    let out = site.cli(&["build"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let base = serve(site.public(), "/");
    let v = phone_downloads(&format!("{base}tin-tuc/le-trao/"));
    let images = v["images"].as_array().unwrap();
    let photos: Vec<&serde_json::Value> = images
        .iter()
        .filter(|i| i["url"].as_str().unwrap().contains("/le-trao/anh-"))
        .collect();
    assert_eq!(photos.len(), 5, "{v}");
    let total: u64 = images
        .iter()
        .map(|i| i["bytes"].as_f64().unwrap() as u64)
        .sum();
    eprintln!("images fetched at 375 px: {total} bytes: {v}");
    assert!(total < 400_000, "{total} bytes of images: {v}");
    for p in &photos {
        assert!(p["url"].as_str().unwrap().ends_with(".webp"), "{p}");
    }
    assert!(v["http_errors"].as_array().unwrap().is_empty(), "{v}");
}

#[test]
fn a_site_under_a_sub_path_has_no_broken_image_or_link() {
    if !crate::quality::require("node") || !crate::quality::require("chromium") {
        return;
    }
    let site = photo_site("https://example.gov.vn/");
    site.write_bytes(
        "static/anh/toan-canh.jpg",
        &phone_photos::with_exif(
            &phone_photos::scene_jpeg(1200, 800, 9),
            &phone_photos::phone_exif(1),
        ),
    );
    site.page(
        "content/gioi-thieu.md",
        "title: \"Giới thiệu\"\ndescription: \"Giới thiệu.\"",
        "![Toàn cảnh Trung tâm](/5-nam/anh/toan-canh.jpg)\n\nXem [tin tức](/5-nam/tin-tuc/le-trao/) và [trang chủ](/5-nam/).\n",
    );
    let out = site.cli(&["build", "--base-url", "https://example.gov.vn/5-nam/"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let html = site.read("gioi-thieu/index.html");
    assert!(
        html.contains("srcset=\"/5-nam/anh/toan-canh-480.webp 480w"),
        "{html}"
    );
    assert!(html.contains("href=\"/5-nam/tin-tuc/le-trao/\""), "{html}");
    let base = serve(site.public(), "/5-nam/");
    for page in ["gioi-thieu/", "tin-tuc/le-trao/"] {
        let v = phone_downloads(&format!("{base}{page}"));
        assert!(
            v["http_errors"].as_array().unwrap().is_empty(),
            "{page}: {v}"
        );
        let images = v["images"].as_array().unwrap();
        assert!(!images.is_empty(), "{page}: {v}");
        assert!(images.iter().all(|i| i["status"] == 200), "{page}: {v}");
    }
    // Every address a page of the site names under the site's root is there.
    for f in files_under(&site.public())
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(f).unwrap();
        for attr in ["src=\"/", "href=\"/", "srcset=\"/"] {
            for part in html.split(attr).skip(1) {
                let url = format!("/{}", &part[..part.find('"').unwrap()]);
                let url = url.split([' ', '#', '?']).next().unwrap();
                assert!(url.starts_with("/5-nam/"), "{}: {url}", f.display());
                let rel = url.trim_start_matches("/5-nam/");
                let path = site.public().join(rel);
                assert!(
                    path.is_file() || path.join("index.html").is_file(),
                    "{}: {url} is not in public/",
                    f.display()
                );
            }
        }
    }
}

/// A CRC-32 (for the PNG chunks written below).
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// A 1 MB PNG that claims 100,000 × 100,000 pixels (30 GB decoded).
fn png_bomb() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    let mut idat = vec![0x78, 0x01];
    idat.resize(1_000_000, 0);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn broken_photos_are_located_errors_in_both_languages() {
    let site = TestSite::new();
    let photo = phone_photos::scene_jpeg(800, 600, 3);
    site.write_bytes("content/tin-tuc/a/bom.png", &png_bomb());
    site.write_bytes("content/tin-tuc/a/cut.jpg", &photo[..photo.len() / 2]);
    site.write("content/tin-tuc/a/notes.png", "not a picture");
    site.page(
        "content/tin-tuc/a/index.md",
        "title: \"A\"\ndate: \"2023-11-20\"",
        "Ảnh:\n\n![Bom](bom.png)\n\n![Cắt](cut.jpg)\n\n![Chữ](notes.png)\n",
    );
    let out = site.cli(&["build"]);
    let (stdout, stderr) = text(&out);
    assert!(!out.status.success());
    let all = format!("{stdout}{stderr}");
    for line in [
        "content/tin-tuc/a/index.md:7:1: image: the image claims to be 100000 × 100000 pixels, more than thidua accepts (at most 20000 pixels a side and 100 megapixels): the file is damaged or made to exhaust memory",
        "content/tin-tuc/a/index.md:9:1: image: the image file is cut short (the picture is incomplete): copy it again from the phone or camera",
        "content/tin-tuc/a/index.md:11:1: image: this file is not an image thidua can use (use JPEG, PNG or WebP)",
    ] {
        assert!(
            all.lines().any(|l| l == line),
            "expected\n  {line}\nin:\n{all}"
        );
    }
    assert!(!site.public().exists(), "a failed build wrote public/");
    let vi = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["build"])
        .current_dir(site.root())
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap();
    let (o, e) = text(&vi);
    let all = format!("{o}{e}");
    assert!(all.contains("tệp ảnh bị cắt cụt"), "{all}");
}
