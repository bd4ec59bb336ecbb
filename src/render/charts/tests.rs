//! The charts: axes, labels clear of the target line and of each other, accessible text.

use super::*;

#[test]
fn axis_zooms_only_when_all_values_are_high() {
    let fit = |v: &[f64], t: f64, p: bool| {
        let a = Axis::fit(v, Some(t), p);
        (a.min, a.max)
    };
    assert_eq!(fit(&[99.6, 99.2], 99.0, true), (98.0, 100.0));
    assert_eq!(fit(&[99.48, 99.72], 99.0, true), (98.0, 100.0));
    assert_eq!(fit(&[98.63], 98.0, true), (96.0, 100.0));
    assert_eq!(fit(&[71.4], 73.0, true), (60.0, 100.0));
    assert_eq!(fit(&[40.0], 73.0, true), (0.0, 100.0));
    assert_eq!(fit(&[7.0, 4.0], 5.0, false), (0.0, 12.0));
    assert_eq!(fit(&[0.0], 0.0, false), (0.0, 4.0));
}

#[test]
fn bars_are_labelled_and_accessible() {
    let rows = [Bar {
        label: "Sở <Tư pháp>".into(),
        value: Some(100.0),
        text: "100%".into(),
        met: Some(true),
    }];
    let svg = bars(
        "c1",
        "Tiêu đề",
        "Mô tả",
        &rows,
        Axis {
            min: 95.0,
            max: 100.0,
        },
        Some((99.0, "> 99%")),
        &|v| format!("{v}%"),
    );
    assert!(
        svg.starts_with(
            r#"<svg class="chart" viewBox="0 0 480 90" role="img" aria-labelledby="c1-t c1-d""#
        ),
        "{svg}"
    );
    assert!(svg.contains("<title id=\"c1-t\">Tiêu đề</title><desc id=\"c1-d\">Mô tả</desc>"));
    assert!(svg.contains("Sở &lt;Tư pháp&gt;"));
    assert!(svg.contains(r#"class="bar dat""#));
    assert!(svg.contains(">&gt; 99%</text>"));
    assert!(svg.contains(">100%</text>"));
}

fn bar(label: &str, v: f64) -> Bar {
    Bar {
        label: label.into(),
        value: Some(v),
        text: format!("{v}%"),
        met: Some(v >= 98.0),
    }
}

/// The numbers of attribute `name` in every element of `class` in `svg`.
fn attrs(svg: &str, class: &str, name: &str) -> Vec<f64> {
    svg.split(&format!(r#"class="{class}""#))
        .skip(1)
        .map(|rest| {
            let at = rest
                .find(&format!(r#" {name}=""#))
                .unwrap_or_else(|| panic!("{name}"));
            let v = &rest[at + name.len() + 3..];
            v[..v.find('"').unwrap_or(0)].parse().unwrap_or(f64::NAN)
        })
        .collect()
}

#[test]
fn bars_start_at_zero() {
    let a = Axis::from_zero(&[99.6, 97.6], Some(98.0), true);
    assert_eq!((a.min, a.max), (0.0, 100.0));
    let a = Axis::from_zero(&[7.0, 4.0], Some(5.0), false);
    assert_eq!((a.min, a.max), (0.0, 12.0));
}

#[test]
fn the_target_line_crosses_the_bars_never_the_names_above_them() {
    let rows = [
        bar("Sở Tư pháp", 98.6),
        bar("Sở Tài nguyên và Môi trường", 97.6),
    ];
    let axis = Axis::from_zero(&[98.6, 97.6], Some(98.0), true);
    let svg = bars(
        "b",
        "T",
        "D",
        &rows,
        axis,
        Some((98.0, "Mục tiêu ≥ 98%")),
        &|v| format!("{v}%"),
    );
    let (y1, y2) = (attrs(&svg, "target", "y1"), attrs(&svg, "target", "y2"));
    assert_eq!(y1.len(), rows.len(), "one segment per bar");
    // A name's glyphs sit between 12 units above its baseline and 4 below it.
    for name_y in attrs(&svg, "label", "y") {
        for (a, b) in y1.iter().zip(&y2) {
            assert!(
                name_y + 4.0 <= *a || name_y - 12.0 >= *b,
                "{name_y} in {a}..{b}"
            );
        }
    }
    // The target's label is above the first name.
    let label_y = attrs(&svg, "target-label", "y")[0];
    assert!(label_y + 4.0 <= attrs(&svg, "label", "y")[0] - 12.0);
}

fn months(n: usize, v: f64) -> Vec<Bar> {
    (0..n).map(|i| bar(&format!("T{}", i + 1), v)).collect()
}

#[test]
fn a_value_label_steps_aside_of_the_target_line() {
    let axis = Axis {
        min: 96.0,
        max: 100.0,
    };
    let frame = TrendFrame { axis, points: 4 };
    let ty = frame.y_of(98.0);
    // A point just under the target: its label would sit on the line above it.
    let y = frame.y_of(97.8);
    let label = frame.value_y(y, Some(98.0));
    assert!(label > y, "the label goes below its point");
    assert!(label - TrendFrame::LABEL_H > ty || label + 4.0 < ty);
    // Far from the target, the label stays above.
    let y = frame.y_of(99.9);
    assert_eq!(frame.value_y(y, Some(98.0)), y - 10.0);
}

#[test]
fn a_line_that_does_not_start_at_zero_marks_its_break() {
    let tick = |v: f64| format!("{v}%");
    let zoomed = trend(
        "s",
        "T",
        "D",
        &months(4, 99.0),
        Axis {
            min: 96.0,
            max: 100.0,
        },
        None,
        &tick,
    );
    assert!(zoomed.contains(r#"class="axis-break""#));
    let whole = trend(
        "s",
        "T",
        "D",
        &months(4, 99.0),
        Axis {
            min: 0.0,
            max: 100.0,
        },
        None,
        &tick,
    );
    assert!(!whole.contains("axis-break"));
}

#[test]
fn labels_of_many_points_do_not_overlap() {
    let tick = |v: f64| format!("{v}%");
    let svg = trend(
        "s",
        "T",
        "D",
        &months(12, 99.0),
        Axis {
            min: 0.0,
            max: 100.0,
        },
        None,
        &tick,
    );
    let xs = attrs(&svg, "value", "x");
    assert!(xs.len() < 12 && xs.len() >= 3, "{xs:?}");
    for w in xs.windows(2) {
        assert!(w[1] - w[0] >= TrendFrame::LABEL_W, "{xs:?}");
    }
    // The last month is always labelled.
    let frame = TrendFrame {
        axis: Axis {
            min: 0.0,
            max: 100.0,
        },
        points: 12,
    };
    assert_eq!(
        xs.last().copied(),
        Some((frame.x_of(11) * 10.0).round() / 10.0)
    );
}
