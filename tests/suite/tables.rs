//! Issue 17, tables as data: a CSV export (UTF-8 with a BOM, Windows-1258, UTF-16) or a workbook
//! made here feeds the bundled site's indicators, and the Kết quả page, the open data and the
//! home page show the figures computed from it; a word in a column of numbers, an ambiguous
//! column and a table without a header are errors at their cell, in both languages.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::support::{TestSite, text};

/// The bundled site (config, content, theme) in a temporary folder, its sample export removed.
fn bundled_copy() -> TestSite {
    let site = TestSite::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("site.yaml"), site.root().join("site.yaml")).unwrap();
    for dir in ["content", "themes"] {
        copy_tree(&root.join(dir), &site.root().join(dir));
    }
    std::fs::remove_file(site.root().join("content/_data/mot_cua_2023.csv")).unwrap();
    site
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The export's two header rows, as the one-stop system writes them (a group over its columns).
const HEADER: [[&str; 12]; 2] = [
    [
        "STT",
        "Đơn vị",
        "Tháng",
        "Số hồ sơ nhận giải quyết",
        "",
        "",
        "",
        "Số hồ sơ đã giải quyết",
        "",
        "",
        "",
        "Tỷ lệ trước hạn và đúng hạn (%)",
    ],
    [
        "",
        "",
        "",
        "Tổng số",
        "Trực tuyến",
        "Trực tiếp",
        "Dịch vụ bưu chính công ích",
        "Tổng số",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "",
    ],
];

/// Rows: unit, month, then received (total, online, counter, post), resolved (total, early,
/// on time, late), the rate as the export prints it. Resolved: 2000, of which 20 late
/// (99,00%: "Không đạt" against "> 99%"); received 2000, of which 1600 online (80%: "Đạt").
const ROWS: [(&str, &str, [u32; 8], &str); 4] = [
    (
        "Sở Tư pháp",
        "07/2023",
        [1000, 800, 150, 50, 1000, 600, 395, 5],
        "99,5",
    ),
    (
        "Sở Xây dựng",
        "08/2023",
        [500, 400, 90, 10, 500, 300, 195, 5],
        "99",
    ),
    (
        "Sở Tư pháp",
        "09/2023",
        [300, 250, 40, 10, 300, 200, 95, 5],
        "98,33",
    ),
    (
        "Sở Xây dựng",
        "Tháng 10/2023",
        [200, 150, 40, 10, 200, 100, 95, 5],
        "97,5",
    ),
];

/// `1.000`: how Excel on Vietnamese Windows writes a thousand in CSV.
fn vi(n: u32) -> String {
    if n >= 1000 {
        format!("{}.{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

/// The export as CSV text (`;`-separated, CRLF), with its title rows and its total row.
pub(crate) fn export_csv() -> String {
    let mut lines = vec![
        "DỮ LIỆU KIỂM THỬ - TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ;;;;;;;;;;;".to_string(),
        HEADER[0].join(";"),
        HEADER[1].join(";"),
    ];
    let mut total = [0u32; 8];
    for (i, (unit, month, figures, rate)) in ROWS.iter().enumerate() {
        let cells: Vec<String> = figures.iter().map(|&n| vi(n)).collect();
        for (t, n) in total.iter_mut().zip(figures) {
            *t += n;
        }
        lines.push(format!(
            "{};{unit};{month};{};{rate}",
            i + 1,
            cells.join(";")
        ));
    }
    let cells: Vec<String> = total.iter().map(|&n| vi(n)).collect();
    lines.push(format!(";Tổng cộng;;{};99", cells.join(";")));
    lines.join("\r\n") + "\r\n"
}

/// `text` in Windows-1258 as Excel writes it: tone marks as combining characters after the
/// base letter (ô, ơ, ư, ă, â, ê, đ stay precomposed, as the code page has them).
fn windows_1258(text: &str) -> Vec<u8> {
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut split = String::new();
    for c in text.chars() {
        let d: String = c.to_string().nfd().collect();
        let tone: String = d.chars().filter(|c| tones.contains(c)).collect();
        let base: String = d
            .chars()
            .filter(|c| !tones.contains(c))
            .collect::<String>()
            .nfc()
            .collect();
        split.push_str(&base);
        split.push_str(&tone);
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&split);
    assert!(!unmappable, "the test text has a letter Windows-1258 lacks");
    bytes.into_owned()
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    bytes
}

/// The export as a workbook: number cells, its sheet "Tổng hợp" first, another sheet after.
pub(crate) fn export_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tổng hợp").unwrap();
    for (r, row) in HEADER.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            sheet.write_string(r as u32 + 2, c as u16, *cell).unwrap();
        }
    }
    sheet.write_string(0, 0, "DỮ LIỆU KIỂM THỬ").unwrap();
    for (i, (unit, month, figures, _)) in ROWS.iter().enumerate() {
        let r = i as u32 + 4;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, *unit).unwrap();
        sheet.write_string(r, 2, *month).unwrap();
        for (c, n) in figures.iter().enumerate() {
            sheet.write_number(r, c as u16 + 3, f64::from(*n)).unwrap();
        }
    }
    let other = book.add_worksheet();
    other.set_name("Ghi chú").unwrap();
    other.write_string(0, 0, "Nội dung").unwrap();
    other.write_string(0, 1, "Ngày").unwrap();
    other.write_string(1, 0, "Số liệu mẫu").unwrap();
    other.write_string(1, 1, "31/10/2023").unwrap();
    book.save_to_buffer().unwrap()
}

/// The figures of the export, checked where the public sees them.
fn assert_figures_shown(site: &TestSite) {
    let overview = site.read("ket-qua/index.html");
    let row = &overview[overview.find(r#"<tr id="ho-so-dung-han">"#).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("99,00%"), "{row}");
    assert!(row.contains("status-khong-dat"), "{row}");
    let csv = site.read("ket-qua/results.csv");
    assert!(
        csv.contains("ho-so-dung-han,Tỷ lệ hồ sơ trả đúng hạn và trước hạn,tien-do-ket-qua,%,total,,,1980,2000,99,> 99%,Không đạt,true"),
        "{csv}"
    );
    assert!(
        csv.contains(",don-vi,so-xay-dung,Sở Xây dựng,690,700,"),
        "{csv}"
    );
    assert!(
        csv.contains("ho-so-truc-tuyen,") && csv.contains(",total,,,1600,2000,80,"),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("ket-qua/results.json")).unwrap();
    let first = &json["indicators"][0];
    assert_eq!(first["id"], "ho-so-dung-han");
    assert_eq!(first["total"]["counts"]["da_giai_quyet"], 2000.0);
    assert_eq!(first["status"], "khong-dat");
    let months: Vec<&str> = first["series"]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2023-07", "2023-08", "2023-09", "2023-10"]);
    let home = site.read("index.html");
    let kpi = &home[home.find("/ket-qua/ho-so-dung-han/").unwrap()..];
    let kpi = &kpi[..kpi.find("</li>").unwrap()];
    assert!(kpi.contains("99,00%") && kpi.contains("Không đạt"), "{kpi}");
}

#[test]
fn a_utf8_csv_with_a_bom_feeds_the_indicators() {
    let site = bundled_copy();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(export_csv().as_bytes());
    site.write_bytes("content/_data/mot_cua_2023.csv", &bytes);
    site.build();
    assert_figures_shown(&site);
}

#[test]
fn the_same_csv_in_windows_1258_gives_the_same_figures() {
    let site = bundled_copy();
    let bytes = windows_1258(&export_csv());
    assert!(std::str::from_utf8(&bytes).is_err());
    site.write_bytes("content/_data/mot_cua_2023.csv", &bytes);
    site.build();
    assert_figures_shown(&site);
}

#[test]
fn a_utf16_csv_with_tabs_gives_the_same_figures() {
    let site = bundled_copy();
    let tabbed = export_csv().replace(';', "\t");
    site.write_bytes("content/_data/mot_cua_2023.csv", &utf16le(&tabbed));
    site.build();
    assert_figures_shown(&site);
}

#[test]
fn a_workbook_feeds_the_indicators_and_every_sheet_is_data() {
    let site = bundled_copy();
    site.write_bytes("content/_data/mot_cua_2023.xlsx", &export_xlsx());
    site.build();
    assert_figures_shown(&site);
}

/// The export with `cell` written at row `row` (0-based, among the data rows) and column `col`.
fn export_with(row: usize, col: usize, cell: &str) -> String {
    let csv = export_csv();
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let mut cells: Vec<String> = lines[3 + row].split(';').map(str::to_string).collect();
    cells[col] = cell.to_string();
    lines[3 + row] = cells.join(";");
    lines.join("\n")
}

#[test]
fn a_word_in_a_column_of_numbers_is_an_error_at_its_cell_and_at_the_mapping() {
    let site = bundled_copy();
    // Row 6 of the file (title, two header rows, then data), column 11 (K): "Quá hạn".
    site.write("content/_data/mot_cua_2023.csv", &export_with(2, 10, "năm"));
    let out = site.cli(&["build", "--lang", "en"]);
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/_data/mot_cua_2023.csv:6:11: data: \"năm\" is not a number, in the column of numbers \"Số hồ sơ đã giải quyết / Quá hạn\" (write the figure, or leave the cell empty if there is none)"),
        "{err}"
    );
    assert!(
        err.contains("content/_data/results.yaml:71:18: data: indicators[0].from_table.counts.qua_han: content/_data/mot_cua_2023.csv:6:11: \"năm\" in the column \"Số hồ sơ đã giải quyết / Quá hạn\" is not a number"),
        "{err}"
    );
    let out = site.cli(&["build", "--lang", "vi"]);
    let (_, err) = text(&out);
    assert!(
        err.contains("content/_data/mot_cua_2023.csv:6:11: data: \"năm\" không phải là số, trong cột số liệu \"Số hồ sơ đã giải quyết / Quá hạn\""),
        "{err}"
    );
    assert!(
        err.contains("content/_data/results.yaml:71:18: data: indicators[0].from_table.counts.qua_han: content/_data/mot_cua_2023.csv:6:11: \"năm\" trong cột"),
        "{err}"
    );
}

#[test]
fn a_word_in_a_workbook_is_located_at_its_sheet_and_cell() {
    let site = bundled_copy();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tổng hợp").unwrap();
    for (c, name) in ["Đơn vị", "Đã giải quyết"].iter().enumerate() {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    for r in 1..=5u32 {
        sheet.write_string(r, 0, "Sở Tư pháp").unwrap();
        sheet.write_number(r, 1, 10.0).unwrap();
    }
    sheet.write_string(4, 1, "không rõ").unwrap();
    site.write_bytes(
        "content/_data/bao_cao.xlsx",
        &book.save_to_buffer().unwrap(),
    );
    let errors = site.build_errors();
    assert!(
        errors.iter().any(|e| e == "content/_data/bao_cao.xlsx: data: Tổng hợp!B5: \"không rõ\" is not a number, in the column of numbers \"Đã giải quyết\" (write the figure, or leave the cell empty if there is none)"),
        "{errors:?}"
    );
}

#[test]
fn an_unknown_column_or_table_is_located_in_results_yaml() {
    let site = bundled_copy();
    site.write("content/_data/mot_cua_2023.csv", &export_csv());
    let path = site.root().join("content/_data/results.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let yaml = yaml.replacen("\"Trực tiếp\"", "\"Tiếp nhận trực tiếp\"", 1);
    let yaml = yaml.replacen("table: mot_cua_2023", "table: mot_cua_2024", 1);
    std::fs::write(&path, yaml).unwrap();
    let errors = site.build_errors();
    assert!(
        errors.iter().any(|e| e.starts_with("content/_data/results.yaml:67:14: data: indicators[0].from_table.table: there is no table \"mot_cua_2024\" in content/_data/ (did you mean \"mot_cua_2023\"?)")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e == "content/_data/results.yaml:157:20: data: indicators[3].from_table.counts.truc_tiep: the table mot_cua_2023 has no column \"Tiếp nhận trực tiếp\" (did you mean \"Số hồ sơ nhận giải quyết / Trực tiếp\"?)"),
        "{errors:?}"
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn columns_decide_their_notation_from_all_their_cells() {
    // Counts with dots between thousands and a decimal comma elsewhere: Vietnamese notation.
    let site = TestSite::new();
    site.write(
        "content/_data/so_lieu.csv",
        "Đơn vị,Đã giải quyết,Tỷ lệ\nA,3.000,\"98,5\"\nB,520,100\n",
    );
    site.build();
    // A column that reads 1.260 both ways, with nothing else to decide: an error with a hint.
    let site = TestSite::new();
    site.write(
        "content/_data/so_lieu.csv",
        "Đơn vị;Đã giải quyết\nA;1.260\nB;2.310\n",
    );
    let out = site.cli(&["build", "--lang", "en"]);
    let (_, err) = text(&out);
    assert!(
        err.contains("content/_data/so_lieu.csv:2:2: data: the column \"Đã giải quyết\" can be read two ways: \"1.260\" is 1.260 with dots between thousands, or 1,26 with a decimal point (write the numbers of the whole column without dots between thousands (1260), or with a decimal comma (1,26))"),
        "{err}"
    );
    let out = site.cli(&["build", "--lang", "vi"]);
    let (_, err) = text(&out);
    assert!(
        err.contains(
            "content/_data/so_lieu.csv:2:2: data: cột \"Đã giải quyết\" đọc được theo hai cách"
        ),
        "{err}"
    );
}

#[test]
fn a_table_without_a_header_row_is_an_error() {
    let site = TestSite::new();
    site.write("content/_data/so_lieu.csv", "1;520;3\n2;610;4\n");
    let errors = site.build_errors();
    assert_eq!(
        errors,
        [
            "content/_data/so_lieu.csv:1:1: data: no header row: the first row holds the value \"1\", not a column's name (add a first row that names each column, e.g. \"Đơn vị\", \"Tháng\", \"Đã giải quyết\")"
        ]
    );
}

#[test]
fn tables_are_template_data_by_stem_and_sheet() {
    let site = TestSite::new();
    site.write(
        "content/_data/so_lieu.csv",
        "Đơn vị;Đã giải quyết;Tỷ lệ;Ngày;Ghi chú\nA;3.000;98,5;31/07/2023;\nB;520;100;2023-08-01;-\n",
    );
    site.write_bytes("content/_data/bao_cao.xlsx", &export_xlsx());
    site.page("content/a.md", "title: A", "");
    site.write(
        "templates/page.html",
        "{% for row in data.so_lieu %}{{ row['Đơn vị'] }}={{ row['Đã giải quyết'] * 2 }},{{ row['Tỷ lệ'] }},{{ row['Ngày'] }},{{ row['Ghi chú'] }};{% endfor %}\
         |{{ data.bao_cao[0]['Đơn vị'] }}|{{ data['bao_cao.ghi_chu'][0]['Ngày'] }}|{{ data['bao_cao.tong_hop'] | length }}",
    );
    site.build();
    assert_eq!(
        site.read("a/index.html"),
        "A=6000,98.5,2023-07-31,;B=1040,100,2023-08-01,;|Sở Tư pháp|2023-10-31|4"
    );
}

/// In `serve`: a new export dropped into content/_data/ is a data change (a full rebuild), and
/// the rebuilt site shows its figures.
#[test]
fn a_new_export_in_serve_rebuilds_the_figures() {
    use thidua::serve::watch::{Change, classify};
    let site = bundled_copy();
    let (root, out) = (site.root(), site.public());
    for name in ["mot_cua_2023.csv", "mot_cua_2023.xlsx"] {
        let path = root.join("content/_data").join(name);
        assert_eq!(classify(&path, root, &out), Some(Change::Data), "{name}");
    }
    let csv = root.join("content/_data/mot_cua_2023.csv");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/_data/mot_cua_2023.csv"),
        &csv,
    )
    .unwrap();
    let (mut session, _) = thidua::Session::start(&site.options()).unwrap();
    assert!(
        site.read("ket-qua/results.csv")
            .contains(",total,,,9601,9640,")
    );
    site.write("content/_data/mot_cua_2023.csv", &export_csv());
    session.update(&[csv]).unwrap();
    assert_figures_shown(&site);
}
