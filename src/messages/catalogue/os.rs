//! The operating system's own words (Linux's and Windows' wording), inside thidua's sentences: these are
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
    // Windows' wording of the same errors.
    (
        "The system cannot find the file specified. (os error {})",
        "không có tệp này (lỗi hệ thống {})",
    ),
    (
        "The system cannot find the path specified. (os error {})",
        "không có thư mục hay đường dẫn này (lỗi hệ thống {})",
    ),
    (
        "Access is denied. (os error {})",
        "không có quyền truy cập (lỗi hệ thống {})",
    ),
    (
        "The process cannot access the file because it is being used by another process. (os error {})",
        "tệp đang được một chương trình khác mở (Excel, Word…): hãy đóng nó rồi thử lại (lỗi hệ thống {})",
    ),
    (
        "There is not enough space on the disk. (os error {})",
        "ổ đĩa đã hết chỗ trống (lỗi hệ thống {})",
    ),
    (
        "The directory is not empty. (os error {})",
        "thư mục không trống (lỗi hệ thống {})",
    ),
    (
        "Cannot create a file when that file already exists. (os error {})",
        "tệp đã có (lỗi hệ thống {})",
    ),
    (
        "Only one usage of each socket address (protocol/network address/port) is normally permitted. (os error {})",
        "cổng này đang có chương trình khác dùng (lỗi hệ thống {})",
    ),
];
