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
