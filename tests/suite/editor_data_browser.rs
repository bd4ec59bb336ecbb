//! The editing room's data forms in Debian's chromium (tests/tools/editor-data.mjs over the
//! DevTools protocol) on a copy of the bundled site: the list of indicators, a form, `3.000`
//! typed in a count (the error beside the field, which gets the focus), corrected figures
//! previewed then saved, the honourees and a duplicate person. axe-core finds nothing serious
//! or critical on any of these pages (and next month's export previewed for a table-fed
//! indicator), no page scrolls sideways at 375 px or 1366 px, nothing
//! is fetched from another host; screenshots in target/screenshots/editor-data-*.png.

use crate::editor::start_in;
use crate::editor_data::bundled_copy;

#[test]
fn the_data_forms_in_a_browser() {
    if !crate::quality::require_browser() {
        return;
    }
    let site = bundled_copy();
    let editor = start_in(&site, &[], "vi");
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    // Next month's export: 100 files late instead of early in July.
    let export = shots.join("Báo cáo một cửa tháng 11.csv");
    let csv = std::fs::read_to_string(site.root().join("content/_data/mot_cua_2023.csv")).unwrap();
    std::fs::write(
        &export,
        csv.replacen(";312;193;119;0;100", ";312;93;119;100;67,95", 1)
            .replacen(";9.640;5.950;3.651;39;", ";9.640;5.850;3.651;139;", 1),
    )
    .unwrap();
    let job = serde_json::json!({
        "chromium": "/usr/bin/chromium",
        "base": format!("http://{}/", editor.addr),
        "shots": shots,
        "indicator": "hai-long-quay",
        "field": "b.4.c.hai-long",
        "fixes": { "b.4.c.hai-long": "15", "t.hai-long": "136" },
        "decision": "qd-giay-khen-dot-thi-dua-2023",
        "table_indicator": "ho-so-dung-han",
        "export_file": export,
        "person": {
            "stt": "11",
            "ho_ten": "Trần Thị B",
            "ten": "B",
            "don_vi": "Trung tâm Phục vụ hành chính công tỉnh",
            "thanh_tich": "Có thành tích xuất sắc.",
        },
    });
    let r = crate::editor_browser::run_script("editor-data.mjs", &job);
    let texts = &r["texts"];
    let error = texts["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("3.000") && error.contains("hãy viết 3000"),
        "{r:#}"
    );
    assert_eq!(texts["focused"], "b.4.c.hai-long", "{r:#}");
    let preview = texts["preview"].as_str().unwrap_or_default();
    assert!(
        preview.contains("Không đạt") && preview.contains("7/7 quầy đạt"),
        "{preview}"
    );
    assert!(
        texts["saved"]
            .as_str()
            .unwrap_or_default()
            .contains("Đã lưu"),
        "{r:#}"
    );
    let export = texts["export"].as_str().unwrap_or_default();
    assert!(
        export.contains("99,60%") && export.contains("98,56%") && export.contains("Lưu tệp mới"),
        "{r:#}"
    );
    let duplicate = texts["duplicate"].as_str().unwrap_or_default();
    assert!(duplicate.contains("tran-thi-b"), "{r:#}");
    let saved = std::fs::read_to_string(site.root().join("content/_data/results.yaml")).unwrap();
    assert!(saved.contains("hai-long: 136"));
    for (page, violations) in r["axe"].as_object().unwrap() {
        let bad: Vec<_> = violations
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .collect();
        assert!(bad.is_empty(), "axe on {page}: {bad:#?}");
    }
    for (page, wide) in r["wide"].as_object().unwrap() {
        assert_eq!(wide, false, "{page} scrolls sideways");
    }
    assert_eq!(r["external_requests"], serde_json::json!([]), "{r:#}");
}
