use super::*;

const HEAD: &str = "schema_version: 1\nsample: true\ndecisions:\n  - id: qd-1\n    so_ky_hieu: \"999/QĐ-VP\"\n    ngay_ban_hanh: \"2023-11-15\"\n    co_quan_ban_hanh: \"Văn phòng UBND tỉnh Lạng Sơn\"\n    trich_yeu: \"Về việc tặng Giấy khen\"\n    hinh_thuc: giay-khen\nenums:\n  hinh_thuc:\n    giay-khen: \"Giấy khen\"\nhonourees:\n";

fn person(id: &str, stt: u32, name: &str) -> String {
    format!(
        "  - {{id: {id}, decision: qd-1, stt: {stt}, loai: ca-nhan, ho_ten: \"{name}\", don_vi: \"Sở Tư pháp\", thanh_tich: \"Xuất sắc\", hinh_thuc: giay-khen}}\n"
    )
}

fn errors(body: &str) -> Vec<String> {
    match parse(
        &format!("{HEAD}{body}"),
        "content/_data/honourees.yaml",
        Some(&["ho-so-dung-han"]),
    ) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn decision_order_and_vietnamese_name_ranks() {
    let body = [
        person("c", 3, "Lê Văn Đông"),
        person("a", 1, "Nguyễn Văn Dung"),
        person("b", 2, "Trần Thị Ánh"),
    ]
    .concat();
    let h = parse(&format!("{HEAD}{body}"), "f", None).unwrap_or_else(|e| panic!("{e:?}"));
    let names: Vec<&str> = h.honourees.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Nguyễn Văn Dung", "Trần Thị Ánh", "Lê Văn Đông"]);
    let ranks: Vec<(usize, &str)> = h
        .honourees
        .iter()
        .map(|x| (x.rank_by_name, x.given_name.as_str()))
        .collect();
    // By given name: Ánh, Dung, Đông (đ after d).
    assert_eq!(ranks, [(2, "Dung"), (1, "Ánh"), (3, "Đông")]);
}

#[test]
fn missing_decision_is_reported_at_its_line() {
    let body = person("a", 1, "Nguyễn Văn A").replace("decision: qd-1", "decision: qd-99");
    assert_eq!(
        errors(&body),
        [
            "content/_data/honourees.yaml:14:23: data: honourees[0].decision: no decision with id \"qd-99\" (did you mean \"qd-1\"?)"
        ]
    );
}

#[test]
fn duplicate_ids_stt_and_missing_names() {
    let body = [person("a", 1, "Nguyễn Văn A"), person("a", 1, "Trần Thị B"), "  - {id: t, decision: qd-1, stt: 3, loai: tap-the, don_vi: x, thanh_tich: y, hinh_thuc: giay-khen}\n".to_string()].concat();
    assert_eq!(
        errors(&body),
        [
            "content/_data/honourees.yaml:15:10: data: honourees[1].id: the id \"a\" is used twice",
            "content/_data/honourees.yaml:15:34: data: honourees[1].stt: stt 1 is used twice in decision \"qd-1\"",
            "content/_data/honourees.yaml:16:5: data: honourees[2]: \"ten_tap_the\" is required for a collective (tap-the)",
        ]
    );
}

#[test]
fn photos_need_consent_and_links_must_exist() {
    let body = person("a", 1, "Nguyễn Văn A").replace(
        "hinh_thuc: giay-khen}",
        "hinh_thuc: giay-khen, anh: a.jpg, kpi_links: [ho-so-dung-hann]}",
    );
    assert_eq!(
        errors(&body),
        [
            "content/_data/honourees.yaml:14:149: data: honourees[0].anh: a photo may only be published with consent (set \"dong_y_dang_anh: true\" once consent is recorded, or remove \"anh\")",
            "content/_data/honourees.yaml:14:168: data: honourees[0].kpi_links[0]: no indicator with id \"ho-so-dung-hann\" in results.yaml (did you mean \"ho-so-dung-han\"?)",
        ]
    );
}
