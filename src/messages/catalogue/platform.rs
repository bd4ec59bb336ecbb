//! Operating systems: Windows, macOS, Linux differences.

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    (
        "cannot open {} in the browser: {}; open it by hand",
        "không mở được {} trong trình duyệt: {}; hãy tự mở địa chỉ này",
    ),
    (
        "Press Enter to close this window.",
        "Nhấn Enter để đóng cửa sổ này.",
    ),
    (
        "thidua is run from PowerShell or Command Prompt, in the site's folder (for example: thidua.exe serve --open). Double-clicked in a folder holding site.yaml, it opens the site's preview.",
        "thidua được chạy từ PowerShell hoặc Command Prompt, trong thư mục của trang (ví dụ: thidua.exe serve --open). Khi bấm đúp vào thidua.exe đặt trong thư mục có tệp site.yaml, chương trình mở bản xem trước của trang.",
    ),
    (
        "this system cannot swap folders in one step, so the output folder is missing for an instant while the new one is put in place (Linux and macOS swap it at once)",
        "hệ điều hành này không đổi chỗ hai thư mục trong một bước được, nên thư mục kết quả vắng mặt trong chốc lát khi thư mục mới được đặt vào (Linux và macOS đổi chỗ ngay một lần)",
    ),
];
