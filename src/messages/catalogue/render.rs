//! Rendering pages: templates, Markdown, the campaign's views and charts, feeds.

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    // Writing an output (render/).
    ("cannot write {}: {}", "không ghi được {}: {}"),
    // What thidua's own template filters and functions say (render/templates.rs).
    (
        "date_vi: unknown style \"{}\" (use \"administrative\", \"numeric\" or \"weekday\")",
        "date_vi: kiểu \"{}\" không hợp lệ (hãy dùng \"administrative\", \"numeric\" hoặc \"weekday\")",
    ),
    (
        "bad date format \"{}\"",
        "định dạng ngày không hợp lệ \"{}\"",
    ),
    (
        "\"{}\" is not a date like 2024-05-31",
        "\"{}\" không phải ngày dạng 2024-05-31",
    ),
    (
        "t: no string \"{}\" in i18n/{}.yaml",
        "t: không có chuỗi chữ \"{}\" trong i18n/{}.yaml",
    ),
    (
        "url: no published page \"{}\" in content/",
        "url: không có trang \"{}\" đã được đăng trong content/",
    ),
    (
        "get_page: no published page \"{}\" in content/",
        "get_page: không có trang \"{}\" đã được đăng trong content/",
    ),
    (
        "get_section: no published section \"{}\" in content/",
        "get_section: không có mục \"{}\" đã được đăng trong content/",
    ),
    (
        "cached: the templates are not loaded yet",
        "cached: các khuôn mẫu chưa được nạp",
    ),
    // Shortcodes: live figures in a post (render/markdown/shortcodes.rs, render/view/figures.rs).
    (
        "shortcode \"{}\" is not written correctly",
        "shortcode \"{}\" viết chưa đúng",
    ),
    (
        "write it like {{ chi_tieu(id=\"ho-so-dung-han\", hien=\"gia-tri\") }}",
        "hãy viết như {{ chi_tieu(id=\"ho-so-dung-han\", hien=\"gia-tri\") }}",
    ),
    ("unknown shortcode \"{}\"", "không có shortcode \"{}\""),
    (
        "there are no campaign results (content/_data/results.yaml)",
        "chưa có kết quả thi đua (content/_data/results.yaml)",
    ),
    (
        "chi_tieu needs an indicator id: id=\"…\"",
        "chi_tieu cần mã chỉ tiêu: id=\"…\"",
    ),
    ("no indicator with id \"{}\"", "không có chỉ tiêu mã \"{}\""),
    (
        "indicator \"{}\" has no \"{}\" to show",
        "chỉ tiêu \"{}\" không có \"{}\" để hiển thị",
    ),
    (
        "indicator \"{}\" has no figure for month \"{}\"",
        "chỉ tiêu \"{}\" không có số liệu tháng \"{}\"",
    ),
    ("{} cannot show \"{}\"", "{} không hiển thị được \"{}\""),
    ("{} has no argument \"{}\"", "{} không có tham số \"{}\""),
];
