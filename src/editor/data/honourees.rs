//! "Khen thưởng": the people and collectives of `honourees.yaml` and its decisions, listed,
//! and a form to add, change or remove one. The item is written back in the file's own style (ids plain, texts
//! quoted; a line whose value is unchanged keeps its end-of-line comment), in place, with the
//! build's checks (a duplicate person, an unknown decision, a
//! photo without consent…) next to the fields.

use hyper::StatusCode;
use serde_json::Value;

use super::super::State;
use super::super::pages::{self, esc};
use super::super::request::{Req, Resp};
use super::figures::{number, quoted, word};
use super::honourees_form::{Form, form};
use super::lists::{DECISIONS, Entry, Kind, List, PEOPLE};
use super::validate::{self, HONOUREES, Placed, RESULTS};
use super::{file_value, link, store, text_edit};
use crate::msg;

fn from_file(h: &Value, list: List) -> Entry {
    list.fields
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

fn from_form(req: &Req, list: List) -> Entry {
    let mut e: Entry = list
        .fields
        .iter()
        .map(|(k, _, _)| (*k, req.arg(k).trim().to_string()))
        .collect();
    let name = ["ho_ten", "ten_tap_the", "so_ky_hieu"]
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
fn block(e: &Entry, ki: usize, list: List) -> String {
    let pad = " ".repeat(ki);
    let mut out = String::new();
    for ((key, kind, always), (_, v)) in list.fields.iter().zip(e) {
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
    let decisions: String = value["decisions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let id = d["id"].as_str().unwrap_or_default();
            format!(
                "<li><a href=\"{}\">{}</a>, {} — {}</li>",
                link("/data/decision", id),
                esc(d["so_ky_hieu"].as_str().unwrap_or(id)),
                esc(d["ngay_ban_hanh"].as_str().unwrap_or_default()),
                esc(d["trich_yeu"].as_str().unwrap_or_default())
            )
        })
        .collect();
    let decisions = format!(
        "<h2>{}</h2><ul>{decisions}</ul><p><a class=\"button\" href=\"/data/decision?new=1\">{}</a></p>",
        esc(&t(msg!("Decisions"))),
        esc(&t(msg!("Add a decision")))
    );
    let main = format!(
        "<h1>{}</h1><p>{}</p><p><a class=\"button\" href=\"/data/honouree?new=1\">{}</a></p><div class=\"table-wrap\" role=\"region\" aria-label=\"{0}\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{rows}</tbody></table></div>{decisions}",
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

fn find<'a>(value: &'a Value, list: List, id: &str) -> Option<(usize, &'a Value)> {
    value[list.key]
        .as_array()?
        .iter()
        .enumerate()
        .find(|(_, h)| h["id"].as_str() == Some(id))
}

/// The form of one honouree, or an empty one (`new=1`).
pub(in crate::editor) fn honouree(state: &State, req: &Req) -> Resp {
    item(state, req, PEOPLE)
}

/// The form of one decision, or an empty one (`new=1`).
pub(in crate::editor) fn decision(state: &State, req: &Req) -> Resp {
    item(state, req, DECISIONS)
}

/// A honouree's form sent.
pub(in crate::editor) fn honouree_post(state: &State, req: &Req) -> Resp {
    item_post(state, req, PEOPLE)
}

/// A decision's form sent.
pub(in crate::editor) fn decision_post(state: &State, req: &Req) -> Resp {
    item_post(state, req, DECISIONS)
}

/// The form of one item of `list`, or an empty one (`new=1`).
fn item(state: &State, req: &Req, list: List) -> Resp {
    let current = match store::read(&state.opts.root, HONOUREES) {
        Ok(c) => c,
        Err(e) => return super::missing(state, e),
    };
    let value = file_value(&current.text, HONOUREES);
    let entry = if req.arg("new").is_empty() {
        match find(&value, list, req.arg("id")) {
            Some((_, h)) => from_file(h, list),
            None => return super::no_such(state),
        }
    } else {
        let mut e = from_file(&Value::Null, list);
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
    let note = super::saved_note(
        state,
        req,
        msg!("Saved. The site shows the change after the next publish."),
    );
    let shown = Form {
        list,
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
    list: List,
) -> Result<(String, usize), Resp> {
    let list_len = value[list.key].as_array().map_or(0, Vec::len);
    let pos = crate::yaml::Positions::index(text, super::origin(HONOUREES));
    let line_of = |i: usize| {
        pos.at(&format!("{}[{i}].id", list.key))
            .map_or(0, |l| l.line)
    };
    let (found, at) = match find(value, list, orig) {
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
        text_edit::insert_after(text, end, &block(entry, ki, list))
    } else {
        let old = text_edit::lines_of(text, start, end);
        let new = text_edit::keep_comments(&old, &block(entry, ki, list));
        text_edit::replace_lines(text, start, end, &new)
    };
    Ok((new_text, at))
}

/// "No problems" after a check that found none.
fn checked_note(state: &State, ok: bool) -> String {
    if !ok {
        return String::new();
    }
    format!(
        "<p class=\"saved\" role=\"status\">{}</p>",
        esc(&state.t(msg!(
            "No problems: the build accepts this entry. Nothing is saved until you press Save."
        )))
    )
}

/// The form of an item of `list` sent: preview, save or remove.
fn item_post(state: &State, req: &Req, list: List) -> Resp {
    let root = &state.opts.root;
    let current = match store::read(root, HONOUREES) {
        Ok(c) => c,
        Err(e) => return super::missing(state, e),
    };
    let value = file_value(&current.text, HONOUREES);
    let orig = req.arg("orig");
    let entry = from_form(req, list);
    let remove = req.arg("action") == "remove";
    let edit = edited(state, &current.text, &value, orig, &entry, remove, list);
    let (new_text, at) = match edit {
        Ok(x) => x,
        Err(r) => return r,
    };
    let results = store::read(root, RESULTS).ok();
    let checked = validate::campaign(
        root,
        results.as_ref().map(|r| r.text.as_str()),
        Some(&new_text),
    );
    let fields: Vec<(String, String)> = list
        .fields
        .iter()
        .map(|(k, _, _)| (k.to_string(), format!("{}[{at}].{k}", list.key)))
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
                format!("xóa {}: {orig}", list.what),
                "/data/honourees?".to_string(),
            )
        } else {
            (
                format!("sửa {}: {id}", list.what),
                format!("{}?id={}", list.form, pages::url_encode(&id)),
            )
        };
        return super::save(state, req, HONOUREES, &new_text, &what, &back);
    }
    let note = checked_note(state, checked.is_ok());
    let shown = Form {
        list,
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
