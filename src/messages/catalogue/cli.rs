//! What the commands print: summaries, progress, prompts, and `new`, `init`, `publish`, `serve`.

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    // Summaries and progress (cli.rs).
    (
        "Built {} ({}, {}) in {} into {}",
        "Đã dựng {} ({}, {}) trong {} vào {}",
    ),
    ("Build failed: {}. {}", "Dựng trang thất bại: {}. {}"),
    ("{} was not changed.", "{} không bị thay đổi."),
    ("Nothing was written.", "Không ghi gì cả."),
    ("Nothing was published.", "Chưa đăng gì cả."),
    ("{} in {}", "{} trong {}"),
    ("{} error", "{} lỗi"),
    ("{} errors", "{} lỗi"),
    ("{} warning", "{} cảnh báo"),
    ("{} warnings", "{} cảnh báo"),
    ("{} file", "{} tệp"),
    ("{} files", "{} tệp"),
    ("{} page", "{} trang"),
    ("{} pages", "{} trang"),
    ("{} link", "{} liên kết"),
    ("{} links", "{} liên kết"),
    ("{} s", "{} giây"),
    ("{} ms", "{} mili giây"),
    (
        "Checked {}: no errors, {}.",
        "Đã kiểm tra {}: không có lỗi, {}.",
    ),
    (
        "Check failed: {}, {}. Nothing was written.",
        "Kiểm tra thất bại: {}, {}. Không ghi gì cả.",
    ),
    (
        "Checked {} to other sites: {} broken.",
        "Đã kiểm tra {} đến trang khác: {} liên kết hỏng.",
    ),
    (
        "{}: scheduled for {}, left out until then",
        "{}: hẹn đăng lúc {}, chưa đưa lên cho đến lúc đó",
    ),
    ("Stages: {}", "Các bước: {}"),
    (
        "{} left out until their date (thidua check lists them)",
        "{} chưa được đăng cho đến ngày hẹn (thidua check liệt kê các trang này)",
    ),
    ("{} scheduled page", "{} trang hẹn giờ"),
    ("{} scheduled pages", "{} trang hẹn giờ"),
    (
        "Created a new site in {} ({}).",
        "Đã tạo trang mới trong {} ({}).",
    ),
    (
        "Build it with: thidua build --root {}",
        "Dựng trang bằng lệnh: thidua build --root {}",
    ),
    ("Created the section {}", "Đã tạo mục {}"),
    (
        "Created {} (a draft: remove \"draft: true\" to publish)",
        "Đã tạo {} (bản nháp: xoá dòng \"draft: true\" để đăng)",
    ),
    (
        "Its address once published: {}",
        "Địa chỉ khi được đăng: {}",
    ),
    (
        "Serving the site at {} (Ctrl-C to stop)",
        "Đang phục vụ trang tại {} (Ctrl-C để dừng)",
    ),
    (
        "Rebuilt {} in {} ms after a change to {}",
        "Đã dựng lại {} trong {} mili giây sau khi {} thay đổi",
    ),
    (
        "Build failed: the preview keeps showing the last good site.",
        "Dựng trang thất bại: bản xem trước vẫn hiển thị trang tốt gần nhất.",
    ),
    (
        "Built {} into {} (drafts and scheduled posts left out)",
        "Đã dựng {} vào {} (không gồm bản nháp và bài hẹn giờ)",
    ),
    (
        "Wrote {} ({}): upload it through the portal's form",
        "Đã ghi {} ({}): hãy tải tệp này lên qua biểu mẫu của cổng thông tin",
    ),
    (
        "Nothing to publish: {} is up to date ({}).",
        "Không có gì để đăng: {} đã mới nhất ({}).",
    ),
    (
        "To {}: {} new, {} changed, {} removed, {} unchanged",
        "Đến {}: {} tệp mới, {} tệp thay đổi, {} tệp bị xoá, {} tệp giữ nguyên",
    ),
    ("Published to {}.", "Đã đăng lên {}."),
    ("  … and {} more", "  … và {} tệp nữa"),
    ("Publish? [y/N] ", "Đăng ngay? [c/K] "),
    ("error: {}", "lỗi: {}"),
    ("warning: {}", "cảnh báo: {}"),
    ("note: {}", "lưu ý: {}"),
    // new, init, publish, serve.
    (
        "{} already exists: thidua never overwrites a file (choose another title)",
        "{} đã có: thidua không bao giờ ghi đè tệp (hãy chọn tiêu đề khác)",
    ),
    (
        "there is no section content/{}/ (no _index.md): check the name, or add --create-section to create it",
        "không có mục content/{}/ (chưa có _index.md): hãy kiểm tra tên, hoặc thêm --create-section để tạo mục",
    ),
    (
        "the title \"{}\" has no letters or digits to make a file name from",
        "tiêu đề \"{}\" không có chữ hay số nào để đặt tên tệp",
    ),
    (
        "\"{}\" is not a section folder inside content/",
        "\"{}\" không phải thư mục mục trong content/",
    ),
    (
        "{} already exists and is not empty: choose a new folder",
        "{} đã có và không trống: hãy chọn thư mục mới",
    ),
    // Messages that mixed languages (issue 13).
    ("Check failed: {}. {}", "Kiểm tra thất bại: {}. {}"),
    (
        "Rebuilt {} in {} ms after changes to {} and {}",
        "Đã dựng lại {} trong {} mili giây sau khi {} và {} thay đổi",
    ),
    ("{} other file", "{} tệp khác"),
    ("{} other files", "{} tệp khác"),
    ("load", "đọc"),
    ("prepare", "chuẩn bị"),
    ("render", "dựng"),
    ("commit", "ghi ra"),
    ("update", "cập nhật"),
    // Precompression (issue 14).
    (
        "Precompressed copies (.gz, .br): {} compressed, {} from the cache",
        "Bản nén sẵn (.gz, .br): nén mới {}, lấy từ bộ nhớ đệm {}",
    ),
    // Publishing safely (issue 12).
    ("refusing to publish to {}: {}", "không đăng lên {}: {}"),
    (
        "it is the site's folder or contains it",
        "đó là thư mục trang hoặc chứa thư mục trang",
    ),
    (
        "it is inside the build output, which every build replaces",
        "nó nằm trong thư mục kết quả dựng, thư mục bị thay mới sau mỗi lần dựng",
    ),
    (
        "it is inside the site's {} folder, so the site would publish itself again at every build",
        "nó nằm trong thư mục {} của trang, nên mỗi lần dựng trang sẽ tự đăng lại chính nó",
    ),
    (
        "{} already has files that thidua did not publish but the site would replace ({}): move them away first",
        "{} đã có tệp không do thidua đăng mà trang sẽ ghi đè ({}): hãy chuyển các tệp đó đi trước",
    ),
    (
        "refusing to overwrite {}: it is not a zip that thidua wrote. Choose a new file name",
        "không ghi đè {}: đó không phải tệp zip do thidua ghi. Hãy chọn tên tệp khác",
    ),
    (
        "site.yaml: \"publish: rsync\" must be a destination like user@server:/path/, found \"{}\"",
        "site.yaml: \"publish: rsync\" phải là nơi đến dạng user@server:/path/, nhưng đang là \"{}\"",
    ),
    (
        "error: not a terminal, so nobody can answer: add --yes to publish without asking. Nothing was published.",
        "lỗi: không phải cửa sổ dòng lệnh nên không ai trả lời được: thêm --yes để đăng mà không hỏi. Chưa đăng gì cả.",
    ),
    (
        "note: {} could not be replaced whole (a mount point, a read-only parent folder, a disk without hard links, or folders owned by another user), so its files were replaced one by one",
        "lưu ý: không thay được {} trong một lần (đó là điểm gắn ổ đĩa, thư mục cha chỉ đọc, ổ đĩa không hỗ trợ liên kết cứng, hoặc thư mục của người dùng khác), nên các tệp được thay từng tệp một",
    ),
    (
        "{} is a symbolic link or a file where the site needs a folder: nothing more was written; move it away and publish again",
        "{} là liên kết tượng trưng hoặc tệp ở chỗ trang cần một thư mục: không ghi thêm gì nữa; hãy chuyển nó đi rồi đăng lại",
    ),
    (
        "refusing to write a file whose name has a control character (a line break, a tab…): {}",
        "không ghi tệp có ký tự điều khiển trong tên (xuống dòng, tab…): {}",
    ),
    (
        "The published folder was not changed.",
        "Thư mục đã đăng không bị thay đổi.",
    ),
    // Messages that printed English in Vietnamese too (issue 13).
    (
        "refusing to write outside the output: {}",
        "không ghi tệp ra ngoài thư mục kết quả: {}",
    ),
    (
        "{} cannot be an output directory",
        "{} không dùng làm thư mục kết quả được",
    ),
    ("{} cannot be published to", "không đăng lên {} được"),
    (
        "symbolic links in a publish folder are not kept on this system",
        "hệ thống này không giữ được liên kết tượng trưng trong thư mục đăng",
    ),
    (
        "cannot run rsync ({}): install it (apt-get install rsync openssh-client), or publish to a folder or --zip",
        "không chạy được rsync ({}): hãy cài đặt (apt-get install rsync openssh-client), hoặc đăng vào một thư mục hay dùng --zip",
    ),
    ("rsync failed: {}", "rsync gặp lỗi: {}"),
    (
        "site.yaml: \"publish\" needs exactly one of \"folder\" (a local or mounted folder) or \"rsync\" (user@server:/path/)",
        "site.yaml: \"publish\" cần đúng một trong hai: \"folder\" (thư mục trên máy hoặc ổ đĩa gắn vào) hoặc \"rsync\" (user@server:/path/)",
    ),
    (
        "cannot watch {}: {}",
        "không theo dõi được thay đổi trong {}: {}",
    ),
    (
        "site.yaml has no \"publish:\" target: add publish: {folder: /mnt/…} or publish: {rsync: user@server:/path/}, or use --zip FILE",
        "site.yaml chưa có nơi đăng (\"publish:\"): hãy thêm publish: {folder: /mnt/…} hoặc publish: {rsync: user@server:/path/}, hoặc dùng --zip FILE",
    ),
    ("cannot wait for Ctrl-C", "không chờ được phím Ctrl-C"),
];
