//! An indicator's verdict, decided once for every page and file that shows it.
//!
//! A centre-wide figure is judged on its campaign total. A standard that applies to each unit,
//! counter or person ("từng quầy", "mỗi công chức") is judged row by row: it is met only when
//! every row meets it, and the verdict says how many did ("6/7 quầy đạt"). A row without
//! figures, or a breakdown marked `partial`, cannot prove that every row met it: then the
//! verdict is "Chưa có số liệu", unless some row already fails.

use super::{Breakdown, Judged, Measure, Status, Tally};

/// Scopes whose standard applies to each row ("từng đơn vị", "từng quầy", "từng cá nhân").
const PER_ROW_SCOPES: [&str; 3] = ["don-vi", "quay", "ca-nhan"];

/// What is decided about one indicator.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Verdict {
    pub(super) judged: Judged,
    pub(super) status: Status,
    /// Whether each target is met (for the whole indicator).
    pub(super) checks: Vec<Option<bool>>,
    /// For a verdict row by row: how many rows met the standard, out of how many.
    pub(super) tally: Option<Tally>,
}

/// The verdict of an indicator with `targets` targets, from its total and its breakdown.
pub(super) fn verdict(
    scope: Option<&str>,
    targets: usize,
    total: Option<&Measure>,
    breakdown: Option<&Breakdown>,
) -> Verdict {
    let per_row = scope.is_some_and(|s| PER_ROW_SCOPES.contains(&s));
    match (total, breakdown) {
        (Some(t), b) if !per_row || b.is_none() => Verdict {
            judged: Judged::Total,
            status: t.status,
            checks: t.checks.clone(),
            tally: None,
        },
        (_, Some(b)) => {
            let rows = || b.rows.iter().map(|r| &r.measure);
            let status = status_of(every_row(rows().map(|m| met(m.status)), b.partial));
            let checks = (0..targets)
                .map(|k| {
                    every_row(
                        rows().map(|m| m.checks.get(k).copied().flatten()),
                        b.partial,
                    )
                })
                .collect();
            Verdict {
                judged: Judged::EveryRow,
                status,
                checks,
                tally: Some(Tally {
                    met: rows().filter(|m| m.status == Status::Dat).count(),
                    of: b.rows.len(),
                }),
            }
        }
        (_, None) => Verdict {
            judged: Judged::Total,
            status: Status::ChuaCoSoLieu,
            checks: vec![None; targets],
            tally: None,
        },
    }
}

/// Met by every row: `Some(false)` as soon as one row fails; `Some(true)` only when every row
/// of a complete breakdown is met; otherwise not known yet.
pub(super) fn every_row(rows: impl Iterator<Item = Option<bool>>, partial: bool) -> Option<bool> {
    let mut any = false;
    let mut unknown = partial;
    for r in rows {
        any = true;
        match r {
            Some(false) => return Some(false),
            Some(true) => {}
            None => unknown = true,
        }
    }
    (any && !unknown).then_some(true)
}

fn met(s: Status) -> Option<bool> {
    match s {
        Status::Dat => Some(true),
        Status::KhongDat => Some(false),
        Status::ChuaCoSoLieu => None,
    }
}

fn status_of(met: Option<bool>) -> Status {
    match met {
        Some(true) => Status::Dat,
        Some(false) => Status::KhongDat,
        None => Status::ChuaCoSoLieu,
    }
}
