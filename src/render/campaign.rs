//! What templates see of the campaign data (`results`, `honourees`), and the open-data files
//! (`results.csv` with a BOM so Excel shows the diacritics, `results.json`).
//!
//! Numbers reach templates twice: as machine values (`value`) and already formatted the
//! Vietnamese way (`value_display`: "99,60%", "4.200"), so themes never re-implement rounding
//! rules. Words come from the theme's strings (`t`), so a second language needs no code.
//!
//! Here: the `results` variable, its groups and its counts by status (read from the same
//! verdicts as every indicator, so home, Kết quả and the open data agree). Its parts:
//! `indicators` (one indicator, its figures), `charting` (its charts), `honourees` (the
//! honour roll) and `open_data` (the CSV and JSON files).

mod charting;
mod honourees;
mod indicators;
mod open_data;
mod parts;

use serde::Serialize;
use serde_json::json;

use crate::campaign::results::{Results, Status};
use crate::site::Site;
pub(crate) use honourees::honourees_value;
use indicators::{IndicatorView, indicator_view};
pub(crate) use open_data::{results_csv, results_json};

/// Looks up a theme string, falling back to the given default.
pub(crate) type Strings<'a> = &'a dyn Fn(&str, &str) -> String;

#[derive(Debug, Serialize)]
struct GroupView {
    id: String,
    indicators: Vec<usize>,
}

/// The `results` template variable.
pub(crate) fn results_value(site: &Site, r: &Results, t: Strings<'_>) -> serde_json::Value {
    let base = &site.config.base;
    let indicators: Vec<IndicatorView> = r
        .indicators
        .iter()
        .map(|i| {
            let mut v = indicator_view(r, i, t);
            v.url = indicator_page(site, &i.id).map(|p| base.href(p));
            v
        })
        .collect();
    let mut groups: Vec<GroupView> = Vec::new();
    for (k, i) in r.indicators.iter().enumerate() {
        match groups.iter_mut().find(|g| g.id == i.group) {
            Some(g) => g.indicators.push(k),
            None => groups.push(GroupView {
                id: i.group.clone(),
                indicators: vec![k],
            }),
        }
    }
    let count = |s: Status| indicators.iter().filter(|i| i.status == s).count();
    let dir = results_dir(site);
    json!({
        "sample": r.sample,
        "campaign": {
            "id": r.campaign_id,
            "name": r.campaign_name,
            "period": r.period,
            "start_display": r.period.as_ref().and_then(|p| p.start.as_deref()).map(period_display),
            "end_display": r.period.as_ref().and_then(|p| p.end.as_deref()).map(period_display),
            "plan_ref": r.plan_ref,
        },
        "rating_scale": r.rating_scale,
        "units": r.units,
        "summary": {
            "total": r.indicators.len(),
            "dat": count(Status::Dat),
            "khong_dat": count(Status::KhongDat),
            "chua_co_so_lieu": count(Status::ChuaCoSoLieu),
        },
        "groups": groups,
        "by_id": r.indicators.iter().enumerate().map(|(k, i)| (i.id.clone(), json!(k))).collect::<serde_json::Map<_, _>>(),
        "indicators": indicators,
        "url": base.href(&dir),
        "csv_url": base.href(&format!("{dir}results.csv")),
        "json_url": base.href(&format!("{dir}results.json")),
    })
}

/// The site path of the page about indicator `id`: the page whose front matter says
/// `extra: {indicator: id}` (rendered with `indicator.html`).
fn indicator_page<'a>(site: &'a Site, id: &str) -> Option<&'a str> {
    site.pages
        .iter()
        .find(|p| p.front.extra.get("indicator").and_then(|v| v.as_str()) == Some(id))
        .map(|p| p.path.as_str())
}

/// The site path of the results section (the section rendered with `results.html`), where the
/// open-data files go; `/ket-qua/` when there is none.
pub(crate) fn results_dir(site: &Site) -> String {
    site.sections
        .iter()
        .find(|s| s.front.template.as_deref() == Some("results.html"))
        .map_or_else(|| "/ket-qua/".to_string(), |s| s.path.clone())
}

/// `2023-07` → "Tháng 7/2023"; `2023-10-30` → "30/10/2023".
fn period_display(p: &str) -> String {
    let parts: Vec<&str> = p.split('-').collect();
    match parts.as_slice() {
        [y, m] => format!("Tháng {}/{y}", m.trim_start_matches('0')),
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => p.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_vietnamese() {
        assert_eq!(period_display("2023-07"), "Tháng 7/2023");
        assert_eq!(period_display("2023-10-30"), "30/10/2023");
        assert_eq!(parts::short_period("2023-10"), "T10/2023");
    }
}
