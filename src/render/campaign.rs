//! What templates see of the campaign data (`results`, `honourees`), and the open-data files
//! (`results.csv` with a BOM so Excel shows the diacritics, `results.json`).
//!
//! Numbers reach templates twice: as machine values (`value`) and already formatted the
//! Vietnamese way (`value_display`: "99,60%", "4.200"), so themes never re-implement rounding
//! rules. Words come from the theme's strings (`t`), so a second language needs no code.

use serde::Serialize;
use serde_json::json;

use super::charts::{self, Axis, Bar};
use crate::campaign::honourees::{Honourees, Kind};
use crate::campaign::results::{self, Indicator, Measure, Metric, Results, Status};
use crate::site::Site;
use crate::vi;

/// Looks up a theme string, falling back to the given default.
pub(crate) type Strings<'a> = &'a dyn Fn(&str, &str) -> String;

#[derive(Debug, Serialize)]
struct TargetView {
    text: String,
    label: Option<String>,
    met: Option<bool>,
}

#[derive(Debug, Serialize)]
struct RowView {
    label: String,
    unit: Option<String>,
    value: Option<f64>,
    value_display: String,
    numerator_display: Option<String>,
    denominator_display: Option<String>,
    counts: Vec<CountView>,
    status: Status,
}

#[derive(Debug, Serialize)]
struct CountView {
    key: String,
    label: String,
    value: f64,
    display: String,
}

#[derive(Debug, Serialize)]
struct PartView {
    dimension: String,
    partial: bool,
    rows: Vec<RowView>,
    chart: String,
}

#[derive(Debug, Serialize)]
struct IndicatorView {
    id: String,
    name: String,
    group: String,
    ref_766: Option<String>,
    scope: Option<String>,
    unit: String,
    status: Status,
    value: Option<f64>,
    value_display: String,
    numerator_display: Option<String>,
    denominator_display: Option<String>,
    formula_label: Option<String>,
    targets: Vec<TargetView>,
    target_display: String,
    /// For indicators judged row by row (per person, per counter): rows that met the targets.
    rows_met: Option<usize>,
    /// … out of how many rows with data.
    rows_total: Option<usize>,
    total: Option<RowView>,
    chart: Option<String>,
    breakdown: Option<PartView>,
    series: Option<PartView>,
    source: Option<results::Source>,
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct GroupView {
    id: String,
    indicators: Vec<usize>,
}

/// The `results` template variable.
pub(crate) fn results_value(site: &Site, r: &Results, t: Strings<'_>) -> serde_json::Value {
    let indicators: Vec<IndicatorView> = r
        .indicators
        .iter()
        .map(|i| indicator_view(r, i, t))
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
    let count = |s: Status| r.indicators.iter().filter(|i| i.status == s).count();
    let base = &site.config.base;
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
        "indicators": indicators,
        "url": base.href(&dir),
        "csv_url": base.href(&format!("{dir}results.csv")),
        "json_url": base.href(&format!("{dir}results.json")),
    })
}

/// The site path of the results section (the section rendered with `results.html`), where the
/// open-data files go; `/ket-qua/` when there is none.
pub(crate) fn results_dir(site: &Site) -> String {
    site.sections
        .iter()
        .find(|s| s.front.template.as_deref() == Some("results.html"))
        .map_or_else(|| "/ket-qua/".to_string(), |s| s.path.clone())
}

fn indicator_view(r: &Results, ind: &Indicator, t: Strings<'_>) -> IndicatorView {
    let total = ind
        .total
        .as_ref()
        .map(|m| row_view(r, ind, String::new(), None, m));
    let value_target = ind.targets.iter().find(|x| x.metric == Metric::Value);
    let target_text = value_target.map(|x| results::display_target(ind, x, &r.rating_scale));
    let target_line = value_target.map(|x| x.value).zip(
        target_text
            .as_deref()
            .map(|s| format!("{} {s}", t("chart_target", "Mục tiêu"))),
    );
    let percent = ind.unit == "%";
    let fmt_tick = |v: f64| {
        if percent {
            format!("{}%", vi::number_trimmed(v, 2))
        } else {
            vi::number_trimmed(v, 2)
        }
    };
    let status_word = |s: Status| t(&format!("status_{}", status_key(s)), s.text());
    let chart = ind.total.as_ref().and_then(|m| m.value).map(|v| {
        let bar = Bar {
            label: t("chart_campaign_total", "Cả đợt thi đua"),
            value: Some(v),
            text: results::display_value(ind, v),
            met: met(&ind.total),
        };
        let axis = Axis::fit(&[v], value_target.map(|x| x.value), percent);
        let desc = format!(
            "{}: {}. {} {}. {}: {}.",
            ind.name,
            bar.text,
            t("chart_target", "Mục tiêu"),
            target_text.clone().unwrap_or_default(),
            t("status", "Kết quả"),
            status_word(ind.status)
        );
        charts::bars(
            &format!("c-{}", ind.id),
            &ind.name,
            &desc,
            &[bar],
            axis,
            target_line.as_ref().map(|(v, s)| (*v, s.as_str())),
            &fmt_tick,
        )
    });
    let breakdown = ind.breakdown.as_ref().map(|b| {
        let rows: Vec<RowView> = b
            .rows
            .iter()
            .map(|row| row_view(r, ind, row.label.clone(), row.unit.clone(), &row.measure))
            .collect();
        let bars: Vec<Bar> = b
            .rows
            .iter()
            .zip(&rows)
            .map(|(row, v)| Bar {
                label: row.label.clone(),
                value: row.measure.value,
                text: v.value_display.clone(),
                met: status_met(row.measure.status),
            })
            .collect();
        let values: Vec<f64> = bars.iter().filter_map(|b| b.value).collect();
        let axis = Axis::fit(&values, value_target.map(|x| x.value), percent);
        let title = format!(
            "{} – {}",
            ind.name,
            lower_first(&t(&format!("dimension_{}", b.dimension), &b.dimension))
        );
        let desc = describe_rows(&bars, &status_word, t);
        let chart = charts::bars(
            &format!("b-{}", ind.id),
            &title,
            &desc,
            &bars,
            axis,
            target_line.as_ref().map(|(v, s)| (*v, s.as_str())),
            &fmt_tick,
        );
        PartView {
            dimension: b.dimension.clone(),
            partial: b.partial,
            rows,
            chart,
        }
    });
    let series = ind.series.as_ref().map(|s| {
        let rows: Vec<RowView> = s
            .points
            .iter()
            .map(|p| row_view(r, ind, period_display(&p.period), None, &p.measure))
            .collect();
        let points: Vec<Bar> = s
            .points
            .iter()
            .zip(&rows)
            .map(|(p, v)| Bar {
                label: short_period(&p.period),
                value: p.measure.value,
                text: v.value_display.clone(),
                met: status_met(p.measure.status),
            })
            .collect();
        let values: Vec<f64> = points.iter().filter_map(|b| b.value).collect();
        let axis = Axis::fit(&values, value_target.map(|x| x.value), percent);
        let title = format!(
            "{} – {}",
            ind.name,
            lower_first(&t("dimension_month", "theo tháng"))
        );
        let named: Vec<Bar> = points
            .iter()
            .zip(&rows)
            .map(|(b, r)| Bar {
                label: r.label.clone(),
                ..b.clone()
            })
            .collect();
        let desc = describe_rows(&named, &status_word, t);
        let chart = charts::trend(
            &format!("s-{}", ind.id),
            &title,
            &desc,
            &points,
            axis,
            target_line.as_ref().map(|(v, s)| (*v, s.as_str())),
            &fmt_tick,
        );
        PartView {
            dimension: "month".into(),
            partial: s.partial,
            rows,
            chart,
        }
    });
    let value = ind.total.as_ref().and_then(|m| m.value);
    let judged_by_rows = ind.total.is_none() && ind.breakdown.is_some();
    let rows = ind
        .breakdown
        .iter()
        .flat_map(|b| &b.rows)
        .filter(|r| r.measure.status != Status::ChuaCoSoLieu);
    let (rows_met, rows_total) = if judged_by_rows {
        let all: Vec<Status> = rows.map(|r| r.measure.status).collect();
        (
            Some(all.iter().filter(|s| **s == Status::Dat).count()),
            Some(all.len()),
        )
    } else {
        (None, None)
    };
    IndicatorView {
        id: ind.id.clone(),
        name: ind.name.clone(),
        group: ind.group.clone(),
        ref_766: ind.ref_766.clone(),
        scope: ind.scope.clone(),
        unit: ind.unit.clone(),
        status: ind.status,
        value,
        value_display: total
            .as_ref()
            .map_or_else(|| "—".to_string(), |v| v.value_display.clone()),
        numerator_display: total.as_ref().and_then(|v| v.numerator_display.clone()),
        denominator_display: total.as_ref().and_then(|v| v.denominator_display.clone()),
        formula_label: ind.formula_label.clone(),
        targets: ind
            .targets
            .iter()
            .enumerate()
            .map(|(k, x)| TargetView {
                text: results::display_target(ind, x, &r.rating_scale),
                label: x.label.clone(),
                met: ind
                    .total
                    .as_ref()
                    .and_then(|m| m.checks.get(k).copied().flatten()),
            })
            .collect(),
        target_display: ind
            .targets
            .iter()
            .map(|x| results::display_target(ind, x, &r.rating_scale))
            .collect::<Vec<_>>()
            .join("; "),
        rows_met,
        rows_total,
        total,
        chart,
        breakdown,
        series,
        source: ind.source.clone(),
        note: ind.note.clone(),
    }
}

fn describe_rows(bars: &[Bar], status_word: &dyn Fn(Status) -> String, t: Strings<'_>) -> String {
    bars.iter()
        .map(|b| {
            let s = match b.met {
                Some(true) => status_word(Status::Dat),
                Some(false) => status_word(Status::KhongDat),
                None => t("status_chua-co-so-lieu", "Chưa có số liệu"),
            };
            format!("{}: {} ({s})", b.label, b.text)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn status_key(s: Status) -> &'static str {
    match s {
        Status::Dat => "dat",
        Status::KhongDat => "khong-dat",
        Status::ChuaCoSoLieu => "chua-co-so-lieu",
    }
}

fn met(m: &Option<Measure>) -> Option<bool> {
    m.as_ref().and_then(|m| status_met(m.status))
}

fn status_met(s: Status) -> Option<bool> {
    match s {
        Status::Dat => Some(true),
        Status::KhongDat => Some(false),
        Status::ChuaCoSoLieu => None,
    }
}

fn row_view(
    r: &Results,
    ind: &Indicator,
    label: String,
    unit: Option<String>,
    m: &Measure,
) -> RowView {
    let parts = m.parts;
    RowView {
        label,
        unit,
        value: m.value,
        value_display: m
            .value
            .map_or_else(|| "—".to_string(), |v| results::display_value(ind, v)),
        numerator_display: parts.map(|(n, _)| vi::number_trimmed(n, 2)),
        denominator_display: parts.map(|(_, d)| vi::number_trimmed(d, 2)),
        counts: m
            .counts
            .iter()
            .map(|(k, v)| CountView {
                key: k.clone(),
                label: r
                    .rating_scale
                    .iter()
                    .find(|l| &l.id == k)
                    .map_or_else(|| k.clone(), |l| l.label.clone()),
                value: *v,
                display: vi::number_trimmed(*v, 2),
            })
            .collect(),
        status: m.status,
    }
}

/// "Theo sở, ngành" → "theo sở, ngành" (inside a chart title).
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
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

/// `2023-07` → "T7/2023" (axis labels).
fn short_period(p: &str) -> String {
    match p.split('-').collect::<Vec<_>>().as_slice() {
        [y, m] | [y, m, _] => format!("T{}/{}", m.trim_start_matches('0'), y),
        _ => p.to_string(),
    }
}

/// `results.csv`: one row per figure (total, each unit, each month), UTF-8 with a BOM,
/// comma-separated, machine numbers with a dot.
pub(crate) fn results_csv(r: &Results) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str("indicator_id,indicator_name,group,unit,row_type,row_id,row_label,numerator,denominator,value,target,status,sample\n");
    for ind in &r.indicators {
        let target = ind
            .targets
            .iter()
            .map(|x| results::display_target(ind, x, &r.rating_scale))
            .collect::<Vec<_>>()
            .join("; ");
        let mut row = |kind: &str, id: &str, label: &str, m: &Measure| {
            let (num, den) = m.parts.map_or((String::new(), String::new()), |(n, d)| {
                (machine(n), machine(d))
            });
            // Text written by authors goes through `csv_text`; the numbers are thidua's own.
            let fields = [
                csv_text(&ind.id),
                csv_text(&ind.name),
                csv_text(&ind.group),
                csv_text(&ind.unit),
                csv_text(kind),
                csv_text(id),
                csv_text(label),
                num,
                den,
                m.value.map(machine).unwrap_or_default(),
                csv_text(&target),
                csv_text(m.status.text()),
                (if r.sample { "true" } else { "false" }).to_string(),
            ];
            out.push_str(&fields.join(","));
            out.push('\n');
        };
        if let Some(m) = &ind.total {
            row("total", "", "", m);
        }
        if let Some(b) = &ind.breakdown {
            for x in &b.rows {
                row(
                    &b.dimension,
                    x.unit.as_deref().unwrap_or(""),
                    &x.label,
                    &x.measure,
                );
            }
        }
        if let Some(s) = &ind.series {
            for p in &s.points {
                row(
                    &s.granularity,
                    &p.period,
                    &period_display(&p.period),
                    &p.measure,
                );
            }
        }
    }
    out
}

/// `results.json`: the computed results with metadata.
pub(crate) fn results_json(site: &Site, r: &Results) -> String {
    let doc = json!({
        "generator": "thidua",
        "generated_at": crate::date::now().rfc3339(),
        "site": site.config.base_url,
        "sample": r.sample,
        "campaign": {"id": r.campaign_id, "name": r.campaign_name, "period": r.period},
        "rating_scale": r.rating_scale,
        "units": r.units,
        "indicators": r.indicators,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn machine(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A text cell that no spreadsheet will run (CSV injection, as OWASP advises): a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and
/// LibreOffice, so it gets a leading `'` and is always quoted. A plain number written as
/// text (`-3`, `-1,5`) is left as it is: it cannot be a formula.
fn csv_text(s: &str) -> String {
    let dangerous = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if dangerous && !is_plain_number(s) {
        format!("\"'{}\"", s.replace('"', "\"\""))
    } else {
        csv_field(s)
    }
}

/// `-3`, `+12`, `-1,5`, `-1.234,5`: a sign, digits and separators, nothing else.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.ends_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

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
                        .map(|id| json!({"id": id, "name": indicator_name(id).unwrap_or_else(|| id.clone()), "url": site.config.base.href(&format!("{results_path}#{id}"))}))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_vietnamese() {
        assert_eq!(period_display("2023-07"), "Tháng 7/2023");
        assert_eq!(period_display("2023-10-30"), "30/10/2023");
        assert_eq!(short_period("2023-10"), "T10/2023");
    }

    #[test]
    fn csv_text_cells_cannot_become_formulas() {
        assert_eq!(csv_text("=1+1"), "\"'=1+1\"");
        assert_eq!(csv_text("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_text("-2+3"), "\"'-2+3\"");
        assert_eq!(csv_text("\t=x"), "\"'\t=x\"");
        assert_eq!(csv_text("=\"a\""), "\"'=\"\"a\"\"\"");
        assert_eq!(csv_text("-3"), "-3");
        assert_eq!(csv_text("-1,5"), "\"-1,5\"");
        assert_eq!(csv_text("Sở Tư pháp"), "Sở Tư pháp");
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("tin, bài"), "\"tin, bài\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(machine(99.59543568), "99.595436");
        assert_eq!(machine(4200.0), "4200");
    }
}
