//! "Số liệu": the indicators of `results.yaml` with their figure, target and verdict, and a
//! form per indicator for its typed figures (total, rows by unit or person, points by month,
//! source). "Xem trước kết quả" shows the verdicts the build would reach; "Lưu" writes the
//! indicator's blocks into the file. Indicators fed by a table show where their figures come
//! from instead.

use hyper::StatusCode;
use serde_json::Value;

use super::super::State;
use super::super::pages::{self, esc, url_encode};
use super::super::request::{Req, Resp};
use super::figures::Figures;
use super::results_form::{Shown, page, vocab};
use super::validate::{self, HONOUREES, Placed, RESULTS};
use super::view;
use super::{file_value, store};
use crate::campaign::results::Results;
use crate::msg;

/// The results as the build computes them from the files as they are, or its problems.
fn computed(state: &State, results: &str) -> Result<Results, Vec<crate::diagnostic::Diagnostic>> {
    let honourees = store::read(&state.opts.root, HONOUREES).ok();
    validate::campaign(
        &state.opts.root,
        Some(results),
        honourees.as_ref().map(|h| h.text.as_str()),
    )
    .map(|c| c.results.unwrap_or_else(empty))
}

pub(super) fn empty() -> Results {
    Results {
        sample: false,
        campaign_id: String::new(),
        campaign_name: String::new(),
        period: None,
        plan_ref: Value::Null,
        rating_scale: Vec::new(),
        units: Vec::new(),
        indicators: Vec::new(),
    }
}

/// The list of indicators.
pub(in crate::editor) fn list(state: &State, req: &Req) -> Resp {
    let current = match store::read(&state.opts.root, RESULTS) {
        Ok(c) => c,
        Err(e) => return super::missing(state, e),
    };
    let value = file_value(&current.text, RESULTS);
    let (results, problems) = match computed(state, &current.text) {
        Ok(r) => (Some(r), Placed::default()),
        Err(d) => (
            None,
            validate::place(&d, RESULTS, &current.text, &[], state.opts.lang),
        ),
    };
    let (result_word, target_word) = (state.t(msg!("Result")), state.t(msg!("Target")));
    let rows: String = value["indicators"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|ind| {
            let id = ind["id"].as_str().unwrap_or_default();
            let name = ind["name"].as_str().unwrap_or(id);
            let found = results
                .as_ref()
                .and_then(|r| r.indicators.iter().find(|i| i.id == id).map(|i| (r, i)));
            let (figure, target, verdict) = found.map_or_else(
                || ("—".to_string(), String::new(), String::new()),
                |(r, i)| view::verdict(state, r, i),
            );
            let from = if ind.get("from_table").is_some() {
                format!(" <small>({})</small>", esc(&state.t(msg!("from a table"))))
            } else {
                String::new()
            };
            format!(
                "<tr><td><a href=\"/data/indicator?id={}\">{}</a>{from}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td><td>{verdict}</td></tr>",
                esc(&url_encode(id)),
                esc(name),
                esc(&result_word),
                esc(&figure),
                esc(&target_word),
                esc(&target)
            )
        })
        .collect();
    let title = state.t(msg!("Figures"));
    let main = format!(
        "<h1>{}</h1><p>{}</p>{}<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><table class=\"data-list\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{rows}</tbody></table></div>",
        esc(&title),
        esc(&state.t(msg!("The campaign's indicators from content/_data/results.yaml. A change goes live on the site with the next publish."))),
        view::general(state, &problems),
        esc(&title),
        esc(&state.t(msg!("Indicator"))),
        esc(&state.t(msg!("Result"))),
        esc(&state.t(msg!("Target"))),
        esc(&state.t(msg!("Status"))),
    );
    Resp::html(StatusCode::OK, pages::layout(state, req, &title, &main))
}

/// The indicator `id` in the file's value: its index and value.
fn find<'a>(value: &'a Value, id: &str) -> Option<(usize, &'a Value)> {
    value["indicators"]
        .as_array()?
        .iter()
        .enumerate()
        .find(|(_, i)| i["id"].as_str() == Some(id))
}

/// The form of one indicator (GET).
pub(in crate::editor) fn indicator(state: &State, req: &Req) -> Resp {
    let current = match store::read(&state.opts.root, RESULTS) {
        Ok(c) => c,
        Err(e) => return super::missing(state, e),
    };
    let value = file_value(&current.text, RESULTS);
    let Some((_, ind)) = find(&value, req.arg("id")) else {
        return super::no_such(state);
    };
    let scale: Vec<String> = vocab(&value, "rating_scale", "label")
        .into_iter()
        .map(|x| x.0)
        .collect();
    let figures = Figures::from_file(ind, &scale);
    let note = super::saved_note(
        state,
        req,
        msg!("Saved. The site shows the new figures after the next publish."),
    );
    let summary = computed(state, &current.text)
        .ok()
        .and_then(|r| {
            let i = r.indicators.iter().find(|i| i.id == req.arg("id"))?;
            let (v, target, verdict) = view::verdict(state, &r, i);
            Some(format!(
                "<p>{} {verdict}</p>",
                esc(&state.t(msg!("Now: {} (target: {})", v, target)))
            ))
        })
        .unwrap_or_default();
    let shown = Shown {
        saved: note,
        summary,
        ..Shown::default()
    };
    page(state, req, &value, ind, &figures, &current.version, &shown)
}

/// The form sent (POST): add a row, preview, or save.
pub(in crate::editor) fn indicator_post(state: &State, req: &Req) -> Resp {
    let root = &state.opts.root;
    let current = match store::read(root, RESULTS) {
        Ok(c) => c,
        Err(e) => return super::missing(state, e),
    };
    let value = file_value(&current.text, RESULTS);
    let id = req.arg("id");
    let Some((i, ind)) = find(&value, id) else {
        return super::no_such(state);
    };
    if ind.get("from_table").is_some() {
        return state.refusal(
            StatusCode::BAD_REQUEST,
            msg!("This indicator takes its figures from a table: change the table, not the form."),
        );
    }
    let scale: Vec<String> = vocab(&value, "rating_scale", "label")
        .into_iter()
        .map(|x| x.0)
        .collect();
    let like = Figures::from_file(ind, &scale);
    let figures = Figures::from_form(req, &like);
    let version = req.arg("version");
    if !req.arg("add").is_empty() {
        let shown = Shown::default();
        return page(state, req, &value, ind, &figures, version, &shown);
    }
    let line = crate::yaml::Positions::index(&current.text, super::origin(RESULTS))
        .at(&format!("indicators[{i}].id"))
        .map_or(0, |l| l.line);
    let Some(new_text) = super::text_edit::set_blocks(&current.text, line, |ki| figures.blocks(ki))
    else {
        return state.refusal(
            StatusCode::BAD_REQUEST,
            msg!("This indicator is written on one line in results.yaml: write it as key: value lines to edit it here."),
        );
    };
    let after = computed(state, &new_text);
    let placed = match &after {
        Ok(_) => Placed::default(),
        Err(d) => validate::place(
            d,
            RESULTS,
            &new_text,
            &figures.fields(&format!("indicators[{i}]")),
            state.opts.lang,
        ),
    };
    if req.arg("action") == "save" && after.is_ok() {
        return super::save(
            state,
            req,
            RESULTS,
            &new_text,
            &format!("sửa số liệu: {id}"),
            &format!("/data/indicator?id={}", url_encode(id)),
        );
    }
    let preview = match &after {
        Ok(r) => preview(state, &current.text, r, id),
        Err(_) => String::new(),
    };
    let shown = Shown {
        placed,
        preview,
        ..Shown::default()
    };
    let status = if shown.placed.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut r = page(state, req, &value, ind, &figures, version, &shown);
    r.status = status;
    r
}

/// The verdicts before and after the change, and the rows' verdicts after it.
fn preview(state: &State, before_text: &str, after: &Results, id: &str) -> String {
    let Some(ind) = after.indicators.iter().find(|i| i.id == id) else {
        return String::new();
    };
    let before = computed(state, before_text)
        .ok()
        .and_then(|r| {
            let i = r.indicators.iter().find(|i| i.id == id)?.clone();
            Some(view::verdict(state, &r, &i))
        })
        .map(|(v, _, s)| format!("<p>{}: {} {s}</p>", esc(&state.t(msg!("Now"))), esc(&v)))
        .unwrap_or_default();
    let (value, target, verdict) = view::verdict(state, after, ind);
    let rows: String = ind
        .breakdown
        .iter()
        .flat_map(|b| b.rows.iter().map(|r| (r.label.clone(), &r.measure)))
        .chain(
            ind.series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| (p.period.clone(), &p.measure))),
        )
        .map(|(label, m)| {
            let v = m.value.map_or_else(
                || "—".into(),
                |v| crate::campaign::results::display_value(ind, v),
            );
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                esc(&label),
                esc(&v),
                view::status(m.status)
            )
        })
        .collect();
    let table = if rows.is_empty() {
        String::new()
    } else {
        format!(
            "<div class=\"table-wrap\" role=\"region\" aria-label=\"{0}\" tabindex=\"0\"><table><caption>{0}</caption><thead><tr><th scope=\"col\">{1}</th><th scope=\"col\">{2}</th><th scope=\"col\">{3}</th></tr></thead><tbody>{rows}</tbody></table></div>",
            esc(&state.t(msg!("By row, after the change"))),
            esc(&state.t(msg!("Row"))),
            esc(&state.t(msg!("Result"))),
            esc(&state.t(msg!("Status")))
        )
    };
    format!(
        "<section class=\"card data-preview\" aria-labelledby=\"preview-h\" role=\"status\"><h2 id=\"preview-h\">{}</h2>{before}<p>{}: <strong>{}</strong> ({}: {}) {verdict}</p>{table}<p>{}</p></section>",
        esc(&state.t(msg!("Preview of the results"))),
        esc(&state.t(msg!("After the change"))),
        esc(&value),
        esc(&state.t(msg!("target"))),
        esc(&target),
        esc(&state.t(msg!("Nothing is saved until you press Save.")))
    )
}
