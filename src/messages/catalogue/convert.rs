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
        "this is a {} file, not a Word document (.docx)",
        "đây là tệp {}, không phải tài liệu Word (.docx)",
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
        "the document is damaged: {} cannot be read at line {}, column {} ({})",
        "tài liệu bị hỏng: không đọc được {} ở dòng {}, cột {} ({})",
    ),
    (
        "the document is damaged: {} (open it in Word and save it again)",
        "tài liệu bị hỏng: {} (hãy mở bằng Word rồi lưu lại)",
    ),
];
