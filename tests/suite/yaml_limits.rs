//! Issue 12, YAML limits: an alias bomb or deep nesting in a few KB of YAML is refused quickly,
//! with the file, line and column of the offending alias or node, wherever the YAML is (front
//! matter, a data file, site.yaml); ordinary anchors and aliases still work.

use std::time::{Duration, Instant};

use crate::support::{CONFIG, TestSite, text};

/// One anchor of 1,000 values referenced `n` times: 1,000 × `n` values once expanded.
fn bomb(n: usize) -> String {
    format!(
        "a: &x [{}]\nb: [{}]\n",
        vec!["1"; 1000].join(", "),
        vec!["*x"; n].join(", ")
    )
}

/// A place YAML can be: the file, its topic, the site, and the file line of the YAML's first line.
struct Place {
    file: &'static str,
    topic: &'static str,
    site: TestSite,
    first_line: usize,
}

/// `yaml` (top-level mapping lines) in front matter, as a data file and in site.yaml. The
/// limits are checked before the fields are, so unknown top-level keys are fine here.
fn places(yaml: &str) -> Vec<Place> {
    let front = TestSite::new();
    front.write(
        "content/a.md",
        &format!("---\ntitle: A\n{yaml}---\nNội dung.\n"),
    );
    let data = TestSite::new();
    data.write("content/_data/so_lieu.yaml", yaml);
    let site = TestSite::new();
    site.write("site.yaml", &format!("{CONFIG}{yaml}"));
    vec![
        Place {
            file: "content/a.md",
            topic: "front matter",
            site: front,
            first_line: 3,
        },
        Place {
            file: "content/_data/so_lieu.yaml",
            topic: "data",
            site: data,
            first_line: 1,
        },
        Place {
            file: "site.yaml",
            topic: "config",
            site,
            first_line: 3,
        },
    ]
}

/// Builds each place with the library: exactly one error, `{at}: {topic}: {message}`, where
/// `at` is `line:col` in `yaml` moved down to its line in the file, in well under a second (debug build).
fn assert_refused_quickly(yaml: &str, (line, col): (usize, usize), message: &str) {
    for p in places(yaml) {
        let want = format!(
            "{}:{}:{}: {}: {message}",
            p.file,
            line + p.first_line - 1,
            col,
            p.topic
        );
        let started = Instant::now();
        let errors = p.site.build_errors();
        let took = started.elapsed();
        assert_eq!(errors, [want], "{}", p.file);
        assert!(took < Duration::from_secs(1), "{}: {took:?}", p.file);
    }
}

#[test]
fn yaml_limits_give_located_errors_quickly() {
    let too_large = "the alias \"*x\" makes the data too large: aliases may add at most 200000 values \
                     (write the values out, or use fewer aliases)";
    let too_deep = "the data is nested more than 64 levels deep \
                    (put fewer lists and mappings inside each other)";
    let chain = {
        // Billion laughs: each anchor holds nine aliases of the one before.
        let mut y = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..30 {
            let prev = format!("*a{}", i - 1);
            y.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                [prev.as_str(); 9].join(", ")
            ));
        }
        y
    };
    let cases: [(&str, String, (usize, usize), &str); 7] = [
        // The 200th `*x` (column 5 + 4 × 199) takes the expansion past 200,000 values.
        ("one anchor, 1,000 aliases", bomb(1000), (2, 801), too_large),
        (
            "one anchor, 6,000 aliases (27 KB)",
            bomb(6000),
            (2, 801),
            too_large,
        ),
        // a4 holds 66,430 values; the second `*a4` in a5 takes the total past 200,000.
        (
            "nested anchors",
            chain,
            (6, 15),
            &too_large.replace("*x", "*a4"),
        ),
        // saphyr cannot read this (it stops at 255 levels), so brackets are counted alone: the
        // 65th `[` is the one reported.
        (
            "200 KB of [",
            format!("x: {}\n", "[".repeat(200_000)),
            (1, 68),
            too_deep,
        ),
        (
            "200 KB of {",
            format!("x: {}\n", "{".repeat(200_000)),
            (1, 68),
            too_deep,
        ),
        // The top-level mapping is level 1: the 64th `[` opens level 65.
        (
            "deep but closed",
            format!("x: {}{}\n", "[".repeat(100), "]".repeat(100)),
            (1, 67),
            too_deep,
        ),
        (
            "an alias that goes deeper",
            format!("d: &d {}{}\ne: [*d]\n", "[".repeat(63), "]".repeat(63)),
            (2, 5),
            too_deep,
        ),
    ];
    for (name, yaml, at, message) in cases {
        eprintln!("case: {name}");
        assert_refused_quickly(&yaml, at, message);
    }
}

#[test]
fn ordinary_anchors_and_aliases_still_work() {
    let s = TestSite::new();
    s.write(
        "templates/index.html",
        "{% for q in data.quay.ds %}{{ q.ten }}/{{ q.gio.mo }}-{{ q.gio.dong }};{% endfor %}",
    );
    s.write(
        "content/_data/quay.yaml",
        "gio: &gio {mo: \"7:30\", dong: \"17:00\"}\nds:\n  - {ten: Sở Tư pháp, gio: *gio}\n  - {ten: Sở Xây dựng, gio: *gio}\n",
    );
    s.build();
    assert_eq!(
        s.read("index.html"),
        "Sở Tư pháp/7:30-17:00;Sở Xây dựng/7:30-17:00;"
    );
}

#[test]
fn yaml_limit_messages_in_both_languages() {
    let s = TestSite::new();
    s.write("content/_data/a.yaml", &bomb(1000));
    s.write(
        "content/_data/b.yaml",
        &format!("x: {}\n", "[".repeat(1000)),
    );
    s.write("content/_data/c.yaml", "a: &r [1, *r]\n");
    let en = "content/_data/a.yaml:2:801: data: the alias \"*x\" makes the data too large: aliases may add at most 200000 values (write the values out, or use fewer aliases)\n\
              content/_data/b.yaml:1:68: data: the data is nested more than 64 levels deep (put fewer lists and mappings inside each other)\n\
              content/_data/c.yaml:1:11: data: the alias \"*r\" is inside the value it refers to\n\
              Build failed: 3 errors in 3 files. public/ was not changed.\n";
    let vi = "content/_data/a.yaml:2:801: data: bí danh \"*x\" làm dữ liệu quá lớn: các bí danh chỉ được thêm tối đa 200000 giá trị (hãy viết thẳng các giá trị ra, hoặc dùng ít bí danh hơn)\n\
              content/_data/b.yaml:1:68: data: dữ liệu lồng nhau sâu quá 64 cấp (hãy bớt lồng danh sách và bảng vào nhau)\n\
              content/_data/c.yaml:1:11: data: bí danh \"*r\" nằm bên trong chính giá trị mà nó trỏ tới\n\
              Dựng trang thất bại: 3 lỗi trong 3 tệp. public/ không bị thay đổi.\n";
    let out = s.cli(&["--lang", "en", "build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out).1, en);
    let out = s.cli(&["--lang", "vi", "build"]);
    assert_eq!(text(&out).1, vi);
}
