//! The operating system's own words (Linux's wording), inside thidua's sentences: these are
//! matched against text thidua did not write, so they keep their `{}` patterns.

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    // The operating system's own words, inside thidua's sentences (Linux's wording).
    (
        "Address already in use (os error {})",
        "cổng này đang có chương trình khác dùng (lỗi hệ thống {})",
    ),
    (
        "No such file or directory (os error {})",
        "không có tệp hay thư mục này (lỗi hệ thống {})",
    ),
    (
        "Permission denied (os error {})",
        "không có quyền truy cập (lỗi hệ thống {})",
    ),
    (
        "No space left on device (os error {})",
        "ổ đĩa đã hết chỗ trống (lỗi hệ thống {})",
    ),
    (
        "Read-only file system (os error {})",
        "ổ đĩa chỉ cho đọc (lỗi hệ thống {})",
    ),
    (
        "Is a directory (os error {})",
        "đây là thư mục, không phải tệp (lỗi hệ thống {})",
    ),
    (
        "Not a directory (os error {})",
        "đây không phải thư mục (lỗi hệ thống {})",
    ),
    ("File exists (os error {})", "tệp đã có (lỗi hệ thống {})"),
    (
        "Directory not empty (os error {})",
        "thư mục không trống (lỗi hệ thống {})",
    ),
];
