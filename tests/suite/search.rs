//! Site search: the index written into `search/` (format: the top of src/search.rs) and, in
//! headless chromium, the header box and the search page of the bundled site.
//!
//! The browser test needs node and Debian's /usr/bin/chromium, like tests/suite/quality.rs:
//! without them it prints why and passes, except with `CI=true`, where it fails.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::TestSite;

const CHROMIUM: &str = "/usr/bin/chromium";
const SEARCH_CHECK: &str = "tests/tools/search-check.mjs";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------------
// Reading the index
// ---------------------------------------------------------------------------------------------

/// The index of a built site, read back from its files.
struct Index {
    meta: Value,
    /// Shard key → parsed shard.
    shards: BTreeMap<String, Value>,
    /// Documents by id.
    docs: Vec<Value>,
}

impl Index {
    fn read(public: &Path) -> Index {
        let dir = public.join("search");
        let json = |name: &str| -> Value {
            let text = std::fs::read_to_string(dir.join(name))
                .unwrap_or_else(|e| panic!("search/{name}: {e}"));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("search/{name}: {e}"))
        };
        let meta = json("meta.json");
        assert_eq!(meta["version"], 1, "{meta}");
        let shards = meta["shards"]
            .as_object()
            .expect("meta.shards")
            .iter()
            .map(|(k, f)| (k.clone(), json(f.as_str().expect("file name"))))
            .collect();
        let count = meta["docs"].as_u64().expect("meta.docs") as usize;
        let per = meta["docs_per_file"].as_u64().expect("docs_per_file") as usize;
        let mut docs = Vec::new();
        for n in 0..count.div_ceil(per) {
            docs.extend(
                json(&format!("docs-{n}.json"))
                    .as_array()
                    .expect("docs array")
                    .iter()
                    .cloned(),
            );
        }
        assert_eq!(docs.len(), count);
        for (i, d) in docs.iter().enumerate() {
            assert_eq!(d["id"], i as u64, "{d}");
        }
        Index { meta, shards, docs }
    }

    /// The key of the shard that holds `token`: the longest key that is a prefix of it.
    fn shard_key(&self, token: &str) -> Option<&str> {
        self.shards
            .keys()
            .filter(|k| token.starts_with(k.as_str()))
            .max_by_key(|k| k.len())
            .map(String::as_str)
    }

    /// Spelling → [(document id, field bits)] for a folded token.
    fn postings(&self, token: &str) -> BTreeMap<String, Vec<(usize, u64)>> {
        let Some(key) = self.shard_key(token) else {
            return BTreeMap::new();
        };
        let Some(spellings) = self.shards[key].get(token) else {
            return BTreeMap::new();
        };
        spellings
            .as_object()
            .expect("spellings")
            .iter()
            .map(|(spelling, list)| {
                let mut id = 0usize;
                let list = list
                    .as_array()
                    .expect("postings")
                    .iter()
                    .map(|x| {
                        let x = x.as_u64().expect("number");
                        id += (x / 16) as usize;
                        (id, x % 16)
                    })
                    .collect();
                (spelling.clone(), list)
            })
            .collect()
    }

    /// The id of the document with this title.
    fn doc(&self, title: &str) -> usize {
        self.docs
            .iter()
            .position(|d| d["title"] == title)
            .unwrap_or_else(|| panic!("no document titled {title:?} in {:?}", self.titles()))
    }

    fn titles(&self) -> Vec<String> {
        self.docs
            .iter()
            .map(|d| d["title"].as_str().unwrap_or("").to_owned())
            .collect()
    }

    /// Every folded token of every shard.
    fn tokens(&self) -> Vec<String> {
        self.shards
            .values()
            .flat_map(|s| s.as_object().expect("shard").keys().cloned())
            .collect()
    }
}

const TITLE: u64 = 1;
const TAGS: u64 = 4;
const BODY: u64 = 8;

fn search_site() -> TestSite {
    let s = TestSite::new();
    s.write(
        "site.yaml",
        "title: \"Thử nghiệm\"\nbase_url: \"https://example.gov.vn/5-nam/\"\n",
    );
    s.page(
        "content/tim-kiem/_index.md",
        "title: Tìm kiếm\ntemplate: search.html",
        "Trang tìm kiếm trangtimkiem.",
    );
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page(
        "content/tin-tuc/hai-long.md",
        "title: Người dân hài lòng\ndate: 2023-08-09\ndescription: Tổ hướng dẫn hỗ trợ.",
        "Bài có **chữ đậm**, <span class=\"lop\">thẻ HTML</span> và [liên kết](https://example.org/duongdan).\n\n\
         Thủ tục đúng hạn.\n\n```bash\ncurl lenhtrongma\n```\n\n`mã-nội-dòng`\n",
    );
    s.page(
        "content/tin-tuc/dong.md",
        "title: Mùa Đông ở Lạng Sơn\ndate: 2023-12-01\ntags: [Thời tiết]",
        "Trời lạnh. Hai long (không dấu).",
    );
    s.page(
        "content/tin-tuc/nhap.md",
        "title: Bản nháp bimatnhap\ndate: 2023-10-01\ndraft: true",
        "Nội dung nháp bimatnhap.",
    );
    s
}

#[test]
fn index_is_written_with_folded_tokens_and_original_spellings() {
    let s = search_site();
    s.build();
    let index = Index::read(&s.public());

    let hai_long = index.doc("Người dân hài lòng");
    let dong = index.doc("Mùa Đông ở Lạng Sơn");
    // Newest first.
    assert!(dong < hai_long, "{:?}", index.titles());

    // "hai" holds both "hài" (title) and the unaccented "hai" of the other page's body.
    let hai = index.postings("hai");
    assert_eq!(hai["hài"], vec![(hai_long, TITLE)], "{hai:?}");
    assert_eq!(hai["hai"], vec![(dong, BODY)], "{hai:?}");
    let long = index.postings("long");
    assert_eq!(long["lòng"], vec![(hai_long, TITLE)], "{long:?}");
    assert_eq!(index.postings("dong")["đông"], vec![(dong, TITLE)]);
    // đ folds to d; tags are indexed.
    assert_eq!(index.postings("dung")["đúng"], vec![(hai_long, BODY)]);
    assert_eq!(index.postings("thoi")["thời"], vec![(dong, TAGS)]);
    assert!(index.postings("ho").contains_key("hỗ"), "description");

    // The records: URL with the base sub-path, ISO date, description as snippet.
    let doc = &index.docs[hai_long];
    assert_eq!(doc["url"], "/5-nam/tin-tuc/hai-long/");
    assert_eq!(doc["date"], "2023-08-09");
    assert_eq!(doc["snippet"], "Tổ hướng dẫn hỗ trợ.");
    assert_eq!(
        index.docs[dong]["snippet"],
        "Trời lạnh. Hai long (không dấu)."
    );
    for d in &index.docs {
        assert!(d["url"].as_str().unwrap().starts_with("/5-nam/"), "{d}");
    }
    // The section is indexed; the search page and the home are not.
    index.doc("Tin tức");
    assert!(!index.titles().iter().any(|t| t == "Tìm kiếm"));
    assert!(index.postings("trangtimkiem").is_empty());
}

#[test]
fn only_text_is_indexed_not_markdown_html_or_code_blocks() {
    let s = search_site();
    s.build();
    let index = Index::read(&s.public());
    let tokens = index.tokens();
    for absent in [
        "span",
        "lop",
        "class",
        "https",
        "duongdan",
        "lenhtrongma",
        "curl",
    ] {
        assert!(
            !tokens.iter().any(|t| t == absent),
            "{absent:?} should not be indexed"
        );
    }
    // Text inside tags, link text and inline code are.
    for present in [
        "the", "html", "lien", "ket", "ma", "noi", "dong", "chu", "dam",
    ] {
        assert!(
            tokens.iter().any(|t| t == present),
            "{present:?} should be indexed"
        );
    }
}

#[test]
fn drafts_are_not_indexed_unless_built_with_drafts() {
    let s = search_site();
    s.build();
    let index = Index::read(&s.public());
    assert!(index.postings("bimatnhap").is_empty());
    assert!(!index.titles().iter().any(|t| t.contains("nháp")));

    let mut options = s.options();
    options.drafts = true;
    thidua::build(&options).expect("build with drafts");
    let index = Index::read(&s.public());
    let draft = index.doc("Bản nháp bimatnhap");
    assert_eq!(
        index.postings("bimatnhap")["bimatnhap"],
        vec![(draft, TITLE | BODY)]
    );
}

#[test]
fn shards_are_split_by_token_prefix() {
    let s = search_site();
    s.build();
    let index = Index::read(&s.public());
    assert!(index.shards.len() > 5, "{:?}", index.meta["shards"]);
    for (key, shard) in &index.shards {
        assert!(!key.is_empty());
        let file = index.meta["shards"][key].as_str().unwrap();
        assert!(
            file.starts_with("idx-") && file.ends_with(".json"),
            "{file}"
        );
        for token in shard.as_object().unwrap().keys() {
            assert_eq!(
                index.shard_key(token),
                Some(key.as_str()),
                "{token:?} is in the shard {key:?}"
            );
        }
    }
    assert_eq!(index.shard_key("hai"), Some("h"));
    assert_eq!(index.shard_key("long"), Some("l"));
}

#[test]
fn large_shards_split_by_longer_prefixes() {
    let s = TestSite::new();
    s.page(
        "content/tim-kiem/_index.md",
        "title: Tìm\ntemplate: search.html",
        "",
    );
    // 400 pages, each with its own words starting with "th": far more than one shard's worth.
    for i in 0..400 {
        let words: Vec<String> = (0..20).map(|j| format!("th{i}x{j} tha{j}")).collect();
        s.page(
            &format!("content/p{i}.md"),
            &format!("title: Trang {i}"),
            &words.join(" "),
        );
    }
    s.build();
    let index = Index::read(&s.public());
    let th: Vec<&String> = index
        .shards
        .keys()
        .filter(|k| k.starts_with("th"))
        .collect();
    assert!(th.len() > 1, "{:?}", index.meta["shards"]);
    for (key, shard) in &index.shards {
        for token in shard.as_object().unwrap().keys() {
            assert_eq!(index.shard_key(token), Some(key.as_str()), "{token:?}");
        }
    }
    assert_eq!(index.postings("tha7")["tha7"].len(), 400);
}

#[test]
fn rebuilds_write_the_same_bytes() {
    let s = search_site();
    s.build();
    let first = crate::support::snapshot_tree(&s.public().join("search"));
    s.build();
    let second = crate::support::snapshot_tree(&s.public().join("search"));
    assert!(!first.is_empty());
    assert!(
        first == second,
        "the search index changed between two builds"
    );
}

#[test]
fn no_index_without_a_search_page() {
    let s = TestSite::new();
    s.page("content/a.md", "title: A", "Chữ.");
    s.build();
    assert!(!s.exists("search/meta.json"));
}

#[test]
fn search_page_points_to_the_index_under_the_base_path() {
    let s = search_site();
    s.build();
    let html = s.read("tim-kiem/index.html");
    assert!(html.contains("data-index=\"/5-nam/search/\""), "{html}");
    assert!(html.contains("aria-live=\"polite\""));
    assert!(html.contains("<noscript>"));
    assert!(html.contains("action=\"/5-nam/tim-kiem/\""));
    assert!(html.contains("/5-nam/search"), "script under the base path");
    // The header box on every page submits to the search page with ?q=.
    let post = s.read("tin-tuc/hai-long/index.html");
    assert!(
        post.contains("action=\"/5-nam/tim-kiem/\" method=\"get\""),
        "{post}"
    );
    assert!(post.contains("name=\"q\""));
}

// ---------------------------------------------------------------------------------------------
// The browser test (tools: the same skip-or-fail rule as quality.rs)
// ---------------------------------------------------------------------------------------------

use crate::quality::require;

/// Runs search-check.mjs with `job`; kills it after `timeout`.
fn search_check(job: &Value, timeout: Duration) -> Value {
    let mut child = Command::new("node")
        .arg(SEARCH_CHECK)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(job.to_string().as_bytes())
        .expect("write the job");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > timeout {
            // SIGTERM first: the script then kills its chromium.
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            std::thread::sleep(Duration::from_secs(5));
            let _ = child.kill();
            let _ = child.wait();
            panic!("search-check did not finish in {} s", timeout.as_secs());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    let last = stdout.lines().last().unwrap_or("");
    let result: Value = serde_json::from_str(last).unwrap_or_else(|e| {
        panic!("search-check printed no result ({e}).\nstdout:\n{stdout}\nstderr:\n{stderr}")
    });
    if result["ok"] != true {
        panic!(
            "search-check failed: {}\nstderr:\n{stderr}\nchromium:\n{}",
            result["error"],
            result["chromium_stderr"].as_str().unwrap_or("")
        );
    }
    result
}

/// Serves `root` on 127.0.0.1 under the URL prefix `prefix` (`/5-nam/`) until the process
/// ends; returns the port.
fn serve(root: PathBuf, prefix: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("addr").port();
    crate::quality::serve_folder(listener, root, prefix);
    port
}

/// The Vietnamese "no results" message for `q`, from the theme's strings.
fn no_results_message(q: &str) -> String {
    let text =
        std::fs::read_to_string(repo().join("themes/default/i18n/vi.yaml")).expect("vi.yaml");
    let strings: BTreeMap<String, String> = serde_yaml::from_str(&text).expect("vi.yaml");
    strings["search_none"].replace("{q}", q)
}

#[test]
fn header_box_finds_hai_long_first_and_says_when_nothing_matches() {
    if !require("node") || !require("chromium") {
        return;
    }
    // The bundled site, under a sub-path, as it would be published.
    let dir = crate::support::process_dir("search-site");
    let public = dir.join("public");
    let listener_port = serve(public.clone(), "/5-nam/");
    let base = format!("http://127.0.0.1:{listener_port}/5-nam/");
    let options = thidua::BuildOptions {
        root: repo().to_path_buf(),
        output: Some(public.clone()),
        base_url: Some(base.clone()),
        ..thidua::BuildOptions::default()
    };
    if let Err(e) = thidua::build(&options) {
        panic!("the bundled site does not build: {e:?}");
    }

    let status = "document.querySelector('[data-search-status]').textContent";
    let first_hit = "(() => { const h = document.querySelector('.search-hit'); if (!h) return null; \
        const a = h.querySelector('.search-hit-title a'); \
        return { title: a.textContent, href: a.getAttribute('href'), \
                 marks: Array.from(h.querySelectorAll('mark')).map(m => m.textContent) }; })()";
    let job = serde_json::json!({
        "chromium": CHROMIUM,
        "timeout_ms": 90000,
        "allowed_host": "127.0.0.1",
        "width": 1280,
        "height": 900,
        "steps": [
            {"do": "open", "url": base},
            {"do": "focus", "selector": "#header-q"},
            {"do": "type", "text": "hai long"},
            {"do": "key", "key": "Enter"},
            {"do": "wait", "until": "document.querySelector('.search-hit') !== null"},
            {"do": "eval", "expression": first_hit},
            {"do": "eval", "expression": status},
            {"do": "eval", "expression": "document.getElementById('search-q').value"},
            // Keyboard only: from the field, Tab reaches the button, then the first result.
            {"do": "focus", "selector": "#search-q"},
            {"do": "key", "key": "Tab"},
            {"do": "eval", "expression": "document.activeElement.getAttribute('type')"},
            {"do": "key", "key": "Tab"},
            {"do": "eval", "expression": "document.activeElement.closest('.search-hit') !== null && document.activeElement.tagName"},
            // A word that matches nothing, typed into the page's own field.
            {"do": "focus", "selector": "#search-q"},
            {"do": "eval", "expression": "document.getElementById('search-q').select()"},
            {"do": "type", "text": "xyzabc"},
            {"do": "key", "key": "Enter"},
            {"do": "wait", "until": format!("{status}.includes('xyzabc') && {status}")},
            {"do": "eval", "expression": "document.querySelectorAll('.search-hit').length"},
            {"do": "eval", "expression": "location.search"},
            {"do": "eval", "expression": "document.getElementById('search-results').getAttribute('aria-live')"},
        ],
    });
    let result = search_check(&job, Duration::from_secs(150));
    let steps = result["steps"].as_array().expect("steps");
    assert!(
        result["error"].is_null(),
        "{}\nsteps: {steps:#?}",
        result["error"]
    );
    let value = |i: usize| steps[i]["value"].clone();

    assert_eq!(
        steps[4]["url"],
        format!("{base}tim-kiem/?q=hai+long"),
        "the header form goes to the search page with ?q="
    );
    let first = value(5);
    assert_eq!(
        first["title"], "Người dân hài lòng với Tổ hướng dẫn, hỗ trợ tại Trung tâm",
        "first result: {first}"
    );
    assert_eq!(
        first["href"],
        "/5-nam/tin-tuc/nguoi-dan-hai-long-voi-to-huong-dan-ho-tro/"
    );
    let marks: Vec<&str> = first["marks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        marks.contains(&"hài") && marks.contains(&"lòng"),
        "{marks:?}"
    );
    assert!(
        value(6).as_str().unwrap().starts_with("Tìm thấy"),
        "{}",
        value(6)
    );
    assert_eq!(value(7), "hai long", "the field shows the query");
    assert_eq!(value(10), "submit");
    assert_eq!(value(12), "A");

    assert_eq!(value(17), no_results_message("xyzabc"));
    assert_eq!(value(18), 0);
    assert_eq!(value(19), "?q=xyzabc");
    assert_eq!(value(20), "polite");

    let list = |k: &str| result[k].as_array().cloned().unwrap_or_default();
    assert!(
        list("console_errors").is_empty(),
        "console errors: {:#?}",
        list("console_errors")
    );
    assert!(
        list("console_warnings").is_empty(),
        "console warnings (e.g. an unused preload): {:#?}",
        list("console_warnings")
    );
    assert!(
        list("external_requests").is_empty(),
        "requests to another host: {:#?}",
        list("external_requests")
    );
    assert!(
        list("failed_requests").is_empty() && list("http_errors").is_empty(),
        "failed requests: {:#?} {:#?}",
        list("failed_requests"),
        list("http_errors")
    );
    // Only the needed parts of the index were loaded.
    let requests: Vec<String> = list("requests")
        .iter()
        .filter_map(|r| r.as_str().map(str::to_owned))
        .collect();
    let metas = requests
        .iter()
        .filter(|r| r.ends_with("/5-nam/search/meta.json"))
        .count();
    assert_eq!(
        metas, 1,
        "meta.json is preloaded once and reused: {requests:#?}"
    );
    let shards = requests
        .iter()
        .filter(|r| r.contains("/search/idx-"))
        .count();
    assert!(
        (1..=4).contains(&shards),
        "{shards} shards loaded: {requests:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exact_diacritics_rank_first_and_title_matches_before_body_matches() {
    if !require("node") || !require("chromium") {
        return;
    }
    let s = TestSite::new();
    let port = serve(s.public(), "/");
    s.write(
        "site.yaml",
        &format!("title: \"Thử\"\nbase_url: \"http://127.0.0.1:{port}/\"\n"),
    );
    s.page(
        "content/tim-kiem/_index.md",
        "title: Tìm kiếm\ntemplate: search.html",
        "",
    );
    // Newest first on equal scores, so the order below is not an accident of dates.
    s.page(
        "content/a.md",
        "title: Xã Hai Long mùa lúa\ndate: 2023-01-03",
        "Tin xã.",
    );
    s.page(
        "content/b.md",
        "title: Khảo sát năm 2023\ndate: 2023-01-01",
        "Người dân hài lòng với thủ tục.",
    );
    s.page(
        "content/c.md",
        "title: Tin khác\ndate: 2023-01-02",
        "Xã Hai Long <b>hai</b> lần.",
    );
    s.build();
    let titles =
        "Array.from(document.querySelectorAll('.search-hit-title')).map(e => e.textContent)";
    let query = |q: &str| {
        serde_json::json!([
            {"do": "open", "url": format!("http://127.0.0.1:{port}/tim-kiem/?q={q}")},
            {"do": "wait", "until": "document.querySelector('[data-search-status]').textContent.includes('”')"},
            {"do": "eval", "expression": titles},
        ])
    };
    let mut steps = Vec::new();
    for q in ["h%C3%A0i+l%C3%B2ng", "hai+long", "HAI+LO"] {
        steps.extend(query(q).as_array().unwrap().iter().cloned());
    }
    let job = serde_json::json!({
        "chromium": CHROMIUM, "timeout_ms": 60000, "allowed_host": "127.0.0.1", "steps": steps,
    });
    let result = search_check(&job, Duration::from_secs(90));
    assert!(result["error"].is_null(), "{}", result["error"]);
    let got = |i: usize| result["steps"][i]["value"].clone();
    // "hài lòng": the exact spelling (in a body) before the unaccented title.
    assert_eq!(
        got(2),
        serde_json::json!(["Khảo sát năm 2023", "Xã Hai Long mùa lúa", "Tin khác"])
    );
    // "hai long", typed without diacritics: every spelling alike, so the title match first.
    assert_eq!(
        got(5),
        serde_json::json!(["Xã Hai Long mùa lúa", "Tin khác", "Khảo sát năm 2023"])
    );
    // Upper case, and the last word as a prefix.
    assert_eq!(
        got(8),
        serde_json::json!(["Xã Hai Long mùa lúa", "Tin khác", "Khảo sát năm 2023"])
    );
    assert!(
        result["console_errors"].as_array().unwrap().is_empty(),
        "{}",
        result["console_errors"]
    );
}
