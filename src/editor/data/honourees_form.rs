//! The honouree's form as a page: every field of the model with its problems beside it, the
//! decision and award chosen from the file's own lists.

use hyper::StatusCode;
use serde_json::Value;

use super::super::State;
use super::super::pages::{self, csrf, esc};
use super::super::request::{Req, Resp};
use super::lists::{Entry, List};
use super::validate::Placed;
use super::view::{self, input, select, textarea};
use crate::msg;

/// What the form shows.
pub(super) struct Form<'a> {
    /// Which list the item is in.
    pub(super) list: List,
    /// The values.
    pub(super) entry: &'a Entry,
    /// The id it had in the file (empty: a new one).
    pub(super) orig: &'a str,
    /// The file's version when the form was opened.
    pub(super) version: &'a str,
    /// The build's problems, by field.
    pub(super) placed: &'a Placed,
    /// "Saved", or "no problems" after a check.
    pub(super) note: &'a str,
}

/// A choice's value and label.
type Choices = Vec<(String, String)>;

/// The file's decisions (id, "number (id)") and award forms (key, label).
fn choices(value: &Value) -> (Choices, Choices) {
    let list = value["decisions"].as_array().cloned().unwrap_or_default();
    let decisions = list
        .iter()
        .map(|d| {
            let id = d["id"].as_str().unwrap_or_default().to_string();
            let l = format!("{} ({id})", d["so_ky_hieu"].as_str().unwrap_or_default());
            (id, l)
        })
        .collect();
    let mut forms: Vec<(String, String)> = value["enums"]["hinh_thuc"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or(k).to_string()))
        .collect();
    if forms.is_empty() {
        forms = list
            .iter()
            .filter_map(|d| d["hinh_thuc"].as_str())
            .map(|h| (h.to_string(), h.to_string()))
            .collect();
    }
    (decisions, forms)
}

/// A decision's fields, in the file's order.
fn decision_fields(state: &State, value: &Value, f: &Form<'_>) -> String {
    let t = |m| state.t(m);
    let p = f.placed;
    let get = |k: &str| {
        f.entry
            .iter()
            .find(|(x, _)| *x == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let text = |k: &str, label| input(p, k, &t(label), get(k), "");
    [
        text("id", msg!("Id (from the number when empty)")),
        text("so_ky_hieu", msg!("Number and symbol (999/QĐ-VP)")),
        text("ngay_ban_hanh", msg!("Date issued (2023-11-15)")),
        text("co_quan_ban_hanh", msg!("Issued by")),
        text("nguoi_ky_chuc_danh", msg!("Title of the signer")),
        textarea(p, "trich_yeu", &t(msg!("Summary")), get("trich_yeu")),
        select(
            p,
            "hinh_thuc",
            &t(msg!("Award")),
            get("hinh_thuc"),
            &choices(value).1,
        ),
        text("file", msg!("The decision as a PDF, if published")),
        text("can_cu_thi_dua", msg!("Campaign it concludes (id)")),
    ]
    .concat()
}

/// The fields, in the file's order.
fn fields(state: &State, value: &Value, f: &Form<'_>) -> String {
    if f.list.key == "decisions" {
        return decision_fields(state, value, f);
    }
    let t = |m| state.t(m);
    let p = f.placed;
    let get = |k: &str| {
        f.entry
            .iter()
            .find(|(x, _)| *x == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let (decisions, forms) = choices(value);
    let kinds = vec![
        ("ca-nhan".to_string(), t(msg!("an individual"))),
        ("tap-the".to_string(), t(msg!("a collective"))),
    ];
    let text = |k: &str, label| input(p, k, &t(label), get(k), "");
    let number = |k: &str, label| input(p, k, &t(label), get(k), " inputmode=\"numeric\"");
    let consent = if get("dong_y_dang_anh").is_empty() {
        ""
    } else {
        " checked"
    };
    [
        text("id", msg!("Id (from the name when empty)")),
        select(p, "decision", &t(msg!("Decision")), get("decision"), &decisions),
        number("stt", msg!("No. in the decision")),
        select(p, "loai", &t(msg!("Kind")), get("loai"), &kinds),
        text("ho_ten", msg!("Full name (individual)")),
        text("ten", msg!("Given name, for sorting")),
        text("ten_tap_the", msg!("Name of the collective")),
        text("chuc_vu", msg!("Position")),
        text("don_vi", msg!("Unit")),
        textarea(p, "thanh_tich", &t(msg!("Achievement")), get("thanh_tich")),
        select(p, "hinh_thuc", &t(msg!("Award")), get("hinh_thuc"), &forms),
        number("tien_thuong_vnd", msg!("Cash award (đồng, not published)")),
        text("anh", msg!("Photo")),
        text(
            "kpi_links",
            msg!("Related indicators (ids, separated by commas)"),
        ),
        format!(
            "<p><input type=\"checkbox\" id=\"f-dong_y_dang_anh\" name=\"dong_y_dang_anh\" value=\"1\"{consent}> <label for=\"f-dong_y_dang_anh\">{}</label></p>",
            esc(&t(msg!("Consent to publish the photo is recorded")))
        ),
    ]
    .concat()
}

/// Save and remove for approvers; a note for writers.
fn buttons(state: &State, req: &Req, orig: &str) -> String {
    let t = |m| state.t(m);
    if !req.approves() {
        return format!(
            "<span class=\"hint\">{}</span>",
            esc(&t(msg!(
                "An approver saves changes to the figures: preview them, then ask an approver."
            )))
        );
    }
    let remove = if orig.is_empty() {
        String::new()
    } else {
        format!(
            " <button type=\"submit\" name=\"action\" value=\"remove\" class=\"danger\">{}</button>",
            esc(&t(msg!("Remove from the list")))
        )
    };
    format!(
        "<button type=\"submit\" name=\"action\" value=\"save\">{}</button>{remove}",
        esc(&t(msg!("Save")))
    )
}

/// The form page.
pub(super) fn form(state: &State, req: &Req, value: &Value, f: &Form<'_>) -> Resp {
    let t = |m| state.t(m);
    let get = |k: &str| {
        f.entry
            .iter()
            .find(|(x, _)| *x == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let decision = f.list.key == "decisions";
    let title = match (f.orig.is_empty(), decision) {
        (true, true) => t(msg!("Add a decision")),
        (true, false) => t(msg!("Add a person or collective")),
        (false, true) => get("so_ky_hieu").to_string(),
        (false, false) => get("ho_ten").to_string() + get("ten_tap_the"),
    };
    let main = format!(
        "<h1>{}</h1>{}{}<form method=\"post\" action=\"{}\" class=\"card data-form\">{}<input type=\"hidden\" name=\"orig\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\">{}\
<p class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"preview\">{}</button> {}</p></form><p><a href=\"/data/honourees\">{}</a></p>",
        esc(&title),
        f.note,
        view::general(state, f.placed),
        f.list.form,
        csrf(req),
        esc(f.orig),
        esc(f.version),
        fields(state, value, f),
        esc(&t(msg!("Check"))),
        buttons(state, req, f.orig),
        esc(&t(msg!("Back to the honourees")))
    );
    Resp::html(StatusCode::OK, pages::layout(state, req, &title, &main))
}
