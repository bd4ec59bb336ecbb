//! What templates see of the honour roll (`honourees`): the decisions, each with its list in
//! the decision's order.

use serde::Serialize;
use serde_json::json;

use super::results_dir;
use crate::campaign::honourees::{Honourees, Kind};
use crate::site::Site;
use crate::vi;

#[derive(Debug, Serialize)]
struct HonoureeView<'a> {
    stt: u32,
    kind: Kind,
    name: &'a str,
    given_name: &'a str,
    chuc_vu: Option<&'a str>,
    don_vi: &'a str,
    thanh_tich: &'a str,
    hinh_thuc: &'a str,
    rank_by_name: usize,
    anh: Option<&'a str>,
    decision: &'a str,
    kpi_links: Vec<serde_json::Value>,
}

/// The `honourees` template variable: decisions, each with its list in the decision's order.
/// Cash awards are deliberately absent: public pages show only what a decision publishes.
pub(crate) fn honourees_value(site: &Site, h: &Honourees) -> serde_json::Value {
    let results_path = results_dir(site);
    let indicator_name = |id: &str| {
        site.campaign
            .results
            .as_ref()
            .and_then(|r| r.indicators.iter().find(|i| i.id == id))
            .map(|i| i.name.clone())
    };
    let decisions: Vec<serde_json::Value> = h
        .decisions
        .iter()
        .map(|d| {
            let list: Vec<HonoureeView<'_>> = h
                .honourees
                .iter()
                .filter(|x| x.decision == d.id)
                .map(|x| HonoureeView {
                    stt: x.stt,
                    kind: x.kind,
                    name: &x.name,
                    given_name: &x.given_name,
                    chuc_vu: x.chuc_vu.as_deref(),
                    don_vi: &x.don_vi,
                    thanh_tich: &x.thanh_tich,
                    hinh_thuc: &x.hinh_thuc,
                    rank_by_name: x.rank_by_name,
                    anh: x.anh.as_deref(),
                    decision: &d.so_ky_hieu,
                    kpi_links: x
                        .kpi_links
                        .iter()
                        .map(|id| {
                            // The indicator's own page, else its row of the overview.
                            let url = super::indicator_page(site, id).map_or_else(
                                || site.config.base.href(&format!("{results_path}#{id}")),
                                |p| site.config.base.href(p),
                            );
                            json!({"id": id, "name": indicator_name(id).unwrap_or_else(|| id.clone()), "url": url})
                        })
                        .collect(),
                })
                .collect();
            json!({
                "id": d.id,
                "so_ky_hieu": d.so_ky_hieu,
                "ngay_ban_hanh": d.ngay_ban_hanh.rfc3339(),
                "ngay_display": vi::date_administrative(&d.ngay_ban_hanh),
                "co_quan_ban_hanh": d.co_quan_ban_hanh,
                "nguoi_ky_chuc_danh": d.nguoi_ky_chuc_danh,
                "trich_yeu": d.trich_yeu,
                "hinh_thuc": d.hinh_thuc,
                "file": d.file,
                "honourees": list,
            })
        })
        .collect();
    let individuals = h
        .honourees
        .iter()
        .filter(|x| x.kind == Kind::CaNhan)
        .count();
    let path = site
        .sections
        .iter()
        .find(|s| s.front.template.as_deref() == Some("honourees.html"))
        .map_or_else(|| "/khen-thuong/".to_string(), |s| s.path.clone());
    json!({
        "url": site.config.base.href(&path),
        "sample": h.sample,
        "count": h.honourees.len(),
        "individuals": individuals,
        "collectives": h.honourees.len() - individuals,
        "decisions": decisions,
    })
}
