//! The message catalogue: every sentence thidua prints, in English and in Vietnamese.
//!
//! The code writes its messages in English (so they can be read and tested where they are
//! made); this one table gives each of them its Vietnamese wording, with `{}` standing for the
//! parts that vary (a file, a field, a number). [`translate`] matches a printed sentence
//! against the table and fills the Vietnamese sentence with the same parts, translating those
//! parts too when they are themselves catalogue sentences ("3 pages" → "3 trang"). A sentence
//! with no entry is printed in English, never lost; a test checks that every message the test
//! suite pins has a Vietnamese entry.

use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Severity};

/// The language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Vietnamese.
    Vi,
}

impl Lang {
    /// Parses `vi`, `vi_VN.UTF-8`, `en`, `en_US`…; `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("vi") {
            Some(Lang::Vi)
        } else if s.starts_with("en") || s == "c" || s.starts_with("c.") || s == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language to speak: `--lang`, then `ui_language` in `site.yaml`, then `LANG`,
    /// then English. (The command line wins, as it does for every other option.)
    pub fn choose(flag: Option<&str>, site: Option<&str>, env: Option<&str>) -> Lang {
        flag.and_then(Lang::parse)
            .or_else(|| site.and_then(Lang::parse))
            .or_else(|| env.and_then(Lang::parse))
            .unwrap_or_default()
    }
}

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
const CATALOGUE: &[(&str, &str)] = &[
    // Summaries and progress (cli.rs).
    (
        "Built {} ({}, {}) in {} into {}",
        "Đã dựng {} ({}, {}) trong {} vào {}",
    ),
    ("Build failed: {}. {}", "Dựng trang thất bại: {}. {}"),
    ("{} was not changed.", "{} không bị thay đổi."),
    ("Nothing was written.", "Không ghi gì cả."),
    ("Nothing was published.", "Chưa đăng gì cả."),
    ("{} error in {}", "{} lỗi trong {}"),
    ("{} errors in {}", "{} lỗi trong {}"),
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
    ("{} other page", "{} trang khác"),
    ("{} other pages", "{} trang khác"),
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
    // Links, templates, URLs (render/, validate.rs, check.rs).
    ("page \"{}\" does not exist", "không có trang \"{}\""),
    (
        "the URL {} is also written by {}",
        "địa chỉ {} cũng được tạo bởi {}",
    ),
    (
        "the alias {} is also written by {}",
        "địa chỉ cũ {} cũng được tạo bởi {}",
    ),
    (
        "the taxonomy URL {} is also written by {}",
        "địa chỉ phân loại {} cũng được tạo bởi {}",
    ),
    (
        "give one of them another \"slug\" or file name",
        "hãy đặt cho một trong hai \"slug\" hoặc tên tệp khác",
    ),
    (
        "template \"{}\" does not exist",
        "không có khuôn mẫu (template) \"{}\"",
    ),
    (
        "add it to templates/ or to the theme, or fix the \"template\" field",
        "hãy thêm vào templates/ hoặc giao diện, hoặc sửa trường \"template\"",
    ),
    ("field `{}` is not defined", "trường `{}` không tồn tại"),
    ("while rendering {}", "khi dựng {}"),
    ("{}; while rendering {}", "{}; khi dựng {}"),
    (
        "in cached() at {}, while rendering {}",
        "trong cached() tại {}, khi dựng {}",
    ),
    (
        "{}; in cached() at {}, while rendering {}",
        "{}; trong cached() tại {}, khi dựng {}",
    ),
    ("{} and {} other page", "{} và {} trang khác"),
    ("{} and {} other pages", "{} và {} trang khác"),
    (
        "extends \"{}\", which does not exist",
        "kế thừa \"{}\", là khuôn mẫu không tồn tại",
    ),
    (
        "templates extend each other in a circle: {}",
        "các khuôn mẫu kế thừa nhau thành vòng: {}",
    ),
    (
        "templates include each other in a circle: {}",
        "các khuôn mẫu nhúng nhau thành vòng: {}",
    ),
    (
        "\"{}\" has no heading with the id \"#{}\"",
        "\"{}\" không có đề mục nào mang mã \"#{}\"",
    ),
    ("this page", "trang này"),
    ("did you mean \"#{}\"?", "có phải ý bạn là \"#{}\"?"),
    ("its headings are {}", "các đề mục của trang là {}"),
    ("that page has no headings", "trang đó không có đề mục nào"),
    (
        "no page has the address \"{}\"",
        "không có trang nào có địa chỉ \"{}\"",
    ),
    (
        "link to the file instead, e.g. [bài](@/tin-tuc/bai-mot.md)",
        "hãy liên kết tới tệp, ví dụ [bài](@/tin-tuc/bai-mot.md)",
    ),
    (
        "the page has no \"description\"",
        "trang chưa có \"description\" (mô tả)",
    ),
    (
        "add one or two sentences: they show in lists, search results and shared links",
        "hãy thêm một hai câu: chúng hiện trong danh sách, kết quả tìm kiếm và khi chia sẻ liên kết",
    ),
    (
        "the image \"{}\" has no alt text",
        "ảnh \"{}\" chưa có mô tả (alt)",
    ),
    (
        "describe it between the brackets: ![Lễ trao giấy khen](anh.jpg)",
        "hãy mô tả ảnh trong ngoặc vuông: ![Lễ trao giấy khen](anh.jpg)",
    ),
    ("\"{}\" answered HTTP {}", "\"{}\" trả lời mã HTTP {}"),
    ("\"{}\" did not answer in time", "\"{}\" không trả lời kịp"),
    (
        "\"{}\" could not be reached ({})",
        "không kết nối được tới \"{}\" ({})",
    ),
    ("cannot be written: {}", "không ghi được: {}"),
    ("cannot be copied: {}", "không sao chép được: {}"),
    // Campaign data (campaign/).
    ("the id \"{}\" is used twice", "mã \"{}\" bị dùng hai lần"),
    (
        "the count \"{}\" must be a whole number, found {}",
        "số đếm \"{}\" phải là số nguyên, nhưng đang là {}",
    ),
    (
        "write counts without a thousands separator: 9640, not 9.640",
        "hãy viết số đếm không có dấu chấm phân cách hàng nghìn: 9640, không viết 9.640",
    ),
    ("unknown group \"{}\"", "nhóm chỉ tiêu không hợp lệ \"{}\""),
    ("unknown scope \"{}\"", "phạm vi không hợp lệ \"{}\""),
    ("unknown dimension \"{}\"", "cách chia không hợp lệ \"{}\""),
    ("unknown granularity \"{}\"", "chu kỳ không hợp lệ \"{}\""),
    (
        "version {} is not supported",
        "phiên bản {} chưa được hỗ trợ",
    ),
    ("write schema_version: 1", "hãy ghi schema_version: 1"),
    (
        "unknown operator \"{}\"",
        "phép so sánh không hợp lệ \"{}\"",
    ),
    ("use one of {}", "hãy dùng một trong {}"),
    ("unknown metric \"{}\"", "đại lượng không hợp lệ \"{}\""),
    (
        "use \"value\" or \"counts.<name of a count>\"",
        "hãy dùng \"value\" hoặc \"counts.<tên số đếm>\"",
    ),
    (
        "an indicator needs at least one target",
        "mỗi chỉ tiêu cần ít nhất một mục tiêu",
    ),
    ("no unit with id \"{}\"", "không có đơn vị mang mã \"{}\""),
    (
        "a row needs \"unit\" or \"person\"",
        "mỗi dòng cần \"unit\" hoặc \"person\"",
    ),
    (
        "the count \"{}\" is negative ({})",
        "số đếm \"{}\" bị âm ({})",
    ),
    (
        "there is no count \"{}\", which the formula needs",
        "thiếu số đếm \"{}\" mà công thức cần",
    ),
    (
        "there is no count \"{}\", which a target compares",
        "thiếu số đếm \"{}\" mà một mục tiêu so sánh",
    ),
    (
        "the numerator \"{}\" ({}) is larger than the denominator ({})",
        "tử số \"{}\" ({}) lớn hơn mẫu số ({})",
    ),
    (
        "the {} add up to {} = {}, but the total is {}",
        "các {} cộng lại {} = {}, nhưng tổng là {}",
    ),
    (
        "correct the figures, or write \"partial: true\" if the {} are incomplete",
        "hãy sửa số liệu, hoặc ghi \"partial: true\" nếu các {} chưa đầy đủ",
    ),
    ("rows", "dòng"),
    ("points", "điểm"),
    (
        "the value {} does not match the counts, which give {}",
        "giá trị {} không khớp với số đếm (tính ra {})",
    ),
    (
        "remove \"value\" to let thidua compute it",
        "hãy xoá \"value\" để thidua tự tính",
    ),
    (
        "\"{}\" is not a month or a day",
        "\"{}\" không phải một tháng hay một ngày",
    ),
    (
        "write it like \"2023-07\" or \"2023-07-31\"",
        "hãy viết dạng \"2023-07\" hoặc \"2023-07-31\"",
    ),
    (
        "\"@rating_scale\" needs a rating_scale list",
        "\"@rating_scale\" cần danh sách rating_scale",
    ),
    (
        "add rating_scale at the top of the file",
        "hãy thêm rating_scale ở đầu tệp",
    ),
    (
        "\"{}\" is not a date like 2023-11-15",
        "\"{}\" không phải ngày dạng 2023-11-15",
    ),
    (
        "unknown award form \"{}\"",
        "hình thức khen thưởng không hợp lệ \"{}\"",
    ),
    (
        "no decision with id \"{}\"",
        "không có quyết định mang mã \"{}\"",
    ),
    (
        "stt {} is used twice in decision \"{}\"",
        "số thứ tự {} bị dùng hai lần trong quyết định \"{}\"",
    ),
    ("\"{}\" is required for {}", "cần có \"{}\" với {}"),
    ("an individual (ca-nhan)", "cá nhân (ca-nhan)"),
    ("a collective (tap-the)", "tập thể (tap-the)"),
    (
        "a photo may only be published with consent",
        "chỉ được đăng ảnh khi đã có sự đồng ý",
    ),
    (
        "set \"dong_y_dang_anh: true\" once consent is recorded, or remove \"anh\"",
        "ghi \"dong_y_dang_anh: true\" khi đã có văn bản đồng ý, hoặc xoá \"anh\"",
    ),
    (
        "no indicator with id \"{}\" in results.yaml",
        "không có chỉ tiêu mang mã \"{}\" trong results.yaml",
    ),
    (
        "\"ui_language\" must be \"vi\" or \"en\", found \"{}\"",
        "\"ui_language\" phải là \"vi\" hoặc \"en\", nhưng đang là \"{}\"",
    ),
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
        "The language of messages: vi or en (default: site.yaml's ui_language, then LANG).",
        "Ngôn ngữ thông báo: vi hoặc en (mặc định: ui_language trong site.yaml, rồi biến LANG).",
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
    (
        "Replace the output folder even though thidua did not make it: everything in it is deleted (needed once, for a folder made by hand or by an older thidua).",
        "Thay thư mục kết quả dù thidua không tạo ra nó: mọi thứ trong đó bị xoá (chỉ cần một lần, cho thư mục tạo tay hoặc do bản thidua cũ dựng).",
    ),
    // Links and names (issue 12).
    (
        "is a symbolic link to {}, outside the site's content, static and theme folders (or into a hidden folder): thidua never publishes files from elsewhere",
        "là liên kết tượng trưng tới {}, nằm ngoài các thư mục nội dung, static và giao diện của trang (hoặc vào một thư mục ẩn): thidua không bao giờ đăng tệp từ nơi khác",
    ),
    (
        "is a symbolic link to {}, which does not exist",
        "là liên kết tượng trưng tới {}, nơi không có tệp nào",
    ),
    (
        "copy the file into the site instead of linking to it",
        "hãy chép tệp vào trong trang thay vì liên kết tới nó",
    ),
    (
        "two files have this name, written with different Unicode forms ({} and {}): only one of them could be published",
        "có hai tệp cùng tên này, viết theo hai dạng Unicode khác nhau ({} và {}): chỉ một tệp có thể được đăng",
    ),
    (
        "delete or rename one of them",
        "hãy xoá hoặc đổi tên một tệp",
    ),
    (
        "would be published as {}, which is the same name as {}'s on Windows and macOS (only letter case or accents are written differently)",
        "sẽ được đăng thành {}, trùng tên với tệp của {} trên Windows và macOS (chỉ khác chữ hoa/thường hoặc cách ghi dấu)",
    ),
    ("rename one of them", "hãy đổi tên một tệp"),
    (
        "{} has files that thidua did not publish there: publish into an empty folder, or one thidua published to before",
        "{} có các tệp không do thidua đăng: hãy đăng vào thư mục trống, hoặc thư mục thidua đã đăng trước đó",
    ),
    (
        "listening on {}: other computers on the network can see this preview, drafts included",
        "đang mở ở {}: các máy khác trong mạng có thể xem bản xem trước này, kể cả bản nháp",
    ),
    (
        "cannot listen on {}: {} (is another preview running? try --port {})",
        "không mở được cổng {}: {} (có bản xem trước khác đang chạy? thử --port {})",
    ),
    // Exports and escaping (issue 12).
    (
        "Seconds allowed for each outside link (1 to 3600).",
        "Số giây chờ mỗi liên kết ngoài (từ 1 đến 3600).",
    ),
    (
        "{} decimals are too many",
        "{} chữ số thập phân là quá nhiều",
    ),
    ("write a number from 0 to {}", "hãy viết một số từ 0 đến {}"),
    (
        "the link \"{}\" uses the \"{}\" scheme, which browsers would run or open on the reader's computer",
        "liên kết \"{}\" dùng giao thức \"{}\", trình duyệt sẽ chạy hoặc mở trên máy của người đọc",
    ),
    (
        "it is written as \"#\"; link to an https:// address or to a page of the site",
        "đã được thay bằng \"#\"; hãy dẫn đến một địa chỉ https:// hoặc một trang của website",
    ),
    // Preview safety (issue 12).
    (
        "This preview answers only to localhost and its own addresses, not to \"{}\" (a protection against DNS rebinding). Open {} instead, or start it with --host {} to allow that name.",
        "Bản xem trước này chỉ trả lời localhost và các địa chỉ của chính máy này, không trả lời \"{}\" (để chống tấn công DNS rebinding). Hãy mở {}, hoặc chạy lại với --host {} để cho phép tên đó.",
    ),
    (
        "Bad request: the Host header is missing.",
        "Yêu cầu không hợp lệ: thiếu tiêu đề Host.",
    ),
    (
        "Also answer requests that use this name for the computer (may be repeated).",
        "Trả lời cả các yêu cầu dùng tên này để gọi máy tính (có thể lặp lại).",
    ),
    // Check completeness (issue 13).
    (
        "page \"{}\" is a draft, so this link leads nowhere (\"#\") until it is published",
        "trang \"{}\" là bản nháp, nên liên kết này chưa dẫn đến đâu (\"#\") cho đến khi trang được đăng",
    ),
    (
        "page \"{}\" is scheduled for {}, so this link leads nowhere (\"#\") until then",
        "trang \"{}\" được hẹn đăng vào {}, nên liên kết này chưa dẫn đến đâu (\"#\") cho đến lúc đó",
    ),
    (
        "no file has the address \"{}\"",
        "không có tệp nào có địa chỉ \"{}\"",
    ),
    (
        "\"{}\" leads to {}, where the site has no page or file",
        "\"{}\" dẫn đến {}, nơi website không có trang hay tệp nào",
    ),
    (
        "put the file in the page's folder or in static/, or correct its name",
        "hãy đặt tệp vào thư mục của trang hoặc vào static/, hoặc sửa lại tên tệp",
    ),
    (
        "\"{}\" leads outside the site's folder {}, so it will be broken once published",
        "\"{}\" dẫn ra ngoài thư mục {} của website, nên sẽ bị hỏng khi đăng",
    ),
    ("write \"{}\"", "hãy viết \"{}\""),
    (
        "\"{}\" leads outside the site's folder {}, so thidua cannot check it",
        "\"{}\" dẫn ra ngoài thư mục {} của website, nên thidua không kiểm tra được",
    ),
    (
        "if it is part of this site, start the address with {}",
        "nếu đó là một phần của website này, hãy bắt đầu địa chỉ bằng {}",
    ),
    (
        "the section \"{}\" has no published pages: every page in it is a draft or scheduled for later",
        "mục \"{}\" chưa có trang nào được đăng: mọi trang trong mục đều là bản nháp hoặc hẹn đăng sau",
    ),
    (
        "its list page is published empty; publish a page in it, or leave it out of the menu until then",
        "trang danh sách của mục vẫn được đăng nhưng trống; hãy đăng một trang trong mục, hoặc tạm bỏ mục khỏi menu",
    ),
    (
        "this copy of thidua cannot check links to other sites (it was built without the \"external-links\" feature): run thidua check without --external, or use a release download",
        "bản thidua này không kiểm tra được liên kết đến website khác (nó được dựng không có tính năng \"external-links\"): hãy chạy thidua check không kèm --external, hoặc dùng bản tải về chính thức",
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
];

/// Renders an English sentence in `lang` (unchanged for English or when it has no entry).
pub fn translate(text: &str, lang: Lang) -> Cow<'_, str> {
    if lang == Lang::En {
        return Cow::Borrowed(text);
    }
    match vietnamese(text, 0) {
        Some(vi) => Cow::Owned(vi),
        None => Cow::Borrowed(text),
    }
}

fn vietnamese(text: &str, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    // The most specific sentence first: "Rebuilt {} in {} ms…" before "{} in {}".
    let mut entries: Vec<&(&str, &str)> = CATALOGUE.iter().collect();
    entries.sort_by_key(|(en, _)| std::cmp::Reverse(en.len() - 2 * en.matches("{}").count()));
    for (en, vi) in entries {
        if let Some(parts) = matches(en, text) {
            let mut out = String::with_capacity(vi.len() + text.len());
            let mut rest = *vi;
            for part in parts {
                let Some(i) = rest.find("{}") else { break };
                out.push_str(&rest[..i]);
                out.push_str(&vietnamese(part, depth + 1).unwrap_or_else(|| part.to_string()));
                rest = &rest[i + 2..];
            }
            out.push_str(rest);
            return Some(out);
        }
    }
    // "indicators[0].targets[0].op: unknown operator …": keep the data path, translate the rest.
    let (path, rest) = text.split_once(": ")?;
    let is_path = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.[]".contains(c));
    if is_path {
        return vietnamese(rest, depth + 1).map(|r| format!("{path}: {r}"));
    }
    None
}

/// The parts of `text` that fill the `{}` of `pattern`, or `None` if it does not match.
fn matches<'a>(pattern: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let literals: Vec<&str> = pattern.split("{}").collect();
    let (first, last) = (literals[0], literals[literals.len() - 1]);
    if literals.len() == 1 {
        return (pattern == text).then(Vec::new);
    }
    let mut rest = text.strip_prefix(first)?;
    rest = rest.strip_suffix(last)?;
    let mut parts = Vec::with_capacity(literals.len() - 1);
    for lit in &literals[1..literals.len() - 1] {
        let i = rest.find(lit)?;
        let part = &rest[..i];
        if part.is_empty() {
            return None;
        }
        parts.push(part);
        rest = &rest[i + lit.len()..];
    }
    if rest.is_empty() {
        return None;
    }
    parts.push(rest);
    Some(parts)
}

/// The command-line help in `lang`: every text of `cmd` and its subcommands, and the
/// headings ("Usage", "Options"…).
pub fn localize_help(cmd: clap::Command, lang: Lang) -> clap::Command {
    if lang == Lang::En {
        return cmd;
    }
    let mut cmd = cmd;
    cmd.build();
    localize_command(cmd)
}

/// clap's own words in a rendered help text ("[OPTIONS]", "[default: .]"), in `lang`: the
/// templates of [`localize_help`] cover the headings, these the words clap writes inline.
pub fn localize_help_words(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    [
        ("[OPTIONS]", "[TÙY CHỌN]"),
        ("<COMMAND>", "<LỆNH>"),
        ("[COMMAND]", "[LỆNH]"),
        ("[default: ", "[mặc định: "),
        ("[possible values: ", "[giá trị: "),
        ("Usage: ", "Cách dùng: "),
        (
            "Print this message or the help of the given subcommand(s)",
            "In hướng dẫn này hoặc hướng dẫn của lệnh đã cho",
        ),
        ("error: unrecognized subcommand", "lỗi: không có lệnh"),
        ("error: unexpected argument", "lỗi: tham số không hợp lệ"),
        ("' found\n", "'\n"),
        ("error: invalid value", "lỗi: giá trị không hợp lệ"),
        (
            "error: the following required arguments were not provided",
            "lỗi: còn thiếu các tham số bắt buộc sau",
        ),
        ("error: a value is required for", "lỗi: cần một giá trị cho"),
        (
            "  tip: a similar subcommand exists:",
            "  gợi ý: có lệnh gần giống:",
        ),
        (
            "  tip: a similar argument exists:",
            "  gợi ý: có tùy chọn gần giống:",
        ),
        (
            "For more information, try '--help'.",
            "Xem thêm: chạy lại với '--help'.",
        ),
    ]
    .iter()
    .fold(text.to_string(), |t, (en, vi)| t.replace(en, vi))
}

/// A help text in Vietnamese: whole sentences only (clap drops their final period).
fn help_text(s: &clap::builder::StyledStr) -> String {
    let text = s.to_string();
    CATALOGUE
        .iter()
        .filter(|(en, _)| !en.contains("{}"))
        .find(|(en, _)| *en == text || en.strip_suffix('.') == Some(text.as_str()))
        .map_or(text.clone(), |(en, vi)| {
            if en.ends_with('.') && !text.ends_with('.') {
                vi.trim_end_matches('.').to_string()
            } else {
                (*vi).to_string()
            }
        })
}

fn localize_command(mut cmd: clap::Command) -> clap::Command {
    let tr = help_text;
    if let Some(about) = cmd.get_about().map(tr) {
        cmd = cmd.about(about);
    }
    if let Some(about) = cmd.get_long_about().map(tr) {
        cmd = cmd.long_about(about);
    }
    let args: Vec<(clap::Id, Option<String>)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().clone(), a.get_help().map(tr)))
        .collect();
    for (id, help) in args {
        if let Some(help) = help {
            cmd = cmd.mut_arg(id, |a| a.help(help));
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, localize_command);
    }
    let has_subcommands = cmd.get_subcommands().next().is_some();
    let has_positionals = cmd.get_positionals().next().is_some();
    let mut template = String::from("{before-help}{about-with-newline}\nCách dùng: {usage}\n");
    if has_subcommands {
        template.push_str("\nLệnh:\n{subcommands}\n");
    }
    if has_positionals {
        template.push_str("\nTham số:\n{positionals}\n");
    }
    template.push_str("\nTùy chọn:\n{options}{after-help}");
    cmd.help_template(template)
}

/// A diagnostic as printed in `lang`: `file:line:col: topic: message (hint)`.
pub fn render(d: &Diagnostic, lang: Lang) -> String {
    if lang == Lang::En {
        return d.to_string();
    }
    let mut out = d.file.clone();
    if let Some(l) = d.location {
        out.push_str(&format!(":{}:{}", l.line, l.col));
    }
    if d.severity == Severity::Warning {
        out.push_str(": cảnh báo");
    }
    out.push_str(&format!(": {}: {}", d.topic, translate(&d.message, lang)));
    if let Some(h) = &d.hint {
        out.push_str(&format!(" ({})", translate(h, lang)));
    }
    crate::diagnostic::escape_controls(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    #[test]
    fn language_choice() {
        assert_eq!(
            Lang::choose(Some("en"), Some("vi"), Some("vi_VN.UTF-8")),
            Lang::En
        );
        assert_eq!(
            Lang::choose(None, Some("vi"), Some("en_US.UTF-8")),
            Lang::Vi
        );
        assert_eq!(Lang::choose(None, None, Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(Lang::choose(None, None, Some("C.UTF-8")), Lang::En);
        assert_eq!(Lang::choose(None, None, None), Lang::En);
    }

    #[test]
    fn sentences_and_their_parts_are_translated() {
        let t = |s: &str| translate(s, Lang::Vi).into_owned();
        assert_eq!(
            t("unknown field \"tittle\""),
            "trường không hợp lệ \"tittle\""
        );
        assert_eq!(t("did you mean \"title\"?"), "có phải ý bạn là \"title\"?");
        assert_eq!(
            t("Build failed: 3 errors in 2 files. public/ was not changed."),
            "Dựng trang thất bại: 3 lỗi trong 2 tệp. public/ không bị thay đổi."
        );
        assert_eq!(
            t("Built 36 pages (46 files, 703 KB) in 0.01 s into public/"),
            "Đã dựng 36 trang (46 tệp, 703 KB) trong 0.01 giây vào public/"
        );
        assert_eq!(
            t("\"tags\" must be a list, found the text \"x\""),
            "\"tags\" phải là một danh sách, nhưng đang là chữ \"x\""
        );
        assert_eq!(
            t("indicators[0].targets[0].op: unknown operator \"=>\""),
            "indicators[0].targets[0].op: phép so sánh không hợp lệ \"=>\""
        );
        assert_eq!(
            t(
                "cannot listen on 127.0.0.1:1111: Address already in use (os error 98) (is another preview running? try --port 1112)"
            ),
            "không mở được cổng 127.0.0.1:1111: cổng này đang có chương trình khác dùng (lỗi hệ thống 98) (có bản xem trước khác đang chạy? thử --port 1112)"
        );
        assert_eq!(t("something new"), "something new");
        assert_eq!(
            translate("unknown field \"x\"", Lang::En),
            "unknown field \"x\""
        );
    }

    #[test]
    fn a_diagnostic_in_vietnamese() {
        let d = Diagnostic::error(
            "content/tin-tuc/bai-1.md",
            "front matter",
            "unknown field \"tittle\"",
        )
        .at(Location::new(3, 1))
        .with_hint("did you mean \"title\"?");
        assert_eq!(
            render(&d, Lang::Vi),
            "content/tin-tuc/bai-1.md:3:1: front matter: trường không hợp lệ \"tittle\" (có phải ý bạn là \"title\"?)"
        );
        assert_eq!(render(&d, Lang::En), d.to_string());
    }

    /// Messages exactly as thidua prints them (taken from the tests that pin them): each must
    /// come out fully in Vietnamese, with no English sentence left over.
    #[test]
    fn printed_messages_have_vietnamese_wording() {
        let printed = [
            "unknown field \"tittle\"",
            "\"weight\" must be a whole number, found the text \"nặng\"",
            "\"draft\" must be true or false, found the number 3",
            "\"title\" must be text, found a list",
            "a tab is used for indentation",
            "the file does not start with front matter",
            "the front matter is not closed",
            "\"date\" is not a real date or time: \"2023-02-30\"",
            "\"slug\" \"../x\" is not a single URL segment",
            "invalid UTF-8 byte 0xFF at byte offset 5",
            "the file is UTF-16, not UTF-8",
            "page \"tin-tuc/bai-9.md\" does not exist",
            "the URL /tin-tuc/bai-viet/ is also written by content/tin-tuc/Bài viết.md",
            "template \"dac-biet.html\" does not exist",
            "unknown theme \"xanh\": there is no folder themes/xanh",
            "\"base_url\" is not a URL, found \"example.gov.vn\"",
            "indicators[0].total.counts.dung_han: the numerator \"dung_han\" (101) is larger than the denominator (100)",
            "indicators[0].breakdown: the rows add up to da_giai_quyet = 90, but the total is 100",
            "indicators[1].id: the id \"ho-so-dung-han\" is used twice",
            "honourees[2]: \"ten_tap_the\" is required for a collective (tap-the)",
            "honourees[1].stt: stt 1 is used twice in decision \"qd-1\"",
            "honourees[0].anh: a photo may only be published with consent",
            "\"@/tin-tuc/a.md\" has no heading with the id \"#ket-qa\"",
            "the image \"anh.jpg\" has no alt text",
            "the page has no \"description\"",
            "Build failed: 1 error in 1 file. public/ was not changed.",
            "Check failed: 2 errors, 0 warnings. Nothing was written.",
            "Rebuilt 10 pages in 7 ms after a change to content/a.md",
            "Rebuilt 10 pages in 7 ms after changes to content/a.md and 2 other files",
            "Check failed: 2 errors in 1 file. Nothing was written.",
            "cannot listen on 127.0.0.1:1111: Address already in use (os error 98) (is another preview running? try --port 1112)",
            "Created content/tin-tuc/a.md (a draft: remove \"draft: true\" to publish)",
            "To /mnt/x: 3 new, 1 changed, 0 removed, 12 unchanged",
            "while rendering content/tin-tuc/bai-1.md and 1 other page",
            "did you mean `title`?; while rendering content/a.md",
            "did you mean `title`?; in cached() at templates/index.html:1:32, while rendering content/a.md and 2 other pages",
            "the data is nested more than 64 levels deep",
            "put fewer lists and mappings inside each other",
            "the alias \"*x\" makes the data too large: aliases may add at most 200000 values",
            "write the values out, or use fewer aliases",
            "the alias \"*r\" is inside the value it refers to",
        ];
        for text in printed {
            let vi = translate(text, Lang::Vi);
            assert_ne!(vi, text, "no Vietnamese for: {text}");
            for english in [
                " the ", " is ", " must ", " not ", " found ", "failed", "while",
            ] {
                assert!(
                    !vi.contains(english),
                    "English left in {vi:?} (from {text:?})"
                );
            }
        }
    }

    #[test]
    fn every_entry_has_the_same_parts_in_both_languages() {
        for (en, vi) in CATALOGUE {
            assert_eq!(en.matches("{}").count(), vi.matches("{}").count(), "{en}");
        }
    }
}
