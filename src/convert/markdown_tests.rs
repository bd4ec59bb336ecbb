//! The writer's promise: what it writes renders back to the same words and the same
//! emphasis, however the text is made (checked by rendering with pulldown-cmark and
//! comparing with the HTML the tree itself stands for).

use super::*;
use crate::convert::model::{Block, Inline};

/// Texts that look like Markdown: each must come back as the same words.
const TRICKY: &[&str] = &[
    "1. Không phải danh sách",
    "2) cũng không",
    "- gạch đầu dòng tự gõ",
    "+ cộng",
    "# không phải tiêu đề",
    "###### sáu",
    "> không phải trích dẫn",
    "---",
    "===",
    "- - -",
    "*sao* và **hai sao**",
    "_gạch_ và snake_case_name",
    "[ngoặc](x.html) và [^1]",
    "<b>thẻ</b> <!-- chú thích --> <https://x.vn>",
    "&amp; thực thể &copy; &#123; và AT&T",
    "a\\b \\* c",
    "`mã` và ```ba```",
    "~~gạch~~ ~một~",
    "| a | b |",
    "![ảnh](x.png)",
    "Năm 2023. Tốt 1.5 triệu 2023.",
    "5 * 3 = 15 và 4 _ 2",
    "#hashtag và {#id}",
    "123456789. chín chữ số",
    "    bốn dấu cách đầu dòng",
];

fn html_of_inlines(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) => out.push_str(&escape_html(t)),
            Inline::Strong(c) => out.push_str(&format!("<strong>{}</strong>", html_of_inlines(c))),
            Inline::Emph(c) => out.push_str(&format!("<em>{}</em>", html_of_inlines(c))),
            Inline::Link { href, content } => out.push_str(&format!(
                "<a href=\"{}\">{}</a>",
                escape_html(href),
                html_of_inlines(content)
            )),
            Inline::Image { src, alt } => out.push_str(&format!(
                "<img src=\"{}\" alt=\"{}\" />",
                escape_html(src),
                escape_html(alt)
            )),
            Inline::Break => out.push_str("<br />\n"),
        }
    }
    out
}

fn escape_html(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn render(md: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(md, options));
    out
}

fn text(t: &str) -> Inline {
    Inline::Text(t.to_string())
}

fn paragraph_round_trip(inlines: Vec<Inline>) {
    let md = to_markdown(&[Block::Paragraph(inlines.clone())]);
    let tidied = tidy(&inlines);
    let mut expected_inner = html_of_inlines(&tidied);
    expected_inner = expected_inner.trim().to_string();
    let expected = format!("<p>{expected_inner}</p>\n");
    // Inline HTML the writer chose (`<strong>` where `**` cannot work) renders as itself.
    assert_eq!(render(&md), expected, "markdown was:\n{md}");
}

#[test]
fn tricky_texts_render_back_to_themselves() {
    for t in TRICKY {
        paragraph_round_trip(vec![text(t)]);
        // After a line break, the text starts a line too.
        paragraph_round_trip(vec![text("trước"), Inline::Break, text(t.trim_start())]);
    }
}

#[test]
fn tricky_texts_in_headings_and_cells() {
    for t in TRICKY {
        let md = to_markdown(&[Block::Heading(2, vec![text(t)])]);
        let expected = format!("<h2>{}</h2>\n", escape_html(t.trim()));
        assert_eq!(render(&md), expected, "markdown was:\n{md}");
        let md = to_markdown(&[Block::Table(vec![
            vec![vec![text("A")], vec![text("B")]],
            vec![vec![text(t)], vec![text("x")]],
        ])]);
        let html = render(&md);
        assert!(
            html.contains(&format!("<td>{}</td>", escape_html(t.trim()))),
            "markdown was:\n{md}\nhtml:\n{html}"
        );
    }
}

#[test]
fn emphasis_survives_its_neighbours() {
    let strong = |t: &str| Inline::Strong(vec![text(t)]);
    let emph = |t: &str| Inline::Emph(vec![text(t)]);
    paragraph_round_trip(vec![text("tỉnh"), strong("“Lạng Sơn”"), text("năm")]);
    paragraph_round_trip(vec![text("a "), strong(" b "), text(" c")]);
    paragraph_round_trip(vec![
        strong("Đậm"),
        strong("liền"),
        text(" và "),
        emph("nghiêng"),
    ]);
    paragraph_round_trip(vec![
        strong("đậm "),
        Inline::Strong(vec![emph("đậm nghiêng")]),
        text("."),
    ]);
    paragraph_round_trip(vec![text("x"), emph("(ghi chú)"), text("y")]);
    paragraph_round_trip(vec![Inline::Link {
        href: "https://langson.gov.vn/".into(),
        content: vec![strong("Cổng"), text(" thông tin")],
    }]);
    // An address with spaces and brackets (a Windows path, a badly typed link) stays whole.
    let md = to_markdown(&[Block::Paragraph(vec![Inline::Link {
        href: "https://x.vn/a b(c)".into(),
        content: vec![text("x")],
    }])]);
    assert_eq!(
        render(&md),
        "<p><a href=\"https://x.vn/a%20b%28c%29\">x</a></p>\n"
    );
}

#[test]
fn lists_nest_and_stay_apart() {
    let item = |t: &str| vec![Block::Paragraph(vec![text(t)])];
    let md = to_markdown(&[
        Block::List {
            ordered: false,
            items: vec![
                vec![
                    Block::Paragraph(vec![text("một")]),
                    Block::List {
                        ordered: true,
                        items: vec![item("1. hai")],
                    },
                ],
                item("ba"),
            ],
        },
        Block::List {
            ordered: false,
            items: vec![item("bốn")],
        },
    ]);
    assert_eq!(md, "- một\n  1. 1\\. hai\n- ba\n\n<!-- -->\n\n- bốn\n");
    let html = render(&md);
    assert_eq!(html.matches("<ul>").count(), 2, "{html}");
    assert!(html.contains("<ol>\n<li>1. hai</li>\n</ol>"), "{html}");
}
