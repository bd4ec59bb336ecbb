//! The results model: the validated, computed types templates and pages see (indicators,
//! targets, formulas, measures, verdicts), with their small vocabularies.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

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
    pub(super) fn parse(s: &str) -> Option<Op> {
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

/// How an indicator's verdict is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Judged {
    /// On the campaign total: a figure for the whole centre.
    Total,
    /// Row by row: a standard for each unit, counter or person, met only when every row meets it.
    EveryRow,
}

/// For an indicator judged row by row: how many rows met the standard, out of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Rows that met every target.
    pub met: usize,
    /// Rows in the breakdown.
    pub of: usize,
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
    /// How the verdict is reached: on the total, or row by row (a standard for each unit,
    /// counter or person, or a breakdown without a total).
    pub judged: Judged,
    /// Whether each target is met by the indicator (same order as the targets; row by row, a
    /// target is met when every row meets it).
    pub checks: Vec<Option<bool>>,
    /// Row by row: how many rows met the standard ("6/7 quầy đạt").
    pub tally: Option<Tally>,
    /// Where the figures come from when they are taken from a table (`from_table`); not part of
    /// the open data (the figures are).
    #[serde(skip)]
    pub table: Option<TableSource>,
    /// The one verdict every page and file shows. Row by row, the total's own verdict is
    /// replaced by this one, so no file can say "Đạt" for a standard one counter missed.
    pub status: Status,
}

/// An indicator's mapping to a table: which table, which columns behind each count, which
/// columns name the unit and the month of a row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableSource {
    /// The table's data key (`mot_cua_2023`).
    pub table: String,
    /// Count key → the columns added for it, as written.
    pub counts: Vec<(String, Vec<String>)>,
    /// The column naming each row's unit.
    pub by_unit: Option<String>,
    /// The column naming each row's month.
    pub by_month: Option<String>,
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
