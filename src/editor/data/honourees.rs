//! "Khen thưởng": the people and collectives of `honourees.yaml`, listed, and a form to add,
//! change or remove one. The item is written back in the file's own style (ids plain, texts
//! quoted), in place, with the build's checks (a duplicate person, an unknown decision, a
//! photo without consent…) next to the fields.

use hyper::StatusCode;
use serde_json::Value;

use super::super::State;
use super::super::pages::{self, esc};
use super::super::request::{Req, Resp};
use super::figures::{number, quoted, word};
use super::honourees_form::{Entry, Form, form};
use super::validate::{self, HONOUREES, Placed, RESULTS};
use super::{file_value, link, store, text_edit};
use crate::msg;

/// How a field is written.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Word,
    Text,
    Number,
    Bool,
    List,
}

/// The fields, in the file's order; `true`: written even when empty.
const FIELDS: [(&str, Kind, bool); 15] = [
    ("id", Kind::Word, true),
    ("decision", Kind::Word, true),
    ("stt", Kind::Number, true),
    ("loai", Kind::Word, true),
    ("ho_ten", Kind::Text, false),
    ("ten", Kind::Text, false),
    ("ten_tap_the", Kind::Text, false),
    ("chuc_vu", Kind::Text, false),
    ("don_vi", Kind::Text, true),
    ("thanh_tich", Kind::Text, true),
    ("hinh_thuc", Kind::Word, true),
    ("tien_thuong_vnd", Kind::Number, false),
    ("anh", Kind::Text, true),
    ("dong_y_dang_anh", Kind::Bool, true),
    ("kpi_links", Kind::List, true),
];

fn from_file(h: &Value) -> Entry {
    FIELDS
        .iter()
        .map(|(k, kind, _)| {
            let v = &h[*k];
            let s = match (kind, v) {
                (_, Value::Null) => String::new(),
                (Kind::Bool, Value::Bool(b)) => {
                    if *b {
                        "1".into()
                    } else {
                        String::new()
                    }
                }
                (Kind::List, Value::Array(a)) => a
                    .iter()
                    .map(|x| x.as_str().map_or(x.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(", "),
                (_, Value::String(s)) => s.clone(),
                (_, other) => other.to_string(),
            };
            (*k, s)
        })
        .collect()
}

fn from_form(req: &Req) -> Entry {
    let mut e: Entry = FIELDS
        .iter()
        .map(|(k, _, _)| (*k, req.arg(k).trim().to_string()))
        .collect();
    let name = ["ho_ten", "ten_tap_the"]
        .iter()
        .map(|k| req.arg(k).trim())
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    if let Some((_, id)) = e
        .iter_mut()
        .find(|(k, _)| *k == "id")
        .filter(|(_, v)| v.is_empty())
    {
        *id = crate::paths::slugify(name);
    }
    e
}

/// The item's lines at key indent `ki`.
fn block(e: &Entry, ki: usize) -> String {
    let pad = " ".repeat(ki);
    let mut out = String::new();
    for ((key, kind, always), (_, v)) in FIELDS.iter().zip(e) {
        let written = match kind {
            _ if v.is_empty() && *kind == Kind::Bool => Some("false".to_string()),
            _ if v.is_empty() && *kind == Kind::List => Some("[]".to_string()),
            _ if v.is_empty() => always.then(|| "null".to_string()),
            Kind::Word => Some(word(v)),
            Kind::Text => Some(quoted(&crate::text::nfc(v))),
            Kind::Number => number(v),
            Kind::Bool => Some("true".to_string()),
            Kind::List => Some(format!(
                "[{}]",
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(word)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        if let Some(w) = written {
            let lead = if out.is_empty() {
                format!("{}- ", &pad[..ki.saturating_sub(2)])
            } else {
                pad.clone()
            };
            out.push_str(&format!("{lead}{key}: {w}\n"));
        }
    }
    out
}

/// The list of honourees.
pub(in crate::editor) fn list(state: &State, req: &Req) -> Resp {
    let current = match store::read(&state.opts.root, HONOUREES) {
        Ok(c) => c,
        Err(e) => return super::missing(state, e),
    };
    let value = file_value(&current.text, HONOUREES);
    let rows: String = value["honourees"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            let id = h["id"].as_str().unwrap_or_default();
            let name = ["ho_ten", "ten_tap_the"]
                .iter()
                .find_map(|k| h[*k].as_str())
                .unwrap_or(id);
            format!(
                "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td></tr>",
                esc(&h["stt"].to_string()),
                link("/data/honouree", id),
                esc(name),
                esc(h["don_vi"].as_str().unwrap_or_default())
            )
        })
        .collect();
    let title = state.t(msg!("Honourees"));
    let t = |m| state.t(m);
    let main = format!(
        "<h1>{}</h1><p>{}</p><p><a class=\"button\" href=\"/data/honouree?new=1\">{}</a></p><div class=\"table-wrap\" role=\"region\" aria-label=\"{0}\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{rows}</tbody></table></div>",
        esc(&title),
        esc(&t(msg!(
            "The people and collectives of the commendation decisions, from content/_data/honourees.yaml. A change goes live with the next publish."
        ))),
        esc(&t(msg!("Add a person or collective"))),
        esc(&t(msg!("No."))),
        esc(&t(msg!("Name"))),
        esc(&t(msg!("Unit")))
    );
    Resp::html(StatusCode::OK, pages::layout(state, req, &title, &main))
}

fn find<'a>(value: &'a Value, id: &str) -> Option<(usize, &'a Value)> {
    value["honourees"]
        .as_array()?
        .iter()
        .enumerate()
        .find(|(_, h)| h["id"].as_str() == Some(id))
}

/// The form of one honouree, or an empty one (`new=1`).
pub(in crate::editor) fn honouree(state: &State, req: &Req) -> Resp {
    let current = match store::read(&state.opts.root, HONOUREES) {
        Ok(c) => c,
        Err(e) => return super::missing(state, e),
    };
    let value = file_value(&current.text, HONOUREES);
    let entry = if req.arg("new").is_empty() {
        match find(&value, req.arg("id")) {
            Some((_, h)) => from_file(h),
            None => return super::no_such(state),
        }
    } else {
        let mut e = from_file(&Value::Null);
        let first_decision = value["decisions"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        for (k, v) in &mut e {
            match *k {
                "decision" => *v = first_decision.clone(),
                "loai" => *v = "ca-nhan".into(),
                "hinh_thuc" => {
                    *v = value["decisions"][0]["hinh_thuc"]
                        .as_str()
                        .unwrap_or_default()
                        .into()
                }
                _ => {}
            }
        }
        e
    };
    let orig = if req.arg("new").is_empty() {
        req.arg("id")
    } else {
        ""
    };
    let note = if req.arg("saved").is_empty() {
        String::new()
    } else {
        format!(
            "<p class=\"saved\" role=\"status\">{}</p>",
            esc(&state.t(msg!(
                "Saved. The site shows the change after the next publish."
            )))
        )
    };
    let shown = Form {
        entry: &entry,
        orig,
        version: &current.version,
        placed: &Placed::default(),
        note: &note,
    };
    form(state, req, &value, &shown)
}

/// The file's text with the entry `orig` (empty: a new one, added after the last) replaced
/// by `entry`, or removed; and the entry's index in it.
fn edited(
    state: &State,
    text: &str,
    value: &Value,
    orig: &str,
    entry: &Entry,
    remove: bool,
) -> Result<(String, usize), Resp> {
    let list_len = value["honourees"].as_array().map_or(0, Vec::len);
    let pos = crate::yaml::Positions::index(text, super::origin(HONOUREES));
    let line_of = |i: usize| pos.at(&format!("honourees[{i}].id")).map_or(0, |l| l.line);
    let (found, at) = match find(value, orig) {
        Some((i, _)) => (text_edit::item(text, line_of(i)), i),
        None if orig.is_empty() && list_len > 0 => {
            (text_edit::item(text, line_of(list_len - 1)), list_len)
        }
        None => return Err(super::no_such(state)),
    };
    let Some((start, end, ki)) = found else {
        return Err(state.refusal(
            StatusCode::BAD_REQUEST,
            msg!("This entry is written on one line in the file: write it as key: value lines to edit it here."),
        ));
    };
    let new_text = if remove {
        text_edit::replace_lines(text, start, end, "")
    } else if orig.is_empty() {
        text_edit::insert_after(text, end, &block(entry, ki))
    } else {
        text_edit::replace_lines(text, start, end, &block(entry, ki))
    };
    Ok((new_text, at))
}

/// The form sent: preview, save or remove.
pub(in crate::editor) fn honouree_post(state: &State, req: &Req) -> Resp {
    let root = &state.opts.root;
    let current = match store::read(root, HONOUREES) {
        Ok(c) => c,
        Err(e) => return super::missing(state, e),
    };
    let value = file_value(&current.text, HONOUREES);
    let orig = req.arg("orig");
    let entry = from_form(req);
    let remove = req.arg("action") == "remove";
    let (new_text, at) = match edited(state, &current.text, &value, orig, &entry, remove) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let results = store::read(root, RESULTS).ok();
    let checked = validate::campaign(
        root,
        results.as_ref().map(|r| r.text.as_str()),
        Some(&new_text),
    );
    let fields: Vec<(String, String)> = FIELDS
        .iter()
        .map(|(k, _, _)| (k.to_string(), format!("honourees[{at}].{k}")))
        .collect();
    let placed = match &checked {
        Ok(_) => Placed::default(),
        Err(d) => validate::place(
            d,
            HONOUREES,
            &new_text,
            if remove { &[] } else { &fields },
            state.opts.lang,
        ),
    };
    let id = entry
        .iter()
        .find(|(k, _)| *k == "id")
        .map_or("", |(_, v)| v.as_str())
        .to_string();
    if checked.is_ok() && (remove || req.arg("action") == "save") {
        let (what, back) = if remove {
            (
                format!("xóa khen thưởng: {orig}"),
                "/data/honourees?".to_string(),
            )
        } else {
            (
                format!("sửa khen thưởng: {id}"),
                format!("/data/honouree?id={}", pages::url_encode(&id)),
            )
        };
        return super::save(state, req, HONOUREES, &new_text, &what, &back);
    }
    let note = if checked.is_ok() {
        format!(
            "<p class=\"saved\" role=\"status\">{}</p>",
            esc(&state.t(msg!(
                "No problems: the build accepts this entry. Nothing is saved until you press Save."
            )))
        )
    } else {
        String::new()
    };
    let shown = Form {
        entry: &entry,
        orig,
        version: req.arg("version"),
        placed: &placed,
        note: &note,
    };
    let mut r = form(state, req, &value, &shown);
    if !placed.is_empty() {
        r.status = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}
