use super::*;

fn doc(indicator: &str) -> String {
    format!(
        "schema_version: 1\nsample: true\ncampaign: {{id: c, name: \"Đợt thi đua\"}}\n\
         rating_scale:\n  - {{id: rat-hai-long, label: \"Rất hài lòng\"}}\n  - {{id: hai-long, label: \"Hài lòng\"}}\n  - {{id: khong-hai-long, label: \"Không hài lòng\"}}\n\
         units:\n  - {{id: so-tu-phap, name: \"Sở Tư pháp\"}}\n  - {{id: so-xay-dung, name: \"Sở Xây dựng\"}}\n\
         indicators:\n{indicator}"
    )
}

const ON_TIME: &str = "  - id: ho-so-dung-han
    name: \"Tỷ lệ hồ sơ trả đúng hạn\"
    group: tien-do-ket-qua
    unit: \"%\"
    targets: [{metric: value, op: \">\", value: 99}]
    formula: {type: ratio, numerator: dung_han, denominator: da_giai_quyet, scale: 100}
    total: {counts: {da_giai_quyet: DEN, dung_han: NUM}}
";

fn on_time(num: u64, den: u64) -> Indicator {
    let text = doc(&ON_TIME
        .replace("NUM", &num.to_string())
        .replace("DEN", &den.to_string()));
    let r = parse(&text, "content/_data/results.yaml").unwrap_or_else(|e| panic!("{e:?}"));
    r.indicators
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no indicator"))
}

fn errors(indicator: &str) -> Vec<String> {
    match parse(&doc(indicator), "content/_data/results.yaml") {
        Ok(_) => panic!("expected errors"),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn status_is_decided_on_unrounded_values() {
    // 99,004% rounds to 99,00% but is above 99%.
    let ind = on_time(99_004, 100_000);
    assert_eq!(ind.status, Status::Dat);
    assert_eq!(
        display_value(
            &ind,
            ind.total.as_ref().and_then(|t| t.value).unwrap_or_default()
        ),
        "99,004%"
    );
    // 98,996% rounds to 99,00% but is not above 99%.
    let ind = on_time(98_996, 100_000);
    assert_eq!(ind.status, Status::KhongDat);
    assert_eq!(
        display_value(
            &ind,
            ind.total.as_ref().and_then(|t| t.value).unwrap_or_default()
        ),
        "98,996%"
    );
    // Exactly 99% is not above 99%.
    assert_eq!(on_time(99, 100).status, Status::KhongDat);
    // Far from the target, two decimals are enough.
    let ind = on_time(9601, 9640);
    assert_eq!(ind.status, Status::Dat);
    assert_eq!(display_value(&ind, 99.59543568), "99,60%");
}

#[test]
fn zero_denominator_means_no_data() {
    let ind = on_time(0, 0);
    assert_eq!(ind.status, Status::ChuaCoSoLieu);
    assert_eq!(ind.status.text(), "Chưa có số liệu");
}

#[test]
fn several_targets_must_all_hold() {
    let ind = "  - id: hai-long
    name: \"Rất hài lòng\"
    group: hai-long
    unit: \"%\"
    targets:
      - {metric: value, op: \">=\", value: 98}
      - {metric: counts.khong-hai-long, op: \"==\", value: 0}
    formula: {type: ratio, numerator: rat-hai-long, denominator: \"@rating_scale\", scale: 100}
    total: {counts: {rat-hai-long: 990, hai-long: 9, khong-hai-long: KHL}}
";
    let r = parse(&doc(&ind.replace("KHL", "0")), "f").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(r.indicators[0].status, Status::Dat);
    let r = parse(&doc(&ind.replace("KHL", "1")), "f").unwrap_or_else(|e| panic!("{e:?}"));
    // 990/1000 = 99% ≥ 98%, but one "Không hài lòng".
    assert_eq!(r.indicators[0].status, Status::KhongDat);
    assert_eq!(
        r.indicators[0].total.as_ref().map(|t| t.checks.clone()),
        Some(vec![Some(true), Some(false)])
    );
    assert_eq!(
        display_target(
            &r.indicators[0],
            &r.indicators[0].targets[1],
            &r.rating_scale
        ),
        "Không hài lòng = 0"
    );
    assert_eq!(
        display_target(
            &r.indicators[0],
            &r.indicators[0].targets[0],
            &r.rating_scale
        ),
        "≥ 98%"
    );
}

#[test]
fn unknown_operator_is_reported_at_its_position() {
    let bad = ON_TIME
        .replace("op: \">\"", "op: \"=>\"")
        .replace("NUM", "1")
        .replace("DEN", "2");
    assert_eq!(
        errors(&bad),
        [
            "content/_data/results.yaml:16:35: data: indicators[0].targets[0].op: unknown operator \"=>\" \
          (use one of \">\", \">=\", \"<\", \"<=\", \"==\", \"!=\")"
        ]
    );
}

#[test]
fn numerator_above_denominator_is_an_error() {
    assert_eq!(
        errors(&ON_TIME.replace("NUM", "101").replace("DEN", "100")),
        [
            "content/_data/results.yaml:18:52: data: indicators[0].total.counts.dung_han: \
          the numerator \"dung_han\" (101) is larger than the denominator (100)"
        ]
    );
}

#[test]
fn breakdown_must_add_up_unless_partial() {
    let ind = format!(
        "{}    breakdown:\n      dimension: don-vi\n      PARTIAL\n      rows:\n        - {{unit: so-tu-phap, counts: {{da_giai_quyet: 60, dung_han: 60}}}}\n        - {{unit: so-xay-dung, counts: {{da_giai_quyet: 30, dung_han: 29}}}}\n",
        ON_TIME.replace("NUM", "99").replace("DEN", "100")
    );
    assert_eq!(
        errors(&ind.replace("PARTIAL", "")),
        [
            "content/_data/results.yaml:19:5: data: indicators[0].breakdown: the rows add up to da_giai_quyet = 90, but the total is 100 (correct the figures, or write \"partial: true\" if the rows are incomplete)",
            "content/_data/results.yaml:19:5: data: indicators[0].breakdown: the rows add up to dung_han = 89, but the total is 99 (correct the figures, or write \"partial: true\" if the rows are incomplete)",
        ]
    );
    let r = parse(&doc(&ind.replace("PARTIAL", "partial: true")), "f")
        .unwrap_or_else(|e| panic!("{e:?}"));
    let b = r.indicators[0]
        .breakdown
        .as_ref()
        .unwrap_or_else(|| panic!("breakdown"));
    assert!(b.partial);
    assert_eq!(b.rows[1].label, "Sở Xây dựng");
    assert_eq!(b.rows[1].measure.status, Status::KhongDat);
}

#[test]
fn unknown_unit_and_duplicate_ids() {
    let one = ON_TIME.replace("NUM", "1").replace("DEN", "1");
    let ind = format!(
        "{one}    breakdown:\n      dimension: don-vi\n      partial: true\n      rows:\n        - {{unit: so-tu-phapp, counts: {{da_giai_quyet: 1, dung_han: 1}}}}\n{one}"
    );
    assert_eq!(
        errors(&ind),
        [
            "content/_data/results.yaml:24:9: data: indicators[1].id: the id \"ho-so-dung-han\" is used twice",
            "content/_data/results.yaml:23:18: data: indicators[0].breakdown.rows[0].unit: no unit with id \"so-tu-phapp\" (did you mean \"so-tu-phap\"?)",
        ]
    );
}

#[test]
fn unknown_keys_are_named() {
    let ind = ON_TIME
        .replace("NUM", "1")
        .replace("DEN", "1")
        .replace("    group:", "    gruop: x\n    group:");
    assert_eq!(
        errors(&ind),
        [
            "content/_data/results.yaml:14:5: data: indicators[0]: unknown field \"gruop\" (did you mean \"group\"?)"
        ]
    );
}

#[test]
fn counts_are_whole_numbers_and_vocabularies_known() {
    // 9.640 written the Vietnamese way is the YAML number 9.64.
    let ind = ON_TIME
        .replace("NUM", "9.601")
        .replace("DEN", "9.640")
        .replace(
            "group: tien-do-ket-qua",
            "group: cong-khai\n    scope: toan-bo",
        );
    assert_eq!(
        errors(&ind),
        [
            "content/_data/results.yaml:14:12: data: indicators[0].group: unknown group \"cong-khai\" (expected one of \"cong-khai-minh-bach\", \"tien-do-ket-qua\", \"so-hoa\", \"truc-tuyen\", \"hai-long\", \"khac\")",
            "content/_data/results.yaml:15:12: data: indicators[0].scope: unknown scope \"toan-bo\" (expected one of \"trung-tam\", \"don-vi\", \"quay\", \"ca-nhan\")",
            "content/_data/results.yaml:19:37: data: indicators[0].total.counts.da_giai_quyet: the count \"da_giai_quyet\" is written \"9.640\": YAML reads the dot as a decimal point, not as thousands (write 9640 without the dots between thousands)",
            "content/_data/results.yaml:19:54: data: indicators[0].total.counts.dung_han: the count \"dung_han\" is written \"9.601\": YAML reads the dot as a decimal point, not as thousands (write 9601 without the dots between thousands)",
        ]
    );
}

#[test]
fn a_total_given_only_as_a_value_is_used() {
    let ind = ON_TIME.replace(
        "total: {counts: {da_giai_quyet: DEN, dung_han: NUM}}",
        "total: {value: 99.5}",
    );
    let r = parse(&doc(&ind), "f").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(r.indicators[0].status, Status::Dat);
    assert_eq!(
        r.indicators[0].total.as_ref().and_then(|t| t.value),
        Some(99.5)
    );
}

/// A per-counter standard (≥ 98%) with its total and two counters: so-tu-phap at TP%,
/// so-xay-dung at XD% (out of 100 each); `SCOPE` and `PARTIAL` are left to the test.
const PER_COUNTER: &str = "  - id: hai-long-quay
    name: \"Tỷ lệ Rất hài lòng theo quầy\"
    group: hai-long
    scope: SCOPE
    unit: \"%\"
    targets: [{metric: value, op: \">=\", value: 98}]
    formula: {type: ratio, numerator: rat, denominator: tong, scale: 100}
    total: {counts: {tong: 200, rat: SUM}}
    breakdown:
      dimension: don-vi
      PARTIAL
      rows:
        - {unit: so-tu-phap, counts: {tong: 100, rat: TP}}
        - {unit: so-xay-dung, counts: {tong: 100, rat: XD}}
";

fn per_counter(scope: &str, tp: u32, xd: u32, partial: bool) -> Indicator {
    let text = PER_COUNTER
        .replace("SCOPE", scope)
        .replace("SUM", &(tp + xd).to_string())
        .replace("TP", &tp.to_string())
        .replace("XD", &xd.to_string())
        .replace("PARTIAL", if partial { "partial: true" } else { "" });
    let r = parse(&doc(&text), "f").unwrap_or_else(|e| panic!("{e:?}"));
    r.indicators
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("none"))
}

#[test]
fn a_standard_for_each_counter_fails_when_one_counter_fails() {
    // The total (98,5%) meets the target; Sở Xây dựng (97%) does not.
    let ind = per_counter("quay", 100, 97, false);
    assert_eq!(ind.judged, Judged::EveryRow);
    assert_eq!(ind.status, Status::KhongDat);
    assert_eq!(ind.tally, Some(Tally { met: 1, of: 2 }));
    assert_eq!(ind.checks, [Some(false)]);
    // The total carries the same verdict, so no file can say otherwise.
    let total = ind.total.as_ref().unwrap_or_else(|| panic!("total"));
    assert_eq!(total.status, Status::KhongDat);
    assert_eq!(total.checks, [Some(false)]);
    let ok = per_counter("quay", 100, 98, false);
    assert_eq!(
        (ok.status, ok.tally),
        (Status::Dat, Some(Tally { met: 2, of: 2 }))
    );
}

#[test]
fn a_centre_wide_figure_is_judged_on_its_total() {
    let ind = per_counter("trung-tam", 100, 97, false);
    assert_eq!(ind.judged, Judged::Total);
    assert_eq!(ind.status, Status::Dat);
    assert_eq!(ind.tally, None);
    assert_eq!(ind.checks, [Some(true)]);
}

#[test]
fn incomplete_rows_cannot_prove_that_every_counter_met_the_standard() {
    let ind = per_counter("quay", 100, 99, true);
    assert_eq!(ind.status, Status::ChuaCoSoLieu);
    assert_eq!(ind.tally, Some(Tally { met: 2, of: 2 }));
    assert_eq!(per_counter("quay", 100, 90, true).status, Status::KhongDat);
}

#[test]
fn a_breakdown_without_a_total_is_judged_row_by_row() {
    let text = "  - id: tin-bai
    name: \"Số tin, bài\"
    group: khac
    unit: \"tin, bài\"
    targets: [{metric: value, op: \">=\", value: 5}]
    formula: {type: count, field: n}
    breakdown:
      dimension: ca-nhan
      rows:
        - {person: \"A\", counts: {n: 7}}
        - {person: \"B\", counts: {n: 4}}
";
    let r = parse(&doc(text), "f").unwrap_or_else(|e| panic!("{e:?}"));
    let ind = &r.indicators[0];
    assert_eq!(ind.judged, Judged::EveryRow);
    assert_eq!(ind.status, Status::KhongDat);
    assert_eq!(ind.tally, Some(Tally { met: 1, of: 2 }));
    assert_eq!(ind.checks, [Some(false)]);
}
