//! Issue 12, "Nothing lost, nothing leaked": exports no spreadsheet runs, links no browser
//! runs, no panic on odd input or a closed pipe, feeds every XML parser accepts, and nothing
//! printed that a terminal would obey.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::support::{TestSite, text};

/// What `results.csv` carries, authored by someone who tries every formula trigger.
const RESULTS: &str = r#"schema_version: 1
campaign: {id: c, name: "Đợt thi đua"}
units:
  - {id: so-a, name: "=HYPERLINK(\"http://x.example\",\"bấm\")"}
indicators:
  - id: chi-so-1
    name: "+cmd|' /C calc'!A0"
    group: khac
    unit: "-ca"
    targets: [{metric: value, op: ">", value: 1}]
    formula: {type: ratio, numerator: a, denominator: b}
    total: {value: -3}
    breakdown:
      dimension: don-vi
      partial: true
      rows:
        - {unit: so-a, counts: {a: 1, b: 2}}
        - {person: "@SUM(A1:A9)", counts: {a: 1, b: 4}}
        - {person: "\t=1+1", counts: {a: 0, b: 1}}
        - {person: "\r=2+2", counts: {a: 0, b: 1}}
        - {person: "-1,5", counts: {a: 1, b: 1}}
        - {person: "-3", counts: {a: 1, b: 1}}
"#;

fn results_site(results: &str) -> TestSite {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/ket-qua/_index.md", "title: Kết quả", "");
    s.write("content/_data/results.yaml", results);
    s
}

#[test]
fn results_csv_text_cells_cannot_become_formulas() {
    let s = results_site(RESULTS);
    s.build();
    let raw = std::fs::read(s.public().join("ket-qua/results.csv")).unwrap();
    let body = raw.strip_prefix(b"\xEF\xBB\xBF").expect("BOM");
    let mut reader = csv::Reader::from_reader(body);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let numeric = [col("numerator"), col("denominator"), col("value")];
    // No text cell starts a formula; the neutralised ones start with a quote.
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            let plain_number = cell
                .trim_start_matches(['-', '+'])
                .starts_with(|c: char| c.is_ascii_digit())
                && cell
                    .chars()
                    .skip(1)
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
            if !numeric.contains(&i) && !plain_number {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "column {} runs as a formula: {cell:?}",
                    &headers[i]
                );
            }
        }
    }
    let total = &rows[0];
    let label = |n: usize| rows[n][col("row_label")].to_string();
    // (what the author wrote, what the cell holds)
    let table = [
        (
            total[col("indicator_name")].to_string(),
            "'+cmd|' /C calc'!A0",
        ),
        (total[col("unit")].to_string(), "'-ca"),
        (label(1), "'=HYPERLINK(\"http://x.example\",\"bấm\")"),
        (label(2), "'@SUM(A1:A9)"),
        (label(3), "'\t=1+1"),
        (label(4), "'\r=2+2"),
        // Numbers stay numbers, in the text columns and in the numeric ones.
        (label(5), "-1,5"),
        (label(6), "-3"),
        (total[col("value")].to_string(), "-3"),
        (rows[1][col("numerator")].to_string(), "1"),
        (rows[1][col("value")].to_string(), "0.5"),
    ];
    for (cell, expected) in table {
        assert_eq!(cell, expected);
    }
    // The neutralised cells stay quoted in the file itself.
    let text = String::from_utf8_lossy(body);
    assert!(text.contains(",\"'+cmd|' /C calc'!A0\","), "{text}");
    assert!(text.contains(",\"'-ca\","), "{text}");
    assert!(text.contains(",-3,"), "{text}");
}

#[test]
fn results_decimals_beyond_six_are_a_located_error_not_a_panic() {
    let s = results_site(
        "schema_version: 1\ncampaign: {id: c, name: Đợt}\nindicators:\n  - id: x\n    name: X\n    group: khac\n    unit: \"%\"\n    decimals: 65536\n    targets: [{metric: value, op: \">\", value: 1}]\n    formula: {type: ratio, numerator: a, denominator: b, scale: 100}\n    total: {counts: {a: 1, b: 2}}\n",
    );
    let out = s.cli(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        text(&out).1,
        "content/_data/results.yaml:8:15: data: indicators[0].decimals: 65536 decimals are too many (write a number from 0 to 6)\n\
         Build failed: 1 error in 1 file. public/ was not changed.\n"
    );
    let out = s.cli(&["--lang", "vi", "build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out).1,
        "content/_data/results.yaml:8:15: data: indicators[0].decimals: 65536 chữ số thập phân là quá nhiều (hãy viết một số từ 0 đến 6)\n\
         Dựng trang thất bại: 1 lỗi trong 1 tệp. public/ không bị thay đổi.\n"
    );
}

#[test]
fn number_filters_with_huge_decimals_do_not_panic() {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.write(
        "templates/index.html",
        "{{ 1.5 | number_vi(decimals=65536) }}|{{ 2 | percent_vi(decimals=65536) }}",
    );
    s.build();
    assert_eq!(
        s.read("index.html"),
        "1,50000000000000000|2,00000000000000000%"
    );
}

#[test]
fn check_timeout_out_of_range_is_a_usage_error() {
    let s = TestSite::new();
    for (value, lang, message) in [
        (
            "9223372036854775807",
            "en",
            "error: invalid value '9223372036854775807' for '--timeout <TIMEOUT>': 9223372036854775807 is not in 1..=3600",
        ),
        (
            "0",
            "en",
            "error: invalid value '0' for '--timeout <TIMEOUT>': 0 is not in 1..=3600",
        ),
    ] {
        let out = s.cli(&["--lang", lang, "check", "--external", "--timeout", value]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.starts_with(message), "{stderr}");
    }
    // The help says the range, in both languages.
    let (help, _) = text(&s.cli(&["check", "--help"]));
    assert!(
        help.contains("Seconds allowed for each outside link (1 to 3600)"),
        "{help}"
    );
    let (help, _) = text(&s.cli(&["--lang", "vi", "check", "--help"]));
    assert!(
        help.contains("Số giây chờ mỗi liên kết ngoài (từ 1 đến 3600)"),
        "{help}"
    );
}

/// Runs thidua in `s` with stdout a pipe whose reading end is closed before thidua writes.
fn run_into_closed_pipe(s: &TestSite, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(s.root())
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -c0`: the reader is gone before the first line.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    (status.code(), stderr)
}

#[test]
fn a_closed_stdout_ends_quietly_with_the_commands_own_code() {
    let target = tempfile::tempdir().unwrap();
    let s = TestSite::new();
    s.write(
        "site.yaml",
        &format!(
            "{}publish:\n  folder: \"{}\"\n",
            crate::support::CONFIG,
            target.path().join("www").display()
        ),
    );
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/a.md", "title: A\ndate: 2023-01-01", "Một.");
    for args in [
        &["build"][..],
        &["publish", "--dry-run"],
        &["check"],
        &["--lang", "vi", "build"],
    ] {
        let (code, stderr) = run_into_closed_pipe(&s, args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
    }
    // The build still went to its end.
    assert!(s.exists("a/index.html"));
    // A failing build keeps its exit code when nobody reads stdout.
    s.page("content/b.md", "title: B\ntittle: x", "");
    let (code, stderr) = run_into_closed_pipe(&s, &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("unknown field \"tittle\""), "{stderr}");
}

/// Every `href="…"` and `src="…"` value in `html`.
fn addresses(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            out.push(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    out
}

#[test]
fn links_with_unsafe_schemes_become_hash_with_located_warnings() {
    let s = TestSite::new();
    s.write(
        "site.yaml",
        &format!(
            "{}menus:\n  main:\n    - {{name: Trang chủ, url: /}}\n    - name: Mục\n      url: /muc/\n      children:\n        - {{name: Lừa, url: \"javascript://%0aalert(1)\"}}\n",
            crate::support::CONFIG
        ),
    );
    s.page("content/_index.md", "title: Trang chủ", "");
    // (the link as written in Markdown, the scheme reported)
    let table = [
        ("[a](javascript:alert(1))", "javascript"),
        ("[b]( JavaScript:alert(1))", "javascript"),
        ("[c](<java\tscript:alert(1)>)", "javascript"),
        ("[d](&#106;avascript:alert(1))", "javascript"),
        ("<vbscript:msgbox(1)>", "vbscript"),
        ("[f](data:text/html;base64,PHNjcmlwdD4=)", "data"),
        ("![g](data:image/svg+xml;base64,PHN2Zz4=)", "data"),
        ("[h](FILE:///etc/passwd)", "file"),
        ("[i][ref]\n\n[ref]: javascript:alert(2)", "javascript"),
    ];
    let body: String = table.iter().map(|(md, _)| format!("{md}\n\n")).collect();
    s.page(
        "content/bai.md",
        "title: Bài\ndescription: Bài viết",
        &format!("[an toàn](https://dichvucong.gov.vn) [mục](#muc)\n\n{body}"),
    );
    s.write(
        "content/_data/site_info.yaml",
        "links:\n  - name: Cổng\n    url: \"https://dichvucong.gov.vn\"\n  - name: Lừa\n    url: \" VBScript:msgbox(1)\"\nnote: \"data: không phải địa chỉ\"\n",
    );
    s.page(
        "content/lien-he.md",
        "title: Liên hệ\ntemplate: lien-he.html",
        "",
    );
    s.write(
        "templates/lien-he.html",
        "{% for l in data.site_info.links %}<a href=\"{{ l.url }}\">{{ l.name }}</a>{% endfor %}{{ data.site_info.note }}",
    );
    let report = s.build();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    // Each Markdown link is reported at its own line (the body starts on line 5).
    for (i, (md, scheme)) in table.iter().enumerate() {
        let line = 7 + 2 * i;
        let prefix = format!("content/bai.md:{line}:");
        let found = warnings
            .iter()
            .find(|w| w.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no warning for {md:?} at line {line}: {warnings:#?}"));
        assert!(
            found.contains(&format!("uses the \"{scheme}:\" scheme")),
            "{found}"
        );
    }
    assert!(
        warnings.contains(&"site.yaml:9:28: warning: config: menus.main[1].children[0].url: the link \"javascript://%0aalert(1)\" uses the \"javascript:\" scheme, which browsers would run or open on the reader's computer (it is written as \"#\"; link to an https:// address or to a page of the site)".to_string()),
        "{warnings:#?}"
    );
    assert!(
        warnings.contains(&"content/_data/site_info.yaml:5:10: warning: data: links[1].url: the link \" VBScript:msgbox(1)\" uses the \"vbscript:\" scheme, which browsers would run or open on the reader's computer (it is written as \"#\"; link to an https:// address or to a page of the site)".to_string()),
        "{warnings:#?}"
    );
    assert_eq!(warnings.len(), table.len() + 2, "{warnings:#?}");
    // No page carries an unsafe address; the safe ones are untouched.
    for page in ["index.html", "bai/index.html", "lien-he/index.html"] {
        let html = s.read(page);
        for a in addresses(&html) {
            assert_eq!(thidua::paths::unsafe_scheme(&a), None, "{page}: {a}");
        }
    }
    let bai = s.read("bai/index.html");
    assert!(
        bai.contains("<a href=\"https://dichvucong.gov.vn\">an toàn</a>"),
        "{bai}"
    );
    assert!(bai.contains("<a href=\"#\">a</a>"), "{bai}");
    assert!(bai.contains("<img src=\"#\" alt=\"g\""), "{bai}");
    let lien_he = s.read("lien-he/index.html");
    assert_eq!(
        lien_he,
        "<a href=\"https://dichvucong.gov.vn\">Cổng</a><a href=\"#\">Lừa</a>data: không phải địa chỉ"
    );
    // The same warning in Vietnamese.
    let (_, stderr) = text(&s.cli(&["--lang", "vi", "build"]));
    assert!(
        stderr.contains("content/_data/site_info.yaml:5:10: cảnh báo: data: links[1].url: liên kết \" VBScript:msgbox(1)\" dùng giao thức \"vbscript:\", trình duyệt sẽ chạy hoặc mở trên máy của người đọc (đã được thay bằng \"#\"; hãy dẫn đến một địa chỉ https:// hoặc một trang của website)\n"),
        "{stderr}"
    );
}

#[test]
fn campaign_data_links_with_unsafe_schemes_become_hash() {
    let s = results_site(&RESULTS.replace(
        "    group: khac\n",
        "    group: khac\n    source: {name: \"Hệ thống một cửa\", url: \"java\\tscript:alert(1)\"}\n",
    ));
    s.write(
        "content/_data/honourees.yaml",
        "schema_version: 1\ndecisions:\n  - id: qd-1\n    so_ky_hieu: \"999/QĐ-VP\"\n    ngay_ban_hanh: \"2023-11-15\"\n    co_quan_ban_hanh: \"Văn phòng UBND tỉnh\"\n    trich_yeu: \"Về việc tặng Giấy khen\"\n    hinh_thuc: giay-khen\n    file: \"data:text/html,<script>alert(1)</script>\"\nenums:\n  hinh_thuc:\n    giay-khen: \"Giấy khen\"\nhonourees: []\n",
    );
    s.page(
        "content/khen-thuong/_index.md",
        "title: Khen thưởng\ntemplate: honourees.html",
        "",
    );
    let report = s.build();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    for expected in [
        "content/_data/honourees.yaml:9:11: warning: data: decisions[0].file: the link \"data:text/html,<script>alert(1)</script>\" uses the \"data:\" scheme",
        "content/_data/results.yaml:9:45: warning: data: indicators[0].source.url: the link \"java\tscript:alert(1)\" uses the \"javascript:\" scheme",
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(expected)),
            "{expected}\n{warnings:#?}"
        );
    }
    for file in [
        "ket-qua/results.json",
        "khen-thuong/index.html",
        "ket-qua/index.html",
    ] {
        let out = s.read(file);
        assert!(!out.contains("script:alert"), "{file}: {out}");
        assert!(!out.contains("data:text"), "{file}: {out}");
    }
}

#[test]
fn control_characters_in_titles_do_not_break_feeds_or_the_sitemap() {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    // (the title as YAML writes it) — each with a character XML 1.0 forbids.
    let table = [
        ("\"Tin\\0 mới\"", "Tin mới"),
        ("\"Tin\\v mới\"", "Tin mới"),
        ("\"Tin\\f mới\"", "Tin mới"),
        ("\"Tin\\b mới\"", "Tin mới"),
        ("\"Tin\\x01\\x1b mới\"", "Tin mới"),
        ("\"Tin\\uFFFE\\uFFFF mới\"", "Tin mới"),
    ];
    for (i, (title, _)) in table.iter().enumerate() {
        s.page(
            &format!("content/tin-tuc/bai-{i}.md"),
            &format!("title: {title}\ndate: 2023-01-0{}", i + 1),
            "Nội dung\x0b có \x0c ký tự lạ.\n\n<!-- more -->\n\nTiếp.",
        );
    }
    s.build();
    for feed in ["atom.xml", "rss.xml"] {
        let xml = s.read(feed);
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let parsed =
            feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let titles: Vec<String> = parsed
            .entries
            .iter()
            .map(|e| e.title.as_ref().unwrap().content.clone())
            .collect();
        assert_eq!(titles.len(), table.len(), "{feed}");
        assert!(titles.iter().all(|t| t == "Tin mới"), "{feed}: {titles:?}");
    }
    roxmltree::Document::parse(&s.read("sitemap.xml")).unwrap();
    // The search index is JSON, which escapes control characters itself.
    for e in std::fs::read_dir(s.public().join("search"))
        .into_iter()
        .flatten()
    {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

#[test]
fn escape_sequences_in_file_names_are_printed_escaped() {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/a\x1b[31mđỏ.md", "title: Đỏ\ntittle: x", "");
    // (language, what stderr says)
    let table = [
        (
            "en",
            "content/a\\x1b[31mđỏ.md:3:1: front matter: unknown field \"tittle\" (did you mean \"title\"?)\n\
             Build failed: 1 error in 1 file. public/ was not changed.\n",
        ),
        (
            "vi",
            "content/a\\x1b[31mđỏ.md:3:1: front matter: trường không hợp lệ \"tittle\" (có phải ý bạn là \"title\"?)\n\
             Dựng trang thất bại: 1 lỗi trong 1 tệp. public/ không bị thay đổi.\n",
        ),
    ];
    for (lang, expected) in table {
        let out = s.cli(&["--lang", lang, "build"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(!out.stderr.contains(&0x1b), "{lang}: raw escape printed");
        assert_eq!(text(&out).1, expected);
    }
    // Paths printed by the command line itself too.
    s.write("content/a\x1b[31mđỏ.md", "---\ntitle: Đỏ\n---\n");
    let out = s.cli(&["build", "--output", "ra\x07\x1b[2J"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07),
        "{stdout:?}"
    );
    assert!(stdout.contains("into ra\\x07\\x1b[2J/"), "{stdout}");
}
