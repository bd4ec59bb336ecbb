//! Where a link written in Markdown leads, as a browser would follow it, and whether the
//! built site has something there: relative links resolve against the page's own address
//! (`bai.md` and `bai/index.md` both sit at `/tin-tuc/bai/`), root-relative ones are addresses
//! on the server, which for a site under a sub-path (`/5-nam/`) must include it.
//!
//! Pure: works on the outputs' names that `check`'s render kept; reads no files.

use std::collections::HashSet;

use crate::paths::BaseUrl;

/// Where a link leads when the site has nothing there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Miss {
    /// Nothing inside the site; `href` is the address the browser would ask for
    /// (`/5-nam/tin-tuc/a/qd.pdf`).
    Missing {
        /// The address under the site's root, without the sub-path.
        site_path: String,
        /// The address as the browser asks for it.
        href: String,
    },
    /// An address outside the site's sub-path (`/anh/x.jpg` on a site under `/5-nam/`).
    Outside {
        /// The site path the link probably meant, when the site has it.
        inside: Option<String>,
    },
}

/// The outputs a build would write, for looking links up.
pub(super) struct Outputs<'a> {
    names: HashSet<&'a str>,
    base: &'a BaseUrl,
}

impl<'a> Outputs<'a> {
    /// `names` as [`crate::build::BuildReport::outputs`] lists them.
    pub(super) fn new(names: &'a [String], base: &'a BaseUrl) -> Self {
        Outputs {
            names: names.iter().map(String::as_str).collect(),
            base,
        }
    }

    /// Where `dest` (no `#fragment`), written in the page at site path `page`, leads: the
    /// site path of what the site has there (a page's `/tin-tuc/a/` or a file's
    /// `/tin-tuc/a/qd.pdf`), or why nothing. `None` when it is not an address at all.
    pub(super) fn follow(&self, page: &str, dest: &str) -> Option<Result<String, Miss>> {
        let from = url::Url::parse("http://site.invalid").ok()?;
        let from = from.join(&self.base.href(page)).ok()?;
        // The build publishes `/tin-tuc/a/` as `/5-nam/tin-tuc/a/`: follow it there.
        let dest = crate::render::markdown::under_sub_path(dest, self.base.path())
            .unwrap_or_else(|| dest.to_string());
        let to = from.join(&dest).ok()?;
        let href = percent_encoding::percent_decode_str(to.path())
            .decode_utf8_lossy()
            .into_owned();
        let href = crate::text::nfc(&href);
        let sub = self.base.path();
        let inside = href
            .strip_prefix(sub)
            .or_else(|| (format!("{href}/") == sub).then_some(""));
        Some(match inside {
            Some(rest) => {
                let site_path = format!("/{rest}");
                match self.find(&site_path) {
                    Some(found) => Ok(found),
                    None => Err(Miss::Missing { site_path, href }),
                }
            }
            None => Err(Miss::Outside {
                inside: self.find(&href),
            }),
        })
    }

    /// The canonical site path of what the site has at `site_path`, if anything: a page's
    /// folder (`/tin-tuc/a/`, also for `/tin-tuc/a` and `/tin-tuc/a/index.html`) or a file.
    pub(super) fn find(&self, site_path: &str) -> Option<String> {
        let rel = site_path.trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') {
            return self
                .names
                .contains(format!("{rel}index.html").as_str())
                .then(|| format!("/{rel}"));
        }
        if self.names.contains(rel) {
            return Some(match rel.strip_suffix("index.html") {
                Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
                _ => format!("/{rel}"),
            });
        }
        self.names
            .contains(format!("{rel}/index.html").as_str())
            .then(|| format!("/{rel}/"))
    }

    /// A file elsewhere in the site with the same name as the missing `site_path`, written as
    /// a link from the page at `page`: relative when it is at most one folder up
    /// (`../anh.jpg`), otherwise from the server's root, sub-path included.
    pub(super) fn same_name(&self, page: &str, site_path: &str) -> Option<String> {
        let name = site_path.rsplit('/').next().filter(|n| n.contains('.'))?;
        let mut found: Vec<&str> = self
            .names
            .iter()
            .copied()
            .filter(|n| n.rsplit('/').next() == Some(name))
            .collect();
        found.sort_unstable();
        let best = found.first()?;
        Some(self.written_from(page, best))
    }

    /// `output` (a name as listed) as a link from the page at `page`.
    pub(super) fn written_from(&self, page: &str, output: &str) -> String {
        let dir: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
        let to: Vec<&str> = output.split('/').filter(|s| !s.is_empty()).collect();
        let common = dir.iter().zip(&to).take_while(|(a, b)| a == b).count();
        let ups = dir.len() - common;
        if ups <= 1 && common < to.len() {
            let mut out = "../".repeat(ups);
            out.push_str(&to[common..].join("/"));
            if output.ends_with('/') {
                out.push('/');
            }
            out
        } else {
            self.base.href(output)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(url: &str) -> BaseUrl {
        BaseUrl::new(&url::Url::parse(url).expect("a URL"))
    }

    fn names() -> Vec<String> {
        [
            "index.html",
            "tin-tuc/index.html",
            "tin-tuc/a/index.html",
            "tin-tuc/a/qd.pdf",
            "tin-tuc/anh.jpg",
            "tai-lieu/ke hoach.pdf",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn relative_links_resolve_against_the_page_address() {
        let b = base("https://x.gov.vn/5-nam/");
        let n = names();
        let o = Outputs::new(&n, &b);
        let f = |page: &str, dest: &str| o.follow(page, dest).expect("an address");
        assert_eq!(f("/tin-tuc/a/", "qd.pdf"), Ok("/tin-tuc/a/qd.pdf".into()));
        assert_eq!(
            f("/tin-tuc/a/", "../anh.jpg"),
            Ok("/tin-tuc/anh.jpg".into())
        );
        assert_eq!(f("/tin-tuc/a/", "../"), Ok("/tin-tuc/".into()));
        assert_eq!(f("/tin-tuc/a/", "../a"), Ok("/tin-tuc/a/".into()));
        assert_eq!(
            f("/tin-tuc/a/", "/5-nam/tai-lieu/ke%20hoach.pdf"),
            Ok("/tai-lieu/ke hoach.pdf".into())
        );
        assert_eq!(f("/tin-tuc/a/", "/5-nam"), Ok("/".into()));
        assert_eq!(
            f("/tin-tuc/a/", "anh.jpg"),
            Err(Miss::Missing {
                site_path: "/tin-tuc/a/anh.jpg".into(),
                href: "/5-nam/tin-tuc/a/anh.jpg".into()
            })
        );
        // Written from the server's root: published under the sub-path, followed there.
        assert_eq!(
            f("/tin-tuc/a/", "/tin-tuc/anh.jpg"),
            Ok("/tin-tuc/anh.jpg".into())
        );
        assert_eq!(
            f("/tin-tuc/a/", "/khong-co/"),
            Err(Miss::Missing {
                site_path: "/khong-co/".into(),
                href: "/5-nam/khong-co/".into()
            })
        );
        // A relative address can still climb out of it.
        assert_eq!(
            f("/tin-tuc/a/", "../../../tin-tuc/anh.jpg"),
            Err(Miss::Outside {
                inside: Some("/tin-tuc/anh.jpg".into())
            })
        );
        assert_eq!(
            o.same_name("/tin-tuc/a/", "/tin-tuc/a/anh.jpg").as_deref(),
            Some("../anh.jpg")
        );
        assert_eq!(
            o.same_name("/gioi-thieu/b/c/", "/x/qd.pdf").as_deref(),
            Some("/5-nam/tin-tuc/a/qd.pdf")
        );
    }

    #[test]
    fn without_a_sub_path_root_links_are_site_paths() {
        let b = base("https://x.gov.vn/");
        let n = names();
        let o = Outputs::new(&n, &b);
        assert_eq!(
            o.follow("/tin-tuc/a/", "/tin-tuc/a/index.html"),
            Some(Ok("/tin-tuc/a/".into()))
        );
        assert_eq!(
            o.follow("/", "/khong-co/"),
            Some(Err(Miss::Missing {
                site_path: "/khong-co/".into(),
                href: "/khong-co/".into()
            }))
        );
    }
}
