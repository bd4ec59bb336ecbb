//! Conversions from Word and web pages (convert/).

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    (
        "this is a Word 97–2003 document (.doc), not a .docx: open it in Word and save it as \"Word Document (*.docx)\"",
        "đây là tài liệu Word 97–2003 (.doc), không phải .docx: hãy mở bằng Word rồi lưu lại dưới dạng \"Word Document (*.docx)\"",
    ),
    (
        "this is not a Word document (.docx): a .docx is a zip archive, and this file is not one",
        "đây không phải tài liệu Word (.docx): tệp .docx là một tệp nén zip, còn tệp này thì không",
    ),
    (
        "this file was made by {}, not Word: it is not a Word document (.docx)",
        "tệp này do {} tạo ra, không phải Word: đây không phải tài liệu Word (.docx)",
    ),
    (
        "this zip archive is not a Word document: it has no word/document.xml",
        "tệp nén zip này không phải tài liệu Word: trong đó không có word/document.xml",
    ),
    (
        "the file is {} MB; thidua reads Word documents of up to {} MB (make the photos in it smaller)",
        "tệp nặng {} MB; thidua chỉ đọc tài liệu Word tối đa {} MB (hãy giảm dung lượng ảnh trong tài liệu)",
    ),
    (
        "the file would unpack to far more than a Word document holds: refused as unsafe",
        "tệp này khi giải nén sẽ lớn hơn rất nhiều so với một tài liệu Word: từ chối vì không an toàn",
    ),
    (
        "the document is damaged: {} cannot be read at line {}, column {} (open it in Word and save it again)",
        "tài liệu bị hỏng: không đọc được {} ở dòng {}, cột {} (hãy mở bằng Word rồi lưu lại)",
    ),
    (
        "the document is damaged: {} cannot be read (open it in Word and save it again)",
        "tài liệu bị hỏng: không đọc được {} (hãy mở bằng Word rồi lưu lại)",
    ),
    (
        "the document is damaged: its zip archive is broken or cut short (open it in Word and save it again)",
        "tài liệu bị hỏng: tệp nén zip bên trong bị lỗi hoặc bị cắt cụt (hãy mở bằng Word rồi lưu lại)",
    ),
    (
        "Make the post from a Word document (.docx) or a saved web page (.html), with its tables and photos; SECTION is then tin-tuc unless given",
        "Tạo bài từ tài liệu Word (.docx) hoặc trang web đã lưu (.html), giữ cả bảng và ảnh; khi đó SECTION mặc định là tin-tuc",
    ),
    (
        "Created {} from {} (a draft: remove \"draft: true\" to publish)",
        "Đã tạo {} từ {} (bản nháp: xoá dòng \"draft: true\" để đăng)",
    ),
    ("Photos put beside it: {}", "Số ảnh đặt cùng thư mục: {}"),
    (
        "warning: an image of the page was left out (it is not a file in the page's folder): {}",
        "cảnh báo: bỏ qua một ảnh của trang (không phải tệp trong thư mục của trang): {}",
    ),
];
