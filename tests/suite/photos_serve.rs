//! `serve` and photos: a phone photo dropped into a page's folder (or replaced there, or
//! dropped into `static/`) is processed alone and only the pages that name it are drawn again,
//! then browsers reload; the other files of the preview are not rewritten.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use thidua::serve::{ServeEvent, ServeOptions, start, watch::Debounce};

use crate::phone_photos;
use crate::support::{TestSite, get};

/// The live-reload event stream, subscribed.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            s,
            "GET /__thidua/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let mut events = Events(BufReader::new(s));
        let mut line = String::new();
        while !line.starts_with("retry: ") {
            line.clear();
            assert!(events.0.read_line(&mut line).unwrap() > 0, "stream closed");
        }
        events
    }

    /// Waits for the next `event: NAME` line; returns NAME.
    fn next(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "stream closed");
            if let Some(ev) = line.trim_end().strip_prefix("event: ") {
                return ev.to_string();
            }
        }
    }
}

fn photo_site() -> TestSite {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "Chào.");
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page(
        "content/tin-tuc/le/index.md",
        "title: \"Lễ trao\"\ndate: 2023-11-20",
        "Buổi lễ.\n\n![Quang cảnh buổi lễ](anh-moi.jpg \"Ảnh minh họa\")\n",
    );
    s.write_bytes(
        "content/tin-tuc/hop/anh.jpg",
        &phone_photos::scene_jpeg(800, 600, 1),
    );
    s.page(
        "content/tin-tuc/hop/index.md",
        "title: \"Hội nghị\"\ndate: 2023-11-10",
        "![Hội trường](anh.jpg)\n\nXem [sơ đồ](/anh/so-do.jpg).\n",
    );
    // The folder photos are dropped into (a new folder is a full build: a folder moved in
    // whole brings its files without an event for each).
    std::fs::create_dir_all(s.root().join("static/anh")).unwrap();
    s.page(
        "content/tin-tuc/khac.md",
        "title: \"Bài khác\"\ndate: 2023-11-01",
        "Không có ảnh.\n",
    );
    s
}

/// Every file of the preview with its modification time.
fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// The files rewritten or added since `before`.
fn touched(dir: &Path, before: &BTreeMap<String, SystemTime>) -> Vec<String> {
    mtimes(dir)
        .into_iter()
        .filter(|(f, t)| before.get(f) != Some(t))
        .map(|(f, _)| f)
        .collect()
}

/// Puts `bytes` at `rel` the way a file manager does: written beside, then renamed in.
fn drop_in(site: &TestSite, rel: &str, bytes: &[u8]) -> Instant {
    let dest = site.root().join(rel);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    let tmp = dest.with_extension("tmp");
    std::fs::write(&tmp, bytes).unwrap();
    let at = Instant::now();
    std::fs::rename(&tmp, &dest).unwrap();
    at
}

#[test]
fn a_dropped_photo_redraws_only_the_pages_that_name_it() {
    let site = photo_site();
    let out: PathBuf = site.root().join("xem-truoc");
    let rebuilt: Arc<Mutex<Vec<usize>>> = Arc::default();
    let seen = Arc::clone(&rebuilt);
    let opts = ServeOptions {
        root: site.root().to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: true,
        future: false,
        output: Some(out.clone()),
        debounce: Debounce {
            quiet: Duration::from_millis(30),
            max_wait: Duration::from_millis(300),
        },
        lang: thidua::messages::Lang::En,
        hosts: Vec::new(),
    };
    let server = start(
        opts,
        Arc::new(move |e| {
            if let ServeEvent::Rebuilt { pages, .. } = e {
                seen.lock().unwrap().push(pages);
            }
        }),
    )
    .unwrap();
    let page = get(server.addr, "/tin-tuc/le/").2;
    assert!(!page.contains("<picture>"), "no photo yet: {page}");
    let before = mtimes(&out);
    let mut events = Events::open(server.addr);

    // A 4000×3000 phone photo that the page already names.
    let dropped = drop_in(
        &site,
        "content/tin-tuc/le/anh-moi.jpg",
        &phone_photos::phone_jpeg(2),
    );
    assert_eq!(events.next(), "reload");
    eprintln!(
        "4000×3000 photo dropped → reload in {} ms",
        dropped.elapsed().as_millis()
    );
    let page = get(server.addr, "/tin-tuc/le/").2;
    assert!(page.contains("/tin-tuc/le/anh-moi-480.webp 480w"), "{page}");
    assert!(
        page.contains("<figcaption>Ảnh minh họa</figcaption>"),
        "{page}"
    );
    assert_eq!(get(server.addr, "/tin-tuc/le/anh-moi-960.webp").0, 200);
    let mut changed = touched(&out, &before);
    changed.retain(|f| !f.starts_with("tin-tuc/le/anh-moi-"));
    assert_eq!(
        changed,
        ["tin-tuc/le/index.html"],
        "only the page is rewritten"
    );
    assert!(rebuilt.lock().unwrap().last().is_some_and(|&n| n < 8));

    // The other post's photo replaced by another one: its page shows the new copies.
    let old_page = get(server.addr, "/tin-tuc/hop/").2;
    let old_webp = get(server.addr, "/tin-tuc/hop/anh-480.webp").2;
    let before = mtimes(&out);
    drop_in(
        &site,
        "content/tin-tuc/hop/anh.jpg",
        &phone_photos::scene_jpeg(1200, 900, 5),
    );
    assert_eq!(events.next(), "reload");
    let page = get(server.addr, "/tin-tuc/hop/").2;
    assert_ne!(page, old_page, "the new photo is wider: more copies");
    assert!(page.contains("anh-960.webp 960w"), "{page}");
    assert_ne!(get(server.addr, "/tin-tuc/hop/anh-480.webp").2, old_webp);
    let mut changed = touched(&out, &before);
    changed.retain(|f| !f.starts_with("tin-tuc/hop/anh-"));
    assert_eq!(changed, ["tin-tuc/hop/index.html"]);

    // A photo dropped into static/ that a page links to: published, without its GPS.
    let before = mtimes(&out);
    drop_in(&site, "static/anh/so-do.jpg", &phone_photos::phone_jpeg(3));
    assert_eq!(events.next(), "reload");
    // (The page links to it: the link leads to a clean full-size copy, without any EXIF.)
    let published = std::fs::read(out.join("anh/so-do.jpg")).unwrap();
    if let Ok(exif) = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&published))
    {
        assert!(
            exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
                .is_none()
        );
    }
    assert!(!published.windows(4).any(|w| w == b"Exif"));
    let mut changed = touched(&out, &before);
    changed.retain(|f| !f.starts_with("anh/so-do"));
    assert!(
        changed.iter().all(|f| f == "tin-tuc/hop/index.html"),
        "{changed:?}"
    );
    server.stop();
}

#[test]
fn a_photo_that_is_a_cover_still_gets_a_full_build() {
    let site = photo_site();
    site.page(
        "content/tin-tuc/le/index.md",
        "title: \"Lễ trao\"\ndate: 2023-11-20\nimage: \"anh-moi.jpg\"",
        "Buổi lễ.\n",
    );
    let opts = ServeOptions {
        root: site.root().to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: true,
        future: false,
        output: None,
        debounce: Debounce::default(),
        lang: thidua::messages::Lang::En,
        hosts: Vec::new(),
    };
    let rebuilt: Arc<Mutex<Vec<usize>>> = Arc::default();
    let seen = Arc::clone(&rebuilt);
    let server = start(
        opts,
        Arc::new(move |e| {
            if let ServeEvent::Rebuilt { pages, .. } = e {
                seen.lock().unwrap().push(pages);
            }
        }),
    )
    .unwrap();
    let mut events = Events::open(server.addr);
    drop_in(
        &site,
        "content/tin-tuc/le/anh-moi.jpg",
        &phone_photos::scene_jpeg(1300, 700, 6),
    );
    assert_eq!(events.next(), "reload");
    // The news list shows the cover now: it was drawn again too.
    let list = get(server.addr, "/tin-tuc/").2;
    assert!(list.contains("/tin-tuc/le/anh-moi-480"), "{list}");
    assert!(rebuilt.lock().unwrap().last().is_some_and(|&n| n >= 5));
    server.stop();
}
