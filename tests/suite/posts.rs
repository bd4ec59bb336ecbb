//! Posts and Markdown: live figures from the campaign data (shortcodes), bare addresses as
//! links, footnote markers kept out of summaries, the table of contents only on long pages, no
//! newer/older links on undated pages, tables that scroll in a named region.

use std::sync::OnceLock;

use crate::support::TestSite;

const RESULTS: &str = include_str!("../../content/_data/results.yaml");

/// The bundled site, built once per test process.
fn bundled() -> &'static std::path::Path {
    static OUT: OnceLock<std::path::PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = crate::support::process_dir("posts-site");
        let opts = thidua::BuildOptions {
            root: env!("CARGO_MANIFEST_DIR").into(),
            output: Some(dir.join("out")),
            ..Default::default()
        };
        thidua::build(&opts).unwrap();
        dir.join("out")
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(bundled().join(rel)).unwrap()
}

/// The text of the table row that starts with `label` in `html`.
fn row<'a>(html: &'a str, label: &str) -> &'a str {
    let start = html
        .find(&format!("<td>{label}</td>"))
        .unwrap_or_else(|| panic!("no row {label}"));
    let end = html[start..].find("</tr>").unwrap() + start;
    &html[start..end]
}

fn status_words(status: &str) -> &'static str {
    match status {
        "dat" => "Đạt",
        "khong-dat" => "Không đạt",
        _ => "Chưa có số liệu",
    }
}

/// 99.595436 with 2 decimals, the Vietnamese way: "99,60".
fn vi_number(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped},{frac}")
    }
}

#[test]
fn the_results_post_shows_the_figures_of_results_json() {
    let json: serde_json::Value = serde_json::from_str(&read("ket-qua/results.json")).unwrap();
    let post = read("tin-tuc/cong-bo-ket-qua-dot-thi-dua/index.html");
    let rows = [
        ("Hồ sơ trả đúng hạn và trước hạn", "ho-so-dung-han"),
        ("Đánh giá Rất hài lòng", "hai-long-trung-tam"),
        ("Hồ sơ trực tuyến", "ho-so-truc-tuyen"),
        (
            "Rà soát thủ tục nội bộ theo Kế hoạch số 243/KH-UBND",
            "ra-soat-tthc-noi-bo",
        ),
        ("Rất hài lòng, không có Không hài lòng", "hai-long-quay"),
    ];
    for (label, id) in rows {
        let ind = json["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap();
        let r = row(&post, label);
        let status = status_words(ind["status"].as_str().unwrap());
        assert!(
            r.ends_with(&format!("<td>{status}</td>")),
            "{id}: {r} (results.json: {status})"
        );
        if let Some(v) = ind["total"]["value"].as_f64() {
            let shown = format!("{}%", vi_number(v, 2));
            assert!(r.contains(&shown), "{id}: {r} lacks {shown}");
        }
    }
    // The counts of the summary are those of the home page's (and of results.json).
    let statuses: Vec<&str> = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    let dat = statuses.iter().filter(|s| **s == "dat").count();
    let line = format!("{dat}/{} chỉ tiêu, tiêu chuẩn đạt", statuses.len());
    assert!(post.contains(&line), "no \"{line}\"");
    assert!(!post.contains("{{"), "a shortcode was left as written");
}

#[test]
fn the_mid_term_post_shows_the_monthly_figures_of_the_data() {
    let post = read("tin-tuc/so-ket-giua-dot-thi-dua/index.html");
    // 1843 / 2520 online dossiers in September 2023 (content/_data/results.yaml).
    assert!(post.contains("73,13% trong tháng 9"));
    assert!(!post.contains("{{"));
}

fn site_with_results() -> TestSite {
    let site = TestSite::new();
    site.write("content/_data/results.yaml", RESULTS);
    // Two bundled indicators take their figures from the sample export.
    site.write(
        "content/_data/mot_cua_2023.csv",
        include_str!("../../content/_data/mot_cua_2023.csv"),
    );
    site
}

#[test]
fn a_shortcode_shows_value_target_status_and_counts() {
    let site = site_with_results();
    site.page(
        "content/tin-tuc/so-lieu.md",
        "title: \"Số liệu\"\ndate: 2023-12-01",
        "Đúng hạn: {{ chi_tieu(id=\"ho-so-dung-han\") }}; mục tiêu {{ chi_tieu(id=\"ho-so-dung-han\", hien=\"muc-tieu\") }}; \
         {{ chi-tieu(id=“ho-so-truc-tuyen”, hien=“Đánh giá”) }}; {{ chi_tieu(id=\"ho-so-dung-han\", hien=\"ket-qua\") }}; \
         tháng 9: {{ chi_tieu(id=\"ho-so-truc-tuyen\", thang=\"2023-09\") }}; {{ chi_tieu(id=\"tin-bai-ca-nhan\", hien=\"so-dat\") }} người; \
         `{{ chi_tieu(id=\"ma\") }}`\n",
    );
    site.build();
    let html = site.read("tin-tuc/so-lieu/index.html");
    assert!(html.contains(
        "Đúng hạn: 99,60%; mục tiêu &gt; 99%; Không đạt; 99,60% (9.601/9.640); tháng 9: 73,13%; 3/4 người;"
    ), "{html}");
    assert!(
        html.contains("<code>{{ chi_tieu(id=\"ma\") }}</code>")
            || html.contains("<code>{{ chi_tieu(id=&quot;ma&quot;) }}</code>")
    );
}

#[test]
fn an_unknown_indicator_or_field_is_a_located_error_with_a_suggestion() {
    let site = site_with_results();
    site.page(
        "content/tin-tuc/sai.md",
        "title: \"Sai\"",
        "Dòng một.\n\nKết quả {{ chi_tieu(id=\"ho-so-dung-hn\") }} và {{ chi_tieu(id=\"ho-so-dung-han\", hien=\"gia-trj\") }}.\n",
    );
    let errors = site.build_errors();
    assert_eq!(
        errors,
        [
            "content/tin-tuc/sai.md:6:25: shortcode: no indicator with id \"ho-so-dung-hn\" (did you mean \"ho-so-dung-han\"?)",
            "content/tin-tuc/sai.md:6:86: shortcode: chi_tieu cannot show \"gia-trj\" (did you mean \"gia-tri\"?)",
        ]
    );
}

#[test]
fn bare_addresses_become_links_but_not_in_code() {
    let site = TestSite::new();
    site.page(
        "content/lien-he.md",
        "title: \"Liên hệ\"",
        "Nộp hồ sơ tại https://dichvucong.langson.gov.vn. Xem `https://a.gov.vn` và [cổng](https://langson.gov.vn).\n\n```\nhttps://b.gov.vn\n```\n",
    );
    site.build();
    let html = site.read("lien-he/index.html");
    assert!(html.contains(
        "tại <a href=\"https://dichvucong.langson.gov.vn\">https://dichvucong.langson.gov.vn</a>."
    ));
    assert!(html.contains("<code>https://a.gov.vn</code>"));
    assert!(html.contains("<a href=\"https://langson.gov.vn\">cổng</a>"));
    assert!(!html.contains("href=\"https://b.gov.vn\""));
}

#[test]
fn footnote_markers_stay_out_of_summaries() {
    let site = TestSite::new();
    site.write(
        "content/tin-tuc/_index.md",
        "---\ntitle: \"Tin tức\"\n---\n",
    );
    site.page(
        "content/tin-tuc/bai.md",
        "title: \"Bài\"\ndate: 2023-10-01",
        "Theo Kế hoạch số 12[^1], Trung tâm phát động.\n\n<!-- more -->\n\nThân bài.\n\n[^1]: Kế hoạch số 12/KH-TTPVHCC.\n",
    );
    site.build();
    let list = site.read("tin-tuc/index.html");
    assert!(
        list.contains("Theo Kế hoạch số 12, Trung tâm phát động."),
        "{list}"
    );
    assert!(!list.contains("[^1]"));
    let page = site.read("tin-tuc/bai/index.html");
    assert!(page.contains("footnote-reference"));
}

#[test]
fn a_table_of_contents_only_from_three_headings() {
    let site = TestSite::new();
    site.page(
        "content/ngan.md",
        "title: \"Ngắn\"",
        "## Một\n\nA.\n\n## Hai\n\nB.\n",
    );
    site.page(
        "content/dai.md",
        "title: \"Dài\"",
        "## Một\n\nA.\n\n### Một rưỡi\n\nB.\n\n## Hai\n\nC.\n",
    );
    site.build();
    assert!(!site.read("ngan/index.html").contains("class=\"toc\""));
    assert!(site.read("dai/index.html").contains("class=\"toc\""));
}

#[test]
fn undated_pages_have_no_newer_or_older_links() {
    let site = TestSite::new();
    site.write(
        "content/gioi-thieu/_index.md",
        "---\ntitle: \"Giới thiệu\"\n---\n",
    );
    site.page("content/gioi-thieu/a.md", "title: \"A\"\nweight: 1", "A.\n");
    site.page("content/gioi-thieu/b.md", "title: \"B\"\nweight: 2", "B.\n");
    site.write(
        "content/tin-tuc/_index.md",
        "---\ntitle: \"Tin tức\"\n---\n",
    );
    site.page(
        "content/tin-tuc/c.md",
        "title: \"C\"\ndate: 2023-10-01",
        "C.\n",
    );
    site.page(
        "content/tin-tuc/d.md",
        "title: \"D\"\ndate: 2023-10-02",
        "D.\n",
    );
    site.build();
    assert!(!site.read("gioi-thieu/a/index.html").contains("post-nav"));
    assert!(!site.read("gioi-thieu/b/index.html").contains("post-nav"));
    assert!(site.read("tin-tuc/c/index.html").contains("post-nav"));
}

#[test]
fn tables_scroll_in_a_named_region_a_keyboard_can_reach() {
    let site = TestSite::new();
    site.page(
        "content/bang.md",
        "title: \"Bảng\"",
        "| Chỉ tiêu | Kết quả |\n|---|---|\n| Hồ sơ | 99,60% |\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
    );
    site.build();
    let html = site.read("bang/index.html");
    assert!(
        html.contains(
            "<div class=\"bang-cuon\" role=\"region\" aria-label=\"Bảng 1\" tabindex=\"0\"><table>"
        ),
        "{html}"
    );
    assert!(html.contains("aria-label=\"Bảng 2\""));
    assert!(html.contains("</table>\n</div>"));
}

#[test]
fn the_plan_is_a_page_and_a_download_beside_it() {
    let page = read("ke-hoach-thi-dua/index.html");
    assert!(page.contains("href=\"ke-hoach-thi-dua-2023.txt\""));
    // And as a button at the head of the page.
    assert!(page.contains(
        r#"<p class="downloads"><a class="button button-small" href="/5-nam/ke-hoach-thi-dua/ke-hoach-thi-dua-2023.txt" download>Tải toàn văn kế hoạch"#
    ));
    assert!(page.contains("id=\"bai-hoc-kinh-nghiem\""));
    let file = std::fs::read(bundled().join("ke-hoach-thi-dua/ke-hoach-thi-dua-2023.txt")).unwrap();
    // A BOM, so a browser or Notepad shows the diacritics even when the server names no charset.
    assert!(file.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(file).unwrap();
    assert!(text.contains("KẾ HOẠCH"));
    assert!(text.contains("những bài học kinh nghiệm trong 05 năm qua"));
    assert!(text.trim_end().ends_with("Phạm Hùng Trường"));
}
