//! The results file as written: the serde shapes `results.yaml` is read into before it is
//! checked and computed (strict: an unknown key is an error).

use indexmap::IndexMap;
use serde::Deserialize;

use super::{Level, Period, Source, Unit};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawResults {
    pub(super) schema_version: u32,
    #[serde(default)]
    pub(super) sample: bool,
    pub(super) campaign: RawCampaign,
    #[serde(default)]
    pub(super) rating_scale: Vec<Level>,
    #[serde(default)]
    pub(super) units: Vec<Unit>,
    pub(super) indicators: Vec<RawIndicator>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCampaign {
    pub(super) id: String,
    pub(super) name: String,
    #[serde(default)]
    pub(super) period: Option<Period>,
    #[serde(default)]
    pub(super) plan_ref: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndicator {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) group: String,
    #[serde(default)]
    pub(super) ref_766: Option<String>,
    #[serde(default)]
    pub(super) scope: Option<String>,
    pub(super) unit: String,
    #[serde(default)]
    pub(super) decimals: Option<usize>,
    pub(super) targets: Vec<RawTarget>,
    pub(super) formula: RawFormula,
    #[serde(default)]
    pub(super) total: Option<RawMeasure>,
    #[serde(default)]
    pub(super) breakdown: Option<RawBreakdown>,
    #[serde(default)]
    pub(super) series: Option<RawSeries>,
    /// The figures taken from a table instead (fills `total`, `breakdown` and `series`).
    #[serde(default)]
    pub(super) from_table: Option<RawFromTable>,
    #[serde(default)]
    pub(super) source: Option<Source>,
    #[serde(default)]
    pub(super) note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTarget {
    pub(super) metric: String,
    pub(super) op: String,
    pub(super) value: f64,
    #[serde(default)]
    pub(super) label_vi: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub(super) enum RawFormula {
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
pub(super) struct RawMeasure {
    #[serde(default)]
    pub(super) counts: IndexMap<String, f64>,
    #[serde(default)]
    pub(super) value: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBreakdown {
    pub(super) dimension: String,
    #[serde(default)]
    pub(super) partial: bool,
    pub(super) rows: Vec<RawRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRow {
    #[serde(default)]
    pub(super) unit: Option<String>,
    #[serde(default)]
    pub(super) person: Option<String>,
    pub(super) counts: IndexMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSeries {
    pub(super) granularity: String,
    #[serde(default)]
    pub(super) partial: bool,
    pub(super) points: Vec<RawPoint>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPoint {
    pub(super) period: String,
    pub(super) counts: IndexMap<String, f64>,
}

/// Where an indicator's figures come from in a table of `content/_data/`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFromTable {
    /// The table: its data key (`mot_cua_2023`, `bao_cao.thang_7`) or file name.
    pub(super) table: String,
    /// Count key → the column summed for it, or the columns added together.
    pub(super) counts: IndexMap<String, RawColumns>,
    /// The column naming each row's unit: one breakdown row per unit.
    #[serde(default)]
    pub(super) by_unit: Option<String>,
    /// The column naming each row's month: one series point per month.
    #[serde(default)]
    pub(super) by_month: Option<String>,
}

/// One column, or several added together.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawColumns {
    One(String),
    Sum(Vec<String>),
}

impl RawColumns {
    pub(super) fn names(&self) -> Vec<&str> {
        match self {
            RawColumns::One(s) => vec![s.as_str()],
            RawColumns::Sum(v) => v.iter().map(String::as_str).collect(),
        }
    }
}
