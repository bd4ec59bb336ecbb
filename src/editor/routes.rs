//! Which page answers which request, once [`super::server`] has checked the host, the
//! session and the CSRF token. Every change is recorded in the audit log.

use hyper::{Method, StatusCode};

use super::pages;
use super::posts::{self, Fields, Saved};
use super::request::{Req, Resp, fields_from};
use super::{State, audit};
use crate::msg;

const EDITOR_CSS: &str = include_str!("assets/editor.css");
const EDITOR_JS: &str = include_str!("assets/editor.js");

/// Answers one request.
pub(super) fn route(state: &State, req: Req) -> Resp {
    let get = req.method == Method::GET;
    match (get, req.path.as_str()) {
        (true, "/assets/editor.css") => asset("text/css; charset=utf-8", EDITOR_CSS),
        (true, "/assets/editor.js") => asset("text/javascript; charset=utf-8", EDITOR_JS),
        (true, "/login") => Resp::html(StatusCode::OK, pages::login(state, &req, None)),
        (false, "/logout") => logout(state, &req),
        (true, "/") => super::workflow::list(state, &req),
        (true, "/new") => {
            let sections = posts::sections(&state.opts.root);
            Resp::html(
                StatusCode::OK,
                pages::new_post(state, &req, &sections, None),
            )
        }
        (false, "/new") => new_post(state, &req),
        (true, "/edit") => edit(state, &req, None),
        (false, "/save") => save(state, &req),
        (false, "/upload") => upload(state, &req),
        (false, "/autosave") => super::workflow::autosave(state, &req),
        (false, "/workflow") => super::workflow::act(state, &req),
        (false, "/publish") => super::publish::run(state, &req),
        (false, "/paste") => super::word::paste(state, &req),
        (false, "/docx") => super::word::docx(state, &req),
        (true, "/preview") => super::review::preview(state, &req),
        (true, p) if p.starts_with("/preview/") => super::review::preview_file(state, &req),
        (true, "/history") => super::review::history_page(state, &req),
        (true, "/diff") => super::review::diff_page(state, &req),
        (false, "/restore") => super::review::restore(state, &req),
        (true, "/data") => super::data::list(state, &req),
        (true, "/data/indicator") => super::data::indicator(state, &req),
        (false, "/data/indicator") => super::data::indicator_post(state, &req),
        (true, "/data/honourees") => super::data::honourees_list(state, &req),
        (true, "/data/honouree") => super::data::honouree(state, &req),
        (false, "/data/honouree") => super::data::honouree_post(state, &req),
        (true, "/data/decision") => super::data::decision(state, &req),
        (false, "/data/decision") => super::data::decision_post(state, &req),
        (false, "/data/export") => super::data::export_preview(state, &req),
        (false, "/data/export/save") => super::data::export_save(state, &req),
        _ => state.refusal(
            StatusCode::NOT_FOUND,
            msg!("There is no such page in the editing room."),
        ),
    }
}

fn asset(kind: &'static str, text: &'static str) -> Resp {
    Resp::typed(StatusCode::OK, kind, text.as_bytes().to_vec())
}

fn logout(state: &State, req: &Req) -> Resp {
    audit::record(&state.opts.root, req.user(), "logout", "");
    state.lock_auth().close(&req.session.id);
    Resp::see_other("/login")
}

fn new_post(state: &State, req: &Req) -> Resp {
    let title = crate::text::nfc(req.arg("title").trim());
    let section = req.arg("section").to_string();
    let slug = crate::paths::slugify(&title);
    let retry = |m: crate::messages::Text| {
        let sections = posts::sections(&state.opts.root);
        Resp::html(
            StatusCode::UNPROCESSABLE_ENTITY,
            pages::new_post(state, req, &sections, Some(state.t(m))),
        )
    };
    if slug.is_empty() {
        return retry(msg!("Write a title with letters or digits."));
    }
    if !posts::sections(&state.opts.root).contains(&section) {
        return retry(msg!("Choose one of the sections."));
    }
    let rel = format!("content/{section}/{slug}/index.md");
    let fields = Fields {
        title,
        date: crate::date::today(),
        draft: true,
        ..Fields::default()
    };
    let text = posts::compose(&Default::default(), &fields, "\n");
    let _guard = state.lock_writing();
    match posts::save(&state.opts.root, &rel, "", &text, req.user()) {
        Ok(Saved::Written(_)) => {
            super::history::record(state, &rel, req.user(), "tạo bài");
            audit::record(&state.opts.root, req.user(), "create", &rel);
            Resp::see_other(&format!("/edit?p={}", pages::url_encode(&rel)))
        }
        Ok(_) => retry(msg!(
            "A post with this title already exists in this section: choose another title."
        )),
        Err(e) => retry(e),
    }
}

/// The edit page, with `notes` (errors, a saved message) above the form.
pub(super) fn edit(state: &State, req: &Req, notes: Option<String>) -> Resp {
    let rel = req.arg("p");
    match posts::read(&state.opts.root, rel) {
        Ok(post) => {
            let (terms, indicators) = suggestions(state);
            // Editors continue the revision waiting for approval; approvers see what is live.
            let (post, revision) = match super::pending::read(&state.opts.root, rel) {
                Some(revision) if !req.approves() => (revision, true),
                _ => (post, false),
            };
            let (post, kept) = super::workflow::with_autosave(state, post, req.user());
            // The problems of the text in the form, when it is not the file's.
            let shown = (revision || !kept.is_empty())
                .then(|| posts::compose(&post.front, &post.fields, &post.body));
            let around = pages::Around {
                notes: notes.unwrap_or_default()
                    + &kept
                    + &super::workflow::notes(state, req, &post),
                actions: super::workflow::actions(state, req, &post),
                terms,
                indicators,
                problems: super::problems::check(
                    &state.opts.root,
                    rel,
                    state.opts.lang,
                    shown.as_deref(),
                ),
            };
            Resp::html(StatusCode::OK, pages::edit(state, req, &post, &around))
        }
        Err(e) => state.refusal(StatusCode::NOT_FOUND, e),
    }
}

/// Every tag and category already used, and the results' indicators (id, name).
fn suggestions(state: &State) -> (Vec<String>, Vec<(String, String)>) {
    let root = &state.opts.root;
    let mut terms: Vec<String> = posts::list(root)
        .iter()
        .filter_map(|rel| posts::read(root, rel).ok())
        .flat_map(|p| p.fields.tags.into_iter().chain(p.fields.categories))
        .collect();
    terms.sort();
    terms.dedup();
    let origin = crate::yaml::Origin {
        file: "content/_data/results.yaml",
        first_line: 1,
        topic: "data",
    };
    let indicators = std::fs::read_to_string(root.join("content/_data/results.yaml"))
        .ok()
        .and_then(|t| crate::yaml::parse_value(&t, origin).ok())
        .and_then(|v| v.get("indicators").and_then(|i| i.as_array()).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|i| {
            let id = i.get("id")?.as_str()?.to_string();
            let name = i
                .get("name")
                .and_then(|n| n.as_str())
                .unwrap_or(&id)
                .to_string();
            Some((id, name))
        })
        .collect();
    (terms, indicators)
}

fn save(state: &State, req: &Req) -> Resp {
    let rel = req.arg("p").to_string();
    let root = &state.opts.root;
    let _guard = state.lock_writing();
    let current = match posts::read(root, &rel) {
        Ok(p) => p,
        Err(e) => return state.refusal(StatusCode::NOT_FOUND, e),
    };
    let text = posts::compose(
        &current.front,
        &fields_from(req, current.fields.draft),
        req.arg("body"),
    );
    let waits = super::pending::applies(req.approves(), &current);
    let saved = if waits {
        super::pending::save(root, &current, req.arg("version"), &text, req.user())
    } else {
        posts::save(root, &rel, req.arg("version"), &text, req.user())
    };
    let done = Resp::see_other(&format!("/edit?p={}&saved=1", pages::url_encode(&rel)));
    match saved {
        Ok(Saved::Written(_)) if waits => {
            super::workflow::submitted(state, &rel, req.user());
            super::workflow::forget_autosave(state, &rel, req.user());
            audit::record(root, req.user(), "save for approval", &rel);
            done
        }
        Ok(Saved::Written(_)) => {
            super::history::record(state, &rel, req.user(), "lưu");
            super::workflow::forget_autosave(state, &rel, req.user());
            audit::record(root, req.user(), "save", &rel);
            done
        }
        Ok(Saved::Unchanged(_)) => {
            if waits && super::pending::text(root, &rel).is_some() {
                super::workflow::submitted(state, &rel, req.user());
            }
            done
        }
        Ok(Saved::Conflict { kept, current, .. }) => {
            audit::record(root, req.user(), "conflict", &format!("{rel} -> {kept}"));
            Resp::html(
                StatusCode::CONFLICT,
                pages::conflict(state, req, &rel, &text, &current, &kept),
            )
        }
        Err(e) => state.refusal(StatusCode::BAD_REQUEST, e),
    }
}

/// A photo sent as the request body (`?p=POST&name=FILE`), stored in the post's folder.
fn upload(state: &State, req: &Req) -> Resp {
    let rel = req.arg("p");
    let root = &state.opts.root;
    let path = match posts::resolve(root, rel) {
        Ok(p) if rel.ends_with("/index.md") && p.is_file() => p,
        Ok(_) => {
            return state.refusal(
                StatusCode::BAD_REQUEST,
                msg!("Photos can be added only to posts created in the editing room (a folder with index.md)."),
            );
        }
        Err(e) => return state.refusal(StatusCode::BAD_REQUEST, e),
    };
    let dir = path.parent().unwrap_or(root);
    match super::upload::store(state, dir, req.arg("name"), &req.body) {
        Ok(name) => {
            audit::record(root, req.user(), "upload", &format!("{rel} {name}"));
            Resp::json(StatusCode::OK, &serde_json::json!({ "name": name }))
        }
        Err((status, why)) => state.refusal(status, why),
    }
}
