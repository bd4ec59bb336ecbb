//! The computations of campaign results, one function at a time: operators, formulas, verdicts,
//! periods and how figures and targets are shown. Parsing and its reports are tested in
//! `results/tests.rs`.

use super::*;

mod display;

fn counts(pairs: &[(&str, f64)]) -> IndexMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn target(metric: Metric, op: Op, value: f64) -> Target {
    Target {
        metric,
        op,
        value,
        label: None,
    }
}

/// "Tỷ lệ hồ sơ trả đúng hạn": dung_han / da_giai_quyet × 100.
fn on_time() -> Formula {
    Formula::Ratio {
        numerator: "dung_han".into(),
        denominator: vec!["da_giai_quyet".into()],
        denominator_written: "da_giai_quyet".into(),
        scale: 100.0,
    }
}

/// "Tỷ lệ rất hài lòng": rat-hai-long over every level of the rating scale, × 100.
fn very_satisfied() -> Formula {
    Formula::Ratio {
        numerator: "rat-hai-long".into(),
        denominator: vec![
            "rat-hai-long".into(),
            "hai-long".into(),
            "khong-hai-long".into(),
        ],
        denominator_written: "@rating_scale".into(),
        scale: 100.0,
    }
}

fn indicator(unit: &str, decimals: usize, targets: Vec<Target>) -> Indicator {
    Indicator {
        id: "x".into(),
        name: "X".into(),
        group: "khac".into(),
        ref_766: None,
        scope: None,
        unit: unit.into(),
        decimals,
        targets,
        formula: on_time(),
        formula_label: None,
        total: None,
        breakdown: None,
        series: None,
        source: None,
        note: None,
        judged: Judged::Total,
        checks: Vec::new(),
        tally: None,
        table: None,
        status: Status::ChuaCoSoLieu,
    }
}

#[test]
fn operators_are_read_in_ascii_and_as_printed() {
    let cases = [
        (">", Some(Op::Gt)),
        (">=", Some(Op::Ge)),
        ("≥", Some(Op::Ge)),
        ("<", Some(Op::Lt)),
        ("<=", Some(Op::Le)),
        ("≤", Some(Op::Le)),
        ("==", Some(Op::Eq)),
        ("=", Some(Op::Eq)),
        ("!=", Some(Op::Ne)),
        ("≠", Some(Op::Ne)),
        (" >= ", Some(Op::Ge)),
        ("=>", None),
        ("", None),
    ];
    for (written, op) in cases {
        assert_eq!(Op::parse(written), op, "{written:?}");
    }
}

#[test]
fn operators_print_as_readers_expect() {
    let symbols: Vec<&str> = [Op::Gt, Op::Ge, Op::Lt, Op::Le, Op::Eq, Op::Ne]
        .into_iter()
        .map(Op::symbol)
        .collect();
    assert_eq!(symbols, [">", "≥", "<", "≤", "=", "≠"]);
}

#[test]
fn operators_compare_below_at_and_above_the_target() {
    // For each operator: does it hold at 98.5, at 99 and at 99.5 against a target of 99?
    let cases = [
        (Op::Gt, [false, false, true]),
        (Op::Ge, [false, true, true]),
        (Op::Lt, [true, false, false]),
        (Op::Le, [true, true, false]),
        (Op::Eq, [false, true, false]),
        (Op::Ne, [true, false, true]),
    ];
    for (op, expected) in cases {
        let got = [98.5, 99.0, 99.5].map(|actual| op.holds(actual, 99.0));
        assert_eq!(got, expected, "{op:?}");
    }
}

#[test]
fn equality_allows_for_float_noise_only() {
    // 0,1 + 0,2 is not exactly 0,3 in binary floating point, but is equal to it here.
    assert!(Op::Eq.holds(0.1 + 0.2, 0.3));
    assert!(!Op::Ne.holds(0.1 + 0.2, 0.3));
    // A difference of 1e-9 (the tolerance) or more is a real difference.
    assert!(!Op::Eq.holds(1e-9, 0.0));
    assert!(Op::Ne.holds(1e-9, 0.0));
    assert!(!Op::Eq.holds(0.0, 1e-6));
    assert!(Op::Ne.holds(0.0, 1e-6));
}

#[test]
fn formulas_name_the_counts_they_read() {
    assert_eq!(on_time().keys(), ["dung_han", "da_giai_quyet"]);
    assert_eq!(
        very_satisfied().keys(),
        ["rat-hai-long", "rat-hai-long", "hai-long", "khong-hai-long"]
    );
    assert_eq!(
        Formula::Count {
            field: "tin-bai".into()
        }
        .keys(),
        ["tin-bai"]
    );
    assert_eq!(
        Formula::Sum {
            fields: vec!["truc-tiep".into(), "truc-tuyen".into()]
        }
        .keys(),
        ["truc-tiep", "truc-tuyen"]
    );
}

#[test]
fn ratios_are_numerator_over_denominator_times_scale() {
    let c = counts(&[("da_giai_quyet", 9640.0), ("dung_han", 9601.0)]);
    let value = on_time().compute(&c).unwrap_or_else(|| panic!("no value"));
    assert!((value - 99.595_435_684_647_3).abs() < 1e-9, "{value}");
    assert_eq!(on_time().parts(&c), Some((9601.0, 9640.0)));
    // A denominator of several counts is their sum: 990 / (990 + 9 + 1) = 99%.
    let c = counts(&[
        ("rat-hai-long", 990.0),
        ("hai-long", 9.0),
        ("khong-hai-long", 1.0),
    ]);
    assert_eq!(very_satisfied().compute(&c), Some(99.0));
    assert_eq!(very_satisfied().parts(&c), Some((990.0, 1000.0)));
    // Without a scale the ratio is a fraction: 1 / 4.
    let quarter = Formula::Ratio {
        numerator: "a".into(),
        denominator: vec!["b".into()],
        denominator_written: "b".into(),
        scale: 1.0,
    };
    assert_eq!(
        quarter.compute(&counts(&[("a", 1.0), ("b", 4.0)])),
        Some(0.25)
    );
}

#[test]
fn a_ratio_without_a_zero_denominator_or_a_missing_count_has_no_value() {
    let c = counts(&[("da_giai_quyet", 0.0), ("dung_han", 0.0)]);
    assert_eq!(on_time().compute(&c), None);
    assert_eq!(on_time().parts(&c), Some((0.0, 0.0)));
    let c = counts(&[("da_giai_quyet", 10.0)]);
    assert_eq!(on_time().compute(&c), None);
    assert_eq!(on_time().parts(&c), None);
    let c = counts(&[("rat-hai-long", 990.0), ("hai-long", 9.0)]);
    assert_eq!(very_satisfied().compute(&c), None);
    assert_eq!(very_satisfied().parts(&c), None);
}

#[test]
fn counts_and_sums() {
    let c = counts(&[("truc-tiep", 120.0), ("truc-tuyen", 30.0)]);
    let count = Formula::Count {
        field: "truc-tuyen".into(),
    };
    let sum = Formula::Sum {
        fields: vec!["truc-tiep".into(), "truc-tuyen".into()],
    };
    assert_eq!(count.compute(&c), Some(30.0));
    assert_eq!(sum.compute(&c), Some(150.0));
    // Only ratios have parts.
    assert_eq!(count.parts(&c), None);
    assert_eq!(sum.parts(&c), None);
    let missing = counts(&[("truc-tiep", 120.0)]);
    assert_eq!(count.compute(&missing), None);
    assert_eq!(sum.compute(&missing), None);
}

#[test]
fn a_ratio_without_a_scale_is_a_fraction() {
    let text = "schema_version: 1\ncampaign: {id: c, name: \"Đợt thi đua\"}\nindicators:\n  \
                - id: x\n    name: X\n    group: khac\n    unit: \"lần\"\n    decimals: 2\n    \
                targets: [{metric: value, op: \"<\", value: 1}]\n    \
                formula: {type: ratio, numerator: a, denominator: b}\n    \
                total: {counts: {a: 1, b: 4}}\n";
    let r = parse(text, "f").unwrap_or_else(|e| panic!("{e:?}"));
    let ind = &r.indicators[0];
    assert_eq!(ind.total.as_ref().and_then(|t| t.value), Some(0.25));
    assert_eq!(ind.status, Status::Dat);
}

#[test]
fn status_texts() {
    assert_eq!(Status::Dat.text(), "Đạt");
    assert_eq!(Status::KhongDat.text(), "Không đạt");
    assert_eq!(Status::ChuaCoSoLieu.text(), "Chưa có số liệu");
}

#[test]
fn every_row_is_met_only_when_each_row_is_known_and_met() {
    /// The rows' verdicts, whether the breakdown is partial, and the verdict of every row.
    type Case = (&'static [Option<bool>], bool, Option<bool>);
    let cases: [Case; 8] = [
        (&[], false, None),
        (&[None, None], false, None),
        (&[Some(true), None], false, None),
        (&[Some(true), Some(true)], false, Some(true)),
        (&[Some(true), Some(true)], true, None),
        (&[Some(true), Some(false)], false, Some(false)),
        (&[None, Some(false)], false, Some(false)),
        (&[Some(false)], true, Some(false)),
    ];
    for (rows, partial, expected) in cases {
        let got = verdict::every_row(rows.iter().copied(), partial);
        assert_eq!(got, expected, "{rows:?} partial={partial}");
    }
}

#[test]
fn a_measure_judges_each_target_on_unrounded_values() {
    let targets = [
        target(Metric::Value, Op::Gt, 99.0),
        target(Metric::Count("qua_han".into()), Op::Eq, 0.0),
    ];
    let m = measure(
        &on_time(),
        &targets,
        counts(&[
            ("da_giai_quyet", 1000.0),
            ("dung_han", 995.0),
            ("qua_han", 0.0),
        ]),
    );
    assert_eq!(m.value, Some(99.5));
    assert_eq!(m.parts, Some((995.0, 1000.0)));
    assert_eq!(m.checks, [Some(true), Some(true)]);
    assert_eq!(m.status, Status::Dat);
    // One target missed is enough.
    let m = measure(
        &on_time(),
        &targets,
        counts(&[
            ("da_giai_quyet", 1000.0),
            ("dung_han", 995.0),
            ("qua_han", 5.0),
        ]),
    );
    assert_eq!(m.checks, [Some(true), Some(false)]);
    assert_eq!(m.status, Status::KhongDat);
    // A count a target compares that is missing cannot be judged.
    let m = measure(
        &on_time(),
        &targets,
        counts(&[("da_giai_quyet", 1000.0), ("dung_han", 985.0)]),
    );
    assert_eq!(m.checks, [Some(false), None]);
    assert_eq!(m.status, Status::KhongDat);
    // Nothing to judge without a value.
    let m = measure(
        &on_time(),
        &targets,
        counts(&[("da_giai_quyet", 0.0), ("dung_han", 0.0), ("qua_han", 0.0)]),
    );
    assert_eq!(m.value, None);
    assert_eq!(m.checks, [None, Some(true)]);
    assert_eq!(m.status, Status::ChuaCoSoLieu);
}

#[test]
fn a_value_given_without_counts_is_judged_on_value_targets() {
    let targets = [target(Metric::Value, Op::Ge, 98.0)];
    let m = measure_value(&targets, Some(98.5));
    assert_eq!(m.value, Some(98.5));
    assert_eq!(m.parts, None);
    assert!(m.counts.is_empty());
    assert_eq!(m.checks, [Some(true)]);
    assert_eq!(m.status, Status::Dat);
    let m = measure_value(&targets, Some(97.9));
    assert_eq!(m.checks, [Some(false)]);
    assert_eq!(m.status, Status::KhongDat);
    let m = measure_value(&targets, None);
    assert_eq!(m.checks, [None]);
    assert_eq!(m.status, Status::ChuaCoSoLieu);
    // A target on a count cannot be judged from a value.
    let m = measure_value(
        &[
            target(Metric::Value, Op::Ge, 98.0),
            target(Metric::Count("khong-hai-long".into()), Op::Eq, 0.0),
        ],
        Some(98.5),
    );
    assert_eq!(m.checks, [Some(true), None]);
}

/// The number of problems `check_sum` reports for these rows against this total.
fn sum_problems(rows: &[IndexMap<String, f64>], total: &IndexMap<String, f64>) -> usize {
    let mut c = Checker {
        origin: Origin {
            file: "content/_data/results.yaml",
            first_line: 1,
            topic: TOPIC,
        },
        tables: &[],
        pos: Positions::default(),
        errors: Vec::new(),
        repairs: Repairs::default(),
    };
    check_sum(
        &mut c,
        "indicators[0].breakdown",
        "rows",
        rows.iter(),
        total,
    );
    c.errors.len()
}

#[test]
fn rows_must_add_up_to_the_total_count_by_count() {
    let rows = [
        counts(&[("da_giai_quyet", 60.0), ("dung_han", 60.0)]),
        counts(&[("da_giai_quyet", 40.0), ("dung_han", 39.0)]),
    ];
    assert_eq!(
        sum_problems(
            &rows,
            &counts(&[("da_giai_quyet", 100.0), ("dung_han", 99.0)])
        ),
        0
    );
    assert_eq!(
        sum_problems(
            &rows,
            &counts(&[("da_giai_quyet", 100.0), ("dung_han", 100.0)])
        ),
        1
    );
    assert_eq!(
        sum_problems(
            &rows,
            &counts(&[("da_giai_quyet", 90.0), ("dung_han", 89.0)])
        ),
        2
    );
    // A count of the total that no row has adds up to 0.
    assert_eq!(sum_problems(&rows, &counts(&[("qua_han", 0.0)])), 0);
    assert_eq!(sum_problems(&rows, &counts(&[("qua_han", 1.0)])), 1);
    // Float noise is no mismatch; a difference of 1e-9 or more is.
    let tenths = [counts(&[("a", 0.1)]), counts(&[("a", 0.2)])];
    assert_eq!(sum_problems(&tenths, &counts(&[("a", 0.3)])), 0);
    assert_eq!(
        sum_problems(&[counts(&[("a", 1e-9)])], &counts(&[("a", 0.0)])),
        0,
        "exactly the tolerance"
    );
    assert_eq!(
        sum_problems(&[counts(&[("a", 2e-9)])], &counts(&[("a", 0.0)])),
        1
    );
}

#[test]
fn periods_are_months_or_days() {
    for good in ["2023-07", "2023-07-31", "2024-02-29"] {
        assert!(valid_period(good), "{good}");
    }
    for bad in [
        "2023-7",
        "2023-13",
        "2023-07-32",
        "2023-02-29",
        "2023",
        "07/2023",
        "2023-07-31T08:00",
        "2023-07-31 08:00",
        "",
    ] {
        assert!(!valid_period(bad), "{bad}");
    }
}
