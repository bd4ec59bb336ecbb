//! The five-year highlights ("kết quả nổi bật", content/_data/highlights.yaml): cumulative
//! figures written the Vietnamese way, each a count or a rate computed from its numerator and
//! denominator, marked as sample data once per page while they are, on the home page and on
//! the page "Kết quả nổi bật và bài học kinh nghiệm". (The plan as a page and a download:
//! tests/suite/posts.rs.)

use crate::quality;

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

/// The `<main>` of a built page, as text.
fn main_text(html: &str) -> String {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>");
    text_of(&html[start..end])
}

const HIGHLIGHTS: &str = "sample: false\ntitle: \"Kết quả nổi bật sau 05 năm\"\nperiod:\n  from: \"2019-01-17\"\n  to: \"2023-10-31\"\nitems:\n  - label: \"hồ sơ được tiếp nhận\"\n    value: 1234567\n  - label: \"hồ sơ trả đúng hạn\"\n    numerator: 1\n    denominator: 3\n    of: \"hồ sơ đã giải quyết\"\n  - label: \"hồ sơ trực tuyến\"\n    numerator: 0\n    denominator: 0\n";

#[test]
fn highlights_are_computed_and_written_the_vietnamese_way() {
    let s = crate::support::TestSite::new();
    s.write("content/_data/highlights.yaml", HIGHLIGHTS);
    s.page(
        "content/noi-bat.md",
        "title: Kết quả nổi bật\nextra:\n  highlights: true",
        "Bài học.",
    );
    s.build();
    let page = main_text(&s.read("noi-bat/index.html"));
    for expected in [
        "Kết quả nổi bật sau 05 năm",
        "Cộng dồn từ 17/01/2019 đến 31/10/2023",
        "1.234.567 hồ sơ được tiếp nhận",
        "33,33% hồ sơ trả đúng hạn 1/3 hồ sơ đã giải quyết",
        // No dossiers yet: no rate, rather than a division by zero.
        "— hồ sơ trực tuyến",
        "Bài học.",
    ] {
        assert!(
            page.contains(expected),
            "{expected:?} is missing from:\n{page}"
        );
    }
    // Real figures (sample: false) carry no sample notice.
    assert!(!page.contains("DỮ LIỆU MẪU"), "{page}");

    // Sample figures: the notice, once.
    s.write(
        "content/_data/highlights.yaml",
        &HIGHLIGHTS.replace("sample: false", "sample: true"),
    );
    s.build();
    let page = main_text(&s.read("noi-bat/index.html"));
    assert_eq!(page.matches("DỮ LIỆU MẪU").count(), 1, "{page}");
}

#[test]
fn a_count_written_with_thousands_dots_stops_the_build() {
    // YAML reads 119.960 as 119,96, which would show as "120".
    let s = crate::support::TestSite::new();
    s.write(
        "content/_data/highlights.yaml",
        &HIGHLIGHTS.replace("value: 1234567", "value: 119.960"),
    );
    s.page(
        "content/noi-bat.md",
        "title: Kết quả nổi bật\nextra:\n  highlights: true",
        "",
    );
    let errors = s.build_errors().join("\n");
    assert!(
        errors.contains("items[0].value = 119.96 không phải số nguyên")
            && errors.contains("119960 chứ không viết 119.960"),
        "{errors}"
    );
}

#[test]
fn the_bundled_home_page_and_the_lessons_page_show_the_five_year_highlights() {
    let site = quality::site();
    let read = |rel: &str| {
        std::fs::read_to_string(site.public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let home = read("index.html");
    let text = main_text(&home);
    for expected in [
        "Kết quả nổi bật sau 05 năm",
        "119.960 hồ sơ thủ tục hành chính được tiếp nhận",
        "99,54% hồ sơ được trả đúng hạn và trước hạn",
        "Kết quả đợt thi đua",
    ] {
        assert!(text.contains(expected), "home lacks {expected:?}:\n{text}");
    }
    assert_eq!(text.matches("DỮ LIỆU MẪU").count(), 1, "{text}");
    assert!(
        home.contains(r#"gioi-thieu/ket-qua-noi-bat/">"#),
        "home does not link to the highlights page"
    );

    let lessons = main_text(&read("gioi-thieu/ket-qua-noi-bat/index.html"));
    for expected in [
        "118.870/119.420 hồ sơ đã giải quyết",
        "Bài học kinh nghiệm",
        "Kế hoạch không liệt kê sẵn các bài học",
    ] {
        assert!(
            lessons.contains(expected),
            "the lessons page lacks {expected:?}:\n{lessons}"
        );
    }
    assert_eq!(lessons.matches("DỮ LIỆU MẪU").count(), 1, "{lessons}");
    // Listed under Giới thiệu.
    assert!(
        read("gioi-thieu/index.html").contains("/gioi-thieu/ket-qua-noi-bat/"),
        "Giới thiệu does not list the page"
    );
}
