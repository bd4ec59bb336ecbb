//! A generated share card, composed as SVG: the site's emblem on the left (drawn separately,
//! see `raster.rs`), the site's name and the page's title on the right, the site's address on
//! a gold band, in the campaign's colours. The title is wrapped to at most three lines,
//! shrinking from 64 to 48 px before it is cut with an ellipsis.

use super::font::{FAMILY, Metrics};
use super::glyphs::Line;

/// The card's size, in pixels (what Facebook and Zalo show large).
pub(crate) const WIDTH: u32 = 1200;
/// The card's height.
pub(crate) const HEIGHT: u32 = 630;

/// The theme's colours (themes/default/static/style.css), 0xRRGGBB.
const RED_DARK: u32 = 0x7d_1013;
const RED: u32 = 0xa3_161a;
/// The gold of the band and the rule.
pub(crate) const GOLD: u32 = 0xf5_c542;
const GOLD_PALE: u32 = 0xff_e29a;
const WHITE: u32 = 0xff_ffff;
/// The colours a card's text is written in (the site's name, the title).
pub(crate) const INKS: [u32; 2] = [WHITE, GOLD_PALE];

/// Where the emblem goes: (x, y, side) in pixels.
pub(crate) const EMBLEM: (f32, f32, f32) = (70.0, 132.0, 300.0);
/// The text column.
const TEXT_X: f32 = 430.0;
const TEXT_WIDTH: f32 = 700.0;
/// The gold band at the bottom.
const BAND_Y: f32 = 566.0;

/// What a card says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct CardText {
    /// The page's title (the big text).
    pub title: String,
    /// The site's name (above the title).
    pub site_name: String,
    /// The site's address (`hanhchinhcong.langson.gov.vn/5-nam`), on the band.
    pub address: String,
}

/// What every card of a site shares, as SVG (without the emblem): the colours, the disc
/// behind the emblem, the gold band and the site's address on it. Drawn once per build
/// (`raster::Background`); each card draws only [`text_svg`] over it.
pub(crate) fn background_svg(address: &str) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">\
<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#{RED_DARK:06x}\"/>\
<circle cx=\"220\" cy=\"282\" r=\"196\" fill=\"#{RED:06x}\"/>\
<rect y=\"{}\" width=\"{WIDTH}\" height=\"8\" fill=\"#{RED:06x}\"/>\
<rect y=\"{BAND_Y}\" width=\"{WIDTH}\" height=\"{}\" fill=\"#{GOLD:06x}\"/>",
        BAND_Y - 8.0,
        HEIGHT as f32 - BAND_Y
    );
    let address = wrap(Metrics::bold(), address, 26.0, 1060.0, 1);
    if let Some(a) = address.first() {
        let baseline = BAND_Y + (HEIGHT as f32 - BAND_Y) / 2.0 + 9.0;
        out.push_str(&text_element(
            a,
            TEXT_X.min(70.0),
            baseline,
            26.0,
            700,
            RED_DARK,
        ));
    }
    out.push_str("</svg>");
    out
}

/// What one card draws over the [`background_svg`]: the site's name, a gold rule (x, y,
/// width, height) and the page's title, centred in the space above the band.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    /// The lines of text, drawn by `glyphs.rs`.
    pub lines: Vec<Line>,
    /// The gold rule between the name and the title.
    pub rule: (f32, f32, f32, f32),
}

/// Where one card's text goes.
pub(crate) fn layout(text: &CardText) -> Layout {
    let (size, title) = fit_title(&text.title);
    let (name_size, name) = fit_name(&text.site_name);
    let title_gap = size * 1.18;
    let height = name.len() as f32 * NAME_LINE + 26.0 + 5.0 + 30.0 + title.len() as f32 * title_gap;
    let mut y = ((BAND_Y - height) / 2.0).max(40.0);
    let mut lines = Vec::new();
    for line in name {
        y += NAME_LINE;
        lines.push(Line {
            text: drawable(&line),
            x: TEXT_X,
            y: y - 10.0,
            size: name_size,
            bold: false,
            colour: GOLD_PALE,
        });
    }
    y += 26.0;
    let rule = (TEXT_X, y, 110.0, 5.0);
    y += 5.0 + 30.0;
    for line in title {
        y += title_gap;
        lines.push(Line {
            text: drawable(&line),
            x: TEXT_X,
            y: y - size * 0.28,
            size,
            bold: true,
            colour: WHITE,
        });
    }
    Layout { lines, rule }
}

/// The site's name: largest size and line height.
const NAME_SIZE: f32 = 30.0;
const NAME_LINE: f32 = 40.0;

/// The site's name on one line, shrunk to 24 px if need be; else on two lines of about the
/// same length (no lone word on the second).
fn fit_name(name: &str) -> (f32, Vec<String>) {
    let m = Metrics::regular();
    for size in [NAME_SIZE, 28.0, 26.0, 24.0] {
        if m.width(name, size) <= TEXT_WIDTH {
            return (size, vec![name.to_string()]);
        }
    }
    let size = 28.0;
    let half = (m.width(name, size) / 2.0 + size * 2.0).min(TEXT_WIDTH);
    (size, wrap(m, name, size, half, 2))
}

/// The largest size at which the title fits three lines, and its lines (the last one cut
/// with "…" when even 48 px does not fit).
fn fit_title(title: &str) -> (f32, Vec<String>) {
    for size in [64.0, 56.0] {
        let lines = wrap(Metrics::bold(), title, size, TEXT_WIDTH, usize::MAX);
        if lines.len() <= 3 {
            return (size, lines);
        }
    }
    (48.0, wrap(Metrics::bold(), title, 48.0, TEXT_WIDTH, 3))
}

/// `text` wrapped at spaces into lines no wider than `width` (a word wider than a line is cut
/// between letters); at most `max` lines, the last ending with "…" when text is left over.
pub(crate) fn wrap(m: &Metrics, text: &str, size: f32, width: f32, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if m.width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than a line: as many letters as fit, then the rest.
        for c in word.chars() {
            if !line.is_empty() && m.width(&format!("{line}{c}"), size) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = with_ellipsis(m, last, size, width);
        }
    }
    lines
}

/// `line` shortened (at a space when it can) so that it and "…" fit `width`.
fn with_ellipsis(m: &Metrics, line: &str, size: f32, width: f32) -> String {
    let mut kept: Vec<char> = line.chars().collect();
    loop {
        let s: String = kept.iter().collect();
        let s = s
            .trim_end()
            .trim_end_matches([',', ';', ':', '–', '-'])
            .trim_end();
        let out = format!("{s}…");
        if m.width(&out, size) <= width || kept.is_empty() {
            return out;
        }
        // Drop the last word when there is one to drop, else the last letter.
        match s.rfind(' ') {
            Some(i) if i > 0 => kept.truncate(s[..i].chars().count()),
            _ => {
                kept.pop();
            }
        }
    }
}

/// One line of text as an SVG `<text>` element.
fn text_element(text: &str, x: f32, y: f32, size: f32, weight: u16, fill: u32) -> String {
    format!(
        "<text x=\"{x}\" y=\"{y}\" font-family=\"{FAMILY}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"#{fill:06x}\">{}</text>",
        escape(text)
    )
}

/// `text` without the characters no card can show nor XML hold (controls, U+FFFE, U+FFFF).
fn drawable(text: &str) -> String {
    text.chars()
        .filter(|&c| !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}'))
        .collect()
}

/// Text as XML character data (see [`drawable`]).
fn escape(text: &str) -> String {
    drawable(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_is_cut_at_three_lines_with_an_ellipsis() {
        let title = "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn tổ chức lễ phát động đợt thi đua đặc biệt chào mừng kỷ niệm 05 năm ngày thành lập với nhiều hoạt động thiết thực";
        let (size, lines) = fit_title(title);
        assert_eq!(size, 48.0);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[2].ends_with('…'), "{lines:?}");
        for l in &lines {
            assert!(Metrics::bold().width(l, size) <= TEXT_WIDTH, "{l}");
        }
    }

    #[test]
    fn a_short_title_keeps_the_largest_size() {
        let (size, lines) = fit_title("Kết quả");
        assert_eq!((size, lines), (64.0, vec!["Kết quả".to_string()]));
    }

    #[test]
    fn a_long_site_name_shrinks_to_one_line_or_splits_evenly() {
        let (size, lines) = fit_name("Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn");
        assert_eq!(lines.len(), 1);
        assert!(size < NAME_SIZE);
        let long =
            "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn và các đơn vị phối hợp thực hiện";
        let (_, lines) = fit_name(long);
        assert_eq!(lines.len(), 2, "{lines:?}");
        let (a, b) = (lines[0].chars().count(), lines[1].chars().count());
        assert!(a.abs_diff(b) < 20, "{lines:?}");
    }

    #[test]
    fn a_word_wider_than_a_line_is_cut_between_letters() {
        let word = "Đ".repeat(80);
        let lines = wrap(Metrics::bold(), &word, 64.0, TEXT_WIDTH, 10);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn markup_in_a_title_is_text() {
        let svg = background_svg("a<b&c.gov.vn");
        assert!(svg.contains(">a&lt;b&amp;c.gov.vn</text>"), "{svg}");
        let drawn = |title: &str| -> Vec<String> {
            layout(&CardText {
                title: title.into(),
                site_name: "Tên".into(),
                address: "example.gov.vn".into(),
            })
            .lines
            .into_iter()
            .map(|l| l.text)
            .collect()
        };
        assert_eq!(drawn("A < B & \"C\""), ["Tên", "A < B & \"C\""]);
        assert_eq!(drawn("Tab\tvà\u{8}\u{FFFE}"), ["Tên", "Tab và"]);
    }
}
