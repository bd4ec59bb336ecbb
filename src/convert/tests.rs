//! Unit tests of the conversions.

use super::*;

#[test]
fn simple_word_html() {
    let md =
        word_html_to_markdown("<p class=MsoNormal><b>Đậm</b> và <i>nghiêng</i><o:p></o:p></p>");
    assert_eq!(md, "**Đậm** và *nghiêng*\n");
}

/// A `.docx` holding `body` (the inside of `w:body`) and the given extra parts.
pub(crate) fn docx(body: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}</w:body></w:document>"#
    );
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
        ("word/document.xml", document.as_bytes()),
    ];
    parts.extend_from_slice(extra);
    for (name, data) in parts {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(data).expect("zip write");
    }
    zip.finish().expect("zip finish");
    out.into_inner()
}

#[test]
fn simple_docx() {
    let body = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Đậm</w:t></w:r><w:r><w:t xml:space="preserve"> và </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>nghiêng</w:t></w:r></w:p>"#;
    let post = docx_to_post(&docx(body, &[])).expect("a docx");
    assert_eq!(post.markdown, "**Đậm** và *nghiêng*\n");
    assert_eq!(post.title, None);
}

#[test]
fn word_365_clipboard_fixture() {
    let md = word_html_to_markdown(include_str!("testdata/word-365.html"));
    let expected = "\
## Báo cáo tổng kết phong trào thi đua

## Kết quả nổi bật

Sau năm năm, Trung tâm Phục vụ hành chính công tỉnh **Lạng Sơn** đã tiếp nhận **125.000 hồ sơ**, *đúng hạn* **99,71%**.

### Các việc đã làm

- Tiếp nhận hồ sơ trực tuyến
  - qua Cổng dịch vụ công
- Trả kết quả tại nhà

1. Rà soát thủ tục
2. Đánh giá [mức độ hài lòng](https://dichvucong.langson.gov.vn/)

Theo Quyết định số 123/QĐ-UBND \\[kèm theo\\] và mục \\* ghi chú_1

| Chỉ tiêu | Kết quả |
| --- | --- |
| Hồ sơ đúng hạn (cả năm \\| trực tuyến) | 99,71% |

![Lễ trao giải](file:///C:/Users/ADMINI~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg)

Người dân hài lòng đạt 98%.
";
    assert_eq!(md, expected);
    assert_eq!(
        html_image_sources(include_str!("testdata/word-365.html")),
        ["file:///C:/Users/ADMINI~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg"]
    );
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

#[test]
fn docx_title_style_fields_tracked_changes_and_breaks() {
    let styles = br#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:style w:type="paragraph" w:styleId="Tiu"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="Kieu1"><w:name w:val="Kieu rieng"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Kieu2"><w:name w:val="Kieu con"/><w:basedOn w:val="Kieu1"/></w:style>
        <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
    </w:styles>"#;
    let body = [
        format!(r#"<w:p><w:pPr><w:pStyle w:val="Tiu"/></w:pPr>{}</w:p>"#, r("Báo cáo năm 2023")),
        format!(r#"<w:p><w:pPr><w:pStyle w:val="Kieu2"/></w:pPr>{}</w:p>"#, r("Phần một")),
        p(&format!(
            r#"{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://langson.gov.vn/" \o "Cổng" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>{}"#,
            r("Xem "),
            r("cổng tỉnh"),
            r(".")
        )),
        p(&format!(
            r#"{}<w:del><w:r><w:delText>chữ đã xóa</w:delText></w:r></w:del><w:ins><w:r><w:t>chữ thêm</w:t></w:r></w:ins>{}<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>đậm</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"#,
            r("Có "),
            r(" và ")
        )),
        p(&format!(r#"{}<w:r><w:br/><w:t>dòng hai</w:t><w:tab/><w:t>sau tab</w:t></w:r>"#, r("Dòng một"))),
        p(&format!(r#"<w:r><w:t>trang một</w:t><w:br w:type="page"/></w:r>{}"#, r("trang hai"))),
        p(&r("  ")),
    ]
    .concat();
    let post = docx_to_post(&docx(&body, &[("word/styles.xml", styles)])).expect("docx");
    assert_eq!(post.title.as_deref(), Some("Báo cáo năm 2023"));
    assert_eq!(
        post.markdown,
        "## Phần một\n\n\
         Xem [cổng tỉnh](https://langson.gov.vn/).\n\n\
         Có chữ thêm và **đậm**\n\n\
         Dòng một\\\ndòng hai sau tab\n\n\
         trang mộttrang hai\n"
    );
}

#[test]
fn docx_numbered_nested_lists_and_merged_cells() {
    let numbering = br#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
        <w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>
    </w:numbering>"#;
    let item = |level: u8, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr></w:pPr>{}</w:p>"#,
            r(text)
        )
    };
    let tc =
        |props: &str, text: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(&r(text)));
    let body = [
        item(0, "Một"),
        item(1, "một a"),
        item(1, "một b"),
        item(0, "Hai"),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc(r#"<w:gridSpan w:val="2"/>"#, "Đơn vị"),
            tc("", "Điểm"),
            tc(r#"<w:vMerge w:val="restart"/>"#, "Khối A"),
            tc("", "Phòng 1"),
            tc("", "98"),
            tc("<w:vMerge/>", "bỏ"),
            tc("", "Phòng 2"),
            tc("", "97"),
        ),
    ]
    .concat();
    let post = docx_to_post(&docx(&body, &[("word/numbering.xml", numbering)])).expect("docx");
    assert_eq!(
        post.markdown,
        "1. Một\n   - một a\n   - một b\n2. Hai\n\n\
         | Đơn vị | | Điểm |\n| --- | --- | --- |\n| Khối A | Phòng 1 | 98 |\n| | Phòng 2 | 97 |\n"
    );
}

#[test]
fn docx_images_named_in_order_and_unshowable_ones_left_out() {
    let rels =
        br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="image" Target="media/image1.jpeg"/>
        <Relationship Id="rId2" Type="image" Target="media/image2.emf"/>
        <Relationship Id="rId3" Type="image" Target="/word/media/image3.png"/>
    </Relationships>"#;
    let pic = |id: &str, descr: &str| {
        format!(
            r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="x" descr="{descr}"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="{id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        )
    };
    let body = [
        p(&pic("rId3", "Ảnh [một]")),
        p(&pic("rId2", "hình vẽ")),
        p(&(pic("rId1", "") + &pic("rId3", "lại"))),
    ]
    .concat();
    let post = docx_to_post(&docx(
        &body,
        &[
            ("word/_rels/document.xml.rels", rels),
            ("word/media/image1.jpeg", b"\xFF\xD8\xFFjpeg"),
            ("word/media/image2.emf", b"emf"),
            ("word/media/image3.png", b"\x89PNGpng"),
        ],
    ))
    .expect("docx");
    assert_eq!(
        post.markdown,
        "![Ảnh \\[một\\]](anh-1.png)\n\n![](anh-2.jpg)![lại](anh-1.png)\n"
    );
    let names: Vec<&str> = post.images.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["anh-1.png", "anh-2.jpg"]);
    assert_eq!(post.images[1].1, b"\xFF\xD8\xFFjpeg");
}

#[test]
fn docx_errors() {
    assert!(matches!(
        docx_to_post(b"not a zip"),
        Err(ConvertError::NotZip { old_doc: false })
    ));
    let big = vec![0u8; usize::try_from(MAX_FILE).unwrap_or(0) + 1];
    assert!(matches!(
        docx_to_post(&big),
        Err(ConvertError::TooLarge { .. })
    ));
    let bad = docx("<w:p><w:r><w:t>a</w:r></w:p>", &[]);
    let Err(ConvertError::Xml { part, line, .. }) = docx_to_post(&bad) else {
        panic!("expected an XML error");
    };
    assert_eq!((part.as_str(), line), ("word/document.xml", 2));
    // A DTD (the billion laughs) is refused, not expanded.
    let laughs = docx("", &[("word/styles.xml", br#"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:styles>&b;</w:styles>"#)]);
    assert!(matches!(
        docx_to_post(&laughs),
        Err(ConvertError::Xml { .. })
    ));
}

#[test]
fn google_docs_and_web_pages() {
    // Google Docs wraps everything in a <b> that is not bold.
    let gdocs = r#"<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b"><p dir="ltr" style="line-height:1.38;margin-top:0pt"><span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:400;">Văn bản thường và </span><span style="font-size:11pt;font-weight:700;">đậm</span></p><ul style="margin-top:0;"><li dir="ltr"><p dir="ltr"><span>mục một</span></p></li><li><p><span>mục hai</span></p><ol><li>con</li></ol></li></ul></b><br class="Apple-interchange-newline">"#;
    assert_eq!(
        word_html_to_markdown(gdocs),
        "Văn bản thường và **đậm**\n\n- mục một\n- mục hai\n  1. con\n"
    );
    let web = "Version:0.9\r\nStartHTML:0000000105\r\n<html><body><!--StartFragment--><h2>Tin <b>mới</b></h2>\
        <p>Dòng một<br>dòng hai<br></p><p>&nbsp;</p><blockquote><p>Trích dẫn</p></blockquote>\
        <pre>mã  giữ\n  nguyên</pre><p><a href=\"javascript:alert(1)\">không link</a> \
        <a href=\"#muc-1\">mục lục</a> <a href=\"mailto:tt@langson.gov.vn\">thư</a></p><hr>\
        <script>alert(1)</script><p><u>gạch dưới</u> <s>gạch</s> H<sub>2</sub>O</p><!--EndFragment--></body></html>";
    assert_eq!(
        word_html_to_markdown(web),
        "## Tin mới\n\nDòng một\\\ndòng hai\n\n> Trích dẫn\n\n```\nmã  giữ\n  nguyên\n```\n\n\
         không link mục lục [thư](mailto:tt@langson.gov.vn)\n\n---\n\ngạch dưới gạch H2O\n"
    );
}

#[test]
fn tables_that_are_not_simple_degrade_readably() {
    let html = "<table><tr><th colspan=2>Đơn vị</th><th>Điểm</th></tr>\
        <tr><td rowspan=2>Khối A</td><td><p>Phòng 1</p><ul><li>tổ 1</li><li>tổ 2</li></ul></td><td>98</td></tr>\
        <tr><td>Phòng 2<table><tr><td>lồng</td><td>nhau</td></tr></table></td><td>97</td></tr></table>\
        <table><tr><td><p>Khung một ô</p><p>đoạn hai</p></td></tr></table>\
        <table><tr><td>&nbsp;</td></tr><tr><td></td></tr></table>";
    assert_eq!(
        word_html_to_markdown(html),
        "| Đơn vị | | Điểm |\n| --- | --- | --- |\n| Khối A | Phòng 1 tổ 1 tổ 2 | 98 |\n| | Phòng 2 lồng nhau | 97 |\n\n\
         Khung một ô\n\nđoạn hai\n"
    );
}

#[test]
fn word_headings_by_class_and_outline_level() {
    let html = "<p class=MsoTitle>Tên</p><p class=MsoHeading2><b>Hai</b></p>\
        <p class=MsoNormal style='mso-outline-level:3'>Ba</p><h4>Bốn <i>nghiêng</i></h4>";
    // No level-1 heading but the title: all shift down one.
    assert_eq!(
        word_html_to_markdown(html),
        "## Tên\n\n### Hai\n\n#### Ba\n\n##### Bốn *nghiêng*\n"
    );
    let post = html_to_post(html, &mut |s| Some(s.to_string()));
    assert_eq!(post.title.as_deref(), Some("Tên"));
    assert_eq!(post.markdown, "## Hai\n\n### Ba\n\n#### Bốn *nghiêng*\n");
}

#[test]
fn pasted_images_are_renamed_or_left_out() {
    let html = r#"<p>Ảnh <img src="file:///C:/Users/Nguyễn Văn A/clip_image002.jpg" alt="một"> và <img src="https://x.vn/b.png" alt="hai"></p>"#;
    assert_eq!(
        html_image_sources(html),
        [
            "file:///C:/Users/Nguyễn Văn A/clip_image002.jpg",
            "https://x.vn/b.png"
        ]
    );
    assert_eq!(
        word_html_to_markdown(html),
        "Ảnh ![một](file:///C:/Users/Nguyễn%20Văn%20A/clip_image002.jpg) và ![hai](https://x.vn/b.png)\n"
    );
    let mut n = 0;
    let md = word_html_to_markdown_with_images(html, &mut |src| {
        n += 1;
        src.starts_with("file:").then(|| format!("anh-{n}.jpg"))
    });
    assert_eq!(md, "Ảnh ![một](anh-1.jpg) và\n");
}

#[test]
fn hostile_nesting_neither_overflows_nor_loses_the_words() {
    let deep = format!(
        "{}chữ{}",
        "<b><div>".repeat(50_000),
        "</div></b>".repeat(50_000)
    );
    let md = word_html_to_markdown(&deep);
    assert!(md.contains("chữ"), "{md}");
    let deep_table = format!(
        "{}ô{}",
        "<table><tr><td>".repeat(5_000),
        "</td></tr></table>".repeat(5_000)
    );
    assert!(word_html_to_markdown(&deep_table).contains('ô'));
    let body = format!(
        "{}<w:p><w:r><w:t>x</w:t></w:r></w:p>{}{}",
        "<w:sdt><w:sdtContent>".repeat(20_000),
        "</w:sdtContent></w:sdt>".repeat(20_000),
        p(&format!(
            "{}{}{}",
            "<w:ins>".repeat(20_000),
            r("y"),
            "</w:ins>".repeat(20_000)
        ))
    );
    assert!(matches!(
        docx_to_post(&docx(&body, &[])),
        Err(ConvertError::Damaged { part: Some(p), .. }) if p == "word/document.xml"
    ));
}

#[test]
fn damaged_documents_never_panic() {
    let body = format!(
        "{}{}",
        p(&format!(
            "<w:r><w:rPr><w:b/></w:rPr><w:t>Đậm</w:t></w:r>{}",
            r(" thường")
        )),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    );
    let good = docx(&body, &[("word/media/image1.png", b"\x89PNG")]);
    for cut in (0..good.len()).step_by(37) {
        let _ = docx_to_post(&good[..cut]);
        let mut flipped = good.clone();
        flipped[cut] ^= 0x5A;
        let _ = docx_to_post(&flipped);
    }
    for html in [
        "<",
        "<table><td colspan=99999 rowspan=99999>x",
        "<p class=MsoHeading9>a",
        "<![if",
        "&#xFFFFFF;",
        "<a href>",
        "<img>",
    ] {
        let _ = word_html_to_markdown(html);
    }
}
