//! The campaign data on the bundled site: open data files, banners, statuses in words.

use std::sync::OnceLock;

use crate::support::snapshot_tree;

/// The bundled site, built once per test process into target/tmp/campaign-site-PID (not a
/// `TempDir` in a static: it would never be dropped, and stay in /tmp).
fn bundled() -> &'static std::path::Path {
    static OUT: OnceLock<std::path::PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = crate::support::process_dir("campaign-site");
        let opts = thidua::BuildOptions {
            root: env!("CARGO_MANIFEST_DIR").into(),
            output: Some(dir.join("out")),
            ..Default::default()
        };
        thidua::build(&opts).unwrap();
        dir
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(bundled().join("out").join(rel)).unwrap()
}

#[test]
fn results_csv_has_a_bom_and_the_documented_columns() {
    let bytes = std::fs::read(bundled().join("out/ket-qua/results.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "indicator_id,indicator_name,group,unit,row_type,row_id,row_label,numerator,denominator,value,target,status,sample"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            "ho-so-dung-han,Tỷ lệ hồ sơ trả đúng hạn và trước hạn,tien-do-ket-qua,%,total,,,9601,9640,99.595436,> 99%,Đạt,true"
        )
    );
    // Every row has the 13 columns (quoted fields may contain commas).
    for line in text.lines() {
        let mut cols = 1;
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => cols += 1,
                _ => {}
            }
        }
        assert_eq!(cols, 13, "{line}");
    }
    assert!(text.contains(",Không đạt,"));
    assert!(text.contains(",Chưa có số liệu,"));
}

#[test]
fn results_json_carries_metadata_and_the_sample_flag() {
    let json: serde_json::Value = serde_json::from_str(&read("ket-qua/results.json")).unwrap();
    assert_eq!(json["sample"], true);
    assert_eq!(json["generator"], "thidua");
    assert!(json["generated_at"].as_str().unwrap().ends_with("+07:00"));
    assert_eq!(json["indicators"][0]["id"], "ho-so-dung-han");
    assert_eq!(json["indicators"][0]["status"], "dat");
}

#[test]
fn pages_built_from_sample_data_show_the_banner() {
    for page in ["ket-qua/index.html", "khen-thuong/index.html"] {
        assert!(read(page).contains("DỮ LIỆU MẪU"), "{page}");
    }
    assert!(!read("lien-he/index.html").contains("DỮ LIỆU MẪU"));
    // The bundled site has a search page, so every page has the search box pointing at it.
    assert!(read("lien-he/index.html").contains(r#"action="/5-nam/tim-kiem/""#));
}

#[test]
fn statuses_are_written_in_words_with_vietnamese_numbers() {
    let html = read("ket-qua/index.html");
    assert!(html.contains("99,60%"));
    assert!(html.contains("Không đạt"));
    assert!(html.contains("Chưa có số liệu"));
    // The counts behind a rate are on the indicator's own page.
    assert!(read("ket-qua/ho-so-dung-han/index.html").contains("9.640"));
    // Honourees in the decision's order, with name ranks for the sort control.
    let honourees = read("khen-thuong/index.html");
    assert!(honourees.contains("999/QĐ-VP"));
    assert!(honourees.contains("data-rank-name="));
    assert!(
        !honourees.contains("540.000"),
        "cash awards must not be published"
    );
}

#[test]
fn the_bundled_build_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let opts = thidua::BuildOptions {
        root: env!("CARGO_MANIFEST_DIR").into(),
        output: Some(dir.path().join("again")),
        ..Default::default()
    };
    thidua::build(&opts).unwrap();
    let strip = |t: Vec<(String, Vec<u8>)>| {
        t.into_iter()
            .filter(|(n, _)| !n.contains("results.json"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(snapshot_tree(&dir.path().join("again"))),
        strip(snapshot_tree(&bundled().join("out")))
    );
}
