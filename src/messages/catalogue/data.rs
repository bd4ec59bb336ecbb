//! The campaign's data files: results and honourees.

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    // Campaign data (campaign/).
    // A data path and what is wrong there: "indicators[0].id: …".
    ("{}: {}", "{}: {}"),
    ("the id \"{}\" is used twice", "mã \"{}\" bị dùng hai lần"),
    (
        "the count \"{}\" must be a whole number, found {}",
        "số đếm \"{}\" phải là số nguyên, nhưng đang là {}",
    ),
    (
        "write counts without a thousands separator: 9640, not 9.640",
        "hãy viết số đếm không có dấu chấm phân cách hàng nghìn: 9640, không viết 9.640",
    ),
    ("unknown group \"{}\"", "nhóm chỉ tiêu không hợp lệ \"{}\""),
    ("unknown scope \"{}\"", "phạm vi không hợp lệ \"{}\""),
    ("unknown dimension \"{}\"", "cách chia không hợp lệ \"{}\""),
    ("unknown granularity \"{}\"", "chu kỳ không hợp lệ \"{}\""),
    (
        "version {} is not supported",
        "phiên bản {} chưa được hỗ trợ",
    ),
    ("write schema_version: 1", "hãy ghi schema_version: 1"),
    (
        "unknown operator \"{}\"",
        "phép so sánh không hợp lệ \"{}\"",
    ),
    ("use one of {}", "hãy dùng một trong {}"),
    ("unknown metric \"{}\"", "đại lượng không hợp lệ \"{}\""),
    (
        "use \"value\" or \"counts.<name of a count>\"",
        "hãy dùng \"value\" hoặc \"counts.<tên số đếm>\"",
    ),
    (
        "an indicator needs at least one target",
        "mỗi chỉ tiêu cần ít nhất một mục tiêu",
    ),
    ("no unit with id \"{}\"", "không có đơn vị mang mã \"{}\""),
    (
        "a row needs \"unit\" or \"person\"",
        "mỗi dòng cần \"unit\" hoặc \"person\"",
    ),
    (
        "the count \"{}\" is negative ({})",
        "số đếm \"{}\" bị âm ({})",
    ),
    (
        "there is no count \"{}\", which the formula needs",
        "thiếu số đếm \"{}\" mà công thức cần",
    ),
    (
        "there is no count \"{}\", which a target compares",
        "thiếu số đếm \"{}\" mà một mục tiêu so sánh",
    ),
    (
        "the numerator \"{}\" ({}) is larger than the denominator ({})",
        "tử số \"{}\" ({}) lớn hơn mẫu số ({})",
    ),
    (
        "the {} add up to {} = {}, but the total is {}",
        "các {} cộng lại {} = {}, nhưng tổng là {}",
    ),
    (
        "correct the figures, or write \"partial: true\" if the {} are incomplete",
        "hãy sửa số liệu, hoặc ghi \"partial: true\" nếu các {} chưa đầy đủ",
    ),
    ("rows", "dòng"),
    ("points", "điểm"),
    (
        "the value {} does not match the counts, which give {}",
        "giá trị {} không khớp với số đếm (tính ra {})",
    ),
    (
        "remove \"value\" to let thidua compute it",
        "hãy xoá \"value\" để thidua tự tính",
    ),
    (
        "\"{}\" is not a month or a day",
        "\"{}\" không phải một tháng hay một ngày",
    ),
    (
        "write it like \"2023-07\" or \"2023-07-31\"",
        "hãy viết dạng \"2023-07\" hoặc \"2023-07-31\"",
    ),
    (
        "\"@rating_scale\" needs a rating_scale list",
        "\"@rating_scale\" cần danh sách rating_scale",
    ),
    (
        "add rating_scale at the top of the file",
        "hãy thêm rating_scale ở đầu tệp",
    ),
    (
        "\"{}\" is not a date like 2023-11-15",
        "\"{}\" không phải ngày dạng 2023-11-15",
    ),
    (
        "unknown award form \"{}\"",
        "hình thức khen thưởng không hợp lệ \"{}\"",
    ),
    (
        "no decision with id \"{}\"",
        "không có quyết định mang mã \"{}\"",
    ),
    (
        "stt {} is used twice in decision \"{}\"",
        "số thứ tự {} bị dùng hai lần trong quyết định \"{}\"",
    ),
    ("\"{}\" is required for {}", "cần có \"{}\" với {}"),
    ("an individual (ca-nhan)", "cá nhân (ca-nhan)"),
    ("a collective (tap-the)", "tập thể (tap-the)"),
    (
        "a photo may only be published with consent",
        "chỉ được đăng ảnh khi đã có sự đồng ý",
    ),
    (
        "set \"dong_y_dang_anh: true\" once consent is recorded, or remove \"anh\"",
        "ghi \"dong_y_dang_anh: true\" khi đã có văn bản đồng ý, hoặc xoá \"anh\"",
    ),
    (
        "no indicator with id \"{}\" in results.yaml",
        "không có chỉ tiêu mang mã \"{}\" trong results.yaml",
    ),
    (
        "\"ui_language\" must be \"vi\" or \"en\", found \"{}\"",
        "\"ui_language\" phải là \"vi\" hoặc \"en\", nhưng đang là \"{}\"",
    ),
];
