//! Pieces the data pages share: a labelled field with its problems under it, the problems
//! above a form, and how a figure and its verdict read.

use super::super::State;
use super::super::pages::esc;
use super::validate::Placed;
use crate::campaign::results::{self, Indicator, Results, Status};
use crate::msg;

/// A form field's element id.
pub(super) fn id_of(name: &str) -> String {
    format!(
        "f-{}",
        name.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
    )
}

/// The problems of field `name`, as a list under it, and the attributes that tie them to it.
pub(super) fn problems_of(placed: &Placed, name: &str) -> (String, String) {
    let Some(list) = placed.fields.get(name) else {
        return (String::new(), String::new());
    };
    let id = format!("{}-problems", id_of(name));
    let items: String = list
        .iter()
        .map(|p| format!("<li class=\"error\">{}</li>", esc(p)))
        .collect();
    (
        format!("<ul class=\"problems\" id=\"{id}\">{items}</ul>"),
        format!(" aria-describedby=\"{id}\" aria-invalid=\"true\""),
    )
}

/// A labelled input (`extra`: more attributes), with its problems under it.
pub(super) fn input(placed: &Placed, name: &str, label: &str, value: &str, extra: &str) -> String {
    let (problems, described) = problems_of(placed, name);
    let id = id_of(name);
    format!(
        "<div class=\"field\"><label for=\"{id}\">{}</label><input id=\"{id}\" name=\"{}\" value=\"{}\"{extra}{described}>{problems}</div>",
        esc(label),
        esc(name),
        esc(value)
    )
}

/// A labelled text area, with its problems under it.
pub(super) fn textarea(placed: &Placed, name: &str, label: &str, value: &str) -> String {
    let (problems, described) = problems_of(placed, name);
    let id = id_of(name);
    format!(
        "<div class=\"field\"><label for=\"{id}\">{}</label><textarea id=\"{id}\" name=\"{}\" rows=\"4\"{described}>{}</textarea>{problems}</div>",
        esc(label),
        esc(name),
        esc(value)
    )
}

/// A labelled choice among `options` (value, label); a value not among them is kept as one.
pub(super) fn select(
    placed: &Placed,
    name: &str,
    label: &str,
    value: &str,
    options: &[(String, String)],
) -> String {
    let (problems, described) = problems_of(placed, name);
    let id = id_of(name);
    let mut opts: Vec<(String, String)> = options.to_vec();
    if !opts.iter().any(|(v, _)| v == value) {
        opts.insert(0, (value.to_string(), value.to_string()));
    }
    let opts: String = opts
        .iter()
        .map(|(v, l)| {
            let sel = if v == value { " selected" } else { "" };
            format!("<option value=\"{}\"{sel}>{}</option>", esc(v), esc(l))
        })
        .collect();
    format!(
        "<div class=\"field\"><label for=\"{id}\">{}</label><select id=\"{id}\" name=\"{}\"{described}>{opts}</select>{problems}</div>",
        esc(label),
        esc(name)
    )
}

/// The problems that belong to no field, above the form.
pub(super) fn general(state: &State, placed: &Placed) -> String {
    if placed.is_empty() {
        return String::new();
    }
    let items: String = placed
        .general
        .iter()
        .map(|p| format!("<li>{}</li>", esc(p)))
        .collect();
    format!(
        "<div class=\"error data-problems\" role=\"alert\"><p>{}</p><ul>{items}</ul></div>",
        esc(&state.t(msg!(
            "Nothing was saved: the build would stop on these problems. Each one is shown next to its field."
        )))
    )
}

/// A status as a badge: its words, never colour alone.
pub(super) fn status(s: Status) -> String {
    let key = match s {
        Status::Dat => "dat",
        Status::KhongDat => "khong-dat",
        Status::ChuaCoSoLieu => "chua-co",
    };
    format!("<span class=\"verdict {key}\">{}</span>", s.text())
}

/// The indicator's figure, target and verdict in words, with "6/7 đạt" when judged row by row.
pub(super) fn verdict(state: &State, r: &Results, ind: &Indicator) -> (String, String, String) {
    let value = ind
        .total
        .as_ref()
        .and_then(|m| m.value)
        .map_or_else(|| "—".to_string(), |v| results::display_value(ind, v));
    let target = ind
        .targets
        .iter()
        .map(|t| results::display_target(ind, t, &r.rating_scale))
        .collect::<Vec<_>>()
        .join("; ");
    let tally = ind
        .tally
        .map(|t| {
            format!(
                " <small>{}</small>",
                esc(&state.t(match ind.scope.as_deref() {
                    Some("quay") => msg!("{}/{} counters met it", t.met, t.of),
                    Some("ca-nhan") => msg!("{}/{} people met it", t.met, t.of),
                    Some("don-vi") => msg!("{}/{} units met it", t.met, t.of),
                    _ => msg!("{}/{} rows met it", t.met, t.of),
                }))
            )
        })
        .unwrap_or_default();
    (value, target, status(ind.status) + &tally)
}
