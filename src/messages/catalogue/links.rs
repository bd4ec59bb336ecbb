//! Links, templates, URLs, exports, the preview's refusals and `check`.

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
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
];
