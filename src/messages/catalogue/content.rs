//! Front matter, YAML, text encoding and `site.yaml`.

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    // Front matter and YAML (load/).
    ("unknown field \"{}\"", "trường không hợp lệ \"{}\""),
    ("did you mean \"{}\"?", "có phải ý bạn là \"{}\"?"),
    ("did you mean `{}`?", "có phải ý bạn là `{}`?"),
    ("expected one of {}", "cần là một trong {}"),
    ("there are none yet", "hiện chưa có mục nào"),
    (
        "missing required field \"{}\"",
        "thiếu trường bắt buộc \"{}\"",
    ),
    (
        "field \"{}\" is given twice",
        "trường \"{}\" được ghi hai lần",
    ),
    ("a tab is used for indentation", "thụt lề bằng phím Tab"),
    ("unknown value \"{}\"", "giá trị không hợp lệ \"{}\""),
    ("did not find expected ',' or ']'", "thiếu dấu ',' hoặc ']'"),
    ("close the list with \"]\"", "hãy đóng danh sách bằng \"]\""),
    (
        "invalid YAML: the quoted text is not closed",
        "YAML không hợp lệ: dấu ngoặc kép chưa được đóng",
    ),
    (
        "add the closing quote mark at the end of the value",
        "hãy thêm dấu ngoặc đóng ở cuối giá trị",
    ),
    (
        "a value that contains \": \" must be in quotes: title: \"Lễ phát động: đợt thi đua\"",
        "giá trị có chứa \": \" phải đặt trong ngoặc kép: title: \"Lễ phát động: đợt thi đua\"",
    ),
    (
        "YAML needs spaces: replace the tab with spaces",
        "YAML cần dấu cách: hãy thay Tab bằng dấu cách",
    ),
    (
        "\"{}\" must be {}, found {}",
        "\"{}\" phải là {}, nhưng đang là {}",
    ),
    ("must be {}, found {}", "phải là {}, nhưng đang là {}"),
    ("text", "chữ (văn bản)"),
    ("a list", "một danh sách"),
    ("true or false", "true hoặc false"),
    ("a whole number", "một số nguyên"),
    ("a number", "một số"),
    (
        "a mapping (key: value lines)",
        "một bảng (các dòng khoá: giá trị)",
    ),
    ("a mapping", "một bảng"),
    ("a value", "một giá trị"),
    ("nothing", "để trống"),
    ("the text {}", "chữ {}"),
    ("the number {}", "số {}"),
    ("invalid YAML: {}", "YAML không hợp lệ: {}"),
    (
        "mapping values are not allowed in this context",
        "không được viết \"khoá: giá trị\" ở chỗ này",
    ),
    (
        "a mapping key must be text, found {}",
        "khoá của bảng phải là chữ, nhưng đang là {}",
    ),
    (
        "the file does not start with front matter",
        "tệp không bắt đầu bằng phần đầu (front matter)",
    ),
    (
        "begin with a line \"---\", then \"title: …\", then another \"---\"",
        "hãy bắt đầu bằng một dòng \"---\", rồi \"title: …\", rồi một dòng \"---\" nữa",
    ),
    (
        "the front matter is not closed",
        "phần đầu (front matter) chưa được đóng",
    ),
    (
        "add a line \"---\" after the last front matter field",
        "thêm một dòng \"---\" sau trường cuối cùng của phần đầu",
    ),
    ("\"title\" is empty", "\"title\" đang để trống"),
    (
        "\"{}\" must look like 2024-05-31, found \"{}\"",
        "\"{}\" phải viết dạng 2024-05-31, nhưng đang là \"{}\"",
    ),
    ("write \"{}\"", "hãy viết \"{}\""),
    (
        "\"{}\" is not a real date or time: \"{}\"",
        "\"{}\" không phải ngày giờ có thật: \"{}\"",
    ),
    (
        "\"slug\" \"{}\" is not a single URL segment",
        "\"slug\" \"{}\" không phải một đoạn địa chỉ đơn",
    ),
    (
        "use letters, digits and dashes, e.g. \"le-phat-dong\"",
        "dùng chữ, số và dấu gạch ngang, ví dụ \"le-phat-dong\"",
    ),
    (
        "alias \"{}\" is not a path inside the site",
        "địa chỉ cũ \"{}\" không nằm trong trang",
    ),
    (
        "write it like \"/tin-tuc/ten-cu/\", without \"..\" or \"\\\"",
        "hãy viết dạng \"/tin-tuc/ten-cu/\", không có \"..\" hay \"\\\"",
    ),
    (
        "taxonomy \"{}\" is not declared in site.yaml; its terms are ignored",
        "phân loại \"{}\" chưa được khai báo trong site.yaml; các mục của nó bị bỏ qua",
    ),
    // Text (text.rs).
    (
        "the file is UTF-16, not UTF-8",
        "tệp được lưu dạng UTF-16, không phải UTF-8",
    ),
    (
        "save it again as \"UTF-8\" in your editor",
        "hãy lưu lại tệp dạng \"UTF-8\" trong trình soạn thảo",
    ),
    (
        "invalid UTF-8 byte {} at byte offset {}",
        "byte {} không hợp lệ theo UTF-8 tại vị trí byte {}",
    ),
    (
        "save the file as \"UTF-8\" in your editor",
        "hãy lưu tệp dạng \"UTF-8\" trong trình soạn thảo",
    ),
    (
        "Vietnamese text is not in the standard composed form (NFC); it was normalised",
        "chữ tiếng Việt không ở dạng dựng sẵn chuẩn (NFC); đã được chuẩn hoá",
    ),
    (
        "set your keyboard (e.g. Unikey) to \"Unicode dựng sẵn\"",
        "hãy đặt bộ gõ (ví dụ Unikey) ở bảng mã \"Unicode dựng sẵn\"",
    ),
    (
        "a symbolic link points back to a folder that contains it (a loop): remove the link or point it elsewhere",
        "một liên kết tượng trưng trỏ ngược về thư mục chứa nó (vòng lặp): hãy xoá liên kết hoặc cho nó trỏ nơi khác",
    ),
    ("cannot be read: {}", "không đọc được: {}"),
    (
        "no content/ folder in {}: create it and put your Markdown files there",
        "không có thư mục content/ trong {}: hãy tạo và đặt các tệp Markdown vào đó",
    ),
    // Config.
    (
        "no site.yaml in {}: this is not a thidua site (\"thidua init DIR\" creates one)",
        "không có site.yaml trong {}: đây không phải trang thidua (lệnh \"thidua init THƯ_MỤC\" sẽ tạo một trang)",
    ),
    (
        "\"base_url\" {}, found \"{}\"",
        "\"base_url\" {}, nhưng đang là \"{}\"",
    ),
    ("is not a URL", "không phải địa chỉ web"),
    (
        "must start with http:// or https://",
        "phải bắt đầu bằng http:// hoặc https://",
    ),
    ("has no host name", "thiếu tên máy chủ"),
    (
        "must not have a ? query or # fragment",
        "không được có phần ? hoặc #",
    ),
    (
        "write a full address such as \"https://example.gov.vn/\"",
        "hãy viết đủ địa chỉ, ví dụ \"https://example.gov.vn/\"",
    ),
    (
        "taxonomy name \"{}\" must be unique and written like \"tags\"",
        "tên phân loại \"{}\" phải không trùng và viết dạng \"tags\"",
    ),
    (
        "unknown theme \"{}\": there is no folder themes/{}",
        "không có giao diện \"{}\": không có thư mục themes/{}",
    ),
    (
        "refusing to use {} as the output directory: {}",
        "không dùng {} làm thư mục kết quả: {}",
    ),
    ("it is the file system root", "đó là thư mục gốc của máy"),
    ("it is your home directory", "đó là thư mục nhà của bạn"),
    (
        "it contains your home directory",
        "nó chứa thư mục nhà của bạn",
    ),
    (
        "it is a file, not a folder",
        "đó là một tệp, không phải thư mục",
    ),
    (
        "it holds files that thidua did not make (no .thidua-output marker); everything in it would be deleted. Choose a new or empty folder, or, if all of it may be deleted, run again with --replace-output",
        "thư mục có tệp không do thidua tạo (không có tệp đánh dấu .thidua-output); mọi thứ trong đó sẽ bị xoá. Hãy chọn thư mục mới hoặc trống, hoặc, nếu được phép xoá hết, chạy lại với --replace-output",
    ),
    (
        "it is the site root or contains it",
        "đó là thư mục trang hoặc chứa thư mục trang",
    ),
    (
        "it is inside the site's {}/ folder",
        "nó nằm trong thư mục {}/ của trang",
    ),
    (
        "it contains {}, so it looks like a project, not a built site",
        "nó chứa {}, nên giống một dự án chứ không phải trang đã dựng",
    ),
    // YAML limits (issue 12).
    (
        "the data is nested more than {} levels deep",
        "dữ liệu lồng nhau sâu quá {} cấp",
    ),
    (
        "put fewer lists and mappings inside each other",
        "hãy bớt lồng danh sách và bảng vào nhau",
    ),
    (
        "the alias \"*{}\" makes the data too large: aliases may add at most {} values",
        "bí danh \"*{}\" làm dữ liệu quá lớn: các bí danh chỉ được thêm tối đa {} giá trị",
    ),
    (
        "write the values out, or use fewer aliases",
        "hãy viết thẳng các giá trị ra, hoặc dùng ít bí danh hơn",
    ),
    (
        "the alias \"*{}\" is inside the value it refers to",
        "bí danh \"*{}\" nằm bên trong chính giá trị mà nó trỏ tới",
    ),
    // Numbers written the Vietnamese way (issue 17).
    (
        "write {} without the dots between thousands",
        "hãy viết {}, không có dấu chấm giữa các hàng nghìn",
    ),
    (
        "write the decimal with a point: {}.{}",
        "hãy viết phần thập phân bằng dấu chấm: {}.{}",
    ),
    (
        "the count \"{}\" is written \"{}\": YAML reads the dot as a decimal point, not as thousands",
        "số đếm \"{}\" được viết \"{}\": YAML hiểu dấu chấm là dấu thập phân, không phải dấu phân cách hàng nghìn",
    ),
];
