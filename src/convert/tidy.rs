//! Word's runs as Markdown wants them: Word splits a bold word into several runs, puts the
//! space after a bold word inside the bold, and leaves empty runs behind; Markdown's `**`
//! only works around words that touch it.

use super::model::{Inline, is_blank};

/// The inlines as the writer wants them: neighbouring texts joined, neighbouring bold (or
/// italic) runs joined (Word splits a bold word into several runs), bold inside bold
/// flattened, spaces moved out of emphasis (`** bold**` is not bold in Markdown), empty
/// emphasis dropped.
pub(crate) fn tidy(inlines: &[Inline]) -> Vec<Inline> {
    tidy_in(inlines, false, false)
}

fn tidy_in(inlines: &[Inline], in_strong: bool, in_emph: bool) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Strong(c) if in_strong => {
                tidy_in(c, true, in_emph)
                    .into_iter()
                    .for_each(|i| push(&mut out, i));
            }
            Inline::Emph(c) if in_emph => {
                tidy_in(c, in_strong, true)
                    .into_iter()
                    .for_each(|i| push(&mut out, i));
            }
            Inline::Strong(c) => wrap(&mut out, tidy_in(c, true, in_emph), Inline::Strong),
            Inline::Emph(c) => wrap(&mut out, tidy_in(c, in_strong, true), Inline::Emph),
            Inline::Link { href, content } => {
                let content = tidy_in(content, in_strong, in_emph);
                wrap(&mut out, content, |content| Inline::Link {
                    href: href.clone(),
                    content,
                });
            }
            other => push(&mut out, other.clone()),
        }
    }
    join_across_spaces(out)
}

/// `**125.000** **hồ sơ**` → `**125.000 hồ sơ**`: two bold (or italic) runs with only a space
/// between them are one.
fn join_across_spaces(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let n = out.len();
        let joinable = n >= 2
            && matches!(&out[n - 1], Inline::Text(t) if t.trim().is_empty())
            && matches!(
                (&out[n - 2], &inline),
                (Inline::Strong(_), Inline::Strong(_)) | (Inline::Emph(_), Inline::Emph(_))
            );
        if !joinable {
            out.push(inline);
            continue;
        }
        let space = out.pop();
        if let (Some(Inline::Strong(a) | Inline::Emph(a)), Inline::Strong(b) | Inline::Emph(b)) =
            (out.last_mut(), inline)
        {
            a.extend(space);
            b.into_iter().for_each(|i| push(a, i));
        }
    }
    out
}

/// Pushes `content` wrapped by `make`, with its outer spaces moved outside.
fn wrap(out: &mut Vec<Inline>, mut content: Vec<Inline>, make: impl Fn(Vec<Inline>) -> Inline) {
    let lead = take_edge_space(&mut content, true);
    let trail = take_edge_space(&mut content, false);
    if lead {
        push(out, Inline::Text(" ".into()));
    }
    if is_blank(&content) {
        content.into_iter().for_each(|i| push(out, i));
    } else {
        push(out, make(content));
    }
    if trail {
        push(out, Inline::Text(" ".into()));
    }
}

fn take_edge_space(content: &mut Vec<Inline>, start: bool) -> bool {
    let index = if start {
        0
    } else {
        content.len().wrapping_sub(1)
    };
    let Some(Inline::Text(t)) = content.get_mut(index) else {
        return false;
    };
    let trimmed = if start { t.trim_start() } else { t.trim_end() };
    if trimmed.len() == t.len() {
        return false;
    }
    *t = trimmed.to_string();
    if t.is_empty() {
        content.remove(index);
    }
    true
}

fn push(out: &mut Vec<Inline>, inline: Inline) {
    match (out.last_mut(), inline) {
        (Some(Inline::Text(a)), Inline::Text(b)) => {
            if a.ends_with(' ') && b.starts_with(' ') {
                a.push_str(b.trim_start());
            } else {
                a.push_str(&b);
            }
        }
        (Some(Inline::Strong(a)), Inline::Strong(b)) => {
            b.into_iter().for_each(|i| push(a, i));
        }
        (Some(Inline::Emph(a)), Inline::Emph(b)) => b.into_iter().for_each(|i| push(a, i)),
        (_, Inline::Text(b)) if b.is_empty() => {}
        (_, inline) => out.push(inline),
    }
}
