//! What the charts of one indicator share (`Charting`): the target line, ticks, statuses in
//! words, descriptions, and the chart of the campaign total; the parts' charts are drawn in
//! `parts`. Bars start at zero; a line that does not start at zero marks its broken axis. A
//! part with no figures, or only zeros, gets a sentence instead of a chart that shows nothing.

use super::Strings;
use crate::campaign::results::{self, Indicator, Metric, Results, Status};
use crate::render::charts::{self, Axis, Bar};
use crate::vi;

/// What every chart of one indicator shares: the target line, and how ticks and statuses read.
pub(super) struct Charting<'a> {
    pub(super) ind: &'a Indicator,
    pub(super) t: Strings<'a>,
    /// The value target's value (the axis makes room for it).
    pub(super) target: Option<f64>,
    /// The value target as text.
    target_text: Option<String>,
    /// The target line: its value and its label ("Mục tiêu ≥ 95%").
    target_line: Option<(f64, String)>,
    pub(super) percent: bool,
}

impl<'a> Charting<'a> {
    pub(super) fn new(r: &Results, ind: &'a Indicator, t: Strings<'a>) -> Charting<'a> {
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
    pub(super) fn tick(&self, v: f64) -> String {
        if self.percent {
            format!("{}%", vi::number_trimmed(v, 2))
        } else {
            vi::number_trimmed(v, 2)
        }
    }

    /// A status in the theme's words.
    pub(super) fn status_word(&self, s: Status) -> String {
        (self.t)(&format!("status_{}", status_key(s)), s.text())
    }

    /// The target line, as the charts take it.
    pub(super) fn line(&self) -> Option<(f64, &str)> {
        self.target_line.as_ref().map(|(v, s)| (*v, s.as_str()))
    }

    /// The chart of the campaign total.
    pub(super) fn total_chart(&self, v: f64) -> String {
        let (ind, t) = (self.ind, self.t);
        let bar = Bar {
            label: t("chart_campaign_total", "Cả đợt thi đua"),
            value: Some(v),
            text: results::display_value(ind, v),
            met: status_met(ind.status),
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
            Axis::from_zero(&[v], self.target, self.percent),
            self.line(),
            &|v| self.tick(v),
        )
    }

    /// A chart's description: "label: value (status)" for each bar.
    pub(super) fn describe(&self, bars: &[Bar]) -> String {
        bars.iter()
            .map(|b| {
                let s = match b.met {
                    Some(true) => self.status_word(Status::Dat),
                    Some(false) => self.status_word(Status::KhongDat),
                    None => self.status_word(Status::ChuaCoSoLieu),
                };
                format!("{}: {} ({s})", b.label, b.text)
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Instead of a chart: "Chưa có số liệu" when no bar has a value, "Cả 7 quầy đều có 0
    /// phản ánh, kiến nghị." when every value is zero; `None` when a chart says something.
    pub(super) fn nothing_to_draw(&self, bars: &[Bar], noun: &str) -> Option<String> {
        let values: Vec<f64> = bars.iter().filter_map(|b| b.value).collect();
        if values.is_empty() {
            return Some(self.status_word(Status::ChuaCoSoLieu));
        }
        if bars.len() < 2 || values.len() < bars.len() || values.iter().any(|v| *v != 0.0) {
            return None;
        }
        let zero = results::display_value(self.ind, 0.0);
        let text = if self.percent {
            (self.t)("chart_all_zero_percent", "Cả {n} {noun} đều là {value}.")
        } else {
            (self.t)("chart_all_zero", "Cả {n} {noun} đều có {value} {unit}.")
        };
        Some(
            text.replace("{n}", &bars.len().to_string())
                .replace("{noun}", noun)
                .replace("{value}", &zero)
                .replace("{unit}", &self.ind.unit),
        )
    }
}

/// What one row of a breakdown is, in words: "quầy" for a standard of each counter, else by
/// the breakdown's dimension ("đơn vị", "quầy", "người").
pub(super) fn row_noun(t: Strings<'_>, scope: Option<&str>, dimension: &str) -> String {
    let key = match scope {
        Some(s @ ("quay" | "ca-nhan" | "don-vi")) => s,
        _ => dimension,
    };
    match key {
        "quay" => t("noun_quay", "quầy"),
        "ca-nhan" => t("noun_ca-nhan", "người"),
        _ => t("noun_don-vi", "đơn vị"),
    }
}

pub(super) fn status_key(s: Status) -> &'static str {
    match s {
        Status::Dat => "dat",
        Status::KhongDat => "khong-dat",
        Status::ChuaCoSoLieu => "chua-co-so-lieu",
    }
}

pub(super) fn status_met(s: Status) -> Option<bool> {
    match s {
        Status::Dat => Some(true),
        Status::KhongDat => Some(false),
        Status::ChuaCoSoLieu => None,
    }
}

/// "Theo sở, ngành" → "theo sở, ngành" (inside a chart title).
pub(super) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}
