//! Machine-readable outputs written by code, not templates, so they are always well-formed:
//! Atom and RSS feeds, the sitemap, `robots.txt`, and redirect pages for `aliases`.

use std::fmt::Write;

use crate::site::{Page, Site};

/// How many entries a feed carries.
const FEED_ENTRIES: usize = 20;

/// Escapes text for XML content and attributes, and drops the characters XML 1.0 does not
/// allow at all (not even escaped): the C0 controls other than tab, line feed and carriage
/// return, and U+FFFE/U+FFFF. A `\0` or `\x0b` pasted into a title would otherwise make
/// every feed reader reject the whole feed.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !is_xml_char(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` (its `Char` production; Rust's `char` has no surrogates).
fn is_xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}')
}

/// Every feed file: (output path, XML). The site's Atom and RSS feeds, one Atom feed per
/// section with dated pages, and one per term of taxonomies with `feed: true`.
pub(crate) fn feeds(site: &Site) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dated: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].front.date.is_some())
        .collect();
    dated.sort_by(|&a, &b| {
        site.pages[b]
            .front
            .date
            .cmp(&site.pages[a].front.date)
            .then(a.cmp(&b))
    });
    dated.truncate(FEED_ENTRIES);
    out.push((
        "atom.xml".to_string(),
        atom(site, &site.config.title, "/", "atom.xml", &dated),
    ));
    out.push(("rss.xml".to_string(), rss(site, &dated)));
    for s in site.sections.iter().skip(1) {
        let pages: Vec<usize> = s
            .pages
            .iter()
            .copied()
            .filter(|&p| site.pages[p].front.date.is_some())
            .take(FEED_ENTRIES)
            .collect();
        if pages.is_empty() {
            continue;
        }
        let title = format!("{} – {}", s.front.title, site.config.title);
        let file = format!("{}atom.xml", s.path.trim_start_matches('/'));
        out.push((file.clone(), atom(site, &title, &s.path, &file, &pages)));
    }
    for (ti, tax) in site.taxonomies.iter().enumerate() {
        if !site.config.taxonomies[ti].feed {
            continue;
        }
        for term in &tax.terms {
            let path = format!("/{}/{}/", tax.name, term.slug);
            let file = format!("{}atom.xml", path.trim_start_matches('/'));
            let pages: Vec<usize> = term.pages.iter().copied().take(FEED_ENTRIES).collect();
            let title = format!("{} – {}", term.name, site.config.title);
            out.push((file.clone(), atom(site, &title, &path, &file, &pages)));
        }
    }
    out
}

fn summary_text(page: &Page) -> String {
    page.front.description.clone().unwrap_or_default()
}

fn atom(site: &Site, title: &str, alternate: &str, self_file: &str, pages: &[usize]) -> String {
    let base = &site.config.base;
    let updated = pages
        .iter()
        .filter_map(|&p| site.pages[p].front.updated.or(site.pages[p].front.date))
        .max()
        .map_or_else(|| crate::date::now().rfc3339(), |d| d.rfc3339());
    let mut x = String::with_capacity(4096);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <generator>thidua</generator>\n",
        escape(&site.config.language),
        escape(title),
        escape(&base.permalink(self_file)),
        escape(&base.permalink(alternate)),
        escape(&base.permalink(self_file)),
        updated
    );
    for &p in pages {
        let page = &site.pages[p];
        let link = base.permalink(&page.path);
        let published = page
            .front
            .date
            .map(|d| d.rfc3339())
            .unwrap_or_else(|| updated.clone());
        let page_updated = page
            .front
            .updated
            .map_or_else(|| published.clone(), |d| d.rfc3339());
        let _ = write!(
            x,
            "  <entry>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <id>{}</id>\n    <published>{}</published>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n",
            escape(&page.front.title),
            escape(&link),
            escape(&link),
            published,
            page_updated,
            escape(&site.config.title)
        );
        for terms in page.front.taxonomies.values() {
            for t in terms {
                let _ = writeln!(x, "    <category term=\"{}\"/>", escape(t));
            }
        }
        let summary = summary_text(page);
        if !summary.is_empty() {
            let _ = writeln!(x, "    <summary>{}</summary>", escape(&summary));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn rss(site: &Site, pages: &[usize]) -> String {
    let base = &site.config.base;
    let mut x = String::with_capacity(4096);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n  <title>{}</title>\n  <link>{}</link>\n  <description>{}</description>\n  <language>{}</language>\n  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n  <generator>thidua</generator>\n",
        escape(&site.config.title),
        escape(&base.root()),
        escape(
            site.config
                .description
                .as_deref()
                .unwrap_or(&site.config.title)
        ),
        escape(&site.config.language),
        escape(&base.permalink("rss.xml"))
    );
    for &p in pages {
        let page = &site.pages[p];
        let link = base.permalink(&page.path);
        let _ = write!(
            x,
            "  <item>\n    <title>{}</title>\n    <link>{}</link>\n    <guid isPermaLink=\"true\">{}</guid>\n",
            escape(&page.front.title),
            escape(&link),
            escape(&link)
        );
        if let Some(d) = page.front.date {
            let _ = writeln!(x, "    <pubDate>{}</pubDate>", rfc2822(&d));
        }
        let summary = summary_text(page);
        if !summary.is_empty() {
            let _ = writeln!(x, "    <description>{}</description>", escape(&summary));
        }
        x.push_str("  </item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

fn rfc2822(d: &crate::date::LocalDateTime) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, day) = d.ymd();
    let (h, min) = d.hm();
    let wd = DAYS[usize::try_from(d.weekday_from_monday()).unwrap_or(0) % 7];
    let mon = MONTHS[usize::try_from(m - 1).unwrap_or(0) % 12];
    format!("{wd}, {day:02} {mon} {y} {h:02}:{min:02}:00 +0700")
}

/// `sitemap.xml`: every published page and section, and taxonomy pages, with `lastmod`.
pub(crate) fn sitemap(site: &Site) -> String {
    let base = &site.config.base;
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    for s in &site.sections {
        let last = s
            .pages
            .iter()
            .filter_map(|&p| site.pages[p].front.updated.or(site.pages[p].front.date))
            .max();
        entries.push((base.permalink(&s.path), last.map(|d| d.iso_date())));
    }
    for p in &site.pages {
        let last = p.front.updated.or(p.front.date);
        entries.push((base.permalink(&p.path), last.map(|d| d.iso_date())));
    }
    for t in &site.taxonomies {
        if t.terms.is_empty() {
            continue;
        }
        entries.push((base.permalink(&format!("/{}/", t.name)), None));
        for term in &t.terms {
            entries.push((base.permalink(&format!("/{}/{}/", t.name, term.slug)), None));
        }
    }
    entries.sort();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, last) in entries {
        let _ = write!(x, "  <url>\n    <loc>{}</loc>\n", escape(&loc));
        if let Some(l) = last {
            let _ = writeln!(x, "    <lastmod>{l}</lastmod>");
        }
        x.push_str("  </url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt` allowing everything and pointing at the sitemap.
pub(crate) fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.config.base.permalink("sitemap.xml")
    )
}

/// A page that sends the browser (and search engines) to `target`.
pub(crate) fn redirect_page(target: &str) -> String {
    let t = escape(target);
    format!(
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Đã chuyển địa chỉ</title>\n<link rel=\"canonical\" href=\"{t}\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p>Trang này đã chuyển đến <a href=\"{t}\">{t}</a>.</p>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }

    #[test]
    fn drops_characters_xml_forbids() {
        assert_eq!(
            escape("T\0i\x0bn\x0c \x08m\x1b\u{fffe}\u{ffff}ới\t\n\r"),
            "Tin mới\t\n\r"
        );
    }

    #[test]
    fn rfc2822_uses_vietnam_offset() {
        let d = crate::date::LocalDateTime::parse("2023-11-20T08:05:00+07:00")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(rfc2822(&d), "Mon, 20 Nov 2023 08:05:00 +0700");
    }
}
