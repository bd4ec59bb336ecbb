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
];
