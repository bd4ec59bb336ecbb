//! How a figure and a target read on the page: the value with enough decimals not to
//! mislead, and a target in words.

use super::{Indicator, Level, MAX_DECIMALS, Metric, Target};
use crate::vi;

/// The value formatted for display, with extra decimals when rounding would hide which side
/// of a target it is on (98,996% must not read "99,00%" next to "> 99%").
pub fn display_value(ind: &Indicator, value: f64) -> String {
    let mut decimals = ind.decimals;
    for t in &ind.targets {
        if t.metric != Metric::Value {
            continue;
        }
        while decimals < MAX_DECIMALS {
            let rounded: f64 = format!("{:.*}", decimals, value).parse().unwrap_or(value);
            let misleading = t.op.holds(rounded, t.value) != t.op.holds(value, t.value)
                || (rounded == t.value && value != t.value);
            if !misleading {
                break;
            }
            decimals += 1;
        }
    }
    let n = vi::number(value, decimals);
    if ind.unit == "%" { format!("{n}%") } else { n }
}

/// A target in words: "> 99%", "≥ 98%", "= 0 Không hài lòng".
pub fn display_target(ind: &Indicator, t: &Target, levels: &[Level]) -> String {
    let value = vi::number_trimmed(t.value, 4);
    match &t.metric {
        Metric::Value if ind.unit == "%" => format!("{} {value}%", t.op.symbol()),
        Metric::Value => format!("{} {value} {}", t.op.symbol(), ind.unit),
        Metric::Count(k) => {
            let label = levels
                .iter()
                .find(|l| &l.id == k)
                .map_or(k.as_str(), |l| l.label.as_str());
            format!("{label} {} {value}", t.op.symbol())
        }
    }
}
