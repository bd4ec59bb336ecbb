//! From Word to a post: pasted Word HTML to clean Markdown, and `thidua new --from` with a
//! `.docx` (made here, as Word lays one out) or a saved web page, through to the built page.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{TestSite, text};

/// A 6×4 red PNG.
pub const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 6, 0, 0, 0, 4, 8, 2, 0,
    0, 0, 34, 102, 217, 20, 0, 0, 0, 17, 73, 68, 65, 84, 120, 156, 99, 56, 33, 167, 129, 134, 24,
    200, 21, 2, 0, 209, 89, 25, 81, 166, 74, 219, 74, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// A zip archive of `parts`.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;

/// A `.docx` as Vietnamese Word writes one: localised style ids (`u1` is "heading 1"), a
/// bulleted list, a link, a table and a photo.
pub fn word_document() -> Vec<u8> {
    let run = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
    let styled = |p: &str, t: &str| {
        format!(r#"<w:r><w:rPr><w:{p}/></w:rPr><w:t xml:space="preserve">{t}</w:t></w:r>"#)
    };
    let para = |style: &str, runs: &str| {
        format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
    };
    let item = |runs: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="oancuaDanhsach"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{runs}</w:p>"#
        )
    };
    let cell = |runs: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="4675" w:type="dxa"/></w:tcPr><w:p>{runs}</w:p></w:tc>"#
        )
    };
    let body = [
        para("u1", &run("Lễ tổng kết 5 năm phong trào thi đua")),
        format!(
            "<w:p>{}{}{}{}{}</w:p>",
            run("Sáng 20/11/2023, Trung tâm đã tổ chức "),
            styled("b", "lễ tổng kết"),
            run(" với sự tham dự của "),
            styled("i", "lãnh đạo tỉnh"),
            run(".")
        ),
        "<w:p/>".to_string(),
        para("u2", &run("Kết quả")),
        item(&run("Tiếp nhận 125.000 hồ sơ")),
        item(&format!(
            r#"{}<w:hyperlink r:id="rId6" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>Cổng dịch vụ công</w:t></w:r></w:hyperlink>"#,
            run("Đánh giá trên ")
        )),
        format!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="LiBang"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4675"/><w:gridCol w:w="4675"/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>"#,
            cell(&styled("b", "Chỉ tiêu")),
            cell(&styled("b", "Kết quả")),
            cell(&run("Hồ sơ đúng hạn")),
            cell(&run("99,71%"))
        ),
        r#"<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="1828800" cy="1219200"/><wp:docPr id="1" name="Picture 1" descr="Lễ trao giải"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId5"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#.to_string(),
        r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>"#.to_string(),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="u1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="u2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="oancuaDanhsach"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://dichvucong.langson.gov.vn/" TargetMode="External"/></Relationships>"#;
    let package_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    zip_of(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", package_rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/media/image1.png", PNG),
    ])
}

fn site() -> TestSite {
    let s = TestSite::new();
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s
}

/// The binary in `lang` (`en` or `vi`), in the site's folder.
fn cli_in(s: &TestSite, lang: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .arg("--lang")
        .arg(lang)
        .current_dir(s.root())
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    (out.status.code(), stdout, stderr)
}

#[test]
fn pasted_word_html_keeps_the_text_and_drops_words_styling() {
    let html = include_str!("../../src/convert/testdata/word-365.html");
    let md = thidua::convert::word_html_to_markdown(html).replace(
        "file:///C:/Users/ADMINI~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg",
        "anh.png",
    );
    for dropped in [
        "mso",
        "o:p",
        "font",
        "Calibri",
        "&nbsp;",
        "color",
        "MsoNormal",
        "<",
    ] {
        assert!(!md.contains(dropped), "{dropped} left in:\n{md}");
    }
    for kept in [
        "## Kết quả nổi bật\n",
        "**125.000 hồ sơ**, *đúng hạn*",
        "- Tiếp nhận hồ sơ trực tuyến\n  - qua Cổng dịch vụ công\n- Trả kết quả tại nhà\n",
        "1. Rà soát thủ tục\n2. Đánh giá [mức độ hài lòng](https://dichvucong.langson.gov.vn/)\n",
        "| Chỉ tiêu | Kết quả |\n| --- | --- |\n| Hồ sơ đúng hạn (cả năm \\| trực tuyến) | 99,71% |\n",
        "![Lễ trao giải](anh.png)",
        // Typed with a combining-tone input method: NFC now.
        "Người dân hài lòng đạt 98%.",
    ] {
        assert!(md.contains(kept), "missing {kept:?} in:\n{md}");
    }
    // The Markdown renders to the same words: a site built from it shows them.
    let s = site();
    s.write(
        "content/tin-tuc/dan/index.md",
        &format!("---\ntitle: Dán từ Word\n---\n{md}"),
    );
    s.write_bytes("content/tin-tuc/dan/anh.png", PNG);
    s.build();
    let page = s.read("tin-tuc/dan/index.html");
    assert!(page.contains("<strong>125.000 hồ sơ</strong>"), "{page}");
    assert!(
        page.contains("Theo Quyết định số 123/QĐ-UBND [kèm theo] và mục * ghi chú_1"),
        "{page}"
    );
    assert!(
        page.contains("<td>Hồ sơ đúng hạn (cả năm | trực tuyến)</td>"),
        "{page}"
    );
}

#[test]
fn a_word_document_becomes_a_post_with_its_table_and_photo() {
    let s = site();
    s.write_bytes("bai-viet.docx", &word_document());
    let (code, stdout, stderr) = cli_in(&s, "en", &["new", "--from", "bai-viet.docx"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "Created content/tin-tuc/le-tong-ket-5-nam-phong-trao-thi-dua/index.md from bai-viet.docx (a draft: remove \"draft: true\" to publish)\n\
         Photos put beside it: 1\n\
         Its address once published: https://example.gov.vn/tin-tuc/le-tong-ket-5-nam-phong-trao-thi-dua/\n"
    );
    let dir = "content/tin-tuc/le-tong-ket-5-nam-phong-trao-thi-dua";
    let post = std::fs::read_to_string(s.root().join(dir).join("index.md")).unwrap();
    let today = thidua::date::today();
    assert_eq!(
        post,
        format!(
            "---\ntitle: \"Lễ tổng kết 5 năm phong trào thi đua\"\ndate: \"{today}\"\n\
             description: \"Sáng 20/11/2023, Trung tâm đã tổ chức lễ tổng kết với sự tham dự của lãnh đạo tỉnh.\"\n\
             image: \"anh-1.png\"\ntags: []\ndraft: true\n---\n\n\
             Sáng 20/11/2023, Trung tâm đã tổ chức **lễ tổng kết** với sự tham dự của *lãnh đạo tỉnh*.\n\n\
             ## Kết quả\n\n\
             - Tiếp nhận 125.000 hồ sơ\n\
             - Đánh giá trên [Cổng dịch vụ công](https://dichvucong.langson.gov.vn/)\n\n\
             | Chỉ tiêu | Kết quả |\n| --- | --- |\n| Hồ sơ đúng hạn | 99,71% |\n\n\
             ![Lễ trao giải](anh-1.png)\n"
        )
    );
    assert_eq!(
        std::fs::read(s.root().join(dir).join("anh-1.png")).unwrap(),
        PNG
    );
    // No staging folder left behind.
    let left: Vec<_> = std::fs::read_dir(s.root().join("content/tin-tuc"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");

    let (code, _, stderr) = cli_in(&s, "en", &["build", "--drafts"]);
    assert_eq!(code, Some(0), "{stderr}");
    let page = s.read("tin-tuc/le-tong-ket-5-nam-phong-trao-thi-dua/index.html");
    assert!(
        page.contains("<h1>Lễ tổng kết 5 năm phong trào thi đua"),
        "{page}"
    );
    assert!(page.contains("Kết quả</h2>"), "{page}");
    assert!(page.contains("<table"), "{page}");
    assert!(page.contains("<td>99,71%</td>"), "{page}");
    assert!(page.contains("<strong>lễ tổng kết</strong>"), "{page}");
    assert!(page.contains("alt=\"Lễ trao giải\""), "{page}");
    let photo = std::fs::read_dir(
        s.public()
            .join("tin-tuc/le-tong-ket-5-nam-phong-trao-thi-dua"),
    )
    .unwrap()
    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
    .find(|n| n.starts_with("anh-1"));
    assert!(photo.is_some_and(|p| page.contains(&p)), "{page}");

    // Again: never overwritten.
    let (code, _, stderr) = cli_in(&s, "en", &["new", "--from", "bai-viet.docx"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("already exists: thidua never overwrites"),
        "{stderr}"
    );
}

#[test]
fn files_that_are_not_word_documents_are_refused_in_both_languages() {
    let s = site();
    let mut broken = word_document();
    broken.truncate(broken.len() / 2);
    s.write_bytes("hong.docx", &broken);
    s.write_bytes("bang.docx", &zip_of(&[("xl/workbook.xml", b"<workbook/>")]));
    s.write_bytes("la.docx", &zip_of(&[("readme.txt", b"hi")]));
    s.write_bytes(
        "cu.doc",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    );
    s.write_bytes("anh.docx", PNG);
    let bad_xml = zip_of(&[(
        "word/document.xml",
        format!("<w:document {W}>\n<w:body><w:p></w:body>").as_bytes(),
    )]);
    s.write_bytes("xml.docx", &bad_xml);
    let cases = [
        (
            "hong.docx",
            "error: hong.docx: the document is damaged: its zip archive is broken or cut short (open it in Word and save it again)\n",
            "lỗi: hong.docx: tài liệu bị hỏng: tệp nén zip bên trong bị lỗi hoặc bị cắt cụt (hãy mở bằng Word rồi lưu lại)\n",
        ),
        (
            "bang.docx",
            "error: bang.docx: this file was made by Excel, not Word: it is not a Word document (.docx)\n",
            "lỗi: bang.docx: tệp này do Excel tạo ra, không phải Word: đây không phải tài liệu Word (.docx)\n",
        ),
        (
            "la.docx",
            "error: la.docx: this zip archive is not a Word document: it has no word/document.xml\n",
            "lỗi: la.docx: tệp nén zip này không phải tài liệu Word: trong đó không có word/document.xml\n",
        ),
        (
            "cu.doc",
            "error: cu.doc: this is a Word 97–2003 document (.doc), not a .docx: open it in Word and save it as \"Word Document (*.docx)\"\n",
            "lỗi: cu.doc: đây là tài liệu Word 97–2003 (.doc), không phải .docx: hãy mở bằng Word rồi lưu lại dưới dạng \"Word Document (*.docx)\"\n",
        ),
        (
            "anh.docx",
            "error: anh.docx: this is not a Word document (.docx): a .docx is a zip archive, and this file is not one\n",
            "lỗi: anh.docx: đây không phải tài liệu Word (.docx): tệp .docx là một tệp nén zip, còn tệp này thì không\n",
        ),
        (
            "xml.docx",
            "error: xml.docx: the document is damaged: word/document.xml cannot be read at line 2, column 14 (open it in Word and save it again)\n",
            "lỗi: xml.docx: tài liệu bị hỏng: không đọc được word/document.xml ở dòng 2, cột 14 (hãy mở bằng Word rồi lưu lại)\n",
        ),
    ];
    for (file, en, vi) in cases {
        let before = crate::support::snapshot_tree(s.root());
        let (code, stdout, stderr) = cli_in(&s, "en", &["new", "--from", file]);
        assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(2), "", en));
        let (code, _, stderr) = cli_in(&s, "vi", &["new", "--from", file]);
        assert_eq!((code, stderr.as_str()), (Some(2), vi));
        assert_eq!(
            crate::support::snapshot_tree(s.root()),
            before,
            "{file} changed the site"
        );
    }
}

#[test]
fn a_zip_bomb_is_refused_quickly() {
    let s = site();
    // 20 MB of zeros packs into a few kilobytes.
    let zeros = vec![0u8; 20_000_000];
    s.write_bytes(
        "bom.docx",
        &zip_of(&[
            ("word/document.xml", b"<w:document/>"),
            ("word/media/x.png", &zeros),
        ]),
    );
    // Ten thousand and one empty parts.
    let names: Vec<String> = (0..10_001).map(|i| format!("p/{i}.xml")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    s.write_bytes("nhieu.docx", &zip_of(&parts));
    for file in ["bom.docx", "nhieu.docx"] {
        let start = Instant::now();
        let (code, _, stderr) = cli_in(&s, "en", &["new", "--from", file]);
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{file}: {:?}",
            start.elapsed()
        );
        assert_eq!(
            (code, stderr),
            (
                Some(2),
                format!(
                    "error: {file}: the file would unpack to far more than a Word document holds: refused as unsafe\n"
                )
            )
        );
    }
    assert!(
        !s.root()
            .join("content/tin-tuc")
            .read_dir()
            .unwrap()
            .any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".thidua"))
    );
}

#[test]
fn a_saved_web_page_becomes_a_post_with_the_photos_beside_it() {
    let s = site();
    s.write_bytes("trang_files/image001.png", PNG);
    s.write_bytes("bi-mat.png", PNG);
    s.write(
        "trang.htm",
        "<!DOCTYPE html><html><head><title>Tiêu đề trong thẻ title</title><style>p{color:red}</style></head>\
         <body><h1>Hội nghị sơ kết</h1><p>Đoạn <b>đầu</b>.</p>\
         <p><img src=\"trang_files/image001.png\" alt=\"Ảnh hội nghị\"> <img src=\"https://example.com/x.jpg\" alt=\"xa\">\
         <img src=\"../bi-mat.png\"><img src=\"trang_files/image001.png\" alt=\"lại\"></p>\
         <h2>Phần một</h2><p>Hết.</p></body></html>",
    );
    let (code, stdout, stderr) = cli_in(&s, "en", &["new", "--from", "trang.htm", "tin-tuc"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr,
        "warning: an image of the page was left out (it is not a file in the page's folder): https://example.com/x.jpg\n\
         warning: an image of the page was left out (it is not a file in the page's folder): ../bi-mat.png\n"
    );
    assert!(stdout.contains("Photos put beside it: 1\n"), "{stdout}");
    let post =
        std::fs::read_to_string(s.root().join("content/tin-tuc/hoi-nghi-so-ket/index.md")).unwrap();
    assert!(
        post.ends_with(
            "---\n\nĐoạn **đầu**.\n\n![Ảnh hội nghị](anh-1.png) ![lại](anh-1.png)\n\n## Phần một\n\nHết.\n"
        ),
        "{post}"
    );
    assert!(
        s.root()
            .join("content/tin-tuc/hoi-nghi-so-ket/anh-1.png")
            .is_file()
    );
}

/// The guide's section "Từ bài viết Word" quotes a command and what it prints: both are run
/// here with a Word document (the guide's own test has no Word file to give it).
#[test]
fn the_guide_quotes_what_new_from_prints() {
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/huong-dan.md")).unwrap();
    let section = guide
        .split("### Từ bài viết Word\n")
        .nth(1)
        .and_then(|s| s.split("\n### ").next())
        .expect("the guide has the section");
    let blocks: Vec<&str> = section
        .split("```text\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .collect();
    assert_eq!(blocks.len(), 3, "{section}");
    let s = site();
    s.write_bytes("bai-viet.docx", &word_document());
    s.write_bytes(
        "bai-cu.doc",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    );
    let args: Vec<&str> = blocks[0].split_whitespace().collect();
    assert_eq!(args[0], "thidua");
    let (code, stdout, stderr) = cli_in(&s, "vi", &args[1..]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert_eq!(stdout, blocks[1]);
    let (code, _, stderr) = cli_in(&s, "vi", &["new", "--from", "bai-cu.doc"]);
    assert_eq!((code, stderr.as_str()), (Some(2), blocks[2]));
    // And the help names the option in Vietnamese.
    let (_, help, _) = cli_in(&s, "vi", &["new", "--help"]);
    assert!(
        help.contains("--from <FILE>     Tạo bài từ tài liệu Word (.docx)"),
        "{help}"
    );
}
