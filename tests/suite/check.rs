//! `thidua check`: anchors, site paths, alt text, descriptions, outside links.

#[cfg(feature = "external-links")]
use std::io::{Read, Write};
#[cfg(feature = "external-links")]
use std::net::TcpListener;

use crate::support::{TestSite, text};

/// A real (tiny) JPEG: thidua reads photos to resize them.
fn jpeg() -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
        .encode(&[90u8; 8 * 8 * 3], 8, 8, image::ExtendedColorType::Rgb8)
        .unwrap();
    jpeg
}

fn site() -> TestSite {
    let s = TestSite::new();
    s.page(
        "content/tin-tuc/_index.md",
        "title: Tin tức\ndescription: Tin",
        "",
    );
    s.page(
        "content/tin-tuc/a.md",
        "title: A\ndescription: Bài A",
        "## Kết quả\n\nNội dung.\n",
    );
    s
}

#[test]
fn missing_anchors_are_errors_with_a_suggestion() {
    let s = site();
    s.page(
        "content/tin-tuc/b.md",
        "title: B\ndescription: Bài B",
        "## Mở đầu\n\nXem [kết quả](@/tin-tuc/a.md#ket-qa) và [đầu bài](#mo-dau) và [sai](#khong-co).\n",
    );
    let out = s.cli(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out).1,
        "content/tin-tuc/b.md:7:5: link: \"@/tin-tuc/a.md\" has no heading with the id \"#ket-qa\" (did you mean \"#ket-qua\"?)\n\
         content/tin-tuc/b.md:7:63: link: \"this page\" has no heading with the id \"#khong-co\" (its headings are \"mo-dau\")\n\
         Check failed: 2 errors, 0 warnings. Nothing was written.\n"
    );
}

#[test]
fn links_to_missing_site_paths_are_errors() {
    let s = site();
    s.page(
        "content/tin-tuc/b.md",
        "title: B\ndescription: Bài B",
        "[cũ](/tin-tuc/khong-co/) và [đúng](/tin-tuc/a/#ket-qua)\n",
    );
    let out = s.cli(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.starts_with(
        "content/tin-tuc/b.md:5:1: link: no page has the address \"/tin-tuc/khong-co/\" (link to the file instead, e.g. [bài](@/tin-tuc/bai-mot.md))\n"
    ), "{}", text(&out).1);
}

#[test]
fn missing_descriptions_and_alt_text_are_warnings() {
    let s = site();
    // Beside the page's address (/tin-tuc/b/), where its relative links lead.
    s.write_bytes("content/tin-tuc/b/anh.jpg", &jpeg());
    s.write_bytes("content/tin-tuc/b/anh2.jpg", &jpeg());
    s.page(
        "content/tin-tuc/b.md",
        "title: B",
        "Ảnh:\n\n![](anh.jpg)\n\n![Lễ trao giấy khen](anh2.jpg)\n",
    );
    let out = s.cli(&["check"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "content/tin-tuc/b.md:2:1: warning: front matter: the page has no \"description\" (add one or two sentences: they show in lists, search results and shared links)\n\
         content/tin-tuc/b.md:6:1: warning: image: the image \"anh.jpg\" has no alt text (describe it between the brackets: ![Lễ trao giấy khen](anh.jpg))\n"
    );
    assert!(stdout.contains("no errors, 2 warnings."), "{stdout}");
}

#[cfg(feature = "external-links")]
/// A tiny HTTP server on loopback: 200 for /ok, 404 for anything else; stops after `n` requests.
fn outside_site(n: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]);
            let status = if req.split_whitespace().nth(1) == Some("/ok") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[cfg(feature = "external-links")]
#[test]
fn external_links_are_checked_when_asked() {
    let s = site();
    let port = outside_site(4);
    s.page(
        "content/tin-tuc/b.md",
        "title: B\ndescription: Bài B",
        &format!("[tốt](http://127.0.0.1:{port}/ok) và [hỏng](http://127.0.0.1:{port}/mat)\n"),
    );
    let out = s.cli(&["check"]);
    assert!(out.status.success());
    assert!(!text(&out).0.contains("other sites"));
    let out = s.cli(&["check", "--external", "--timeout", "5"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "content/tin-tuc/b.md:5:{}: warning: external link: \"http://127.0.0.1:{port}/mat\" answered HTTP 404\n",
            format!("[tốt](http://127.0.0.1:{port}/ok) và ")
                .chars()
                .count()
                + 1
        )
    );
    assert!(
        stdout.contains("Checked 2 links to other sites: 1 broken."),
        "{stdout}"
    );
}

/// Runs `thidua check` in English and in Vietnamese; returns (exit code, English stderr,
/// Vietnamese stderr).
fn check_both(s: &TestSite) -> (Option<i32>, String, String) {
    let en = s.cli(&["--lang", "en", "check"]);
    let vi = s.cli(&["--lang", "vi", "check"]);
    assert_eq!(en.status.code(), vi.status.code());
    (en.status.code(), text(&en).1, text(&vi).1)
}

#[test]
fn missing_linked_files_and_images_are_errors_where_they_are_written() {
    let s = site();
    s.write("content/tin-tuc/bundle/qd-1.pdf", "%PDF");
    s.write_bytes("content/tin-tuc/anh.jpg", &jpeg());
    s.write("static/tai-lieu/ke-hoach.pdf", "%PDF");
    s.page(
        "content/tin-tuc/bundle/index.md",
        "title: Gói\ndescription: Có tệp",
        "[Quyết định](qd-999-qd-vp.pdf) và [có](qd-1.pdf#page=2)\n\n\
         ![ảnh](khong-co.jpg) [tải](/tai-lieu/x.pdf) [kế hoạch](/tai-lieu/ke-hoach.pdf#trang-2)\n",
    );
    s.page(
        "content/tin-tuc/bai.md",
        "title: Bài\ndescription: Bài thường",
        "![Ảnh](anh.jpg) ![Ảnh đúng](../anh.jpg) [Gói](../bundle/qd-1.pdf)\n",
    );
    let (code, en, vi) = check_both(&s);
    assert_eq!(code, Some(1));
    assert_eq!(
        en,
        "content/tin-tuc/bai.md:5:1: image: \"anh.jpg\" leads to /tin-tuc/bai/anh.jpg, where the site has no page or file (did you mean \"../anh.jpg\"?)\n\
         content/tin-tuc/bundle/index.md:5:1: link: \"qd-999-qd-vp.pdf\" leads to /tin-tuc/bundle/qd-999-qd-vp.pdf, where the site has no page or file (put the file in the page's folder or in static/, or correct its name)\n\
         content/tin-tuc/bundle/index.md:7:1: image: \"khong-co.jpg\" leads to /tin-tuc/bundle/khong-co.jpg, where the site has no page or file (put the file in the page's folder or in static/, or correct its name)\n\
         content/tin-tuc/bundle/index.md:7:22: link: no file has the address \"/tai-lieu/x.pdf\" (put the file in the page's folder or in static/, or correct its name)\n\
         Check failed: 4 errors, 0 warnings. Nothing was written.\n"
    );
    assert_eq!(
        vi,
        "content/tin-tuc/bai.md:5:1: image: \"anh.jpg\" dẫn đến /tin-tuc/bai/anh.jpg, nơi website không có trang hay tệp nào (có phải ý bạn là \"../anh.jpg\"?)\n\
         content/tin-tuc/bundle/index.md:5:1: link: \"qd-999-qd-vp.pdf\" dẫn đến /tin-tuc/bundle/qd-999-qd-vp.pdf, nơi website không có trang hay tệp nào (hãy đặt tệp vào thư mục của trang hoặc vào static/, hoặc sửa lại tên tệp)\n\
         content/tin-tuc/bundle/index.md:7:1: image: \"khong-co.jpg\" dẫn đến /tin-tuc/bundle/khong-co.jpg, nơi website không có trang hay tệp nào (hãy đặt tệp vào thư mục của trang hoặc vào static/, hoặc sửa lại tên tệp)\n\
         content/tin-tuc/bundle/index.md:7:22: link: không có tệp nào có địa chỉ \"/tai-lieu/x.pdf\" (hãy đặt tệp vào thư mục của trang hoặc vào static/, hoặc sửa lại tên tệp)\n\
         Kiểm tra thất bại: 4 lỗi, 0 cảnh báo. Không ghi gì cả.\n"
    );
}

#[test]
fn root_links_are_followed_under_the_sites_sub_path() {
    let s = site();
    s.write(
        "site.yaml",
        "title: \"Thử nghiệm\"\nbase_url: \"https://example.gov.vn/5-nam/\"\n",
    );
    s.write_bytes("static/anh/x.jpg", &jpeg());
    s.page(
        "content/tin-tuc/b.md",
        "title: B\ndescription: Bài B",
        "![Ảnh](/anh/x.jpg) ![Ảnh](/5-nam/anh/x.jpg) [A](/tin-tuc/a/) [A](/5-nam/tin-tuc/a/#ket-qua)\n\n\
         [Cổng](/thu-tuc/) [sai](/5-nam/tin-tuc/khong-co/)\n",
    );
    let (code, en, vi) = check_both(&s);
    assert_eq!(code, Some(1));
    assert_eq!(
        en,
        "content/tin-tuc/b.md:7:1: link: \"/thu-tuc/\" leads to /5-nam/thu-tuc/, where the site has no page or file (link to the file instead, e.g. [bài](@/tin-tuc/bai-mot.md))\n\
         content/tin-tuc/b.md:7:19: link: no page has the address \"/5-nam/tin-tuc/khong-co/\" (link to the file instead, e.g. [bài](@/tin-tuc/bai-mot.md))\n\
         Check failed: 2 errors, 0 warnings. Nothing was written.\n"
    );
    assert_eq!(
        vi,
        "content/tin-tuc/b.md:7:1: link: \"/thu-tuc/\" dẫn đến /5-nam/thu-tuc/, nơi website không có trang hay tệp nào (hãy liên kết tới tệp, ví dụ [bài](@/tin-tuc/bai-mot.md))\n\
         content/tin-tuc/b.md:7:19: link: không có trang nào có địa chỉ \"/5-nam/tin-tuc/khong-co/\" (hãy liên kết tới tệp, ví dụ [bài](@/tin-tuc/bai-mot.md))\n\
         Kiểm tra thất bại: 2 lỗi, 0 cảnh báo. Không ghi gì cả.\n"
    );
}

#[test]
fn links_to_drafts_and_scheduled_pages_warn_in_build_check_and_publish() {
    let s = site();
    s.page(
        "content/tin-tuc/nhap.md",
        "title: Nháp\ndescription: d\ndraft: true",
        "",
    );
    s.page(
        "content/tin-tuc/hen.md",
        "title: Hẹn\ndescription: d\ndate: 2099-01-02",
        "",
    );
    s.page(
        "content/tin-tuc/b.md",
        "title: B\ndescription: Bài B",
        "Xem [bản nháp](@/tin-tuc/nhap.md).\n\nVà [bài hẹn](@/tin-tuc/hen.md).\n",
    );
    let warnings = "content/tin-tuc/b.md:5:5: warning: link: page \"tin-tuc/nhap.md\" is a draft, so this link leads nowhere (\"#\") until it is published\n\
         content/tin-tuc/b.md:7:4: warning: link: page \"tin-tuc/hen.md\" is scheduled for 2099-01-02T00:00:00+07:00, so this link leads nowhere (\"#\") until then\n";
    let build = s.cli(&["--lang", "en", "build"]);
    assert!(build.status.success());
    assert!(text(&build).1.starts_with(warnings), "{}", text(&build).1);
    let check = s.cli(&["--lang", "en", "check"]);
    assert_eq!(text(&check).1, warnings);
    assert!(text(&check).0.contains(
        "content/tin-tuc/hen.md: scheduled for 2099-01-02T00:00:00+07:00, left out until then"
    ));
    let zip = tempfile::tempdir().unwrap();
    let zip = zip.path().join("site.zip");
    let publish = s.cli(&["--lang", "en", "publish", "--zip", zip.to_str().unwrap()]);
    assert!(publish.status.success(), "{}", text(&publish).1);
    assert_eq!(text(&publish).1, warnings);
    let vi = s.cli(&["--lang", "vi", "check"]);
    assert_eq!(
        text(&vi).1,
        "content/tin-tuc/b.md:5:5: cảnh báo: link: trang \"tin-tuc/nhap.md\" là bản nháp, nên liên kết này chưa dẫn đến đâu (\"#\") cho đến khi trang được đăng\n\
         content/tin-tuc/b.md:7:4: cảnh báo: link: trang \"tin-tuc/hen.md\" được hẹn đăng vào 2099-01-02T00:00:00+07:00, nên liên kết này chưa dẫn đến đâu (\"#\") cho đến lúc đó\n"
    );
}

#[test]
fn sections_whose_pages_are_all_left_out_warn_in_check_and_verbose_builds() {
    let s = site();
    s.page(
        "content/thong-bao/_index.md",
        "title: Thông báo\ndescription: d",
        "",
    );
    s.page(
        "content/thong-bao/mot.md",
        "title: Một\ndescription: d\ndraft: true",
        "",
    );
    s.page(
        "content/thong-bao/hai/index.md",
        "title: Hai\ndescription: d\ndate: 2099-01-01",
        "",
    );
    // A section without pages is a page of its own, not an empty list.
    s.page(
        "content/lien-he/_index.md",
        "title: Liên hệ\ndescription: d",
        "Gọi.\n",
    );
    let warning = "content/thong-bao/_index.md: warning: section: the section \"Thông báo\" has no published pages: every page in it is a draft or scheduled for later (its list page is published empty; publish a page in it, or leave it out of the menu until then)\n";
    let (code, en, vi) = check_both(&s);
    assert_eq!(code, Some(0));
    assert_eq!(en, warning);
    assert_eq!(
        vi,
        "content/thong-bao/_index.md: cảnh báo: section: mục \"Thông báo\" chưa có trang nào được đăng: mọi trang trong mục đều là bản nháp hoặc hẹn đăng sau (trang danh sách của mục vẫn được đăng nhưng trống; hãy đăng một trang trong mục, hoặc tạm bỏ mục khỏi menu)\n"
    );
    let quiet = s.cli(&["--lang", "en", "build"]);
    assert_eq!(
        text(&quiet).1,
        "1 scheduled page left out until their date (thidua check lists them)\n"
    );
    let verbose = s.cli(&["--lang", "en", "build", "-v"]);
    assert_eq!(text(&verbose).1, warning);
    assert!(s.public().join("thong-bao/index.html").exists());
}

#[cfg(not(feature = "external-links"))]
#[test]
fn external_links_need_the_feature() {
    let s = site();
    for (lang, message) in [
        (
            "en",
            "error: this copy of thidua cannot check links to other sites (it was built without the \"external-links\" feature): run thidua check without --external, or use a release download\n",
        ),
        (
            "vi",
            "lỗi: bản thidua này không kiểm tra được liên kết đến website khác (nó được dựng không có tính năng \"external-links\"): hãy chạy thidua check không kèm --external, hoặc dùng bản tải về chính thức\n",
        ),
    ] {
        let out = s.cli(&["--lang", lang, "check", "--external"]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(text(&out).1, message);
    }
}
