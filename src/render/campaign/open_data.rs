//! The open-data files: `results.csv` (one row per figure, with a BOM so Excel shows the
//! diacritics, text cells that no spreadsheet will run) and `results.json`.

use serde_json::json;

use super::period_display;
use crate::campaign::results::{self, Measure, Results, Status};
use crate::site::Site;

/// `results.csv`: one row per figure (the total, each unit, each month), UTF-8 with a BOM,
/// comma-separated, machine numbers with a dot. Each indicator's "total" row carries its
/// verdict, even when it has no total figure.
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
        let mut row = |kind: &str, id: &str, label: &str, m: &Measure, status: Status| {
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
                csv_text(status.text()),
                (if r.sample { "true" } else { "false" }).to_string(),
            ];
            out.push_str(&fields.join(","));
            out.push('\n');
        };
        // Every indicator has its "total" row, with the indicator's one verdict (row by row,
        // the total's figures may meet the target while a counter does not).
        let none = Measure {
            counts: Default::default(),
            value: None,
            parts: None,
            checks: ind.checks.clone(),
            status: ind.status,
        };
        row(
            "total",
            "",
            "",
            ind.total.as_ref().unwrap_or(&none),
            ind.status,
        );
        if let Some(b) = &ind.breakdown {
            for x in &b.rows {
                row(
                    &b.dimension,
                    x.unit.as_deref().unwrap_or(""),
                    &x.label,
                    &x.measure,
                    x.measure.status,
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
                    p.measure.status,
                );
            }
        }
    }
    out
}

/// `results.json`: the computed results with metadata. Nothing in it depends on when it was
/// built (the data's own dates are the campaign's period), so an unchanged rebuild leaves it
/// byte for byte as it was and `publish` has nothing to send.
pub(crate) fn results_json(site: &Site, r: &Results) -> String {
    let doc = json!({
        "generator": "thidua",
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

#[cfg(test)]
mod tests {
    use super::*;

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
