//! The editing room's data pages, so that staff never edit `results.yaml` or `honourees.yaml`
//! by hand: "Số liệu" (each indicator's typed figures) and "Khen thưởng" (the people and
//! collectives of the commendation decisions).
//!
//! Every check is the build's own (`load_campaign` on the text as it would be saved, with the
//! site's tables), placed next to the field it is about. Saving changes only the blocks the
//! form edits, keeps every other line of the file, and has a post's guarantees: the version
//! the form was opened on, atomic bytes, the history with the author, the audit log.
//!
//! Who saves: anyone signed in may open the forms and preview; only approvers and
//! administrators save (like approving a post), and the change goes live with the next
//! publish, as every approved change does.

mod export;
mod figures;
mod honourees;
mod honourees_form;
mod lists;
mod results_form;
mod results_page;
mod store;
mod text_edit;
mod validate;
mod view;

use hyper::StatusCode;

use super::State;
use super::pages::{self, esc, url_encode};
use super::request::{Req, Resp};
use crate::messages::Text;
use crate::msg;

pub(in crate::editor) use export::{preview as export_preview, save as export_save};
pub(in crate::editor) use honourees::{
    decision, decision_post, honouree, honouree_post, list as honourees_list,
};
pub(in crate::editor) use results_page::{indicator, indicator_post, list};

/// Where a data file's YAML sits (the whole file).
fn origin(file: &str) -> crate::yaml::Origin<'_> {
    crate::yaml::Origin {
        file,
        first_line: 1,
        topic: "data",
    }
}

/// The file's free-form value (`Null` when it cannot be read as YAML at all).
fn file_value(text: &str, file: &str) -> serde_json::Value {
    crate::yaml::parse_value(text, origin(file)).unwrap_or(serde_json::Value::Null)
}

/// The site has no such data file.
fn missing(state: &State, e: Text) -> Resp {
    state.refusal(StatusCode::NOT_FOUND, e)
}

/// No indicator or honouree with that id.
fn no_such(state: &State) -> Resp {
    state.refusal(
        StatusCode::NOT_FOUND,
        msg!("There is no such entry in the data files."),
    )
}

/// Saves `text` as `rel` for an approver and answers: back to `back` with `saved=1`, the two
/// texts side by side on a conflict, a refusal for anyone else.
fn save(state: &State, req: &Req, rel: &str, text: &str, what: &str, back: &str) -> Resp {
    if !req.approves() {
        return state.refusal(
            StatusCode::FORBIDDEN,
            msg!("An approver saves changes to the figures: preview them, then ask an approver."),
        );
    }
    match store::save(state, rel, req.arg("version"), text, req.user(), what) {
        Ok(store::Outcome::Written | store::Outcome::Unchanged) => {
            Resp::see_other(&format!("{back}&saved=1"))
        }
        Ok(store::Outcome::Conflict { kept, current }) => {
            let title = state.t(msg!("Someone else saved this file first"));
            let main = format!(
                "<h1>{}</h1><p role=\"alert\">{}</p><div class=\"conflict\"><section><h2>{}</h2><pre>{}</pre></section>\
<section><h2>{}</h2><pre>{}</pre></section></div><p><a href=\"{}\">{}</a></p>",
                esc(&title),
                esc(&state.t(msg!("Nothing was overwritten. What you sent is kept in {}; the file as saved now is beside it. Open the form again and enter your change.", kept))),
                esc(&state.t(msg!("What you sent"))),
                esc(text),
                esc(&state.t(msg!("The text saved now"))),
                esc(&current),
                esc(back),
                esc(&state.t(msg!("Open the form again")))
            );
            Resp::html(
                StatusCode::CONFLICT,
                pages::layout(state, req, &title, &main),
            )
        }
        Err(e) => state.refusal(StatusCode::INTERNAL_SERVER_ERROR, e),
    }
}

/// A link to a form, escaped for an attribute.
/// The notice shown after a save (the redirect adds `saved=1`), or nothing.
fn saved_note(state: &State, req: &Req, text: Text) -> String {
    if req.arg("saved").is_empty() {
        return String::new();
    }
    format!(
        "<p class=\"saved\" role=\"status\">{}</p>",
        esc(&state.t(text))
    )
}

fn link(path: &str, id: &str) -> String {
    esc(&format!("{path}?id={}", url_encode(id)))
}
