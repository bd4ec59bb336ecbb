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
    // The data's own dates, not the build's time.
    assert!(json.get("generated_at").is_none());
    assert_eq!(json["campaign"]["period"]["end"], "2023-10-30");
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

/// Open data changes only when the data does: two builds a second apart write the same
/// results.json and results.csv, and publishing the second build sends nothing.
#[test]
fn open_data_is_the_same_in_every_build_of_the_same_data() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    for dir in ["content", "themes"] {
        copy_tree(&root.join(dir), &site.path().join(dir));
    }
    let target = site.path().join("cong-thong-tin");
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(
        site.path().join("site.yaml"),
        format!("{config}publish:\n  folder: \"{}\"\n", target.display()),
    )
    .unwrap();
    let publish = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"));
        cmd.args(["publish", "--yes", "--lang", "en"])
            .current_dir(site.path());
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let open_data = || {
        ["ket-qua/results.json", "ket-qua/results.csv"]
            .map(|f| std::fs::read(target.join(f)).unwrap())
    };
    assert!(publish().contains("Published to"));
    let first = open_data();
    // A build's time has a resolution of a second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = publish();
    assert!(second.contains("Nothing to publish:"), "{second}");
    assert!(
        open_data() == first,
        "the open data changed without a change of data"
    );
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
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
