//! Bare addresses in text become links, as GitHub-flavoured Markdown does ("extended
//! autolinks"): `https://dichvucong.langson.gov.vn` or `www.langson.gov.vn` written in a
//! sentence. Only text outside code and outside links reaches here (the caller sees to it).
//! Trailing punctuation stays out of the link ("… tại https://a.vn."), and a closing
//! parenthesis only belongs to the address when it closes one opened inside it.

/// The text as HTML with its bare addresses linked; `None` when it has none (the common case:
/// the caller keeps the text event as it is).
pub(super) fn link_bare_urls(text: &str) -> Option<String> {
    if !text.contains("://") && !text.contains("www.") {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut copied = 0;
    let mut i = 0;
    let mut found = false;
    while i < text.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let starts = ["https://", "http://", "www."].iter().any(|p| {
            rest.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        });
        if starts && boundary_before(&text[..i]) {
            let len = url_len(rest);
            if len > 0 {
                let url = &rest[..len];
                out.push_str(&escape(&text[copied..i]));
                let href = if url.to_ascii_lowercase().starts_with("www.") {
                    format!("http://{url}")
                } else {
                    url.to_string()
                };
                out.push_str(&format!(
                    "<a href=\"{}\">{}</a>",
                    escape(&href),
                    escape(url)
                ));
                found = true;
                i += len;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    if !found {
        return None;
    }
    out.push_str(&escape(&text[copied..]));
    Some(out)
}

/// An address starts a word: at the start, after a space, or after `(`, `*`, `_`, `~`, a quote.
fn boundary_before(before: &str) -> bool {
    before.chars().next_back().is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '*' | '_' | '~' | '"' | '“' | '\'' | '‘' | ':')
    })
}

/// How long the address at the start of `s` is, trailing punctuation left out; 0 when there is
/// no host with a dot.
fn url_len(s: &str) -> usize {
    let mut len = s.find(|c: char| !is_url_char(c)).unwrap_or(s.len());
    loop {
        let url = &s[..len];
        let Some(last) = url.chars().next_back() else {
            return 0;
        };
        let trailing = matches!(
            last,
            '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | '\'' | ';'
        );
        let unopened = last == ')' && url.matches(')').count() > url.matches('(').count();
        if !(trailing || unopened) {
            break;
        }
        len -= 1;
    }
    let url = &s[..len];
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let host = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
    let valid_host = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
    if valid_host { len } else { 0 }
}

fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::link_bare_urls;

    #[test]
    fn a_bare_address_in_a_sentence_becomes_a_link() {
        assert_eq!(
            link_bare_urls("Nộp tại https://dichvucong.langson.gov.vn.").as_deref(),
            Some(
                "Nộp tại <a href=\"https://dichvucong.langson.gov.vn\">https://dichvucong.langson.gov.vn</a>."
            )
        );
    }

    #[test]
    fn www_gets_a_scheme_and_parentheses_balance() {
        assert_eq!(
            link_bare_urls("(xem www.langson.gov.vn)").as_deref(),
            Some("(xem <a href=\"http://www.langson.gov.vn\">www.langson.gov.vn</a>)")
        );
    }

    #[test]
    fn text_without_an_address_is_left_alone() {
        assert_eq!(link_bare_urls("Tỷ lệ 99,60% < 100%"), None);
        assert_eq!(link_bare_urls("abchttps://x.vn"), None);
        assert_eq!(link_bare_urls("https://localhost"), None);
    }

    #[test]
    fn the_text_around_is_escaped() {
        assert_eq!(
            link_bare_urls("a < b https://a.vn/?x=1&y=2").as_deref(),
            Some("a &lt; b <a href=\"https://a.vn/?x=1&amp;y=2\">https://a.vn/?x=1&amp;y=2</a>")
        );
    }
}
