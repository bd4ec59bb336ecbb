//! The checks of the results file, one indicator at a time: known vocabularies, targets and
//! formula, then each figure (total, breakdown rows, series points) computed and checked
//! against the counts and the total.

use indexmap::IndexMap;

use super::raw::{
    RawBreakdown, RawFormula, RawIndicator, RawMeasure, RawRow, RawSeries, RawTarget,
};
use super::{
    Breakdown, Checker, Formula, Indicator, Judged, MAX_DECIMALS, Measure, Metric, OPS, Op, Point,
    Row, Series, Target, Unit, check_sum, measure, measure_value, valid_period, verdict, vi_num,
};
use crate::diagnostic::{hint_for_unknown, quoted_list};
use crate::messages::Text;
use crate::msg;

/// Reports every id of `list` that is used twice.
pub(super) fn duplicates<'a>(c: &mut Checker<'_>, list: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = std::collections::HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            c.error(
                &format!("{list}[{i}].id"),
                msg!("the id \"{}\" is used twice", id),
            );
        }
    }
}

/// The indicator groups (the five of QĐ 766, and "khac"), scopes and breakdown dimensions.
const GROUPS: [&str; 6] = [
    "cong-khai-minh-bach",
    "tien-do-ket-qua",
    "so-hoa",
    "truc-tuyen",
    "hai-long",
    "khac",
];
const SCOPES: [&str; 4] = ["trung-tam", "don-vi", "quay", "ca-nhan"];
const DIMENSIONS: [&str; 3] = ["don-vi", "quay", "ca-nhan"];

/// Checks that `value` is one of `known`, reporting it at `path` with the sentence `unknown`
/// makes of it.
fn check_known(
    c: &mut Checker<'_>,
    path: &str,
    value: &str,
    known: &[&str],
    unknown: fn(&str) -> Text,
) {
    if !known.contains(&value) {
        c.hint(path, unknown(value), hint_for_unknown(value, known));
    }
}

/// What the figures of one indicator are computed and judged with.
struct Rules<'a> {
    formula: &'a Formula,
    targets: &'a [Target],
}

impl Rules<'_> {
    /// Checks `counts` (at `path`).
    fn check(&self, c: &mut Checker<'_>, path: &str, counts: &IndexMap<String, f64>, total: bool) {
        check_counts(c, path, counts, self.formula, self.targets, total);
    }

    /// The measure of `counts`.
    fn measure(&self, counts: IndexMap<String, f64>) -> Measure {
        measure(self.formula, self.targets, counts)
    }
}

/// Checks and computes one indicator; `None` when it has errors.
pub(super) fn indicator(
    c: &mut Checker<'_>,
    path: &str,
    mut raw: RawIndicator,
    scale_ids: &[String],
    units: &[Unit],
) -> Option<Indicator> {
    let before = c.errors.len();
    let table = super::from_table::fill(c, path, &mut raw, units);
    check_vocabularies(c, path, &raw);
    let (formula, formula_label) = formula(c, path, raw.formula, scale_ids);
    let targets = targets(c, path, &raw.targets);
    let decimals = decimals(c, path, raw.decimals, &raw.unit);
    let rules = Rules {
        formula: &formula,
        targets: &targets,
    };
    let total = raw.total.map(|t| total(c, path, t, &rules));
    let breakdown = raw
        .breakdown
        .map(|b| breakdown(c, path, b, &rules, units, total.as_ref()));
    let series = raw
        .series
        .map(|s| series(c, path, s, &rules, total.as_ref()));
    if c.errors.len() > before {
        return None;
    }
    let v = verdict::verdict(
        raw.scope.as_deref(),
        targets.len(),
        total.as_ref(),
        breakdown.as_ref(),
    );
    let mut total = total;
    if v.judged == Judged::EveryRow
        && let Some(t) = &mut total
    {
        t.status = v.status;
        t.checks.clone_from(&v.checks);
    }
    Some(Indicator {
        id: raw.id,
        name: raw.name,
        group: raw.group,
        ref_766: raw.ref_766,
        scope: raw.scope,
        unit: raw.unit,
        decimals,
        targets,
        formula,
        formula_label,
        total,
        breakdown,
        series,
        source: raw.source,
        note: raw.note,
        judged: v.judged,
        checks: v.checks,
        tally: v.tally,
        table,
        status: v.status,
    })
}

/// The group, scope, breakdown dimension and series granularity are known words.
fn check_vocabularies(c: &mut Checker<'_>, path: &str, raw: &RawIndicator) {
    check_known(c, &format!("{path}.group"), &raw.group, &GROUPS, |v| {
        msg!("unknown group \"{}\"", v)
    });
    if let Some(scope) = &raw.scope {
        check_known(c, &format!("{path}.scope"), scope, &SCOPES, |v| {
            msg!("unknown scope \"{}\"", v)
        });
    }
    if let Some(b) = &raw.breakdown {
        check_known(
            c,
            &format!("{path}.breakdown.dimension"),
            &b.dimension,
            &DIMENSIONS,
            |v| msg!("unknown dimension \"{}\"", v),
        );
    }
    if let Some(series) = &raw.series {
        check_known(
            c,
            &format!("{path}.series.granularity"),
            &series.granularity,
            &["month"],
            |v| msg!("unknown granularity \"{}\"", v),
        );
    }
}

/// The fraction digits shown: as written, else 2 for percentages and 0 for counts.
fn decimals(c: &mut Checker<'_>, path: &str, written: Option<usize>, unit: &str) -> usize {
    let decimals = written.unwrap_or(if unit == "%" { 2 } else { 0 });
    if decimals > MAX_DECIMALS {
        c.hint(
            &format!("{path}.decimals"),
            msg!("{} decimals are too many", decimals),
            msg!("write a number from 0 to {}", MAX_DECIMALS),
        );
    }
    decimals
}

/// The whole-campaign figure: from its counts, or as given when it has only a value.
fn total(c: &mut Checker<'_>, path: &str, t: RawMeasure, rules: &Rules<'_>) -> Measure {
    let p = format!("{path}.total");
    let only_value = t.counts.is_empty() && t.value.is_some();
    rules.check(c, &format!("{p}.counts"), &t.counts, true);
    let mut m = rules.measure(t.counts);
    if only_value {
        // A figure reported without its counts: use it as given.
        m = measure_value(rules.targets, t.value);
    }
    if let (Some(given), Some(computed)) = (t.value.filter(|_| !only_value), m.value)
        && !c.unread(&p)
        && (given - computed).abs() > 0.005
    {
        c.hint(
            &format!("{p}.value"),
            msg!(
                "the value {} does not match the counts, which give {}",
                given,
                vi_num(computed)
            ),
            msg!("remove \"value\" to let thidua compute it"),
        );
    }
    m
}

/// The rows by unit, counter or person; they must add up to the total unless partial.
fn breakdown(
    c: &mut Checker<'_>,
    path: &str,
    b: RawBreakdown,
    rules: &Rules<'_>,
    units: &[Unit],
    total: Option<&Measure>,
) -> Breakdown {
    let p = format!("{path}.breakdown");
    let rows: Vec<Row> = b
        .rows
        .into_iter()
        .enumerate()
        .map(|(k, r)| {
            let rp = format!("{p}.rows[{k}]");
            rules.check(c, &format!("{rp}.counts"), &r.counts, false);
            let label = row_label(c, &rp, &r, units);
            Row {
                unit: r.unit,
                label,
                measure: rules.measure(r.counts),
            }
        })
        .collect();
    if !b.partial
        && let Some(t) = total
    {
        check_sum(
            c,
            &p,
            "rows",
            rows.iter().map(|r| &r.measure.counts),
            &t.counts,
        );
    }
    Breakdown {
        dimension: b.dimension,
        partial: b.partial,
        rows,
    }
}

/// What a row is called: its unit's name, or the person.
fn row_label(c: &mut Checker<'_>, rp: &str, r: &RawRow, units: &[Unit]) -> String {
    match (&r.unit, &r.person) {
        (Some(u), _) => match units.iter().find(|x| &x.id == u) {
            Some(unit) => unit.name.clone(),
            None if units_unread(c, units) => u.clone(),
            None => {
                let known: Vec<&str> = units.iter().map(|x| x.id.as_str()).collect();
                c.hint(
                    &format!("{rp}.unit"),
                    msg!("no unit with id \"{}\"", u),
                    hint_for_unknown(u, &known),
                );
                u.clone()
            }
        },
        (None, Some(person)) => person.clone(),
        (None, None) => {
            c.error(rp, msg!("a row needs \"unit\" or \"person\""));
            String::new()
        }
    }
}

/// The points by month; they must add up to the total unless partial.
fn series(
    c: &mut Checker<'_>,
    path: &str,
    s: RawSeries,
    rules: &Rules<'_>,
    total: Option<&Measure>,
) -> Series {
    let p = format!("{path}.series");
    let points: Vec<Point> = s
        .points
        .into_iter()
        .enumerate()
        .map(|(k, pt)| {
            let pp = format!("{p}.points[{k}]");
            if !valid_period(&pt.period) {
                c.hint(
                    &format!("{pp}.period"),
                    msg!("\"{}\" is not a month or a day", pt.period),
                    msg!("write it like \"2023-07\" or \"2023-07-31\""),
                );
            }
            rules.check(c, &format!("{pp}.counts"), &pt.counts, false);
            Point {
                period: pt.period,
                measure: rules.measure(pt.counts),
            }
        })
        .collect();
    if !s.partial
        && let Some(t) = total
    {
        check_sum(
            c,
            &p,
            "points",
            points.iter().map(|r| &r.measure.counts),
            &t.counts,
        );
    }
    Series {
        granularity: s.granularity,
        partial: s.partial,
        points,
    }
}

/// Whether a unit id could not be read (links to units would then look broken).
fn units_unread(c: &Checker<'_>, units: &[Unit]) -> bool {
    (0..units.len().max(1)).any(|i| c.unread(&format!("units[{i}].id")))
}

fn formula(
    c: &mut Checker<'_>,
    path: &str,
    raw: RawFormula,
    scale_ids: &[String],
) -> (Formula, Option<String>) {
    match raw {
        RawFormula::Ratio {
            numerator,
            denominator,
            scale,
            label_vi,
        } => {
            let den = if denominator == "@rating_scale" {
                if scale_ids.is_empty() && !c.unread("rating_scale") {
                    c.hint(
                        &format!("{path}.formula.denominator"),
                        msg!("\"@rating_scale\" needs a rating_scale list"),
                        msg!("add rating_scale at the top of the file"),
                    );
                }
                scale_ids.to_vec()
            } else {
                vec![denominator.clone()]
            };
            (
                Formula::Ratio {
                    numerator,
                    denominator: den,
                    denominator_written: denominator,
                    scale,
                },
                label_vi,
            )
        }
        RawFormula::Count { field, label_vi } => (Formula::Count { field }, label_vi),
        RawFormula::Sum { fields, label_vi } => (Formula::Sum { fields }, label_vi),
    }
}

fn targets(c: &mut Checker<'_>, path: &str, raw: &[RawTarget]) -> Vec<Target> {
    if raw.is_empty() {
        c.error(
            &format!("{path}.targets"),
            msg!("an indicator needs at least one target"),
        );
    }
    raw.iter()
        .enumerate()
        .filter_map(|(k, t)| {
            let tp = format!("{path}.targets[{k}]");
            let op = Op::parse(&t.op);
            if op.is_none() {
                c.hint(
                    &format!("{tp}.op"),
                    msg!("unknown operator \"{}\"", t.op),
                    msg!("use one of {}", quoted_list(&OPS)),
                );
            }
            let metric = if t.metric == "value" {
                Some(Metric::Value)
            } else if let Some(key) = t.metric.strip_prefix("counts.") {
                Some(Metric::Count(key.to_string()))
            } else {
                c.hint(
                    &format!("{tp}.metric"),
                    msg!("unknown metric \"{}\"", t.metric),
                    msg!("use \"value\" or \"counts.<name of a count>\""),
                );
                None
            };
            Some(Target {
                metric: metric?,
                op: op?,
                value: t.value,
                label: t.label_vi.clone(),
            })
        })
        .collect()
}

/// Counts must be whole and not negative, name what the formula reads, and a ratio's
/// numerator must not exceed its denominator.
fn check_counts(
    c: &mut Checker<'_>,
    path: &str,
    counts: &IndexMap<String, f64>,
    formula: &Formula,
    targets: &[Target],
    is_total: bool,
) {
    let mut misread = false;
    for (k, v) in counts {
        let at = format!("{path}.{k}");
        if let Some(written) = c.pos.thousands_at(&at).map(str::to_string) {
            misread = true;
            c.hint(
                &at,
                msg!(
                    "the count \"{}\" is written \"{}\": YAML reads the dot as a decimal point, not as thousands",
                    k,
                    written
                ),
                msg!(
                    "write {} without the dots between thousands",
                    written.replace('.', "")
                ),
            );
            continue;
        }
        if v.fract() != 0.0 {
            c.hint(
                &format!("{path}.{k}"),
                msg!("the count \"{}\" must be a whole number, found {}", k, v),
                msg!("write counts without a thousands separator: 9640, not 9.640"),
            );
        }
        if *v < 0.0 {
            c.error(
                &format!("{path}.{k}"),
                msg!("the count \"{}\" is negative ({})", k, v),
            );
        }
    }
    // A count that could not be read holds a stand-in, and one written with thousands dots was
    // read as a decimal: comparing the others with it would mislead.
    if counts.is_empty() || misread || c.unread(path) {
        return;
    }
    for key in formula.keys() {
        if !counts.contains_key(key) {
            let known: Vec<&str> = counts.keys().map(String::as_str).collect();
            c.hint(
                path,
                msg!("there is no count \"{}\", which the formula needs", key),
                hint_for_unknown(key, &known),
            );
        }
    }
    if is_total {
        for t in targets {
            if let Metric::Count(key) = &t.metric
                && !counts.contains_key(key)
            {
                c.error(
                    path,
                    msg!("there is no count \"{}\", which a target compares", key),
                );
            }
        }
    }
    if let Formula::Ratio { numerator, .. } = formula
        && let Some((num, den)) = formula.parts(counts)
        && num > den
    {
        c.error(
            &format!("{path}.{numerator}"),
            msg!(
                "the numerator \"{}\" ({}) is larger than the denominator ({})",
                numerator,
                vi_num(num),
                vi_num(den)
            ),
        );
    }
}
