//! The paginator of a list page: which page this is, and links to the others.

use serde::Serialize;

use crate::paths::BaseUrl;

/// The paginator: which list page this is and how to reach the others.
#[derive(Debug, Serialize)]
pub(crate) struct PaginatorView {
    /// This page's number, from 1.
    pub(crate) number: usize,
    /// How many list pages there are.
    pub(crate) total_pages: usize,
    /// How many items in all.
    pub(crate) total_items: usize,
    /// URL of the previous list page, or none.
    pub(crate) previous: Option<String>,
    /// URL of the next list page, or none.
    pub(crate) next: Option<String>,
    /// URL of page 1.
    pub(crate) first: String,
    /// URL of the last page.
    pub(crate) last: String,
    /// Numbered links: the first and last pages and two on each side of this one,
    /// `[{number, url, current, gap_before}]` (`gap_before`: numbers were skipped before it).
    pub(crate) pagers: Vec<Pager>,
}

/// One numbered link of a paginator.
#[derive(Debug, Serialize)]
pub(crate) struct Pager {
    pub(crate) number: usize,
    pub(crate) url: String,
    pub(crate) current: bool,
    pub(crate) gap_before: bool,
}

/// The page numbers a paginator links to: 1, the last, and two on each side of `number`.
/// (Linking every page would make a 1,000-page list cost a million links to build.)
fn pager_numbers(number: usize, total: usize) -> Vec<usize> {
    let mut out: Vec<usize> = [1, total]
        .into_iter()
        .chain(number.saturating_sub(2).max(1)..=(number + 2).min(total))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The site path of list page `n` (1-based) of a list at `path`: page 1 is the list itself.
pub(crate) fn pager_path(path: &str, n: usize) -> String {
    if n <= 1 {
        path.to_string()
    } else {
        format!("{path}page/{n}/")
    }
}

/// Builds the paginator for page `number` of `total_pages`.
pub(crate) fn paginator(
    base: &BaseUrl,
    path: &str,
    number: usize,
    total_pages: usize,
    total_items: usize,
) -> PaginatorView {
    let url = |n: usize| base.href(&pager_path(path, n));
    PaginatorView {
        number,
        total_pages,
        total_items,
        previous: (number > 1).then(|| url(number - 1)),
        next: (number < total_pages).then(|| url(number + 1)),
        first: url(1),
        last: url(total_pages),
        pagers: {
            let numbers = pager_numbers(number, total_pages);
            numbers
                .iter()
                .enumerate()
                .map(|(i, &n)| Pager {
                    number: n,
                    url: url(n),
                    current: n == number,
                    gap_before: i > 0 && numbers[i - 1] + 1 != n,
                })
                .collect()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagers_are_a_window() {
        assert_eq!(pager_numbers(1, 1), [1]);
        assert_eq!(pager_numbers(1, 3), [1, 2, 3]);
        assert_eq!(pager_numbers(1, 100), [1, 2, 3, 100]);
        assert_eq!(pager_numbers(50, 100), [1, 48, 49, 50, 51, 52, 100]);
        assert_eq!(pager_numbers(100, 100), [1, 98, 99, 100]);
    }
}
