//! Photos and share images (images/, share/).

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    // Photos (images/): reading and processing.
    (
        "Photos: {} processed, {} from the cache",
        "Ảnh: xử lý {} ảnh, lấy {} ảnh từ bộ nhớ đệm",
    ),
    ("the image cannot be read: {}", "không đọc được ảnh: {}"),
    (
        "this file is not an image thidua can use (use JPEG, PNG or WebP)",
        "tệp này không phải ảnh mà thidua dùng được (hãy dùng JPEG, PNG hoặc WebP)",
    ),
    (
        "the image claims to be {} × {} pixels, more than thidua accepts (at most {} pixels a side and {} megapixels): the file is damaged or made to exhaust memory",
        "ảnh tự khai kích thước {} × {} điểm ảnh, lớn hơn mức thidua chấp nhận (tối đa {} điểm ảnh mỗi cạnh và {} triệu điểm ảnh): tệp bị hỏng hoặc được tạo ra để làm cạn bộ nhớ",
    ),
    (
        "the image file is cut short (the picture is incomplete): copy it again from the phone or camera",
        "tệp ảnh bị cắt cụt (ảnh không đầy đủ): hãy chép lại ảnh từ điện thoại hoặc máy ảnh",
    ),
    ("the image is damaged: {}", "ảnh bị hỏng: {}"),
    // Share images (share/): the cards and cropped covers behind og:image.
    (
        "the emblem cannot be drawn on the share cards: {}",
        "không vẽ được biểu trưng lên ảnh chia sẻ: {}",
    ),
    (
        "the cover image \"{}\" does not exist",
        "không có ảnh bìa \"{}\"",
    ),
    (
        "put the photo beside the page's index.md (a page bundle) or in static/, and check the spelling",
        "hãy đặt ảnh cạnh tệp index.md của bài (thư mục bài viết) hoặc trong static/, và kiểm tra lại tên tệp",
    ),
    (
        "image_focus: \"{}\" is not a focus",
        "image_focus: \"{}\" không phải một tâm điểm ảnh",
    ),
    (
        "write two percentages, across then down, like \"50% 30%\", or top, bottom, left, right",
        "hãy viết hai tỷ lệ phần trăm, theo chiều ngang rồi chiều dọc, ví dụ \"50% 30%\", hoặc top, bottom, left, right",
    ),
    (
        "the share card cannot be drawn: {}",
        "không vẽ được ảnh chia sẻ: {}",
    ),
    (
        "the cover image {} cannot be read: {}",
        "không đọc được ảnh bìa {}: {}",
    ),
    (
        "Share images (og:image): {} drawn, {} from the cache",
        "Ảnh chia sẻ (og:image): vẽ mới {}, lấy từ bộ nhớ đệm {}",
    ),
];
