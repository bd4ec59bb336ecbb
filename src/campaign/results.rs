//! Campaign results (`content/_data/results.yaml`): indicators with targets, raw counts and the
//! formula that names numerator and denominator. Percentages are computed here, from raw
//! counts, and every status is decided on the *unrounded* value.
//!
//! Parsing is strict (unknown keys are errors); validation reports every problem at the
//! file's line and column: unknown operators, numerators above denominators, breakdowns that
//! do not add up to the total (unless `partial: true`), duplicate ids, unknown units.
//!
//! This module owns the entry point ([`parse`]), the checker that reports at a data path, and
//! the computation (values, verdicts, sums). The model is in `model`, the file as written in
//! `raw`, the checks of one indicator in `check`, and how figures read on a page in `display`.

use indexmap::IndexMap;

use crate::diagnostic::Diagnostic;
use crate::messages::Text;
use crate::msg;
use crate::tables::Table;
use crate::vi;
use crate::yaml::{self, Lenient, Origin, Positions, Repairs};

mod check;
mod display;
mod from_table;
mod import;
mod import_edit;
mod model;
mod raw;
mod verdict;

pub use display::{display_target, display_value};
pub use import::{ImportPlan, Proposal, plan_import, propose, write_import};
pub use model::{
    Breakdown, Formula, Indicator, Judged, Level, Measure, Metric, Op, Period, Point, Results, Row,
    Series, Source, Status, TableSource, Tally, Target, Unit,
};
use raw::RawResults;

const TOPIC: &str = "data";
/// The most decimals a figure is shown with (more would be noise, and the display adds
/// decimals up to this many when rounding would hide which side of a target a value is on).
pub const MAX_DECIMALS: usize = 6;
const OPS: [&str; 6] = [">", ">=", "<", "<=", "==", "!="];

struct Checker<'a> {
    origin: Origin<'a>,
    /// The tables of `content/_data/`, which indicators may take their figures from.
    tables: &'a [&'a Table],
    pos: Positions,
    errors: Vec<Diagnostic>,
    repairs: Repairs,
}

impl Checker<'_> {
    /// Reports at `path`, unless a value there could not be read (its read error is enough).
    fn report(&mut self, path: &str, message: Text, hint: Option<Text>) {
        if self.repairs.touch(path) {
            return;
        }
        let message = msg!("{}: {}", path, message);
        let mut d = Diagnostic::error(self.origin.file, TOPIC, message).at_opt(self.pos.at(path));
        d.hint = hint;
        self.errors.push(d);
    }

    fn error(&mut self, path: &str, message: impl Into<Text>) {
        self.report(path, message.into(), None);
    }

    fn hint(&mut self, path: &str, message: impl Into<Text>, hint: impl Into<Text>) {
        self.report(path, message.into(), Some(hint.into()));
    }

    /// Whether a value at or inside `path` is a stand-in for one that could not be read.
    fn unread(&self, path: &str) -> bool {
        self.repairs.touch(path)
    }
}

/// Parses and validates a results file; `Err` holds every problem found.
pub fn parse(text: &str, file: &str) -> Result<Results, Vec<Diagnostic>> {
    parse_with_tables(text, file, &[])
}

/// Parses and validates a results file whose indicators may take their figures from `tables`
/// (`from_table`); `Err` holds every problem found.
pub fn parse_with_tables(
    text: &str,
    file: &str,
    tables: &[&Table],
) -> Result<Results, Vec<Diagnostic>> {
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
        tables,
        pos: Positions::index(text, origin),
        errors: read_errors,
        repairs,
    };
    if raw.schema_version != 1 {
        c.hint(
            "schema_version",
            msg!("version {} is not supported", raw.schema_version),
            msg!("write schema_version: 1"),
        );
    }
    check::duplicates(
        &mut c,
        "rating_scale",
        raw.rating_scale.iter().map(|l| l.id.as_str()),
    );
    check::duplicates(&mut c, "units", raw.units.iter().map(|u| u.id.as_str()));
    check::duplicates(
        &mut c,
        "indicators",
        raw.indicators.iter().map(|i| i.id.as_str()),
    );
    thousands_in_values(&mut c, &raw);
    let scale_ids: Vec<String> = raw.rating_scale.iter().map(|l| l.id.clone()).collect();
    let mut indicators = Vec::with_capacity(raw.indicators.len());
    for (i, ind) in raw.indicators.into_iter().enumerate() {
        let path = format!("indicators[{i}]");
        if let Some(ind) = check::indicator(&mut c, &path, ind, &scale_ids, &raw.units) {
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

/// A target or a reported value written with dots between thousands (`3.000`): YAML reads it
/// as a decimal (3), so a "từ 3.000 hồ sơ" target would be met by 3. (Counts are checked with
/// their other rules, in `check`.)
fn thousands_in_values(c: &mut Checker<'_>, raw: &RawResults) {
    for (i, ind) in raw.indicators.iter().enumerate() {
        let targets = (0..ind.targets.len()).map(|k| format!("indicators[{i}].targets[{k}].value"));
        for path in targets.chain([format!("indicators[{i}].total.value")]) {
            if let Some(written) = c.pos.thousands_at(&path).map(str::to_string) {
                let whole = written.replace('.', "");
                let decimal = written
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string();
                c.hint(
                    &path,
                    msg!(
                        "the value is written \"{}\": YAML reads the dot as a decimal point, not as thousands",
                        written
                    ),
                    msg!("write {} for thousands, or {} for a decimal", whole, decimal),
                );
            }
        }
    }
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

/// The parts (`what`: rows or points) must add up to the total, count by count.
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
                msg!(
                    "the {} add up to {} = {}, but the total is {}",
                    parts_named(what),
                    k,
                    vi_num(s),
                    vi_num(*t)
                ),
                msg!(
                    "correct the figures, or write \"partial: true\" if the {} are incomplete",
                    parts_named(what)
                ),
            );
        }
    }
}

/// What the parts summed by [`check_sum`] are called: `rows` or `points`.
fn parts_named(what: &str) -> Text {
    match what {
        "rows" => msg!("rows"),
        "points" => msg!("points"),
        // Only rows and points are ever summed; any other word is shown as it is.
        other => Text::foreign(other),
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

#[cfg(test)]
mod tests;

#[cfg(test)]
mod computation_tests;
