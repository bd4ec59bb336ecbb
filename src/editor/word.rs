//! From Word into the editing room, with the conversions of [`crate::convert`]: a paste of
//! Word's (or a web page's) HTML becomes Markdown at the cursor, its pictures uploaded first
//! and named in its place; a `.docx` file becomes a new draft post, its pictures in the post's
//! folder. Only JPEG, PNG and WebP pictures are kept (the type read from their bytes).

use hyper::StatusCode;

use super::pages::url_encode;
use super::posts::{self, Fields, Saved};
use super::request::{Req, Resp};
use super::upload::{ImageKind, data_address_bytes, safe_name, store};
use super::{State, audit, history};
use crate::msg;

/// The most pictures one paste stores (a page of a report has a few; more is a mistake or an
/// attempt to fill the disk): the rest are counted as not kept.
const MAX_PASTED_PICTURES: usize = 50;

/// `POST /paste?p=POST&names=A%0AB`: the clipboard's HTML as the body; the names of the
/// pictures the page uploaded from the same clipboard, one a line, in order (an empty line for
/// one that did not upload), stand for the pictures at addresses the browser cannot read
/// (Word's `file:///…/clip_image002.png`). A picture inside the HTML as a `data:` address is
/// stored in the post's folder like an upload; one on another host is not fetched (nothing loads from elsewhere). Answers
/// `{"markdown": …, "note": …}`, the note saying how many pictures could not be kept.
pub(super) fn paste(state: &State, req: &Req) -> Resp {
    let Ok(html) = std::str::from_utf8(&req.body) else {
        return state.refusal(
            StatusCode::BAD_REQUEST,
            msg!("The pasted text could not be read."),
        );
    };
    let rel = req.arg("p");
    let root = &state.opts.root;
    // Pasted pictures are written only into a post made in the room (a folder with index.md).
    let folder = posts::resolve(root, rel)
        .ok()
        .filter(|p| rel.ends_with("/index.md") && p.is_file())
        .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
    // An empty line: that picture did not upload (it is left out and counted).
    let mut names = req
        .arg("names")
        .split('\n')
        .map(|n| (!n.trim().is_empty()).then(|| n.trim().to_string()));
    let (mut kept, mut lost) = (Vec::new(), 0usize);
    let markdown = crate::convert::word_html_to_markdown_with_images(html, &mut |src| {
        let remote = ["http:", "https:", "//", "data:"].iter().any(|p| {
            src.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        });
        let room = kept.len() < MAX_PASTED_PICTURES;
        let stored = match (room.then(|| data_address_bytes(src)).flatten(), &folder) {
            (Some(bytes), Some(dir)) => store(state, dir, "anh-dan", &bytes).ok(),
            _ if remote => None,
            _ => names.next().flatten(),
        };
        match &stored {
            Some(name) => kept.push(name.clone()),
            None => lost += 1,
        }
        stored
    });
    audit::record(
        root,
        req.user(),
        "paste",
        &format!("{rel} {}", kept.join(" ")),
    );
    let note = (lost > 0).then(|| {
        state.t(msg!(
            "{} pasted picture(s) could not be kept: pictures from another website are not copied, and only JPEG, PNG and WebP pictures are kept; add them with “Add photos”.",
            lost.to_string()
        ))
    });
    Resp::json(
        StatusCode::OK,
        &serde_json::json!({ "markdown": markdown, "note": note }),
    )
}

/// `POST /docx?section=SECTION`: a `.docx` file as the body; creates the draft post and
/// answers `{"location": "/edit?p=…"}`, or refuses with the reason.
pub(super) fn docx(state: &State, req: &Req) -> Resp {
    let section = req.arg("section");
    if !posts::sections(&state.opts.root)
        .iter()
        .any(|s| s == section)
    {
        return state.refusal(StatusCode::BAD_REQUEST, msg!("Choose one of the sections."));
    }
    let post = match crate::convert::docx_to_post(&req.body) {
        Ok(p) => p,
        Err(e) => return state.refusal(StatusCode::UNPROCESSABLE_ENTITY, e.message()),
    };
    let title = post
        .title
        .clone()
        .unwrap_or_else(|| state.t(msg!("A post from Word")));
    let slug = crate::paths::slugify(&title);
    let rel = format!("content/{section}/{slug}/index.md");
    let root = &state.opts.root;
    let _guard = state.lock_writing();
    if root.join(&rel).exists() {
        return state.refusal(
            StatusCode::CONFLICT,
            msg!("A post with this title already exists in this section: choose another title."),
        );
    }
    let mut markdown = post.markdown.clone();
    let dir = root.join(&rel);
    let dir = dir.parent().unwrap_or(root);
    for (name, bytes) in &post.images {
        let Some(kind) = ImageKind::sniff(bytes) else {
            continue;
        };
        let safe = safe_name(name, kind);
        if super::atomic::write_atomic(&dir.join(&safe), bytes, false).is_ok() && safe != *name {
            markdown = markdown.replace(&format!("]({name})"), &format!("]({safe})"));
        }
    }
    let fields = Fields {
        description: crate::convert::first_paragraph(&markdown, 200).unwrap_or_default(),
        title,
        date: crate::date::today(),
        draft: true,
        ..Fields::default()
    };
    let text = posts::compose(&Default::default(), &fields, &markdown);
    match posts::save(root, &rel, "", &text, req.user()) {
        Ok(Saved::Written(_)) => {
            history::record(state, &rel, req.user(), "tạo bài từ Word");
            audit::record(root, req.user(), "create from word", &rel);
            let location = format!("/edit?p={}", url_encode(&rel));
            Resp::json(StatusCode::OK, &serde_json::json!({ "location": location }))
        }
        Ok(_) => state.refusal(
            StatusCode::CONFLICT,
            msg!("A post with this title already exists in this section: choose another title."),
        ),
        Err(e) => state.refusal(StatusCode::BAD_REQUEST, e),
    }
}
