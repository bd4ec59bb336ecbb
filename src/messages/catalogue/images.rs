//! Photos and share images (images/, share/).

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
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
