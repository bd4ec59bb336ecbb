//! Honourees (`content/_data/honourees.yaml`): the commendation decisions and the people and
//! collectives they name, in the decision's order.
//!
//! Only what a decision publishes reaches the site (name, position, unit, achievement, award,
//! decision number and date): the model keeps cash awards for validation but the view never
//! shows them, and a photo needs `dong_y_dang_anh: true` (NĐ 13/2023 on personal data).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::date::LocalDateTime;
use crate::diagnostic::{Diagnostic, unknown_key_hint};
use crate::yaml::{self, Lenient, Origin, Positions};

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
    let pos = Positions::index(text, origin);
    let mut errors = Vec::new();
    // A value that could not be read holds a stand-in; its read error says what is wrong.
    let unread = |path: &str| read.touches_repair(path);
    let mut err = |path: &str, message: String, hint: Option<String>| {
        if unread(path) {
            return;
        }
        let d = Diagnostic::error(file, TOPIC, format!("{path}: {message}")).at_opt(pos.at(path));
        errors.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    };
    let raw = &read.value;
    if raw.schema_version != 1 {
        err(
            "schema_version",
            format!("version {} is not supported", raw.schema_version),
            Some("write schema_version: 1".into()),
        );
    }
    let forms: Vec<&str> = raw.enums.hinh_thuc.keys().map(String::as_str).collect();
    let form_label = |key: &str| raw.enums.hinh_thuc.get(key).cloned();
    let mut decisions = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, d) in raw.decisions.iter().enumerate() {
        let p = format!("decisions[{i}]");
        if !seen.insert(d.id.as_str()) {
            err(
                &format!("{p}.id"),
                format!("the id \"{}\" is used twice", d.id),
                None,
            );
        }
        let date = LocalDateTime::parse(&d.ngay_ban_hanh);
        if date.is_err() {
            err(
                &format!("{p}.ngay_ban_hanh"),
                format!("\"{}\" is not a date like 2023-11-15", d.ngay_ban_hanh),
                None,
            );
        }
        let label = form_label(&d.hinh_thuc);
        if label.is_none() {
            err(
                &format!("{p}.hinh_thuc"),
                format!("unknown award form \"{}\"", d.hinh_thuc),
                Some(unknown_key_hint(&d.hinh_thuc, &forms)),
            );
        }
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
    let decision_ids: Vec<&str> = raw.decisions.iter().map(|d| d.id.as_str()).collect();
    // An id that could not be read would make every link to it look broken.
    let ids_unread = (0..raw.decisions.len().max(1)).any(|i| unread(&format!("decisions[{i}].id")));
    let mut ids = std::collections::HashSet::new();
    let mut stts = std::collections::HashSet::new();
    let mut honourees = Vec::new();
    for (i, h) in raw.honourees.iter().enumerate() {
        let p = format!("honourees[{i}]");
        if !ids.insert(h.id.as_str()) {
            err(
                &format!("{p}.id"),
                format!("the id \"{}\" is used twice", h.id),
                None,
            );
        }
        if !ids_unread && !decision_ids.contains(&h.decision.as_str()) {
            err(
                &format!("{p}.decision"),
                format!("no decision with id \"{}\"", h.decision),
                Some(unknown_key_hint(&h.decision, &decision_ids)),
            );
        }
        if !stts.insert((h.decision.as_str(), h.stt)) {
            err(
                &format!("{p}.stt"),
                format!("stt {} is used twice in decision \"{}\"", h.stt, h.decision),
                None,
            );
        }
        let name = match h.loai {
            Kind::CaNhan => h.ho_ten.clone(),
            Kind::TapThe => h.ten_tap_the.clone(),
        };
        let name = name.filter(|n| !n.trim().is_empty());
        if name.is_none() {
            let (field, kind) = match h.loai {
                Kind::CaNhan => ("ho_ten", "an individual (ca-nhan)"),
                Kind::TapThe => ("ten_tap_the", "a collective (tap-the)"),
            };
            err(&p, format!("\"{field}\" is required for {kind}"), None);
        }
        let label = form_label(&h.hinh_thuc);
        if label.is_none() {
            err(
                &format!("{p}.hinh_thuc"),
                format!("unknown award form \"{}\"", h.hinh_thuc),
                Some(unknown_key_hint(&h.hinh_thuc, &forms)),
            );
        }
        if h.anh.is_some() && !h.dong_y_dang_anh {
            err(
                &format!("{p}.anh"),
                "a photo may only be published with consent".into(),
                Some(
                    "set \"dong_y_dang_anh: true\" once consent is recorded, or remove \"anh\""
                        .into(),
                ),
            );
        }
        if let Some(known) = indicator_ids {
            for (k, link) in h.kpi_links.iter().enumerate() {
                if !known.contains(&link.as_str()) {
                    err(
                        &format!("{p}.kpi_links[{k}]"),
                        format!("no indicator with id \"{link}\" in results.yaml"),
                        Some(unknown_key_hint(link, known)),
                    );
                }
            }
        }
        let _ = h.tien_thuong_vnd;
        if let (Some(name), Some(label)) = (name, label) {
            let given_name = h.ten.clone().unwrap_or_else(|| match h.loai {
                Kind::CaNhan => name.split_whitespace().last().unwrap_or(&name).to_string(),
                Kind::TapThe => name.clone(),
            });
            honourees.push(Honouree {
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
            });
        }
    }
    if !errors.is_empty() || !read.errors.is_empty() {
        errors.extend(read.errors);
        return Err(errors);
    }
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
    Ok(Honourees {
        sample: raw.sample,
        decisions,
        honourees,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "schema_version: 1\nsample: true\ndecisions:\n  - id: qd-1\n    so_ky_hieu: \"999/QĐ-VP\"\n    ngay_ban_hanh: \"2023-11-15\"\n    co_quan_ban_hanh: \"Văn phòng UBND tỉnh Lạng Sơn\"\n    trich_yeu: \"Về việc tặng Giấy khen\"\n    hinh_thuc: giay-khen\nenums:\n  hinh_thuc:\n    giay-khen: \"Giấy khen\"\nhonourees:\n";

    fn person(id: &str, stt: u32, name: &str) -> String {
        format!(
            "  - {{id: {id}, decision: qd-1, stt: {stt}, loai: ca-nhan, ho_ten: \"{name}\", don_vi: \"Sở Tư pháp\", thanh_tich: \"Xuất sắc\", hinh_thuc: giay-khen}}\n"
        )
    }

    fn errors(body: &str) -> Vec<String> {
        match parse(
            &format!("{HEAD}{body}"),
            "content/_data/honourees.yaml",
            Some(&["ho-so-dung-han"]),
        ) {
            Ok(_) => panic!("expected errors"),
            Err(e) => e.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn decision_order_and_vietnamese_name_ranks() {
        let body = [
            person("c", 3, "Lê Văn Đông"),
            person("a", 1, "Nguyễn Văn Dung"),
            person("b", 2, "Trần Thị Ánh"),
        ]
        .concat();
        let h = parse(&format!("{HEAD}{body}"), "f", None).unwrap_or_else(|e| panic!("{e:?}"));
        let names: Vec<&str> = h.honourees.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Nguyễn Văn Dung", "Trần Thị Ánh", "Lê Văn Đông"]);
        let ranks: Vec<(usize, &str)> = h
            .honourees
            .iter()
            .map(|x| (x.rank_by_name, x.given_name.as_str()))
            .collect();
        // By given name: Ánh, Dung, Đông (đ after d).
        assert_eq!(ranks, [(2, "Dung"), (1, "Ánh"), (3, "Đông")]);
    }

    #[test]
    fn missing_decision_is_reported_at_its_line() {
        let body = person("a", 1, "Nguyễn Văn A").replace("decision: qd-1", "decision: qd-99");
        assert_eq!(
            errors(&body),
            [
                "content/_data/honourees.yaml:14:23: data: honourees[0].decision: no decision with id \"qd-99\" (did you mean \"qd-1\"?)"
            ]
        );
    }

    #[test]
    fn duplicate_ids_stt_and_missing_names() {
        let body = [person("a", 1, "Nguyễn Văn A"), person("a", 1, "Trần Thị B"), "  - {id: t, decision: qd-1, stt: 3, loai: tap-the, don_vi: x, thanh_tich: y, hinh_thuc: giay-khen}\n".to_string()].concat();
        assert_eq!(
            errors(&body),
            [
                "content/_data/honourees.yaml:15:10: data: honourees[1].id: the id \"a\" is used twice",
                "content/_data/honourees.yaml:15:34: data: honourees[1].stt: stt 1 is used twice in decision \"qd-1\"",
                "content/_data/honourees.yaml:16:5: data: honourees[2]: \"ten_tap_the\" is required for a collective (tap-the)",
            ]
        );
    }

    #[test]
    fn photos_need_consent_and_links_must_exist() {
        let body = person("a", 1, "Nguyễn Văn A").replace(
            "hinh_thuc: giay-khen}",
            "hinh_thuc: giay-khen, anh: a.jpg, kpi_links: [ho-so-dung-hann]}",
        );
        assert_eq!(
            errors(&body),
            [
                "content/_data/honourees.yaml:14:149: data: honourees[0].anh: a photo may only be published with consent (set \"dong_y_dang_anh: true\" once consent is recorded, or remove \"anh\")",
                "content/_data/honourees.yaml:14:168: data: honourees[0].kpi_links[0]: no indicator with id \"ho-so-dung-hann\" in results.yaml (did you mean \"ho-so-dung-han\"?)",
            ]
        );
    }
}
