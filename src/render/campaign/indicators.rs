//! What templates see of one indicator: its figures formatted the Vietnamese way, its
//! targets, and its charts (the campaign total, the breakdown by unit, the monthly series),
//! each with a description in words.

use serde::Serialize;

use super::{Strings, period_display};
use crate::campaign::results::{
    self, Breakdown, Indicator, Measure, Metric, Results, Series, Status,
};
use crate::render::charts::{self, Axis, Bar};
use crate::vi;

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
pub(super) struct IndicatorView {
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

/// One indicator as templates see it.
pub(super) fn indicator_view(r: &Results, ind: &Indicator, t: Strings<'_>) -> IndicatorView {
    let charting = Charting::new(r, ind, t);
    let total = ind
        .total
        .as_ref()
        .map(|m| row_view(r, ind, String::new(), None, m));
    let chart = ind
        .total
        .as_ref()
        .and_then(|m| m.value)
        .map(|v| charting.total_chart(v));
    let breakdown = ind
        .breakdown
        .as_ref()
        .map(|b| breakdown_part(r, &charting, b));
    let series = ind.series.as_ref().map(|s| series_part(r, &charting, s));
    let (rows_met, rows_total) = rows_met(ind);
    IndicatorView {
        id: ind.id.clone(),
        name: ind.name.clone(),
        group: ind.group.clone(),
        ref_766: ind.ref_766.clone(),
        scope: ind.scope.clone(),
        unit: ind.unit.clone(),
        status: ind.status,
        value: ind.total.as_ref().and_then(|m| m.value),
        value_display: total
            .as_ref()
            .map_or_else(|| "—".to_string(), |v| v.value_display.clone()),
        numerator_display: total.as_ref().and_then(|v| v.numerator_display.clone()),
        denominator_display: total.as_ref().and_then(|v| v.denominator_display.clone()),
        formula_label: ind.formula_label.clone(),
        targets: target_views(r, ind),
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

/// Each target as text, with whether the campaign total met it.
fn target_views(r: &Results, ind: &Indicator) -> Vec<TargetView> {
    ind.targets
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
        .collect()
}

/// For an indicator judged row by row (a breakdown and no total): how many rows with data met
/// the targets, out of how many rows with data; `None` for the others.
fn rows_met(ind: &Indicator) -> (Option<usize>, Option<usize>) {
    let judged_by_rows = ind.total.is_none() && ind.breakdown.is_some();
    if !judged_by_rows {
        return (None, None);
    }
    let all: Vec<Status> = ind
        .breakdown
        .iter()
        .flat_map(|b| &b.rows)
        .filter(|r| r.measure.status != Status::ChuaCoSoLieu)
        .map(|r| r.measure.status)
        .collect();
    (
        Some(all.iter().filter(|s| **s == Status::Dat).count()),
        Some(all.len()),
    )
}

/// What every chart of one indicator shares: the target line, and how ticks and statuses read.
struct Charting<'a> {
    ind: &'a Indicator,
    t: Strings<'a>,
    /// The value target's value (the axis makes room for it).
    target: Option<f64>,
    /// The value target as text.
    target_text: Option<String>,
    /// The target line: its value and its label ("Mục tiêu ≥ 95%").
    target_line: Option<(f64, String)>,
    percent: bool,
}

impl<'a> Charting<'a> {
    fn new(r: &Results, ind: &'a Indicator, t: Strings<'a>) -> Charting<'a> {
        let value_target = ind.targets.iter().find(|x| x.metric == Metric::Value);
        let target_text = value_target.map(|x| results::display_target(ind, x, &r.rating_scale));
        let target_line = value_target.map(|x| x.value).zip(
            target_text
                .as_deref()
                .map(|s| format!("{} {s}", t("chart_target", "Mục tiêu"))),
        );
        Charting {
            ind,
            t,
            target: value_target.map(|x| x.value),
            target_text,
            target_line,
            percent: ind.unit == "%",
        }
    }

    /// An axis label: "95%" or "4.200".
    fn tick(&self, v: f64) -> String {
        if self.percent {
            format!("{}%", vi::number_trimmed(v, 2))
        } else {
            vi::number_trimmed(v, 2)
        }
    }

    /// A status in the theme's words.
    fn status_word(&self, s: Status) -> String {
        (self.t)(&format!("status_{}", status_key(s)), s.text())
    }

    /// An axis that fits `values` and the target.
    fn axis(&self, values: &[f64]) -> Axis {
        Axis::fit(values, self.target, self.percent)
    }

    /// The target line, as the charts take it.
    fn line(&self) -> Option<(f64, &str)> {
        self.target_line.as_ref().map(|(v, s)| (*v, s.as_str()))
    }

    /// The chart of the campaign total.
    fn total_chart(&self, v: f64) -> String {
        let (ind, t) = (self.ind, self.t);
        let bar = Bar {
            label: t("chart_campaign_total", "Cả đợt thi đua"),
            value: Some(v),
            text: results::display_value(ind, v),
            met: met(&ind.total),
        };
        let desc = format!(
            "{}: {}. {} {}. {}: {}.",
            ind.name,
            bar.text,
            t("chart_target", "Mục tiêu"),
            self.target_text.clone().unwrap_or_default(),
            t("status", "Kết quả"),
            self.status_word(ind.status)
        );
        charts::bars(
            &format!("c-{}", ind.id),
            &ind.name,
            &desc,
            &[bar],
            self.axis(&[v]),
            self.line(),
            &|v| self.tick(v),
        )
    }

    /// A chart's description: "label: value (status)" for each bar.
    fn describe(&self, bars: &[Bar]) -> String {
        bars.iter()
            .map(|b| {
                let s = match b.met {
                    Some(true) => self.status_word(Status::Dat),
                    Some(false) => self.status_word(Status::KhongDat),
                    None => (self.t)("status_chua-co-so-lieu", "Chưa có số liệu"),
                };
                format!("{}: {} ({s})", b.label, b.text)
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The breakdown (by unit…): its rows and its bar chart.
fn breakdown_part(r: &Results, charting: &Charting<'_>, b: &Breakdown) -> PartView {
    let ind = charting.ind;
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
    let dimension = (charting.t)(&format!("dimension_{}", b.dimension), &b.dimension);
    let title = format!("{} – {}", ind.name, lower_first(&dimension));
    let chart = charts::bars(
        &format!("b-{}", ind.id),
        &title,
        &charting.describe(&bars),
        &bars,
        charting.axis(&values),
        charting.line(),
        &|v| charting.tick(v),
    );
    PartView {
        dimension: b.dimension.clone(),
        partial: b.partial,
        rows,
        chart,
    }
}

/// The monthly series: its rows and its trend chart.
fn series_part(r: &Results, charting: &Charting<'_>, s: &Series) -> PartView {
    let ind = charting.ind;
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
    let title = format!(
        "{} – {}",
        ind.name,
        lower_first(&(charting.t)("dimension_month", "theo tháng"))
    );
    // The description names each month in full ("Tháng 7/2023"), the axis briefly ("T7/2023").
    let named: Vec<Bar> = points
        .iter()
        .zip(&rows)
        .map(|(b, r)| Bar {
            label: r.label.clone(),
            ..b.clone()
        })
        .collect();
    let chart = charts::trend(
        &format!("s-{}", ind.id),
        &title,
        &charting.describe(&named),
        &points,
        charting.axis(&values),
        charting.line(),
        &|v| charting.tick(v),
    );
    PartView {
        dimension: "month".into(),
        partial: s.partial,
        rows,
        chart,
    }
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

/// `2023-07` → "T7/2023" (axis labels).
pub(super) fn short_period(p: &str) -> String {
    match p.split('-').collect::<Vec<_>>().as_slice() {
        [y, m] | [y, m, _] => format!("T{}/{}", m.trim_start_matches('0'), y),
        _ => p.to_string(),
    }
}
