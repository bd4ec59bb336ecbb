//! The bundled site on a phone (375×812 CSS px, Chromium's mobile emulation): every page laid
//! out without text squeezed to a few letters per line and without sideways scrolling, and the
//! home page short enough to read through (at most six screens).
//!
//! One browser run measures every built page (tests/tools/browser-check.mjs with
//! `measure_layout`); the tests below judge its results. Needs the tools of the quality tests
//! (node, Debian's chromium, tests/tools/node_modules) and skips without them, as they do.

use std::sync::OnceLock;

use crate::quality::{self, Layout, PageJob};

const WIDTH: u32 = 375;
const HEIGHT: u32 = 812;
/// The home page's budget, in phone screens.
const HOME_SCREENS: f64 = 6.0;

/// One measured page: its path (`/ket-qua/`) and layout.
struct Measured {
    name: String,
    layout: Layout,
}

/// Every page of the built site measured at 375 px, once per test process; a page that could
/// not be measured is an error string.
fn measured() -> &'static [Result<Measured, String>] {
    static PAGES: OnceLock<Vec<Result<Measured, String>>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let site = quality::site();
        let jobs: Vec<PageJob> = quality::html_files(&site.public)
            .iter()
            .map(|file| {
                let rel = quality::rel_path(&site.public, file).replace('\\', "/");
                let rel = rel.strip_suffix("index.html").unwrap_or(&rel).to_owned();
                PageJob {
                    url: site.url(&rel),
                    width: WIDTH,
                    height: HEIGHT,
                    screenshot_path: None,
                    run_axe: false,
                    measure_layout: true,
                    pdf_path: None,
                }
            })
            .collect();
        assert!(jobs.len() >= 20, "only {} pages were built", jobs.len());
        quality::browse(&jobs)
            .pages
            .into_iter()
            .map(|p| {
                let name = quality::page_name(site, &p.url);
                match (p.error, p.layout) {
                    (Some(e), _) => Err(format!("{name}: could not be measured: {e}")),
                    (None, None) => Err(format!("{name}: no layout was measured")),
                    (None, Some(layout)) => Ok(Measured { name, layout }),
                }
            })
            .collect()
    })
}

fn screens(layout: &Layout) -> f64 {
    layout.document_height / f64::from(HEIGHT)
}

#[test]
fn no_page_squeezes_text_or_scrolls_sideways_on_a_phone() {
    if !quality::require_browser() {
        return;
    }
    let mut problems = Vec::new();
    for page in measured() {
        let page = match page {
            Ok(p) => p,
            Err(e) => {
                problems.push(e.clone());
                continue;
            }
        };
        let l = &page.layout;
        eprintln!("{:<55} {:>5.1} phone screens", page.name, screens(l));
        for s in &l.squeezed {
            problems.push(format!(
                "{}: \"{}\" is squeezed into {} px ({})",
                page.name, s.text, s.width, s.selector
            ));
        }
        if l.scroll_width > l.viewport_width {
            let culprits: Vec<String> = l
                .wide
                .iter()
                .map(|w| format!("\n      {} reaches {} px", w.selector, w.right))
                .collect();
            problems.push(format!(
                "{}: the page is {} px wide on a {} px screen (it scrolls sideways){}",
                page.name,
                l.scroll_width,
                l.viewport_width,
                culprits.concat()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) at {WIDTH} px (every text of more than 8 characters must be at least 60 px \
         wide, and no page wider than the screen):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn the_home_page_is_at_most_six_phone_screens() {
    if !quality::require_browser() {
        return;
    }
    let site = quality::site();
    let home_name = quality::page_name(site, &site.url(""));
    let home = measured()
        .iter()
        .flatten()
        .find(|p| p.name == home_name)
        .unwrap_or_else(|| panic!("the home page ({home_name}) was not measured"));
    let n = screens(&home.layout);
    eprintln!(
        "home: {:.0} px, {n:.1} phone screens",
        home.layout.document_height
    );
    assert!(
        n <= HOME_SCREENS,
        "the home page is {:.0} px high at {WIDTH} px: {n:.1} phone screens of {HEIGHT} px, more than {HOME_SCREENS}",
        home.layout.document_height
    );
}

/// Khen thưởng's budget, in phone screens: a short card per person (name, position, unit), the
/// citation behind a disclosure.
const HONOURS_SCREENS: f64 = 7.0;

#[test]
fn the_honours_page_is_a_short_list_on_a_phone() {
    let site = quality::site();
    let html = std::fs::read_to_string(site.public.join("khen-thuong/index.html")).expect("page");
    assert_eq!(
        html.matches(r#"<details class="honour-more">"#).count(),
        10,
        "one citation disclosure per honouree:\n{html}"
    );
    if !quality::require_browser() {
        return;
    }
    let name = quality::page_name(site, &site.url("khen-thuong/"));
    let page = measured()
        .iter()
        .flatten()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} was not measured"));
    let n = screens(&page.layout);
    eprintln!("khen-thuong: {n:.1} phone screens");
    assert!(
        n <= HONOURS_SCREENS,
        "Khen thưởng is {n:.1} phone screens at {WIDTH} px, more than {HONOURS_SCREENS}"
    );
}

// ---------------------------------------------------------------------------------------------
// What a visitor reads on these pages (no browser needed)
// ---------------------------------------------------------------------------------------------

const DECISION: &str = "schema_version: 1\nsample: true\ndecisions:\n  - id: qd-1\n    so_ky_hieu: \"999/QĐ-VP\"\n    ngay_ban_hanh: \"2023-11-15\"\n    co_quan_ban_hanh: \"Văn phòng UBND tỉnh Lạng Sơn\"\n    nguoi_ky_chuc_danh: \"Chánh Văn phòng UBND tỉnh Lạng Sơn\"\n    trich_yeu: \"Về việc tặng Giấy khen cho các cá nhân\"\n    hinh_thuc: giay-khen\nenums:\n  hinh_thuc:\n    giay-khen: \"Giấy khen\"\n    bang-khen: \"Bằng khen\"\nhonourees:\n  - {id: a, decision: qd-1, stt: 1, loai: ca-nhan, ho_ten: \"Nguyễn Văn A\", don_vi: x, thanh_tich: \"Hoàn thành xuất sắc\", hinh_thuc: giay-khen}\n  - {id: b, decision: qd-1, stt: 2, loai: ca-nhan, ho_ten: \"Trần Thị B\", don_vi: x, thanh_tich: \"Hoàn thành xuất sắc\", hinh_thuc: giay-khen}\n";

fn honours_site(honourees: &str) -> crate::support::TestSite {
    let s = crate::support::TestSite::new();
    s.write("content/_data/honourees.yaml", honourees);
    s.page(
        "content/khen-thuong/_index.md",
        "title: Khen thưởng\ntemplate: honourees.html",
        "",
    );
    s.build();
    s
}

/// The visible text of an HTML fragment: tags removed, whitespace collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `<main>` of a built page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>");
    &html[start..end]
}

#[test]
fn honours_say_who_is_awarded_which_award_and_who_gives_it() {
    let s = honours_site(DECISION);
    let page = text_of(main_of(&s.read("khen-thuong/index.html")));
    for expected in [
        "Giấy khen của Chánh Văn phòng UBND tỉnh Lạng Sơn",
        "Hình thức khen thưởng Giấy khen",
        "Thẩm quyền khen thưởng Chánh Văn phòng UBND tỉnh Lạng Sơn",
        "Đối tượng được khen thưởng 2 cá nhân",
        "Danh sách cá nhân được khen thưởng theo Quyết định số 999/QĐ-VP",
    ] {
        assert!(
            page.contains(expected),
            "{expected:?} is missing from:\n{page}"
        );
    }
    assert!(
        !page.contains("tập thể"),
        "only individuals are awarded:\n{page}"
    );
    // Once per page, not twice per card: the decision's award form is not repeated in each card.
    assert_eq!(page.matches("DỮ LIỆU MẪU").count(), 1, "{page}");
    let html = s.read("khen-thuong/index.html");
    assert_eq!(html.matches("c-ht is-decision-form").count(), 2, "{html}");

    // A decision that also names a collective, and one row with another award form.
    let mixed = DECISION.replace(
        "honourees:\n",
        "honourees:\n  - {id: t, decision: qd-1, stt: 3, loai: tap-the, ten_tap_the: \"Tổ hướng dẫn\", don_vi: x, thanh_tich: y, hinh_thuc: bang-khen}\n",
    );
    let s = honours_site(&mixed);
    let html = s.read("khen-thuong/index.html");
    let page = text_of(main_of(&html));
    for expected in [
        "Đối tượng được khen thưởng 1 tập thể, 2 cá nhân",
        "Danh sách tập thể, cá nhân được khen thưởng",
        "Họ và tên (hoặc tên tập thể)",
    ] {
        assert!(
            page.contains(expected),
            "{expected:?} is missing from:\n{page}"
        );
    }
    assert!(
        html.contains(r#"<td class="c-ht" data-label="Hình thức">Bằng khen</td>"#),
        "a form other than the decision's shows in the card:\n{html}"
    );
}

#[test]
fn the_bundled_honours_award_individuals_as_the_plan_says() {
    let site = quality::site();
    let html = std::fs::read_to_string(site.public.join("khen-thuong/index.html")).expect("page");
    let page = text_of(main_of(&html));
    assert!(
        page.contains("Giấy khen của Chánh Văn phòng UBND tỉnh Lạng Sơn"),
        "{page}"
    );
    assert!(page.contains("10 cá nhân"), "{page}");
    assert!(
        !page.contains("tập thể"),
        "the plan (V.2) awards individuals only:\n{page}"
    );
}

const SITE_INFO: &str = "sample: false\nname: \"Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn\"\nparent_agency:\n  name: \"Văn phòng UBND tỉnh Lạng Sơn\"\naddress:\n  text: \"Số 20 đường Quang Trung\"\nhours:\n  morning: \"từ thứ Hai đến thứ Bảy, 07h30 - 11h00\"\n  afternoon: null\nphone: null\nemail: \"vanthu@example.gov.vn\"\nwebsite: \"https://hanhchinhcong.langson.gov.vn\"\nlinks:\n  - name: \"Cổng Dịch vụ công quốc gia\"\n    url: \"https://dichvucong.gov.vn\"\n";

#[test]
fn contact_channels_come_from_site_info_and_unknown_ones_are_left_out() {
    let s = crate::support::TestSite::new();
    s.write("content/_data/site_info.yaml", SITE_INFO);
    s.page(
        "content/lien-he/_index.md",
        "title: Liên hệ\nextra:\n  contact: true",
        "Góp ý xin gửi về Trung tâm.",
    );
    s.build();
    let html = s.read("lien-he/index.html");
    let page = text_of(main_of(&html));
    for expected in [
        "Cơ quan chủ quản Văn phòng UBND tỉnh Lạng Sơn",
        "Địa chỉ Số 20 đường Quang Trung",
        "Buổi sáng: từ thứ Hai đến thứ Bảy, 07h30 - 11h00",
        "Góp ý xin gửi về Trung tâm.",
    ] {
        assert!(
            page.contains(expected),
            "{expected:?} is missing from:\n{page}"
        );
    }
    for link in [
        r#"<a href="mailto:vanthu@example.gov.vn">vanthu@example.gov.vn</a>"#,
        r#"<a href="https://hanhchinhcong.langson.gov.vn">hanhchinhcong.langson.gov.vn</a>"#,
        r#"<a href="https://dichvucong.gov.vn">Cổng Dịch vụ công quốc gia</a>"#,
    ] {
        assert!(main_of(&html).contains(link), "{link} is missing:\n{html}");
        assert!(
            html[html.find("</main>").unwrap()..].contains(link),
            "the footer lacks {link}:\n{html}"
        );
    }
    // Unknown values (phone null, no afternoon hours) are left out, not "to be added".
    for absent in ["Điện thoại", "Buổi chiều", "bổ sung", "tel:"] {
        assert!(!html.contains(absent), "{absent:?} in:\n{html}");
    }
}

/// Notes meant for the site's maintainers, which must not reach the pages this part owns.
const HEDGES: [&str; 6] = [
    "sẽ bổ sung",
    "nguồn thứ cấp",
    "chờ xác minh",
    "cần xác nhận",
    "kiểm thử",
    "Lưu ý về nguồn",
];

#[test]
fn the_bundled_site_is_honest_but_public() {
    let site = quality::site();
    let read = |rel: &str| {
        std::fs::read_to_string(site.public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let mut problems = Vec::new();
    for file in quality::html_files(&site.public) {
        let rel = quality::rel_path(&site.public, &file);
        let html = std::fs::read_to_string(&file).expect("page");
        // The sample notice once per page at most.
        let banners = html.matches("DỮ LIỆU MẪU").count() + html.matches("BÀI VIẾT MẪU").count();
        if banners > 1 {
            problems.push(format!("{rel}: {banners} sample notices"));
        }
        if let Some(at) = html.find(r#"<footer class="site-footer">"#) {
            let footer = text_of(&html[at..]);
            for h in HEDGES {
                if footer.contains(h) {
                    problems.push(format!("{rel}: the footer says {h:?}: {footer}"));
                }
            }
        }
    }
    for rel in [
        "index.html",
        "lien-he/index.html",
        "khen-thuong/index.html",
        "tim-kiem/index.html",
    ] {
        let page = text_of(main_of(&read(rel)));
        for h in HEDGES {
            if page.contains(h) {
                problems.push(format!("{rel} says {h:?}"));
            }
        }
    }
    // A timeline item's `caveat` is a note for maintainers, kept out of the page.
    let milestones = read("gioi-thieu/chang-duong-5-nam/index.html");
    if milestones.contains("tl-caveat") {
        problems.push("gioi-thieu/chang-duong-5-nam: the timeline shows its caveats".into());
    }
    let contact = read("lien-he/index.html");
    for link in [
        r#"href="https://dichvucong.langson.gov.vn""#,
        r#"href="https://dichvucong.gov.vn""#,
        r#"href="https://hanhchinhcong.langson.gov.vn""#,
    ] {
        if !main_of(&contact).contains(link) {
            problems.push(format!("lien-he: no link {link}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_home_page_is_a_short_front_door() {
    let site = quality::site();
    let html = std::fs::read_to_string(site.public.join("index.html")).expect("home");
    let main = main_of(&html);
    // The timeline has its own page: the home page links to it instead of repeating it.
    assert!(!main.contains(r#"class="timeline""#), "{main}");
    assert!(main.contains("/gioi-thieu/chang-duong-5-nam/"), "{main}");
    // The figures agree with the statuses that results.json publishes.
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.public.join("ket-qua/results.json")).expect("json"),
    )
    .expect("results.json");
    let indicators = json["indicators"].as_array().expect("indicators");
    let page = text_of(main);
    for (status, label) in [
        ("dat", "Đạt"),
        ("khong-dat", "Không đạt"),
        ("chua-co-so-lieu", "Chưa có số liệu"),
    ] {
        let n = indicators.iter().filter(|i| i["status"] == status).count();
        assert!(
            page.contains(&format!("{n} {label}")),
            "home does not say {n} {label}:\n{page}"
        );
    }
    assert!(
        page.contains(&format!("{} chỉ tiêu", indicators.len())),
        "{page}"
    );
    // The province's portals, as links.
    assert!(
        main.contains(r#"<a href="https://dichvucong.langson.gov.vn">"#),
        "{main}"
    );
    assert_eq!(page.matches("DỮ LIỆU MẪU").count(), 1, "{page}");
}
