//! The editing room (editor/) and its accounts (user).

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    // --help of `thidua editor` and `thidua user` (as literals in cli/editor.rs, cli/user.rs).
    (
        "Open the editing room in the browser: write, approve and publish posts",
        "Mở phòng biên tập trong trình duyệt: viết, duyệt và đăng bài",
    ),
    (
        "Manage the editing room's accounts: thidua user add lan --role editor",
        "Quản lý tài khoản của phòng biên tập: thidua user add lan --role editor",
    ),
    (
        "Address to listen on; anything but 127.0.0.1 needs accounts (thidua user add)",
        "Địa chỉ lắng nghe; địa chỉ khác 127.0.0.1 cần có tài khoản (thidua user add)",
    ),
    (
        "Open the editing room in the default browser",
        "Mở phòng biên tập trong trình duyệt mặc định",
    ),
    (
        "Also answer requests that use this name (the server's name behind nginx; may be repeated)",
        "Trả lời cả các yêu cầu dùng tên này (tên máy chủ sau nginx; có thể lặp lại)",
    ),
    (
        "Browsers reach the room through HTTPS (nginx with TLS in front): cookies are marked Secure",
        "Trình duyệt vào phòng qua HTTPS (nginx với TLS đứng trước): cookie được đánh dấu Secure",
    ),
    (
        "Create an account: thidua user add lan --role editor",
        "Tạo tài khoản: thidua user add lan --role editor",
    ),
    (
        "The login name (lower-case letters without accents, digits, . _ -)",
        "Tên đăng nhập (chữ thường không dấu, chữ số, . _ -)",
    ),
    (
        "editor (writes and submits), approver (also approves and publishes) or admin",
        "editor (viết và gửi duyệt), approver (duyệt và đăng) hoặc admin (quản trị)",
    ),
    (
        "Read the password from the first line of standard input instead of asking",
        "Đọc mật khẩu từ dòng đầu của đầu vào chuẩn thay vì hỏi",
    ),
    ("Delete an account", "Xóa một tài khoản"),
    ("The login name", "Tên đăng nhập"),
    (
        "Change an account's password",
        "Đổi mật khẩu của một tài khoản",
    ),
    // Accounts (cli/user.rs, editor/users.rs).
    (
        "there is already an account called \"{}\" (use thidua user passwd to change its password)",
        "đã có tài khoản tên \"{}\" (dùng thidua user passwd để đổi mật khẩu)",
    ),
    (
        "there is no account called \"{}\"",
        "không có tài khoản nào tên \"{}\"",
    ),
    (
        "\"{}\" cannot be an account name: use 1 to 40 lower-case letters without accents, digits, \".\", \"_\" or \"-\" (for example lan.nguyen)",
        "\"{}\" không dùng được làm tên tài khoản: hãy dùng 1 đến 40 chữ thường không dấu, chữ số, \".\", \"_\" hoặc \"-\" (ví dụ lan.nguyen)",
    ),
    (
        "the password is too short: use at least {} characters",
        "mật khẩu quá ngắn: hãy dùng ít nhất {} ký tự",
    ),
    (
        "cannot make a random number: {}",
        "không tạo được số ngẫu nhiên: {}",
    ),
    (
        "\"{}\" is not a role: use editor, approver or admin",
        "\"{}\" không phải là vai trò: dùng editor (biên tập), approver (duyệt bài) hoặc admin (quản trị)",
    ),
    ("Created the account {} ({})", "Đã tạo tài khoản {} ({})"),
    ("Removed the account {}", "Đã xóa tài khoản {}"),
    ("Changed the password of {}", "Đã đổi mật khẩu của {}"),
    ("Password: ", "Mật khẩu: "),
    (
        "cannot ask for the password here (no terminal): give it on standard input with --password-stdin",
        "không hỏi được mật khẩu ở đây (không có cửa sổ dòng lệnh): hãy đưa mật khẩu vào đầu vào chuẩn với --password-stdin",
    ),
    ("The same password again: ", "Nhập lại mật khẩu: "),
    (
        "the two passwords differ: nothing was changed",
        "hai lần nhập mật khẩu không giống nhau: chưa thay đổi gì",
    ),
    // Starting (cli/editor.rs, editor/mod.rs).
    (
        "The editing room is open at {} (Ctrl-C to stop)",
        "Phòng biên tập đang mở tại {} (bấm Ctrl-C để dừng)",
    ),
    (
        "Waiting for the publish running now (and the approvals after it) to finish before stopping; press Ctrl-C again to stop at once.",
        "Đang chờ lần đăng đang chạy (và các bài đã duyệt sau nó) xong rồi mới dừng; bấm Ctrl-C lần nữa để dừng ngay.",
    ),
    (
        "{} has no site.yaml: start the editing room in the site's folder, or give it with --root",
        "{} không có tệp site.yaml: hãy mở phòng biên tập trong thư mục của trang, hoặc chỉ ra thư mục bằng --root",
    ),
    (
        "the editing room will not listen on {} without accounts: anyone on the network could change the site. Create one first with: thidua user add NAME --role admin",
        "phòng biên tập không mở trên địa chỉ {} khi chưa có tài khoản nào: bất kỳ ai trong mạng cũng có thể sửa trang. Hãy tạo tài khoản trước bằng lệnh: thidua user add TÊN --role admin",
    ),
    // Refusals (editor/server.rs, routes.rs).
    (
        "The file is too large: at most 20 MB.",
        "Tệp quá lớn: tối đa 20 MB.",
    ),
    (
        "This form has expired or did not come from the editing room. Go back, reload the page and try again.",
        "Biểu mẫu này đã hết hạn hoặc không gửi từ phòng biên tập. Hãy quay lại, tải lại trang rồi thử lại.",
    ),
    (
        "The editing room answers only to its own names, not to \"{}\" (a protection against DNS rebinding). Start it with --host {} to allow that name.",
        "Phòng biên tập chỉ trả lời các tên của chính nó, không trả lời \"{}\" (để chống tấn công DNS rebinding). Hãy mở phòng với --host {} để cho phép tên đó.",
    ),
    (
        "There is no such page in the editing room.",
        "Phòng biên tập không có trang này.",
    ),
    (
        "Only an approver can do this.",
        "Chỉ người duyệt bài mới làm được việc này.",
    ),
    (
        "\"{}\" is not a post of this site",
        "\"{}\" không phải là bài viết của trang này",
    ),
    ("cannot read {}: {}", "không đọc được {}: {}"),
    ("cannot save {}: {}", "không lưu được {}: {}"),
    // Login.
    ("Sign in", "Đăng nhập"),
    ("Sign out", "Đăng xuất"),
    ("Account name", "Tên tài khoản"),
    ("Password", "Mật khẩu"),
    (
        "Wrong account name or password.",
        "Sai tên tài khoản hoặc mật khẩu.",
    ),
    (
        "Too many wrong passwords: this account is locked for {} minutes.",
        "Nhập sai mật khẩu quá nhiều lần: tài khoản bị khóa trong {} phút.",
    ),
    // Pages (editor/pages.rs).
    ("writer", "biên tập viên"),
    ("approver", "người duyệt"),
    ("administrator", "quản trị"),
    ("Editing room", "Phòng biên tập"),
    ("Posts", "Bài viết"),
    ("New post", "Bài mới"),
    ("All", "Tất cả"),
    ("Search", "Tìm"),
    ("Status", "Trạng thái"),
    ("Filter", "Lọc"),
    ("Title", "Tiêu đề"),
    ("Date", "Ngày"),
    ("Section", "Chuyên mục"),
    ("Create", "Tạo bài"),
    (
        "Create a post from a Word file (.docx)",
        "Tạo bài từ tệp Word (.docx)",
    ),
    ("Word file (.docx)", "Tệp Word (.docx)"),
    ("Address (slug)", "Địa chỉ (slug)"),
    ("Description", "Mô tả ngắn"),
    (
        "Tags (separated by commas)",
        "Thẻ (cách nhau bằng dấu phẩy)",
    ),
    (
        "Categories (separated by commas)",
        "Chuyên đề (cách nhau bằng dấu phẩy)",
    ),
    ("Cover image", "Ảnh đại diện"),
    ("Body (Markdown)", "Nội dung (Markdown)"),
    (
        "Add photos (or drag them onto the text)",
        "Thêm ảnh (hoặc kéo thả ảnh vào ô Nội dung)",
    ),
    ("Save", "Lưu"),
    ("Preview", "Xem trước"),
    ("Bold", "Đậm"),
    ("Italic", "Nghiêng"),
    ("Heading", "Tiêu đề mục"),
    ("List", "Danh sách"),
    ("Link", "Liên kết"),
    ("Image", "Ảnh"),
    ("Table", "Bảng"),
    ("Figure from the results", "Số liệu kết quả"),
    ("Formatting", "Định dạng"),
    (
        "Write a title with letters or digits.",
        "Hãy viết tiêu đề có chữ hoặc số.",
    ),
    ("Choose one of the sections.", "Hãy chọn một chuyên mục."),
    (
        "A post with this title already exists in this section: choose another title.",
        "Chuyên mục này đã có bài cùng tiêu đề: hãy chọn tiêu đề khác.",
    ),
    (
        "Photos can be added only to posts created in the editing room (a folder with index.md).",
        "Chỉ thêm ảnh được cho bài tạo trong phòng biên tập (một thư mục có index.md).",
    ),
    (
        "This file is not a JPEG, PNG or WebP photo.",
        "Tệp này không phải là ảnh JPEG, PNG hoặc WebP.",
    ),
    ("line {}: {}", "dòng {}: {}"),
    (
        "Fix the problems marked below before submitting.",
        "Hãy sửa các lỗi được đánh dấu bên dưới trước khi gửi duyệt.",
    ),
    // From Word (editor/word.rs).
    (
        "The pasted text could not be read.",
        "Không đọc được nội dung vừa dán.",
    ),
    ("A post from Word", "Bài từ Word"),
    (
        "The post was changed after you opened it: open it again and read the new text before approving.",
        "Bài đã được sửa sau khi bạn mở: hãy mở lại và đọc bản mới trước khi duyệt.",
    ),
    (
        "Approved: “{}” will be published right after the publish running now, unless it is changed before then; open Publish again to follow it.",
        "Đã duyệt: bài “{}” sẽ được đăng ngay sau lần xuất bản đang chạy, trừ khi bài bị sửa trước lúc đó; hãy mở lại mục “Đăng lên trang” để theo dõi.",
    ),
    (
        "{} pasted picture(s) could not be kept: pictures from another website are not copied, and only JPEG, PNG and WebP pictures are kept; add them with “Add photos”.",
        "{} ảnh vừa dán không giữ lại được: ảnh trên trang web khác không được sao về, và chỉ giữ ảnh JPEG, PNG, WebP; hãy thêm ảnh bằng ô “Thêm ảnh”.",
    ),
    // Conflicts.
    (
        "Someone else saved this post first",
        "Người khác đã lưu bài này trước bạn",
    ),
    (
        "Nothing was overwritten. Your text is kept in {}; copy what you need into the post and save again.",
        "Không có gì bị ghi đè. Bản của bạn được giữ ở {}; hãy chép phần cần thiết vào bài rồi lưu lại.",
    ),
    ("Your text", "Bản của bạn"),
    ("The text saved now", "Bản đang được lưu"),
    ("Open the post again", "Mở lại bài viết"),
    // Workflow (editor/workflow.rs).
    ("Draft", "Nháp"),
    ("Waiting for approval", "Chờ duyệt"),
    (
        "Changes waiting for approval",
        "Những thay đổi đang chờ duyệt",
    ),
    (
        "A revision by {} is waiting for approval; the published version stays on the site until it is approved.",
        "Bản sửa của {} đang chờ duyệt; bản đã đăng vẫn ở trên trang cho đến khi bản sửa được duyệt.",
    ),
    (
        "The published post was changed after this revision was written: nothing was overwritten, the revision is kept in {}.",
        "Bài đã đăng bị thay đổi sau khi bản sửa này được viết: không có gì bị ghi đè, bản sửa được giữ trong {}.",
    ),
    ("Published", "Đã đăng"),
    ("Scheduled", "Hẹn giờ"),
    ("Saved.", "Đã lưu."),
    (
        "This is the text saved automatically, not yet saved into the post: press Save to keep it.",
        "Đây là bản tự lưu, chưa được lưu vào bài: bấm Lưu để giữ lại.",
    ),
    (
        "Returned by {} with this comment:",
        "{} đã trả lại bài với nhận xét:",
    ),
    ("Submit for approval", "Gửi duyệt"),
    ("Comment for the writer", "Nhận xét cho người viết"),
    ("Return with the comment", "Trả lại kèm nhận xét"),
    ("Approve and publish", "Duyệt và đăng"),
    // Publish and history (editor/publish.rs, review.rs).
    ("Publish", "Đăng lên trang"),
    (
        "Builds the site and publishes it: approved posts, and scheduled posts whose date has come.",
        "Dựng lại trang và đăng lên: các bài đã duyệt, và các bài hẹn giờ đã đến ngày.",
    ),
    (
        "Published to {}: {} new, {} changed, {} removed files.",
        "Đã đăng lên {}: {} tệp mới, {} tệp thay đổi, {} tệp bị gỡ.",
    ),
    ("History", "Lịch sử"),
    ("Differences from now", "Khác gì so với hiện tại"),
    ("Restore this version", "Khôi phục bản này"),
    // Publishing in the background, with its progress (editor/publish.rs).
    (
        "A publish started by {} is still running: wait for it to finish; its progress is below.",
        "{} đang đăng trang lên: hãy chờ xong; tiến độ ở bên dưới.",
    ),
    ("cannot start publishing: {}", "không bắt đầu đăng được: {}"),
    (
        "Checking the posts and the data…",
        "Đang kiểm tra bài viết và số liệu…",
    ),
    (
        "Building the pages: {} of {}…",
        "Đang dựng trang: {} trên {}…",
    ),
    (
        "Preparing the photos and share pictures…",
        "Đang chuẩn bị ảnh và ảnh chia sẻ…",
    ),
    (
        "Copying the changed files to the site…",
        "Đang chép các tệp thay đổi lên trang…",
    ),
    ("Finished.", "Đã xong."),
    (
        "Nothing has been published since the editing room started.",
        "Chưa đăng lần nào từ khi mở phòng biên tập.",
    ),
    ("Checking", "Kiểm tra"),
    ("Building the pages", "Dựng trang"),
    ("Photos", "Ảnh"),
    ("Publishing", "Xuất bản"),
    ("Look again", "Xem lại tiến độ"),
    ("No page changed.", "Không trang nào thay đổi."),
    (
        "Pages changed on the site",
        "Các trang đã thay đổi trên trang web",
    ),
    // The login guard per address (editor/login.rs).
    (
        "Too many wrong passwords from this computer: signing in from it is locked for {} minutes.",
        "Nhập sai mật khẩu quá nhiều lần từ máy này: máy này bị khóa đăng nhập trong {} phút.",
    ),
    // The cover picker (editor/cover.rs).
    ("No cover image", "Không có ảnh đại diện"),
    ("Upload a new cover image", "Tải lên ảnh đại diện mới"),
];
