//! Unit tests of table reading: numbers in both notations, dates, delimiters, encodings,
//! headers of several rows, column types and cell references.

use super::columns::read_date;
use super::csv_text::{Encoding, decode, delimiter};
use super::*;

fn csv(text: &str) -> Table {
    let mut tables = read(text.as_bytes(), "content/_data/t.csv").expect("a table");
    tables.remove(0)
}

#[test]
fn numbers_read_in_each_notation() {
    assert_eq!(read_number("520"), (Some(520.0), Some(520.0)));
    assert_eq!(read_number("1.234"), (Some(1234.0), Some(1.234)));
    assert_eq!(read_number("1.234.567"), (Some(1_234_567.0), None));
    assert_eq!(read_number("98,5"), (Some(98.5), None));
    assert_eq!(read_number("1.234,5"), (Some(1234.5), None));
    assert_eq!(read_number("12.5"), (None, Some(12.5)));
    assert_eq!(read_number("1,234.5"), (None, Some(1234.5)));
    assert_eq!(read_number("-3"), (Some(-3.0), Some(-3.0)));
    assert_eq!(read_number("99,5%"), (Some(99.5), None));
    assert_eq!(read_number("1 234"), (Some(1234.0), Some(1234.0)));
    for word in ["", "abc", "1.2.3", "12,34,5", "07/2023", "-", "1..2"] {
        assert_eq!(read_number(word), (None, None), "{word}");
    }
}

#[test]
fn dates_read_in_vietnamese_and_iso_order() {
    assert_eq!(read_date("31/07/2023").as_deref(), Some("2023-07-31"));
    assert_eq!(read_date("1/7/2023").as_deref(), Some("2023-07-01"));
    assert_eq!(read_date("2023-07-31").as_deref(), Some("2023-07-31"));
    assert_eq!(
        read_date("2023-07-31T08:00:00").as_deref(),
        Some("2023-07-31")
    );
    for not in ["31/02/2023", "07/2023", "2023-07", "31/07/23", "hôm nay"] {
        assert_eq!(read_date(not), None, "{not}");
    }
}

#[test]
fn the_delimiter_is_the_one_the_header_uses_most() {
    assert_eq!(delimiter("a,b,c\n1;2"), b',');
    assert_eq!(delimiter("a;b;c\n"), b';');
    assert_eq!(delimiter("a\tb\n"), b'\t');
    assert_eq!(delimiter("\"a;b\",c\n"), b',');
    assert_eq!(delimiter("a\n"), b',');
}

#[test]
fn encodings_are_detected() {
    let (text, enc) = decode("\u{feff}Đơn vị".as_bytes(), "f").expect("utf-8");
    assert_eq!((text.as_str(), enc), ("Đơn vị", Encoding::Utf8));
    // "Đơn vị" in Windows-1258: Đ, ơ, n, space, v, i + combining dot below.
    let (text, enc) = decode(&[0xD0, 0xF5, b'n', b' ', b'v', b'i', 0xF2], "f").expect("1258");
    assert_eq!((text.as_str(), enc), ("Đơn vị", Encoding::Windows1258));
    let mut be = vec![0xFE, 0xFF];
    be.extend("Tháng".encode_utf16().flat_map(u16::to_be_bytes));
    let (text, enc) = decode(&be, "f").expect("utf-16 be");
    assert_eq!((text.as_str(), enc), ("Tháng", Encoding::Utf16));
    let no_bom: Vec<u8> = "Tháng;Số"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let err = decode(&no_bom, "f").expect_err("utf-16 without a BOM");
    assert!(
        err.to_string()
            .contains("UTF-16 without its byte order mark"),
        "{err}"
    );
}

#[test]
fn a_header_of_two_rows_names_columns_by_group() {
    let t = csv("Báo cáo\nĐơn vị,Đã giải quyết,,\n,Tổng số,Trước hạn,Quá hạn\nA,10,8,2\n");
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Đơn vị",
            "Đã giải quyết / Tổng số",
            "Đã giải quyết / Trước hạn",
            "Đã giải quyết / Quá hạn"
        ]
    );
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].number, 4);
    assert_eq!(t.column("Quá hạn"), Some(3));
    assert_eq!(t.column("da giai quyet / tong so"), Some(1));
    // "Tổng số" alone is not enough when two groups have one; here only one has.
    assert_eq!(t.column("Tổng số"), Some(1));
    assert_eq!(
        t.closest_column("Quá hạn trả"),
        Some("Đã giải quyết / Quá hạn")
    );
}

#[test]
fn columns_take_a_type_from_all_their_cells() {
    let t = csv("Tên,Số,Ngày,Trống,Tỷ lệ\nA,3.000,31/07/2023,,\"98,5\"\nB,520,01/08/2023,-,100\n");
    let kinds: Vec<Kind> = t.columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Text,
            Kind::Number,
            Kind::Date,
            Kind::Empty,
            Kind::Number
        ]
    );
    assert_eq!(t.rows[0].cells[1], Cell::Number(3000.0));
    assert_eq!(t.rows[0].cells[4], Cell::Number(98.5));
    assert_eq!(t.rows[1].cells[2], Cell::Date("2023-08-01".into()));
    assert_eq!(t.rows[1].cells[3], Cell::Empty);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
}

#[test]
fn plain_notation_is_read_as_plain() {
    let t = csv("Tên,Tỷ lệ,Số\nA,98.5,1.260\nB,100,2.310\n");
    assert_eq!(t.columns[1].notation, Some(Notation::Plain));
    // The other column reads both ways; the table's notation decides.
    assert_eq!(t.rows[0].cells[2], Cell::Number(1.26));
}

#[test]
fn problems_are_located_at_their_cell() {
    let t = csv("Tên,Số\nA,1\nB,x\nC,3\n");
    assert_eq!(t.problems.len(), 1);
    assert_eq!(
        t.problems[0].to_string(),
        "content/_data/t.csv:3:2: data: \"x\" is not a number, in the column of numbers \"Số\" (write the figure, or leave the cell empty if there is none)"
    );
    // Lines ended the Windows way (Excel's exports) are counted the same.
    let crlf = csv("Tên,Số\r\nA,1\r\nB,x\r\nC,3\r\n");
    assert_eq!(crlf.problems[0].to_string(), t.problems[0].to_string());
    let mixed = csv("Tên,Số\nA,\"1,5\"\nB,2.5\n");
    assert!(
        mixed.problems[0]
            .to_string()
            .contains("mixes two ways of writing numbers"),
        "{:?}",
        mixed.problems
    );
    let twice = csv("Tên,Tên\nA,B\n");
    assert!(
        twice.problems[0]
            .to_string()
            .contains("two columns are named")
    );
}

#[test]
fn cell_references_are_as_users_find_them() {
    assert_eq!(letters(1), "A");
    assert_eq!(letters(26), "Z");
    assert_eq!(letters(27), "AA");
    assert_eq!(letters(703), "AAA");
    let mut t = csv("a,b\n1x,2x\n");
    assert_eq!(t.cell_ref(2, 1), "content/_data/t.csv:2:2");
    t.place = Place::Sheet("Tổng hợp".into());
    assert_eq!(t.cell_ref(7, 1), "content/_data/t.csv: Tổng hợp!B7");
}

#[test]
fn too_large_or_empty_tables_are_refused() {
    let big = vec![b'a'; MAX_TABLE_BYTES + 1];
    let err = read(&big, "content/_data/t.csv").expect_err("too large");
    assert!(
        err[0]
            .to_string()
            .contains("thidua reads tables up to 32 MB")
    );
    let err = read(b"\n\n", "content/_data/t.csv").expect_err("empty");
    assert!(err[0].to_string().contains("the table is empty"));
    let many = "a,b\n".repeat(MAX_CELLS / 2 + 1);
    let err = read(many.as_bytes(), "content/_data/t.csv").expect_err("too many cells");
    assert!(err[0].to_string().contains("more than 1000000 cells"));
}

#[test]
fn sheet_keys_are_slugs_with_underscores() {
    assert_eq!(sheet_key("Tháng 7/2023"), "thang_7_2023");
    assert_eq!(sheet_key("Tổng hợp"), "tong_hop");
    assert_eq!(stem("content/_data/mot_cua_2023.csv"), "mot_cua_2023");
    assert!(is_table("a.XLSX") && is_table("b.csv") && !is_table("c.yaml"));
}
