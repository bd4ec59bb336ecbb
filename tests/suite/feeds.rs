//! Feeds and the sitemap, read back with real parsers (feed-rs, roxmltree).

use std::collections::BTreeSet;

use crate::support::{TestSite, snapshot_tree};

fn site() -> TestSite {
    let s = TestSite::new();
    s.write("site.yaml", "title: \"Trung tâm & Đợt thi đua\"\nbase_url: https://example.gov.vn/5-nam/\ndescription: Tin tức\ntaxonomies:\n  - {name: tags, feed: true}\n");
    s.page("content/_index.md", "title: Trang chủ", "");
    s.page("content/tin-tuc/_index.md", "title: Tin tức", "");
    s.page("content/gioi-thieu/_index.md", "title: Giới thiệu", "");
    s.page(
        "content/gioi-thieu/lich-su.md",
        "title: Lịch sử",
        "Không ngày tháng.",
    );
    for i in 1..=3 {
        let m = i + 6;
        s.page(
            &format!("content/tin-tuc/bai-{i}.md"),
            &format!("title: \"Bài {i} <hài lòng> & tin\"\ndate: 2023-0{m}-0{i}T08:30:00+07:00\ndescription: \"Tóm tắt {i}\"\ntags: [Cải cách hành chính]"),
            "Nội dung.",
        );
    }
    s.page("content/tin-tuc/nhap.md", "title: Nháp\ndraft: true", "");
    s.build();
    s
}

fn parse(s: &TestSite, rel: &str) -> feed_rs::model::Feed {
    let bytes = std::fs::read(s.public().join(rel)).unwrap();
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_feed_parses_with_absolute_links_and_vietnam_dates() {
    let s = site();
    let feeds: Vec<String> = snapshot_tree(&s.public())
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n.ends_with("atom.xml") || n.ends_with("rss.xml"))
        .collect();
    assert_eq!(
        feeds,
        [
            "atom.xml",
            "rss.xml",
            "tags/cai-cach-hanh-chinh/atom.xml",
            "tin-tuc/atom.xml"
        ]
    );
    for rel in &feeds {
        let feed = parse(&s, rel);
        assert_eq!(feed.entries.len(), 3, "{rel}");
        let first = &feed.entries[0];
        assert_eq!(
            first.title.as_ref().unwrap().content,
            "Bài 3 <hài lòng> & tin",
            "{rel}"
        );
        assert_eq!(
            first.links[0].href, "https://example.gov.vn/5-nam/tin-tuc/bai-3/",
            "{rel}"
        );
        let published = first.published.unwrap();
        assert_eq!(published.to_rfc3339(), "2023-09-03T01:30:00+00:00", "{rel}");
    }
    let atom = parse(&s, "atom.xml");
    assert_eq!(atom.title.unwrap().content, "Trung tâm & Đợt thi đua");
    assert_eq!(
        atom.entries[0].summary.as_ref().unwrap().content,
        "Tóm tắt 3"
    );
    let raw = std::fs::read_to_string(s.public().join("atom.xml")).unwrap();
    assert!(
        raw.contains("<published>2023-09-03T08:30:00+07:00</published>"),
        "{raw}"
    );
    let rss = std::fs::read_to_string(s.public().join("rss.xml")).unwrap();
    assert!(
        rss.contains("<pubDate>Sun, 03 Sep 2023 08:30:00 +0700</pubDate>"),
        "{rss}"
    );
    // Feeds are linked from every page's <head>.
    let home = std::fs::read_to_string(s.public().join("index.html")).unwrap();
    assert!(home.contains(r#"type="application/atom+xml""#) && home.contains("/5-nam/atom.xml"));
}

#[test]
fn the_sitemap_lists_exactly_the_public_pages() {
    let s = site();
    let xml = std::fs::read_to_string(s.public().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let listed: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    // Every index.html except redirects and the 404 page, as an absolute URL.
    let built: BTreeSet<String> = snapshot_tree(&s.public())
        .into_iter()
        .filter(|(n, b)| {
            n.ends_with("index.html")
                && !String::from_utf8_lossy(b).contains("http-equiv=\"refresh\"")
        })
        .map(|(n, _)| {
            format!(
                "https://example.gov.vn/5-nam/{}",
                n.trim_end_matches("index.html")
            )
        })
        .collect();
    assert_eq!(listed, built);
    assert!(!listed.iter().any(|u| u.contains("nhap")));
    let robots = std::fs::read_to_string(s.public().join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.gov.vn/5-nam/sitemap.xml"));
}
