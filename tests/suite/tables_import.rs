//! Issue 17, "a mapping saved once": `thidua data import` on an export, from its columns to
//! the mapping written into results.yaml, through the proposal and the preview of statuses;
//! the rest of results.yaml is kept byte for byte (comments, CRLF), nothing is written
//! without a yes, and a results.yaml changed meanwhile is not overwritten.

use std::process::Stdio;

use crate::support::{TestSite, text};

/// A results file with typed figures (99,50%: "Đạt"), comments and Windows line ends.
const RESULTS: &str = "# Số liệu do Phòng Hành chính - Tổng hợp cập nhật.\r\n\
schema_version: 1\r\n\
campaign: {id: c, name: \"Đợt thi đua\"}\r\n\
units:\r\n\
\x20 - {id: so-tu-phap, name: \"Sở Tư pháp\"}\r\n\
\x20 - {id: so-xay-dung, name: \"Sở Xây dựng\"}\r\n\
indicators:\r\n\
\x20 - id: ho-so-dung-han\r\n\
\x20   name: \"Tỷ lệ hồ sơ trả đúng hạn và trước hạn\"   # theo kế hoạch\r\n\
\x20   group: tien-do-ket-qua\r\n\
\x20   unit: \"%\"\r\n\
\x20   targets:\r\n\
\x20     - {metric: value, op: \">\", value: 99, label_vi: \"Trên 99%\"}\r\n\
\x20   formula: {type: ratio, numerator: dung_va_truoc_han, denominator: da_giai_quyet, scale: 100}\r\n\
\x20   total:\r\n\
\x20     # số nhập tay tháng trước\r\n\
\x20     counts: {da_giai_quyet: 1000, dung_va_truoc_han: 995, qua_han: 5}\r\n\
\x20   breakdown:\r\n\
\x20     dimension: don-vi\r\n\
\x20     rows:\r\n\
\x20       - {unit: so-tu-phap, counts: {da_giai_quyet: 600, dung_va_truoc_han: 597, qua_han: 3}}\r\n\
\x20       - {unit: so-xay-dung, counts: {da_giai_quyet: 400, dung_va_truoc_han: 398, qua_han: 2}}\r\n\
\x20   series:\r\n\
\x20     granularity: month\r\n\
\x20     points:\r\n\
\x20       - {period: \"2023-07\", counts: {da_giai_quyet: 250, dung_va_truoc_han: 249, qua_han: 1}}\r\n\
\x20       - {period: \"2023-08\", counts: {da_giai_quyet: 250, dung_va_truoc_han: 248, qua_han: 2}}\r\n\
\x20       - {period: \"2023-09\", counts: {da_giai_quyet: 250, dung_va_truoc_han: 249, qua_han: 1}}\r\n\
\x20       - {period: \"2023-10\", counts: {da_giai_quyet: 250, dung_va_truoc_han: 249, qua_han: 1}}\r\n\
\x20   # Nguồn: Hệ thống một cửa.\r\n\
\x20   source: {name: \"Hệ thống thông tin giải quyết thủ tục hành chính\"}\r\n\
\x20 # Chỉ tiêu sau nhập tay.\r\n\
\x20 - id: tin-bai\r\n\
\x20   name: \"Số tin, bài\"\r\n\
\x20   group: khac\r\n\
\x20   unit: \"tin, bài\"\r\n\
\x20   targets: [{metric: value, op: \">=\", value: 5}]\r\n\
\x20   formula: {type: count, field: so_tin_bai}\r\n\
\x20   total: {counts: {so_tin_bai: 7}}\r\n";

/// What the import writes in place of `total`, `breakdown` and `series`.
const MAPPING: &str = "\x20   from_table:\r\n\
\x20     table: \"bao_cao\"\r\n\
\x20     counts:\r\n\
\x20       dung_va_truoc_han: [\"Số hồ sơ đã giải quyết / Đúng hạn\", \"Số hồ sơ đã giải quyết / Trước hạn\"]\r\n\
\x20       da_giai_quyet: \"Số hồ sơ đã giải quyết / Tổng số\"\r\n\
\x20       qua_han: \"Số hồ sơ đã giải quyết / Quá hạn\"\r\n\
\x20     by_unit: \"Đơn vị\"\r\n\
\x20     by_month: \"Tháng\"\r\n";

/// A site with RESULTS, and the export in a folder outside it (as from Downloads).
fn site_and_export() -> (TestSite, tempfile::TempDir, std::path::PathBuf) {
    let site = TestSite::new();
    site.write("content/_data/results.yaml", RESULTS);
    let downloads = tempfile::tempdir().unwrap();
    let export = downloads.path().join("bao_cao.csv");
    std::fs::write(&export, crate::tables::export_csv()).unwrap();
    (site, downloads, export)
}

fn import(site: &TestSite, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["--lang", "vi", "data", "import"])
        .args(args)
        .current_dir(site.root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let (o, e) = text(&out);
    (out.status.code().unwrap_or(-1), o, e)
}

#[test]
fn an_export_is_mapped_previewed_and_written_when_confirmed() {
    let (site, _downloads, export) = site_and_export();
    let export = export.to_str().unwrap();
    let results = site.root().join("content/_data/results.yaml");

    // Shown, proposed and previewed; nothing written on --dry-run, nor on "n".
    let (code, out, err) = import(&site, &[export, "--dry-run"], "");
    assert_eq!(code, 0, "{err}");
    for line in [
        "content/_data/bao_cao.csv: 5 dòng, 12 cột:",
        "  B  Đơn vị, chữ (văn bản), ví dụ Sở Tư pháp · Sở Xây dựng · Sở Tư pháp",
        "  H  Số hồ sơ đã giải quyết / Tổng số, số, ví dụ 1.000 · 500 · 300",
        "  L  Tỷ lệ trước hạn và đúng hạn (%), số, ví dụ 99,5 · 99 · 98,33",
        "Đề xuất gắn cột (sẽ ghi vào content/_data/results.yaml):",
        "  ho-so-dung-han:",
        "    dung_va_truoc_han lấy từ \"Số hồ sơ đã giải quyết / Đúng hạn\" + \"Số hồ sơ đã giải quyết / Trước hạn\"",
        "    theo đơn vị: \"Đơn vị\"",
        "    theo tháng: \"Tháng\"",
        "Số liệu và kết quả đánh giá sau khi nhập:",
        "  ho-so-dung-han: 99,50% Đạt, sau khi nhập 99,00% Không đạt",
        "Không ghi gì cả (--dry-run).",
    ] {
        assert!(
            out.lines().any(|l| l == line),
            "missing {line:?} in:\n{out}"
        );
    }
    assert_eq!(std::fs::read_to_string(&results).unwrap(), RESULTS);
    let (code, out, _) = import(&site, &[export], "n\n");
    assert_eq!(code, 0);
    assert!(out.contains("Ghi? [c/K] Không ghi gì cả."), "{out}");
    assert_eq!(std::fs::read_to_string(&results).unwrap(), RESULTS);
    assert!(!site.root().join("content/_data/bao_cao.csv").exists());
    // Nobody to answer: exit 2, nothing written.
    let (code, _, err) = import(&site, &[export], "");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("hãy thêm --yes"), "{err}");

    // "c": the export is copied in and the mapping written; every other byte kept.
    let (code, out, err) = import(&site, &[export], "c\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Đã ghi cách gắn cột cho 1 chỉ tiêu"), "{out}");
    let written = std::fs::read_to_string(&results).unwrap();
    let start = RESULTS.find("    total:").unwrap();
    let end = RESULTS.find("    # Nguồn").unwrap();
    assert_eq!(
        written,
        format!("{}{MAPPING}{}", &RESULTS[..start], &RESULTS[end..])
    );
    assert_eq!(
        std::fs::read(site.root().join("content/_data/bao_cao.csv")).unwrap(),
        crate::tables::export_csv().into_bytes()
    );

    // The build shows the export's figures; importing again has nothing to write.
    site.build();
    let json: serde_json::Value = serde_json::from_str(&site.read("ket-qua/results.json")).unwrap();
    assert_eq!(json["indicators"][0]["status"], "khong-dat");
    assert_eq!(
        json["indicators"][0]["total"]["counts"]["da_giai_quyet"],
        2000.0
    );
    let (code, out, _) = import(&site, &[export, "--yes"], "");
    assert_eq!(code, 0);
    assert!(out.contains("Không có gì cần ghi."), "{out}");
    assert!(
        out.contains("Đã lấy số liệu từ bảng này: ho-so-dung-han."),
        "{out}"
    );
}

#[test]
fn a_results_file_changed_meanwhile_is_not_overwritten() {
    let (site, _downloads, export) = site_and_export();
    let tables = thidua::load::data::read_tables(site.root()).unwrap();
    let plan = thidua::campaign::results::plan_import(site.root(), &export, tables).unwrap();
    assert_eq!(plan.proposals.len(), 1);
    let edited = format!("{RESULTS}# sửa tay trong lúc nhập\r\n");
    site.write("content/_data/results.yaml", &edited);
    let err = thidua::campaign::results::write_import(&plan).unwrap_err();
    assert_eq!(
        err.message().to_string(),
        "content/_data/results.yaml changed while the import was being prepared: nothing was written; run the import again"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/_data/results.yaml")).unwrap(),
        edited
    );
    assert!(!site.root().join("content/_data/bao_cao.csv").exists());
}

#[test]
fn a_workbook_is_imported_from_its_first_sheet() {
    let (site, downloads, _) = site_and_export();
    let book = downloads.path().join("bao_cao.xlsx");
    std::fs::write(&book, crate::tables::export_xlsx()).unwrap();
    let (code, out, err) = import(&site, &[book.to_str().unwrap(), "--yes"], "");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("content/_data/bao_cao.xlsx: 4 dòng, 12 cột:"),
        "{out}"
    );
    assert!(
        out.contains("  ho-so-dung-han: 99,50% Đạt, sau khi nhập 99,00% Không đạt"),
        "{out}"
    );
    site.build();
    let json: serde_json::Value = serde_json::from_str(&site.read("ket-qua/results.json")).unwrap();
    assert_eq!(json["indicators"][0]["total"]["counts"]["qua_han"], 20.0);
}
