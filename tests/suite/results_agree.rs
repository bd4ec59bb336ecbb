//! Issue 15, "Results that agree everywhere" and "Kết quả for people": on the bundled site,
//! every indicator has one status, and home, the Kết quả overview, each indicator's page,
//! results.csv and results.json all show it; a standard for each counter with one failing
//! counter is "Không đạt" with "6/7"; the overview is an overview (one row per indicator, no
//! charts, no per-unit tables) and each indicator has its own page; no note meant for the
//! maintainers reaches a public page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support::TestSite;

/// The bundled site, built once per test process.
fn bundled() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = crate::support::process_dir("results-agree-site").join("out");
        let opts = thidua::BuildOptions {
            root: env!("CARGO_MANIFEST_DIR").into(),
            output: Some(dir.clone()),
            ..Default::default()
        };
        thidua::build(&opts).unwrap();
        dir
    })
}

fn read(rel: &str) -> String {
    let path = bundled().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json() -> serde_json::Value {
    serde_json::from_str(&read("ket-qua/results.json")).unwrap()
}

/// The status classes (`dat`, `khong-dat`, `chua-co-so-lieu`) of the status badges in `html`.
fn badges(html: &str) -> Vec<&str> {
    html.split(r#"<span class="status status-"#)
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect()
}

/// The overview's row of indicator `id`: from `<tr id="ID">` to its `</tr>`.
fn overview_row<'a>(overview: &'a str, id: &str) -> &'a str {
    let start = overview
        .find(&format!(r#"<tr id="{id}">"#))
        .unwrap_or_else(|| panic!("no overview row for {id}"));
    let end = start + overview[start..].find("</tr>").unwrap();
    &overview[start..end]
}

/// The statuses by indicator id in results.csv: the words of each indicator's "total" row.
fn csv_statuses() -> BTreeMap<String, String> {
    let text = read("ket-qua/results.csv");
    let mut out = BTreeMap::new();
    for line in text.trim_start_matches('\u{feff}').lines().skip(1) {
        let cells = split_csv(line);
        if cells[4] == "total" {
            let words = cells[11].clone();
            assert!(
                out.insert(cells[0].clone(), words).is_none(),
                "two total rows for {}",
                cells[0]
            );
        }
    }
    out
}

fn split_csv(line: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

fn words(status: &str) -> &'static str {
    match status {
        "dat" => "Đạt",
        "khong-dat" => "Không đạt",
        "chua-co-so-lieu" => "Chưa có số liệu",
        other => panic!("unknown status {other}"),
    }
}

/// The number in the stat tile `class` (`stat-dat`…) of a page.
fn stat(html: &str, class: &str) -> usize {
    let at = html
        .find(&format!(r#"class="stat {class}""#))
        .unwrap_or_else(|| panic!("no {class} tile"));
    let rest = &html[at..];
    let num = &rest[rest.find(r#"class="stat-num">"#).unwrap() + 17..];
    num[..num.find('<').unwrap()].parse().unwrap()
}

#[test]
fn every_page_and_file_shows_the_same_status() {
    let json = json();
    let indicators = json["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), 14);
    let csv = csv_statuses();
    let overview = read("ket-qua/index.html");
    for ind in indicators {
        let id = ind["id"].as_str().unwrap();
        let status = ind["status"].as_str().unwrap();
        // The total carries the indicator's verdict, in the JSON as in the CSV.
        if !ind["total"].is_null() {
            assert_eq!(
                ind["total"]["status"], status,
                "{id}: total in results.json"
            );
        }
        assert_eq!(
            csv.get(id).map(String::as_str),
            Some(words(status)),
            "{id}: results.csv"
        );
        assert_eq!(
            badges(overview_row(&overview, id)),
            [status],
            "{id}: overview"
        );
        let page = read(&format!("ket-qua/{id}/index.html"));
        assert_eq!(badges(&page).first(), Some(&status), "{id}: its page");
        // The overview's printed block for it (tests/suite/print.rs).
        let name = ind["name"].as_str().unwrap().replace('"', "&quot;");
        let block = overview
            .split(r#"<section class="pr-ind "#)
            .find(|b| b.contains(&format!("<h3>{name}</h3>")))
            .unwrap_or_else(|| panic!("{id}: no printed block"));
        assert!(
            block.starts_with(&format!(r#"is-{status}">"#))
                && block.contains(&format!(r#"<b class="pr-st">{}</b>"#, words(status))),
            "{id}: the printed block says another status:\n{block}"
        );
    }
    assert_eq!(csv.len(), indicators.len(), "one total row per indicator");
    // The counts by status: from the same verdicts, on the overview and on home.
    let count = |s: &str| indicators.iter().filter(|i| i["status"] == s).count();
    for page in ["ket-qua/index.html", "index.html"] {
        let html = read(page);
        assert_eq!(stat(&html, "stat-dat"), count("dat"), "{page}");
        assert_eq!(stat(&html, "stat-khong-dat"), count("khong-dat"), "{page}");
        assert_eq!(
            stat(&html, "stat-chua-co-so-lieu"),
            count("chua-co-so-lieu"),
            "{page}"
        );
    }
    assert_eq!(
        (count("dat"), count("khong-dat"), count("chua-co-so-lieu")),
        (8, 5, 1)
    );
}

#[test]
fn a_standard_for_each_counter_with_one_failing_counter_is_not_met() {
    let json = json();
    let ind = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "hai-long-quay")
        .unwrap();
    // The centre-wide rate (98,63%) meets "≥ 98%"; Sở Tài nguyên và Môi trường (97,59%) does not.
    assert_eq!(ind["status"], "khong-dat");
    assert_eq!(ind["judged"], "every-row");
    assert_eq!(ind["tally"], serde_json::json!({"met": 6, "of": 7}));
    let row = overview_row(&read("ket-qua/index.html"), "hai-long-quay").to_string();
    assert!(
        row.contains("Không đạt") && row.contains("6/7 quầy đạt"),
        "{row}"
    );
    assert!(!row.contains(">Đạt<"), "{row}");
    let page = read("ket-qua/hai-long-quay/index.html");
    assert!(page.contains("6/7 quầy đạt"));
    assert!(page.contains("Chỉ đạt khi mọi quầy đều đạt."));
    // The per-person standard: judged on its rows, never "Chưa có số liệu" beside "Không đạt".
    let row = overview_row(&read("ket-qua/index.html"), "tin-bai-ca-nhan").to_string();
    assert!(
        row.contains("3/4 người đạt") && row.contains("Không đạt"),
        "{row}"
    );
    assert!(
        !row.contains("Chưa có số liệu") && !row.contains('—'),
        "{row}"
    );
    let page = read("ket-qua/tin-bai-ca-nhan/index.html");
    assert_eq!(
        badges(&page),
        ["khong-dat", "dat", "dat", "dat", "khong-dat"]
    );
}

#[test]
fn the_overview_is_one_row_per_indicator_and_details_are_on_their_pages() {
    let overview = read("ket-qua/index.html");
    let rows = overview.matches(r#"<tr id=""#).count();
    assert_eq!(rows, 14);
    // One status per row, and nothing per unit or per month: no charts, no breakdown tables.
    assert_eq!(badges(&overview).len(), rows);
    // (The blocks per indicator that only print, tests/suite/print.rs, are not on the screen.)
    let start = overview
        .find(r#"<section class="print-report""#)
        .expect("the printed report");
    let end = overview[start..]
        .find(r#"<section class="results-about""#)
        .map_or(overview.len(), |e| start + e);
    let screen = format!("{}{}", &overview[..start], &overview[end..]);
    for absent in [
        r#"<svg class="chart""#,
        "part-table",
        "Sở Tư pháp",
        "Tháng 8/2023",
        "Cách tính",
    ] {
        assert!(!screen.contains(absent), "the overview shows {absent:?}");
    }
    for absent in [r#"<svg class="chart""#, "part-table", "Cách tính"] {
        assert!(
            !overview[start..end].contains(absent),
            "the printed report has {absent:?}"
        );
    }
    // Each row links to the indicator's page, which has the breakdown, the months and the method.
    assert!(overview.contains(r#"<a href="/5-nam/ket-qua/ho-so-dung-han/">"#));
    let page = read("ket-qua/ho-so-dung-han/index.html");
    let chart = r#"<svg class="chart""#;
    for present in [
        "Sở Tư pháp",
        "Tháng 8/2023",
        "9.601 / 9.640",
        "Cách tính",
        chart,
    ] {
        assert!(
            page.contains(present),
            "the indicator page lacks {present:?}"
        );
    }
    // The method text is on its own page, once.
    let method = read("ket-qua/cach-tinh/index.html");
    assert!(method.contains("Ý nghĩa các trạng thái"));
    assert!(overview.contains(r#"href="/5-nam/ket-qua/cach-tinh/""#));
    assert!(!overview.contains("Ý nghĩa các trạng thái"));
}

#[test]
fn a_part_of_zeros_or_of_no_figures_is_said_in_words_not_charted() {
    let page = read("ket-qua/pakn-chat-luong-phuc-vu/index.html");
    assert!(page.contains("Cả 7 quầy đều có 0 phản ánh, kiến nghị."));
    assert!(page.contains("Cả 4 tháng đều có 0 phản ánh, kiến nghị."));
    let chart = r#"<svg class="chart""#;
    assert!(!page.contains(chart), "a chart of zeros");
    let page = read("ket-qua/ra-soat-tthc-noi-bo/index.html");
    assert!(!page.contains(chart));
    assert!(page.contains("Chưa có số liệu"));
}

#[test]
fn bars_start_at_zero_on_every_indicator_page() {
    for ind in json()["indicators"].as_array().unwrap() {
        let id = ind["id"].as_str().unwrap();
        let page = read(&format!("ket-qua/{id}/index.html"));
        // A bar chart's first tick is its start.
        for chart in page.split(r#"<svg class="chart""#).skip(1) {
            if chart.contains(r#"class="bar "#) {
                let tick = &chart[chart.find(r#"class="tick""#).unwrap()..];
                let text = &tick[tick.find('>').unwrap() + 1..];
                let first = &text[..text.find('<').unwrap()];
                assert!(first == "0%" || first == "0", "{id}: bars start at {first}");
            }
        }
    }
}

#[test]
fn the_plan_wording_and_no_notes_for_maintainers_on_public_pages() {
    let json = json();
    let online = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "ho-so-truc-tuyen")
        .unwrap();
    // Kế hoạch, mục III.2.5 a): "tỷ lệ hồ sơ TTHC xử lý trực tuyến đạt từ 73% trở lên".
    assert!(
        online["name"]
            .as_str()
            .unwrap()
            .contains("xử lý trực tuyến")
    );
    for entry in walkdir::WalkDir::new(bundled()) {
        let entry = entry.unwrap();
        let name = entry.path().to_string_lossy().into_owned();
        if !(name.ends_with(".html") || name.ends_with(".json") || name.ends_with(".csv")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for note in [
            "để kiểm thử",
            "cách hiểu của dữ liệu mẫu",
            "cần xác nhận",
            "giả định của dữ liệu mẫu",
        ] {
            assert!(!text.contains(note), "{name} shows {note:?}");
        }
    }
}

#[test]
fn an_indicator_page_for_an_unknown_indicator_fails_the_build() {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page(
        "content/ket-qua/_index.md",
        "title: Kết quả\ntemplate: results.html",
        "",
    );
    s.page(
        "content/ket-qua/x.md",
        "title: X\ntemplate: indicator.html\nextra: {indicator: khong-co}",
        "",
    );
    s.write(
        "content/_data/results.yaml",
        "schema_version: 1\ncampaign: {id: c, name: \"Đợt\"}\nindicators:\n  - id: co\n    name: Có\n    group: khac\n    unit: \"%\"\n    targets: [{metric: value, op: \">\", value: 1}]\n    formula: {type: ratio, numerator: a, denominator: b}\n    total: {counts: {a: 1, b: 2}}\n",
    );
    let errors = s.build_errors().join("\n");
    assert!(
        errors.contains("no indicator \"khong-co\" in content/_data/results.yaml"),
        "{errors}"
    );
    // With the right id, the page shows the indicator.
    s.page(
        "content/ket-qua/x.md",
        "title: X\ntemplate: indicator.html\nextra: {indicator: co}",
        "",
    );
    s.build();
    assert!(s.read("ket-qua/x/index.html").contains("<h1>Có</h1>"));
    assert!(
        s.read("ket-qua/index.html")
            .contains(r#"<a href="/ket-qua/x/">Có</a>"#)
    );
}
