//! Issue 17, numbers and tables that cannot be misread: Vietnamese numbers in the fields of a
//! ratio, and table files that cannot be read, are clear errors (never a panic, never a huge
//! allocation).

use crate::support::{TestSite, text};

/// Issue 17's "numbers that cannot be misread" in the fields of a ratio (a target's value, a
/// reported value), beside the counts tested in all_errors.rs: `98,5` and `1.234.567` are
/// located errors with the number to write, in both languages; `3.000` as a target of a
/// counted indicator too.
#[test]
fn vietnamese_numbers_in_ratio_fields_are_located_errors() {
    let s = TestSite::new();
    s.write(
        "content/_data/results.yaml",
        "schema_version: 1\ncampaign: {id: c, name: \"Đợt thi đua\"}\nindicators:\n\
         \x20 - id: a\n    name: \"Tỷ lệ\"\n    group: khac\n    unit: \"%\"\n    targets:\n\
         \x20     - metric: value\n        op: \">=\"\n        value: 98,5\n\
         \x20   formula: {type: ratio, numerator: dung_han, denominator: tong, scale: 100}\n\
         \x20   total:\n      counts: {tong: 100, dung_han: 99}\n      value: 1.234.567\n\
         \x20 - id: b\n    name: \"Số tin, bài\"\n    group: khac\n    unit: \"tin, bài\"\n\
         \x20   targets: [{metric: value, op: \">=\", value: 3.000}]\n\
         \x20   formula: {type: count, field: so_tin_bai}\n    total: {counts: {so_tin_bai: 3500}}\n",
    );
    let out = s.cli(&["build", "--lang", "en"]);
    let (_, err) = text(&out);
    for expected in [
        "content/_data/results.yaml:11:16: data: \"indicators[0].targets[0].value\" must be a number, found the text \"98,5\" (write the decimal with a point: 98.5)",
        "content/_data/results.yaml:15:14: data: \"indicators[0].total.value\" must be a number, found the text \"1.234.567\" (write 1234567 without the dots between thousands)",
        "content/_data/results.yaml:20:48: data: indicators[1].targets[0].value: the value is written \"3.000\": YAML reads the dot as a decimal point, not as thousands (write 3000 for thousands, or 3 for a decimal)",
    ] {
        assert!(err.contains(expected), "{err}");
    }
    let out = s.cli(&["build", "--lang", "vi"]);
    let (_, err) = text(&out);
    assert!(
        err.contains("(hãy viết phần thập phân bằng dấu chấm: 98.5)"),
        "{err}"
    );
    assert!(
        err.contains("(hãy viết 1234567, không có dấu chấm giữa các hàng nghìn)"),
        "{err}"
    );
    assert!(
        err.contains("(hãy viết 3000 nếu là hàng nghìn, hoặc 3 nếu là số thập phân)"),
        "{err}"
    );
}

/// What cannot be read is an error, never a panic nor a huge allocation: a value in the last
/// column of a sheet, a file that is not a workbook, bytes that are not text.
#[test]
fn unreadable_or_oversized_tables_are_clear_errors() {
    let site = TestSite::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Đơn vị").unwrap();
    sheet.write_string(1_048_575, 16_383, "xa").unwrap();
    site.write_bytes("content/_data/xa.xlsx", &book.save_to_buffer().unwrap());
    site.write_bytes("content/_data/hong.xlsx", b"PK\x03\x04 not a workbook");
    site.write_bytes("content/_data/rac.csv", &[0xFF, 0xFE, 0x00, 0xD8, b'a']);
    let errors = site.build_errors();
    assert!(
        errors.iter().any(|e| e.starts_with("content/_data/xa.xlsx: data: the sheet \"Sheet1\" has a value in column XFD; thidua reads up to 1000 columns")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("content/_data/hong.xlsx: data: cannot be read as a spreadsheet: ")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with(
            "content/_data/rac.csv: data: the file says it is UTF-16 but holds bytes that are not"
        )),
        "{errors:?}"
    );
}

#[test]
fn a_table_named_like_another_data_file_is_an_error() {
    let site = TestSite::new();
    site.write(
        "content/_data/results.yaml",
        "schema_version: 1\ncampaign: {id: c, name: \"Đợt\"}\nindicators: []\n",
    );
    site.write("content/_data/results.csv", "Đơn vị;Số\nA;1\n");
    let errors = site.build_errors();
    assert_eq!(
        errors,
        [
            "content/_data/results.csv: data: has the same name as content/_data/results.yaml: templates would see only one of them as data.results (rename one of them)"
        ]
    );
}
