//! Kết quả on paper: the bundled site's results page printed to PDF by chromium (A4, the
//! theme's print CSS) is a compact report: the overview table, then one block per indicator
//! (figures, target, status, its breakdown by unit and by month), at most ten pages, each but
//! the last at least a third full, each headed by the page's address and the print date and
//! numbered, and text that extracts as whole words.
//!
//! The PDF is read with poppler-utils (`pdftotext` for the text, `pdftoppm` to render each page
//! and measure how far down its ink reaches). Needs the browser tools of the quality tests and
//! poppler-utils; skips without them, and fails with CI=true.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::quality::{self, PageJob};

/// At most this many A4 pages for the bundled data.
const MAX_PAGES: usize = 10;
/// Every page but the last is filled at least this far down its printable area.
const MIN_FILL: f64 = 1.0 / 3.0;
/// The theme's A4 margins (style.css, `@page`), in mm: the page numbers live in the bottom one.
const PAGE_MM: f64 = 297.0;
const TOP_MM: f64 = 14.0;
const BOTTOM_MM: f64 = 15.0;

/// The results page printed once per test process: the PDF, or None when the tools are missing
/// (the test has then said so and returns).
fn printed() -> Option<&'static Path> {
    static PDF: OnceLock<Option<PathBuf>> = OnceLock::new();
    PDF.get_or_init(|| {
        if !quality::require_browser()
            || !crate::support::tool_available("pdftotext", &["-v"])
            || !crate::support::tool_available("pdftoppm", &["-v"])
        {
            return None;
        }
        let site = quality::site();
        let url = site.url("ket-qua/");
        let pdf = crate::support::process_dir("print").join("ket-qua.pdf");
        let result = quality::browse(&[PageJob {
            url: url.clone(),
            width: 1280,
            height: 900,
            screenshot_path: None,
            run_axe: false,
            measure_layout: false,
            pdf_path: Some(pdf.clone()),
        }]);
        let page = &result.pages[0];
        assert!(page.error.is_none(), "{url}: {:?}", page.error);
        assert!(page.pdf.is_some(), "browser-check wrote no PDF of {url}");
        Some(pdf)
    })
    .as_deref()
}

/// The text of the PDF (pages `first..=last`, or all), laid out as printed (a table row on one line).
fn pdf_text(pdf: &Path, pages: Option<(usize, usize)>) -> String {
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-layout", "-enc", "UTF-8"]);
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).expect("pdftotext -enc UTF-8 writes UTF-8")
}

/// Whitespace collapsed to single spaces (lines joined).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How far down each page's printable area its ink reaches (0 to 1), from each page rendered
/// in grey at 30 dpi; what is in the margins (the page numbers) does not count. Measured once
/// per process: the tests run side by side and would otherwise render into (and clear) the
/// same folder at once.
fn fills(pdf: &Path) -> Vec<f64> {
    static FILLS: OnceLock<Vec<f64>> = OnceLock::new();
    FILLS.get_or_init(|| measure_fills(pdf)).clone()
}

fn measure_fills(pdf: &Path) -> Vec<f64> {
    let dir = pdf.with_extension("pages");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("pages dir");
    let status = Command::new("pdftoppm")
        .args(["-r", "30", "-gray"])
        .arg(pdf)
        .arg(dir.join("p"))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("pages")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| fill_of_pgm(&std::fs::read(f).expect("page image")))
        .collect()
}

/// The fill of one page image (binary PGM, `P5`, as pdftoppm writes it).
fn fill_of_pgm(pgm: &[u8]) -> f64 {
    // Header: "P5", width, height, maxval, each followed by whitespace, then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(
            std::str::from_utf8(&pgm[start..at])
                .expect("PGM header")
                .to_owned(),
        );
    }
    assert_eq!(fields[0], "P5", "not a binary PGM");
    let width: usize = fields[1].parse().expect("width");
    let height: usize = fields[2].parse().expect("height");
    let pixels = &pgm[at + 1..];
    let top = (TOP_MM / PAGE_MM * height as f64).ceil() as usize;
    let bottom = height - (BOTTOM_MM / PAGE_MM * height as f64).ceil() as usize;
    let inked = |y: usize| pixels[y * width..(y + 1) * width].iter().any(|&p| p < 200);
    let last = (top..bottom)
        .rev()
        .find(|&y| inked(y))
        .map_or(top, |y| y + 1);
    (last - top) as f64 / (bottom - top) as f64
}

#[test]
fn the_results_page_says_where_it_was_printed_from() {
    let site = quality::site();
    let html = std::fs::read_to_string(site.public.join("ket-qua/index.html")).expect("ket-qua");
    let url = site.url("ket-qua/");
    assert!(
        html.contains(&format!(
            r#"<p class="print-meta wrap">Bản in từ trang <a href="{url}">{url}</a>"#
        )),
        "no print line with the page's address:\n{html}"
    );
    assert!(html.contains(r#"class="print-date""#), "{html}");
}

#[test]
fn the_results_page_prints_as_a_compact_a4_report() {
    let Some(pdf) = printed() else { return };
    let fills = fills(pdf);
    let pages = fills.len();
    let shown: Vec<String> = fills.iter().map(|f| format!("{:.0}%", f * 100.0)).collect();
    eprintln!(
        "ket-qua/ prints on {pages} A4 pages, filled {} ({})",
        shown.join(", "),
        pdf.display()
    );
    assert!(
        (1..=MAX_PAGES).contains(&pages),
        "Kết quả prints on {pages} A4 pages (at most {MAX_PAGES}): {}",
        pdf.display()
    );
    for (k, fill) in fills.iter().enumerate().take(pages - 1) {
        assert!(
            *fill >= MIN_FILL,
            "page {} of {pages} is only {:.0}% full (every page but the last at least a third): {}",
            k + 1,
            fill * 100.0,
            pdf.display()
        );
    }
}

#[test]
fn the_printed_report_has_a_block_per_indicator_in_whole_words() {
    let Some(pdf) = printed() else { return };
    let text = words(&pdf_text(pdf, None));
    let site = quality::site();
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.public.join("ket-qua/results.json")).expect("json"),
    )
    .expect("results.json");
    let indicators = json["indicators"].as_array().expect("indicators");
    // The overview, then the blocks: each indicator's name (whole words: a letter drawn from
    // another font would split "tỉnh" into "t ỉ nh") and one assessment line each.
    let details = text
        .find("Chi tiết từng chỉ tiêu")
        .unwrap_or_else(|| panic!("no per-indicator part in the printed report:\n{text}"));
    assert!(text[..details].contains("Bảng tổng hợp kết quả"), "{text}");
    for ind in indicators {
        let name = ind["name"].as_str().expect("name");
        assert!(
            text[details..].contains(&words(name)),
            "the printed report has no block for {name:?}:\n{text}"
        );
    }
    assert_eq!(
        text[details..].matches("Đánh giá:").count(),
        indicators.len(),
        "one assessment per indicator:\n{text}"
    );
    // A breakdown by unit and one by month, row by row with their statuses.
    for expected in [
        "Sở Tài nguyên và Môi trường 97,59% Không đạt",
        "Tháng 10/2023 99,72% Đạt",
        "Đánh giá: Không đạt (6/7 quầy đạt)",
        "KẾT QUẢ GIẢI QUYẾT",
        "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
}

#[test]
fn every_printed_page_says_its_address_and_the_print_date() {
    let Some(pdf) = printed() else { return };
    let url = quality::site().url("ket-qua/");
    let pages = fills(pdf).len();
    for k in 1..=pages {
        let text = words(&pdf_text(pdf, Some((k, k))));
        // The page's address and the day it was printed (dd/mm/yyyy, filled in at print time),
        // at the head of the page, and its number at the foot.
        let line = text
            .find(&format!("Bản in từ trang {url}, in ngày "))
            .unwrap_or_else(|| {
                panic!("page {k}: no line with the address and the print date:\n{text}")
            });
        let date: String = text[line..]
            .split(", in ngày ")
            .nth(1)
            .expect("date")
            .chars()
            .take(10)
            .collect();
        let shape: String = date
            .chars()
            .map(|c| if c.is_ascii_digit() { 'd' } else { c })
            .collect();
        assert_eq!(shape, "dd/dd/dddd", "page {k}: the print date is {date:?}");
        // Its number, last on the page ("1 / 4", which pdftotext may close up).
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            compact.ends_with(&format!("{k}/{pages}")),
            "page {k} does not end with its number:\n{text}"
        );
    }
}
