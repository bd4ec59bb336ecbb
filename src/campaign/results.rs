//! Campaign results (`content/_data/results.yaml`): indicators with targets, raw counts and the
//! formula that names numerator and denominator. Percentages are computed here, from raw
//! counts, and every status is decided on the *unrounded* value.
//!
//! Parsing is strict (unknown keys are errors); validation reports every problem at the
//! file's line and column: unknown operators, numerators above denominators, breakdowns that
//! do not add up to the total (unless `partial: true`), duplicate ids, unknown units.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, quoted_list};
use crate::vi;
use crate::yaml::{self, Lenient, Origin, Positions, Repairs};

const TOPIC: &str = "data";
/// The most decimals a figure is shown with (more would be noise, and the display adds
/// decimals up to this many when rounding would hide which side of a target a value is on).
pub const MAX_DECIMALS: usize = 6;
const OPS: [&str; 6] = [">", ">=", "<", "<=", "==", "!="];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResults {
    schema_version: u32,
    #[serde(default)]
    sample: bool,
    campaign: RawCampaign,
    #[serde(default)]
    rating_scale: Vec<Level>,
    #[serde(default)]
    units: Vec<Unit>,
    indicators: Vec<RawIndicator>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    id: String,
    name: String,
    #[serde(default)]
    period: Option<Period>,
    #[serde(default)]
    plan_ref: serde_json::Value,
}

/// The campaign's period as written (`2023-07`, `2023-10-30`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Start, month or day precision.
    pub start: Option<String>,
    /// End, month or day precision.
    pub end: Option<String>,
}

/// A level of the satisfaction scale, best first.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Its id, used as a count key (`rat-hai-long`).
    pub id: String,
    /// Its label ("Rất hài lòng").
    pub label: String,
}

/// A unit (sở, ngành) with a counter at the centre.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Its id (`so-tu-phap`).
    pub id: String,
    /// Its name ("Sở Tư pháp").
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    name: String,
    group: String,
    #[serde(default)]
    ref_766: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    unit: String,
    #[serde(default)]
    decimals: Option<usize>,
    targets: Vec<RawTarget>,
    formula: RawFormula,
    #[serde(default)]
    total: Option<RawMeasure>,
    #[serde(default)]
    breakdown: Option<RawBreakdown>,
    #[serde(default)]
    series: Option<RawSeries>,
    #[serde(default)]
    source: Option<Source>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    metric: String,
    op: String,
    value: f64,
    #[serde(default)]
    label_vi: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
enum RawFormula {
    Ratio {
        numerator: String,
        denominator: String,
        #[serde(default = "one")]
        scale: f64,
        #[serde(default)]
        label_vi: Option<String>,
    },
    Count {
        field: String,
        #[serde(default)]
        label_vi: Option<String>,
    },
    Sum {
        fields: Vec<String>,
        #[serde(default)]
        label_vi: Option<String>,
    },
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    #[serde(default)]
    counts: IndexMap<String, f64>,
    #[serde(default)]
    value: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBreakdown {
    dimension: String,
    #[serde(default)]
    partial: bool,
    rows: Vec<RawRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    person: Option<String>,
    counts: IndexMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    granularity: String,
    #[serde(default)]
    partial: bool,
    points: Vec<RawPoint>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    period: String,
    counts: IndexMap<String, f64>,
}

/// Where the figures come from.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The system or report.
    pub name: String,
    /// A link, if public.
    #[serde(default)]
    pub url: Option<String>,
    /// When the figures were taken.
    #[serde(default)]
    pub retrieved: Option<String>,
}

/// A comparison operator of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

impl Op {
    fn parse(s: &str) -> Option<Op> {
        Some(match s.trim() {
            ">" => Op::Gt,
            ">=" | "≥" => Op::Ge,
            "<" => Op::Lt,
            "<=" | "≤" => Op::Le,
            "==" | "=" => Op::Eq,
            "!=" | "≠" => Op::Ne,
            _ => return None,
        })
    }

    /// Whether `actual OP target` holds, on unrounded values.
    pub fn holds(self, actual: f64, target: f64) -> bool {
        match self {
            Op::Gt => actual > target,
            Op::Ge => actual >= target,
            Op::Lt => actual < target,
            Op::Le => actual <= target,
            Op::Eq => (actual - target).abs() < 1e-9,
            Op::Ne => (actual - target).abs() >= 1e-9,
        }
    }

    /// The symbol as readers expect it: `>`, `≥`, `<`, `≤`, `=`, `≠`.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Gt => ">",
            Op::Ge => "≥",
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Eq => "=",
            Op::Ne => "≠",
        }
    }
}

/// What a target compares: the indicator's value, or one raw count.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "key", rename_all = "lowercase")]
pub enum Metric {
    /// The computed value.
    Value,
    /// A raw count (`counts.khong-hai-long`).
    Count(String),
}

/// One target; an indicator is "Đạt" when all of its targets hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// What is compared.
    pub metric: Metric,
    /// How.
    pub op: Op,
    /// Against what (in the indicator's unit).
    pub value: f64,
    /// How the plan says it ("Trên 99%").
    pub label: Option<String>,
}

/// How the value is computed from counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Formula {
    /// numerator / denominator × scale.
    Ratio {
        /// The count key on top.
        numerator: String,
        /// The count keys summed below (one key, or every level of the rating scale).
        denominator: Vec<String>,
        /// The denominator as written (`da_giai_quyet` or `@rating_scale`).
        denominator_written: String,
        /// 100 for percentages.
        scale: f64,
    },
    /// One count.
    Count {
        /// The count key.
        field: String,
    },
    /// The sum of several counts.
    Sum {
        /// The count keys.
        fields: Vec<String>,
    },
}

impl Formula {
    /// The count keys the formula reads.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Formula::Ratio {
                numerator,
                denominator,
                ..
            } => std::iter::once(numerator.as_str())
                .chain(denominator.iter().map(String::as_str))
                .collect(),
            Formula::Count { field } => vec![field.as_str()],
            Formula::Sum { fields } => fields.iter().map(String::as_str).collect(),
        }
    }

    /// The value for `counts`, unrounded; `None` when a count is missing or the denominator is 0.
    pub fn compute(&self, counts: &IndexMap<String, f64>) -> Option<f64> {
        let get = |k: &str| counts.get(k).copied();
        match self {
            Formula::Ratio {
                numerator,
                denominator,
                scale,
                ..
            } => {
                let num = get(numerator)?;
                let den: f64 = denominator.iter().map(|k| get(k)).sum::<Option<f64>>()?;
                (den > 0.0).then(|| num / den * scale)
            }
            Formula::Count { field } => get(field),
            Formula::Sum { fields } => fields.iter().map(|k| get(k)).sum(),
        }
    }

    /// (numerator, denominator) for a ratio.
    pub fn parts(&self, counts: &IndexMap<String, f64>) -> Option<(f64, f64)> {
        match self {
            Formula::Ratio {
                numerator,
                denominator,
                ..
            } => Some((
                counts.get(numerator).copied()?,
                denominator
                    .iter()
                    .map(|k| counts.get(k).copied())
                    .sum::<Option<f64>>()?,
            )),
            _ => None,
        }
    }
}

/// Whether an indicator (or one row of it) met its targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Every target holds ("Đạt").
    Dat,
    /// At least one target does not hold ("Không đạt").
    KhongDat,
    /// No figure to judge: a denominator of 0 or no counts ("Chưa có số liệu").
    ChuaCoSoLieu,
}

impl Status {
    /// The Vietnamese text, always shown beside any colour.
    pub fn text(self) -> &'static str {
        match self {
            Status::Dat => "Đạt",
            Status::KhongDat => "Không đạt",
            Status::ChuaCoSoLieu => "Chưa có số liệu",
        }
    }
}

/// Counts with what they mean: the computed value and the verdict on each target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// The raw counts.
    pub counts: IndexMap<String, f64>,
    /// The computed value, unrounded.
    pub value: Option<f64>,
    /// (numerator, denominator) for ratios.
    pub parts: Option<(f64, f64)>,
    /// Whether each target holds (same order as the targets; `None` without data).
    pub checks: Vec<Option<bool>>,
    /// The verdict.
    pub status: Status,
}

/// One row of a breakdown (a unit, a counter, a person).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The unit id, for unit rows.
    pub unit: Option<String>,
    /// What the row is called (the unit's name, or the person).
    pub label: String,
    /// Its figures.
    pub measure: Measure,
}

/// A breakdown by unit, counter or person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// `don-vi`, `quay`, `ca-nhan`…
    pub dimension: String,
    /// The rows do not cover the whole total ("Số liệu thành phần chưa đầy đủ").
    pub partial: bool,
    /// The rows, as written.
    pub rows: Vec<Row>,
}

/// One point of a time series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// `2023-07`.
    pub period: String,
    /// Its figures.
    pub measure: Measure,
}

/// A time series (monthly).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// `month`.
    pub granularity: String,
    /// The points do not cover the whole total.
    pub partial: bool,
    /// The points, in order.
    pub points: Vec<Point>,
}

/// A validated indicator with its computed figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Unique id (`ho-so-dung-han`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its group (`tien-do-ket-qua`, `hai-long`…).
    pub group: String,
    /// The nearest national indicator of QĐ 766 (informational).
    pub ref_766: Option<String>,
    /// Whose figure it is: `trung-tam`, `don-vi`, `quay`, `ca-nhan`.
    pub scope: Option<String>,
    /// `%`, or a counted thing ("tin, bài").
    pub unit: String,
    /// Fraction digits shown.
    pub decimals: usize,
    /// The targets; all must hold.
    pub targets: Vec<Target>,
    /// How the value is computed.
    pub formula: Formula,
    /// What the formula means, in words.
    pub formula_label: Option<String>,
    /// The whole-campaign figure.
    pub total: Option<Measure>,
    /// By unit, counter or person.
    pub breakdown: Option<Breakdown>,
    /// By month.
    pub series: Option<Series>,
    /// Where the figures come from.
    pub source: Option<Source>,
    /// A note for readers.
    pub note: Option<String>,
    /// The verdict: from the total, or from the rows when there is no total.
    pub status: Status,
}

/// The whole results file, validated and computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// Figures are not official yet.
    pub sample: bool,
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub campaign_name: String,
    /// Campaign period.
    pub period: Option<Period>,
    /// The plan's reference, as written.
    pub plan_ref: serde_json::Value,
    /// The satisfaction scale, best first.
    pub rating_scale: Vec<Level>,
    /// Units with counters.
    pub units: Vec<Unit>,
    /// The indicators, in file order.
    pub indicators: Vec<Indicator>,
}

struct Checker<'a> {
    origin: Origin<'a>,
    pos: Positions,
    errors: Vec<Diagnostic>,
    repairs: Repairs,
}

impl Checker<'_> {
    /// Reports at `path`, unless a value there could not be read (its read error is enough).
    fn report(&mut self, path: &str, message: String, hint: Option<String>) {
        if self.repairs.touch(path) {
            return;
        }
        let message = format!("{path}: {message}");
        let mut d = Diagnostic::error(self.origin.file, TOPIC, message).at_opt(self.pos.at(path));
        d.hint = hint;
        self.errors.push(d);
    }

    fn error(&mut self, path: &str, message: impl Into<String>) {
        self.report(path, message.into(), None);
    }

    fn hint(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.report(path, message.into(), Some(hint.into()));
    }

    /// Whether a value at or inside `path` is a stand-in for one that could not be read.
    fn unread(&self, path: &str) -> bool {
        self.repairs.touch(path)
    }
}

/// Parses and validates a results file; `Err` holds every problem found.
pub fn parse(text: &str, file: &str) -> Result<Results, Vec<Diagnostic>> {
    let origin = Origin {
        file,
        first_line: 1,
        topic: TOPIC,
    };
    let Lenient {
        value: raw,
        errors: read_errors,
        repairs,
    } = yaml::parse_lenient::<RawResults>(text, origin)?;
    let mut c = Checker {
        origin,
        pos: Positions::index(text, origin),
        errors: read_errors,
        repairs,
    };
    if raw.schema_version != 1 {
        c.hint(
            "schema_version",
            format!("version {} is not supported", raw.schema_version),
            "write schema_version: 1",
        );
    }
    duplicates(
        &mut c,
        "rating_scale",
        raw.rating_scale.iter().map(|l| l.id.as_str()),
    );
    duplicates(&mut c, "units", raw.units.iter().map(|u| u.id.as_str()));
    duplicates(
        &mut c,
        "indicators",
        raw.indicators.iter().map(|i| i.id.as_str()),
    );
    let scale_ids: Vec<String> = raw.rating_scale.iter().map(|l| l.id.clone()).collect();
    let mut indicators = Vec::with_capacity(raw.indicators.len());
    for (i, ind) in raw.indicators.into_iter().enumerate() {
        let path = format!("indicators[{i}]");
        if let Some(ind) = indicator(&mut c, &path, ind, &scale_ids, &raw.units) {
            indicators.push(ind);
        }
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(Results {
        sample: raw.sample,
        campaign_id: raw.campaign.id,
        campaign_name: raw.campaign.name,
        period: raw.campaign.period,
        plan_ref: raw.campaign.plan_ref,
        rating_scale: raw.rating_scale,
        units: raw.units,
        indicators,
    })
}

fn duplicates<'a>(c: &mut Checker<'_>, list: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = std::collections::HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            c.error(
                &format!("{list}[{i}].id"),
                format!("the id \"{id}\" is used twice"),
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

/// Checks that `value` is one of `known`, reporting it at `path`.
fn check_known(c: &mut Checker<'_>, path: &str, what: &str, value: &str, known: &[&str]) {
    if !known.contains(&value) {
        c.hint(
            path,
            format!("unknown {what} \"{value}\""),
            crate::diagnostic::unknown_key_hint(value, known),
        );
    }
}

fn indicator(
    c: &mut Checker<'_>,
    path: &str,
    raw: RawIndicator,
    scale_ids: &[String],
    units: &[Unit],
) -> Option<Indicator> {
    let before = c.errors.len();
    check_known(c, &format!("{path}.group"), "group", &raw.group, &GROUPS);
    if let Some(scope) = &raw.scope {
        check_known(c, &format!("{path}.scope"), "scope", scope, &SCOPES);
    }
    if let Some(b) = &raw.breakdown {
        check_known(
            c,
            &format!("{path}.breakdown.dimension"),
            "dimension",
            &b.dimension,
            &DIMENSIONS,
        );
    }
    if let Some(series) = &raw.series {
        check_known(
            c,
            &format!("{path}.series.granularity"),
            "granularity",
            &series.granularity,
            &["month"],
        );
    }
    let (formula, formula_label) = formula(c, path, raw.formula, scale_ids);
    let targets = targets(c, path, &raw.targets);
    let decimals = raw.decimals.unwrap_or(if raw.unit == "%" { 2 } else { 0 });
    if decimals > MAX_DECIMALS {
        c.hint(
            &format!("{path}.decimals"),
            format!("{decimals} decimals are too many"),
            format!("write a number from 0 to {MAX_DECIMALS}"),
        );
    }
    let total = raw.total.map(|t| {
        let p = format!("{path}.total");
        check_counts(
            c,
            &format!("{p}.counts"),
            &t.counts,
            &formula,
            &targets,
            true,
        );
        let only_value = t.counts.is_empty() && t.value.is_some();
        let mut m = measure(&formula, &targets, t.counts);
        if only_value {
            // A figure reported without its counts: use it as given.
            m = measure_value(&targets, t.value);
        }
        if let (Some(given), Some(computed)) = (t.value.filter(|_| !only_value), m.value)
            && !c.unread(&p)
            && (given - computed).abs() > 0.005
        {
            c.hint(
                &format!("{p}.value"),
                format!(
                    "the value {given} does not match the counts, which give {}",
                    vi_num(computed)
                ),
                "remove \"value\" to let thidua compute it",
            );
        }
        m
    });
    let breakdown = raw.breakdown.map(|b| {
        let p = format!("{path}.breakdown");
        let rows: Vec<Row> = b
            .rows
            .into_iter()
            .enumerate()
            .map(|(k, r)| {
                let rp = format!("{p}.rows[{k}]");
                check_counts(
                    c,
                    &format!("{rp}.counts"),
                    &r.counts,
                    &formula,
                    &targets,
                    false,
                );
                let label = match (&r.unit, &r.person) {
                    (Some(u), _) => match units.iter().find(|x| &x.id == u) {
                        Some(unit) => unit.name.clone(),
                        None if units_unread(c, units) => u.clone(),
                        None => {
                            let known: Vec<&str> = units.iter().map(|x| x.id.as_str()).collect();
                            c.hint(
                                &format!("{rp}.unit"),
                                format!("no unit with id \"{u}\""),
                                crate::diagnostic::unknown_key_hint(u, &known),
                            );
                            u.clone()
                        }
                    },
                    (None, Some(person)) => person.clone(),
                    (None, None) => {
                        c.error(&rp, "a row needs \"unit\" or \"person\"");
                        String::new()
                    }
                };
                Row {
                    unit: r.unit,
                    label,
                    measure: measure(&formula, &targets, r.counts),
                }
            })
            .collect();
        if !b.partial
            && let Some(t) = &total
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
    });
    let series = raw.series.map(|s| {
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
                        format!("\"{}\" is not a month or a day", pt.period),
                        "write it like \"2023-07\" or \"2023-07-31\"",
                    );
                }
                check_counts(
                    c,
                    &format!("{pp}.counts"),
                    &pt.counts,
                    &formula,
                    &targets,
                    false,
                );
                Point {
                    period: pt.period,
                    measure: measure(&formula, &targets, pt.counts),
                }
            })
            .collect();
        if !s.partial
            && let Some(t) = &total
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
    });
    if c.errors.len() > before {
        return None;
    }
    let status = match (&total, &breakdown) {
        (Some(t), _) => t.status,
        (None, Some(b)) => rows_status(b.rows.iter().map(|r| r.measure.status)),
        (None, None) => Status::ChuaCoSoLieu,
    };
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
        status,
    })
}

/// Whether a unit id could not be read (links to units would then look broken).
fn units_unread(c: &Checker<'_>, units: &[Unit]) -> bool {
    (0..units.len().max(1)).any(|i| c.unread(&format!("units[{i}].id")))
}

/// Without a total (criteria judged per person or per counter): "Đạt" when every row is.
fn rows_status(statuses: impl Iterator<Item = Status>) -> Status {
    let all: Vec<Status> = statuses.filter(|s| *s != Status::ChuaCoSoLieu).collect();
    if all.is_empty() {
        Status::ChuaCoSoLieu
    } else if all.iter().all(|s| *s == Status::Dat) {
        Status::Dat
    } else {
        Status::KhongDat
    }
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
                        "\"@rating_scale\" needs a rating_scale list",
                        "add rating_scale at the top of the file",
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
            "an indicator needs at least one target",
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
                    format!("unknown operator \"{}\"", t.op),
                    format!("use one of {}", quoted_list(&OPS)),
                );
            }
            let metric = if t.metric == "value" {
                Some(Metric::Value)
            } else if let Some(key) = t.metric.strip_prefix("counts.") {
                Some(Metric::Count(key.to_string()))
            } else {
                c.hint(
                    &format!("{tp}.metric"),
                    format!("unknown metric \"{}\"", t.metric),
                    "use \"value\" or \"counts.<name of a count>\"",
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
    for (k, v) in counts {
        if v.fract() != 0.0 {
            c.hint(
                &format!("{path}.{k}"),
                format!("the count \"{k}\" must be a whole number, found {v}"),
                "write counts without a thousands separator: 9640, not 9.640",
            );
        }
        if *v < 0.0 {
            c.error(
                &format!("{path}.{k}"),
                format!("the count \"{k}\" is negative ({v})"),
            );
        }
    }
    // A count that could not be read holds a stand-in: comparing the others with it would mislead.
    if counts.is_empty() || c.unread(path) {
        return;
    }
    for key in formula.keys() {
        if !counts.contains_key(key) {
            let known: Vec<&str> = counts.keys().map(String::as_str).collect();
            c.hint(
                path,
                format!("there is no count \"{key}\", which the formula needs"),
                crate::diagnostic::unknown_key_hint(key, &known),
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
                    format!("there is no count \"{key}\", which a target compares"),
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
            format!(
                "the numerator \"{numerator}\" ({}) is larger than the denominator ({})",
                vi_num(num),
                vi_num(den)
            ),
        );
    }
}

fn check_sum<'a>(
    c: &mut Checker<'_>,
    path: &str,
    what: &str,
    parts: impl Iterator<Item = &'a IndexMap<String, f64>>,
    total: &IndexMap<String, f64>,
) {
    let mut sums: IndexMap<&str, f64> = IndexMap::new();
    for counts in parts {
        for (k, v) in counts {
            *sums.entry(k.as_str()).or_default() += v;
        }
    }
    for (k, t) in total {
        let s = sums.get(k.as_str()).copied().unwrap_or(0.0);
        if (s - t).abs() > 1e-9 {
            c.hint(
                path,
                format!(
                    "the {what} add up to {k} = {}, but the total is {}",
                    vi_num(s),
                    vi_num(*t)
                ),
                format!(
                    "correct the figures, or write \"partial: true\" if the {what} are incomplete"
                ),
            );
        }
    }
}

/// A measure from a value reported without counts (targets on counts cannot be judged).
fn measure_value(targets: &[Target], value: Option<f64>) -> Measure {
    let checks: Vec<Option<bool>> = targets
        .iter()
        .map(|t| match t.metric {
            Metric::Value => value.map(|v| t.op.holds(v, t.value)),
            Metric::Count(_) => None,
        })
        .collect();
    let status = match value {
        None => Status::ChuaCoSoLieu,
        Some(_) if checks.iter().all(|c| *c == Some(true)) => Status::Dat,
        Some(_) => Status::KhongDat,
    };
    Measure {
        counts: IndexMap::new(),
        value,
        parts: None,
        checks,
        status,
    }
}

fn measure(formula: &Formula, targets: &[Target], counts: IndexMap<String, f64>) -> Measure {
    let value = formula.compute(&counts);
    let parts = formula.parts(&counts);
    let checks: Vec<Option<bool>> = targets
        .iter()
        .map(|t| {
            let actual = match &t.metric {
                Metric::Value => value,
                Metric::Count(k) => counts.get(k).copied(),
            };
            actual.map(|a| t.op.holds(a, t.value))
        })
        .collect();
    let status = if value.is_none() {
        Status::ChuaCoSoLieu
    } else if checks.iter().all(|c| *c == Some(true)) {
        Status::Dat
    } else {
        Status::KhongDat
    };
    Measure {
        counts,
        value,
        parts,
        checks,
        status,
    }
}

fn valid_period(p: &str) -> bool {
    let full = if p.len() == 7 {
        format!("{p}-01")
    } else {
        p.to_string()
    };
    crate::date::LocalDateTime::parse(&full).is_ok() && (p.len() == 7 || p.len() == 10)
}

fn vi_num(v: f64) -> String {
    vi::number_trimmed(v, 4)
}

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

#[cfg(test)]
mod tests;

#[cfg(test)]
#[path = "results_tests.rs"]
mod computation_tests;
