//! The command-line help (`--help`): each text is the doc comment of a clap item, matched whole.

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    // --help (the command-line help texts).
    (
        "A fast static site generator for Vietnamese emulation-campaign sites",
        "Trình dựng trang tĩnh nhanh cho trang thông tin phong trào thi đua",
    ),
    (
        "Print this message or the help of the given subcommand(s)",
        "In hướng dẫn này, hoặc hướng dẫn của lệnh được nêu",
    ),
    (
        "thidua: build the campaign website from Markdown, YAML data and a theme.",
        "thidua: dựng trang thông tin phong trào thi đua từ Markdown, dữ liệu YAML và giao diện.",
    ),
    (
        "Build the site into the output directory (public/ by default).",
        "Dựng trang vào thư mục kết quả (mặc định là public/).",
    ),
    (
        "Check the whole site (content, data, links, templates) without writing anything.",
        "Kiểm tra toàn bộ trang (nội dung, dữ liệu, liên kết, khuôn mẫu) mà không ghi gì.",
    ),
    (
        "Create a new site in DIR that builds straight away.",
        "Tạo một trang mới trong thư mục DIR, dựng được ngay.",
    ),
    (
        "Preview the site in a browser; pages reload by themselves when you save.",
        "Xem trước trang trong trình duyệt; trang tự tải lại mỗi khi bạn lưu.",
    ),
    (
        "Create a new draft post in a section: thidua new tin-tuc \"Tiêu đề bài viết\".",
        "Tạo bài nháp mới trong một mục: thidua new tin-tuc \"Tiêu đề bài viết\".",
    ),
    (
        "Build the site and put it where the public sees it (site.yaml's publish:, or --zip).",
        "Dựng trang và đăng lên nơi công chúng xem (publish: trong site.yaml, hoặc --zip).",
    ),
    ("Print only errors.", "Chỉ in lỗi."),
    (
        "Print more detail (warnings in full, scheduled pages, timings).",
        "In chi tiết hơn (đầy đủ cảnh báo, bài hẹn giờ, thời gian từng bước).",
    ),
    (
        "The language of messages: vi or en (default: site.yaml's ui_language, then LANG, then vi).",
        "Ngôn ngữ thông báo: vi hoặc en (mặc định: ui_language trong site.yaml, rồi biến LANG, rồi vi).",
    ),
    (
        "The site's folder (the one with site.yaml).",
        "Thư mục của trang (thư mục có site.yaml).",
    ),
    (
        "Use this base URL instead of site.yaml's base_url.",
        "Dùng địa chỉ gốc này thay cho base_url trong site.yaml.",
    ),
    (
        "Include pages marked draft: true.",
        "Gồm cả các trang có draft: true.",
    ),
    (
        "Include pages dated in the future.",
        "Gồm cả các trang hẹn ngày đăng trong tương lai.",
    ),
    (
        "Where to write the site (default: ROOT/public).",
        "Nơi ghi trang (mặc định: ROOT/public).",
    ),
    (
        "Also check links to other sites (needs the network).",
        "Kiểm tra cả liên kết tới trang khác (cần mạng).",
    ),
    (
        "Outside links checked at once.",
        "Số liên kết ngoài được kiểm tra cùng lúc.",
    ),
    (
        "The folder to create (must not exist or be empty).",
        "Thư mục sẽ tạo (phải chưa có hoặc đang trống).",
    ),
    ("Port to listen on.", "Cổng để mở."),
    (
        "Address to listen on; anything but 127.0.0.1 lets other computers see the preview.",
        "Địa chỉ để mở; khác 127.0.0.1 thì máy khác cũng xem được bản xem trước.",
    ),
    (
        "Show pages marked draft: true (marked \"BẢN NHÁP\").",
        "Hiện các trang có draft: true (đánh dấu \"BẢN NHÁP\").",
    ),
    (
        "Show pages dated in the future.",
        "Hiện các trang hẹn ngày đăng trong tương lai.",
    ),
    (
        "Open the preview in the default browser.",
        "Mở bản xem trước trong trình duyệt mặc định.",
    ),
    (
        "The section folder inside content/ (e.g. tin-tuc).",
        "Thư mục của mục trong content/ (ví dụ tin-tuc).",
    ),
    (
        "The post's title, in quotes.",
        "Tiêu đề bài viết, đặt trong dấu ngoặc kép.",
    ),
    (
        "Create the section if it does not exist yet.",
        "Tạo mục nếu chưa có.",
    ),
    ("Publish without asking.", "Đăng mà không hỏi lại."),
    (
        "Only show what would change.",
        "Chỉ cho xem những gì sẽ thay đổi.",
    ),
    (
        "Write the site into one .zip file instead (for a portal's upload form).",
        "Ghi cả trang vào một tệp .zip (để tải lên qua biểu mẫu của cổng thông tin).",
    ),
    ("Print help", "In hướng dẫn"),
    (
        "Print help (see more with '--help')",
        "In hướng dẫn (xem thêm với '--help')",
    ),
    ("Print version", "In phiên bản"),
    (
        "Seconds allowed for each outside link (1 to 3600).",
        "Số giây chờ mỗi liên kết ngoài (từ 1 đến 3600).",
    ),
    (
        "Also answer requests that use this name for the computer (may be repeated).",
        "Trả lời cả các yêu cầu dùng tên này để gọi máy tính (có thể lặp lại).",
    ),
    (
        "Replace the output folder even though thidua did not make it: everything in it is deleted (needed once, for a folder made by hand or by an older thidua).",
        "Thay thư mục kết quả dù thidua không tạo ra nó: mọi thứ trong đó bị xoá (chỉ cần một lần, cho thư mục tạo tay hoặc do bản thidua cũ dựng).",
    ),
];
