//! Inline SVG charts drawn at build time, so results read without JavaScript.
//!
//! Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` that says in words
//! what the chart shows; templates pair each chart with its data table. Status is never shown
//! by colour alone: bars carry their value as text and target lines are labelled.

use std::fmt::Write;

use super::xml::escape;

/// One bar: a label, a value, its text and whether it met the target.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) value: Option<f64>,
    pub(crate) text: String,
    pub(crate) met: Option<bool>,
}

/// The axis of a chart: where it starts and ends, chosen so differences near the target show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Axis {
    pub(crate) min: f64,
    pub(crate) max: f64,
}

impl Axis {
    /// An axis for bars: from zero (a bar's length is its value), to 100 for percentages or
    /// a round number above every value and the target for counts.
    pub(crate) fn from_zero(values: &[f64], target: Option<f64>, percent: bool) -> Axis {
        let hi = values.iter().copied().chain(target).fold(0.0_f64, f64::max);
        if percent {
            return Axis {
                min: 0.0,
                max: 100.0_f64.max(hi),
            };
        }
        Axis::fit(values, target, false)
    }

    /// An axis for a line, covering `values` and `target`; percentages end at 100 and start
    /// lower only when everything is high (the chart then marks the broken axis, and the
    /// start is printed, so nothing is hidden).
    pub(crate) fn fit(values: &[f64], target: Option<f64>, percent: bool) -> Axis {
        let all = || values.iter().copied().chain(target);
        let (lo, hi) = (
            all().fold(f64::INFINITY, f64::min),
            all().fold(f64::NEG_INFINITY, f64::max),
        );
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 0.0) };
        if percent {
            // Ends at 100%; starts at 0 unless everything is high, then at a round value four
            // round steps below 100, so every tick (quarters) is an exact, readable label.
            let max = 100.0_f64.max(hi);
            if lo < 60.0 {
                return Axis { min: 0.0, max };
            }
            let step = [0.5, 1.0, 2.0, 2.5, 5.0, 10.0]
                .into_iter()
                .find(|s| max - 4.0 * s <= lo - s / 2.0)
                .unwrap_or(10.0);
            return Axis {
                min: (max - 4.0 * step).max(0.0),
                max,
            };
        }
        // Counts: a maximum divisible by 4, so every tick (quarters) is a whole number.
        let max = if hi <= 0.0 {
            4.0
        } else {
            (nice_ceiling(hi * 1.1) / 4.0).ceil() * 4.0
        };
        Axis { min: 0.0, max }
    }

    fn frac(&self, v: f64) -> f64 {
        if self.max <= self.min {
            return 0.0;
        }
        ((v - self.min) / (self.max - self.min)).clamp(0.0, 1.0)
    }
}

fn nice_ceiling(v: f64) -> f64 {
    let mag = 10f64.powf(v.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if step * mag >= v {
            return step * mag;
        }
    }
    10.0 * mag
}

fn status_class(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "dat",
        Some(false) => "khong-dat",
        None => "chua-co",
    }
}

/// Horizontal bars, one per row, each with its label on its own line above it, and the target
/// as a labelled dashed line. `id` makes the title/desc ids unique on the page.
pub(crate) fn bars(
    id: &str,
    title: &str,
    desc: &str,
    rows: &[Bar],
    axis: Axis,
    target: Option<(f64, &str)>,
    fmt_tick: &dyn Fn(f64) -> String,
) -> String {
    const W: f64 = 480.0;
    const LEFT: f64 = 8.0;
    const RIGHT: f64 = 90.0;
    const ROW: f64 = 40.0;
    const TOP: f64 = 26.0;
    let plot = W - LEFT - RIGHT;
    let h = TOP + ROW * rows.len() as f64 + 24.0;
    let mut s = open_svg(id, title, desc, W, h);
    // Axis ticks at start, middle, end.
    for (k, t) in [axis.min, (axis.min + axis.max) / 2.0, axis.max]
        .into_iter()
        .enumerate()
    {
        let x = LEFT + plot * axis.frac(t);
        // The end ticks align inwards so they are never cut at the edge.
        let anchor = ["start", "middle", "end"][k];
        let _ = write!(
            s,
            r#"<line class="grid" x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            h - 20.0,
            h - 6.0,
            escape(&fmt_tick(t))
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let _ = write!(
            s,
            r#"<text class="label" x="{LEFT}" y="{:.1}">{}</text>"#,
            y + 12.0,
            escape(&row.label)
        );
        let bw = row.value.map_or(0.0, |v| plot * axis.frac(v));
        let _ = write!(
            s,
            r#"<rect class="track" x="{LEFT}" y="{:.1}" width="{plot:.1}" height="14" rx="3"/>"#,
            y + 18.0
        );
        if row.value.is_some() {
            let _ = write!(
                s,
                r#"<rect class="bar {}" x="{LEFT}" y="{:.1}" width="{bw:.1}" height="14" rx="3"/>"#,
                status_class(row.met),
                y + 18.0
            );
        }
        let _ = write!(
            s,
            r#"<text class="value" x="{:.1}" y="{:.1}">{}</text>"#,
            LEFT + plot + 6.0,
            y + 30.0,
            escape(&row.text)
        );
    }
    if let Some((t, label)) = target {
        // The line crosses each bar only, never a row's name above it.
        let x = LEFT + plot * axis.frac(t);
        let _ = write!(
            s,
            r#"<text class="target-label" x="{x:.1}" y="14" text-anchor="{}">{}</text>"#,
            anchor(axis.frac(t)),
            escape(label)
        );
        for i in 0..rows.len() {
            let y = TOP + ROW * i as f64;
            let _ = write!(
                s,
                r#"<line class="target" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}"/>"#,
                y + 17.0,
                y + 33.0
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// A line chart of a series with the target as a labelled dashed line.
pub(crate) fn trend(
    id: &str,
    title: &str,
    desc: &str,
    points: &[Bar],
    axis: Axis,
    target: Option<(f64, &str)>,
    fmt_tick: &dyn Fn(f64) -> String,
) -> String {
    let frame = TrendFrame {
        axis,
        points: points.len(),
    };
    let mut s = open_svg(id, title, desc, TrendFrame::W, TrendFrame::H);
    frame.grid(&mut s, fmt_tick);
    if let Some((t, label)) = target {
        frame.target(&mut s, t, label);
    }
    frame.line(&mut s, points, target.map(|(t, _)| t));
    s.push_str("</svg>");
    s
}

/// Where a line chart draws: its size, margins, and the place of each point.
struct TrendFrame {
    axis: Axis,
    /// How many points the series has.
    points: usize,
}

impl TrendFrame {
    const W: f64 = 480.0;
    const H: f64 = 250.0;
    const LEFT: f64 = 64.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 28.0;
    const BOTTOM: f64 = 60.0;
    /// Points sit inside the axes so their value labels never cover the tick labels.
    const INSET: f64 = 36.0;
    /// How wide and high a value label can be ("99,48%" at the phone's 19 px, with room for
    /// a theme that sets it up to 22 px).
    const LABEL_W: f64 = 80.0;
    const LABEL_H: f64 = 20.0;

    /// The height of a value.
    fn y_of(&self, v: f64) -> f64 {
        let ph = Self::H - Self::TOP - Self::BOTTOM;
        Self::TOP + ph * (1.0 - self.axis.frac(v))
    }

    /// Where point `i` sits across.
    fn x_of(&self, i: usize) -> f64 {
        let pw = Self::W - Self::LEFT - Self::RIGHT;
        if self.points <= 1 {
            Self::LEFT + pw / 2.0
        } else {
            Self::LEFT
                + Self::INSET
                + (pw - 2.0 * Self::INSET) * i as f64 / (self.points - 1) as f64
        }
    }

    /// Five grid lines with their values, and a break in the vertical axis when it does not
    /// start at zero.
    fn grid(&self, s: &mut String, fmt_tick: &dyn Fn(f64) -> String) {
        let (axis, left, right, w) = (self.axis, Self::LEFT, Self::RIGHT, Self::W);
        if axis.min > 0.0 {
            let (top, bottom) = (Self::TOP, self.y_of(axis.min));
            let _ = write!(
                s,
                r##"<path class="axis-break" d="M{left},{top} V{:.1} l-6,3 l12,4 l-12,4 l6,3 V{bottom:.1}" fill="none" stroke="#4f5b66" stroke-width="1.5"/>"##,
                bottom - 18.0
            );
        }
        for k in 0..=4 {
            let v = axis.min + (axis.max - axis.min) * f64::from(k) / 4.0;
            let y = self.y_of(v);
            let _ = write!(
                s,
                r#"<line class="grid" x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
                w - right,
                left - 6.0,
                y + 4.0,
                escape(&fmt_tick(v))
            );
        }
    }

    /// The target line; its label goes in a legend under the axis, where no value label can be.
    fn target(&self, s: &mut String, t: f64, label: &str) {
        let (left, right, w) = (Self::LEFT, Self::RIGHT, Self::W);
        let y = self.y_of(t);
        let ly = Self::H - 10.0;
        let _ = write!(
            s,
            r#"<line class="target" x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/><line class="target" x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/><text class="target-label" x="{:.1}" y="{ly:.1}">{}</text>"#,
            w - right,
            ly - 4.0,
            left + 24.0,
            ly - 4.0,
            left + 30.0,
            escape(label)
        );
    }

    /// The line through the points that have a value, and each point with its label and value.
    fn line(&self, s: &mut String, points: &[Bar], target: Option<f64>) {
        let coords: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.value.map(|v| (self.x_of(i), self.y_of(v))))
            .collect();
        if coords.len() > 1 {
            let d: Vec<String> = coords
                .iter()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect();
            let _ = write!(s, r#"<polyline class="line" points="{}"/>"#, d.join(" "));
        }
        let every = self.label_every();
        let last = points.len().saturating_sub(1);
        for (i, p) in points.iter().enumerate() {
            let x = self.x_of(i);
            // Every `every`th point and the last, none too close before the last.
            let labelled = i == last || (i % every == 0 && last - i >= every);
            if labelled {
                let _ = write!(
                    s,
                    r#"<text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    Self::H - Self::BOTTOM + 18.0,
                    escape(&p.label)
                );
            }
            if let Some(v) = p.value {
                let y = self.y_of(v);
                let _ = write!(
                    s,
                    r#"<circle class="point {}" cx="{x:.1}" cy="{y:.1}" r="5"/>"#,
                    status_class(p.met),
                );
                if labelled {
                    let _ = write!(
                        s,
                        r#"<text class="value" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                        self.value_y(y, target),
                        escape(&p.text)
                    );
                }
            }
        }
    }

    /// Labels go on every `n`th point only, so that two labels never overlap.
    fn label_every(&self) -> usize {
        if self.points <= 1 {
            return 1;
        }
        let gap = self.x_of(1) - self.x_of(0);
        (Self::LABEL_W / gap).ceil().max(1.0) as usize
    }

    /// Where a value label's baseline goes: above its point, or below it when the target line
    /// would run through the label there.
    fn value_y(&self, y: f64, target: Option<f64>) -> f64 {
        let above = y - 10.0;
        let hits = |base: f64| {
            target.is_some_and(|t| {
                let ty = self.y_of(t);
                ty > base - Self::LABEL_H && ty < base + 4.0
            })
        };
        if hits(above) { y + 24.0 } else { above }
    }
}

fn anchor(frac: f64) -> &'static str {
    if frac > 0.8 {
        "end"
    } else if frac < 0.2 {
        "start"
    } else {
        "middle"
    }
}

fn open_svg(id: &str, title: &str, desc: &str, w: f64, h: f64) -> String {
    let mut s = String::with_capacity(2048);
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {h:.0}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(title),
        escape(desc)
    );
    s
}

#[cfg(test)]
mod tests;
