//! What the shortcodes of a post say: live figures from the campaign's computed results, read
//! from the same `results` value the Kết quả page and the home page show, so a post never
//! disagrees with them.
//!
//! `{{ chi_tieu(id="ho-so-dung-han", hien="gia-tri") }}` shows one indicator (its value, target,
//! status, counts, or how many units met it; `thang="2023-09"` for one month), and
//! `{{ tong_hop(hien="dat") }}` counts indicators by status. `hien` is read like a slug, so
//! "Giá trị" is `gia-tri`.

use serde_json::Value as Json;

use crate::diagnostic::{did_you_mean, hint_for_unknown};
use crate::render::markdown::{Shortcode, ShortcodeError};
use crate::site::Site;

/// The shortcodes there are.
const NAMES: &[&str] = &["chi_tieu", "tong_hop"];
/// What `chi_tieu` can show.
const INDICATOR_FIELDS: &[&str] = &[
    "gia-tri", "ket-qua", "muc-tieu", "danh-gia", "tu-so", "mau-so", "so-dat", "ten",
];
/// What `tong_hop` can show.
const SUMMARY_FIELDS: &[&str] = &["tong", "dat", "khong-dat", "chua-co-so-lieu"];

/// The campaign's computed results, as the shortcodes read them.
pub(crate) struct Figures {
    /// The `results` template value; `None` when the site has no results file.
    results: Option<Json>,
    /// Each indicator's monthly periods (`2023-09`), in the order of its series' rows.
    months: Vec<(String, Vec<String>)>,
}

impl Figures {
    /// The figures of `site` (computed once per use: build it once and share it).
    pub(crate) fn of(site: &Site) -> Figures {
        let Some(r) = &site.campaign.results else {
            return Figures {
                results: None,
                months: Vec::new(),
            };
        };
        let words = |_: &str, default: &str| default.to_string();
        let results = crate::render::campaign::results_value(site, r, &words);
        let months = r
            .indicators
            .iter()
            .map(|i| {
                let periods = i.series.iter().flat_map(|s| &s.points);
                (i.id.clone(), periods.map(|p| p.period.clone()).collect())
            })
            .collect();
        Figures {
            results: Some(results),
            months,
        }
    }

    /// The text of one shortcode.
    pub(crate) fn expand(&self, sc: &Shortcode) -> Result<String, ShortcodeError> {
        let Some(results) = &self.results else {
            return Err(error(
                sc.start,
                crate::msg!("there are no campaign results (content/_data/results.yaml)"),
                None,
            ));
        };
        match sc.name.as_str() {
            "chi_tieu" => self.indicator(results, sc),
            "tong_hop" => summary(results, sc),
            other => Err(error(
                sc.start,
                crate::msg!("unknown shortcode \"{}\"", other),
                Some(hint_for_unknown(other, NAMES)),
            )),
        }
    }

    fn indicator(&self, results: &Json, sc: &Shortcode) -> Result<String, ShortcodeError> {
        check_args(sc, &["id", "hien", "thang"])?;
        let Some((id, id_at)) = sc.arg("id") else {
            return Err(error(
                sc.start,
                crate::msg!("chi_tieu needs an indicator id: id=\"…\""),
                None,
            ));
        };
        let indicators = results["indicators"]
            .as_array()
            .map_or(&[][..], Vec::as_slice);
        let Some(ind) = indicators.iter().find(|i| i["id"] == id) else {
            let ids: Vec<&str> = indicators.iter().filter_map(|i| i["id"].as_str()).collect();
            return Err(error(
                id_at,
                crate::msg!("no indicator with id \"{}\"", id),
                Some(hint_for_unknown(id, &ids)),
            ));
        };
        let (field, field_at) = field(sc, "gia-tri", INDICATOR_FIELDS)?;
        let row = match sc.arg("thang") {
            Some((month, at)) => Some(self.month_row(ind, id, month, at)?),
            None => None,
        };
        let from = row.unwrap_or(ind);
        let text = |k: &str| from[k].as_str().map(str::to_string);
        let shown = match field.as_str() {
            "gia-tri" => text("value_display"),
            "ket-qua" => Some(with_parts(from)),
            "muc-tieu" => ind["target_display"].as_str().map(str::to_string),
            "danh-gia" => from["status"].as_str().map(|s| status_words(s).to_string()),
            "tu-so" => text("numerator_display"),
            "mau-so" => text("denominator_display"),
            "so-dat" if row.is_none() => rows_met(ind),
            _ => text("name").or_else(|| text("label")),
        };
        shown.ok_or_else(|| {
            error(
                field_at,
                crate::msg!("indicator \"{}\" has no \"{}\" to show", id, field),
                None,
            )
        })
    }

    /// The series row of `month` (`2023-09`) of an indicator.
    fn month_row<'j>(
        &self,
        ind: &'j Json,
        id: &str,
        month: &str,
        at: usize,
    ) -> Result<&'j Json, ShortcodeError> {
        let periods = self
            .months
            .iter()
            .find(|(i, _)| i == id)
            .map_or(&[][..], |(_, p)| p.as_slice());
        let k = periods.iter().position(|p| p == month);
        let row = k.and_then(|k| ind["series"]["rows"].get(k));
        row.ok_or_else(|| {
            let known: Vec<&str> = periods.iter().map(String::as_str).collect();
            error(
                at,
                crate::msg!("indicator \"{}\" has no figure for month \"{}\"", id, month),
                Some(hint_for_unknown(month, &known)),
            )
        })
    }
}

/// "6/7": how many units (counters, people) met the targets, out of those with figures; from
/// the indicator's own count when it has one, else from its breakdown's rows.
fn rows_met(ind: &Json) -> Option<String> {
    if let (Some(met), Some(total)) = (ind["rows_met"].as_u64(), ind["rows_total"].as_u64()) {
        return Some(format!("{met}/{total}"));
    }
    let rows = ind["breakdown"]["rows"].as_array()?;
    let judged: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["status"].as_str())
        .filter(|s| *s != "chua-co-so-lieu")
        .collect();
    let met = judged.iter().filter(|s| **s == "dat").count();
    Some(format!("{met}/{}", judged.len()))
}

/// `tong_hop`: how many indicators in all, or with one status.
fn summary(results: &Json, sc: &Shortcode) -> Result<String, ShortcodeError> {
    check_args(sc, &["hien"])?;
    let (field, _) = field(sc, "tong", SUMMARY_FIELDS)?;
    let key = match field.as_str() {
        "tong" => "total",
        "dat" => "dat",
        "khong-dat" => "khong_dat",
        _ => "chua_co_so_lieu",
    };
    Ok(results["summary"][key].as_u64().unwrap_or(0).to_string())
}

/// "99,60% (9.601/9.640)", or the value alone when it is not a ratio.
fn with_parts(row: &Json) -> String {
    let value = row["value_display"].as_str().unwrap_or("—");
    if row["value"].is_null() {
        return value.to_string();
    }
    match (
        row["numerator_display"].as_str(),
        row["denominator_display"].as_str(),
    ) {
        (Some(n), Some(d)) => format!("{value} ({n}/{d})"),
        _ => value.to_string(),
    }
}

/// A status in words, as the results pages say it.
fn status_words(status: &str) -> &'static str {
    use crate::campaign::results::Status;
    match status {
        "dat" => Status::Dat.text(),
        "khong-dat" => Status::KhongDat.text(),
        _ => Status::ChuaCoSoLieu.text(),
    }
}

/// `hien` read as a slug, checked against `known`; `default` when it is not given.
fn field(sc: &Shortcode, default: &str, known: &[&str]) -> Result<(String, usize), ShortcodeError> {
    let Some((written, at)) = sc.arg("hien") else {
        return Ok((default.to_string(), sc.start));
    };
    let slug = crate::paths::slugify(written);
    if known.contains(&slug.as_str()) {
        return Ok((slug, at));
    }
    Err(error(
        at,
        crate::msg!("{} cannot show \"{}\"", sc.name, written),
        Some(hint_for_unknown(&slug, known)),
    ))
}

/// Every argument is one the shortcode knows.
fn check_args(sc: &Shortcode, known: &[&str]) -> Result<(), ShortcodeError> {
    for (k, _, at) in &sc.args {
        if !known.contains(&k.as_str()) {
            let hint = match did_you_mean(k, known) {
                Some(best) => crate::msg!("did you mean \"{}\"?", best),
                None => crate::msg!("expected one of {}", crate::diagnostic::quoted_list(known)),
            };
            return Err(error(
                *at,
                crate::msg!("{} has no argument \"{}\"", sc.name, k),
                Some(hint),
            ));
        }
    }
    Ok(())
}

fn error(
    at: usize,
    message: crate::messages::Text,
    hint: Option<crate::messages::Text>,
) -> ShortcodeError {
    ShortcodeError { message, hint, at }
}
