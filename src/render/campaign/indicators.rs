//! What templates see of one indicator: its figures formatted the Vietnamese way, its
//! targets, its verdict (with "6/7 quầy đạt" for a standard of each counter) and its charts
//! (`charting`), and the address of its own page.

use serde::Serialize;

use super::Strings;
use super::charting::{Charting, row_noun};
use super::parts::{PartView, RowView, breakdown_part, row_view, series_part};
use crate::campaign::results::{self, Indicator, Judged, Results, Status, Tally};

#[derive(Debug, Serialize)]
struct TargetView {
    text: String,
    label: Option<String>,
    met: Option<bool>,
}

#[derive(Debug, Serialize)]
pub(super) struct IndicatorView {
    pub(super) id: String,
    name: String,
    group: String,
    ref_766: Option<String>,
    scope: Option<String>,
    unit: String,
    /// The one verdict (`dat`, `khong-dat`, `chua-co-so-lieu`).
    pub(super) status: Status,
    /// How it is reached: `total` or `every-row`.
    judged: Judged,
    value: Option<f64>,
    value_display: String,
    numerator_display: Option<String>,
    denominator_display: Option<String>,
    formula_label: Option<String>,
    targets: Vec<TargetView>,
    target_display: String,
    /// Row by row: how many rows met the standard, and it in words ("6/7 quầy đạt").
    tally: Option<Tally>,
    tally_display: Option<String>,
    /// Row by row: the rule in words ("Chỉ đạt khi mọi quầy đều đạt.").
    rule_display: Option<String>,
    total: Option<RowView>,
    /// The chart of the total, for an indicator judged on its total.
    chart: Option<String>,
    breakdown: Option<PartView>,
    series: Option<PartView>,
    source: Option<results::Source>,
    note: Option<String>,
    /// The indicator's own page, when the site has one.
    pub(super) url: Option<String>,
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
        .filter(|_| ind.judged == Judged::Total)
        .map(|v| charting.total_chart(v));
    let breakdown = ind
        .breakdown
        .as_ref()
        .map(|b| breakdown_part(r, &charting, b));
    let series = ind.series.as_ref().map(|s| series_part(r, &charting, s));
    let dimension = ind.breakdown.as_ref().map_or("", |b| b.dimension.as_str());
    let noun = row_noun(t, ind.scope.as_deref(), dimension);
    let tally_display = ind.tally.map(|x| {
        t("tally", "{met}/{of} {noun} đạt")
            .replace("{met}", &x.met.to_string())
            .replace("{of}", &x.of.to_string())
            .replace("{noun}", &noun)
    });
    let rule_display = (ind.judged == Judged::EveryRow)
        .then(|| t("every_row_rule", "Chỉ đạt khi mọi {noun} đều đạt.").replace("{noun}", &noun));
    IndicatorView {
        id: ind.id.clone(),
        name: ind.name.clone(),
        group: ind.group.clone(),
        ref_766: ind.ref_766.clone(),
        scope: ind.scope.clone(),
        unit: ind.unit.clone(),
        status: ind.status,
        judged: ind.judged,
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
        tally: ind.tally,
        tally_display,
        rule_display,
        total,
        chart,
        breakdown,
        series,
        source: ind.source.clone(),
        note: ind.note.clone(),
        url: None,
    }
}

/// Each target as text, with whether the indicator met it (row by row: every row).
fn target_views(r: &Results, ind: &Indicator) -> Vec<TargetView> {
    ind.targets
        .iter()
        .enumerate()
        .map(|(k, x)| TargetView {
            text: results::display_target(ind, x, &r.rating_scale),
            label: x.label.clone(),
            met: ind.checks.get(k).copied().flatten(),
        })
        .collect()
}
