use std::collections::HashSet;

use super::*;

fn resolver(path: &str) -> Resolved {
    let (file, frag) = path.split_once('#').unwrap_or((path, ""));
    let frag = if frag.is_empty() {
        String::new()
    } else {
        format!("#{frag}")
    };
    match file {
        "tin-tuc/a.md" => Resolved::Url(format!("/tin-tuc/a/{frag}")),
        "tin-tuc/nhap.md" => Resolved::Warn(
            "/tin-tuc/nhap/".into(),
            crate::render::held_message(file, crate::site::Held::Draft),
        ),
        _ => Resolved::Missing(crate::msg!("page \"{}\" does not exist", file)),
    }
}

fn run(md: &str) -> (Rendered, Vec<String>) {
    let (r, d) = render(
        MarkdownInput {
            markdown: md,
            file: "content/b.md",
            body_line: 5,
            sub_path: "/",
        },
        &resolver,
    );
    (r, d.iter().map(ToString::to_string).collect())
}

#[test]
fn a_heading_over_several_lines_keeps_the_space_between_them() {
    let (r, _) = run("Kết quả\nđạt được\n--------\n");
    assert!(
        r.html
            .contains("<h2 id=\"ket-qua-dat-duoc\">Kết quả\nđạt được</h2>"),
        "{}",
        r.html
    );
    assert_eq!(r.toc.len(), 1);
    assert_eq!(r.toc[0].title, "Kết quả đạt được");
    assert_eq!(r.toc[0].id, "ket-qua-dat-duoc");
}

#[test]
fn internal_links_resolve_and_report_at_file_lines() {
    let (r, d) = run("Xem [bài A](@/tin-tuc/a.md#muc-1).\n\nVà [lỗi](@/tin-tuc/khong-co.md).\n");
    assert!(
        r.html.contains(r#"<a href="/tin-tuc/a/#muc-1">bài A</a>"#),
        "{}",
        r.html
    );
    assert_eq!(
        d,
        vec!["content/b.md:7:4: link: page \"tin-tuc/khong-co.md\" does not exist"]
    );
}

#[test]
fn heading_ids_are_vietnamese_slugs_and_unique() {
    let (r, _) = run("## Kết quả đạt được\n\n## Kết quả đạt được\n\n### Chi tiết {#rieng}\n");
    assert!(
        r.html.contains(r#"<h2 id="ket-qua-dat-duoc">"#),
        "{}",
        r.html
    );
    assert!(r.html.contains(r#"<h2 id="ket-qua-dat-duoc-2">"#));
    assert!(r.html.contains(r#"<h3 id="rieng">"#));
    assert_eq!(r.toc.len(), 2);
    assert_eq!(r.toc[1].children[0].title, "Chi tiết");
}

/// Ids as the first version gave them (tries `base`, `base-2`, `base-3`… from the start
/// every time): the linear [`HeadingIds`] must give exactly the same.
fn ids_as_before(bases: &[&str]) -> Vec<String> {
    let mut used = HashSet::new();
    bases
        .iter()
        .map(|base| {
            let mut unique = base.to_string();
            let mut n = 1;
            while !used.insert(unique.clone()) {
                n += 1;
                unique = format!("{base}-{n}");
            }
            unique
        })
        .collect()
}

#[test]
fn heading_ids_stay_as_they_were() {
    let cases: [&[&str]; 5] = [
        &["tieu-de", "tieu-de", "tieu-de"],
        // A heading whose own text is "Tiêu đề 2" takes tieu-de-2 first.
        &["tieu-de", "tieu-de-2", "tieu-de", "tieu-de"],
        &["tieu-de-2", "tieu-de", "tieu-de", "tieu-de-3", "tieu-de"],
        &["tieu-de", "tieu-de", "tieu-de-2", "tieu-de-2", "tieu-de"],
        &["a", "a-2", "a-2-2", "a", "a-2", "a", "muc", "muc"],
    ];
    for bases in cases {
        let mut ids = HeadingIds::default();
        let got: Vec<String> = bases.iter().map(|b| ids.claim(b.to_string())).collect();
        assert_eq!(got, ids_as_before(bases), "{bases:?}");
    }
    let (r, _) = run("## Tiêu đề\n\n## Tiêu đề 2\n\n## Tiêu đề\n\n## Tiêu đề\n");
    let ids: Vec<&str> = r.toc.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["tieu-de", "tieu-de-2", "tieu-de-3", "tieu-de-4"]);
}

#[test]
fn summary_is_cut_at_more() {
    let (r, _) = run("Mở đầu.\n\n<!-- more -->\n\nPhần sau.\n");
    assert_eq!(r.summary.as_deref(), Some("<p>Mở đầu.</p>\n"));
    assert!(r.html.contains("Phần sau."));
    let s = summary(
        MarkdownInput {
            markdown: "Mở đầu.\n\n<!-- more -->\n\nSau.",
            file: "f",
            body_line: 1,
            sub_path: "/",
        },
        &resolver,
    );
    assert_eq!(s.as_deref(), Some("<p>Mở đầu.</p>\n"));
}

#[test]
fn more_inside_code_is_not_a_cut() {
    let md = "Mở đầu.\n\n```html\n<!-- more -->\n```\n\nTiếp.\n";
    let s = summary(
        MarkdownInput {
            markdown: md,
            file: "f",
            body_line: 1,
            sub_path: "/",
        },
        &resolver,
    );
    assert_eq!(s, None);
    assert_eq!(
        find_more("a\n~~~~\n<!-- more -->\n~~~\nstill code\n~~~~\n<!-- more -->\n"),
        Some(41)
    );
}

#[test]
fn extensions_are_on() {
    let (r, _) = run(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~ \"mới\" [^1]\n\n- [x] xong\n\n[^1]: Chú thích.\n",
    );
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>cũ</del>"));
    assert!(r.html.contains("“mới”"));
    assert!(
        r.html
            .contains("<li><span class=\"task-marker done\">☑</span> xong</li>"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<input"));
    assert!(r.html.contains("footnote-definition"));
}

#[test]
fn raw_html_is_kept() {
    let (r, _) = run("<div class=\"ghi-chu\">Giữ nguyên</div>\n");
    assert!(r.html.contains("<div class=\"ghi-chu\">Giữ nguyên</div>"));
}

/// Authors are trusted staff: raw HTML passes through as written, `<script>` and
/// `javascript:` included (pulldown-cmark does not filter it, and neither does thidua);
/// only Markdown's own links are checked.
#[test]
fn raw_html_is_not_filtered_but_markdown_links_are() {
    let (r, d) =
        run("<a href=\"javascript:x()\">a</a> [b](javascript:y())\n\n<script>z()</script>\n");
    assert!(
        r.html.contains("<a href=\"javascript:x()\">a</a>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<a href=\"#\">b</a>"), "{}", r.html);
    assert!(r.html.contains("<script>z()</script>"), "{}", r.html);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].starts_with("content/b.md:5:32: warning: link:"),
        "{d:?}"
    );
}
