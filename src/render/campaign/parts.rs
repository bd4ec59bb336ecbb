//! The breakdown (by unit, counter or person) and the monthly series of one indicator, as
//! templates see them: their rows formatted the Vietnamese way, and their charts.

use serde::Serialize;

use super::charting::{Charting, lower_first, row_noun, status_met};
use super::period_display;
use crate::campaign::results::{self, Breakdown, Indicator, Measure, Results, Series, Status};
use crate::render::charts::{self, Axis, Bar};
use crate::vi;

#[derive(Debug, Serialize)]
pub(super) struct RowView {
    pub(super) label: String,
    unit: Option<String>,
    value: Option<f64>,
    pub(super) value_display: String,
    pub(super) numerator_display: Option<String>,
    pub(super) denominator_display: Option<String>,
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

/// A breakdown or a series: its rows, its chart (inline SVG, empty when there is nothing to
/// draw) and, instead of an empty chart, a sentence (`chart_note`).
#[derive(Debug, Serialize)]
pub(super) struct PartView {
    pub(super) dimension: String,
    pub(super) partial: bool,
    pub(super) rows: Vec<RowView>,
    pub(super) chart: String,
    pub(super) chart_note: Option<String>,
}

/// The breakdown (by unit…): its rows and its bar chart.
pub(super) fn breakdown_part(r: &Results, charting: &Charting<'_>, b: &Breakdown) -> PartView {
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
    let noun = row_noun(charting.t, ind.scope.as_deref(), &b.dimension);
    let note = charting.nothing_to_draw(&bars, &noun);
    let chart = if note.is_some() {
        String::new()
    } else {
        let values: Vec<f64> = bars.iter().filter_map(|b| b.value).collect();
        let dimension = (charting.t)(&format!("dimension_{}", b.dimension), &b.dimension);
        charts::bars(
            &format!("b-{}", ind.id),
            &format!("{} – {}", ind.name, lower_first(&dimension)),
            &charting.describe(&bars),
            &bars,
            Axis::from_zero(&values, charting.target, charting.percent),
            charting.line(),
            &|v| charting.tick(v),
        )
    };
    PartView {
        dimension: b.dimension.clone(),
        partial: b.partial,
        rows,
        chart,
        chart_note: note,
    }
}

/// The monthly series: its rows and its trend chart.
pub(super) fn series_part(r: &Results, charting: &Charting<'_>, s: &Series) -> PartView {
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
    let note = charting.nothing_to_draw(&points, &(charting.t)("noun_month", "tháng"));
    let chart = if note.is_some() {
        String::new()
    } else {
        let values: Vec<f64> = points.iter().filter_map(|b| b.value).collect();
        let title = format!(
            "{} – {}",
            ind.name,
            lower_first(&(charting.t)("dimension_month", "theo tháng"))
        );
        // The description names each month in full ("Tháng 7/2023"), the axis briefly.
        let named: Vec<Bar> = points
            .iter()
            .zip(&rows)
            .map(|(b, r)| Bar {
                label: r.label.clone(),
                ..b.clone()
            })
            .collect();
        charts::trend(
            &format!("s-{}", ind.id),
            &title,
            &charting.describe(&named),
            &points,
            Axis::fit(&values, charting.target, charting.percent),
            charting.line(),
            &|v| charting.tick(v),
        )
    };
    PartView {
        dimension: "month".into(),
        partial: s.partial,
        rows,
        chart,
        chart_note: note,
    }
}

pub(super) fn row_view(
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

/// `2023-07` → "T7/2023" (axis labels).
pub(super) fn short_period(p: &str) -> String {
    match p.split('-').collect::<Vec<_>>().as_slice() {
        [y, m] | [y, m, _] => format!("T{}/{}", m.trim_start_matches('0'), y),
        _ => p.to_string(),
    }
}
