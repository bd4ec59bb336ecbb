//! Sections, pages, bundles, summaries, data, Vietnamese text.

use crate::support::TestSite;

const LIST: &str = "{% for p in section.pages %}{{ p.title }}|{% endfor %}";

#[test]
fn section_lists_pages_newest_first() {
    let s = TestSite::new();
    s.write("templates/section.html", LIST);
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page("content/tin-tuc/cu.md", "title: Cũ\ndate: 2023-07-01", "");
    s.page("content/tin-tuc/moi.md", "title: Mới\ndate: 2023-11-20", "");
    s.page(
        "content/tin-tuc/giua.md",
        "title: Giữa\ndate: 2023-09-15T08:00:00+07:00",
        "",
    );
    s.build();
    assert_eq!(s.read("tin-tuc/index.html"), "Mới|Giữa|Cũ|");
}

#[test]
fn section_can_sort_by_weight_or_title() {
    let s = TestSite::new();
    s.write("templates/section.html", LIST);
    s.page("content/a/_index.md", "title: A\nsort_by: weight", "");
    s.page("content/a/x.md", "title: Ba\nweight: 2", "");
    s.page("content/a/y.md", "title: Một\nweight: 1", "");
    s.page("content/b/_index.md", "title: B\nsort_by: title", "");
    s.page("content/b/1.md", "title: Đông", "");
    s.page("content/b/2.md", "title: Dung", "");
    s.page("content/b/3.md", "title: Ăn", "");
    s.page("content/b/4.md", "title: Anh", "");
    s.build();
    assert_eq!(s.read("a/index.html"), "Một|Ba|");
    assert_eq!(s.read("b/index.html"), "Anh|Ăn|Dung|Đông|");
}

#[test]
fn bundle_files_are_copied_beside_the_page() {
    let s = TestSite::new();
    s.write("templates/page.html", "{{ page.content }}");
    s.page(
        "content/tin-tuc/Lễ phát động/index.md",
        "title: Lễ phát động",
        "![Ảnh buổi lễ](anh-le.jpg)\n",
    );
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
        .encode(&[90u8; 8 * 8 * 3], 8, 8, image::ExtendedColorType::Rgb8)
        .unwrap();
    s.write_bytes("content/tin-tuc/Lễ phát động/anh-le.jpg", &jpeg);
    s.write_bytes(
        "content/tin-tuc/Lễ phát động/tai-lieu/ke-hoach.pdf",
        b"%PDF",
    );
    s.build();
    // The photo is published as re-encoded copies (the photo pipeline), never as the original.
    let page = s.read("tin-tuc/le-phat-dong/index.html");
    assert!(page.contains(r#"alt="Ảnh buổi lễ""#), "{page}");
    assert!(page.contains("anh-le"), "{page}");
    assert!(!s.exists("tin-tuc/le-phat-dong/anh-le.jpg"));
    assert!(s.exists("tin-tuc/le-phat-dong/tai-lieu/ke-hoach.pdf"));
}

#[test]
fn internal_links_resolve_to_urls() {
    let s = TestSite::new();
    s.write("templates/page.html", "{{ page.content }}");
    s.page(
        "content/tin-tuc/a.md",
        "title: A",
        "Xem [bài B](@/tin-tuc/b.md#ket-qua) và [mục](@/tin-tuc/_index.md).\n",
    );
    s.page("content/tin-tuc/_index.md", "title: Tin", "");
    s.page("content/tin-tuc/b.md", "title: B", "## Kết quả\n");
    s.build();
    let html = s.read("tin-tuc/a/index.html");
    assert!(
        html.contains(r#"<a href="/tin-tuc/b/#ket-qua">bài B</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="/tin-tuc/">mục</a>"#), "{html}");
}

#[test]
fn summary_is_what_comes_before_more() {
    let s = TestSite::new();
    s.write(
        "templates/section.html",
        "{% for p in section.pages %}[{{ p.summary }}]{% endfor %}",
    );
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page(
        "content/a.md",
        "title: A",
        "Đoạn mở đầu.\n\n<!-- more -->\n\nPhần còn lại.\n",
    );
    s.build();
    assert_eq!(s.read("index.html"), "[<p>Đoạn mở đầu.</p>\n]");
}

#[test]
fn nfd_file_names_and_titles_match_their_nfc_twins() {
    let s = TestSite::new();
    s.write("templates/page.html", "{{ page.title }}");
    // "Bài viết mới" typed with combining marks (NFD), in both file name and title.
    let nfd = "Ba\u{300}i vie\u{302}\u{301}t mo\u{31b}\u{301}i";
    s.page(
        &format!("content/tin-tuc/{nfd}.md"),
        &format!("title: {nfd}"),
        "",
    );
    let report = s.build();
    assert_eq!(s.read("tin-tuc/bai-viet-moi/index.html"), "Bài viết mới");
    assert!(report.warnings.iter().any(|w| {
        w.to_string()
            .contains("not in the standard composed form (NFC)")
    }));
}

#[test]
fn bom_crlf_and_to_hop_text_work() {
    let s = TestSite::new();
    s.write("templates/page.html", "{{ page.title }}|{{ page.content }}");
    s.write_bytes(
        "content/a.md",
        "\u{feff}---\r\ntitle: \"Hài lòng\"\r\n---\r\nNghê\u{303} thuật\r\n".as_bytes(),
    );
    s.build();
    assert_eq!(s.read("a/index.html"), "Hài lòng|<p>Nghễ thuật</p>\n");
}

#[test]
fn data_files_are_exposed_by_stem() {
    let s = TestSite::new();
    s.write(
        "templates/index.html",
        "{{ data.don_vi.ten }}: {% for x in data.don_vi.quay %}{{ x }};{% endfor %}",
    );
    s.write(
        "content/_data/don_vi.yaml",
        "ten: \"Trung tâm\"\nquay: [Sở Tư pháp, Sở Xây dựng]\n",
    );
    s.build();
    assert_eq!(s.read("index.html"), "Trung tâm: Sở Tư pháp;Sở Xây dựng;");
}

#[test]
fn drafts_and_future_pages_are_left_out_unless_asked() {
    let s = TestSite::new();
    s.write("templates/section.html", LIST);
    s.page("content/_index.md", "title: Home", "");
    s.page("content/nhap.md", "title: Nháp\ndraft: true", "");
    s.page("content/sau.md", "title: Sau\ndate: 2999-01-01", "");
    s.page("content/nay.md", "title: Nay\ndate: 2023-01-01", "");
    let report = s.build();
    assert_eq!(s.read("index.html"), "Nay|");
    assert!(!s.exists("nhap/index.html"));
    assert_eq!(report.scheduled.len(), 1);
    let mut opts = s.options();
    opts.drafts = true;
    opts.future = true;
    thidua::build(&opts).unwrap();
    assert_eq!(s.read("index.html"), "Sau|Nay|Nháp|");
}

#[test]
fn taxonomy_pages_use_vietnamese_slugs() {
    let s = TestSite::new();
    s.write(
        "templates/taxonomy_single.html",
        "{{ term.name }}:{% for p in term.pages %}{{ p.title }};{% endfor %}",
    );
    s.write(
        "templates/taxonomy_list.html",
        "{% for t in taxonomy.terms %}{{ t.name }}={{ t.count }} {{ t.url }};{% endfor %}",
    );
    s.page(
        "content/a.md",
        "title: A\ndate: 2023-01-01\ntags: [Cải cách hành chính, Đợt thi đua]",
        "",
    );
    s.page(
        "content/b.md",
        "title: B\ndate: 2023-02-01\ntags: [cải cách hành chính]",
        "",
    );
    s.build();
    assert_eq!(
        s.read("tags/cai-cach-hanh-chinh/index.html"),
        "Cải cách hành chính:B;A;"
    );
    assert_eq!(
        s.read("tags/index.html"),
        "Cải cách hành chính=2 /tags/cai-cach-hanh-chinh/;Đợt thi đua=1 /tags/dot-thi-dua/;"
    );
}

#[test]
fn sections_paginate_with_page_one_at_the_section_url() {
    let s = TestSite::new();
    s.write("templates/section.html", "{{ paginator.number }}/{{ paginator.total_pages }}:{% for p in section.pages %}{{ p.title }}{% endfor %}|{{ paginator.previous }}|{{ paginator.next }}");
    s.write("templates/index.html", "home");
    s.page("content/tin/_index.md", "title: Tin\npaginate_by: 2", "");
    for i in 1..=5 {
        s.page(
            &format!("content/tin/b{i}.md"),
            &format!("title: \"{i}\"\ndate: 2023-01-0{i}"),
            "",
        );
    }
    s.build();
    assert_eq!(s.read("tin/index.html"), "1/3:54||/tin/page/2/");
    assert_eq!(s.read("tin/page/2/index.html"), "2/3:32|/tin/|/tin/page/3/");
    assert_eq!(s.read("tin/page/3/index.html"), "3/3:1|/tin/page/2/|");
}

#[test]
fn get_section_lists_a_sections_pages_anywhere() {
    let s = TestSite::new();
    s.write(
        "templates/index.html",
        "{% set tin = get_section(path=\"@/tin-tuc/_index.md\") %}{{ tin.title }}:{% for p in tin.pages[:2] %}{{ p.title }};{% endfor %}{% set a = get_page(path=\"@/tin-tuc/a.md\") %}{{ a.url }}",
    );
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page("content/tin-tuc/a.md", "title: A\ndate: 2023-01-01", "");
    s.page("content/tin-tuc/b.md", "title: B\ndate: 2023-02-01", "");
    s.page("content/tin-tuc/c.md", "title: C\ndate: 2023-03-01", "");
    s.build();
    assert_eq!(s.read("index.html"), "Tin tức:C;B;/tin-tuc/a/");
}
