//! The indicator's form as a page: the figures' fields (with their problems beside them), the
//! preview of verdicts, and, for an indicator fed by a table, where its figures come from.

use hyper::StatusCode;
use serde_json::Value;

use super::super::State;
use super::super::pages::{self, csrf, esc};
use super::super::request::{Req, Resp};
use super::figures::{Figures, Part};
use super::validate::Placed;
use super::view::{self, input};
use crate::msg;

/// The rating scale's ids and labels, and the units (id, name), from the file's value.
pub(super) fn vocab(value: &Value, key: &str, label: &str) -> Vec<(String, String)> {
    value[key]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| {
            let id = x["id"].as_str().unwrap_or_default().to_string();
            let l = x[label].as_str().unwrap_or(&id).to_string();
            (id, l)
        })
        .collect()
}

/// What the form page shows besides the figures.
#[derive(Default)]
pub(super) struct Shown {
    pub(super) placed: Placed,
    /// "Saved", after a save.
    pub(super) saved: String,
    /// The figure and verdict now, when the form opens.
    pub(super) summary: String,
    /// The verdicts after the change, when previewed.
    pub(super) preview: String,
}

/// The form page.
pub(super) fn page(
    state: &State,
    req: &Req,
    value: &Value,
    ind: &Value,
    f: &Figures,
    version: &str,
    shown: &Shown,
) -> Resp {
    let id = ind["id"].as_str().unwrap_or_default();
    let name = ind["name"].as_str().unwrap_or(id).to_string();
    let p = &shown.placed;
    let t = |m| state.t(m);
    if let Some(from) = ind.get("from_table") {
        let main = format!(
            "<h1>{}</h1>{}<p><a href=\"/data\">{}</a></p>",
            esc(&name),
            from_table(state, from, id),
            esc(&t(msg!("Back to the figures")))
        );
        return Resp::html(StatusCode::OK, pages::layout(state, req, &name, &main));
    }
    let body = fieldsets(state, value, p, f);
    let save = if req.approves() {
        format!(
            "<button type=\"submit\" name=\"action\" value=\"save\">{}</button>",
            esc(&t(msg!("Save")))
        )
    } else {
        format!(
            "<span class=\"hint\">{}</span>",
            esc(&t(msg!(
                "An approver saves changes to the figures: preview them, then ask an approver."
            )))
        )
    };
    let formula = ind["formula"]["label_vi"]
        .as_str()
        .map(|l| format!("<p>{}</p>", esc(&t(msg!("Formula: {}", l)))))
        .unwrap_or_default();
    // Saving straight from the preview, without scrolling back down the form.
    let preview = if shown.preview.is_empty() || !req.approves() {
        shown.preview.clone()
    } else {
        format!(
            "{}<p><button type=\"submit\" form=\"indicator-form\" name=\"action\" value=\"save\">{}</button></p>",
            shown.preview,
            esc(&t(msg!("Save")))
        )
    };
    let main = format!(
        "<h1>{}</h1>{}{}{}{}{}<form method=\"post\" action=\"/data/indicator\" class=\"card data-form\" id=\"indicator-form\">{}<input type=\"hidden\" name=\"id\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\">{body}\
<p class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"preview\">{}</button> {save}</p></form><p><a href=\"/data\">{}</a></p>",
        esc(&name),
        shown.saved,
        shown.summary,
        formula,
        preview,
        view::general(state, p),
        csrf(req),
        esc(id),
        esc(version),
        esc(&t(msg!("Preview the results"))),
        esc(&t(msg!("Back to the figures")))
    );
    Resp::html(StatusCode::OK, pages::layout(state, req, &name, &main))
}

/// The figures' fields: the total, the rows by unit or person, the months, the source.
fn fieldsets(state: &State, value: &Value, p: &Placed, f: &Figures) -> String {
    let t = |m| state.t(m);
    let levels = vocab(value, "rating_scale", "label");
    let units = vocab(value, "units", "name");
    let label_of = |k: &str| {
        levels
            .iter()
            .find(|(i, _)| i == k)
            .map_or(k.to_string(), |(_, l)| format!("{l} ({k})"))
    };
    let mut body = String::new();
    if f.has_total {
        let fields: String = f
            .keys
            .iter()
            .zip(&f.total)
            .map(|(k, v)| {
                input(
                    p,
                    &format!("t.{k}"),
                    &label_of(k),
                    v,
                    " inputmode=\"numeric\"",
                )
            })
            .collect();
        body.push_str(&format!(
            "<fieldset><legend>{}</legend>{}<div class=\"counts\">{fields}</div></fieldset>",
            esc(&t(msg!("Whole campaign"))),
            view::problems_of(p, "t").0
        ));
    }
    for (key, part, legend) in [
        ("b", &f.breakdown, t(msg!("By unit, counter or person"))),
        ("s", &f.series, t(msg!("By month"))),
    ] {
        if let Some(part) = part {
            body.push_str(&rows(
                state, p, key, part, &legend, &f.keys, &label_of, &units,
            ));
        }
    }
    if let Some([sname, url, when]) = &f.source {
        body.push_str(&format!(
            "<fieldset><legend>{}</legend>{}{}{}</fieldset>",
            esc(&t(msg!("Source of the figures"))),
            input(p, "src.name", &t(msg!("Source")), sname, ""),
            input(
                p,
                "src.url",
                &t(msg!("Address (if public)")),
                url,
                " type=\"url\""
            ),
            input(
                p,
                "src.retrieved",
                &t(msg!("Date taken (2023-10-31)")),
                when,
                ""
            )
        ));
    }
    body
}

/// A part's rows: each row a group of fields, with a box to remove it, and a button to add one.
#[allow(clippy::too_many_arguments)]
fn rows(
    state: &State,
    p: &Placed,
    key: &str,
    part: &Part,
    legend: &str,
    keys: &[String],
    label_of: &dyn Fn(&str) -> String,
    units: &[(String, String)],
) -> String {
    let t = |m| state.t(m);
    let mut out = format!(
        "<fieldset class=\"rows\"><legend>{}</legend><input type=\"hidden\" name=\"{key}.rows\" value=\"{}\">",
        esc(legend),
        part.rows.len()
    );
    out.push_str(&view::problems_of(p, key).0);
    let partial_id = view::id_of(&format!("{key}.partial"));
    let checked = if part.partial { " checked" } else { "" };
    out.push_str(&format!(
        "<p><input type=\"checkbox\" id=\"{partial_id}\" name=\"{key}.partial\" value=\"1\"{checked}> <label for=\"{partial_id}\">{}</label></p>",
        esc(&t(msg!("The rows do not cover the whole total (partial)")))
    ));
    for (i, (name, values)) in part.rows.iter().enumerate() {
        let n = format!("{key}.{i}.name");
        let namefield = if key == "s" {
            input(p, &n, &t(msg!("Month (2023-07)")), name, "")
        } else if part.by_person {
            input(p, &n, &t(msg!("Person")), name, "")
        } else {
            view::select(p, &n, &t(msg!("Unit")), name, units)
        };
        let counts: String = keys
            .iter()
            .zip(values)
            .map(|(k, v)| {
                input(
                    p,
                    &format!("{key}.{i}.c.{k}"),
                    &label_of(k),
                    v,
                    " inputmode=\"numeric\"",
                )
            })
            .collect();
        let del = view::id_of(&format!("{key}.{i}.del"));
        out.push_str(&format!(
            "<div class=\"data-row\"><p class=\"row-no\">{}</p>{namefield}<div class=\"counts\">{counts}</div><p><input type=\"checkbox\" id=\"{del}\" name=\"{key}.{i}.del\" value=\"1\"> <label for=\"{del}\">{}</label></p></div>",
            esc(&t(msg!("Row {}", i + 1))),
            esc(&t(msg!("Remove this row")))
        ));
    }
    out.push_str(&format!(
        "<p><button type=\"submit\" name=\"add\" value=\"{key}\" formnovalidate>{}</button></p></fieldset>",
        esc(&t(msg!("Add a row")))
    ));
    out
}

/// Where a table-fed indicator's figures come from, read-only, and how to bring a new export.
fn from_table(state: &State, from: &Value, id: &str) -> String {
    let t = |m| state.t(m);
    let table = from["table"].as_str().unwrap_or_default();
    let file = crate::load::data::read_tables(&state.opts.root)
        .ok()
        .and_then(|ts| ts.into_iter().find(|x| x.key == table).map(|x| x.file))
        .unwrap_or_else(|| table.to_string());
    let cols = |v: &Value| match v {
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(" + "),
        Value::String(s) => format!("\"{s}\""),
        _ => String::new(),
    };
    let mut items: String = from["counts"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("<li><code>{}</code> ← {}</li>", esc(k), esc(&cols(v))))
        .collect();
    for (k, label) in [
        ("by_unit", t(msg!("Rows by unit from the column"))),
        ("by_month", t(msg!("Months from the column"))),
    ] {
        if let Some(c) = from[k].as_str() {
            items.push_str(&format!("<li>{}: \"{}\"</li>", esc(&label), esc(c)));
        }
    }
    let replace = format!(
        "<form id=\"export-form\" class=\"card\" data-table=\"{}\" data-id=\"{}\"><h2>{}</h2>\
<div class=\"field\"><label for=\"export-file\">{}</label><input id=\"export-file\" type=\"file\" accept=\".csv,.xlsx,.xls,.ods\" required></div>\
<p><button type=\"submit\">{}</button> <span id=\"export-status\" role=\"status\"></span></p></form><div id=\"export-result\"></div>",
        esc(table),
        esc(id),
        esc(&t(msg!("Replace with next month's export"))),
        esc(&t(msg!("New export (.csv, .xlsx)"))),
        esc(&t(msg!("Preview the results"))),
    );
    format!(
        "<section class=\"card\"><h2>{}</h2><p>{}</p><ul>{items}</ul><p>{}</p></section>{replace}",
        esc(&t(msg!("Figures from a table"))),
        esc(&t(msg!(
            "The figures are computed from the table {} on every build:",
            file
        ))),
        esc(&t(msg!(
            "To update them, put the new export from the one-stop system in content/_data/ under the same name, or run \"thidua data import FILE\" on the centre's computer to map a new file."
        ))),
    )
}
