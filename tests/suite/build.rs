//! Whole builds: outputs, feeds, sitemap, init, output directory safety.

use crate::support::TestSite;

#[test]
fn bundled_default_theme_builds_a_complete_site() {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "Chào mừng.");
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page(
        "content/tin-tuc/a.md",
        "title: Lễ phát động\ndate: 2023-07-31\ndescription: Mô tả\ntags: [Thi đua]",
        "## Mục một\n\nNội dung.",
    );
    let report = s.build();
    assert!(report.pages >= 5, "{report:?}");
    let page = s.read("tin-tuc/a/index.html");
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(page.contains("<title>Lễ phát động – Thử nghiệm</title>"));
    assert!(
        page.contains("<time datetime=\"2023-07-31T00:00:00+07:00\">31/07/2023</time>"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"muc-mot\">Mục một</h2>"));
    assert!(s.read("404.html").contains("Không tìm thấy trang"));
    // No search page, so no search box that would lead to a 404.
    assert!(
        !page.contains("header-search"),
        "search box without a search page"
    );
    assert!(s.exists("style.css"));
    assert!(
        s.read("robots.txt")
            .contains("Sitemap: https://example.gov.vn/sitemap.xml")
    );
}

#[test]
fn sitemap_lists_exactly_the_public_pages() {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page(
        "content/a.md",
        "title: A\ndate: 2023-05-01\nupdated: 2023-06-01",
        "",
    );
    s.page("content/nhap.md", "title: Nháp\ndraft: true", "");
    s.build();
    let sitemap = s.read("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .match_indices("<loc>")
        .map(|(i, _)| &sitemap[i + 5..i + sitemap[i..].find("</loc>").unwrap()])
        .collect();
    assert_eq!(
        locs,
        ["https://example.gov.vn/", "https://example.gov.vn/a/"]
    );
    assert!(sitemap.contains("<lastmod>2023-06-01</lastmod>"));
}

#[test]
fn feeds_have_absolute_urls_and_vietnam_offsets() {
    let s = TestSite::new();
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page(
        "content/tin-tuc/a.md",
        "title: \"Hài lòng & tin tưởng\"\ndate: 2023-11-20T08:00:00+07:00\ndescription: Tóm tắt",
        "",
    );
    s.build();
    let atom = s.read("atom.xml");
    assert!(
        atom.contains("<title>Hài lòng &amp; tin tưởng</title>"),
        "{atom}"
    );
    assert!(atom.contains("<published>2023-11-20T08:00:00+07:00</published>"));
    assert!(atom.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.gov.vn/tin-tuc/a/\"/>"
    ));
    assert!(
        s.read("tin-tuc/atom.xml")
            .contains("<summary>Tóm tắt</summary>")
    );
    assert!(
        s.read("rss.xml")
            .contains("<pubDate>Mon, 20 Nov 2023 08:00:00 +0700</pubDate>")
    );
}

#[test]
fn init_creates_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("trang-moi");
    let files = thidua::init::create_site(&site).unwrap();
    assert!(files > 5);
    assert!(site.join("themes/default/templates/base.html").exists());
    assert_eq!(
        std::fs::read_to_string(site.join(".gitignore")).unwrap(),
        "/public/\n/.thidua/\n"
    );
    let opts = thidua::BuildOptions {
        root: site.clone(),
        ..Default::default()
    };
    let report = thidua::build(&opts).unwrap();
    assert!(report.pages >= 3);
    assert!(
        std::fs::read_to_string(site.join("public/tin-tuc/bai-viet-dau-tien/index.html"))
            .unwrap()
            .contains("Bài viết đầu tiên")
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let s = TestSite::new();
    let err = thidua::init::create_site(s.root()).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("already exists and is not empty: choose a new folder"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(s.root().join("site.yaml")).unwrap(),
        crate::support::CONFIG
    );
}

#[test]
fn output_that_would_destroy_sources_is_refused() {
    let s = TestSite::new();
    s.page("content/a.md", "title: A", "");
    for out in [".", "content", "content/x"] {
        let mut opts = s.options();
        opts.output = Some(s.root().join(out));
        let err = thidua::build(&opts).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().starts_with("refusing to use"), "{err}");
    }
    assert!(s.root().join("content/a.md").exists());
}

#[test]
fn check_writes_nothing() {
    let s = TestSite::new();
    s.page("content/a.md", "title: A", "");
    let mut opts = s.options();
    opts.mode = thidua::Mode::Check;
    let report = thidua::build(&opts).unwrap();
    assert!(report.pages >= 2);
    assert!(!s.public().exists());
}

/// A site where a post appears in many places: its page, neighbours, a paginated list, tags.
fn news_site() -> TestSite {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "{{ x }}");
    s.write("templates/index.html", "{% set tin = get_section(path=\"@/tin-tuc/_index.md\") %}{% for p in tin.pages[:3] %}{{ p.title }};{% endfor %}");
    s.page(
        "content/tin-tuc/_index.md",
        "title: Tin tức\npaginate_by: 2",
        "",
    );
    for i in 1..=6 {
        s.page(
            &format!("content/tin-tuc/b{i}.md"),
            &format!("title: Bài {i}\ndate: 2023-0{i}-01\ntags: [Thi đua]\ndescription: Mô tả {i}"),
            &format!("Nội dung {i}.\n"),
        );
    }
    s
}

fn assert_same_as_full_build(s: &TestSite) {
    let fresh = tempfile::tempdir().unwrap();
    let mut opts = s.options();
    opts.output = Some(fresh.path().join("out"));
    thidua::build(&opts).unwrap();
    let a = crate::support::snapshot_tree(&s.public());
    let b = crate::support::snapshot_tree(&fresh.path().join("out"));
    let names = |t: &Vec<(String, Vec<u8>)>| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{name} differs after a quick update:\n{}\n---\n{}",
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(y)
        );
    }
}

#[test]
fn quick_updates_match_a_full_build() {
    let s = news_site();
    let (mut session, _) = thidua::Session::start(&s.options()).unwrap();
    // Body and title change: the page, its neighbours, its list page, tag page, home, feeds.
    s.page(
        "content/tin-tuc/b3.md",
        "title: Bài ba (sửa)\ndate: 2023-03-01\ntags: [Thi đua]\ndescription: Mô tả mới",
        "Nội dung đã sửa.\n",
    );
    let report = session
        .update(&[s.root().join("content/tin-tuc/b3.md")])
        .unwrap();
    assert_eq!(report.stages.first().map(|(n, _)| *n), Some("update"));
    assert_same_as_full_build(&s);
    // A new date reorders the section: every list page is redrawn.
    s.page(
        "content/tin-tuc/b1.md",
        "title: Bài 1\ndate: 2023-12-01\ntags: [Thi đua]\ndescription: Mô tả 1",
        "Nội dung 1.\n",
    );
    session
        .update(&[s.root().join("content/tin-tuc/b1.md")])
        .unwrap();
    assert_same_as_full_build(&s);
    // New tags change which files exist: that takes the full path, and still matches.
    s.page(
        "content/tin-tuc/b2.md",
        "title: Bài 2\ndate: 2023-02-01\ntags: [Khen thưởng]\ndescription: Mô tả 2",
        "Nội dung 2.\n",
    );
    let report = session
        .update(&[s.root().join("content/tin-tuc/b2.md")])
        .unwrap();
    assert_ne!(report.stages.first().map(|(n, _)| *n), Some("update"));
    assert_same_as_full_build(&s);
}

#[test]
fn a_failed_quick_update_changes_nothing() {
    let s = news_site();
    let (mut session, _) = thidua::Session::start(&s.options()).unwrap();
    let before = crate::support::snapshot_tree(&s.public());
    let pages = |session: &thidua::Session| -> Vec<String> {
        let site = session.site();
        site.pages
            .iter()
            .map(|p| format!("{} {:?}", p.source, p.front.description))
            .collect()
    };
    let loaded = pages(&session);
    s.page(
        "content/tin-tuc/b3.md",
        "title: Bài 3\ndate: 2023-03-01\ntags: [Thi đua]",
        "[hỏng](@/khong-co.md)\n",
    );
    let err = session
        .update(&[s.root().join("content/tin-tuc/b3.md")])
        .unwrap_err();
    assert_eq!(err.to_string(), "1 error in 1 file");
    assert_eq!(crate::support::snapshot_tree(&s.public()), before);
    // The session's site is the one loaded before: the edit that failed left no trace.
    assert_eq!(pages(&session), loaded);
    // Fixing it works from the same session.
    s.page(
        "content/tin-tuc/b3.md",
        "title: Bài 3\ndate: 2023-03-01\ntags: [Thi đua]\ndescription: Mô tả 3",
        "Đã sửa.\n",
    );
    session
        .update(&[s.root().join("content/tin-tuc/b3.md")])
        .unwrap();
    assert_same_as_full_build(&s);
}

// Unix: a file left alone keeps its inode number.
#[cfg(unix)]
#[test]
fn a_rebuild_without_changes_rewrites_nothing() {
    use std::os::unix::fs::MetadataExt;
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/a.md", "title: A\ndate: 2023-01-01", "Một.");
    s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai.");
    s.write_bytes("static/logo.png", b"\x89PNG");
    s.build();
    let inode = |rel: &str| std::fs::metadata(s.public().join(rel)).unwrap().ino();
    let before: Vec<(&str, u64)> = ["a/index.html", "b/index.html", "logo.png", "sitemap.xml"]
        .iter()
        .map(|r| (*r, inode(r)))
        .collect();
    s.build();
    for (rel, ino) in &before {
        assert_eq!(
            inode(rel),
            *ino,
            "{rel} was rewritten although nothing changed"
        );
    }
    // Change one page: it (and the lists showing it) are new files, the others are kept.
    s.page("content/b.md", "title: B\ndate: 2023-01-02", "Hai, đã sửa.");
    s.build();
    assert_ne!(inode("b/index.html"), before[1].1);
    assert_eq!(inode("logo.png"), before[2].1);
    assert!(s.read("b/index.html").contains("Hai, đã sửa."));
}

#[test]
fn a_rebuild_keeps_the_compressed_copies_of_unchanged_files() {
    let s = TestSite::new();
    s.write(
        "site.yaml",
        &format!("{}compress: true\nbrotli: true\n", crate::support::CONFIG),
    );
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page(
        "content/a.md",
        "title: A\ndate: 2023-01-01",
        &"Một đoạn văn. ".repeat(40),
    );
    s.write("static/extra.css", &"body { color: #222; }\n".repeat(40));
    let expected = [
        "a/index.html.gz",
        "a/index.html.br",
        "extra.css.gz",
        "extra.css.br",
        "style.css.gz",
    ];
    s.build();
    for rel in expected {
        assert!(s.exists(rel), "{rel} missing after the first build");
    }
    // Nothing changed: the files are linked from the previous output, and so must be
    // their .gz and .br copies (static files lost them once).
    s.build();
    for rel in expected {
        assert!(
            s.exists(rel),
            "{rel} missing after a rebuild without changes"
        );
    }
}

#[test]
fn cached_partials_render_once_per_key_and_see_the_globals() {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/a.md", "title: <A> & co\ndate: 2023-01-02", "");
    s.page("content/b.md", "title: B\ndate: 2023-01-01", "");
    s.write(
        "templates/partials/card.html",
        "[{{ p.title }}|{{ site.title }}|{{ n }}]",
    );
    s.write(
        "templates/index.html",
        "{% for p in section.pages %}{{ cached(template=\"partials/card.html\", key=p.url, p=p, n=1) }}{% endfor %}\n\
         {{ cached(template=\"partials/card.html\", key=section.pages[0].url, p=section.pages[1], n=2) }}",
    );
    s.build();
    let home = s.read("index.html");
    // Escaped once, inside the partial; the second call with a known key reuses the first HTML.
    assert_eq!(
        home,
        "[&lt;A&gt; &amp; co|Thử nghiệm|1][B|Thử nghiệm|1]\n[&lt;A&gt; &amp; co|Thử nghiệm|1]"
    );
}

#[test]
fn an_error_in_a_cached_partial_names_the_partial() {
    let s = TestSite::new();
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/a.md", "title: A", "");
    s.write("templates/partials/card.html", "<p>\n{{ p.tittle }}</p>");
    s.write(
        "templates/index.html",
        "{% for p in section.pages %}{{ cached(template=\"partials/card.html\", key=p.url, p=p) }}{% endfor %}",
    );
    let errors = s.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0],
        "templates/partials/card.html:2:6: template: field `tittle` is not defined \
         (did you mean `title`?; in cached() at templates/index.html:1:32, \
         while rendering content/_index.md)"
    );
}

#[test]
fn theme_strings_are_a_map_as_well_as_a_function() {
    let s = TestSite::new();
    s.write(
        "site.yaml",
        &format!("{}language: vi\n", crate::support::CONFIG),
    );
    s.page("content/_index.md", "title: Trang chủ", "");
    s.write("i18n/vi.yaml", "home: \"Trang chủ riêng\"\n");
    s.write(
        "templates/index.html",
        "{{ i18n.home }}|{{ t(key=\"home\") }}|{{ i18n[\"published_on\"] }}",
    );
    s.build();
    assert_eq!(
        s.read("index.html"),
        "Trang chủ riêng|Trang chủ riêng|Đăng ngày"
    );
    // A key the theme does not have is an error at its line, with the nearest key.
    s.write("templates/index.html", "\n{{ i18n.hoem }}");
    let errors = s.build_errors();
    assert!(
        errors[0].starts_with("templates/index.html:2:")
            && errors[0].contains("field `hoem` is not defined (did you mean `home`?"),
        "{errors:?}"
    );
}

#[test]
fn compressed_copies_decompress_to_their_files_and_a_fresh_output_reuses_the_cache() {
    use std::io::Read;
    let s = TestSite::new();
    s.write(
        "site.yaml",
        &format!("{}compress: true\nbrotli: true\n", crate::support::CONFIG),
    );
    s.page("content/_index.md", "title: Trang chủ", "");
    for i in 0..5 {
        s.page(
            &format!("content/tin/bai-{i}.md"),
            &format!("title: Bài {i}\ndate: 2023-01-0{}", i + 1),
            &"Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn. ".repeat(30),
        );
    }
    let first = s.build();
    assert!(first.precompressed.0 > 10, "{:?}", first.precompressed);
    let mut copies = 0;
    for e in walkdir::WalkDir::new(s.public()) {
        let e = e.unwrap();
        let path = e.path().to_string_lossy().into_owned();
        let Some(original) = path
            .strip_suffix(".gz")
            .or_else(|| path.strip_suffix(".br"))
        else {
            continue;
        };
        let packed = std::fs::read(e.path()).unwrap();
        let mut plain = Vec::new();
        if path.ends_with(".gz") {
            flate2::read::GzDecoder::new(&packed[..])
                .read_to_end(&mut plain)
                .unwrap();
        } else {
            brotli::Decompressor::new(&packed[..], 4096)
                .read_to_end(&mut plain)
                .unwrap();
        }
        assert_eq!(plain, std::fs::read(original).unwrap(), "{path}");
        copies += 1;
    }
    // Identical files (style.css and its fingerprinted twin) share one compressed copy.
    assert!(
        copies >= first.precompressed.0,
        "{copies} {:?}",
        first.precompressed
    );
    // The cache lives in the site's git-ignored .thidua/cache; a fresh, empty output is
    // filled from it without compressing anything.
    assert!(s.root().join(".thidua/cache/precompressed").is_dir());
    std::fs::remove_dir_all(s.public()).unwrap();
    let fresh = s.build();
    assert_eq!(
        fresh.precompressed,
        (0, first.precompressed.0 + first.precompressed.1)
    );
    assert!(s.exists("tin/bai-1/index.html.br"));
    // One page changes: only its copies (and the lists that show it) are compressed again.
    s.page(
        "content/tin/bai-1.md",
        "title: Bài 1\ndate: 2023-01-02",
        "Đã sửa.",
    );
    std::fs::remove_dir_all(s.public()).unwrap();
    let after = s.build();
    assert!(
        after.precompressed.0 > 0 && after.precompressed.0 < first.precompressed.0 / 2,
        "{:?}",
        after.precompressed
    );
}
