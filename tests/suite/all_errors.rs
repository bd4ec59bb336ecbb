//! Issue 13: every problem of a file in one run (front matter and the campaign's data files),
//! at real file locations.

use crate::support::{CONFIG, TestSite, text};

#[test]
fn five_front_matter_mistakes_give_five_located_errors_in_one_check() {
    let s = TestSite::new();
    s.write("site.yaml", CONFIG);
    s.write(
        "content/tin-tuc/bai-1.md",
        "---\ntitle: Bài 1\ntittle: Bài một\ndate: 31/05/2024\ntags: \"x\"\ndraft: 3\nweight: nặng\n---\nNội dung.\n",
    );
    let out = s.cli(&["check", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out).1,
        "content/tin-tuc/bai-1.md:3:1: front matter: unknown field \"tittle\" (did you mean \"title\"?)\n\
         content/tin-tuc/bai-1.md:4:7: front matter: \"date\" must look like 2024-05-31, found \"31/05/2024\" (write \"2024-05-31\")\n\
         content/tin-tuc/bai-1.md:5:7: front matter: \"tags\" must be a list, found the text \"x\"\n\
         content/tin-tuc/bai-1.md:6:8: front matter: \"draft\" must be true or false, found the number 3\n\
         content/tin-tuc/bai-1.md:7:9: front matter: \"weight\" must be a whole number, found the text \"nặng\"\n\
         Check failed: 5 errors in 1 file. Nothing was written.\n"
    );
    // The same last line in Vietnamese as for the check's own findings.
    let out = s.cli(&["check", "--lang", "vi"]);
    assert!(
        text(&out)
            .1
            .ends_with("Kiểm tra thất bại: 5 lỗi trong 1 tệp. Không ghi gì cả.\n"),
        "{}",
        text(&out).1
    );
}

#[test]
fn section_front_matter_mistakes_are_all_reported() {
    let s = TestSite::new();
    s.write(
        "content/tin-tuc/_index.md",
        "---\ntitle: Tin tức\nsort_by: ngay\npaginate_by: mười\nmo_ta: x\n---\n",
    );
    assert_eq!(
        s.build_errors(),
        [
            "content/tin-tuc/_index.md:3:10: front matter: sort_by: unknown value \"ngay\" (expected one of \"date\", \"weight\", \"title\")",
            "content/tin-tuc/_index.md:4:14: front matter: \"paginate_by\" must be a whole number, found the text \"mười\"",
            "content/tin-tuc/_index.md:5:1: front matter: unknown field \"mo_ta\" (expected one of \"title\", \"description\", \"sort_by\", \"paginate_by\", \"template\", \"page_template\", \"weight\", \"extra\")",
        ]
    );
}

const DECISION: &str = "schema_version: 1\ndecisions:\n  - id: qd-1\n    so_ky_hieu: \"999/QĐ-VP\"\n    ngay_ban_hanh: \"2023-11-15\"\n    co_quan_ban_hanh: \"Văn phòng UBND tỉnh\"\n    trich_yeu: \"Về việc tặng Giấy khen\"\n    hinh_thuc: giay-khen\nenums:\n  hinh_thuc:\n    giay-khen: \"Giấy khen\"\nhonourees:\n";

#[test]
fn three_honouree_mistakes_give_three_located_errors() {
    let s = TestSite::new();
    // Line 13: stt is not a number; line 14: no don_vi; line 15: a typo in a key.
    s.write(
        "content/_data/honourees.yaml",
        &format!(
            "{DECISION}  - {{id: a, decision: qd-1, stt: một, loai: ca-nhan, ho_ten: \"Nguyễn Văn A\", don_vi: x, thanh_tich: y, hinh_thuc: giay-khen}}\n  \
             - {{id: b, decision: qd-1, stt: 2, loai: ca-nhan, ho_ten: \"Trần Thị B\", thanh_tich: y, hinh_thuc: giay-khen}}\n  \
             - {{id: c, decision: qd-1, stt: 3, loai: ca-nhan, ho_ten: \"Lê Văn C\", don_vi: x, thanh_tich: y, hinh_thuc: giay-khen, chuc_vuu: z}}\n"
        ),
    );
    assert_eq!(
        s.build_errors(),
        [
            "content/_data/honourees.yaml:13:34: data: \"honourees[0].stt\" must be a whole number, found the text \"một\"",
            "content/_data/honourees.yaml:14:5: data: honourees[1]: missing required field \"don_vi\"",
            "content/_data/honourees.yaml:15:120: data: honourees[2]: unknown field \"chuc_vuu\" (did you mean \"chuc_vu\"?)",
        ]
    );
}

const RESULTS_HEAD: &str =
    "schema_version: 1\ncampaign: {id: c, name: \"Đợt thi đua\"}\nindicators:\n";

/// An indicator on one line (file line `3 + n` for the n-th).
fn indicator(id: &str, group: &str, unit: &str, counts: &str) -> String {
    format!(
        "  - {{id: {id}, name: \"Chỉ tiêu\", group: {group}, {unit}targets: [{{metric: value, op: \">\", value: 99}}], \
         formula: {{type: ratio, numerator: dung_han, denominator: tong, scale: 100}}, total: {{counts: {{{counts}}}}}}}\n"
    )
}

#[test]
fn three_results_mistakes_give_three_located_errors() {
    let s = TestSite::new();
    // Line 4: a count that is not a number; line 5: no unit; line 6: an unknown group. The
    // indicators after a malformed one are still checked.
    s.write(
        "content/_data/results.yaml",
        &[
            RESULTS_HEAD,
            &indicator(
                "a",
                "tien-do-ket-qua",
                "unit: \"%\", ",
                "tong: 10, dung_han: nhiều",
            ),
            &indicator("b", "tien-do-ket-qua", "", "tong: 10, dung_han: 9"),
            &indicator("c", "tien-do", "unit: \"%\", ", "tong: 10, dung_han: 9"),
        ]
        .concat(),
    );
    assert_eq!(
        s.build_errors(),
        [
            "content/_data/results.yaml:4:227: data: \"indicators[0].total.counts.dung_han\" must be a number, found the text \"nhiều\"",
            "content/_data/results.yaml:5:5: data: indicators[1]: missing required field \"unit\"",
            "content/_data/results.yaml:6:38: data: indicators[2].group: unknown group \"tien-do\" \
             (expected one of \"cong-khai-minh-bach\", \"tien-do-ket-qua\", \"so-hoa\", \"truc-tuyen\", \"hai-long\", \"khac\")",
        ]
    );
}

#[test]
fn undeclared_taxonomies_are_located_at_their_key() {
    let s = TestSite::new();
    s.write(
        "site.yaml",
        &format!("{CONFIG}taxonomies:\n  - name: categories\n"),
    );
    s.page(
        "content/a.md",
        "title: A\ndescription: x\ntags: [a]\ntaxonomies:\n  chu_de: [b]",
        "",
    );
    let warnings: Vec<String> = s.build().warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "content/a.md:4:7: warning: front matter: taxonomy \"tags\" is not declared in site.yaml; its terms are ignored (expected one of \"categories\")",
            "content/a.md:6:3: warning: front matter: taxonomy \"chu_de\" is not declared in site.yaml; its terms are ignored (expected one of \"categories\")",
        ]
    );
}

#[test]
fn an_empty_description_is_located_at_its_key() {
    let s = TestSite::new();
    s.write("site.yaml", CONFIG);
    s.page("content/a.md", "title: A\ndescription: \"\"", "Nội dung.\n");
    let out = s.cli(&["check", "--lang", "en"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(
        text(&out).1,
        "content/a.md:3:14: warning: front matter: the page has no \"description\" (add one or two sentences: they show in lists, search results and shared links)\n"
    );
}

#[test]
fn duplicate_urls_are_located_at_the_slug_else_the_file() {
    let s = TestSite::new();
    // b.md takes /b/ first (pages go in name order); z.md's slug asks for it again.
    s.page("content/b.md", "title: B", "");
    s.page("content/z.md", "title: Z\nslug: b", "");
    assert_eq!(
        s.build_errors(),
        [
            "content/z.md:3:7: url: the URL /b/ is also written by content/b.md (give one of them another \"slug\" or file name)"
        ]
    );
    let s = TestSite::new();
    // Here the slug comes first, and b.md's own URL (from its file name) is the repeat.
    s.page("content/a.md", "title: A\nslug: b", "");
    s.page("content/b.md", "title: B", "");
    assert_eq!(
        s.build_errors(),
        [
            "content/b.md: url: the URL /b/ is also written by content/a.md (give one of them another \"slug\" or file name)"
        ]
    );
}

/// Numbers written the Vietnamese way (issue 17): `3.000` would be read as 3, `9.640` as
/// 9.64, `1.234.567` and `98,5` as text. Each is a located error whose hint gives the number
/// to write, in both languages; `3000` and `98.5` build.
#[test]
fn vietnamese_thousands_and_decimal_commas_are_located_errors() {
    let s = TestSite::new();
    s.write(
        "content/_data/results.yaml",
        &[
            RESULTS_HEAD,
            &indicator("a", "khac", "unit: \"%\", ", "tong: 3.000, dung_han: 2999"),
            &indicator(
                "b",
                "khac",
                "unit: \"%\", ",
                "tong: 1.234.567, dung_han: 9.640",
            ),
            // In a {…} mapping a comma separates values: a decimal comma is met in block style.
            "  - id: c\n    name: \"Chỉ tiêu\"\n    group: khac\n    unit: \"%\"\n    \
             targets: [{metric: value, op: \">\", value: 99}]\n    \
             formula: {type: ratio, numerator: dung_han, denominator: tong, scale: 100}\n    \
             total:\n      counts:\n        tong: 98,5\n        dung_han: 90\n",
        ]
        .concat(),
    );
    let errors = s.build_errors();
    assert_eq!(
        errors,
        [
            "content/_data/results.yaml:4:202: data: indicators[0].total.counts.tong: the count \"tong\" is written \"3.000\": YAML reads the dot as a decimal point, not as thousands (write 3000 without the dots between thousands)",
            "content/_data/results.yaml:5:202: data: \"indicators[1].total.counts.tong\" must be a number, found the text \"1.234.567\" (write 1234567 without the dots between thousands)",
            "content/_data/results.yaml:5:223: data: indicators[1].total.counts.dung_han: the count \"dung_han\" is written \"9.640\": YAML reads the dot as a decimal point, not as thousands (write 9640 without the dots between thousands)",
            "content/_data/results.yaml:14:15: data: \"indicators[2].total.counts.tong\" must be a number, found the text \"98,5\" (write the decimal with a point: 98.5)",
        ],
        "{errors:#?}"
    );
    let out = s.cli(&["--lang", "vi", "check"]);
    let stderr = crate::support::text(&out).1;
    assert!(
        stderr.contains("(hãy viết 3000, không có dấu chấm giữa các hàng nghìn)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("(hãy viết phần thập phân bằng dấu chấm: 98.5)"),
        "{stderr}"
    );
    // Written plainly, the same figures build.
    s.write(
        "content/_data/results.yaml",
        &[
            RESULTS_HEAD,
            &indicator("a", "khac", "unit: \"%\", ", "tong: 3000, dung_han: 2999"),
            &indicator("c", "khac", "unit: \"%\", ", "tong: 100, dung_han: 90")
                .replace("value: 99", "value: 98.5"),
        ]
        .concat(),
    );
    s.build();
}
