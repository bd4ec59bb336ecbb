//! The workflow: Nháp (`draft: true` in the front matter, so `build` never publishes it),
//! Chờ duyệt (submitted: recorded in `.thidua/editor/state.json`, outside the Markdown),
//! returned with a comment (back to Nháp, the comment shown), approved (the `draft` line
//! removed: Đã đăng, or Hẹn giờ when its date is still to come; `build` leaves it out until
//! then). An editor's change to a published post is a revision waiting for approval
//! ([`super::pending`]): Chờ duyệt while the published version stays live; returned, it waits
//! for its writer; approved, it replaces the post's file. Also the list of posts and the
//! autosaved draft copies (`.thidua/editor/autosave/<post>.<account>`, each person's own,
//! never the post's file).

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;

use hyper::StatusCode;
use serde::{Deserialize, Serialize};

use super::pages::{self, Row, esc};
use super::posts::{self, Post, Saved};
use super::request::{Req, Resp};
use super::{State, audit, pending};
use crate::msg;

const STATE_FILE: &str = ".thidua/editor/state.json";

/// A post's place in the workflow, when it is not simply a draft or published.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct Step {
    /// `submitted` or `returned`.
    status: String,
    /// The approver's comment when returned.
    #[serde(default)]
    comment: String,
    /// Who did it.
    by: String,
}

fn load(state: &State) -> BTreeMap<String, Step> {
    std::fs::read_to_string(state.opts.root.join(STATE_FILE))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn store(state: &State, steps: &BTreeMap<String, Step>) {
    let text = serde_json::to_string_pretty(steps).unwrap_or_default();
    let _ = super::atomic::write_atomic(&state.opts.root.join(STATE_FILE), text.as_bytes(), false);
}

/// Marks the post as waiting for approval, by `by` (a saved revision of a published post).
pub(super) fn submitted(state: &State, rel: &str, by: &str) {
    let mut steps = load(state);
    steps.insert(
        rel.to_string(),
        Step {
            status: "submitted".into(),
            comment: String::new(),
            by: by.to_string(),
        },
    );
    store(state, &steps);
}

/// The status's key and words. A published post with a revision waiting for approval is
/// Chờ duyệt (its published version still live); returned, it is shown as published.
fn status(state: &State, post: &Post, step: Option<&Step>) -> (&'static str, String) {
    let revision = !post.fields.draft && pending::text(&state.opts.root, &post.rel).is_some();
    if revision && step.is_none_or(|s| s.status == "submitted") {
        return ("pending", state.t(msg!("Waiting for approval")));
    }
    if post.fields.draft {
        if step.is_some_and(|s| s.status == "submitted") {
            ("pending", state.t(msg!("Waiting for approval")))
        } else {
            ("draft", state.t(msg!("Draft")))
        }
    } else if post.fields.date.as_str() > crate::date::today().as_str() {
        ("scheduled", state.t(msg!("Scheduled")))
    } else {
        ("published", state.t(msg!("Published")))
    }
}

/// The list of posts, searched and filtered.
pub(super) fn list(state: &State, req: &Req) -> Resp {
    let steps = load(state);
    let q = crate::paths::slugify(req.arg("q"));
    let want = req.arg("status");
    let mut rows: Vec<Row> = posts::list(&state.opts.root)
        .into_iter()
        .filter_map(|rel| posts::read(&state.opts.root, &rel).ok())
        .filter_map(|post| {
            let (key, words) = status(state, &post, steps.get(&post.rel));
            let hay = crate::paths::slugify(&format!("{} {}", post.fields.title, post.rel));
            let keep = (q.is_empty() || hay.contains(&q)) && (want.is_empty() || want == key);
            keep.then(|| Row {
                rel: post.rel.clone(),
                title: post.fields.title.clone(),
                date: post.fields.date.clone(),
                status: words,
                key,
            })
        })
        .collect();
    rows.sort_by(|a, b| b.date.cmp(&a.date).then(a.rel.cmp(&b.rel)));
    let statuses = [
        ("draft", state.t(msg!("Draft"))),
        ("pending", state.t(msg!("Waiting for approval"))),
        ("published", state.t(msg!("Published"))),
        ("scheduled", state.t(msg!("Scheduled"))),
    ];
    Resp::html(StatusCode::OK, pages::list(state, req, &rows, &statuses))
}

/// What to say above the form: saved, waiting, returned with a comment.
pub(super) fn notes(state: &State, req: &Req, post: &Post) -> String {
    let mut out = String::new();
    if req.arg("saved") == "1" {
        out.push_str(&format!(
            "<p class=\"ok\" role=\"status\">{}</p>",
            esc(&state.t(msg!("Saved.")))
        ));
    }
    if req.arg("blocked") == "1" {
        out.push_str(&format!(
            "<p class=\"error\" role=\"alert\">{}</p>",
            esc(&state.t(msg!("Fix the problems marked below before submitting.")))
        ));
    }
    let step = load(state).get(&post.rel).cloned();
    let revision = pending::text(&state.opts.root, &post.rel).is_some();
    if revision && step.as_ref().is_none_or(|s| s.status == "submitted") {
        let author = pending::note(&state.opts.root, &post.rel).author;
        out.push_str(&format!(
            "<p class=\"comment\" role=\"status\">{}</p>",
            esc(&state.t(msg!(
                "A revision by {} is waiting for approval; the published version stays on the site until it is approved.",
                author
            )))
        ));
    }
    if let Some(step) = &step {
        let (key, words) = status(state, post, Some(step));
        out.push_str(&format!("<p class=\"status {key}\">{}</p>", esc(&words)));
        if step.status == "returned" {
            out.push_str(&format!(
                "<div class=\"comment\" role=\"note\"><h2>{}</h2><p>{}</p></div>",
                esc(&state.t(msg!("Returned by {} with this comment:", step.by.clone()))),
                esc(&step.comment)
            ));
        }
    }
    out
}

/// The workflow's buttons for this person and post.
pub(super) fn actions(state: &State, req: &Req, post: &Post) -> String {
    let step = load(state).get(&post.rel).cloned();
    let pending = step.as_ref().is_some_and(|s| s.status == "submitted");
    let revision = pending::text(&state.opts.root, &post.rel).is_some();
    // What an approval would publish, as the approver sees it now: approving checks that it
    // has not changed since (an editor's save in between is not approved unseen).
    let seen = seen_version(state, &post.rel).unwrap_or_default();
    let form = |inner: String| {
        format!(
            "<form method=\"post\" action=\"/workflow\" class=\"card workflow\">{}<input type=\"hidden\" name=\"p\" value=\"{}\"><input type=\"hidden\" name=\"seen\" value=\"{}\">{inner}</form>",
            pages::csrf(req),
            esc(&post.rel),
            esc(&seen)
        )
    };
    let button = |action: &str, label: String| {
        format!(
            "<button type=\"submit\" name=\"action\" value=\"{action}\">{}</button> ",
            esc(&label)
        )
    };
    let mut out = String::new();
    if post.fields.draft && !pending && !req.approves() {
        out.push_str(&form(button(
            "submit",
            state.t(msg!("Submit for approval")),
        )));
    }
    if (post.fields.draft || revision) && req.approves() {
        let comment = format!(
            "<p><label for=\"comment\">{}</label><textarea id=\"comment\" name=\"comment\" rows=\"3\"></textarea></p>",
            esc(&state.t(msg!("Comment for the writer")))
        );
        let ret = if pending {
            button("return", state.t(msg!("Return with the comment")))
        } else {
            String::new()
        };
        out.push_str(&form(format!(
            "{comment}<p>{ret}{}</p>",
            button("approve", state.t(msg!("Approve and publish")))
        )));
        if revision {
            out.push_str(&format!(
                "<p><a href=\"/diff?p={}&amp;v=pending\">{}</a></p>",
                esc(&pages::url_encode(&post.rel)),
                esc(&state.t(msg!("Changes waiting for approval")))
            ));
        }
    }
    out
}

/// The version of what approving `rel` would publish (its revision waiting for approval,
/// else its file) and of its place in the workflow (returned in between: not approved).
fn seen_version(state: &State, rel: &str) -> Option<String> {
    let root = &state.opts.root;
    let text = pending::text(root, rel)
        .map(|t| posts::version(&t))
        .or_else(|| posts::read(root, rel).ok().map(|p| p.version))?;
    let step = load(state)
        .get(rel)
        .map(|s| s.status.clone())
        .unwrap_or_default();
    Some(format!("{text}-{step}"))
}

/// Whether the signed-in person is still an approver in the accounts file (an approval
/// carried out later, after a publish, must not outlive the account or its role).
fn still_approver(state: &State, req: &Req) -> bool {
    state.local
        || super::users::Users::load(&state.opts.root)
            .is_ok_and(|users| users.get(req.user()).is_some_and(|u| u.role.approves()))
}

/// Approving while a publish runs: the approval is taken at once and carried out as soon as
/// that publish ends (no post changes under a running build), then published, in the
/// background; the approver sees the running publish with a note, not a page that loads until
/// it ends. With no publish running, at once, as [`act`].
pub(super) fn approve_now_or_after(state: &std::sync::Arc<State>, req: Req) -> Resp {
    let Some(job) = super::publish::running(state) else {
        return act(state, &req);
    };
    let rel = req.arg("p").to_string();
    let post = match posts::read(&state.opts.root, &rel) {
        Ok(p) => p,
        Err(e) => return state.refusal(StatusCode::NOT_FOUND, e),
    };
    let (st, later) = (std::sync::Arc::clone(state), req.clone());
    state.queued.fetch_add(1, Ordering::AcqRel);
    let spawned = std::thread::Builder::new()
        .name("thidua-approve".into())
        .spawn(move || {
            // Waits for the running publish (it holds the writing lock), then approves and
            // publishes; what came of it is in the list (a conflict returns the revision).
            let _ = act(&st, &later);
            st.queued.fetch_sub(1, Ordering::AcqRel);
        });
    if let Err(e) = spawned {
        state.queued.fetch_sub(1, Ordering::AcqRel);
        return state.refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            msg!("cannot start publishing: {}", e),
        );
    }
    audit::record(&state.opts.root, req.user(), "approve queued", &rel);
    let note = state.t(msg!(
        "Approved: “{}” will be published right after the publish running now, unless it is changed before then; open Publish again to follow it.",
        post.fields.title.clone()
    ));
    super::publish::accepted(state, &req, &job, &note)
}

/// Submit, return or approve (`action`), by the signed-in person.
pub(super) fn act(state: &State, req: &Req) -> Resp {
    let rel = req.arg("p").to_string();
    let root = &state.opts.root;
    let _guard = state.lock_writing();
    let post = match posts::read(root, &rel) {
        Ok(p) => p,
        Err(e) => return state.refusal(StatusCode::NOT_FOUND, e),
    };
    let mut steps = load(state);
    let action = req.arg("action");
    let by = req.user().to_string();
    match action {
        "submit"
            if super::problems::check(
                root,
                &rel,
                state.opts.lang,
                pending::text(root, &rel).as_deref(),
            )
            .iter()
            .any(|p| p.error) =>
        {
            return Resp::see_other(&format!("/edit?p={}&blocked=1", pages::url_encode(&rel)));
        }
        "submit" => {
            steps.insert(
                rel.clone(),
                Step {
                    status: "submitted".into(),
                    comment: String::new(),
                    by: by.clone(),
                },
            );
        }
        "return" | "approve" if !req.approves() || !still_approver(state, req) => {
            return state.refusal(StatusCode::FORBIDDEN, msg!("Only an approver can do this."));
        }
        "approve"
            if !req.arg("seen").is_empty()
                && seen_version(state, &rel).as_deref() != Some(req.arg("seen")) =>
        {
            audit::record(root, &by, "approve refused: changed since seen", &rel);
            return state.refusal(
                StatusCode::CONFLICT,
                msg!("The post was changed after you opened it: open it again and read the new text before approving."),
            );
        }
        "return" => {
            let comment = req.arg("comment").trim().to_string();
            steps.insert(
                rel.clone(),
                Step {
                    status: "returned".into(),
                    comment,
                    by: by.clone(),
                },
            );
        }
        "approve" if pending::text(root, &rel).is_some() => {
            return approve_revision(state, req, &post, steps, _guard);
        }
        "approve" => {
            let mut fields = post.fields.clone();
            fields.draft = false;
            let text = posts::compose(&post.front, &fields, &post.body);
            match posts::save(root, &rel, &post.version, &text, &by) {
                Ok(Saved::Written(_)) => super::history::record(state, &rel, &by, "duyệt"),
                Ok(_) => {}
                Err(e) => return state.refusal(StatusCode::BAD_REQUEST, e),
            }
            steps.remove(&rel);
            store(state, &steps);
            audit::record(root, &by, "approve", &rel);
            drop(_guard);
            return super::publish::run(state, req);
        }
        _ => {
            return state.refusal(
                StatusCode::BAD_REQUEST,
                msg!("There is no such page in the editing room."),
            );
        }
    }
    store(state, &steps);
    audit::record(root, &by, action, &rel);
    Resp::see_other(&format!("/edit?p={}", pages::url_encode(&rel)))
}

/// Approves a published post's pending revision: moved into place, recorded in the history
/// as its writer's, then published; or, when the post changed since it was written, the
/// conflict view (the revision kept, returned to its writer with a note).
fn approve_revision(
    state: &State,
    req: &Req,
    live: &Post,
    mut steps: BTreeMap<String, Step>,
    guard: std::sync::MutexGuard<'_, ()>,
) -> Resp {
    let root = &state.opts.root;
    let rel = &live.rel;
    let by = req.user().to_string();
    let author = pending::note(root, rel).author;
    let mine = pending::text(root, rel).unwrap_or_default();
    match pending::approve(root, live, &by) {
        Ok(Some(Saved::Written(_))) => {
            let author = if author.is_empty() {
                by.clone()
            } else {
                author
            };
            super::history::record(state, rel, &author, "duyệt");
            steps.remove(rel);
            store(state, &steps);
            audit::record(root, &by, "approve", rel);
            drop(guard);
            super::publish::run(state, req)
        }
        Ok(Some(Saved::Conflict { kept, current, .. })) => {
            let comment = state.t(msg!(
                "The published post was changed after this revision was written: nothing was overwritten, the revision is kept in {}.",
                kept.clone()
            ));
            steps.insert(
                rel.clone(),
                Step {
                    status: "returned".into(),
                    comment,
                    by: by.clone(),
                },
            );
            store(state, &steps);
            audit::record(root, &by, "conflict", &format!("{rel} -> {kept}"));
            Resp::html(
                StatusCode::CONFLICT,
                pages::conflict(state, req, rel, &mine, &current, &kept),
            )
        }
        Ok(_) => Resp::see_other(&format!("/edit?p={}", pages::url_encode(rel))),
        Err(e) => state.refusal(StatusCode::BAD_REQUEST, e),
    }
}

/// `who`'s autosaved copy of `rel`: each person's own, so no one else's unsaved typing shows
/// in another's form or preview (account names hold no `/`).
pub(super) fn autosave_path(state: &State, rel: &str, who: &str) -> std::path::PathBuf {
    state
        .opts
        .root
        .join(".thidua/editor/autosave")
        .join(format!("{rel}.{who}"))
}

/// Keeps the form's text in the draft copy (not the post's file): `{"saved": true}`.
pub(super) fn autosave(state: &State, req: &Req) -> Resp {
    let rel = req.arg("p");
    let post = match posts::read(&state.opts.root, rel) {
        Ok(p) => p,
        Err(e) => return state.refusal(StatusCode::BAD_REQUEST, e),
    };
    let text = posts::compose(
        &post.front,
        &super::request::fields_from(req, post.fields.draft),
        req.arg("body"),
    );
    let ok = super::atomic::write_atomic(
        &autosave_path(state, rel, req.user()),
        text.as_bytes(),
        false,
    )
    .is_ok();
    Resp::json(StatusCode::OK, &serde_json::json!({ "saved": ok }))
}

/// The post with its autosaved copy's fields and body in place (the version stays the
/// file's, so saving it is checked against what it was based on), when a copy differs from
/// the file; and the note that says so.
pub(super) fn with_autosave(state: &State, post: Post, who: &str) -> (Post, String) {
    let copy = std::fs::read_to_string(autosave_path(state, &post.rel, who))
        .ok()
        .and_then(|t| posts::parse(&post.rel, &t).ok());
    match copy {
        Some(c) if c.fields != post.fields || c.body != post.body => {
            let note = format!(
                "<p class=\"comment\" role=\"status\">{}</p>",
                esc(&state.t(msg!(
                    "This is the text saved automatically, not yet saved into the post: press Save to keep it."
                )))
            );
            let post = Post {
                fields: c.fields,
                body: c.body,
                ..post
            };
            (post, note)
        }
        _ => (post, String::new()),
    }
}

/// Removes the draft copy once the post itself is saved.
pub(super) fn forget_autosave(state: &State, rel: &str, who: &str) {
    let _ = std::fs::remove_file(autosave_path(state, rel, who));
}
