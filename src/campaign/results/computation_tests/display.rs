//! How values and targets are shown: Vietnamese numbers, and decimals that never hide
//! which side of the target a value is on.

use super::*;

#[test]
fn figures_in_messages_are_vietnamese_numbers() {
    assert_eq!(vi_num(9640.0), "9.640");
    assert_eq!(vi_num(99.5), "99,5");
    assert_eq!(vi_num(2.0 / 3.0), "0,6667");
}

#[test]
fn values_show_the_indicators_decimals_when_rounding_cannot_mislead() {
    let ind = indicator("%", 2, vec![target(Metric::Value, Op::Gt, 99.0)]);
    assert_eq!(display_value(&ind, 99.595_435_68), "99,60%");
    assert_eq!(display_value(&ind, 97.0), "97,00%");
    let ind = indicator("tin, bài", 0, vec![target(Metric::Value, Op::Ge, 120.0)]);
    assert_eq!(display_value(&ind, 1234.0), "1.234");
    // Targets on counts do not need extra decimals for the value.
    let ind = indicator(
        "%",
        2,
        vec![target(Metric::Count("khong-hai-long".into()), Op::Eq, 99.0)],
    );
    assert_eq!(display_value(&ind, 98.996), "99,00%");
}

#[test]
fn values_get_decimals_until_they_show_their_side_of_the_target() {
    let above_99 = indicator("%", 2, vec![target(Metric::Value, Op::Gt, 99.0)]);
    assert_eq!(display_value(&above_99, 98.996), "98,996%");
    assert_eq!(display_value(&above_99, 99.0004), "99,0004%");
    // Rounding to the target itself reads as meeting it exactly, even on the right side:
    // 99,004 next to "≥ 99%" is shown as 99,004, not 99,00.
    let at_least_99 = indicator("%", 2, vec![target(Metric::Value, Op::Ge, 99.0)]);
    assert_eq!(display_value(&at_least_99, 99.004), "99,004%");
    assert_eq!(display_value(&at_least_99, 99.0), "99,00%");
    let at_most_5 = indicator("%", 1, vec![target(Metric::Value, Op::Le, 5.0)]);
    assert_eq!(display_value(&at_most_5, 4.96), "4,96%");
    // Every value target is respected.
    let both = indicator(
        "%",
        2,
        vec![
            target(Metric::Value, Op::Gt, 98.0),
            target(Metric::Value, Op::Lt, 99.0),
        ],
    );
    assert_eq!(display_value(&both, 98.001), "98,001%");
    assert_eq!(display_value(&both, 98.9999), "98,9999%");
    // At most MAX_DECIMALS (6), however close the value is.
    assert_eq!(display_value(&above_99, 98.999_999_99), "99,000000%");
}

#[test]
fn targets_in_words() {
    let levels = [
        Level {
            id: "rat-hai-long".into(),
            label: "Rất hài lòng".into(),
        },
        Level {
            id: "khong-hai-long".into(),
            label: "Không hài lòng".into(),
        },
    ];
    let percent = indicator("%", 2, vec![]);
    let things = indicator("tin, bài", 0, vec![]);
    assert_eq!(
        display_target(&percent, &target(Metric::Value, Op::Gt, 99.0), &levels),
        "> 99%"
    );
    assert_eq!(
        display_target(&percent, &target(Metric::Value, Op::Ge, 98.5), &levels),
        "≥ 98,5%"
    );
    assert_eq!(
        display_target(&things, &target(Metric::Value, Op::Ge, 1200.0), &levels),
        "≥ 1.200 tin, bài"
    );
    assert_eq!(
        display_target(
            &percent,
            &target(Metric::Count("khong-hai-long".into()), Op::Eq, 0.0),
            &levels
        ),
        "Không hài lòng = 0"
    );
    // A count that is not a level of the scale is named by its key.
    assert_eq!(
        display_target(
            &things,
            &target(Metric::Count("qua_han".into()), Op::Le, 2.0),
            &levels
        ),
        "qua_han ≤ 2"
    );
}
