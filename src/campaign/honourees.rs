//! Honourees (`content/_data/honourees.yaml`): the commendation decisions and the people and
//! collectives they name, in the decision's order.
//!
//! Only what a decision publishes reaches the site (name, position, unit, achievement, award,
//! decision number and date): the model keeps cash awards for validation but the view never
//! shows them, and a photo needs `dong_y_dang_anh: true` (NĐ 13/2023 on personal data).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::date::LocalDateTime;
use crate::diagnostic::{Diagnostic, hint_for_unknown};
use crate::messages::Text;
use crate::msg;
use crate::yaml::{self, Lenient, Origin, Positions, Repairs};

const TOPIC: &str = "data";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHonourees {
    schema_version: u32,
    #[serde(default)]
    sample: bool,
    decisions: Vec<RawDecision>,
    honourees: Vec<RawHonouree>,
    #[serde(default)]
    enums: RawEnums,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnums {
    #[serde(default)]
    hinh_thuc: IndexMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecision {
    id: String,
    so_ky_hieu: String,
    ngay_ban_hanh: String,
    co_quan_ban_hanh: String,
    #[serde(default)]
    nguoi_ky_chuc_danh: Option<String>,
    trich_yeu: String,
    hinh_thuc: String,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    can_cu_thi_dua: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHonouree {
    id: String,
    decision: String,
    stt: u32,
    loai: Kind,
    #[serde(default)]
    ho_ten: Option<String>,
    #[serde(default)]
    ten: Option<String>,
    #[serde(default)]
    ten_tap_the: Option<String>,
    #[serde(default)]
    chuc_vu: Option<String>,
    don_vi: String,
    thanh_tich: String,
    hinh_thuc: String,
    #[serde(default)]
    tien_thuong_vnd: Option<u64>,
    #[serde(default)]
    anh: Option<String>,
    #[serde(default)]
    dong_y_dang_anh: bool,
    #[serde(default)]
    kpi_links: Vec<String>,
}

/// An individual or a collective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Cá nhân.
    CaNhan,
    /// Tập thể.
    TapThe,
}

/// A commendation decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// Its id.
    pub id: String,
    /// Number and symbol: "999/QĐ-VP".
    pub so_ky_hieu: String,
    /// Date issued.
    pub ngay_ban_hanh: LocalDateTime,
    /// Issuing body.
    pub co_quan_ban_hanh: String,
    /// The signer's title.
    pub nguoi_ky_chuc_danh: Option<String>,
    /// Summary ("Về việc tặng Giấy khen…").
    pub trich_yeu: String,
    /// The award form's label ("Giấy khen").
    pub hinh_thuc: String,
    /// A PDF of the decision, if published.
    pub file: Option<String>,
    /// The campaign it concludes (the results file's campaign id).
    pub can_cu_thi_dua: Option<String>,
}

/// One person or collective named in a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Honouree {
    /// Its id.
    pub id: String,
    /// The decision's id.
    pub decision: String,
    /// Order in the decision.
    pub stt: u32,
    /// Individual or collective.
    pub kind: Kind,
    /// Full name, or the collective's name.
    pub name: String,
    /// Given name (for sorting by "tên"): `ten`, else the last word of the name.
    pub given_name: String,
    /// Position (individuals).
    pub chuc_vu: Option<String>,
    /// Unit.
    pub don_vi: String,
    /// Achievement.
    pub thanh_tich: String,
    /// The award form's label ("Giấy khen").
    pub hinh_thuc: String,
    /// Photo path (only with consent).
    pub anh: Option<String>,
    /// Indicators this honouree's work relates to.
    pub kpi_links: Vec<String>,
    /// Rank when sorted by given name, then full name, in Vietnamese order (from 1).
    pub rank_by_name: usize,
}

/// The validated honourees file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Honourees {
    /// Names and numbers are placeholders.
    pub sample: bool,
    /// The decisions, in file order.
    pub decisions: Vec<Decision>,
    /// The honourees in the decisions' order: by decision, then `stt`.
    pub honourees: Vec<Honouree>,
}

/// Reports problems at a data path of the file, unless a value there could not be read (a
/// stand-in is there, and its read error already says what is wrong).
struct Reporter<'a> {
    file: &'a str,
    pos: Positions,
    repairs: &'a Repairs,
    errors: Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn unread(&self, path: &str) -> bool {
        self.repairs.touch(path)
    }

    fn report(&mut self, path: &str, message: Text, hint: Option<Text>) {
        if self.unread(path) {
            return;
        }
        let d = Diagnostic::error(self.file, TOPIC, msg!("{}: {}", path, message))
            .at_opt(self.pos.at(path));
        self.errors.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }

    fn error(&mut self, path: &str, message: Text) {
        self.report(path, message, None);
    }

    fn hint(&mut self, path: &str, message: Text, hint: impl Into<Text>) {
        self.report(path, message, Some(hint.into()));
    }
}

/// Parses and validates; `indicator_ids` (from results.yaml, when present) checks `kpi_links`.
pub fn parse(
    text: &str,
    file: &str,
    indicator_ids: Option<&[&str]>,
) -> Result<Honourees, Vec<Diagnostic>> {
    let origin = Origin {
        file,
        first_line: 1,
        topic: TOPIC,
    };
    let read: Lenient<RawHonourees> = yaml::parse_lenient(text, origin)?;
    let mut r = Reporter {
        file,
        pos: Positions::index(text, origin),
        repairs: &read.repairs,
        errors: Vec::new(),
    };
    let raw = &read.value;
    if raw.schema_version != 1 {
        r.hint(
            "schema_version",
            msg!("version {} is not supported", raw.schema_version),
            msg!("write schema_version: 1"),
        );
    }
    let decisions = decisions(&mut r, raw);
    let mut honourees = honourees(&mut r, raw, indicator_ids);
    let mut errors = r.errors;
    if !errors.is_empty() || !read.errors.is_empty() {
        errors.extend(read.errors);
        return Err(errors);
    }
    let decision_ids: Vec<&str> = raw.decisions.iter().map(|d| d.id.as_str()).collect();
    put_in_order(&mut honourees, &decision_ids);
    Ok(Honourees {
        sample: raw.sample,
        decisions,
        honourees,
    })
}

/// The award forms' keys (`giay-khen`), for hints.
fn forms(raw: &RawHonourees) -> Vec<&str> {
    raw.enums.hinh_thuc.keys().map(String::as_str).collect()
}

/// The award form's label, or an error at `path` when the form is unknown.
fn form_label(r: &mut Reporter<'_>, raw: &RawHonourees, path: &str, key: &str) -> Option<String> {
    let label = raw.enums.hinh_thuc.get(key).cloned();
    if label.is_none() {
        r.hint(
            path,
            msg!("unknown award form \"{}\"", key),
            hint_for_unknown(key, &forms(raw)),
        );
    }
    label
}

/// The decisions that are valid, each checked: unique id, a real date, a known award form.
fn decisions(r: &mut Reporter<'_>, raw: &RawHonourees) -> Vec<Decision> {
    let mut decisions = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, d) in raw.decisions.iter().enumerate() {
        let p = format!("decisions[{i}]");
        if !seen.insert(d.id.as_str()) {
            r.error(
                &format!("{p}.id"),
                msg!("the id \"{}\" is used twice", d.id),
            );
        }
        let date = LocalDateTime::parse(&d.ngay_ban_hanh);
        if date.is_err() {
            r.error(
                &format!("{p}.ngay_ban_hanh"),
                msg!("\"{}\" is not a date like 2023-11-15", d.ngay_ban_hanh),
            );
        }
        let label = form_label(r, raw, &format!("{p}.hinh_thuc"), &d.hinh_thuc);
        if let (Ok(date), Some(label)) = (date, label) {
            decisions.push(Decision {
                id: d.id.clone(),
                so_ky_hieu: d.so_ky_hieu.clone(),
                ngay_ban_hanh: date,
                co_quan_ban_hanh: d.co_quan_ban_hanh.clone(),
                nguoi_ky_chuc_danh: d.nguoi_ky_chuc_danh.clone(),
                trich_yeu: d.trich_yeu.clone(),
                hinh_thuc: label,
                file: d.file.clone(),
                can_cu_thi_dua: d.can_cu_thi_dua.clone(),
            });
        }
    }
    decisions
}

/// The honourees that are valid, in file order, each checked: unique id, an existing decision,
/// a unique `stt` in it, a name, a known award form, consent for a photo, existing indicators.
fn honourees(
    r: &mut Reporter<'_>,
    raw: &RawHonourees,
    indicator_ids: Option<&[&str]>,
) -> Vec<Honouree> {
    let decision_ids: Vec<&str> = raw.decisions.iter().map(|d| d.id.as_str()).collect();
    // An id that could not be read would make every link to it look broken.
    let ids_unread =
        (0..raw.decisions.len().max(1)).any(|i| r.unread(&format!("decisions[{i}].id")));
    let mut ids = std::collections::HashSet::new();
    let mut stts = std::collections::HashSet::new();
    let mut honourees = Vec::new();
    for (i, h) in raw.honourees.iter().enumerate() {
        let p = format!("honourees[{i}]");
        if !ids.insert(h.id.as_str()) {
            r.error(
                &format!("{p}.id"),
                msg!("the id \"{}\" is used twice", h.id),
            );
        }
        if !ids_unread && !decision_ids.contains(&h.decision.as_str()) {
            r.hint(
                &format!("{p}.decision"),
                msg!("no decision with id \"{}\"", h.decision),
                hint_for_unknown(&h.decision, &decision_ids),
            );
        }
        if !stts.insert((h.decision.as_str(), h.stt)) {
            r.error(
                &format!("{p}.stt"),
                msg!("stt {} is used twice in decision \"{}\"", h.stt, h.decision),
            );
        }
        let name = name(r, &p, h);
        let label = form_label(r, raw, &format!("{p}.hinh_thuc"), &h.hinh_thuc);
        check_photo_and_links(r, &p, h, indicator_ids);
        let _ = h.tien_thuong_vnd;
        if let (Some(name), Some(label)) = (name, label) {
            honourees.push(honouree(h, name, label));
        }
    }
    honourees
}

/// The full name, or the collective's name; an error when it is missing.
fn name(r: &mut Reporter<'_>, p: &str, h: &RawHonouree) -> Option<String> {
    let name = match h.loai {
        Kind::CaNhan => h.ho_ten.clone(),
        Kind::TapThe => h.ten_tap_the.clone(),
    };
    let name = name.filter(|n| !n.trim().is_empty());
    if name.is_none() {
        let (field, kind) = match h.loai {
            Kind::CaNhan => ("ho_ten", msg!("an individual (ca-nhan)")),
            Kind::TapThe => ("ten_tap_the", msg!("a collective (tap-the)")),
        };
        r.error(p, msg!("\"{}\" is required for {}", field, kind));
    }
    name
}

/// A photo needs consent; `kpi_links` must name indicators of results.yaml (when known).
fn check_photo_and_links(
    r: &mut Reporter<'_>,
    p: &str,
    h: &RawHonouree,
    indicator_ids: Option<&[&str]>,
) {
    if h.anh.is_some() && !h.dong_y_dang_anh {
        r.hint(
            &format!("{p}.anh"),
            msg!("a photo may only be published with consent"),
            msg!("set \"dong_y_dang_anh: true\" once consent is recorded, or remove \"anh\""),
        );
    }
    if let Some(known) = indicator_ids {
        for (k, link) in h.kpi_links.iter().enumerate() {
            if !known.contains(&link.as_str()) {
                r.hint(
                    &format!("{p}.kpi_links[{k}]"),
                    msg!("no indicator with id \"{}\" in results.yaml", link),
                    hint_for_unknown(link, known),
                );
            }
        }
    }
}

/// A valid honouree, not yet ranked.
fn honouree(h: &RawHonouree, name: String, label: String) -> Honouree {
    let given_name = h.ten.clone().unwrap_or_else(|| match h.loai {
        Kind::CaNhan => name.split_whitespace().last().unwrap_or(&name).to_string(),
        Kind::TapThe => name.clone(),
    });
    Honouree {
        id: h.id.clone(),
        decision: h.decision.clone(),
        stt: h.stt,
        kind: h.loai,
        name,
        given_name,
        chuc_vu: h.chuc_vu.clone(),
        don_vi: h.don_vi.clone(),
        thanh_tich: h.thanh_tich.clone(),
        hinh_thuc: label,
        anh: h.anh.clone(),
        kpi_links: h.kpi_links.clone(),
        rank_by_name: 0,
    }
}

/// Sorts by decision (in file order), then `stt`, and ranks by given name, then full name,
/// in Vietnamese order.
fn put_in_order(honourees: &mut [Honouree], decision_ids: &[&str]) {
    let order = |id: &str| {
        decision_ids
            .iter()
            .position(|d| *d == id)
            .unwrap_or(usize::MAX)
    };
    honourees.sort_by_key(|h| (order(&h.decision), h.stt));
    let mut by_name: Vec<usize> = (0..honourees.len()).collect();
    by_name.sort_by_cached_key(|&i| {
        (
            crate::vi::sort_key(&honourees[i].given_name),
            crate::vi::sort_key(&honourees[i].name),
        )
    });
    for (rank, i) in by_name.into_iter().enumerate() {
        honourees[i].rank_by_name = rank + 1;
    }
}

#[cfg(test)]
mod tests;
