//! Next month's export in place of this month's: on the page of an indicator fed by a table,
//! the new file from the one-stop system is sent (by the page's script, as the body), read
//! with the build's table reader, and the figures and verdicts of every indicator taking its
//! figures from that table are shown before and after; "Lưu tệp mới" then writes it over the
//! old file, atomically, with the history and the audit log, if the old file has not changed
//! meanwhile. The mapping (which columns) stays as it is: a file with other columns is mapped
//! with `thidua data import`.
//!
//! The file sent is kept under `.thidua/editor/exports/`, named by its content's hash, between
//! the preview and the save; files never saved are removed a day later (at the next preview).

use hyper::StatusCode;

use super::super::State;
use super::super::pages::{esc, url_encode};
use super::super::request::{Req, Resp};
use super::validate::{self, HONOUREES, RESULTS};
use super::{store, view};
use crate::campaign::results::Results;
use crate::msg;

/// Where files sent for a preview wait for the save.
const WAITING: &str = ".thidua/editor/exports";

/// How long a file sent for a preview waits for its save.
const KEPT_FOR: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// Removes the files sent for a preview more than [`KEPT_FOR`] ago and never saved.
fn sweep(dir: &std::path::Path) {
    let now = std::time::SystemTime::now();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > KEPT_FOR);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The table file of the site whose data key is `key` (`mot_cua_2023`), if there is one.
fn table_file(state: &State, key: &str) -> Option<String> {
    crate::load::data::read_tables(&state.opts.root)
        .ok()?
        .into_iter()
        .find(|t| t.key == key)
        .map(|t| t.file)
}

/// The results with the table file `file` read from `bytes`, or every problem, rendered.
fn results_with(state: &State, file: &str, bytes: &[u8]) -> Result<Results, Vec<String>> {
    let root = &state.opts.root;
    let lang = state.opts.lang;
    let shown =
        |d: Vec<crate::diagnostic::Diagnostic>| validate::place(&d, "", "", &[], lang).general;
    let tables = crate::tables::read(bytes, file).map_err(shown)?;
    let problems: Vec<_> = tables.iter().flat_map(|t| t.problems.clone()).collect();
    if !problems.is_empty() {
        return Err(shown(problems));
    }
    let results = store::read(root, RESULTS).map_err(|e| vec![state.t(e)])?;
    let honourees = store::read(root, HONOUREES).ok();
    validate::campaign_with(
        root,
        Some(&results.text),
        honourees.as_ref().map(|h| h.text.as_str()),
        Some((file, tables)),
    )
    .map(|c| c.results.unwrap_or_else(super::results_page::empty))
    .map_err(shown)
}

/// `POST /data/export?table=KEY`: the new export as the body; answers `{html}` to show.
pub(in crate::editor) fn preview(state: &State, req: &Req) -> Resp {
    let key = req.arg("table");
    let Some(file) = table_file(state, key) else {
        return super::no_such(state);
    };
    let root = &state.opts.root;
    let now = std::fs::read(root.join(&file)).unwrap_or_default();
    let html = match results_with(state, &file, &req.body) {
        Err(problems) => {
            let items: String = problems
                .iter()
                .map(|p| format!("<li>{}</li>", esc(p)))
                .collect();
            format!(
                "<div class=\"error data-problems\" role=\"alert\"><p>{}</p><ul>{items}</ul></div>",
                esc(&state.t(msg!(
                    "This file cannot replace the export: nothing was saved."
                )))
            )
        }
        Ok(after) => {
            sweep(&root.join(WAITING));
            let upload = hash(&req.body);
            if let Err(e) = super::super::atomic::write_atomic(
                &root.join(WAITING).join(&upload),
                &req.body,
                true,
            ) {
                return state.refusal(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    msg!("cannot save {}: {}", WAITING, e),
                );
            }
            let before = results_with(state, &file, &now).ok();
            compare(
                state,
                req,
                key,
                &file,
                before.as_ref(),
                &after,
                &upload,
                &hash(&now),
            )
        }
    };
    Resp::json(StatusCode::OK, &serde_json::json!({ "html": html }))
}

/// The verdicts before and after of every indicator fed by the table, and the save button.
#[allow(clippy::too_many_arguments)]
fn compare(
    state: &State,
    req: &Req,
    key: &str,
    file: &str,
    before: Option<&Results>,
    after: &Results,
    upload: &str,
    version: &str,
) -> String {
    let t = |m| state.t(m);
    let rows: String = after
        .indicators
        .iter()
        .filter(|i| i.table.as_ref().is_some_and(|s| s.table == key))
        .map(|i| {
            let old = before
                .and_then(|r| Some((r, r.indicators.iter().find(|x| x.id == i.id)?)))
                .map(|(r, x)| view::verdict(state, r, x))
                .map(|(v, _, s)| format!("{} {s}", esc(&v)))
                .unwrap_or_default();
            let (v, target, s) = view::verdict(state, after, i);
            format!(
                "<tr><th scope=\"row\">{}</th><td>{old}</td><td>{} {s}</td><td>{}</td></tr>",
                esc(&i.name),
                esc(&v),
                esc(&target)
            )
        })
        .collect();
    let save = if req.approves() {
        format!(
            "<form method=\"post\" action=\"/data/export/save\">{}<input type=\"hidden\" name=\"table\" value=\"{}\"><input type=\"hidden\" name=\"id\" value=\"{}\"><input type=\"hidden\" name=\"upload\" value=\"{upload}\"><input type=\"hidden\" name=\"version\" value=\"{version}\"><button type=\"submit\">{}</button></form>",
            super::super::pages::csrf(req),
            esc(key),
            esc(req.arg("id")),
            esc(&t(msg!("Save the new file")))
        )
    } else {
        format!(
            "<p class=\"hint\">{}</p>",
            esc(&t(msg!(
                "An approver saves changes to the figures: preview them, then ask an approver."
            )))
        )
    };
    format!(
        "<section class=\"card data-preview\" aria-labelledby=\"export-h\"><h2 id=\"export-h\">{}</h2><p>{}</p>\
<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"export-h\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{rows}</tbody></table></div>{save}</section>",
        esc(&t(msg!("Preview of the results"))),
        esc(&t(msg!(
            "The new file would replace {}. Nothing is saved until you press Save.",
            file
        ))),
        esc(&t(msg!("Indicator"))),
        esc(&t(msg!("Now"))),
        esc(&t(msg!("After the change"))),
        esc(&t(msg!("Target"))),
    )
}

/// `POST /data/export/save`: writes the file previewed over the table's file.
pub(in crate::editor) fn save(state: &State, req: &Req) -> Resp {
    if !req.approves() {
        return state.refusal(
            StatusCode::FORBIDDEN,
            msg!("An approver saves changes to the figures: preview them, then ask an approver."),
        );
    }
    let key = req.arg("table");
    let upload = req.arg("upload");
    let Some(file) = table_file(state, key) else {
        return super::no_such(state);
    };
    let root = &state.opts.root;
    // The name is the hash the preview gave: nothing else is ever read from that folder.
    if upload.len() != 16 || !upload.bytes().all(|c| c.is_ascii_hexdigit()) {
        return super::no_such(state);
    }
    let waiting = root.join(WAITING).join(upload);
    let Ok(sent) = std::fs::read(&waiting) else {
        return super::no_such(state);
    };
    if results_with(state, &file, &sent).is_err() {
        return state.refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            msg!("This file cannot replace the export: nothing was saved."),
        );
    }
    let _guard = state.lock_writing();
    let now = std::fs::read(root.join(&file)).unwrap_or_default();
    if hash(&now) != req.arg("version") {
        return state.refusal(
            StatusCode::CONFLICT,
            msg!(
                "{} changed since the preview: nothing was saved. The file you sent is kept in {}.",
                file.as_str(),
                format!("{WAITING}/{upload}")
            ),
        );
    }
    if let Err(e) = super::super::atomic::write_atomic(&root.join(&file), &sent, false) {
        return state.refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            msg!("cannot save {}: {}", file.as_str(), e),
        );
    }
    let _ = std::fs::remove_file(&waiting);
    super::super::history::record(state, &file, req.user(), "thay tệp xuất");
    super::super::audit::record(
        root,
        req.user(),
        "save data",
        &format!("{file} thay tệp xuất"),
    );
    let id = req.arg("id");
    Resp::see_other(&format!("/data/indicator?id={}&saved=1", url_encode(id)))
}
