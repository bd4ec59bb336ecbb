//! The publish button: the ordinary `build` (drafts and scheduled posts left out) and then
//! `publish` to `site.yaml`'s destination (a folder or rsync, with the same rules as
//! `thidua publish`). A failed build publishes nothing and shows its errors, located.
//!
//! Publishing runs in the background, one at a time: the button starts it and leads to the
//! progress page (`GET /publish`), which names the step (kiểm tra, dựng trang, ảnh, xuất
//! bản) with the pages rendered so far, from `GET /publish/status` (JSON, polled by the
//! embedded script; without script the page has a link to look again), then the result. A
//! second click while one runs says so and shows the running one's progress.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use hyper::StatusCode;

use super::pages::{self, esc};
use super::request::{Req, Resp};
use super::{State, audit};
use crate::diagnostic::BuildError;
use crate::publish::{self, Target};
use crate::{BuildOptions, msg};

/// The steps, in order; the last value means finished.
const CHECK: usize = 0;
const RENDER: usize = 1;
const PHOTOS: usize = 2;
const PUBLISH: usize = 3;
const FINISHED: usize = 4;

/// One publish: who started it, where it is, how it ended.
#[derive(Debug)]
pub(crate) struct Job {
    by: String,
    /// Pages rendered so far, out of all (0 until rendering starts).
    progress: crate::Progress,
    /// [`CHECK`] while building (the finer step comes from `progress`), then [`PUBLISH`],
    /// then [`FINISHED`].
    step: AtomicUsize,
    outcome: Mutex<Option<Outcome>>,
}

/// How a publish ended, in the room's language.
#[derive(Debug, Clone)]
enum Outcome {
    /// The summary sentence and the live pages' addresses.
    Published(String, Vec<String>),
    /// Why nothing was published.
    Failed(Vec<String>),
}

impl Job {
    /// The step now: while the build runs, from its count of rendered pages.
    fn step(&self) -> usize {
        match self.step.load(Ordering::Acquire) {
            CHECK => match self.progress.get() {
                (_, 0) => CHECK,
                (done, total) if done < total => RENDER,
                _ => PHOTOS,
            },
            s => s,
        }
    }

    fn outcome(&self) -> Option<Outcome> {
        self.outcome
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// Starts publishing in the background and leads to its progress page; while one runs, says so.
pub(super) fn run(state: &State, req: &Req) -> Resp {
    if !req.approves() {
        return state.refusal(StatusCode::FORBIDDEN, msg!("Only an approver can do this."));
    }
    let mut slot = state
        .publishing
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(job) = slot.as_ref().filter(|j| j.step() != FINISHED) {
        let note = state.t(msg!(
            "A publish started by {} is still running: wait for it to finish; its progress is below.",
            job.by.clone()
        ));
        let job = Arc::clone(job);
        drop(slot);
        return page(state, req, Some(&job), &note, StatusCode::CONFLICT);
    }
    let job = Arc::new(Job {
        by: req.user().to_string(),
        progress: crate::Progress::default(),
        step: AtomicUsize::new(CHECK),
        outcome: Mutex::new(None),
    });
    *slot = Some(Arc::clone(&job));
    drop(slot);
    let writing = Arc::clone(&state.writing);
    let (root, lang) = (state.opts.root.clone(), state.opts.lang);
    let started = std::thread::Builder::new()
        .name("thidua-publish".into())
        .spawn(move || {
            let _guard = writing
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            pause();
            let outcome = outcome_of(&root, lang, &job);
            *job.outcome
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(outcome);
            job.step.store(FINISHED, Ordering::Release);
        });
    if let Err(e) = started {
        *state
            .publishing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        return state.refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            msg!("cannot start publishing: {}", e),
        );
    }
    Resp::see_other("/publish")
}

/// The publish running now, if any.
pub(super) fn running(state: &State) -> Option<Arc<Job>> {
    state
        .publishing
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .as_ref()
        .filter(|j| j.step() != FINISHED)
        .map(Arc::clone)
}

/// The running publish's progress page with `note` above it (202: the request was taken).
pub(super) fn accepted(state: &State, req: &Req, job: &Arc<Job>, note: &str) -> Resp {
    page(state, req, Some(job), note, StatusCode::ACCEPTED)
}

/// Builds and publishes for `job`, recording the outcome in the audit log.
fn outcome_of(root: &std::path::Path, lang: crate::messages::Lang, job: &Job) -> Outcome {
    match build_and_publish(root, job) {
        Ok((dest, plan, base)) => {
            audit::record(root, &job.by, "publish", &dest);
            let links = plan
                .added
                .iter()
                .chain(&plan.changed)
                .filter(|f| f.ends_with("index.html"))
                .map(|f| base.permalink(&format!("/{}", f.trim_end_matches("index.html"))))
                .collect();
            let summary = msg!(
                "Published to {}: {} new, {} changed, {} removed files.",
                dest,
                plan.added.len().to_string(),
                plan.changed.len().to_string(),
                plan.removed.len().to_string()
            );
            Outcome::Published(summary.render(lang), links)
        }
        Err(e) => {
            audit::record(root, &job.by, "publish failed", "");
            Outcome::Failed(match &e {
                BuildError::Content(diags) => diags.iter().map(|d| d.render(lang)).collect(),
                other => vec![other.message().render(lang)],
            })
        }
    }
}

/// `GET /publish`: the running publish's progress, or how the last one ended.
pub(super) fn progress_page(state: &State, req: &Req) -> Resp {
    if !req.approves() {
        return state.refusal(StatusCode::FORBIDDEN, msg!("Only an approver can do this."));
    }
    let job = current(state);
    page(state, req, job.as_ref(), "", StatusCode::OK)
}

/// `GET /publish/status`: where the publish is, for the progress page's script.
pub(super) fn status(state: &State, req: &Req) -> Resp {
    if !req.approves() {
        return state.refusal(StatusCode::FORBIDDEN, msg!("Only an approver can do this."));
    }
    let value = match current(state) {
        Some(job) => {
            let step = job.step();
            let (done, total) = job.progress.get();
            serde_json::json!({
                "running": step != FINISHED,
                "step": step,
                "text": state.t(step_text(step, done, total)),
                "done": done,
                "total": total,
            })
        }
        None => serde_json::json!({ "running": false, "step": null }),
    };
    Resp::json(StatusCode::OK, &value)
}

fn current(state: &State) -> Option<Arc<Job>> {
    state
        .publishing
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// What the step is doing, with the count of pages where there is one.
fn step_text(step: usize, done: usize, total: usize) -> crate::messages::Text {
    match step {
        CHECK => msg!("Checking the posts and the data…"),
        RENDER => msg!(
            "Building the pages: {} of {}…",
            done.to_string(),
            total.to_string()
        ),
        PHOTOS => msg!("Preparing the photos and share pictures…"),
        PUBLISH => msg!("Copying the changed files to the site…"),
        _ => msg!("Finished."),
    }
}

/// The progress page: the steps (the current one marked), then the outcome once there is one.
fn page(state: &State, req: &Req, job: Option<&Arc<Job>>, note: &str, code: StatusCode) -> Resp {
    let title = state.t(msg!("Publish"));
    let note = if note.is_empty() {
        String::new()
    } else {
        format!("<p class=\"comment\" role=\"alert\">{}</p>", esc(note))
    };
    let Some(job) = job else {
        let main = format!(
            "<h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p>",
            esc(&title),
            esc(&state.t(msg!(
                "Nothing has been published since the editing room started."
            ))),
            esc(&state.t(msg!("Posts")))
        );
        return Resp::html(code, pages::layout(state, req, &title, &main));
    };
    let step = job.step();
    let (done, total) = job.progress.get();
    let names = [
        msg!("Checking"),
        msg!("Building the pages"),
        msg!("Photos"),
        msg!("Publishing"),
    ];
    let steps: String = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let (class, current) = match i.cmp(&step) {
                std::cmp::Ordering::Less => ("done", ""),
                std::cmp::Ordering::Equal => ("now", " aria-current=\"step\""),
                std::cmp::Ordering::Greater => ("todo", ""),
            };
            format!(
                "<li class=\"{class}\" data-step=\"{i}\"{current}>{}</li>",
                esc(&state.t(name))
            )
        })
        .collect();
    let (kind, body) = match job.outcome() {
        None => (
            "running",
            format!(
                "<p><progress id=\"publish-bar\" max=\"{}\" value=\"{done}\"></progress> <span id=\"publish-text\" role=\"status\">{}</span></p>\
<p><a id=\"publish-again\" href=\"/publish\">{}</a></p>",
                total.max(1),
                esc(&state.t(step_text(step, done, total))),
                esc(&state.t(msg!("Look again")))
            ),
        ),
        Some(Outcome::Published(summary, links)) => {
            let links: String = links
                .iter()
                .map(|u| format!("<li><a href=\"{0}\">{0}</a></li>", esc(u)))
                .collect();
            let links = if links.is_empty() {
                format!("<p>{}</p>", esc(&state.t(msg!("No page changed."))))
            } else {
                format!(
                    "<h2>{}</h2><ul class=\"live\">{links}</ul>",
                    esc(&state.t(msg!("Pages changed on the site")))
                )
            };
            (
                "done",
                format!(
                    "<p class=\"ok\" role=\"status\">{}</p>{links}",
                    esc(&summary)
                ),
            )
        }
        Some(Outcome::Failed(errors)) => {
            let items: String = errors
                .iter()
                .map(|e| format!("<li>{}</li>", esc(e)))
                .collect();
            (
                "failed",
                format!(
                    "<p class=\"error\" role=\"alert\">{}</p><ul>{items}</ul>",
                    esc(&state.t(msg!("Nothing was published.")))
                ),
            )
        }
    };
    let main = format!(
        "<h1>{}</h1>{note}<div id=\"publish\" data-publish=\"{kind}\"><ol class=\"steps\">{steps}</ol>{body}</div>",
        esc(&title)
    );
    Resp::html(code, pages::layout(state, req, &title, &main))
}

/// Debug builds only: `THIDUA_EDITOR_PAUSE_PUBLISH=SECONDS` waits before building, so a test
/// can see a publish running and click again.
#[cfg(debug_assertions)]
fn pause() {
    if let Some(secs) = std::env::var("THIDUA_EDITOR_PAUSE_PUBLISH")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_secs(secs));
    }
}

#[cfg(not(debug_assertions))]
fn pause() {}

type Done = (String, publish::Plan, crate::paths::BaseUrl);

fn build_and_publish(root: &std::path::Path, job: &Job) -> Result<Done, BuildError> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        progress: Some(job.progress.clone()),
        ..BuildOptions::default()
    };
    let built = opts.output_dir();
    let (session, _) = crate::Session::start(&opts)?;
    job.step.store(PUBLISH, Ordering::Release);
    let config = &session.site().config;
    let Some(target) = &config.publish else {
        return Err(BuildError::usage(msg!(
            "site.yaml has no \"publish:\" target: add publish: {folder: /mnt/…} or publish: {rsync: user@server:/path/}, or use --zip FILE"
        )));
    };
    let base = config.base.clone();
    match Target::from_config(target, root)? {
        Target::Folder(dir) => {
            publish::check_destination(&dir, root, &built)?;
            let plan = publish::plan_folder(&built, &dir)?;
            publish::apply_folder(&built, &dir, &plan)?;
            Ok((dir.display().to_string(), plan, base))
        }
        Target::Rsync(dest) => {
            let plan = publish::plan_rsync(&built, &dest)?;
            publish::apply_rsync(&built, &plan)?;
            Ok((dest, plan.plan, base))
        }
    }
}
