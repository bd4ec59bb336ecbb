//! Seeing a post before it is published: the live preview (the real build of the site, drafts
//! and future dates included, with this post's latest text read in place of its file, served
//! under `/preview/`), and its history (who saved which version when, a diff, a restore).

use hyper::StatusCode;

use super::pages::{self, esc, url_encode};
use super::posts::{self, Saved};
use super::request::{Req, Resp};
use super::{State, audit, history};
use crate::{BuildOptions, msg};

/// What the preview's pages may do: their own files, no script, in a sandbox.
const PREVIEW_CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; frame-ancestors 'self'; form-action 'none'; sandbox allow-same-origin";

/// The post's latest text for `who`: their autosaved copy, else its revision waiting for
/// approval, else its file.
fn latest(state: &State, rel: &str, who: &str) -> Option<String> {
    let copy = super::workflow::autosave_path(state, rel, who);
    let revision = || super::pending::text(&state.opts.root, rel);
    std::fs::read_to_string(copy)
        .ok()
        .or_else(revision)
        .or_else(|| {
            posts::resolve(&state.opts.root, rel)
                .ok()
                .and_then(|p| std::fs::read_to_string(p).ok())
        })
}

/// Each person's own preview output in the room's preview folder: a preview holds its
/// author's unsaved (autosaved) text, which no one else may read under `/preview/`.
fn preview_out(dir: &std::path::Path, who: &str) -> std::path::PathBuf {
    dir.join(format!(
        "out-{:016x}",
        xxhash_rust::xxh3::xxh3_64(who.as_bytes())
    ))
}

/// `GET /preview?p=POST`: builds the preview and sends the frame to the post's page.
pub(super) fn preview(state: &State, req: &Req) -> Resp {
    let rel = req.arg("p");
    let (Ok(_), Some(text)) = (
        posts::resolve(&state.opts.root, rel),
        latest(state, rel, req.user()),
    ) else {
        return state.refusal(
            StatusCode::NOT_FOUND,
            msg!("There is no such page in the editing room."),
        );
    };
    let dir = state.preview_dir();
    let host = req
        .headers
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.opts.behind_https {
        "https"
    } else {
        "http"
    };
    // The site itself, with this post's latest text standing in for its file: nothing is
    // copied, and its photos come from the site's own cache (made once, not per preview).
    let opts = BuildOptions {
        root: state.opts.root.clone(),
        output: Some(preview_out(&dir, req.user())),
        base_url: Some(format!("{scheme}://{host}/preview/")),
        drafts: true,
        future: true,
        preview: true,
        overlay: Some(std::sync::Arc::new(crate::load::Overlay::new(rel, text))),
        ..BuildOptions::default()
    };
    let result = crate::Session::start(&opts);
    match result {
        Ok((session, _)) => {
            let path = session
                .site()
                .pages
                .iter()
                .find(|p| p.source == crate::text::nfc(rel))
                .map(|p| p.path.clone());
            Resp::see_other(&format!("/preview{}", path.unwrap_or_else(|| "/".into())))
        }
        Err(e) => {
            let items: String = match &e {
                crate::diagnostic::BuildError::Content(d) => d
                    .iter()
                    .map(|d| format!("<li>{}</li>", esc(&d.render(state.opts.lang))))
                    .collect(),
                other => format!("<li>{}</li>", esc(&state.t(other.message()))),
            };
            let mut r = Resp::html(
                StatusCode::OK,
                format!(
                    "<!doctype html><html><head><meta charset=\"utf-8\"><title>!</title></head><body><ul class=\"error\">{items}</ul></body></html>"
                ),
            );
            r.csp = Some(PREVIEW_CSP);
            r
        }
    }
}

/// `GET /preview/…`: a file of the last preview build.
pub(super) fn preview_file(state: &State, req: &Req) -> Resp {
    let out = preview_out(&state.preview_dir(), req.user());
    let path = req.path.strip_prefix("/preview").unwrap_or("/");
    let mut r = match crate::serve::http::resolve(&out, path) {
        Ok(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
                let bytes = if ext == "html" {
                    without_scripts(bytes)
                } else {
                    bytes
                };
                Resp::typed(StatusCode::OK, crate::serve::http::content_type(ext), bytes)
            }
            Err(_) => Resp::text(StatusCode::NOT_FOUND, String::new()),
        },
        Err(_) => Resp::text(StatusCode::NOT_FOUND, String::new()),
    };
    r.csp = Some(PREVIEW_CSP);
    r
}

/// The page without its `<script>` elements: the preview shows what a post looks like, and
/// no script runs beside the editing room (a script written into a post must not act with an
/// approver's session).
fn without_scripts(bytes: Vec<u8>) -> Vec<u8> {
    let Ok(html) = String::from_utf8(bytes) else {
        return Vec::new();
    };
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| i + at) {
        out.push_str(&html[at..start]);
        at = lower[start..]
            .find("</script>")
            .map_or(html.len(), |end| start + end + "</script>".len());
    }
    out.push_str(&html[at..]);
    out.into_bytes()
}

/// `GET /history?p=POST`: the versions, each with a diff link and a restore button.
pub(super) fn history_page(state: &State, req: &Req) -> Resp {
    let rel = req.arg("p");
    if let Err(e) = posts::resolve(&state.opts.root, rel) {
        return state.refusal(StatusCode::NOT_FOUND, e);
    }
    let rows: String = history::versions(&state.opts.root, rel)
        .iter()
        .map(|v| {
            format!(
                "<li><span class=\"who\">{}</span> · <time>{}</time> · <a href=\"/diff?p={}&amp;v={}\">{}</a>\
<form method=\"post\" action=\"/restore\" class=\"inline\">{}<input type=\"hidden\" name=\"p\" value=\"{}\"><input type=\"hidden\" name=\"v\" value=\"{}\"><button type=\"submit\">{}</button></form></li>",
                esc(&v.who),
                esc(&history::shown_time(&v.when)),
                esc(&url_encode(rel)),
                esc(&url_encode(&v.id)),
                esc(&state.t(msg!("Differences from now"))),
                pages::csrf(req),
                esc(rel),
                esc(&v.id),
                esc(&state.t(msg!("Restore this version")))
            )
        })
        .collect();
    let title = state.t(msg!("History"));
    let main = format!(
        "<h1>{}</h1><p><a href=\"/edit?p={}\">{}</a></p><ol class=\"history\">{rows}</ol>",
        esc(&title),
        esc(&url_encode(rel)),
        esc(rel)
    );
    Resp::html(StatusCode::OK, pages::layout(state, req, &title, &main))
}

/// `GET /diff?p=POST&v=VERSION`: what changed from that version to the file now; with
/// `v=pending`, what the revision waiting for approval changes in the published file.
pub(super) fn diff_page(state: &State, req: &Req) -> Resp {
    let (rel, v) = (req.arg("p"), req.arg("v"));
    let file = posts::read(&state.opts.root, rel)
        .map(|_| std::fs::read_to_string(state.opts.root.join(rel)).unwrap_or_default());
    let (title, texts) = if v == "pending" {
        let revision = super::pending::text(&state.opts.root, rel);
        let title = state.t(msg!("Changes waiting for approval"));
        (title, (file.ok(), revision))
    } else {
        let old = history::text_of(&state.opts.root, rel, v);
        (state.t(msg!("Differences from now")), (old, file.ok()))
    };
    let (Some(old), Some(now)) = texts else {
        return state.refusal(
            StatusCode::NOT_FOUND,
            msg!("There is no such page in the editing room."),
        );
    };
    let diff = similar::TextDiff::from_lines(&old, &now);
    let lines: String = diff
        .iter_all_changes()
        .map(|c| {
            let (class, sign) = match c.tag() {
                similar::ChangeTag::Delete => ("del", "−"),
                similar::ChangeTag::Insert => ("ins", "+"),
                similar::ChangeTag::Equal => ("same", " "),
            };
            format!("<span class=\"{class}\">{sign} {}</span>", esc(c.value()))
        })
        .collect();
    let main = format!(
        "<h1>{}</h1><p>{}</p><pre class=\"diff\">{lines}</pre>",
        esc(&title),
        esc(rel)
    );
    Resp::html(StatusCode::OK, pages::layout(state, req, &title, &main))
}

/// `POST /restore`: the chosen version saved again as the newest (the current one stays in
/// the history).
pub(super) fn restore(state: &State, req: &Req) -> Resp {
    let (rel, v) = (req.arg("p").to_string(), req.arg("v"));
    let root = &state.opts.root;
    let _guard = state.lock_writing();
    let (Some(old), Ok(now)) = (history::text_of(root, &rel, v), posts::read(root, &rel)) else {
        return state.refusal(
            StatusCode::NOT_FOUND,
            msg!("There is no such page in the editing room."),
        );
    };
    if super::pending::applies(req.approves(), &now) {
        // An editor's restore of a published post waits for approval, like a save.
        let based_on = super::pending::read(root, &rel).map_or(now.version.clone(), |p| p.version);
        return match super::pending::save(root, &now, &based_on, &old, req.user()) {
            Ok(saved) => {
                if matches!(saved, Saved::Written(_)) {
                    super::workflow::submitted(state, &rel, req.user());
                    audit::record(
                        root,
                        req.user(),
                        "restore for approval",
                        &format!("{rel} {v}"),
                    );
                }
                Resp::see_other(&format!("/edit?p={}&saved=1", url_encode(&rel)))
            }
            Err(e) => state.refusal(StatusCode::BAD_REQUEST, e),
        };
    }
    match posts::save(root, &rel, &now.version, &old, req.user()) {
        Ok(Saved::Written(_)) => {
            history::record(state, &rel, req.user(), "khôi phục");
            audit::record(root, req.user(), "restore", &format!("{rel} {v}"));
        }
        Ok(_) => {}
        Err(e) => return state.refusal(StatusCode::BAD_REQUEST, e),
    }
    Resp::see_other(&format!("/edit?p={}&saved=1", url_encode(&rel)))
}
